// The bulk loader for raw BACI CSVs (src/store/bulk-baci.ts): rows land with their line numbers and a sources
// row with the file's SHA-256; errors are rejected with file:line and leave the database unchanged.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImportError } from '../../src/model/errors.ts';
import { parseBaciCsv } from '../../src/sources/baci-csv.ts';
import { loadBaciCsvBulk } from '../../src/store/bulk-baci.ts';
import type { Db } from '../../src/store/db.ts';
import { sha256File } from '../../src/store/load.ts';
import { scratchDb, tableCounts } from '../helpers.ts';

const FIX = join(import.meta.dirname, '..', 'fixtures', 'trade');
let db: Db;
beforeAll(async () => {
  db = (await scratchDb()).db;
});
afterAll(() => db.close());

describe('bulk BACI CSV loader', () => {
  it('loads the same rows as the streaming importer, with line numbers and a sources row', async () => {
    const file = join(FIX, 'baci_good.csv');
    const streamed = [];
    for await (const it of parseBaciCsv(file)) if ('row' in it) streamed.push({ line: it.line, ...it.row });
    const r = await loadBaciCsvBulk(db, file);
    expect(r.rows).toBe(streamed.length);
    const rows = await db.all(
      `SELECT source_line AS line, dataset, year, month, exporter, importer, hs, mineral, flow, value_usd, quantity_t
       FROM trade WHERE source_id = ? ORDER BY source_line`,
      [r.sourceId],
    );
    expect(rows).toEqual(streamed);
    const src = await db.one<{ sha256: string; rows: number; kind: string }>(
      'SELECT * FROM sources WHERE source_id = ?',
      [r.sourceId],
    );
    expect(src).toMatchObject({ sha256: await sha256File(file), rows: streamed.length, kind: 'baci' });
  });

  it('the same file again is a no-op that names the earlier source, with or without replace', async () => {
    const file = join(FIX, 'baci_good.csv');
    const before = await tableCounts(db);
    const first = await db.one<{ source_id: number }>('SELECT max(source_id) AS source_id FROM sources');
    for (const replace of [false, true]) {
      const r = await loadBaciCsvBulk(db, file, { replace });
      expect(r).toMatchObject({ status: 'unchanged', sourceId: first!.source_id, rows: 0 });
      expect(await tableCounts(db)).toEqual(before);
    }
  });

  it.each([
    ['baci_non_numeric.csv', /baci_non_numeric\.csv:3 \[v \(value\)\]/],
    ['baci_unknown_country.csv', /baci_unknown_country\.csv:4 \[i \(exporter\)\]: unknown country code 999/],
    ['baci_column_count.csv', /baci_column_count\.csv:3: row has 5 fields/],
    ['baci_truncated.csv', /baci_truncated\.csv:4: the file does not end with a newline/],
    ['baci_shifted_header.csv', /baci_shifted_header\.csv:1 \[header\]/],
  ])('rejects %s with file:line; database unchanged', async (name, where) => {
    const before = await tableCounts(db);
    const err = await loadBaciCsvBulk(db, join(FIX, name)).catch((e) => e);
    expect(err).toBeInstanceOf(ImportError);
    expect((err as ImportError).message).toMatch(where);
    expect(await tableCounts(db)).toEqual(before);
  });
});
