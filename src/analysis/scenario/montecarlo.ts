// Monte Carlo over the uncertain scenario parameters (DESIGN.md, Scenario engine): per draw, uniform samples of
// the cut share, the duration, the ramp-up rate and a spare-capacity factor; per country × mineral, p5/p50/p95
// bands of monthly unmet demand, cumulative shortfall, TTS and TTR, and P(TTS < TTR).
//
// Randomness: seededUniform (src/analysis/random.ts, sfc32 seeded through splitmix32), so the same seed
// gives the same bands. One draw uses four uniforms shared by every restriction and
// mineral (a common "severity" per draw: cuts, durations, ramp and spare move together across minerals).
// Percentiles: nearest rank on the sorted draws (Hyndman & Fan 1996, definition 1) for TTS, TTR and cumulative
// shortfall; monthly unmet demand uses a fixed histogram of the unmet fraction (an exact-zero bin plus 1,000
// bins over (0, 1]), so memory stays bounded at any number of draws; its resolution is 0.1% of demand.
// Cost: O(draws × minerals × months × importers); memory O(draws × series) for the exact percentiles.

import { seededUniform } from '../random.ts';
import {
  type CompiledMineral,
  type Draw,
  newRun,
  REST_OF_WORLD,
  simulateMineral,
  stressTimes,
} from './engine.ts';

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

export interface Band {
  p5: number;
  p50: number;
  p95: number;
}

export interface SeriesBands {
  country: string;
  mineral: string;
  unit: string;
  ttsMonths: Band;
  ttrMonths: Band;
  cumulativeShortfall: Band;
  pTtsLtTtr: number;
  unmet: ({ month: number } & Band)[];
}

export interface MonteCarloResult {
  draws: number;
  seed: number;
  bands: SeriesBands[];
}

const lerp = ([lo, hi]: [number, number], u: number) => lo + (hi - lo) * u;
const BINS = 1000;

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (!n) return Number.NaN;
  return sorted[Math.min(n - 1, Math.max(0, Math.ceil((p / 100) * n) - 1))];
}

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

/** Runs `draws` simulations of every compiled mineral (no pooling) and summarises them. */
export function monteCarlo(
  minerals: CompiledMineral[],
  ranges: McRanges,
  draws: number,
  seed: number,
): MonteCarloResult {
  const rand = seededUniform(seed);
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
  const runs = minerals.map((c) => newRun(c));
  const drawsOf = minerals.map((c) => ({
    cuts: new Float64Array(c.restrictions.length),
    durations: new Int32Array(c.restrictions.length),
    rampUpPerMonth: 0,
    spareFactor: 1,
  }));
  const u = new Float64Array(4);
  for (let d = 0; d < draws; d++) {
    for (let k = 0; k < 4; k++) u[k] = rand();
    for (let m = 0; m < minerals.length; m++) {
      const c = minerals[m];
      const run = simulateMineral(c, drawFor(c, ranges, u, drawsOf[m]), false, null, runs[m]);
      const H = c.horizon;
      for (const s of byMineral[m]) {
        const st = stressTimes(run, c, s.i);
        s.tts[d] = st.ttsMonths;
        s.ttr[d] = st.ttrMonths;
        if (st.ttsMonths < st.ttrMonths) s.ttsLtTtr++;
        const D = c.demand[s.i];
        let cum = 0;
        for (let t = 0; t < H; t++) {
          const x = run.unmet[s.i * H + t];
          cum += x;
          const f = D > 0 ? x / D : 0;
          s.hist[t][f <= 1e-12 ? 0 : Math.min(BINS, Math.ceil(f * BINS))]++;
        }
        s.cum[d] = cum;
      }
    }
  }
  const band = (sorted: ArrayLike<number>): Band => ({
    p5: percentile(sorted, 5),
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
  });
  return {
    draws,
    seed,
    bands: series.map((s) => {
      const D = s.c.demand[s.i];
      return {
        country: s.c.countries[s.i],
        mineral: s.c.mineral,
        unit: s.c.unit,
        ttsMonths: band(s.tts.sort()),
        ttrMonths: band(s.ttr.sort()),
        cumulativeShortfall: band(s.cum.sort()),
        pTtsLtTtr: s.ttsLtTtr / draws,
        unmet: s.hist.map((h, month) => ({
          month,
          p5: histPercentile(h, draws, 5) * D,
          p50: histPercentile(h, draws, 50) * D,
          p95: histPercentile(h, draws, 95) * D,
        })),
      };
    }),
  };
}
