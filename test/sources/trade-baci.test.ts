// BACI importers against the real shared files (parquet, per-year flow JSON) and hand-made raw-CSV fixtures.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { asyncBufferFromFile, parquetReadObjects } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImportError } from '../../src/model/errors.ts';
import { mineralById } from '../../src/model/minerals.ts';
import { parseBaciCsv } from '../../src/sources/baci-csv.ts';
import { baciMaterialCode } from '../../src/sources/baci-flows-json.ts';
import { BACI_FLOWS_DIR, BACI_PARQUET, baciImporter, group } from '../../src/sources/registry-trade.ts';
import { MODEL_HS6 } from '../../src/sources/trade-codes.ts';
import type { ParsedItem, Row } from '../../src/sources/types.ts';
import type { Db } from '../../src/store/db.ts';
import { loadFile } from '../../src/store/load.ts';
import { describeRaw, itRaw, RAW, scratchDb, tableCounts } from '../helpers.ts';

const FIX = join(import.meta.dirname, '..', 'fixtures', 'trade');
const PARQUET = join(RAW, BACI_PARQUET);
const flowsFile = (y: number) => join(RAW, BACI_FLOWS_DIR, `flows_${y}.json`);

async function collect(items: AsyncIterable<ParsedItem>) {
  const rows: { line: number; row: Row }[] = [];
  const errors: string[] = [];
  for await (const it of items) {
    if ('error' in it)
      errors.push(`${it.error.file}:${it.error.line} [${it.error.field ?? ''}] ${it.error.message}`);
    else rows.push(it);
  }
  return { rows, errors };
}

let db: Db;
beforeAll(async () => {
  db = (await scratchDb()).db;
});
afterAll(() => db.close());

/** Loading `file` must fail with an ImportError naming `where` (file:line) and leave every table as it was. */
async function expectRejected(file: string, where: RegExp) {
  const before = await tableCounts(db);
  const err = await loadFile(db, baciImporter, file).catch((e) => e);
  expect(err).toBeInstanceOf(ImportError);
  expect((err as ImportError).message).toMatch(where);
  expect(await tableCounts(db)).toEqual(before);
  return err as ImportError;
}

describeRaw('BACI critical-code parquet (2024)', () => {
  let raw: Record<string, unknown>[];
  beforeAll(async () => {
    raw = await parquetReadObjects({ file: await asyncBufferFromFile(PARQUET), compressors });
  });

  it('loads every row, with S19 as Taiwan and missing quantities as null', async () => {
    const r = await loadFile(db, baciImporter, PARQUET);
    expect(r.rows).toBe(raw.length);
    expect(raw.length).toBe(21723);
    const s19 = raw.filter((x) => x.exporter === 'S19').length;
    expect(s19).toBeGreaterThan(0);
    const twn = await db.one<{ n: number }>(
      `SELECT count(*) n FROM trade WHERE source_id = ? AND exporter = 'TWN'`,
      [r.sourceId],
    );
    expect(twn!.n).toBe(s19);
    const nulls = await db.one<{ n: number }>(
      `SELECT count(*) n FROM trade WHERE source_id = ? AND quantity_t IS NULL`,
      [r.sourceId],
    );
    expect(nulls!.n).toBe(raw.filter((x) => x.qty_t === null || x.qty_t === undefined).length);
  });

  it('gallium (HS 811292) China → Korea equals the raw row, in USD, at its row number', async () => {
    const idx = raw.findIndex((x) => x.exporter === 'CHN' && x.importer === 'KOR' && x.hs6 === '811292');
    const hit = await db.one<Row>(
      `SELECT * FROM trade WHERE dataset = 'baci' AND year = 2024 AND exporter = 'CHN' AND importer = 'KOR' AND hs = '811292'`,
    );
    expect(hit!.mineral).toBe('gallium');
    expect(hit!.value_usd).toBeCloseTo((raw[idx].value_kusd as number) * 1000, 3);
    expect(hit!.quantity_t).toBe(raw[idx].qty_t);
    expect(hit!.source_line).toBe(idx + 1);
  });

  it('maps every HS6 code of the file to a model mineral', async () => {
    const codes = await db.all<{ hs: string; mineral: string }>(
      `SELECT DISTINCT hs, mineral FROM trade WHERE year = 2024 AND dataset = 'baci'`,
    );
    expect(codes).toHaveLength(30);
    for (const c of codes) expect(MODEL_HS6.has(c.hs) && mineralById(c.mineral)?.id).toBe(c.mineral);
  });
});

