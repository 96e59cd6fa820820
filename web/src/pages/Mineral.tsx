// Mineral: who mines and refines it (world map of shares), flows into the chosen trio country, concentration
// and risk trends (risk scores over time; the EU's own number reproduced), the three views of dependence (shipped by, refined in, mined in) and their trends,
// and the data gaps.
import * as Plot from '@observablehq/plot';
import { useEffect } from 'preact/hooks';
import { producerBars } from '../../../src/report/charts.ts';
import type { AssessResult } from '../../../src/services/assess.ts';
import type { ProductionResult } from '../../../src/services/production.ts';
import { setPageDetail } from '../a11y.ts';
import { useApi, useNames } from '../api.ts';
import { Figure } from '../components/Figure.tsx';
import { Await, GapPanel, Gaps, Loading } from '../components/Status.tsx';
import { Table } from '../components/Table.tsx';
import { drawMap, useWorld } from '../components/WorldMap.tsx';
import { CASE_MINERALS, num, pct, TRIO } from '../format.ts';
import { useT } from '../i18n.tsx';
import { navigate, type Route } from '../route.ts';
import { userText } from '../text.ts';
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
  const { t, tOr } = useT();
  const world = useWorld();
  const stage = t(`common:stage.${p.stage}`);
  // USGS estimates (the edition's latest year, or rows flagged "e"), as the production rule marks them.
  const estimate = p.estimate;
  const values = new Map(p.shares.filter((s) => s.share !== null).map((s) => [s.country, s.share as number]));
  const rows = p.shares.map((s) => ({
    mineral: p.mineral,
    stage: p.stage,
    year: p.year,
    unit: p.unit,
    ...s,
  }));
  const source = `${p.source.citation} (${p.source.licence})`;
  return (
    <>
      <div class="cards">
        <div class="card">
          <div class="sub">{t('mineral.chinaShareOf', { stage })}</div>
          <div class="big" data-testid="china-share">
            {pct(p.chinaShare)}
          </div>
          {p.chinaShare === null && p.chinaReason && (
            <div class="sub">{tOr(`common:reason.${p.chinaReason}`, p.chinaReason)}</div>
          )}
          <div class="sub">
            {p.year}
            {estimate && <span class="tag warn">{t('common:usgs.estimate')}</span>}
          </div>
        </div>
        <div class="card">
          <div class="sub">{t('common:unit.hhiScale')}</div>
          <div class="big">{num(p.hhi)}</div>
          <div class="sub">{p.hhi !== null && p.hhi > 2500 ? t('mineral.highlyConcentrated') : ''}</div>
        </div>
        <div class="card">
          <div class="sub">{t('mineral.top3')}</div>
          <div class="big">{pct(p.top3)}</div>
        </div>
        <div class="card">
          <div class="sub">{t('mineral.worldProduction', { stage })}</div>
          <div class="big">{num(p.world)}</div>
          <div class="sub">{p.unit}</div>
        </div>
      </div>
      <div class="grid">
        <Figure
          title={t('mineral.mapTitle', { stage, year: p.year })}
          filename={`${p.mineral}-${p.stage}-${p.year}-shares`}
          rows={rows}
          source={source}
          draw={
            world
              ? (width) =>
                  drawMap(world, values, {
                    label: t('mineral.mapLegend', { stage }),
                    width,
                    highlight: country,
                    name,
                    noData: t('mineral.noData'),
                    pct: (x) => pct(x),
                  })
              : undefined
          }
        >
          <Loading label={t('mineral.loadingMap')} />
        </Figure>
        <Figure
          title={t('mineral.producersTitle', { year: p.year, unit: p.unit })}
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
              { width, unit: p.unit, xLabel: t('mineral.shareOfWorld') },
            )
          }
          note={
            <>
              {estimate && <>{t('common:usgs.estimateNote', { year: p.year })} </>}
              {userText(p.notes.join(' '))}
            </>
          }
        />
      </div>
      <Gaps
        gaps={p.shares
          .filter((s) => s.quantity === null)
          .map((s) => ({
            what: `${s.country ? name(s.country) : s.name} ${p.year}`,
            reason: tOr(`common:reason.${s.nullReason ?? 'not_reported'}`, s.nullReason ?? ''),
          }))}
      />
    </>
  );
}

type RiskPoint = NonNullable<AssessResult['trends']>['risk']['series'][number]['points'][number];

