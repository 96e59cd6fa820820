// Shared test plumbing: the raw-data folder (when present), the test database, a scratch database, and
// running the CLI.
//
// Fresh-clone mode: tests that read raw files find them under MINSEC_RAW_DATA=DIR, else ../shared/data beside
// the project. When neither exists, wrap them in describeRaw / itRaw: they are reported as skipped with the
// reason (RAW_SKIP_REASON) and the summary line counts them. Every other test runs against the database that
// test/global-setup.ts builds (from the raw files when present, else from the reference pack data/reference/).
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it, type TestFunction } from 'vitest';
import { PROJECT_ROOT } from '../src/model/paths.ts';
import { Db } from '../src/store/db.ts';
import { RAW_AVAILABLE, RAW_DIR, RAW_TAG } from './raw-data.ts';

export { RAW_AVAILABLE, RAW_DIR, RAW_SKIP_REASON, RAW_TAG, rawPath } from './raw-data.ts';
/** Kept for existing tests: the same folder as RAW_DIR. */
export const RAW = RAW_DIR;

type DescribeFn = (name: string, fn: () => void) => void;
type TestFn = TestFunction;
type ItFn = ((name: string, fn: TestFn, timeout?: number) => void) & {
  /** it.each() for tests that read raw files: `itRaw.each(cases)(name, fn)`. */
  each: <const T extends readonly unknown[]>(
    cases: readonly T[],
  ) => (name: string, fn: (...args: [...T]) => unknown, timeout?: number) => void;
};

/**
 * describe() for suites that read raw files; skipped (name tagged RAW_TAG) without them. The suite body still
 * runs to collect its tests, so reads at collection time must be guarded (`RAW_AVAILABLE ? read() : []`);
 * hooks (beforeAll, …) and tests do not run when skipped.
 */
export const describeRaw: DescribeFn = RAW_AVAILABLE
  ? (name, fn) => describe(name, fn)
  : (name, fn) => describe.skip(`${name} ${RAW_TAG}`, fn);

/** it() for a test that reads raw files; skipped (name tagged RAW_TAG) without them. */
export const itRaw: ItFn = Object.assign(
  RAW_AVAILABLE
    ? (name: string, fn: TestFn, timeout?: number) => it(name, fn, timeout)
    : (name: string, fn: TestFn, timeout?: number) => it.skip(`${name} ${RAW_TAG}`, fn, timeout),
  {
    each:
      <const T extends readonly unknown[]>(cases: readonly T[]) =>
      (name: string, fn: (...args: [...T]) => unknown, timeout?: number) =>
        RAW_AVAILABLE
          ? it.each(cases as T[])(name, fn as never, timeout)
          : it.skip.each(cases as T[])(`${name} ${RAW_TAG}`, fn as never, timeout),
  },
);

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

/**
 * Counts rows in every data table, the sources and their coverage, and the next source id, for "the database
 * is unchanged" checks (a failed load must not use up a source id either).
 */
export async function tableCounts(db: Db): Promise<Record<string, number>> {
  const { TABLES } = await import('../src/store/schema.ts');
  const out: Record<string, number> = {};
  for (const t of [...Object.keys(TABLES), 'sources', 'source_coverage'])
    out[t] = (await db.one<{ n: number }>(`SELECT count(*) n FROM ${t}`))!.n;
  out.next_source_id = Number(
    (await db.one<{ v: string }>(`SELECT value v FROM minsec_meta WHERE key = 'next_source_id'`))!.v,
  );
  return out;
}
