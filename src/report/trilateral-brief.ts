// The trilateral briefing (`minsec brief trilateral`): the net assessment of Korea's, Japan's and the United
// States' supply-chain securitization efforts and the cooperation agenda, assembled from the netassess and
// cooperate services' result objects. Every score names the catalog facts behind it; every gap is shown as a gap.

import type { Gap } from '../analysis/netassessment.ts';
import { MATURITY_RUBRIC } from '../analysis/netassessment.ts';
import { STAGES } from '../catalog/trio.ts';
import { mdTable } from '../cli/output.ts';
import { type CooperateResult, cooperate } from '../services/cooperate.ts';
import { type NetAssessResult, netAssess } from '../services/netassess.ts';
import type { Db } from '../store/db.ts';

export interface TrilateralBriefRequest {
  /** Test hooks: catalog folder and cooperation file. */
  catalogDir?: string;
  cooperationFile?: string;
  /** Whether to ask the other services for the overlay and measured effects (default true). */
  measure?: boolean;
}

const pct = (x: number | null) => (x === null ? '—' : `${(100 * x).toFixed(1)}%`);
const sentence = (s: string) => (/[.!?]$/.test(s) ? s : `${s}.`);
const level = (score: number) => `${score} ${MATURITY_RUBRIC.levels[score].level}`;

const gapTitle = (g: Gap) =>
  g.kind === 'stage'
    ? `${g.stage}: no funded or operating instrument (stage score ${g.own}, benchmark ${g.benchmark}${g.missingInstruments.length ? `; peers run ${g.missingInstruments.join(', ')}` : ''})`
    : `${g.stage} × ${g.instrumentType} (score ${g.own}; ${g.peersAtTarget} peer(s) reach ${g.benchmark})`;

/** One gap with the facts behind it: the country's own entries, the peers' working instruments, their sources. */
function gapWithEvidence(g: Gap, i: number): string {
  const own = g.evidence.own.length
    ? g.evidence.own
        .map((m) => `  - own: **${m.name}** — ${level(m.score)}; ${sentence(m.basis)} Source: ${m.source}`)
        .join('\n')
    : `  - own: no ${g.country} catalog entry covers this ${g.kind === 'stage' ? 'stage' : 'cell'}`;
  const peers = g.evidence.peers
    .map(
      (m) => `  - ${m.country}: **${m.name}** — ${level(m.score)}; ${sentence(m.basis)} Source: ${m.source}`,
    )
    .join('\n');
  const vuln =
    g.vulnerabilityWeight === null
      ? 'vulnerability weight: not available (overlay gap)'
      : `vulnerability weight ${g.vulnerabilityWeight.toFixed(2)}`;
  return `${i + 1}. **${gapTitle(g)}** — severity ${g.severity}, priority ${g.priority.toFixed(2)} (${vuln})\n${own}\n${peers}`;
}

/** Markdown of the net assessment result (also the CLI's --md). */
export function netAssessMarkdown(r: NetAssessResult, opts: { gapsPerCountry?: number } = {}): string {
  const n = opts.gapsPerCountry ?? 5;
  const out: string[] = ['## Maturity rubric\n', mdTable(MATURITY_RUBRIC.levels.map((l) => ({ ...l }))), ''];
  out.push(`- ${MATURITY_RUBRIC.entryRule}\n- ${MATURITY_RUBRIC.cellRule}\n- ${MATURITY_RUBRIC.stageRule}\n`);
  out.push(...MATURITY_RUBRIC.gapRules.map((g) => `- ${g}`), '');
  out.push('## Coverage by stage (best delivery instrument; governance = plans and bodies)\n');
  out.push(
    mdTable(
      STAGES.map((stage) => ({
        stage,
        ...Object.fromEntries(
          r.countries.flatMap((c) => [
            [c.country, level(c.stageScores[stage])],
            [`${c.country} governance`, c.governance[stage]],
          ]),
        ),
      })),
    ),
  );
  for (const c of r.countries) {
    out.push(`\n## ${c.country}: ${c.entries} catalog entries, ${c.gaps.length} gaps\n`);
    const covered = c.cells.filter((x) => x.score > 0);
    out.push(
      mdTable(
        covered.map((x) => ({
          stage: x.stage,
          instrument: x.instrumentType,
          score: x.score,
          entries: x.entries.join(', '),
        })),
      ),
    );
    out.push(`\nTop ${Math.min(n, c.gaps.length)} gaps:\n`);
    out.push(c.gaps.slice(0, n).map(gapWithEvidence).join('\n'));
  }
  out.push('\n## Complementarities (one country ≥ 3 where another ≤ 1)\n');
  out.push(
    mdTable(
      r.complementarities.slice(0, 15).map((x) => ({
        cell: `${x.stage} × ${x.instrumentType}`,
        leader: `${x.leader} (${x.leaderScore})`,
        laggard: `${x.laggard} (${x.laggardScore})`,
        model: x.leaderEntries.map((m) => m.name).join('; '),
      })),
    ),
  );
  if (r.complementarities.length > 15)
    out.push(`\n_${r.complementarities.length - 15} more in the JSON output._`);
  out.push('\n## Coverage over measured vulnerability\n');
  if (!r.overlay.available) out.push(`**Gap:** the overlay is not available — ${r.overlay.reason}.`);
  else
    out.push(
      mdTable(
        r.overlay.rows.map((o) => ({
          mineral: o.mineral,
          country: o.country,
          year: o.year,
          'China share': pct(o.chinaShare),
          'look-through China': pct(o.lookThroughChinaShare),
          'import HHI': o.importHhi === null ? null : Math.round(o.importHhi),
          vulnerability: o.level ?? `n/a (${o.levelReason})`,
          'mineral-specific coverage': o.specificCoverage,
          flag: o.highVulnerabilityLowCoverage ? 'HIGH VULNERABILITY / LOW COVERAGE' : '',
        })),
      ),
    );
  if (r.gaps.length) out.push('\n## Data gaps\n', ...r.gaps.map((g) => `- ${g.what}: ${g.reason}`));
  return `${out.join('\n')}\n`;
}

