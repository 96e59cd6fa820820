// Mineral relevance of a candidate partner for the trio.
// - World share: share_c,m = q_c,m / Q_m for mine production (and separately reserves) of mineral m, from the
//   USGS Mineral Commodity Summaries (latest edition and year; Q_m = the USGS "World total" row where published,
//   else the sum of the country rows plus "Other countries"). DESIGN.md, Methods ("Shares").
// - Complementarity with the trio's dependence on China:
//     C_c = Σ_m d_m · share_c,m / Σ_m d_m,
//   where d_m is the trio's dependence on China for m: China's share of the value of KOR+JPN+USA imports of m
//   (BACI, latest year), or, where the trade data has no rows for m (e.g. molybdenum), China's share of world
//   mine production (USGS) as a documented proxy. C_c is the candidate's production share averaged over the
//   minerals in scope, weighted by how much the trio leans on China for each: high when it mines what the trio
//   buys from China. Null when no mineral in scope has both d_m and share_c,m. Cost: O(minerals).

export function worldShare(value: number | null, world: number | null): number | null {
  if (value === null || world === null || !(world > 0) || !Number.isFinite(value)) return null;
  return value / world;
}

export interface MineralTerm {
  mineral: string;
  /** The trio's dependence on China for the mineral, 0..1. */
  dependence: number | null;
  /** The candidate's share of world mine production, 0..1. */
  productionShare: number | null;
}

export function complementarity(terms: readonly MineralTerm[]): number | null {
  let num = 0;
  let den = 0;
  for (const t of terms) {
    if (t.dependence === null || t.productionShare === null) continue;
    num += t.dependence * t.productionShare;
    den += t.dependence;
  }
  return den > 0 ? num / den : null;
}

/** Mean of the non-null values; null when there are none. */
export function meanOf(values: readonly (number | null)[]): number | null {
  const v = values.filter((x): x is number => x !== null && Number.isFinite(x));
  return v.length ? v.reduce((s, x) => s + x, 0) / v.length : null;
}
