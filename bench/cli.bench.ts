// Benchmark: CLI start-up. Wall time of `minsec --help`, `minsec --version` and `minsec production gallium --json`
// (compiled build, bin/minsec.js as a user runs it) against a bare `node -e 1` measured in the same run,
// interleaved round by round so that load on the machine hits all alike; medians over ROUNDS.
// Targets (issue 14.7): --help and --version ≤ 3× node -e 1; production gallium --json ≤ 5×.
// CPU time (user + system of the child, from /proc/self/stat's cutime/cstime, Linux only) is shown beside the
// wall time: it is what the command costs, and it does not stretch when other work shares the cores.
// Also shown, for reference: the same commands run from the TypeScript sources through tsx (MINSEC_FROM_SOURCE=1).
// Database: $MINSEC_BENCH_DB, else $MINSEC_DB, else ./minsec.duckdb; built into the OS temp dir when absent.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildJs } from '../bin/build.js';
import { buildStaleness } from '../bin/build-state.js';
import { PROJECT_ROOT } from '../src/model/paths.ts';
import { benchDatabase } from './bench-db.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
const SOURCE_ROUNDS = 3;
const BIN = join(PROJECT_ROOT, 'bin', 'minsec.js');

const db = await benchDatabase();
const stale = buildStaleness();
if (stale) {
  process.stdout.write(`build ${stale}: building\n`);
  await buildJs({ quiet: true });
}

interface Case {
  name: string;
  args: string[];
  target?: number;
  env?: Record<string, string>;
}
const CASES: Case[] = [
  { name: 'node -e 1 (baseline)', args: ['-e', '1'] },
  { name: 'minsec --help', args: [BIN, '--help'], target: 3 },
  { name: 'minsec --version', args: [BIN, '--version'], target: 3 },
  {
    name: 'minsec production gallium --json',
    args: [BIN, '--db', db, 'production', 'gallium', '--json'],
    target: 5,
  },
];

/** CPU seconds used so far by this process's waited-for children (cutime + cstime), or null off Linux. */
function childCpu(): number | null {
  if (!existsSync('/proc/self/stat')) return null;
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
  // fields after "(comm) ": state is [0], so cutime (field 16) is [13] and cstime (field 17) is [14]; clock ticks
  // of 1/100 s on Linux (sysconf(_SC_CLK_TCK) = 100 on every mainstream kernel configuration)
  return (Number(fields[13]) + Number(fields[14])) / 100;
}

const cpu = new Map<string, number[]>();

function once(c: Case): number {
  const cpu0 = childCpu();
  const t0 = performance.now();
  const r = spawnSync(process.execPath, c.args, {
    encoding: 'utf8',
    env: { ...process.env, ...c.env },
    maxBuffer: 16 * 1024 * 1024,
  });
  const ms = performance.now() - t0;
  const cpu1 = childCpu();
  if (cpu0 !== null && cpu1 !== null) cpu.set(c.name, [...(cpu.get(c.name) ?? []), (cpu1 - cpu0) * 1000]);
  if (r.status !== 0) throw new Error(`${c.name} exited ${r.status}: ${r.stderr}`);
  return ms;
}

const fmt = (ms: number) => ms.toFixed(0).padStart(5);

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

for (const c of CASES) once(c); // warm the OS file cache; not reported
cpu.clear();
const times = new Map(CASES.map((c) => [c.name, [] as number[]]));
for (let r = 0; r < ROUNDS; r++) for (const c of CASES) times.get(c.name)?.push(once(c));

const base = median(times.get(CASES[0].name) ?? []);
const cpuBase = cpu.size ? median(cpu.get(CASES[0].name) ?? []) : null;
process.stdout.write(`CLI start-up, medians of ${ROUNDS} interleaved rounds (compiled build):\n`);
let missed = 0;
for (const c of CASES) {
  const m = median(times.get(c.name) ?? []);
  const ratio = m / base;
  const verdict = c.target ? `  (target ≤ ${c.target}×: ${ratio <= c.target ? 'met' : 'NOT met'})` : '';
  if (c.target && ratio > c.target) missed++;
  const cpuMs = cpuBase ? median(cpu.get(c.name) ?? []) : null;
  const cpuText = cpuMs !== null && cpuBase ? `   cpu ${fmt(cpuMs)} ms ${(cpuMs / cpuBase).toFixed(2)}×` : '';
  process.stdout.write(`  ${c.name.padEnd(34)} wall ${fmt(m)} ms ${ratio.toFixed(2)}×${cpuText}${verdict}\n`);
}

const source = CASES.slice(1).map((c) => ({ ...c, env: { MINSEC_FROM_SOURCE: '1' } }));
process.stdout.write(
  `\nfor reference, from the TypeScript sources through tsx (median of ${SOURCE_ROUNDS}):\n`,
);
for (const c of source) {
  const m = median(Array.from({ length: SOURCE_ROUNDS }, () => once(c)));
  process.stdout.write(`  ${c.name.padEnd(36)} ${m.toFixed(0).padStart(6)} ms  ${(m / base).toFixed(2)}×\n`);
}
if (missed) process.stdout.write(`\n${missed} target(s) not met\n`);
