// Net assessment: maturity heatmaps (country × stage, and stage × instrument for one country), the gaps by
// priority, the trio's complementarities, and the ranked cooperation options with their sensitivity.
import * as Plot from '@observablehq/plot';
import { useEffect } from 'preact/hooks';
import { stageHeatmap } from '../../../src/report/charts.ts';
import type { CooperateResult } from '../../../src/services/cooperate.ts';
import type { NetAssessResult } from '../../../src/services/netassess.ts';
import { setPageDetail } from '../a11y.ts';
import { useApi } from '../api.ts';
import { Figure } from '../components/Figure.tsx';
import { Await, Gaps } from '../components/Status.tsx';
import { Table } from '../components/Table.tsx';
import { num, pct, TRIO } from '../format.ts';
import { useT } from '../i18n.tsx';
import { navigate, type Route } from '../route.ts';
import { userText } from '../text.ts';

const LEVELS = [0, 1, 2, 3, 4];

function Heatmaps({ n, country }: { n: NetAssessResult; country: string }) {
  const { t, tOr, country: name } = useT();
  const CATALOG = t('netassess.catalogSource');
  const levels = LEVELS.map((l) => t(`netassess.level${l}`));
  const stageLabel = (st: string) => tOr(`netassess.stage.${st}`, st);
  const instrumentLabel = (i: string) => tOr(`netassess.instrument.${i}`, i);
  // A not-catalogued stage (null) is left blank in the heatmap and named in the table below, never drawn as 0.
  const stageRows = n.countries.flatMap((c) =>
    Object.entries(c.stageScores)
      .filter((e): e is [string, number] => e[1] !== null)
      .map(([stage, score]) => ({ country: c.country, stage, score })),
  );
  const cells = (n.countries.find((c) => c.country === country)?.cells ?? []).filter((c) => c.score !== null);
  const stages = Object.keys(n.countries[0]?.stageScores ?? {});
  const color = {
    type: 'ordinal',
    domain: LEVELS,
    scheme: 'ylgnbu',
    legend: true,
    tickFormat: (d: number) => `${d} ${levels[d]}`,
  } as const;
  return (
    <div class="grid">
      <Figure
        title={t('netassess.stagesTitle')}
        filename="netassess-stages"
        rows={stageRows}
        source={CATALOG}
        draw={(width) =>
          stageHeatmap(stageRows, { width, stages, levels, stageLabel, countryLabel: (c) => name(c) })
        }
      />
      <Figure
        note={t('netassess.cellsNote')}
        title={t('netassess.cellsTitle', { country: name(country) })}
        filename={`netassess-cells-${country}`}
        rows={cells.map((c) => ({ ...c, entries: c.entries.join(' ') }))}
        source={CATALOG}
        draw={(width) =>
          Plot.plot({
            width,
            marginLeft: 150,
            marginBottom: 70,
            x: { label: null, tickRotate: -30, domain: stages, tickFormat: stageLabel },
            y: { label: null, tickFormat: instrumentLabel },
            color,
            marks: [
              Plot.cell(cells, {
                x: 'stage',
                y: 'instrumentType',
                fill: 'score',
                inset: 0.5,
                title: (d) =>
                  `${stageLabel(d.stage)} × ${instrumentLabel(d.instrumentType)}: ${d.score} ${levels[d.score as number] ?? ''}${d.status === 'absent' ? ` (${t('netassess.absent')})` : ''}\n${d.entries.join(', ')}`,
              }),
            ],
          })
        }
      />
    </div>
  );
}

function Cooperation() {
  const { t } = useT();
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
              title={t('netassess.optionsTitle')}
              filename="cooperation-options"
              rows={rows}
              source={t('netassess.optionsSource', { sources: sources.join('; ') })}
              draw={(width) =>
                Plot.plot({
                  width,
                  height: rows.length * 20 + 50,
                  marginLeft: width < 600 ? Math.round(width * 0.5) : 300,
                  x: { label: t('netassess.rankAxis'), grid: true },
                  y: {
                    label: null,
                    domain: rows.map((r) => r.label),
                    tickFormat: (l: string) => (width < 600 && l.length > 26 ? `${l.slice(0, 25)}…` : l),
                  },
                  marks: [
                    Plot.ruleY(rows, { y: 'label', x1: 'p5', x2: 'p95', stroke: '#7b8794', strokeWidth: 5 }),
                    Plot.dot(rows, {
                      y: 'label',
                      x: 'rank',
                      fill: (r) => (r.kind === 'barrier' ? '#c0392b' : '#2e7d32'),
                      r: 4,
                      title: (r) => `${r.name}: ${t('common:word.score')} ${num(r.score, 2)}`,
                    }),
                  ],
                })
              }
              note={t('netassess.optionsNote', { draws: c.sensitivity.draws, seed: c.sensitivity.seed })}
            />
            <h2>{t('netassess.recommendations')}</h2>
            <ol>
              {c.recommendations.map((r) => (
                <li key={r.id}>
                  {r.text}{' '}
                  <span class="tag">{t('netassess.rankTag', { interval: r.rankInterval.join('–') })}</span>{' '}
                  <span class="tag">
                    P(top {c.sensitivity.topK}) {pct(r.pTopK, 0)}
                  </span>
                </li>
              ))}
            </ol>
            <Gaps
              gaps={c.gaps.map((g) => ({ what: g.id, reason: g.reason }))}
              title={t('netassess.unmeasured')}
            />
          </>
        );
      }}
    </Await>
  );
}

