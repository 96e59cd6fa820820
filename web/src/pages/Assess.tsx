// The vulnerability part of the Mineral page (from /api/assess/:mineral): imports into the chosen trio country
// as a Sankey, look-through vs direct origins, concentration trends 2002–2024, risk scores and the data gaps.
import * as Plot from '@observablehq/plot';
import { hhiTrend, shareTrend } from '../../../src/report/charts.ts';
import type { AssessResult } from '../../../src/services/assess.ts';
import { Figure } from '../components/Figure.tsx';
import { Sankey } from '../components/Sankey.tsx';
import { Gaps } from '../components/Status.tsx';
import { Table } from '../components/Table.tsx';
import { num, pct, TRIO_NAMES } from '../format.ts';
import { useWidth } from '../hooks.ts';

const usd = (v: number) =>
  v >= 1e9
    ? `$${(v / 1e9).toFixed(1)}bn`
    : v >= 1e6
      ? `$${(v / 1e6).toFixed(1)}m`
      : `$${(v / 1e3).toFixed(0)}k`;
const TOP = 8;
/** Suppliers below this share of the importer's value are drawn together as "others". */
const MIN_SHARE = 0.01;

type Importer = AssessResult['importers'][number];
type Scored = {
  sr?: number | null;
  score?: number | null;
  reason?: string | null;
  publishedEu2023?: number | null;
};

function ImportsSankey({
  imp,
  name,
  year,
  source,
}: {
  imp: Importer;
  name: (c: string) => string;
  year: number;
  source: string;
}) {
  const [ref, width] = useWidth<HTMLDivElement>();
  const partners = imp.partners ?? [];
  const top = partners.slice(0, TOP).filter((p) => (p.share ?? 0) >= MIN_SHARE);
  const rest = partners.slice(top.length).reduce((s, p) => s + (p.value_usd ?? 0), 0);
  const target = TRIO_NAMES[imp.country] ?? imp.country;
  const flows = [
    ...top
      .filter((p) => (p.value_usd ?? 0) > 0)
      .map((p) => ({ source: name(p.country), target, value: p.value_usd ?? 0 })),
    ...(rest > 0 ? [{ source: `${partners.length - top.length} others`, target, value: rest }] : []),
  ];
  const rows = partners.map(({ sourceLines: _l, ...p }) => ({ importer: imp.country, year, ...p }));
  return (
    <Figure
      title={`Imports into ${target}, ${year} (value)`}
      filename={`imports-${imp.country}-${year}`}
      rows={rows}
      source={source}
    >
      <div ref={ref}>
        {flows.length ? <Sankey flows={flows} width={width} format={usd} /> : <p>No flows.</p>}
      </div>
    </Figure>
  );
}

