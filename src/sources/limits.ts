// Plausible values, checked for every record at the door (src/store/load.ts runs checkRow on each record of
// every importer before it is stored): numbers must be finite, quantities and values non-negative, years within
// the dataset's span, scores within their scale. A record outside these bounds is an import error naming the
// field, the value and what is allowed; nothing of the file is loaded.
//
// Spans and scales, with their basis:
// - BACI starts in 1995 (CEPII BACI documentation: HS92 from 1995); UN Comtrade holds annual data from 1962
//   (UN Comtrade database overview); USITC DataWeb's HTS-based trade starts in 1989 (the HTS came into force
//   on 1 January 1989). China's monthly exports (china-monthly) are UN Comtrade rows: the same span as comtrade.
// - USGS Mineral Commodity Summaries: the series of that name starts with the 1978 edition (U.S. Bureau of
//   Mines, then USGS from 1996); an edition publishes its own year's estimates and up to five earlier years
//   (salient statistics), so a row's year lies in [edition − 10, edition] (the width 10 is an assumption with
//   margin). Net import reliance and import-source shares are percentages (0–100); USGS writes a net exporter
//   as "E", never as a negative number (MCS "Explanation of symbols").
// - WGI estimates are "in units of a standard normal distribution, with mean zero, standard deviation of one,
//   and running from approximately −2.5 to 2.5" (Kaufmann, Kraay & Mastruzzi 2010, World Bank WPS 5430); the
//   2024 update's extremes are −3.31 and 2.47. The bound ±5 is an assumption (twice the documented range).
//   Percentile ranks run 0–100; WGI starts in 1996.
// - UN General Assembly votes and Voeten's ideal points start with the first session (1946); ATOP starts in
//   1815 (Leeds et al. 2002). Ideal points are on a latent scale (Bailey, Strezhnev & Voeten 2017) whose 1946–2024
//   extremes are −3.55 and 3.23; the bound ±10 is an assumption. COW state codes run 2–999 (COW state list).
// - Upper bounds on single trade records (US$10 trillion per flow, 10 billion tonnes) and on USGS quantities
//   (10¹² in the table's unit) are assumptions: an order of magnitude above world totals (world merchandise
//   trade ≈ US$24 trillion in 2023, WTO; iron ore, the largest traded mineral, ≈ 1.6 billion t).
// - No year may lie after next year (the clock of the import, not of any analysis).
import type { RowError } from '../model/errors.ts';
import type { TableName } from '../store/schema.ts';
import type { Row } from './types.ts';

/** The latest plausible year of any record: next calendar year. */
export const MAX_YEAR = new Date().getUTCFullYear() + 1;

interface NumberRule {
  min: number;
  max: number;
  integer?: boolean;
  /** What the bound is, in words (unit and basis), for the error message. */
  what: string;
  /** The bounds are an assumption, not a published scale (said in the message). */
  assumed?: boolean;
}

const YEAR = (from: number, basis: string): NumberRule => ({
  min: from,
  max: MAX_YEAR,
  integer: true,
  what: `a year from ${from} (${basis}) to ${MAX_YEAR}`,
});

/** First year of each trade dataset (see the header). */
export const TRADE_FIRST_YEAR: Record<string, number> = {
  baci: 1995,
  comtrade: 1962,
  'china-monthly': 1962,
  usitc: 1989,
};

const USD = { min: 0, max: 1e13, what: 'US dollars, 0 to 10¹³', assumed: true };
const TONNES = { min: 0, max: 1e10, what: 'metric tons, 0 to 10¹⁰', assumed: true };
const PERCENT = { min: 0, max: 100, what: 'a percentage, 0 to 100' };
const EDITION = { min: 1978, max: MAX_YEAR, integer: true, what: `an MCS edition year, 1978 to ${MAX_YEAR}` };
const USGS_QUANTITY = {
  min: 0,
  max: 1e12,
  what: "a non-negative quantity in the table's unit, up to 10¹²",
  assumed: true,
};
const COW = { min: 2, max: 999, integer: true, what: 'a COW state code, 2 to 999' };

