import { beforeAll, describe, expect, it } from 'vitest';
import { compileMineral, nominalDraw, simulateMineral } from '../../src/analysis/scenario/engine.ts';
import { simulateScenario } from '../../src/analysis/scenario/outcome.ts';
import { loadPoolSolver, type PoolSolver } from '../../src/analysis/scenario/pooling.ts';
import { cut, input, network } from './helpers.ts';

let solve: PoolSolver;
beforeAll(async () => {
  solve = await loadPoolSolver();
});

const close = (a: number, b: number, tol = 1e-9) =>
  expect(Math.abs(a - b)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(b)));

const CASES = {
  'half cut, stocks': input({ restrictions: [cut(0.5)], stocks: { KOR: 30, JPN: 10, USA: 5 } }),
  'full cut to trio, 6 months': input({
    restrictions: [cut(1, { targets: ['KOR', 'JPN', 'USA'], durationMonths: 6 })],
    stocks: { KOR: 20 },
  }),
  'two overlapping cuts': input({
    restrictions: [
      cut(0.4, { durationMonths: 10 }),
      cut(0.5, { origins: ['CHN', 'AUS'], startMonth: 3, durationMonths: 4 }),
    ],
    stocks: { JPN: 8 },
  }),
  'pooled, repaid': input({
    restrictions: [cut(0.8, { targets: ['KOR', 'USA'], durationMonths: 9 })],
    stocks: { KOR: 5, JPN: 40, USA: 10 },
    pooling: { members: ['KOR', 'JPN', 'USA'], lendableShare: 0.5, repayment: true, protectLenders: false },
  }),
};

describe('scenario engine: accounting', () => {
  for (const [name, inp] of Object.entries(CASES))
    it(`${name}: supply + stock drawn + unmet = demand every month, stock never negative`, () => {
      const out = simulateScenario(inp, '2025-01', solve);
      expect(out.countries.length).toBe(3);
      for (const c of out.countries)
        for (const m of c.months) {
          close(m.supply + m.stockDrawn + m.unmet, m.demand);
          expect(m.stock).toBeGreaterThanOrEqual(-1e-12);
          expect(m.unmet).toBeGreaterThanOrEqual(-1e-12);
          expect(m.supply).toBeLessThanOrEqual(m.demand + 1e-12);
          close(
            Object.values(m.supplyByOrigin).reduce((s, x) => s + x, 0),
            m.supply,
          );
        }
    });

  it('a zero cut equals the baseline', () => {
    const out = simulateScenario(input({ restrictions: [cut(0)], stocks: { KOR: 30 } }), '2025-01', null);
    const kor = out.countries.find((c) => c.country === 'KOR');
    for (const m of kor?.months ?? []) {
      expect(m.supply).toBe(10);
      expect(m.unmet).toBe(0);
      expect(m.stock).toBe(30);
      expect(m.supplyByOrigin).toEqual({ CHN: 8, AUS: 1, KOR: 1 });
    }
    for (const c of out.countries) {
      expect(c.ttrMonths).toBe(0);
      expect(c.ttsMonths).toBe(24);
      expect(c.ttsCensored).toBe(true);
      expect(c.cumulativeShortfall).toBe(0);
    }
  });

  it('a full cut with no stock gives TTS = 0', () => {
    const out = simulateScenario(input({ restrictions: [cut(1)] }), '2025-01', null);
    for (const c of out.countries) expect(c.ttsMonths).toBe(0);
  });

  it('stock covers whole months: KOR loses 8/month with 24 in stock and no replacement → TTS = 3', () => {
    const out = simulateScenario(
      input({ restrictions: [cut(1)], stocks: { KOR: 24 }, spare: 0 }),
      '2025-01',
      null,
    );
    const kor = out.countries.find((c) => c.country === 'KOR');
    expect(kor?.ttsMonths).toBe(3);
    expect(kor?.months[2].stock).toBeCloseTo(0, 12);
    expect(kor?.months[3].unmet).toBeCloseTo(8, 12);
  });

  it('TTR counts months until supply meets demand again without stock', () => {
    const out = simulateScenario(
      input({ restrictions: [cut(1, { startMonth: 2, durationMonths: 6 })], spare: 0 }),
      '2025-01',
      null,
    );
    const usa = out.countries.find((c) => c.country === 'USA');
    expect(usa?.ttrMonths).toBe(6);
    expect(usa?.ttsMonths).toBe(0);
    expect(usa?.ttsBeforeTtr).toBe(true);
    expect(usa?.months[1].unmet).toBe(0);
    expect(usa?.months[8].unmet).toBe(0);
  });

  it('a look-through cut also reaches an intermediary in proportion to its imports from the origin', () => {
    const net = network('cobalt', { importShares: { AUS: { CHN: 0.5, COD: 0.5 } } });
    const direct = compileMineral(net, input({ net, restrictions: [cut(1)], spare: 0 }));
    const through = compileMineral(
      net,
      input({ net, restrictions: [cut(1, { lookThrough: true })], spare: 0 }),
    );
    const H = direct.horizon;
    // JPN buys 30/yr from CHN and 30/yr from AUS, half of whose imports come from CHN.
    close(simulateMineral(direct, nominalDraw(direct)).lost[1 * H], 30 / 12);
    close(simulateMineral(through, nominalDraw(through)).lost[1 * H], (30 + 0.5 * 30) / 12);
  });

  it('only named targets lose supply', () => {
    const out = simulateScenario(input({ restrictions: [cut(1, { targets: ['USA'] })] }), '2025-01', null);
    expect(out.countries.find((c) => c.country === 'JPN')?.cumulativeShortfall).toBe(0);
    expect(out.countries.find((c) => c.country === 'USA')?.cumulativeShortfall).toBeGreaterThan(0);
  });
});

