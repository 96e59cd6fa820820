// Turns a validated spec and the baseline networks into the engine's input: the spec's values where given,
// else the cited defaults (defaults.ts). Every default used is written to `assumptions` with its source.
import { type Cited, SCENARIO_DEFAULTS as D, defaultStockDays, isByProduct } from './defaults.ts';
import {
  type EngineInput,
  type MineralNetwork,
  type MineralResponse,
  type PoolingRule,
  REST_OF_WORLD,
} from './engine.ts';
import type { ScenarioSpec } from './spec.ts';

export interface Resolved {
  input: EngineInput;
  assumptions: string[];
  /** Stock per country × mineral with how it was set. */
  stocks: { country: string; mineral: string; days: number; quantity: number; unit: string; basis: string }[];
}

const cite = (what: string, c: Cited<unknown>) =>
  `${what} = ${typeof c.value === 'number' ? +c.value.toFixed(4) : String(c.value)}${c.assumption ? ' (assumption)' : ''}: ${c.source}${c.note ? `; ${c.note}` : ''}`;

/** Applies user-set demand: rescales the importer's supply by origin to the new total. */
function withDemand(net: MineralNetwork, spec: ScenarioSpec): MineralNetwork {
  const set = spec.demand.filter((d) => d.mineral === net.mineral);
  if (!set.length) return net;
  return {
    ...net,
    importers: net.importers.map((imp) => {
      const d = set.find((x) => x.country === imp.country);
      if (!d || !(imp.demandPerYear > 0)) return imp;
      const f = d.perYear / imp.demandPerYear;
      return {
        ...imp,
        demandPerYear: d.perYear,
        supplyByOrigin: Object.fromEntries(Object.entries(imp.supplyByOrigin).map(([o, q]) => [o, q * f])),
      };
    }),
  };
}

export function resolveScenario(spec: ScenarioSpec, baseNetworks: MineralNetwork[]): Resolved {
  const assumptions = new Set<string>();
  const networks = baseNetworks.map((n) => withDemand(n, spec));
  const response: Record<string, MineralResponse> = {};
  for (const net of networks) {
    const m = net.mineral;
    const own = spec.supplyResponse.byMineral[m] ?? {};
    const byProduct = isByProduct(m);
    const fallbackIdle =
      byProduct && net.idleCapacity === null ? D.supply.byProductIdleShareOfWorld[m as 'gallium'] : undefined;
    const rampDefault = byProduct ? D.supply.byProductRampUpPerMonth : D.supply.primaryRampUpPerMonth;
    const spareDefault = byProduct ? D.supply.byProductRestartableShare : D.supply.primarySpareShare;
    const ramp = own.rampUpPerMonth ?? spec.supplyResponse.rampUpPerMonth;
    const spare = own.spareCapacityShare ?? spec.supplyResponse.spareCapacityShare;
    if (ramp === undefined) assumptions.add(cite(`${m}: ramp-up per month`, rampDefault));
    if (spare === undefined)
      assumptions.add(
        cite(
          `${m}: ${byProduct ? 'restartable share of idle by-product capacity' : 'spare capacity share'}`,
          spareDefault,
        ),
      );
    if (byProduct)
      assumptions.add(
        `${m} is a by-product of ${D.byProducts[m]}: spare capacity is bounded by idle recovery capacity, not by mine headroom`,
      );
    if (fallbackIdle)
      assumptions.add(
        cite(`${m}: idle recovery capacity outside the restricting country, share of world`, fallbackIdle),
      );
    response[m] = {
      byProduct,
      rampUpPerMonth: ramp ?? rampDefault.value,
      spareCapacityShare: spare ?? spareDefault.value,
      idleShareOfWorld: fallbackIdle?.value ?? null,
    };
  }

  const stocks: Resolved['stocks'] = [];
  const stockMap: Record<string, Record<string, number>> = {};
  for (const net of networks) {
    stockMap[net.mineral] = {};
    for (const imp of net.importers) {
      if (imp.country === REST_OF_WORLD) continue;
      const given =
        spec.stockpiles.find((s) => s.country === imp.country && s.mineral === net.mineral) ??
        spec.stockpiles.find((s) => s.country === imp.country && s.mineral === undefined);
      const perDay = imp.demandPerYear / 365;
      let days: number;
      let quantity: number;
      let basis: string;
      if (given?.quantity !== undefined) {
        quantity = given.quantity;
        days = perDay > 0 ? quantity / perDay : 0;
        basis = 'spec (quantity)';
      } else if (given?.days !== undefined) {
        days = given.days;
        quantity = days * perDay;
        basis = 'spec (days)';
      } else {
        const c = defaultStockDays(imp.country, net.mineral);
        days = c.value;
        quantity = days * perDay;
        basis = c.assumption ? 'default (assumption)' : 'default (policy)';
        assumptions.add(cite(`${imp.country} stock days (${net.mineral})`, c));
      }
      stockMap[net.mineral][imp.country] = quantity;
      stocks.push({ country: imp.country, mineral: net.mineral, days, quantity, unit: net.unit, basis });
    }
  }

  let pooling: PoolingRule | null = null;
  if (spec.pooling) {
    const p = spec.pooling;
    if (p.lendableShare === undefined)
      assumptions.add(cite('pooling: lendable share of each stock', D.pooling.lendableShare));
    if (p.protectLenders === undefined)
      assumptions.add(cite('pooling: protect lenders', D.pooling.protectLenders));
    pooling = {
      members: p.members,
      lendableShare: p.lendableShare ?? D.pooling.lendableShare.value,
      repayment: p.repayment,
      protectLenders: p.protectLenders ?? D.pooling.protectLenders.value,
    };
  }

  return {
    input: {
      horizonMonths: spec.horizonMonths,
      networks,
      restrictions: spec.restrictions.map((r) => ({
        origins: r.origins,
        minerals: r.minerals ?? spec.minerals,
        targets: r.targets,
        shareCut: r.shareCut,
        startMonth: r.startMonth,
        durationMonths: r.durationMonths,
        lookThrough: r.lookThrough,
      })),
      response,
      stocks: stockMap,
      pooling,
    },
    assumptions: [...assumptions],
    stocks,
  };
}
