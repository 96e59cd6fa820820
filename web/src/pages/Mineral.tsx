// Mineral: who mines and refines it (world map of shares), flows into the chosen trio country, concentration
// and risk trends (risk scores over time; the EU's own number reproduced), look-through vs direct dependence,
// and the data gaps.
import * as Plot from '@observablehq/plot';
import { producerBars } from '../../../src/report/charts.ts';
import type { AssessResult } from '../../../src/services/assess.ts';
import type { ProductionResult } from '../../../src/services/production.ts';
import { useApi, useNames } from '../api.ts';
import { Figure } from '../components/Figure.tsx';
import { Await, Gaps } from '../components/Status.tsx';
import { Table } from '../components/Table.tsx';
import { drawMap, useWorld } from '../components/WorldMap.tsx';
import { CASE_MINERALS, num, pct, TRIO, TRIO_NAMES } from '../format.ts';
import { navigate, type Route } from '../route.ts';
import { AssessView } from './Assess.tsx';

export interface MineralInfo {
  id: string;
  name: string;
  tier: string;
  stages: string[];
}

function ProductionView({
  p,
  country,
  name,
}: {
  p: ProductionResult;
  country: string;
  name: (c: string) => string;
}) {
  const world = useWorld();
  const values = new Map(p.shares.filter((s) => s.share !== null).map((s) => [s.country, s.share as number]));
  const rows = p.shares.map((s) => ({
    mineral: p.mineral,
    stage: p.stage,
    year: p.year,
    unit: p.unit,
    ...s,
  }));
  const source = `${p.source.citation} (${p.source.file}, lines ${p.source.worldLine ?? '—'} ff.; ${p.source.licence})`;
  return (
    <>
      <div class="cards">
        <div class="card">
          <div class="sub">China's share of {p.stage} production</div>
          <div class="big" data-testid="china-share">
            {pct(p.chinaShare)}
          </div>
          <div class="sub">{p.year}</div>
        </div>
        <div class="card">
          <div class="sub">HHI (0–10,000)</div>
          <div class="big">{num(p.hhi)}</div>
          <div class="sub">{p.hhi !== null && p.hhi > 2500 ? 'highly concentrated' : ''}</div>
        </div>
        <div class="card">
          <div class="sub">Top-3 share</div>
          <div class="big">{pct(p.top3)}</div>
        </div>
        <div class="card">
          <div class="sub">World {p.stage} production</div>
          <div class="big">{num(p.world)}</div>
          <div class="sub">{p.unit}</div>
        </div>
      </div>
      <div class="grid">
        <Figure
          title={`Share of world ${p.stage} production, ${p.year}`}
          filename={`${p.mineral}-${p.stage}-${p.year}-shares`}
          rows={rows}
          source={source}
          draw={
            world
              ? (width) =>
                  drawMap(world, values, {
                    label: `share of world ${p.stage} production`,
                    width,
                    highlight: country,
                  })
              : undefined
          }
        >
          <p class="loading">Loading map…</p>
        </Figure>
        <Figure
          title={`Producers, ${p.year} (${p.unit})`}
          filename={`${p.mineral}-${p.stage}-${p.year}-producers`}
          rows={rows}
          source={source}
          draw={(width) =>
            producerBars(
              p.shares
                .filter((x) => x.share !== null)
                .map((x) => ({
                  country: x.country,
                  label: name(x.country),
                  share: x.share as number,
                  quantity: x.quantity,
                })),
              { width, unit: p.unit },
            )
          }
          note={p.notes.join(' ')}
        />
      </div>
      <Gaps
        gaps={p.shares
          .filter((s) => s.quantity === null)
          .map((s) => ({ what: `${s.name} ${p.year}`, reason: s.nullReason ?? 'not reported' }))}
      />
    </>
  );
}

type RiskPoint = NonNullable<AssessResult['trends']>['risk']['series'][number]['points'][number];

const SCORES = [
  { key: 'euSR', label: 'EU supply risk (0–10)' },
  { key: 'geoPolRisk', label: 'GeoPolRisk (0–1)' },
  { key: 'usgsStyle', label: 'USGS-style DP×TE (0–1)' },
] as const;

