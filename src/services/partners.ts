// Partner ranking: for every candidate country (non-trivial USGS mine production or reserves of the minerals in
// scope; the trio and China excluded — China is the dependence being diversified away from), the indicators of
// src/analysis/partners/indicators.ts, normalised, weighted and ranked, with rank intervals and P(top 5) from
// Dirichlet weight sampling (src/analysis/partners/composite.ts). Loads through src/store/queries/partners.ts.
import { z } from 'zod';
import { dyadOf, voteMatrix } from '../analysis/alignment/all-dyads.ts';
import { DYAD_DEFAULTS } from '../analysis/alignment/dyad.ts';
import { idealPointDistance } from '../analysis/alignment/ideal-distance.ts';
import { COMPOSITE_DEFAULTS, type CompositeRow, compositeRanking } from '../analysis/partners/composite.ts';
import { chinaExportShare } from '../analysis/partners/entanglement.ts';
import {
  DEFAULT_WEIGHTS,
  INDICATOR_IDS,
  INDICATORS,
  type IndicatorId,
} from '../analysis/partners/indicators.ts';
import { normalise } from '../analysis/partners/normalise.ts';
import { complementarity, meanOf, worldShare } from '../analysis/partners/relevance.ts';
import { defencePartners, membershipTies, type ScoredMembership } from '../analysis/partners/ties.ts';
import { olsSlope } from '../analysis/partners/trend.ts';
import { TRIO } from '../model/countries.ts';
import { UserInputError, unknownChoice } from '../model/errors.ts';
import { MINERALS, type Mineral, mineralById } from '../model/minerals.ts';
import type { Db } from '../store/db.ts';
import * as q from '../store/queries/partners.ts';
import { parseCountry, zodInputError } from './alignment.ts';

const CHINA = 'CHN';
const CONTRAST = ['CHN', 'RUS'] as const;
const TARGETS = [...TRIO, ...CONTRAST];

/** A country is a candidate with at least this share of world mine production or reserves of a mineral in scope. */
export const CANDIDATE_MIN_SHARE = 0.01;
/** Years of ideal points behind the decade trend, and of votes pooled for the descriptive vote agreement. */
const TREND_YEARS = 10;
const VOTE_POOL_YEARS = 5;
const VOTE_SERIES_YEARS = 10;

export const PartnersParams = z.object({
  mineral: z.string().optional(),
  weights: z.string().optional(),
  draws: z.coerce
    .number({ error: 'expected a whole number of draws' })
    .int({ error: 'expected a whole number of draws' })
    .min(0, { error: 'draws cannot be negative' })
    .max(100_000, { error: 'at most 100000 draws' })
    .default(COMPOSITE_DEFAULTS.draws),
  seed: z.coerce
    .number({ error: 'expected an integer seed' })
    .int({ error: 'expected an integer seed' })
    .min(0, { error: 'the seed must be 0 or more' })
    .max(2 ** 32 - 1)
    .default(COMPOSITE_DEFAULTS.seed),
  normalisation: z.enum(['minmax', 'rank']).default('minmax'),
  concentration: z.coerce
    .number({ error: 'expected a positive number' })
    .positive({ error: 'concentration must be positive' })
    .default(COMPOSITE_DEFAULTS.concentration),
  include: z.string().optional(),
});
export type PartnersParams = z.input<typeof PartnersParams>;

