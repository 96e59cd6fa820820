// Monte Carlo over the uncertain scenario parameters (DESIGN.md, Scenario engine): per draw, uniform samples of
// the cut share, the duration, the ramp-up rate and a spare-capacity factor; per country × mineral, p5/p50/p95
// bands of monthly unmet demand, cumulative shortfall, TTS and TTR, and P(TTS < TTR).
// With a pooling agreement every draw runs twice on the same sampled parameters: without the agreement, then
// with it (the same two arms as the central run, engine.ts runMineral). `bands` then describe the arm the
// central run's `countries` show (with the agreement), and `pooling` compares the arms per member and mineral:
// bands of days gained ((shortfall without − with) ÷ daily demand, outcome.ts), of TTS without and with, and
// P(TTS < TTR) without and with (TTR does not depend on stock, so it is the same in both arms).
//
// Randomness: seededUniform (src/analysis/random.ts, sfc32 seeded through splitmix32), so the same seed
// gives the same bands. One draw uses four uniforms shared by every restriction and
// mineral (a common "severity" per draw: cuts, durations, ramp and spare move together across minerals).
// Percentiles: nearest rank on the sorted draws (Hyndman & Fan 1996, definition 1) for TTS, TTR, cumulative
// shortfall and days gained; monthly unmet demand uses a fixed histogram of the unmet fraction (an exact-zero
// bin plus 1,000 bins over (0, 1]), so memory stays bounded at any number of draws; its resolution is 0.1% of
// demand. Cost: O(draws × minerals × months × importers), twice with an agreement, plus the monthly allocation
// in months when a member is short (closed form, pooling.ts); memory O(draws × series) for exact percentiles.

import { percentile } from '../percentile.ts';
import { seededUniform } from '../random.ts';
import {
  type CompiledMineral,
  type Draw,
  daysGained,
  futureOwnDraws,
  type MineralRun,
  newRun,
  type PoolingRule,
  REST_OF_WORLD,
  simulateMineral,
  simulatePooledFrom,
} from './engine.ts';
import type { PoolSolver } from './pooling.ts';

export interface McRanges {
  /** Absolute ranges; when absent each restriction's range is derived from its own value. */
  shareCut?: [number, number];
  durationMonths?: [number, number];
  rampUpPerMonth?: [number, number];
  spareCapacityFactor: [number, number];
  /** Relative defaults: cut ∈ [cut − spread, cut + spread] within [0, 1]; duration × factor; ramp × factor. */
  shareCutSpread: number;
  durationFactor: [number, number];
  rampUpFactor: [number, number];
}

/** 5th, 50th and 95th percentile of the draws, in `unit`. */
export interface Band {
  p5: number;
  p50: number;
  p95: number;
  unit: string;
}

/** Cancellation and progress for long runs (a worker checks a deadline in shouldStop). */
export interface RunHooks {
  /** Called every `every` draws; returning true stops the run with ScenarioCancelled. */
  shouldStop?: () => boolean;
  /** Called every `every` draws with the draws done and the total. */
  onProgress?: (done: number, total: number) => void;
  /** Draws between checks (default 50). */
  every?: number;
}

/** The run was stopped by its shouldStop hook (deadline or cancellation). */
export class ScenarioCancelled extends Error {
  constructor(
    readonly done: number,
    readonly total: number,
  ) {
    super(`scenario run stopped after ${done} of ${total} Monte Carlo draws`);
    this.name = 'ScenarioCancelled';
  }
}

export interface SeriesBands {
  country: string;
  mineral: string;
  unit: string;
  ttsMonths: Band;
  ttrMonths: Band;
  /** Tonnes of contained metal over the horizon. */
  cumulativeShortfall: Band;
  pTtsLtTtr: number;
  /** Monthly unmet demand, tonnes per month. */
  unmet: ({ month: number } & Band)[];
}