/** "2020–2023, 2025": consecutive years as ranges. */
function yearRanges(years: number[]) {
  const out: string[] = [];
  for (let i = 0; i < years.length; i++) {
    let j = i;
    while (j + 1 < years.length && years[j + 1] === years[j] + 1) j++;
    out.push(i === j ? `${years[i]}` : `${years[i]}–${years[j]}`);
    i = j;
  }
  return out.join(', ');
}

/** Why a score is missing, grouped by reason: "reason (years)". */
function nullReasons(points: RiskPoint[], key: (typeof SCORES)[number]['key']) {
  const by = new Map<string, number[]>();
  for (const p of points) {
    const reason = p[`${key}Reason`]?.replaceAll(String(p.year), 'the year');
    if (p[key] === null && reason) by.set(reason, [...(by.get(reason) ?? []), p.year]);
  }
  return [...by.entries()].map(([r, ys]) => `${r} (${yearRanges(ys)})`).join('; ');
}

function RiskTrendView({ a, country }: { a: AssessResult; country: string }) {
  const points = a.trends?.risk.series.find((s) => s.country === country)?.points ?? [];
  if (!points.length) return null;
  const rows = points.map((p) => ({ mineral: a.mineral, country, ...p }));
  const rep = a.risk.euReproduction;
  const published = rep.published.sr.value;
  const years = points.filter((p) => SCORES.some((s) => p[s.key] !== null)).map((p) => p.year);
  const x0 = Math.min(...years, 2020);
  const x1 = Math.max(...years, 2024);
  const draw = (width: number) => {
    const box = document.createElement('div');
    box.setAttribute('style', 'display:flex;flex-wrap:wrap;gap:12px');
    const w = width >= 900 ? Math.floor((width - 24) / 3) : width;
    for (const s of SCORES) {
      const data = points.filter((p) => p[s.key] !== null && p.year >= x0);
      const ref = s.key === 'euSR' && published !== null ? published : null;
      const top = Math.max(ref ?? 0, ...data.map((p) => p[s.key] as number)) * 1.15 || 1;
      box.append(
        Plot.plot({
          width: w,
          height: 240,
          marginLeft: 44,
          x: { label: null, tickFormat: 'd', domain: [x0, x1], ticks: x1 - x0 },
          y: { label: s.label, grid: true, domain: [0, top] },
          marks: [
            Plot.ruleY([0]),
            ...(ref !== null
              ? [
                  Plot.ruleY([ref], { stroke: '#888', strokeDasharray: '4,3' }),
                  Plot.text([ref], {
                    x: x0,
                    y: ref,
                    text: () => `EU 2023: ${ref}`,
                    dy: -6,
                    textAnchor: 'start',
                    fill: '#555',
                  }),
                ]
              : []),
            Plot.line(data, { x: 'year', y: s.key, stroke: '#4a6fa5' }),
            Plot.dot(data, {
              x: 'year',
              y: s.key,
              fill: '#4a6fa5',
              title: (p: RiskPoint) => `${p.year}: ${num(p[s.key], 3)}`,
            }),
          ],
        }),
      );
    }
    return box;
  };
  const repRows = rep.available
    ? rep.stages.map(({ supply, missing, ...s }) => ({
        ...s,
        sharesUsed: supply ? `${supply.year}, ${supply.source}` : null,
        missing: missing.join('; '),
      }))
    : [];
  return (
    <>
      <h2>Risk scores over time</h2>
      <Figure
        title={`Criticality scores for ${TRIO_NAMES[country] ?? country} by year (dashed: the EU's 2023 value)`}
        filename={`risk-trend-${a.mineral}-${country}`}
        rows={rows}
        source={`${a.trends?.risk.basis}. Inputs: USGS MCS production shares, BACI (CEPII, Etalab 2.0) tonnes, USGS net import reliance, WGI (World Bank, CC BY 4.0), export-control register; EU 2023 SR ${published ?? '—'} (EC 2023, doi:10.2873/725585)`}
        draw={draw}
        note={
          <>
            Scores computed for {years.length ? yearRanges(years) : 'no year'}; other years are gaps, not
            zeros. EU SR missing: {nullReasons(points, 'euSR') || 'none'}. GeoPolRisk missing:{' '}
            {nullReasons(points, 'geoPolRisk') || 'none'}. USGS-style missing:{' '}
            {nullReasons(points, 'usgsStyle') || 'none'}.
          </>
        }
      />
      <h3>Reproducing the EU's own number</h3>
      {rep.available ? (
        <>
          <Table
            rows={repRows}
            columns={[
              { key: 'stage', label: 'EU stage' },
              { key: 'basis', label: 'EU supply basis' },
              { key: 'publishedSr', label: 'EU 2023 SR', numeric: true },
              {
                key: 'reproducedSr',
                label: 'Reproduced',
                numeric: true,
                format: (r) => num(r.reproducedSr, 2),
              },
              { key: 'gap', label: 'Gap', numeric: true, format: (r) => num(r.gap, 2) },
              { key: 'sharesUsed', label: 'Shares used' },
              {
                key: 'complete',
                label: 'Status',
                format: (r) =>
                  r.complete
                    ? `complete, ${r.withinTolerance ? 'within' : 'outside'} ±${rep.tolerance}`
                    : `incomplete: ${r.missing}`,
              },
            ]}
          />
          <p class="note">
            {TRIO.filter((c) => rep.trio[c])
              .map((c) => `${TRIO_NAMES[c]} ${num(rep.trio[c].sr, 2)}`)
              .join(' · ')}{' '}
            (trio SR {a.year}, own sourcing and import reliance). Why they differ:{' '}
            {rep.differences.join('; ')}.
          </p>
          <p class="source">
            Source: EU inputs (IR, EOL-RIR, SI_SR, trade parameters applied) from the EC 2023 study as
            transcribed in CritMAT (secondary, src/catalog/eu-crm-2023.yaml); global shares USGS MCS; WGI
            World Bank.
          </p>
        </>
      ) : (
        <p class="note">Not available: {rep.reason}.</p>
      )}
    </>
  );
}

