// Deterministic monthly disruption simulation over a trade network (DESIGN.md, Scenario engine; Methods:
// stress test after Simchi-Levi, Wang & Wei 2014/2015, "time-to-survive" vs "time-to-recover").
//
// Per mineral and month t, for each importer i (the modelled countries plus the rest of the world, ROW):
//   lost_i(t)   = Σ_o s_io · (1 − Π_{r active, i∈targets_r} (1 − cut_r · a_ro))      s_io: baseline monthly flow,
//                 a_ro = 1 if o is one of r's origins; with look-through, a_ro = share of o's imports from r's
//                 origins (one hop of DESIGN.md's look-through: an intermediary ships less of what it cannot get)
//   X(t)        = spare · min(1, ramp · (t − t0))      spare: non-restricted producers' extra output at full ramp,
//                 t0: first month of the disruption (no replacement in that month: restarting capacity takes time)
//   repl_i(t)   = X(t) shared pro rata to baseline imports among importers with lost supply, capped at lost_i
//   supply_i(t) = D_i − lost_i + repl_i ;  gap_i = D_i − supply_i
//   drawn_i(t)  = min(stock_i, gap_i) (+ stock borrowed from a pool) ;  unmet_i = gap_i − drawn_i
// so supply + drawn + unmet = D every month. TTS = months from t0 until unmet first > 0 (horizon − t0 if never);
// TTR = months from t0 until supply ≥ demand for good without stock (0 if never short; horizon − t0 if not by
// the end). Stocks are not rebuilt within the horizon. Pure: no I/O; the pooling LP is passed in as a function.
import type { PoolSolver } from './pooling.ts';

export const REST_OF_WORLD = 'ROW';

export interface ImporterBaseline {
  /** ISO3, or ROW for every importer outside the modelled countries. */
  country: string;
  demandPerYear: number;
  /** Annual supply by origin (an importer's own production under its own code); Σ = demandPerYear. */
  supplyByOrigin: Record<string, number>;
}

export interface MineralNetwork {
  mineral: string;
  /** Unit of every flow, demand and stock of this mineral ('t' or 'USD'). */
  unit: string;
  /** World market size per year in the network's unit (world exports of the mineral's codes). */
  worldSupplyPerYear: number;
  /** Producers' output weights per year (any unit; only shares are used); key OTHER for a remainder row. */
  producers: Record<string, number>;
  /** By-products: idle recovery capacity per producer, same unit as producers; null when unknown. */
  idleCapacity: Record<string, number> | null;
  /** Per country, the share of its imports from each origin (for look-through restrictions). */
  importShares?: Record<string, Record<string, number>>;
  importers: ImporterBaseline[];
}

export interface EngineRestriction {
  origins: string[];
  minerals: string[];
  targets: 'all' | string[];
  shareCut: number;
  startMonth: number;
  /** null = to the end of the horizon. */
  durationMonths: number | null;
  /** Also cut third countries' shipments by their import share from the origins (one-hop look-through). */
  lookThrough?: boolean;
}

export interface MineralResponse {
  byProduct: boolean;
  rampUpPerMonth: number;
  /** Primary: extra output share of non-restricted producers; by-product: restartable share of idle capacity. */
  spareCapacityShare: number;
  /** By-product without an idle-capacity table: idle capacity outside the restricting country, share of world. */
  idleShareOfWorld: number | null;
}

export interface PoolingRule {
  members: string[];
  lendableShare: number;
  repayment: boolean;
  protectLenders: boolean;
}

export interface EngineInput {
  horizonMonths: number;
  networks: MineralNetwork[];
  restrictions: EngineRestriction[];
  response: Record<string, MineralResponse>;
  /** Initial stock per mineral and country, in the network's unit. */
  stocks: Record<string, Record<string, number>>;
  pooling: PoolingRule | null;
}

/** Uncertain parameters one simulation uses (Monte Carlo varies them). */
export interface Draw {
  /** Per restriction of the compiled mineral. */
  cuts: Float64Array;
  /** Per restriction; the horizon for open-ended cuts. */
  durations: Int32Array;
  rampUpPerMonth: number;
  spareFactor: number;
}

interface Edge {
  i: number;
  origin: string;
  base: number;
  restr: number[];
  /** a_ro per entry of restr: 1 for a direct origin, the import share for a look-through intermediary. */
  factor: number[];
}

