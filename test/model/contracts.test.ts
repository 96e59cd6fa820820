// Results are contracts: the alignment and cooperation services' output on the real database parses through the
// zod schema of its result (src/model/results/*), and the schema names every field the service returns (parsing
// strips unknown keys, so the parsed copy equals the original only if nothing is left out).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlignmentResultSchema } from '../../src/model/results/alignment.ts';
import { CooperateResultSchema } from '../../src/model/results/cooperate.ts';
import { alignment } from '../../src/services/alignment.ts';
import { cooperate } from '../../src/services/cooperate.ts';
import type { Db } from '../../src/store/db.ts';
import { openTestDb } from '../helpers.ts';

let db: Db;
beforeAll(async () => {
  db = await openTestDb();
});
afterAll(() => db?.close());

/** Parses through the contract and checks nothing was stripped. */
function conforms<T>(schema: { parse: (x: unknown) => T }, value: unknown): T {
  const parsed = schema.parse(value);
  expect(parsed).toEqual(value);
  return parsed;
}

describe('alignment result contract', () => {
  it('KOR–USA over the default years (past the last roll calls): parses, and gaps are the null reasons', async () => {
    const r = conforms(AlignmentResultSchema, await alignment(db, { a: 'KOR', b: 'USA' }));
    expect(r.years.length).toBe(r.to - r.from + 1);
    const flat = r.years.flatMap((y) =>
      Object.entries(y.reasons).map(([metric, reason]) => ({ year: y.year, metric, reason })),
    );
    expect(r.gaps).toEqual(flat);
    for (const y of r.years)
      for (const m of ['agreement', 'sScore', 'kappa', 'idealPointDistance'] as const)
        expect(y[m] === null).toBe(m in y.reasons);
  });

  it('one issue, important votes only: parses with the issue named', async () => {
    const r = conforms(
      AlignmentResultSchema,
      await alignment(db, { a: 'JPN', b: 'CHN', from: 1990, to: 2000, issue: 'hr', important: true }),
    );
    expect(r.issue).toBe('hr');
    expect(r.important).toBe(true);
  });
});

describe('cooperate result contract', () => {
  it('without the measures from other services: parses, the missing effects null with a reason', async () => {
    const r = conforms(CooperateResultSchema, await cooperate(db, { measure: false, draws: 50 }));
    for (const m of ['swap-days', 'partner-rank'] as const) {
      expect(r.measuredEffects[m].value).toBeNull();
      expect(r.measuredEffects[m].reason).toBeTruthy();
    }
    expect(r.options.some((o) => o.kind === 'barrier')).toBe(true);
  });

  it('with every measure (scenario swap days, partner ranks): parses', async () => {
    const r = conforms(CooperateResultSchema, await cooperate(db, { draws: 100 }));
    expect(Object.keys(r.measuredEffects).sort()).toEqual(['partner-rank', 'shared-code-share', 'swap-days']);
    expect(r.recommendations.length).toBeGreaterThan(0);
  });
});
