// Number formatting for the pages, in the dashboard's current language (set by the i18n provider from the
// URL's ?lang=): Intl grouping and percent signs of ko-KR, ja-JP or en-US. null shows as an em dash.
import { type Formatters, formatters } from '../../src/i18n/format.ts';

let current: Formatters = formatters('en-US');

/** Called by the i18n provider when the language changes. */
export function setFormatters(f: Formatters) {
  current = f;
}

export const pct = (x: number | null | undefined, digits = 1) => current.pct(x, digits);
export const num = (x: number | null | undefined, digits = 0) => current.num(x, digits);
export const compact = (x: number | null | undefined, digits = 1) => current.compact(x, digits);
export const usd = (x: number | null | undefined) => current.usd(x);

export const TRIO = ['KOR', 'JPN', 'USA'] as const;
export const CASE_MINERALS = ['cobalt', 'gallium', 'molybdenum', 'tungsten'] as const;
