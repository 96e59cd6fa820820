// The partner case study (`minsec brief partner <ISO3>`), built from the country's own facts: what defines it as a
// partner (cited catalog entries: institutions, programmes, projects, geography, policy), its mineral endowment by
// stage (USGS tables, host industries, the capacity catalog), export destinations and transit, China entanglement
// by material (BACI), memberships with their verification flags, the alignment trend and the issues that drive
// it (UNGA ideal points and votes by issue), governance, the sanctions screen and its place in the partner ranking
// under each weight preset. Every generated sentence carries the country's own numbers; methodological notes that
// hold for every country sit in one "Method" section (METHOD_NOTES). India and Mongolia are the report's case
// studies; any ISO3 code works.
import { dyadOf, voteMatrix } from '../analysis/alignment/all-dyads.ts';
import { basisLabel } from '../analysis/partners/capability.ts';
import { INDICATOR_IDS, INDICATORS, WEIGHT_PRESET_IDS } from '../analysis/partners/indicators.ts';
import { indicatorValues } from '../analysis/partners/ranking.ts';
import { meanOf } from '../analysis/partners/relevance.ts';
import { profileOf } from '../catalog/partner-profiles.ts';
import { partnerScreen, SANCTIONS_REVIEWED } from '../catalog/sanctions.ts';
import type { Translator } from '../i18n/core.ts';
import { translator } from '../i18n/node.ts';
import { countryByIso3, TRIO } from '../model/countries.ts';
import type { PartnerRow, PartnersResult } from '../model/results/partners.ts';
import { parseCountry, UN_ISSUES, type UnIssue } from '../services/alignment.ts';
import { partnerInputs, partners, RANKABLE_MINERALS } from '../services/partners.ts';
import type { Db } from '../store/db.ts';
import * as q from '../store/queries/partners.ts';
import { bottomLineMarkdown } from './bottom-line.ts';
import { mdTable } from './markdown.ts';

/** Minerals each case study singles out (the issue text); others get their largest shares. */
export const FOCUS_MINERALS: Record<string, string[]> = {
  MNG: ['molybdenum', 'copper'],
  IND: ['rare-earths', 'graphite'],
};
/** Materials outside the model a case study names, read from the USGS MCS 2026 world tables. */
export const OTHER_MATERIALS: Record<string, { label: string; chapter2026: string; detail: string }[]> = {
  MNG: [{ label: 'fluorspar', chapter2026: 'FLUORSPAR', detail: 'Mine production' }],
};
const DRAWS = 1000;
const SEED = 1;
const DRIVER_YEARS = 5;

/** Notes true of every partner brief: the one place shared text may appear. */
export const METHOD_NOTES = [
  'Shares are of the World total row of the latest USGS Mineral Commodity Summaries edition holding the year; a country not listed is inside "Other countries" and has no figure.',
  'Potential (reserves, by-product host output) counts half in the capability indicator, an assumption; catalogued capacity without a figure counts 0.',
  'UNGA roll-call votes in the shared data end in 2019; ideal points run to 2024.',
  'China entanglement covers the 32 HS6 codes of the shared BACI extract (one code per material; no ores or concentrates for copper or molybdenum).',
  'Memberships are hand-compiled with a verification flag and a confidence level; unverified ones are marked and still counted.',
  'Rank intervals are nearest-rank 5th–95th percentiles over draws of the weights and of the data (WGI standard errors, ideal-point quantiles, USGS estimate revisions).',
];

const f3 = (x: number | null | undefined) => (x === null || x === undefined ? '—' : x.toFixed(3));
const pct = (x: number | null | undefined, d = 1) =>
  x === null || x === undefined ? '—' : `${(100 * x).toFixed(d)}%`;
const musd = (x: number) => `US$${(x / 1e6).toLocaleString('en-US', { maximumFractionDigits: 1 })} million`;
const nameOf = (iso3: string) => countryByIso3(iso3)?.name ?? iso3;

interface Ctx {
  gaps: string[];
}

