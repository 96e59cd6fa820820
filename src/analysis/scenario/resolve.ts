// Turns a validated spec, the baseline networks and the stock estimates into the engine's input: the spec's
// values where given, else the cited defaults (defaults.ts). Every default used is written to `assumptions` with
// its source. A quota restriction becomes a share cut against the origins' baseline output at its stage:
//   cut = max(0, 1 − 12 · quota per month ÷ Σ_o output_o per year)    (USGS production of the baseline year)
// so that the physical volume the quota allows is what the origins still supply. Pure.
import type { BaselineBuild, ProductionTable } from './baseline.ts';
import { type Cited, SCENARIO_DEFAULTS as D, isByProduct } from './defaults.ts';
import type { EngineInput, EngineRestriction, MineralResponse, PoolingRule } from './engine.ts';
import type { ScenarioSpec } from './spec.ts';
import type { StockEstimate, StockLevel } from './stocks.ts';

export interface ResolvedRestriction extends EngineRestriction {
  id: string | null;
  exportControlId: string | null;
  /** How the cut was set: the spec's share, or the quota against the origins' output. */
  cutBasis: string;
  quotaTonnesPerMonth: number | null;
}

export interface ResolvedStock {
  country: string;
  mineral: string;
  actual: StockLevel;
  target: StockLevel | null;
  holder: string | null;
  governmentShipmentsT: number | null;
  governmentShipmentsLabel: string | null;
}

export interface Resolved {
  input: EngineInput;
  /** The same run with every stock at its policy target (countries without a target keep their actual stock). */
  targetInput: EngineInput | null;
  restrictions: ResolvedRestriction[];
  assumptions: string[];
  stocks: ResolvedStock[];
}

const cite = (what: string, c: Cited<unknown>) =>
  `${what} = ${typeof c.value === 'number' ? +c.value.toFixed(4) : String(c.value)}${c.assumption ? ' (assumption)' : ''}: ${c.source}${c.note ? `; ${c.note}` : ''}`;

const fmtT = (t: number) => Math.round(t).toLocaleString('en-US');

/** The cut a quota implies for each mineral it covers, against the origins' output at the stage. */
function quotaCut(
  r: ScenarioSpec['restrictions'][number],
  mineral: string,
  tables: Record<string, { mine: ProductionTable | null; refined: ProductionTable | null }>,
): { cut: number; basis: string } {
  const quota = r.quotaTonnesPerMonth as number;
  const t = tables[mineral];
  const table = r.stage === 'mined' ? (t?.mine ?? null) : (t?.refined ?? t?.mine ?? null);
  const output = table ? r.origins.reduce((s, o) => s + (table.byCountry[o] ?? 0), 0) : 0;
  if (!table || !(output > 0))
    return {
      cut: 0,
      basis: `quota ${fmtT(quota)} t/month: no USGS output of ${r.origins.join(', ')} to compare it with — no cut applied (gap)`,
    };
  const cut = Math.max(0, Math.min(1, 1 - (12 * quota) / output));
  return {
    cut,
    basis:
      `quota ${fmtT(quota)} t/month (${fmtT(12 * quota)} t/yr) against ${r.origins.join(', ')} ${table.stage} output ` +
      `${fmtT(output)} t in ${table.year} (USGS) → cut ${(100 * cut).toFixed(1)}%`,
  };
}

