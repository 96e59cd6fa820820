// Data: every source with its licence and rows, coverage per mineral × dataset, and every gap named.
import * as Plot from '@observablehq/plot';
import { useEffect } from 'preact/hooks';
import type { DataStatus } from '../../../src/services/status.ts';
import { setPageDetail } from '../a11y.ts';
import { useApi } from '../api.ts';
import { Figure } from '../components/Figure.tsx';
import { Await, Gaps } from '../components/Status.tsx';
import { Table } from '../components/Table.tsx';
import { num } from '../format.ts';
import { useT } from '../i18n.tsx';

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
  const { t } = useT();
  if (files.length === 1) return <>{files[0]}</>;
  return (
    <details>
      <summary>{t('data.files', { count: files.length })}</summary>
      <ul>
        {files.map((f) => (
          <li key={f}>{f}</li>
        ))}
      </ul>
    </details>
  );
}

export function DataPage() {
  const { t, mineral } = useT();
  const state = useApi<DataStatus>('/data/status');
  useEffect(() => setPageDetail(''), []);
  return (
    <>
      <h1>{t('data.title')}</h1>
      <p class="lead">{t('data.lead')}</p>
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
                title={t('data.coverageTitle')}
                filename="coverage"
                rows={coverage}
                source={t('data.coverageSource')}
                draw={(width) =>
                  Plot.plot({
                    width: Math.min(width, 1000),
                    height: new Set(s.coverage.map((c) => c.mineral)).size * 16 + 50,
                    marginLeft: 110,
                    marginBottom: width < 600 ? 70 : 40,
                    x: { label: null, tickRotate: width < 600 ? -45 : 0 },
                    y: { label: null, tickFormat: (m: string) => mineral(m) },
                    color: {
                      type: 'symlog',
                      ticks: 4,
                      tickFormat: '~s',
                      scheme: 'blues',
                      legend: true,
                      label: t('data.rows'),
                      unknown: '#f3d7a6',
                    },
                    marks: [
                      Plot.cell(s.coverage, {
                        x: 'dataset',
                        y: 'mineral',
                        fill: (c) => (c.rows > 0 ? c.rows : null),
                        inset: 1,
                        title: (c) =>
                          `${mineral(c.mineral)} / ${c.dataset}: ${t('data.rowCount', { count: c.rows })} ${years(c.years)}${c.gap ? `\n${c.gap}` : ''}`,
                      }),
                      Plot.text(s.coverage, {
                        x: 'dataset',
                        y: 'mineral',
                        text: (c) => (c.rows > 0 ? years(c.years) : t('common:level.gap')),
                        fontSize: 9,
                        fill: (c) => (c.rows > 0 ? (c.rows > 2000 ? 'white' : 'black') : '#8a4b00'),
                      }),
                    ],
                  })
                }
                note={t('data.coverageNote')}
              />
              <Gaps
                gaps={s.gaps.map((g) => ({
                  what: `${mineral(g.mineral)} / ${g.dataset}`,
                  reason: g.gap ?? '',
                }))}
              />
              <h2>{t('data.sourcesHeading', { count: s.sources.length })}</h2>
              <Table
                caption={t('data.sourcesCaption')}
                rows={groupSources(s.sources)}
                columns={[
                  { key: 'citation', label: t('data.colCitation') },
                  { key: 'licence', label: t('data.colLicence') },
                  { key: 'kind', label: t('data.colKind') },
                  {
                    key: 'files',
                    label: t('data.colFiles'),
                    format: (g) => <FileList files={g.files as string[]} />,
                  },
                  {
                    key: 'rows',
                    label: t('data.colRows'),
                    numeric: true,
                    format: (g) => num(g.rows as number),
                  },
                  { key: 'years', label: t('data.colYears') },
                ]}
              />
            </>
          );
        }}
      </Await>
    </>
  );
}
