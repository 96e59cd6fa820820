// Monte Carlo with a pooling agreement: both arms per draw on the same parameters, bands of days gained and of
// TTS without and with the pool, P(TTS < TTR) without and with.
import { describe, expect, it } from 'vitest';
import {
  compileMineral,
  cumulative,
  futureOwnDraws,
  nominalDraw,
  type PoolingRule,
  simulateMineral,
  simulatePooledFrom,
} from '../../src/analysis/scenario/engine.ts';
import { forEachDraw, type McRanges, monteCarlo } from '../../src/analysis/scenario/montecarlo.ts';
import { simulateScenario } from '../../src/analysis/scenario/outcome.ts';
import { closedFormPoolSolver, type PoolSolver } from '../../src/analysis/scenario/pooling.ts';
import { cut, input } from './helpers.ts';

// The closed form covers every allocation the engine makes (pooling.ts); it throws if one ever needs the LP.
const solve: PoolSolver = closedFormPoolSolver();

const RANGES: McRanges = {
  spareCapacityFactor: [0.5, 1.5],
  shareCutSpread: 0.2,
  durationFactor: [0.5, 2],
  rampUpFactor: [0.5, 1.5],
};
const rule = (protectLenders: boolean): PoolingRule => ({
  members: ['KOR', 'JPN', 'USA'],
  lendableShare: 0.6,
  repayment: false,
  protectLenders,
});
// USA is cut for 8 months and holds little stock; JPN, not targeted, can lend.
const scenario = (protectLenders = true) =>
  input({
    restrictions: [cut(0.8, { targets: ['KOR', 'USA'], durationMonths: 8 })],
    stocks: { KOR: 20, JPN: 40, USA: 5 },
    pooling: rule(protectLenders),
  });
const compiled = (inp = scenario()) => inp.networks.map((n) => compileMineral(n, inp));

