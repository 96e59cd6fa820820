import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ATOP_FROM_YEAR, atopImporter } from '../../src/sources/atop.ts';
import type { Db } from '../../src/store/db.ts';
import { loadFile } from '../../src/store/load.ts';
import { describeRaw, RAW, RAW_AVAILABLE, scratchDb } from '../helpers.ts';
import { type Collected, collect, expectRejected, FIX } from './politics-helpers.ts';

const FILE = join(RAW, 'alliances', 'peacesciencer_atop_alliance.csv');
const raw: Record<string, string>[] = RAW_AVAILABLE ? parse(readFileSync(FILE), { columns: true }) : [];

describeRaw('ATOP importer on the real file', () => {
  let got: Collected;
  beforeAll(async () => {
    got = await collect(atopImporter.parse(FILE));
  });

  it('loads every dyad-year from 1946 and nothing earlier, with no errors', () => {
    expect(got.errors).toEqual([]);
    expect(got.rows.length).toBe(raw.filter((r) => Number(r.year) >= ATOP_FROM_YEAR).length);
    expect(got.rows.length).toBeLessThan(raw.length);
  });

  it('leaves country null only for historical states without a code, keeping the COW code', () => {
    const nullCodes = new Set<string>();
    for (const r of got.rows) {
      if (r.row.country1 === null)
        nullCodes.add(`${r.row.ccode1}${r.row.ccode1 === 260 ? `@${r.row.year}` : ''}`);
      if (r.row.country2 === null)
        nullCodes.add(`${r.row.ccode2}${r.row.ccode2 === 260 ? `@${r.row.year}` : ''}`);
    }
    expect([...nullCodes].sort()).toEqual(['260@1990', '345', '680', '817']);
    expect(
      got.rows.every((r) => r.row.country1 !== null || r.row.ccode1 !== 345 || Number(r.row.year) < 2006),
    ).toBe(true);
  });

  it('reads the USA–KOR and USA–JPN defence pacts of 2018 as the file has them', () => {
    for (const [cc, iso] of [
      ['732', 'KOR'],
      ['740', 'JPN'],
    ]) {
      const want = raw.find((r) => r.ccode1 === '2' && r.ccode2 === cc && r.year === '2018')!;
      const row = got.rows.find(
        (r) => r.row.country1 === 'USA' && r.row.country2 === iso && r.row.year === 2018,
      )!;
      expect(row.row.defense).toBe(want.atop_defense === '1');
      expect(row.row.defense).toBe(true);
      expect(row.row.consul).toBe(want.atop_consul === '1');
    }
  });
});

describe('ATOP through loadFile', () => {
  let db: Db;
  beforeAll(async () => {
    db = (await scratchDb()).db;
    await loadFile(db, atopImporter, join(FIX, 'atop-small.csv'));
  });
  afterAll(() => db.close());

  it('loads the small file: skips 1942, FRG → DEU until 1989, historical states null', async () => {
    expect(
      await db.all(
        'SELECT country1, country2, ccode1, year, source_line FROM alliances ORDER BY source_line',
      ),
    ).toEqual([
      { country1: 'USA', country2: 'JPN', ccode1: 2, year: 2018, source_line: 3 },
      { country1: 'DEU', country2: 'USA', ccode1: 260, year: 1989, source_line: 4 },
      { country1: null, country2: 'USA', ccode1: 260, year: 1990, source_line: 5 },
      { country1: null, country2: 'HUN', ccode1: 345, year: 1954, source_line: 6 },
      { country1: null, country2: 'USA', ccode1: 817, year: 1960, source_line: 7 },
    ]);
  });

  it.each([
    ['atop-unknown-country.csv', 'atop-unknown-country.csv:3 [ccode2]', /unknown COW code 999/],
    ['atop-non-numeric.csv', 'atop-non-numeric.csv:3 [atop_defense]', /"yes" is not 0 or 1/],
  ])('%s fails at %s and changes nothing', (file, where, message) =>
    expectRejected(db, atopImporter, file, where, message),
  );
});
