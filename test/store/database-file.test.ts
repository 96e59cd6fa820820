// The database file stays true: its schema version is stored and checked (an old database is refused with a
// message that says how to rebuild, and ensureCurrent rebuilds it); `data build --db FILE` never overwrites a
// file that is not a minsec database; temp files of a killed build are removed; a server's LiveDatabase notices
// a rebuilt file and reopens it; provenance holds source ids ≥ 3,000 and lines ≥ 11,000,000.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { startServer } from '../../src/server/start.ts';
import type { Importer, ParsedItem } from '../../src/sources/types.ts';
import { buildDatabase, cleanStaleBuilds } from '../../src/store/build.ts';
import { DatabaseStateError, Db } from '../../src/store/db.ts';
import { loadFile } from '../../src/store/load.ts';
import { SCHEMA_VERSION } from '../../src/store/schema.ts';
import { ensureCurrent, LiveDatabase, schemaStatus } from '../../src/store/schema-status.ts';
import { cli, scratchDb, tableCounts } from '../helpers.ts';

const tmp = () => mkdtempSync(join(tmpdir(), 'minsec-dbfile-'));
const FIX = join(import.meta.dirname, '..', 'fixtures');

/** Runs SQL on a database file directly through DuckDB (to make an old or foreign database). */
async function raw(path: string, sql: string[]) {
  const inst = await DuckDBInstance.create(path);
  const c = await inst.connect();
  for (const s of sql) await c.run(s);
  c.closeSync();
  inst.closeSync();
}

/** A pid that is not running: a child that has exited. */
const deadPid = () => spawnSync(process.execPath, ['-e', '0']).pid!;