export interface CompiledMineral {
  mineral: string;
  unit: string;
  horizon: number;
  countries: string[];
  n: number;
  demand: Float64Array;
  weight: Float64Array;
  baseByOrigin: Record<string, number>[];
  edges: Edge[];
  restrictions: { start: number; origins: Set<string>; duration: number; cut: number }[];
  firstStart: number;
  stock0: Float64Array;
  response: MineralResponse;
  spare: (mask: number) => { total: number; byOrigin: Record<string, number> };
}

const sum = (xs: Iterable<number>) => {
  let s = 0;
  for (const x of xs) s += x;
  return s;
};

/** Prepares one mineral's network for repeated simulation. */
export function compileMineral(net: MineralNetwork, input: EngineInput): CompiledMineral {
  const H = input.horizonMonths;
  const response = input.response[net.mineral];
  if (!response) throw new Error(`no supply response for ${net.mineral}`);
  const countries = net.importers.map((m) => m.country);
  const n = countries.length;
  const demand = new Float64Array(n);
  const weight = new Float64Array(n);
  const stock0 = new Float64Array(n);
  const baseByOrigin = net.importers.map((imp, i) => {
    demand[i] = imp.demandPerYear / 12;
    const monthly: Record<string, number> = {};
    for (const [o, q] of Object.entries(imp.supplyByOrigin)) {
      monthly[o] = q / 12;
      if (o !== imp.country) weight[i] += q / 12;
    }
    stock0[i] = input.stocks[net.mineral]?.[imp.country] ?? 0;
    return monthly;
  });
  const relevant = input.restrictions.filter((r) => r.minerals.includes(net.mineral));
  const restrictions = relevant.map((r) => ({
    start: r.startMonth,
    origins: new Set(r.origins),
    duration: r.durationMonths ?? H,
    cut: r.shareCut,
  }));
  const edges: Edge[] = [];
  net.importers.forEach((imp, i) => {
    for (const [origin, q] of Object.entries(imp.supplyByOrigin)) {
      if (origin === imp.country || !(q > 0)) continue;
      const restr: number[] = [];
      const factor: number[] = [];
      relevant.forEach((r, k) => {
        if (r.targets !== 'all' && !r.targets.includes(imp.country)) return;
        const a = r.origins.includes(origin)
          ? 1
          : r.lookThrough
            ? r.origins.reduce((s, o) => s + (net.importShares?.[origin]?.[o] ?? 0), 0)
            : 0;
        if (a > 0) {
          restr.push(k);
          factor.push(Math.min(1, a));
        }
      });
      if (restr.length) edges.push({ i, origin, base: q / 12, restr, factor });
    }
  });
  const firstStart = restrictions.length ? Math.min(...restrictions.map((r) => r.start)) : H;
  return {
    mineral: net.mineral,
    unit: net.unit,
    horizon: H,
    countries,
    n,
    demand,
    weight,
    baseByOrigin,
    edges,
    restrictions,
    firstStart,
    stock0,
    response,
    spare: spareCapacity(net, response, restrictions),
  };
}

/**
 * Extra monthly supply non-restricted producers can add at full ramp, given which restrictions are active
 * (bit mask). Primary: spareShare × (their share of world output) × world market. By-products: idle recovery
 * capacity outside the restricting origins (USGS capacity − production) as a share of world output × world
 * market × restartable share — bounded by the host industry, not by a mine's headroom.
 */
function spareCapacity(net: MineralNetwork, resp: MineralResponse, restr: CompiledMineral['restrictions']) {
  const cache = new Map<number, { total: number; byOrigin: Record<string, number> }>();
  const prodTotal = sum(Object.values(net.producers));
  const monthlyWorld = net.worldSupplyPerYear / 12;
  return (mask: number) => {
    const hit = cache.get(mask);
    if (hit) return hit;
    const blocked = new Set<string>();
    restr.forEach((r, k) => {
      if (mask & (1 << k)) for (const o of r.origins) blocked.add(o);
    });
    const useIdle = resp.byProduct && net.idleCapacity !== null;
    const basis = useIdle ? (net.idleCapacity as Record<string, number>) : net.producers;
    const eligible = Object.entries(basis).filter(([o, q]) => !blocked.has(o) && q > 0);
    const eligibleSum = sum(eligible.map(([, q]) => q));
    let total = 0;
    if (prodTotal > 0) {
      if (useIdle) total = resp.spareCapacityShare * (eligibleSum / prodTotal) * monthlyWorld;
      else if (resp.byProduct && resp.idleShareOfWorld !== null)
        total = resp.spareCapacityShare * resp.idleShareOfWorld * monthlyWorld * (eligible.length ? 1 : 0);
      else total = resp.spareCapacityShare * (eligibleSum / prodTotal) * monthlyWorld;
    }
    const byOrigin: Record<string, number> = {};
    for (const [o, q] of eligible) byOrigin[o] = eligibleSum > 0 ? q / eligibleSum : 0;
    const out = { total, byOrigin };
    cache.set(mask, out);
    return out;
  };
}

