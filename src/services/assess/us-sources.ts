// Every trade source that measures one importer's dependence on China for a mineral, side by side (issue 10,
// item 5), reconciled by src/analysis/supply-chain/reconcile.ts:
// (a) USGS import sources — the latest MCS edition's shares for its period (e.g. 2021–24), all forms;
// (b) USITC DataWeb — U.S. imports for consumption by partner over the chain's HTS4 headings, for the USGS
//     period (the comparable figure) and for a single year, in contained metal where every row has a mass
//     (quantity × the contained-metal factor of the heading's codes, src/model/supply-chains.yaml), else by value;
// (c) BACI — the lead's HS6-based figure, added through baciFigure / withBaci;
// (d) China's customs — China's reported monthly exports to an importer summed over a year (dataset
//     china-monthly), a flow, compared with BACI's CHN → importer flow of the same code and year.
//
// Which USITC headings count: a heading counts when the DataWeb rows file it under the chain's mineral and no
// code of the chain in it is shared without a split (`shared.split: none`). HTS 7202 is filed under
// "ferroalloys" (every ferroalloy: ferromanganese, ferrochromium, ferrosilicon, ferro-tungsten, …) and is left
// out with that reason; so is HTS 8112 ("selected minor metals").
import {
  compareFlows,
  type Disagreement,
  type Reconciliation,
  reconcile,
  type SourceFigure,
  yearsText,
} from '../../analysis/supply-chain/reconcile.ts';
import { UserInputError } from '../../model/errors.ts';
import { type Chain, type ChainCode, chainOf } from '../../model/supply-chain.ts';
import type { Db } from '../../store/db.ts';
import {
  baciFlow,
  chinaMonthlyTotal,
  latestImportSources,
  usitcHeadingMinerals,
  usitcImports,
} from '../../store/queries/us-sources.ts';

export type { Reconciliation, SourceFigure };

const byShare = (a: { share: number }, b: { share: number }) => b.share - a.share;

function requireChain(mineral: string): Chain {
  const chain = chainOf(mineral);
  if (!chain)
    throw new UserInputError(`no supply chain is defined for ${mineral} (src/model/supply-chains.yaml)`);
  return chain;
}

/** "2021–24" → [2021, 2022, 2023, 2024]; "2024" → [2024]; [] when the period cannot be read. */
export function periodYears(period: string): number[] {
  const m = /^(\d{4})\s*[–-]\s*(\d{2}|\d{4})$/.exec(period.trim());
  if (!m) return /^\d{4}$/.test(period.trim()) ? [Number(period.trim())] : [];
  const from = Number(m[1]);
  const to = m[2].length === 2 ? Math.floor(from / 100) * 100 + Number(m[2]) : Number(m[2]);
  return to >= from ? Array.from({ length: to - from + 1 }, (_, i) => from + i) : [];
}

// ---------------------------------------------------------------------------------------------------------
// (a) USGS import sources

/** A USGS series that counts every form of the mineral (MCS labels: "All", "Total …", "…, and other forms"). */
const ALL_FORMS = /^(all|total)\b|and other forms/i;

export interface UsgsImportSourcesResult {
  /** The all-forms series' figure; null when the edition has no all-forms series (then see `series`). */
  figure: SourceFigure | null;
  /** Every series of the edition, as figures (a single-form series has chainCoverage null). */
  series: SourceFigure[];
  edition: number | null;
  period: string | null;
  reason: string | null;
}

export async function usgsImportSources(db: Db, mineral: string): Promise<UsgsImportSourcesResult> {
  const rows = await latestImportSources(db, mineral);
  if (!rows.length)
    return {
      figure: null,
      series: [],
      edition: null,
      period: null,
      reason: `no USGS import sources for ${mineral} are loaded`,
    };
  const names = [...new Set(rows.map((r) => r.series))];
  const series = names.map((name): SourceFigure => {
    const mine = rows.filter((r) => r.series === name);
    const allForms = ALL_FORMS.test(name) || names.length === 1;
    const shares = mine
      .filter((r) => r.share_pct !== null)
      .map((r) => ({
        country: r.row_kind === 'country' && r.country ? r.country : 'other',
        share: r.share_pct! / 100,
      }))
      .sort(byShare);
    const china = mine.find((r) => r.country === 'CHN');
    const listed = mine.filter((r) => r.row_kind === 'country' && r.share_pct !== null);
    const smallest = Math.min(...listed.map((r) => r.share_pct!));
    const period = mine[0].period;
    const reasons = [
      `MCS ${mine[0].edition}, series "${name}", U.S. import sources ${period}; USGS rounds shares to whole percent`,
    ];
    if (!china)
      reasons.push(
        `China is not among the sources USGS lists (each listed source has ${smallest}% or more): its share is inside "Other countries"`,
      );
    if (!allForms) reasons.push('this series counts one group of forms, not all forms');
    return {
      source: 'usgs-import-sources',
      importer: 'USA',
      china: china?.share_pct != null ? china.share_pct / 100 : null,
      shares,
      unit: 'percent of all forms (USGS)',
      codes: [allForms ? 'all forms' : name],
      years: periodYears(period),
      chainCoverage: allForms ? 1 : null,
      reason: reasons.join('; '),
      sourceIds: [...new Set(mine.map((r) => r.source_id))],
    };
  });
  const main = names.findIndex((n) => ALL_FORMS.test(n) || names.length === 1);
  return {
    figure: main >= 0 ? series[main] : null,
    series,
    edition: rows[0].edition,
    period: main >= 0 ? rows.find((r) => r.series === names[main])!.period : rows[0].period,
    reason:
      main >= 0
        ? null
        : `MCS ${rows[0].edition} lists ${mineral} import sources by form only (${names.join('; ')}): no all-forms figure`,
  };
}

