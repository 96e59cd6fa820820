// Supply-side parts of the vulnerability assessment: production concentration per stage (USGS, or secondary
// refining shares), exporter concentration per HS code, per-year flow indexes and networks, the quantity-based
// look-through, net import reliance and the USGS import-source comparison for the trade-code audit.
import { hhi, topN } from '../../analysis/concentration.ts';
import { netImportReliance } from '../../analysis/dependence.ts';
import { type GovernedSupplier, hhiWgi } from '../../analysis/hhi-wgi.ts';
import { lookThrough, type Network, networkOf } from '../../analysis/lookthrough.ts';
import { EU_CRM_2023, euCrmInputs } from '../../catalog/eu-crm-2023.ts';
import type * as q from '../../store/queries/vulnerability.ts';
import {
  baciCodes,
  type Context,
  type Gap,
  type MineralData,
  tOf,
  toTonnes,
  tradeStageOf,
  wgiOf,
} from './data.ts';

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

export function productionStage(
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
export function secondaryRefinery(ctx: Context, mineral: string, year: number): StageConcentration | null {
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

export function exporterConcentration(flows: q.FlowRow[]): ExporterConcentration[] {
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

/** One mineral-year's flows indexed by importer, and tonnes in and out per country; built once per year. */
const indexes = new WeakMap<
  q.FlowRow[],
  { into: Map<string, q.FlowRow[]>; tIn: Map<string, number>; tOut: Map<string, number> }
>();
function indexOf(flows: q.FlowRow[]) {
  let ix = indexes.get(flows);
  if (!ix) {
    ix = { into: new Map(), tIn: new Map(), tOut: new Map() };
    for (const f of flows) {
      const list = ix.into.get(f.importer) ?? [];
      list.push(f);
      ix.into.set(f.importer, list);
      if (f.quantity_t !== null) {
        ix.tIn.set(f.importer, (ix.tIn.get(f.importer) ?? 0) + f.quantity_t);
        ix.tOut.set(f.exporter, (ix.tOut.get(f.exporter) ?? 0) + f.quantity_t);
      }
    }
    indexes.set(flows, ix);
  }
  return ix;
}
export const inflowsOf = (flows: q.FlowRow[], country: string) => indexOf(flows).into.get(country) ?? [];

/** Per-code quantity networks of one mineral-year, built once and shared by the importers. */
const networks = new WeakMap<q.FlowRow[], Map<string, { net: Network; byImporter: Map<string, number> }>>();
function networksOf(flows: q.FlowRow[]) {
  let m = networks.get(flows);
  if (!m) {
    m = new Map();
    for (const hs of new Set(flows.map((f) => f.hs))) {
      const rows = flows.filter((f) => f.hs === hs && f.quantity_t !== null);
      const byImporter = new Map<string, number>();
      for (const f of rows) byImporter.set(f.importer, (byImporter.get(f.importer) ?? 0) + f.quantity_t!);
      const net = networkOf(
        rows.map((f) => ({ exporter: f.exporter, importer: f.importer, amount: f.quantity_t! })),
      );
      m.set(hs, { net, byImporter });
    }
    networks.set(flows, m);
  }
  return m;
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
export function lookThroughAll(data: MineralData, flows: q.FlowRow[], country: string, year: number) {
  const nets = networksOf(flows);
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
    basis: 'quantity_t' as const,
    chinaShare: origins.get('CHN') ?? 0,
    origins: list(origins).slice(0, 15),
    direct: { chinaShare: direct.get('CHN') ?? 0, partners: list(direct).slice(0, 15) },
    unresolved,
    impliedProducers: [...implied].sort(),
    productionUsed,
    note:
      'Origins are where the material entered this HS code network: USGS producers of the stage, or countries ' +
      'exporting more than they import (impliedProducers). A processor that imports more of the same code than it ' +
      'exports (China takes in cobalt hydroxide under HS 282200) passes its suppliers through, so its processing ' +
      'role shows in the direct shares, not here.',
  };
}

export type Nir = {
  value: number | null;
  code: string | null;
  bound: string | null;
  basis: string;
  sourceLine: number | null;
};

export function nirOf(data: MineralData, flows: q.FlowRow[], country: string, year: number): Nir {
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
  if (!indexOf(flows).tIn.has(country) && !indexOf(flows).tOut.has(country))
    return {
      value: null,
      code: 'insufficient_data',
      bound: null,
      basis: `no BACI quantities for ${year}`,
      sourceLine: null,
    };
  const ix = indexOf(flows);
  const imports = ix.tIn.get(country) ?? 0;
  const exports = ix.tOut.get(country) ?? 0;
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

/**
 * What a code split would reveal, where it can be checked: USGS's U.S. import sources for the mineral itself
 * (a census of the mineral's own tariff lines) beside the BACI partner shares of the shared HS6 code(s) over the
 * same years. Only for the United States (USGS publishes no Korean or Japanese series).
 */
export function usgsComparison(ctx: Context, data: MineralData) {
  const rows = data.importSources.filter((r) => r.share_pct !== null);
  if (!rows.length || !data.flows.size) return null;
  const series = rows[0].series;
  const period = rows[0].period;
  const m = /(\d{4})\s*[–-]\s*(\d{2,4})/.exec(period);
  if (!m) return null;
  const from = Number(m[1]);
  const to = m[2].length === 2 ? Number(m[1].slice(0, 2) + m[2]) : Number(m[2]);
  const value = new Map<string, number>();
  let total = 0;
  for (let y = from; y <= to; y++)
    for (const f of inflowsOf(data.flows.get(y) ?? [], 'USA')) {
      value.set(f.exporter, (value.get(f.exporter) ?? 0) + (f.value_usd ?? 0));
      total += f.value_usd ?? 0;
    }
  if (!(total > 0)) return null;
  const usgs = rows
    .filter((r) => r.series === series)
    .map((r) => ({
      country: r.country ?? 'other countries',
      usgsShare: r.share_pct! / 100,
      baciShare: r.country ? (value.get(r.country) ?? 0) / total : null,
      sourceLine: r.source_line,
    }));
  return {
    period,
    usgsSeries: series,
    usgsEdition: rows[0].edition,
    usgsFile: ctx.sources.get(rows[0].source_id)?.file ?? null,
    baciCodes: baciCodes(data.mineral),
    rows: usgs,
    baciChinaShare: (value.get('CHN') ?? 0) / total,
    /** null when USGS does not list China separately (it is then inside "Other countries"). */
    usgsChinaShare: ((x) => (x === undefined ? null : x / 100))(
      rows.find((r) => r.series === series && r.country === 'CHN')?.share_pct ?? undefined,
    ),
  };
}