export interface PoolMemberBands {
  country: string;
  /** Days of demand the agreement adds (negative: a lender gives up more than it gains). */
  daysGained: Band;
  ttsNoAgreement: Band;
  ttsWithAgreement: Band;
  pTtsLtTtrNoAgreement: number;
  pTtsLtTtrWithAgreement: number;
}

export interface PoolingBands {
  members: string[];
  /** Per member: in each draw the smallest gain over the minerals (the binding mineral), then its band. */
  daysGained: Record<string, Band>;
  byMineral: { mineral: string; unit: string; members: PoolMemberBands[] }[];
}

export interface MonteCarloResult {
  draws: number;
  seed: number;
  /** Per country × mineral, with the agreement when one is set (the arm the central run shows). */
  bands: SeriesBands[];
  /** Both arms compared per member; null without an agreement. */
  pooling: PoolingBands | null;
}

/** An agreement for the Monte Carlo: its rule and the monthly allocator (pooling.ts). */
export interface McPool {
  rule: PoolingRule;
  solve: PoolSolver;
}

/** One draw of one mineral: the run without the agreement and, when one is set, the run with it (the same
 * object when the agreement cannot act in that draw). */
export interface DrawArms {
  noPool: MineralRun;
  pooled: MineralRun | null;
}

const lerp = ([lo, hi]: [number, number], u: number) => lo + (hi - lo) * u;
const BINS = 1000;

function histPercentile(hist: Uint32Array, draws: number, p: number): number {
  const rank = Math.max(1, Math.ceil((p / 100) * draws));
  let acc = 0;
  for (let b = 0; b < hist.length; b++) {
    acc += hist[b];
    if (acc >= rank) return b === 0 ? 0 : (b - 0.5) / BINS;
  }
  return 1;
}

/** Fills `d` with the draw for uniforms (u_cut, u_duration, u_ramp, u_spare). Loops, not closures: this is hot. */
function drawFor(c: CompiledMineral, r: McRanges, u: Float64Array, d: Draw): Draw {
  const H = c.horizon;
  for (let k = 0; k < c.restrictions.length; k++) {
    const x = c.restrictions[k];
    const cutRange: [number, number] = r.shareCut ?? [
      Math.max(0, x.cut - r.shareCutSpread),
      Math.min(1, x.cut + r.shareCutSpread),
    ];
    d.cuts[k] = lerp(cutRange, u[0]);
    const open = x.duration >= H - x.start;
    const range: [number, number] =
      r.durationMonths ??
      (open
        ? [x.duration, x.duration]
        : [x.duration * r.durationFactor[0], x.duration * r.durationFactor[1]]);
    d.durations[k] = Math.max(1, Math.round(lerp(range, u[1])));
  }
  const ramp = c.response.rampUpPerMonth;
  d.rampUpPerMonth = Math.min(
    1,
    lerp(r.rampUpPerMonth ?? [ramp * r.rampUpFactor[0], ramp * r.rampUpFactor[1]], u[2]),
  );
  d.spareFactor = lerp(r.spareCapacityFactor, u[3]);
  return d;
}

/**
 * Samples `draws` parameter sets and simulates every compiled mineral with each, without and (given `pool`)
 * with the agreement on the same parameters; `visit` sees the runs of draw d, mineral m. The runs are reused
 * buffers: read them inside `visit`.
 */
