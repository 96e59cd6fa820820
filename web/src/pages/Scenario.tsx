// Scenario: pick a preset (or edit the request, e.g. replace "preset" with a full "spec"), run it, and see
// unmet demand and stock per country with Monte Carlo bands, stress times, and the effect of pooling.
import * as Plot from '@observablehq/plot';
import { useEffect, useState } from 'preact/hooks';
import type { ScenarioListItem, ScenarioResult } from '../../../src/services/scenario.ts';
import { postJson, useApi } from '../api.ts';
import { Figure } from '../components/Figure.tsx';
import { Await, Failure, Gaps } from '../components/Status.tsx';
import { Table } from '../components/Table.tsx';
import { num, TRIO } from '../format.ts';
import type { Route } from '../route.ts';

const request = (preset: string) =>
  `{\n  "preset": ${JSON.stringify(preset)},\n  "pool": ${JSON.stringify(TRIO)},\n  "draws": 200,\n  "seed": 1\n}`;

/** A run's scenario as an editable spec request (the result carries every field a spec needs). */
function specRequest(r: ScenarioResult): string {
  const { name, start, horizonMonths, baselineYear, minerals, restrictions } = r.scenario;
  const spec = {
    name: `${name} (edited)`,
    minerals,
    baselineYear,
    start,
    horizonMonths,
    restrictions,
    pooling: r.pooling ? { members: r.pooling.members, lendableShare: r.pooling.lendableShare } : null,
    montecarlo: r.montecarlo ? { draws: r.montecarlo.draws, seed: r.montecarlo.seed } : null,
  };
  return JSON.stringify({ spec }, null, 2);
}

function Results({ r }: { r: ScenarioResult }) {
  const bands = r.montecarlo?.bands ?? [];
  const series = r.countries.flatMap((c) =>
    c.months.map((m) => {
      const b = bands
        .find((x) => x.country === c.country && x.mineral === c.mineral)
        ?.unmet.find((u) => u.month === m.month);
      return {
        country: c.country,
        mineral: c.mineral,
        unit: c.unit,
        month: m.month,
        date: m.date,
        demand: m.demand,
        unmet: m.unmet,
        stock: m.stock,
        unmetP5: b?.p5 ?? null,
        unmetP50: b?.p50 ?? null,
        unmetP95: b?.p95 ?? null,
      };
    }),
  );
  const source = r.sources.map((s) => s.title).join('; ');
  const facet = { fx: 'country', fy: 'mineral' } as const;
  const summary = r.countries.map((c) => {
    const b = bands.find((x) => x.country === c.country && x.mineral === c.mineral);
    return {
      country: c.country,
      mineral: c.mineral,
      ttsMonths: c.ttsCensored ? `> ${c.ttsMonths}` : c.ttsMonths,
      ttrMonths: c.ttrCensored ? `> ${c.ttrMonths}` : c.ttrMonths,
      ttsBeforeTtr: c.ttsBeforeTtr ? 'yes' : 'no',
      shortfallDays: c.cumulativeShortfallDays,
      ttsBand: b ? `${num(b.ttsMonths.p5)}–${num(b.ttsMonths.p95)}` : '—',
      pTtsLtTtr: b?.pTtsLtTtr ?? null,
    };
  });
  const pool =
    r.pooling?.byMineral.flatMap((m) => m.members.map((x) => ({ mineral: m.mineral, ...x }))) ?? [];
  return (
    <>
      <h2>{r.scenario.name}</h2>
      <p class="lead">
        Start {r.scenario.start}, {r.scenario.horizonMonths} months, baseline {r.scenario.baselineYear}.{' '}
        {r.montecarlo
          ? `Bands: 5th–95th percentile of ${r.montecarlo.draws} Monte Carlo draws (seed ${r.montecarlo.seed}).`
          : 'No Monte Carlo.'}
      </p>
      <Table
        caption="Stress test per country (TTS: time to survive; TTR: time to recover; months)"
        rows={summary}
        columns={[
          { key: 'country', label: 'Country' },
          { key: 'mineral', label: 'Mineral' },
          { key: 'ttsMonths', label: 'TTS', numeric: true },
          { key: 'ttsBand', label: 'TTS 5–95%', numeric: true },
          { key: 'ttrMonths', label: 'TTR', numeric: true },
          { key: 'ttsBeforeTtr', label: 'TTS < TTR' },
          {
            key: 'pTtsLtTtr',
            label: 'P(TTS < TTR)',
            numeric: true,
            format: (x) => num(x.pTtsLtTtr as number | null, 2),
          },
          {
            key: 'shortfallDays',
            label: 'Shortfall (days of demand)',
            numeric: true,
            format: (x) => num(x.shortfallDays as number, 1),
          },
        ]}
      />
      <Figure
        title="Unmet demand per month (line: central run; band: 5th–95th percentile)"
        filename={`scenario-${r.scenario.id ?? 'custom'}-unmet`}
        rows={series}
        source={source}
        draw={(width) =>
          Plot.plot({
            width,
            height: 150 * r.scenario.minerals.length + 60,
            marginRight: 70,
            x: { label: 'month' },
            y: { label: `unmet (${r.countries[0]?.unit ?? ''})`, grid: true, tickFormat: '~s' },
            marks: [
              Plot.areaY(
                series.filter((d) => d.unmetP5 !== null),
                { x: 'month', y1: 'unmetP5', y2: 'unmetP95', ...facet, fill: '#d98c1f', fillOpacity: 0.3 },
              ),
              Plot.lineY(series, { x: 'month', y: 'unmet', ...facet, stroke: '#c0392b' }),
              Plot.ruleY([0]),
            ],
          })
        }
      />
      <Figure
        title="Stock per month (own stock after draw-down, lending and borrowing)"
        filename={`scenario-${r.scenario.id ?? 'custom'}-stock`}
        rows={series}
        source={`${source}; stock policy facts: KOMIR, JOGMEC, DLA (src/analysis/scenario/defaults.ts)`}
        draw={(width) =>
          Plot.plot({
            width,
            height: 150 * r.scenario.minerals.length + 60,
            marginRight: 70,
            x: { label: 'month' },
            y: { label: `stock (${r.countries[0]?.unit ?? ''})`, grid: true, tickFormat: '~s' },
            marks: [
              Plot.lineY(series, { x: 'month', y: 'stock', ...facet, stroke: '#1f4e8c' }),
              Plot.ruleY([0]),
            ],
          })
        }
      />
      {r.pooling ? (
        <Figure
          title={`Effect of pooling (${r.pooling.members.join(', ')}; lendable share ${num(100 * r.pooling.lendableShare)}%)`}
          filename={`scenario-${r.scenario.id ?? 'custom'}-pooling`}
          rows={pool}
          source={`${source}; allocation by linear programme (HiGHS), DESIGN.md`}
          draw={(width) =>
            Plot.plot({
              width,
              marginLeft: 140,
              x: { label: 'time to survive (months)', grid: true },
              y: { axis: null },
              fy: { label: null, axis: 'left' },
              color: {
                legend: true,
                domain: ['no agreement', 'with agreement'],
                range: ['#9aa5b1', '#3c8d5a'],
              },
              marks: [
                Plot.barX(
                  pool.flatMap((p) => [
                    { ...p, arm: 'no agreement', tts: p.ttsNoAgreement },
                    { ...p, arm: 'with agreement', tts: p.ttsWithAgreement },
                  ]),
                  {
                    x: 'tts',
                    y: 'arm',
                    fy: (d: { country: string; mineral: string }) => `${d.country} ${d.mineral}`,
                    fill: 'arm',
                  },
                ),
              ],
            })
          }
          note={`Days of demand gained per member (shortfall avoided ÷ daily demand): ${r.pooling.byMineral
            .map(
              (b) =>
                `${b.mineral}: ${b.members.map((m) => `${m.country} ${num(Math.abs(m.daysGained) < 0.05 ? 0 : m.daysGained, 1)}`).join(', ')}`,
            )
            .join('; ')}. Headline per member (the binding mineral): ${Object.entries(r.pooling.daysGained)
            .map(([c, d]) => `${c} ${num(Math.abs(d) < 0.05 ? 0 : d, 1)}`)
            .join(', ')}.`}
        />
      ) : (
        <p class="note">No pooling agreement in this run: add "pool": ["KOR", "JPN", "USA"] to compare.</p>
      )}
      <Gaps
        gaps={r.gaps.map((g) => ({
          what: `${g.mineral}${g.country ? ` / ${g.country}` : ''} (${g.reason})`,
          reason: g.detail,
        }))}
      />
      <details>
        <summary>Assumptions ({r.assumptions.length})</summary>
        <ul>
          {r.assumptions.map((a) => (
            <li key={a}>{a}</li>
          ))}
        </ul>
      </details>
    </>
  );
}

