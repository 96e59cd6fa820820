// Supply-chain vulnerability assessment of one mineral for the trio (or one trio country) in one year:
// production concentration per stage (USGS), exporter concentration per HS code (BACI), each importer's
// dependence (value and quantity side by side), look-through origins, three criticality scores side by side
// with their inputs, export controls in force, the trade-code audit, defense end uses, trends over every year
// the data covers, and every gap. Loads via src/store/queries/vulnerability.ts, computes with src/analysis/…;
// the CLI, the API and the briefings show this object unchanged.
import { z } from 'zod';
import { codeAudit } from '../analysis/code-audit.ts';
import { hhi, topN } from '../analysis/concentration.ts';
import { type EuSrStageInput, euSupplyRisk } from '../analysis/criticality/eu-supply-risk.ts';
import { geoPolRisk } from '../analysis/criticality/geopolrisk.ts';
import { type RestrictionType, tradeParameter } from '../analysis/criticality/trade-parameter.ts';
import { usgsStyleScore } from '../analysis/criticality/usgs-style.ts';
import { importDependence, netImportReliance } from '../analysis/dependence.ts';
import { type GovernedSupplier, hhiWgi, wgiScaled } from '../analysis/hhi-wgi.ts';
import { lookThrough, type Network, networkOf } from '../analysis/lookthrough.ts';
import { defenseUsesOf } from '../catalog/defense-uses.ts';
import { DEFAULT_SI_SR, EU_CRM_2023, euCrmInputs } from '../catalog/eu-crm-2023.ts';
import { EXPORT_CONTROLS, type ExportControl, measuresFor, stateOn } from '../catalog/export-controls.ts';
import { TRIO } from '../model/countries.ts';
import { UserInputError, unknownChoice } from '../model/errors.ts';
import { MINERALS, type Mineral, mineralById } from '../model/minerals.ts';
import type { Db } from '../store/db.ts';
import * as q from '../store/queries/vulnerability.ts';

export const AssessParams = z.object({
  mineral: z.string().min(1),
  country: z.string().optional(),
  year: z.coerce.number().int().min(1900).max(2100).optional(),
  trends: z.boolean().default(true),
});
export type AssessParams = z.input<typeof AssessParams>;

export const NO_MOLYBDENUM_TRADE = 'no molybdenum trade in the shared data (SOURCES.md known gap)';
const FTA_GROUP: Record<string, string> = { KOR: 'KOR_FTA', JPN: 'JPN_EPA', USA: 'USA_FTA' };
const MSP_GROUP = 'MSP';

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
  groups: Map<string, Map<string, { verified: string | null; confidence: string | null }>>;
  sources: Map<number, q.SourceRow>;
  baciYears: number[];
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
    g.set(m.country, { verified: m.verified, confidence: m.confidence });
    groups.set(m.group_name, g);
  }
  const sources = new Map((await q.sources(db)).map((s) => [s.source_id, s]));
  return { wgi, groups, sources, baciYears: await q.baciYears(db) };
}

export interface MineralData {
  mineral: Mineral;
  production: Map<string, Map<number, q.ProductionRow[]>>; // stage → year → rows
  flows: Map<number, q.FlowRow[]>;
  nir: Map<number, q.NirRow>;
}

export async function loadMineral(db: Db, mineral: Mineral): Promise<MineralData> {
  const production = new Map<string, Map<number, q.ProductionRow[]>>();
  if (mineral.usgs) {
    for (const r of await q.productionRows(db, mineral.id)) {
      const byYear = production.get(r.stage) ?? new Map<number, q.ProductionRow[]>();
      byYear.set(r.year, [...(byYear.get(r.year) ?? []), r]);
      production.set(r.stage, byYear);
    }
  }
  const flows = new Map<number, q.FlowRow[]>();
  const codes = mineral.hs.filter((h) => h.inBaci).map((h) => h.hs6);
  if (mineral.baciMaterials.length)
    for (const f of await q.baciFlows(db, codes)) flows.set(f.year, [...(flows.get(f.year) ?? []), f]);
  const nir = new Map((await q.usNir(db, mineral.id)).map((r) => [r.year, r]));
  return { mineral, production, flows, nir };
}

// ---------------------------------------------------------------- helpers

const TONNES: Record<string, number> = { 'metric tons': 1, kilograms: 0.001, 'thousand metric tons': 1000 };
const toTonnes = (value: number | null, unit: string) =>
  value === null || !(unit in TONNES) ? null : value * TONNES[unit];