/** Markdown of the cooperation agenda (also the CLI's --md). */
export function cooperateMarkdown(r: CooperateResult): string {
  const out: string[] = [
    '## Criteria weights\n',
    mdTable([Object.fromEntries(Object.entries(r.weights).map(([k, v]) => [k, v.toFixed(3)]))]),
  ];
  const ranks = new Map(r.sensitivity.ranks.map((x) => [x.id, x]));
  out.push('\n## Opportunities\n');
  out.push(
    mdTable(
      r.options
        .filter((o) => o.kind === 'opportunity')
        .map((o) => {
          const s = ranks.get(o.id);
          return {
            rank: o.rank,
            id: o.id,
            score: o.score.toFixed(3),
            'rank p5–p95': s ? `${s.p5}–${s.p95}` : null,
            'OAT ±50% ranks': s ? `${s.oatMin}–${s.oatMax}` : null,
            [`P(top ${r.sensitivity.topK})`]: s ? s.pTopK.toFixed(2) : null,
            'gaps closed': o.closes.length,
            'blocked by': o.blockedBy.join(', '),
            measured: o.measured
              ? o.measured.value === null
                ? `gap: ${o.measured.reason}`
                : o.measured.detail
              : '—',
          };
        }),
    ),
  );
  out.push(
    `\nSensitivity: one-at-a-time ×${r.sensitivity.oat.length ? [...new Set(r.sensitivity.oat.map((o) => o.factor))].join('/×') : ''} on each weight, and ${r.sensitivity.draws} Dirichlet weight draws (seed ${r.sensitivity.seed}).\n`,
  );
  out.push('## Barriers\n');
  out.push(
    mdTable(
      r.options
        .filter((o) => o.kind === 'barrier')
        .map((o) => ({
          rank: o.rank,
          id: o.id,
          impact: o.score.toFixed(3),
          blocks: o.blocks.join(', '),
          evidence: o.evidence.rationale,
        })),
    ),
  );
  out.push('\n## Recommendations\n');
  for (const rec of r.recommendations) {
    out.push(
      `${rec.rank}. **${rec.text}** Score ${rec.score.toFixed(3)}, rank interval ${rec.rankInterval[0]}–${rec.rankInterval[1]}, P(top ${r.sensitivity.topK}) ${rec.pTopK.toFixed(2)}.`,
      ...rec.evidence.gaps.map((g) => `   - gap closed: ${g}`),
      `   - measured effect: ${rec.evidence.measured}`,
      ...rec.evidence.barriers.map((b) => `   - barrier: ${b}`),
      ...rec.evidence.sources.map((s) => `   - source: ${s.publisher}, "${s.title}" (${s.date}) ${s.url}`),
    );
  }
  if (r.gaps.length) out.push('\n## Measurement gaps\n', ...r.gaps.map((g) => `- ${g.id}: ${g.reason}`));
  return `${out.join('\n')}\n`;
}

/** The full net assessment briefing, naming the top five gaps for Korea with the evidence for each. */
/** Markdown; HTML and PDF wrap it in src/report/briefs.ts. */
export async function renderTrilateralBrief(db: Db, req: TrilateralBriefRequest = {}): Promise<string> {
  const measure = req.measure ?? true;
  const assessment = await netAssess(db, { catalogDir: req.catalogDir, overlay: measure });
  const agenda = await cooperate(db, {
    catalogDir: req.catalogDir,
    cooperationFile: req.cooperationFile,
    measure,
  });
  const kor = assessment.countries.find((c) => c.country === 'KOR');
  const title = 'Trilateral critical-minerals net assessment: South Korea, Japan, United States';
  const md = [
    `# ${title}\n`,
    `Catalog: ${Object.entries(assessment.catalog.entries)
      .map(([c, n]) => `${c} ${n} entries`)
      .join(', ')}; every score is derived from dated, cited status facts (rubric below).\n`,
    '## Top five gaps for South Korea\n',
    kor ? kor.gaps.slice(0, 5).map(gapWithEvidence).join('\n') : '_Korea not in the assessment._',
    '',
    netAssessMarkdown(assessment),
    '# Cooperation agenda\n',
    cooperateMarkdown(agenda),
  ].join('\n');
  return md;
}
