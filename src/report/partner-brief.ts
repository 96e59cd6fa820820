// The partner case study (`minsec brief partner <ISO3>`): a country's UNGA alignment history with each trio
// member (and China and Russia for contrast), its institutional ties, governance, mineral endowment, China
// entanglement and its place in the partner ranking, assembled from the alignment and partners services.
// Every number names its source (file and line, or the source table it was computed from); every missing
// number is listed as a gap. India and Mongolia are the report's case studies; any ISO3 code works.
import { INDICATOR_IDS, INDICATORS, type IndicatorId } from '../analysis/partners/indicators.ts';
import { mdTable } from '../cli/output.ts';
import type { Translator } from '../i18n/core.ts';
import { translator } from '../i18n/node.ts';
import { countryByIso3, TRIO } from '../model/countries.ts';
import { MINERALS } from '../model/minerals.ts';
import { type AlignmentResult, alignment, parseCountry } from '../services/alignment.ts';
import {
  type PartnerRankingRow,
  type PartnersResult,
  partnerIndicators,
  partners,
} from '../services/partners.ts';
import type { Db } from '../store/db.ts';
import * as q from '../store/queries/partners.ts';

/** Minerals the report singles out for its two case studies (the issue text); others get their largest shares. */
export const FOCUS_MINERALS: Record<string, string[]> = {
  MNG: ['molybdenum', 'copper'],
  IND: ['rare-earths', 'graphite'],
};
const HISTORY_FROM = 2000;
const DRAWS = 2000;
const SEED = 1;

const f3 = (x: number | null | undefined) => (x === null || x === undefined ? '—' : x.toFixed(3));
const pct = (x: number | null | undefined, d = 1) =>
  x === null || x === undefined ? '—' : `${(100 * x).toFixed(d)}%`;
const mean = (xs: (number | null)[]) => {
  const v = xs.filter((x): x is number => x !== null);
  return v.length === xs.length && v.length ? v.reduce((s, x) => s + x, 0) / v.length : null;
};

interface Ctx {
  gaps: string[];
  sources: Map<number, string>;
}

async function alignmentHistory(db: Db, iso3: string, to: number, ctx: Ctx) {
  const others = [...TRIO, 'CHN', 'RUS'].filter((c) => c !== iso3);
  const series: Record<string, AlignmentResult> = {};
  for (const o of others) series[o] = await alignment(db, { a: iso3, b: o, from: HISTORY_FROM, to });
  const years = series[others[0]].years.map((y) => y.year);
  const at = (o: string, y: number) => series[o].years.find((r) => r.year === y);
  const voteYears = years.filter((y) => others.some((o) => at(o, y)?.agreement !== null));
  const agreementRows = voteYears.map((y) => ({
    year: y,
    ...Object.fromEntries(
      others.map((o) => [
        o,
        at(o, y)?.agreement === null ? '—' : `${f3(at(o, y)?.agreement)} (n=${at(o, y)?.votes})`,
      ]),
    ),
  }));
  const kappaRows = voteYears
    .filter((y) => y % 5 === 0 || y === voteYears[voteYears.length - 1])
    .map((y) => ({
      year: y,
      ...Object.fromEntries(others.map((o) => [o, `S ${f3(at(o, y)?.sScore)} / κ ${f3(at(o, y)?.kappa)}`])),
    }));
  const idealRows = years.map((y) => ({
    year: y,
    ...Object.fromEntries(others.map((o) => [o, f3(at(o, y)?.idealPointDistance)])),
  }));
  for (const o of others)
    for (const y of series[o].years)
      if (y.idealPointDistance === null)
        ctx.gaps.push(`${y.year}: no ideal-point distance ${iso3}–${o} (${y.reasons.idealPointDistance})`);
  const lastVote = voteYears[voteYears.length - 1];
  if (lastVote !== undefined && lastVote < to)
    ctx.gaps.push(
      `UNGA roll-call votes end in ${lastVote} in the shared data: agreement, S-score and kappa are null (no_votes_in_source) for ${lastVote + 1}–${to}; ideal points cover those years.`,
    );
  return { others, series, agreementRows, kappaRows, idealRows, lastVote };
}

