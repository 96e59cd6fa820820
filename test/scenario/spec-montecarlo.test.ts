import { describe, expect, it } from 'vitest';
import { percentile } from '../../src/analysis/percentile.ts';
import { seededUniform } from '../../src/analysis/random.ts';
import { compileMineral } from '../../src/analysis/scenario/engine.ts';
import { type McRanges, monteCarlo } from '../../src/analysis/scenario/montecarlo.ts';
import {
  checkScenarioSpec,
  DEFAULT_DRAWS,
  monthLabel,
  parseScenarioSpec,
} from '../../src/analysis/scenario/spec.ts';
import { PRESETS } from '../../src/catalog/scenario-presets.ts';
import { UserInputError } from '../../src/model/errors.ts';
import { cut, input } from './helpers.ts';

const RANGES: McRanges = {
  spareCapacityFactor: [0.5, 1.5],
  shareCutSpread: 0.2,
  durationFactor: [0.5, 2],
  rampUpFactor: [0.5, 1.5],
};
const compiled = () => {
  const inp = input({ restrictions: [cut(0.8, { durationMonths: 8 })], stocks: { KOR: 20, JPN: 10 } });
  return [compileMineral(inp.networks[0], inp)];
};

describe('scenario spec', () => {
  const valid = {
    name: 'x',
    minerals: ['gallium'],
    baselineYear: 2024,
    start: '2025-01',
    restrictions: [{ origins: ['CHN'], shareCut: 1 }],
  };

  it('fills defaults', () => {
    const s = parseScenarioSpec(valid);
    expect(s.horizonMonths).toBe(36);
    expect(s.countries).toEqual(['KOR', 'JPN', 'USA']);
    expect(s.restrictions[0]).toMatchObject({
      targets: 'all',
      startMonth: 0,
      durationMonths: null,
      stage: 'shipped',
    });
    expect(s.pooling).toBeNull();
    // Monte Carlo is on by default; null turns it off.
    expect(s.montecarlo).toMatchObject({ draws: DEFAULT_DRAWS, seed: 1 });
    expect(parseScenarioSpec({ ...valid, montecarlo: null }).montecarlo).toBeNull();
    expect(s.stockTarget).toBe(true);
    expect(s.sanctions.excludeFromReplacement).toBe(true);
  });

  it('reports every bad field by its path', () => {
    const r = checkScenarioSpec({
      ...valid,
      minerals: ['galium'],
      start: '2025-13',
      restrictions: [{ origins: ['china'], shareCut: 1.5 }],
      stockpiles: [{ country: 'KOR', days: 10, quantity: 3 }],
      prices: { elasticities: { gallium: { demand: 0.3, supply: 0.1 } } },
      pooling: { members: ['KOR', 'DEU'] },
    });
    expect('errors' in r).toBe(true);
    const fields = 'errors' in r ? r.errors.map((e) => e.field) : [];
    for (const f of [
      'minerals[0]',
      'start',
      'restrictions[0].origins[0]',
      'restrictions[0].shareCut',
      'stockpiles[0]',
      'prices.elasticities.gallium.demand',
    ])
      expect(fields).toContain(f);
  });

  it('checks cross-field rules and throws a UserInputError naming the fields', () => {
    const bad = {
      ...valid,
      horizonMonths: 12,
      restrictions: [{ origins: ['CHN'], shareCut: 1, startMonth: 12, minerals: ['cobalt'] }],
      pooling: { members: ['KOR', 'DEU'] },
    };
    expect(() => parseScenarioSpec(bad)).toThrow(UserInputError);
    try {
      parseScenarioSpec(bad);
    } catch (e) {
      expect((e as Error).message).toMatch(/restrictions\[0\]\.startMonth/);
      expect((e as Error).message).toMatch(/restrictions\[0\]\.minerals\[0\]/);
      expect((e as Error).message).toMatch(/pooling\.members\[1\]/);
    }
  });

  it('labels months across year ends', () => {
    expect(monthLabel('2023-08', 0)).toBe('2023-08');
    expect(monthLabel('2023-08', 5)).toBe('2024-01');
    expect(monthLabel('2023-08', 36)).toBe('2026-08');
  });

  it('every preset is a valid spec referencing its register entry', () => {
    for (const p of PRESETS) {
      const s = parseScenarioSpec(p.spec);
      expect(s.restrictions.length).toBeGreaterThan(0);
    }
    const ga = parseScenarioSpec(PRESETS.find((p) => p.id === 'cn-ga-ge-licensing-2023')?.spec);
    expect(ga.restrictions[0]).toMatchObject({
      exportControlId: 'cn-ga-ge-licensing-2023',
      origins: ['CHN'],
      startMonth: 0,
    });
    const co = parseScenarioSpec(PRESETS.find((p) => p.id === 'cd-co-suspension-2025')?.spec);
    // Register: effective 2025-02-22, ended 2025-10-16 → 8 months; a cut of the DRC's mine output.
    expect(co.restrictions[0]).toMatchObject({ origins: ['COD'], durationMonths: 8, stage: 'mined' });
    // Quota phases (ARECOMS Decision 004/2025, register cd-co-quota-2025): Oct 2025 3,625 t; Nov–Dec 7,250 t/month;
    // 2026 and 2027 96,600 t/yr = 8,050 t/month; months from the preset start 2025-10: 0, 1, 3, 15.
    const q = parseScenarioSpec(PRESETS.find((p) => p.id === 'cd-co-quota-2025')?.spec);
    expect(
      q.restrictions.map((r) => [
        r.startMonth,
        r.durationMonths,
        r.quotaTonnesPerMonth,
        r.stage,
        r.exportControlId,
      ]),
    ).toEqual([
      [0, 1, 3625, 'mined', 'cd-co-quota-2025'],
      [1, 2, 7250, 'mined', 'cd-co-quota-2025'],
      [3, 12, 8050, 'mined', 'cd-co-quota-2025'],
      [15, 12, 8050, 'mined', 'cd-co-quota-2025'],
    ]);
    for (const p of PRESETS) expect(p.evidence.length).toBeGreaterThan(0);
  });
});

