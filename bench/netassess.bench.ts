// Benchmark: the net assessment and the cooperation agenda on the real catalogs (pure parts, no database).
// Baseline measured in the same run: loading and validating the YAML catalogs. Reports the cost of the matrix,
// gaps and complementarities, and of the cooperation sensitivity analysis as Dirichlet draws grow (should be
// linear in draws). Times are the best of several runs.

import { cooperationAgenda } from '../src/analysis/cooperation.ts';
import { netAssessment } from '../src/analysis/netassessment.ts';
import { loadCooperationCatalog } from '../src/catalog/cooperation.ts';
import { loadTrioCatalog } from '../src/catalog/trio.ts';

/** Best of `reps` timed runs after one warm-up (the machine is shared: the minimum is the least noisy). */
const time = (reps: number, fn: () => unknown) => {
  fn();
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    fn();
    best = Math.min(best, performance.now() - t0);
  }
  return best;
};

const load = time(20, () => [loadTrioCatalog(), loadCooperationCatalog()]);
const entries = loadTrioCatalog();
const options = loadCooperationCatalog();
const assess = time(50, () => netAssessment(entries));
const assessment = netAssessment(entries);
const noDraws = time(20, () =>
  cooperationAgenda(options, assessment, new Map(), { sensitivity: { draws: 0 } }),
);
const rows = [1_000, 10_000].map((draws) => ({
  draws,
  ms: time(5, () => cooperationAgenda(options, assessment, new Map(), { sensitivity: { draws } })),
}));

const f = (x: number) => x.toFixed(2);
process.stdout.write(
  `catalog load + validation (baseline): ${f(load)} ms (${entries.length} entries, ${options.length} options)\n` +
    `net assessment (3 countries × 9 stages × 13 types, gaps, complementarities): ${f(assess)} ms = ${f(assess / load)}× baseline\n` +
    `cooperation agenda without sensitivity draws: ${f(noDraws)} ms = ${f(noDraws / load)}× baseline\n` +
    rows
      .map(
        (r) =>
          `cooperation agenda with ${r.draws} Dirichlet draws: ${f(r.ms)} ms = ${f(r.ms / load)}× baseline`,
      )
      .join('\n') +
    `\nscaling 1k → 10k draws: ${f(rows[1].ms / rows[0].ms)}× (linear would be 10×)\n`,
);
