// Mineral: who mines and refines it (world map of shares), flows into the chosen trio country, concentration
// and risk trends, look-through vs direct dependence, and the data gaps.
import { producerBars } from '../../../src/report/charts.ts';
import type { AssessResult } from '../../../src/services/assess.ts';
import type { ProductionResult } from '../../../src/services/production.ts';
import { useApi, useNames } from '../api.ts';
import { Figure } from '../components/Figure.tsx';
import { Await, Gaps } from '../components/Status.tsx';
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
      <Await state={assessment}>{(a) => <AssessView a={a} country={country} name={name} />}</Await>
    </>
  );
}
