// Assembles the engine's runs into the scenario outcome: per country × mineral × month (demand, supply by origin,
// replacement by origin, stock drawn, unmet, stock) in tonnes of contained metal, TTS/TTR, recovery and
// cumulative shortfall; the world market view per mineral; the pooling comparison (days gained per member and
// mineral versus no agreement, the binding mineral named, the lenders' trade-off).
// Days gained = (cumulative unmet without − with the agreement) / daily demand (365-day year).
// Recovery (issue 11, item 7): the run is repeated with every restriction open-ended; the months until that run's
// supply covers demand without stock are the time replacement supply (qualification + ramp) needs. When the actual
// shortfall ends earlier, the measure's end — not recovery — ended it, and the statement says so.
import {
  type CompiledMineral,
  compileMineral,
  cumulative,
  type Draw,
  daysGained,
  type EngineInput,
  type MineralRun,
  nominalDraw,
  REST_OF_WORLD,
  runMineral,
  simulateMineral,
  stressTimes,
} from './engine.ts';
import type { PoolSolver } from './pooling.ts';
import { monthLabel } from './spec.ts';

export interface MonthRow {
  month: number;
  date: string;
  demand: number;
  supply: number;
  supplyByOrigin: Record<string, number>;
  replacementByOrigin: Record<string, number>;
  lost: number;
  replacement: number;
  stockDrawn: number;
  borrowed: number;
  lent: number;
  unmet: number;
  stock: number;
}

export interface Recovery {
  by: 'replacement' | 'measure_end' | 'not_within_horizon' | 'no_shortfall';
  replacementMonths: number | null;
  replacementCensored: boolean;
  measureEndsMonth: number | null;
  statement: string;
}

export interface CountryOutcome {
  country: string;
  mineral: string;
  unit: 't';
  initialStock: number;
  months: MonthRow[];
  ttsMonths: number;
  ttsCensored: boolean;
  ttrMonths: number;
  ttrCensored: boolean;
  ttsBeforeTtr: boolean;
  recovery: Recovery;
  cumulativeShortfall: number;
  cumulativeShortfallDays: number;
}

export interface WorldMonth {
  month: number;
  date: string;
  demand: number;
  cutVolume: number;
  replacement: number;
  spareAvailable: number;
  stockDrawn: number;
  unmetModelled: number;
  unmetRestOfWorld: number;
}

export interface WorldView {
  mineral: string;
  unit: 't';
  worldSupplyPerYear: number;
  months: WorldMonth[];
}

export interface PoolMemberOutcome {
  country: string;
  daysGained: number;
  ttsNoAgreement: number;
  ttsWithAgreement: number;
  cumulativeShortfallNoAgreement: number;
  cumulativeShortfallWithAgreement: number;
  lent: number;
  borrowed: number;
  repaid: number;
  endStockNoAgreement: number;
  endStockWithAgreement: number;
}

export interface PoolingOutcome {
  members: string[];
  lendableShare: number;
  repayment: boolean;
  protectLenders: boolean;
  headline: {
    country: string;
    byMineral: { mineral: string; daysGained: number }[];
    bindingMineral: string | null;
    bindingDaysGained: number | null;
  }[];
  daysGained: Record<string, number>;
  byMineral: { mineral: string; unit: 't'; members: PoolMemberOutcome[] }[];
}

export interface MineralRuns {
  compiled: CompiledMineral;
  run: MineralRun;
  noPool: MineralRun;
}

export interface EngineOutcome {
  countries: CountryOutcome[];
  world: WorldView[];
  pooling: PoolingOutcome | null;
  runs: MineralRuns[];
}

const perDay = (c: CompiledMineral, i: number) => (c.demand[i] * 12) / 365;

/** Month index after which no restriction reaching importer i is in force (null: one is open-ended). */
function measureEnd(c: CompiledMineral, i: number, draw: Draw): number | null {
  let end = -1;
  for (const { atoms } of c.hits[i])
    for (const a of atoms)
      for (const r of a.restr) {
        const e = c.restrictions[r].start + draw.durations[r];
        if (e >= c.horizon) return null;
        end = Math.max(end, e);
      }
  return end < 0 ? null : end;
}

