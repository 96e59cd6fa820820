// Benchmark: the whole vulnerability assessment from the database — every mineral in the model × the trio ×
// every year with production or trade data (BACI 2002–2024, USGS 2020–2025) — through the service's batch path
// (src/services/assess.ts: loadContext and loadAllMinerals once, assessYear per mineral-year), against a
// baseline measured in the same run: the one-call service `assess(db, {mineral, year})` that reloads its
// inputs on every call, timed on a sample of (mineral, year) pairs and extrapolated. Target (issue 3): < 2 s.
// Database: $MINSEC_BENCH_DB, else $MINSEC_DB, else ./minsec.duckdb; built into the OS temp dir when absent.
import { existsSync, mkdtempSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { TRIO } from '../src/model/countries.ts';
import { MINERALS } from '../src/model/minerals.ts';
import { assess, assessYear, loadAllMinerals, loadContext } from '../src/services/assess.ts';
import { buildDatabase } from '../src/store/build.ts';
import { Db } from '../src/store/db.ts';

const SAMPLE = 12;

async function database(): Promise<string> {
  const given = process.env.MINSEC_BENCH_DB ?? process.env.MINSEC_DB ?? 'minsec.duckdb';
  if (existsSync(given)) return given;
  const path = join(mkdtempSync(join(tmpdir(), 'minsec-bench-')), 'bench.duckdb');
  process.stdout.write(`building the database into ${path} …\n`);
  await buildDatabase({ dbPath: path });
  return path;
}

const ms = (t0: number) => performance.now() - t0;

const db = await Db.open(await database(), { readOnly: true });

// warm-up (module JIT, DuckDB caches), not timed
await assess(db, { mineral: 'gallium', year: 2024, trends: false });

const cpu0 = process.cpuUsage();
const t0 = performance.now();
const ctx = await loadContext(db);
const tContext = ms(t0);
const tl = performance.now();
const all = await loadAllMinerals(db);
const tLoad = ms(tl);
let tCompute = 0;
let assessments = 0;
let importerYears = 0;
const pairs: { mineral: string; year: number }[] = [];
for (const m of MINERALS) {
  const data = all.get(m.id)!;
  const years = [
    ...new Set([...data.flows.keys(), ...[...data.production.values()].flatMap((b) => [...b.keys()])]),
  ].sort();
  const tc = performance.now();
  for (const year of years) {
    const r = assessYear(ctx, data, year, TRIO);
    assessments++;
    importerYears += r.importers.filter((i) => i.partners).length;
    pairs.push({ mineral: m.id, year });
  }
  tCompute += ms(tc);
}
const total = ms(t0);
const cpu = process.cpuUsage(cpu0);

// baseline: the one-call service on a deterministic sample, extrapolated to every (mineral, year)
const step = Math.max(1, Math.floor(pairs.length / SAMPLE));
const sample = pairs.filter((_, i) => i % step === 0).slice(0, SAMPLE);
const tb = performance.now();
for (const p of sample) await assess(db, { mineral: p.mineral, year: p.year, trends: false });
const perCall = ms(tb) / sample.length;
const baseline = perCall * pairs.length;

// the CLI's default call (one mineral, one year, trends 2002–2024) for the four case studies
const cases: string[] = [];
for (const mineral of ['cobalt', 'gallium', 'molybdenum', 'tungsten']) {
  const t = performance.now();
  await assess(db, { mineral });
  cases.push(`${mineral} ${ms(t).toFixed(0)} ms`);
}
db.close();

const line = (label: string, value: string) => process.stdout.write(`${label.padEnd(52)} ${value}\n`);
line(
  'minerals × years assessed (trio each)',
  `${MINERALS.length} minerals, ${assessments} mineral-years, ${importerYears} importer-years with trade`,
);
line(
  'machine load average (1 min) at the end',
  `${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores`,
);
line('whole assessment, batch path (wall)', `${total.toFixed(0)} ms (target < 2000 ms)`);
line('whole assessment, batch path (CPU user+sys)', `${((cpu.user + cpu.system) / 1000).toFixed(0)} ms`);
line('  context (WGI, memberships, sources)', `${tContext.toFixed(0)} ms`);
line('  loading every mineral (4 queries)', `${tLoad.toFixed(0)} ms`);
line('  computing (all analyses incl. look-through)', `${tCompute.toFixed(0)} ms`);
line(
  `baseline: one-call service, ${sample.length} sampled calls`,
  `${perCall.toFixed(0)} ms/call → ${(baseline / 1000).toFixed(1)} s extrapolated`,
);
line('ratio baseline / batch', `${(baseline / total).toFixed(1)}×`);
line('CLI default call (with trends)', cases.join(', '));