describe('scenario engine: supply response', () => {
  it('replacement ramps up from the month after the cut and is shared pro rata to baseline imports', () => {
    // Full CHN cut to all: lost KOR 8, JPN 2.5, USA 10, ROW 33.33 per month. Spare at full ramp:
    // 0.1 × AUS 30% × 1000/12 = 2.5 per month, shared by baseline imports (KOR 9, JPN 5, USA 20, ROW 50).
    const c = compileMineral(network(), input({ restrictions: [cut(1)], ramp: 0.5 }));
    const run = simulateMineral(c, nominalDraw(c));
    const H = c.horizon;
    expect(run.spareAvailable[0]).toBe(0);
    close(run.spareAvailable[1], 1.25);
    close(run.spareAvailable[5], 2.5);
    const shares = [9, 5, 20, 50].map((w) => (2.5 * w) / 84);
    for (const [i, s] of shares.entries()) close(run.replacement[i * H + 5], s);
  });

  it('replacement never exceeds what an importer lost; the rest goes to the others', () => {
    const c = compileMineral(network(), input({ restrictions: [cut(0.01)], ramp: 1, spare: 5 }));
    const run = simulateMineral(c, nominalDraw(c));
    const H = c.horizon;
    for (let i = 0; i < c.n; i++) close(run.replacement[i * H + 3], run.lost[i * H + 3]);
  });

  it('a by-product is bounded by idle recovery capacity outside the restricting origin', () => {
    const net = network('gallium', {
      producers: { CHN: 98, JPN: 1, OTHER: 1 },
      idleCapacity: { CHN: 50, JPN: 3, OTHER: 9 },
    });
    const inp = input({ net, restrictions: [cut(1, { minerals: ['gallium'] })], ramp: 1 });
    inp.response.gallium = {
      byProduct: true,
      rampUpPerMonth: 1,
      spareCapacityShare: 1,
      idleShareOfWorld: null,
    };
    const c = compileMineral(net, inp);
    // idle outside CHN 12 over world output 100 → 12% of a 1000/yr market = 10 per month.
    close(c.spare(1).total, 10);
    close(c.spare(1).byOrigin.OTHER, 0.75);
  });
});

