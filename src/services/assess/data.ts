// Loading for the vulnerability assessment (src/services/assess.ts): the shared context (WGI, memberships,
// sources), one mineral's data or every mineral's at once, and the lookups the analyses share (WGI by country
// and year, the EU trade parameter from the export-control register and the trio's agreements).
import { type RestrictionType, tradeParameter } from '../../analysis/criticality/trade-parameter.ts';
import { wgiScaled } from '../../analysis/hhi-wgi.ts';
import { measuresInForce } from '../../catalog/export-controls.ts';
import { MINERALS, type Mineral } from '../../model/minerals.ts';
import { type Chain, chainOf } from '../../model/supply-chain.ts';
import type { Db } from '../../store/db.ts';
import * as q from '../../store/queries/vulnerability.ts';

export const NO_MOLYBDENUM_TRADE = 'no molybdenum trade in the shared data (SOURCES.md known gap)';
export const FTA_GROUP: Record<string, string> = { KOR: 'KOR_FTA', JPN: 'JPN_EPA', USA: 'USA_FTA' };
export const MSP_GROUP = 'MSP';

export interface Gap {
  topic: string;
  reason:
    | 'insufficient_data'
    | 'not_reported'
    | 'withheld'
    | 'not_in_shared_data'
    | 'secondary_source'
    | 'assumption';
  detail: string;
}

// ---------------------------------------------------------------- loaded context

type Wgi = Map<string, Map<number, Record<string, number>>>;

export interface Context {
  wgi: Wgi;
  /** Group → member → membership; `since` is the first year (from the row's "since" text), null if unstated. */
  groups: Map<
    string,
    Map<string, { since: number | null; verified: string | null; confidence: string | null }>
  >;
  sources: Map<number, q.SourceRow>;
  baciYears: number[];
  wgiCache: Map<string, { wgi: number | null; pv: number | null; year: number | null }>;
  lastWgiYear: number;
}

export async function loadContext(db: Db): Promise<Context> {
  const wgi: Wgi = new Map();
  for (const r of await q.governance(db)) {
    const rec: Record<string, number> = {};
    for (const k of ['va', 'pv', 'ge', 'rq', 'rl', 'cc'] as const) if (r[k] !== null) rec[k] = r[k];
    const byYear = wgi.get(r.country) ?? new Map<number, Record<string, number>>();
    byYear.set(r.year, rec);
    wgi.set(r.country, byYear);
  }
  const groups: Context['groups'] = new Map();
  for (const m of await q.memberships(db, [...Object.values(FTA_GROUP), MSP_GROUP])) {
    const g = groups.get(m.group_name) ?? new Map();
    const since = /\d{4}/.exec(m.since ?? '')?.[0];
    g.set(m.country, { since: since ? Number(since) : null, verified: m.verified, confidence: m.confidence });
    groups.set(m.group_name, g);
  }
  const sources = new Map((await q.sources(db)).map((s) => [s.source_id, s]));
  return {
    wgi,
    groups,
    sources,
    baciYears: await q.baciYears(db),
    wgiCache: new Map(),
    lastWgiYear: Math.max(...[...wgi.values()].flatMap((b) => [...b.keys()])),
  };
}

type ByStage = Map<string, Map<number, q.ProductionRow[]>>; // stage → year → rows

export interface MineralData {
  mineral: Mineral;
  chain: Chain | undefined;
  production: ByStage;
  flows: Map<number, q.FlowRow[]>;
  nir: Map<number, q.NirRow>;
  /** USGS U.S. import sources (latest edition), for the trade-code audit. */
  importSources: q.ImportSourceRow[];
  /** Production of the other materials of the chain's shared producer-basket codes, by material. */
  basket: Map<string, ByStage>;
  /** USGS U.S. imports for consumption (salient), for the coverage check. */
  usImports: q.UsImportRow[];
}

const byStage = (rows: q.ProductionRow[]): ByStage => {
  const production: ByStage = new Map();
  for (const r of rows) {
    const byYear = production.get(r.stage) ?? new Map<number, q.ProductionRow[]>();
    const list = byYear.get(r.year) ?? [];
    list.push(r);
    byYear.set(r.year, list);
    production.set(r.stage, byYear);
  }
  return production;
};

/** The materials whose production splits the mineral's shared producer-basket codes (811292). */
export const basketMaterials = (m: Mineral) =>
  [
    ...new Set(
      (chainOf(m.id)?.codes ?? []).flatMap((c) =>
        c.shared?.split === 'producer-basket' ? c.shared.with : [],
      ),
    ),
  ].filter((x) => x !== m.id);

/** Every HS6 code of the mineral's chain, and the legacy codes. */
export const tradeCodes = (m: Mineral) => [
  ...new Set([...(chainOf(m.id)?.codes.map((c) => c.hs6) ?? []), ...m.hs.map((h) => h.hs6)]),
];

/** Groups loaded rows into one mineral's data. */
export function mineralData(
  mineral: Mineral,
  prodRows: q.ProductionRow[],
  flowRows: q.FlowRow[],
  nirRows: q.NirRow[],
  importSources: q.ImportSourceRow[] = [],
  basketRows: Map<string, q.ProductionRow[]> = new Map(),
  usImports: q.UsImportRow[] = [],
): MineralData {
  const production = byStage(prodRows);
  const flows = new Map<number, q.FlowRow[]>();
  for (const f of flowRows) {
    const list = flows.get(f.year) ?? [];
    list.push(f);
    flows.set(f.year, list);
  }
  return {
    mineral,
    chain: chainOf(mineral.id),
    production,
    flows,
    nir: new Map(nirRows.map((r) => [r.year, r])),
    importSources,
    basket: new Map([...basketRows].map(([m, rows]) => [m, byStage(rows)])),
    usImports,
  };
}

