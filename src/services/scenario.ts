// Disruption scenarios: load the baseline (BACI trade of each mineral's HS codes, USGS production and capacity)
// → build the networks → run the engine (and the pooling LP, the Monte Carlo) → one result object that the CLI
// and the API print unchanged.
import { z } from 'zod';
import { type BaselineBuild, buildNetwork } from '../analysis/scenario/baseline.ts';
import { isByProduct, SCENARIO_DEFAULTS } from '../analysis/scenario/defaults.ts';
import { type McRanges, type MonteCarloResult, monteCarlo } from '../analysis/scenario/montecarlo.ts';
import { type EngineOutcome, simulateScenario } from '../analysis/scenario/outcome.ts';
import { loadPoolSolver } from '../analysis/scenario/pooling.ts';
import { type Resolved, resolveScenario } from '../analysis/scenario/resolve.ts';
import { parseScenarioSpec, type ScenarioSpec, type ScenarioSpecInput } from '../analysis/scenario/spec.ts';
import { PRESETS, requirePreset } from '../catalog/scenario-presets.ts';
import { UserInputError } from '../model/errors.ts';
import { mineralById } from '../model/minerals.ts';
import type { Db } from '../store/db.ts';
import { baciEdges, baciYears, sourcesByIds, usgsWorld } from '../store/queries/scenario.ts';

const Iso3 = z.string().regex(/^[A-Z]{3}$/, 'an ISO3 code such as KOR');

export const ScenarioRunParams = z
  .object({
    /** A preset id (see listScenarios). */
    preset: z.string().min(1).optional(),
    /** A scenario spec (parsed JSON or YAML), validated with field-level errors. */
    spec: z.unknown().optional(),
    /** Pooling members; overrides the spec's agreement (lendable share and rules keep their defaults). */
    pool: z.array(Iso3).min(2).optional(),
    draws: z.number().int().min(1).max(1_000_000).optional(),
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 32 - 1)
      .optional(),
  })
  .refine((p) => (p.preset === undefined) !== (p.spec === undefined), {
    message: 'give exactly one of preset or spec',
  });
export type ScenarioRunParams = z.infer<typeof ScenarioRunParams>;

export interface ScenarioListItem {
  id: string;
  name: string;
  minerals: string[];
  baselineYear: number;
  start: string;
  exportControls: string[];
  notes: string[];
}

export function listScenarios(): ScenarioListItem[] {
  return PRESETS.map((p) => ({
    id: p.id,
    name: p.name,
    minerals: p.spec.minerals,
    baselineYear: p.spec.baselineYear,
    start: p.spec.start,
    exportControls: (p.spec.restrictions ?? []).flatMap((r) =>
      r.exportControlId ? [r.exportControlId] : [],
    ),
    notes: p.notes,
  }));
}

export interface Gap {
  mineral: string;
  country: string | null;
  reason: string;
  detail: string;
}

export interface ScenarioResult {
  scenario: {
    id: string | null;
    name: string;
    preset: boolean;
    start: string;
    horizonMonths: number;
    baselineYear: number;
    minerals: string[];
    restrictions: ScenarioSpec['restrictions'];
    notes: string[];
  };
  baseline: {
    mineral: string;
    unit: string;
    hs: string[];
    worldSupplyPerYear: number;
    producerBasis: string;
    productionYear: number | null;
    productionStage: string | null;
    capacityYear: number | null;
    countries: (Omit<BaselineBuild['countries'][number], 'importShares'> & {
      stockDays: number;
      stock: number;
      stockBasis: string;
    })[];
  }[];
  exposure: {
    country: string;
    mineral: string;
    hs: string[];
    year: number;
    importsValueUsd: number;
    importShares: BaselineBuild['countries'][number]['importShares'];
  }[];
  /** Outcomes under the scenario, with the pooling agreement when one is set (pooling compares both). */
  countries: EngineOutcome['countries'];
  world: EngineOutcome['world'];
  pooling: EngineOutcome['pooling'];
  /**
   * Percentile bands over seeded draws of the uncertain parameters, or null without `montecarlo`/`draws`:
   * `{ draws, seed, ranges, bands, pooling }`. `bands` (per country × mineral: ttsMonths, ttrMonths,
   * cumulativeShortfall as {p5, p50, p95}, pTtsLtTtr, unmet per month) follow `countries`, i.e. with the
   * agreement when one is set. `pooling` (null without an agreement) runs every draw without and with the
   * agreement on the same parameters: `{ members, daysGained: {member: band of the per-draw smallest gain over
   * minerals}, byMineral: [{ mineral, unit, members: [{ country, daysGained, ttsNoAgreement,
   * ttsWithAgreement (bands), pTtsLtTtrNoAgreement, pTtsLtTtrWithAgreement }] }] }`.
   */
  montecarlo: (MonteCarloResult & { ranges: McRanges }) | null;
  assumptions: string[];
  gaps: Gap[];
  sources: { sourceId: number | null; title: string; url?: string; licence?: string }[];
}

