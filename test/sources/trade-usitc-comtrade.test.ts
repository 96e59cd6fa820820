// USITC DataWeb and UN Comtrade importers against the real shared files, plus malformed fixtures.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImportError } from '../../src/model/errors.ts';
import { comtradeImporter, USITC_FILE, usitcImporter } from '../../src/sources/registry-trade.ts';
import type { Importer, Row } from '../../src/sources/types.ts';
import type { Db } from '../../src/store/db.ts';
import { loadFile } from '../../src/store/load.ts';
import { describeRaw, itRaw, RAW, RAW_AVAILABLE, scratchDb, tableCounts } from '../helpers.ts';

const FIX = join(import.meta.dirname, '..', 'fixtures', 'trade');
const USITC = join(RAW, USITC_FILE);
const COMTRADE_COBALT = join(RAW, 'trade/comtrade-usa-chn/cobalt_trade_data.csv');
const COMTRADE_2023 = join(RAW, 'trade/comtrade-2023-reporter-world/trade_data.fixed_header.DERIVED.csv');
const COMTRADE_SHIFTED = join(RAW, 'trade/comtrade-2023-reporter-world/trade_data.csv');

const readRecords = (path: string) =>
  parse(readFileSync(path), { columns: true, bom: true }) as Record<string, string>[];

let db: Db;
beforeAll(async () => {
  db = (await scratchDb()).db;
});
afterAll(() => db.close());

async function expectRejected(importer: Importer, file: string, where: RegExp[]) {
  const before = await tableCounts(db);
  const err = await loadFile(db, importer, file).catch((e) => e);
  expect(err).toBeInstanceOf(ImportError);
  for (const w of where) expect((err as ImportError).message).toMatch(w);
  expect(await tableCounts(db)).toEqual(before);
}

describeRaw('USITC DataWeb by HTS4 and partner', () => {
  const raw = RAW_AVAILABLE ? readRecords(USITC) : [];
  let sourceId: number;
  beforeAll(async () => {
    sourceId = (await loadFile(db, usitcImporter, USITC)).sourceId;
  });

  it('keeps full-year rows only: no year-to-date rows, no blank 2026 placeholders', async () => {
    const full = raw.filter(
      (r) => r.ytd_flag === 'False' && !(r.value_usd === '' && r.reported_mass_kg === ''),
    );
    const n = await db.one<{ n: number }>('SELECT count(*) n FROM trade WHERE source_id = ?', [sourceId]);
    expect(n!.n).toBe(full.length);
    expect(raw.filter((r) => r.ytd_flag === 'True').length).toBeGreaterThan(20000);
    const years = await db.one<{ y1: number }>('SELECT max(year) y1 FROM trade WHERE source_id = ?', [
      sourceId,
    ]);
    expect(years!.y1).toBe(2025);
    const dup = await db.all(
      'SELECT year, exporter, importer, hs FROM trade WHERE source_id = ? GROUP BY ALL HAVING count(*) > 1',
      [sourceId],
    );
    expect(dup).toEqual([]);
  });

  it('U.S. cobalt (HTS 8105) imports from China in 2024 match the raw full-year row', async () => {
    const idx = raw.findIndex(
      (r) =>
        r.hts4 === '8105' &&
        r.flow === 'imports_for_consumption' &&
        r.partner_iso === 'CHN' &&
        r.year === '2024' &&
        r.ytd_flag === 'False',
    );
    const hit = await db.one<Row>(
      `SELECT * FROM trade WHERE source_id = ? AND hs = '8105' AND exporter = 'CHN' AND year = 2024`,
      [sourceId],
    );
    expect(hit).toMatchObject({
      dataset: 'usitc',
      importer: 'USA',
      flow: 'import',
      mineral: 'cobalt',
      month: null,
      value_usd: Number(raw[idx].value_usd),
      quantity_t: Number(raw[idx].reported_mass_kg) / 1000,
      source_line: idx + 2,
    });
  });

  it('maps source mineral families to model ids and keeps the others by name; exports go USA → partner', async () => {
    const m = await db.all<{ mineral: string }>(
      'SELECT DISTINCT mineral FROM trade WHERE source_id = ? ORDER BY 1',
      [sourceId],
    );
    const names = m.map((x) => x.mineral);
    expect(names).toContain('graphite');
    expect(names).toContain('rare-earths');
    expect(names).not.toContain('natural_graphite');
    expect(names).toContain('tin');
    const ex = await db.one<{ n: number }>(
      `SELECT count(*) n FROM trade WHERE source_id = ? AND flow = 'export' AND exporter <> 'USA'`,
      [sourceId],
    );
    expect(ex!.n).toBe(0);
  });

  it('leaves quantity null where the mass is marked incomplete', async () => {
    const idx = raw.findIndex(
      (r) => r.measurement_status === 'quantity_incomplete' && r.ytd_flag === 'False',
    );
    const hit = await db.one<Row>('SELECT * FROM trade WHERE source_id = ? AND source_line = ?', [
      sourceId,
      idx + 2,
    ]);
    expect(Number(raw[idx].reported_mass_kg)).toBeGreaterThan(0);
    expect(hit!.quantity_t).toBeNull();
  });
});