export function ScenarioPage({ route }: { route: Route }) {
  const list = useApi<ScenarioListItem[]>('/scenarios');
  const [preset, setPreset] = useState(route.query.get('preset') ?? '');
  const [body, setBody] = useState('');
  const [run, setRun] = useState<{ loading: boolean; data?: ScenarioResult; error?: Error }>({
    loading: false,
  });
  useEffect(() => {
    if (!list.data?.length) return;
    const id = preset || list.data[0].id;
    setPreset(id);
    setBody(request(id));
  }, [list.data]);
  const submit = async (e: Event) => {
    e.preventDefault();
    setRun({ loading: true });
    try {
      setRun({ loading: false, data: await postJson<ScenarioResult>('/scenarios/run', body) });
    } catch (error) {
      setRun({ loading: false, error: error as Error });
    }
  };
  const chosen = list.data?.find((s) => s.id === preset);
  return (
    <>
      <h1>Disruption scenarios</h1>
      <p class="lead">
        Restrictions on supply, stockpiles drawn down, other suppliers ramping up, and a trilateral
        stock-pooling agreement.
      </p>
      <Await state={list}>
        {(items) => (
          <form onSubmit={submit}>
            <div class="controls">
              <label>
                Preset
                <select
                  value={preset}
                  onChange={(e) => {
                    setPreset(e.currentTarget.value);
                    setBody(request(e.currentTarget.value));
                  }}
                >
                  {items.map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.name}
                    </option>
                  ))}
                </select>
              </label>
              <button type="submit" disabled={run.loading}>
                {run.loading ? 'Running…' : 'Run scenario'}
              </button>
            </div>
            {chosen && <p class="note">{chosen.notes.join(' ')}</p>}
            <label for="scenario-body" class="note">
              Request (JSON): a preset, or replace "preset" with a full "spec"; "pool" lists the pooling
              members.
            </label>
            <textarea
              id="scenario-body"
              value={body}
              onInput={(e) => setBody(e.currentTarget.value)}
              spellcheck={false}
              rows={7}
            />
          </form>
        )}
      </Await>
      {run.error && <Failure error={run.error} />}
      {run.data && (
        <>
          <p>
            <button
              type="button"
              class="secondary"
              onClick={() => run.data && setBody(specRequest(run.data))}
            >
              Edit this scenario as a spec
            </button>{' '}
            <span class="note">
              puts the full spec of this run in the request box: change cuts, durations, pooling, then run.
            </span>
          </p>
          <Results r={run.data} />
        </>
      )}
    </>
  );
}
