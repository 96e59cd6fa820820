// The 3×3 cross-tabulation of two countries' UN General Assembly votes, the common input of every vote-based
// alignment metric. Votes are coded yes = 1, abstain = 2, no = 3 (DESIGN.md, Methods; Voeten's coding in the
// `unvotes` data); any other code (0 = absent, non-member, not recorded) drops the roll call from the pair
// (pairwise deletion, as in Signorino & Ritter 1999 and Häge 2011). Cost: O(number of roll calls).

export const YES = 1;
export const ABSTAIN = 2;
export const NO = 3;

/** counts[(a−1)·3 + (b−1)] = roll calls where the first country voted a and the second b; n = their sum. */
export interface Crosstab {
  counts: Float64Array;
  n: number;
}

const isVote = (v: number) => v === YES || v === ABSTAIN || v === NO;

/** Cross-tabulates two aligned vote vectors (same roll call at the same index). */
export function crosstab(x: ArrayLike<number>, y: ArrayLike<number>): Crosstab {
  if (x.length !== y.length)
    throw new RangeError(`vote vectors differ in length (${x.length} vs ${y.length})`);
  const counts = new Float64Array(9);
  let n = 0;
  for (let i = 0; i < x.length; i++) {
    const a = x[i];
    const b = y[i];
    if (!isVote(a) || !isVote(b)) continue;
    counts[(a - 1) * 3 + (b - 1)]++;
    n++;
  }
  return { counts, n };
}

/** A cross-tabulation from counts already tallied (e.g. by the all-dyad bitset kernel). */
export function crosstabOf(counts: ArrayLike<number>): Crosstab {
  if (counts.length !== 9) throw new RangeError('a vote cross-tabulation has 9 cells');
  const c = Float64Array.from(counts);
  return { counts: c, n: c.reduce((s, v) => s + v, 0) };
}

/** Σ n_ab·|a−b| over the table: the total vote distance between the two countries. */
export function totalDistance(t: Crosstab): number {
  let d = 0;
  for (let a = 0; a < 3; a++) for (let b = 0; b < 3; b++) d += t.counts[a * 3 + b] * Math.abs(a - b);
  return d;
}
