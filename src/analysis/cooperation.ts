// Trilateral cooperation agenda: multi-criteria scores for opportunities (and the impact of barriers), computed
// from the net assessment's gaps, measured effects where the data gives them, and the barriers that block each
// opportunity; then a sensitivity analysis of the ranking and recommendations generated from the scores.
// Method: weighted linear aggregation of criteria normalised to 0..1 with weights renormalised over available
// criteria, one-at-a-time ±50% weight perturbations and Dirichlet weight draws around the chosen weights for rank
// stability (OECD/JRC, Handbook on Constructing Composite Indicators, 2008, §6–7; DESIGN.md composite index).
// Pure and seeded. Cost: O(draws × options × criteria) for the sensitivity analysis.

import type { Barrier, CooperationOption, Measure, Opportunity } from '../catalog/cooperation.ts';
import type { InstrumentType, Source, Stage } from '../catalog/trio.ts';
import type { TrioCountry } from '../model/countries.ts';
import type { Gap, NetAssessment } from './netassessment.ts';
import { percentile } from './percentile.ts';
import { dirichlet, seededUniform } from './random.ts';

/** Criteria weights (sum 1). One constant; overridable per call. */
export const COOPERATION_WEIGHTS = {
  /** How much gap severity across the trio the opportunity would close (normalised by the largest). */
  gapClosure: 0.35,
  /** Share of its cells where some trio member already operates a funded instrument to pool or copy. */
  readiness: 0.2,
  /** Share of the three countries with at least one gap it closes. */
  breadth: 0.15,
  /** Measured effect (swap days gained, share of imports hidden in shared codes), normalised; dropped when absent. */
  measuredEffect: 0.15,
  /** 1 − (sum of blocking barriers' severity) / 9, i.e. relative to three high-severity barriers. */
  barrierFreedom: 0.15,
} as const;
export type Criterion = keyof typeof COOPERATION_WEIGHTS;
const CRITERIA = Object.keys(COOPERATION_WEIGHTS) as Criterion[];

export const SENSITIVITY_DEFAULTS = {
  /** One-at-a-time factors applied to each weight before renormalising. */
  oatFactors: [0.5, 1.5],
  draws: 2000,
  seed: 20240627,
  /** Dirichlet concentration: α = concentration × weights (larger = draws closer to the chosen weights). */
  concentration: 20,
  /** Swap days that count as a full measured effect (one quarter of supply). */
  fullEffectSwapDays: 90,
  /** Top-k whose membership probability is reported. */
  topK: 3,
} as const;

export interface SensitivityOptions {
  oatFactors?: readonly number[];
  draws?: number;
  seed?: number;
  concentration?: number;
  topK?: number;
}

export interface MeasuredEffect {
  measure: Measure;
  /** Raw measured value (days, share 0..1, or rank); null when not measured. */
  value: number | null;
  unit: string;
  /** The value on 0..1 for scoring; null when the measure is not a scored quantity (e.g. ranks) or missing. */
  normalized: number | null;
  detail: string;
  source: string;
  /** Why the value is missing, when it is. */
  reason?: string;
}

export interface ClosedGap {
  country: TrioCountry;
  stage: Stage;
  instrumentType: InstrumentType;
  gapKind: Gap['kind'];
  own: number;
  severity: number;
}

export interface ScoredOption {
  id: string;
  kind: 'opportunity' | 'barrier';
  name: string;
  score: number;
  rank: number;
  criteria: Partial<Record<Criterion, number | null>>;
  closes: ClosedGap[];
  blockedBy: string[];
  /** For barriers: the opportunities they block. */
  blocks: string[];
  measured: MeasuredEffect | null;
  evidence: { sources: Source[]; rationale: string };
}

export interface Sensitivity {
  weights: Record<Criterion, number>;
  oat: { criterion: Criterion; factor: number; ranking: string[] }[];
  ranks: {
    id: string;
    baseRank: number;
    oatMin: number;
    oatMax: number;
    p5: number;
    p95: number;
    pTopK: number;
  }[];
  draws: number;
  seed: number;
  topK: number;
}

export interface Recommendation {
  rank: number;
  id: string;
  text: string;
  score: number;
  rankInterval: [number, number];
  pTopK: number;
  evidence: {
    gaps: string[];
    measured: string;
    barriers: string[];
    sources: Source[];
  };
}

export interface CooperationResult {
  weights: Record<Criterion, number>;
  options: ScoredOption[];
  sensitivity: Sensitivity;
  recommendations: Recommendation[];
  gaps: { id: string; reason: string }[];
}