/** Fixed rules per table and column (years of trade and USGS rows are checked below). */
const RULES: Partial<Record<TableName, Record<string, NumberRule>>> = {
  trade: {
    month: { min: 1, max: 12, integer: true, what: 'a month, 1 to 12' },
    value_usd: USD,
    quantity_t: TONNES,
  },
  usgs_world: { edition: EDITION, value: USGS_QUANTITY },
  usgs_nir: { edition: EDITION, value: PERCENT },
  usgs_salient: { edition: EDITION },
  usgs_import_sources: { edition: EDITION, share_pct: PERCENT },
  governance: {
    year: YEAR(1996, 'WGI starts in 1996'),
    estimate: {
      min: -5,
      max: 5,
      what: 'a WGI estimate, −5 to 5 (twice the documented ≈ ±2.5 scale)',
      assumed: true,
    },
    stddev: { min: 0, max: 5, what: 'a standard error, 0 to 5', assumed: true },
    nsource: { min: 0, max: 100, integer: true, what: 'a count of sources, 0 to 100', assumed: true },
    pctrank: { min: 0, max: 100, what: 'a percentile rank, 0 to 100' },
  },
  un_roll_calls: {
    rcid: { min: 1, max: 1e7, integer: true, what: 'a roll-call id, 1 or more' },
    session: { min: 1, max: 200, integer: true, what: 'a General Assembly session, 1 to 200' },
    year: YEAR(1946, 'the first UN General Assembly'),
  },
  un_votes: {
    rcid: { min: 1, max: 1e7, integer: true, what: 'a roll-call id, 1 or more' },
    vote: { min: 1, max: 3, integer: true, what: '1 yes, 2 abstain, 3 no' },
  },
  un_roll_call_issues: { rcid: { min: 1, max: 1e7, integer: true, what: 'a roll-call id, 1 or more' } },
  ideal_points: {
    ccode: COW,
    year: YEAR(1946, 'the first UN General Assembly'),
    ideal_fp: { min: -10, max: 10, what: 'an ideal point, −10 to 10', assumed: true },
    ideal_all: { min: -10, max: 10, what: 'an ideal point, −10 to 10', assumed: true },
    ...Object.fromEntries(
      ['q0_fp', 'q5_fp', 'q10_fp', 'q50_fp', 'q90_fp', 'q95_fp', 'q100_fp'].map((q) => [
        q,
        { min: -10, max: 10, what: 'an ideal-point quantile, −10 to 10', assumed: true },
      ]),
    ),
    nvotes_fp: { min: 0, max: 10_000, integer: true, what: 'a count of votes, 0 to 10,000', assumed: true },
    nvotes_all: { min: 0, max: 10_000, integer: true, what: 'a count of votes, 0 to 10,000', assumed: true },
  },
  alliances: { ccode1: COW, ccode2: COW, year: YEAR(1815, 'ATOP starts in 1815') },
  policies: {
    year: YEAR(1900, 'assumption: no modern minerals policy before 1900'),
    year_ended: { min: 1900, max: 2100, integer: true, what: 'a year, 1900 to 2100', assumed: true },
  },
};

/** Salient statistics that can be negative: stock changes. */
// Government stockpile shipments are a change in inventory: negative when the stockpile grew (MCS salient notes)
const SIGNED_SALIENT = /stock|change|shipment/i;

function checkNumber(v: unknown, rule: NumberRule): string | null {
  if (typeof v !== 'number' || !Number.isFinite(v)) return 'is not a finite number';
  if (rule.integer && !Number.isInteger(v)) return 'is not a whole number';
  if (v < rule.min || v > rule.max) return 'is out of range';
  return null;
}

const shown = (v: unknown) => (typeof v === 'number' ? String(v) : JSON.stringify(v));

function failure(
  field: string,
  v: unknown,
  problem: string,
  rule: NumberRule | string,
): Omit<RowError, 'file' | 'line'> {
  const allowed = typeof rule === 'string' ? rule : rule.what;
  const assumed = typeof rule !== 'string' && rule.assumed ? ' (a plausibility bound, an assumption)' : '';
  return {
    field,
    message: `${field} = ${shown(v)} ${problem}; allowed: ${allowed}${assumed}`,
    hint: 'correct the value in the file, or check that the column is the one expected (shifted or cut-off line?)',
  };
}

/** The first implausible value of a record, or null. */
export function checkRow(table: TableName, row: Row): Omit<RowError, 'file' | 'line'> | null {
  const rules = RULES[table] ?? {};
  for (const [field, rule] of Object.entries(rules)) {
    const v = row[field];
    if (v === null || v === undefined) continue;
    const problem = checkNumber(v, rule);
    if (problem) return failure(field, v, problem, rule);
  }
  // Every other number must be finite (NaN and ±Infinity never load).
  for (const [field, v] of Object.entries(row))
    if (typeof v === 'number' && !Number.isFinite(v))
      return failure(field, v, 'is not a finite number', 'a finite number');

  if (table === 'trade') {
    const first = TRADE_FIRST_YEAR[String(row.dataset)] ?? 1900;
    const rule = YEAR(first, `the first year of ${row.dataset ?? 'the dataset'}`);
    const problem = checkNumber(row.year, rule);
    if (problem) return failure('year', row.year, problem, rule);
  }
  if (table === 'usgs_world' || table === 'usgs_nir' || table === 'usgs_salient') {
    const edition = row.edition as number;
    const rule: NumberRule = {
      min: edition - 10,
      max: edition,
      integer: true,
      what: `a year of the MCS ${edition} edition, ${edition - 10} to ${edition} (width 10 an assumption)`,
    };
    const problem = checkNumber(row.year, rule);
    if (problem) return failure('year', row.year, problem, rule);
  }
  if (table === 'usgs_salient' && typeof row.value === 'number') {
    const signed = SIGNED_SALIENT.test(`${row.statistic} ${row.series}`);
    const rule: NumberRule = signed
      ? { min: -1e12, max: 1e12, what: 'a stock change, −10¹² to 10¹²', assumed: true }
      : USGS_QUANTITY;
    const problem = checkNumber(row.value, rule);
    if (problem) return failure('value', row.value, problem, rule);
  }
  return null;
}
