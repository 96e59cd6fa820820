// The vulnerability part of the Mineral page (from /api/assess/:mineral): imports into the chosen trio country
// as a Sankey, look-through vs direct origins, concentration trends 2002–2024, risk scores and the data gaps.
import * as Plot from '@observablehq/plot';
import { hhiTrend, shareTrend } from '../../../src/report/charts.ts';
import type { AssessResult } from '../../../src/services/assess.ts';
import { Figure } from '../components/Figure.tsx';
import { Sankey } from '../components/Sankey.tsx';
import { Gaps } from '../components/Status.tsx';
import { Table } from '../components/Table.tsx';
import { num, pct, usd } from '../format.ts';
import { useWidth } from '../hooks.ts';
import { useT } from '../i18n.tsx';
import { userText } from '../text.ts';

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
  const { t } = useT();
  const [ref, width] = useWidth<HTMLDivElement>();
  const partners = imp.partners ?? [];
  const top = partners.slice(0, TOP).filter((p) => (p.share ?? 0) >= MIN_SHARE);
  const rest = partners.slice(top.length).reduce((s, p) => s + (p.value_usd ?? 0), 0);
  const target = imp.country;
  const targetLabel = name(imp.country);
  const flows = [
    ...top
      .filter((p) => (p.value_usd ?? 0) > 0)
      .map((p) => ({
        source: p.country,
        sourceLabel: name(p.country),
        target,
        targetLabel,
        value: p.value_usd ?? 0,
      })),
    ...(rest > 0
      ? [
          {
            source: 'others',
            sourceLabel: t('common:country.others', { count: partners.length - top.length }),
            target,
            targetLabel,
            value: rest,
          },
        ]
      : []),
  ];
  const rows = partners.map(({ sourceLines: _l, ...p }) => ({ importer: imp.country, year, ...p }));
  const title = t('assess.importsTitle', { country: targetLabel, year });
  return (
    <Figure title={title} filename={`imports-${imp.country}-${year}`} rows={rows} source={source}>
      <div ref={ref}>
        {flows.length ? (
          <Sankey
            flows={flows}
            width={width}
            format={(v) => usd(v)}
            label={t('figure.chartName', { title })}
          />
        ) : (
          <p>{t('assess.noFlows')}</p>
        )}
      </div>
    </Figure>
  );
}

type Nir = Importer['netImportReliance'];

