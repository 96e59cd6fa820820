// Locale-aware numbers and dates through Intl (ECMA-402), one set of formatters per BCP 47 tag (ko-KR, ja-JP,
// en-US). A null or undefined value prints as an em dash: a gap is shown as a gap, never as 0.
// Compact figures follow each language's own grouping: Korean 만 (10⁴) and 억 (10⁸), Japanese 万 and 億,
// English K/M/B (CLDR compact decimal patterns, as Intl.NumberFormat's notation "compact" gives them).

export const MISSING = '—';

type Num = number | null | undefined;

export interface Formatters {
  /** Grouped number with a fixed number of decimals: 12,345.6. */
  num: (x: Num, digits?: number) => string;
  /** A share 0–1 as a percentage with fixed decimals: 98.7%. */
  pct: (x: Num, digits?: number) => string;
  /** Compact number: 1.2억 / 1.2億 / 123.5M. */
  compact: (x: Num, digits?: number) => string;
  /** U.S. dollars, compact: US$2510만 / $2510万 / $25.1M. */
  usd: (x: Num) => string;
  /** An ISO date (YYYY-MM-DD) in the locale's long form: 2025년 2월 4일 / 2025年2月4日 / February 4, 2025. */
  date: (iso: string | null | undefined) => string;
  /** A month (YYYY-MM or YYYY-MM-DD): 2025년 2월 / 2025年2月 / Feb 2025. */
  month: (iso: string | null | undefined) => string;
  /** A list joined as the language joins it: A, B and C / A, B 및 C / A、B、C. */
  list: (items: string[], type?: 'conjunction' | 'disjunction' | 'unit') => string;
}

const cache = new Map<string, Intl.NumberFormat>();
function nf(tag: string, opts: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${tag}|${JSON.stringify(opts)}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(tag, opts);
    cache.set(key, f);
  }
  return f;
}

/** Parses YYYY-MM[-DD] as a UTC date (no time zone shift: a month stays that month everywhere). */
function utcDate(iso: string): Date | null {
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?/.exec(iso);
  return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3] ?? '1'))) : null;
}

export function formatters(tag: string): Formatters {
  const fixed = (digits: number, extra: Intl.NumberFormatOptions = {}) =>
    nf(tag, { minimumFractionDigits: digits, maximumFractionDigits: digits, ...extra });
  // A value that rounds to zero prints as 0, never "-0" (ECMA-402 keeps the sign of negative zero).
  const unsigned = (x: number, digits: number) => (Math.abs(x) < 0.5 * 10 ** -digits ? 0 : x);
  const missing = (x: Num): x is null | undefined => x === null || x === undefined || Number.isNaN(x);
  return {
    num: (x, digits = 0) => (missing(x) ? MISSING : fixed(digits).format(unsigned(x, digits))),
    pct: (x, digits = 1) =>
      missing(x) ? MISSING : fixed(digits, { style: 'percent' }).format(unsigned(x, digits + 2)),
    compact: (x, digits = 1) =>
      missing(x) ? MISSING : nf(tag, { notation: 'compact', maximumFractionDigits: digits }).format(x),
    usd: (x) =>
      missing(x)
        ? MISSING
        : nf(tag, {
            style: 'currency',
            currency: 'USD',
            notation: 'compact',
            minimumFractionDigits: 0,
            maximumFractionDigits: 1,
          }).format(x),
    date: (iso) => {
      const d = iso ? utcDate(iso) : null;
      return d
        ? new Intl.DateTimeFormat(tag, {
            year: 'numeric',
            month: 'long',
            day: 'numeric',
            timeZone: 'UTC',
          }).format(d)
        : (iso ?? MISSING);
    },
    month: (iso) => {
      const d = iso ? utcDate(iso) : null;
      return d
        ? new Intl.DateTimeFormat(tag, {
            year: 'numeric',
            month: tag.startsWith('en') ? 'short' : 'long',
            timeZone: 'UTC',
          }).format(d)
        : (iso ?? MISSING);
    },
    list: (items, type = 'conjunction') => new Intl.ListFormat(tag, { type, style: 'long' }).format(items),
  };
}
