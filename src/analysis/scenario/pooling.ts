// Monthly stock-pooling (swap) allocation among agreement members. DESIGN.md, Scenario engine: lend stock to
// minimise the worst member's unmet fraction, then total unmet demand. A lexicographic linear programme:
//
//   stage 1: min z  s.t.  u_b − Σ_l x_lb ≤ D_b·z  (every member b),  Σ_l x_lb ≤ u_b,  Σ_b x_lb ≤ L_l,  x ≥ 0
//   stage 2: max Σ x_lb (= min Σ_b unmet)  with z ≤ z* fixed
//   stage 3: min w  s.t.  Σ_b x_lb ≤ w·L_l (every lender l)  with z ≤ z*, Σ x ≥ T* fixed
// u_b: the member's unmet demand this month after its own stock; L_l: what lender l may lend (the engine applies
// the keep-(1 − lendable share) floor and, when protecting lenders, its own future needs). Stages 1–2 fix what
// each borrower receives; stage 3 breaks the remaining tie (which lender gives it): lenders give in proportion
// to what they may lend, so a run does not depend on which optimal vertex a solver returns.
//
// Two exact paths with the same solution:
// - closedFormPool, used whenever no member both borrows and lends (always so in the engine: a member with
//   unmet demand has drawn its whole stock, so it has nothing to lend). Then every borrower can receive from
//   every lender, only the total L = Σ L_l binds, and the problem is water-filling (proof in its comment).
//   Cost O(m log m) for m members.
// - lpPoolSolver (pooling-lp.ts, loaded only when needed): the LP above solved by HiGHS (Huangfu & Hall 2018, "Parallelizing the dual revised simplex
//   method", Math. Prog. Comp. 10; npm `highs`, WebAssembly), for any other input. About 1 ms per month
//   (three LPs parsed from text); quantities are scaled by the largest demand so the LP is well conditioned.
// test/scenario/pooling.test.ts checks the two paths against each other on random cases.

export interface PoolMonthInput {
  unmet: number[];
  demand: number[];
  lendable: number[];
}

export interface PoolMonthAllocation {
  /** Indices into the members list. */
  transfers: { from: number; to: number; quantity: number }[];
  worstUnmetFraction: number;
}

export type PoolSolver = (input: PoolMonthInput) => PoolMonthAllocation;

/** Below this (in units of the largest demand) a quantity is treated as zero by both paths. */
export const TINY = 1e-12;

/** Thrown by closedFormPoolSolver for an input only the LP can solve; the caller loads HiGHS and reruns. */
export class NeedsLpSolver extends Error {
  constructor() {
    super('this monthly allocation needs the pooling LP (a member both borrows and lends)');
    this.name = 'NeedsLpSolver';
  }
}

/**
 * The allocator without HiGHS: the closed form, which covers every allocation the engine makes (a member with
 * unmet demand has drawn its whole stock, so none both borrows and lends); anything else throws NeedsLpSolver,
 * so a run that never needs the LP never loads its WebAssembly module.
 */
export function closedFormPoolSolver(): PoolSolver {
  return (input) => {
    const r = closedFormPool(input);
    if (!r) throw new NeedsLpSolver();
    return r;
  };
}

/** The closed form where it applies, else the given LP allocator. */
export const withLpFallback =
  (lp: PoolSolver): PoolSolver =>
  (input) =>
    closedFormPool(input) ?? lp(input);

export const scaleOf = ({ unmet, demand }: PoolMonthInput) => {
  let s = 1e-300;
  for (const x of demand) if (x > s) s = x;
  for (const x of unmet) if (x > s) s = x;
  return s;
};

/**
 * The LP's solution without a solver when no member both borrows and lends; null otherwise (or in a degenerate
 * case where stage 2 would not be unique), so the caller falls back to the LP.
 *
 * Proof. Let B be the borrowers (u_b > 0) and P the lenders (L_l > 0), disjoint. Every pair (l, b) has an arc,
 * so a borrower total y_b = Σ_l x_lb is feasible iff 0 ≤ y_b ≤ u_b and Σ_b y_b ≤ L (give y in any order,
 * lender by lender). Stage 1 is then min z with y_b ≥ u_b − z·D_b, i.e. the least z ≥ z₀ with
 * f(z) = Σ_b max(0, u_b − z·D_b) ≤ L, where z₀ = max u_b/D_b over members too small to borrow (no arcs).
 * If Σ u_b ≤ L, f(z₀) ≤ L: z* = z₀, and stage 2 (max Σ y ≤ Σ u) gives y_b = u_b. Otherwise f is continuous,
 * strictly decreasing while positive, so z* solves f(z*) = L (when z* ≥ z₀); stage 2's lower bounds
 * y_b ≥ u_b − z*·D_b already sum to L, the most it can lend, so y_b = max(0, u_b − z*·D_b) is its unique
 * solution. Stage 3: lender totals a_l ≤ w·L_l with Σ a_l = T* force w ≥ T* ÷ L, met exactly by a_l = L_l·T* ÷ L,
 * which is feasible (x_lb = y_b·L_l/L) and the unique optimum for the a_l.
 */
export function closedFormPool(input: PoolMonthInput): PoolMonthAllocation | null {
  const { unmet, demand, lendable } = input;
  const n = unmet.length;
  const scale = scaleOf(input);
  const borrowers: number[] = [];
  const lenders: number[] = [];
  let z0 = 0;
  let U = 0;
  let L = 0;
  for (let i = 0; i < n; i++) {
    const u = Math.max(0, unmet[i]);
    const borrows = u / scale > TINY;
    const lends = Math.max(0, lendable[i]) / scale > TINY;
    if (borrows && lends) return null;
    if (borrows) {
      if (!(demand[i] > 0)) return null;
      borrowers.push(i);
      U += u;
    } else if (u > 0 && demand[i] > 0) z0 = Math.max(z0, u / demand[i]);
    if (lends) {
      lenders.push(i);
      L += lendable[i];
    }
  }
  const worst = () => {
    let w = 0;
    for (let i = 0; i < n; i++) if (demand[i] > 0) w = Math.max(w, Math.max(0, unmet[i]) / demand[i]);
    return w;
  };
  if (!borrowers.length || !lenders.length) return { transfers: [], worstUnmetFraction: worst() };
  const y = new Map<number, number>();
  let z = z0;
  if (U <= L) for (const b of borrowers) y.set(b, unmet[b]);
  else {
    // Water-filling: with borrowers by u/D descending, the top k are above the level z = (U_k − L)/D_k.
    const sorted = [...borrowers].sort((a, b) => unmet[b] / demand[b] - unmet[a] / demand[a]);
    let Uk = 0;
    let Dk = 0;
    let level = 0;
    for (let k = 0; k < sorted.length; k++) {
      Uk += unmet[sorted[k]];
      Dk += demand[sorted[k]];
      level = (Uk - L) / Dk;
      const next = k + 1 < sorted.length ? unmet[sorted[k + 1]] / demand[sorted[k + 1]] : 0;
      if (level >= next) break;
    }
    if (level < z0) return null;
    z = level;
    for (const b of borrowers) y.set(b, Math.max(0, unmet[b] - level * demand[b]));
  }
  const transfers: PoolMonthAllocation['transfers'] = [];
  for (const l of lenders)
    for (const b of borrowers) {
      const q = ((y.get(b) as number) * lendable[l]) / L;
      if (q > 0) transfers.push({ from: l, to: b, quantity: q });
    }
  return { transfers, worstUnmetFraction: z };
}
