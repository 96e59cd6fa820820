// Partner ranking: stage-aware candidates for the minerals in scope (mine output, refinery or primary production,
// refining capacity and refined shares, recycling, reserves, by-product host industries; src/analysis/partners/
// capability.ts), screened against the sanctions catalog (src/catalog/sanctions.ts, partnerScreen: excluded by
// default, overridable), ranked on the indicators of src/analysis/partners/indicators.ts under a named weight
// preset or the user's weights, with rank intervals from weight and data uncertainty (ranking.ts) and the
// Spearman correlation with the equal-weight ranking. KOR, JPN, USA (the trio served) and CHN (the dependence
// being diversified away from) are never candidates. Loads through src/store/queries/partners.ts.
import { z } from 'zod';
import { dyadOf, voteMatrix } from '../analysis/alignment/all-dyads.ts';
import { DYAD_DEFAULTS } from '../analysis/alignment/dyad.ts';
import { idealPointDistance } from '../analysis/alignment/ideal-distance.ts';
import {
  basisLabel,
  CANDIDATE_MIN_SHARE,
  isPotential,
  POTENTIAL_WEIGHT,
  qualifies,
  type StageBasis,
} from '../analysis/partners/capability.ts';
import { COMPOSITE_DEFAULTS } from '../analysis/partners/composite.ts';
import { chinaExportShare } from '../analysis/partners/entanglement.ts';
import {
  DEFAULT_PRESET,
  INDICATOR_IDS,
  INDICATORS,
  type IndicatorId,
  WEIGHT_PRESET_IDS,
  WEIGHT_PRESETS,
  type WeightPreset,
} from '../analysis/partners/indicators.ts';
import {
  type GovernanceEstimate,
  type IdealPoint,
  type PartnerInputs,
  rankPartners,
} from '../analysis/partners/ranking.ts';
import { meanOf, worldShare } from '../analysis/partners/relevance.ts';
import { defencePartners, membershipTies, type ScoredMembership } from '../analysis/partners/ties.ts';
import { olsSlope } from '../analysis/partners/trend.ts';
import { spearman } from '../analysis/rank-correlation.ts';
import { BY_PRODUCT_HOSTS, CAPACITY_FACTS, capacityFactsFor } from '../catalog/partner-capacity.ts';
import { profileOf } from '../catalog/partner-profiles.ts';
import { partnerScreen, SANCTIONS_REVIEWED } from '../catalog/sanctions.ts';
import { countryByIso3, TRIO } from '../model/countries.ts';
import { UserInputError, unknownChoice } from '../model/errors.ts';
import { MINERALS, type Mineral, mineralById } from '../model/minerals.ts';
import type {
  PartnerDetail,
  PartnerRow,
  PartnersResult,
  ScreenOut,
  StageBasisOut,
} from '../model/results/partners.ts';
import type { Db } from '../store/db.ts';
import * as q from '../store/queries/partners.ts';
import { parseCountry, zodInputError } from './alignment.ts';

export type { PartnersResult } from '../model/results/partners.ts';

const CHINA = 'CHN';
const CONTRAST = ['CHN', 'RUS'] as const;
const TARGETS = [...TRIO, ...CONTRAST];

export { CANDIDATE_MIN_SHARE };

/** Years of ideal points behind the decade trend, and of votes pooled for the descriptive vote agreement. */
const TREND_YEARS = 10;
const VOTE_POOL_YEARS = 5;
const VOTE_SERIES_YEARS = 10;

const flag = z.preprocess(
  (v) => (v === 'true' || v === '1' ? true : v === 'false' || v === '0' ? false : v),
  z.boolean({ error: 'expected true or false' }),
);

export const PartnersParams = z.object({
  mineral: z.string().optional(),
  preset: z.enum(WEIGHT_PRESET_IDS as [WeightPreset, ...WeightPreset[]]).optional(),
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
  /** Rank sanctioned candidates too (flagged) instead of excluding them. */
  includeSanctioned: flag.default(false),
  /** Draw the data inputs (WGI s.e., ideal-point quantiles, USGS estimates) as well as the weights. */
  dataUncertainty: flag.default(true),
  weightUncertainty: flag.default(true),
  /** Date of the sanctions screen (default: the catalog's review date). */
  asOf: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'expected an ISO date YYYY-MM-DD' })
    .optional(),
});
export type PartnersParams = z.input<typeof PartnersParams>;

