// Signorino & Ritter's S-score of two countries' UNGA votes (Signorino & Ritter 1999, "Tau-b or not tau-b",
// International Studies Quarterly 43(1), eq. 3 with the L1 metric): S = 1 − 2·Σ|x1 − x2| / (n·d_max), d_max = 2
// for votes coded yes = 1, abstain = 2, no = 3 (DESIGN.md, Methods). Ranges from −1 (always opposite) to 1
// (identical). Note S = 2·agreement − 1 for this coding. Cost: O(1) on a crosstab. No common votes → null.
import { type Crosstab, totalDistance } from './crosstab.ts';

export const D_MAX = 2;

export function sScore(t: Crosstab): number | null {
  if (t.n === 0) return null;
  return 1 - (2 * totalDistance(t)) / (t.n * D_MAX);
}