/** Parses "k=v,k=v" into weights over the indicators (unnamed ones keep their default), normalised to sum 1. */
export function parseWeights(spec: string | undefined): Record<IndicatorId, number> {
  const w: Record<IndicatorId, number> = { ...DEFAULT_WEIGHTS };
  if (spec === undefined || spec.trim() === '') return w;
  const seen = new Set<string>();
  for (const part of spec.split(',')) {
    const m = /^\s*([A-Za-z]+)\s*=\s*(\S+)\s*$/.exec(part);
    if (!m)
      throw new UserInputError(
        `--weights: "${part.trim()}" is not key=value (e.g. alignment=2,governance=1)`,
        'weights',
      );
    const [, key, raw] = m;
    if (!(INDICATOR_IDS as string[]).includes(key)) unknownChoice('weight', key, INDICATOR_IDS, 'weights');
    if (seen.has(key)) throw new UserInputError(`--weights: ${key} is given twice`, 'weights');
    seen.add(key);
    const v = Number(raw);
    if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(raw) || !Number.isFinite(v))
      throw new UserInputError(`--weights: ${key}=${raw} is not a number`, 'weights');
    if (v < 0)
      throw new UserInputError(`--weights: ${key}=${raw} is negative; weights must be 0 or more`, 'weights');
    w[key as IndicatorId] = v;
  }
  const total = INDICATOR_IDS.reduce((s, k) => s + w[k], 0);
  if (!(total > 0)) throw new UserInputError('--weights: at least one weight must be positive', 'weights');
  for (const k of INDICATOR_IDS) w[k] /= total;
  return w;
}

function scopeMinerals(spec: string | undefined): Mineral[] {
  const withUsgs = MINERALS.filter((m) => m.usgs);
  if (!spec) return withUsgs;
  return spec.split(',').map((s) => {
    const m = mineralById(s.trim());
    if (!m)
      unknownChoice(
        'mineral',
        s.trim(),
        withUsgs.map((x) => x.id),
        'mineral',
      );
    if (!m.usgs)
      throw new UserInputError(
        `${m.id}: ${m.notes[0] ?? 'no USGS production series'}; it cannot define candidates`,
        'mineral',
        404,
      );
    return m;
  });
}

export interface Gap {
  country?: string;
  indicator: string;
  reason: string;
}

interface MineralTable {
  mineral: string;
  production: WorldTable | null;
  reserves: WorldTable | null;
}

interface WorldTable {
  year: number;
  edition: number;
  world: number;
  sourceId: number;
  values: Map<string, { value: number | null; nullReason: string | null; line: number }>;
}

function tableOf(rows: q.WorldShareRow[]): WorldTable | null {
  const world = rows.find((r) => r.row_kind === 'world');
  if (!world || world.value === null) return null;
  const values: WorldTable['values'] = new Map();
  for (const r of rows)
    if (r.row_kind === 'country' && r.country)
      values.set(r.country, { value: r.value, nullReason: r.null_reason, line: r.source_line });
  return { year: world.year, edition: world.edition, world: world.value, sourceId: world.source_id, values };
}

async function mineralTables(db: Db, minerals: Mineral[]): Promise<MineralTable[]> {
  return Promise.all(
    minerals.map(async (m) => ({
      mineral: m.id,
      production: tableOf(
        await q.latestWorldTable(db, m.id, 'production', m.usgs?.series[0].stage ?? 'mine'),
      ),
      reserves: tableOf(await q.latestWorldTable(db, m.id, 'reserves', null)),
    })),
  );
}

/**
 * Share of world production/reserves: the listed value; 0 when USGS does not list the country (it is inside
 * "Other countries"); null with the USGS reason (withheld, not_available, …) when the listed value is not a number.
 */
function shareIn(t: WorldTable | null, country: string): { share: number | null; basis: string } {
  if (!t) return { share: null, basis: 'no_table' };
  const hit = t.values.get(country);
  if (!hit) return { share: 0, basis: 'not_listed' };
  if (hit.value === null) return { share: null, basis: hit.nullReason ?? 'not_reported' };
  return { share: worldShare(hit.value, t.world), basis: 'listed' };
}

export interface TrioDependence {
  mineral: string;
  dependence: number | null;
  basis: 'baci_trio_imports' | 'usgs_china_mine_share' | 'none';
  year: number | null;
}

export interface PartnerIndicators {
  country: string;
  values: Record<IndicatorId, number | null>;
  detail: Record<IndicatorId, Record<string, unknown>>;
  gaps: Gap[];
}