function specInput(p: ScenarioRunParams): { input: ScenarioSpecInput; preset: boolean; notes: string[] } {
  if (p.preset) {
    const preset = requirePreset(p.preset);
    return { input: structuredClone({ id: preset.id, ...preset.spec }), preset: true, notes: preset.notes };
  }
  return { input: structuredClone(p.spec as ScenarioSpecInput), preset: false, notes: [] };
}

/** Rounds every number to 6 significant digits (the engine's precision far exceeds the data's). */
const round = <T>(v: T): T =>
  JSON.parse(
    JSON.stringify(v, (_k, x) =>
      typeof x === 'number' && Number.isFinite(x) && !Number.isInteger(x) ? +x.toPrecision(6) : x,
    ),
  );

export interface LoadedScenario {
  spec: ScenarioSpec;
  preset: boolean;
  notes: string[];
  builds: { build: BaselineBuild; hs: string[] }[];
  resolved: Resolved;
  gaps: Gap[];
  sourceIds: number[];
}

/** Validates the spec, reads the baseline networks from the database and resolves the engine input. */
export async function loadScenario(db: Db, params: ScenarioRunParams): Promise<LoadedScenario> {
  const parsed = ScenarioRunParams.safeParse(params);
  if (!parsed.success)
    throw new UserInputError(
      parsed.error.issues.map((i) => `${i.path.join('.') || 'params'}: ${i.message}`).join('; '),
    );
  const p = parsed.data;
  const { input, preset, notes } = specInput(p);
  if (input && typeof input === 'object') {
    if (p.pool) input.pooling = { ...(input.pooling ?? {}), members: p.pool };
    if (p.draws !== undefined || p.seed !== undefined)
      input.montecarlo = {
        ...(input.montecarlo ?? {}),
        draws: p.draws ?? input.montecarlo?.draws ?? SCENARIO_DEFAULTS.montecarlo.draws,
        seed: p.seed ?? input.montecarlo?.seed ?? SCENARIO_DEFAULTS.montecarlo.seed,
      };
  }
  const spec = parseScenarioSpec(input, preset ? `preset ${p.preset}` : 'scenario spec');

  const gaps: Gap[] = [];
  const sourceIds: number[] = [];
  const builds: { build: BaselineBuild; hs: string[] }[] = [];
  for (const id of spec.minerals) {
    const mineral = mineralById(id);
    const codes = mineral?.hs.filter((h) => h.inBaci) ?? [];
    if (!mineral || !codes.length) {
      gaps.push({
        mineral: id,
        country: null,
        reason: 'insufficient_data',
        detail: `no BACI trade codes for ${id} in the shared data`,
      });
      continue;
    }
    const hs = codes.map((h) => h.hs6);
    const years = await baciYears(db, hs);
    if (!years.includes(spec.baselineYear)) {
      if (!years.length) {
        gaps.push({
          mineral: id,
          country: null,
          reason: 'insufficient_data',
          detail: `the database has no BACI rows for HS ${hs.join(', ')}`,
        });
        continue;
      }
      throw new UserInputError(
        `baselineYear ${spec.baselineYear}: no BACI rows for ${id} (HS ${hs.join(', ')}); years available: ${years[0]}–${years.at(-1)}`,
        'baselineYear',
      );
    }
    const edges = await baciEdges(db, hs, spec.baselineYear);
    const usgsId = mineral.usgs ? id : null;
    const production = usgsId ? await usgsWorld(db, usgsId, 'production') : [];
    const capacity = usgsId && isByProduct(id) ? await usgsWorld(db, usgsId, 'capacity') : [];
    const build = buildNetwork({
      mineral: id,
      stage: codes[0].stage,
      year: spec.baselineYear,
      countries: spec.countries,
      edges,
      production,
      capacity,
      byProduct: isByProduct(id),
    });
    if (!build) {
      gaps.push({
        mineral: id,
        country: null,
        reason: 'insufficient_data',
        detail: `no BACI flows of HS ${hs.join(', ')} in ${spec.baselineYear}`,
      });
      continue;
    }
    for (const g of build.gaps) gaps.push({ mineral: id, ...g });
    sourceIds.push(...edges.map((e) => e.sourceId));
    if (build.producerBasis === 'usgs_production')
      sourceIds.push(...production.filter((r) => r.year === build.productionYear).map((r) => r.sourceId));
    if (build.capacityYear !== null)
      sourceIds.push(...capacity.filter((r) => r.year === build.capacityYear).map((r) => r.sourceId));
    builds.push({ build, hs });
  }
  if (!builds.length)
    throw new UserInputError(
      `no mineral of the scenario has trade data: ${gaps.map((g) => g.detail).join('; ')}`,
      'minerals',
    );

  const resolved = resolveScenario(
    spec,
    builds.map((b) => b.build.network),
  );
  return { spec, preset, notes, builds, resolved, gaps, sourceIds };
}