/** WGI 0–10 (10 worst) for a country in a year, falling back to the latest earlier year; with that year. */
function wgiOf(
  ctx: Context,
  country: string | null,
  year: number,
): { wgi: number | null; pv: number | null; year: number | null } {
  const byYear = country ? ctx.wgi.get(country) : undefined;
  if (!byYear) return { wgi: null, pv: null, year: null };
  const y =
    [...byYear.keys()].filter((k) => k <= year).sort((a, b) => b - a)[0] ?? [...byYear.keys()].sort()[0];
  const rec = byYear.get(y)!;
  return {
    wgi: wgiScaled(['va', 'pv', 'ge', 'rq', 'rl', 'cc'].map((k) => rec[k] ?? null)),
    pv: rec.pv ?? null,
    year: y,
  };
}

/** Restrictions in force on `date` by `imposer` on `mineral` towards `target` (or all destinations). */
function restrictionsOf(
  mineral: string,
  imposer: string,
  date: string,
  target: string | null,
): ExportControl[] {
  return EXPORT_CONTROLS.filter(
    (m) =>
      m.imposer === imposer &&
      m.minerals.includes(mineral) &&
      (m.targets === 'all' || (target !== null && m.targets.includes(target))) &&
      stateOn(m, date) === 'in_force',
  );
}

function tOf(ctx: Context, mineral: string, supplier: string | null, importer: string | null, date: string) {
  if (!supplier || supplier === importer) return { t: 1, basis: 'none' as const };
  const restrictions = restrictionsOf(mineral, supplier, date, importer).map(
    (m) => m.type as RestrictionType,
  );
  const agreement = importer ? (ctx.groups.get(FTA_GROUP[importer])?.has(supplier) ?? false) : false;
  return tradeParameter({ restrictions, agreement });
}

const tradeStageOf = (usgsStage: string) => (usgsStage === 'mine' ? 'mine' : 'refinery');

// ---------------------------------------------------------------- production

export interface StageConcentration {
  stage: string;
  year: number;
  unit: string;
  secondary: boolean;
  world: number | null;
  shares: {
    country: string;
    label: string;
    value: number | null;
    share: number | null;
    sourceLine: number | null;
  }[];
  otherShare: number | null;
  hhi: number | null;
  top1: number | null;
  top3: number | null;
  chinaShare: number | null;
  hhiWgi: number | null;
  source: { table: string; file: string; edition: number | null; worldLine: number | null };
}

function productionStage(
  ctx: Context,
  mineral: string,
  stage: string,
  year: number,
  rows: q.ProductionRow[],
  gaps: Gap[],
): StageConcentration {
  const world = rows.find((r) => r.row_kind === 'world');
  const other = rows.find((r) => r.row_kind === 'other');
  const countries = rows.filter((r) => r.row_kind === 'country');
  // Shares of the published world total, as USGS computes them; where the rounded listed values sum past that
  // total, of the listed sum instead, so shares stay within 0..1 and HHI within 0–10,000.
  const listed = countries.reduce((s, r) => s + (r.value ?? 0), 0) + (other?.value ?? 0);
  const total = world?.value == null ? null : Math.max(world.value, listed);
  if (world?.value != null && listed > world.value)
    gaps.push({
      topic: `${stage} production ${year}`,
      reason: 'insufficient_data',
      detail: `listed countries sum to ${listed} ${rows[0].unit}, above the rounded world total ${world.value} (line ${world.source_line}): shares are of the listed sum`,
    });
  for (const r of countries.filter((x) => x.value === null))
    gaps.push({
      topic: `${stage} production ${year}`,
      reason: r.null_reason === 'withheld' ? 'withheld' : 'not_reported',
      detail: `${r.country_label}: USGS value ${r.raw ?? r.null_reason ?? 'missing'} (line ${r.source_line})`,
    });
  if (total === null)
    gaps.push({
      topic: `${stage} production ${year}`,
      reason: 'not_reported',
      detail: 'USGS gives no world total: shares are null',
    });
  const shares = countries
    .map((r) => ({
      country: r.country!,
      label: r.country_label,
      value: r.value,
      share: total && r.value !== null ? r.value / total : null,
      sourceLine: r.source_line,
    }))
    .sort((a, b) => (b.value ?? -1) - (a.value ?? -1));
  const known = shares.map((s) => s.share).filter((s): s is number => s !== null);
  const otherShare = total && other?.value != null ? other.value / total : null;
  const date = `${year}-12-31`;
  const suppliers: GovernedSupplier[] = shares
    .filter((s) => s.share !== null)
    .map((s) => ({
      country: s.country,
      share: s.share!,
      wgi: wgiOf(ctx, s.country, year).wgi,
      t: tOf(ctx, mineral, s.country, null, date).t,
    }));
  if (otherShare) suppliers.push({ country: null, share: otherShare, wgi: null });
  const src = ctx.sources.get(rows[0].source_id);
  return {
    stage,
    year,
    unit: rows[0].unit,
    secondary: false,
    world: total,
    shares,
    otherShare,
    hhi: total === null ? null : hhi(known),
    top1: total === null ? null : topN(known, 1),
    top3: total === null ? null : topN(known, 3),
    chinaShare: total === null ? null : (shares.find((s) => s.country === 'CHN')?.share ?? 0),
    hhiWgi: total === null ? null : (hhiWgi(suppliers)?.value ?? null),
    source: {
      table: 'usgs_world',
      file: src?.file ?? `source ${rows[0].source_id}`,
      edition: rows[0].edition,
      worldLine: world?.source_line ?? null,
    },
  };
}