// ---------------------------------------------------------------------------------------------------------
// (b) USITC DataWeb

export interface HeadingFactor {
  /** Central factor: the codes' common factor, else the midpoint of their central factors. */
  value: number;
  low: number;
  high: number;
  /** Set when the heading's codes have different factors: the range is used, and this says so. */
  note: string | null;
}

export interface UsitcHeading {
  hts4: string;
  /** The chain's HS6 codes inside the heading. */
  codes: string[];
  factor: HeadingFactor;
  included: boolean;
  /** Why the heading is left out (null when included). */
  reason: string | null;
}

/** The contained-metal factor of a heading from its codes' factors (range when they differ). */
export function headingFactor(codes: readonly ChainCode[]): HeadingFactor {
  const values = codes.map((c) => c.factor.value);
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const low = Math.min(...codes.map((c) => c.factor.low));
  const high = Math.max(...codes.map((c) => c.factor.high));
  if (lo === hi) return { value: lo, low, high, note: null };
  const value = (lo + hi) / 2;
  return {
    value,
    low,
    high,
    note:
      `the heading's codes have different contained-metal factors (${codes.map((c) => `${c.hs6} ${c.factor.value}`).join(', ')}): ` +
      `the midpoint ${value} is used, with the range ${low}–${high}; the mix of codes inside the heading is not known`,
  };
}

/**
 * The chain's USITC headings and whether each counts (see the header): filed under the chain's mineral in the
 * DataWeb rows (`filedUnder`: heading → mineral labels), and no code in it shared without a split.
 */
export function usitcHeadings(
  chain: Chain,
  filedUnder: ReadonlyMap<string, readonly (string | null)[]>,
): UsitcHeading[] {
  const headings = [...new Set(chain.codes.flatMap((c) => (c.usitc ? [c.usitc] : [])))].sort();
  return headings.map((hts4) => {
    const codes = chain.codes.filter((c) => c.usitc === hts4);
    const labels = filedUnder.get(hts4) ?? [];
    const unsplit = codes.filter((c) => c.shared?.split === 'none');
    let reason: string | null = null;
    if (!labels.length) reason = `no USITC rows for HTS ${hts4} are loaded`;
    else if (!labels.includes(chain.mineral))
      reason =
        `HTS ${hts4} is filed under "${labels.join(', ')}" in DataWeb, not ${chain.mineral}: at four digits it carries ` +
        `${hts4 === '7202' ? 'every ferroalloy (ferromanganese, ferrochromium, ferrosilicon, ferro-tungsten, ferro-molybdenum, …)' : 'other materials too'}, ` +
        `and ${codes.map((c) => c.hs6).join(', ')} cannot be told apart from them`;
    else if (unsplit.length)
      reason = `HTS ${hts4} holds ${unsplit.map((c) => c.hs6).join(', ')}, shared with ${[...new Set(unsplit.flatMap((c) => c.shared!.with))].join(', ')} without a split`;
    return {
      hts4,
      codes: codes.map((c) => c.hs6),
      factor: headingFactor(codes),
      included: reason === null,
      reason,
    };
  });
}

export interface UsitcResult {
  /** All included headings together; null when no heading counts or no rows are loaded. */
  figure: SourceFigure | null;
  /** One figure per included heading (e.g. HTS 8101 alone). */
  byHeading: SourceFigure[];
  headings: UsitcHeading[];
  years: number[];
}

