import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { referencePath } from '../../src/model/paths.ts';
import { production } from '../../src/services/production.ts';
import { buildDatabase } from '../../src/store/build.ts';
import { Db } from '../../src/store/db.ts';
import { sha256File } from '../../src/store/load.ts';
import { type PackManifest, writePack } from '../../src/store/pack.ts';
import { itRaw, openTestDb, RAW, tableCounts } from '../helpers.ts';

describe('reference pack', () => {
  const dir = mkdtempSync(join(tmpdir(), 'minsec-pack-'));
  const packDir = join(dir, 'pack');
  mkdirSync(packDir);
  cpSync(referencePath('countries.csv'), join(packDir, 'countries.csv'));
  let manifest: PackManifest;
  let source: Db;

  beforeAll(async () => {
    source = await openTestDb();
    manifest = await writePack(source, packDir);
  });
  afterAll(() => source.close());

  itRaw('names every raw input with its SHA-256, licence and release', async () => {
    expect(manifest.inputs.length).toBeGreaterThan(10);
    for (const input of manifest.inputs.slice(0, 5)) {
      expect(input.licence).toBeTruthy();
      expect(await sha256File(join(RAW, input.file))).toBe(input.sha256);
    }
    expect(manifest.inputs.some((i) => ['comtrade', 'china-monthly', 'iea-policies'].includes(i.kind))).toBe(
      false,
    );
  });

  it('stays small', () => {
    const bytes = manifest.tables.reduce((s, t) => s + statSync(join(packDir, t.file)).size, 0);
    expect(bytes).toBeLessThan(12 * 1024 * 1024);
  });

  it('rebuilds the same database without the raw files', async () => {
    const dbPath = join(dir, 'from-pack.duckdb');
    const r = await buildDatabase({ dbPath, fromPack: true, packDir });
    expect(r.origin).toBe('pack');
    const rebuilt = await Db.open(dbPath, { readOnly: true });
    const counts = await tableCounts(rebuilt);
    for (const t of manifest.tables) expect(counts[t.table]).toBe(t.rows);
    const a = await production(rebuilt, { mineral: 'tungsten', year: 2024 });
    const b = await production(source, { mineral: 'tungsten', year: 2024 });
    rebuilt.close();
    expect(a.shares).toEqual(b.shares);
    expect(a.world).toBe(b.world);
  });

  it('refuses a tampered pack and leaves the existing database in place', async () => {
    const bad = join(dir, 'bad-pack');
    cpSync(packDir, bad, { recursive: true });
    appendFileSync(join(bad, manifest.tables[0].file), 'x');
    const dbPath = join(dir, 'keep.duckdb');
    await buildDatabase({ dbPath, fromPack: true, packDir });
    const before = readFileSync(dbPath);
    await expect(buildDatabase({ dbPath, fromPack: true, packDir: bad })).rejects.toThrow(/SHA-256 differs/);
    expect(readFileSync(dbPath).equals(before)).toBe(true);
    expect(existsSync(`${dbPath}.building-${process.pid}`)).toBe(false);
  });

  /** The pack in `out` is whole: every listed file has the manifest's SHA-256, and no temp folder is left beside it. */
  async function expectWholePack(out: string, m: PackManifest) {
    expect(JSON.parse(readFileSync(join(out, 'MANIFEST.json'), 'utf8'))).toEqual(m);
    for (const t of m.tables) expect(await sha256File(join(out, t.file))).toBe(t.sha256);
    expect(readdirSync(dirname(out)).filter((f) => f.includes('.writing-'))).toEqual([]);
  }

  it('data pack --out NEWDIR: writes into a folder (and parents) that do not exist yet', async () => {
    const out = join(dir, 'not-yet', 'nested', 'pack');
    expect(existsSync(dirname(out))).toBe(false);
    const m = await writePack(source, out);
    await expectWholePack(out, m);
    // Row counts from the source database itself (COUNT(*) per table), not from the pack writer; trade without
    // the rows derived from UN Comtrade (users' comtrade files, China's monthly exports), whose terms forbid
    // redistribution (SOURCES.md)
    const counts = await tableCounts(source);
    counts.trade = (await source.one<{ n: number }>(
      "SELECT count(*) AS n FROM trade WHERE dataset NOT IN ('comtrade', 'china-monthly')",
    ))!.n;
    for (const t of m.tables) expect(t.rows).toBe(counts[t.table]);
  });

  it('a foreign file in the --out folder survives a pack written over it, byte for byte', async () => {
    const out = join(dir, 'shared-folder');
    mkdirSync(out);
    const foreign = join(out, 'other.parquet');
    writeFileSync(foreign, 'not minsec’s: must survive\n');
    const m = await writePack(source, out);
    await expectWholePack(out, m);
    expect(m.tables.some((t) => t.file === 'other.parquet')).toBe(false);
    expect(readFileSync(foreign, 'utf8')).toBe('not minsec’s: must survive\n');
    // Written again over its own earlier pack: the foreign file still stays.
    await writePack(source, out);
    expect(readFileSync(foreign, 'utf8')).toBe('not minsec’s: must survive\n');
  });

  it('a raw folder with missing files fails before touching the database', async () => {
    await expect(buildDatabase({ dbPath: join(dir, 'x.duckdb'), rawDir: dir })).rejects.toThrow(
      /raw files missing/,
    );
    expect(existsSync(join(dir, 'x.duckdb'))).toBe(false);
  });
});