/** Refining shares from the secondary catalog, where USGS publishes no refinery series. */
function secondaryRefinery(ctx: Context, mineral: string, year: number): StageConcentration | null {
  const ref = euCrmInputs(mineral)?.refinedShares;
  if (!ref) return null;
  const shares = Object.entries(ref.shares)
    .map(([country, pct]) => ({ country, label: country, value: pct, share: pct / 100, sourceLine: null }))
    .sort((a, b) => b.share - a.share);
  const known = shares.map((s) => s.share);
  const otherShare = Math.max(0, 1 - known.reduce((s, x) => s + x, 0));
  const suppliers: GovernedSupplier[] = shares.map((s) => ({
    country: s.country,
    share: s.share,
    wgi: wgiOf(ctx, s.country, year).wgi,
  }));
  if (otherShare > 0) suppliers.push({ country: null, share: otherShare, wgi: null });
  return {
    stage: 'refinery',
    year,
    unit: 'percent',
    secondary: true,
    world: 100,
    shares,
    otherShare,
    hhi: hhi(known),
    top1: topN(known, 1),
    top3: topN(known, 3),
    chinaShare: shares.find((s) => s.country === 'CHN')?.share ?? 0,
    hhiWgi: hhiWgi(suppliers)?.value ?? null,
    source: {
      table: 'src/catalog/eu-crm-2023.yaml',
      file: `${EU_CRM_2023.secondary.title}; upstream: ${ref.source}`,
      edition: null,
      worldLine: null,
    },
  };
}

// ---------------------------------------------------------------- trade

export interface ExporterConcentration {
  hs: string;
  totalValue: number;
  exporters: number;
  hhi: number | null;
  top3: number | null;
  chinaShare: number | null;
  top: { country: string; value_usd: number; share: number }[];
}

function exporterConcentration(flows: q.FlowRow[]): ExporterConcentration[] {
  const byHs = new Map<string, Map<string, number>>();
  for (const f of flows) {
    const m = byHs.get(f.hs) ?? new Map<string, number>();
    m.set(f.exporter, (m.get(f.exporter) ?? 0) + (f.value_usd ?? 0));
    byHs.set(f.hs, m);
  }
  return [...byHs.entries()].map(([hs, m]) => {
    const totalValue = [...m.values()].reduce((s, x) => s + x, 0);
    const top = [...m.entries()]
      .map(([country, value_usd]) => ({
        country,
        value_usd,
        share: totalValue > 0 ? value_usd / totalValue : 0,
      }))
      .sort((a, b) => b.value_usd - a.value_usd);
    const shares = top.map((t) => t.share);
    return {
      hs,
      totalValue,
      exporters: top.length,
      hhi: totalValue > 0 ? hhi(shares) : null,
      top3: totalValue > 0 ? topN(shares, 3) : null,
      chinaShare: totalValue > 0 ? (top.find((t) => t.country === 'CHN')?.share ?? 0) : null,
      top: top.slice(0, 10),
    };
  });
}

type Basis = 'quantity_t' | 'value_usd';

