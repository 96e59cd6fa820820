// Scenario: pick a preset (or edit the request, e.g. replace "preset" with a full "spec"), run it, and see
// unmet demand and stock per country with Monte Carlo bands, stress times, and the effect of pooling.
// The request that was run is kept in the URL (#/scenario?run=<base64url JSON>), so reloading the page or
// opening a shared link runs it again and shows what the sender saw.
import * as Plot from '@observablehq/plot';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ScenarioListItem, ScenarioResult } from '../../../src/services/scenario.ts';
import { announce, setPageDetail } from '../a11y.ts';
import { postJson, useApi } from '../api.ts';
import { CopyLink } from '../components/CopyLink.tsx';
import { Figure } from '../components/Figure.tsx';
import { Await, Failure, Gaps, Loading } from '../components/Status.tsx';
import { Table } from '../components/Table.tsx';
import { num, TRIO } from '../format.ts';
import { useT } from '../i18n.tsx';
import { navigate, type Route } from '../route.ts';
import { packState, unpackState } from '../share.ts';
import { userText } from '../text.ts';

const request = (preset: string) =>
  `{\n  "preset": ${JSON.stringify(preset)},\n  "pool": ${JSON.stringify(TRIO)},\n  "draws": 200,\n  "seed": 1\n}`;

/** A run's scenario as an editable spec request (the result carries every field a spec needs). */
function specRequest(r: ScenarioResult): string {
  // The validated spec the run used (defaults filled in), renamed so the edited run is told apart.
  const spec = { ...r.scenario.spec, id: undefined, name: `${r.scenario.name} (edited)` };
  return JSON.stringify({ spec }, null, 2);
}