/** The gap severity a country has in a cell: its cell gap, else its stage gap, else 0. */
function closedGaps(opp: Opportunity, assessment: NetAssessment): ClosedGap[] {
  const out: ClosedGap[] = [];
  for (const c of assessment.countries) {
    const countedStages = new Set<Stage>();
    for (const cell of opp.closes) {
      const cellGap = c.gaps.find(
        (g) => g.kind === 'cell' && g.stage === cell.stage && g.instrumentType === cell.instrumentType,
      );
      const stageGap = countedStages.has(cell.stage)
        ? undefined
        : c.gaps.find((g) => g.kind === 'stage' && g.stage === cell.stage);
      const gap = cellGap ?? stageGap;
      if (!gap) continue;
      if (gap.kind === 'stage') countedStages.add(cell.stage);
      out.push({
        country: c.country,
        stage: cell.stage,
        instrumentType: cell.instrumentType,
        gapKind: gap.kind,
        own:
          c.cells.find((x) => x.stage === cell.stage && x.instrumentType === cell.instrumentType)?.score ?? 0,
        severity: gap.severity,
      });
    }
  }
  return out;
}

function readiness(opp: Opportunity, assessment: NetAssessment): number {
  const ready = opp.closes.filter((cell) =>
    assessment.countries.some((c) =>
      c.cells.some(
        (x) => x.stage === cell.stage && x.instrumentType === cell.instrumentType && (x.score ?? 0) >= 3,
      ),
    ),
  );
  return ready.length / opp.closes.length;
}

/** Weighted score over the criteria that are present, weights renormalised over them. */
export function aggregate(
  criteria: Partial<Record<Criterion, number | null>>,
  weights: Record<Criterion, number>,
): number {
  let num = 0;
  let den = 0;
  for (const k of CRITERIA) {
    const v = criteria[k];
    if (v === null || v === undefined) continue;
    num += weights[k] * v;
    den += weights[k];
  }
  return den > 0 ? num / den : 0;
}

const normalise = (w: Record<Criterion, number>) => {
  const sum = CRITERIA.reduce((s, k) => s + w[k], 0);
  return Object.fromEntries(CRITERIA.map((k) => [k, w[k] / sum])) as Record<Criterion, number>;
};

/** Ranking (ids, best first) of options under given weights; ties broken by id for determinism. */
function rankingOf(
  rows: { id: string; criteria: Partial<Record<Criterion, number | null>> }[],
  w: Record<Criterion, number>,
) {
  return rows
    .map((r) => ({ id: r.id, s: aggregate(r.criteria, w) }))
    .sort((a, b) => b.s - a.s || a.id.localeCompare(b.id))
    .map((r) => r.id);
}

/** One-at-a-time and Dirichlet rank stability of the opportunities. */
export function sensitivity(
  rows: { id: string; criteria: Partial<Record<Criterion, number | null>> }[],
  weights: Record<Criterion, number>,
  opts: SensitivityOptions = {},
): Sensitivity {
  const o = { ...SENSITIVITY_DEFAULTS, ...opts };
  const base = rankingOf(rows, weights);
  const oat = CRITERIA.flatMap((criterion) =>
    o.oatFactors.map((factor) => ({
      criterion,
      factor,
      ranking: rankingOf(rows, normalise({ ...weights, [criterion]: weights[criterion] * factor })),
    })),
  );
  const u = seededUniform(o.seed);
  const alpha = CRITERIA.map((k) => o.concentration * weights[k]);
  const drawnRanks = new Map(rows.map((r) => [r.id, [] as number[]]));
  for (let d = 0; d < o.draws; d++) {
    const w = dirichlet(alpha, u);
    const rec = Object.fromEntries(CRITERIA.map((k, i) => [k, w[i]])) as Record<Criterion, number>;
    for (const [i, id] of rankingOf(rows, rec).entries()) drawnRanks.get(id)?.push(i + 1);
  }
  const ranks = rows.map((r) => {
    const oatRanks = oat.map((x) => x.ranking.indexOf(r.id) + 1);
    const drawn = (drawnRanks.get(r.id) ?? []).sort((a, b) => a - b);
    return {
      id: r.id,
      baseRank: base.indexOf(r.id) + 1,
      oatMin: Math.min(...oatRanks),
      oatMax: Math.max(...oatRanks),
      // Nearest-rank 5th–95th percentile of the drawn ranks (./percentile.ts, the product's one definition).
      p5: percentile(drawn, 0.05) ?? base.indexOf(r.id) + 1,
      p95: percentile(drawn, 0.95) ?? base.indexOf(r.id) + 1,
      pTopK: drawn.length
        ? drawn.filter((x) => x <= o.topK).length / drawn.length
        : Number(base.indexOf(r.id) < o.topK),
    };
  });
  return { weights, oat, ranks, draws: o.draws, seed: o.seed, topK: o.topK };
}

export interface CooperationOptions {
  weights?: Partial<Record<Criterion, number>>;
  sensitivity?: SensitivityOptions;
  /** How many recommendations to generate (best-scoring opportunities). */
  recommendations?: number;
}

const describeGap = (g: ClosedGap) =>
  `${g.country} ${g.stage} × ${g.instrumentType} (score ${g.own}, ${g.gapKind} gap, severity ${g.severity})`;

const describeMeasured = (m: MeasuredEffect | null) =>
  !m
    ? 'no measured effect defined for this option'
    : m.value === null
      ? `not measured: ${m.reason ?? 'unavailable'}`
      : `${m.detail} (${m.source})`;

