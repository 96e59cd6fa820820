// Chart definitions shared by the web dashboard (drawn in the browser) and the HTML/PDF briefings (drawn on the
// server as static SVG through a DOM shim), so both faces show the same charts from the same result objects.
// Observable Plot; every function takes plain rows and returns the element Plot.plot builds.
import * as Plot from '@observablehq/plot';

export interface ChartOptions {
  width: number;
  /** A DOM document (linkedom on the server); the browser's by default. */
  document?: Document;
}

/**
 * Categorical colours for lines and marks, each at least 3:1 against white (WCAG 2.1 SC 1.4.11, non-text
 * contrast; ratios by the WCAG relative-luminance formula): navy 8.3, red 5.4, green 5.1, purple 7.6, amber 4.0,
 * teal 4.5, brown 5.9, magenta 5.0, grey 5.9. Plot's default scheme has yellows and light teals near 2:1.
 */
export const SERIES_COLOURS = [
  '#1f4e8c',
  '#c0392b',
  '#2e7d32',
  '#6a3d9a',
  '#b86e00',
  '#00838f',
  '#8c564b',
  '#d81b60',
  '#5b6570',
];

const base = (o: ChartOptions) => ({ width: o.width, ...(o.document && { document: o.document }) });

export interface ProducerRow {
  country: string;
  label: string;
  share: number;
  quantity: number | null;
}

/** Horizontal bars: each producer's share of the world total, China in red. */
export function producerBars(rows: ProducerRow[], o: ChartOptions & { unit: string; xLabel?: string }) {
  return Plot.plot({
    ...base(o),
    marginLeft: o.width < 420 ? 90 : 130,
    x: { label: o.xLabel ?? 'share of world total', tickFormat: '.0%' },
    y: { label: null },
    marks: [
      Plot.barX(rows, {
        x: 'share',
        y: 'label',
        sort: { y: '-x' },
        fill: (r: ProducerRow) => (r.country === 'CHN' ? '#c0392b' : '#4a6fa5'),
        title: (r: ProducerRow) => `${r.label}: ${r.quantity ?? '—'} ${o.unit}`,
      }),
      Plot.ruleX([0]),
    ],
  });
}

export interface ShareTrendRow {
  year: number;
  measure: string;
  value: number | null;
}

/** Lines of shares (0–1) by year, one per measure; null years are left out (gaps, not zeros). */
export function shareTrend(rows: ShareTrendRow[], o: ChartOptions & { label: string }) {
  return Plot.plot({
    ...base(o),
    y: { label: o.label, tickFormat: '.0%', domain: [0, 1], grid: true },
    x: { label: null, tickFormat: 'd' },
    color: { legend: true, range: SERIES_COLOURS },
    marks: [
      Plot.line(
        rows.filter((r) => r.value !== null),
        { x: 'year', y: 'value', stroke: 'measure', marker: 'dot' },
      ),
    ],
  });
}

export interface ViewShareRow {
  /** The group (a country's name). */
  group: string;
  /** The view's name (shipped by, refined in, mined in). */
  view: string;
  /** China's share in that view, 0–1; null is left out (a gap, not a zero). */
  share: number | null;
}

/** Grouped bars: China's share in each view (shipped by, refined in, mined in), one group per country. */
export function viewBars(rows: ViewShareRow[], o: ChartOptions & { label: string; views: string[] }) {
  const shown = rows.filter((r) => r.share !== null);
  return Plot.plot({
    ...base(o),
    marginBottom: 40,
    fx: { label: null, padding: 0.15 },
    x: { axis: null, domain: o.views },
    y: { label: o.label, tickFormat: '.0%', domain: [0, 1], grid: true },
    color: { legend: true, domain: o.views, range: SERIES_COLOURS },
    marks: [
      Plot.barY(shown, { fx: 'group', x: 'view', y: 'share', fill: 'view' }),
      Plot.text(shown, {
        fx: 'group',
        x: 'view',
        y: 'share',
        text: (r: ViewShareRow) => `${Math.round(100 * (r.share as number))}%`,
        dy: -6,
        fontSize: 10,
      }),
      Plot.ruleY([0]),
    ],
  });
}

export interface HhiRow {
  series: string;
  year: number;
  hhi: number | null;
}

