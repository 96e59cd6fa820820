// Stage-attributed dependence of one importer, in contained metal (DESIGN.md, Methods, "supply-chain model"):
// - shipped by: the customs origin of its imports of every loaded chain code;
// - refined in: where the refining of what it imports happened. Its imports of ore, intermediates and scrap are
//   refined at home. Its imports of refined metal and chemicals are walked upstream through the refined-stage
//   network: at each country i a fraction R_i / (R_i + M_i) stops (R_i its refined output, M_i its refined-stage
//   imports), the rest passes on to i's suppliers in proportion to their flows — the Neumann series of the
//   Leontief-style trace of multi-regional input–output accounting (Miller & Blair, Input–Output Analysis, 2009,
//   ch. 8) on one material network, as many hops as the network needs. A country with no published refined output
//   whose refined exports exceed its refined imports is counted as refining the difference (`implied`).
// - mined in: each refiner's output is traced to its feed: its own mine output first (up to its refined output),
//   then its imports of ore and intermediates (each walked upstream through the feed network to the countries that
//   mine it), and the rest, which no loaded flow explains, by world mine shares excluding the refiner (`imputed`,
//   reported). Mass still circulating after the walk is `unresolved`; shares, unresolved and nothing else sum to 1.
import { type ContainedFlow, FEED_STAGES, REFINED_STAGES } from './contained.ts';

export interface Share {
  country: string;
  share: number;
}

export interface StageView {
  shares: Share[];
  /** China's share; a lower bound when part of the mass is unresolved. */
  china: number;
  unresolved: number;
  /** The part of the view assigned by world mine shares rather than by traced flows (mined in only). */
  imputed: number;
  /** Tonnes of contained metal the view distributes. */
  tonnes: number;
}

export interface TraceInput {
  importer: string;
  /** The year's contained flows of the chain, every country. */
  flows: readonly ContainedFlow[];
  /** The importer's inflows among `flows`, where the caller has them indexed. */
  into?: readonly ContainedFlow[];
  /** Refined output by country, tonnes contained (USGS or secondary shares). */
  refinedOutput: ReadonlyMap<string, number>;
  /**
   * True where the refined output is a complete published table (USGS): no other country is taken to refine,
   * and what no listed refiner explains stays unresolved (secondary refining is not in USGS's primary tables).
   */
  refinedComplete?: boolean;
  /** Mine output by country, tonnes contained; null where the mineral has no mine stage (gallium). */
  mineOutput: ReadonlyMap<string, number> | null;
}

export interface TraceResult {
  shippedBy: StageView | null;
  refinedIn: StageView | null;
  minedIn: StageView | null;
  /** Countries whose refined output was implied from refined exports exceeding refined imports. */
  implied: string[];
  /** Exporters whose flows into the importer carry no quantity (left out of every view). */
  missingQuantity: string[];
}

interface Network {
  inflows: Map<string, { from: string; amount: number }[]>;
  imports: Map<string, number>;
  exports: Map<string, number>;
}

function networkOf(flows: readonly ContainedFlow[], keep: (f: ContainedFlow) => boolean): Network {
  const net: Network = { inflows: new Map(), imports: new Map(), exports: new Map() };
  for (const f of flows) {
    if (!keep(f) || !(f.tonnes !== null && f.tonnes > 0) || f.exporter === f.importer) continue;
    const list = net.inflows.get(f.importer) ?? [];
    list.push({ from: f.exporter, amount: f.tonnes });
    net.inflows.set(f.importer, list);
    net.imports.set(f.importer, (net.imports.get(f.importer) ?? 0) + f.tonnes);
    net.exports.set(f.exporter, (net.exports.get(f.exporter) ?? 0) + f.tonnes);
  }
  return net;
}

/** The refined-stage and feed networks of one year's flows, built once for every importer traced over them. */
const networks = new WeakMap<readonly ContainedFlow[], { refined: Network; feed: Network }>();
function networksOf(flows: readonly ContainedFlow[]) {
  let n = networks.get(flows);
  if (!n) {
    n = {
      refined: networkOf(flows, (f) => REFINED_STAGES.has(f.stage)),
      feed: networkOf(flows, (f) => FEED_STAGES.has(f.stage)),
    };
    networks.set(flows, n);
  }
  return n;
}

const MAX_STEPS = 1000;
const TOLERANCE = 1e-12;

/** Walks unit masses upstream; each country keeps `stop(i)` of what reaches it. */
function walk(start: Map<string, number>, net: Network, stop: (c: string) => number) {
  const origins = new Map<string, number>();
  let mass = start;
  for (let step = 0; step < MAX_STEPS && mass.size; step++) {
    const next = new Map<string, number>();
    for (const [i, m] of mass) {
      const s = stop(i);
      if (s > 0) origins.set(i, (origins.get(i) ?? 0) + m * s);
      if (s >= 1) continue;
      const imp = net.imports.get(i) ?? 0;
      for (const f of net.inflows.get(i) ?? [])
        next.set(f.from, (next.get(f.from) ?? 0) + (m * (1 - s) * f.amount) / imp);
    }
    mass = new Map([...next].filter(([, m]) => m > TOLERANCE));
  }
  return origins;
}

