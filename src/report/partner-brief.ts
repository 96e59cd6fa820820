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
export const METHOD_NOTES = [0, 1, 2, 3, 4, 5].map((k) =>
  translator('en', 'brief').t(`partner.methodNote${k}`),
);

const f3 = (x: number | null | undefined) => (x === null || x === undefined ? '—' : x.toFixed(3));
const nameOf = (iso3: string) => countryByIso3(iso3)?.name ?? iso3;

/**
 * The reader's words for the brief: English keeps the wording (and the mineral and preset ids) the case-study
 * tests read; Korean and Japanese name minerals, countries, stages and issues in their own terms.
 */
function words(tr: Translator) {
  const en = tr.locale === 'en';
  const pct = (x: number | null | undefined, d = 1) => tr.pct(x, d);
  const num = (x: number | null | undefined) =>
    x === null || x === undefined ? '—' : tr.num(x, x % 1 ? 1 : 0);
  const country = (iso3: string) => (en ? nameOf(iso3) : tr.country(iso3));
  const mineral = (id: string) => (en ? id : tr.mineral(id));
  const musd = (x: number) => tr.t('partner.musd', { value: tr.num(x / 1e6, 1) });
  const basis = (b: PartnerRow['stages'][number]) => {
    if (en) return b.label;
    if (b.kind === 'host-industry')
      return tr.t('partner.basis.host', { host: b.host ? tr.mineral(b.host) : '—' });
    if (b.kind === 'reserves') return tr.t('partner.basis.reserves');
    return tr.t(b.secondary ? 'partner.basis.stageSecondary' : 'partner.basis.stage', {
      stage: tr.tOr(`partner.stage.${b.stage}`, b.stage),
      what: tr.tOr(`partner.basisKind.${b.kind}`, b.kind),
    });
  };
  const issue = (i: UnIssue) => (en ? UN_ISSUES[i] : tr.t(`partner.issue.${i}`));
  const preset = (id: string) => (en ? id : tr.tOr(`partner.preset.${id}`, id));
  return { pct, num, country, mineral, musd, basis, issue, preset };
}

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
  tr: Translator,
): string[] {
  const { t } = tr;
  const w = words(tr);
  const out: string[] = [];
  const best = [...row.stages]
    .filter((b) => b.share !== null && !b.potential)
    .sort((a, b) => (b.share as number) - (a.share as number))
    .slice(0, 3);
  if (best.length)
    out.push(
      `- ${t('partner.c.supplies', {
        name,
        list: best
          .map((b) =>
            t('partner.c.suppliesItem', {
              share: w.pct(b.share),
              mineral: w.mineral(b.mineral),
              basis: w.basis(b),
              year: b.year,
            }),
          )
          .join(t('partner.listSep')),
      })}`,
    );
  const potential = [...row.stages]
    .filter((b) => b.share !== null && b.potential)
    .sort((a, b) => (b.share as number) - (a.share as number))
    .slice(0, 2);
  if (potential.length)
    out.push(
      `- ${t('partner.c.potential', {
        name,
        list: potential
          .map((b) =>
            b.kind === 'reserves'
              ? t('partner.c.potentialReserves', { share: w.pct(b.share), mineral: w.mineral(b.mineral) })
              : t('partner.c.potentialHost', {
                  share: w.pct(b.share),
                  host: b.host ? w.mineral(b.host) : '—',
                  mineral: w.mineral(b.mineral),
                }),
          )
          .join(t('partner.andSep')),
      })}`,
    );
  const ent = row.detail.chinaEntanglement;
  if (row.indicators.chinaEntanglement.value !== null && ent.totalUsd) {
    const others = exportsTo.filter((e) => e.importer !== 'CHN').slice(0, 2);
    out.push(
      `- ${t(others.length ? 'partner.c.entanglementNext' : 'partner.c.entanglement', {
        share: w.pct(row.indicators.chinaEntanglement.value),
        name,
        total: w.musd(ent.totalUsd),
        year: ent.year,
        next: others
          .map((e) => `${w.country(e.importer)} (${w.pct(e.value_usd / (ent.totalUsd as number), 2)})`)
          .join(t('partner.andSep')),
      })}`,
    );
  }
  const a = row.detail.alignment;
  const trio = meanOf(Object.values(a.byMember));
  const china = a.contrast.CHN ?? null;
  if (trio !== null && china !== null)
    out.push(
      `- ${t(trio < china ? 'partner.c.idealNearerTrio' : 'partner.c.idealNearerChina', {
        year: a.year,
        name,
        trio: f3(trio),
        china: f3(china),
      })}`,
    );
  const slope = row.indicators.alignmentTrend.value;
  const yrs = row.detail.alignmentTrend.years;
  if (slope !== null && yrs)
    out.push(
      `- ${t(slope < 0 ? 'partner.c.trendNarrowed' : 'partner.c.trendWidened', {
        from: yrs[0],
        to: yrs[1],
        name,
        slope: f3(Math.abs(slope)),
      })}`,
    );
  if (drivers) {
    const ranked = drivers.table
      .filter((x) => x.trio !== null)
      .sort((x, y) => (x.trio as number) - (y.trio as number));
    if (ranked.length >= 2) {
      const low = ranked[0];
      const high = ranked[ranked.length - 1];
      out.push(
        `- ${t('partner.c.drivers', {
          from: drivers.from,
          to: drivers.to,
          name,
          low: tr.locale === 'en' ? UN_ISSUES[low.issue].toLowerCase() : w.issue(low.issue),
          lowTrio: f3(low.trio),
          lowChina: f3(low.china),
          high: tr.locale === 'en' ? UN_ISSUES[high.issue].toLowerCase() : w.issue(high.issue),
          highTrio: f3(high.trio),
        })}`,
      );
    }
  }
  const scored = row.detail.ties.memberships.filter((m) => m.scored);
  if (scored.length)
    out.push(
      `- ${t(row.detail.defence.partners.length ? 'partner.c.membersDefence' : 'partner.c.members', {
        name,
        groups: scored
          .map((m) => `${m.group}${m.unverified ? ` (${t('partner.unverified')})` : ''}`)
          .join(', '),
        partners: row.detail.defence.partners.map((c) => w.country(c)).join(', '),
      })}`,
    );
  else out.push(`- ${t('partner.c.noMembers', { name })}`);
  if (screen.flagged)
    out.push(
      `- ${t(screen.excluded ? 'partner.c.sanctionsExcluded' : 'partner.c.sanctions', {
        list: screen.measures
          .map((m) => `${m.id} (${m.imposer}, ${t('partner.from')} ${m.effective})`)
          .join('; '),
        name,
      })}`,
    );
  if (row.rank !== null)
    out.push(
      `- ${t('partner.c.rank', {
        name,
        rank: row.rank,
        of: result.ranking.filter((r) => r.rank !== null).length,
        preset: result.preset ? w.preset(result.preset) : t('partner.userWeights'),
        low: row.rankInterval?.[0],
        high: row.rankInterval?.[1],
        p: w.pct(row.pTop5, 0),
        others: Object.entries(row.ranksByPreset)
          .filter(([id]) => id !== result.preset)
          .map(([id, r]) => t('partner.rankItem', { rank: r ?? '—', preset: w.preset(id) }))
          .join(', '),
      })}`,
    );
  return out;
}

