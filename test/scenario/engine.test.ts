// The engine on hand-made networks (test/scenario/helpers.ts): accounting in tonnes, stage reach, stage-aware
// replacement, qualification, exclusions, recovery and pooling. Expected values are worked by hand in comments.
import { beforeAll, describe, expect, it } from 'vitest';
import { compileMineral, nominalDraw, simulateMineral } from '../../src/analysis/scenario/engine.ts';
import { simulateScenario } from '../../src/analysis/scenario/outcome.ts';
import { closedFormPoolSolver, type PoolSolver } from '../../src/analysis/scenario/pooling.ts';
import { loadLpPoolSolver } from '../../src/analysis/scenario/pooling-lp.ts';
import { cut, input, network } from './helpers.ts';

const solve: PoolSolver = closedFormPoolSolver();
let lp: PoolSolver;
beforeAll(async () => {
  lp = await loadLpPoolSolver();
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
    it(`${name}: supply + stock drawn + unmet = demand (tonnes) every month, stock never negative`, () => {
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

  for (const [name, inp] of Object.entries(CASES))
    it(`${name}: world mass balance every month — Σ(demand − supply) = Σ lost − Σ replacement, replacement ≤ spare`, () => {
      const c = compileMineral(inp.networks[0], inp);
      const run = simulateMineral(c, nominalDraw(c));
      const H = c.horizon;
      for (let t = 0; t < H; t++) {
        let short = 0;
        let lost = 0;
        let repl = 0;
        for (let i = 0; i < c.n; i++) {
          short += c.demand[i] - run.supply[i * H + t];
          lost += run.lost[i * H + t];
          repl += run.replacement[i * H + t];
          expect(run.replacement[i * H + t]).toBeLessThanOrEqual(run.lost[i * H + t] + 1e-12);
        }
        close(short, lost - repl);
        expect(repl).toBeLessThanOrEqual(run.spareAvailable[t] + 1e-9);
        // Stock (no agreement in this run): what was there minus what was drawn.
        for (let i = 0; i < c.n; i++) {
          const before = t === 0 ? c.stock0[i] : run.stock[i * H + t - 1];
          close(before - run.drawn[i * H + t], run.stock[i * H + t]);
        }
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

  it('a mined-stage cut reaches an importer through its mined-in view, wherever the metal was shipped from', () => {
    // KOR imports 108 t/yr; its mined-in view: COD 48/108 (half of what CHN ships), CHN 48/108, AUS 12/108.
    // A full cut of COD mine output: KOR loses 108 × 48/108 = 48 t/yr = 4 t/month, though COD ships it nothing.
    const inp = input({ restrictions: [cut(1, { origins: ['COD'], stage: 'mined' })], spare: 0 });
    const c = compileMineral(inp.networks[0], inp);
    const run = simulateMineral(c, nominalDraw(c));
    close(run.lost[0 * c.horizon], 4);
    // JPN: 60 t/yr imported, 15 t of it mined in COD → 1.25 t/month.
    close(run.lost[1 * c.horizon], 15 / 12);
  });

  it('cuts at two stages combine as independent hits; within one stage they are exact per origin', () => {
    // KOR: shipped CHN 96/108 cut fully → keep 12/108; mined COD 48/108 cut fully → keep 60/108.
    // lost = 9 t/month × (1 − (12/108)·(60/108)).
    const inp = input({
      restrictions: [cut(1), cut(1, { origins: ['COD'], stage: 'mined' })],
      spare: 0,
    });
    const c = compileMineral(inp.networks[0], inp);
    const run = simulateMineral(c, nominalDraw(c));
    close(run.lost[0], 9 * (1 - (12 / 108) * (60 / 108)));
    // Two shipped-stage cuts of different origins in the same stage: all of KOR's imports stop.
    const both = input({ restrictions: [cut(1), cut(1, { origins: ['AUS'] })], spare: 0 });
    const c2 = compileMineral(both.networks[0], both);
    close(simulateMineral(c2, nominalDraw(c2)).lost[0], 9);
  });

  it('only named targets lose supply', () => {
    const out = simulateScenario(input({ restrictions: [cut(1, { targets: ['USA'] })] }), '2025-01', null);
    expect(out.countries.find((c) => c.country === 'JPN')?.cumulativeShortfall).toBe(0);
    expect(out.countries.find((c) => c.country === 'USA')?.cumulativeShortfall).toBeGreaterThan(0);
  });
});

describe('scenario engine: supply response', () => {
  it('replacement ramps up from the month after the cut and is shared pro rata to import-dependent demand', () => {
    // Full CHN cut to all: lost KOR 8, JPN 2.5, USA 10, ROW 33.33 t/month. Refiners' spare at full ramp with CHN
    // blocked: AUS 0.1 × 300 = 30 t/yr = 2.5 t/month, shared by import-dependent demand (KOR 9, JPN 5, USA 20, ROW 50).
    const c = compileMineral(network(), input({ restrictions: [cut(1)], ramp: 0.5 }));
    const run = simulateMineral(c, nominalDraw(c));
    const H = c.horizon;
    expect(run.spareAvailable[0]).toBe(0);
    close(run.spareAvailable[1], 1.25);
    close(run.spareAvailable[5], 2.5);
    const shares = [9, 5, 20, 50].map((w) => (2.5 * w) / 84);
    for (const [i, s] of shares.entries()) close(run.replacement[i * H + 5], s);
  });

  it('qualification delays replacement: none until the lag has passed, then the ramp starts', () => {
    // q = 2, ramp 0.5/month: months 0–2 nothing; month 3: 0.5 × (3 − 0 − 2) = 0.5 of 2.5 = 1.25 t; month 4 full.
    const c = compileMineral(network(), input({ restrictions: [cut(1)], ramp: 0.5, qualification: 2 }));
    const run = simulateMineral(c, nominalDraw(c));
    for (const t of [0, 1, 2]) expect(run.spareAvailable[t]).toBe(0);
    close(run.spareAvailable[3], 1.25);
    close(run.spareAvailable[4], 2.5);
  });

  it('replacement never exceeds what an importer lost; the rest goes to the others', () => {
    const c = compileMineral(network('cobalt', 5), input({ restrictions: [cut(0.01)], ramp: 1, spare: 5 }));
    const run = simulateMineral(c, nominalDraw(c));
    const H = c.horizon;
    for (let i = 0; i < c.n; i++) close(run.replacement[i * H + 3], run.lost[i * H + 3]);
  });

  it('mine-stage losses are replaced from mines (not the cut origin), refined losses from refiners', () => {
    const mined = input({ restrictions: [cut(1, { origins: ['COD'], stage: 'mined' })], ramp: 1 });
    const c = compileMineral(mined.networks[0], mined);
    const run = simulateMineral(c, nominalDraw(c), true);
    const origins = new Set(run.replacementByOrigin?.flatMap((rows) => rows.flatMap((r) => Object.keys(r))));
    // Mine pool: COD 50, AUS 30, CHN 20 t/yr; COD is blocked → AUS and CHN mines replace.
    expect([...origins].sort()).toEqual(['AUS', 'CHN']);
    close(run.spareAvailable[2], 50 / 12);
    const refined = input({ restrictions: [cut(1)], ramp: 1 });
    const c2 = compileMineral(refined.networks[0], refined);
    const run2 = simulateMineral(c2, nominalDraw(c2), true);
    const origins2 = new Set(
      run2.replacementByOrigin?.flatMap((rows) => rows.flatMap((r) => Object.keys(r))),
    );
    // Refiners' pool: CHN 70 (blocked), AUS 30 → only AUS; the COD mines never appear in a refined replacement.
    expect([...origins2]).toEqual(['AUS']);
  });

  it('a supplier a buyer may not buy from serves only the others (sanctions), most-restricted supply first', () => {
    // KOR may not buy from AUS: with CHN cut, the refiners' pool is AUS alone, so KOR gets no replacement and
    // AUS's 2.5 t/month at full ramp goes to JPN, USA and ROW pro rata (5, 20, 50).
    const inp = input({ restrictions: [cut(1)], ramp: 1, excluded: { KOR: ['AUS'] } });
    const c = compileMineral(inp.networks[0], inp);
    const run = simulateMineral(c, nominalDraw(c), true);
    const H = c.horizon;
    expect(run.replacement[0 * H + 3]).toBe(0);
    for (const [i, w] of [
      [1, 5],
      [2, 20],
      [3, 50],
    ])
      close(run.replacement[i * H + 3], (2.5 * w) / 75);
    expect(run.replacementByOrigin?.[0].every((r) => !('AUS' in r))).toBe(true);
  });
});

describe('scenario outcome: recovery', () => {
  it('a measure that ends before replacement catches up is called so, with the time replacement would need', () => {
    // USA loses 10 t/month from a 6-month full CHN cut; AUS refiners' spare 2.5 t/month at full ramp is shared
    // by four importers, so replacement alone never covers the loss: recovery comes from the measure's end.
    const out = simulateScenario(
      input({ restrictions: [cut(1, { durationMonths: 6 })], ramp: 0.25 }),
      '2025-01',
      null,
    );
    const usa = out.countries.find((c) => c.country === 'USA');
    expect(usa?.ttrMonths).toBe(6);
    expect(usa?.recovery.by).toBe('measure_end');
    expect(usa?.recovery.replacementMonths).toBeNull();
    expect(usa?.recovery.measureEndsMonth).toBe(6);
    expect(usa?.recovery.statement).toMatch(/the measure ends in 2025-07 before supply recovers/);
  });

  it('ample spare capacity recovers supply while the measure is in force', () => {
    // A 10% cut with spare share 5: AUS refiners' spare 1,500 t/yr = 125 t/month, half of it in month 1 (ramp 0.5),
    // far above the ~5.3 t/month all importers lose: only month 0 (no replacement yet) is short.
    const out = simulateScenario(
      input({ restrictions: [cut(0.1, { durationMonths: 12 })], ramp: 0.5, spare: 5 }),
      '2025-01',
      null,
    );
    const kor = out.countries.find((c) => c.country === 'KOR');
    expect(kor?.recovery.by).toBe('replacement');
    expect(kor?.ttrMonths).toBe(1);
    expect(kor?.recovery.replacementMonths).toBe(1);
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

  it('the LP (HiGHS) minimises the worst unmet fraction first, then total unmet', () => {
    // B (demand 10) and C (demand 100) each short 10; A can lend 12. The min-max optimum leaves both at the
    // same unmet fraction z with 10·z + 100·z = 20 − 12 → z* = 8/110.
    const a = lp({ unmet: [0, 10, 10], demand: [50, 10, 100], lendable: [12, 0, 0] });
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