/** Per-code networks of one mineral-year on one basis, built once and shared by the importers. */
const networks = new WeakMap<q.FlowRow[], Map<string, { net: Network; byImporter: Map<string, number> }>>();
function networksOf(flows: q.FlowRow[], basis: Basis) {
  const cache = networks.get(flows) ?? new Map<string, { net: Network; byImporter: Map<string, number> }>();
  networks.set(flows, cache);
  const out = new Map<string, { net: Network; byImporter: Map<string, number> }>();
  for (const hs of new Set(flows.map((f) => f.hs))) {
    const key = `${basis}|${hs}`;
    let hit = cache.get(key);
    if (!hit) {
      const rows = flows.filter((f) => f.hs === hs && f[basis] !== null);
      const byImporter = new Map<string, number>();
      for (const f of rows) byImporter.set(f.importer, (byImporter.get(f.importer) ?? 0) + f[basis]!);
      hit = {
        net: networkOf(rows.map((f) => ({ exporter: f.exporter, importer: f.importer, amount: f[basis]! }))),
        byImporter,
      };
      cache.set(key, hit);
    }
    out.set(hs, hit);
  }
  return out;
}

function stageProduction(data: MineralData, stage: string, year: number): Map<string, number> {
  const prod = new Map<string, number>();
  for (const [usgsStage, byYear] of data.production)
    if (tradeStageOf(usgsStage) === stage)
      for (const r of byYear.get(year) ?? [])
        if (r.row_kind === 'country' && r.country) {
          const t = toTonnes(r.value, r.unit);
          if (t !== null) prod.set(r.country, t);
        }
  return prod;
}

/**
 * Quantity-based look-through over each traded code, weighted by the importer's tonnes in that code; USGS
 * production of the matching stage enters as own supply. Null where the year's flows carry no quantities.
 */
function lookThroughAll(data: MineralData, flows: q.FlowRow[], country: string, year: number) {
  const basis: Basis = 'quantity_t';
  const nets = networksOf(flows, basis);
  const codes = [...nets.keys()];
  const weights = codes.map((hs) => nets.get(hs)!.byImporter.get(country) ?? 0);
  const total = weights.reduce((s, x) => s + x, 0);
  if (!(total > 0)) return null;
  const origins = new Map<string, number>();
  const direct = new Map<string, number>();
  let unresolved = 0;
  const implied = new Set<string>();
  const productionUsed: string[] = [];
  codes.forEach((hs, k) => {
    if (!(weights[k] > 0)) return;
    const w = weights[k] / total;
    const stage = data.mineral.hs.find((h) => h.hs6 === hs)?.stage ?? 'refinery';
    const prod = stageProduction(data, stage, year);
    if (prod.size) productionUsed.push(`${hs}: USGS ${stage} production ${year}`);
    const r = lookThrough(nets.get(hs)!.net, country, { production: prod });
    if (!r) return;
    for (const o of r.origins) origins.set(o.country, (origins.get(o.country) ?? 0) + w * o.share);
    for (const o of r.direct) direct.set(o.country, (direct.get(o.country) ?? 0) + w * o.share);
    unresolved += w * r.unresolved;
    for (const c of r.implied) implied.add(c);
  });
  const list = (m: Map<string, number>) =>
    [...m.entries()].map(([c, share]) => ({ country: c, share })).sort((a, b) => b.share - a.share);
  return {
    basis,
    chinaShare: origins.get('CHN') ?? 0,
    origins: list(origins).slice(0, 15),
    direct: { chinaShare: direct.get('CHN') ?? 0, partners: list(direct).slice(0, 15) },
    unresolved,
    impliedProducers: [...implied].sort(),
    productionUsed,
  };
}

type Nir = {
  value: number | null;
  code: string | null;
  bound: string | null;
  basis: string;
  sourceLine: number | null;
};