export interface PartnersContext {
  minerals: string[];
  idealYear: number | null;
  voteYears: [number, number] | null;
  allianceYear: number | null;
  baciYear: number | null;
  governanceYear: number | null;
  trioDependence: TrioDependence[];
  tables: MineralTable[];
}

/** The raw indicators (before normalisation) for the given countries and minerals. */
export async function partnerIndicators(
  db: Db,
  countries: readonly string[],
  minerals: Mineral[],
  tables?: MineralTable[],
): Promise<{ context: PartnersContext; rows: PartnerIndicators[] }> {
  const mt = tables ?? (await mineralTables(db, minerals));
  const ideal = await q.idealPointYearRange(db);
  const voteRange = await q.voteYearRange(db, DYAD_DEFAULTS.minVotes);
  const allianceYear = await q.allianceLastYear(db);
  const baciYear = await q.baciLastYear(db);
  const who = [...new Set([...countries, ...TARGETS])];

  const points =
    ideal.last === null ? [] : await q.idealPoints(db, who, ideal.last - TREND_YEARS + 1, ideal.last);
  const theta = new Map(points.map((p) => [`${p.country}:${p.year}`, p]));
  const voteYears: [number, number] | null =
    voteRange.last === null ? null : [voteRange.last - VOTE_POOL_YEARS + 1, voteRange.last];
  const last = voteRange.last;
  const voteRows =
    last === null ? [] : await q.votes(db, { from: last - VOTE_SERIES_YEARS + 1, to: last, countries: who });
  const vm = voteYears ? voteMatrix(voteRows.filter((v) => v.year >= voteYears[0])) : null;
  const voteSeriesYears =
    last === null
      ? []
      : Array.from({ length: VOTE_SERIES_YEARS }, (_, i) => last - VOTE_SERIES_YEARS + 1 + i);
  const yearMatrices = new Map(
    voteSeriesYears.map((yr) => [yr, voteMatrix(voteRows.filter((v) => v.year === yr))]),
  );
  const pacts = allianceYear === null ? [] : await q.alliancesWith(db, TRIO, allianceYear);
  const members = await q.memberships(db);
  const governance = new Map((await q.governanceLatest(db)).map((g) => [g.country, g]));
  const allMinerals = MINERALS.map((m) => m.id);
  const inScope = minerals.map((m) => m.id);
  const flows = baciYear === null ? [] : await q.baciFlows(db, allMinerals, baciYear);

  const trioDependence: TrioDependence[] = mt.map((t) => {
    const imports = flows.filter(
      (f) => f.mineral === t.mineral && (TRIO as readonly string[]).includes(f.importer),
    );
    const total = imports.reduce((s, f) => s + f.value_usd, 0);
    if (total > 0)
      return {
        mineral: t.mineral,
        dependence: imports.filter((f) => f.exporter === CHINA).reduce((s, f) => s + f.value_usd, 0) / total,
        basis: 'baci_trio_imports',
        year: baciYear,
      };
    const china = shareIn(t.production, CHINA);
    return china.share === null
      ? { mineral: t.mineral, dependence: null, basis: 'none', year: null }
      : {
          mineral: t.mineral,
          dependence: china.share,
          basis: 'usgs_china_mine_share',
          year: t.production?.year ?? null,
        };
  });

  const rows = countries.map((country): PartnerIndicators => {
    const gaps: Gap[] = [];
    const gap = (indicator: string, reason: string) => gaps.push({ country, indicator, reason });
    // Alignment: ideal-point distances to each trio member (latest year) and their decade trend.
    const dist = (t: string, y: number) =>
      idealPointDistance(theta.get(`${country}:${y}`)?.ideal_fp, theta.get(`${t}:${y}`)?.ideal_fp);
    const y = ideal.last ?? 0;
    const byMember = Object.fromEntries(TRIO.map((t) => [t, dist(t, y)]));
    const contrast = Object.fromEntries(CONTRAST.map((t) => [t, dist(t, y)]));
    const trioMean = (year: number) => {
      const d = TRIO.map((t) => dist(t, year));
      return d.some((x) => x === null) ? null : meanOf(d);
    };
    const alignmentValue = ideal.last === null ? null : trioMean(y);
    if (alignmentValue === null) gap('alignment', 'no_ideal_point');
    const series =
      ideal.last === null
        ? []
        : Array.from({ length: TREND_YEARS }, (_, i) => {
            const year = y - TREND_YEARS + 1 + i;
            return {
              year,
              value: trioMean(year),
              ...Object.fromEntries(TARGETS.map((t) => [t, dist(t, year)])),
            };
          });
    const voteSeries = voteSeriesYears.map((year) => {
      const m = yearMatrices.get(year) as ReturnType<typeof voteMatrix>;
      const agree = Object.fromEntries(TARGETS.map((t) => [t, dyadOf(m, country, t).agreement]));
      const trioAgree = TRIO.map((t) => agree[t]);
      return { year, value: trioAgree.some((x) => x === null) ? null : meanOf(trioAgree), ...agree };
    });
    const trend = olsSlope(series);
    if (trend === null) gap('alignmentTrend', 'insufficient_data');
    const agreement = Object.fromEntries(
      TARGETS.map((t) => [t, vm ? dyadOf(vm, country, t).agreement : null]),
    );
    // Ties.
    const defence =
      allianceYear === null
        ? null
        : defencePartners(
            pacts.filter((p) => p.country === country),
            TRIO,
            allianceYear,
          );
    if (defence === null) gap('defence', 'no_alliance_data');
    const ties = membershipTies(
      members
        .filter((m) => m.country === country)
        .map((m) => ({
          group: m.group_name,
          country: m.country,
          status: m.status,
          verified: m.verified,
          confidence: m.confidence,
          sourceUrl: m.source_url,
          sourceId: m.source_id,
          sourceLine: m.source_line,
        })),
    );
    const gov = governance.get(country);
    if (!gov || gov.mean === null) gap('governance', 'not_reported');
    // China entanglement over all 32 BACI critical-material codes; the share for the minerals in scope is detail.
    const own = flows
      .filter((f) => f.exporter === country)
      .map((f) => ({ importer: f.importer, valueUsd: f.value_usd, mineral: f.mineral }));
    const ent = chinaExportShare(own);
    const entScoped = chinaExportShare(own.filter((f) => inScope.includes(f.mineral)));
    if (!ent) gap('chinaEntanglement', baciYear === null ? 'no_trade_data' : 'no_exports');
    // Mineral relevance.
    const byMineral = mt.map((t) => {
      const p = shareIn(t.production, country);
      const r = shareIn(t.reserves, country);
      if (p.share === null && p.basis !== 'no_table')
        gap('mineralShare', `${t.mineral}: production ${p.basis}`);
      if (r.share === null && r.basis !== 'no_table')
        gap('mineralShare', `${t.mineral}: reserves ${r.basis}`);
      return {
        mineral: t.mineral,
        productionShare: p.share,
        productionBasis: p.basis,
        productionYear: t.production?.year ?? null,
        productionEdition: t.production?.edition ?? null,
        productionSourceId: t.production?.sourceId ?? null,
        productionLine: t.production?.values.get(country)?.line ?? null,
        reservesShare: r.share,
        reservesBasis: r.basis,
        reservesYear: t.reserves?.year ?? null,
        reservesEdition: t.reserves?.edition ?? null,
        reservesSourceId: t.reserves?.sourceId ?? null,
        reservesLine: t.reserves?.values.get(country)?.line ?? null,
      };
    });
    const mineralShare = meanOf(byMineral.map((m) => meanOf([m.productionShare, m.reservesShare])));
    const comp = complementarity(
      byMineral.map((m) => ({
        mineral: m.mineral,
        productionShare: m.productionShare,
        dependence: trioDependence.find((d) => d.mineral === m.mineral)?.dependence ?? null,
      })),
    );
    if (mineralShare === null) gap('mineralShare', 'no_usgs_data');
    if (comp === null) gap('complementarity', 'insufficient_data');

    return {
      country,
      values: {
        alignment: alignmentValue,
        alignmentTrend: trend,
        defence: defence === null ? null : defence.length,
        ties: ties.score,
        governance: gov?.mean ?? null,
        chinaEntanglement: ent?.share ?? null,
        mineralShare,
        complementarity: comp,
      },
      detail: {
        alignment: {
          year: ideal.last,
          byMember,
          contrast,
          voteAgreement: { years: voteYears, ...agreement },
          idealPointLines: Object.fromEntries(
            [country, ...TARGETS].map((t) => [t, theta.get(`${t}:${y}`)?.source_line ?? null]),
          ),
        },
        alignmentTrend: {
          years: series.length ? [series[0].year, series[series.length - 1].year] : null,
          series,
          voteAgreementSeries: voteSeries,
          voteAgreementSlope: olsSlope(voteSeries),
        },
        defence: { year: allianceYear, partners: defence ?? [] },
        ties: { memberships: ties.memberships.map(slimMembership), unverifiedScored: ties.unverifiedScored },
        governance: {
          year: gov?.year ?? null,
          indicatorsAveraged: gov?.indicators ?? 0,
          sourceLine: gov?.first_line ?? null,
        },
        chinaEntanglement: {
          year: baciYear,
          toChinaUsd: ent?.toChinaUsd ?? null,
          totalUsd: ent?.totalUsd ?? null,
          mineralsInScope: { share: entScoped?.share ?? null, totalUsd: entScoped?.totalUsd ?? null },
        },
        mineralShare: { byMineral },
        complementarity: {},
      },
      gaps,
    };
  });
  return {
    context: {
      minerals: inScope,
      idealYear: ideal.last,
      voteYears,
      allianceYear,
      baciYear,
      governanceYear: [...governance.values()][0]?.year ?? null,
      trioDependence,
      tables: mt,
    },
    rows,
  };
}

