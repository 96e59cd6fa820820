// Partners: the ranking with rank intervals, alignment time series against the trio, and a page per partner
// (India and Mongolia first: #/partners/IND, #/partners/MNG).
import * as Plot from '@observablehq/plot';
import { useEffect } from 'preact/hooks';
import { rankIntervals, SERIES_COLOURS } from '../../../src/report/charts.ts';
import type { AlignmentResult } from '../../../src/services/alignment.ts';
import type { PartnersResult } from '../../../src/services/partners.ts';
import { setPageDetail } from '../a11y.ts';
import { useApi, useNames } from '../api.ts';
import { Figure } from '../components/Figure.tsx';
import { Await, Gaps, Loading } from '../components/Status.tsx';
import { Table } from '../components/Table.tsx';
import { num, pct, TRIO } from '../format.ts';
import { useT } from '../i18n.tsx';
import { href, navigate, type Route } from '../route.ts';
import { userText } from '../text.ts';

const FEATURED = ['IND', 'MNG'];
const SHOWN = 25;
const PARTNERS_QUERY = { draws: 500, include: FEATURED.join(',') };
const MINERAL_CHOICES = ['cobalt', 'gallium', 'molybdenum', 'tungsten', 'germanium'];
const PRESETS = ['mineral-partner', 'supply-first', 'security-first', 'equal'];

function Ranking({ r, name }: { r: PartnersResult; name: (c: string) => string }) {
  const { t } = useT();
  const rows = r.ranking.slice(0, SHOWN).map((x) => ({
    rank: x.rank,
    country: x.country,
    name: name(x.country),
    score: x.score,
    rankLow: x.rankInterval?.[0] ?? null,
    rankHigh: x.rankInterval?.[1] ?? null,
    pTop5: x.pTop5,
  }));
  return (
    <Figure
      title={t('partners.rankingTitle', { shown: SHOWN, total: r.ranking.length })}
      filename="partner-ranking"
      rows={rows}
      source={`${Object.values(r.indicators)
        .map((i) => i.source)
        .filter((s, i, a) => a.indexOf(s) === i)
        .join('; ')}`}
      draw={(width) =>
        rankIntervals(
          rows.map((d) => ({
            label: d.name,
            rank: d.rank,
            low: d.rankLow,
            high: d.rankHigh,
            highlight: FEATURED.includes(d.country),
          })),
          { width, xLabel: t('partners.rankAxis'), marginLeft: width < 420 ? 100 : 130 },
        )
      }
      note={userText(r.notes[1])}
    />
  );
}

function AlignmentSeries({ country, name }: { country: string; name: (c: string) => string }) {
  const { t } = useT();
  const series = TRIO.map((b) => ({
    b,
    state: useApi<AlignmentResult>('/alignment', { a: country, b, from: 2000 }),
  }));
  const failed = series.find((s) => s.state.error);
  if (failed) return <Await state={failed.state}>{() => null}</Await>;
  if (series.some((s) => !s.state.data)) return <Loading label={t('partners.loadingAlignment')} />;
  const rows = series.flatMap(({ b, state }) =>
    (state.data as AlignmentResult).years.map((y) => ({
      a: country,
      b,
      bName: name(b),
      year: y.year,
      idealPointDistance: y.idealPointDistance,
      agreement: y.agreement,
      sScore: y.sScore,
      kappa: y.kappa,
    })),
  );
  const src = (series[0].state.data as AlignmentResult).sources.join('; ');
  return (
    <div class="grid">
      <Figure
        title={t('partners.idealTitle', { country: name(country) })}
        filename={`alignment-${country}-ideal`}
        rows={rows}
        source={src}
        draw={(width) =>
          Plot.plot({
            width,
            y: { label: t('partners.idealAxis'), grid: true },
            x: { label: null, tickFormat: 'd' },
            color: { legend: true, range: SERIES_COLOURS },
            marks: [
              Plot.line(
                rows.filter((r) => r.idealPointDistance !== null),
                { x: 'year', y: 'idealPointDistance', stroke: 'bName', marker: 'dot' },
              ),
            ],
          })
        }
      />
      <Figure
        title={t('partners.agreementTitle', { country: name(country) })}
        filename={`alignment-${country}-agreement`}
        rows={rows}
        source={src}
        draw={(width) =>
          Plot.plot({
            width,
            y: { label: t('partners.agreementAxis'), domain: [0, 1], tickFormat: '.0%', grid: true },
            x: { label: null, tickFormat: 'd' },
            color: { legend: true, range: SERIES_COLOURS },
            marks: [
              Plot.line(
                rows.filter((r) => r.agreement !== null),
                { x: 'year', y: 'agreement', stroke: 'bName', marker: 'dot' },
              ),
            ],
          })
        }
        note={t('partners.agreementNote')}
      />
    </div>
  );
}