const sorted = (m: Map<string, number>): Share[] =>
  [...m.entries()]
    .filter(([, s]) => s > 0)
    .map(([country, share]) => ({ country, share }))
    .sort((a, b) => b.share - a.share || a.country.localeCompare(b.country));

function view(mass: Map<string, number>, tonnes: number, imputed = 0): StageView {
  const total = [...mass.values()].reduce((a, b) => a + b, 0);
  return {
    shares: sorted(mass),
    china: mass.get('CHN') ?? 0,
    unresolved: Math.max(0, 1 - total),
    imputed,
    tonnes,
  };
}

/** The importer's three views. */
export function stageTrace(input: TraceInput): TraceResult {
  const { importer, refinedOutput, mineOutput } = input;
  const into = input.into ?? input.flows.filter((f) => f.importer === importer && f.exporter !== importer);
  const missingQuantity = [...new Set(into.filter((f) => f.tonnes === null).map((f) => f.exporter))].sort();
  const measured = into.filter((f) => f.tonnes !== null && f.tonnes > 0);
  const total = measured.reduce((s, f) => s + f.tonnes!, 0);
  if (!(total > 0)) return { shippedBy: null, refinedIn: null, minedIn: null, implied: [], missingQuantity };

  const shipped = new Map<string, number>();
  for (const f of measured) shipped.set(f.exporter, (shipped.get(f.exporter) ?? 0) + f.tonnes! / total);

  // refined in
  const { refined: refinedNet, feed: feedNet } = networksOf(input.flows);
  const implied = new Set<string>();
  const refined = (c: string) => {
    const r = refinedOutput.get(c) ?? 0;
    if (r > 0 || input.refinedComplete) return r;
    const x = Math.max(0, (refinedNet.exports.get(c) ?? 0) - (refinedNet.imports.get(c) ?? 0));
    if (x > 0) implied.add(c);
    return x;
  };
  const refinedStop = (c: string) => {
    const r = refined(c);
    const supply = r + (refinedNet.imports.get(c) ?? 0);
    // a country that neither refines nor imports refined metal explains nothing: its mass stays unresolved
    return supply > 0 ? r / supply : 0;
  };
  const startRefined = new Map<string, number>();
  let feedHome = 0;
  for (const f of measured) {
    if (FEED_STAGES.has(f.stage)) feedHome += f.tonnes! / total;
    else startRefined.set(f.exporter, (startRefined.get(f.exporter) ?? 0) + f.tonnes! / total);
  }
  const refinedMass = walk(startRefined, refinedNet, refinedStop);
  if (feedHome > 0) refinedMass.set(importer, (refinedMass.get(importer) ?? 0) + feedHome);

  // mined in
  let minedIn: StageView | null = null;
  if (mineOutput) {
    const mineStop = (c: string) => {
      const p = mineOutput.get(c) ?? 0;
      const supply = p + (feedNet.imports.get(c) ?? 0);
      // a country that neither mines nor imports feed explains nothing: its mass stays unresolved
      return supply > 0 ? p / supply : 0;
    };
    const worldMine = [...mineOutput.values()].reduce((a, b) => a + b, 0);
    const mined = new Map<string, number>();
    let imputed = 0;
    const add = (m: Map<string, number>, weight: number) => {
      for (const [c, s] of m) mined.set(c, (mined.get(c) ?? 0) + s * weight);
    };
    const imputeExcept = (refiner: string, weight: number) => {
      const rest = worldMine - (mineOutput.get(refiner) ?? 0);
      if (!(rest > 0) || !(weight > 0)) return;
      imputed += weight;
      for (const [c, p] of mineOutput) if (c !== refiner && p > 0) add(new Map([[c, p / rest]]), weight);
    };
    // the importer's own feed imports, traced upstream to the mines
    const feedStart = new Map<string, number>();
    for (const f of measured)
      if (FEED_STAGES.has(f.stage))
        feedStart.set(f.exporter, (feedStart.get(f.exporter) ?? 0) + f.tonnes! / total);
    add(walk(feedStart, feedNet, mineStop), 1);
    // each refiner's output, traced to its feed
    for (const [r, w] of refinedMass) {
      // the importer's own feed imports are traced above; what else reaches it came back as refined metal
      const weight = r === importer ? w - feedHome : w;
      if (!(weight > 0)) continue;
      const out = refined(r);
      if (!(out > 0)) {
        imputeExcept(r, weight);
        continue;
      }
      const own = Math.min(mineOutput.get(r) ?? 0, out);
      if (own > 0) add(new Map([[r, own / out]]), weight);
      const feedIn = feedNet.inflows.get(r) ?? [];
      const feedTotal = feedNet.imports.get(r) ?? 0;
      const fromImports = Math.min(feedTotal, out - own);
      if (fromImports > 0) {
        const start = new Map<string, number>();
        for (const f of feedIn) start.set(f.from, (start.get(f.from) ?? 0) + f.amount / feedTotal);
        add(walk(start, feedNet, mineStop), (weight * fromImports) / out);
      }
      imputeExcept(r, (weight * (out - own - fromImports)) / out);
    }
    minedIn = view(mined, total, imputed);
  }

  return {
    shippedBy: view(shipped, total),
    refinedIn: view(refinedMass, total),
    minedIn,
    implied: [...implied].sort(),
    missingQuantity,
  };
}