function nirOf(data: MineralData, flows: q.FlowRow[], country: string, year: number): Nir {
  if (country === 'USA') {
    const r = data.nir.get(year);
    if (r)
      return {
        value: r.value === null ? null : r.value / 100,
        code: r.code,
        bound: r.bound,
        basis: `USGS MCS ${r.edition} as published`,
        sourceLine: r.source_line,
      };
  }
  if (!flows.length)
    return { value: null, code: 'insufficient_data', bound: null, basis: 'no trade data', sourceLine: null };
  if (!flows.some((f) => (f.importer === country || f.exporter === country) && f.quantity_t !== null))
    return {
      value: null,
      code: 'insufficient_data',
      bound: null,
      basis: `no BACI quantities for ${year}`,
      sourceLine: null,
    };
  const imports = flows.filter((f) => f.importer === country).reduce((s, f) => s + (f.quantity_t ?? 0), 0);
  const exports = flows.filter((f) => f.exporter === country).reduce((s, f) => s + (f.quantity_t ?? 0), 0);
  let production = 0;
  for (const [stage, byYear] of data.production)
    if (data.mineral.hs.some((h) => h.inBaci && h.stage === tradeStageOf(stage)))
      for (const r of byYear.get(year) ?? [])
        if (r.country === country) production += toTonnes(r.value, r.unit) ?? 0;
  const n = netImportReliance({ production, imports, exports });
  return {
    value: n.value,
    code: n.code,
    bound: null,
    basis:
      'computed: (imports − exports) / (production + imports − exports), BACI tonnes and USGS production',
    sourceLine: null,
  };
}

// ---------------------------------------------------------------- per importer

function importerAssessment(
  ctx: Context,
  data: MineralData,
  year: number,
  country: string,
  yearFlows: q.FlowRow[],
  gaps: Gap[],
) {
  const m = data.mineral;
  const codes = m.hs.map((h) => ({
    hs6: h.hs6,
    stage: h.stage,
    inSharedData: h.inBaci,
    shared: h.sharedWith.some((x) => x !== m.id),
    sharedWith: h.sharedWith.filter((x) => x !== m.id),
  }));
  const date = `${year}-12-31`;
  const controls = measuresFor(m.id)
    .filter((c) => (c.targets === 'all' || c.targets.includes(country)) && stateOn(c, date) === 'in_force')
    .map((c) => ({ id: c.id, imposer: c.imposer, type: c.type, effective: c.effective }));
  const inflows = yearFlows.filter((f) => f.importer === country);
  const nir = nirOf(data, yearFlows, country, year);
  const base = { country, codes, exportControlsInForce: controls, netImportReliance: nir };
  if (!m.baciMaterials.length) {
    const reason =
      m.id === 'molybdenum' ? NO_MOLYBDENUM_TRADE : `no ${m.id} trade in the shared BACI extract`;
    return { ...base, partners: null, hhi: null, chinaShare: null, lookThrough: null, reason };
  }
  if (!inflows.length) {
    gaps.push({
      topic: `${country} imports ${year}`,
      reason: 'not_reported',
      detail: `no BACI flows of ${codes
        .filter((c) => c.inSharedData)
        .map((c) => c.hs6)
        .join(', ')} into ${country} in ${year}`,
    });
    return {
      ...base,
      partners: null,
      hhi: null,
      chinaShare: null,
      lookThrough: null,
      reason: `no BACI flows into ${country} in ${year}`,
    };
  }
  const others = TRIO.filter((c) => c !== country) as string[];
  const msp = [...(ctx.groups.get(MSP_GROUP)?.keys() ?? [])].filter((c) => c !== country);
  const dep = importDependence(inflows, { trio: others, msp });
  const lines = new Map<string, number[]>();
  for (const f of inflows) lines.set(f.exporter, [...(lines.get(f.exporter) ?? []), f.source_line]);
  if (!inflows.some((f) => f.quantity_t !== null))
    gaps.push({
      topic: 'look-through',
      reason: 'not_in_shared_data',
      detail: `the BACI flow files carry no quantities for ${year} (only 2024 has them): no look-through, which needs tonnes to meet USGS production`,
    });
  else if (dep.missingQuantity.length)
    gaps.push({
      topic: `${country} imports ${year}`,
      reason: 'not_reported',
      detail: `BACI gives no quantity for flows from ${dep.missingQuantity.join(', ')}: left out of quantity shares and look-through`,
    });
  if (codes.some((c) => c.inSharedData && c.shared))
    gaps.push({
      topic: 'look-through',
      reason: 'insufficient_data',
      detail:
        "the network of a shared HS code mixes materials: an intermediary's imports of the other metals in the code dilute its origin shares (read look-through for shared codes as indicative)",
    });
  const byCode = new Map<string, number>();
  for (const f of inflows) byCode.set(f.hs, (byCode.get(f.hs) ?? 0) + (f.value_usd ?? 0));
  const audit = codeAudit(
    m.id,
    m.hs.filter((h) => h.inBaci),
    byCode,
  );
  return {
    ...base,
    partners: dep.partners.map((p) => ({ ...p, sourceLines: lines.get(p.country) ?? [] })),
    totalValue: dep.totalValue,
    totalQuantity: dep.totalQuantity,
    hhi: dep.hhi,
    hhiQuantity: dep.hhiQuantity,
    chinaShare: dep.chinaShare,
    chinaQuantityShare: dep.chinaQuantityShare,
    trioShare: dep.groupShares.trio,
    mspShare: dep.groupShares.msp,
    lookThrough: lookThroughAll(data, yearFlows, country, year),
    codeAudit: {
      sharedShare: audit.sharedShare,
      sharedValue: audit.sharedValue,
      totalValue: audit.totalValue,
    },
    source: { table: 'trade', dataset: 'baci', file: ctx.sources.get(inflows[0].source_id)?.file ?? null },
    reason: null,
  };
}