describe('scenario engine: pooling', () => {
  const rule = (protectLenders: boolean, repayment = false) => ({
    members: ['KOR', 'JPN', 'USA'],
    lendableShare: 0.6,
    repayment,
    protectLenders,
  });
  const scenarios: Parameters<typeof input>[0][] = [
    {
      restrictions: [cut(1, { targets: ['KOR', 'USA'], durationMonths: 8 })],
      stocks: { KOR: 10, JPN: 30, USA: 20 },
    },
    { restrictions: [cut(0.7)], stocks: { KOR: 40, JPN: 5, USA: 0 } },
    {
      restrictions: [
        cut(1, { targets: ['USA'], durationMonths: 3 }),
        cut(1, { targets: ['JPN'], startMonth: 6 }),
      ],
      stocks: { JPN: 12, USA: 5 },
    },
  ];

  for (const [k, s] of scenarios.entries())
    for (const protect of [true, false])
      it(`case ${k}, protect=${protect}: the pool never does worse in total`, () => {
        const out = simulateScenario(input({ ...s, pooling: rule(protect) }), '2025-01', solve);
        const b = out.pooling?.byMineral[0].members ?? [];
        const without = b.reduce((x, m) => x + m.cumulativeShortfallNoAgreement, 0);
        const withPool = b.reduce((x, m) => x + m.cumulativeShortfallWithAgreement, 0);
        expect(withPool).toBeLessThanOrEqual(without + 1e-9);
        if (protect)
          for (const m of b)
            expect(m.cumulativeShortfallWithAgreement).toBeLessThanOrEqual(
              m.cumulativeShortfallNoAgreement + 1e-9,
            );
      });

  it('with lenders protected, no member is worse off in any month', () => {
    for (const s of scenarios) {
      const inp = input({ ...s, pooling: rule(true) });
      const c = compileMineral(inp.networks[0], inp);
      const withPool = simulateScenario(inp, '2025-01', solve).countries;
      const without = simulateScenario({ ...inp, pooling: null }, '2025-01', null).countries;
      for (const [i, x] of withPool.entries())
        for (const [t, m] of x.months.entries())
          expect(m.unmet).toBeLessThanOrEqual(without[i].months[t].unmet + 1e-9);
      expect(c.n).toBe(4);
    }
  });

  it('an unprotected lender can lose days while the borrower gains more', () => {
    const out = simulateScenario(
      input({ ...scenarios[2], spare: 0, pooling: rule(false) }),
      '2025-01',
      solve,
    );
    const m = Object.fromEntries((out.pooling?.byMineral[0].members ?? []).map((x) => [x.country, x]));
    expect(m.JPN.lent).toBeGreaterThan(0);
    expect(m.JPN.daysGained).toBeLessThan(0);
    expect(m.USA.daysGained).toBeGreaterThan(0);
  });

  it('the LP minimises the worst unmet fraction first, then total unmet', () => {
    // B (demand 10) and C (demand 100) each short 10; A can lend 12. The min-max optimum leaves both at the
    // same unmet fraction z with 10·z + 100·z = 20 − 12 → z* = 8/110.
    const a = solve({ unmet: [0, 10, 10], demand: [50, 10, 100], lendable: [12, 0, 0] });
    close(a.worstUnmetFraction, 8 / 110, 1e-6);
    const got = [0, 0, 0];
    for (const t of a.transfers) got[t.to] += t.quantity;
    close(got[1] + got[2], 12, 1e-6);
    // Stage 2 with z fixed: both at most z* of demand unmet; everything lendable is lent.
    expect(10 - got[1]).toBeLessThanOrEqual((8 / 110) * 10 + 1e-6);
    expect(10 - got[2]).toBeLessThanOrEqual((8 / 110) * 100 + 1e-6);
  });

  it('with repayment, borrowed stock flows back to the lender from spare supply after the cut', () => {
    const inp = input({
      restrictions: [cut(1, { targets: ['KOR'], durationMonths: 4 })],
      stocks: { KOR: 0, JPN: 60 },
      ramp: 1,
      spare: 0.5,
      pooling: rule(false, true),
    });
    const out = simulateScenario(inp, '2025-01', solve);
    const m = Object.fromEntries((out.pooling?.byMineral[0].members ?? []).map((x) => [x.country, x]));
    expect(m.KOR.borrowed).toBeGreaterThan(0);
    close(m.KOR.repaid, m.KOR.borrowed, 1e-6);
    close(m.JPN.endStockWithAgreement, 60, 1e-6);
  });
});
