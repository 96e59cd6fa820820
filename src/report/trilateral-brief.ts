// The trilateral briefing (`minsec brief trilateral`): the net assessment of Korea's, Japan's and the United
// States' supply-chain securitization efforts and the cooperation agenda, assembled from the netassess and
// cooperate services' result objects. Every score names the catalog facts behind it; every gap is shown as a gap.
// Written in the reader's language (keys brief:trilateral.*); catalog texts (entry names, bases, sources,
// recommendation texts) are quoted as the catalog gives them. Opens with a bottom line (Korea's first gaps, the
// first lever, the uncovered high-vulnerability pairs).

import type { Gap } from '../analysis/netassessment.ts';
import { MATURITY_RUBRIC } from '../analysis/netassessment.ts';
import { STAGES } from '../catalog/trio.ts';
import type { Translator } from '../i18n/core.ts';
import { translator } from '../i18n/node.ts';
import { type CooperateResult, cooperate } from '../services/cooperate.ts';
import { type NetAssessResult, netAssess } from '../services/netassess.ts';
import type { Db } from '../store/db.ts';
import { bottomLineMarkdown } from './bottom-line.ts';
import { mdTable } from './markdown.ts';

export interface TrilateralBriefRequest {
  /** Test hooks: catalog folder and cooperation file. */
  catalogDir?: string;
  cooperationFile?: string;
  /** Whether to ask the other services for the overlay and measured effects (default true). */
  measure?: boolean;
  /** The reader's language (default English). */
  tr?: Translator;
}

const EN = () => translator('en', 'brief');
const sentence = (s: string) => (/[.!?。]$/.test(s) ? s : `${s}.`);

function helpers(tr: Translator) {
  const { t } = tr;
  const level = (score: number | null) =>
    score === null ? t('trilateral.levelNull') : `${score} ${t(`trilateral.level${score}`)}`;
  const stage = (st: string) => tr.tOr(`trilateral.stage.${st}`, st);
  const instrument = (i: string) => tr.tOr(`trilateral.instrument.${i}`, i);
  const gapTitle = (g: Gap) =>
    g.kind === 'stage'
      ? t(g.missingInstruments.length ? 'trilateral.gapStagePeers' : 'trilateral.gapStage', {
          stage: stage(g.stage),
          own: g.own,
          benchmark: g.benchmark,
          instruments: g.missingInstruments.map(instrument).join(', '),
        })
      : t('trilateral.gapCell', {
          stage: stage(g.stage),
          instrument: instrument(g.instrumentType ?? ''),
          own: g.own,
          count: g.peersAtTarget,
          benchmark: g.benchmark,
        });
  /** One gap with the facts behind it: the country's own entries, the peers' working instruments, their sources. */
  const gapWithEvidence = (g: Gap, i: number): string => {
    const own = g.evidence.own.length
      ? g.evidence.own
          .map(
            (m) =>
              `  - ${t('trilateral.own')}: **${m.name}** — ${level(m.score)}; ${sentence(m.basis)} ${t('frame.source')} ${m.source}`,
          )
          .join('\n')
      : `  - ${t(g.kind === 'stage' ? 'trilateral.noOwnStage' : 'trilateral.noOwnCell', { country: tr.country(g.country) })}`;
    const peers = g.evidence.peers
      .map(
        (m) =>
          `  - ${tr.country(m.country)}: **${m.name}** — ${level(m.score)}; ${sentence(m.basis)} ${t('frame.source')} ${m.source}`,
      )
      .join('\n');
    const vuln =
      g.vulnerabilityWeight === null
        ? t('trilateral.vulnNone')
        : t('trilateral.vuln', { weight: tr.num(g.vulnerabilityWeight, 2) });
    return `${i + 1}. **${gapTitle(g)}** — ${t('trilateral.severity', { severity: g.severity, priority: tr.num(g.priority, 2), vuln })}\n${own}\n${peers}`;
  };
  return { level, stage, instrument, gapTitle, gapWithEvidence };
}

