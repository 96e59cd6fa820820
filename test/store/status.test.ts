// minsec data status counts BACI trade by HS code, as the assessment reads it: germanium's trade sits in HS
// 811292, stored once under the code's owner (gallium), and status must not call it a gap; the shared code is
// named. Expected counts come from plain SQL over the code lists of src/model/minerals.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MINERALS } from '../../src/model/minerals.ts';
import { DataStatusSchema } from '../../src/model/results/status.ts';
import { dataStatus } from '../../src/services/status.ts';
import type { Db } from '../../src/store/db.ts';
import { cli, openTestDb } from '../helpers.ts';

let db: Db;
beforeAll(async () => {
  db = await openTestDb();
});
afterAll(() => db.close());

const codesOf = (id: string) => MINERALS.find((m) => m.id === id)!.hs.map((h) => h.hs6);

describe('data status and assess agree on shared codes', () => {
  it('germanium: the BACI rows of its codes (811292), with the sharing named; not a gap', async () => {
    const s = await dataStatus(db);
    const ge = s.coverage.find((c) => c.mineral === 'germanium' && c.dataset === 'baci-trade')!;
    const codes = codesOf('germanium');
    const expected = (await db.one<{ n: number; lo: number; hi: number }>(
      `SELECT count(*) n, min(year) lo, max(year) hi FROM trade WHERE dataset = 'baci' AND hs IN (${codes.map(() => '?').join(',')})`,
      codes,
    ))!;
    expect(expected.n).toBeGreaterThan(0);
    expect(ge.rows).toBe(expected.n);
    expect(ge.years).toEqual([expected.lo, expected.hi]);
    expect(ge.codes).toContain('811292');
    expect(ge.gap).toBeNull();
    expect(ge.note).toMatch(/HS 811292 is shared with .*gallium.*not germanium's alone/);
    // gallium counts the same 811292 rows (and any other code it lists)
    const ga = s.coverage.find((c) => c.mineral === 'gallium' && c.dataset === 'baci-trade')!;
    expect(ga.rows).toBeGreaterThanOrEqual(ge.rows);
  });

  it('the assessment finds germanium trade where status does (the CLI, as a user would)', () => {
    const r = cli(['assess', 'germanium', '--json', '--no-trends']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    const total = out.importers
      .map((i: { totalValue: number | null }) => i.totalValue ?? 0)
      .reduce((a: number, b: number) => a + b, 0);
    expect(total).toBeGreaterThan(0);
  });

  it('molybdenum (no trade in the shared data) stays a named gap; the result meets its contract', async () => {
    const s = await dataStatus(db);
    expect(DataStatusSchema.parse(s)).toEqual(s);
    const mo = s.coverage.find((c) => c.mineral === 'molybdenum' && c.dataset === 'baci-trade')!;
    expect(mo).toMatchObject({ rows: 0, years: null });
    expect(mo.gap).toMatch(/no molybdenum trade/);
  });
});