async function mineralSection(
  db: Db,
  iso3: string,
  row: PartnerRankingRow | undefined,
  result: PartnersResult,
  ctx: Ctx,
  copper: q.WorldShareRow[],
): Promise<string[]> {
  const out: string[] = [];
  const by = (row?.indicators.mineralShare.byMineral ?? []) as {
    mineral: string;
    productionShare: number | null;
    productionBasis: string;
    productionYear: number | null;
    productionLine: number | null;
    productionEdition: number | null;
    productionSourceId: number | null;
    reservesShare: number | null;
    reservesBasis: string;
    reservesYear: number | null;
    reservesLine: number | null;
    reservesEdition: number | null;
    reservesSourceId: number | null;
  }[];
  const listed = by.filter((m) => m.productionBasis === 'listed' || m.reservesBasis === 'listed');
  const focus =
    FOCUS_MINERALS[iso3] ??
    [...listed]
      .sort((a, b) => (b.productionShare ?? 0) - (a.productionShare ?? 0))
      .slice(0, 3)
      .map((m) => m.mineral);
  const cite = (year: number | null, edition: number | null, sourceId: number | null, line: number | null) =>
    `${year}, MCS ${edition} [${sourceId}] line ${line}`;
  out.push(
    mdTable(
      listed.map((m) => ({
        mineral: `${m.mineral}${focus.includes(m.mineral) ? ' ★' : ''}`,
        'share of world mine production': `${pct(m.productionShare)} (${m.productionBasis === 'listed' ? cite(m.productionYear, m.productionEdition, m.productionSourceId, m.productionLine) : m.productionBasis.replace('_', ' ')})`,
        'share of world reserves': `${pct(m.reservesShare)} (${m.reservesBasis === 'listed' ? cite(m.reservesYear, m.reservesEdition, m.reservesSourceId, m.reservesLine) : m.reservesBasis.replace('_', ' ')})`,
        "trio's dependence on China": pct(
          result.trioDependence.find((d) => d.mineral === m.mineral)?.dependence,
        ),
      })),
    ),
  );
  for (const m of listed.filter((x) => x.reservesShare === null && x.reservesBasis !== 'no_table')) {
    const last = await q.lastPublished(db, m.mineral, 'reserves', null, iso3);
    if (last)
      out.push(
        `- ${m.mineral} reserves: the latest edition gives no figure (${m.reservesBasis}); the last published one is ${last.value.toLocaleString('en-US')} ${last.unit} for ${last.year} (MCS ${last.edition} [${last.source_id}] line ${last.source_line})${last.world ? `, ${pct(last.value / last.world)} of that year's world total` : ''}. Not used in the ranking (no carrying forward).`,
      );
  }
  for (const m of focus.filter((x) => !listed.some((l) => l.mineral === x))) {
    if (m === 'copper') {
      const own = copper.find((r) => r.country === iso3);
      const world = copper.find((r) => r.row_kind === 'world');
      if (own?.value != null && world?.value)
        out.push(
          `- copper: ${pct(own.value / world.value)} of world mine production (USGS ${own.year}, MCS ${own.edition} [${own.source_id}] line ${own.source_line}).`,
        );
      else {
        out.push(
          "- copper: **gap** — no USGS copper mine-production table is loaded (the model lists copper only as a BACI material, without a USGS series), so Mongolia's copper endowment cannot be quantified here.",
        );
        ctx.gaps.push(
          'copper: USGS copper production/reserves are not in the database (model copper has no USGS series).',
        );
      }
    } else {
      out.push(
        `- ${m}: not listed by USGS for ${iso3} in the latest tables (inside "Other countries"), or no USGS table.`,
      );
      ctx.gaps.push(`${m}: ${iso3} not listed in the latest USGS table.`);
    }
  }
  out.push(
    `\n★ = the minerals this case study singles out. Shares: the country's row over the World total row of the latest USGS Mineral Commodity Summaries edition holding that year ("data year, MCS edition [source id] line" — source ids are listed under Sources); "not listed" = inside USGS's "Other countries" (counted 0). Trio dependence on China: ${[...new Set(result.trioDependence.map((d) => d.basis))].join(', ')} (see method).`,
  );
  return out;
}

