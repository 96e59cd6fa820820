// Data: every source with its licence and rows, coverage per mineral × dataset, and every gap named.
import * as Plot from '@observablehq/plot';
import type { DataStatus } from '../../../src/services/status.ts';
import { useApi } from '../api.ts';
import { Figure } from '../components/Figure.tsx';
import { Await, Gaps } from '../components/Status.tsx';
import { Table } from '../components/Table.tsx';
import { num } from '../format.ts';

const years = (y: [number, number] | null) => (y ? (y[0] === y[1] ? String(y[0]) : `${y[0]}–${y[1]}`) : '—');

export function DataPage() {
  const state = useApi<DataStatus>('/data/status');
  return (
    <>
      <h1>Data</h1>
      <p class="lead">What the database holds, where each row comes from and under which licence, and what is missing.</p>
      <Await state={state}>
        {(s) => {
          const coverage = s.coverage.map((c) => ({ ...c, years: years(c.years), missingYears: c.missingYears.join(' ') }));
          return (
            <>
              <Figure
                title="Coverage: mineral × dataset"
                filename="coverage"
                rows={coverage}
                source="minsec data status (row counts per loaded source; gaps from SOURCES.md)"
                draw={(width) =>
                  Plot.plot({
                    width: Math.min(width, 900),
                    marginLeft: 90,
                    marginBottom: 40,
                    x: { label: null, tickRotate: 0 },
                    y: { label: null },
                    color: { type: 'symlog', scheme: 'blues', legend: true, label: 'rows', unknown: '#f3d7a6' },
                    marks: [
                      Plot.cell(s.coverage, {
                        x: 'dataset',
                        y: 'mineral',
                        fill: (c) => (c.rows > 0 ? c.rows : null),
                        inset: 1,
                        title: (c) => `${c.mineral} / ${c.dataset}: ${c.rows} rows ${years(c.years)}${c.gap ? `\n${c.gap}` : ''}`,
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
              <Gaps gaps={s.gaps.map((g) => ({ what: `${g.mineral} / ${g.dataset}`, reason: g.gap ?? '' }))} />
              <h2>Sources</h2>
              <Table
                rows={s.sources as unknown as Record<string, unknown>[]}
                columns={[
                  { key: 'sourceId', label: '#' },
                  { key: 'kind', label: 'Kind' },
                  { key: 'file', label: 'File' },
                  { key: 'release', label: 'Release' },
                  { key: 'licence', label: 'Licence' },
                  { key: 'rows', label: 'Rows', numeric: true, format: (r) => num(r.rows as number) },
                  { key: 'years', label: 'Years', format: (r) => years(r.years as [number, number] | null) },
                  { key: 'citation', label: 'Citation' },
                ]}
              />
            </>
          );
        }}
      </Await>
    </>
  );
}
