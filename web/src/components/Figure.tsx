// A chart with its title, source line, a "Download CSV" button for exactly the rows it draws, and a data table
// of the same rows (the chart's text alternative). The chart is redrawn to its container's width whenever that
// changes, so it never overflows a phone screen; Plot's SVG is given an accessible name and its internal
// aria-label attributes (not allowed on unroled SVG groups) become <title> tooltips instead.
import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { downloadCsv } from '../csv.ts';
import { useT } from '../i18n.tsx';
import { type Column, Table } from './Table.tsx';

type Row = Record<string, unknown>;

export interface FigureProps {
  title: string;
  /** Where the numbers come from (dataset, release, licence). */
  source: ComponentChildren;
  rows: Row[];
  filename: string;
  /** Draws the chart into a detached element (Observable Plot returns one); or pass children instead. */
  draw?: (width: number) => Element | null;
  children?: ComponentChildren;
  note?: ComponentChildren;
  /** Columns of the data table (default: every field of the rows, as in the CSV). */
  columns?: Column<Row>[];
}

/** The narrowest a chart is drawn (a 360 px phone leaves about 290 px inside a figure). */
const MIN_WIDTH = 260;

/** Makes a drawn chart accessible: one name on each root SVG, no prohibited ARIA on its groups. */
export function labelChart(root: Element, name: string) {
  const svgs = root.tagName.toLowerCase() === 'svg' ? [root] : [...root.querySelectorAll('svg')];
  for (const el of root.querySelectorAll('[aria-label], [aria-description]')) {
    if (el.getAttribute('role')) continue;
    el.removeAttribute('aria-label');
    el.removeAttribute('aria-description');
  }
  for (const svg of svgs) {
    // Legend swatches are small inline SVGs; only the plot itself is named, the rest is decoration.
    const isPlot = svg.classList.length === 0 || [...svg.classList].some((c) => c.startsWith('plot'));
    if (svg.closest('.plot-swatches, .plot-swatch') || !isPlot) {
      svg.setAttribute('aria-hidden', 'true');
      continue;
    }
    svg.setAttribute('role', 'img');
    svg.setAttribute('aria-label', name);
  }
}

function defaultColumns(rows: Row[]): Column<Row>[] {
  const keys = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  return keys.map((key) => ({
    key,
    label: key,
    numeric: rows.some((r) => typeof r[key] === 'number'),
    format: (r: Row) => {
      const v = r[key];
      if (v === null || v === undefined) return '—';
      if (typeof v === 'number') return v.toLocaleString(document.documentElement.lang || 'en');
      return typeof v === 'object' ? JSON.stringify(v) : String(v);
    },
  }));
}

/** Rows shown in the table view before "show all". */
const TABLE_ROWS = 200;

export function Figure({ title, source, rows, filename, draw, children, note, columns }: FigureProps) {
  const { t } = useT();
  const box = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const [width, setWidth] = useState(0);
  const [showTable, setShowTable] = useState(false);
  const [all, setAll] = useState(false);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const measure = () => setWidth(Math.max(MIN_WIDTH, Math.floor(el.clientWidth)));
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    measure();
    return () => observer.disconnect();
  }, []);
  useEffect(() => {
    const el = box.current;
    if (!el || !draw || !width) return;
    const chart = draw(width);
    if (chart) labelChart(chart, t('figure.chartName', { title }));
    el.replaceChildren(...(chart ? [chart] : []));
  }, [draw, rows, width]);
  const shown = all ? rows : rows.slice(0, TABLE_ROWS);
  return (
    <figure class="figure" aria-labelledby={titleId}>
      <figcaption>
        <div class="figure-title" id={titleId}>
          {title}
        </div>
        <span class="actions">
          <button
            type="button"
            class="csv"
            aria-expanded={showTable}
            onClick={() => setShowTable(!showTable)}
            disabled={!rows.length}
          >
            {showTable ? t('figure.hideTable') : t('figure.showTable')}
          </button>
          <button
            type="button"
            class="csv"
            onClick={() => downloadCsv(rows, filename)}
            disabled={!rows.length}
          >
            {t('figure.downloadCsv')}
          </button>
        </span>
      </figcaption>
      {draw ? (
        <div class="chart" ref={box} />
      ) : (
        <div class="chart" ref={box}>
          {children}
        </div>
      )}
      {showTable && (
        <div class="figure-table">
          <Table
            rows={shown}
            columns={columns ?? defaultColumns(rows)}
            caption={t('figure.tableCaption', { title })}
          />
          {rows.length > shown.length && (
            <button type="button" class="secondary" onClick={() => setAll(true)}>
              {t('figure.showAllRows', { count: rows.length })}
            </button>
          )}
        </div>
      )}
      {note && <p class="note">{note}</p>}
      <p class="source">
        {t('figure.sourceLabel')} {source}
      </p>
    </figure>
  );
}
