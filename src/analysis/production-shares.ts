// Who produces a mineral: each country's share of one USGS world-production table (one mineral × stage × year
// of one Mineral Commodity Summaries edition), the HHI, top-n, and China's share — the one rule every face
// (production service, assessment, briefs, pages) reads.
//
// Rule (DESIGN.md, Methods, "Shares, HHI, top-n": share_c = q_c / Σq; HHI = Σ(100·share_c)² on 0–10,000; top-n =
// sum of the n largest shares):
// - Denominator D = max(W, L), W = the published "World total" row, L = Σ listed country values + "Other
//   countries". USGS rounds W (MCS tables label it "World total (rounded)", typically to two or three significant
//   figures) while the country rows are not rounded the same way, so L can exceed W (gallium 2025, MCS 2026:
//   China 900,000 + Japan 3,000 + Russia 6,000 = 909,000 kg against a world total of 900,000). Dividing by W then
//   gives shares that sum past 1 (China 100.0 %) and an HHI past what the shares can support; dividing by L
//   where it is the larger keeps Σ shares ≤ 1 (China 900,000 / 909,000 = 99.0 %). Where W ≥ L the published
//   total stands (it carries what rounding, withheld rows and unlisted producers leave out of L).
//   `denominatorBasis` says which one was taken. No world total (absent or not a number): D is null and every
//   share is null (`no_world_total`): L alone would overstate shares whenever anything is withheld.
// - A withheld (`W`), not-available or otherwise non-numeric value stays null with its reason, never 0, and is
//   left out of L, of the HHI and of top-n (said by `incomplete`).
// - A country not listed: if "Other countries" is > 0 or not a number, its share is null
//   (`other_countries_unattributed`: it may sit inside that remainder); if "Other countries" is 0 or absent, its
//   share is 0 (`not_listed`).
// - Estimates: MCS gives the edition's latest year as an estimate ("2025e" in MCS 2026), and the parsers store the
//   row-level flag in `estimated` (MCS 2026 Notes "Estimated", MCS 2025 `PROD_EST_` columns, legacy `_est_`
//   columns) and keep the cell text in `raw` (a leading "e" marks an estimate in older tables). A row is an
//   estimate when any of these says so; the table is when any row is or year = edition − 1.
// - HHI on 0–10,000 over the listed countries with a known share; "Other countries" is an aggregate, not a
//   producer, so it is left out and the HHI is a lower bound; `hhiUpper` adds (100·otherShare)², the value if
//   Other were a single producer (any split of it adds less, since Σx² ≤ (Σx)²). Other's share is reported apart.
// - top-n: the sum of the n largest listed country shares (Other left out).
// Cost: O(n log n) for the sort, n = rows of the table. Pure: no I/O.
import { NULL_REASONS } from '../sources/usgs-values.ts';
import { hhi, topN } from './concentration.ts';

/** One row of a USGS world table as the store returns it (usgs_world / the production view). */
export interface WorldTableRow {
  country: string | null;
  country_label: string;
  row_kind: 'country' | 'other' | 'world';
  value: number | null;
  null_reason: string | null;
  bound?: string | null;
  estimated?: boolean | null;
  raw?: string | null;
  source_line: number;
}

export type ShareReason =
  | 'withheld'
  | 'not_available'
  | 'not_applicable'
  | 'qualitative'
  | 'not_reported'
  | 'below_half_unit'
  | 'not_listed'
  | 'other_countries_unattributed'
  | 'no_world_total'
  | 'zero_total';

export interface CountryShare {
  country: string;
  label: string;
  quantity: number | null;
  /** 0..1 of the denominator; null with `reason` where the table cannot carry it. */
  share: number | null;
  reason: ShareReason | null;
  estimate: boolean;
  /** '>' | '<' | 'range' when USGS gave a bound or range (quantity is the bound or midpoint). */
  bound: string | null;
  sourceLine: number;
}

export interface ProductionShares {
  year: number;
  edition: number;
  /** The published (rounded) world total; null when absent or not a number. */
  worldTotal: number | null;
  worldLine: number | null;
  /** Σ listed country values + "Other countries" (known values only). */
  listedSum: number;
  denominator: number | null;
  denominatorBasis: 'world total' | 'listed sum' | null;
  /** Listed countries, largest quantity first (unknown quantities last, in table order). */
  shares: CountryShare[];
  other: { quantity: number | null; share: number | null; reason: ShareReason | null; line: number } | null;
  /** 0–10,000 over listed countries with a known share; a lower bound (Other left out). */
  hhi: number | null;
  /** HHI with "Other countries" counted as one producer: the upper bound. */
  hhiUpper: number | null;
  top1: number | null;
  top3: number | null;
  chinaShare: number | null;
  /** Why chinaShare is null (or 0: `not_listed`); null when China is listed with a value. */
  chinaReason: ShareReason | null;
  /** True when any row is a USGS estimate or the year is the edition's latest (estimated) year. */
  estimate: boolean;
  /** Countries whose value is withheld or not a number (left out of L, HHI and top-n). */
  incomplete: string[];
  /** Listed countries' values sum past the rounded world total (D is then the listed sum). */
  listedExceedsWorld: boolean;
}