/** Markdown of the net assessment result (also the CLI's --md). */
export function netAssessMarkdown(
  r: NetAssessResult,
  opts: { gapsPerCountry?: number } = {},
  tr: Translator = EN(),
): string {
  const { t } = tr;
  const { level, stage, instrument, gapWithEvidence } = helpers(tr);
  const n = opts.gapsPerCountry ?? 5;
  const out: string[] = [
    `## ${t('trilateral.h.rubric')}\n`,
    mdTable(
      MATURITY_RUBRIC.levels.map((l) => ({
        [t('trilateral.col.score')]: l.score,
        [t('trilateral.col.level')]: t(`trilateral.level${l.score}`),
        [t('trilateral.col.requires')]: l.requires,
      })),
    ),
    '',
  ];
  out.push(`- ${t('trilateral.entryRule')}\n- ${t('trilateral.cellRule')}\n- ${t('trilateral.stageRule')}\n`);
  out.push(...MATURITY_RUBRIC.gapRules.map((g) => `- ${g}`), '');
  out.push(`## ${t('trilateral.h.coverage')} ${t('trilateral.h.coverageNote')}\n`);
  out.push(
    mdTable(
      STAGES.map((st) => ({
        [t('common:word.stage')]: stage(st),
        ...Object.fromEntries(
          r.countries.flatMap((c) => [
            [tr.country(c.country), level(c.stageScores[st])],
            [t('trilateral.col.governance', { country: tr.country(c.country) }), c.governance[st]],
          ]),
        ),
      })),
    ),
  );
  for (const c of r.countries) {
    out.push(
      `\n## ${t('trilateral.h.country', { country: tr.country(c.country), entries: c.entries, gaps: c.gaps.length })}\n`,
    );
    const covered = c.cells.filter((x) => x.status === 'covered' && (x.score ?? 0) > 0);
    out.push(
      mdTable(
        covered.map((x) => ({
          [t('common:word.stage')]: stage(x.stage),
          [t('trilateral.col.instrument')]: instrument(x.instrumentType),
          [t('common:word.score')]: x.score,
          [t('trilateral.col.entries')]: x.entries.join(', '),
        })),
      ),
    );
    out.push(`\n${t('trilateral.depthHeading')}\n`);
    out.push(
      mdTable(
        STAGES.map((st) => {
          const d = c.depth[st];
          return {
            [t('common:word.stage')]: stage(st),
            [t('trilateral.col.score')]: level(c.stageScores[st]),
            [t('trilateral.col.instruments')]: d.instruments,
            [t('trilateral.col.atFunded')]: d.atFunded,
            [t('trilateral.col.withResults')]: d.withResults,
            [t('trilateral.col.funding')]:
              d.funding.map((f) => `${f.amount.toLocaleString('en-US')} ${f.currency}`).join('; ') || '—',
            [t('trilateral.col.minerals')]: d.minerals.join(', ') || '—',
          };
        }),
      ),
    );
    if (c.catalogGaps.length) {
      out.push(`\n${t('trilateral.catalogGaps')}\n`);
      out.push(...c.catalogGaps.map((g) => `- ${stage(g.stage)}: ${g.leads.slice(0, 3).join('; ') || '—'}`));
    }
    out.push(`\n${t('trilateral.topGaps', { count: Math.min(n, c.gaps.length) })}\n`);
    out.push(c.gaps.slice(0, n).map(gapWithEvidence).join('\n'));
  }
  out.push(`\n## ${t('trilateral.h.complementarities')}\n`);
  out.push(
    mdTable(
      r.complementarities.slice(0, 15).map((x) => ({
        [t('trilateral.col.cell')]: `${stage(x.stage)} × ${instrument(x.instrumentType)}`,
        [t('trilateral.col.leader')]: `${tr.country(x.leader)} (${x.leaderScore})`,
        [t('trilateral.col.laggard')]: `${tr.country(x.laggard)} (${x.laggardScore})`,
        [t('trilateral.col.model')]: x.leaderEntries.map((m) => m.name).join('; '),
      })),
    ),
  );
  if (r.complementarities.length > 15)
    out.push(`\n_${t('trilateral.moreInJson', { count: r.complementarities.length - 15 })}_`);
  out.push(`\n## ${t('trilateral.h.overlay')}\n`);
  if (!r.overlay.available)
    out.push(`**${t('trilateral.gap')}:** ${t('trilateral.overlayMissing', { reason: r.overlay.reason })}`);
  else
    out.push(
      mdTable(
        r.overlay.rows.map((o) => ({
          [t('common:word.mineral')]: tr.mineral(o.mineral),
          [t('common:word.country')]: tr.country(o.country),
          [t('common:word.year')]: o.year,
          [t('trilateral.col.chinaShare')]: tr.pct(o.chinaShare),
          // the overlay's lookThroughChinaShare carries the refined-in view (src/services/netassess.ts)
          [t('trilateral.col.refinedInChina')]: tr.pct(o.lookThroughChinaShare),
          [t('trilateral.col.importHhi')]: o.importHhi === null ? null : tr.num(o.importHhi),
          [t('trilateral.col.vulnerability')]: o.level
            ? t(`common:level.${o.level}`)
            : `${t('trilateral.na')} (${o.levelReason})`,
          [t('trilateral.col.specificCoverage')]: o.specificCoverage,
          [t('trilateral.col.flag')]: o.highVulnerabilityLowCoverage ? t('trilateral.flag') : '',
        })),
      ),
    );
  if (r.gaps.length)
    out.push(`\n## ${t('trilateral.h.dataGaps')}\n`, ...r.gaps.map((g) => `- ${g.what}: ${g.reason}`));
  return `${out.join('\n')}\n`;
}

