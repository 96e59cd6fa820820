// Benchmark: political alignment and the partner ranking on the real database.
//   1. All-dyad UNGA alignment for one year (2019: ≈193 countries, ≈18,500 pairs, agreement + S + kappa each):
//      (a) the bitset kernel (src/analysis/alignment/all-dyads.ts: per-country yes/abstain/no bit vectors,
//          popcount of ANDs, metrics written into typed C×C matrices);
//      (b) baseline: the per-pair JS loop — for each pair, align the two vote vectors by roll call from Maps
//          and cross-tabulate them (dyadAlignment);
//      (c) baseline: naive per-pair SQL — one GROUP BY query per pair for its 3×3 crosstab, timed on a sample
//          of pairs and extrapolated to all pairs.
//   2. The full partner ranking (services/partners.ts) with 10,000 draws of the weights (Dirichlet) and of the
//      data (dataUncertainty, on explicitly), against the same ranking with no draws (the point estimate), and the
//      composite step alone.
// In-process timings are the median of REPS runs after one warm-up run (JIT); SQL timings are single runs.
// Database: $MINSEC_BENCH_DB, else $MINSEC_DB, else ./minsec.duckdb; built from ../shared/data into the OS temp
// dir when none exists.

import { allDyadMatrices, voteMatrix } from '../src/analysis/alignment/all-dyads.ts';
import { dyadAlignment } from '../src/analysis/alignment/dyad.ts';
import { compositeRanking } from '../src/analysis/partners/composite.ts';
import { INDICATOR_IDS } from '../src/analysis/partners/indicators.ts';
import { partners } from '../src/services/partners.ts';
import { Db } from '../src/store/db.ts';
import { votes } from '../src/store/queries/partners.ts';
import { benchDatabase } from './bench-db.ts';

const YEAR = 2019;
const DRAWS = 10_000;
const SQL_SAMPLE = 150;
const REPS = 5;

async function time<T>(fn: () => Promise<T> | T): Promise<[T, number]> {
  const t = performance.now();
  const r = await fn();
  return [r, performance.now() - t];
}

const ms = (x: number) => `${x.toFixed(1)} ms`;

/** Median time of REPS runs after one warm-up run; returns the last result. */
async function median<T>(fn: () => Promise<T> | T): Promise<[T, number]> {
  await fn();
  const times: number[] = [];
  let last: T | undefined;
  for (let i = 0; i < REPS; i++) {
    const [r, t] = await time(fn);
    last = r;
    times.push(t);
  }
  times.sort((a, b) => a - b);
  return [last as T, times[Math.floor(REPS / 2)]];
}

const db = await Db.open(await benchDatabase(), { readOnly: true });
try {
  // 1. All-dyad alignment.
  const [rows, tQuery] = await time(() => votes(db, { from: YEAR, to: YEAR }));
  const [matrix, tMatrix] = await median(() => voteMatrix(rows));
  const [mats, tKernel] = await median(() => allDyadMatrices(matrix));
  const c = matrix.countries.length;
  const pairs = (c * (c - 1)) / 2;

  const [loop, tLoop] = await median(() => {
    const byCountry = new Map<string, Map<number, number>>();
    for (const r of rows) {
      if (!byCountry.has(r.country)) byCountry.set(r.country, new Map());
      byCountry.get(r.country)?.set(r.rcid, r.vote);
    }
    const countries = [...byCountry.keys()].sort();
    const out: { i: number; j: number; votes: number; agreement: number | null }[] = [];
    for (let i = 0; i < countries.length; i++)
      for (let j = i + 1; j < countries.length; j++) {
        const a = byCountry.get(countries[i]) as Map<number, number>;
        const b = byCountry.get(countries[j]) as Map<number, number>;
        const x: number[] = [];
        const y: number[] = [];
        for (const [rcid, v] of a) {
          const w = b.get(rcid);
          if (w !== undefined) {
            x.push(v);
            y.push(w);
          }
        }
        out.push({ i, j, ...dyadAlignment(x, y) });
      }
    return out;
  });
  const mismatches = loop.filter(
    (d) =>
      d.votes !== mats.votes[d.i * c + d.j] ||
      !Object.is(d.agreement ?? Number.NaN, mats.agreement[d.i * c + d.j]),
  ).length;

  const sample = loop
    .filter((_, k) => k % Math.ceil(pairs / SQL_SAMPLE) === 0)
    .map((d) => ({ a: matrix.countries[d.i], b: matrix.countries[d.j] }));
  const [, tSql] = await time(async () => {
    for (const d of sample)
      await db.all(
        `SELECT a.vote AS va, b.vote AS vb, count(*) AS n FROM un_votes a JOIN un_votes b USING (rcid)
         JOIN un_roll_calls r USING (rcid) WHERE r.year = ? AND a.country = ? AND b.country = ? GROUP BY 1, 2`,
        [YEAR, d.a, d.b],
      );
  });
  const tSqlAll = (tSql / sample.length) * pairs;

  process.stdout.write(
    `All-dyad UNGA alignment, ${YEAR}: ${matrix.countries.length} countries, ${matrix.rcids.length} roll calls, ${pairs} pairs\n` +
      `  load votes (SQL)                 ${ms(tQuery)}  (${rows.length} votes)\n` +
      `  (a) bitset kernel                ${ms(tMatrix + tKernel)}  (matrix ${ms(tMatrix)} + pairs ${ms(tKernel)})\n` +
      `  (b) per-pair JS loop (baseline)  ${ms(tLoop)}   ratio b/a = ${(tLoop / (tMatrix + tKernel)).toFixed(1)}×  (${mismatches} mismatching pairs)\n` +
      `  (c) per-pair SQL (baseline)      ${ms(tSqlAll)} extrapolated from ${sample.length} pairs (${ms(tSql)})   ratio c/a = ${(tSqlAll / (tMatrix + tKernel)).toFixed(0)}×\n`,
  );

  // 2. Partner ranking.
  const [point, tPoint] = await median(() => partners(db, { draws: 0 }));
  const [full, tFull] = await median(() => partners(db, { draws: DRAWS, seed: 1, dataUncertainty: true }));
  const matrixN = point.ranking.map((r) => INDICATOR_IDS.map((id) => r.indicators[id].normalised));
  const w = INDICATOR_IDS.map((id) => point.weights[id]);
  const [, tComposite] = await median(() =>
    compositeRanking(
      point.ranking.map((r) => r.country),
      matrixN,
      w,
      { draws: DRAWS, seed: 1 },
    ),
  );
  process.stdout.write(
    `Partner ranking: ${full.ranking.length} candidates × ${INDICATOR_IDS.length} indicators, ${full.minerals.length} minerals\n` +
      `  full service, ${DRAWS} weight and data draws ${ms(tFull)}\n` +
      `  full service, no draws (baseline) ${ms(tPoint)}   ratio = ${(tFull / tPoint).toFixed(2)}×\n` +
      `  composite step alone, ${DRAWS} draws ${ms(tComposite)}  (${((tComposite / DRAWS) * 1000).toFixed(1)} µs per draw)\n`,
  );
} finally {
  db.close();
}