export function MineralPage({ route }: { route: Route }) {
  const mineral = route.parts[1] ?? 'gallium';
  const country = route.query.get('country') ?? 'KOR';
  const year = route.query.get('year') ?? undefined;
  const stage = route.query.get('stage') ?? undefined;
  const minerals = useApi<MineralInfo[]>('/minerals');
  const production = useApi<ProductionResult>('/production', { mineral, year, stage });
  const assessment = useApi<AssessResult>(`/assess/${mineral}`, { country });
  const name = useNames();
  const go = (m: string, q: Record<string, string | undefined>) =>
    navigate(`/mineral/${m}`, { country, year, stage, ...q });
  const stages = minerals.data?.find((m) => m.id === mineral)?.stages ?? [];
  return (
    <>
      <h1>{minerals.data?.find((m) => m.id === mineral)?.name ?? mineral}</h1>
      <div class="controls">
        <label>
          Mineral
          <select
            value={mineral}
            onChange={(e) => go(e.currentTarget.value, { year: undefined, stage: undefined })}
          >
            {(minerals.data ?? CASE_MINERALS.map((id) => ({ id, name: id, tier: '', stages: [] }))).map(
              (m) => (
                <option key={m.id} value={m.id}>
                  {m.name}
                  {m.tier === 'case-study' ? ' (case study)' : ''}
                </option>
              ),
            )}
          </select>
        </label>
        <label>
          Country
          <select value={country} onChange={(e) => go(mineral, { country: e.currentTarget.value })}>
            {TRIO.map((c) => (
              <option key={c} value={c}>
                {TRIO_NAMES[c]}
              </option>
            ))}
          </select>
        </label>
        {stages.length > 1 && (
          <label>
            Stage
            <select
              value={stage ?? stages[0]}
              onChange={(e) => go(mineral, { stage: e.currentTarget.value, year: undefined })}
            >
              {stages.map((s) => (
                <option key={s}>{s}</option>
              ))}
            </select>
          </label>
        )}
        {production.data && (
          <label>
            Production year
            <select
              value={String(production.data.year)}
              onChange={(e) => go(mineral, { year: e.currentTarget.value })}
            >
              {production.data.availableYears.map((y) => (
                <option key={y}>{y}</option>
              ))}
            </select>
          </label>
        )}
      </div>
      <h2>Who produces it</h2>
      <Await state={production}>{(p) => <ProductionView p={p} country={country} name={name} />}</Await>
      <Await state={assessment}>
        {(a) => (
          <>
            <AssessView a={a} country={country} name={name} />
            <RiskTrendView a={a} country={country} />
          </>
        )}
      </Await>
    </>
  );
}
