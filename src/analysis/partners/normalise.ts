// Normalisation of one indicator across the candidate countries, so that 1 is best and 0 worst whatever the
// indicator's direction (OECD/JRC 2008, Handbook on Constructing Composite Indicators, §5: min-max and ranking):
//   min-max: (x − min) / (max − min), or (max − x) / (max − min) when lower is better;
//   rank:    (r − 1) / (n − 1) with r the ascending rank (ties get their mean rank), reversed when lower is better.
// Missing values stay null (never imputed). An indicator with fewer than two distinct values cannot discriminate:
// every value is null and the caller reports the indicator as dropped. Cost: O(n) min-max, O(n log n) rank.

export type Direction = 'higher' | 'lower';
export type Normalisation = 'minmax' | 'rank';

export function normalise(
  values: readonly (number | null)[],
  direction: Direction,
  method: Normalisation = 'minmax',
): (number | null)[] {
  const present = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (new Set(present).size < 2) return values.map(() => null);
  const orient = (x: number) => (direction === 'higher' ? x : 1 - x);
  if (method === 'minmax') {
    const min = Math.min(...present);
    const max = Math.max(...present);
    return values.map((v) => (v === null || !Number.isFinite(v) ? null : orient((v - min) / (max - min))));
  }
  const sorted = [...present].sort((a, b) => a - b);
  const meanRank = new Map<number, number>();
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[i]) j++;
    meanRank.set(sorted[i], (i + j) / 2 + 1);
    i = j + 1;
  }
  const n = sorted.length;
  return values.map((v) =>
    v === null || !Number.isFinite(v) ? null : orient(((meanRank.get(v) as number) - 1) / (n - 1)),
  );
}