export function forEachDraw(
  minerals: CompiledMineral[],
  ranges: McRanges,
  draws: number,
  seed: number,
  pool: McPool | null,
  visit: (d: number, m: number, arms: DrawArms) => void,
  hooks: RunHooks = {},
): void {
  const every = Math.max(1, hooks.every ?? 50);
  const rand = seededUniform(seed);
  const buffers = minerals.map((c) => ({
    draw: {
      cuts: new Float64Array(c.restrictions.length),
      durations: new Int32Array(c.restrictions.length),
      rampUpPerMonth: 0,
      spareFactor: 1,
    } satisfies Draw,
    noPool: newRun(c),
    pooled: pool ? newRun(c) : null,
    future: new Float64Array(c.n * c.horizon),
    members: (pool?.rule.members ?? []).map((m) => c.countries.indexOf(m)).filter((i) => i >= 0),
  }));
  const u = new Float64Array(4);
  for (let d = 0; d < draws; d++) {
    if (d % every === 0) {
      if (hooks.shouldStop?.()) throw new ScenarioCancelled(d, draws);
      hooks.onProgress?.(d, draws);
    }
    for (let k = 0; k < 4; k++) u[k] = rand();
    for (let m = 0; m < minerals.length; m++) {
      const c = minerals[m];
      const b = buffers[m];
      const draw = drawFor(c, ranges, u, b.draw);
      const noPool = simulateMineral(c, draw, false, null, b.noPool);
      let pooled: MineralRun | null = null;
      // The agreement only acts in months when a member is short: a draw where no member ever is gives the
      // same run with it, so the second simulation is skipped (exactly, not approximately).
      if (pool && b.pooled)
        pooled = anyShort(noPool, b.members, c.horizon)
          ? simulatePooledFrom(
              c,
              noPool,
              { ...pool, futureOwnDraws: futureOwnDraws(c, noPool, b.future) },
              b.pooled,
            )
          : noPool;
      visit(d, m, { noPool, pooled });
    }
  }
  hooks.onProgress?.(draws, draws);
}

/** Whether any of the importers has unmet demand in some month (the engine's pooling threshold). */
function anyShort(run: MineralRun, importers: number[], H: number): boolean {
  for (const i of importers) for (let t = 0; t < H; t++) if (run.unmet[i * H + t] > 1e-12) return true;
  return false;
}

/** 5th, 50th and 95th nearest-rank percentiles (../percentile.ts, the product's one definition); NaN if no draws. */
const band = (sorted: ArrayLike<number>, unit: string): Band => ({
  p5: percentile(sorted, 0.05) ?? Number.NaN,
  p50: percentile(sorted, 0.5) ?? Number.NaN,
  p95: percentile(sorted, 0.95) ?? Number.NaN,
  unit,
});

