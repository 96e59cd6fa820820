// Partners: the ranking with rank intervals, alignment time series against the trio, and a page per partner
// (India and Mongolia first: #/partners/IND, #/partners/MNG).
import * as Plot from '@observablehq/plot';
import { rankIntervals } from '../../../src/report/charts.ts';
import type { AlignmentResult } from '../../../src/services/alignment.ts';
import type { PartnersResult } from '../../../src/services/partners.ts';
import { useApi, useNames } from '../api.ts';
import { Figure } from '../components/Figure.tsx';
import { Await, Gaps } from '../components/Status.tsx';
import { Table } from '../components/Table.tsx';
import { num, pct, TRIO } from '../format.ts';
import { href, type Route } from '../route.ts';

const FEATURED = ['IND', 'MNG'];
const SHOWN = 25;
const PARTNERS_QUERY = { draws: 500, include: FEATURED.join(',') };

function Ranking({ r, name }: { r: PartnersResult; name: (c: string) => string }) {
  const rows = r.ranking.slice(0, SHOWN).map((x) => ({
    rank: x.rank,
    country: x.country,
    name: name(x.country),
    score: x.score,
    rankLow: x.rankInterval?.[0] ?? null,
    rankHigh: x.rankInterval?.[1] ?? null,
    pTop5: x.pTop5,
  }));
  return (
    <Figure
      title={`Partner ranking (top ${SHOWN} of ${r.ranking.length}): rank and 5th–95th percentile interval`}
      filename="partner-ranking"
      rows={rows}
      source={`${Object.values(r.indicators)
        .map((i) => i.source)
        .filter((s, i, a) => a.indexOf(s) === i)
        .join('; ')}`}
      draw={(width) =>
        rankIntervals(
          rows.map((d) => ({
            label: d.name,
            rank: d.rank,
            low: d.rankLow,
            high: d.rankHigh,
            highlight: FEATURED.includes(d.country),
          })),
          { width },
        )
      }
      note={r.notes[1]}
    />
  );
}

function AlignmentSeries({ country, name }: { country: string; name: (c: string) => string }) {
  const series = TRIO.map((t) => ({
    t,
    state: useApi<AlignmentResult>('/alignment', { a: country, b: t, from: 2000 }),
  }));
  const failed = series.find((s) => s.state.error);
  if (failed) return <Await state={failed.state}>{() => null}</Await>;
  if (series.some((s) => !s.state.data)) return <p class="loading">Loading alignment…</p>;
  const rows = series.flatMap(({ t, state }) =>
    (state.data as AlignmentResult).years.map((y) => ({
      a: country,
      b: t,
      year: y.year,
      idealPointDistance: y.idealPointDistance,
      agreement: y.agreement,
      sScore: y.sScore,
      kappa: y.kappa,
    })),
  );
  const src = (series[0].state.data as AlignmentResult).sources.join('; ');
  return (
    <div class="grid">
      <Figure
        title={`UNGA ideal-point distance, ${name(country)} to each trio member`}
        filename={`alignment-${country}-ideal`}
        rows={rows}
        source={src}
        draw={(width) =>
          Plot.plot({
            width,
            y: { label: 'distance |θa − θb| (lower = closer)', grid: true },
            x: { label: null, tickFormat: 'd' },
            color: { legend: true },
            marks: [
              Plot.line(
                rows.filter((r) => r.idealPointDistance !== null),
                { x: 'year', y: 'idealPointDistance', stroke: 'b', marker: 'dot' },
              ),
            ],
          })
        }
      />
      <Figure
        title={`UNGA vote agreement, ${name(country)} with each trio member`}
        filename={`alignment-${country}-agreement`}
        rows={rows}
        source={src}
        draw={(width) =>
          Plot.plot({
            width,
            y: { label: 'agreement (abstain = half)', domain: [0, 1], tickFormat: '.0%', grid: true },
            x: { label: null, tickFormat: 'd' },
            color: { legend: true },
            marks: [
              Plot.line(
                rows.filter((r) => r.agreement !== null),
                { x: 'year', y: 'agreement', stroke: 'b', marker: 'dot' },
              ),
            ],
          })
        }
        note="Vote data end in 2019; later years are gaps (no point), ideal points run to 2024."
      />
    </div>
  );
}