describe('Monte Carlo', () => {
  it('seededUniform is deterministic and uniform-looking', () => {
    const a = seededUniform(42);
    const b = seededUniform(42);
    const xs = Array.from({ length: 10_000 }, () => a());
    expect(xs.slice(0, 5)).toEqual(Array.from({ length: 5 }, () => b()));
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.01);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
  });

  it('nearest-rank percentiles (the definition the bands use)', () => {
    // n = 10, k = ⌈q·n⌉: q = 0.05 → ⌈0.5⌉ = 1; q = 0.5 → 5; q = 0.95 → ⌈9.5⌉ = 10.
    const s = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(percentile(s, 0.05)).toBe(1);
    expect(percentile(s, 0.5)).toBe(5);
    expect(percentile(s, 0.95)).toBe(10);
  });

  it('the same seed gives the same bands; another seed differs', () => {
    const a = monteCarlo(compiled(), RANGES, 500, 7);
    const b = monteCarlo(compiled(), RANGES, 500, 7);
    const c = monteCarlo(compiled(), RANGES, 500, 8);
    expect(b).toEqual(a);
    expect(c.bands).not.toEqual(a.bands);
  });

  it('bands are ordered and bounded by demand', () => {
    const r = monteCarlo(compiled(), RANGES, 400, 3);
    expect(r.bands.map((b) => b.country)).toEqual(['KOR', 'JPN', 'USA']);
    for (const b of r.bands) {
      expect(b.ttsMonths.p5).toBeLessThanOrEqual(b.ttsMonths.p50);
      expect(b.ttsMonths.p50).toBeLessThanOrEqual(b.ttsMonths.p95);
      expect(b.cumulativeShortfall.p5).toBeLessThanOrEqual(b.cumulativeShortfall.p95);
      expect(b.pTtsLtTtr).toBeGreaterThanOrEqual(0);
      expect(b.pTtsLtTtr).toBeLessThanOrEqual(1);
      for (const m of b.unmet) {
        expect(m.p5).toBeLessThanOrEqual(m.p50);
        expect(m.p50).toBeLessThanOrEqual(m.p95);
      }
    }
    // USA holds no stock in this network: any cut leaves it short in the first month.
    expect(r.bands.find((b) => b.country === 'USA')?.ttsMonths.p95).toBe(0);
  });
});