/** The nominal draw: the spec's own cuts, durations and response. */
export const nominalDraw = (c: CompiledMineral): Draw => ({
  cuts: Float64Array.from(c.restrictions.map((r) => r.cut)),
  durations: Int32Array.from(c.restrictions.map((r) => r.duration)),
  rampUpPerMonth: c.response.rampUpPerMonth,
  spareFactor: 1,
});

/** Shares X among importers pro rata to weight, each capped at its need; returns what is left over. */
function waterfill(
  X: number,
  need: Float64Array,
  weight: Float64Array,
  out: Float64Array,
  active: Uint8Array,
): number {
  out.fill(0);
  let remaining = X;
  let left = 0;
  for (let i = 0; i < need.length; i++) {
    active[i] = need[i] > 0 ? 1 : 0;
    left += active[i];
  }
  while (remaining > 1e-12 && left > 0) {
    let total = 0;
    for (let i = 0; i < need.length; i++) if (active[i]) total += weight[i] > 0 ? weight[i] : need[i];
    // Fill every importer whose pro-rata share covers its remaining need, then share the rest again.
    let capped = 0;
    let used = 0;
    for (let i = 0; i < need.length; i++)
      if (active[i] && (remaining * (weight[i] > 0 ? weight[i] : need[i])) / total >= need[i] - out[i]) {
        used += need[i] - out[i];
        out[i] = need[i];
        active[i] = 0;
        capped++;
      }
    if (!capped) {
      for (let i = 0; i < need.length; i++)
        if (active[i]) out[i] += (remaining * (weight[i] > 0 ? weight[i] : need[i])) / total;
      return 0;
    }
    remaining -= used;
    left -= capped;
  }
  return remaining;
}

export interface PoolRuntime {
  rule: PoolingRule;
  solve: PoolSolver;
  /** Σ own stock draws after month t in the no-agreement run, per importer × month (index i·H + t). */
  futureOwnDraws: Float64Array;
}

export interface MineralRun {
  /** Arrays indexed i·H + t. */
  supply: Float64Array;
  gap: Float64Array;
  drawn: Float64Array;
  unmet: Float64Array;
  stock: Float64Array;
  borrowed: Float64Array;
  lent: Float64Array;
  repaid: Float64Array;
  lost: Float64Array;
  replacement: Float64Array;
  spareAvailable: Float64Array;
  supplyByOrigin: Record<string, number>[][] | null;
  /** Scratch state of the month loop. */
  work: {
    stock: Float64Array;
    lost: Float64Array;
    repl: Float64Array;
    active: Uint8Array;
    edgeKeep: Float64Array;
    debt: Float64Array;
  };
}

/** Fresh output arrays for one mineral; pass one to simulateMineral to reuse it across many draws. */
export function newRun(c: CompiledMineral, detail = false): MineralRun {
  const size = c.n * c.horizon;
  const f = () => new Float64Array(size);
  return {
    supply: f(),
    gap: f(),
    drawn: f(),
    unmet: f(),
    stock: f(),
    borrowed: f(),
    lent: f(),
    repaid: f(),
    lost: f(),
    replacement: f(),
    spareAvailable: new Float64Array(c.horizon),
    supplyByOrigin: detail ? c.countries.map(() => []) : null,
    work: {
      stock: new Float64Array(c.n),
      lost: new Float64Array(c.n),
      repl: new Float64Array(c.n),
      active: new Uint8Array(c.n),
      edgeKeep: new Float64Array(c.edges.length),
      debt: new Float64Array(c.n * c.n),
    },
  };
}