describe('Monte Carlo with a pooling agreement', () => {
  it('the same seed gives the same pooled bands; another seed differs', () => {
    const pool = { rule: rule(true), solve };
    const a = monteCarlo(compiled(), RANGES, 400, 5, pool);
    const b = monteCarlo(compiled(), RANGES, 400, 5, pool);
    const c = monteCarlo(compiled(), RANGES, 400, 6, pool);
    expect(a.pooling).not.toBeNull();
    expect(b).toEqual(a);
    expect(c.pooling).not.toEqual(a.pooling);
  });

  it('has the documented shape, ordered bands, and probabilities in [0, 1]', () => {
    const r = monteCarlo(compiled(), RANGES, 300, 2, { rule: rule(true), solve });
    const p = r.pooling;
    expect(p?.members).toEqual(['KOR', 'JPN', 'USA']);
    expect(Object.keys(p?.daysGained ?? {})).toEqual(['KOR', 'JPN', 'USA']);
    expect(p?.byMineral.map((b) => b.mineral)).toEqual(['cobalt']);
    for (const m of p?.byMineral[0].members ?? []) {
      for (const b of [m.daysGained, m.ttsNoAgreement, m.ttsWithAgreement]) {
        expect(b.p5).toBeLessThanOrEqual(b.p50);
        expect(b.p50).toBeLessThanOrEqual(b.p95);
      }
      for (const x of [m.pTtsLtTtrNoAgreement, m.pTtsLtTtrWithAgreement]) {
        expect(x).toBeGreaterThanOrEqual(0);
        expect(x).toBeLessThanOrEqual(1);
      }
    }
    const usa = p?.byMineral[0].members.find((m) => m.country === 'USA');
    expect(usa?.daysGained.p50).toBeGreaterThan(0);
    expect(usa?.ttsWithAgreement.p50).toBeGreaterThan(usa?.ttsNoAgreement.p50 ?? 0);
    expect(usa?.pTtsLtTtrWithAgreement).toBeLessThan(usa?.pTtsLtTtrNoAgreement ?? 0);
    // Without an agreement there is no pooled comparison.
    expect(monteCarlo(compiled(), RANGES, 50, 2).pooling).toBeNull();
  });

  it('the country bands follow the central run: with the agreement when one is set', () => {
    const noPool = monteCarlo(compiled(), RANGES, 300, 4);
    const pooled = monteCarlo(compiled(), RANGES, 300, 4, { rule: rule(true), solve });
    const usa = (r: typeof noPool) => r.bands.find((b) => b.country === 'USA');
    expect(usa(pooled)?.cumulativeShortfall.p50).toBeLessThan(usa(noPool)?.cumulativeShortfall.p50 ?? 0);
    const tts = pooled.pooling?.byMineral[0].members.find((m) => m.country === 'USA')?.ttsWithAgreement;
    expect(usa(pooled)?.ttsMonths).toEqual(tts);
  });

  for (const protect of [true, false])
    it(`protect=${protect}: in every draw the pool never does worse in total${protect ? ', nor any member' : ''}`, () => {
      const c = compiled(scenario(protect));
      const members = [0, 1, 2];
      let draws = 0;
      let helped = 0;
      forEachDraw(c, RANGES, 500, 9, { rule: rule(protect), solve }, (_d, m, { noPool, pooled }) => {
        const H = c[m].horizon;
        if (!pooled) throw new Error('no pooled arm');
        const without = members.map((i) => cumulative(noPool.unmet, i, H));
        const withPool = members.map((i) => cumulative(pooled.unmet, i, H));
        const total = (xs: number[]) => xs.reduce((s, x) => s + x, 0);
        expect(total(withPool)).toBeLessThanOrEqual(total(without) + 1e-9);
        if (protect) for (const i of members) expect(withPool[i]).toBeLessThanOrEqual(without[i] + 1e-9);
        if (total(withPool) < total(without) - 1e-9) helped++;
        draws++;
      });
      expect(draws).toBe(500);
      expect(helped).toBeGreaterThan(250);
    });

  it('with the spec’s own parameters in every draw, the bands collapse onto the central run', () => {
    const inp = scenario();
    const c = compiled(inp);
    const central = simulateScenario(inp, '2025-01', solve);
    const nominal: McRanges = {
      shareCut: [0.8, 0.8],
      durationMonths: [8, 8],
      rampUpPerMonth: [0.25, 0.25],
      spareCapacityFactor: [1, 1],
      shareCutSpread: 0,
      durationFactor: [1, 1],
      rampUpFactor: [1, 1],
    };
    const r = monteCarlo(c, nominal, 20, 1, { rule: rule(true), solve });
    for (const m of central.pooling?.byMineral[0].members ?? []) {
      const b = r.pooling?.byMineral[0].members.find((x) => x.country === m.country);
      for (const p of ['p5', 'p50', 'p95'] as const) {
        expect(b?.daysGained[p]).toBeCloseTo(m.daysGained, 12);
        expect(b?.ttsNoAgreement[p]).toBe(m.ttsNoAgreement);
        expect(b?.ttsWithAgreement[p]).toBe(m.ttsWithAgreement);
      }
      expect(r.pooling?.daysGained[m.country].p50).toBeCloseTo(
        central.pooling?.daysGained[m.country] ?? NaN,
        12,
      );
    }
  });
});

describe('the agreement arm replayed from the no-agreement run', () => {
  it.each([
    [false, false],
    [true, false],
    [true, true],
  ])(
    'protect=%s repayment=%s: simulatePooledFrom gives the same run as a full simulation',
    (protect, repay) => {
      const inp = input({
        restrictions: [cut(0.8, { targets: ['KOR', 'USA'], durationMonths: 8 })],
        stocks: { KOR: 20, JPN: 40, USA: 5 },
        ramp: 0.5,
        spare: 0.5,
        pooling: { ...rule(protect), repayment: repay },
      });
      const c = compileMineral(inp.networks[0], inp);
      const draw = nominalDraw(c);
      const noPool = simulateMineral(c, draw);
      const rt = {
        rule: { ...rule(protect), repayment: repay },
        solve,
        futureOwnDraws: futureOwnDraws(c, noPool),
      };
      const full = simulateMineral(c, draw, false, rt);
      const fast = simulatePooledFrom(c, noPool, rt);
      for (const k of ['supply', 'gap', 'drawn', 'unmet', 'stock', 'borrowed', 'lent', 'repaid'] as const)
        for (let j = 0; j < full[k].length; j++) expect(fast[k][j]).toBeCloseTo(full[k][j], 12);
      expect(full.lent.some((x) => x > 0)).toBe(true);
    },
  );
});
