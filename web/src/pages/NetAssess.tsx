// Net assessment: maturity heatmaps (country × stage, and stage × instrument for one country), the gaps by
// priority, the trio's complementarities, and the ranked cooperation options with their sensitivity.
import * as Plot from '@observablehq/plot';
import { stageHeatmap } from '../../../src/report/charts.ts';
import type { CooperateResult } from '../../../src/services/cooperate.ts';
import type { NetAssessResult } from '../../../src/services/netassess.ts';
import { useApi } from '../api.ts';
import { Figure } from '../components/Figure.tsx';
import { Await, Gaps } from '../components/Status.tsx';
import { Table } from '../components/Table.tsx';
import { num, pct, TRIO, TRIO_NAMES } from '../format.ts';
import { navigate, type Route } from '../route.ts';

const CATALOG = 'minsec trio catalog (src/catalog/trio/*.yaml; each entry cites its source)';

function Heatmaps({ n, country }: { n: NetAssessResult; country: string }) {
  const stageRows = n.countries.flatMap((c) =>
    Object.entries(c.stageScores).map(([stage, score]) => ({ country: c.country, stage, score })),
  );
  const cells = n.countries.find((c) => c.country === country)?.cells ?? [];
  const stages = Object.keys(n.countries[0]?.stageScores ?? {});
  const color = { type: 'ordinal', domain: [0, 1, 2, 3, 4], scheme: 'ylgnbu', legend: true } as const;
  return (
    <div class="grid">
      <Figure
        title="Maturity by supply-chain stage (best entry per stage)"
        filename="netassess-stages"
        rows={stageRows}
        source={CATALOG}
        draw={(width) => stageHeatmap(stageRows, { width, stages })}
      />
      <Figure
        title={`${TRIO_NAMES[country]}: stage × instrument`}
        filename={`netassess-cells-${country}`}
        rows={cells.map((c) => ({ ...c, entries: c.entries.join(' ') }))}
        source={CATALOG}
        draw={(width) =>
          Plot.plot({
            width,
            marginLeft: 150,
            marginBottom: 70,
            x: { label: null, tickRotate: -30, domain: stages },
            y: { label: null },
            color,
            marks: [
              Plot.cell(cells, {
                x: 'stage',
                y: 'instrumentType',
                fill: 'score',
                inset: 0.5,
                title: (d) => `${d.stage} × ${d.instrumentType}: ${d.score}\n${d.entries.join(', ')}`,
              }),
            ],
          })
        }
      />
    </div>
  );
}

function Cooperation() {
  const state = useApi<CooperateResult>('/cooperate');
  return (
    <Await state={state}>
      {(c) => {
        const rows = c.options.map((o) => {
          const s = c.sensitivity.ranks.find((r) => r.id === o.id);
          return {
            rank: o.rank,
            id: o.id,
            kind: o.kind,
            name: o.name,
            label: o.name.length > 48 ? `${o.name.slice(0, 47)}…` : o.name,
            score: o.score,
            p5: s?.p5 ?? null,
            p95: s?.p95 ?? null,
            blockedBy: o.blockedBy.join(' '),
          };
        });
        const sources = [
          ...new Set(
            c.options.flatMap((o) => o.evidence.sources.map((s) => (s as { title?: string }).title ?? '')),
          ),
        ].slice(0, 6);
        return (
          <>
            <Figure
              title="Cooperation options: score and rank interval under weight uncertainty"
              filename="cooperation-options"
              rows={rows}
              source={`minsec cooperation catalog (src/catalog/cooperation.yaml): ${sources.join('; ')}…`}
              draw={(width) =>
                Plot.plot({
                  width,
                  height: rows.length * 20 + 50,
                  marginLeft: 300,
                  x: { label: 'rank (1 = first)', grid: true },
                  y: { label: null, domain: rows.map((r) => r.label) },
                  marks: [
                    Plot.ruleY(rows, { y: 'label', x1: 'p5', x2: 'p95', stroke: '#9aa5b1', strokeWidth: 5 }),
                    Plot.dot(rows, {
                      y: 'label',
                      x: 'rank',
                      fill: (r) => (r.kind === 'barrier' ? '#c0392b' : '#3c8d5a'),
                      r: 4,
                      title: (r) => `${r.name}: score ${num(r.score, 2)}`,
                    }),
                  ],
                })
              }
              note={`Green: opportunity; red: barrier. Interval: 5th–95th percentile of rank over ${c.sensitivity.draws} weight draws (seed ${c.sensitivity.seed}).`}
            />
            <h2>Recommendations</h2>
            <ol>
              {c.recommendations.map((r) => (
                <li key={r.id}>
                  {r.text} <span class="tag">rank {r.rankInterval.join('–')}</span>{' '}
                  <span class="tag">
                    P(top {c.sensitivity.topK}) {pct(r.pTopK, 0)}
                  </span>
                </li>
              ))}
            </ol>
            <Gaps
              gaps={c.gaps.map((g) => ({ what: g.id, reason: g.reason }))}
              title="Cooperation: unmeasured effects"
            />
          </>
        );
      }}
    </Await>
  );
}

export function NetAssessPage({ route }: { route: Route }) {
  const country = route.query.get('country') ?? 'KOR';
  const state = useApi<NetAssessResult>('/netassess');
  return (
    <>
      <h1>Net assessment</h1>
      <p class="lead">
        How mature each country's securitization instruments are, where the gaps are, and what the three could
        do together.
      </p>
      <div class="controls">
        <label>
          Country
          <select
            value={country}
            onChange={(e) => navigate('/netassess', { country: e.currentTarget.value })}
          >
            {TRIO.map((c) => (
              <option key={c} value={c}>
                {TRIO_NAMES[c]}
              </option>
            ))}
          </select>
        </label>
      </div>
      <Await state={state}>
        {(n) => {
          const gaps = n.countries.find((c) => c.country === country)?.gaps ?? [];
          return (
            <>
              <Heatmaps n={n} country={country} />
              <h2>{TRIO_NAMES[country]}'s gaps by priority</h2>
              <Table
                rows={
                  [...gaps].sort((a, b) => b.priority - a.priority).slice(0, 12) as unknown as Record<
                    string,
                    unknown
                  >[]
                }
                columns={[
                  { key: 'stage', label: 'Stage' },
                  {
                    key: 'instrumentType',
                    label: 'Instrument',
                    format: (g) => (g.instrumentType as string) ?? '(stage)',
                  },
                  { key: 'own', label: 'Own', numeric: true },
                  { key: 'benchmark', label: 'Benchmark', numeric: true },
                  {
                    key: 'priority',
                    label: 'Priority',
                    numeric: true,
                    format: (g) => num(g.priority as number, 2),
                  },
                  { key: 'summary', label: 'Evidence', format: (g) => String(g.summary ?? '') },
                ]}
              />
              <h2>Complementarities (a leader the others can learn from)</h2>
              <ul>
                {n.complementarities.slice(0, 8).map((c) => (
                  <li key={`${c.stage}|${c.instrumentType}|${c.laggard}`}>{c.text}</li>
                ))}
              </ul>
              <Gaps gaps={n.gaps} />
            </>
          );
        }}
      </Await>
      <h2>Cooperation options</h2>
      <Cooperation />
    </>
  );
}
