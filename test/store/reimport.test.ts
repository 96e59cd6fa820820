// Re-importing data cannot count it twice: for every import kind, the same file again is a no-op that says so,
// a byte-different copy of the same data is refused naming the earlier source and --replace, and with replace
// it takes the earlier rows' place. In each case the totals (row counts and sums of every number column,
// computed here with plain SQL) are unchanged. Then the cases of issue 15 item 1: a raw BACI CSV of 2022 over the
// flow-file rows of 2022, the BACI 2024 parquet and the MCS 2026 table imported again into a built database.
import { copyFileSync, cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ImportError } from '../../src/model/errors.ts';
import { importerFor } from '../../src/sources/registry.ts';
import { loadBaciCsvBulk } from '../../src/store/bulk-baci.ts';
import type { Db } from '../../src/store/db.ts';
import { type LoadResult, loadFile } from '../../src/store/load.ts';
import { TABLES } from '../../src/store/schema.ts';
import { cli, itRaw, rawPath, scratchDb, tableCounts, testDbPath } from '../helpers.ts';

const FIX = join(import.meta.dirname, '..', 'fixtures');
const tmp = () => mkdtempSync(join(tmpdir(), 'minsec-reimport-'));

/** Row count and the sum of every number column of every table: what a double load would change. */
async function totals(db: Db) {
  const out: Record<string, Record<string, number | null>> = {};
  for (const t of Object.values(TABLES)) {
    const nums = t.columns.filter(
      (c) => ['DOUBLE', 'INTEGER', 'BIGINT'].includes(c.type) && !c.name.startsWith('source_'),
    );
    out[t.name] = (await db.one(
      `SELECT count(*)::DOUBLE AS n${nums.map((c) => `, sum(${c.name})::DOUBLE AS ${c.name}`).join('')} FROM ${t.name}`,
    )) as Record<string, number | null>;
  }
  return out;
}

/** A copy of `file` with the same records and different bytes: a trailing blank line (a blank line is no record). */
function csvCopy(file: string, dir: string): string {
  const out = join(dir, basename(file));
  writeFileSync(out, Buffer.concat([readFileSync(file), Buffer.from('\n')]));
  return out;
}

/** The same JSON document, indented. */
function jsonCopy(file: string, dir: string): string {
  const out = join(dir, basename(file));
  writeFileSync(out, JSON.stringify(JSON.parse(readFileSync(file, 'utf8')), null, 2));
  return out;
}

/** A small BACI critical-code parquet written by DuckDB (value_kusd in thousand USD). */
async function writeParquet(db: Db, path: string, compression: 'zstd' | 'snappy') {
  await db.run(
    `COPY (SELECT * FROM (VALUES
       (2024, 'CHN', 'KOR', '811292', 'gallium+germanium', 90000.5, 12.5),
       (2024, 'JPN', 'KOR', '811292', 'gallium+germanium', 10000.0, NULL),
       (2024, 'S19', 'USA', '282200', 'cobalt', 250.25, 3.0))
       AS t(year, exporter, importer, hs6, material, value_kusd, qty_t))
     TO '${path}' (FORMAT parquet, COMPRESSION ${compression})`,
  );
}

interface Case {
  name: string;
  kind: string;
  /** Files loaded first (e.g. roll calls beside the votes); the last is the one re-imported. */
  files: (dir: string, db: Db) => Promise<string[]>;
  /** A byte-different copy of the last file with the same records. */
  copy: (file: string, dir: string, db: Db) => Promise<string>;
}

const fixture = (rel: string) => async (dir: string) => {
  const out = join(dir, basename(rel));
  copyFileSync(join(FIX, rel), out);
  return [out];
};

