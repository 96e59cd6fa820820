// Composite partner index: normalisation, weighted scores, seeded Dirichlet weight sampling and rank intervals.
import { describe, expect, it } from 'vitest';
import { compositeRanking, compositeScore, rankScores } from '../../src/analysis/partners/composite.ts';
import { chinaExportShare } from '../../src/analysis/partners/entanglement.ts';
import { normalise } from '../../src/analysis/partners/normalise.ts';
import { complementarity, worldShare } from '../../src/analysis/partners/relevance.ts';
import { defencePartners, membershipTies } from '../../src/analysis/partners/ties.ts';
import { olsSlope } from '../../src/analysis/partners/trend.ts';
import { dirichlet, gamma, seededUniform } from '../../src/analysis/random.ts';

describe('normalise', () => {
  it('min-max maps best to 1 and worst to 0 in either direction, keeping nulls', () => {
    expect(normalise([1, 3, null, 2], 'higher')).toEqual([0, 1, null, 0.5]);
    expect(normalise([1, 3, null, 2], 'lower')).toEqual([1, 0, null, 0.5]);
  });
  it('rank normalisation gives tied values their mean rank', () => {
    expect(normalise([10, 20, 20, 40], 'higher', 'rank')).toEqual([0, 0.5, 0.5, 1]);
  });
  it('an indicator without variation is dropped (all null)', () => {
    expect(normalise([2, 2, null], 'higher')).toEqual([null, null, null]);
  });
});

describe('seeded random variates', () => {
  it('is reproducible for a seed and differs across seeds', () => {
    const a = seededUniform(42);
    const b = seededUniform(42);
    const c = seededUniform(43);
    const xs = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(xs);
    expect(c()).not.toBe(xs[0]);
  });
  it('Gamma(α) has mean α and variance α (Marsaglia–Tsang), also for α < 1', () => {
    for (const alpha of [0.4, 2.5, 9]) {
      const u = seededUniform(7);
      const n = 40_000;
      const xs = Array.from({ length: n }, () => gamma(alpha, u));
      const mean = xs.reduce((s, x) => s + x, 0) / n;
      const variance = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / n;
      expect(mean).toBeCloseTo(alpha, 1);
      expect(variance / alpha).toBeGreaterThan(0.93);
      expect(variance / alpha).toBeLessThan(1.07);
    }
  });
  it('Dirichlet draws sum to 1, keep zero components at 0 and centre on α/Σα', () => {
    const u = seededUniform(3);
    const alpha = [10, 5, 0, 5];
    const mean = [0, 0, 0, 0];
    for (let i = 0; i < 5000; i++) {
      const w = dirichlet(alpha, u);
      expect(w.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 12);
      expect(w[2]).toBe(0);
      w.forEach((x, k) => {
        mean[k] += x / 5000;
      });
    }
    expect(mean[0]).toBeCloseTo(0.5, 2);
    expect(mean[1]).toBeCloseTo(0.25, 2);
  });
});

describe('composite ranking', () => {
  it('weights present indicators and re-shares the weight of missing ones', () => {
    expect(compositeScore([1, 0, null], [0.5, 0.25, 0.25])).toBeCloseTo(2 / 3, 12);
    expect(compositeScore([null, null], [0.5, 0.5])).toBeNull();
    expect(rankScores([0.2, null, 0.9, 0.2], ['B', 'X', 'C', 'A'])).toEqual([3, null, 1, 2]);
  });

  it('a dominant country ranks first in every draw; the uncertainty is reproducible by seed', () => {
    const countries = ['AAA', 'BBB', 'CCC', 'DDD', 'EEE', 'FFF', 'GGG'];
    const norm = [
      [1, 1, 1],
      [0.9, 0.1, 0.5],
      [0.1, 0.9, 0.5],
      [0.5, 0.5, 0.4],
      [0.3, 0.2, 0.1],
      [0.2, 0.3, 0.2],
      [0, 0, 0],
    ];
    const rows = compositeRanking(countries, norm, [1, 1, 1], { draws: 2000, seed: 9 });
    expect(rows[0]).toMatchObject({ country: 'AAA', score: 1, rank: 1, rankInterval: [1, 1], pTop5: 1 });
    expect(rows[6]).toMatchObject({ rank: 7, rankInterval: [7, 7], pTop5: 0 });
    // BBB and CCC trade places depending on the weights of the first two indicators.
    expect(rows[1].rankInterval?.[0]).toBeLessThan(rows[1].rankInterval?.[1] as number);
    expect(compositeRanking(countries, norm, [1, 1, 1], { draws: 2000, seed: 9 })).toEqual(rows);
    // Weight on indicator 1 only: BBB beats CCC.
    const byFirst = compositeRanking(countries, norm, [1, 0, 0], { draws: 200 });
    expect(byFirst[1].rank).toBeLessThan(byFirst[2].rank as number);
    expect(() => compositeRanking(countries, norm, [-1, 1, 1])).toThrow(RangeError);
  });
});

describe('indicator pieces', () => {
  it('China export share, world share, complementarity and OLS slope', () => {
    expect(
      chinaExportShare([
        { importer: 'CHN', valueUsd: 30 },
        { importer: 'JPN', valueUsd: 70 },
      ])?.share,
    ).toBe(0.3);
    expect(chinaExportShare([])).toBeNull();
    expect(worldShare(5, 200)).toBe(0.025);
    expect(worldShare(5, null)).toBeNull();
    // d = (0.9, 0.1), shares (0.1, 0.5): (0.09 + 0.05) / 1.0 = 0.14
    expect(
      complementarity([
        { mineral: 'a', dependence: 0.9, productionShare: 0.1 },
        { mineral: 'b', dependence: 0.1, productionShare: 0.5 },
        { mineral: 'c', dependence: null, productionShare: 0.9 },
      ]),
    ).toBeCloseTo(0.14, 12);
    expect(
      olsSlope([2015, 2016, 2017, 2018, 2019].map((year) => ({ year, value: 2 - 0.1 * (year - 2015) }))),
    ).toBeCloseTo(-0.1, 12);
    expect(
      olsSlope([
        { year: 2019, value: 1 },
        { year: 2020, value: null },
      ]),
    ).toBeNull();
  });
  it('membership ties carry verification flags and weigh partial status by half', () => {
    const base = { sourceUrl: null, verified: 'Y', confidence: 'high' };
    const t = membershipTies([
      { ...base, group: 'QUAD', country: 'IND', status: 'member', verified: 'N' },
      { ...base, group: 'OECD', country: 'IND', status: 'accession_candidate' },
      { ...base, group: 'BRICS', country: 'IND', status: 'member' },
      { ...base, group: 'G7', country: 'IND', status: 'member' },
    ]);
    expect(t.score).toBe(1.5);
    expect(t.unverifiedScored).toBe(1);
    expect(t.memberships.map((m) => [m.group, m.scored, m.unverified])).toEqual([
      ['QUAD', true, true],
      ['OECD', true, false],
      ['BRICS', false, false],
    ]);
    expect(
      defencePartners(
        [
          { partner: 'USA', year: 2018, defense: true },
          { partner: 'JPN', year: 2017, defense: true },
          { partner: 'KOR', year: 2018, defense: false },
        ],
        ['KOR', 'JPN', 'USA'],
        2018,
      ),
    ).toEqual(['USA']);
  });
});
