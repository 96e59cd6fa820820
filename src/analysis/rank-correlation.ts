// Spearman's rank correlation between two rankings of the same items (Spearman 1904, "The proof and measurement of
// association between two things", American Journal of Psychology 15(1)): with distinct ranks,
//   ρ = 1 − 6·Σ d_i² / (n·(n² − 1)),  d_i = the difference of item i's two ranks,
// computed over the items ranked in both, after re-ranking them 1…n within that common set (so that an item ranked
// in only one list does not shift the others). Null with fewer than three common items. Cost: O(n log n).

export interface RankCorrelation {
  rho: number | null;
  /** Items ranked in both lists. */
  n: number;
}

/** ρ between two rankings given as item → rank (null = not ranked). */
export function spearman(
  a: ReadonlyMap<string, number | null>,
  b: ReadonlyMap<string, number | null>,
): RankCorrelation {
  const common = [...a.keys()].filter((k) => a.get(k) != null && b.get(k) != null);
  const n = common.length;
  if (n < 3) return { rho: null, n };
  const rerank = (m: ReadonlyMap<string, number | null>) => {
    const order = [...common].sort(
      (x, y) => (m.get(x) as number) - (m.get(y) as number) || x.localeCompare(y),
    );
    return new Map(order.map((k, i) => [k, i + 1]));
  };
  const ra = rerank(a);
  const rb = rerank(b);
  let d2 = 0;
  for (const k of common) d2 += ((ra.get(k) as number) - (rb.get(k) as number)) ** 2;
  return { rho: 1 - (6 * d2) / (n * (n * n - 1)), n };
}