/** Markdown of the cooperation agenda (also the CLI's --md). */
export function cooperateMarkdown(r: CooperateResult, tr: Translator = EN()): string {
  const { t } = tr;
  const out: string[] = [
    `## ${t('trilateral.h.weights')}\n`,
    mdTable([Object.fromEntries(Object.entries(r.weights).map(([k, v]) => [k, v.toFixed(3)]))]),
  ];
  const ranks = new Map(r.sensitivity.ranks.map((x) => [x.id, x]));
  out.push(`\n## ${t('trilateral.h.opportunities')}\n`);
  out.push(
    mdTable(
      r.options
        .filter((o) => o.kind === 'opportunity')
        .map((o) => {
          const s = ranks.get(o.id);
          return {
            [t('common:word.rank')]: o.rank,
            id: o.id,
            [t('common:word.score')]: o.score.toFixed(3),
            [t('trilateral.col.rankInterval')]: s ? `${s.p5}–${s.p95}` : null,
            [t('trilateral.col.oat')]: s ? `${s.oatMin}–${s.oatMax}` : null,
            [`P(top ${r.sensitivity.topK})`]: s ? s.pTopK.toFixed(2) : null,
            [t('trilateral.col.gapsClosed')]: o.closes.length,
            [t('trilateral.col.blockedBy')]: o.blockedBy.join(', '),
            [t('trilateral.col.measured')]: o.measured
              ? o.measured.value === null
                ? `${t('trilateral.gap')}: ${o.measured.reason}`
                : o.measured.detail
              : '—',
          };
        }),
    ),
  );
  out.push(
    `\n${t('trilateral.sensitivity', {
      factors: r.sensitivity.oat.length
        ? [...new Set(r.sensitivity.oat.map((o) => o.factor))].join('/×')
        : '',
      draws: r.sensitivity.draws,
      seed: r.sensitivity.seed,
    })}\n`,
  );
  out.push(`## ${t('trilateral.h.barriers')}\n`);
  out.push(
    mdTable(
      r.options
        .filter((o) => o.kind === 'barrier')
        .map((o) => ({
          [t('common:word.rank')]: o.rank,
          id: o.id,
          [t('trilateral.col.impact')]: o.score.toFixed(3),
          [t('trilateral.col.blocks')]: o.blocks.join(', '),
          [t('trilateral.col.evidence')]: o.evidence.rationale,
        })),
    ),
  );
  out.push(`\n## ${t('trilateral.h.recommendations')}\n`);
  for (const rec of r.recommendations) {
    out.push(
      `${rec.rank}. **${rec.text}** ${t('trilateral.recommendation', {
        score: rec.score.toFixed(3),
        from: rec.rankInterval[0],
        to: rec.rankInterval[1],
        k: r.sensitivity.topK,
        p: rec.pTopK.toFixed(2),
      })}`,
      ...rec.evidence.gaps.map((g) => `   - ${t('trilateral.gapClosed')}: ${g}`),
      `   - ${t('trilateral.measuredEffect')}: ${rec.evidence.measured}`,
      ...rec.evidence.barriers.map((b) => `   - ${t('trilateral.barrier')}: ${b}`),
      ...rec.evidence.sources.map(
        (s) => `   - ${t('trilateral.sourceItem')}: ${s.publisher}, "${s.title}" (${s.date}) ${s.url}`,
      ),
    );
  }
  if (r.gaps.length)
    out.push(`\n## ${t('trilateral.h.measurementGaps')}\n`, ...r.gaps.map((g) => `- ${g.id}: ${g.reason}`));
  return `${out.join('\n')}\n`;
}