function recovery(
  c: CompiledMineral,
  run: MineralRun,
  open: MineralRun,
  i: number,
  start: string,
  draw: Draw,
): Recovery {
  const H = c.horizon;
  const t0 = Math.min(c.firstStart, H);
  const st = stressTimes(run, c, i);
  const openSt = stressTimes(open, c, i);
  const ends = measureEnd(c, i, draw);
  const replacementMonths = openSt.ttrCensored ? null : openSt.ttrMonths;
  const when = (m: number) => monthLabel(start, t0 + m);
  const repl =
    replacementMonths === null
      ? `replacement supply would not cover the loss within the ${H - t0}-month horizon`
      : `replacement supply (qualification ${c.response.qualificationMonths} months, then ramp-up) would cover the loss after ${replacementMonths} months (${when(replacementMonths)})`;
  if (st.ttrMonths === 0)
    return {
      by: 'no_shortfall',
      replacementMonths,
      replacementCensored: openSt.ttrCensored,
      measureEndsMonth: ends,
      statement: 'no shortfall: supply never falls below demand',
    };
  if (st.ttrCensored)
    return {
      by: 'not_within_horizon',
      replacementMonths,
      replacementCensored: openSt.ttrCensored,
      measureEndsMonth: ends,
      statement: `supply has not recovered by the end of the horizon (${monthLabel(start, H - 1)}); ${repl}`,
    };
  if (replacementMonths !== null && replacementMonths <= st.ttrMonths)
    return {
      by: 'replacement',
      replacementMonths,
      replacementCensored: false,
      measureEndsMonth: ends,
      statement: `supply recovers after ${st.ttrMonths} months (${when(st.ttrMonths)}) through replacement supply while the measure is still in force`,
    };
  return {
    by: 'measure_end',
    replacementMonths,
    replacementCensored: openSt.ttrCensored,
    measureEndsMonth: ends,
    statement:
      `the measure ends${ends !== null ? ` in ${monthLabel(start, ends)}` : ''} before supply recovers: the shortfall stops after ${st.ttrMonths} months because the cut is lifted; ` +
      repl,
  };
}

function countryOutcome(
  c: CompiledMineral,
  run: MineralRun,
  open: MineralRun,
  i: number,
  start: string,
  draw: Draw,
): CountryOutcome {
  const H = c.horizon;
  const st = stressTimes(run, c, i);
  const cum = cumulative(run.unmet, i, H);
  return {
    country: c.countries[i],
    mineral: c.mineral,
    unit: 't',
    initialStock: c.stock0[i],
    months: Array.from({ length: H }, (_, t) => {
      const j = i * H + t;
      return {
        month: t,
        date: monthLabel(start, t),
        demand: c.demand[i],
        supply: run.supply[j],
        supplyByOrigin: run.supplyByOrigin?.[i][t] ?? {},
        replacementByOrigin: run.replacementByOrigin?.[i][t] ?? {},
        lost: run.lost[j],
        replacement: run.replacement[j],
        stockDrawn: run.drawn[j],
        borrowed: run.borrowed[j],
        lent: run.lent[j],
        unmet: run.unmet[j],
        stock: run.stock[j],
      };
    }),
    ...st,
    ttsBeforeTtr: st.ttsMonths < st.ttrMonths,
    recovery: recovery(c, run, open, i, start, draw),
    cumulativeShortfall: cum,
    cumulativeShortfallDays: perDay(c, i) > 0 ? cum / perDay(c, i) : 0,
  };
}

function worldView(c: CompiledMineral, run: MineralRun, start: string): WorldView {
  const H = c.horizon;
  const months = Array.from({ length: H }, (_, t) => {
    let demand = 0;
    let cutVolume = 0;
    let replacement = 0;
    let stockDrawn = 0;
    let unmetModelled = 0;
    let unmetRestOfWorld = 0;
    for (let i = 0; i < c.n; i++) {
      demand += c.demand[i];
      cutVolume += run.lost[i * H + t];
      replacement += run.replacement[i * H + t];
      stockDrawn += run.drawn[i * H + t];
      if (c.countries[i] === REST_OF_WORLD) unmetRestOfWorld += run.unmet[i * H + t];
      else unmetModelled += run.unmet[i * H + t];
    }
    return {
      month: t,
      date: monthLabel(start, t),
      demand,
      cutVolume,
      replacement,
      spareAvailable: run.spareAvailable[t],
      stockDrawn,
      unmetModelled,
      unmetRestOfWorld,
    };
  });
  let world = 0;
  for (let i = 0; i < c.n; i++) world += c.demand[i] * 12;
  return { mineral: c.mineral, unit: 't', worldSupplyPerYear: world, months };
}