function PartnerDetail({
  r,
  country,
  name,
}: {
  r: PartnersResult;
  country: string;
  name: (c: string) => string;
}) {
  const row = r.ranking.find((x) => x.country === country);
  if (!row)
    return (
      <p>
        {name(country)} is not among the ranked candidates ({r.candidates.rule}).
      </p>
    );
  const indicators = Object.entries(row.indicators).map(([id, v]) => ({
    id,
    label: r.indicators[id as keyof typeof r.indicators].label,
    value: v.value,
    normalised: v.normalised,
    weight: r.weights[id as keyof typeof r.weights],
    source: r.indicators[id as keyof typeof r.indicators].source,
  }));
  const ties =
    (
      row.indicators.ties as {
        memberships?: { group: string; status: string; unverified: boolean; sourceUrl: string }[];
      }
    ).memberships ?? [];
  return (
    <>
      <div class="cards">
        <div class="card">
          <div class="sub">Rank of {r.ranking.length}</div>
          <div class="big" data-testid="partner-rank">
            {row.rank ?? '—'}
          </div>
          <div class="sub">
            interval {row.rankInterval ? `${row.rankInterval[0]}–${row.rankInterval[1]}` : '—'}
          </div>
        </div>
        <div class="card">
          <div class="sub">Composite score (0–1)</div>
          <div class="big">{num(row.score, 3)}</div>
          <div class="sub">P(top 5) {pct(row.pTop5, 0)}</div>
        </div>
      </div>
      <Figure
        title={`${name(country)}: indicators (normalised, 1 = best)`}
        filename={`partner-${country}-indicators`}
        rows={indicators}
        source={[...new Set(indicators.map((i) => i.source))].join('; ')}
        draw={(width) =>
          Plot.plot({
            width: Math.min(width, 800),
            marginLeft: 130,
            x: { domain: [0, 1], label: 'normalised value', grid: true },
            y: { label: null },
            marks: [
              Plot.barX(
                indicators.filter((i) => i.normalised !== null),
                { x: 'normalised', y: 'id', fill: '#4a6fa5', title: (i) => `${i.label}: ${num(i.value, 3)}` },
              ),
              Plot.text(indicators, {
                x: (i) => i.normalised ?? 0,
                y: 'id',
                text: (i) => (i.normalised === null ? 'no data' : num(i.normalised, 2)),
                dx: 4,
                textAnchor: 'start',
                fill: (i) => (i.normalised === null ? '#8a4b00' : 'currentColor'),
              }),
              Plot.ruleX([0]),
            ],
          })
        }
        note={
          indicators
            .filter((i) => i.normalised === null)
            .map((i) => `${i.id}: no data`)
            .join('; ') || undefined
        }
      />
      {ties.length > 0 && (
        <Table
          caption="Memberships (unverified rows flagged)"
          rows={ties as unknown as Record<string, unknown>[]}
          columns={[
            { key: 'group', label: 'Group' },
            { key: 'status', label: 'Status' },
            {
              key: 'unverified',
              label: 'Verified?',
              format: (t) => (t.unverified ? <span class="tag warn">unverified</span> : 'yes'),
            },
            {
              key: 'sourceUrl',
              label: 'Source',
              format: (t) => (
                <a href={String(t.sourceUrl)}>
                  {String(t.sourceUrl)
                    .replace(/^https?:\/\//, '')
                    .slice(0, 50)}
                </a>
              ),
            },
          ]}
        />
      )}
      <Gaps gaps={row.gaps.map((g) => ({ what: g.indicator, reason: g.reason }))} />
      <h2>Alignment with the trio</h2>
      <AlignmentSeries country={country} name={name} />
    </>
  );
}

export function PartnersPage({ route }: { route: Route }) {
  const focus = route.parts[1]?.toUpperCase();
  const state = useApi<PartnersResult>('/partners', PARTNERS_QUERY);
  const name = useNames();
  return (
    <>
      <h1>{focus ? `Partner: ${name(focus)}` : 'Partners'}</h1>
      <nav class="tabs" aria-label="Partner pages">
        <a href={href('/partners')} aria-current={!focus ? 'true' : undefined}>
          Ranking
        </a>
        {FEATURED.map((c) => (
          <a key={c} href={href(`/partners/${c}`)} aria-current={focus === c ? 'true' : undefined}>
            {name(c)}
          </a>
        ))}
      </nav>
      <Await state={state}>
        {(r) =>
          focus ? (
            <PartnerDetail r={r} country={focus} name={name} />
          ) : (
            <>
              <p class="lead">
                {r.candidates.count} candidates: {r.candidates.rule}. Weights:{' '}
                {Object.entries(r.weights)
                  .map(([k, w]) => `${k} ${num(w, 2)}`)
                  .join(', ')}
                .
              </p>
              <Ranking r={r} name={name} />
              <Table
                rows={
                  r.ranking.map((x) => ({ ...x, name: name(x.country) })) as unknown as Record<
                    string,
                    unknown
                  >[]
                }
                columns={[
                  { key: 'rank', label: 'Rank', numeric: true },
                  {
                    key: 'name',
                    label: 'Country',
                    format: (x) => <a href={href(`/partners/${x.country}`)}>{String(x.name)}</a>,
                  },
                  {
                    key: 'score',
                    label: 'Score',
                    numeric: true,
                    format: (x) => num(x.score as number | null, 3),
                  },
                  {
                    key: 'rankInterval',
                    label: 'Rank 5–95%',
                    numeric: true,
                    format: (x) => (x.rankInterval ? (x.rankInterval as number[]).join('–') : '—'),
                  },
                  {
                    key: 'pTop5',
                    label: 'P(top 5)',
                    numeric: true,
                    format: (x) => pct(x.pTop5 as number | null, 0),
                  },
                  { key: 'gaps', label: 'Gaps', format: (x) => (x.gaps as unknown[]).length || '' },
                ]}
              />
              <Gaps gaps={r.gaps.map((g) => ({ what: g.indicator, reason: g.reason }))} />
            </>
          )
        }
      </Await>
    </>
  );
}