export function resolveScenario(
  spec: ScenarioSpec,
  builds: BaselineBuild[],
  stockEstimates: StockEstimate[],
  productionTables: Record<string, { mine: ProductionTable | null; refined: ProductionTable | null }>,
  excludedSuppliers: Record<string, string[]>,
): Resolved {
  const assumptions = new Set<string>();
  const networks = builds.map((b) => b.network);
  const response: Record<string, MineralResponse> = {};
  for (const net of networks) {
    const m = net.mineral;
    const own = spec.supplyResponse.byMineral[m] ?? {};
    const byProduct = isByProduct(m);
    const rampDefault = byProduct ? D.supply.byProductRampUpPerMonth : D.supply.primaryRampUpPerMonth;
    const qualDefault = byProduct
      ? D.supply.byProductQualificationMonths
      : D.supply.primaryQualificationMonths;
    const ramp = own.rampUpPerMonth ?? spec.supplyResponse.rampUpPerMonth;
    const qual = own.qualificationMonths ?? spec.supplyResponse.qualificationMonths;
    if (ramp === undefined) assumptions.add(cite(`${m}: ramp-up per month`, rampDefault));
    if (qual === undefined) assumptions.add(cite(`${m}: qualification months`, qualDefault));
    if (byProduct)
      assumptions.add(
        `${m} is a by-product of ${D.byProducts[m]}: replacement of refined ${m} is bounded by idle recovery capacity, not by mine headroom`,
      );
    response[m] = {
      byProduct,
      rampUpPerMonth: ramp ?? rampDefault.value,
      qualificationMonths: qual ?? qualDefault.value,
    };
  }

  const restrictions: ResolvedRestriction[] = [];
  for (const [k, r] of spec.restrictions.entries()) {
    const minerals = (r.minerals ?? spec.minerals).filter((m) => networks.some((n) => n.mineral === m));
    const common = {
      id: r.id ?? `restriction-${k + 1}`,
      exportControlId: r.exportControlId ?? null,
      origins: r.origins,
      targets: r.targets,
      stage: r.stage,
      startMonth: r.startMonth,
      durationMonths: r.durationMonths,
      quotaTonnesPerMonth: r.quotaTonnesPerMonth ?? null,
    };
    if (r.shareCut !== undefined) {
      restrictions.push({
        ...common,
        minerals,
        shareCut: r.shareCut,
        cutBasis: `share cut ${(100 * r.shareCut).toFixed(0)}% (spec)`,
      });
      continue;
    }
    // A quota: one engine restriction per mineral (each mineral's output differs).
    for (const m of minerals) {
      const q = quotaCut(r, m, productionTables);
      restrictions.push({ ...common, minerals: [m], shareCut: q.cut, cutBasis: q.basis });
      assumptions.add(`${common.id} (${m}): ${q.basis}`);
    }
  }

  const stocks: ResolvedStock[] = [];
  const actualMap: Record<string, Record<string, number>> = {};
  const targetMap: Record<string, Record<string, number>> = {};
  let anyTarget = false;
  for (const b of builds) {
    const m = b.network.mineral;
    actualMap[m] = {};
    targetMap[m] = {};
    for (const c of b.countries) {
      const est = stockEstimates.find((s) => s.country === c.country && s.mineral === m);
      const perDay = (c.demand.perYearT ?? 0) / 365;
      const given =
        spec.stockpiles.find((s) => s.country === c.country && s.mineral === m) ??
        spec.stockpiles.find((s) => s.country === c.country && s.mineral === undefined);
      let actual: StockLevel = est?.actual ?? {
        tonnes: 0,
        days: 0,
        basis: 'none',
        label: 'no stock counted — no stock estimate',
        reason: 'not_reported',
        assumption: false,
        rows: [],
        citations: [],
      };
      if (given) {
        const tonnes = given.quantity ?? (given.days as number) * perDay;
        actual = {
          tonnes,
          days: perDay > 0 ? tonnes / perDay : 0,
          basis: 'spec',
          label: `set in the spec: ${given.quantity !== undefined ? `${fmtT(tonnes)} t` : `${given.days} days`} (${fmtT(tonnes)} t)`,
          reason: null,
          assumption: false,
          rows: [],
          citations: [],
        };
      }
      const target = est?.target ?? null;
      if (target) anyTarget = true;
      actualMap[m][c.country] = actual.tonnes;
      targetMap[m][c.country] = target ? target.tonnes : actual.tonnes;
      stocks.push({
        country: c.country,
        mineral: m,
        actual,
        target,
        holder: est?.holder ?? null,
        governmentShipmentsT: est?.governmentShipmentsT ?? null,
        governmentShipmentsLabel: est?.governmentShipmentsLabel ?? null,
      });
      if (actual.assumption) assumptions.add(`${c.country} ${m} stock: ${actual.label}`);
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

  const input: EngineInput = {
    horizonMonths: spec.horizonMonths,
    networks,
    restrictions: restrictions.map(
      ({ id: _i, exportControlId: _e, cutBasis: _c, quotaTonnesPerMonth: _q, ...r }) => r,
    ),
    response,
    stocks: actualMap,
    pooling,
    excludedSuppliers,
  };
  return {
    input,
    targetInput: spec.stockTarget && anyTarget ? { ...input, stocks: targetMap } : null,
    restrictions,
    assumptions: [...assumptions],
    stocks,
  };
}
