import { availableParallelism, loadavg } from 'node:os';
import { TRIO } from '../src/model/countries.ts';
import { MINERALS } from '../src/model/minerals.ts';
import { assess, assessYear, loadAllMinerals, loadContext } from '../src/services/assess.ts';
import { Db } from '../src/store/db.ts';
import { benchDatabase } from './bench-db.ts';

const SAMPLE = 12;

const ms = (t0: number) => performance.now() - t0;

const db = await Db.open(await benchDatabase(), { readOnly: true });

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
line('  loading every mineral (5 queries)', `${tLoad.toFixed(0)} ms`);
line('  computing (all analyses incl. the stage trace)', `${tCompute.toFixed(0)} ms`);
line(
  `baseline: one-call service, ${sample.length} sampled calls`,
  `${perCall.toFixed(0)} ms/call → ${(baseline / 1000).toFixed(1)} s extrapolated`,
);
line('ratio baseline / batch', `${(baseline / total).toFixed(1)}×`);
line('CLI default call (with trends)', cases.join(', '));
