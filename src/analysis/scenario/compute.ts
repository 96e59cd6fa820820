// A scenario run as one pure, serialisable computation (issue 11, item 10): a ScenarioJob (plain JSON: the
// validated spec, the baseline networks, the resolved engine input, prices, sanctions, sources) in, the
// ScenarioResult (src/model/results/scenario.ts) out. No I/O, no clock: a worker thread can run it; it checks
// `hooks.shouldStop` every few Monte Carlo draws (a deadline or a cancellation) and reports progress through
// `hooks.onProgress`. `workEstimate` gives the work units a server budgets (draws × minerals × months × importers,
// twice with a pooling agreement).
// The pooling allocator is the closed form (pooling.ts); an allocation only the LP can solve throws
// NeedsLpSolver, and the caller reruns with `lp` (HiGHS), so runs that never need it never load it.
import type { ScenarioResult } from '../../model/results/scenario.ts';
import type { BaselineBuild } from './baseline.ts';
import { briefItems } from './brief.ts';
import { SCENARIO_DEFAULTS } from './defaults.ts';
import { cumulative, REST_OF_WORLD, stressTimes } from './engine.ts';
import { type McRanges, monteCarlo, type RunHooks, ScenarioCancelled } from './montecarlo.ts';
import { simulateScenario } from './outcome.ts';
import { closedFormPoolSolver, type PoolSolver, withLpFallback } from './pooling.ts';
import { type BasePrice, type ElasticityPair, pricePath } from './prices.ts';
import type { Resolved } from './resolve.ts';
import type { ScenarioSpec } from './spec.ts';

export interface ScenarioJob {
  spec: ScenarioSpec;
  preset: boolean;
  notes: string[];
  evidence: { title: string; url?: string }[];
  builds: { build: BaselineBuild; hs: string[]; basis: string }[];
  resolved: Resolved;
  prices: { mineral: string; base: BasePrice; elasticities: ElasticityPair | null }[];
  sanctions: ScenarioResult['sanctions'];
  calibration: ScenarioResult['calibration'];
  /** Service-level assumptions (data basis), listed before the resolved defaults. */
  assumptions: string[];
  gaps: ScenarioResult['gaps'];
  sources: ScenarioResult['sources'];
}

/** Progress of a run: its phase and, in the Monte Carlo, draws done of the total. */
export interface Progress {
  phase: 'baseline' | 'deterministic' | 'montecarlo' | 'done';
  done: number;
  total: number;
}

export interface ComputeOptions {
  /** Called at phase changes and about every 1% of the Monte Carlo draws. */
  onProgress?: (p: Progress) => void;
  /** Checked every few draws; true stops the run with ScenarioCancelled (a deadline or a cancellation). */
  shouldStop?: () => boolean;
  /** The LP allocator (HiGHS), only when a previous attempt threw NeedsLpSolver. */
  lp?: PoolSolver;
}

/** Work units of a job: Monte Carlo draws × minerals × months × importers (×2 with pooling), plus the central runs. */
export function workEstimate(job: ScenarioJob): {
  draws: number;
  minerals: number;
  months: number;
  importers: number;
  arms: number;
  units: number;
} {
  const draws = job.spec.montecarlo?.draws ?? 0;
  const minerals = job.resolved.input.networks.length;
  const months = job.spec.horizonMonths;
  const importers = Math.max(0, ...job.resolved.input.networks.map((n) => n.importers.length));
  const arms = job.resolved.input.pooling ? 2 : 1;
  const central = (job.resolved.targetInput ? 2 : 1) * 2 + 1; // actual + target runs, each with its open-ended twin
  return {
    draws,
    minerals,
    months,
    importers,
    arms,
    units: (draws * arms + central) * minerals * months * importers,
  };
}

/** Rounds every number to 6 significant digits (the engine's precision far exceeds the data's). */
const round = <T>(v: T): T =>
  JSON.parse(
    JSON.stringify(v, (_k, x) =>
      typeof x === 'number' && Number.isFinite(x) && !Number.isInteger(x) ? +x.toPrecision(6) : x,
    ),
  );

