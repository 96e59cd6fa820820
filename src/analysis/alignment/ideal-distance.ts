// Ideal-point distance |θ_i − θ_j| between two countries in one year, from Voeten's UNGA ideal points
// (Bailey, Strezhnev & Voeten 2017, "Estimating dynamic state preferences from United Nations voting data",
// Journal of Conflict Resolution 61(2); data doi:10.7910/DVN/LEJUQZ, July 2025 release, `idealpointfp`).
// Lower = closer positions. Null when either country has no estimate that year. Cost: O(1).

export function idealPointDistance(
  a: number | null | undefined,
  b: number | null | undefined,
): number | null {
  if (a === null || a === undefined || b === null || b === undefined) return null;
  if (!Number.isFinite(a) || !Number.isFinite(b)) return null;
  return Math.abs(a - b);
}
