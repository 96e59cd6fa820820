// Reconciling trade sources that measure the same figure: one importer's dependence on China for a mineral.
// Pure: no I/O, no clock. Each source's figure is shown side by side with the others, the headline is chosen by
// one stated rule (RECONCILE_RULE), and every pair of figures that disagree carries the reason in plain words.
//
// Rule (issue 10, item 5): widest coverage of the chain first — chainCoverage, the share of the chain's codes
// (or forms) the figure covers; at equal coverage USGS import sources (all forms) beat customs headings (USITC
// HTS4) beat HS6 codes (BACI) beat the others (UN Comtrade, China's customs); then more years; then the later
// last year. A figure without a China share (a flow, e.g. China's reported exports) is listed after the
// shares and is never the headline. Cost: O(n² ) over the n figures (a handful).
//
// Shares are fractions (0..1); gaps between figures are in percentage points.

/** Where a figure comes from. */
export type SourceKind = 'usgs-import-sources' | 'usitc' | 'baci' | 'china-customs' | 'comtrade';

export interface SourceFigure {
  source: SourceKind;
  /** ISO3 of the importing country. */
  importer: string;
  /** China's share (0..1) of the importer's supply as this source measures it; null when it gives no share. */
  china: number | null;
  /** Every partner's share (0..1), largest first. */
  shares: { country: string; share: number }[];
  /** What the shares are of: 't contained', 'USD', 'percent of all forms (USGS)', … */
  unit: string;
  /** HS6 codes, HTS4 headings or 'all forms'. */
  codes: string[];
  years: number[];
  /** Share of the chain's codes (or forms) covered, 0..1; null when it cannot be stated. */
  chainCoverage: number | null;
  /** Why this figure is what it is (coverage, conversions, caveats), in plain words. */
  reason?: string;
  /** Partners in the denominator when the source lists only some (USITC: 18); absent or null = all partners. */
  partners?: number | null;
  /** China's share at the ends of the contained-metal factor ranges, when the codes' factors differ. */
  chinaRange?: [number, number] | null;
  /** China's share by value, beside a share in tonnes (value weighs dear forms more than ores). */
  chinaByValue?: number | null;
  /** A flow rather than a share (China's reported exports): what the exporter shipped to the importer. */
  quantity?: { exporter: string; tonnes: number | null; valueUsd: number | null } | null;
  /** Rows cited (sources.source_id). */
  sourceIds?: number[];
}

export interface Disagreement {
  a: SourceFigure;
  b: SourceFigure;
  /** a.china − b.china in percentage points (one decimal); null for a comparison of flows. */
  gapPoints: number | null;
  /** For two flows of the same exporter: (a − b) / b in percent, by value and by tonnes. */
  flowGapPercent?: { valueUsd: number | null; tonnes: number | null };
  reason: string;
}

export interface Reconciliation {
  headline: SourceFigure | null;
  rule: string;
  /** In the order of the rule: the headline first. */
  figures: SourceFigure[];
  disagreements: Disagreement[];
}

export const RECONCILE_RULE =
  'widest coverage of the chain first; USGS all forms beats customs headings beats HS6 codes; ties: more years. ' +
  'A figure without a China share (a flow) is listed after the shares and is never the headline.';

/** Defaults, each overridable: the smallest gap (percentage points) reported as a disagreement. */
export const RECONCILE_DEFAULTS = { minGapPoints: 2, minFlowGapPercent: 5 };
export type ReconcileOptions = Partial<typeof RECONCILE_DEFAULTS>;

/** USGS all forms > customs headings > HS6 codes > others. */
const SOURCE_RANK: Record<SourceKind, number> = {
  'usgs-import-sources': 0,
  usitc: 1,
  baci: 2,
  comtrade: 3,
  'china-customs': 4,
};

export const SOURCE_NAMES: Record<SourceKind, string> = {
  'usgs-import-sources': 'USGS import sources',
  usitc: 'USITC DataWeb',
  baci: 'CEPII BACI',
  'china-customs': "China's customs (UN Comtrade, China as reporter)",
  comtrade: 'UN Comtrade',
};

const EPS = 1e-9;

/** Years as ranges: [2021, 2022, 2023, 2024] → "2021–2024". */
export function yearsText(years: readonly number[]): string {
  const ys = [...new Set(years)].sort((a, b) => a - b);
  const out: string[] = [];
  for (let i = 0; i < ys.length; i++) {
    let j = i;
    while (j + 1 < ys.length && ys[j + 1] === ys[j] + 1) j++;
    out.push(i === j ? String(ys[i]) : `${ys[i]}–${ys[j]}`);
    i = j;
  }
  return out.join(', ') || 'no years';
}

export const figureLabel = (f: SourceFigure) => `${SOURCE_NAMES[f.source]} ${yearsText(f.years)}`;

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