const CASES: Case[] = [
  {
    name: 'usgs-mcs MCS 2026 table',
    kind: 'usgs-mcs',
    files: fixture('usgs/mcs2026-small.csv'),
    copy: async (f, d) => csvCopy(f, d),
  },
  {
    name: 'baci flows JSON',
    kind: 'baci',
    files: fixture('trade/flows_2022.json'),
    copy: async (f, d) => jsonCopy(f, d),
  },
  {
    name: 'baci raw release CSV',
    kind: 'baci',
    files: fixture('trade/baci-2022/BACI_HS17_Y2022_V202601.csv'),
    copy: async (f, d) => csvCopy(f, d),
  },
  {
    name: 'baci critical-code parquet',
    kind: 'baci',
    files: async (dir, db) => {
      const p = join(dir, 'baci_hs17_2024_critical_hs6.parquet');
      await writeParquet(db, p, 'zstd');
      return [p];
    },
    copy: async (_f, dir, db) => {
      const p = join(dir, 'baci_hs17_2024_critical_hs6.parquet');
      await writeParquet(db, p, 'snappy');
      return p;
    },
  },
  {
    name: 'usitc',
    kind: 'usitc',
    files: fixture('trade/usitc_small.csv'),
    copy: async (f, d) => csvCopy(f, d),
  },
  {
    name: 'comtrade',
    kind: 'comtrade',
    files: fixture('trade/comtrade_small.csv'),
    copy: async (f, d) => csvCopy(f, d),
  },
  { name: 'wgi', kind: 'wgi', files: fixture('politics/wgi-small.csv'), copy: async (f, d) => csvCopy(f, d) },
  {
    name: 'unvotes (votes beside their roll calls)',
    kind: 'unvotes',
    files: async (dir) => {
      cpSync(join(FIX, 'politics', 'unvotes'), dir, { recursive: true });
      return ['un_roll_calls.csv', 'un_roll_call_issues.csv', 'un_votes.csv'].map((f) => join(dir, f));
    },
    copy: async (f, d) => {
      copyFileSync(join(FIX, 'politics', 'unvotes', 'un_roll_calls.csv'), join(d, 'un_roll_calls.csv'));
      return csvCopy(f, d);
    },
  },
  {
    name: 'idealpoints',
    kind: 'idealpoints',
    files: fixture('politics/idealpoints-small.csv'),
    copy: async (f, d) => csvCopy(f, d),
  },
  {
    name: 'memberships',
    kind: 'memberships',
    files: fixture('politics/memberships-small.csv'),
    copy: async (f, d) => csvCopy(f, d),
  },
  {
    name: 'atop',
    kind: 'atop',
    files: fixture('politics/atop-small.csv'),
    copy: async (f, d) => csvCopy(f, d),
  },
  {
    name: 'iea-policies',
    kind: 'iea-policies',
    files: fixture('politics/iea-small.csv'),
    copy: async (f, d) => csvCopy(f, d),
  },
];

const load = (db: Db, kind: string, file: string, replace = false) =>
  kind === 'baci' && file.endsWith('.csv')
    ? loadBaciCsvBulk(db, file, { replace })
    : loadFile(db, importerFor(kind), file, { replace });