/** HHI (0–10,000) by year per series, with the 2,500 "highly concentrated" line. */
export function hhiTrend(rows: HhiRow[], o: ChartOptions & { yLabel?: string }) {
  return Plot.plot({
    ...base(o),
    marginLeft: 50,
    y: { label: o.yLabel ?? 'HHI (0–10,000)', domain: [0, 10000], grid: true },
    x: { label: null, tickFormat: 'd' },
    color: { legend: true, range: SERIES_COLOURS },
    marks: [
      Plot.ruleY([2500], { stroke: '#c0392b', strokeDasharray: '4 3' }),
      Plot.line(
        rows.filter((r) => r.hhi !== null),
        { x: 'year', y: 'hhi', stroke: 'series', marker: 'dot' },
      ),
    ],
  });
}

export interface StageScoreRow {
  country: string;
  stage: string;
  score: number;
}

const MATURITY = ['absent', 'announced', 'legislated', 'funded/operating', 'operating with results'];

/** Heatmap of maturity scores (0–4), country × supply-chain stage. */
export function stageHeatmap(
  rows: StageScoreRow[],
  o: ChartOptions & {
    stages: string[];
    /** Maturity level names 0–4 in the reader's language (default English). */
    levels?: string[];
    /** Stage and country labels in the reader's language. */
    stageLabel?: (s: string) => string;
    countryLabel?: (c: string) => string;
  },
) {
  const levels = o.levels ?? MATURITY;
  return Plot.plot({
    ...base(o),
    marginLeft: 50,
    marginBottom: 70,
    height: 220,
    x: { label: null, tickRotate: -30, domain: o.stages, tickFormat: o.stageLabel },
    y: { label: null, tickFormat: o.countryLabel },
    // Ordinal swatches rather than a continuous ramp: scores are levels, and a ramp legend needs a canvas,
    // which the server-side DOM does not have.
    color: {
      type: 'ordinal',
      domain: [0, 1, 2, 3, 4],
      scheme: 'ylgnbu',
      legend: true,
      tickFormat: (d: number) => `${d} ${levels[d]}`,
    },
    marks: [
      Plot.cell(rows, {
        x: 'stage',
        y: 'country',
        fill: 'score',
        inset: 1,
        title: (d: StageScoreRow) =>
          `${o.countryLabel?.(d.country) ?? d.country} ${o.stageLabel?.(d.stage) ?? d.stage}: ${d.score} (${levels[d.score] ?? ''})`,
      }),
      Plot.text(rows, {
        x: 'stage',
        y: 'country',
        text: 'score',
        fill: (d: StageScoreRow) => (d.score >= 3 ? 'white' : 'black'),
      }),
    ],
  });
}

export interface RankRow {
  label: string;
  rank: number | null;
  low: number | null;
  high: number | null;
  highlight?: boolean;
}

/** Rank (dot) and its 5th–95th percentile interval (bar) per item, best first. */
export function rankIntervals(rows: RankRow[], o: ChartOptions & { marginLeft?: number; xLabel?: string }) {
  return Plot.plot({
    ...base(o),
    height: rows.length * 18 + 40,
    marginLeft: o.marginLeft ?? 130,
    x: {
      label: o.xLabel ?? 'rank (1 = best)',
      grid: true,
      domain: [1, Math.max(2, ...rows.map((d) => d.high ?? d.rank ?? 1))],
    },
    y: { label: null, domain: rows.map((d) => d.label) },
    marks: [
      Plot.ruleY(rows, {
        y: 'label',
        x1: 'low',
        x2: 'high',
        stroke: '#7b8794',
        strokeWidth: 5,
        strokeLinecap: 'round',
      }),
      Plot.dot(rows, {
        y: 'label',
        x: 'rank',
        fill: (d: RankRow) => (d.highlight ? '#c0392b' : '#1f4e8c'),
        r: 4,
        title: (d: RankRow) => `${d.label}: rank ${d.rank} (${d.low}–${d.high})`,
      }),
    ],
  });
}

export interface SeriesRow {
  x: number;
  y: number | null;
  series: string;
}

/** Lines by series over years (any unit); null points are left out (gaps, not zeros). */
export function seriesLines(rows: SeriesRow[], o: ChartOptions & { yLabel: string }) {
  return Plot.plot({
    ...base(o),
    y: { label: o.yLabel, grid: true },
    x: { label: null, tickFormat: 'd' },
    color: { legend: true, range: SERIES_COLOURS },
    marks: [
      Plot.line(
        rows.filter((r) => r.y !== null),
        { x: 'x', y: 'y', stroke: 'series', marker: 'dot' },
      ),
    ],
  });
}
