// Supply-side parts of the vulnerability assessment: the stage shape production concentration takes (computed in
// assess/production.ts), secondary refining shares where USGS publishes no refinery series, exporter
// concentration per HS code and the USGS import-source comparison for the trade-code audit.
import { hhi, topN } from '../../analysis/concentration.ts';
import { type GovernedSupplier, hhiWgi } from '../../analysis/hhi-wgi.ts';
import { EU_CRM_2023, euCrmInputs } from '../../catalog/eu-crm-2023.ts';
import type * as q from '../../store/queries/vulnerability.ts';
import { type Context, type MineralData, wgiOf } from './data.ts';

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

/**
 * What a code split would reveal, where it can be checked: USGS's U.S. import sources for the mineral itself
 * (a census of the mineral's own tariff lines) beside the BACI partner shares of the shared HS6 code(s) over the
 * same years. Only for the United States (USGS publishes no Korean or Japanese series).
 */
const comparisons = new WeakMap<MineralData, ReturnType<typeof compareWithUsgs>>();
export function usgsComparison(ctx: Context, data: MineralData) {
  if (!comparisons.has(data)) comparisons.set(data, compareWithUsgs(ctx, data));
  return comparisons.get(data)!;
}

function compareWithUsgs(ctx: Context, data: MineralData) {
  const rows = data.importSources.filter((r) => r.share_pct !== null);
  if (!rows.length || !data.flows.size) return null;
  const series = rows[0].series;
  const period = rows[0].period;
  const m = /(\d{4})\s*[–-]\s*(\d{2,4})/.exec(period);
  if (!m) return null;
  const from = Number(m[1]);
  const to = m[2].length === 2 ? Number(m[1].slice(0, 2) + m[2]) : Number(m[2]);
  const value = new Map<string, number>();
  const codes = new Set<string>();
  let total = 0;
  for (let y = from; y <= to; y++)
    for (const f of data.flows.get(y) ?? [])
      if (f.importer === 'USA') {
        value.set(f.exporter, (value.get(f.exporter) ?? 0) + (f.value_usd ?? 0));
        total += f.value_usd ?? 0;
        codes.add(f.hs);
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
    baciCodes: [...codes].sort(),
    rows: usgs,
    baciChinaShare: (value.get('CHN') ?? 0) / total,
    /** null when USGS does not list China separately (it is then inside "Other countries"). */
    usgsChinaShare: ((x) => (x === undefined ? null : x / 100))(
      rows.find((r) => r.series === series && r.country === 'CHN')?.share_pct ?? undefined,
    ),
  };
}