describe('re-importing every kind leaves the totals unchanged', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const { db } = await scratchDb();
    const dir = tmp();
    const files = await c.files(dir, db);
    let first: LoadResult | undefined;
    for (const f of files) first = await load(db, c.kind, f);
    const sums = await totals(db);
    const counts = await tableCounts(db);
    expect(first!.status).toBe('loaded');
    expect(first!.rows).toBeGreaterThan(0);

    // 1. The same file (same content) again, with or without replace: nothing changes, and it says so.
    for (const replace of [false, true]) {
      const again = await load(db, c.kind, files.at(-1)!, replace);
      expect(again).toMatchObject({ status: 'unchanged', sourceId: first!.sourceId, rows: 0 });
      expect(await totals(db)).toEqual(sums);
      expect(await tableCounts(db)).toEqual(counts);
    }

    // 2. A copy with other bytes and the same records: refused, naming the earlier source and --replace.
    const copyDir = tmp();
    const copy = await c.copy(files.at(-1)!, copyDir, db);
    const err = await load(db, c.kind, copy).catch((e) => e);
    expect(err).toBeInstanceOf(ImportError);
    expect((err as ImportError).message).toMatch(
      new RegExp(`covers data already loaded as source ${first!.sourceId} .*--replace`),
    );
    expect(await totals(db)).toEqual(sums);
    expect(await tableCounts(db)).toEqual(counts);

    // 3. With replace: it takes the earlier rows' place (all of them: the earlier source is removed).
    const replaced = await load(db, c.kind, copy, true);
    expect(replaced.status).toBe('loaded');
    expect(replaced.sourceId).toBe(counts.next_source_id); // the refused load used up no id
    expect(replaced.replaced).toEqual([
      expect.objectContaining({ sourceId: first!.sourceId, rows: first!.rows, removed: true }),
    ]);
    expect(await totals(db)).toEqual(sums);
    const after = await tableCounts(db);
    expect(after.sources).toBe(counts.sources);
    expect(after.next_source_id).toBe(counts.next_source_id + 1);
    db.close();
  });
});

describe('a raw BACI CSV for 2022 replaces the flow-file rows of 2022 for its codes, never adds to them', () => {
  const korea2022 = (db: Db, hs: string) =>
    db.one<{ total: number; china: number; n: number }>(
      `SELECT sum(value_usd) AS total, sum(value_usd) FILTER (WHERE exporter = 'CHN') AS china, count(*) AS n
       FROM trade WHERE dataset = 'baci' AND year = 2022 AND importer = 'KOR' AND hs = ?`,
      [hs],
    );

  it('refused without --replace (totals unchanged); with it, Korea’s 2022 figures are the CSV’s', async () => {
    const { db, path } = await scratchDb();
    await loadFile(db, importerFor('baci'), join(FIX, 'trade', 'flows_2022.json'));
    // flows_2022.json (hand-made): Korea 811292 from CHN 60.0 M + JPN 14.5 M = 74.5 M; 282200 from CHN 5.0 M.
    expect(await korea2022(db, '811292')).toEqual({ total: 74_500_000, china: 60_000_000, n: 2 });
    const sums = await totals(db);
    db.close();

    const csv = join(FIX, 'trade', 'baci-2022', 'BACI_HS17_Y2022_V202601.csv');
    const refused = cli(['data', 'import', 'baci', csv], { db: path });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/covers data already loaded as source 1 \(flows_2022\.json/);
    expect(refused.stderr).toMatch(/trade:baci 2022 × 282200, 811292/);
    expect(refused.stderr).toMatch(/--replace/);
    expect(refused.stderr).not.toMatch(/\n\s+at /);

    const { Db } = await import('../../src/store/db.ts');
    let check = await Db.open(path, { readOnly: true });
    expect(await totals(check)).toEqual(sums);
    check.close();

    const ok = cli(['data', 'import', 'baci', csv, '--replace'], { db: path });
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stderr).toMatch(/Loaded BACI_HS17_Y2022_V202601\.csv as source 2: 3 rows/);
    expect(ok.stderr).toMatch(
      /replaced 3 rows of source 1 \(flows_2022\.json\): trade:baci 2022 × 282200, 811292/,
    );

    check = await Db.open(path, { readOnly: true });
    // The CSV (thousand USD): 811292 CHN→KOR 50,000 + DEU→KOR 5,000 = 55.0 M, China's share 50/55; 282200 2.5 M.
    expect(await korea2022(check, '811292')).toEqual({ total: 55_000_000, china: 50_000_000, n: 2 });
    expect(await korea2022(check, '282200')).toEqual({ total: 2_500_000, china: 2_500_000, n: 1 });
    // The flow file's tungsten row (a code the CSV does not carry) stays, with its source.
    expect(
      await check.all(`SELECT source_id, hs, value_usd FROM trade WHERE hs = '810194' AND year = 2022`),
    ).toEqual([{ source_id: 1, hs: '810194', value_usd: 1_000_000 }]);
    expect(await check.one(`SELECT rows FROM sources WHERE source_id = 1`)).toEqual({ rows: 1 });
    check.close();
  });
});

