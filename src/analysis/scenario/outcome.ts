// Assembles the engine's runs into the scenario outcome: per country × mineral × month (demand, supply by
// origin, stock drawn, unmet, stock), TTS/TTR and cumulative shortfall; the world market view per mineral;
// the pooling comparison (days gained per member versus no agreement, the lenders' trade-off).
// Days gained = (cumulative unmet without − with the agreement) / daily demand (365-day year), per member and
// mineral; the headline per member is the smallest gain over the scenario's minerals (the binding mineral).
import {
  type CompiledMineral,
  compileMineral,
  cumulative,
  daysGained,
  type EngineInput,
  type MineralRun,
  REST_OF_WORLD,
  runMineral,
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
  /** Own stock drawn plus stock borrowed from the pool. */
  stockDrawn: number;
  borrowed: number;
  lent: number;
  unmet: number;
  stock: number;
}

export interface CountryOutcome {
  country: string;
  mineral: string;
  unit: string;
  initialStock: number;
  months: MonthRow[];
  ttsMonths: number;
  ttsCensored: boolean;
  ttrMonths: number;
  ttrCensored: boolean;
  /** TTS < TTR: the stock runs out before supply recovers (Simchi-Levi's flag for action). */
  ttsBeforeTtr: boolean;
  cumulativeShortfall: number;
  cumulativeShortfallDays: number;
}

export interface WorldMonth {
  month: number;
  date: string;
  cutVolume: number;
  replacement: number;
  spareAvailable: number;
  unmetModelled: number;
  unmetRestOfWorld: number;
}

export interface WorldView {
  mineral: string;
  unit: string;
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
  /** Per member; with several minerals, the smallest gain over the minerals (see byMineral). */
  daysGained: Record<string, number>;
  byMineral: { mineral: string; unit: string; members: PoolMemberOutcome[] }[];
}

export interface EngineOutcome {
  countries: CountryOutcome[];
  world: WorldView[];
  pooling: PoolingOutcome | null;
  compiled: CompiledMineral[];
}

const perDay = (c: CompiledMineral, i: number) => (c.demand[i] * 12) / 365;

function countryOutcome(c: CompiledMineral, run: MineralRun, i: number, start: string): CountryOutcome {
  const H = c.horizon;
  const st = stressTimes(run, c, i);
  const cum = cumulative(run.unmet, i, H);
  return {
    country: c.countries[i],
    mineral: c.mineral,
    unit: c.unit,
    initialStock: c.stock0[i],
    months: Array.from({ length: H }, (_, t) => {
      const j = i * H + t;
      return {
        month: t,
        date: monthLabel(start, t),
        demand: c.demand[i],
        supply: run.supply[j],
        supplyByOrigin: run.supplyByOrigin?.[i][t] ?? {},
        stockDrawn: run.drawn[j],
        borrowed: run.borrowed[j],
        lent: run.lent[j],
        unmet: run.unmet[j],
        stock: run.stock[j],
      };
    }),
    ...st,
    ttsBeforeTtr: st.ttsMonths < st.ttrMonths,
    cumulativeShortfall: cum,
    cumulativeShortfallDays: perDay(c, i) > 0 ? cum / perDay(c, i) : 0,
  };
}

function worldView(
  c: CompiledMineral,
  run: MineralRun,
  worldSupplyPerYear: number,
  start: string,
): WorldView {
  const H = c.horizon;
  const months = Array.from({ length: H }, (_, t) => {
    let cutVolume = 0;
    let replacement = 0;
    let unmetModelled = 0;
    let unmetRestOfWorld = 0;
    for (let i = 0; i < c.n; i++) {
      cutVolume += run.lost[i * H + t];
      replacement += run.replacement[i * H + t];
      if (c.countries[i] === REST_OF_WORLD) unmetRestOfWorld += run.unmet[i * H + t];
      else unmetModelled += run.unmet[i * H + t];
    }
    return {
      month: t,
      date: monthLabel(start, t),
      cutVolume,
      replacement,
      spareAvailable: run.spareAvailable[t],
      unmetModelled,
      unmetRestOfWorld,
    };
  });
  return { mineral: c.mineral, unit: c.unit, worldSupplyPerYear, months };
}

/** Runs every mineral of the input (with the agreement when one is set) and assembles the outcome. */
export function simulateScenario(input: EngineInput, start: string, solve: PoolSolver | null): EngineOutcome {
  const compiled = input.networks.map((net) => compileMineral(net, input));
  const countries: CountryOutcome[] = [];
  const world: WorldView[] = [];
  const poolByMineral: PoolingOutcome['byMineral'] = [];
  compiled.forEach((c, k) => {
    const { run, noPool } = runMineral(c, input.pooling, solve);
    c.countries.forEach((country, i) => {
      if (country !== REST_OF_WORLD) countries.push(countryOutcome(c, run, i, start));
    });
    world.push(worldView(c, run, input.networks[k].worldSupplyPerYear, start));
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
      poolByMineral.push({ mineral: c.mineral, unit: c.unit, members });
    }
  });
  let pooling: PoolingOutcome | null = null;
  if (input.pooling) {
    const headline: Record<string, number> = {};
    for (const m of input.pooling.members) {
      const gains = poolByMineral.flatMap((b) =>
        b.members.filter((x) => x.country === m).map((x) => x.daysGained),
      );
      if (gains.length) headline[m] = Math.min(...gains);
    }
    pooling = { ...input.pooling, daysGained: headline, byMineral: poolByMineral };
  }
  return { countries, world, pooling, compiled };
}
