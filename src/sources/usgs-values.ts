// USGS Mineral Commodity Summaries value cells. USGS writes numbers with thousands separators and uses
// codes (MCS "Explanation of symbols"): "—" zero, "W" withheld to avoid disclosing company proprietary
// data, "NA" not available, "E" net exporter (import reliance only), "XX" not applicable, bounds such as
// ">50" or "<1,000", ranges "50–300", "s" or "Less than ½ unit" (MCS 2026 metadata), a leading "e" for an
// estimate, and words such as
// "Large" or "Small".

/** Why a USGS cell carries no number. */
export const NULL_REASONS = [
  'withheld',
  'not_available',
  'not_applicable',
  'qualitative',
  'not_reported',
  'below_half_unit',
] as const;
export type NullReason = (typeof NULL_REASONS)[number];

export interface UsgsValue {
  value: number | null;
  nullReason: NullReason | null;
  /** '>' or '<' for bounds (value is the bound), 'range' for a range (value is its midpoint). */
  bound: '>' | '<' | 'range' | null;
  /** 'E' for a net exporter in import-reliance series. */
  code: 'E' | 'W' | 'NA' | null;
  /** A leading "e" marks a USGS estimate ("e150" in the MCS 2024 salient tables). */
  estimated: boolean;
  raw: string;
}

const num = (s: string) => Number(s.replace(/,/g, ''));
const NUMBER = /^-?\d[\d,]*(\.\d+)?$|^-?\.\d+$/;

/** Parses one cell; returns null when the text is none of USGS's forms (the caller reports it with file:line). */
export function parseUsgsValue(cell: string): UsgsValue | null {
  const raw = cell;
  // U+2212 MINUS SIGN as in "−1"; a trailing "%" where a percentage cell repeats its unit
  let s = cell
    .trim()
    .replace(/\s+/g, ' ')
    .replace(/\u2212/g, '-')
    .replace(/(\d)\s*%$/, '$1');
  const estimated = /^e\d/.test(s);
  if (estimated) s = s.slice(1);
  const v = (
    value: number | null,
    nullReason: NullReason | null = null,
    bound: UsgsValue['bound'] = null,
    code: UsgsValue['code'] = null,
  ): UsgsValue => ({ value, nullReason, bound, code, estimated, raw });
  if (s === '') return v(null, 'not_reported');
  // a character lost in USGS's own file ("?1" in the MCS 2026 niobium stockpile row, both encodings): unreadable
  if (/^\?\d/.test(s)) return v(null, 'not_reported');
  if (/^[—–-]+$/.test(s)) return v(0); // "—": zero
  if (s === 'W') return v(null, 'withheld', null, 'W');
  if (s === 'NA') return v(null, 'not_available', null, 'NA');
  if (s === 'XX') return v(null, 'not_applicable');
  if (s === 's' || /^less than (½|one-half) unit\.?$/i.test(s)) return v(null, 'below_half_unit', '<');
  if (s === 'E') return v(null, null, null, 'E');
  if (/^(large|small|moderate|negligible|significant)$/i.test(s)) return v(null, 'qualitative');
  if (NUMBER.test(s)) return v(num(s));
  let m = /^([<>])\s*(\d[\d,]*(\.\d+)?)$/.exec(s);
  if (m) return v(num(m[2]), null, m[1] as '>' | '<');
  m = /^(\d[\d,]*(\.\d+)?)\s*[–-]\s*(\d[\d,]*(\.\d+)?)$/.exec(s);
  if (m) return v((num(m[1]) + num(m[3])) / 2, null, 'range');
  return null;
}