/** Agreement with each counterpart on each UNGA issue over the last vote years. */
async function issueAgreement(db: Db, iso3: string, lastVote: number | null) {
  if (lastVote === null) return null;
  const from = lastVote - DRIVER_YEARS + 1;
  const others = [...TRIO.filter((t) => t !== iso3), 'CHN'];
  const rows = await q.votesByIssue(db, { from, to: lastVote, countries: [iso3, ...others] });
  const issues = Object.keys(UN_ISSUES) as UnIssue[];
  const table = issues.map((issue) => {
    const m = voteMatrix(rows.filter((r) => r.issue === issue));
    const by = Object.fromEntries(others.map((o) => [o, dyadOf(m, iso3, o)]));
    const trio = meanOf(TRIO.filter((t) => t !== iso3).map((t) => by[t].agreement));
    return { issue, by, trio, china: by.CHN.agreement, votes: Math.max(...others.map((o) => by[o].votes)) };
  });
  return { from, to: lastVote, others, table };
}

/** Row for a country the ranking does not hold (a trio member, China, or no basis): indicators only. */
async function unrankedRow(db: Db, iso3: string): Promise<PartnerRow> {
  const { inputs, detail, gaps, bases } = await partnerInputs(db, [iso3], RANKABLE_MINERALS);
  const v = indicatorValues(inputs)[0];
  return {
    country: iso3,
    name: nameOf(iso3),
    score: null,
    rank: null,
    rankInterval: null,
    pTop5: null,
    stages: (bases.get(iso3) ?? []).map((b) => ({
      mineral: b.mineral,
      stage: b.stage,
      kind: b.kind,
      label: basisLabel(b),
      share: b.share,
      value: b.value,
      unit: b.unit,
      year: b.year,
      estimated: b.estimated,
      secondary: b.secondary,
      potential: b.kind === 'reserves' || b.kind === 'host-industry',
      source: b.source,
    })),
    via: [],
    profile: [],
    ranksByPreset: {},
    sanctions: null,
    indicators: Object.fromEntries(
      INDICATOR_IDS.map((id) => [id, { value: v.values[id], normalised: null }]),
    ) as PartnerRow['indicators'],
    detail: detail.get(iso3) as PartnerRow['detail'],
    gaps: gaps.get(iso3) ?? [],
  };
}

