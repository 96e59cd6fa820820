// The composite partner index and its uncertainty (OECD/JRC 2008, Handbook on Constructing Composite Indicators;
// Saisana, Saltelli & Tarantola 2005, "Uncertainty and sensitivity analysis techniques as tools for the quality
// assessment of composite indicators", JRSS A 168(2)).
//   1. Normalise each indicator across candidates to 0 (worst) … 1 (best) (normalise.ts; min-max by default).
//   2. Score_c = Σ_i w_i·x_ci / Σ_{i: x_ci present} w_i — a weighted mean over the indicators the country has;
//      missing indicators are not imputed: the weight is shared among the rest and the gap is reported.
//   3. Rank by score (1 = best; ties broken by country code).
//   4. Uncertainty: draw weight vectors w ~ Dirichlet(κ·w₀) around the chosen weights w₀ (mean w₀; larger
//      concentration κ = tighter), rescore and rerank each draw with a seeded generator (../random.ts, Gamma variates
//      by Marsaglia & Tsang 2000); report the 5th–95th percentile of each country's rank (nearest-rank,
//      ../percentile.ts) and the share of draws in which it ranks in the top 5. Cost: O(draws · C · (K + log C)).
//      Uncertainty from the data as well (WGI standard errors, ideal-point quantiles, USGS estimates) is drawn by
//      ./ranking.ts, which calls summariseRanks below.
import { percentile } from '../percentile.ts';
import { dirichlet, seededUniform } from '../random.ts';

export const COMPOSITE_DEFAULTS = {
  draws: 1000,
  seed: 1,
  /**
   * κ = 20 (assumption): Dirichlet(κ·w) gives weight i the s.d. √(w_i(1−w_i)/(κ+1)); at w_i = 0.125 that is
   * ≈ 0.072, i.e. a weight typically moves by about half of itself.
   */
  concentration: 20,
  interval: [0.05, 0.95] as [number, number],
  top: 5,
};

export interface CompositeRow {
  country: string;
  score: number | null;
  rank: number | null;
  rankInterval: [number, number] | null;
  pTop5: number | null;
}

/** Weighted mean of present normalised values; null when the country has none of the weighted indicators. */
export function compositeScore(
  values: readonly (number | null)[],
  weights: readonly number[],
): number | null {
  let num = 0;
  let den = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || !(weights[i] > 0)) continue;
    num += weights[i] * v;
    den += weights[i];
  }
  return den > 0 ? num / den : null;
}

/** Ranks 1..n by descending score (ties by key order); null scores get null ranks. */
export function rankScores(scores: ArrayLike<number | null>, keys: readonly string[]): (number | null)[] {
  const idx = [...Array(scores.length).keys()].filter((i) => scores[i] !== null);
  idx.sort((a, b) => (scores[b] as number) - (scores[a] as number) || keys[a].localeCompare(keys[b]));
  const out: (number | null)[] = Array(scores.length).fill(null);
  idx.forEach((i, r) => {
    out[i] = r + 1;
  });
  return out;
}

/** Rank interval and P(top k) of one country from its ranks over the draws. */
export function summariseRanks(
  ranks: Int32Array,
  interval: readonly [number, number],
  top: number,
): { rankInterval: [number, number]; pTop5: number } {
  const sorted = ranks.slice().sort();
  let hits = 0;
  for (const r of sorted) if (r <= top) hits++;
  return {
    rankInterval: [percentile(sorted, interval[0]) as number, percentile(sorted, interval[1]) as number],
    pTop5: hits / sorted.length,
  };
}

/**
 * Scores, ranks and weight-uncertainty for countries × normalised indicators. `weights` need not sum to 1
 * (they are normalised); zero weights drop an indicator from both the point estimate and the draws.
 */
export function compositeRanking(
  countries: readonly string[],
  normalised: readonly (readonly (number | null)[])[],
  weights: readonly number[],
  options: Partial<typeof COMPOSITE_DEFAULTS> = {},
): CompositeRow[] {
  const o = { ...COMPOSITE_DEFAULTS, ...options };
  const total = weights.reduce((s, w) => s + w, 0);
  if (!(total > 0) || weights.some((w) => !(w >= 0)))
    throw new RangeError('weights must be non-negative with a positive sum');
  const w0 = weights.map((w) => w / total);
  const scores = normalised.map((v) => compositeScore(v, w0));
  const ranks = rankScores(scores, countries);
  const ranked = scores.map((s, i) => (s === null ? -1 : i)).filter((i) => i >= 0);
  const drawsRanks = ranked.map(() => new Int32Array(o.draws));
  if (o.draws > 0 && ranked.length) {
    const u = seededUniform(o.seed);
    const alpha = w0.map((w) => w * o.concentration);
    const s = new Float64Array(ranked.length);
    const order = [...ranked.keys()];
    for (let d = 0; d < o.draws; d++) {
      const w = dirichlet(alpha, u);
      for (let k = 0; k < ranked.length; k++)
        s[k] = compositeScore(normalised[ranked[k]], w) ?? Number.NEGATIVE_INFINITY;
      order.sort((a, b) => s[b] - s[a] || countries[ranked[a]].localeCompare(countries[ranked[b]]));
      for (let r = 0; r < order.length; r++) drawsRanks[order[r]][d] = r + 1;
    }
  }
  const pos = new Map(ranked.map((i, k) => [i, k]));
  return countries.map((country, i) => {
    const k = pos.get(i);
    if (k === undefined || o.draws === 0)
      return { country, score: scores[i], rank: ranks[i], rankInterval: null, pTop5: null };
    return { country, score: scores[i], rank: ranks[i], ...summariseRanks(drawsRanks[k], o.interval, o.top) };
  });
}