const slimMembership = (m: ScoredMembership) => ({
  group: m.group,
  status: m.status,
  verified: m.verified,
  confidence: m.confidence,
  unverified: m.unverified,
  scored: m.scored,
  weight: m.weight,
  sourceUrl: m.sourceUrl,
  sourceLine: m.sourceLine,
});

export interface PartnerRankingRow extends CompositeRow {
  name?: string;
  indicators: Record<
    IndicatorId,
    Record<string, unknown> & { value: number | null; normalised: number | null }
  >;
  gaps: Gap[];
}

export interface PartnersResult {
  weights: Record<IndicatorId, number>;
  minerals: string[];
  draws: number;
  seed: number;
  normalisation: 'minmax' | 'rank';
  concentration: number;
  candidates: { rule: string; count: number; included: string[] };
  years: Omit<PartnersContext, 'trioDependence' | 'tables' | 'minerals'>;
  trioDependence: TrioDependence[];
  indicators: typeof INDICATORS;
  ranking: PartnerRankingRow[];
  droppedIndicators: IndicatorId[];
  gaps: Gap[];
  notes: string[];
}

export async function partners(db: Db, input: PartnersParams): Promise<PartnersResult> {
  const parsed = PartnersParams.safeParse(input);
  if (!parsed.success) throw zodInputError(parsed.error);
  const p = parsed.data;
  const weights = parseWeights(p.weights);
  const minerals = scopeMinerals(p.mineral);
  const include = p.include ? p.include.split(',').map((c) => parseCountry(c, 'include')) : [];
  const tables = await mineralTables(db, minerals);
  if (tables.every((t) => !t.production && !t.reserves))
    throw new UserInputError(
      `no USGS production or reserves for ${minerals.map((m) => m.id).join(', ')} in the database (run minsec data build)`,
      'mineral',
      404,
    );
  const excluded = new Set<string>([...TRIO, CHINA]);
  const candidates = new Set<string>();
  for (const t of tables)
    for (const table of [t.production, t.reserves])
      for (const [c, v] of table?.values ?? [])
        if (
          !excluded.has(c) &&
          v.value !== null &&
          v.value / (table as { world: number }).world >= CANDIDATE_MIN_SHARE
        )
          candidates.add(c);
  const added = include.filter((c) => !excluded.has(c) && !candidates.has(c));
  for (const c of added) candidates.add(c);
  const countries = [...candidates].sort();
  const { context, rows } = await partnerIndicators(db, countries, minerals, tables);

  const normalised = INDICATOR_IDS.map((id) =>
    normalise(
      rows.map((r) => r.values[id]),
      INDICATORS[id].direction,
      p.normalisation,
    ),
  );
  const dropped = INDICATOR_IDS.filter((_, k) => normalised[k].every((v) => v === null));
  const matrix = rows.map((_, i) => INDICATOR_IDS.map((_, k) => normalised[k][i]));
  const composite = compositeRanking(
    countries,
    matrix,
    INDICATOR_IDS.map((id) => weights[id]),
    {
      draws: p.draws,
      seed: p.seed,
      concentration: p.concentration,
    },
  );
  const ranking: PartnerRankingRow[] = composite
    .map((c, i) => ({
      ...c,
      indicators: Object.fromEntries(
        INDICATOR_IDS.map((id, k) => [
          id,
          { value: rows[i].values[id], normalised: normalised[k][i], ...rows[i].detail[id] },
        ]),
      ) as PartnerRankingRow['indicators'],
      gaps: rows[i].gaps,
    }))
    .sort(
      (x, y) =>
        (x.rank ?? Number.POSITIVE_INFINITY) - (y.rank ?? Number.POSITIVE_INFINITY) ||
        x.country.localeCompare(y.country),
    );

  const { trioDependence, tables: _t, minerals: _m, ...years } = context;
  const gaps: Gap[] = [
    ...dropped.map((id) => ({ indicator: id, reason: 'no_variation_or_no_data' })),
    ...trioDependence
      .filter((d) => d.basis !== 'baci_trio_imports')
      .map((d) => ({
        indicator: 'complementarity',
        reason: `${d.mineral}: no BACI trio imports; ${d.basis === 'none' ? 'no dependence measure' : "China's USGS mine-production share used as proxy"}`,
      })),
    ...tables
      .filter((t) => !t.reserves)
      .map((t) => ({
        indicator: 'mineralShare',
        reason: `${t.mineral}: no USGS reserves table (production share only)`,
      })),
  ];
  return {
    weights,
    minerals: context.minerals,
    draws: p.draws,
    seed: p.seed,
    normalisation: p.normalisation,
    concentration: p.concentration,
    candidates: {
      rule: `countries with ≥ ${CANDIDATE_MIN_SHARE * 100}% of world mine production or reserves (USGS MCS, latest year) of a mineral in scope; KOR, JPN, USA and CHN excluded`,
      count: countries.length,
      included: added,
    },
    years,
    trioDependence,
    indicators: INDICATORS,
    ranking,
    droppedIndicators: dropped,
    gaps,
    notes: [
      `Normalisation: ${p.normalisation === 'minmax' ? 'min-max' : 'percentile rank'} across candidates, 1 = best (direction per indicator); missing indicators are not imputed — the country's score is the weighted mean of the indicators it has (listed in its gaps).`,
      `Uncertainty: ${p.draws} weight vectors from Dirichlet(${p.concentration}·w) around the weights (seed ${p.seed}); rankInterval = 5th–95th percentile of rank; pTop5 = share of draws ranked 1–5.`,
      'USGS shares: a country not listed in a USGS table counts 0 (it is inside "Other countries"); withheld or NA values are null.',
      "Complementarity = Σ_m d_m·share_m / Σ_m d_m, d_m = China's share of KOR+JPN+USA imports of m (BACI, latest year; China's USGS mine share where BACI has no rows), share_m = the candidate's share of world mine production.",
      'China entanglement covers the 32 HS6 codes of the shared BACI extract (one code per material; no ores/concentrates for copper or molybdenum).',
      'Memberships listed with verified ≠ Y or confidence ≠ high are flagged unverified; they still count in the ties score.',
    ],
  };
}