const SCORES = [
  { key: 'euSR', label: 'mineral.scoreEuSr' },
  { key: 'geoPolRisk', label: 'mineral.scoreGeoPolRisk' },
  { key: 'usgsStyle', label: 'mineral.scoreUsgsStyle' },
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
  const { t, country: name } = useT();
  const points = a.trends?.risk.series.find((s) => s.country === country)?.points ?? [];
  if (!points.length) return null;
  const anyScore = points.some((p) => SCORES.some((s) => p[s.key] !== null));
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
          y: { label: t(s.label), grid: true, domain: [0, top] },
          marks: [
            Plot.ruleY([0]),
            ...(ref !== null
              ? [
                  Plot.ruleY([ref], { stroke: '#888', strokeDasharray: '4,3' }),
                  Plot.text([ref], {
                    x: x0,
                    y: ref,
                    text: () => t('mineral.eu2023Value', { value: num(ref, 1) }),
                    dy: -6,
                    textAnchor: 'start',
                    fill: '#4d4d4d',
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
  const none = t('common:word.none');
  const missing = (
    <>
      {t('mineral.missingEuSr', { reasons: userText(nullReasons(points, 'euSR')) || none })}{' '}
      {t('mineral.missingGeoPolRisk', { reasons: userText(nullReasons(points, 'geoPolRisk')) || none })}{' '}
      {t('mineral.missingUsgsStyle', { reasons: userText(nullReasons(points, 'usgsStyle')) || none })}
    </>
  );
  return (
    <>
      <h2>{t('mineral.riskOverTime')}</h2>
      {anyScore ? (
        <Figure
          title={t('mineral.riskTitle', { country: name(country) })}
          filename={`risk-trend-${a.mineral}-${country}`}
          rows={rows}
          source={t('mineral.riskSource', {
            basis: userText(a.trends?.risk.basis),
            published: num(published, 1),
          })}
          draw={draw}
          note={
            <>
              {t('mineral.scoresComputedFor', { years: yearRanges(years) })} {missing}
            </>
          }
        />
      ) : (
        <GapPanel title={t('mineral.riskTitle', { country: name(country) })} reason={missing} />
      )}
      <h3>{t('mineral.euReproduction')}</h3>
      {rep.available ? (
        <>
          <Table
            rows={repRows}
            label={t('mineral.euReproduction')}
            columns={[
              { key: 'stage', label: t('mineral.colEuStage') },
              { key: 'basis', label: t('mineral.colEuBasis') },
              { key: 'publishedSr', label: t('mineral.colEuPublished'), numeric: true },
              {
                key: 'reproducedSr',
                label: t('mineral.colReproduced'),
                numeric: true,
                format: (r) => num(r.reproducedSr, 2),
              },
              { key: 'gap', label: t('mineral.colGap'), numeric: true, format: (r) => num(r.gap, 2) },
              { key: 'sharesUsed', label: t('mineral.colSharesUsed') },
              {
                key: 'complete',
                label: t('mineral.colStatus'),
                format: (r) =>
                  r.complete
                    ? t(r.withinTolerance ? 'mineral.completeWithin' : 'mineral.completeOutside', {
                        tolerance: rep.tolerance,
                      })
                    : t('mineral.incomplete', { missing: userText(r.missing) }),
              },
            ]}
          />
          <p class="note">
            {t('mineral.trioSr', {
              values: TRIO.filter((c) => rep.trio[c])
                .map((c) => `${name(c)} ${num(rep.trio[c].sr, 2)}`)
                .join(' · '),
              year: a.year,
              differences: userText(rep.differences.join('; ')),
            })}
          </p>
          <p class="source">{t('mineral.euSource')}</p>
        </>
      ) : (
        <GapPanel title={t('mineral.euReproduction')} reason={userText(rep.reason)} />
      )}
    </>
  );
}

export function MineralPage({ route }: { route: Route }) {
  const { t, mineral: mineralName, country: countryName } = useT();
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
  useEffect(() => setPageDetail(`${mineralName(mineral)} · ${countryName(country)}`), [mineral, country, t]);
  return (
    <>
      <h1>{mineralName(mineral)}</h1>
      <div class="controls">
        <label>
          {t('common:word.mineral')}
          <select
            value={mineral}
            onChange={(e) => go(e.currentTarget.value, { year: undefined, stage: undefined })}
          >
            {(minerals.data ?? CASE_MINERALS.map((id) => ({ id, name: id, tier: '', stages: [] }))).map(
              (m) => (
                <option key={m.id} value={m.id}>
                  {mineralName(m.id)}
                  {m.tier === 'case-study' ? ` (${t('common:tier.case-study')})` : ''}
                </option>
              ),
            )}
          </select>
        </label>
        <label>
          {t('common:word.country')}
          <select value={country} onChange={(e) => go(mineral, { country: e.currentTarget.value })}>
            {TRIO.map((c) => (
              <option key={c} value={c}>
                {countryName(c)}
              </option>
            ))}
          </select>
        </label>
        {stages.length > 1 && (
          <label>
            {t('common:word.stage')}
            <select
              value={stage ?? stages[0]}
              onChange={(e) => go(mineral, { stage: e.currentTarget.value, year: undefined })}
            >
              {stages.map((s) => (
                <option key={s} value={s}>
                  {t(`common:stage.${s}`)}
                </option>
              ))}
            </select>
          </label>
        )}
        {production.data && (
          <label>
            {t('mineral.productionYear')}
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
      <h2>{t('mineral.whoProduces')}</h2>
      <Await state={production} gap={t('mineral.productionGap', { mineral: mineralName(mineral) })}>
        {(p) => <ProductionView p={p} country={country} name={name} />}
      </Await>
      <Await state={assessment} gap={t('mineral.assessmentGap', { mineral: mineralName(mineral) })}>
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