describe('BACI per-year flow JSON', () => {
  itRaw(
    'loads each (hs, exporter, importer) edge once; 811292 edges repeated under Ga/Ge/Hf land once, as gallium',
    async () => {
      const doc = JSON.parse(readFileSync(flowsFile(2018), 'utf8'));
      const keys = new Set<string>();
      for (const [m, edges] of Object.entries(doc.materials) as [string, { from: string; to: string }[]][])
        for (const e of edges) keys.add(`${baciMaterialCode(m)!.hs6}|${e.from}|${e.to}`);
      const r = await loadFile(db, baciImporter, flowsFile(2018));
      expect(r.rows).toBe(keys.size);
      const byMineral = await db.all<{ mineral: string; n: number }>(
        `SELECT mineral, count(*)::INTEGER n FROM trade WHERE source_id = ? AND hs = '811292' GROUP BY 1`,
        [r.sourceId],
      );
      expect(byMineral).toEqual([{ mineral: 'gallium', n: doc.materials.gallium.length }]);
      expect(doc.materials.germanium.length).toBe(doc.materials.gallium.length);
    },
  );

  itRaw(
    'a record keeps its value, quantity and index in the file (line = 1-based record index)',
    async () => {
      const doc = JSON.parse(readFileSync(flowsFile(2024), 'utf8'));
      let line = 0;
      let expected: { line: number; value: number; qty: number } | undefined;
      for (const [m, edges] of Object.entries(doc.materials) as [
        string,
        { from: string; to: string; value: number; qty: number }[],
      ][])
        for (const e of edges) {
          line++;
          if (m === 'tungsten' && e.from === 'CN' && e.to === 'JP')
            expected = { line, value: e.value, qty: e.qty };
        }
      const { rows } = await collect(baciImporter.parse(flowsFile(2024)));
      const hit = rows.find(
        (r) => r.row.hs === '810194' && r.row.exporter === 'CHN' && r.row.importer === 'JPN',
      );
      expect(expected!.qty).toBeGreaterThan(0);
      expect(hit).toMatchObject({
        line: expected!.line,
        row: { mineral: 'tungsten', value_usd: expected!.value, quantity_t: expected!.qty },
      });
    },
  );

  itRaw(
    'maps the historical codes of early years (AN → ANT, CS → SCG) and has no quantities (only the 2024 file carries them)',
    async () => {
      const { rows, errors } = await collect(baciImporter.parse(flowsFile(2002)));
      expect(errors).toEqual([]);
      const codes = new Set(rows.flatMap((r) => [r.row.exporter, r.row.importer]));
      expect(codes.has('ANT')).toBe(true);
      expect(codes.has('SCG')).toBe(true);
      expect(rows.every((r) => r.row.quantity_t === null)).toBe(true);
    },
  );

  it('rejects an unknown ISO2 code naming file:record and field; database unchanged', async () => {
    const err = await expectRejected(
      join(FIX, 'flows_bad_country.json'),
      /flows_bad_country\.json:4 \[from\]: unknown ISO2 country code "QQ"/,
    );
    expect(err.errors).toHaveLength(1);
  });

  it('rejects a shared-code edge that repeats with a different value', async () => {
    await expectRejected(
      join(FIX, 'flows_conflict.json'),
      /flows_conflict\.json:4 \[value\]: edge 811292\|CHN\|KOR repeats/,
    );
  });

  it('rejects a truncated JSON file', async () => {
    await expectRejected(join(FIX, 'flows_truncated.json'), /flows_truncated\.json:0: not valid JSON/);
  });
});