/** One simulation of a compiled mineral; `run` (from newRun) is overwritten. detail adds supply by origin. */
export function simulateMineral(
  c: CompiledMineral,
  draw: Draw,
  detail = false,
  pool: PoolRuntime | null = null,
  run: MineralRun = newRun(c, detail),
): MineralRun {
  const { n, horizon: H, demand, weight, edges, restrictions } = c;
  run.borrowed.fill(0);
  run.lent.fill(0);
  run.repaid.fill(0);
  if (run.supplyByOrigin) for (const rows of run.supplyByOrigin) rows.length = 0;
  const { stock, lost, repl, edgeKeep, debt, active } = run.work;
  stock.set(c.stock0);
  debt.fill(0); // debt[b·n + l]: owed by borrower b to lender l
  const members = pool ? pool.rule.members.map((m) => c.countries.indexOf(m)).filter((i) => i >= 0) : [];
  for (let t = 0; t < H; t++) {
    let mask = 0;
    for (let r = 0; r < restrictions.length; r++) {
      const s = restrictions[r].start;
      if (t >= s && t < s + draw.durations[r]) mask |= 1 << r;
    }
    lost.fill(0);
    for (let e = 0; e < edges.length; e++) {
      let keep = 1;
      const { restr, factor } = edges[e];
      for (let q = 0; q < restr.length; q++)
        if (mask & (1 << restr[q])) keep *= 1 - draw.cuts[restr[q]] * factor[q];
      edgeKeep[e] = keep;
      lost[edges[e].i] += edges[e].base * (1 - keep);
    }
    const k = t - c.firstStart;
    const ramp = k <= 0 ? 0 : Math.min(1, draw.rampUpPerMonth * k);
    const spare = c.spare(mask);
    const X = spare.total * draw.spareFactor * ramp;
    const leftover = waterfill(X, lost, weight, repl, active);
    run.spareAvailable[t] = X;
    for (let i = 0; i < n; i++) {
      const j = i * H + t;
      const gap = Math.max(0, lost[i] - repl[i]);
      const own = Math.min(stock[i], gap);
      stock[i] -= own;
      run.lost[j] = lost[i];
      run.replacement[j] = repl[i];
      run.supply[j] = demand[i] - gap;
      run.gap[j] = gap;
      run.drawn[j] = own;
      run.unmet[j] = gap - own;
    }
    if (pool && members.length > 1) lendFromPool(c, pool, members, t, stock, run, debt);
    if (pool?.rule.repayment && leftover > 0) repay(n, leftover, debt, stock, run, H, t);
    for (let i = 0; i < n; i++) run.stock[i * H + t] = stock[i];
    if (detail) recordOrigins(c, run, edgeKeep, repl, spare.byOrigin);
  }
  return run;
}

function lendFromPool(
  c: CompiledMineral,
  pool: PoolRuntime,
  members: number[],
  t: number,
  stock: Float64Array,
  run: MineralRun,
  debt: Float64Array,
) {
  const H = c.horizon;
  // Most months no member is short: skip the allocation without building its input.
  if (!members.some((i) => run.unmet[i * H + t] > 1e-12)) return;
  const unmet = members.map((i) => run.unmet[i * H + t]);
  const lendable = members.map((i) => {
    let l = stock[i] - (1 - pool.rule.lendableShare) * c.stock0[i];
    if (pool.rule.protectLenders) l = Math.min(l, stock[i] - pool.futureOwnDraws[i * H + t]);
    return Math.max(0, l);
  });
  if (!lendable.some((l) => l > 1e-12)) return;
  const alloc = pool.solve({ unmet, demand: members.map((i) => c.demand[i]), lendable });
  for (const { from, to, quantity } of alloc.transfers) {
    const l = members[from];
    const b = members[to];
    const need = run.unmet[b * H + t];
    let q = Math.min(quantity, stock[l], need);
    // Snap solver round-off: a transfer within 1e-9 of the need covers it exactly.
    if (need - q <= 1e-9 * c.demand[b] && stock[l] >= need) q = need;
    if (!(q > 0)) continue;
    stock[l] -= q;
    run.lent[l * H + t] += q;
    run.borrowed[b * H + t] += q;
    run.drawn[b * H + t] += q;
    run.unmet[b * H + t] -= q;
    debt[b * c.n + l] += q;
  }
}

