// Alignment and partner ranking on the real database (MINSEC_TEST_DB, built from ../shared/data).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allDyads, voteMatrix } from '../../src/analysis/alignment/all-dyads.ts';
import { UserInputError } from '../../src/model/errors.ts';
import { alignment } from '../../src/services/alignment.ts';
import { partners } from '../../src/services/partners.ts';
import type { Db } from '../../src/store/db.ts';
import { votes } from '../../src/store/queries/partners.ts';
import { openTestDb } from '../helpers.ts';

let db: Db;
beforeAll(async () => {
  db = await openTestDb();
});
afterAll(() => db?.close());

const year2019 = async (a: string, b: string) =>
  (await alignment(db, { a, b, from: 2019, to: 2019 })).years[0];

describe('UNGA alignment on the real votes', () => {
  it('in 2019 the U.S. agrees more with Korea and Japan than with India and Mongolia, as the ideal points say', async () => {
    const [kor, jpn, ind, mng] = await Promise.all(
      ['KOR', 'JPN', 'IND', 'MNG'].map((c) => year2019('USA', c)),
    );
    for (const close of [kor, jpn])
      for (const far of [ind, mng]) {
        expect(close.agreement as number).toBeGreaterThan(far.agreement as number);
        expect(close.sScore as number).toBeGreaterThan(far.sScore as number);
        expect(close.kappa as number).toBeGreaterThan(far.kappa as number);
        expect(close.idealPointDistance as number).toBeLessThan(far.idealPointDistance as number);
      }
    expect(kor.votes).toBeGreaterThan(50);
  });

  it('KOR–USA 2015–2024: ideal-point distances for all ten years, votes to 2019, null with a reason after', async () => {
    const r = await alignment(db, { a: 'KOR', b: 'USA', from: 2015, to: 2024 });
    expect(r.years.map((y) => y.year)).toEqual([2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024]);
    for (const y of r.years) expect(y.idealPointDistance).toBeGreaterThan(0);
    for (const y of r.years.filter((x) => x.year <= 2019)) {
      expect(y.votes).toBeGreaterThan(50);
      expect(y.agreement).not.toBeNull();
    }
    for (const y of r.years.filter((x) => x.year > 2019)) {
      expect(y.agreement).toBeNull();
      expect(y.sScore).toBeNull();
      expect(y.kappa).toBeNull();
      expect(y.reasons.agreement).toMatch(/insufficient_data|no_votes_in_source/);
    }
    expect(r.years.find((y) => y.year === 2024)?.reasons.agreement).toBe('no_votes_in_source');
    expect(r.gaps.some((g) => g.year === 2021 && g.metric === 'kappa')).toBe(true);
  });

  it('filters by issue and important votes (fewer common votes than all roll calls)', async () => {
    const all = await year2019('KOR', 'USA');
    const hr = (await alignment(db, { a: 'KOR', b: 'USA', from: 2019, to: 2019, issue: 'hr' })).years[0];
    expect(hr.votes).toBeGreaterThan(0);
    expect(hr.votes).toBeLessThan(all.votes);
    const imp = (await alignment(db, { a: 'KOR', b: 'USA', from: 2000, to: 2000, important: true })).years[0];
    const all2000 = (await alignment(db, { a: 'KOR', b: 'USA', from: 2000, to: 2000 })).years[0];
    expect(imp.votes).toBeLessThan(all2000.votes);
  });

  it('rejects unknown codes and inverted ranges with clear messages', async () => {
    await expect(alignment(db, { a: 'KOX', b: 'USA' })).rejects.toThrow(
      /unknown country code "KOX".*did you mean "KOR"/,
    );
    await expect(alignment(db, { a: 'KOR', b: 'USA', from: 2020, to: 2010 })).rejects.toThrow(
      /inverted year range/,
    );
    await expect(alignment(db, { a: 'KOR', b: 'USA', from: 'x' as never })).rejects.toBeInstanceOf(
      UserInputError,
    );
  });

  it('the all-dyad kernel reproduces the per-pair service numbers for 2019', async () => {
    const m = voteMatrix(await votes(db, { from: 2019, to: 2019 }));
    expect(m.countries.length).toBeGreaterThan(180);
    const rows = allDyads(m);
    expect(rows.length).toBe((m.countries.length * (m.countries.length - 1)) / 2);
    const kor = rows.find((r) => r.a === 'KOR' && r.b === 'USA');
    const one = await year2019('KOR', 'USA');
    expect(kor).toMatchObject({
      votes: one.votes,
      agreement: one.agreement,
      sScore: one.sScore,
      kappa: one.kappa,
    });
  });
});

