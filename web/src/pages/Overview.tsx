// Overview: the trio's top vulnerabilities at a glance — every measured mineral × country with its China share
// (direct and look-through), import concentration and the level the net assessment gives it.
import * as Plot from '@observablehq/plot';
import type { NetAssessResult } from '../../../src/services/netassess.ts';
import { useApi } from '../api.ts';
import { Figure } from '../components/Figure.tsx';
import { Await, Gaps } from '../components/Status.tsx';
import { Table } from '../components/Table.tsx';
import { num, pct, TRIO_NAMES } from '../format.ts';
import { href } from '../route.ts';

export function OverviewPage() {
  const state = useApi<NetAssessResult>('/netassess');
  return (
    <>
      <h1>The trio's top vulnerabilities</h1>
      <p class="lead">
        South Korea, Japan and the United States: where imports depend most on China, directly or through
        intermediaries.
      </p>
      <Await state={state}>
        {(n) => {
          const rows = n.overlay.rows.map((r) => ({ ...r, specificEntries: r.specificEntries.join(' ') }));
          const top = [...n.overlay.rows]
            .filter((r) => r.level === 'high')
            .sort(
              (a, b) =>
                (b.lookThroughChinaShare ?? b.chinaShare ?? 0) -
                (a.lookThroughChinaShare ?? a.chinaShare ?? 0),
            )
            .slice(0, 6);
          const source =
            'CEPII BACI (Etalab 2.0) and USGS MCS via minsec assess; levels and thresholds: minsec netassess';
          return (
            <>
              <div class="cards">
                {top.map((r) => (
                  <a
                    key={`${r.mineral}${r.country}`}
                    class="card"
                    href={href(`/mineral/${r.mineral}`, { country: r.country })}
                  >
                    <div class="sub">
                      {TRIO_NAMES[r.country]} · {r.mineral} {r.year ?? ''}
                    </div>
                    <div class="big">{pct(r.lookThroughChinaShare ?? r.chinaShare, 0)}</div>
                    <div class="sub">
                      China share {r.lookThroughChinaShare !== null ? 'look-through' : 'direct'}; HHI{' '}
                      {num(r.importHhi)}
                      {r.highVulnerabilityLowCoverage && <span class="tag warn">low policy coverage</span>}
                    </div>
                  </a>
                ))}
              </div>
              <Figure
                title="China's share of imports: direct · look-through · level (mineral × country)"
                filename="overview-vulnerability"
                rows={rows}
                source={source}
                draw={(width) =>
                  Plot.plot({
                    width: Math.min(width, 900),
                    marginLeft: 90,
                    x: { label: null, domain: ['KOR', 'JPN', 'USA'] },
                    y: { label: null },
                    color: {
                      type: 'linear',
                      domain: [0, 1],
                      scheme: 'reds',
                      legend: true,
                      label: "China's share of imports (direct)",
                      tickFormat: '.0%',
                      unknown: '#eef0f3',
                    },
                    marks: [
                      Plot.cell(n.overlay.rows, { x: 'country', y: 'mineral', fill: 'chinaShare', inset: 1 }),
                      Plot.text(n.overlay.rows, {
                        x: 'country',
                        y: 'mineral',
                        text: (r) =>
                          r.level === null
                            ? 'gap'
                            : `${pct(r.chinaShare, 0)} · ${pct(r.lookThroughChinaShare, 0)} · ${r.level}`,
                        fill: (r) => ((r.chinaShare ?? 0) > 0.55 ? 'white' : 'black'),
                        fontSize: 10,
                      }),
                    ],
                  })
                }
                note={`Levels: high if China ≥ ${pct(n.overlay.thresholds.highChinaShare, 0)} or import HHI ≥ ${num(n.overlay.thresholds.highHhi)}; grey cells are gaps (no measure), never zero.`}
              />
              <h2>All measured pairs</h2>
              <Table
                rows={rows as unknown as Record<string, unknown>[]}
                columns={[
                  {
                    key: 'mineral',
                    label: 'Mineral',
                    format: (r) => (
                      <a href={href(`/mineral/${r.mineral}`, { country: String(r.country) })}>
                        {String(r.mineral)}
                      </a>
                    ),
                  },
                  { key: 'country', label: 'Country' },
                  { key: 'year', label: 'Year' },
                  {
                    key: 'chinaShare',
                    label: 'China (direct)',
                    numeric: true,
                    format: (r) => pct(r.chinaShare as number | null, 0),
                  },
                  {
                    key: 'lookThroughChinaShare',
                    label: 'China (look-through)',
                    numeric: true,
                    format: (r) => pct(r.lookThroughChinaShare as number | null, 0),
                  },
                  {
                    key: 'importHhi',
                    label: 'Import HHI',
                    numeric: true,
                    format: (r) => num(r.importHhi as number | null),
                  },
                  { key: 'level', label: 'Level', format: (r) => String(r.level ?? 'gap') },
                  { key: 'levelReason', label: 'Why' },
                ]}
              />
              <Gaps
                gaps={n.overlay.gaps.map((g) => ({ what: `${g.mineral} / ${g.country}`, reason: g.reason }))}
              />
            </>
          );
        }}
      </Await>
    </>
  );
}