/** Runs `draws` simulations of every compiled mineral (both arms given an agreement) and summarises them. */
export function monteCarlo(
  minerals: CompiledMineral[],
  ranges: McRanges,
  draws: number,
  seed: number,
  pool: McPool | null = null,
  hooks: RunHooks = {},
): MonteCarloResult {
  const series = minerals.flatMap((c) =>
    c.countries.flatMap((country, i) =>
      country === REST_OF_WORLD
        ? []
        : [
            {
              c,
              i,
              tts: new Int16Array(draws),
              ttr: new Int16Array(draws),
              cum: new Float64Array(draws),
              ttsLtTtr: 0,
              hist: Array.from({ length: c.horizon }, () => new Uint32Array(BINS + 1)),
            },
          ],
    ),
  );
  const byMineral = minerals.map((c) => series.filter((s) => s.c === c));
  const members = pool?.rule.members ?? [];
  const poolSeries = minerals.map((c) =>
    members.flatMap((country) => {
      const i = c.countries.indexOf(country);
      return i < 0
        ? []
        : [
            {
              country,
              i,
              gain: new Float64Array(draws),
              ttsNo: new Int16Array(draws),
              ttsWith: new Int16Array(draws),
              ltNo: 0,
              ltWith: 0,
            },
          ];
    }),
  );
  const headline = new Map(
    members
      .filter((m) => poolSeries.some((ps) => ps.some((s) => s.country === m)))
      .map((m) => [m, new Float64Array(draws).fill(Number.POSITIVE_INFINITY)]),
  );

  forEachDraw(
    minerals,
    ranges,
    draws,
    seed,
    pool,
    (d, m, { noPool, pooled }) => {
      const c = minerals[m];
      const H = c.horizon;
      const t0 = Math.min(c.firstStart, H);
      const run = pooled ?? noPool;
      for (const s of byMineral[m]) {
        // One pass: TTS, TTR (stressTimes' definitions) and the histogram of the unmet fraction.
        const i = s.i;
        const D = c.demand[i];
        const eps = 1e-9 * Math.max(D, 1e-300);
        let firstUnmet = -1;
        let lastGap = -1;
        let cum = 0;
        for (let t = 0; t < H; t++) {
          const x = run.unmet[i * H + t];
          cum += x;
          if (t >= t0) {
            if (firstUnmet < 0 && x > eps) firstUnmet = t;
            if (run.gap[i * H + t] > eps) lastGap = t;
          }
          const f = D > 0 ? x / D : 0;
          s.hist[t][f <= 1e-12 ? 0 : Math.min(BINS, Math.ceil(f * BINS))]++;
        }
        const tts = firstUnmet < 0 ? H - t0 : firstUnmet - t0;
        const ttr = lastGap < 0 ? 0 : lastGap + 1 - t0;
        s.tts[d] = tts;
        s.ttr[d] = ttr;
        if (tts < ttr) s.ttsLtTtr++;
        s.cum[d] = cum;
      }
      if (!pooled) return;
      for (const s of poolSeries[m]) {
        const i = s.i;
        const eps = 1e-9 * Math.max(c.demand[i], 1e-300);
        let firstNo = -1;
        let firstWith = -1;
        let lastGap = -1;
        let cumNo = 0;
        let cumWith = 0;
        for (let t = 0; t < H; t++) {
          const j = i * H + t;
          cumNo += noPool.unmet[j];
          cumWith += pooled.unmet[j];
          if (t < t0) continue;
          if (firstNo < 0 && noPool.unmet[j] > eps) firstNo = t;
          if (firstWith < 0 && pooled.unmet[j] > eps) firstWith = t;
          if (noPool.gap[j] > eps) lastGap = t;
        }
        // The gap does not depend on stock, so TTR is the same in both arms.
        const ttr = lastGap < 0 ? 0 : lastGap + 1 - t0;
        const ttsNo = firstNo < 0 ? H - t0 : firstNo - t0;
        const ttsWith = firstWith < 0 ? H - t0 : firstWith - t0;
        s.ttsNo[d] = ttsNo;
        s.ttsWith[d] = ttsWith;
        if (ttsNo < ttr) s.ltNo++;
        if (ttsWith < ttr) s.ltWith++;
        s.gain[d] = daysGained(c, i, cumNo, cumWith);
        const h = headline.get(s.country) as Float64Array;
        if (s.gain[d] < h[d]) h[d] = s.gain[d];
      }
    },
    hooks,
  );

  return {
    draws,
    seed,
    bands: series.map((s) => {
      const D = s.c.demand[s.i];
      return {
        country: s.c.countries[s.i],
        mineral: s.c.mineral,
        unit: s.c.unit,
        ttsMonths: band(s.tts.sort(), 'months'),
        ttrMonths: band(s.ttr.sort(), 'months'),
        cumulativeShortfall: band(s.cum.sort(), s.c.unit),
        pTtsLtTtr: s.ttsLtTtr / draws,
        unmet: s.hist.map((h, month) => ({
          month,
          p5: histPercentile(h, draws, 5) * D,
          p50: histPercentile(h, draws, 50) * D,
          p95: histPercentile(h, draws, 95) * D,
          unit: `${s.c.unit}/month`,
        })),
      };
    }),
    pooling: pool
      ? {
          members,
          daysGained: Object.fromEntries([...headline].map(([m, gains]) => [m, band(gains.sort(), 'days')])),
          byMineral: minerals.map((c, m) => ({
            mineral: c.mineral,
            unit: c.unit,
            members: poolSeries[m].map((s) => ({
              country: s.country,
              daysGained: band(s.gain.sort(), 'days'),
              ttsNoAgreement: band(s.ttsNo.sort(), 'months'),
              ttsWithAgreement: band(s.ttsWith.sort(), 'months'),
              pTtsLtTtrNoAgreement: s.ltNo / draws,
              pTtsLtTtrWithAgreement: s.ltWith / draws,
            })),
          })),
        }
      : null,
  };
}
