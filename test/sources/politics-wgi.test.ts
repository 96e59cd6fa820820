import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wgiImporter } from '../../src/sources/wgi.ts';
import type { Db } from '../../src/store/db.ts';
import { loadFile } from '../../src/store/load.ts';
import { describeRaw, RAW, RAW_AVAILABLE, scratchDb } from '../helpers.ts';
import { type Collected, collect, countBy, expectRejected, FIX } from './politics-helpers.ts';

const WGI = join(RAW, 'governance', 'wgidataset.csv');
const raw: Record<string, string>[] = RAW_AVAILABLE
  ? parse(readFileSync(WGI), { columns: true, bom: true })
  : [];

describeRaw('WGI importer on the real file', () => {
  let got: Collected;
  beforeAll(async () => {
    got = await collect(wgiImporter.parse(WGI));
  });

  it('yields one governance row per raw row and no errors', () => {
    expect(got.errors).toEqual([]);
    expect(got.rows.length).toBe(raw.length);
    expect(got.rows.every((r) => r.table === 'governance')).toBe(true);
  });

  it("reads KOR's 2023 government effectiveness as the file has it", () => {
    const want = raw.find((r) => r.code === 'KOR' && r.year === '2023' && r.indicator === 'ge')!;
    const row = got.rows.find(
      (r) => r.row.country === 'KOR' && r.row.year === 2023 && r.row.indicator === 'ge',
    )!;
    expect(row.row.estimate).toBe(Number(want.estimate));
    expect(row.row.pctrank).toBe(Number(want.pctrank));
    expect(row.line).toBe(raw.indexOf(want) + 2);
  });

  it('maps World Bank codes to ISO3 (ZAR → COD, ROM → ROU, KSV → XKX, WBG → PSE, TMP → TLS, ADO → AND)', () => {
    const rawCodes = countBy(raw, (r) => r.code);
    const ours = countBy(got.rows, (r) => String(r.row.country));
    for (const [wb, iso] of [
      ['ZAR', 'COD'],
      ['ROM', 'ROU'],
      ['KSV', 'XKX'],
      ['WBG', 'PSE'],
      ['TMP', 'TLS'],
      ['ADO', 'AND'],
    ]) {
      expect(rawCodes.get(wb)).toBeGreaterThan(0);
      expect(ours.get(iso)).toBe(rawCodes.get(wb));
      expect(ours.has(wb)).toBe(false);
    }
    expect(ours.size).toBe(rawCodes.size);
  });

  it('keeps ".." as null, never 0', () => {
    const missing = raw.filter((r) => r.estimate === '..').length;
    expect(missing).toBeGreaterThan(0);
    expect(got.rows.filter((r) => r.row.estimate === null).length).toBe(missing);
  });
});

describe('WGI importer on malformed files', () => {
  let db: Db;
  beforeAll(async () => {
    db = (await scratchDb()).db;
    await loadFile(db, wgiImporter, join(FIX, 'wgi-small.csv'));
  });
  afterAll(() => db.close());

  it('loads the small file with its BOM, World Bank codes and missing values', async () => {
    const rows = await db.all(
      'SELECT country, indicator, estimate, nsource, source_line FROM governance ORDER BY source_line',
    );
    expect(rows).toEqual([
      { country: 'KOR', indicator: 'ge', estimate: 1.4, nsource: 7, source_line: 2 },
      { country: 'COD', indicator: 'cc', estimate: -1.25, nsource: 10, source_line: 3 },
      { country: 'TLS', indicator: 'va', estimate: null, nsource: null, source_line: 4 },
    ]);
  });

  it.each([
    ['wgi-shifted-header.csv', 'wgi-shifted-header.csv:2', /row has 11 fields, header has 10/],
    ['wgi-non-numeric.csv', 'wgi-non-numeric.csv:3 [estimate]', /"1\.4O" is not a number/],
    ['wgi-unknown-country.csv', 'wgi-unknown-country.csv:3 [code]', /unknown World Bank economy code "XXX"/],
    ['wgi-invalid-utf8.csv', 'wgi-invalid-utf8.csv:3', /invalid UTF-8/],
  ])('%s fails at %s and changes nothing', (file, where, message) =>
    expectRejected(db, wgiImporter, file, where, message),
  );
});