describe('USITC DataWeb malformed files', () => {
  it('rejects an unknown partner and a non-numeric value with file:line; database unchanged', async () => {
    await expectRejected(usitcImporter, join(FIX, 'usitc_bad.csv'), [
      /usitc_bad\.csv:3 \[partner_iso\]: unknown ISO3 country code "ATL"/,
      /usitc_bad\.csv:4 \[value_usd\]: not a number: "n\/a"/,
    ]);
  });
});

describe('UN Comtrade CSV exports', () => {
  itRaw('USA–China cobalt: numeric reporter codes, World → WLD, flows by direction', async () => {
    const raw = readRecords(COMTRADE_COBALT);
    const r = await loadFile(db, comtradeImporter, COMTRADE_COBALT);
    expect(r.rows).toBe(raw.length);
    const drc = await db.one<Row>(`SELECT * FROM trade WHERE source_id = ? AND source_line = 2`, [
      r.sourceId,
    ]);
    expect(drc).toMatchObject({
      dataset: 'comtrade',
      year: 2021,
      month: null,
      exporter: 'COD',
      importer: 'CHN',
      flow: 'export',
      hs: '8105',
      mineral: 'cobalt',
      value_usd: Number(raw[0].primaryValue),
      quantity_t: Number(raw[0].netWgt) / 1000,
    });
    const world = raw.findIndex(
      (x) => x.partnerCode === '0' && x.flowCode === 'M' && x.reporterCode === '842',
    );
    const w = await db.one<Row>(`SELECT * FROM trade WHERE source_id = ? AND source_line = ?`, [
      r.sourceId,
      world + 2,
    ]);
    expect(w).toMatchObject({
      exporter: 'WLD',
      importer: 'USA',
      flow: 'import',
      value_usd: Number(raw[world].primaryValue),
    });
  });

  itRaw('2023 reporters vs World: duplicates tagged under several minerals load once', async () => {
    const raw = readRecords(COMTRADE_2023);
    const keys = new Set(
      raw.map((x) => [x.refYear, x.reporterCode, x.flowCode, x.partnerCode, x.cmdCode].join('|')),
    );
    expect(keys.size).toBeLessThan(raw.length);
    // A database of its own: the USA–China file loaded above holds the same 2023 declarations of the USA and
    // China (which this file would be refused for, as covering the same data).
    const own = (await scratchDb()).db;
    const r = await loadFile(own, comtradeImporter, COMTRADE_2023);
    expect(r.rows).toBe(keys.size);
    const kor = raw.find((x) => x.reporterISO === 'KOR' && x.flowCode === 'M' && x.cmdCode === '282200')!;
    const hit = await own.one<Row>(
      `SELECT * FROM trade WHERE source_id = ? AND importer = 'KOR' AND hs = '282200'`,
      [r.sourceId],
    );
    own.close();
    expect(hit).toMatchObject({ exporter: 'WLD', mineral: 'cobalt', value_usd: Number(kor.primaryValue) });
  });

  itRaw('rejects the original file whose header is shifted by a column, at line 1', async () => {
    await expectRejected(comtradeImporter, COMTRADE_SHIFTED, [
      /trade_data\.csv:1 \[reporterCode\]: header lacks column/,
    ]);
  });

  it('rejects an unknown partner code and a non-numeric value with file:line; database unchanged', async () => {
    await expectRejected(comtradeImporter, join(FIX, 'comtrade_bad.csv'), [
      /comtrade_bad\.csv:4 \[partnerCode\]: unknown partner/,
      /comtrade_bad\.csv:5 \[primaryValue\]: not a number: "3,083,513"/,
    ]);
  });
});