/** Markdown; HTML and PDF wrap it in src/report/briefs.ts. */
export async function renderPartnerBrief(
  db: Db,
  code: string,
  tr: Translator = translator('en', 'brief'),
): Promise<string> {
  const { t } = tr;
  const w = words(tr);
  const iso3 = parseCountry(code, 'code');
  const name = w.country(iso3);
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
      t(TRIO.includes(iso3 as never) ? 'partner.notRankedTrio' : 'partner.notRankedChina', { name }),
    );
  }
  const voteRange = await q.voteYearRange(db, 10);
  const drivers = await issueAgreement(db, iso3, voteRange.last);
  const governance = await q.governanceOf(db, iso3);
  const baciYear = result.years.baciYear;
  const exportsTo = baciYear === null ? [] : await q.exportDestinations(db, iso3, baciYear);
  const materials = baciYear === null ? [] : await q.exportMaterials(db, iso3, baciYear);
  const profile = profileOf(iso3);
  for (const g of row.gaps)
    ctx.gaps.push(
      `${tr.locale === 'en' ? g.indicator : tr.tOr(`partner.indicator.${g.indicator}`, g.indicator)}: ${g.reason}`,
    );
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
  md.push(`# ${t('partner.title', { name, iso3 })}\n`);
  const bottom = [
    ...caseInBrief(name, row, result, drivers, exportsTo, screen, tr),
    ...focusRanks.map((f) =>
      f.rank === null || !f.via.length
        ? t('partner.c.notCandidate', { name, mineral: w.mineral(f.mineral) })
        : t('partner.c.mineralRank', {
            name,
            mineral: w.mineral(f.mineral),
            rank: f.rank,
            of: f.of,
            via: f.via.join(', '),
          }),
    ),
  ].map((x) => x.replace(/^- /, ''));
  md.push(bottomLineMarkdown(tr, bottom));

  md.push(`## ${t('partner.h.defines', { name })}\n`);
  if (profile.length)
    for (const e of profile)
      md.push(
        `- **${e.name}** (${tr.tOr(`partner.kind.${e.kind}`, e.kind)}, ${e.date}${e.amount ? `; ${e.amount.note}` : ''}): ${e.summary.trim()} — ${e.source.title}, ${e.source.url}${e.verification === 'official-text' ? '' : ` [${tr.tOr(`partner.verification.${e.verification}`, e.verification)}: ${e.checked.trim()}]`}`,
      );
  else {
    md.push(`_${t('partner.noProfile', { name })}_`);
    ctx.gaps.push(t('partner.gapProfile', { iso3 }));
  }
  md.push('');

  md.push(`## ${t('partner.h.endowment')}\n`);
  const focus = FOCUS_MINERALS[iso3] ?? [...new Set(row.stages.map((b) => b.mineral))].slice(0, 3);
  md.push(
    row.stages.length
      ? mdTable(
          [...row.stages]
            .sort((a, b) => a.mineral.localeCompare(b.mineral) || (b.share ?? 0) - (a.share ?? 0))
            .map((b) => ({
              [t('partner.col.mineral')]: `${w.mineral(b.mineral)}${focus.includes(b.mineral) ? ' ★' : ''}`,
              [t('partner.col.stage')]: w.basis(b),
              [t('partner.col.shareOfWorld')]: b.share === null ? t('partner.noFigure') : w.pct(b.share),
              [t('partner.col.value')]:
                b.value === null
                  ? '—'
                  : `${w.num(b.value)} ${b.unit ? tr.unit(b.unit) : ''}${b.estimated ? ` (${t('partner.est')})` : ''}`,
              [t('partner.col.year')]: b.year ?? '—',
              [t('partner.col.source')]: b.source,
            })),
        )
      : `_${t('partner.noBasis', { name })}_\n`,
  );
  for (const m of focus.filter((x) => !row.stages.some((b) => b.mineral === x))) {
    const table = await q.latestWorldTable(db, m, 'production', 'mine');
    const other = table.find((r) => r.row_kind === 'other');
    const world = table.find((r) => r.row_kind === 'world');
    const linked = profile.filter((e) => e.minerals.includes(m)).map((e) => e.name);
    if (table.length && other)
      md.push(
        `- ${t(linked.length ? 'partner.notListedLinked' : 'partner.notListed', {
          mineral: w.mineral(m),
          name,
          year: other.year,
          edition: other.edition,
          source: other.source_id,
          line: other.source_line,
          other: w.num(other.value),
          unit: tr.unit(other.unit ?? ''),
          world: w.num(world?.value),
          linked: linked.join('; '),
        })}`,
      );
    else md.push(`- ${t('partner.noWorldTable', { mineral: w.mineral(m) })}`);
    ctx.gaps.push(t('partner.gapNoRow', { mineral: w.mineral(m), iso3 }));
  }
  for (const o of OTHER_MATERIALS[iso3] ?? []) {
    const t2 = await q.hostIndustryTable(db, {
      host: o.label,
      chapter2026: o.chapter2026,
      detail: o.detail,
      stage: 'mine',
    });
    const own = t2.rows.find((r) => r.country === iso3);
    const world = t2.rows.find((r) => r.row_kind === 'world');
    if (own?.value != null && world?.value)
      md.push(
        `- ${t(t2.origin === 'raw_file' ? 'partner.otherMaterialRaw' : 'partner.otherMaterial', {
          label: tr.locale === 'en' ? o.label : tr.mineral(o.label),
          name,
          value: w.num(own.value),
          unit: tr.unit(own.unit ?? ''),
          est: own.estimated ? ` (${t('partner.est')})` : '',
          year: own.year,
          share: w.pct(own.value / world.value),
          line: own.source_line,
        })}`,
      );
    else {
      md.push(`- ${o.label}: ${t2.reason ?? t('partner.noFigure')}.`);
      ctx.gaps.push(`${o.label}: ${t2.reason ?? t('partner.noUsgsFigure')}`);
    }
  }
  md.push(`\n${t('partner.starNote')}\n`);

  md.push(`## ${t('partner.h.exports')}\n`);
  const transit = profile.filter((e) => e.kind === 'geography');
  for (const e of transit) md.push(`- ${e.summary.trim()} (${e.source.title})`);
  const ent = row.detail.chinaEntanglement;
  if (!exportsTo.length || !ent.totalUsd) {
    md.push(`\n**${t('partner.gap')}:** ${t('partner.noExports', { name })}\n`);
    ctx.gaps.push(t('partner.gapExports'));
  } else {
    md.push(`\n${t('partner.exportsLead', { name, year: ent.year, count: exportsTo.length })}\n`);
    md.push(
      mdTable(
        exportsTo.slice(0, 8).map((e) => ({
          [t('partner.col.destination')]: `${w.country(e.importer)} (${e.importer})`,
          [t('partner.col.valueMusd')]: (e.value_usd / 1e6).toFixed(2),
          [t('partner.col.share')]: w.pct(e.value_usd / (ent.totalUsd as number), 2),
          [t('partner.col.materials')]: e.minerals,
        })),
      ),
    );
  }

  md.push(`\n## ${t('partner.h.entanglement')}\n`);
  md.push(
    materials.length
      ? mdTable(
          materials.map((m) => ({
            [t('partner.col.material')]: w.mineral(m.mineral),
            hs: m.hs,
            [t('partner.col.valueMusd')]: (m.value_usd / 1e6).toFixed(2),
            [t('partner.col.toChina')]: w.pct(m.to_china_usd / m.value_usd),
          })),
        )
      : `_${t('partner.noMaterials', { name })}_\n`,
  );

  md.push(`\n## ${t('partner.h.ties')}\n`);
  const ms = row.detail.ties.memberships;
  md.push(
    `- ${t(row.detail.defence.partners.length ? 'partner.defence' : 'partner.noDefence', {
      name,
      year: row.detail.defence.year ?? '—',
      partners: row.detail.defence.partners.map((c) => w.country(c)).join(', '),
    })}`,
  );
  md.push(
    ms.length
      ? mdTable(
          ms.map((m) => ({
            [t('partner.col.group')]: m.group,
            [t('partner.col.status')]: m.status,
            [t('partner.col.scored')]: m.scored ? t('common:word.yes') : t('partner.listedOnly'),
            [t('partner.col.verified')]:
              `${m.verified ?? '—'} / ${m.confidence ?? '—'}${m.unverified ? ` ⚠ ${t('partner.unverified')}` : ''}`,
            [t('partner.col.source')]: t('partner.membershipSource', {
              line: m.sourceLine,
              url: m.sourceUrl ?? t('partner.noUrl'),
            }),
          })),
        )
      : `_${t('partner.noMemberships', { name })}_\n`,
  );

  md.push(`\n## ${t('partner.h.alignment')}${t('partner.h.alignmentRest')}\n`);
  md.push(
    mdTable(
      row.detail.alignmentTrend.series.map((x) => ({
        [t('partner.col.year')]: x.year,
        [t('partner.col.meanDistance')]: f3(x.value),
        ...Object.fromEntries(Object.entries(x.byTarget).map(([c, v]) => [c, f3(v)])),
      })),
    ),
  );
  md.push(
    `\n${t('partner.idealNote', { iso3 })}${row.indicators.alignmentTrend.value !== null ? ` ${t('partner.olsSlope', { slope: f3(row.indicators.alignmentTrend.value) })}` : ''}\n`,
  );
  if (drivers) {
    md.push(`${t('partner.byIssueLead', { name, from: drivers.from, to: drivers.to })}\n`);
    md.push(
      mdTable(
        drivers.table.map((x) => ({
          [t('partner.col.issue')]: w.issue(x.issue),
          [t('partner.col.meanWithTrio')]: f3(x.trio),
          ...Object.fromEntries(drivers.others.map((o) => [o, f3(x.by[o].agreement)])),
          [t('partner.col.commonVotes')]: x.votes,
        })),
      ),
    );
  }

  md.push(`\n## ${t('partner.h.governance')}\n`);
  md.push(
    governance.length
      ? mdTable(
          governance.map((g) => ({
            [t('partner.col.indicator')]: g.indicator,
            [t('partner.col.year')]: g.year,
            [t('partner.col.estimate')]: f3(g.estimate),
            [t('partner.col.stdError')]: f3(g.stddev),
            [t('partner.col.source')]: t('partner.wgiSource', { line: g.source_line }),
          })),
        )
      : `_${t('partner.noWgi', { name })}_\n`,
  );
  if (!governance.length) ctx.gaps.push(t('partner.gapWgi'));

  md.push(`\n## ${t('partner.h.sanctions')}\n`);
  md.push(
    screen.flagged
      ? mdTable(
          screen.measures.map((m) => ({
            [t('partner.col.measure')]: m.id,
            [t('partner.col.imposer')]: m.imposer,
            [t('partner.col.class')]: tr.tOr(`partner.sanctionClass.${m.class}`, m.class),
            [t('partner.col.inForceSince')]: m.effective,
            [t('partner.col.binds')]: m.binds.join(', '),
            [t('partner.col.verification')]: tr.tOr(`partner.verification.${m.verification}`, m.verification),
          })),
        )
      : `${t('partner.noSanctions', { name, date: result.asOf })}\n`,
  );

  md.push(`\n## ${t('partner.h.ranking')}\n`);
  md.push(
    row.rank === null
      ? `_${t('partner.notRanked')}_\n`
      : mdTable(
          WEIGHT_PRESET_IDS.map((id) => ({
            [t('partner.col.preset')]:
              `${w.preset(id)}${id === result.preset ? ` (${t('partner.used')})` : ''}`,
            [t('partner.col.rank')]: row.ranksByPreset[id] ?? '—',
            [t('partner.col.of')]: result.ranking.filter((r) => r.rank !== null).length,
          })),
        ),
  );
  md.push(
    mdTable(
      INDICATOR_IDS.map((id) => ({
        [t('partner.col.indicator')]: tr.locale === 'en' ? id : tr.tOr(`partner.indicator.${id}`, id),
        [t('partner.col.measures')]: INDICATORS[id].label,
        [t('partner.col.value')]: f3(row.indicators[id].value),
        [t('partner.col.normalised')]: f3(row.indicators[id].normalised),
        [t('partner.col.weight')]: f3(result.weights[id]),
      })),
    ),
  );

  md.push(`\n## ${t('partner.h.gaps')}\n`);
  md.push(...[...new Set(ctx.gaps)].map((g) => `- ${g}`), '');
  md.push(`## ${t('partner.h.method')}\n`);
  md.push(
    ...(tr.locale === 'en' ? METHOD_NOTES : METHOD_NOTES.map((_, k) => t(`partner.methodNote${k}`))).map(
      (n) => `- ${n}`,
    ),
  );
  md.push(...wide.map((g) => `- ${t('partner.rankingWideGap', { gap: g })}`), '');
  md.push(`## ${t('partner.h.sources')}\n`);
  md.push(
    ...sources.map((s) => `- [${s.source_id}] ${s.file} — ${s.release ?? ''}; ${s.citation}; ${s.licence}`),
  );
  return `${md.join('\n')}\n`;
}
