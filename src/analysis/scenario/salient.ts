// Reading the USGS salient statistics (U.S.) for the scenarios: one value per series and year from the latest
// edition that publishes it, converted to tonnes of contained metal, with the source row. Series names differ
// between MCS 2026 (Statistics_detail, e.g. "Consumption, reported") and the 2022–2025 releases (e.g.
// "Consump_kg"), so each quantity is a list of alternative patterns; a quantity made of several parts (tungsten
// imports = ores and concentrates + other forms) sums one value per part and is null when any part is.
// Units: USGS states each chapter's basis in its header ("Data in kilograms, gallium content"; "metric tons,
// tungsten content"), so the tonnes here are contained metal as USGS defines it for the mineral.

export interface SalientRow {
  mineral: string;
  statistic: string;
  series: string;
  year: number;
  edition: number;
  value: number | null;
  unit: string;
  nullReason: string | null;
  bound: string | null;
  raw: string | null;
  sourceId: number;
  sourceLine: number;
}

export interface SalientValue {
  /** Tonnes (contained metal), or the raw unit for non-mass series (percent, prices). */
  value: number | null;
  /** 'withheld', 'not_available', 'not_reported', 'qualitative', 'bound', or 'not_in_data'. */
  reason: string | null;
  /** '>' | '<' when USGS published a bound (e.g. NIR ">50"). */
  bound: string | null;
  raw: string | null;
  year: number;
  edition: number | null;
  series: string[];
  unit: string;
  rows: { sourceId: number; sourceLine: number }[];
}

/** Tonnes per unit of the salient tables' mass units. */
export const TONNES_PER_UNIT: Record<string, number> = {
  grams: 1e-6,
  kilograms: 0.001,
  'metric tons': 1,
  'thousand metric tons': 1000,
};

/** One quantity: parts to sum, each a list of alternative series patterns (first match wins). */
export type SeriesParts = RegExp[][];

function onePart(rows: readonly SalientRow[], patterns: RegExp[], year: number) {
  for (const p of patterns) {
    const hits = rows.filter((r) => r.year === year && p.test(r.series));
    if (!hits.length) continue;
    const latest = hits.reduce((a, b) => (b.edition > a.edition ? b : a));
    return latest;
  }
  return null;
}

/**
 * The value of a quantity in `year`: the sum of its parts from the latest edition of each, in tonnes where the
 * unit is a mass. Null with the reason when a part is missing, withheld or a bound.
 */
export function salientValue(rows: readonly SalientRow[], parts: SeriesParts, year: number): SalientValue {
  const found = parts.map((p) => onePart(rows, p, year));
  const used = found.filter((r): r is SalientRow => r !== null);
  const base: Omit<SalientValue, 'value' | 'reason' | 'bound'> = {
    raw: used.map((r) => r.raw ?? String(r.value)).join(' + ') || null,
    year,
    edition: used.length ? Math.max(...used.map((r) => r.edition)) : null,
    series: used.map((r) => r.series),
    unit: used[0] ? (TONNES_PER_UNIT[used[0].unit] !== undefined ? 't' : used[0].unit) : 't',
    rows: used.map((r) => ({ sourceId: r.sourceId, sourceLine: r.sourceLine })),
  };
  if (used.length < parts.length) return { ...base, value: null, reason: 'not_in_data', bound: null };
  const withheld = used.find((r) => r.value === null);
  if (withheld)
    return {
      ...base,
      value: null,
      reason: withheld.nullReason ?? (withheld.raw === 'E' ? 'net_exporter' : 'not_available'),
      bound: null,
    };
  const bounded = used.find((r) => r.bound);
  let total = 0;
  for (const r of used) total += (r.value as number) * (TONNES_PER_UNIT[r.unit] ?? 1);
  if (bounded) return { ...base, value: total, reason: 'bound', bound: bounded.bound };
  return { ...base, value: total, reason: null, bound: null };
}