export function NetAssessPage({ route }: { route: Route }) {
  const { t, tOr, country: name } = useT();
  const country = route.query.get('country') ?? 'KOR';
  const state = useApi<NetAssessResult>('/netassess');
  useEffect(() => setPageDetail(name(country)), [country, t]);
  const stageLabel = (st: string) => tOr(`netassess.stage.${st}`, st);
  const instrumentLabel = (i: string) => tOr(`netassess.instrument.${i}`, i);
  return (
    <>
      <h1>{t('netassess.title')}</h1>
      <p class="lead">{t('netassess.lead')}</p>
      <div class="controls">
        <label>
          {t('common:word.country')}
          <select
            value={country}
            onChange={(e) => navigate('/netassess', { country: e.currentTarget.value })}
          >
            {TRIO.map((c) => (
              <option key={c} value={c}>
                {name(c)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <Await state={state}>
        {(n) => {
          const own = n.countries.find((c) => c.country === country);
          const gaps = own?.gaps ?? [];
          const depthRows = own
            ? Object.entries(own.depth).map(([stage, d]) => ({
                stage,
                score: own.stageScores[stage as keyof typeof own.stageScores],
                ...d,
                funding: d.funding.map((f) => `${num(f.amount, 0)} ${f.currency}`).join('; '),
                minerals: d.minerals.join(', '),
              }))
            : [];
          return (
            <>
              <Heatmaps n={n} country={country} />
              <Table
                caption={t('netassess.depthCaption', { country: name(country) })}
                label={t('netassess.depthCaption', { country: name(country) })}
                rows={depthRows as unknown as Record<string, unknown>[]}
                columns={[
                  { key: 'stage', label: t('common:word.stage'), format: (d) => stageLabel(String(d.stage)) },
                  {
                    key: 'score',
                    label: t('common:word.score'),
                    numeric: true,
                    format: (d) => (d.score === null ? t('netassess.notCatalogued') : String(d.score)),
                  },
                  { key: 'instruments', label: t('netassess.colInstruments'), numeric: true },
                  { key: 'atFunded', label: t('netassess.colAtFunded'), numeric: true },
                  { key: 'withResults', label: t('netassess.colWithResults'), numeric: true },
                  { key: 'funding', label: t('netassess.colFunding') },
                  { key: 'minerals', label: t('common:word.mineral') },
                ]}
              />
              {own && own.catalogGaps.length > 0 && (
                <>
                  <h2>{t('netassess.catalogGapsHeading', { country: name(country) })}</h2>
                  <ul>
                    {own.catalogGaps.map((g) => (
                      <li key={g.stage}>
                        {stageLabel(g.stage)}: {g.leads.slice(0, 3).join('; ') || '—'}
                      </li>
                    ))}
                  </ul>
                </>
              )}
              <h2>{t('netassess.gapsHeading', { country: name(country) })}</h2>
              <Table
                label={t('netassess.gapsHeading', { country: name(country) })}
                rows={
                  [...gaps].sort((a, b) => b.priority - a.priority).slice(0, 12) as unknown as Record<
                    string,
                    unknown
                  >[]
                }
                columns={[
                  { key: 'stage', label: t('common:word.stage'), format: (g) => stageLabel(String(g.stage)) },
                  {
                    key: 'instrumentType',
                    label: t('netassess.colInstrument'),
                    format: (g) =>
                      g.instrumentType
                        ? instrumentLabel(String(g.instrumentType))
                        : t('netassess.wholeStage'),
                  },
                  { key: 'own', label: t('netassess.colOwn'), numeric: true },
                  { key: 'benchmark', label: t('netassess.colBenchmark'), numeric: true },
                  {
                    key: 'priority',
                    label: t('netassess.colPriority'),
                    numeric: true,
                    format: (g) => num(g.priority as number, 2),
                  },
                  {
                    key: 'summary',
                    label: t('netassess.colEvidence'),
                    format: (g) => userText(String(g.summary ?? '')),
                  },
                ]}
              />
              <h2>{t('netassess.complementarities')}</h2>
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
      <h2>{t('netassess.cooperationHeading')}</h2>
      <Cooperation />
    </>
  );
}