function suggestions(
  iso3: string,
  name: string,
  row: PartnerRankingRow | undefined,
  hist: Awaited<ReturnType<typeof alignmentHistory>>,
  to: number,
  result: PartnersResult,
): string[] {
  const out: string[] = [];
  const ideal = (o: string) => hist.series[o]?.years.find((y) => y.year === to)?.idealPointDistance ?? null;
  const trio = mean(TRIO.filter((t) => t !== iso3).map(ideal));
  const china = ideal('CHN');
  if (trio !== null && china !== null)
    out.push(
      `- In ${to} ${name}'s UNGA ideal point is ${trio < china ? 'closer to the trio' : 'closer to China'} (mean distance to the trio ${f3(trio)} vs ${f3(china)} to China; Voeten ideal points). ${trio < china ? 'Political alignment supports broad engagement.' : 'Engagement is better framed around shared economic interests (supply diversification, investment) than around political alignment.'}`,
    );
  const trend = row?.indicators.alignmentTrend.value as number | null | undefined;
  if (trend !== null && trend !== undefined)
    out.push(
      `- Over the last decade the distance to the trio ${trend < 0 ? 'narrowed' : 'widened'} by ${f3(Math.abs(trend))} per year (OLS slope, ideal points).`,
    );
  const ties = row?.indicators.ties;
  if (ties) {
    const ms = ties.memberships as { group: string; scored: boolean; unverified: boolean }[];
    const scored = ms.filter((m) => m.scored);
    out.push(
      `- Institutional ties: ${scored.length ? scored.map((m) => `${m.group}${m.unverified ? ' (unverified)' : ''}`).join(', ') : 'none of the trio-aligned groups'}${
        ms.some((m) => !m.scored)
          ? `; also ${ms
              .filter((m) => !m.scored)
              .map((m) => m.group)
              .join(', ')}`
          : ''
      }. ${scored.length >= 3 ? 'Existing frameworks are a ready channel for trilateral minerals projects.' : 'Institutional ties with the trio are thin: bilateral agreements (investment, offtake, an EPA/FTA where one exists) are the entry point.'}`,
    );
    const defence = row?.indicators.defence.partners as string[];
    out.push(
      `- Defence obligations with the trio (ATOP, ${row?.indicators.defence.year}): ${defence.length ? defence.join(', ') : 'none'}.`,
    );
  }
  const ent = row?.indicators.chinaEntanglement.value as number | null | undefined;
  if (ent !== null && ent !== undefined)
    out.push(
      `- ${pct(ent, 2)} of its critical-material exports (32 BACI codes, by value) went to China (BACI ${result.years.baciYear}): ${ent > 0.5 ? 'new supply to the trio would compete with an established Chinese offtake' : 'China is not the dominant buyer, which eases redirection'}.`,
    );
  if (row?.rank != null)
    out.push(
      `- In the partner ranking over ${result.minerals.length} minerals it ranks ${row.rank} of ${result.ranking.filter((r) => r.rank !== null).length} (5th–95th percentile ${row.rankInterval?.[0]}–${row.rankInterval?.[1]} under weight uncertainty; P(top 5) = ${pct(row.pTop5, 0)}).`,
    );
  return out;
}

