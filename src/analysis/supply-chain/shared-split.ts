// Splitting a shared HS code (811292: unwrought Ga, Ge, Hf, In, Nb, Re, V) between the materials it carries, by
// each exporter's production basket (USGS world production tables of each material). Rule, per exporter e and
// mineral m (DESIGN.md, Methods, "shared codes"):
// - e produces some material of the code but not m  → e's flows carry no m (a country that produces none of a
//   mineral never appears as its origin: Brazil's 811292 is niobium, not gallium);
// - e produces m → m's fraction of e's flows is its tonnage share among the materials e produces whose USGS series
//   measures the metal the code carries (`weighing`: gallium primary, germanium and indium refinery, rhenium);
//   low bound: its share among everything e produces, ore-measured niobium and vanadium included (as if all of it
//   were traded as unwrought metal); high bound 1 (all of e's 811292 could be m);
// - e produces none of them (a trader such as Hong Kong or Singapore) → the import-weighted fraction of its own
//   suppliers of the code (a fixed point, solved by Jacobi iteration); with no imports of the code either, its
//   shipments cannot be attributed (`unattributed`: central 0, up to 1), never a world average.
// Secondary (recycled) output is not in the USGS tables: a recycler's exports follow the trader rule.

export interface BasketInput {
  mineral: string;
  /** Every material the code carries, the mineral included. */
  materials: readonly string[];
  /** Materials whose USGS series measures the unwrought metal the code carries. */
  weighing: ReadonlySet<string>;
  /** Production (any consistent unit per material, tonnes here) by material, then country. */
  production: ReadonlyMap<string, ReadonlyMap<string, number>>;
  /** The code's flows in the year (gross tonnes, or value where tonnes are missing), for the trader rule. */
  flows: readonly { exporter: string; importer: string; amount: number }[];
}

export type FractionRule = 'own-basket' | 'not-a-producer' | 'trader' | 'unattributed';

export interface Fraction {
  central: number;
  low: number;
  high: number;
  rule: FractionRule;
}

const ITERATIONS = 50;

/** The mineral's fraction of each exporter's flows of the shared code. */
export function basketFractions(input: BasketInput): Map<string, Fraction> {
  const { mineral, materials, weighing, production } = input;
  const producedBy = (c: string) => materials.filter((m) => (production.get(m)?.get(c) ?? 0) > 0);
  const sum = (ms: readonly string[], c: string) =>
    ms.reduce((s, m) => s + (production.get(m)?.get(c) ?? 0), 0);

  const unattributed: Fraction = { central: 0, low: 0, high: 1, rule: 'unattributed' };

  const out = new Map<string, Fraction>();
  const exporters = new Set(input.flows.map((f) => f.exporter));
  const traders: string[] = [];
  for (const e of exporters) {
    const basket = producedBy(e);
    if (!basket.length) {
      traders.push(e);
      continue;
    }
    if (!basket.includes(mineral)) {
      out.set(e, { central: 0, low: 0, high: 0, rule: 'not-a-producer' });
      continue;
    }
    const own = production.get(mineral)?.get(e) ?? 0;
    // the mineral itself always weighs in its own split (niobium's share of a Canadian 811292 flow: niobium
    // against the metal-measured indium Canada also produces)
    const w = basket.filter((m) => weighing.has(m) || m === mineral);
    const central = own / sum(w, e);
    out.set(e, { central, low: own / sum(basket, e), high: 1, rule: 'own-basket' });
  }
  if (!traders.length) return out;

  // traders: the import-weighted fraction of their suppliers, iterated to a fixed point
  const inflows = new Map<string, { from: string; amount: number }[]>();
  const isTrader = new Set(traders);
  for (const f of input.flows) {
    if (!(f.amount > 0) || !isTrader.has(f.importer)) continue;
    const list = inflows.get(f.importer) ?? [];
    list.push({ from: f.exporter, amount: f.amount });
    inflows.set(f.importer, list);
  }
  let current = new Map(traders.map((t) => [t, unattributed]));
  for (let k = 0; k < ITERATIONS; k++) {
    const next = new Map<string, Fraction>();
    for (const t of traders) {
      const list = inflows.get(t);
      if (!list) {
        next.set(t, unattributed);
        continue;
      }
      let total = 0;
      let c = 0;
      let lo = 0;
      let hi = 0;
      for (const f of list) {
        const s = out.get(f.from) ?? current.get(f.from) ?? unattributed;
        total += f.amount;
        c += f.amount * s.central;
        lo += f.amount * s.low;
        hi += f.amount * s.high;
      }
      next.set(t, { central: c / total, low: lo / total, high: hi / total, rule: 'trader' });
    }
    current = next;
  }
  for (const [t, f] of current) out.set(t, f);
  return out;
}
