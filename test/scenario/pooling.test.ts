// The closed-form pooling allocation against the three-stage LP solved by HiGHS, on random months.
import { beforeAll, describe, expect, it } from 'vitest';
import { seededUniform } from '../../src/analysis/random.ts';
import {
  closedFormPool,
  closedFormPoolSolver,
  NeedsLpSolver,
  type PoolMonthAllocation,
  type PoolMonthInput,
  type PoolSolver,
} from '../../src/analysis/scenario/pooling.ts';
import { loadLpPoolSolver, loadPoolSolver } from '../../src/analysis/scenario/pooling-lp.ts';

let lp: PoolSolver;
let solve: PoolSolver;
beforeAll(async () => {
  solve = await loadPoolSolver();
  lp = await loadLpPoolSolver();
});

const totals = (a: PoolMonthAllocation, n: number) => {
  const received = new Array(n).fill(0);
  const given = new Array(n).fill(0);
  for (const t of a.transfers) {
    received[t.to] += t.quantity;
    given[t.from] += t.quantity;
  }
  return { received, given };
};

/** A month as the engine sees it: members short (no stock left to lend) and members with lendable stock. */
function randomMonth(rand: () => number): PoolMonthInput {
  const n = 2 + Math.floor(rand() * 5);
  const unmet: number[] = [];
  const demand: number[] = [];
  const lendable: number[] = [];
  const magnitude = 10 ** Math.floor(rand() * 6 - 2);
  for (let i = 0; i < n; i++) {
    const D = magnitude * (0.1 + rand() * 10);
    demand.push(D);
    const role = rand();
    unmet.push(role < 0.45 ? D * rand() : 0);
    // Plenty, scarce or no lendable stock: both the U ≤ L and the water-filling branch occur.
    lendable.push(role >= 0.45 && role < 0.9 ? D * rand() * (rand() < 0.5 ? 0.2 : 5) : 0);
  }
  return { unmet, demand, lendable };
}

describe('pooling allocation: closed form = LP optimum', () => {
  it('on 400 random months: same worst unmet fraction, same amount to each borrower and from each lender', () => {
    const rand = seededUniform(20240601);
    let waterfilled = 0;
    for (let k = 0; k < 400; k++) {
      const m = randomMonth(rand);
      const n = m.unmet.length;
      const exact = closedFormPool(m);
      expect(exact).not.toBeNull();
      const a = exact as PoolMonthAllocation;
      const b = lp(m);
      const scale = Math.max(...m.demand, ...m.unmet);
      const tol = 1e-7 * scale;
      expect(Math.abs(a.worstUnmetFraction - b.worstUnmetFraction)).toBeLessThanOrEqual(1e-7);
      const ta = totals(a, n);
      const tb = totals(b, n);
      for (let i = 0; i < n; i++) {
        expect(Math.abs(ta.received[i] - tb.received[i])).toBeLessThanOrEqual(tol);
        expect(Math.abs(ta.given[i] - tb.given[i])).toBeLessThanOrEqual(tol);
        expect(ta.received[i]).toBeLessThanOrEqual(Math.max(0, m.unmet[i]) * (1 + 1e-12));
        expect(ta.given[i]).toBeLessThanOrEqual(m.lendable[i] * (1 + 1e-12));
      }
      if (a.worstUnmetFraction > 0 && ta.given.some((g) => g > 0)) waterfilled++;
    }
    // Both branches were exercised: full cover (z* = 0) and water-filling (z* > 0).
    expect(waterfilled).toBeGreaterThan(50);
    expect(waterfilled).toBeLessThan(400);
  });

  it('worked case: B (demand 10) and C (demand 100) each short 10, A lends 12 → both at z* = 8/110', () => {
    const m = { unmet: [0, 10, 10], demand: [50, 10, 100], lendable: [12, 0, 0] };
    const a = closedFormPool(m) as PoolMonthAllocation;
    expect(a.worstUnmetFraction).toBeCloseTo(8 / 110, 12);
    const { received } = totals(a, 3);
    expect(10 - received[1]).toBeCloseTo((8 / 110) * 10, 12);
    expect(10 - received[2]).toBeCloseTo((8 / 110) * 100, 12);
  });

  it('lenders give in proportion to what they may lend', () => {
    const a = closedFormPool({ unmet: [6, 0, 0], demand: [10, 10, 10], lendable: [0, 3, 9] });
    const { given } = totals(a as PoolMonthAllocation, 3);
    expect(given[1]).toBeCloseTo(1.5, 12);
    expect(given[2]).toBeCloseTo(4.5, 12);
  });

  it('a member that both borrows and lends is left to the LP, which the allocator then uses', () => {
    const m = { unmet: [5, 4, 0], demand: [10, 10, 10], lendable: [3, 0, 2] };
    expect(closedFormPool(m)).toBeNull();
    // Without HiGHS loaded, the closed-form allocator says it needs the LP instead of guessing.
    expect(() => closedFormPoolSolver()(m)).toThrow(NeedsLpSolver);
    const a = solve(m);
    const { received, given } = totals(a, 3);
    expect(received[0] + received[1]).toBeCloseTo(given[0] + given[2], 9);
    expect(received[1]).toBeGreaterThan(0);
    expect(a.transfers.every((t) => t.from !== t.to)).toBe(true);
  });
});
