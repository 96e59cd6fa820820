// Number formatting for the pages; null shows as an em dash with its reason where one is given.
export const pct = (x: number | null | undefined, digits = 1) =>
  x === null || x === undefined ? '—' : `${(100 * x).toFixed(digits)}%`;

export const num = (x: number | null | undefined, digits = 0) =>
  x === null || x === undefined
    ? '—'
    : x.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

export const TRIO = ['KOR', 'JPN', 'USA'] as const;
export const TRIO_NAMES: Record<string, string> = { KOR: 'South Korea', JPN: 'Japan', USA: 'United States' };
export const CASE_MINERALS = ['cobalt', 'gallium', 'molybdenum', 'tungsten'] as const;