export function computeScenario(job: ScenarioJob, opts: ComputeOptions = {}): ScenarioResult {
  const { spec, resolved } = job;
  if (opts.shouldStop?.()) throw new ScenarioCancelled(0, spec.montecarlo?.draws ?? 0);
  opts.onProgress?.({ phase: 'deterministic', done: 0, total: 1 });
  const solve = resolved.input.pooling ? (opts.lp ? withLpFallback(opts.lp) : closedFormPoolSolver()) : null;
  const outcome = simulateScenario(resolved.input, spec.start, solve);
  const modelled = spec.countries;

  // The second run: stocks at their policy targets.
  let stockTarget: ScenarioResult['stockTarget'] = null;
  if (resolved.targetInput) {
    const target = simulateScenario({ ...resolved.targetInput, pooling: null }, spec.start, null);
    stockTarget = target.runs.flatMap(({ compiled: c, run }) =>
      c.countries.flatMap((country, i) => {
        if (country === REST_OF_WORLD) return [];
        const s = resolved.stocks.find((x) => x.country === country && x.mineral === c.mineral);
        const actualRun = outcome.runs.find((r) => r.compiled.mineral === c.mineral);
        if (!s || !actualRun) return [];
        const H = c.horizon;
        const shortActual = cumulative(actualRun.noPool.unmet, i, H);
        const shortTarget = cumulative(run.unmet, i, H);
        const perDay = (c.demand[i] * 12) / 365;
        const tgt = s.target ?? s.actual;
        return [
          {
            country,
            mineral: c.mineral,
            actualStockT: s.actual.tonnes,
            actualDays: s.actual.days,
            targetStockT: tgt.tonnes,
            targetDays: tgt.days,
            ttsActual: stressTimes(actualRun.noPool, actualRun.compiled, i).ttsMonths,
            ttsTarget: stressTimes(run, c, i).ttsMonths,
            shortfallActualT: shortActual,
            shortfallTargetT: shortTarget,
            daysGainedByTarget: perDay > 0 ? (shortActual - shortTarget) / perDay : 0,
          },
        ];
      }),
    );
  }

  const prices = outcome.runs.map(({ compiled: c, noPool }) => {
    const p = job.prices.find((x) => x.mineral === c.mineral);
    const base = p?.base ?? { mineral: c.mineral, usdPerT: null, label: 'no price series', rows: [] };
    return pricePath(c, noPool, base, p?.elasticities ?? null, spec.start, modelled);
  });

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
    const draws = spec.montecarlo.draws;
    const hooks: RunHooks = {
      shouldStop: opts.shouldStop,
      onProgress: opts.onProgress
        ? (done, total) => opts.onProgress?.({ phase: 'montecarlo', done, total })
        : undefined,
      every: Math.max(1, Math.min(50, Math.floor(draws / 100))),
    };
    const mc = monteCarlo(
      outcome.runs.map((r) => r.compiled),
      ranges,
      draws,
      spec.montecarlo.seed,
      pool,
      hooks,
    );
    montecarlo = { ...mc, ranges };
  }

  const stocks = resolved.stocks.map((s) => ({
    country: s.country,
    mineral: s.mineral,
    days: s.actual.days,
    tonnes: s.actual.tonnes,
  }));
  const noPool = resolved.input.pooling
    ? outcome.runs.flatMap(({ compiled: c, noPool: np }) =>
        c.countries.flatMap((country, i) => {
          if (country === REST_OF_WORLD) return [];
          const st = stressTimes(np, c, i);
          const cum = cumulative(np.unmet, i, c.horizon);
          const perDay = (c.demand[i] * 12) / 365;
          return [
            {
              country,
              mineral: c.mineral,
              ttsMonths: st.ttsMonths,
              ttsCensored: st.ttsCensored,
              ttsBeforeTtr: st.ttsMonths < st.ttrMonths,
              cumulativeShortfall: cum,
              cumulativeShortfallDays: perDay > 0 ? cum / perDay : 0,
            },
          ];
        }),
      )
    : null;
  const items = briefItems({
    countries: outcome.countries,
    noPool,
    modelled,
    stocks,
    pooling: outcome.pooling,
    target:
      stockTarget?.map((t) => ({
        country: t.country,
        mineral: t.mineral,
        targetDays: t.targetDays,
        ttsTarget: t.ttsTarget,
        daysGainedByTarget: t.daysGainedByTarget,
      })) ?? null,
    horizonMonths: spec.horizonMonths,
    gaps: job.gaps,
  });

  const mcText = montecarlo
    ? [
        `Monte Carlo (${montecarlo.draws} draws, seed ${montecarlo.seed})${resolved.input.pooling ? ': each draw runs without and with the pooling agreement on the same sampled parameters; the country bands are with it' : ''}: uniform draws; cut ∈ cut ± ${SCENARIO_DEFAULTS.montecarlo.shareCutSpread.value} within [0, 1], duration × [${SCENARIO_DEFAULTS.montecarlo.durationFactor.value.join(', ')}] (open-ended cuts stay open), ramp × [${SCENARIO_DEFAULTS.montecarlo.rampUpFactor.value.join(', ')}], spare × [${montecarlo.ranges.spareCapacityFactor.join(', ')}] unless the spec sets absolute ranges; one severity draw shared by all restrictions and minerals (assumption).`,
      ]
    : ['Monte Carlo off (montecarlo: null in the spec, or --draws 0).'];

  opts.onProgress?.({ phase: 'done', done: 1, total: 1 });
  return round({
    scenario: {
      id: spec.id ?? null,
      name: spec.name,
      preset: job.preset,
      start: spec.start,
      horizonMonths: spec.horizonMonths,
      baselineYear: spec.baselineYear,
      minerals: spec.minerals,
      countries: spec.countries,
      spec: spec as unknown as Record<string, unknown>,
      restrictions: resolved.restrictions.map((r) => ({
        id: r.id,
        exportControlId: r.exportControlId,
        origins: r.origins,
        minerals: r.minerals,
        targets: r.targets,
        stage: r.stage,
        shareCut: r.shareCut,
        quotaTonnesPerMonth: r.quotaTonnesPerMonth,
        cutBasis: r.cutBasis,
        startMonth: r.startMonth,
        durationMonths: r.durationMonths,
      })),
      notes: job.notes,
      evidence: job.evidence,
    },
    brief: items.map((i) => i.text),
    briefItems: items,
    baseline: job.builds.map(({ build: b, hs, basis }) => ({
      mineral: b.network.mineral,
      unit: 't' as const,
      basis,
      hs,
      world: b.world,
      restOfWorld: b.restOfWorld,
      pools: {
        mined: b.network.pools.mined?.basis ?? null,
        refined: b.network.pools.refined?.basis ?? null,
      },
      countries: b.countries.map((c) => {
        const s = resolved.stocks.find((x) => x.country === c.country && x.mineral === b.network.mineral);
        const list = (r: Record<string, number> | null) =>
          r
            ? Object.entries(r)
                .map(([country, share]) => ({ country, share }))
                .sort((x, y) => y.share - x.share)
            : null;
        return {
          country: c.country,
          demand: {
            perYearT: c.demand.perYearT,
            importDependentT: c.demand.importDependentT,
            basis: c.demand.basis,
            year: c.demand.year,
            label: c.demand.label,
            reason: c.demand.reason,
            rows: c.demand.rows,
            citations: c.demand.citations,
          },
          stock: {
            holder: s?.holder ?? null,
            actual: s?.actual ?? {
              tonnes: 0,
              days: 0,
              basis: 'none',
              label: 'no stock counted',
              reason: 'not_reported',
              assumption: false,
              rows: [],
              citations: [],
            },
            target: s?.target ?? null,
            governmentShipmentsT: s?.governmentShipmentsT ?? null,
            governmentShipmentsLabel: s?.governmentShipmentsLabel ?? null,
          },
          importsByOrigin: c.importsByOrigin,
          views: c.view
            ? {
                basis: c.view.basis,
                refinedIn: list(c.view.refined),
                minedIn: list(c.view.mined),
                untraced: c.view.untraced,
              }
            : null,
        };
      }),
    })),
    countries: outcome.countries,
    world: outcome.world,
    pooling: outcome.pooling,
    stockTarget,
    prices,
    sanctions: job.sanctions,
    montecarlo,
    calibration: job.calibration,
    assumptions: [
      ...job.assumptions,
      ...job.builds.flatMap(({ build: b }) => b.notes),
      'Stocks are drawn only to cover a shortfall and are not rebuilt within the horizon; transshipment beyond the traced views is not modelled.',
      ...resolved.assumptions,
      ...mcText,
    ],
    gaps: job.gaps,
    sources: job.sources,
  });
}
