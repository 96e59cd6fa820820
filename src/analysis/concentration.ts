// Market concentration of a set of quantities (producers, exporters, import partners).
// share_c = q_c / Σq; HHI = Σ (100·share_c)² on 0–10,000; top-n = sum of the n largest shares
// (U.S. DOJ/FTC Horizontal Merger Guidelines 2023 §2.3 for the HHI scale; DESIGN.md, Methods).
// Cost: O(n log n) for the sort in topN, O(n) otherwise. Undefined cases (no positive total) give null.

export interface Quantity {
  key: string;
  quantity: number;
}

/** Shares of the total, largest first; null when the total is not positive. */
export function shares<T extends Quantity>(
  items: readonly T[],
  total?: number,
): (T & { share: number })[] | null {
  const sum = total ?? items.reduce((s, i) => s + i.quantity, 0);
  if (!(sum > 0)) return null;
  return items.map((i) => ({ ...i, share: i.quantity / sum })).sort((a, b) => b.share - a.share);
}

/** Herfindahl–Hirschman index on 0–10,000 from shares in 0..1; null for no shares. */
export function hhi(shareList: readonly number[]): number | null {
  if (!shareList.length) return null;
  return shareList.reduce((s, x) => s + (100 * x) ** 2, 0);
}

/** Sum of the n largest shares; null for no shares. */
export function topN(shareList: readonly number[], n: number): number | null {
  if (!shareList.length) return null;
  return [...shareList]
    .sort((a, b) => b - a)
    .slice(0, n)
    .reduce((s, x) => s + x, 0);
}