describe('re-importing into the database built from the raw files', () => {
  /** A copy of the test database (built from ../shared/data), to import into. */
  async function copyOfTestDb(): Promise<string> {
    const p = join(tmp(), 'copy.duckdb');
    copyFileSync(testDbPath(), p);
    return p;
  }
  const json = (r: { code: number; stdout: string; stderr: string }) => {
    expect(r.code, r.stderr).toBe(0);
    return JSON.parse(r.stdout);
  };

  itRaw('the MCS 2026 table again: exit 0, nothing changed, China listed once at the same HHI', async () => {
    const db = await copyOfTestDb();
    const before = json(cli(['production', 'gallium', '--year', '2024', '--json'], { db }));
    const r = cli(
      ['data', 'import', 'usgs-mcs', rawPath('production/usgs-mcs-2026/usgs_mcs2026_commodities_data.csv')],
      { db },
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/the same content \(SHA-256\) is already loaded as source \d+; nothing changed/);
    const after = json(cli(['production', 'gallium', '--year', '2024', '--json'], { db }));
    expect(after.shares.filter((s: { country: string }) => s.country === 'CHN')).toHaveLength(1);
    expect(after.hhi).toBe(before.hhi);
    expect(after.shares).toEqual(before.shares);
    // Its UTF-8 copy (other bytes, the same tables) is refused as covering the same data.
    const copy = cli(
      [
        'data',
        'import',
        'usgs-mcs',
        rawPath('production/usgs-mcs-2026/usgs_mcs2026_commodities_data.utf8.DERIVED.csv'),
      ],
      { db },
    );
    expect(copy.code).toBe(2);
    expect(copy.stderr).toMatch(/covers data already loaded as source \d+ .*usgs_world 2024–2025/);
  });

  itRaw('the BACI 2024 parquet again: Korea’s 2024 gallium imports stay the raw file’s sum', async () => {
    const path = await copyOfTestDb();
    const { asyncBufferFromFile, parquetReadObjects } = await import('hyparquet');
    const { compressors } = await import('hyparquet-compressors');
    const parquet = rawPath('trade', 'baci-critical', 'baci_hs17_2024_critical_hs6.parquet');
    const raw = (await parquetReadObjects({
      file: await asyncBufferFromFile(parquet),
      columns: ['importer', 'hs6', 'value_kusd'],
      compressors,
    })) as { importer: string; hs6: string; value_kusd: number }[];
    const expected =
      raw.filter((r) => r.importer === 'KOR' && r.hs6 === '811292').reduce((s, r) => s + r.value_kusd, 0) *
      1000;
    const { Db } = await import('../../src/store/db.ts');
    const korea = async () => {
      const db = await Db.open(path, { readOnly: true });
      const v = (await db.one<{ v: number }>(
        `SELECT sum(value_usd) v FROM trade WHERE dataset = 'baci' AND year = 2024 AND importer = 'KOR' AND hs = '811292'`,
      ))!.v;
      db.close();
      return v;
    };
    expect(await korea()).toBeCloseTo(expected, 3);
    const r = cli(['data', 'import', 'baci', parquet], { db: path });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/nothing changed/);
    expect(await korea()).toBeCloseTo(expected, 3);
    // flows_2024.json is a subset of the parquet (the build loads the parquet instead): refused, not added.
    const flows = cli(
      ['data', 'import', 'baci', rawPath('trade/baci-critical/flows-by-year/flows_2024.json')],
      {
        db: path,
      },
    );
    expect(flows.code).toBe(2);
    expect(flows.stderr).toMatch(
      /covers data already loaded as source \d+ \(trade\/baci-critical\/baci_hs17_2024/,
    );
    expect(await korea()).toBeCloseTo(expected, 3);
  });
});