const REASONS: readonly string[] = NULL_REASONS;
const reasonOf = (r: WorldTableRow): ShareReason =>
  (REASONS.includes(r.null_reason ?? '') ? r.null_reason : 'not_reported') as ShareReason;

const isEstimate = (r: WorldTableRow, latestYear: boolean) =>
  latestYear || Boolean(r.estimated) || /^\s*e\s*\d/.test(r.raw ?? '');

/** The rule above over one table's rows (one mineral × stage × year × edition). */
export function productionShares(
  rows: readonly WorldTableRow[],
  meta: { year: number; edition: number },
): ProductionShares {
  const latestYear = meta.year === meta.edition - 1;
  const worldRow = rows.find((r) => r.row_kind === 'world');
  const otherRow = rows.find((r) => r.row_kind === 'other');
  const countryRows = rows.filter((r) => r.row_kind === 'country' && r.country);
  const worldTotal = worldRow?.value ?? null;
  const listedSum = countryRows.reduce((s, r) => s + (r.value ?? 0), 0) + (otherRow?.value ?? 0);
  const denominator = worldTotal === null ? null : Math.max(worldTotal, listedSum);
  const denominatorBasis =
    denominator === null
      ? null
      : listedSum > worldTotal!
        ? ('listed sum' as const)
        : ('world total' as const);
  const noTotal: ShareReason | null =
    denominator === null ? 'no_world_total' : denominator > 0 ? null : 'zero_total';
  const of = (v: number | null) => (noTotal === null && v !== null ? v / denominator! : null);

  const shares: CountryShare[] = countryRows
    .map((r) => ({
      country: r.country!,
      label: r.country_label,
      quantity: r.value,
      share: of(r.value),
      reason: r.value === null ? reasonOf(r) : noTotal,
      estimate: isEstimate(r, latestYear),
      bound: r.bound ?? null,
      sourceLine: r.source_line,
    }))
    .sort((a, b) => (b.quantity ?? -1) - (a.quantity ?? -1));
  const other = otherRow
    ? {
        quantity: otherRow.value,
        share: of(otherRow.value),
        reason: otherRow.value === null ? reasonOf(otherRow) : noTotal,
        line: otherRow.source_line,
      }
    : null;

  const known = shares.map((s) => s.share).filter((s): s is number => s !== null);
  const h = noTotal === null ? hhi(known) : null;
  const china = shareOf({ shares, other, denominator }, 'CHN');
  return {
    year: meta.year,
    edition: meta.edition,
    worldTotal,
    worldLine: worldRow?.source_line ?? null,
    listedSum,
    denominator,
    denominatorBasis,
    shares,
    other,
    hhi: h,
    hhiUpper: h === null ? null : h + (100 * (other?.share ?? 0)) ** 2,
    top1: noTotal === null ? topN(known, 1) : null,
    top3: noTotal === null ? topN(known, 3) : null,
    chinaShare: china.share,
    chinaReason: china.reason,
    estimate: rows.some((r) => isEstimate(r, latestYear)),
    incomplete: shares.filter((s) => s.quantity === null).map((s) => s.country),
    listedExceedsWorld: worldTotal !== null && listedSum > worldTotal,
  };
}

/**
 * Any country's share under the rule: listed → its share (null with the row's reason when withheld); not listed
 * → 0 (`not_listed`) when "Other countries" is 0 or absent, else null (`other_countries_unattributed`).
 */
export function shareOf(
  t: Pick<ProductionShares, 'shares' | 'other' | 'denominator'>,
  iso3: string,
): { share: number | null; reason: ShareReason | null } {
  const listed = t.shares.find((s) => s.country === iso3);
  if (listed) return { share: listed.share, reason: listed.reason };
  if (t.denominator === null) return { share: null, reason: 'no_world_total' };
  if (!(t.denominator > 0)) return { share: null, reason: 'zero_total' };
  if (t.other && t.other.quantity !== 0) return { share: null, reason: 'other_countries_unattributed' };
  return { share: 0, reason: 'not_listed' };
}
