// Percentiles of a sample by the nearest-rank method, the one definition used across the product (partner rank
// intervals, cooperation rank stability, scenario Monte Carlo bands): the q-quantile (0 ≤ q ≤ 1) of n sorted
// values is x_(k) with k = ⌈q·n⌉ clamped to 1…n (1-based) — Hyndman & Fan (1996), "Sample quantiles in statistical
// packages", The American Statistician 50(4), definition 1 (the inverse of the empirical distribution function).
// A tolerance of 1e-9 on q·n keeps k exact when q·n is an integer up to floating-point error (0.95·2000 = 1900).
// Cost: O(1) on sorted input; sorting is the caller's (O(n log n)).

/** The 1-based rank k = ⌈q·n⌉ (clamped to 1…n) of the nearest-rank q-quantile of n values. */
export function nearestRank(n: number, q: number): number {
  if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile ${q} is outside [0, 1]`);
  return Math.min(n, Math.max(1, Math.ceil(q * n - 1e-9)));
}

/** The nearest-rank q-quantile of values sorted ascending; null for an empty sample. */
export function percentile(sorted: ArrayLike<number>, q: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[nearestRank(sorted.length, q) - 1];
}

/** The nearest-rank q-quantile of unsorted values (copies and sorts). */
export function percentileOf(values: ArrayLike<number>, q: number): number | null {
  const sorted = Float64Array.from(values as ArrayLike<number>).sort();
  return percentile(sorted, q);
}