interface Agg {
  value: Map<string, number>;
  tonnes: Map<string, number>;
  /** Rows with a value but no mass (measurement_status other than "reported"). */
  missingMass: number;
  partners: Set<string>;
  sourceIds: Set<number>;
}

const add = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v);

function sharesOf(m: ReadonlyMap<string, number>): { country: string; share: number }[] {
  const total = [...m.values()].reduce((s, v) => s + v, 0);
  if (!(total > 0)) return [];
  return [...m.entries()].map(([country, v]) => ({ country, share: v / total })).sort(byShare);
}

/** China's share of Σ_h f_h · q_h,c over the corners of the headings' factor ranges: [min, max]. */
function chinaRangeOf(aggs: { agg: Agg; factor: HeadingFactor }[]): [number, number] | null {
  if (aggs.length < 2 && aggs.every((a) => a.factor.low === a.factor.high)) return null;
  let lo = Infinity;
  let hi = -Infinity;
  for (let mask = 0; mask < 1 << aggs.length; mask++) {
    let chn = 0;
    let total = 0;
    aggs.forEach(({ agg, factor }, i) => {
      const f = mask & (1 << i) ? factor.high : factor.low;
      chn += f * (agg.tonnes.get('CHN') ?? 0);
      total += f * [...agg.tonnes.values()].reduce((s, v) => s + v, 0);
    });
    if (total > 0) {
      lo = Math.min(lo, chn / total);
      hi = Math.max(hi, chn / total);
    }
  }
  return Number.isFinite(lo) && hi - lo > 1e-9 ? [lo, hi] : null;
}

function usitcFigureOf(
  chain: Chain,
  parts: { heading: UsitcHeading; agg: Agg }[],
  years: number[],
  excluded: UsitcHeading[],
): SourceFigure | null {
  const withRows = parts.filter((p) => p.agg.value.size || p.agg.tonnes.size);
  if (!withRows.length) return null;
  const byMass = withRows.every((p) => p.agg.missingMass === 0);
  const contained = new Map<string, number>();
  const value = new Map<string, number>();
  for (const { heading, agg } of withRows) {
    for (const [c, t] of agg.tonnes) add(contained, c, t * heading.factor.value);
    for (const [c, v] of agg.value) add(value, c, v);
  }
  const shares = sharesOf(byMass ? contained : value);
  const valueShares = sharesOf(value);
  const partners = new Set(withRows.flatMap((p) => [...p.agg.partners]));
  const codes = withRows.flatMap((p) => p.heading.codes);
  const reasons: string[] = [
    byMass
      ? `U.S. imports for consumption in HTS ${withRows.map((p) => p.heading.hts4).join(', ')} converted to contained ${chain.mineral}: ` +
        withRows
          .map(
            (p) =>
              `${p.heading.hts4} × ${p.heading.factor.value}${p.heading.factor.low !== p.heading.factor.high ? ` (${p.heading.factor.low}–${p.heading.factor.high})` : ''}`,
          )
          .join(', ')
      : `shares by value: ${withRows.reduce((s, p) => s + p.agg.missingMass, 0)} partner-year rows have no reported mass`,
    ...withRows.flatMap((p) =>
      p.heading.factor.note ? [`HTS ${p.heading.hts4}: ${p.heading.factor.note}`] : [],
    ),
    ...excluded.map((h) => `left out: ${h.reason}`),
  ];
  const notInUsitc = chain.codes.filter((c) => !c.usitc).map((c) => c.hs6);
  if (notInUsitc.length) reasons.push(`codes with no USITC heading in the extract: ${notInUsitc.join(', ')}`);
  return {
    source: 'usitc',
    importer: 'USA',
    china: shares.find((s) => s.country === 'CHN')?.share ?? (shares.length ? 0 : null),
    shares,
    unit: byMass ? 't contained' : 'USD',
    codes: withRows.map((p) => p.heading.hts4),
    years,
    chainCoverage: codes.length / chain.codes.length,
    reason: reasons.join('; '),
    partners: partners.size,
    chinaRange: byMass ? chinaRangeOf(withRows.map((p) => ({ agg: p.agg, factor: p.heading.factor }))) : null,
    chinaByValue: valueShares.find((s) => s.country === 'CHN')?.share ?? (valueShares.length ? 0 : null),
    sourceIds: [...new Set(withRows.flatMap((p) => [...p.agg.sourceIds]))],
  };
}

