import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idealpointsImporter, NO_ESTIMATE, parseIdealPoints } from '../../src/sources/idealpoints.ts';
import type { Db } from '../../src/store/db.ts';
import { loadFile } from '../../src/store/load.ts';
import { describeRaw, RAW, RAW_AVAILABLE, scratchDb } from '../helpers.ts';
import { type Collected, collect, countBy, expectRejected, FIX } from './politics-helpers.ts';

const FILE = join(RAW, 'unga', 'IdealpointsJuly2025.csv');
const raw: Record<string, string>[] = RAW_AVAILABLE ? parse(readFileSync(FILE), { columns: true }) : [];

describeRaw('ideal points importer on the real file', () => {
  let got: Collected;
  const skipped: string[] = [];
  beforeAll(async () => {
    got = await collect(parseIdealPoints(FILE, (s) => skipped.push(s)));
  });

  it('accounts for every row, with no errors', () => {
    expect(got.errors).toEqual([]);
    expect(got.rows.length + skipped.length).toBe(raw.length);
  });

  it('skips rows without an estimate and states that are not current countries', () => {
    const counts = Object.fromEntries(countBy(skipped, (s) => s));
    expect(counts).toEqual({
      [NO_ESTIMATE]: raw.filter((r) => r.idealpointfp === '' && r.idealpointall === '').length,
      'Yugoslavia before 2006': raw.filter((r) => r.ccode === '345' && Number(r.year) < 2006).length,
      "Yemen People's Republic": raw.filter((r) => r.ccode === '680' && (r.idealpointfp || r.idealpointall))
        .length,
    });
  });

  it("codes Serbia (BSV's YUG) as SRB from 2006 and the German Federal Republic as DEU", () => {
    const srb = got.rows.filter((r) => r.row.country === 'SRB');
    expect(srb.length).toBe(raw.filter((r) => r.iso3c === 'YUG' && Number(r.year) >= 2006).length);
    expect(Math.min(...srb.map((r) => Number(r.row.year)))).toBe(2006);
    const deu = got.rows.filter((r) => r.row.country === 'DEU');
    expect(deu.length).toBe(raw.filter((r) => r.iso3c === 'DEU').length);
  });

  it('has one row per country and year, with the raw values', () => {
    expect(new Set(got.rows.map((r) => `${r.row.country}|${r.row.year}`)).size).toBe(got.rows.length);
    for (const [iso, year] of [
      ['KOR', '2024'],
      ['JPN', '2023'],
      ['USA', '1946'],
    ]) {
      const want = raw.find((r) => r.iso3c === iso && r.year === year)!;
      const row = got.rows.find((r) => r.row.country === iso && r.row.year === Number(year))!;
      expect(row.row.ideal_fp).toBe(Number(want.idealpointfp));
      expect(row.row.ideal_all).toBe(want.idealpointall === '' ? null : Number(want.idealpointall));
      expect(row.row.nvotes_fp).toBe(Number(want.nvotesfp));
      expect(row.row.ccode).toBe(Number(want.ccode));
    }
  });
});

describe('ideal points through loadFile', () => {
  let db: Db;
  beforeAll(async () => {
    db = (await scratchDb()).db;
    await loadFile(db, idealpointsImporter, join(FIX, 'idealpoints-small.csv'));
  });
  afterAll(() => db.close());

  it('loads the small file by COW code', async () => {
    expect(
      await db.all('SELECT country, ccode, year, ideal_all FROM ideal_points ORDER BY source_line'),
    ).toEqual([
      { country: 'USA', ccode: 2, year: 2020, ideal_all: 2.3 },
      { country: 'SRB', ccode: 345, year: 2006, ideal_all: 0.97 },
      { country: 'DEU', ccode: 260, year: 1989, ideal_all: 1.96 },
      { country: 'KOR', ccode: 732, year: 2024, ideal_all: null },
    ]);
  });

  it.each([
    [
      'idealpoints-mismatch.csv',
      'idealpoints-mismatch.csv:3 [iso3c]',
      /iso3c "KOR" disagrees with ccode 740/,
    ],
    ['idealpoints-unknown-country.csv', 'idealpoints-unknown-country.csv:3 [ccode]', /unknown COW code 999/],
  ])('%s fails at %s and changes nothing', (file, where, message) =>
    expectRejected(db, idealpointsImporter, file, where, message),
  );
});