function caseInBrief(
  name: string,
  row: PartnerRow,
  result: PartnersResult,
  drivers: Awaited<ReturnType<typeof issueAgreement>>,
  exportsTo: { importer: string; value_usd: number }[],
  screen: ReturnType<typeof partnerScreen>,
): string[] {
  const out: string[] = [];
  const best = [...row.stages]
    .filter((b) => b.share !== null && !b.potential)
    .sort((a, b) => (b.share as number) - (a.share as number))
    .slice(0, 3);
  if (best.length)
    out.push(
      `- ${name} supplies ${best.map((b) => `${pct(b.share)} of world ${b.mineral} (${b.label}, ${b.year})`).join(', ')}.`,
    );
  const potential = [...row.stages]
    .filter((b) => b.share !== null && b.potential)
    .sort((a, b) => (b.share as number) - (a.share as number))
    .slice(0, 2);
  if (potential.length)
    out.push(
      `- Beyond current output, ${name} holds ${potential.map((b) => `${pct(b.share)} of the world's ${b.kind === 'reserves' ? `${b.mineral} reserves` : `${b.host} output, a host for ${b.mineral}`}`).join(' and ')}.`,
    );
  const ent = row.detail.chinaEntanglement;
  if (row.indicators.chinaEntanglement.value !== null && ent.totalUsd) {
    const others = exportsTo.filter((e) => e.importer !== 'CHN').slice(0, 2);
    out.push(
      `- ${pct(row.indicators.chinaEntanglement.value)} of ${name}'s ${musd(ent.totalUsd)} of critical-material exports went to China in ${ent.year}${others.length ? `; next came ${others.map((e) => `${nameOf(e.importer)} (${pct(e.value_usd / (ent.totalUsd as number), 2)})`).join(' and ')}` : ''}.`,
    );
  }
  const a = row.detail.alignment;
  const trio = meanOf(Object.values(a.byMember));
  const china = a.contrast.CHN ?? null;
  if (trio !== null && china !== null)
    out.push(
      `- In ${a.year} ${name}'s UNGA ideal point sat ${f3(trio)} from the trio on average and ${f3(china)} from China (${trio < china ? 'nearer the trio' : 'nearer China'}).`,
    );
  const slope = row.indicators.alignmentTrend.value;
  const yrs = row.detail.alignmentTrend.years;
  if (slope !== null && yrs)
    out.push(
      `- Over ${yrs[0]}–${yrs[1]} ${name}'s distance to the trio ${slope < 0 ? 'narrowed' : 'widened'} by ${f3(Math.abs(slope))} a year.`,
    );
  if (drivers) {
    const ranked = drivers.table
      .filter((t) => t.trio !== null)
      .sort((x, y) => (x.trio as number) - (y.trio as number));
    if (ranked.length >= 2) {
      const low = ranked[0];
      const high = ranked[ranked.length - 1];
      out.push(
        `- On ${drivers.from}–${drivers.to} votes ${name} agreed with the trio least on ${UN_ISSUES[low.issue].toLowerCase()} (${f3(low.trio)}; ${f3(low.china)} with China) and most on ${UN_ISSUES[high.issue].toLowerCase()} (${f3(high.trio)}).`,
      );
    }
  }
  const scored = row.detail.ties.memberships.filter((m) => m.scored);
  if (scored.length)
    out.push(
      `- ${name} belongs to ${scored.map((m) => `${m.group}${m.unverified ? ' (unverified)' : ''}`).join(', ')}${row.detail.defence.partners.length ? ` and has ATOP defence obligations with ${row.detail.defence.partners.join(', ')}` : ''}.`,
    );
  else out.push(`- ${name} belongs to none of the trio-aligned groups in the membership table.`);
  if (screen.flagged)
    out.push(
      `- Sanctions: ${screen.measures.map((m) => `${m.id} (${m.imposer}, from ${m.effective})`).join('; ')} bind the trio against ${name}${screen.excluded ? ', which excludes it from the default ranking' : ''}.`,
    );
  if (row.rank !== null)
    out.push(
      `- ${name} ranks ${row.rank} of ${result.ranking.filter((r) => r.rank !== null).length} candidates under the ${result.preset ?? 'user'} weights (5th–95th percentile ${row.rankInterval?.[0]}–${row.rankInterval?.[1]}, P(top 5) ${pct(row.pTop5, 0)}); under the other presets it ranks ${Object.entries(
        row.ranksByPreset,
      )
        .filter(([id]) => id !== result.preset)
        .map(([id, r]) => `${r ?? '—'} (${id})`)
        .join(', ')}.`,
    );
  return out;
}

