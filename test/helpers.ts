// Shared test plumbing: the real test database, a scratch database, and running the CLI.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../src/model/paths.ts';
import { Db } from '../src/store/db.ts';

export const RAW = join(PROJECT_ROOT, '..', 'shared', 'data');

export function testDbPath(): string {
  const p = process.env.MINSEC_TEST_DB;
  if (!p) throw new Error('MINSEC_TEST_DB is not set: run the tests through vitest (test/global-setup.ts)');
  return p;
}

export const openTestDb = () => Db.open(testDbPath(), { readOnly: true });

/** A fresh, empty database (schema only) in a temp folder. */
export async function scratchDb(): Promise<{ db: Db; path: string }> {
  const path = join(mkdtempSync(join(tmpdir(), 'minsec-scratch-')), 'scratch.duckdb');
  return { db: await Db.open(path), path };
}

/** Runs `minsec …` as a child process against the test database unless --db is given. */
export function cli(args: string[], opts: { db?: string; env?: Record<string, string> } = {}) {
  const r = spawnSync(
    process.execPath,
    [join(PROJECT_ROOT, 'bin', 'minsec.js'), '--db', opts.db ?? testDbPath(), ...args],
    {
      encoding: 'utf8',
      env: { ...process.env, ...opts.env },
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Counts rows in every data table, for "the database is unchanged" checks. */
export async function tableCounts(db: Db): Promise<Record<string, number>> {
  const { TABLES } = await import('../src/store/schema.ts');
  const out: Record<string, number> = {};
  for (const t of [...Object.keys(TABLES), 'sources'])
    out[t] = (await db.one<{ n: number }>(`SELECT count(*) n FROM ${t}`))!.n;
  return out;
}
