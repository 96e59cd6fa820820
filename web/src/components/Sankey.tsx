// A Sankey diagram (d3-sankey layout, SVG drawn by Preact): flows from sources on the left to targets on the
// right, link width proportional to value. Used for imports into a trio country by supplier.
import { sankey, sankeyLinkHorizontal } from 'd3-sankey';
import { SERIES_COLOURS } from '../../../src/report/charts.ts';

export interface Flow {
  source: string;
  target: string;
  value: number;
  /** Display names of the two ends (default: the ids). */
  sourceLabel?: string;
  targetLabel?: string;
}

const COLOURS = SERIES_COLOURS.filter((c) => c !== '#c0392b');

export function Sankey({
  flows,
  width,
  height = 320,
  format,
  label,
  highlight = 'CHN',
}: {
  flows: Flow[];
  width: number;
  height?: number;
  format: (v: number) => string;
  /** The diagram's accessible name. */
  label: string;
  /** Node id drawn in red (China by default). */
  highlight?: string;
}) {
  const names = [...new Set(flows.flatMap((f) => [f.source, f.target]))];
  const labels = new Map(
    flows.flatMap((f) => [
      [f.source, f.sourceLabel ?? f.source],
      [f.target, f.targetLabel ?? f.target],
    ]),
  );
  const text = (id: string) => labels.get(id) ?? id;
  const layout = sankey<{ name: string }, { value: number }>()
    .nodeId((n) => n.name)
    .nodeWidth(12)
    .nodePadding(8)
    .extent([
      [1, 4],
      [width - 1, height - 4],
    ]);
  const graph = layout({ nodes: names.map((name) => ({ name })), links: flows.map((f) => ({ ...f })) });
  const colour = (name: string) =>
    name === highlight ? '#c0392b' : COLOURS[names.indexOf(name) % COLOURS.length];
  const path = sankeyLinkHorizontal();
  return (
    <svg
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={label}
      font-size="11"
    >
      <g fill="none" stroke-opacity="0.45">
        {graph.links.map((l) => {
          const s = l.source as { name: string };
          const t = l.target as { name: string };
          return (
            <path
              key={`${s.name}>${t.name}`}
              d={path(l) ?? undefined}
              stroke={colour(s.name)}
              stroke-width={Math.max(1, l.width ?? 1)}
            >
              <title>{`${text(s.name)} → ${text(t.name)}: ${format(l.value)}`}</title>
            </path>
          );
        })}
      </g>
      {graph.nodes.map((n) => {
        const x0 = n.x0 ?? 0;
        const x1 = n.x1 ?? 0;
        const y0 = n.y0 ?? 0;
        const y1 = n.y1 ?? 0;
        const left = x0 < width / 2;
        return (
          <g key={n.name}>
            <rect x={x0} y={y0} width={x1 - x0} height={Math.max(1, y1 - y0)} fill={colour(n.name)}>
              <title>{`${text(n.name)}: ${format(n.value ?? 0)}`}</title>
            </rect>
            <text
              x={left ? x1 + 6 : x0 - 6}
              y={(y0 + y1) / 2}
              dy="0.35em"
              text-anchor={left ? 'start' : 'end'}
            >
              {text(n.name)} {format(n.value ?? 0)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
