// Look-through exposure: trace an importer's purchases upstream through the trade network to the countries
// where the material entered the network (its mining/processing origin). DESIGN.md, Methods:
//   u_{o,i} = share of country i's own supply S_i = P_i + M_i originating in o,
//   u_{·,i} = (P_i·e_i + Σ_j f_{j→i}·u_{·,j}) / S_i   (fixed point over the network),
//   exposure of importer c to origin o = Σ_j s_{j→c}·u_{o,j},  s_{j→c} = f_{j→c} / M_c.
// This is the Leontief-style trace of multi-regional input–output accounting (Miller & Blair, Input–Output
// Analysis, 2009, ch. 8) restricted to one material network. We evaluate it for one importer as the Neumann
// series of the same fixed point: a unit of the importer's purchases is walked upstream; at each country i a
// fraction P_i/S_i stops there (origin i) and the rest is passed to i's suppliers in proportion to f_{j→i}.
// The series converges when every cycle leaks into production; mass still circulating after `maxSteps` (or
// below `tolerance`) is reported as `unresolved`, so origins plus unresolved sum to 1.
//
// Stages: the network is one HS code (one stage). P_i is the production of the stage that code carries, from
// USGS where that stage is published (e.g. gallium 'primary' for HS 811292). Where it is not (cobalt and tungsten
// refining are a known USGS gap) or a country has no positive USGS figure, a country's unexplained exports
// max(0, X_i − M_i) are counted as its own production at that stage and flagged `implied`. Mine output never
// stands in for refinery output. Cost O(steps · edges).

export interface NetworkFlow {
  exporter: string;
  importer: string;
  /** Flow size (tonnes for a quantity trace, USD for a value trace); non-positive flows are ignored. */
  amount: number;
}

export interface LookThroughOptions {
  /** Production at the stage of the traded code, by ISO3, in the flows' unit. */
  production?: ReadonlyMap<string, number>;
  tolerance?: number;
  maxSteps?: number;
}

export interface LookThroughResult {
  /** Origin shares of the importer's purchases, largest first; with `unresolved` they sum to 1. */
  origins: { country: string; share: number }[];
  direct: { country: string; share: number }[];
  unresolved: number;
  /** Countries whose production was implied from exports exceeding imports. */
  implied: string[];
  chinaShare: number;
  directChinaShare: number;
}

export const LOOKTHROUGH_DEFAULTS = { tolerance: 1e-12, maxSteps: 10_000 } as const;

const sorted = (m: Map<string, number>) =>
  [...m.entries()]
    .map(([country, share]) => ({ country, share }))
    .sort((a, b) => b.share - a.share || a.country.localeCompare(b.country));

export interface Network {
  inflows: Map<string, { from: string; amount: number }[]>;
  imports: Map<string, number>;
  exports: Map<string, number>;
}

/** Indexes flows by importer once, so several importers can be traced over the same network. */
export function networkOf(flows: readonly NetworkFlow[]): Network {
  const inflows = new Map<string, { from: string; amount: number }[]>();
  const imports = new Map<string, number>();
  const exports = new Map<string, number>();
  for (const f of flows) {
    if (!(f.amount > 0) || f.exporter === f.importer) continue;
    const list = inflows.get(f.importer) ?? [];
    list.push({ from: f.exporter, amount: f.amount });
    inflows.set(f.importer, list);
    imports.set(f.importer, (imports.get(f.importer) ?? 0) + f.amount);
    exports.set(f.exporter, (exports.get(f.exporter) ?? 0) + f.amount);
  }
  return { inflows, imports, exports };
}

export function lookThrough(
  flows: readonly NetworkFlow[] | Network,
  importer: string,
  opts: LookThroughOptions = {},
): LookThroughResult | null {
  const { tolerance, maxSteps } = { ...LOOKTHROUGH_DEFAULTS, ...opts };
  const { inflows, imports, exports } = Array.isArray(flows) ? networkOf(flows) : (flows as Network);
  const mine = inflows.get(importer);
  if (!mine?.length) return null;

  const implied = new Set<string>();
  const prodCache = new Map<string, number>();
  const prod = (c: string): number => {
    let p = prodCache.get(c);
    if (p === undefined) {
      p = opts.production?.get(c) ?? 0;
      if (!(p > 0)) {
        p = Math.max(0, (exports.get(c) ?? 0) - (imports.get(c) ?? 0));
        if (p > 0) implied.add(c);
      }
      prodCache.set(c, p);
    }
    return p;
  };

  const total = imports.get(importer) ?? 0;
  const direct = new Map<string, number>();
  for (const f of mine) direct.set(f.from, (direct.get(f.from) ?? 0) + f.amount / total);

  const origins = new Map<string, number>();
  let mass = new Map(direct);
  for (let step = 0; step < maxSteps && mass.size; step++) {
    const next = new Map<string, number>();
    for (const [i, m] of mass) {
      const p = prod(i);
      const supply = p + (imports.get(i) ?? 0);
      // A country with exports but no recorded supply is its own origin (nothing upstream to trace).
      const stop = supply > 0 ? p / supply : 1;
      if (stop > 0) origins.set(i, (origins.get(i) ?? 0) + m * stop);
      if (stop >= 1) continue;
      for (const f of inflows.get(i) ?? [])
        next.set(f.from, (next.get(f.from) ?? 0) + (m * (1 - stop) * f.amount) / (imports.get(i) ?? 1));
    }
    mass = new Map([...next].filter(([, m]) => m > tolerance));
  }
  const unresolved = Math.max(0, 1 - [...origins.values()].reduce((s, x) => s + x, 0));
  return {
    origins: sorted(origins),
    direct: sorted(direct),
    unresolved,
    implied: [...implied].sort(),
    chinaShare: origins.get('CHN') ?? 0,
    directChinaShare: direct.get('CHN') ?? 0,
  };
}