function PartnerDetail({
  r,
  country,
  name,
}: {
  r: PartnersResult;
  country: string;
  name: (c: string) => string;
}) {
  const { t, tOr, mineral } = useT();
  const row = r.ranking.find((x) => x.country === country);
  if (!row)
    return <p>{t('partners.notRanked', { country: name(country), rule: userText(r.candidates.rule) })}</p>;
  const indicators = Object.entries(row.indicators).map(([id, v]) => ({
    id,
    label: r.indicators[id as keyof typeof r.indicators].label,
    value: v.value,
    normalised: v.normalised,
    weight: r.weights[id as keyof typeof r.weights],
    source: r.indicators[id as keyof typeof r.indicators].source,
  }));
  const ties = row.detail.ties.memberships;
  return (
    <>
      <div class="cards">
        <div class="card">
          <div class="sub">{t('partners.rankOf', { total: r.ranking.length })}</div>
          <div class="big" data-testid="partner-rank">
            {row.rank ?? '—'}
          </div>
          <div class="sub">
            {t('partners.interval', {
              interval: row.rankInterval ? `${row.rankInterval[0]}–${row.rankInterval[1]}` : '—',
            })}
          </div>
        </div>
        <div class="card">
          <div class="sub">{t('partners.compositeScore')}</div>
          <div class="big">{num(row.score, 3)}</div>
          <div class="sub">{t('partners.pTop5', { p: pct(row.pTop5, 0) })}</div>
        </div>
        <div class="card">
          <div class="sub">{t('partners.ranksByPreset')}</div>
          <ul class="plain">
            {PRESETS.map((id) => (
              <li key={id}>
                {tOr(`partners.preset.${id}`, id)}: {row.ranksByPreset[id] ?? '—'}
              </li>
            ))}
          </ul>
        </div>
      </div>
      {row.sanctions && (
        <p class="tag warn" data-testid="partner-sanctions">
          {t('partners.sanctionsFlag', {
            measures: row.sanctions.measures.map((m) => `${m.id} (${m.imposer}, ${m.effective})`).join('; '),
          })}
        </p>
      )}
      {row.profile.length > 0 && (
        <section>
          <h2>{t('partners.profileHeading', { country: name(country) })}</h2>
          <ul>
            {row.profile.map((e) => (
              <li key={e.id}>
                <strong>{e.name}</strong> ({e.date}): {e.summary} <a href={e.source.url}>{e.source.title}</a>
                {e.verification !== 'official-text' && (
                  <span class="tag warn">
                    {tOr(`partners.verification.${e.verification}`, e.verification)}
                  </span>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
      <Table
        caption={t('partners.stagesCaption', { country: name(country) })}
        label={t('partners.stagesCaption', { country: name(country) })}
        rows={row.stages as unknown as Record<string, unknown>[]}
        columns={[
          { key: 'mineral', label: t('common:word.mineral'), format: (b) => mineral(String(b.mineral)) },
          { key: 'label', label: t('partners.colStage') },
          {
            key: 'share',
            label: t('partners.colShare'),
            numeric: true,
            format: (b) => (b.share === null ? t('partners.noFigure') : pct(b.share as number, 1)),
          },
          { key: 'year', label: t('common:word.year'), numeric: true },
          {
            key: 'source',
            label: t('common:word.source'),
            format: (b) => (
              <>
                {userText(String(b.source))}
                {b.secondary ? <span class="tag warn">{t('partners.secondary')}</span> : null}
                {b.estimated ? <span class="tag">{t('partners.estimated')}</span> : null}
              </>
            ),
          },
        ]}
      />
      <Figure
        title={t('partners.indicatorsTitle', { country: name(country) })}
        filename={`partner-${country}-indicators`}
        rows={indicators}
        source={[...new Set(indicators.map((i) => i.source))].join('; ')}
        draw={(width) =>
          Plot.plot({
            width: Math.min(width, 800),
            marginLeft: 130,
            x: { domain: [0, 1], label: t('partners.normalisedAxis'), grid: true },
            y: { label: null, tickFormat: (id: string) => tOr(`partners.indicator.${id}`, id) },
            marks: [
              Plot.barX(
                indicators.filter((i) => i.normalised !== null),
                { x: 'normalised', y: 'id', fill: '#4a6fa5', title: (i) => `${i.label}: ${num(i.value, 3)}` },
              ),
              Plot.text(indicators, {
                x: (i) => i.normalised ?? 0,
                y: 'id',
                text: (i) => (i.normalised === null ? t('partners.noData') : num(i.normalised, 2)),
                dx: 4,
                textAnchor: 'start',
                fill: (i) => (i.normalised === null ? '#8a4b00' : 'currentColor'),
              }),
              Plot.ruleX([0]),
            ],
          })
        }
        note={
          indicators
            .filter((i) => i.normalised === null)
            .map((i) => `${tOr(`partners.indicator.${i.id}`, i.id)}: ${t('partners.noData')}`)
            .join('; ') || undefined
        }
      />
      {ties.length > 0 && (
        <Table
          caption={t('partners.membershipsCaption')}
          rows={ties as unknown as Record<string, unknown>[]}
          columns={[
            { key: 'group', label: t('partners.colGroup') },
            { key: 'status', label: t('partners.colStatus') },
            {
              key: 'unverified',
              label: t('partners.colVerified'),
              format: (m) =>
                m.unverified ? (
                  <span class="tag warn">{t('partners.unverified')}</span>
                ) : (
                  t('common:word.yes')
                ),
            },
            {
              key: 'sourceUrl',
              label: t('common:word.source'),
              format: (m) => (
                <a href={String(m.sourceUrl)}>
                  {String(m.sourceUrl)
                    .replace(/^https?:\/\//, '')
                    .slice(0, 50)}
                </a>
              ),
            },
          ]}
        />
      )}
      <Gaps
        gaps={row.gaps.map((g) => ({
          what: tOr(`partners.indicator.${g.indicator}`, g.indicator),
          reason: g.reason,
        }))}
      />
      <h2>{t('partners.alignmentHeading')}</h2>
      <AlignmentSeries country={country} name={name} />
    </>
  );
}

function Controls({ preset, mineralId }: { preset?: string; mineralId?: string }) {
  const { t, tOr, mineral } = useT();
  return (
    <div class="controls">
      <label>
        {t('partners.presetLabel')}{' '}
        <select
          value={preset ?? 'mineral-partner'}
          onChange={(e) => navigate('/partners', { preset: e.currentTarget.value, mineral: mineralId })}
        >
          {PRESETS.map((id) => (
            <option key={id} value={id}>
              {tOr(`partners.preset.${id}`, id)}
            </option>
          ))}
        </select>
      </label>{' '}
      <label>
        {t('common:word.mineral')}{' '}
        <select
          value={mineralId ?? ''}
          onChange={(e) => navigate('/partners', { preset, mineral: e.currentTarget.value || undefined })}
        >
          <option value="">{t('partners.allMinerals')}</option>
          {MINERAL_CHOICES.map((m) => (
            <option key={m} value={m}>
              {mineral(m)}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}

function Sanctioned({ r, name }: { r: PartnersResult; name: (c: string) => string }) {
  const { t } = useT();
  if (!r.sanctioned.length) return null;
  return (
    <Table
      caption={t('partners.sanctionedCaption')}
      label={t('partners.sanctionedCaption')}
      rows={
        r.sanctioned.map((s) => ({ ...s, countryName: name(s.country) })) as unknown as Record<
          string,
          unknown
        >[]
      }
      columns={[
        { key: 'countryName', label: t('common:word.country') },
        {
          key: 'measures',
          label: t('partners.colMeasures'),
          format: (s) =>
            (s.measures as PartnersResult['sanctioned'][number]['measures'])
              .filter((m) => m.class === 'embargo' || m.class === 'country_programme' || m.forbidsPurchase)
              .map((m) => `${m.instrument} (${m.imposer}, ${m.effective})`)
              .join('; '),
        },
      ]}
    />
  );
}

export function PartnersPage({ route }: { route: Route }) {
  const { t, tOr } = useT();
  const focus = route.parts[1]?.toUpperCase();
  const preset = route.query.get('preset') ?? undefined;
  const mineralId = route.query.get('mineral') ?? undefined;
  const state = useApi<PartnersResult>(
    '/partners',
    focus ? PARTNERS_QUERY : { ...PARTNERS_QUERY, preset, mineral: mineralId },
  );
  const name = useNames();
  useEffect(() => setPageDetail(focus ? name(focus) : ''), [focus, t]);
  return (
    <>
      <h1>{focus ? t('partners.partnerTitle', { country: name(focus) }) : t('partners.title')}</h1>
      <nav class="tabs" aria-label={t('partners.tabsLabel')}>
        <a href={href('/partners')} aria-current={!focus ? 'page' : undefined}>
          {t('partners.ranking')}
        </a>
        {FEATURED.map((c) => (
          <a key={c} href={href(`/partners/${c}`)} aria-current={focus === c ? 'page' : undefined}>
            {name(c)}
          </a>
        ))}
      </nav>
      <Await state={state}>
        {(r) =>
          focus ? (
            <PartnerDetail r={r} country={focus} name={name} />
          ) : (
            <>
              <Controls preset={preset} mineralId={mineralId} />
              <p class="lead">
                {t('partners.candidatesLead', {
                  count: r.candidates.count,
                  rule: userText(r.candidates.rule),
                  weights: Object.entries(r.weights)
                    .map(([k, w]) => `${tOr(`partners.indicator.${k}`, k)} ${num(w, 2)}`)
                    .join(', '),
                })}
              </p>
              <p>
                {t('partners.presetLead', {
                  preset: r.preset ? tOr(`partners.preset.${r.preset}`, r.preset) : t('partners.userWeights'),
                  rho: num(r.equalWeightCorrelation.rho, 2),
                  n: r.equalWeightCorrelation.n,
                })}{' '}
                {t('partners.uncertaintyLead', {
                  draws: r.draws,
                  inputs: r.uncertainty.sources
                    .filter((s) => s.used)
                    .map((s) => tOr(`partners.uncertaintyInput.${s.input}`, s.input))
                    .join(', '),
                })}
              </p>
              <Ranking r={r} name={name} />
              <Table
                label={t('partners.rankingTable')}
                rows={
                  r.ranking.map((x) => ({ ...x, name: name(x.country) })) as unknown as Record<
                    string,
                    unknown
                  >[]
                }
                columns={[
                  { key: 'rank', label: t('common:word.rank'), numeric: true },
                  {
                    key: 'name',
                    label: t('common:word.country'),
                    format: (x) => <a href={href(`/partners/${x.country}`)}>{String(x.name)}</a>,
                  },
                  {
                    key: 'via',
                    label: t('partners.colVia'),
                    format: (x) =>
                      (x.via as PartnersResult['ranking'][number]['via'])
                        .map((v) => `${v.mineral}: ${v.labels.join(', ')}`)
                        .join('; '),
                  },
                  {
                    key: 'sanctions',
                    label: t('partners.colSanctions'),
                    format: (x) => (x.sanctions ? <span class="tag warn">{t('partners.flagged')}</span> : ''),
                  },
                  {
                    key: 'score',
                    label: t('common:word.score'),
                    numeric: true,
                    format: (x) => num(x.score as number | null, 3),
                  },
                  {
                    key: 'rankInterval',
                    label: t('partners.colRankInterval'),
                    numeric: true,
                    format: (x) => (x.rankInterval ? (x.rankInterval as number[]).join('–') : '—'),
                  },
                  {
                    key: 'pTop5',
                    label: 'P(top 5)',
                    numeric: true,
                    format: (x) => pct(x.pTop5 as number | null, 0),
                  },
                  {
                    key: 'gaps',
                    label: t('partners.colGaps'),
                    format: (x) => (x.gaps as unknown[]).length || '',
                  },
                ]}
              />
              <Sanctioned r={r} name={name} />
              <Gaps
                gaps={r.gaps.map((g) => ({
                  what: tOr(`partners.indicator.${g.indicator}`, g.indicator),
                  reason: g.reason,
                }))}
              />
            </>
          )
        }
      </Await>
    </>
  );
}