/** U.S. imports by partner over the chain's counted USITC headings, for the given years (summed). */
export async function usitcFigure(db: Db, mineral: string, years: readonly number[]): Promise<UsitcResult> {
  const chain = requireChain(mineral);
  const all = [...new Set(chain.codes.flatMap((c) => (c.usitc ? [c.usitc] : [])))];
  const filed = new Map<string, (string | null)[]>();
  for (const r of await usitcHeadingMinerals(db, all))
    filed.set(r.hs, [...(filed.get(r.hs) ?? []), r.mineral]);
  const headings = usitcHeadings(chain, filed);
  const included = headings.filter((h) => h.included);
  const ys = [...new Set(years)].sort((a, b) => a - b);
  const rows = await usitcImports(db, { importer: 'USA', headings: included.map((h) => h.hts4), years: ys });
  const parts = included.map((heading) => {
    const agg: Agg = {
      value: new Map(),
      tonnes: new Map(),
      missingMass: 0,
      partners: new Set(),
      sourceIds: new Set(),
    };
    for (const r of rows.filter((x) => x.hs === heading.hts4)) {
      agg.partners.add(r.exporter);
      agg.sourceIds.add(r.source_id);
      if (r.value_usd !== null) add(agg.value, r.exporter, r.value_usd);
      if (r.quantity_t !== null) add(agg.tonnes, r.exporter, r.quantity_t);
      else if ((r.value_usd ?? 0) > 0) agg.missingMass++;
    }
    return { heading, agg };
  });
  const excluded = headings.filter((h) => !h.included);
  const yearsPresent = [...new Set(rows.map((r) => r.year))].sort((a, b) => a - b);
  const figure = usitcFigureOf(chain, parts, yearsPresent.length ? yearsPresent : ys, excluded);
  const byHeading = parts.flatMap((p) => {
    const f = usitcFigureOf(chain, [p], yearsPresent.length ? yearsPresent : ys, []);
    return f ? [f] : [];
  });
  return { figure, byHeading, headings, years: ys };
}

// ---------------------------------------------------------------------------------------------------------
// (c) BACI, from the lead's model

export interface BaciFigureInput {
  importer: string;
  years: number[];
  /** HS6 codes the shares are computed over. */
  codes: string[];
  /** Partner shares (0..1) as the BACI model computes them. */
  shares: { country: string; share: number }[];
  /** e.g. 't contained' or 'USD'. */
  unit: string;
  /** Default: the share of the chain's codes among `codes`. */
  chainCoverage?: number | null;
  reason?: string;
  /** BACI's CHN → importer flow over the same codes and years, for the comparison with China's customs. */
  chinaFlow?: { tonnes: number | null; valueUsd: number | null } | null;
  sourceIds?: number[];
}

/** The BACI figure as a SourceFigure (China's share from the shares given; coverage from the chain). */
export function baciFigure(mineral: string, input: BaciFigureInput): SourceFigure {
  const chain = chainOf(mineral);
  const inChain = chain ? input.codes.filter((c) => chain.codes.some((k) => k.hs6 === c)).length : 0;
  const shares = [...input.shares].sort(byShare);
  return {
    source: 'baci',
    importer: input.importer,
    china: shares.length ? (shares.find((s) => s.country === 'CHN')?.share ?? 0) : null,
    shares,
    unit: input.unit,
    codes: [...input.codes],
    years: [...input.years],
    chainCoverage:
      input.chainCoverage !== undefined ? input.chainCoverage : chain ? inChain / chain.codes.length : null,
    reason:
      input.reason ??
      `BACI bilateral flows in HS ${input.codes.join(', ')} (reconciled exporter and importer reports)`,
    quantity: input.chinaFlow ? { exporter: 'CHN', ...input.chinaFlow } : null,
    sourceIds: input.sourceIds,
  };
}

// ---------------------------------------------------------------------------------------------------------
// The U.S. sources together

export interface UsSourcesResult {
  mineral: string;
  importer: 'USA';
  year: number;
  usgs: UsgsImportSourcesResult;
  /** USITC over the USGS period (the figure comparable with USGS); null without a USGS period. */
  usitcPeriod: UsitcResult | null;
  /** USITC in the single year. */
  usitcYear: UsitcResult;
  baci: SourceFigure | null;
  reconciliation: Reconciliation;
}

function reconcileAll(r: Omit<UsSourcesResult, 'reconciliation'>): Reconciliation {
  const figures = [r.usgs.figure, r.usitcPeriod?.figure ?? null, r.usitcYear.figure, r.baci].filter(
    (f): f is SourceFigure => f !== null,
  );
  return reconcile(figures);
}