/** Parses "k=v,k=v" into weights over the indicators (unnamed ones keep the base weights), normalised to sum 1. */
export function parseWeights(
  spec: string | undefined,
  base: Readonly<Record<IndicatorId, number>> = WEIGHT_PRESETS[DEFAULT_PRESET].weights,
): Record<IndicatorId, number> {
  const w: Record<IndicatorId, number> = { ...base };
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
  if (!Number.isFinite(total))
    throw new UserInputError(
      '--weights: the weights overflow when summed; use values such as 1, 2 or 0.3',
      'weights',
    );
  for (const k of INDICATOR_IDS) w[k] /= total;
  return w;
}

/** Minerals that can define candidates: a USGS series, a by-product host, or catalogued capacity. */
export const RANKABLE_MINERALS = MINERALS.filter(
  (m) => m.usgs || BY_PRODUCT_HOSTS[m.id] || CAPACITY_FACTS.some((f) => f.mineral === m.id),
);

function scopeMinerals(spec: string | undefined): Mineral[] {
  if (!spec) return RANKABLE_MINERALS;
  return spec.split(',').map((s) => {
    const m = mineralById(s.trim());
    if (!m)
      unknownChoice(
        'mineral',
        s.trim(),
        RANKABLE_MINERALS.map((x) => x.id),
        'mineral',
      );
    if (!RANKABLE_MINERALS.includes(m))
      throw new UserInputError(
        `${m.id}: ${m.notes[0] ?? 'no USGS series, host industry or catalogued capacity'}; it cannot define candidates`,
        'mineral',
        404,
      );
    return m;
  });
}

export type Gap = { country?: string; indicator: string; reason: string };

interface WorldTable {
  year: number;
  edition: number;
  world: number;
  unit: string;
  sourceId: number;
  origin: 'database' | 'raw_file';
  values: Map<string, { value: number | null; nullReason: string | null; line: number; estimated: boolean }>;
}

function tableOf(rows: q.WorldShareRow[], origin: WorldTable['origin'] = 'database'): WorldTable | null {
  const world = rows.find((r) => r.row_kind === 'world');
  if (!world || world.value === null || !(world.value > 0)) return null;
  const values: WorldTable['values'] = new Map();
  for (const r of rows)
    if (r.row_kind === 'country' && r.country)
      values.set(r.country, {
        value: r.value,
        nullReason: r.null_reason,
        line: r.source_line,
        estimated: r.estimated,
      });
  return {
    year: world.year,
    edition: world.edition,
    world: world.value,
    unit: world.unit,
    sourceId: world.source_id,
    origin,
    values,
  };
}

const citeRow = (t: WorldTable, line: number) =>
  t.origin === 'raw_file'
    ? `USGS MCS ${t.edition} data release, line ${line} (read from the raw file, not the database)`
    : `USGS MCS ${t.edition} [${t.sourceId}] line ${line}`;

export interface MineralTables {
  mineral: string;
  production: { stage: string; table: WorldTable | null }[];
  capacity: WorldTable | null;
  reserves: WorldTable | null;
  hosts: {
    host: string;
    label: string;
    stage: 'mine' | 'refinery';
    table: WorldTable | null;
    reason: string | null;
  }[];
}

async function mineralTables(db: Db, minerals: readonly Mineral[]): Promise<MineralTables[]> {
  return Promise.all(
    minerals.map(async (m) => ({
      mineral: m.id,
      production: await Promise.all(
        [...new Set((m.usgs?.series ?? []).map((s) => s.stage))].map(async (stage) => ({
          stage,
          table: tableOf(await q.latestWorldTable(db, m.id, 'production', stage)),
        })),
      ),
      capacity: m.usgs ? tableOf(await q.latestWorldTable(db, m.id, 'capacity', 'primary')) : null,
      reserves: m.usgs ? tableOf(await q.latestWorldTable(db, m.id, 'reserves', null)) : null,
      hosts: await Promise.all(
        (BY_PRODUCT_HOSTS[m.id] ?? []).map(async (h) => {
          const read = await q.hostIndustryTable(db, h);
          return {
            host: h.host,
            label: h.label,
            stage: h.stage,
            table: read.origin ? tableOf(read.rows, read.origin) : null,
            reason: read.reason,
          };
        }),
      ),
    })),
  );
}

