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
  // Both arms of every Monte Carlo draw, beside the central run's days gained.
  const poolBands =
    r.montecarlo?.pooling?.byMineral.flatMap((m) =>
      m.members.map((x) => ({
        country: x.country,
        mineral: m.mineral,
        label: `${x.country} ${m.mineral}`,
        daysGainedCentral:
          pool.find((p) => p.country === x.country && p.mineral === m.mineral)?.daysGained ?? null,
        daysGainedP5: x.daysGained.p5,
        daysGainedP50: x.daysGained.p50,
        daysGainedP95: x.daysGained.p95,
        ttsNoAgreementP5: x.ttsNoAgreement.p5,
        ttsNoAgreementP50: x.ttsNoAgreement.p50,
        ttsNoAgreementP95: x.ttsNoAgreement.p95,
        ttsWithAgreementP5: x.ttsWithAgreement.p5,
        ttsWithAgreementP50: x.ttsWithAgreement.p50,
        ttsWithAgreementP95: x.ttsWithAgreement.p95,
        pTtsLtTtrNoAgreement: x.pTtsLtTtrNoAgreement,
        pTtsLtTtrWithAgreement: x.pTtsLtTtrWithAgreement,
      })),
    ) ?? [];
  const band = (a: number, b: number, c: number, digits = 1) =>
    `${num(a, digits)} / ${num(b, digits)} / ${num(c, digits)}`;
  return (
    <>
      <h2>{r.scenario.name}</h2>
      <p class="lead">
        Start {r.scenario.start}, {r.scenario.horizonMonths} months, baseline {r.scenario.baselineYear}.{' '}
        {r.montecarlo
          ? `Bands: 5th–95th percentile of ${r.montecarlo.draws} Monte Carlo draws (seed ${r.montecarlo.seed})${r.pooling ? ', with the pooling agreement like the central run; each draw also runs without it to measure what pooling adds' : ''}.`
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
          source={`${source}; monthly allocation: min-max linear programme (DESIGN.md), solved in closed form and checked against HiGHS`}
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
      {r.montecarlo?.pooling && (
        <>
          <Figure
            title={`Days gained by pooling across ${r.montecarlo.draws} draws (line: 5th–95th percentile; tick: median; dot: central run)`}
            filename={`scenario-${r.scenario.id ?? 'custom'}-pooling-bands`}
            rows={poolBands}
            source={`${source}; Monte Carlo, both arms on the same sampled parameters (seed ${r.montecarlo.seed}), allocation as in the central run`}
            draw={(width) =>
              Plot.plot({
                width,
                marginLeft: 140,
                x: { label: 'days of demand gained', grid: true },
                y: { label: null, domain: poolBands.map((d) => d.label) },
                marks: [
                  Plot.ruleX([0]),
                  Plot.ruleY(poolBands, {
                    y: 'label',
                    x1: 'daysGainedP5',
                    x2: 'daysGainedP95',
                    stroke: '#3c8d5a',
                    strokeWidth: 3,
                  }),
                  Plot.tickX(poolBands, {
                    y: 'label',
                    x: 'daysGainedP50',
                    stroke: '#1d4d2f',
                    strokeWidth: 2,
                  }),
                  Plot.dot(
                    poolBands.filter((d) => d.daysGainedCentral !== null),
                    { y: 'label', x: 'daysGainedCentral', fill: '#c0392b', r: 3.5 },
                  ),
                ],
              })
            }
            note={`Headline per member (in each draw the smallest gain over the scenario's minerals; 5th / 50th / 95th percentile): ${Object.entries(
              r.montecarlo.pooling.daysGained,
            )
              .map(([c, b]) => `${c} ${band(b.p5, b.p50, b.p95)}`)
              .join('; ')}.`}
          />
          <Table
            caption="Pooling under uncertainty: days gained, time to survive (months) and P(TTS < TTR) without and with the agreement (5th / 50th / 95th percentile of the draws)"
            rows={poolBands}
            columns={[
              { key: 'country', label: 'Country' },
              { key: 'mineral', label: 'Mineral' },
              {
                key: 'daysGainedP50',
                label: 'Days gained',
                numeric: true,
                format: (x) => band(x.daysGainedP5, x.daysGainedP50, x.daysGainedP95),
              },
              {
                key: 'ttsNoAgreementP50',
                label: 'TTS without',
                numeric: true,
                format: (x) => band(x.ttsNoAgreementP5, x.ttsNoAgreementP50, x.ttsNoAgreementP95, 0),
              },
              {
                key: 'ttsWithAgreementP50',
                label: 'TTS with',
                numeric: true,
                format: (x) => band(x.ttsWithAgreementP5, x.ttsWithAgreementP50, x.ttsWithAgreementP95, 0),
              },
              {
                key: 'pTtsLtTtrNoAgreement',
                label: 'P(TTS < TTR) without',
                numeric: true,
                format: (x) => num(x.pTtsLtTtrNoAgreement, 2),
              },
              {
                key: 'pTtsLtTtrWithAgreement',
                label: 'P(TTS < TTR) with',
                numeric: true,
                format: (x) => num(x.pTtsLtTtrWithAgreement, 2),
              },
            ]}
          />
        </>
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