// ---------------------------------------------------------------- risk

function riskFor(
  ctx: Context,
  data: MineralData,
  year: number,
  country: string,
  yearFlows: q.FlowRow[],
  stages: StageConcentration[],
  nir: Nir,
  gaps: Gap[],
) {
  const m = data.mineral;
  const date = `${year}-12-31`;
  const eu = euCrmInputs(m.id);
  const ir = nir.code === 'E' ? 0 : nir.value;
  const eolRir = eu?.eolRir ?? 0;
  const siSr = eu?.siSr ?? DEFAULT_SI_SR;
  const inflows = yearFlows.filter((f) => f.importer === country && f.quantity_t !== null);
  const govern = (c: string | null, share: number): GovernedSupplier => ({
    country: c,
    share,
    wgi: wgiOf(ctx, c, year).wgi,
    t: tOf(ctx, m.id, c, country, date).t,
  });
  const stageInputs: EuSrStageInput[] = [];
  for (const s of stages) {
    const tradeStage = tradeStageOf(s.stage);
    const codes = new Set(m.hs.filter((h) => h.inBaci && h.stage === tradeStage).map((h) => h.hs6));
    const globalSupply = s.shares.filter((x) => x.share !== null).map((x) => govern(x.country, x.share!));
    if (s.otherShare) globalSupply.push({ country: null, share: s.otherShare, wgi: null });
    let sourcing: GovernedSupplier[] | null = null;
    const imports = inflows.filter((f) => codes.has(f.hs));
    if (imports.length) {
      const own = s.secondary
        ? 0
        : (toTonnes(s.shares.find((x) => x.country === country)?.value ?? null, s.unit) ?? 0);
      const by = new Map<string, number>();
      for (const f of imports) by.set(f.exporter, (by.get(f.exporter) ?? 0) + f.quantity_t!);
      if (own > 0) by.set(country, own);
      const total = [...by.values()].reduce((a, b) => a + b, 0);
      if (total > 0) sourcing = [...by.entries()].map(([c, qty]) => govern(c, qty / total));
    }
    stageInputs.push({
      stage: `${s.stage}${s.secondary ? ' (secondary shares)' : ''}`,
      globalSupply,
      sourcing,
      ir: ir ?? 0,
      eolRir,
      siSr,
    });
  }
  const euSr =
    ir === null
      ? { sr: null, stage: null, stages: [], reason: `import reliance unknown (${nir.basis})` }
      : { ...euSupplyRisk(stageInputs), reason: null };
  if (eu?.eolRir == null)
    gaps.push({
      topic: 'EU supply risk',
      reason: 'assumption',
      detail: `EOL-RIR for ${m.id} not in the catalog: 0 used (no recycling credit)`,
    });
  if (eu?.siSr == null && country === TRIO[0])
    gaps.push({
      topic: 'EU supply risk',
      reason: 'assumption',
      detail: 'EU 2023 SI_SR not verified in this build: SI_SR = 1 used (no substitution credit)',
    });

  const main = stages.find((s) => !s.secondary) ?? null;
  const quantities = new Map<string, number>();
  for (const f of inflows) quantities.set(f.exporter, (quantities.get(f.exporter) ?? 0) + f.quantity_t!);
  const domestic = main
    ? (toTonnes(main.shares.find((x) => x.country === country)?.value ?? null, main.unit) ?? 0)
    : 0;
  const gpr =
    main && quantities.size
      ? geoPolRisk({
          hhi: main.hhi === null ? null : main.hhi / 10_000,
          partners: [...quantities.entries()].map(([c, qty]) => ({
            country: c,
            quantity: qty,
            pv: wgiOf(ctx, c, year).pv,
          })),
          domesticProduction: domestic,
        })
      : null;
  const usgs = main
    ? usgsStyleScore({
        producers: main.shares
          .filter((x) => x.share !== null)
          .map((x) => ({ share: x.share!, wgi: wgiOf(ctx, x.country, year).wgi })),
        nir: nir.code === 'E' ? 'E' : nir.value,
      })
    : null;
  return {
    euSR: {
      ...euSr,
      inputs: {
        ir,
        irBasis: nir.basis,
        eolRir,
        eolRirSource:
          eu?.eolRir == null
            ? 'default 0 (no recycling credit)'
            : 'EU CRM 2023 via atlas (src/catalog/eu-crm-2023.yaml)',
        siSr,
        siSrSource: eu?.siSr == null ? 'default 1 (no substitution credit)' : 'EU CRM 2023',
        tradeParameterDate: date,
      },
      publishedEu2023: eu?.publishedSr ?? null,
    },
    geoPolRisk: gpr
      ? {
          ...gpr,
          inputs: {
            hhiStage: main!.stage,
            domesticProduction_t: domestic,
            basis: 'BACI quantities, WGI political stability',
          },
        }
      : { score: null, reason: main ? 'no import quantities' : 'no USGS production series' },
    usgsStyle: usgs
      ? {
          ...usgs,
          inputs: { stage: main!.stage, nir: nir.code === 'E' ? 'E' : nir.value, nirBasis: nir.basis },
        }
      : { score: null, reason: main ? 'net import reliance unknown' : 'no USGS production series' },
  };
}

