// A chart with its title, source line and a "Download CSV" button for exactly the rows it draws.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { downloadCsv } from '../csv.ts';

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
}

export function Figure({ title, source, rows, filename, draw, children, note }: FigureProps) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el || !draw) return;
    const chart = draw(Math.max(320, el.clientWidth));
    el.replaceChildren(...(chart ? [chart] : []));
  }, [draw, rows]);
  return (
    <figure class="figure">
      <figcaption>
        <h3>{title}</h3>
        <button type="button" class="csv" onClick={() => downloadCsv(rows, filename)} disabled={!rows.length}>
          Download CSV
        </button>
      </figcaption>
      {draw ? <div class="chart" ref={box} /> : <div class="chart">{children}</div>}
      {note && <p class="note">{note}</p>}
      <p class="source">Source: {source}</p>
    </figure>
  );
}
