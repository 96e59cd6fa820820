// Linear trend of a yearly series: the ordinary-least-squares slope b of value = a + b·year over the years with a
// value (units per year). Used for the "decade trend" of a country's alignment with the trio. Null when fewer than
// `minPoints` (default 5) years have values, or all years are equal. Cost: O(n).

export interface YearValue {
  year: number;
  value: number | null;
}

export function olsSlope(series: readonly YearValue[], minPoints = 5): number | null {
  const pts = series.filter(
    (p): p is { year: number; value: number } => p.value !== null && Number.isFinite(p.value),
  );
  if (pts.length < Math.max(2, minPoints)) return null;
  const mx = pts.reduce((s, p) => s + p.year, 0) / pts.length;
  const my = pts.reduce((s, p) => s + p.value, 0) / pts.length;
  let sxy = 0;
  let sxx = 0;
  for (const p of pts) {
    sxy += (p.year - mx) * (p.value - my);
    sxx += (p.year - mx) ** 2;
  }
  return sxx === 0 ? null : sxy / sxx;
}