// ---------------------------------------------------------------- assembly

export function assessYear(ctx: Context, data: MineralData, year: number, countries: readonly string[]) {
  const m = data.mineral;
  const gaps: Gap[] = [];
  const stages: StageConcentration[] = [];
  for (const [stage, byYear] of data.production) {
    const rows = byYear.get(year);
    if (rows?.length) stages.push(productionStage(ctx, m.id, stage, year, rows, gaps));
  }
  if (!m.usgs)
    gaps.push({
      topic: 'production',
      reason: 'not_in_shared_data',
      detail: m.notes[0] ?? `no USGS production series for ${m.id}`,
    });
  else if (!stages.length) {
    const years = [...new Set([...data.production.values()].flatMap((b) => [...b.keys()]))].sort();
    gaps.push({
      topic: 'production',
      reason: 'not_reported',
      detail: `no USGS production for ${year}; the MCS files cover ${years.join(', ') || 'no year'}`,
    });
  }
  if (!stages.some((s) => s.stage === 'refinery' || s.stage === 'primary')) {
    const sec = secondaryRefinery(ctx, m.id, year);
    if (sec) {
      stages.push(sec);
      gaps.push({
        topic: 'refinery production',
        reason: 'secondary_source',
        detail: `USGS publishes no ${m.id} refinery series; refining shares are secondary and rounded (${sec.source.file}), not year-specific`,
      });
    }
  }
  const yearFlows = data.flows.get(year) ?? [];
  if (!m.baciMaterials.length)
    gaps.push({
      topic: 'trade',
      reason: 'not_in_shared_data',
      detail: m.id === 'molybdenum' ? NO_MOLYBDENUM_TRADE : `no ${m.id} codes in the shared BACI extract`,
    });
  else if (!yearFlows.length)
    gaps.push({ topic: 'trade', reason: 'not_reported', detail: `no BACI flows of ${m.id} in ${year}` });
  const missingCodes = m.hs.filter((h) => !h.inBaci).map((h) => h.hs6);
  if (m.baciMaterials.length && missingCodes.length)
    gaps.push({
      topic: 'trade codes',
      reason: 'not_in_shared_data',
      detail: `HS ${missingCodes.join(', ')} are not in the shared BACI extract; only ${m.hs
        .filter((h) => h.inBaci)
        .map((h) => h.hs6)
        .join(', ')} is traced`,
    });
  for (const h of m.hs.filter((x) => x.inBaci && x.sharedWith.some((o) => o !== m.id)))
    gaps.push({
      topic: 'trade codes',
      reason: 'insufficient_data',
      detail: `HS ${h.hs6} is shared with ${h.sharedWith.filter((o) => o !== m.id).join(', ')}: values are an upper bound for ${m.id}`,
    });

  const importers = countries.map((c) => importerAssessment(ctx, data, year, c, yearFlows, gaps));
  const risk = {
    euSR: {} as Record<string, unknown>,
    geoPolRisk: {} as Record<string, unknown>,
    usgsStyle: {} as Record<string, unknown>,
  };
  for (const imp of importers) {
    const r = riskFor(ctx, data, year, imp.country, yearFlows, stages, imp.netImportReliance, gaps);
    risk.euSR[imp.country] = r.euSR;
    risk.geoPolRisk[imp.country] = r.geoPolRisk;
    risk.usgsStyle[imp.country] = r.usgsStyle;
  }
  const wgiYears = [...new Set([...ctx.wgi.values()].flatMap((b) => [...b.keys()]))];
  const lastWgi = Math.max(...wgiYears);
  if (year > lastWgi)
    gaps.push({
      topic: 'governance',
      reason: 'not_reported',
      detail: `WGI ends in ${lastWgi}: ${lastWgi} scores used for ${year}`,
    });

  return {
    mineral: m.id,
    name: m.name,
    year,
    production: stages,
    exporters: exporterConcentration(yearFlows),
    importers,
    risk,
    exportControls: measuresFor(m.id).map((c) => ({
      id: c.id,
      imposer: c.imposer,
      type: c.type,
      targets: c.targets,
      effective: c.effective,
      ended: c.ended,
      stateAtYearEnd: stateOn(c, `${year}-12-31`),
      source: c.source,
    })),
    defenseUses: defenseUsesOf(m.id),
    gaps: dedupe(gaps),
  };
}