/** Every stage basis per country for the minerals in scope (USGS tables, host industries, capacity catalog). */
export function stageBases(tables: readonly MineralTables[]): Map<string, StageBasis[]> {
  const out = new Map<string, StageBasis[]>();
  const add = (country: string, b: StageBasis) => out.set(country, [...(out.get(country) ?? []), b]);
  const fromTable = (
    t: WorldTable | null,
    mineral: string,
    stage: StageBasis['stage'],
    kind: StageBasis['kind'],
    host?: string,
  ) => {
    if (!t) return;
    for (const [country, v] of t.values) {
      if (v.value === null || !(v.value > 0)) continue;
      add(country, {
        mineral,
        stage,
        kind,
        share: worldShare(v.value, t.world),
        value: v.value,
        unit: t.unit,
        year: t.year,
        estimated: v.estimated,
        secondary: false,
        host,
        source: citeRow(t, v.line),
      });
    }
  };
  for (const t of tables) {
    for (const p of t.production)
      fromTable(p.table, t.mineral, p.stage === 'mine' ? 'mine' : 'refining', 'production');
    fromTable(t.capacity, t.mineral, 'refining', 'capacity');
    fromTable(t.reserves, t.mineral, 'mine', 'reserves');
    for (const h of t.hosts)
      fromTable(h.table, t.mineral, h.stage === 'mine' ? 'mine' : 'refining', 'host-industry', h.label);
    const mineOutput = t.production.find((p) => p.stage === 'mine')?.table ?? null;
    for (const f of capacityFactsFor(t.mineral))
      f.countries.forEach((country, i) => {
        const share = f.kind === 'share' ? (f.shares?.[i] ?? null) : null;
        const capacityShare =
          f.quantity?.contained && mineOutput ? f.quantity.value / mineOutput.world : null;
        add(country, {
          mineral: t.mineral,
          stage: f.stage,
          kind: f.kind === 'share' ? 'refined-share' : capacityShare !== null ? 'capacity' : 'catalogued',
          share: share ?? capacityShare,
          value: f.quantity?.value ?? null,
          unit: f.quantity?.unit ?? null,
          year: f.quantity?.year ?? null,
          estimated: false,
          secondary: f.secondary,
          source: `catalog ${f.id} (${f.source.title}${f.verification === 'official-text' ? '' : `; ${f.verification}`})`,
        });
      });
  }
  return out;
}

const outBasis = (b: StageBasis): StageBasisOut => ({
  mineral: b.mineral,
  stage: b.stage,
  kind: b.kind,
  label: basisLabel(b),
  share: b.share,
  value: b.value,
  unit: b.unit,
  year: b.year,
  estimated: b.estimated,
  secondary: b.secondary,
  potential: isPotential(b),
  ...(b.host ? { host: b.host } : {}),
  source: b.source,
});

export type TrioDependence = PartnersResult['trioDependence'][number];

export interface PartnersContext {
  minerals: string[];
  idealYear: number | null;
  voteYears: [number, number] | null;
  allianceYear: number | null;
  baciYear: number | null;
  governanceYear: number | null;
  trioDependence: TrioDependence[];
  tables: MineralTables[];
  quantileRead: q.QuantileRead;
  revisionRatios: number;
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
  sourceLine: m.sourceLine ?? null,
});

/**
 * The ranking inputs and the descriptive detail of the given countries for the given minerals: every read the
 * indicators need, with provenance.
 */
