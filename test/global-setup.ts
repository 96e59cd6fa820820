// Builds the test database once per test run into a temp folder and exposes its path as MINSEC_TEST_DB
// (inherited by the test workers): from the raw files (MINSEC_RAW_DATA, else ../shared/data) when they are
// there, else from the committed reference pack (a fresh clone). Set MINSEC_TEST_DB beforehand to reuse a
// database. Without raw data, the run summary ends with the count of tests skipped for that reason.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestModule, TestProject } from 'vitest/node';
import { buildDatabase } from '../src/store/build.ts';
import { RAW_AVAILABLE, RAW_DIR, RAW_SKIP_REASON, RAW_TAG } from './raw-data.ts';

/** Prints, after the run summary, how many tests were skipped for want of raw data and why. */
function rawSkipSummary(project: TestProject) {
  const reporters = (project.vitest as unknown as { reporters?: object[] }).reporters;
  reporters?.push({
    onTestRunEnd(modules: readonly TestModule[]) {
      let skipped = 0;
      for (const m of modules)
        for (const t of m.children.allTests())
          if (t.result().state === 'skipped' && t.fullName.includes(RAW_TAG)) skipped++;
      if (skipped) process.stdout.write(`\n  ${skipped} tests skipped ${RAW_TAG}: ${RAW_SKIP_REASON}\n\n`);
    },
  });
}

export default async function setup(project: TestProject) {
  if (process.env.MINSEC_RAW_DATA && !RAW_AVAILABLE)
    throw new Error(`MINSEC_RAW_DATA=${process.env.MINSEC_RAW_DATA}: no such folder`);
  if (!RAW_AVAILABLE) {
    process.stderr.write(
      `fresh-clone mode: ${RAW_SKIP_REASON}; the test database comes from the reference pack\n`,
    );
    rawSkipSummary(project);
  }
  if (process.env.MINSEC_TEST_DB && existsSync(process.env.MINSEC_TEST_DB)) return;
  const dir = mkdtempSync(join(tmpdir(), 'minsec-test-'));
  const dbPath = join(dir, 'test.duckdb');
  const started = Date.now();
  await buildDatabase(RAW_AVAILABLE ? { dbPath, rawDir: RAW_DIR } : { dbPath, fromPack: true });
  process.stderr.write(
    `test database built from ${RAW_AVAILABLE ? RAW_DIR : 'the reference pack'} in ${((Date.now() - started) / 1000).toFixed(1)} s: ${dbPath}\n`,
  );
  process.env.MINSEC_TEST_DB = dbPath;
  return () => rmSync(dir, { recursive: true, force: true });
}
