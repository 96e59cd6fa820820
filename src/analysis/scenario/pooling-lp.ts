// The pooling LP (pooling.ts, stages 1–3) solved by HiGHS (Huangfu & Hall 2018, "Parallelizing the dual revised
// simplex method", Math. Prog. Comp. 10; npm `highs`, WebAssembly). A separate module so that runs which never
// need the LP (the closed form covers every allocation the engine makes) never load the WebAssembly module.
import type { Highs } from 'highs';
import * as highsPackage from 'highs';
import { closedFormPool, type PoolSolver, scaleOf, TINY } from './pooling.ts';

// The package's types describe a CommonJS module; under ESM its default export is the loader.
const loadHighs = (highsPackage as unknown as { default: () => Promise<Highs> }).default;

let loading: Promise<Highs> | null = null;

/** Loads the HiGHS WebAssembly module once per process and returns the allocator: closed form, else the LP. */
export async function loadPoolSolver(): Promise<PoolSolver> {
  loading ??= loadHighs();
  return poolSolver(await loading);
}

/** The LP path alone (tests and benchmarks compare it with the closed form). */
export async function loadLpPoolSolver(): Promise<PoolSolver> {
  loading ??= loadHighs();
  return lpPoolSolver(await loading);
}

/** The allocator: the closed form where it applies, else the LP. */
export function poolSolver(highs: Highs): PoolSolver {
  const lp = lpPoolSolver(highs);
  return (input) => closedFormPool(input) ?? lp(input);
}

const fmt = (x: number) => (Math.abs(x) < 1e-15 ? '0' : x.toPrecision(15));

/** The three-stage LP solved by HiGHS (any input, including members that both borrow and lend). */
export function lpPoolSolver(highs: Highs): PoolSolver {
  return (input) => {
    const n = input.unmet.length;
    const scale = scaleOf(input);
    const u = input.unmet.map((x) => Math.max(0, x) / scale);
    const d = input.demand.map((x) => x / scale);
    const L = input.lendable.map((x) => Math.max(0, x) / scale);
    const pairs: [number, number][] = [];
    for (let l = 0; l < n; l++)
      for (let b = 0; b < n; b++) if (l !== b && L[l] > TINY && u[b] > TINY) pairs.push([l, b]);
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
    const bounds = [' z >= 0', ' w >= 0', ...pairs.map(([l, b]) => ` ${x(l, b)} >= 0`)];
    const solve = (stage: string, objective: string, extra: string[]) => {
      const lp = [
        'Minimize',
        ` obj: ${objective}`,
        'Subject To',
        ...rows,
        ...extra,
        'Bounds',
        ...bounds,
        'End',
      ];
      const r = highs.solve(lp.join('\n'), { output_flag: false });
      if (r.Status !== 'Optimal') throw new Error(`pooling LP (${stage}): ${r.Status}`);
      return r;
    };
    const zStar = solve('stage 1', 'z', []).Columns.z.Primal;
    const all = pairs.map(([l, b]) => x(l, b));
    const zFix = ` zfix: z <= ${fmt(zStar + 1e-9)}`;
    const second = solve('stage 2', all.map((v) => `- ${v}`).join(' '), [zFix]);
    const total = all.reduce((s, v) => s + second.Columns[v].Primal, 0);
    const shares = [];
    for (let l = 0; l < n; l++) {
      const out = outflow(l);
      if (out.length) shares.push(` s${l}: ${out.join(' + ')} - ${fmt(L[l])} w <= 0`);
    }
    const third = solve('stage 3', 'w', [
      zFix,
      ` tfix: ${all.join(' + ')} >= ${fmt(total - 1e-9)}`,
      ...shares,
    ]);
    const transfers = pairs
      .map(([l, b]) => ({ from: l, to: b, quantity: Math.max(0, third.Columns[x(l, b)].Primal) * scale }))
      .filter((t) => t.quantity > 0);
    return { transfers, worstUnmetFraction: zStar };
  };
}