export const baciCodes = (m: Mineral) =>
  m.baciMaterials.length ? m.hs.filter((h) => h.inBaci).map((h) => h.hs6) : [];

export async function loadMineral(db: Db, mineral: Mineral): Promise<MineralData> {
  const basket = basketMaterials(mineral);
  const [prod, flows, nir, sources, imports, ...basketRows] = await Promise.all([
    mineral.usgs ? q.productionRows(db, mineral.id) : [],
    q.baciFlows(db, tradeCodes(mineral)),
    q.usNir(db, mineral.id),
    q.usImportSources(db, mineral.id),
    q.usImports(db, mineral.id),
    ...basket.map((b) => q.productionRows(db, b)),
  ]);
  return mineralData(
    mineral,
    prod,
    flows,
    nir,
    sources,
    new Map(basket.map((b, i) => [b, basketRows[i]])),
    imports,
  );
}

/** Every mineral's data in four queries (the batch path: bench/assess.bench.ts). */
export async function loadAllMinerals(
  db: Db,
  minerals: readonly Mineral[] = MINERALS,
): Promise<Map<string, MineralData>> {
  const codes = [...new Set(minerals.flatMap(tradeCodes))];
  const [prod, flows, nir, sources, imports] = await Promise.all([
    q.productionRows(db),
    q.baciFlows(db, codes),
    q.usNir(db),
    q.usImportSources(db),
    q.usImports(db),
  ]);
  const group = <T>(rows: T[], key: (r: T) => string) => {
    const m = new Map<string, T[]>();
    for (const r of rows) {
      const list = m.get(key(r)) ?? [];
      list.push(r);
      m.set(key(r), list);
    }
    return m;
  };
  const prodBy = group(prod, (r) => r.mineral);
  const flowsBy = group(flows, (r) => r.hs);
  const nirBy = group(nir, (r) => r.mineral);
  const sourcesBy = group(sources, (r) => r.mineral);
  const importsBy = group(imports, (r) => r.mineral);
  return new Map(
    minerals.map((m) => [
      m.id,
      mineralData(
        m,
        m.usgs ? (prodBy.get(m.id) ?? []) : [],
        tradeCodes(m).flatMap((hs) => flowsBy.get(hs) ?? []),
        nirBy.get(m.id) ?? [],
        sourcesBy.get(m.id) ?? [],
        new Map(basketMaterials(m).map((b) => [b, prodBy.get(b) ?? []])),
        importsBy.get(m.id) ?? [],
      ),
    ]),
  );
}

// ---------------------------------------------------------------- helpers

export const TONNES: Record<string, number> = {
  'metric tons': 1,
  kilograms: 0.001,
  'thousand metric tons': 1000,
};
export const toTonnes = (value: number | null, unit: string) =>
  value === null || !(unit in TONNES) ? null : value * TONNES[unit];

/** WGI 0–10 (10 worst) for a country in a year, falling back to the latest earlier year; with that year. */
export function wgiOf(
  ctx: Context,
  country: string | null,
  year: number,
): { wgi: number | null; pv: number | null; year: number | null } {
  const key = `${country}|${year}`;
  const hit = ctx.wgiCache.get(key);
  if (hit) return hit;
  const byYear = country ? ctx.wgi.get(country) : undefined;
  let out: { wgi: number | null; pv: number | null; year: number | null } = {
    wgi: null,
    pv: null,
    year: null,
  };
  if (byYear) {
    const years = [...byYear.keys()].sort((a, b) => a - b);
    const y = years.filter((k) => k <= year).at(-1) ?? years[0];
    const rec = byYear.get(y)!;
    out = {
      wgi: wgiScaled(['va', 'pv', 'ge', 'rq', 'rl', 'cc'].map((k) => rec[k] ?? null)),
      pv: rec.pv ?? null,
      year: y,
    };
  }
  ctx.wgiCache.set(key, out);
  return out;
}

export function tOf(
  ctx: Context,
  mineral: string,
  supplier: string | null,
  importer: string | null,
  date: string,
) {
  if (!supplier || supplier === importer) return { t: 1, basis: 'none' as const };
  // Measures the supplier imposes on the mineral in force on the date, towards the importer or all destinations
  // (no importer: all-destination measures only) — src/catalog/export-controls.ts measuresInForce.
  const restrictions = measuresInForce({
    mineral,
    date,
    imposer: supplier,
    target: importer ?? undefined,
  }).map((m) => m.type as RestrictionType);
  // an agreement counts from the year it entered into force (memberships "since"); undated rows count throughout
  const member = importer ? ctx.groups.get(FTA_GROUP[importer])?.get(supplier) : undefined;
  const agreement =
    member !== undefined && (member.since === null || Number(date.slice(0, 4)) >= member.since);
  return tradeParameter({ restrictions, agreement });
}

export const tradeStageOf = (usgsStage: string) => (usgsStage === 'mine' ? 'mine' : 'refinery');
