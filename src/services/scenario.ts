// Disruption scenarios: validate the request → read the baseline from the database (USGS production, capacity
// and U.S. salient statistics; trade shares) and the cited catalogs (national demand, stocks, elasticities,
// sanctions) → one serialisable ScenarioJob → computeScenario (pure; a worker can run it) → the ScenarioResult
// contract (src/model/results/scenario.ts) that the CLI and the API print unchanged.
import { z } from 'zod';
import {
  type BaselineBuild,
  buildNetwork,
  type ChainView,
  type ProductionTable,
  productionTable,
} from '../analysis/scenario/baseline.ts';
import { calibrateAgainstMonthly, calibrationStatement } from '../analysis/scenario/calibration.ts';
import { oneCodeViews } from '../analysis/scenario/chain-views.ts';
import { compareResults } from '../analysis/scenario/compare.ts';
import { type ComputeOptions, computeScenario, type ScenarioJob } from '../analysis/scenario/compute.ts';
import { type Cited, SCENARIO_DEFAULTS as D, isByProduct } from '../analysis/scenario/defaults.ts';
import {
  type ChainNetImports,
  chainDemand,
  type DemandEstimate,
  nationalDemand,
  specDemand,
  usDemandFromSalient,
} from '../analysis/scenario/demand.ts';
import { REST_OF_WORLD } from '../analysis/scenario/engine.ts';
import { NeedsLpSolver } from '../analysis/scenario/pooling.ts';
import { basePrice } from '../analysis/scenario/prices.ts';
import { resolveScenario } from '../analysis/scenario/resolve.ts';
import type { SalientRow } from '../analysis/scenario/salient.ts';
import { parseScenarioSpec, type ScenarioSpec, type ScenarioSpecInput } from '../analysis/scenario/spec.ts';
import { type StockEstimate, stockEstimate } from '../analysis/scenario/stocks.ts';
import { purchaseBans, SANCTIONS_REVIEWED } from '../catalog/sanctions.ts';
import { DEMAND_CATALOG } from '../catalog/scenario-demand.ts';
import { elasticityFor } from '../catalog/scenario-elasticities.ts';
import { PRESETS, requirePreset } from '../catalog/scenario-presets.ts';
import { stockEntryFor } from '../catalog/scenario-stocks.ts';
import { UserInputError } from '../model/errors.ts';
import { mineralById } from '../model/minerals.ts';
import { ScenarioCompareResult, type ScenarioListItem, ScenarioResult } from '../model/results/scenario.ts';
import type { Db } from '../store/db.ts';
import {
  baciEdges,
  baciYears,
  monthlyExports,
  sourcesByIds,
  usgsSalient,
  usgsWorld,
} from '../store/queries/scenario.ts';
import { loadMineral } from './assess/data.ts';
import { chainYear, importerDependence } from './assess/dependence.ts';

export type { ScenarioListItem };
export { ScenarioCompareResult, ScenarioResult };

const Iso3 = z.string().regex(/^[A-Z]{3}$/, 'an ISO3 code such as KOR');

