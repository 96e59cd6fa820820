// Vote-based alignment metrics on hand-made vote vectors (1 yes, 2 abstain, 3 no, 0 absent).
import { describe, expect, it } from 'vitest';
import { agreement } from '../../src/analysis/alignment/agreement.ts';
import { allDyadMatrices, dyadOf, pairCounts, voteMatrix } from '../../src/analysis/alignment/all-dyads.ts';
import { crosstab } from '../../src/analysis/alignment/crosstab.ts';
import { dyadAlignment } from '../../src/analysis/alignment/dyad.ts';
import { idealPointDistance } from '../../src/analysis/alignment/ideal-distance.ts';
import { kappa } from '../../src/analysis/alignment/kappa.ts';
import { sScore } from '../../src/analysis/alignment/s-score.ts';

describe('agreement, S-score, kappa', () => {
  it('identical votes: agreement 1, S 1, kappa 1', () => {
    const x = [1, 1, 2, 3, 1, 3, 2, 1, 1, 3, 1, 2];
    const d = dyadAlignment(x, x);
    expect(d).toMatchObject({ votes: 12, agreement: 1, sScore: 1, kappa: 1, reasons: {} });
  });

  it('opposite votes (always yes vs always no): agreement 0, S −1', () => {
    const d = dyadAlignment(Array(12).fill(1), Array(12).fill(3));
    expect(d.agreement).toBe(0);
    expect(d.sScore).toBe(-1);
    // D_o = 1 (every vote at the maximum distance), D_e = 1·1·w(yes,no) = 1 → κ = 0 (chance level, by Häge's
    // construction: with no variation in either country, perfect disagreement is also what chance predicts).
    expect(d.kappa).toBe(0);
  });

  it('matches a weighted kappa worked by hand', () => {
    // x = [yes, yes, abstain, no, yes], y = [yes, no, abstain, no, abstain]; pairs (1,1)(1,3)(2,2)(3,3)(1,2), n = 5.
    // Weights w_ab = (|a−b|/2)²: w(1,3) = 1, w(1,2) = w(2,3) = 0.25, diagonal 0.
    // D_o = (1 + 0.25) / 5 = 0.25.
    // Marginals: x yes .6 abstain .2 no .2; y yes .2 abstain .4 no .4.
    // D_e = .25·.6·.4 + 1·.6·.4 + .25·.2·.2 + .25·.2·.4 + 1·.2·.2 + .25·.2·.4
    //     = .06 + .24 + .01 + .02 + .04 + .02 = .39.
    // κ = 1 − .25/.39 = 14/39 ≈ 0.358974.  Agreement = 1 − Σ|d|/(2n) = 1 − 3/10 = 0.7; S = 1 − 2·3/(5·2) = 0.4.
    const t = crosstab([1, 1, 2, 3, 1], [1, 3, 2, 3, 2]);
    expect(t.n).toBe(5);
    expect(kappa(t)).toBeCloseTo(14 / 39, 12);
    expect(agreement(t)).toBeCloseTo(0.7, 12);
    expect(sScore(t)).toBeCloseTo(0.4, 12);
  });

  it('abstain against yes or no counts half', () => {
    const t = crosstab([1, 3], [2, 2]);
    expect(agreement(t)).toBe(0.5);
    expect(sScore(t)).toBe(0);
  });

  it('excludes absent votes pairwise', () => {
    const t = crosstab([1, 0, 3, 9, 2], [1, 1, 0, 3, 2]);
    expect(t.n).toBe(2);
    expect(agreement(t)).toBe(1);
  });

  it('gives null with reasons for too few votes and for no variation', () => {
    expect(dyadAlignment([1, 1], [1, 3])).toMatchObject({
      votes: 2,
      agreement: null,
      reasons: { agreement: 'insufficient_data' },
    });
    expect(dyadAlignment([1, 1], [1, 3], { minVotes: 1 }).agreement).toBe(0.5);
    const same = dyadAlignment(Array(10).fill(1), Array(10).fill(1));
    expect(same).toMatchObject({ agreement: 1, sScore: 1, kappa: null, reasons: { kappa: 'no_variation' } });
    expect(agreement(crosstab([], []))).toBeNull();
    expect(() => crosstab([1], [1, 2])).toThrow(RangeError);
  });

  it('ideal-point distance is |θi − θj| and null when either is missing', () => {
    expect(idealPointDistance(1.07, -0.54)).toBeCloseTo(1.61, 12);
    expect(idealPointDistance(-0.2, null)).toBeNull();
  });
});

describe('all-dyad bitset kernel', () => {
  it('agrees with the per-pair loop on random vote vectors spanning several 32-bit words', () => {
    let s = 7;
    const rnd = () => {
      s = (s * 1103515245 + 12345) % 2147483648;
      return s / 2147483648;
    };
    const countries = ['AAA', 'BBB', 'CCC', 'DDD', 'EEE'];
    const rcids = Array.from({ length: 75 }, (_, i) => 100 + i);
    const vectors = countries.map(() => rcids.map(() => Math.floor(rnd() * 4))); // 0 = absent
    const records = countries.flatMap((c, ci) =>
      rcids.map((rcid, ri) => ({ rcid, country: c, vote: vectors[ci][ri] })).filter((r) => r.vote > 0),
    );
    const m = voteMatrix(records);
    expect(m.words).toBe(3);
    const rows = countries.flatMap((a, i) =>
      countries.slice(i + 1).map((b) => ({ a, b, ...dyadOf(m, a, b) })),
    );
    expect(rows).toHaveLength(10);
    for (const r of rows) {
      // reference: the plain per-pair loop over the two vote vectors (dyad.ts), not the bitset kernel
      const ref = dyadAlignment(vectors[countries.indexOf(r.a)], vectors[countries.indexOf(r.b)]);
      expect(r).toEqual({ a: r.a, b: r.b, ...ref });
    }
    const mat = allDyadMatrices(m);
    for (const r of rows) {
      const i = m.countries.indexOf(r.a);
      const j = m.countries.indexOf(r.b);
      const c = m.countries.length;
      expect(mat.votes[i * c + j]).toBe(r.votes);
      expect(mat.votes[j * c + i]).toBe(r.votes);
      expect(mat.agreement[i * c + j]).toBe(r.agreement ?? Number.NaN);
      expect(mat.sScore[j * c + i]).toBe(r.sScore ?? Number.NaN);
      expect(mat.kappa[i * c + j]).toBe(r.kappa ?? Number.NaN);
    }
    expect(Array.from(pairCounts(m, 0, 0)).reduce((x, y) => x + y, 0)).toBe(
      vectors[0].filter((v) => v > 0).length,
    );
    expect(dyadOf(m, 'AAA', 'ZZZ')).toMatchObject({ votes: 0, reasons: { agreement: 'insufficient_data' } });
  });
});