/** Scores opportunities and barriers, tests rank stability and writes recommendations. */
export function cooperationAgenda(
  options: readonly CooperationOption[],
  assessment: NetAssessment,
  measured: ReadonlyMap<string, MeasuredEffect>,
  opts: CooperationOptions = {},
): CooperationResult {
  const weights = normalise({ ...COOPERATION_WEIGHTS, ...opts.weights });
  const opps = options.filter((o): o is Opportunity => o.kind === 'opportunity');
  const barriers = new Map(options.filter((o): o is Barrier => o.kind === 'barrier').map((b) => [b.id, b]));
  const closes = new Map(opps.map((o) => [o.id, closedGaps(o, assessment)]));
  const rawClosure = new Map(
    opps.map((o) => [o.id, (closes.get(o.id) ?? []).reduce((s, g) => s + g.severity, 0)]),
  );
  const maxClosure = Math.max(0, ...rawClosure.values());
  const gaps: CooperationResult['gaps'] = [];
  const rows = opps.map((o) => {
    const m = o.measure ? (measured.get(o.id) ?? null) : null;
    if (o.measure && (!m || m.value === null))
      gaps.push({
        id: o.id,
        reason: `measured effect "${o.measure}" unavailable: ${m?.reason ?? 'not supplied'}`,
      });
    const severity = o.blockedBy.reduce((s, b) => s + (barriers.get(b)?.severity ?? 0), 0);
    const closed = closes.get(o.id) ?? [];
    const criteria: Partial<Record<Criterion, number | null>> = {
      gapClosure: maxClosure > 0 ? (rawClosure.get(o.id) ?? 0) / maxClosure : 0,
      readiness: readiness(o, assessment),
      breadth: new Set(closed.map((g) => g.country)).size / 3,
      measuredEffect: m?.normalized ?? null,
      barrierFreedom: Math.max(0, 1 - severity / 9),
    };
    return { o, m, criteria, closed };
  });
  const sens = sensitivity(
    rows.map((r) => ({ id: r.o.id, criteria: r.criteria })),
    weights,
    opts.sensitivity,
  );
  const rankOf = new Map(sens.ranks.map((r) => [r.id, r]));
  const oppScored: ScoredOption[] = rows.map(({ o, m, criteria, closed }) => ({
    id: o.id,
    kind: 'opportunity',
    name: o.name,
    score: aggregate(criteria, weights),
    rank: rankOf.get(o.id)?.baseRank ?? 0,
    criteria,
    closes: closed,
    blockedBy: o.blockedBy,
    blocks: [],
    measured: m,
    evidence: { sources: o.sources, rationale: o.description },
  }));
  // A barrier's score: severity/3 × the share of total opportunity score it blocks.
  const totalOppScore = oppScored.reduce((s, x) => s + x.score, 0);
  const barrierScored: ScoredOption[] = [...barriers.values()].map((b) => {
    const blocks = oppScored.filter((x) => x.blockedBy.includes(b.id));
    const blocked = blocks.reduce((s, x) => s + x.score, 0);
    return {
      id: b.id,
      kind: 'barrier',
      name: b.name,
      score: totalOppScore > 0 ? (b.severity / 3) * (blocked / totalOppScore) : 0,
      rank: 0,
      criteria: {},
      closes: [],
      blockedBy: [],
      blocks: blocks.map((x) => x.id),
      measured: null,
      evidence: {
        sources: b.sources,
        rationale: `${b.description} Severity ${b.severity}/3: ${b.severityRationale}`,
      },
    };
  });
  barrierScored
    .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id))
    .forEach((b, i) => {
      b.rank = i + 1;
    });
  oppScored.sort((a, b) => a.rank - b.rank);
  const recommendations: Recommendation[] = oppScored.slice(0, opts.recommendations ?? 5).map((x) => {
    const r = rankOf.get(x.id);
    const blockers = x.blockedBy.map((b) => barriers.get(b)).filter((b): b is Barrier => !!b);
    const countries = [...new Set(x.closes.map((g) => g.country))];
    return {
      rank: x.rank,
      id: x.id,
      score: x.score,
      rankInterval: [r?.p5 ?? x.rank, r?.p95 ?? x.rank],
      pTopK: r?.pTopK ?? 0,
      text:
        `${x.name}: closes ${x.closes.length} gap(s) for ${countries.join(', ') || 'no trio country'}` +
        `${blockers.length ? `; barriers to manage: ${blockers.map((b) => b.name).join('; ')}` : ''}.`,
      evidence: {
        gaps: x.closes.map(describeGap),
        measured: describeMeasured(x.measured),
        barriers: blockers.map((b) => `${b.name} (severity ${b.severity}/3): ${b.severityRationale}`),
        sources: x.evidence.sources,
      },
    };
  });
  return { weights, options: [...oppScored, ...barrierScored], sensitivity: sens, recommendations, gaps };
}
