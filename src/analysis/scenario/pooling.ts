// Monthly stock-pooling (swap) allocation among agreement members as a linear programme solved by HiGHS
// (Huangfu & Hall 2018, "Parallelizing the dual revised simplex method", Math. Prog. Comp. 10; npm `highs`,
// the WebAssembly build). DESIGN.md, Scenario engine: lend stock to minimise the worst member's unmet
// fraction, then total unmet demand.
//
//   stage 1: min z  s.t.  u_b − Σ_l x_lb ≤ D_b·z  (every member b),  Σ_l x_lb ≤ u_b,  Σ_b x_lb ≤ L_l,  x ≥ 0
//   stage 2: min Σ_b (u_b − Σ_l x_lb)  with z ≤ z* fixed (a lexicographic min-max, then min-sum)
// u_b: the member's unmet demand this month after its own stock; L_l: what lender l may lend (the engine applies
// the keep-(1 − lendable share) floor and, when protecting lenders, its own future needs). Quantities are
// scaled by the largest demand before solving so the LP is well conditioned. Cost: two small LPs per month.

import type { Highs } from 'highs';
import * as highsPackage from 'highs';

// The package's types describe a CommonJS module; under ESM its default export is the loader.
const loadHighs = (highsPackage as unknown as { default: () => Promise<Highs> }).default;

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

let loading: Promise<Highs> | null = null;

/** Loads the HiGHS WebAssembly module once per process and returns the monthly allocator. */
export async function loadPoolSolver(): Promise<PoolSolver> {
  loading ??= loadHighs();
  return poolSolver(await loading);
}

const fmt = (x: number) => (Math.abs(x) < 1e-15 ? '0' : x.toPrecision(15));

export function poolSolver(highs: Highs): PoolSolver {
  return ({ unmet, demand, lendable }) => {
    const n = unmet.length;
    const scale = Math.max(...demand, ...unmet, 1e-300);
    const u = unmet.map((x) => Math.max(0, x) / scale);
    const d = demand.map((x) => x / scale);
    const L = lendable.map((x) => Math.max(0, x) / scale);
    const pairs: [number, number][] = [];
    for (let l = 0; l < n; l++)
      for (let b = 0; b < n; b++) if (l !== b && L[l] > 1e-12 && u[b] > 1e-12) pairs.push([l, b]);
    const worst = () => Math.max(0, ...u.map((x, b) => (d[b] > 0 ? x / d[b] : 0)));
    if (!pairs.length) return { transfers: [], worstUnmetFraction: worst() };
    const x = (l: number, b: number) => `x_${l}_${b}`;
    const inflow = (b: number) => pairs.filter(([, bb]) => bb === b).map(([l]) => x(l, b));
    const outflow = (l: number) => pairs.filter(([ll]) => ll === l).map(([, b]) => x(l, b));
    const rows: string[] = [];
    for (let b = 0; b < n; b++) {
      const inf = inflow(b);
      if (d[b] > 0)
        rows.push(` w${b}: ${inf.map((v) => `- ${v}`).join(' ')} - ${fmt(d[b])} z <= ${fmt(-u[b])}`);
      if (inf.length) rows.push(` r${b}: ${inf.join(' + ')} <= ${fmt(u[b])}`);
    }
    for (let l = 0; l < n; l++) {
      const out = outflow(l);
      if (out.length) rows.push(` l${l}: ${out.join(' + ')} <= ${fmt(L[l])}`);
    }
    const bounds = [' z >= 0', ...pairs.map(([l, b]) => ` ${x(l, b)} >= 0`)];
    const lp = (objective: string, extra: string[]) =>
      ['Minimize', ` obj: ${objective}`, 'Subject To', ...rows, ...extra, 'Bounds', ...bounds, 'End'].join(
        '\n',
      );
    const first = highs.solve(lp('z', []), { output_flag: false });
    if (first.Status !== 'Optimal') throw new Error(`pooling LP (stage 1): ${first.Status}`);
    const zStar = first.Columns.z.Primal;
    const all = pairs.map(([l, b]) => x(l, b));
    // min Σ unmet = Σu − Σx: maximise the total lent.
    const second = highs.solve(lp(all.map((v) => `- ${v}`).join(' '), [` zfix: z <= ${fmt(zStar + 1e-9)}`]), {
      output_flag: false,
    });
    if (second.Status !== 'Optimal') throw new Error(`pooling LP (stage 2): ${second.Status}`);
    const transfers = pairs
      .map(([l, b]) => ({ from: l, to: b, quantity: Math.max(0, second.Columns[x(l, b)].Primal) * scale }))
      .filter((t) => t.quantity > 0);
    return { transfers, worstUnmetFraction: zStar };
  };
}
