// Percent agreement of two countries' UNGA votes: the mean over common roll calls of 1 for the same vote,
// ½ when one abstained and the other voted yes or no, 0 for yes against no — i.e. 1 − Σ n_ab·|a−b| / (2n)
// with yes = 1, abstain = 2, no = 3 (DESIGN.md, Methods; the "abstain counts half" convention of
// Voeten 2000, "Clashes in the Assembly", International Organization 54(2)). Cost: O(1) on a crosstab.
// The agreement of no common votes is null.
import { type Crosstab, totalDistance } from './crosstab.ts';

export function agreement(t: Crosstab): number | null {
  if (t.n === 0) return null;
  return 1 - totalDistance(t) / (2 * t.n);
}