/** Negative when a comes first under the rule. */
export function compareFigures(a: SourceFigure, b: SourceFigure): number {
  const shareA = a.china === null ? 1 : 0;
  const shareB = b.china === null ? 1 : 0;
  if (shareA !== shareB) return shareA - shareB;
  const covA = a.chainCoverage ?? -1;
  const covB = b.chainCoverage ?? -1;
  if (Math.abs(covA - covB) > EPS) return covB - covA;
  if (SOURCE_RANK[a.source] !== SOURCE_RANK[b.source]) return SOURCE_RANK[a.source] - SOURCE_RANK[b.source];
  if (a.years.length !== b.years.length) return b.years.length - a.years.length;
  const lastA = Math.max(-Infinity, ...a.years);
  const lastB = Math.max(-Infinity, ...b.years);
  return lastB - lastA;
}

function coverageText(f: SourceFigure): string {
  const what =
    f.source === 'usgs-import-sources'
      ? 'every form the USGS series counts'
      : `${f.source === 'usitc' ? 'HTS' : 'HS'} ${f.codes.join(', ')}`;
  const cov =
    f.chainCoverage === null ? 'coverage of the chain not stated' : `${pct(f.chainCoverage)} of the chain`;
  return `${figureLabel(f)} counts ${what} (${cov})`;
}

const unitNote = (u: string) =>
  /USD|value/i.test(u)
    ? `${u}: a share by value weighs dear forms (metal, powder) more than ores`
    : /contained/i.test(u)
      ? `${u}: a share by contained metal weighs every form by its metal`
      : u;

/** Why two figures differ, in plain words: forms or codes covered, years, unit, partners, method. */
export function differenceReason(a: SourceFigure, b: SourceFigure): string {
  const parts: string[] = [];
  if (a.codes.join(',') !== b.codes.join(',') || a.chainCoverage !== b.chainCoverage)
    parts.push(`forms covered differ: ${coverageText(a)}; ${coverageText(b)}`);
  if (yearsText(a.years) !== yearsText(b.years))
    parts.push(`years differ: ${yearsText(a.years)} against ${yearsText(b.years)}`);
  if (a.unit !== b.unit) parts.push(`units differ: ${unitNote(a.unit)}; ${unitNote(b.unit)}`);
  for (const f of a.source === b.source ? [a] : [a, b])
    if (f.partners != null)
      parts.push(
        `${SOURCE_NAMES[f.source]} lists ${f.partners} partners only, so its shares are of the ${f.partners}-partner total, not of all imports`,
      );
  const pair = new Set([a.source, b.source]);
  if (pair.has('china-customs') && (pair.has('baci') || pair.has('comtrade')))
    parts.push(
      "China's customs report exports as the exporter declares them, valued FOB (free on board); " +
        'BACI reconciles the exporter’s and the importer’s declarations (mirror data) and values flows FOB by ' +
        'taking estimated freight and insurance off the importer’s CIF values (Gaulier & Zignago 2010); ' +
        'shipment and arrival can fall in different years, and flows through Hong Kong are recorded differently',
    );
  return parts.length
    ? parts.join('. ')
    : 'same codes, years, unit and partners: the sources disagree in their data';
}

const round1 = (x: number) => Math.round(x * 10) / 10;

function flowGap(a: SourceFigure, b: SourceFigure): Disagreement['flowGapPercent'] | null {
  const qa = a.quantity;
  const qb = b.quantity;
  if (!qa || !qb || qa.exporter !== qb.exporter) return null;
  const rel = (x: number | null, y: number | null) =>
    x === null || y === null || y === 0 ? null : round1((100 * (x - y)) / y);
  return { valueUsd: rel(qa.valueUsd, qb.valueUsd), tonnes: rel(qa.tonnes, qb.tonnes) };
}

/** Two flows of the same exporter to the same importer (China's report against BACI), gap and reason. */
export function compareFlows(a: SourceFigure, b: SourceFigure): Disagreement | null {
  const gap = flowGap(a, b);
  if (!gap || a.importer !== b.importer) return null;
  return { a, b, gapPoints: null, flowGapPercent: gap, reason: differenceReason(a, b) };
}

/** Orders the figures by the rule, picks the headline and lists every disagreement with its reason. */
export function reconcile(figures: readonly SourceFigure[], options: ReconcileOptions = {}): Reconciliation {
  const o = { ...RECONCILE_DEFAULTS, ...options };
  const ordered = [...figures].sort(compareFigures);
  const headline = ordered.find((f) => f.china !== null) ?? null;
  const disagreements: Disagreement[] = [];
  for (let i = 0; i < ordered.length; i++)
    for (let j = i + 1; j < ordered.length; j++) {
      const a = ordered[i];
      const b = ordered[j];
      if (a.importer !== b.importer) continue;
      if (a.china !== null && b.china !== null) {
        const gapPoints = round1(100 * (a.china - b.china));
        if (Math.abs(gapPoints) >= o.minGapPoints)
          disagreements.push({ a, b, gapPoints, reason: differenceReason(a, b) });
        continue;
      }
      const gap = flowGap(a, b);
      if (gap && [gap.valueUsd, gap.tonnes].some((g) => g !== null && Math.abs(g) >= o.minFlowGapPercent))
        disagreements.push({ a, b, gapPoints: null, flowGapPercent: gap, reason: differenceReason(a, b) });
    }
  return { headline, rule: RECONCILE_RULE, figures: ordered, disagreements };
}
