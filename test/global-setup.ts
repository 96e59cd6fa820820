// Builds the real database once per test run from ../shared/data into a temp folder and exposes its path
// as MINSEC_TEST_DB (inherited by the test workers). Set MINSEC_TEST_DB beforehand to reuse a database.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildDatabase } from '../src/store/build.ts';

export default async function setup() {
  if (process.env.MINSEC_TEST_DB && existsSync(process.env.MINSEC_TEST_DB)) return;
  const dir = mkdtempSync(join(tmpdir(), 'minsec-test-'));
  const dbPath = join(dir, 'test.duckdb');
  const started = Date.now();
  await buildDatabase({ dbPath });
  process.stderr.write(`test database built in ${((Date.now() - started) / 1000).toFixed(1)} s: ${dbPath}\n`);
  process.env.MINSEC_TEST_DB = dbPath;
  return () => rmSync(dir, { recursive: true, force: true });
}