describe('schema version', () => {
  it('is stored in a new database, and the status says it is current', async () => {
    const { db, path } = await scratchDb();
    const v = await db.one<{ value: string }>(`SELECT value FROM minsec_meta WHERE key = 'schema_version'`);
    db.close();
    expect(Number(v!.value)).toBe(SCHEMA_VERSION);
    const s = await schemaStatus(path);
    expect(s).toMatchObject({
      state: 'current',
      ok: true,
      version: SCHEMA_VERSION,
      expected: SCHEMA_VERSION,
    });
    expect(s.buildId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('an older database is refused by the CLI with exit 2 and how to rebuild; nothing is changed', async () => {
    const { db, path } = await scratchDb();
    await loadFile(
      db,
      (await import('../../src/sources/registry.ts')).importerFor('usgs-mcs'),
      join(FIX, 'usgs', 'mcs2026-small.csv'),
    );
    db.close();
    // Version 1: a database from before versioning has no minsec_meta.
    await raw(path, ['DROP TABLE minsec_meta']);
    const before = readFileSync(path);
    for (const args of [
      ['production', 'cobalt'],
      ['data', 'status'],
      ['data', 'import', 'usgs-mcs', join(FIX, 'usgs', 'mcs2026-small.csv')],
    ]) {
      const r = cli(args, { db: path });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toContain(
        `${path} was built by an older minsec (schema version 1; this minsec reads version ${SCHEMA_VERSION}): rebuild it with: minsec data build --db ${path}`,
      );
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    expect(readFileSync(path).equals(before)).toBe(true);
    expect((await schemaStatus(path)).state).toBe('outdated');
    await expect(Db.open(path, { readOnly: true })).rejects.toBeInstanceOf(DatabaseStateError);
  });

  it('a database whose views differ (same version, other fingerprint) or of a newer version is refused', async () => {
    const { db, path } = await scratchDb();
    db.close();
    await raw(path, [`UPDATE minsec_meta SET value = 'x' WHERE key = 'schema_fingerprint'`]);
    expect((await schemaStatus(path)).message).toMatch(/built with a different schema of version \d+/);
    await raw(path, [`UPDATE minsec_meta SET value = '${SCHEMA_VERSION + 1}' WHERE key = 'schema_version'`]);
    const s = await schemaStatus(path);
    expect(s).toMatchObject({ state: 'newer', rebuildable: false });
    expect(s.message).toMatch(/built by a newer minsec .*update minsec/);
    // ensureCurrent does not overwrite a newer database.
    await expect(ensureCurrent(path, { fromPack: true })).rejects.toThrow(/newer minsec/);
  });

  it('ensureCurrent rebuilds an old database (progress events), leaves a current one alone', async () => {
    const path = join(tmp(), 'minsec.duckdb');
    await buildDatabase({ dbPath: path, fromPack: true });
    await raw(path, ['DROP TABLE minsec_meta']);
    const events: string[] = [];
    const reasons: string[] = [];
    const r = await ensureCurrent(path, {
      fromPack: true,
      onEvent: (e) => events.push(e.type),
      onRebuild: (s) => reasons.push(s.message),
    });
    expect(r.rebuilt).toBe(true);
    expect(r.before.state).toBe('outdated');
    expect(r.status.ok).toBe(true);
    expect(reasons[0]).toMatch(/older minsec/);
    expect(events[0]).toBe('start');
    expect(events.at(-1)).toBe('done');
    const again = await ensureCurrent(path, { fromPack: true });
    expect(again.rebuilt).toBe(false);
    expect(again.status.buildId).toBe(r.status.buildId);
  });

  it('npm start (startServer) rebuilds a version-1 database, says why, and then answers /api/health', async () => {
    const path = join(tmp(), 'minsec.duckdb');
    await buildDatabase({ dbPath: path, fromPack: true });
    // Version 1: a database from before versioning has no minsec_meta (as in the CLI refusal test above).
    await raw(path, ['DROP TABLE minsec_meta']);
    expect((await schemaStatus(path)).state).toBe('outdated');
    const lines: string[] = [];
    const server = await startServer({
      dbPath: path,
      port: 0,
      webDir: tmp(),
      buildFrom: { fromPack: true },
      say: (l) => lines.push(l),
    });
    try {
      const res = await fetch(`${server.url}api/health`);
      expect(res.status).toBe(200);
      expect(((await res.json()) as { ok: boolean }).ok).toBe(true);
    } finally {
      await server.close();
    }
    expect(lines[0]).toContain(`${path} was built by an older minsec (schema version 1;`);
    expect(lines.some((l) => l.startsWith('Database ready:'))).toBe(true);
    expect((await schemaStatus(path)).state).toBe('current');
  });
});

describe('data build --db FILE', () => {
  it('refuses to overwrite a file that is not a minsec database, and leaves it as it was', async () => {
    const dir = tmp();
    const notes = join(dir, 'notes.txt');
    writeFileSync(notes, 'my notes\n');
    const r = cli(['data', 'build', '--from-pack'], { db: notes });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /notes\.txt exists and is not a minsec database \(not a DuckDB file\): it was not overwritten/,
    );
    expect(readFileSync(notes, 'utf8')).toBe('my notes\n');

    const other = join(dir, 'other.duckdb');
    await raw(other, ['CREATE TABLE mine (x INTEGER)', 'INSERT INTO mine VALUES (42)']);
    const before = readFileSync(other);
    await expect(buildDatabase({ dbPath: other, fromPack: true })).rejects.toThrow(
      /other\.duckdb exists and is not a minsec database \(a DuckDB file without minsec's tables\)/,
    );
    expect(readFileSync(other).equals(before)).toBe(true);
    expect(existsSync(`${other}.building-${process.pid}`)).toBe(false);
  });

  it('replaces a minsec database of any version', async () => {
    const path = join(tmp(), 'old.duckdb');
    await buildDatabase({ dbPath: path, fromPack: true });
    await raw(path, ['DROP TABLE minsec_meta']);
    await buildDatabase({ dbPath: path, fromPack: true });
    expect((await schemaStatus(path)).ok).toBe(true);
  });

  it('removes the temp files of a killed build; refuses while a live build writes the same file', async () => {
    const dir = tmp();
    const target = join(dir, 'minsec.duckdb');
    const dead = deadPid();
    for (const f of [`${target}.building-${dead}`, `${target}.building-${dead}.wal`]) writeFileSync(f, 'x');
    writeFileSync(join(dir, 'unrelated.building-1'), 'keep');
    await buildDatabase({ dbPath: target, fromPack: true });
    expect(existsSync(`${target}.building-${dead}`)).toBe(false);
    expect(existsSync(`${target}.building-${dead}.wal`)).toBe(false);
    expect(existsSync(join(dir, 'unrelated.building-1'))).toBe(true);
    // process.ppid is alive (the test runner's parent): its temp file means a build is running.
    writeFileSync(`${target}.building-${process.ppid}`, 'x');
    expect(() => cleanStaleBuilds(target)).toThrow(
      new RegExp(`another build \\(process ${process.ppid}\\) is writing`),
    );
  });
});

describe('a running reader notices a rebuilt database', () => {
  it('LiveDatabase reopens a current rebuilt file, keeps a reader’s handle until it is done, refuses an old one', async () => {
    const dir = tmp();
    const path = join(dir, 'minsec.duckdb');
    await buildDatabase({ dbPath: path, fromPack: true });
    const live = await LiveDatabase.open(path);
    const firstBuild = live.buildId;
    expect(await live.refresh()).toEqual({ state: 'unchanged' });

    // A reader in flight on the old handle while the file is rebuilt under it.
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const reader = live.use(async (db) => {
      await gate;
      return (await db.one<{ n: number }>('SELECT count(*) AS n FROM sources'))!.n;
    });
    await buildDatabase({ dbPath: path, fromPack: true });
    expect(live.changed()).toBe(true);
    const r = await live.refresh();
    expect(r.state).toBe('reopened');
    expect(live.buildId).not.toBe(firstBuild);
    release();
    expect(await reader).toBeGreaterThan(10); // the old handle stayed open for it
    expect(
      await live.use(async (db) => (await db.one<{ n: number }>('SELECT count(*) AS n FROM sources'))!.n),
    ).toBeGreaterThan(10);

    // Replaced by an outdated database: not served, the reason is given, the current handle stays.
    const old = join(dir, 'old.duckdb');
    await buildDatabase({ dbPath: old, fromPack: true });
    await raw(old, ['DROP TABLE minsec_meta']);
    copyFileSync(old, `${path}.new`);
    renameSync(`${path}.new`, path); // replaced, as a build replaces it (never rewritten in place)
    const bad = await live.refresh();
    expect(bad.state).toBe('unusable');
    expect(bad.state === 'unusable' && bad.status.message).toMatch(/older minsec/);
    expect(
      await live.use(async (db) => (await db.one<{ n: number }>('SELECT count(*) AS n FROM sources'))!.n),
    ).toBeGreaterThan(10);
    live.close();
  });
});

describe('provenance', () => {
  it('holds source ids ≥ 3,000 and lines ≥ 11,000,000 exactly, and a failed load takes no id', async () => {
    const { db } = await scratchDb();
    await db.setNextSourceId(3000);
    const lines = [11_000_000, 11_000_001, 2_147_483_647];
    const importer = (ls: number[]): Importer => ({
      kind: 'wgi',
      description: 'synthetic records at given lines',
      tables: ['governance'],
      meta: () => ({ kind: 'wgi', release: 'test', licence: 'test', citation: 'test' }),
      async *parse(): AsyncGenerator<ParsedItem> {
        for (const [i, line] of ls.entries())
          yield {
            table: 'governance',
            line,
            row: {
              country: 'KOR',
              year: 2000 + i,
              indicator: 'ge',
              estimate: 1,
              stddev: 0.2,
              nsource: 5,
              pctrank: 80,
            },
          };
      },
    });
    const file = join(tmp(), 'synthetic.csv');
    writeFileSync(file, 'a\n');
    // A load that fails (a line beyond 32 bits) uses up no source id.
    const before = await tableCounts(db);
    await expect(loadFile(db, importer([11_000_000, 2 ** 31]), file)).rejects.toThrow(
      /record number 2147483648 is out of range/,
    );
    expect(await tableCounts(db)).toEqual(before);
    const r = await loadFile(db, importer(lines), file);
    expect(r.sourceId).toBe(3000);
    expect(await db.all('SELECT source_id, source_line FROM governance ORDER BY source_line')).toEqual(
      lines.map((l) => ({ source_id: 3000, source_line: l })),
    );
    db.close();
  });
});

describe('checkDatabase (the server side)', () => {
  it('says ok with the build id, or why not with the message', async () => {
    const { checkDatabase } = await import('../../src/store/schema-status.ts');
    const { db, path } = await scratchDb();
    const id = db.meta.buildId;
    db.close();
    expect(await checkDatabase(path)).toEqual({ ok: true, schemaVersion: SCHEMA_VERSION, identity: id });
    await raw(path, ['DROP TABLE minsec_meta']);
    expect(await checkDatabase(path)).toMatchObject({
      ok: false,
      reason: 'old_schema',
      message: expect.stringMatching(/older minsec/),
    });
    expect(await checkDatabase(join(tmp(), 'none.duckdb'))).toMatchObject({ ok: false, reason: 'missing' });
    const txt = join(tmp(), 'notes.txt');
    writeFileSync(txt, 'x');
    expect(await checkDatabase(txt)).toMatchObject({ ok: false, reason: 'not_minsec' });
  });
});
