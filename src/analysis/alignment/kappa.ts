// Weighted Cohen's kappa of two countries' UNGA votes (Häge 2011, "Choice or circumstance? Adjusting measures of
// foreign policy similarity for chance agreement", Political Analysis 19(3); Cohen 1968):
//   κ = 1 − D_o / D_e,  D_o = Σ_ab w_ab·p_ab,  D_e = Σ_ab w_ab·p_a·p_b,  w_ab = (|a − b| / d_max)², d_max = 2,
// where p_ab is the observed share of common roll calls with votes (a, b) and p_a, p_b are each country's own
// marginal vote shares. κ = 1 identical, 0 = agreement at chance level, < 0 worse than chance.
// Undefined (null) with no common votes, or when D_e = 0 (both countries cast one and the same vote every time,
// so chance agreement is perfect). Cost: O(1) on a crosstab.
import type { Crosstab } from './crosstab.ts';

const weight = (a: number, b: number) => (Math.abs(a - b) / 2) ** 2;

export function kappa(t: Crosstab): number | null {
  if (t.n === 0) return null;
  const rows = [0, 0, 0];
  const cols = [0, 0, 0];
  for (let a = 0; a < 3; a++)
    for (let b = 0; b < 3; b++) {
      rows[a] += t.counts[a * 3 + b] / t.n;
      cols[b] += t.counts[a * 3 + b] / t.n;
    }
  let observed = 0;
  let expected = 0;
  for (let a = 0; a < 3; a++)
    for (let b = 0; b < 3; b++) {
      observed += weight(a, b) * (t.counts[a * 3 + b] / t.n);
      expected += weight(a, b) * rows[a] * cols[b];
    }
  if (expected === 0) return null;
  return 1 - observed / expected;
}