/** Markdown; HTML and PDF wrap it in src/report/briefs.ts. */
export async function renderPartnerBrief(
  db: Db,
  code: string,
  tr: Translator = translator('en', 'brief'),
): Promise<string> {
  const iso3 = parseCountry(code, 'code');
  const name = nameOf(iso3);
  const ctx: Ctx = { gaps: [] };
  const isTrioOrChina = [...TRIO, 'CHN'].includes(iso3);
  const screen = partnerScreen(
    iso3,
    TRIO,
    SANCTIONS_REVIEWED,
    RANKABLE_MINERALS.map((m) => m.id),
  );
  // A sanctioned country is ranked (flagged) so that its brief can say where it would stand; others see the
  // default ranking, the one the Partners page and the API show.
  const include = isTrioOrChina ? undefined : iso3;
  const result = await partners(db, {
    draws: DRAWS,
    seed: SEED,
    include,
    includeSanctioned: screen.excluded,
  });
  const focusRanks = await Promise.all(
    (FOCUS_MINERALS[iso3] ?? [])
      .filter((m) => RANKABLE_MINERALS.some((x) => x.id === m))
      .map(async (m) => {
        const r = await partners(db, { mineral: m, draws: 0, include, includeSanctioned: screen.excluded });
        const own = r.ranking.find((x) => x.country === iso3);
        return {
          mineral: m,
          rank: own?.rank ?? null,
          of: r.ranking.filter((x) => x.rank !== null).length,
          via: own?.via.find((v) => v.mineral === m)?.labels ?? [],
        };
      }),
  );
  let row = result.ranking.find((r) => r.country === iso3);
  if (!row) {
    row = await unrankedRow(db, iso3);
    ctx.gaps.push(
      `${name} is ${TRIO.includes(iso3 as never) ? 'a trio member' : 'China'}: not ranked as a partner.`,
    );
  }
  const voteRange = await q.voteYearRange(db, 10);
  const drivers = await issueAgreement(db, iso3, voteRange.last);
  const governance = await q.governanceOf(db, iso3);
  const baciYear = result.years.baciYear;
  const exportsTo = baciYear === null ? [] : await q.exportDestinations(db, iso3, baciYear);
  const materials = baciYear === null ? [] : await q.exportMaterials(db, iso3, baciYear);
  const profile = profileOf(iso3);
  for (const g of row.gaps) ctx.gaps.push(`${g.indicator}: ${g.reason}`);
  // Ranking-wide gaps (true of every candidate) go to the Method section; the country's own to its Gaps.
  const own = new Set([...(FOCUS_MINERALS[iso3] ?? []), ...row.stages.map((b) => b.mineral)]);
  const wide = result.gaps
    .filter(
      (g) =>
        [...own].some((m) => g.reason.startsWith(`${m}:`)) ||
        !RANKABLE_MINERALS.some((m) => g.reason.startsWith(`${m}:`)),
    )
    .map((g) => `${g.indicator}: ${g.reason}`);
  const sources = await q.sourcesOfTables(db, [
    'un_votes',
    'ideal_points',
    'alliances',
    'memberships',
    'governance',
    'usgs_world',
    ...(baciYear === null ? [] : ['trade']),
  ]);

  const md: string[] = [];
  md.push(`# Partner case study: ${name} (${iso3})\n`);
  const bottom = [
    ...caseInBrief(name, row, result, drivers, exportsTo, screen),
    ...focusRanks.map((f) =>
      f.rank === null || !f.via.length
        ? `${name} is not a candidate in the ${f.mineral} ranking (no stage basis of 1% or more, no catalogued capacity).`
        : `In the ${f.mineral} ranking alone ${name} ranks ${f.rank} of ${f.of} (via ${f.via.join(', ')}).`,
    ),
  ].map((x) => x.replace(/^- /, ''));
  md.push(bottomLineMarkdown(tr, bottom));

  md.push(`## What defines ${name} as a partner\n`);
  if (profile.length)
    for (const e of profile)
      md.push(
        `- **${e.name}** (${e.kind}, ${e.date}${e.amount ? `; ${e.amount.note}` : ''}): ${e.summary.trim()} — ${e.source.title}, ${e.source.url}${e.verification === 'official-text' ? '' : ` [${e.verification}: ${e.checked.trim()}]`}`,
      );
  else {
    md.push(`_No catalog entries for ${name} yet (src/catalog/partner-profiles.yaml)._`);
    ctx.gaps.push(`profile: no cited institutions or programmes catalogued for ${iso3}`);
  }
  md.push('');

  md.push(`## Mineral endowment by stage\n`);
  const focus = FOCUS_MINERALS[iso3] ?? [...new Set(row.stages.map((b) => b.mineral))].slice(0, 3);
  md.push(
    row.stages.length
      ? mdTable(
          [...row.stages]
            .sort((a, b) => a.mineral.localeCompare(b.mineral) || (b.share ?? 0) - (a.share ?? 0))
            .map((b) => ({
              mineral: `${b.mineral}${focus.includes(b.mineral) ? ' ★' : ''}`,
              stage: b.label,
              'share of world': b.share === null ? 'no figure' : pct(b.share),
              value:
                b.value === null
                  ? '—'
                  : `${b.value.toLocaleString('en-US')} ${b.unit ?? ''}${b.estimated ? ' (est.)' : ''}`,
              year: b.year ?? '—',
              source: b.source,
            })),
        )
      : `_No stage basis for ${name} in the USGS tables or the capacity catalog._\n`,
  );
  for (const m of focus.filter((x) => !row.stages.some((b) => b.mineral === x))) {
    const table = await q.latestWorldTable(db, m, 'production', 'mine');
    const other = table.find((r) => r.row_kind === 'other');
    const world = table.find((r) => r.row_kind === 'world');
    const linked = profile.filter((e) => e.minerals.includes(m)).map((e) => e.name);
    if (table.length && other)
      md.push(
        `- ${m}: USGS does not list ${name} in world mine production (${other.year}, MCS ${other.edition} [${other.source_id}] line ${other.source_line}); its output is inside "Other countries" (${other.value?.toLocaleString('en-US')} ${other.unit} of ${world?.value?.toLocaleString('en-US')}).${linked.length ? ` The catalog names ${linked.join('; ')}.` : ''}`,
      );
    else md.push(`- ${m}: no USGS world table for ${m} in the database.`);
    ctx.gaps.push(`${m}: ${iso3} has no own row in the USGS tables.`);
  }
  for (const o of OTHER_MATERIALS[iso3] ?? []) {
    const t = await q.hostIndustryTable(db, {
      host: o.label,
      chapter2026: o.chapter2026,
      detail: o.detail,
      stage: 'mine',
    });
    const own = t.rows.find((r) => r.country === iso3);
    const world = t.rows.find((r) => r.row_kind === 'world');
    if (own?.value != null && world?.value)
      md.push(
        `- ${o.label} (not a model mineral): ${name} mined ${own.value.toLocaleString('en-US')} ${own.unit}${own.estimated ? ' (est.)' : ''} in ${own.year}, ${pct(own.value / world.value)} of the world total (USGS MCS 2026 data release, line ${own.source_line}${t.origin === 'raw_file' ? ', read from the raw file' : ''}).`,
      );
    else {
      md.push(`- ${o.label}: ${t.reason ?? 'no figure'}.`);
      ctx.gaps.push(`${o.label}: ${t.reason ?? 'no USGS figure'}`);
    }
  }
  md.push('\n★ = the minerals this case study singles out.\n');

  md.push('## Export destinations and transit\n');
  const transit = profile.filter((e) => e.kind === 'geography');
  for (const e of transit) md.push(`- ${e.summary.trim()} (${e.source.title})`);
  const ent = row.detail.chinaEntanglement;
  if (!exportsTo.length || !ent.totalUsd) {
    md.push(`\n**Gap:** no BACI critical-material exports for ${name}.\n`);
    ctx.gaps.push('exports: no BACI rows');
  } else {
    md.push(
      `\n${name}'s exports of the 32 BACI critical-material codes, ${ent.year}, by destination (top 8 of ${exportsTo.length}):\n`,
    );
    md.push(
      mdTable(
        exportsTo.slice(0, 8).map((e) => ({
          destination: `${nameOf(e.importer)} (${e.importer})`,
          'value (million USD)': (e.value_usd / 1e6).toFixed(2),
          share: pct(e.value_usd / (ent.totalUsd as number), 2),
          materials: e.minerals,
        })),
      ),
    );
  }

  md.push('\n## China entanglement by material\n');
  md.push(
    materials.length
      ? mdTable(
          materials.map((m) => ({
            material: m.mineral,
            hs: m.hs,
            'value (million USD)': (m.value_usd / 1e6).toFixed(2),
            'to China': pct(m.to_china_usd / m.value_usd),
          })),
        )
      : `_No BACI exports by material for ${name}._\n`,
  );

  md.push('\n## Memberships and ties\n');
  const ms = row.detail.ties.memberships;
  md.push(
    row.detail.defence.partners.length
      ? `- ${name} has ATOP defence obligations (${row.detail.defence.year ?? '—'}) with ${row.detail.defence.partners.join(', ')}.`
      : `- ${name} has no ATOP defence obligation with KOR, JPN or USA (${row.detail.defence.year ?? '—'}).`,
  );
  md.push(
    ms.length
      ? mdTable(
          ms.map((m) => ({
            group: m.group,
            status: m.status,
            scored: m.scored ? 'yes' : 'listed only',
            verified: `${m.verified ?? '—'} / ${m.confidence ?? '—'}${m.unverified ? ' ⚠ unverified' : ''}`,
            source: `memberships.csv line ${m.sourceLine}; ${m.sourceUrl ?? 'no URL'}`,
          })),
        )
      : `_No rows in memberships.csv for ${name}._\n`,
  );

  md.push(`\n## ${tr.t('partner.h.alignment')}: trend and its drivers\n`);
  md.push(
    mdTable(
      row.detail.alignmentTrend.series.map((s) => ({
        year: s.year,
        'mean distance to the trio': f3(s.value),
        ...Object.fromEntries(Object.entries(s.byTarget).map(([t, v]) => [t, f3(v)])),
      })),
    ),
  );
  md.push(
    `\nIdeal-point distance |θ${iso3} − θother| (Voeten idealpointfp, lower = closer).${row.indicators.alignmentTrend.value !== null ? ` OLS slope of the trio mean: ${f3(row.indicators.alignmentTrend.value)} a year.` : ''}\n`,
  );
  if (drivers) {
    md.push(
      `${name}'s vote agreement by UNGA issue, ${drivers.from}–${drivers.to} (abstain against yes/no = ½):\n`,
    );
    md.push(
      mdTable(
        drivers.table.map((t) => ({
          issue: UN_ISSUES[t.issue],
          'mean with trio': f3(t.trio),
          ...Object.fromEntries(drivers.others.map((o) => [o, f3(t.by[o].agreement)])),
          'common votes (max)': t.votes,
        })),
      ),
    );
  }

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
        )
      : `_No WGI estimates for ${name}._\n`,
  );
  if (!governance.length) ctx.gaps.push('governance: no WGI estimates');

  md.push('\n## Sanctions screen\n');
  md.push(
    screen.flagged
      ? mdTable(
          screen.measures.map((m) => ({
            measure: m.id,
            imposer: m.imposer,
            class: m.class,
            'in force since': m.effective,
            binds: m.binds.join(', '),
            verification: m.verification,
          })),
        )
      : `No measure in the sanctions catalog targets ${name} and binds KOR, JPN or USA on ${result.asOf}.\n`,
  );

  md.push(`\n## ${tr.t('partner.h.ranking')}\n`);
  md.push(
    row.rank === null
      ? '_Not ranked._\n'
      : mdTable(
          WEIGHT_PRESET_IDS.map((id) => ({
            preset: `${id}${id === result.preset ? ' (used)' : ''}`,
            rank: row.ranksByPreset[id] ?? '—',
            of: result.ranking.filter((r) => r.rank !== null).length,
          })),
        ),
  );
  md.push(
    mdTable(
      INDICATOR_IDS.map((id) => ({
        indicator: id,
        measures: INDICATORS[id].label,
        value: f3(row.indicators[id].value),
        'normalised (1 = best)': f3(row.indicators[id].normalised),
        weight: f3(result.weights[id]),
      })),
    ),
  );

  md.push('\n## Gaps\n');
  md.push(...[...new Set(ctx.gaps)].map((g) => `- ${g}`), '');
  md.push('## Method\n');
  md.push(...METHOD_NOTES.map((n) => `- ${n}`));
  md.push(...wide.map((g) => `- Ranking-wide data gap: ${g}`), '');
  md.push('## Sources\n');
  md.push(
    ...sources.map((s) => `- [${s.source_id}] ${s.file} — ${s.release ?? ''}; ${s.citation}; ${s.licence}`),
  );
  return `${md.join('\n')}\n`;
}
