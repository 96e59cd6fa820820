// Deterministic monthly disruption simulation in tonnes of contained metal (DESIGN.md, Scenario engine; Methods:
// stress test after Simchi-Levi, Wang & Wei 2014/2015, "time-to-survive" vs "time-to-recover").
//
// Each importer i (the modelled countries plus the rest of the world, ROW) has a monthly demand D_i and an
// import-dependent part M_i (the rest is domestic supply a foreign cut cannot reach). A restriction r cuts a share
// c_r of what its origins O_r supply at one stage s_r of the chain, for the importers it targets:
//   shipped  — what O_r ship (customs origin: an export ban),            reach share a_i(o) = shippedBy_i(o)
//   refined  — what was refined in O_r, wherever it is shipped from,     a_i(o) = refinedIn_i(o)
//   mined    — what was mined in O_r, through every hop and stage,       a_i(o) = minedIn_i(o)
// (TEAM.md Interfaces: the supply-chain model's three views; proportional propagation.) Within a stage the cut is
// exact per origin; across stages the hits are taken as independent:
//   keep_{i,s}(t) = 1 − Σ_o a_{i,s}(o)·(1 − Π_{r active, s_r = s, o ∈ O_r, i targeted} (1 − c_r))
//   lost_i(t)     = M_i·(1 − Π_s keep_{i,s}(t))
// Replacement (stage-aware): what was lost at the mine stage is replaced from other mines' spare output, what was
// lost as refined (or shipped) material from refiners' spare or idle capacity; a by-product (gallium, germanium)
// from its host industry's idle recovery capacity (USGS capacity − production). Pool g's spare at full ramp,
// per origin, excludes the origins of active restrictions; with
//   ramp(t) = min(1, ρ·(t − t0 − q)) for t − t0 > q, else 0      (ρ: ramp per month, q: qualification months)
// X_g(t) = spare_g · φ · ramp(t) (φ: Monte Carlo spare factor) is shared among importers with lost supply of that
// stage, pro rata to their import-dependent demand, capped at their loss; an origin a buyer may not buy from
// (sanctions) serves only the others: origin groups are served most-restricted first (optimal for nested sets).
//   supply_i(t) = D_i − lost_i + repl_i ;  gap_i = lost_i − repl_i
//   drawn_i(t)  = min(stock_i, gap_i) (+ stock borrowed from a pool) ;  unmet_i = gap_i − drawn_i
// so supply + drawn + unmet = D every month (tonnes). Stocks are not rebuilt within the horizon.
// TTS = months from t0 until unmet first > 0 (horizon − t0 if never); TTR = months from t0 until supply ≥ demand
// again without stock (0 if never short; horizon − t0 if not by the end). Pure: the pooling allocator is passed in.
import type { PoolSolver } from './pooling.ts';

export const REST_OF_WORLD = 'ROW';

export type Stage = 'shipped' | 'refined' | 'mined';
export const STAGES: readonly Stage[] = ['shipped', 'refined', 'mined'];
/** Replacement pools: mined losses are replaced from mines, shipped and refined losses from refiners. */
export type PoolStage = 'mined' | 'refined';
export const poolOf = (s: Stage): PoolStage => (s === 'mined' ? 'mined' : 'refined');
export const POOL_STAGES: readonly PoolStage[] = ['mined', 'refined'];

export interface ImporterBaseline {
  /** ISO3, or ROW for every importer outside the modelled countries. */
  country: string;
  /** Tonnes of contained metal per year. */
  demandPerYear: number;
  /** The import-dependent part (≤ demandPerYear), tonnes per year. */
  importDependentPerYear: number;
  /** Supply by customs origin, tonnes per year: imports by shipper plus the domestic part under the importer's own code. */
  supplyByOrigin: Record<string, number>;
  /** Shares of the import-dependent part by stage view; each sums to ≤ 1 (the rest is untraced). */
  reach: Record<Stage, Record<string, number>>;
}

export interface ReplacementPool {
  /** Spare output per origin at full ramp, tonnes per year (before the Monte Carlo spare factor). */
  sparePerYear: Record<string, number>;
  /** One line: where the pool comes from. */
  basis: string;
}