/** Net import reliance in words: USGS's "E" is a net exporter, never a letter or a negative number. */
function nirText(nir: Nir | null, t: (k: string) => string) {
  if (!nir) return '—';
  if (nir.code === 'E') return t('common:usgs.E');
  return pct(nir.value ?? null, 0);
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
  const { t, tOr } = useT();
  const imp = a.importers.find((i) => i.country === country);
  const tradeSource = t('assess.tradeSource', {
    codes:
      imp?.codes
        .filter((c) => c.inSharedData)
        .map((c) => c.hs6)
        .join(', ') || '—',
  });
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
            measureLabel: t('common:word.direct'),
            share: lt.direct.partners.find((o) => o.country === c)?.share ?? 0,
          },
          {
            origin: c,
            name: name(c),
            measure: 'look-through',
            measureLabel: t('common:word.lookThrough'),
            share: lt.origins.find((o) => o.country === c)?.share ?? 0,
          },
        ])
    : [];
  const trend = a.trends?.imports?.find((t) => t.country === country)?.series ?? [];
  const trendRows = trend.flatMap((s) => [
    { year: s.year, measure: t('assess.chinaShareDirect'), value: s.chinaShare },
    { year: s.year, measure: t('assess.chinaShareLookThrough'), value: s.lookThroughChinaShare },
  ]);
  const hhiRows = trend.map((s) => ({ year: s.year, importHhi: s.hhi }));
  const prodTrend = (a.trends?.production ?? []).flatMap((p) =>
    p.series.map((s) => ({ stage: p.stage, ...s })),
  );
  const hhiSeries = [
    ...hhiRows.map((r) => ({
      series: t('assess.seriesImports', { country: name(country) }),
      year: r.year,
      hhi: r.importHhi,
    })),
    ...prodTrend.map((p) => ({
      series: t('assess.seriesWorld', { stage: t(`common:stage.${p.stage}`) }),
      year: p.year,
      hhi: p.hhi,
    })),
  ];
  const risk = {
    eu: a.risk.euSR[country] as Scored | undefined,
    gpr: a.risk.geoPolRisk[country] as Scored | undefined,
    usgs: a.risk.usgsStyle[country] as Scored | undefined,
  };
  return (
    <>
      <h2>{t('assess.dependenceTitle', { country: name(country), year: a.year })}</h2>
      <div class="cards">
        <div class="card">
          <div class="sub">{t('assess.chinaShareDirect')}</div>
          <div class="big" data-testid="direct-china">
            {pct(imp?.chinaShare ?? null)}
          </div>
          <div class="sub">{imp?.reason ? userText(imp.reason) : t('assess.byValue')}</div>
        </div>
        <div class="card">
          <div class="sub">{t('assess.chinaShareLookThrough')}</div>
          <div class="big">{pct(lt?.chinaShare ?? null)}</div>
          <div class="sub">{t('assess.lookThroughExplain')}</div>
        </div>
        <div class="card">
          <div class="sub">{t('common:term.netImportReliance')}</div>
          <div class="big" data-testid="nir">
            {nirText(imp?.netImportReliance ?? null, t)}
          </div>
          <div class="sub">
            {imp?.netImportReliance.code
              ? tOr(
                  `common:reason.${imp.netImportReliance.code}`,
                  tOr(`common:usgs.${imp.netImportReliance.code}`, ''),
                )
              : userText(imp?.netImportReliance.basis.split(':')[0])}
          </div>
        </div>
        <div class="card">
          <div class="sub">{t('assess.euSr')}</div>
          <div class="big">{num(risk.eu?.sr ?? null, 2)}</div>
          <div class="sub">
            {risk.eu?.publishedEu2023 != null
              ? t('assess.euPublished', { value: num(risk.eu.publishedEu2023, 1) })
              : userText(risk.eu?.reason)}
          </div>
        </div>
        <div class="card">
          <div class="sub">{t('assess.gprUsgs')}</div>
          <div class="big">
            {num(risk.gpr?.score ?? null, 2)} · {num(risk.usgs?.score ?? null, 2)}
          </div>
          <div class="sub">
            {userText(risk.gpr?.reason ?? risk.usgs?.reason) || t('assess.gprUsgsMethods')}
          </div>
        </div>
      </div>
      <div class="grid">
        {imp?.partners?.length ? (
          <ImportsSankey imp={imp} name={name} year={a.year} source={tradeSource} />
        ) : null}
        {lt && (
          <Figure
            title={t('assess.lookThroughTitle')}
            filename={`lookthrough-${a.mineral}-${country}-${a.year}`}
            rows={ltRows}
            source={t('assess.lookThroughSource', {
              trade: tradeSource,
              production: lt.productionUsed.join('; '),
            })}
            draw={(width) =>
              Plot.plot({
                width,
                marginLeft: 120,
                x: { label: t('assess.shareOfSupply'), tickFormat: '.0%', grid: true },
                y: { axis: null, domain: [t('common:word.direct'), t('common:word.lookThrough')] },
                fy: { label: null, domain: [...new Set(ltRows.map((r) => r.name))] },
                color: {
                  legend: true,
                  domain: [t('common:word.direct'), t('common:word.lookThrough')],
                  range: ['#4a6fa5', '#b86e00'],
                },
                marks: [
                  Plot.barX(ltRows, { x: 'share', y: 'measureLabel', fy: 'name', fill: 'measureLabel' }),
                  Plot.ruleX([0]),
                ],
              })
            }
            note={t('assess.unresolved', { share: pct(lt.unresolved, 2), basis: userText(lt.basis) })}
          />
        )}
        {trend.length > 0 && (
          <Figure
            title={t('assess.trendTitle', {
              country: name(country),
              from: trend[0].year,
              to: trend.at(-1)?.year,
            })}
            filename={`trend-${a.mineral}-${country}`}
            rows={trend}
            source={tradeSource}
            draw={(width) => shareTrend(trendRows, { width, label: t('assess.chinaShare') })}
            note={t('assess.trendNote')}
          />
        )}
        {hhiRows.length > 0 && (
          <Figure
            title={t('assess.hhiTitle')}
            filename={`hhi-${a.mineral}-${country}`}
            rows={hhiSeries}
            source={t('assess.hhiSource', { trade: tradeSource })}
            draw={(width) => hhiTrend(hhiSeries, { width, yLabel: t('common:unit.hhiScale') })}
            note={t('assess.hhiNote')}
          />
        )}
      </div>
      {a.exportControls.length > 0 && (
        <>
          <h2>{t('assess.exportControlsTitle', { mineral: t(`common:mineral.${a.mineral}`) })}</h2>
          <Table
            label={t('assess.exportControlsTitle', { mineral: t(`common:mineral.${a.mineral}`) })}
            rows={a.exportControls as unknown as Record<string, unknown>[]}
            columns={[
              { key: 'imposer', label: t('assess.colImposer'), format: (r) => name(String(r.imposer)) },
              {
                key: 'type',
                label: t('assess.colType'),
                format: (r) => tOr(`assess.controlType.${r.type}`, String(r.type)),
              },
              { key: 'effective', label: t('assess.colEffective') },
              {
                key: 'stateAtYearEnd',
                label: t('assess.colStateEnd', { year: a.year }),
                format: (r) => tOr(`assess.state.${r.stateAtYearEnd}`, String(r.stateAtYearEnd)),
              },
              {
                key: 'targets',
                label: t('assess.colTargets'),
                format: (r) =>
                  Array.isArray(r.targets)
                    ? r.targets.map((c) => name(String(c))).join(', ')
                    : t('assess.allTargets'),
              },
              {
                key: 'source',
                label: t('common:word.source'),
                format: (r) => (r.source as { title: string }).title,
              },
            ]}
          />
        </>
      )}
      <Gaps
        gaps={a.gaps.map((g) => ({
          what: tOr(`assess.gapTopic.${g.topic}`, g.topic),
          reason: g.detail,
        }))}
      />
    </>
  );
}
