// Overview: the trio's top vulnerabilities at a glance — every measured mineral × country with China's share
// shipped by and refined in (the overlay's chinaShare and lookThroughChinaShare carry those two views, see
// src/services/netassess.ts), import concentration and the level the net assessment gives it. Cards rank by the
// larger of the two, a measure that hides neither direct dependence nor China's refining role.
import * as Plot from '@observablehq/plot';
import { useEffect } from 'preact/hooks';
import type { NetAssessResult } from '../../../src/services/netassess.ts';
import { setPageDetail } from '../a11y.ts';
import { useApi } from '../api.ts';
import { Figure } from '../components/Figure.tsx';
import { Await, Gaps } from '../components/Status.tsx';
import { Table } from '../components/Table.tsx';
import { num, pct, TRIO } from '../format.ts';
import { useT } from '../i18n.tsx';
import { href } from '../route.ts';

type Row = NetAssessResult['overlay']['rows'][number];
/** The larger of China's shipped-by and refined-in shares (null when neither is measured). */
const exposure = (r: Pick<Row, 'chinaShare' | 'lookThroughChinaShare'>) => {
  const xs = [r.chinaShare, r.lookThroughChinaShare].filter((x): x is number => x !== null);
  return xs.length ? Math.max(...xs) : null;
};

export function OverviewPage() {
  const { t, country, mineral } = useT();
  const state = useApi<NetAssessResult>('/netassess');
  useEffect(() => setPageDetail(''), []);
  const level = (l: string | null) => t(`common:level.${l ?? 'gap'}`);
  return (
    <>
      <h1>{t('overview.title')}</h1>
      <p class="lead">{t('overview.lead')}</p>
      <Await state={state}>
        {(n) => {
          const rows = n.overlay.rows.map((r) => ({
            ...r,
            exposure: exposure(r),
            specificEntries: r.specificEntries.join(' '),
          }));
          const top = [...n.overlay.rows]
            .filter((r) => r.level === 'high')
            .sort((a, b) => (exposure(b) ?? 0) - (exposure(a) ?? 0))
            .slice(0, 6);
          const source = t('overview.source');
          const label = (r: (typeof n.overlay.rows)[number]) =>
            `${country(r.country)} · ${mineral(r.mineral)}`;
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
                      {label(r)} {r.year ?? ''}
                    </div>
                    <div class="big">{pct(exposure(r), 0)}</div>
                    <div class="sub">{t('overview.cardMax')}</div>
                    <div class="sub">
                      {t('overview.cardShares', {
                        shipped: pct(r.chinaShare, 0),
                        refined: pct(r.lookThroughChinaShare, 0),
                      })}
                      ; HHI {num(r.importHhi)}
                      {r.highVulnerabilityLowCoverage && (
                        <span class="tag warn">{t('overview.lowCoverage')}</span>
                      )}
                    </div>
                  </a>
                ))}
              </div>
              <Figure
                title={t('overview.heatmapTitle')}
                filename="overview-vulnerability"
                rows={rows}
                source={source}
                draw={(width) =>
                  Plot.plot({
                    width: Math.min(width, 900),
                    marginLeft: 90,
                    x: { label: null, domain: [...TRIO], tickFormat: (c: string) => country(c) },
                    y: { label: null, tickFormat: (m: string) => mineral(m) },
                    color: {
                      type: 'linear',
                      domain: [0, 1],
                      scheme: 'reds',
                      legend: true,
                      label: t('overview.legendChinaShare'),
                      tickFormat: '.0%',
                      unknown: '#eef0f3',
                    },
                    marks: [
                      Plot.cell(rows, { x: 'country', y: 'mineral', fill: 'exposure', inset: 1 }),
                      Plot.text(n.overlay.rows, {
                        x: 'country',
                        y: 'mineral',
                        text: (r) =>
                          r.level === null
                            ? level(null)
                            : `${pct(r.chinaShare, 0)} · ${pct(r.lookThroughChinaShare, 0)} · ${level(r.level)}`,
                        fill: (r) => ((exposure(r) ?? 0) > 0.55 ? 'white' : 'black'),
                        fontSize: 10,
                      }),
                    ],
                  })
                }
                note={t('overview.levelsNote', {
                  share: pct(n.overlay.thresholds.highChinaShare, 0),
                  hhi: num(n.overlay.thresholds.highHhi),
                })}
              />
              <h2>{t('overview.allPairs')}</h2>
              <Table
                label={t('overview.allPairs')}
                rows={rows as unknown as Record<string, unknown>[]}
                columns={[
                  {
                    key: 'mineral',
                    label: t('common:word.mineral'),
                    format: (r) => (
                      <a href={href(`/mineral/${r.mineral}`, { country: String(r.country) })}>
                        {mineral(String(r.mineral))}
                      </a>
                    ),
                  },
                  {
                    key: 'country',
                    label: t('common:word.country'),
                    format: (r) => country(String(r.country)),
                  },
                  { key: 'year', label: t('common:word.year') },
                  {
                    key: 'chinaShare',
                    label: t('overview.colChinaDirect'),
                    numeric: true,
                    format: (r) => pct(r.chinaShare as number | null, 0),
                  },
                  {
                    key: 'lookThroughChinaShare',
                    label: t('overview.colChinaLookThrough'),
                    numeric: true,
                    format: (r) => pct(r.lookThroughChinaShare as number | null, 0),
                  },
                  {
                    key: 'importHhi',
                    label: t('overview.colImportHhi'),
                    numeric: true,
                    format: (r) => num(r.importHhi as number | null),
                  },
                  {
                    key: 'level',
                    label: t('overview.colLevel'),
                    format: (r) => level(r.level as string | null),
                  },
                  { key: 'levelReason', label: t('overview.colWhy') },
                ]}
              />
              <Gaps
                gaps={n.overlay.gaps.map((g) => ({
                  what: `${mineral(g.mineral)} / ${country(g.country)}`,
                  reason: g.reason,
                }))}
              />
            </>
          );
        }}
      </Await>
    </>
  );
}
