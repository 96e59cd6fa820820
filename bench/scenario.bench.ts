// Monte Carlo cost of the scenario engine: draws of a 36-month scenario over the full trade network of the four
// case-study minerals (China cuts all four to the trio), at 1k, 10k and 100k draws. Prints draws/second and
// each run's time relative to the 1k run (linear cost → ratio ≈ draws ratio). Then the same 10k draws with a
// KOR–JPN–USA pooling agreement (every draw runs without and with it), timed against the unpooled 10k run of
// this process, and the LP path alone (HiGHS for every monthly allocation) on a few draws, extrapolated.
// Uses the real network from the database (bench/bench-db.ts), or with --synthetic a synthetic network of the
// same shape: 3 trio importers + rest of world, ~200 origins, every mineral (molybdenum has no trade in the
// shared data).
// Run: npx tsx bench/scenario.bench.ts [--max 100000]

import { seededUniform } from '../src/analysis/random.ts';
import { SCENARIO_DEFAULTS } from '../src/analysis/scenario/defaults.ts';
import {
  type CompiledMineral,
  compileMineral,
  type EngineInput,
  type MineralNetwork,
  type PoolingRule,
} from '../src/analysis/scenario/engine.ts';
import { type McRanges, monteCarlo } from '../src/analysis/scenario/montecarlo.ts';
import { loadLpPoolSolver, loadPoolSolver, type PoolSolver } from '../src/analysis/scenario/pooling.ts';
import { CASE_STUDY_MINERALS } from '../src/model/minerals.ts';
import { loadScenario } from '../src/services/scenario.ts';
import { Db } from '../src/store/db.ts';
import { benchDatabase } from './bench-db.ts';

const HORIZON = 36;
const M = SCENARIO_DEFAULTS.montecarlo;
const RANGES: McRanges = {
  spareCapacityFactor: M.spareCapacityFactor.value,
  shareCutSpread: M.shareCutSpread.value,
  durationFactor: M.durationFactor.value,
  rampUpFactor: M.rampUpFactor.value,
};
const RESTRICTION = {
  origins: ['CHN'],
  targets: ['KOR', 'JPN', 'USA'],
  shareCut: 1,
  startMonth: 0,
  durationMonths: 18,
};

function syntheticInput(): EngineInput {
  const rand = seededUniform(2024);
  const origins = ['CHN', ...Array.from({ length: 199 }, (_, k) => `O${String(k).padStart(3, '0')}`)];
  const flows = () => Object.fromEntries(origins.map((o) => [o, o === 'CHN' ? 500 : rand() * 10]));
  const networks: MineralNetwork[] = CASE_STUDY_MINERALS.map((mineral) => {
    const importers = ['KOR', 'JPN', 'USA', 'ROW'].map((country) => {
      const supplyByOrigin = flows();
      return {
        country,
        demandPerYear: Object.values(supplyByOrigin).reduce((s, x) => s + x, 0),
        supplyByOrigin,
      };
    });
    return {
      mineral,
      unit: 't',
      worldSupplyPerYear: importers.reduce((s, i) => s + i.demandPerYear, 0),
      producers: Object.fromEntries(origins.map((o) => [o, o === 'CHN' ? 800 : rand() * 2])),
      idleCapacity: mineral === 'gallium' ? Object.fromEntries(origins.map((o) => [o, rand()])) : null,
      importers,
    };
  });
  return {
    horizonMonths: HORIZON,
    networks,
    restrictions: [{ ...RESTRICTION, minerals: [...CASE_STUDY_MINERALS] }],
    response: Object.fromEntries(
      CASE_STUDY_MINERALS.map((m) => [
        m,
        {
          byProduct: m === 'gallium',
          rampUpPerMonth: 1 / 12,
          spareCapacityShare: 0.1,
          idleShareOfWorld: null,
        },
      ]),
    ),
    stocks: Object.fromEntries(CASE_STUDY_MINERALS.map((m) => [m, { KOR: 400, JPN: 300, USA: 0 }])),
    pooling: null,
  };
}

async function realInput(path: string): Promise<EngineInput> {
  const db = await Db.open(path, { readOnly: true });
  try {
    const spec = {
      name: 'bench: China cuts all four minerals to the trio for 18 months',
      minerals: [...CASE_STUDY_MINERALS],
      baselineYear: 2024,
      start: '2025-01',
      horizonMonths: HORIZON,
      restrictions: [RESTRICTION],
    };
    const loaded = await loadScenario(db, { spec });
    for (const g of loaded.gaps) console.log(`  gap: ${g.mineral}: ${g.detail}`);
    return loaded.resolved.input;
  } finally {
    db.close();
  }
}