/** Borrowers repay lenders from spare supply left after replacement, pro rata to what they owe. */
function repay(
  n: number,
  leftover: number,
  debt: Float64Array,
  stock: Float64Array,
  run: MineralRun,
  H: number,
  t: number,
) {
  const owed = sum(debt);
  if (!(owed > 1e-12)) return;
  const f = Math.min(1, leftover / owed);
  for (let b = 0; b < n; b++)
    for (let l = 0; l < n; l++) {
      const q = debt[b * n + l] * f;
      if (!(q > 0)) continue;
      debt[b * n + l] -= q;
      stock[l] += q;
      run.repaid[b * H + t] += q;
    }
}

function recordOrigins(
  c: CompiledMineral,
  run: MineralRun,
  edgeKeep: Float64Array,
  repl: Float64Array,
  spareByOrigin: Record<string, number>,
) {
  const rows = c.baseByOrigin.map((b) => ({ ...b }));
  c.edges.forEach((e, k) => {
    rows[e.i][e.origin] -= e.base * (1 - edgeKeep[k]);
  });
  for (let i = 0; i < c.n; i++) {
    if (repl[i] > 0)
      for (const [o, w] of Object.entries(spareByOrigin)) rows[i][o] = (rows[i][o] ?? 0) + repl[i] * w;
    (run.supplyByOrigin as Record<string, number>[][])[i].push(rows[i]);
  }
}

export interface StressTimes {
  ttsMonths: number;
  ttsCensored: boolean;
  ttrMonths: number;
  ttrCensored: boolean;
}

/** TTS and TTR of importer i, counted from the disruption's first month t0 (Simchi-Levi et al.). */
export function stressTimes(run: MineralRun, c: CompiledMineral, i: number): StressTimes {
  const H = c.horizon;
  const t0 = Math.min(c.firstStart, H);
  const eps = 1e-9 * Math.max(c.demand[i], 1e-300);
  let firstUnmet = -1;
  let lastGap = -1;
  for (let t = t0; t < H; t++) {
    if (firstUnmet < 0 && run.unmet[i * H + t] > eps) firstUnmet = t;
    if (run.gap[i * H + t] > eps) lastGap = t;
  }
  return {
    ttsMonths: firstUnmet < 0 ? H - t0 : firstUnmet - t0,
    ttsCensored: firstUnmet < 0,
    ttrMonths: lastGap < 0 ? 0 : lastGap + 1 - t0,
    ttrCensored: lastGap === H - 1,
  };
}

export const cumulative = (xs: Float64Array, i: number, H: number) => {
  let s = 0;
  for (let t = 0; t < H; t++) s += xs[i * H + t];
  return s;
};

/**
 * Days of demand an agreement adds to importer i: (cumulative unmet without − with) ÷ daily demand (365-day
 * year); 0 without demand. Differences under 1e-9 days are summation round-off and read 0.
 */
export function daysGained(c: CompiledMineral, i: number, without: number, withPool: number): number {
  const perDay = (c.demand[i] * 12) / 365;
  const days = perDay > 0 ? (without - withPool) / perDay : 0;
  return Math.abs(days) < 1e-9 ? 0 : days;
}

/** The same disruption without any agreement, then (if a rule is set) with the pool. */
export function runMineral(
  c: CompiledMineral,
  rule: PoolingRule | null,
  solve: PoolSolver | null,
  detail = true,
) {
  const draw = nominalDraw(c);
  const noPool = simulateMineral(c, draw, detail);
  if (!rule) return { run: noPool, noPool };
  if (!solve) throw new Error('pooling needs an LP solver (loadPoolSolver)');
  const run = simulateMineral(c, draw, detail, { rule, solve, futureOwnDraws: futureOwnDraws(c, noPool) });
  return { run, noPool };
}

/** Per importer × month, Σ own stock draws after month t in a no-agreement run (what protected lenders keep). */
export function futureOwnDraws(
  c: CompiledMineral,
  noPool: MineralRun,
  out = new Float64Array(c.n * c.horizon),
): Float64Array {
  const H = c.horizon;
  for (let i = 0; i < c.n; i++) {
    let acc = 0;
    for (let t = H - 1; t >= 0; t--) {
      out[i * H + t] = acc;
      acc += noPool.drawn[i * H + t];
    }
  }
  return out;
}