/**
 * The bottom line: Korea's first gaps (by priority), the first lever (the top recommendation with its rank
 * interval), and how many measured high-vulnerability pairs have low policy coverage.
 */
function bottomLine(a: NetAssessResult, agenda: CooperateResult, tr: Translator): string[] {
  const { t } = tr;
  const { gapTitle } = helpers(tr);
  const lines: string[] = [];
  const kor = a.countries.find((c) => c.country === 'KOR');
  if (kor?.gaps.length)
    lines.push(
      t('trilateral.bottom.korGaps', {
        count: kor.gaps.length,
        first: gapTitle(kor.gaps[0]),
        second: kor.gaps[1] ? gapTitle(kor.gaps[1]) : '—',
      }),
    );
  const top = agenda.recommendations[0];
  if (top)
    lines.push(
      t('trilateral.bottom.lever', {
        text: top.text,
        from: top.rankInterval[0],
        to: top.rankInterval[1],
        k: agenda.sensitivity.topK,
        p: tr.pct(top.pTopK, 0),
      }),
    );
  if (a.overlay.available) {
    const flagged = a.overlay.rows.filter((o) => o.highVulnerabilityLowCoverage);
    lines.push(
      flagged.length
        ? t('trilateral.bottom.flagged', {
            count: flagged.length,
            list: tr.list(
              flagged.slice(0, 4).map((o) => `${tr.country(o.country)} · ${tr.mineral(o.mineral)}`),
            ),
          })
        : t('trilateral.bottom.noneFlagged'),
    );
  } else lines.push(t('trilateral.bottom.noOverlay', { reason: a.overlay.reason }));
  return lines;
}

/** The full net assessment briefing, naming the top five gaps for Korea with the evidence for each. */
/** Markdown; HTML and PDF wrap it in src/report/briefs.ts. */
export async function renderTrilateralBrief(db: Db, req: TrilateralBriefRequest = {}): Promise<string> {
  const tr = req.tr ?? EN();
  const { t } = tr;
  const { gapWithEvidence } = helpers(tr);
  const measure = req.measure ?? true;
  const assessment = await netAssess(db, { catalogDir: req.catalogDir, overlay: measure });
  const agenda = await cooperate(db, {
    catalogDir: req.catalogDir,
    cooperationFile: req.cooperationFile,
    measure,
  });
  const kor = assessment.countries.find((c) => c.country === 'KOR');
  const md = [
    `# ${t('trilateral.title')}\n`,
    `${t('trilateral.catalog', {
      entries: Object.entries(assessment.catalog.entries)
        .map(([c, n]) => t('trilateral.entriesOf', { country: tr.country(c), count: n }))
        .join(', '),
    })}\n`,
    bottomLineMarkdown(tr, bottomLine(assessment, agenda, tr)),
    `## ${t('trilateral.h.korTop')}\n`,
    kor ? kor.gaps.slice(0, 5).map(gapWithEvidence).join('\n') : `_${t('trilateral.noKor')}_`,
    '',
    netAssessMarkdown(assessment, {}, tr),
    `# ${t('trilateral.h.agenda')}\n`,
    cooperateMarkdown(agenda, tr),
  ].join('\n');
  return md;
}