function Results({ r }: { r: ScenarioResult }) {
  const { t, country: name, mineral: mineralName } = useT();
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
      countryName: name(c.country),
      mineral: c.mineral,
      mineralName: mineralName(c.mineral),
      ttsMonths: c.ttsCensored ? `> ${c.ttsMonths}` : c.ttsMonths,
      ttrMonths: c.ttrCensored ? `> ${c.ttrMonths}` : c.ttrMonths,
      ttsBeforeTtr: c.ttsBeforeTtr ? t('common:word.yes') : t('common:word.no'),
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
        label: `${name(x.country)} ${mineralName(m.mineral)}`,
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
        {t('scenario.runSummary', {
          start: r.scenario.start,
          months: r.scenario.horizonMonths,
          baseline: r.scenario.baselineYear,
        })}{' '}
        {r.montecarlo
          ? t(r.pooling ? 'scenario.bandsPooled' : 'scenario.bands', {
              draws: r.montecarlo.draws,
              seed: r.montecarlo.seed,
            })
          : t('scenario.noMonteCarlo')}
      </p>
      <Table
        caption={t('scenario.stressCaption')}
        rows={summary}
        columns={[
          { key: 'countryName', label: t('common:word.country') },
          { key: 'mineralName', label: t('common:word.mineral') },
          { key: 'ttsMonths', label: 'TTS', numeric: true },
          { key: 'ttsBand', label: t('scenario.colTtsBand'), numeric: true },
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
            label: t('scenario.colShortfall'),
            numeric: true,
            format: (x) => num(x.shortfallDays as number, 1),
          },
        ]}
      />
      <Figure
        title={t('scenario.unmetTitle')}
        filename={`scenario-${r.scenario.id ?? 'custom'}-unmet`}
        rows={series}
        source={source}
        draw={(width) =>
          Plot.plot({
            width,
            height: 150 * r.scenario.minerals.length + 60,
            marginRight: 70,
            x: { label: t('scenario.month') },
            y: {
              label: t('scenario.unmetAxis', { unit: r.countries[0]?.unit ?? '' }),
              grid: true,
              tickFormat: '~s',
            },
            fx: { tickFormat: (c: string) => name(c), label: null },
            fy: { tickFormat: (m: string) => mineralName(m), label: null },
            marks: [
              Plot.areaY(
                series.filter((d) => d.unmetP5 !== null),
                { x: 'month', y1: 'unmetP5', y2: 'unmetP95', ...facet, fill: '#d98c1f', fillOpacity: 0.35 },
              ),
              Plot.lineY(series, { x: 'month', y: 'unmet', ...facet, stroke: '#c0392b' }),
              Plot.ruleY([0]),
            ],
          })
        }
      />
      <Figure
        title={t('scenario.stockTitle')}
        filename={`scenario-${r.scenario.id ?? 'custom'}-stock`}
        rows={series}
        source={t('scenario.stockSource', { source })}
        draw={(width) =>
          Plot.plot({
            width,
            height: 150 * r.scenario.minerals.length + 60,
            marginRight: 70,
            x: { label: t('scenario.month') },
            y: {
              label: t('scenario.stockAxis', { unit: r.countries[0]?.unit ?? '' }),
              grid: true,
              tickFormat: '~s',
            },
            fx: { tickFormat: (c: string) => name(c), label: null },
            fy: { tickFormat: (m: string) => mineralName(m), label: null },
            marks: [
              Plot.lineY(series, { x: 'month', y: 'stock', ...facet, stroke: '#1f4e8c' }),
              Plot.ruleY([0]),
            ],
          })
        }
      />
      {r.pooling ? (
        <Figure
          title={t('scenario.poolingTitle', {
            members: r.pooling.members.map((m) => name(m)).join(', '),
            share: num(100 * r.pooling.lendableShare),
          })}
          filename={`scenario-${r.scenario.id ?? 'custom'}-pooling`}
          rows={pool}
          source={t('scenario.poolingSource', { source })}
          draw={(width) =>
            Plot.plot({
              width,
              marginLeft: 140,
              x: { label: t('scenario.ttsAxis'), grid: true },
              y: { axis: null },
              fy: { label: null, axis: 'left' },
              color: {
                legend: true,
                domain: [t('scenario.noAgreement'), t('scenario.withAgreement')],
                range: ['#7b8794', '#2e7d32'],
              },
              marks: [
                Plot.barX(
                  pool.flatMap((p) => [
                    { ...p, arm: t('scenario.noAgreement'), tts: p.ttsNoAgreement },
                    { ...p, arm: t('scenario.withAgreement'), tts: p.ttsWithAgreement },
                  ]),
                  {
                    x: 'tts',
                    y: 'arm',
                    fy: (d: { country: string; mineral: string }) =>
                      `${name(d.country)} ${mineralName(d.mineral)}`,
                    fill: 'arm',
                  },
                ),
              ],
            })
          }
          note={t('scenario.poolingNote', {
            byMineral: r.pooling.byMineral
              .map(
                (b) =>
                  `${mineralName(b.mineral)}: ${b.members.map((m) => `${name(m.country)} ${num(Math.abs(m.daysGained) < 0.05 ? 0 : m.daysGained, 1)}`).join(', ')}`,
              )
              .join('; '),
            headline: Object.entries(r.pooling.daysGained)
              .map(([c, d]) => `${name(c)} ${num(Math.abs(d) < 0.05 ? 0 : d, 1)}`)
              .join(', '),
          })}
        />
      ) : (
        <p class="note">{t('scenario.noPooling')}</p>
      )}
      {r.montecarlo?.pooling && (
        <>
          <Figure
            title={t('scenario.poolBandsTitle', { draws: r.montecarlo.draws })}
            filename={`scenario-${r.scenario.id ?? 'custom'}-pooling-bands`}
            rows={poolBands}
            source={t('scenario.poolBandsSource', { source, seed: r.montecarlo.seed })}
            draw={(width) =>
              Plot.plot({
                width,
                marginLeft: 140,
                x: { label: t('scenario.daysGainedAxis'), grid: true },
                y: { label: null, domain: poolBands.map((d) => d.label) },
                marks: [
                  Plot.ruleX([0]),
                  Plot.ruleY(poolBands, {
                    y: 'label',
                    x1: 'daysGainedP5',
                    x2: 'daysGainedP95',
                    stroke: '#2e7d32',
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
            note={t('scenario.poolBandsNote', {
              headline: Object.entries(r.montecarlo.pooling.daysGained)
                .map(([c, b]) => `${name(c)} ${band(b.p5, b.p50, b.p95)}`)
                .join('; '),
            })}
          />
          <Table
            caption={t('scenario.poolTableCaption')}
            rows={poolBands}
            columns={[
              { key: 'country', label: t('common:word.country'), format: (x) => name(x.country) },
              { key: 'mineral', label: t('common:word.mineral'), format: (x) => mineralName(x.mineral) },
              {
                key: 'daysGainedP50',
                label: t('scenario.colDaysGained'),
                numeric: true,
                format: (x) => band(x.daysGainedP5, x.daysGainedP50, x.daysGainedP95),
              },
              {
                key: 'ttsNoAgreementP50',
                label: t('scenario.colTtsWithout'),
                numeric: true,
                format: (x) => band(x.ttsNoAgreementP5, x.ttsNoAgreementP50, x.ttsNoAgreementP95, 0),
              },
              {
                key: 'ttsWithAgreementP50',
                label: t('scenario.colTtsWith'),
                numeric: true,
                format: (x) => band(x.ttsWithAgreementP5, x.ttsWithAgreementP50, x.ttsWithAgreementP95, 0),
              },
              {
                key: 'pTtsLtTtrNoAgreement',
                label: t('scenario.colPWithout'),
                numeric: true,
                format: (x) => num(x.pTtsLtTtrNoAgreement, 2),
              },
              {
                key: 'pTtsLtTtrWithAgreement',
                label: t('scenario.colPWith'),
                numeric: true,
                format: (x) => num(x.pTtsLtTtrWithAgreement, 2),
              },
            ]}
          />
        </>
      )}
      <Gaps
        gaps={r.gaps.map((g) => ({
          what: `${mineralName(g.mineral)}${g.country ? ` / ${name(g.country)}` : ''}`,
          reason: g.detail,
        }))}
      />
      <details>
        <summary>{t('scenario.assumptions', { count: r.assumptions.length })}</summary>
        <ul>
          {r.assumptions.map((a) => (
            <li key={a}>{a}</li>
          ))}
        </ul>
      </details>
    </>
  );
}

/** The request a URL names: ?run= (a packed request that was run) or ?preset= (a preset to start from). */
function requestFromRoute(route: Route): { body: string; run: boolean } | null {
  const packed = route.query.get('run');
  const body = packed ? unpackState(packed) : null;
  if (body !== null) return { body, run: true };
  const preset = route.query.get('preset');
  return preset ? { body: request(preset), run: false } : null;
}

/** The preset a request names, if it is a preset request. */
function presetOf(body: string): string | null {
  try {
    const v = JSON.parse(body) as { preset?: unknown };
    return typeof v.preset === 'string' ? v.preset : null;
  } catch {
    return null;
  }
}

/** Compact JSON of a valid request (what goes into the URL); null when the text is not JSON. */
function compact(body: string): string | null {
  try {
    return JSON.stringify(JSON.parse(body));
  } catch {
    return null;
  }
}

export function ScenarioPage({ route }: { route: Route }) {
  const { t } = useT();
  const list = useApi<ScenarioListItem[]>('/scenarios');
  const fromUrl = requestFromRoute(route);
  const [preset, setPreset] = useState(fromUrl ? (presetOf(fromUrl.body) ?? '') : '');
  const [body, setBody] = useState(fromUrl?.body ?? '');
  const [run, setRun] = useState<{ loading: boolean; data?: ScenarioResult; error?: Error; ran?: string }>({
    loading: false,
  });
  const ranFromUrl = useRef<string | null>(null);
  const execute = async (text: string) => {
    setRun({ loading: true });
    try {
      const data = await postJson<ScenarioResult>('/scenarios/run', text);
      setRun({ loading: false, data, ran: text });
      announce(t('scenario.ranAnnouncement', { name: data.scenario.name }));
    } catch (error) {
      setRun({ loading: false, error: error as Error });
    }
  };
  useEffect(() => {
    if (!list.data?.length || body) return;
    const id = preset || list.data[0].id;
    setPreset(id);
    setBody(request(id));
  }, [list.data]);
  // A run named by the URL (reload, shared link, back/forward) runs once per distinct request.
  const packedRun = route.query.get('run');
  useEffect(() => {
    if (!fromUrl?.run || ranFromUrl.current === packedRun) return;
    ranFromUrl.current = packedRun;
    setBody(fromUrl.body);
    setPreset(presetOf(fromUrl.body) ?? '');
    execute(fromUrl.body);
  }, [packedRun]);
  useEffect(() => setPageDetail(run.data?.scenario.name ?? ''), [run.data]);
  const submit = (e: Event) => {
    e.preventDefault();
    const text = compact(body);
    if (text === null) return execute(body);
    const packed = packState(text);
    ranFromUrl.current = packed;
    navigate('/scenario', { run: packed });
    execute(text);
  };
  const chosen = list.data?.find((s) => s.id === preset);
  return (
    <>
      <h1>{t('scenario.title')}</h1>
      <p class="lead">{t('scenario.lead')}</p>
      <Await state={list}>
        {(items) => (
          <form onSubmit={submit}>
            <div class="controls">
              <label>
                {t('scenario.preset')}
                <select
                  value={preset}
                  onChange={(e) => {
                    setPreset(e.currentTarget.value);
                    setBody(request(e.currentTarget.value));
                  }}
                >
                  {!preset && <option value="">{t('scenario.customSpec')}</option>}
                  {items.map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.name}
                    </option>
                  ))}
                </select>
              </label>
              <button type="submit" disabled={run.loading}>
                {run.loading ? t('scenario.running') : t('scenario.run')}
              </button>
            </div>
            {chosen && <p class="note">{userText(chosen.notes.join(' '))}</p>}
            <label for="scenario-body" class="note">
              {t('scenario.requestLabel')}
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
      {run.loading && <Loading label={t('scenario.running')} />}
      {run.error && <Failure error={run.error} retry={() => execute(body)} />}
      {run.data && (
        <>
          <p class="actions-row">
            <button
              type="button"
              class="secondary"
              onClick={() => {
                if (!run.data) return;
                setBody(specRequest(run.data));
                setPreset('');
              }}
            >
              {t('scenario.editAsSpec')}
            </button>{' '}
            <CopyLink /> <span class="note">{t('scenario.editAsSpecNote')}</span>
          </p>
          <Results r={run.data} />
        </>
      )}
    </>
  );
}