export async function runScenario(db: Db, params: ScenarioRunParams): Promise<ScenarioResult> {
  const { spec, preset, notes, builds, resolved, gaps, sourceIds } = await loadScenario(db, params);
  const solve = resolved.input.pooling ? await loadPoolSolver() : null;
  const outcome = simulateScenario(resolved.input, spec.start, solve);

  let montecarlo: ScenarioResult['montecarlo'] = null;
  if (spec.montecarlo) {
    const M = SCENARIO_DEFAULTS.montecarlo;
    const ranges: McRanges = {
      ...spec.montecarlo.ranges,
      spareCapacityFactor: spec.montecarlo.ranges.spareCapacityFactor ?? M.spareCapacityFactor.value,
      shareCutSpread: M.shareCutSpread.value,
      durationFactor: M.durationFactor.value,
      rampUpFactor: M.rampUpFactor.value,
    };
    const rule = resolved.input.pooling;
    const pool = rule && solve ? { rule, solve } : null;
    montecarlo = {
      ...monteCarlo(outcome.compiled, ranges, spec.montecarlo.draws, spec.montecarlo.seed, pool),
      ranges,
    };
  }

  const assumptions = [
    ...builds.map(({ build: b, hs }) => {
      const unit =
        b.network.unit === 't'
          ? 'tonnes of the HS code (gross weight)'
          : 'U.S. dollars at baseline-year prices';
      return `${b.network.mineral}: flows in ${unit} from BACI HS ${hs.join(', ')} ${spec.baselineYear} (quantities cover ${(b.quantityCoverage * 100).toFixed(0)}% of value)`;
    }),
    ...builds.flatMap(({ build: b }) =>
      b.countries.map((c) => `${c.country} ${b.network.mineral} demand: ${c.demandNote}`),
    ),
    ...builds.map(
      ({ build: b }) =>
        `${b.network.mineral}: producers weighted by ${b.producerBasis === 'usgs_production' ? `USGS world ${b.productionStage ?? ''} production ${b.productionYear}` : `BACI export shares ${spec.baselineYear} (USGS has no production table)`}` +
        (b.capacityYear !== null ? `; idle capacity = USGS capacity − production ${b.capacityYear}` : ''),
    ),
    'Rest of the world (ROW): every importer outside the modelled countries, one aggregate with no stock; it competes for replacement supply pro rata to its baseline imports.',
    'Replacement supply starts the month after the first cut and ramps linearly; spare capacity is expressed as a share of world output and converted to the network unit through the world market size.',
    'Stocks are drawn only to cover a shortfall and are not rebuilt within the horizon; transshipment and price effects are not modelled.',
    ...resolved.assumptions,
    ...(montecarlo
      ? [
          `Monte Carlo${resolved.input.pooling ? ' (each draw runs without and with the pooling agreement on the same sampled parameters; the country bands are with it)' : ''}: uniform draws; cut ∈ cut ± ${SCENARIO_DEFAULTS.montecarlo.shareCutSpread.value} within [0, 1], duration × [${SCENARIO_DEFAULTS.montecarlo.durationFactor.value.join(', ')}] (open-ended cuts stay open), ramp × [${SCENARIO_DEFAULTS.montecarlo.rampUpFactor.value.join(', ')}], spare × [${montecarlo.ranges.spareCapacityFactor.join(', ')}] unless the spec sets absolute ranges; one severity draw shared by all restrictions and minerals (assumption).`,
        ]
      : []),
  ];
  const byCountryMineral = (country: string, mineral: string) =>
    resolved.stocks.find((s) => s.country === country && s.mineral === mineral);
  const dbSources = await sourcesByIds(db, sourceIds);
  return round({
    scenario: {
      id: spec.id ?? null,
      name: spec.name,
      preset,
      start: spec.start,
      horizonMonths: spec.horizonMonths,
      baselineYear: spec.baselineYear,
      minerals: spec.minerals,
      restrictions: spec.restrictions,
      notes,
    },
    baseline: builds.map(({ build: b, hs }) => ({
      mineral: b.network.mineral,
      unit: b.network.unit,
      hs,
      worldSupplyPerYear: b.network.worldSupplyPerYear,
      producerBasis: b.producerBasis,
      productionYear: b.productionYear,
      productionStage: b.productionStage,
      capacityYear: b.capacityYear,
      countries: b.countries.map(({ importShares: _s, ...c }) => {
        const s = byCountryMineral(c.country, b.network.mineral);
        return { ...c, stockDays: s?.days ?? 0, stock: s?.quantity ?? 0, stockBasis: s?.basis ?? 'none' };
      }),
    })),
    exposure: builds.flatMap(({ build: b, hs }) =>
      b.countries.map((c) => ({
        country: c.country,
        mineral: b.network.mineral,
        hs,
        year: spec.baselineYear,
        importsValueUsd: c.importsValueUsd,
        importShares: c.importShares,
      })),
    ),
    countries: outcome.countries,
    world: outcome.world,
    pooling: outcome.pooling,
    montecarlo,
    assumptions,
    gaps,
    sources: [
      ...dbSources.map((s) => ({
        sourceId: s.sourceId,
        title: `${s.citation} [${s.file}${s.release ? `, ${s.release}` : ''}]`,
        licence: s.licence,
      })),
      ...spec.sources.map((s) => ({ sourceId: null, ...s })),
    ],
  });
}