export const ScenarioRunParams = z
  .object({
    /** A preset id (see listScenarios). */
    preset: z.string().min(1).optional(),
    /** A scenario spec (parsed JSON or YAML), validated with field-level errors. */
    spec: z.unknown().optional(),
    /** Pooling members; overrides the spec's agreement (lendable share and rules keep their defaults). */
    pool: z.array(Iso3).min(2).optional(),
    /** Monte Carlo draws (default 1,000; 0 turns the Monte Carlo off). */
    draws: z.number().int().min(0).max(1_000_000).optional(),
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

export const ScenarioCompareParams = z.object({
  /** Two to six runs, each a preset or a spec with its own options. */
  runs: z.array(ScenarioRunParams).min(2).max(6),
  /** Labels for the runs (default: the preset id or the spec's name). */
  labels: z.array(z.string().min(1)).optional(),
});
export type ScenarioCompareParams = z.infer<typeof ScenarioCompareParams>;

export function listScenarios(): ScenarioListItem[] {
  return PRESETS.map((p) => ({
    id: p.id,
    name: p.name,
    minerals: p.spec.minerals,
    baselineYear: p.spec.baselineYear,
    start: p.spec.start,
    exportControls: [
      ...new Set((p.spec.restrictions ?? []).flatMap((r) => (r.exportControlId ? [r.exportControlId] : []))),
    ],
    evidence: p.evidence,
    notes: p.notes,
  }));
}

/** Who may not supply whom: measures against a supplier for a buyer on a date (the sanctions catalog). */
export type SanctionsCheck = (
  supplier: string,
  buyer: string,
  dateIso: string,
) => { imposer: string; instrument: string; inForce: string; url: string }[];

export interface ScenarioDeps {
  /** The sanctions catalog (src/catalog/sanctions.ts); null: not available, no supplier is excluded. */
  sanctions: { check: SanctionsCheck; name: string } | null;
}

/**
 * The sanctions catalog (src/catalog/sanctions.yaml, reviewed SANCTIONS_REVIEWED). The check is asked without a
 * mineral, so only embargoes count (src/catalog/sanctions.ts, header rules): sector bans by mineral would need the
 * mineral passed through SanctionsCheck.
 */
export const DEFAULT_DEPS: ScenarioDeps = {
  sanctions: {
    name: `src/catalog/sanctions.yaml (reviewed ${SANCTIONS_REVIEWED})`,
    // 'OTHER' is the USGS "Other countries" row (src/analysis/scenario/baseline.ts keyOf), an aggregate of unnamed
    // producers: no measure can name it, so it is not screened (a gap the row's anonymity imposes).
    check: (supplier, buyer, dateIso) =>
      (supplier === 'OTHER' ? [] : purchaseBans(supplier, buyer, dateIso)).map((m) => ({
        imposer: m.imposer,
        instrument: m.instrument,
        inForce: m.effective,
        url: m.source.url,
      })),
  },
};

function specInput(p: ScenarioRunParams): {
  input: ScenarioSpecInput;
  preset: boolean;
  notes: string[];
  evidence: { title: string; url?: string }[];
} {
  if (p.preset) {
    const preset = requirePreset(p.preset);
    return {
      input: structuredClone({ id: preset.id, ...preset.spec }),
      preset: true,
      notes: preset.notes,
      evidence: preset.evidence,
    };
  }
  return { input: structuredClone(p.spec as ScenarioSpecInput), preset: false, notes: [], evidence: [] };
}

const cite = (what: string, c: Cited<unknown>) =>
  `${what} = ${typeof c.value === 'number' ? +c.value.toFixed(4) : String(c.value)}${c.assumption ? ' (assumption)' : ''}: ${c.source}`;

const toSalient = (rows: Awaited<ReturnType<typeof usgsSalient>>): SalientRow[] => rows;

/** The validated spec of a request (field-level errors), with the request's pool/draws/seed applied. */
export function requestSpec(params: unknown): {
  spec: ScenarioSpec;
  preset: boolean;
  notes: string[];
  evidence: { title: string; url?: string }[];
} {
  const parsed = ScenarioRunParams.safeParse(params);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new UserInputError(
      parsed.error.issues.map((i) => `${i.path.join('.') || 'params'}: ${i.message}`).join('; '),
      first?.path.join('.') || undefined,
    );
  }
  const p = parsed.data;
  const { input, preset, notes, evidence } = specInput(p);
  if (input && typeof input === 'object') {
    if (p.pool) input.pooling = { ...(input.pooling ?? {}), members: p.pool };
    if (p.draws === 0) input.montecarlo = null;
    else if (p.draws !== undefined || p.seed !== undefined)
      input.montecarlo = {
        ...(input.montecarlo ?? {}),
        ...(p.draws !== undefined && { draws: p.draws }),
        ...(p.seed !== undefined && { seed: p.seed }),
      };
  }
  const spec = parseScenarioSpec(input, preset ? `preset ${p.preset}` : 'scenario spec');
  return { spec, preset, notes, evidence };
}

interface MineralData {
  build: BaselineBuild;
  hs: string[];
  basis: string;
  tables: { mine: ProductionTable | null; refined: ProductionTable | null };
  salient: SalientRow[];
  stocks: StockEstimate[];
}

function demandFor(
  spec: ScenarioSpec,
  country: string,
  mineral: string,
  salient: readonly SalientRow[],
  chain: ChainNetImports | null,
): DemandEstimate {
  const data =
    country === 'USA'
      ? usDemandFromSalient(mineral, salient, spec.baselineYear)
      : (nationalDemand(country, mineral, spec.baselineYear, DEMAND_CATALOG) ??
        chainDemand(country, mineral, chain));
  const given = spec.demand.find((d) => d.country === country && d.mineral === mineral);
  if (!given) return data;
  const dataShare =
    data.perYearT && data.importDependentT !== null ? data.importDependentT / data.perYearT : undefined;
  const s = specDemand(country, mineral, given.perYear, given.importDependentShare ?? dataShare);
  return { ...s, label: `${s.label} (replaces: ${data.label})` };
}

/** Reads one mineral's baseline (null: a gap, pushed to `gaps`). */
async function mineralData(
  db: Db,
  spec: ScenarioSpec,
  id: string,
  gaps: ScenarioJob['gaps'],
  sourceIds: number[],
  assumptions: Set<string>,
): Promise<MineralData | null> {
  const mineral = mineralById(id);
  const gap = (detail: string, country: string | null = null) =>
    gaps.push({ mineral: id, country, reason: 'insufficient_data', detail });
  if (!mineral) {
    gap(`${id} is not a model mineral`);
    return null;
  }
  const usgsId = mineral.usgs ? id : null;
  const production = usgsId ? await usgsWorld(db, usgsId, 'production') : [];
  const capacity = usgsId ? await usgsWorld(db, usgsId, 'capacity') : [];
  const mine = productionTable(production, 'mine', spec.baselineYear);
  const refined =
    productionTable(production, 'primary', spec.baselineYear) ??
    productionTable(production, 'refinery', spec.baselineYear);
  const cap = isByProduct(id)
    ? (productionTable(capacity, 'primary', spec.baselineYear) ??
      productionTable(capacity, 'refinery', spec.baselineYear))
    : null;
  if (!mine && !refined) {
    gap(
      `no USGS world production table for ${id} in the database${mineral.usgs ? '' : ' (USGS publishes none in any MCS edition)'}: world supply, the rest of the world and replacement capacity cannot be set`,
    );
    return null;
  }
  const codes = mineral.hs.filter((h) => h.inBaci).map((h) => h.hs6);
  if (!codes.length) {
    gap(`no trade codes for ${id} in the shared data: the origins of imports cannot be set`);
    return null;
  }
  const years = await baciYears(db, codes);
  if (!years.includes(spec.baselineYear)) {
    if (!years.length) {
      gap(`the database has no BACI rows for HS ${codes.join(', ')}`);
      return null;
    }
    throw new UserInputError(
      `baselineYear ${spec.baselineYear}: no BACI rows for ${id} (HS ${codes.join(', ')}); years available: ${years[0]}–${years.at(-1)}`,
      'baselineYear',
    );
  }
  const edges = await baciEdges(db, codes, spec.baselineYear);
  const salient = toSalient(await usgsSalient(db, id));
  const share = (t: ProductionTable | null) => {
    if (!t) return null;
    const total = Object.values(t.byCountry).reduce((s, x) => s + x, 0);
    return Object.fromEntries(Object.entries(t.byCountry).map(([k, v]) => [k, v / total]));
  };
  // stage views and net imports from the supply-chain model (contained metal over every loaded chain code);
  // the one-code reading only where the model has no view for the year
  const chainData = await loadMineral(db, mineral);
  const deps = new Map(spec.countries.map((c) => [c, importerDependence(chainData, spec.baselineYear, c)]));
  const fallback = oneCodeViews({
    flows: edges,
    countries: spec.countries,
    codes,
    year: spec.baselineYear,
    mineShares: share(mine ?? refined),
    refineShares: share(refined),
  });
  const asRecord = (v: { shares: { country: string; share: number }[] }) =>
    Object.fromEntries(v.shares.map((x) => [x.country, x.share]));
  const views: ChainView[] = fallback.map((one) => {
    const d = deps.get(one.country);
    const v: ChainView =
      d && d.shippedBy.china !== null
        ? {
            country: one.country,
            shipped: asRecord(d.shippedBy),
            refined: d.refinedIn.china === null ? null : asRecord(d.refinedIn),
            mined: d.minedIn.china === null ? null : asRecord(d.minedIn),
            untraced: {
              refined: d.refinedIn.china === null ? null : d.refinedIn.unresolved,
              mined: d.minedIn.china === null ? null : d.minedIn.unresolved,
            },
            basis: `supply-chain model: ${d.shippedBy.basis.unit} over HS ${d.shippedBy.basis.codes.join(', ')} ${spec.baselineYear}, coverage ${d.shippedBy.coverage.grade}${d.minedIn.imputed > 0 ? `; mined in ${(100 * d.minedIn.imputed).toFixed(0)}% imputed by world mine shares` : ''}`,
          }
        : one;
    return v.refined ? v : { ...v, refined: v.shipped, untraced: { ...v.untraced, refined: 0 } };
  });
  if (views.some((v) => v.refined === v.shipped))
    assumptions.add(
      `${id}: where no refining trace exists, "refined in" is taken as "shipped by" (stated in each view's basis)`,
    );
  const chainNet = (c: string): ChainNetImports | null => {
    const d = deps.get(c);
    if (d?.shippedBy.basis.unit !== 't contained') return null;
    const cy = chainYear(chainData, spec.baselineYear)!;
    const imports = d.inflows.reduce((t, f) => t + (f.tonnes ?? 0), 0);
    const exports = cy.flows.filter((f) => f.exporter === c).reduce((t, f) => t + (f.tonnes ?? 0), 0);
    return {
      netImportsT: imports - exports,
      reason: null,
      codes: d.shippedBy.basis.codes,
      year: spec.baselineYear,
      coverage: d.shippedBy.coverage.share,
    };
  };
  const demand = spec.countries.map((c) => demandFor(spec, c, id, salient, chainNet(c)));
  const own = spec.supplyResponse.byMineral[id] ?? {};
  const spare = own.spareCapacityShare ?? spec.supplyResponse.spareCapacityShare;
  const byProduct = isByProduct(id);
  if (spare === undefined)
    assumptions.add(
      byProduct
        ? cite(`${id}: restartable share of idle by-product capacity`, D.supply.byProductRestartableShare)
        : cite(`${id}: spare capacity share`, D.supply.primarySpareShare),
    );
  const build = buildNetwork({
    mineral: id,
    year: spec.baselineYear,
    countries: spec.countries,
    demand,
    views,
    mine,
    refined,
    capacity: cap,
    byProduct,
    spareShare: byProduct ? D.supply.primarySpareShare.value : (spare ?? D.supply.primarySpareShare.value),
    restartableShare: byProduct ? (spare ?? D.supply.byProductRestartableShare.value) : 1,
  });
  if (!build) {
    gap(`no modelled country has a demand figure for ${id}: ${demand.map((d) => d.reason).join('; ')}`);
    return null;
  }
  for (const g of build.gaps) gaps.push({ mineral: id, ...g });
  sourceIds.push(...edges.map((e) => e.sourceId));
  for (const t of [mine, refined, cap])
    if (t)
      sourceIds.push(
        ...[...production, ...capacity]
          .filter((r) => r.year === t.year && r.stage === t.stage)
          .map((r) => r.sourceId),
      );
  for (const d of demand) sourceIds.push(...d.rows.map((r) => r.sourceId));
  const stocks = build.countries.map((c) =>
    stockEstimate({
      country: c.country,
      mineral: id,
      year: spec.baselineYear,
      perYearT: c.demand.perYearT ?? 0,
      fact: stockEntryFor(c.country, id),
      salient,
    }),
  );
  for (const s of stocks) sourceIds.push(...s.actual.rows.map((r) => r.sourceId));
  return {
    build,
    hs: codes,
    basis:
      `tonnes of contained metal: demand from USGS salient statistics (U.S.), cited national figures or contained-metal net imports; ` +
      `origins from ${views[0]?.basis ?? 'trade shares'}; world supply USGS ${build.world?.stage} production ${build.world?.year}`,
    tables: { mine, refined },
    salient,
    stocks,
  };
}

/** Validates the request and reads everything the computation needs into one serialisable job. */
export async function prepareScenarioJob(
  db: Db,
  params: ScenarioRunParams,
  deps: ScenarioDeps = DEFAULT_DEPS,
): Promise<ScenarioJob> {
  const { spec, preset, notes, evidence } = requestSpec(params);
  const gaps: ScenarioJob['gaps'] = [];
  const sourceIds: number[] = [];
  const assumptions = new Set<string>();
  const data: MineralData[] = [];
  for (const id of spec.minerals) {
    const d = await mineralData(db, spec, id, gaps, sourceIds, assumptions);
    if (d) data.push(d);
  }
  if (!data.length)
    throw new UserInputError(
      `no mineral of the scenario can be modelled: ${gaps.map((g) => g.detail).join('; ')}`,
      'minerals',
    );

  // Sanctions: suppliers excluded from replacement for each modelled buyer.
  const date = `${spec.start}-01`;
  const excluded: ScenarioJob['sanctions']['excluded'] = [];
  const excludedSuppliers: Record<string, string[]> = {};
  if (deps.sanctions && spec.sanctions.excludeFromReplacement) {
    const suppliers = new Set<string>();
    for (const d of data)
      for (const p of [d.build.network.pools.mined, d.build.network.pools.refined])
        for (const o of Object.keys(p?.sparePerYear ?? {})) suppliers.add(o);
    for (const buyer of spec.countries)
      for (const supplier of suppliers) {
        const measures = deps.sanctions.check(supplier, buyer, date);
        if (!measures.length) continue;
        excluded.push({ buyer, supplier, measures });
        excludedSuppliers[buyer] ??= [];
        excludedSuppliers[buyer].push(supplier);
      }
  }
  const sanctions: ScenarioJob['sanctions'] = {
    excludeFromReplacement: spec.sanctions.excludeFromReplacement,
    catalog: deps.sanctions?.name ?? 'not available',
    excluded,
    note: !deps.sanctions
      ? 'The sanctions catalog is not available in this build: no supplier is excluded from replacement (gap).'
      : spec.sanctions.excludeFromReplacement
        ? `Suppliers that may not supply a buyer on ${date} (sanctions and embargoes) are excluded from its replacement supply; set sanctions.excludeFromReplacement: false to include them.`
        : 'Sanctioned suppliers are NOT excluded from replacement in this run (sanctions.excludeFromReplacement: false).',
  };
  if (!deps.sanctions)
    gaps.push({
      mineral: spec.minerals.join(', '),
      country: null,
      reason: 'not_available',
      detail: sanctions.note,
    });

  const resolved = resolveScenario(
    spec,
    data.map((d) => d.build),
    data.flatMap((d) => d.stocks),
    Object.fromEntries(data.map((d) => [d.build.network.mineral, d.tables])),
    excludedSuppliers,
  );

  const prices = data.map((d) => {
    const m = d.build.network.mineral;
    const given = spec.prices.elasticities[m];
    const cited = elasticityFor(m);
    const elasticities = given
      ? { ...given, source: 'set in the spec', confidence: 'user' }
      : cited
        ? {
            demand: cited.demand,
            supply: cited.supply,
            source: cited.source.title,
            confidence: cited.confidence,
          }
        : null;
    const base = basePrice(m, d.salient, spec.baselineYear);
    sourceIds.push(...base.rows.map((r) => r.sourceId));
    return { mineral: m, base, elasticities };
  });

  // Calibration of a licensing preset against China's monthly exports of the mineral's shared code.
  const calibration: ScenarioJob['calibration'] = [];
  if (preset && spec.id === 'cn-ga-ge-licensing-2023') {
    const hs = '811292';
    const monthly = await monthlyExports(db, 'CHN', hs);
    const cut = spec.restrictions[0]?.shareCut ?? 0;
    if (!monthly.length)
      calibration.push({
        preset: spec.id,
        mineral: 'gallium',
        statement: `China's monthly HS ${hs} exports are not loaded in the database: the ${(100 * cut).toFixed(0)}% cut is a stated stress assumption, not calibrated`,
        detail: [],
      });
    else {
      const c = calibrateAgainstMonthly(monthly, hs, '2023-08', spec.countries);
      sourceIds.push(...monthly.map((r) => r.sourceId));
      calibration.push({
        preset: spec.id,
        mineral: 'gallium',
        statement: calibrationStatement(c, 'gallium', cut),
        detail: c.rows.map(
          (r) =>
            `${r.partner}: ${Math.round(r.before12.quantity).toLocaleString('en-US')} → ${Math.round(r.after12.quantity).toLocaleString('en-US')} (quantity as reported), ` +
            `value ×${r.ratioValue?.toFixed(2) ?? '—'}; first three months ×${r.first3.ratio?.toFixed(2) ?? '—'} against the same months a year earlier`,
        ),
      });
    }
  }

  const dbSources = await sourcesByIds(db, sourceIds);
  return {
    spec,
    preset,
    notes,
    evidence,
    builds: data.map((d) => ({ build: d.build, hs: d.hs, basis: d.basis })),
    resolved,
    prices,
    sanctions,
    calibration,
    assumptions: [
      ...data.map((d) => `${d.build.network.mineral}: ${d.basis}`),
      ...data.flatMap((d) =>
        d.build.countries.map((c) => `${c.country} ${d.build.network.mineral} demand: ${c.demand.label}`),
      ),
      ...data.map((d) => `${d.build.network.mineral}: ${d.build.restOfWorld.note}`),
      ...data.flatMap((d) =>
        (['mined', 'refined'] as const).flatMap((p) =>
          d.build.network.pools[p]
            ? [`${d.build.network.mineral} replacement (${p} losses): ${d.build.network.pools[p]?.basis}`]
            : [],
        ),
      ),
      `${REST_OF_WORLD}: every importer outside the modelled countries, one aggregate with no stock; it competes for replacement supply pro rata to its import-dependent demand.`,
      ...assumptions,
    ],
    gaps,
    sources: [
      ...dbSources.map((s) => ({
        sourceId: s.sourceId,
        title: `${s.citation} [${s.file}${s.release ? `, ${s.release}` : ''}]`,
        licence: s.licence,
      })),
      ...spec.sources.map((s) => ({ sourceId: null, ...s })),
      ...resolved.stocks.flatMap((s) =>
        [...s.actual.citations, ...(s.target?.citations ?? [])].map((c) => ({ sourceId: null, ...c })),
      ),
      ...data.flatMap((d) =>
        d.build.countries.flatMap((c) => c.demand.citations.map((x) => ({ sourceId: null, ...x }))),
      ),
    ].filter((s, i, all) => all.findIndex((x) => x.title === s.title) === i),
  };
}

/** Runs a job, loading the HiGHS LP only if an allocation needs it. */
export async function runJob(job: ScenarioJob, opts: ComputeOptions = {}): Promise<ScenarioResult> {
  try {
    return computeScenario(job, opts);
  } catch (e) {
    if (!(e instanceof NeedsLpSolver)) throw e;
    const { loadLpPoolSolver } = await import('../analysis/scenario/pooling-lp.ts');
    return computeScenario(job, { ...opts, lp: await loadLpPoolSolver() });
  }
}

export async function runScenario(
  db: Db,
  params: ScenarioRunParams,
  opts: ComputeOptions & { deps?: ScenarioDeps } = {},
): Promise<ScenarioResult> {
  opts.onProgress?.({ phase: 'baseline', done: 0, total: 1 });
  const job = await prepareScenarioJob(db, params, opts.deps);
  return runJob(job, opts);
}

/**
 * The work a request asks for, without the database (spec or preset parsing only), for a server's budget:
 * units ≈ draws × arms × minerals × months × countries (arms = 2 with a pooling agreement: each draw runs
 * without and with it), plus the central runs. Invalid input throws the same field-level UserInputError as a run.
 */
export function scenarioWork(params: unknown): {
  draws: number;
  minerals: number;
  months: number;
  countries: number;
  arms: number;
  units: number;
} {
  const { spec } = requestSpec(params);
  const draws = spec.montecarlo?.draws ?? 0;
  const minerals = spec.minerals.length;
  const months = spec.horizonMonths;
  // The modelled countries plus the rest of the world.
  const countries = spec.countries.length + 1;
  const arms = spec.pooling ? 2 : 1;
  return {
    draws,
    minerals,
    months,
    countries,
    arms,
    units: (draws * arms + 5) * minerals * months * countries,
  };
}

const labelOf = (p: ScenarioRunParams, r: ScenarioResult) => p.preset ?? r.scenario.name;

export async function compareScenarios(
  db: Db,
  params: ScenarioCompareParams,
  opts: ComputeOptions & { deps?: ScenarioDeps } = {},
): Promise<ScenarioCompareResult> {
  const p = ScenarioCompareParams.safeParse(params);
  if (!p.success)
    throw new UserInputError(
      p.error.issues.map((i) => `${i.path.join('.') || 'params'}: ${i.message}`).join('; '),
      p.error.issues[0]?.path.join('.') || undefined,
    );
  if (p.data.labels && p.data.labels.length !== p.data.runs.length)
    throw new UserInputError(
      `labels: give one label per run (${p.data.runs.length}), got ${p.data.labels.length}`,
      'labels',
    );
  const results: ScenarioResult[] = [];
  for (const [k, run] of p.data.runs.entries()) {
    try {
      results.push(await runScenario(db, run, opts));
    } catch (e) {
      if (e instanceof UserInputError)
        throw new UserInputError(
          `runs[${k}]: ${e.message}`,
          `runs[${k}]${e.field ? `.${e.field}` : ''}`,
          e.status,
        );
      throw e;
    }
  }
  return compareResults(
    results,
    results.map((r, k) => p.data.labels?.[k] ?? labelOf(p.data.runs[k], r)),
  );
}