const dedupe = (gaps: Gap[]) => [...new Map(gaps.map((g) => [`${g.topic}|${g.detail}`, g])).values()];

export function trendsFor(ctx: Context, data: MineralData, countries: readonly string[]) {
  const imports = !data.mineral.baciMaterials.length
    ? null
    : countries.map((country) => ({
        country,
        series: ctx.baciYears.map((year) => {
          const flows = data.flows.get(year) ?? [];
          const inflows = flows.filter((f) => f.importer === country);
          if (!inflows.length)
            return { year, totalValue: null, chinaShare: null, hhi: null, lookThroughChinaShare: null };
          const d = importDependence(inflows);
          const lt = lookThroughAll(data, flows, country, year);
          return {
            year,
            totalValue: d.totalValue,
            chinaShare: d.chinaShare,
            hhi: d.hhi,
            lookThroughChinaShare: lt?.chinaShare ?? null,
          };
        }),
      }));
  const production = [...data.production.entries()].map(([stage, byYear]) => ({
    stage,
    series: [...byYear.entries()]
      .sort(([a], [b]) => a - b)
      .map(([year, rows]) => {
        const s = productionStage(ctx, data.mineral.id, stage, year, rows, []);
        return { year, chinaShare: s.chinaShare, hhi: s.hhi, top3: s.top3, edition: s.source.edition };
      }),
  }));
  return { imports, production };
}

export type AssessResult = ReturnType<typeof assessYear> & { trends?: ReturnType<typeof trendsFor> };

export const ASSESSABLE = () => MINERALS.map((m) => m.id);

export async function assess(db: Db, input: AssessParams): Promise<AssessResult> {
  const p = AssessParams.parse(input);
  const mineral = mineralById(p.mineral);
  if (!mineral) unknownChoice('mineral', p.mineral, ASSESSABLE(), 'mineral');
  let countries: string[] = [...TRIO];
  if (p.country) {
    const c = p.country.toUpperCase();
    if (!(TRIO as readonly string[]).includes(c)) unknownChoice('country', p.country, TRIO, 'country');
    countries = [c];
  }
  const [ctx, data] = await Promise.all([loadContext(db), loadMineral(db, mineral)]);
  const prodYears = [...data.production.values()].flatMap((b) => [...b.keys()]);
  const years = [...new Set([...data.flows.keys(), ...prodYears])].sort((a, b) => a - b);
  if (!years.length)
    throw new UserInputError(
      `no data for ${mineral.id} in the database (run minsec data build)`,
      'mineral',
      404,
    );
  const latestTrade = Math.max(...ctx.baciYears);
  const year = p.year ?? (years.includes(latestTrade) ? latestTrade : years[years.length - 1]);
  if (!years.includes(year))
    throw new UserInputError(
      `no ${mineral.id} data for ${year}; years with data: ${years[0]}–${years[years.length - 1]}`,
      'year',
      404,
    );
  const result: AssessResult = assessYear(ctx, data, year, countries);
  if (p.trends) result.trends = trendsFor(ctx, data, countries);
  return result;
}