export function AssessView({
  a,
  country,
  name,
}: {
  a: AssessResult;
  country: string;
  name: (c: string) => string;
}) {
  const imp = a.importers.find((i) => i.country === country);
  const tradeSource = `CEPII BACI (Etalab 2.0), HS ${
    imp?.codes
      .filter((c) => c.inSharedData)
      .map((c) => c.hs6)
      .join(', ') || '—'
  }; ${imp && 'source' in imp && imp.source ? imp.source.file : ''}`;
  const lt = imp?.lookThrough ?? null;
  const ltRows = lt
    ? [
        ...new Set(
          [...lt.origins, ...lt.direct.partners].filter((o) => o.share >= 0.005).map((o) => o.country),
        ),
      ]
        .slice(0, 10)
        .flatMap((c) => [
          {
            origin: c,
            name: name(c),
            measure: 'direct',
            share: lt.direct.partners.find((o) => o.country === c)?.share ?? 0,
          },
          {
            origin: c,
            name: name(c),
            measure: 'look-through',
            share: lt.origins.find((o) => o.country === c)?.share ?? 0,
          },
        ])
    : [];
  const trend = a.trends?.imports?.find((t) => t.country === country)?.series ?? [];
  const trendRows = trend.flatMap((s) => [
    { year: s.year, measure: 'China share (direct)', value: s.chinaShare },
    { year: s.year, measure: 'China share (look-through)', value: s.lookThroughChinaShare },
  ]);
  const hhiRows = trend.map((s) => ({ year: s.year, importHhi: s.hhi }));
  const prodTrend = (a.trends?.production ?? []).flatMap((p) =>
    p.series.map((s) => ({ stage: p.stage, ...s })),
  );
  const hhiSeries = [
    ...hhiRows.map((r) => ({ series: `${country} imports`, year: r.year, hhi: r.importHhi })),
    ...prodTrend.map((p) => ({ series: `world ${p.stage}`, year: p.year, hhi: p.hhi })),
  ];
  const risk = {
    eu: a.risk.euSR[country] as Scored | undefined,
    gpr: a.risk.geoPolRisk[country] as Scored | undefined,
    usgs: a.risk.usgsStyle[country] as Scored | undefined,
  };
  return (
    <>
      <h2>
        {TRIO_NAMES[country]}'s dependence, {a.year}
      </h2>
      <div class="cards">
        <div class="card">
          <div class="sub">China's share of imports (direct)</div>
          <div class="big" data-testid="direct-china">
            {pct(imp?.chinaShare ?? null)}
          </div>
          <div class="sub">{imp?.reason ?? 'by value, BACI'}</div>
        </div>
        <div class="card">
          <div class="sub">China's share, look-through</div>
          <div class="big">{pct(lt?.chinaShare ?? null)}</div>
          <div class="sub">origin traced through intermediaries</div>
        </div>
        <div class="card">
          <div class="sub">Net import reliance</div>
          <div class="big">
            {imp?.netImportReliance.code === 'E' ? 'E' : pct(imp?.netImportReliance.value ?? null, 0)}
          </div>
          <div class="sub">{imp?.netImportReliance.code ?? imp?.netImportReliance.basis.split(':')[0]}</div>
        </div>
        <div class="card">
          <div class="sub">EU supply risk (SR)</div>
          <div class="big">{num(risk.eu?.sr ?? null, 2)}</div>
          <div class="sub">
            {risk.eu?.publishedEu2023 != null
              ? `EU 2023 published: ${risk.eu.publishedEu2023}`
              : (risk.eu?.reason ?? '')}
          </div>
        </div>
        <div class="card">
          <div class="sub">GeoPolRisk · USGS-style score</div>
          <div class="big">
            {num(risk.gpr?.score ?? null, 2)} · {num(risk.usgs?.score ?? null, 2)}
          </div>
          <div class="sub">{risk.gpr?.reason ?? risk.usgs?.reason ?? 'Gemechu et al.; USGS 2022 method'}</div>
        </div>
      </div>
      <div class="grid">
        {imp?.partners?.length ? (
          <ImportsSankey imp={imp} name={name} year={a.year} source={tradeSource} />
        ) : null}
        {lt && (
          <Figure
            title="Look-through vs direct: where the supply originates"
            filename={`lookthrough-${a.mineral}-${country}-${a.year}`}
            rows={ltRows}
            source={`${tradeSource}; USGS production (${lt.productionUsed.join('; ')}); Leontief-style trace (DESIGN.md)`}
            draw={(width) =>
              Plot.plot({
                width,
                marginLeft: 120,
                x: { label: 'share of supply', tickFormat: '.0%', grid: true },
                y: { axis: null, domain: ['direct', 'look-through'] },
                fy: { label: null, domain: [...new Set(ltRows.map((r) => r.name))] },
                color: { legend: true, domain: ['direct', 'look-through'], range: ['#4a6fa5', '#d98c1f'] },
                marks: [
                  Plot.barX(ltRows, { x: 'share', y: 'measure', fy: 'name', fill: 'measure' }),
                  Plot.ruleX([0]),
                ],
              })
            }
            note={`Unresolved share ${pct(lt.unresolved, 2)}; basis ${lt.basis}.`}
          />
        )}
        {trend.length > 0 && (
          <Figure
            title={`China's share of ${TRIO_NAMES[country]}'s imports, ${trend[0].year}–${trend.at(-1)?.year}`}
            filename={`trend-${a.mineral}-${country}`}
            rows={trend}
            source={tradeSource}
            draw={(width) => shareTrend(trendRows, { width, label: 'China share' })}
            note="Years without flows are gaps (no point), not zero."
          />
        )}
        {hhiRows.length > 0 && (
          <Figure
            title="Concentration of imports (HHI) and of world production"
            filename={`hhi-${a.mineral}-${country}`}
            rows={hhiSeries}
            source={`${tradeSource}; USGS MCS world production`}
            draw={(width) => hhiTrend(hhiSeries, { width })}
            note="Dashed line: HHI 2,500, the usual threshold of a highly concentrated market."
          />
        )}
      </div>
      {a.exportControls.length > 0 && (
        <>
          <h2>Export controls on {a.name}</h2>
          <Table
            rows={a.exportControls as unknown as Record<string, unknown>[]}
            columns={[
              { key: 'imposer', label: 'Imposer' },
              { key: 'type', label: 'Type' },
              { key: 'effective', label: 'Effective' },
              { key: 'stateAtYearEnd', label: `State end ${a.year}` },
              {
                key: 'targets',
                label: 'Targets',
                format: (r) => (Array.isArray(r.targets) ? r.targets.join(', ') : String(r.targets)),
              },
              { key: 'source', label: 'Source', format: (r) => (r.source as { title: string }).title },
            ]}
          />
        </>
      )}
      <Gaps gaps={a.gaps.map((g) => ({ what: `${g.topic} (${g.reason})`, reason: g.detail }))} />
    </>
  );
}
