// The alignment and partners commands end to end (child process against the test database).
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers.ts';

describe('minsec alignment', () => {
  it('KOR USA --from 2015 --to 2024 --json: ten years of ideal-point distances, vote metrics null with a reason after 2019', () => {
    const r = cli(['alignment', 'KOR', 'USA', '--from', '2015', '--to', '2024', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ a: 'KOR', b: 'USA' });
    expect(out.years).toHaveLength(10);
    for (const y of out.years) {
      expect(Object.keys(y)).toEqual(
        expect.arrayContaining(['year', 'votes', 'agreement', 'sScore', 'kappa', 'idealPointDistance']),
      );
      expect(typeof y.idealPointDistance).toBe('number');
      if (y.year <= 2019) expect(typeof y.agreement).toBe('number');
      else
        expect(y).toMatchObject({
          agreement: null,
          sScore: null,
          kappa: null,
          reasons: { agreement: expect.any(String) },
        });
    }
  });

  it.each([
    [['alignment', 'XYZ', 'USA'], /unknown country code "XYZ"/],
    [['alignment', 'KOR', 'USA', '--from', '2020', '--to', '2015'], /inverted year range/],
    [['alignment', 'KOR', 'USA', '--from', 'soon'], /--from: expected a year/],
    [['partners', '--weights', 'governance=-2'], /negative/],
    [['partners', '--mineral', 'kryptonite'], /unknown mineral "kryptonite"/],
  ])('%j exits 2 with a clear message', (args, message) => {
    const r = cli(args as string[]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message as RegExp);
    expect(r.stdout).toBe('');
  });
});

describe('minsec partners', () => {
  it('--json returns weights and a ranking with score, rank, rankInterval, pTop5 and indicators', () => {
    const r = cli(['partners', '--mineral', 'molybdenum', '--draws', '200', '--seed', '3', '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out.weights)).toContain('alignment');
    expect(out.ranking[0]).toMatchObject({
      rank: 1,
      rankInterval: [expect.any(Number), expect.any(Number)],
      pTop5: expect.any(Number),
    });
    expect(out.ranking[0].indicators.alignment).toHaveProperty('value');
    const same = JSON.parse(
      cli(['partners', '--mineral', 'molybdenum', '--draws', '200', '--seed', '3', '--json']).stdout,
    );
    expect(same.ranking).toEqual(out.ranking);
  });
});