export async function partnerInputs(
  db: Db,
  countries: readonly string[],
  minerals: readonly Mineral[],
  given?: { tables?: MineralTables[]; bases?: Map<string, StageBasis[]> },
): Promise<{
  context: PartnersContext;
  inputs: PartnerInputs;
  detail: Map<string, PartnerDetail>;
  gaps: Map<string, Gap[]>;
  bases: Map<string, StageBasis[]>;
}> {
  const tables = given?.tables ?? (await mineralTables(db, minerals));
  const bases = given?.bases ?? stageBases(tables);
  const ideal = await q.idealPointYearRange(db);
  const voteRange = await q.voteYearRange(db, DYAD_DEFAULTS.minVotes);
  const allianceYear = await q.allianceLastYear(db);
  const baciYear = await q.baciLastYear(db);
  const who = [...new Set([...countries, ...TARGETS])];
  const years =
    ideal.last === null
      ? []
      : Array.from({ length: TREND_YEARS }, (_, i) => (ideal.last as number) - TREND_YEARS + 1 + i);

  const points = ideal.last === null ? [] : await q.idealPoints(db, who, years[0], ideal.last);
  const quantileRead =
    ideal.last === null
      ? { rows: [], reason: 'no ideal points', file: null }
      : await q.idealPointQuantiles(db, who, years[0], ideal.last);
  const quant = new Map(quantileRead.rows.map((r) => [`${r.country}:${r.year}`, r.q]));
  const idealMap = new Map<string, IdealPoint>(
    points.map((p) => [
      `${p.country}:${p.year}`,
      { theta: p.ideal_fp, q: quant.get(`${p.country}:${p.year}`) ?? null },
    ]),
  );
  const thetaRow = new Map(points.map((p) => [`${p.country}:${p.year}`, p]));
  const voteYears: [number, number] | null =
    voteRange.last === null ? null : [voteRange.last - VOTE_POOL_YEARS + 1, voteRange.last];
  const lastVote = voteRange.last;
  const voteRows =
    lastVote === null
      ? []
      : await q.votes(db, { from: lastVote - VOTE_SERIES_YEARS + 1, to: lastVote, countries: who });
  const vm = voteYears ? voteMatrix(voteRows.filter((v) => v.year >= voteYears[0])) : null;
  const voteSeriesYears =
    lastVote === null
      ? []
      : Array.from({ length: VOTE_SERIES_YEARS }, (_, i) => lastVote - VOTE_SERIES_YEARS + 1 + i);
  const yearMatrices = new Map(
    voteSeriesYears.map((yr) => [yr, voteMatrix(voteRows.filter((v) => v.year === yr))]),
  );
  const pacts = allianceYear === null ? [] : await q.alliancesWith(db, TRIO, allianceYear);
  const members = await q.memberships(db);
  const govRows = await q.governanceDetail(db);
  const governance = new Map<string, q.GovernanceDetail[]>();
  for (const g of govRows) governance.set(g.country, [...(governance.get(g.country) ?? []), g]);
  const inScope = minerals.map((m) => m.id);
  const flows =
    baciYear === null
      ? []
      : await q.baciFlows(
          db,
          MINERALS.map((m) => m.id),
          baciYear,
        );
  const ratios = (await q.estimateRevisionRatios(db)).map((r) => r.ratio);

  const trioDependence: TrioDependence[] = tables.map((t) => {
    const imports = flows.filter(
      (f) => f.mineral === t.mineral && (TRIO as readonly string[]).includes(f.importer),
    );
    const total = imports.reduce((s, f) => s + f.value_usd, 0);
    if (total > 0)
      return {
        mineral: t.mineral,
        dependence: imports.filter((f) => f.exporter === CHINA).reduce((s, f) => s + f.value_usd, 0) / total,
        basis: 'baci_trio_imports' as const,
        year: baciYear,
      };
    const mine = t.production[0]?.table ?? null;
    const china = mine?.values.get(CHINA);
    return china?.value != null && mine
      ? {
          mineral: t.mineral,
          dependence: china.value / mine.world,
          basis: 'usgs_china_mine_share' as const,
          year: mine.year,
        }
      : { mineral: t.mineral, dependence: null, basis: 'none' as const, year: null };
  });

  const detail = new Map<string, PartnerDetail>();
  const gaps = new Map<string, Gap[]>();
  const defence = new Map<string, number | null>();
  const ties = new Map<string, number | null>();
  const entanglement = new Map<string, number | null>();
  const govInputs = new Map<string, GovernanceEstimate[]>();
  const y = ideal.last ?? 0;
  for (const country of countries) {
    const g: Gap[] = [];
    const gap = (indicator: string, reason: string) => g.push({ country, indicator, reason });
    const dist = (t: string, yr: number) =>
      idealPointDistance(thetaRow.get(`${country}:${yr}`)?.ideal_fp, thetaRow.get(`${t}:${yr}`)?.ideal_fp);
    const byTarget = (yr: number) => Object.fromEntries(TARGETS.map((t) => [t, dist(t, yr)]));
    const trioMean = (yr: number) => {
      const d = TRIO.map((t) => dist(t, yr));
      return d.some((x) => x === null) ? null : meanOf(d);
    };
    if (ideal.last === null || trioMean(y) === null) gap('alignment', 'no_ideal_point');
    const series = years.map((year) => ({ year, value: trioMean(year), byTarget: byTarget(year) }));
    if (olsSlope(series) === null) gap('alignmentTrend', 'insufficient_data');
    if (!quant.has(`${country}:${y}`))
      gap('alignment', 'no_ideal_point_quantiles: ideal point not sampled in the data draws');
    const voteSeries = voteSeriesYears.map((year) => {
      const m = yearMatrices.get(year) as ReturnType<typeof voteMatrix>;
      const agree = Object.fromEntries(TARGETS.map((t) => [t, dyadOf(m, country, t).agreement]));
      const trioAgree = TRIO.map((t) => agree[t]);
      return { year, value: trioAgree.some((x) => x === null) ? null : meanOf(trioAgree), byTarget: agree };
    });
    const agreement = Object.fromEntries(
      TARGETS.map((t) => [t, vm ? dyadOf(vm, country, t).agreement : null]),
    );
    const dp =
      allianceYear === null
        ? null
        : defencePartners(
            pacts.filter((p) => p.country === country),
            TRIO,
            allianceYear,
          );
    if (dp === null) gap('defence', 'no_alliance_data');
    defence.set(country, dp === null ? null : dp.length);
    const t = membershipTies(
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
    ties.set(country, t.score);
    const gov = governance.get(country) ?? [];
    const est = gov.filter((x) => x.estimate !== null);
    if (!est.length) gap('governance', 'not_reported');
    govInputs.set(
      country,
      gov.map((x) => ({ estimate: x.estimate, stddev: x.stddev })),
    );
    const own = flows
      .filter((f) => f.exporter === country)
      .map((f) => ({ importer: f.importer, valueUsd: f.value_usd, mineral: f.mineral }));
    const ent = chinaExportShare(own);
    const entScoped = chinaExportShare(own.filter((f) => inScope.includes(f.mineral)));
    if (!ent) gap('chinaEntanglement', baciYear === null ? 'no_trade_data' : 'no_exports');
    entanglement.set(country, ent?.share ?? null);
    const mine = bases.get(country) ?? [];
    for (const tb of tables)
      for (const p of tb.production) {
        const v = p.table?.values.get(country);
        if (v && v.value === null)
          gap('capability', `${tb.mineral}: ${p.stage} production ${v.nullReason ?? 'not_reported'}`);
      }
    for (const m of inScope) {
      const bs = mine.filter((b) => b.mineral === m);
      if (bs.length && bs.every((b) => b.share === null))
        gap('capability', `${m}: catalogued capacity without a published figure, counted 0 (lower bound)`);
    }
    const stds = est.map((x) => x.stddev).filter((s): s is number => s !== null);
    detail.set(country, {
      alignment: {
        year: ideal.last,
        byMember: Object.fromEntries(TRIO.map((tt) => [tt, dist(tt, y)])),
        contrast: Object.fromEntries(CONTRAST.map((tt) => [tt, dist(tt, y)])),
        voteAgreement: { years: voteYears, byTarget: agreement },
        idealPointLines: Object.fromEntries(
          [country, ...TARGETS].map((tt) => [tt, thetaRow.get(`${tt}:${y}`)?.source_line ?? null]),
        ),
      },
      alignmentTrend: {
        years: series.length ? [series[0].year, series[series.length - 1].year] : null,
        series,
        voteAgreementSeries: voteSeries,
        voteAgreementSlope: olsSlope(voteSeries),
      },
      defence: { year: allianceYear, partners: dp ?? [] },
      ties: { memberships: t.memberships.map(slimMembership), unverifiedScored: t.unverifiedScored },
      governance: {
        year: gov[0]?.year ?? null,
        indicatorsAveraged: est.length,
        meanStdError: stds.length ? stds.reduce((s, x) => s + x, 0) / stds.length : null,
        sourceLine: gov.length ? Math.min(...gov.map((x) => x.source_line)) : null,
      },
      chinaEntanglement: {
        year: baciYear,
        toChinaUsd: ent?.toChinaUsd ?? null,
        totalUsd: ent?.totalUsd ?? null,
        mineralsInScope: { share: entScoped?.share ?? null, totalUsd: entScoped?.totalUsd ?? null },
      },
      capability: {
        byMineral: inScope.map((m) => ({
          mineral: m,
          value: null,
          via: [...new Set(mine.filter((b) => b.mineral === m).map(basisLabel))],
        })),
      },
    });
    gaps.set(country, g);
  }
  const inputs: PartnerInputs = {
    countries,
    trio: TRIO,
    years,
    ideal: idealMap,
    governance: govInputs,
    defence,
    ties,
    entanglement,
    minerals: inScope,
    dependence: new Map(trioDependence.map((d) => [d.mineral, d.dependence])),
    bases,
    revisionRatios: ratios,
  };
  return {
    context: {
      minerals: inScope,
      idealYear: ideal.last,
      voteYears,
      allianceYear,
      baciYear,
      governanceYear: govRows[0]?.year ?? null,
      trioDependence,
      tables,
      quantileRead,
      revisionRatios: ratios.length,
    },
    inputs,
    detail,
    gaps,
    bases,
  };
}

const nameOf = (iso3: string) => countryByIso3(iso3)?.name ?? iso3;

export async function partners(db: Db, input: PartnersParams): Promise<PartnersResult> {
  const parsed = PartnersParams.safeParse(input);
  if (!parsed.success) throw zodInputError(parsed.error);
  const p = parsed.data;
  const preset: WeightPreset | null = p.weights ? (p.preset ?? null) : (p.preset ?? DEFAULT_PRESET);
  const weights = parseWeights(p.weights, WEIGHT_PRESETS[p.preset ?? DEFAULT_PRESET].weights);
  const minerals = scopeMinerals(p.mineral);
  const asOf = p.asOf ?? SANCTIONS_REVIEWED;
  const include = p.include ? p.include.split(',').map((c) => parseCountry(c, 'include')) : [];
  const tables = await mineralTables(db, minerals);
  const bases = stageBases(tables);
  if (![...bases.values()].some((bs) => bs.length))
    throw new UserInputError(
      `no USGS production, capacity, reserves or host-industry tables and no catalogued capacity for ${minerals.map((m) => m.id).join(', ')} in the database (run minsec data build)`,
      'mineral',
      404,
    );
  const never = new Set<string>([...TRIO, CHINA]);
  const qualified = [...bases]
    .filter(
      ([c, bs]) => !never.has(c) && minerals.some((m) => qualifies(bs.filter((b) => b.mineral === m.id))),
    )
    .map(([c]) => c);
  const added = include.filter((c) => !never.has(c) && !qualified.includes(c));
  const screened = [...qualified, ...added].sort().map((c) => ({
    ...partnerScreen(
      c,
      TRIO,
      asOf,
      minerals.map((m) => m.id),
    ),
    name: nameOf(c),
  }));
  const sanctioned = screened.filter((s) => s.excluded && !p.includeSanctioned);
  const countries = screened.filter((s) => !sanctioned.includes(s)).map((s) => s.country);
  const screenOf = new Map<string, ScreenOut>(screened.map((s) => [s.country, s]));

  const {
    context,
    inputs,
    detail,
    gaps: countryGaps,
  } = await partnerInputs(db, countries, minerals, { tables, bases });
  const ranking = rankPartners(inputs, weights, {
    draws: p.draws,
    seed: p.seed,
    concentration: p.concentration,
    normalisation: p.normalisation,
    weights: p.weightUncertainty,
    data: p.dataUncertainty,
  });
  const byPreset = Object.fromEntries(
    WEIGHT_PRESET_IDS.map((id) => [
      id,
      new Map(
        rankPartners(inputs, WEIGHT_PRESETS[id].weights, {
          draws: 0,
          normalisation: p.normalisation,
        }).rows.map((r) => [r.country, r.rank]),
      ),
    ]),
  ) as Record<WeightPreset, Map<string, number | null>>;
  const equal = { rows: [...byPreset.equal].map(([country, rank]) => ({ country, rank })) };
  const rho = spearman(
    new Map(ranking.rows.map((r) => [r.country, r.rank])),
    new Map(equal.rows.map((r) => [r.country, r.rank])),
  );

  const rows: PartnerRow[] = ranking.rows
    .map((r) => {
      const d = detail.get(r.country) as PartnerDetail;
      const mine = (bases.get(r.country) ?? []).filter((b) => context.minerals.includes(b.mineral));
      return {
        country: r.country,
        name: nameOf(r.country),
        score: r.score,
        rank: r.rank,
        rankInterval: r.rankInterval,
        pTop5: r.pTop5,
        stages: mine.map(outBasis),
        via: context.minerals
          .map((m) => ({
            mineral: m,
            labels: [...new Set(mine.filter((b) => b.mineral === m).map(basisLabel))],
          }))
          .filter((v) => v.labels.length),
        profile: profileOf(r.country).map((e) => ({
          id: e.id,
          kind: e.kind,
          name: e.name,
          date: e.date,
          summary: e.summary.trim(),
          source: e.source,
          verification: e.verification,
        })),
        ranksByPreset: Object.fromEntries(
          WEIGHT_PRESET_IDS.map((id) => [id, byPreset[id].get(r.country) ?? null]),
        ),
        sanctions: screenOf.get(r.country)?.flagged ? (screenOf.get(r.country) as ScreenOut) : null,
        indicators: Object.fromEntries(
          INDICATOR_IDS.map((id) => [id, { value: r.values[id], normalised: r.normalised[id] }]),
        ) as PartnerRow['indicators'],
        detail: {
          ...d,
          capability: {
            byMineral: d.capability.byMineral.map((b, k) => ({ ...b, value: r.perMineral[k] })),
          },
        },
        gaps: countryGaps.get(r.country) ?? [],
      };
    })
    .sort(
      (x, y) =>
        (x.rank ?? Number.POSITIVE_INFINITY) - (y.rank ?? Number.POSITIVE_INFINITY) ||
        x.country.localeCompare(y.country),
    );

  const gaps: Gap[] = [
    ...ranking.dropped.map((id) => ({ indicator: id, reason: 'no_variation_or_no_data' })),
    ...context.trioDependence
      .filter((d) => d.basis !== 'baci_trio_imports')
      .map((d) => ({
        indicator: 'complementarity',
        reason: `${d.mineral}: no BACI trio imports; ${d.basis === 'none' ? 'no dependence measure' : "China's USGS mine-production share used as proxy"}`,
      })),
    ...tables
      .filter((t) => !t.reserves && minerals.find((m) => m.id === t.mineral)?.usgs)
      .map((t) => ({ indicator: 'capability', reason: `${t.mineral}: no USGS reserves table` })),
    ...tables.flatMap((t) =>
      t.hosts
        .filter((h) => !h.table)
        .map((h) => ({
          indicator: 'capability',
          reason: `${t.mineral}: host ${h.host} — ${h.reason ?? 'no world total'}`,
        })),
    ),
    ...(context.quantileRead.reason
      ? [{ indicator: 'alignment', reason: `ideal-point uncertainty: ${context.quantileRead.reason}` }]
      : []),
  ];
  const hostNotes = tables.flatMap((t) =>
    t.hosts
      .filter((h) => h.table?.origin === 'raw_file')
      .map(
        (h) =>
          `${t.mineral}: the ${h.label} table (USGS MCS ${h.table?.edition}, ${h.table?.year}) is read from the raw file beside the project, not the database.`,
      ),
  );
  return {
    asOf,
    minerals: context.minerals,
    preset,
    weights,
    presets: WEIGHT_PRESET_IDS.map((id) => ({
      id,
      description: WEIGHT_PRESETS[id].description,
      weights: { ...WEIGHT_PRESETS[id].weights },
    })),
    equalWeightCorrelation: rho,
    draws: ranking.draws,
    seed: p.seed,
    normalisation: p.normalisation,
    concentration: p.concentration,
    uncertainty: {
      weights: p.weightUncertainty && ranking.draws > 0,
      data: p.dataUncertainty && ranking.draws > 0,
      sources: [
        {
          input: 'weights',
          used: p.weightUncertainty && ranking.draws > 0,
          detail: `Dirichlet(${p.concentration}·w) around the weights`,
        },
        {
          input: 'WGI standard errors',
          used: p.dataUncertainty && ranking.draws > 0,
          detail: 'each of the six estimates drawn from Normal(estimate, stddev), World Bank WGI 2024 update',
        },
        {
          input: 'ideal-point quantiles',
          used: p.dataUncertainty && ranking.draws > 0 && !context.quantileRead.reason,
          detail:
            context.quantileRead.reason ??
            `Voeten posterior quantiles q0–q100 (${context.quantileRead.file})`,
        },
        {
          input: 'USGS estimates',
          used: p.dataUncertainty && ranking.draws > 0 && context.revisionRatios > 0,
          detail: `values flagged estimated × a revision ratio drawn from ${context.revisionRatios} next-edition/estimate pairs in the database`,
        },
      ],
    },
    candidates: {
      rule: `countries with ≥ ${CANDIDATE_MIN_SHARE * 100}% of a world total on any stage basis of a mineral in scope (USGS mine, refinery or primary production, capacity, reserves, by-product host output) or with catalogued refining, recovery or recycling capacity (src/catalog/partner-capacity.yaml); KOR, JPN, USA and CHN are never candidates; states under an embargo or country-wide programme of a trio member or the UN on ${asOf} are excluded${p.includeSanctioned ? ' — not applied here (includeSanctioned)' : ''}`,
      count: countries.length,
      included: added,
      includeSanctioned: p.includeSanctioned,
    },
    sanctioned,
    years: {
      idealYear: context.idealYear,
      voteYears: context.voteYears,
      allianceYear: context.allianceYear,
      baciYear: context.baciYear,
      governanceYear: context.governanceYear,
    },
    trioDependence: context.trioDependence,
    indicators: INDICATORS,
    ranking: rows,
    droppedIndicators: ranking.dropped,
    gaps,
    notes: [
      `Weights: ${preset ? `preset "${preset}" (${WEIGHT_PRESETS[preset].description})` : "the user's weights"}${p.weights && p.preset ? ` over preset "${p.preset}"` : ''}. Weights are a value judgement (assumption), not a fact; Spearman ρ with the equal-weight ranking = ${rho.rho === null ? '—' : rho.rho.toFixed(2)} over ${rho.n} candidates.`,
      `Normalisation: ${p.normalisation === 'minmax' ? 'min-max' : 'percentile rank'} across candidates, 1 = best (direction per indicator); missing indicators are not imputed — the country's score is the weighted mean of the indicators it has (listed in its gaps).`,
      `Uncertainty: ${ranking.draws} draws (seed ${p.seed}) of ${[p.weightUncertainty ? 'the weights' : null, p.dataUncertainty ? 'the data (WGI s.e., ideal-point quantiles, USGS estimate revisions)' : null].filter(Boolean).join(' and ') || 'nothing'}; rankInterval = nearest-rank 5th–95th percentile of rank; pTop5 = share of draws ranked 1–5.`,
      `Capability per mineral = the best supply share (mine, refinery or primary production, capacity, refined share) or ${POTENTIAL_WEIGHT} × the best potential share (reserves, by-product host output), whichever is larger (assumption: potential counts half); mean over the minerals in scope. A country not listed by USGS is inside "Other countries" and has no basis there.`,
      "Sanctions: see `sanctioned` for the candidates excluded (measure, imposer, date in force); a flagged but ranked country carries its measures in `sanctions`. The catalog marks each measure's verification.",
      "Complementarity = Σ_m d_m·s_m / Σ_m d_m, d_m = China's share of KOR+JPN+USA imports of m (BACI, latest year; China's USGS mine share where BACI has no rows).",
      'China entanglement covers the 32 HS6 codes of the shared BACI extract (one code per material; no ores/concentrates for copper or molybdenum).',
      'Memberships listed with verified ≠ Y or confidence ≠ high are flagged unverified; they still count in the ties score.',
      ...hostNotes,
    ],
  };
}