/** Markdown; HTML and PDF wrap it in src/report/briefs.ts. */
export async function renderPartnerBrief(
  db: Db,
  code: string,
  _tr: Translator = translator('en', 'brief'),
): Promise<string> {
  const iso3 = parseCountry(code, 'code');
  const name = countryByIso3(iso3)?.name ?? iso3;
  const ctx: Ctx = { gaps: [], sources: new Map() };
  const idealRange = await q.idealPointYearRange(db);
  const to = idealRange.last ?? HISTORY_FROM;
  const isTrioOrChina = [...TRIO, 'CHN'].includes(iso3);
  const result = await partners(db, { draws: DRAWS, seed: SEED, include: isTrioOrChina ? undefined : iso3 });
  let row = result.ranking.find((r) => r.country === iso3);
  if (!row) {
    const { rows } = await partnerIndicators(
      db,
      [iso3],
      MINERALS.filter((m) => m.usgs),
    );
    const r = rows[0];
    row = {
      country: iso3,
      score: null,
      rank: null,
      rankInterval: null,
      pTop5: null,
      gaps: r.gaps,
      indicators: Object.fromEntries(
        INDICATOR_IDS.map((id) => [id, { value: r.values[id], normalised: null, ...r.detail[id] }]),
      ) as PartnerRankingRow['indicators'],
    };
    ctx.gaps.push(
      `${iso3} is ${TRIO.includes(iso3 as never) ? 'a trio member' : 'China'}: not ranked as a partner.`,
    );
  }
  const hist = await alignmentHistory(db, iso3, to, ctx);
  const copper = await q.latestWorldTable(db, 'copper', 'production', 'mine');
  const governance = await q.governanceOf(db, iso3);
  const exportsTo =
    result.years.baciYear === null ? [] : await q.exportDestinations(db, iso3, result.years.baciYear);
  const materials =
    result.years.baciYear === null ? [] : await q.exportMaterials(db, iso3, result.years.baciYear);
  const memberships = (row.indicators.ties.memberships ?? []) as {
    group: string;
    status: string | null;
    verified: string | null;
    confidence: string | null;
    unverified: boolean;
    scored: boolean;
    sourceUrl: string | null;
    sourceLine: number;
  }[];
  for (const g of row.gaps) ctx.gaps.push(`${g.indicator}: ${g.reason}`);
  for (const g of result.gaps) ctx.gaps.push(`${g.indicator}: ${g.reason}`);
  const sources = await q.sourcesOfTables(db, [
    'un_votes',
    'ideal_points',
    'alliances',
    'memberships',
    'governance',
    'usgs_world',
    ...(result.years.baciYear === null ? [] : ['trade']),
  ]);

  const md: string[] = [];
  const title = `Partner case study: ${name} (${iso3})`;
  md.push(`# ${title}\n`);
  md.push('## What the numbers suggest\n');
  md.push(...suggestions(iso3, name, row, hist, to, result), '');

  md.push(`## Alignment history with the trio (China and Russia for contrast)\n`);
  md.push(
    `### UNGA vote agreement (${HISTORY_FROM}–${hist.lastVote ?? '—'}; abstain vs yes/no = ½; n = common votes)\n`,
  );
  md.push(mdTable(hist.agreementRows));
  md.push('\nS-score (Signorino & Ritter 1999) and weighted kappa (Häge 2011), every fifth year:\n');
  md.push(mdTable(hist.kappaRows));
  md.push(`\n### Ideal-point distance |θ${iso3} − θother| (${HISTORY_FROM}–${to}; lower = closer)\n`);
  md.push(mdTable(hist.idealRows));
  md.push(
    '\nSources: Voeten et al. UNGA voting data (un_votes.csv, un_roll_calls.csv; CC0); Voeten UNGA ideal points July 2025 (IdealpointsJuly2025.csv, idealpointfp; Bailey, Strezhnev & Voeten 2017). Per-year values and reasons: `minsec alignment ' +
      iso3 +
      ' USA --json`.\n',
  );

  md.push('## Ties with the trio\n');
  const defence = row.indicators.defence;
  md.push(
    `- ATOP defence obligations (${defence.year ?? '—'}) with: ${(defence.partners as string[]).join(', ') || 'none'} (ATOP 5.1, Leeds et al. 2002; alliances table).`,
  );
  md.push(
    `- Trio-aligned memberships score ${f3(row.indicators.ties.value)} (1 per full membership, ½ partial); ${row.indicators.ties.unverifiedScored} of them unverified.\n`,
  );
  md.push(
    memberships.length
      ? mdTable(
          memberships.map((m) => ({
            group: m.group,
            status: m.status,
            scored: m.scored ? 'yes' : 'listed only',
            verified: `${m.verified ?? '—'} / ${m.confidence ?? '—'}${m.unverified ? ' ⚠ unverified' : ''}`,
            source: `memberships.csv line ${m.sourceLine}; ${m.sourceUrl ?? 'no URL'}`,
          })),
        )
      : '_No rows in memberships.csv for this country._\n',
  );

  md.push('\n## Governance (World Bank WGI)\n');
  md.push(
    governance.length
      ? mdTable(
          governance.map((g) => ({
            indicator: g.indicator,
            year: g.year,
            estimate: f3(g.estimate),
            'std. error': f3(g.stddev),
            source: `wgidataset.csv line ${g.source_line}`,
          })),
        ) +
          `\nMean of the estimates: ${f3(row.indicators.governance.value)} (scale ≈ −2.5 to 2.5; Kaufmann & Kraay, WGI 2024 update, CC BY 4.0).\n`
      : '_No WGI estimates for this country._\n',
  );
  if (!governance.length) ctx.gaps.push('governance: no WGI estimates');

  md.push('## Mineral endowment (USGS)\n');
  md.push(...(await mineralSection(db, iso3, row, result, ctx, copper)), '');

  md.push('## China entanglement (BACI)\n');
  const ent = row.indicators.chinaEntanglement;
  if (ent.value === null)
    md.push(
      `**Gap:** ${result.years.baciYear === null ? 'no BACI trade rows in the database' : 'no critical-material exports reported for this country'} — the share of its critical-mineral exports going to China cannot be computed.\n`,
    );
  else {
    md.push(
      `${pct(ent.value as number, 2)} of ${name}'s exports of the 32 BACI critical-material codes (${((ent.totalUsd as number) / 1e6).toFixed(1)} million USD) went to China in ${ent.year} (CEPII BACI HS17 V202601, Gaulier & Zignago 2010; trade table, dataset baci).\n`,
    );
    md.push(
      'The shared BACI extract carries one HS6 code per material (copper only as refined cathode 740311, not ores or concentrates), so the share covers those codes only.\n',
    );
    ctx.gaps.push(
      'China entanglement covers only the 32 HS6 codes of the shared BACI extract (e.g. no copper or molybdenum ores and concentrates).',
    );
    md.push('By material:\n');
    md.push(
      mdTable(
        materials.map((m) => ({
          material: m.mineral,
          hs: m.hs,
          'value (million USD)': (m.value_usd / 1e6).toFixed(2),
          'to China': pct(m.to_china_usd / m.value_usd),
        })),
      ),
    );
    md.push('\nBy destination (top 8):\n');
    md.push(
      mdTable(
        exportsTo.slice(0, 8).map((e) => ({
          destination: e.importer,
          'value (million USD)': (e.value_usd / 1e6).toFixed(2),
          share: pct(e.value_usd / (ent.totalUsd as number), 2),
          materials: e.minerals,
        })),
      ),
    );
  }

  md.push('\n## Place in the partner ranking\n');
  md.push(
    row.rank === null
      ? '_Not ranked._\n'
      : `Rank ${row.rank} of ${result.ranking.filter((r) => r.rank !== null).length} candidates (score ${f3(row.score)}; 5th–95th percentile rank ${row.rankInterval?.[0]}–${row.rankInterval?.[1]}; P(top 5) ${pct(row.pTop5, 0)}; ${DRAWS} Dirichlet weight draws, seed ${SEED}, default equal weights).${result.candidates.included.includes(iso3) ? ' (Added to the candidate set for this briefing: below the 1% production/reserves threshold.)' : ''}\n`,
  );
  md.push(
    mdTable(
      INDICATOR_IDS.map((id: IndicatorId) => ({
        indicator: id,
        measures: INDICATORS[id].label,
        value: f3(row.indicators[id].value),
        'normalised (1 = best)': f3(row.indicators[id].normalised),
        source: INDICATORS[id].source,
      })),
    ),
  );

  md.push('\n## Gaps\n');
  md.push(...[...new Set(ctx.gaps)].map((g) => `- ${g}`), '');
  md.push('## Sources\n');
  md.push(
    ...sources.map((s) => `- [${s.source_id}] ${s.file} — ${s.release ?? ''}; ${s.citation}; ${s.licence}`),
  );
  return `${md.join('\n')}\n`;
}
