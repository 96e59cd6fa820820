// Data: every source with its licence and rows, coverage per mineral × dataset, and every gap named.
import * as Plot from '@observablehq/plot';
import type { DataStatus } from '../../../src/services/status.ts';
import { useApi } from '../api.ts';
import { Figure } from '../components/Figure.tsx';
import { Await, Gaps } from '../components/Status.tsx';
import { Table } from '../components/Table.tsx';
import { num } from '../format.ts';

const years = (y: [number, number] | null) => (y ? (y[0] === y[1] ? String(y[0]) : `${y[0]}–${y[1]}`) : '—');

type Source = DataStatus['sources'][number];

/** One row per publication (citation + licence): its files, rows and years together. */
function groupSources(sources: Source[]) {
  const groups = new Map<string, Source[]>();
  for (const src of sources) {
    const key = `${src.citation}|${src.licence}`;
    groups.set(key, [...(groups.get(key) ?? []), src]);
  }
  return [...groups.values()].map((g) => {
    const spans = g.flatMap((x) => x.years ?? []);
    return {
      citation: g[0].citation,
      licence: g[0].licence,
      kind: [...new Set(g.map((x) => x.kind))].join(', '),
      files: g.map((x) => `#${x.sourceId} ${x.file}${x.release ? ` (${x.release})` : ''}`),
      rows: g.reduce((n, x) => n + x.rows, 0),
      years: spans.length ? years([Math.min(...spans), Math.max(...spans)]) : '—',
    };
  });
}

function FileList({ files }: { files: string[] }) {
  if (files.length === 1) return <>{files[0]}</>;
  return (
    <details>
      <summary>{files.length} files</summary>
      <ul>
        {files.map((f) => (
          <li key={f}>{f}</li>
        ))}
      </ul>
    </details>
  );
}

export function DataPage() {
  const state = useApi<DataStatus>('/data/status');
  return (
    <>
      <h1>Data</h1>
      <p class="lead">
        What the database holds, where each row comes from and under which licence, and what is missing.
      </p>
      <Await state={state}>
        {(s) => {
          const coverage = s.coverage.map((c) => ({
            ...c,
            years: years(c.years),
            missingYears: c.missingYears.join(' '),
          }));
          return (
            <>
              <Figure
                title="Coverage: mineral × dataset"
                filename="coverage"
                rows={coverage}
                source="minsec data status (row counts per loaded source; gaps from SOURCES.md)"
                draw={(width) =>
                  Plot.plot({
                    width: Math.min(width, 1000),
                    height: new Set(s.coverage.map((c) => c.mineral)).size * 16 + 50,
                    marginLeft: 110,
                    marginBottom: 40,
                    x: { label: null, tickRotate: 0 },
                    y: { label: null },
                    color: {
                      type: 'symlog',
                      ticks: 4,
                      tickFormat: '~s',
                      scheme: 'blues',
                      legend: true,
                      label: 'rows',
                      unknown: '#f3d7a6',
                    },
                    marks: [
                      Plot.cell(s.coverage, {
                        x: 'dataset',
                        y: 'mineral',
                        fill: (c) => (c.rows > 0 ? c.rows : null),
                        inset: 1,
                        title: (c) =>
                          `${c.mineral} / ${c.dataset}: ${c.rows} rows ${years(c.years)}${c.gap ? `\n${c.gap}` : ''}`,
                      }),
                      Plot.text(s.coverage, {
                        x: 'dataset',
                        y: 'mineral',
                        text: (c) => (c.rows > 0 ? years(c.years) : 'gap'),
                        fontSize: 9,
                        fill: (c) => (c.rows > 0 ? (c.rows > 2000 ? 'white' : 'black') : '#8a4b00'),
                      }),
                    ],
                  })
                }
                note="Orange cells are gaps: the dataset has no rows for that mineral. Gaps are shown as gaps, never as zero."
              />
              <Gaps
                gaps={s.gaps.map((g) => ({ what: `${g.mineral} / ${g.dataset}`, reason: g.gap ?? '' }))}
              />
              <h2>Sources ({s.sources.length} files)</h2>
              <Table
                caption="Grouped by publication; every loaded row keeps its file and line (source_id, source_line)"
                rows={groupSources(s.sources)}
                columns={[
                  { key: 'citation', label: 'Citation' },
                  { key: 'licence', label: 'Licence' },
                  { key: 'kind', label: 'Kind' },
                  { key: 'files', label: 'Files', format: (g) => <FileList files={g.files as string[]} /> },
                  { key: 'rows', label: 'Rows', numeric: true, format: (g) => num(g.rows as number) },
                  { key: 'years', label: 'Years' },
                ]}
              />
            </>
          );
        }}
      </Await>
    </>
  );
}