/** USGS import sources, USITC (USGS period and one year) and, when given, BACI, reconciled. */
export async function usSources(
  db: Db,
  q: { mineral: string; year: number; baci?: BaciFigureInput },
): Promise<UsSourcesResult> {
  requireChain(q.mineral);
  const usgs = await usgsImportSources(db, q.mineral);
  const period = usgs.figure?.years ?? [];
  const usitcPeriod = period.length ? await usitcFigure(db, q.mineral, period) : null;
  const usitcYear = await usitcFigure(db, q.mineral, [q.year]);
  const baci = q.baci ? baciFigure(q.mineral, q.baci) : null;
  const base = {
    mineral: q.mineral,
    importer: 'USA' as const,
    year: q.year,
    usgs,
    usitcPeriod,
    usitcYear,
    baci,
  };
  return { ...base, reconciliation: reconcileAll(base) };
}

/** Adds (or replaces) the BACI figure the lead's model computed, and reconciles again. */
export function withBaci(result: UsSourcesResult, baci: BaciFigureInput): UsSourcesResult {
  const next = { ...result, baci: baciFigure(result.mineral, baci) };
  return { ...next, reconciliation: reconcileAll(next) };
}

// ---------------------------------------------------------------------------------------------------------
// (d) China's customs: reported monthly exports

/** The code of China's monthly exports that carries each mineral, and what it holds. */
export const CHINA_CUSTOMS_CODES: Record<string, { hs6: string; note: string }> = {
  gallium: { hs6: '811292', note: 'all metals of 811292, an upper bound for gallium' },
  germanium: { hs6: '811292', note: 'all metals of 811292, an upper bound for germanium' },
  graphite: { hs6: '250410', note: 'natural graphite in powder or flakes' },
};

export interface ChinaCustomsResult {
  /** China's reported exports to the importer (a flow: china is null, quantity carries tonnes and value). */
  figure: SourceFigure | null;
  /** BACI's CHN → importer flow of the same code and year. */
  baci: SourceFigure | null;
  comparison: Disagreement | null;
  reason: string | null;
}

/** China's reported exports of the mineral's code to KOR, JPN or USA, summed over the months of `year`. */
export async function chinaCustomsFigure(
  db: Db,
  mineral: string,
  importer: string,
  year: number,
): Promise<ChinaCustomsResult> {
  const code = CHINA_CUSTOMS_CODES[mineral];
  if (!code)
    return {
      figure: null,
      baci: null,
      comparison: null,
      reason: `China's monthly exports in the shared data carry HS 250410, 380110 and 811292 only: none of them is ${mineral}'s`,
    };
  const chain = chainOf(mineral);
  const coverage = chain ? chain.codes.filter((c) => c.hs6 === code.hs6).length / chain.codes.length : null;
  const t = await chinaMonthlyTotal(db, { importer, hs6: code.hs6, year });
  const b = await baciFlow(db, { exporter: 'CHN', importer, hs6: code.hs6, year });
  /** China's flow of the code to the importer in the year, as one source reports it (a flow: no China share). */
  const chinaFlow = (
    source: 'baci' | 'china-customs',
    reason: string,
    tonnes: number | null,
    valueUsd: number | null,
    sourceIds: number[],
  ): SourceFigure => ({
    source,
    importer,
    china: null,
    shares: [],
    unit: 'USD and t (flow)',
    codes: [code.hs6],
    years: [year],
    chainCoverage: coverage,
    reason,
    quantity: { exporter: 'CHN', tonnes, valueUsd },
    sourceIds,
  });
  const baci = b
    ? chinaFlow(
        'baci',
        `BACI's CHN → ${importer} flow of HS ${code.hs6} (${code.note})`,
        b.quantity_t,
        b.value_usd,
        [b.source_id],
      )
    : null;
  if (!t.months)
    return {
      figure: null,
      baci,
      comparison: null,
      reason: `China's monthly exports of HS ${code.hs6} to ${importer} in ${year} are not loaded (dataset china-monthly)`,
    };
  const reasons = [
    `China's reported exports of HS ${code.hs6} (${code.note}), ${t.months} months of ${year} summed`,
  ];
  if (t.months < 12) reasons.push(`${12 - t.months} months have no row (no shipment recorded)`);
  if (t.with_quantity < t.months)
    reasons.push(
      `${t.months - t.with_quantity} months have a value but no reported weight: tonnes count the other months only`,
    );
  const figure = chinaFlow(
    'china-customs',
    reasons.join('; '),
    t.with_quantity ? t.quantity_t : null,
    t.value_usd,
    t.source_id === null ? [] : [t.source_id],
  );
  return {
    figure,
    baci,
    comparison: baci ? compareFlows(figure, baci) : null,
    reason: baci ? null : `BACI has no CHN → ${importer} flow of HS ${code.hs6} in ${year}`,
  };
}

/** The years of a figure in words (re-exported for faces). */
export { yearsText };
