// Benchmark: importing a full-size raw BACI release CSV (≈11M rows, t,i,j,k,v,q) filtered to the model's
// HS6 codes. Compares, in one run on the same file:
//   (a) minsec's import path for raw BACI files, loadBaciCsvBulk (src/store/bulk-baci.ts, what
//       `minsec data import baci <file.csv>` runs) into a temp DuckDB: every line validated, file:line errors,
//       SHA-256 of the file, every kept record checked at the door (src/sources/limits.ts), duplicate keys and
//       coverage checked, one transaction with its sources row;
//   (b) DuckDB's own read_csv + filter: CREATE TABLE x AS SELECT ... FROM read_csv(...) WHERE k IN (...);
//   (c) a naive line-by-line Node parse: readline + split + Number + the same filter (no insert).
// Targets: a/b ≤ 1.3, c/a ≥ 10. (a) and (b) run twice, alternating, and the faster run of each counts (the
// machine is shared; alternation spreads load swings over both). Prints peak RSS per phase. The generated
// file (seeded, ~350 MB) is kept in the OS temp dir and reused. BACI_BENCH_ROWS overrides the row count.

import {
  closeSync,
  createReadStream,
  existsSync,
  mkdirSync,
  openSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { seededUniform } from '../src/analysis/random.ts';
import { COUNTRIES } from '../src/model/countries.ts';
import { MODEL_HS6 } from '../src/sources/trade-codes.ts';
import { loadBaciCsvBulk } from '../src/store/bulk-baci.ts';
import { Db } from '../src/store/db.ts';

const ROWS = Number(process.env.BACI_BENCH_ROWS ?? 11_000_000);
const CRITICAL_SHARE = 0.005;
const SEED = 20260601;
const dir = join(tmpdir(), 'minsec-bench');
// v2: the rows of model codes have unique (i, j, k), as in a real release (the importer rejects duplicate keys).
const csvPath = join(dir, `baci_bench_v2_${ROWS}.csv`);

/**
 * BACI-shaped rows: one year; ~220 countries with BACI's numeric codes and a skewed size distribution; ~5,000
 * HS6 codes across chapters 01–97 written as integers (a leading zero is lost, as in BACI); CRITICAL_SHARE of
 * rows in the model's HS6 set; values in thousand USD with three decimals (log-normal); quantities in tonnes,
 * about 4% "NA" (half of them space-padded).
 */
function generate(path: string, rows: number): void {
  const rnd = seededUniform(SEED);
  const BACI_OWN: Record<number, number> = {
    250: 251,
    380: 381,
    578: 579,
    356: 699,
    756: 757,
    840: 842,
    158: 490,
  };
  const countries = [
    ...new Set(
      COUNTRIES.map((c) => c.isoNumeric)
        .filter((n): n is number => n !== null)
        .map((n) => BACI_OWN[n] ?? n),
    ),
  ].slice(0, 220);
  const weights = countries.map((_, i) => 1 / (i + 1) ** 0.8);
  const cum: number[] = [];
  weights.reduce((s, w, i) => (cum[i] = s + w), 0);
  const total = cum[cum.length - 1];
  const pickCountry = () => {
    const x = rnd() * total;
    let lo = 0;
    let hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return countries[lo];
  };
  const critical = [...MODEL_HS6].map(Number);
  const others: number[] = [];
  while (others.length < 5000) {
    const code =
      (1 + Math.floor(rnd() * 97)) * 10000 + Math.floor(rnd() * 100) * 100 + Math.floor(rnd() * 100);
    if (!MODEL_HS6.has(String(code).padStart(6, '0'))) others.push(code);
  }
  mkdirSync(dir, { recursive: true });
  const tmp = `${path}.partial`;
  const fd = openSync(tmp, 'w');
  writeSync(fd, 't,i,j,k,v,q\n');
  let chunk = '';
  const keptKeys = new Set<string>();
  for (let r = 0; r < rows; r++) {
    let i: number;
    let j: number;
    let k: number;
    for (;;) {
      i = pickCountry();
      j = pickCountry();
      while (j === i) j = pickCountry();
      const isCritical = rnd() < CRITICAL_SHARE;
      k = isCritical
        ? critical[Math.floor(rnd() * critical.length)]
        : others[Math.floor(rnd() * others.length)];
      if (!isCritical) break;
      const key = `${i},${j},${k}`;
      if (!keptKeys.has(key)) {
        keptKeys.add(key);
        break;
      }
    }
    const v = Math.exp(rnd() * 12 - 4);
    const qr = rnd();
    const q = qr < 0.02 ? 'NA' : qr < 0.04 ? '           NA' : (v * (0.05 + rnd() * 3)).toFixed(3);
    chunk += `2022,${i},${j},${k},${v.toFixed(3)},${q}\n`;
    if ((r & 0xffff) === 0xffff) {
      writeSync(fd, chunk);
      chunk = '';
    }
  }
  writeSync(fd, chunk);
  closeSync(fd);
  renameSync(tmp, path);
}

let peak = 0;
const sample = () => {
  peak = Math.max(peak, process.memoryUsage().rss);
};

async function timed<T>(
  label: string,
  fn: () => Promise<T>,
): Promise<{ ms: number; peakMb: number; result: T }> {
  peak = 0;
  sample();
  const timer = setInterval(sample, 20);
  const t0 = performance.now();
  const result = await fn();
  const ms = performance.now() - t0;
  clearInterval(timer);
  sample();
  const peakMb = peak / 2 ** 20;
  console.log(
    `${label.padEnd(40)} ${(ms / 1000).toFixed(2).padStart(7)} s   peak RSS ${peakMb.toFixed(0)} MB`,
  );
  return { ms, peakMb, result };
}

async function freshDb(name: string): Promise<Db> {
  const p = join(dir, name);
  rmSync(p, { force: true });
  rmSync(`${p}.wal`, { force: true });
  return Db.open(p);
}

async function importerPath(): Promise<number> {
  const db = await freshDb('bench-a.duckdb');
  try {
    return (await loadBaciCsvBulk(db, csvPath)).rows;
  } finally {
    db.close();
  }
}

async function duckdbBaseline(): Promise<number> {
  const db = await freshDb('bench-b.duckdb');
  try {
    const codes = [...MODEL_HS6].map(Number).join(', ');
    await db.run(
      `CREATE TABLE x AS SELECT t, i, j, k, v, q FROM read_csv('${csvPath.replace(/'/g, "''")}', header = true,
         columns = {'t': 'INTEGER', 'i': 'INTEGER', 'j': 'INTEGER', 'k': 'INTEGER', 'v': 'DOUBLE', 'q': 'VARCHAR'})
       WHERE k IN (${codes})`,
    );
    return (await db.one<{ n: number }>('SELECT count(*) AS n FROM x'))!.n;
  } finally {
    db.close();
  }
}

async function naiveParse(): Promise<number> {
  const keep = new Set([...MODEL_HS6].map(Number));
  let kept = 0;
  let first = true;
  const rl = createInterface({ input: createReadStream(csvPath), crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of rl) {
    if (first) {
      first = false;
      continue;
    }
    const f = line.split(',');
    const rec = {
      t: Number(f[0]),
      i: Number(f[1]),
      j: Number(f[2]),
      k: Number(f[3]),
      v: Number(f[4]),
      q: f[5].trim() === 'NA' ? null : Number(f[5]),
    };
    if (keep.has(rec.k)) kept++;
  }
  return kept;
}

async function main() {
  if (!existsSync(csvPath)) {
    console.log(`generating ${ROWS.toLocaleString('en')} rows → ${csvPath}`);
    const t0 = performance.now();
    generate(csvPath, ROWS);
    console.log(`  generated in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  console.log(
    `file: ${csvPath} (${(statSync(csvPath).size / 2 ** 20).toFixed(0)} MB, ${ROWS.toLocaleString('en')} rows)\n`,
  );
  const b1 = await timed('(b) DuckDB read_csv + filter, run 1', duckdbBaseline);
  const a1 = await timed('(a) minsec bulk import, run 1', importerPath);
  const b2 = await timed('(b) DuckDB read_csv + filter, run 2', duckdbBaseline);
  const a2 = await timed('(a) minsec bulk import, run 2', importerPath);
  const c = await timed('(c) naive readline + split', naiveParse);
  const a = a1.ms <= a2.ms ? a1 : a2;
  const b = b1.ms <= b2.ms ? b1 : b2;
  if (a.result !== b.result || c.result !== b.result)
    throw new Error(`row counts differ: importer ${a.result}, duckdb ${b.result}, naive ${c.result}`);
  console.log(`\nrows kept: ${a.result.toLocaleString('en')}`);
  console.log(`a/b = ${(a.ms / b.ms).toFixed(2)}  (target ≤ 1.3)`);
  console.log(`c/a = ${(c.ms / a.ms).toFixed(2)}  (target ≥ 10)`);
  console.log(
    `peak RSS: a ${Math.max(a1.peakMb, a2.peakMb).toFixed(0)} MB, b ${Math.max(b1.peakMb, b2.peakMb).toFixed(0)} MB, c ${c.peakMb.toFixed(0)} MB`,
  );
}

await main();