const maxArg = process.argv.indexOf('--max');
const MAX = maxArg > 0 ? Number(process.argv[maxArg + 1]) : 100_000;
const dbPath = process.argv.includes('--synthetic') ? null : await benchDatabase();
const input = dbPath ? await realInput(dbPath) : syntheticInput();
const compiled: CompiledMineral[] = input.networks.map((n) => compileMineral(n, input));
const edges = compiled.reduce((s, c) => s + c.baseByOrigin.reduce((t, b) => t + Object.keys(b).length, 0), 0);
console.log(
  `scenario bench: ${dbPath ? `real network from ${dbPath}` : 'synthetic network'}; minerals ${compiled.map((c) => c.mineral).join(', ')}; ` +
    `${compiled.reduce((s, c) => s + c.n, 0)} importer nodes, ${edges} origin edges; horizon ${HORIZON} months`,
);
monteCarlo(compiled, RANGES, 2_000, 1); // warm-up (JIT)
let base = 0;
let previous: { draws: number; s: number } | null = null;
let unpooled10k = Number.NaN;
for (const draws of [1_000, 10_000, 100_000].filter((d) => d <= MAX)) {
  const t0 = performance.now();
  const r = monteCarlo(compiled, RANGES, draws, 1);
  const s = (performance.now() - t0) / 1000;
  if (!base) base = s / draws;
  const kor = r.bands.find((b) => b.country === 'KOR');
  console.log(
    `${String(draws).padStart(7)} draws: ${s.toFixed(3)} s, ${Math.round(draws / s).toLocaleString('en-US')} draws/s, ` +
      `time ×${(s / (base * 1_000)).toFixed(1)} vs 1k (linear: ×${draws / 1_000})` +
      (previous
        ? `, ×${(s / previous.s).toFixed(1)} vs ${previous.draws / 1_000}k (linear: ×${draws / previous.draws}); `
        : '; ') +
      `heap ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MB; KOR ${kor?.mineral} TTS p50 ${kor?.ttsMonths.p50}`,
  );
  previous = { draws, s };
  if (draws === 10_000) unpooled10k = s;
}

// Pooled: the trio lends up to the default share of its stock (lenders protected, no repayment).
const RULE: PoolingRule = {
  members: ['KOR', 'JPN', 'USA'],
  lendableShare: SCENARIO_DEFAULTS.pooling.lendableShare.value,
  repayment: false,
  protectLenders: SCENARIO_DEFAULTS.pooling.protectLenders.value,
};
const counted = (solve: PoolSolver) => {
  const c = {
    calls: 0,
    solve: ((i) => {
      c.calls++;
      return solve(i);
    }) as PoolSolver,
  };
  return c;
};
const exact = counted(await loadPoolSolver());
monteCarlo(compiled, RANGES, 1_000, 1, { rule: RULE, solve: exact.solve }); // warm-up
exact.calls = 0;
const t1 = performance.now();
const pooled = monteCarlo(compiled, RANGES, 10_000, 1, { rule: RULE, solve: exact.solve });
const sPooled = (performance.now() - t1) / 1000;
const gain = pooled.pooling?.byMineral.flatMap((b) =>
  b.members.map((m) => `${m.country} ${b.mineral} p50 ${m.daysGained.p50.toFixed(1)}`),
);
console.log(
  `  10000 draws with a 3-member pool: ${sPooled.toFixed(3)} s, ${Math.round(10_000 / sPooled).toLocaleString('en-US')} draws/s, ` +
    `×${(sPooled / unpooled10k).toFixed(2)} the unpooled 10k run; ${(exact.calls / 10_000).toFixed(1)} monthly allocations per draw (closed form); ` +
    `days gained: ${gain?.join(', ')}`,
);
const lp = counted(await loadLpPoolSolver());
const LP_DRAWS = 20;
const t2 = performance.now();
monteCarlo(compiled, RANGES, LP_DRAWS, 1, { rule: RULE, solve: lp.solve });
const sLp = (performance.now() - t2) / 1000;
console.log(
  `  LP path alone (HiGHS for every allocation): ${LP_DRAWS} draws ${sLp.toFixed(3)} s, ${((1000 * sLp) / Math.max(1, lp.calls)).toFixed(2)} ms per allocation; ` +
    `10000 draws would take ~${((sLp / LP_DRAWS) * 10_000).toFixed(0)} s (×${(((sLp / LP_DRAWS) * 10_000) / sPooled).toFixed(0)} the closed form)`,
);
console.log('target: 10,000 draws < 5 s on the 2-core machine, with or without the pool');