export interface MineralNetwork {
  mineral: string;
  /** Always 't': tonnes of contained metal. */
  unit: string;
  /** World supply per year (tonnes): the sum of every importer's demand, ROW included. */
  worldSupplyPerYear: number;
  importers: ImporterBaseline[];
  /** Replacement pools by stage (null: no data for that pool; losses at that stage are not replaced). */
  pools: Record<PoolStage, ReplacementPool | null>;
}

export interface EngineRestriction {
  origins: string[];
  minerals: string[];
  targets: 'all' | string[];
  stage: Stage;
  shareCut: number;
  startMonth: number;
  /** null = to the end of the horizon. */
  durationMonths: number | null;
}

export interface MineralResponse {
  byProduct: boolean;
  rampUpPerMonth: number;
  /** Months after the first cut before replacement material is qualified by buyers (no replacement before). */
  qualificationMonths: number;
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
  /** Initial stock per mineral and country, tonnes. */
  stocks: Record<string, Record<string, number>>;
  pooling: PoolingRule | null;
  /** Per buyer (modelled country), origins it may not buy replacement from (sanctions). */
  excludedSuppliers: Record<string, string[]>;
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

/** Origins of one stage hit by the same set of restrictions, with their summed reach share. */
interface Atom {
  share: number;
  restr: number[];
}

interface StageAtoms {
  stage: Stage;
  atoms: Atom[];
}

/** An origin group of a pool: who may not buy from it, and its spare per active-restriction mask. */
interface SpareGroup {
  /** Importer indices allowed to buy from this group. */
  allowed: Uint8Array;
  allowedCount: number;
  origins: [string, number][];
}

export interface CompiledMineral {
  mineral: string;
  unit: string;
  horizon: number;
  countries: string[];
  n: number;
  demand: Float64Array;
  imported: Float64Array;
  baseByOrigin: Record<string, number>[];
  /** Per importer, the stages that reach it. */
  hits: StageAtoms[][];
  restrictions: { start: number; origins: Set<string>; duration: number; cut: number; stage: Stage }[];
  firstStart: number;
  stock0: Float64Array;
  response: MineralResponse;
  pools: Record<PoolStage, { basis: string; groups: SpareGroup[] } | null>;
  /** Spare per pool group (tonnes per month at full ramp) for an active-restriction mask; cached. */
  spare: (mask: number) => Record<PoolStage, Float64Array>;
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
  const imported = new Float64Array(n);
  const stock0 = new Float64Array(n);
  const baseByOrigin = net.importers.map((imp, i) => {
    demand[i] = imp.demandPerYear / 12;
    imported[i] = imp.importDependentPerYear / 12;
    stock0[i] = input.stocks[net.mineral]?.[imp.country] ?? 0;
    const monthly: Record<string, number> = {};
    for (const [o, q] of Object.entries(imp.supplyByOrigin)) monthly[o] = q / 12;
    return monthly;
  });
  const relevant = input.restrictions.filter((r) => r.minerals.includes(net.mineral));
  const restrictions = relevant.map((r) => ({
    start: r.startMonth,
    origins: new Set(r.origins),
    duration: r.durationMonths ?? H,
    cut: r.shareCut,
    stage: r.stage,
  }));
  const hits = net.importers.map((imp) =>
    STAGES.flatMap((stage): StageAtoms[] => {
      const byKey = new Map<string, Atom>();
      for (const [origin, share] of Object.entries(imp.reach[stage] ?? {})) {
        if (!(share > 0) || origin === imp.country) continue;
        const restr: number[] = [];
        relevant.forEach((r, k) => {
          if (r.stage !== stage || !r.origins.includes(origin)) return;
          if (r.targets !== 'all' && !r.targets.includes(imp.country)) return;
          restr.push(k);
        });
        if (!restr.length) continue;
        const key = restr.join(',');
        const atom = byKey.get(key) ?? { share: 0, restr };
        atom.share += share;
        byKey.set(key, atom);
      }
      const atoms = [...byKey.values()].map((a) => ({ ...a, share: Math.min(1, a.share) }));
      return atoms.length ? [{ stage, atoms }] : [];
    }),
  );
  const firstStart = restrictions.length ? Math.min(...restrictions.map((r) => r.start)) : H;
  const pools = {
    mined: compilePool(net.pools.mined, countries, input.excludedSuppliers),
    refined: compilePool(net.pools.refined, countries, input.excludedSuppliers),
  };
  return {
    mineral: net.mineral,
    unit: net.unit,
    horizon: H,
    countries,
    n,
    demand,
    imported,
    baseByOrigin,
    hits,
    restrictions,
    firstStart,
    stock0,
    response,
    pools,
    spare: spareFor(pools, restrictions),
  };
}

/** Groups a pool's origins by which importers may not buy from them (sanctions), most restricted first. */
function compilePool(
  pool: ReplacementPool | null,
  countries: string[],
  excluded: Record<string, string[]>,
): { basis: string; groups: SpareGroup[] } | null {
  if (!pool) return null;
  const byKey = new Map<string, SpareGroup>();
  for (const [origin, q] of Object.entries(pool.sparePerYear)) {
    if (!(q > 0)) continue;
    const allowed = Uint8Array.from(countries, (c) =>
      c === origin || excluded[c]?.includes(origin) ? 0 : 1,
    );
    const key = allowed.join('');
    const g = byKey.get(key) ?? { allowed, allowedCount: sum(allowed), origins: [] };
    g.origins.push([origin, q / 12]);
    byKey.set(key, g);
  }
  const groups = [...byKey.values()].sort((a, b) => a.allowedCount - b.allowedCount);
  return { basis: pool.basis, groups };
}

function spareFor(
  pools: CompiledMineral['pools'],
  restr: CompiledMineral['restrictions'],
): CompiledMineral['spare'] {
  const cache = new Map<number, Record<PoolStage, Float64Array>>();
  return (mask) => {
    const hit = cache.get(mask);
    if (hit) return hit;
    const blocked = new Set<string>();
    restr.forEach((r, k) => {
      if (mask & (1 << k)) for (const o of r.origins) blocked.add(o);
    });
    const per = (p: CompiledMineral['pools']['mined']) =>
      Float64Array.from(p?.groups ?? [], (g) => {
        let s = 0;
        for (const [o, q] of g.origins) if (!blocked.has(o)) s += q;
        return s;
      });
    const out = { mined: per(pools.mined), refined: per(pools.refined) };
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

/**
 * Shares X among the allowed importers pro rata to weight, each capped at its remaining need (`need` is
 * reduced in place, `out` accumulates); returns what is left of X.
 */
function waterfill(
  X: number,
  need: Float64Array,
  weight: Float64Array,
  allowed: Uint8Array,
  out: Float64Array,
  active: Uint8Array,
): number {
  let remaining = X;
  let left = 0;
  for (let i = 0; i < need.length; i++) {
    active[i] = allowed[i] && need[i] > 1e-15 ? 1 : 0;
    left += active[i];
  }
  while (remaining > 1e-15 && left > 0) {
    let total = 0;
    for (let i = 0; i < need.length; i++) if (active[i]) total += weight[i] > 0 ? weight[i] : need[i];
    // Fill every importer whose pro-rata share covers its remaining need, then share the rest again.
    let capped = 0;
    let used = 0;
    for (let i = 0; i < need.length; i++)
      if (active[i] && (remaining * (weight[i] > 0 ? weight[i] : need[i])) / total >= need[i]) {
        used += need[i];
        out[i] += need[i];
        need[i] = 0;
        active[i] = 0;
        capped++;
      }
    if (!capped) {
      for (let i = 0; i < need.length; i++)
        if (active[i]) {
          const q = (remaining * (weight[i] > 0 ? weight[i] : need[i])) / total;
          out[i] += q;
          need[i] -= q;
        }
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
  /** Arrays indexed i·H + t, tonnes per month. */
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
  /** Per month, replacement available at this month's ramp from the pools that have losses to serve (tonnes). */
  spareAvailable: Float64Array;
  /** Per month, bit mask of the active restrictions. */
  masks: Int32Array;
  /** Per month, replacement supply no importer could use (what repayment draws on). */
  leftover: Float64Array;
  supplyByOrigin: Record<string, number>[][] | null;
  /** Replacement by origin per importer and month (detail runs only). */
  replacementByOrigin: Record<string, number>[][] | null;
  /** Scratch state of the month loop. */
  /** The draw of the last simulation (detail runs read its cuts). */
  draw: Draw | null;
  work: {
    stock: Float64Array;
    lost: Float64Array;
    lostPool: Record<PoolStage, Float64Array>;
    keepStage: Float64Array;
    repl: Float64Array;
    grant: Float64Array;
    need: Float64Array;
    active: Uint8Array;
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
    masks: new Int32Array(c.horizon),
    leftover: new Float64Array(c.horizon),
    supplyByOrigin: detail ? c.countries.map(() => []) : null,
    replacementByOrigin: detail ? c.countries.map(() => []) : null,
    draw: null,
    work: {
      stock: new Float64Array(c.n),
      lost: new Float64Array(c.n),
      lostPool: { mined: new Float64Array(c.n), refined: new Float64Array(c.n) },
      keepStage: new Float64Array(c.n * STAGES.length),
      repl: new Float64Array(c.n),
      grant: new Float64Array(c.n),
      need: new Float64Array(c.n),
      active: new Uint8Array(c.n),
      debt: new Float64Array(c.n * c.n),
    },
  };
}

const STAGE_INDEX: Record<Stage, number> = { shipped: 0, refined: 1, mined: 2 };

/** The ramp factor in month t (0 before the first cut plus the qualification lag). */
export function rampAt(c: CompiledMineral, rampUpPerMonth: number, t: number): number {
  const k = t - c.firstStart - c.response.qualificationMonths;
  return k <= 0 ? 0 : Math.min(1, rampUpPerMonth * k);
}

/** One simulation of a compiled mineral; `run` (from newRun) is overwritten. detail adds supply by origin. */
export function simulateMineral(
  c: CompiledMineral,
  draw: Draw,
  detail = false,
  pool: PoolRuntime | null = null,
  run: MineralRun = newRun(c, detail),
): MineralRun {
  const { n, horizon: H, demand, imported, hits, restrictions } = c;
  run.borrowed.fill(0);
  run.lent.fill(0);
  run.repaid.fill(0);
  if (run.supplyByOrigin) for (const rows of run.supplyByOrigin) rows.length = 0;
  if (run.replacementByOrigin) for (const rows of run.replacementByOrigin) rows.length = 0;
  const { stock, lost, lostPool, keepStage, repl, grant, need, active, debt } = run.work;
  run.draw = draw;
  stock.set(c.stock0);
  debt.fill(0); // debt[b·n + l]: owed by borrower b to lender l
  const members = pool ? pool.rule.members.map((m) => c.countries.indexOf(m)).filter((i) => i >= 0) : [];
  const replRows = run.replacementByOrigin;
  // Cuts are constant within a draw, so the losses change only when the set of active restrictions does, and
  // the replacement only when that set or the ramp does: both are recomputed only then (detail runs always).
  let prevMask = -1;
  let prevRamp = -1;
  let leftover = 0;
  let available = 0;
  for (let t = 0; t < H; t++) {
    let mask = 0;
    for (let r = 0; r < restrictions.length; r++) {
      const s = restrictions[r].start;
      if (t >= s && t < s + draw.durations[r]) mask |= 1 << r;
    }
    run.masks[t] = mask;
    const ramp = rampAt(c, draw.rampUpPerMonth, t);
    const newLosses = detail || mask !== prevMask;
    if (newLosses) {
      keepStage.fill(1);
      for (let i = 0; i < n; i++) {
        let keep = 1;
        let lostRefined = 0;
        let lostMined = 0;
        const hi = hits[i];
        for (let h = 0; h < hi.length; h++) {
          const { stage, atoms } = hi[h];
          let hit = 0;
          for (let q = 0; q < atoms.length; q++) {
            const a = atoms[q];
            let k = 1;
            for (let x = 0; x < a.restr.length; x++) {
              const r = a.restr[x];
              if (mask & (1 << r)) k *= 1 - draw.cuts[r];
            }
            hit += a.share * (1 - k);
          }
          const ks = 1 - Math.min(1, hit);
          keepStage[i * 3 + STAGE_INDEX[stage]] = ks;
          keep *= ks;
          if (stage === 'mined') lostMined += 1 - ks;
          else lostRefined += 1 - ks;
        }
        lost[i] = imported[i] * (1 - keep);
        // Attribute the loss to the pools in proportion to each stage's own hit.
        const w = lostMined + lostRefined;
        lostPool.mined[i] = w > 0 ? (lost[i] * lostMined) / w : 0;
        lostPool.refined[i] = w > 0 ? (lost[i] * lostRefined) / w : 0;
      }
    }
    if (newLosses || ramp !== prevRamp) {
      repl.fill(0);
      leftover = 0;
      available = 0;
      if (ramp > 0) {
        const spare = c.spare(mask);
        for (let pi = 0; pi < POOL_STAGES.length; pi++) {
          const p = POOL_STAGES[pi];
          const compiled = c.pools[p];
          if (!compiled) continue;
          const lp = lostPool[p];
          let any = false;
          for (let i = 0; i < n; i++) {
            need[i] = lp[i];
            if (lp[i] > 1e-15) any = true;
          }
          if (!any) continue;
          for (let k = 0; k < compiled.groups.length; k++) {
            const g = compiled.groups[k];
            const X = spare[p][k] * draw.spareFactor * ramp;
            if (!(X > 0)) continue;
            available += X;
            grant.fill(0);
            leftover += waterfill(X, need, imported, g.allowed, grant, active);
            for (let i = 0; i < n; i++) repl[i] += grant[i];
            if (replRows) recordGrant(run, g, spare[p][k], grant, mask, c, t);
          }
        }
      }
    }
    prevMask = mask;
    prevRamp = ramp;
    run.spareAvailable[t] = available;
    run.leftover[t] = leftover;
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
    if (replRows) for (let i = 0; i < n; i++) replRows[i][t] ??= {};
    if (detail) recordOrigins(c, run, keepStage, t);
  }
  return run;
}

/**
 * The agreement arm of a draw from its no-agreement run: losses, replacement and gaps do not depend on stocks,
 * so they are copied, and only the stock draw-down, lending and repayment are replayed month by month. Gives
 * the same run as simulateMineral(c, draw, false, pool) (tested), at a fraction of the cost.
 */
export function simulatePooledFrom(
  c: CompiledMineral,
  base: MineralRun,
  pool: PoolRuntime,
  run: MineralRun = newRun(c),
): MineralRun {
  const { n, horizon: H, demand } = c;
  run.lost.set(base.lost);
  run.replacement.set(base.replacement);
  run.gap.set(base.gap);
  run.supply.set(base.supply);
  run.spareAvailable.set(base.spareAvailable);
  run.masks.set(base.masks);
  run.leftover.set(base.leftover);
  run.draw = base.draw;
  run.borrowed.fill(0);
  run.lent.fill(0);
  run.repaid.fill(0);
  const { stock, debt } = run.work;
  stock.set(c.stock0);
  debt.fill(0);
  const members = pool.rule.members.map((m) => c.countries.indexOf(m)).filter((i) => i >= 0);
  for (let t = 0; t < H; t++) {
    for (let i = 0; i < n; i++) {
      const j = i * H + t;
      const gap = base.gap[j];
      const own = Math.min(stock[i], gap);
      stock[i] -= own;
      run.drawn[j] = own;
      run.unmet[j] = gap - own;
      run.supply[j] = demand[i] - gap;
    }
    if (members.length > 1) lendFromPool(c, pool, members, t, stock, run, debt);
    if (pool.rule.repayment && base.leftover[t] > 0) repay(n, base.leftover[t], debt, stock, run, H, t);
    for (let i = 0; i < n; i++) run.stock[i * H + t] = stock[i];
  }
  return run;
}

/** Replacement by origin: a group's grant to each importer split over its unblocked origins pro rata to spare. */
function recordGrant(
  run: MineralRun,
  g: SpareGroup,
  groupSpare: number,
  grant: Float64Array,
  mask: number,
  c: CompiledMineral,
  t: number,
) {
  const rows = run.replacementByOrigin as Record<string, number>[][];
  if (!(groupSpare > 0)) return;
  for (let i = 0; i < c.n; i++) {
    if (!(grant[i] > 0)) continue;
    rows[i][t] ??= {};
    const row = rows[i][t];
    for (const [o, q] of g.origins) {
      if (c.restrictions.some((r, k) => mask & (1 << k) && r.origins.has(o))) continue;
      row[o] = (row[o] ?? 0) + (grant[i] * q) / groupSpare;
    }
  }
}

/** What member i may lend in month t: above its kept floor and, when protected, its own later draws. */
function lendableOf(
  pool: PoolRuntime,
  c: CompiledMineral,
  stock: Float64Array,
  i: number,
  H: number,
  t: number,
) {
  let l = stock[i] - (1 - pool.rule.lendableShare) * c.stock0[i];
  if (pool.rule.protectLenders) l = Math.min(l, stock[i] - pool.futureOwnDraws[i * H + t]);
  return Math.max(l, 0);
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
  // Most months no member is short, or none can lend: skip the allocation without building its input.
  let short = false;
  let canLend = false;
  for (let k = 0; k < members.length; k++) {
    const i = members[k];
    if (run.unmet[i * H + t] > 1e-12) short = true;
    if (lendableOf(pool, c, stock, i, H, t) > 1e-12) canLend = true;
  }
  if (!short || !canLend) return;
  const unmet = members.map((i) => run.unmet[i * H + t]);
  const lendable = members.map((i) => lendableOf(pool, c, stock, i, H, t));
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

/**
 * Supply by customs origin in month t: each origin keeps its shipped-stage share, scaled by the other stages'
 * keep factors (their cut is not attributable to one shipper), plus the replacement by origin.
 */
function recordOrigins(c: CompiledMineral, run: MineralRun, keepStage: Float64Array, t: number) {
  for (let i = 0; i < c.n; i++) {
    const own = c.countries[i];
    const base = c.baseByOrigin[i];
    const other = keepStage[i * 3 + 1] * keepStage[i * 3 + 2];
    const shippedAtoms = c.hits[i].find((h) => h.stage === 'shipped');
    const row: Record<string, number> = {};
    const importedBase = sum(Object.entries(base).flatMap(([o, q]) => (o === own ? [] : [q])));
    for (const [o, q] of Object.entries(base)) {
      if (o === own) {
        row[o] = q;
        continue;
      }
      let k = 1;
      if (shippedAtoms)
        for (const r of c.restrictions.keys())
          if (
            run.masks[t] & (1 << r) &&
            c.restrictions[r].stage === 'shipped' &&
            c.restrictions[r].origins.has(o) &&
            shippedAtoms.atoms.some((a) => a.restr.includes(r))
          )
            k *= 1 - (run.draw?.cuts[r] ?? 0);
      row[o] = importedBase > 0 ? q * k * other : 0;
    }
    for (const [o, q] of Object.entries(run.replacementByOrigin?.[i][t] ?? {})) row[o] = (row[o] ?? 0) + q;
    (run.supplyByOrigin as Record<string, number>[][])[i].push(row);
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
  draw: Draw = nominalDraw(c),
) {
  const noPool = simulateMineral(c, draw, detail, null, newRun(c, detail));
  if (!rule) return { run: noPool, noPool };
  if (!solve) throw new Error('pooling needs an allocator (closedFormPoolSolver or loadPoolSolver)');
  const run = simulateMineral(
    c,
    draw,
    detail,
    { rule, solve, futureOwnDraws: futureOwnDraws(c, noPool) },
    newRun(c, detail),
  );
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