describe('partner ranking on the real data', () => {
  it('ranks candidates with ordered rank intervals and P(top 5) summing to 5, reproducibly by seed', async () => {
    const r = await partners(db, { draws: 300, seed: 7 });
    expect(r.ranking.length).toBeGreaterThan(20);
    expect(r.ranking.map((x) => x.country)).not.toContain('KOR');
    expect(r.ranking.map((x) => x.country)).not.toContain('CHN');
    expect(r.ranking.map((x) => x.country)).toEqual(expect.arrayContaining(['IND', 'MNG', 'AUS']));
    for (const x of r.ranking.filter((y) => y.rank !== null)) {
      const [lo, hi] = x.rankInterval as [number, number];
      expect(lo).toBeLessThanOrEqual(hi);
      expect(x.pTop5).toBeGreaterThanOrEqual(0);
      expect(x.pTop5).toBeLessThanOrEqual(1);
    }
    const pTop5Sum = r.ranking.reduce((s, x) => s + (x.pTop5 ?? 0), 0);
    expect(pTop5Sum).toBeCloseTo(5, 6);
    const again = await partners(db, { draws: 300, seed: 7 });
    expect(again.ranking.map((x) => [x.country, x.rankInterval, x.pTop5])).toEqual(
      r.ranking.map((x) => [x.country, x.rankInterval, x.pTop5]),
    );
  });

  it('carries membership verification flags and the ATOP defence pacts through', async () => {
    const r = await partners(db, { draws: 0 });
    const ind = r.ranking.find((x) => x.country === 'IND');
    const ties = (ind?.indicators.ties.memberships ?? []) as {
      group: string;
      verified: string;
      unverified: boolean;
    }[];
    const quad = ties.find((m) => m.group === 'QUAD');
    expect(quad).toMatchObject({ verified: 'N', unverified: true });
    const mng = r.ranking.find((x) => x.country === 'MNG');
    expect(mng?.indicators.chinaEntanglement.value).toBeGreaterThan(0.9); // coal and copper cathode to China (BACI 2024)
    expect(ind?.indicators.chinaEntanglement.value).toBeLessThan(0.5);
    const aus = r.ranking.find((x) => x.country === 'AUS');
    expect(aus?.indicators.defence.partners).toContain('USA');
    expect(ind?.indicators.defence.value).toBe(0);
  });

  it('a mineral filter narrows the candidates to that mineral (molybdenum: Mongolia in, India out)', async () => {
    const r = await partners(db, { mineral: 'molybdenum', draws: 100 });
    const codes = r.ranking.map((x) => x.country);
    expect(codes).toContain('MNG');
    expect(codes).toContain('CHL');
    expect(codes).not.toContain('IND');
    expect(r.minerals).toEqual(['molybdenum']);
  });

  it('weights move the ranking: all weight on governance orders by WGI', async () => {
    const r = await partners(db, {
      weights:
        'alignment=0,alignmentTrend=0,defence=0,ties=0,governance=1,chinaEntanglement=0,mineralShare=0,complementarity=0',
      draws: 0,
    });
    const gov = r.ranking
      .filter((x) => x.indicators.governance.value !== null)
      .map((x) => x.indicators.governance.value as number);
    expect(gov).toEqual([...gov].sort((a, b) => b - a));
  });

  it('rejects bad weights, minerals and draws', async () => {
    await expect(partners(db, { weights: 'alignment=-1' })).rejects.toThrow(/negative/);
    await expect(partners(db, { weights: 'alignment=abc' })).rejects.toThrow(/not a number/);
    await expect(partners(db, { weights: 'bogus=1' })).rejects.toThrow(/unknown weight "bogus"/);
    await expect(partners(db, { weights: 'alignment=1,alignment=2' })).rejects.toThrow(/twice/);
    await expect(partners(db, { mineral: 'unobtainium' })).rejects.toThrow(/unknown mineral/);
    await expect(partners(db, { mineral: 'germanium' })).rejects.toThrow(/germanium/);
    await expect(partners(db, { draws: -1 })).rejects.toThrow(/negative/);
  });
});