describe('raw BACI CSV (t,i,j,k,v,q)', () => {
  it('keeps the model HS6 codes, pads codes, maps numeric countries, reads NA and blank quantities as null', async () => {
    const { rows, errors } = await collect(parseBaciCsv(join(FIX, 'baci_good.csv')));
    expect(errors).toEqual([]);
    expect(rows.map((r) => r.line)).toEqual([3, 4, 6, 7, 8]);
    expect(rows[0].row).toMatchObject({
      exporter: 'CHN',
      importer: 'KOR',
      hs: '811292',
      mineral: 'gallium',
      value_usd: 92445757,
      quantity_t: 391.25,
    });
    expect(rows[1].row).toMatchObject({
      exporter: 'CHN',
      importer: 'USA',
      hs: '282200',
      mineral: 'cobalt',
      quantity_t: null,
    });
    expect(rows[2].row).toMatchObject({ exporter: 'USA', importer: 'CHN', hs: '260500', quantity_t: null });
    expect(rows[3].row).toMatchObject({
      year: 2022,
      exporter: 'COD',
      importer: 'CHN',
      value_usd: 3083513,
      quantity_t: 656.225,
    });
    expect(rows[4].row).toMatchObject({
      exporter: 'AUS',
      importer: 'CHN',
      hs: '283691',
      value_usd: 1e6,
      quantity_t: 25,
    });
  });

  it('pads an HS6 code that lost its leading zero and can keep every row', async () => {
    const some = await collect(
      parseBaciCsv(join(FIX, 'baci_good.csv'), { hs6: new Set(['010121', '081194']) }),
    );
    expect(some.rows.map((r) => [r.line, r.row.hs, r.row.exporter])).toEqual([
      [5, '081194', 'TWN'],
      [9, '010121', 'CHN'],
    ]);
    const all = await collect(parseBaciCsv(join(FIX, 'baci_good.csv'), { hs6: null }));
    expect(all.rows).toHaveLength(8);
  });

  it('loads through loadFile with line numbers', async () => {
    const r = await loadFile(db, baciImporter, join(FIX, 'baci_good.csv'));
    expect(r.rows).toBe(5);
    const lines = await db.all<{ source_line: number }>(
      `SELECT source_line FROM trade WHERE source_id = ? ORDER BY 1`,
      [r.sourceId],
    );
    expect(lines.map((l) => l.source_line)).toEqual([3, 4, 6, 7, 8]);
  });

  it.each([
    ['baci_non_numeric.csv', /baci_non_numeric\.csv:3 \[v \(value\)\]: value is not a number: "12O0\.5"/],
    ['baci_unknown_country.csv', /baci_unknown_country\.csv:4 \[i \(exporter\)\]: unknown country code 999/],
    ['baci_column_count.csv', /baci_column_count\.csv:3: row has 5 fields, expected 6/],
    ['baci_truncated.csv', /baci_truncated\.csv:4: the file does not end with a newline/],
    ['baci_shifted_header.csv', /baci_shifted_header\.csv:1 \[header\]: header is "i,j,k,v,q,t"/],
    ['baci_utf16.csv', /baci_utf16\.csv:1 \[header\]/],
    ['baci_latin1_byte.csv', /baci_latin1_byte\.csv:3 \[v \(value\)\]: value is not a number/],
  ])('%s is rejected with file:line and the database is unchanged', async (name, where) => {
    await expectRejected(join(FIX, name), where);
  });
});

describe('trade build plan', () => {
  const plan = group.plan(RAW);
  it('loads flows 2002–2023, the 2024 parquet (not flows_2024.json) and USITC, never Comtrade', () => {
    const names = plan.map((p) => p.path.split('/').pop());
    expect(names.filter((n) => n?.startsWith('flows_'))).toHaveLength(22);
    expect(names).not.toContain('flows_2024.json');
    expect(names).toContain('baci_hs17_2024_critical_hs6.parquet');
    expect(plan.map((p) => p.kind)).toContain('usitc');
    expect(plan.some((p) => p.kind === 'comtrade' || p.path.includes('comtrade'))).toBe(false);
  });
});
