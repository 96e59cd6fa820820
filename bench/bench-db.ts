// The database a benchmark reads: $MINSEC_BENCH_DB, else $MINSEC_DB, else ./minsec.duckdb; when none exists,
// one is built from ../shared/data (or the reference pack) into the OS temp dir.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildDatabase } from '../src/store/build.ts';

export async function benchDatabase(): Promise<string> {
  const given = process.env.MINSEC_BENCH_DB ?? process.env.MINSEC_DB ?? 'minsec.duckdb';
  if (existsSync(given)) return given;
  const path = join(mkdtempSync(join(tmpdir(), 'minsec-bench-')), 'bench.duckdb');
  process.stdout.write(`no database at ${given}; building ${path} …\n`);
  await buildDatabase({ dbPath: path });
  return path;
}