/**
 * The run with the measure kept in force to the horizon (for the time replacement alone needs): a restriction is
 * extended unless a later phase of the same measure (same origins and stage, starting at or after its end)
 * follows it, so phased quotas keep their phases and only the last one stays.
 */
export function openEndedRun(c: CompiledMineral, base: Draw = nominalDraw(c)): MineralRun {
  const d: Draw = { ...base, cuts: Float64Array.from(base.cuts), durations: Int32Array.from(base.durations) };
  const same = (a: CompiledMineral['restrictions'][number], b: CompiledMineral['restrictions'][number]) =>
    a.stage === b.stage && a.origins.size === b.origins.size && [...a.origins].every((o) => b.origins.has(o));
  c.restrictions.forEach((r, k) => {
    const end = r.start + base.durations[k];
    const followed = c.restrictions.some((q, j) => j !== k && same(r, q) && q.start >= end);
    if (!followed) d.durations[k] = c.horizon;
  });
  return simulateMineral(c, d, false);
}

/** Runs every mineral of the input (with the agreement when one is set) and assembles the outcome. */
export function simulateScenario(input: EngineInput, start: string, solve: PoolSolver | null): EngineOutcome {
  const compiled = input.networks.map((net) => compileMineral(net, input));
  const countries: CountryOutcome[] = [];
  const world: WorldView[] = [];
  const poolByMineral: PoolingOutcome['byMineral'] = [];
  const runs: MineralRuns[] = [];
  for (const c of compiled) {
    const draw = nominalDraw(c);
    const { run, noPool } = runMineral(c, input.pooling, solve, true, draw);
    const open = openEndedRun(c, draw);
    runs.push({ compiled: c, run, noPool });
    c.countries.forEach((country, i) => {
      if (country !== REST_OF_WORLD) countries.push(countryOutcome(c, run, open, i, start, draw));
    });
    world.push(worldView(c, run, start));
    if (input.pooling) {
      const H = c.horizon;
      const members = input.pooling.members.flatMap((m) => {
        const i = c.countries.indexOf(m);
        if (i < 0) return [];
        const without = cumulative(noPool.unmet, i, H);
        const withPool = cumulative(run.unmet, i, H);
        return [
          {
            country: m,
            daysGained: daysGained(c, i, without, withPool),
            ttsNoAgreement: stressTimes(noPool, c, i).ttsMonths,
            ttsWithAgreement: stressTimes(run, c, i).ttsMonths,
            cumulativeShortfallNoAgreement: without,
            cumulativeShortfallWithAgreement: withPool,
            lent: cumulative(run.lent, i, H),
            borrowed: cumulative(run.borrowed, i, H),
            repaid: cumulative(run.repaid, i, H),
            endStockNoAgreement: noPool.stock[i * H + H - 1],
            endStockWithAgreement: run.stock[i * H + H - 1],
          },
        ];
      });
      poolByMineral.push({ mineral: c.mineral, unit: 't', members });
    }
  }
  let pooling: PoolingOutcome | null = null;
  if (input.pooling) {
    const headline: PoolingOutcome['headline'] = [];
    const binding: Record<string, number> = {};
    for (const m of input.pooling.members) {
      const byMineral = poolByMineral.flatMap((b) =>
        b.members
          .filter((x) => x.country === m)
          .map((x) => ({ mineral: b.mineral, daysGained: x.daysGained })),
      );
      if (!byMineral.length) continue;
      const least = byMineral.reduce((a, b) => (b.daysGained < a.daysGained ? b : a));
      headline.push({
        country: m,
        byMineral,
        bindingMineral: least.mineral,
        bindingDaysGained: least.daysGained,
      });
      binding[m] = least.daysGained;
    }
    pooling = { ...input.pooling, headline, daysGained: binding, byMineral: poolByMineral };
  }
  return { countries, world, pooling, runs };
}
