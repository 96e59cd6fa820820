// Supply-chain net assessment of the trio's securitization efforts (issue 6): a coverage matrix country × stage ×
// instrument type scored on a 0–4 maturity rubric derived from the catalog's dated status facts, gaps per country,
// complementarities between countries, and an overlay of coverage on each mineral's measured vulnerability.
// The rubric follows the "net assessment" practice of comparing stated aims with implemented, resourced and
// result-bearing measures (A. W. Marshall, "Long-Term Competition with the Soviets: A Framework for Strategic
// Analysis", RAND R-862-PR, 1972); the levels mirror the announced/legislated/funded/in-force stages the IEA
// Critical Minerals Policy Explorer records for policies. Thresholds for
// concentration follow the U.S. DOJ/FTC Merger Guidelines 2023 §2.1 (HHI > 1,800 = highly concentrated).
// Pure: entries and vulnerability numbers come in, a result object goes out. Cost O(entries × stages × types).

import {
  INSTRUMENT_TYPES,
  type InstrumentType,
  STAGES,
  type Stage,
  type TrioEntry,
} from '../catalog/trio.ts';
import type { TrioCountry } from '../model/countries.ts';

/** The maturity rubric: the one place scores are defined. Never typed into the catalog. */
export const MATURITY_RUBRIC = {
  levels: [
    { score: 0, level: 'absent', requires: 'no entry covers the cell, or every covering entry has ended' },
    {
      score: 1,
      level: 'announced',
      requires: 'status.announced.date (a dated announcement, plan or strategy)',
    },
    {
      score: 2,
      level: 'legislated',
      requires: 'status.legislated.ref (a law, regulation, treaty or charter)',
    },
    {
      score: 3,
      level: 'funded',
      requires: 'status.funded amount + currency + year (money appropriated or committed)',
    },
    {
      score: 4,
      level: 'operating-with-results',
      requires: 'status.operating.evidence + asOf (results observed: stock held, deals closed, awards made)',
    },
  ],
  entryRule: 'an entry scores the highest level whose fact it carries; an entry with status.ended scores 0',
  cellRule: 'a cell (country × stage × instrument type) scores the maximum over the entries covering it',
  stageRule:
    'a stage scores the maximum over its cells, excluding "coordination" (plans and bodies are governance, not delivery)',
  stageTarget: 3,
  gapRules: [
    'stage gap: the stage scores below the target (3, funded) — no funded or operating instrument at that stage',
    'cell gap: the country scores ≤ 1 in a cell where a trio peer scores ≥ 3 — a peer shows it can be done; in a stage that is already a stage gap, such cells are folded into the stage gap (missingInstruments)',
  ],
} as const;

export type MaturityLevel = (typeof MATURITY_RUBRIC.levels)[number]['level'];
const LEVEL_OF = MATURITY_RUBRIC.levels.map((l) => l.level);
const COMPLEMENT_LEADER = 3;
const COMPLEMENT_LAGGARD = 1;

export interface EntryMaturity {
  id: string;
  name: string;
  country: TrioCountry;
  score: number;
  level: MaturityLevel;
  /** The fact the score rests on, in words, with its source. */
  basis: string;
  source: string;
}

const fmtAmount = (n: number) => n.toLocaleString('en-US');

/** The rubric applied to one entry. */
export function entryMaturity(e: TrioEntry): EntryMaturity {
  const s = e.status;
  const source = `${e.source.publisher}, "${e.source.title}" (${e.source.date}) ${e.source.url}`;
  const at = (score: number, basis: string): EntryMaturity => ({
    id: e.id,
    name: e.name,
    country: e.country,
    score,
    level: LEVEL_OF[score],
    basis,
    source,
  });
  if (s.ended) return at(0, `ended ${s.ended.date}: ${s.ended.ref}`);
  if (s.operating) return at(4, `operating (as of ${s.operating.asOf}): ${s.operating.evidence}`);
  if (s.funded)
    return at(
      3,
      `funded ${fmtAmount(s.funded.amount)} ${s.funded.currency} (${s.funded.year})${s.funded.note ? `: ${s.funded.note}` : ''}`,
    );
  if (s.legislated) return at(2, `legislated ${s.legislated.date}: ${s.legislated.ref}`);
  if (s.announced)
    return at(1, `announced ${s.announced.date}${s.announced.note ? `: ${s.announced.note}` : ''}`);
  return at(0, 'no status fact');
}

export interface Cell {
  stage: Stage;
  instrumentType: InstrumentType;
  score: number;
  /** Ids of the entries covering the cell (ended ones included, they score 0). */
  entries: string[];
}

export interface GapEvidence {
  own: EntryMaturity[];
  peers: EntryMaturity[];
}

export interface Gap {
  country: TrioCountry;
  kind: 'stage' | 'cell';
  stage: Stage;
  instrumentType: InstrumentType | null;
  own: number;
  /** Best peer score (cell gaps) or max(target, best peer stage score) (stage gaps). */
  benchmark: number;
  severity: number;
  /** Share of the country's measured minerals at high vulnerability, for exposed stages; null without overlay. */
  vulnerabilityWeight: number | null;
  /** severity × (1 + vulnerabilityWeight); ties broken by how many peers show the instrument working. */
  priority: number;
  peersAtTarget: number;
  /** Stage gaps: the instrument types of the stage that some peer runs at ≥ 3 (folded in, not listed again). */
  missingInstruments: InstrumentType[];
  evidence: GapEvidence;
  summary: string;
}

export interface CountryCoverage {
  country: TrioCountry;
  entries: number;
  cells: Cell[];
  stageScores: Record<Stage, number>;
  governance: Record<Stage, number>;
  gaps: Gap[];
}

export interface Complementarity {
  stage: Stage;
  instrumentType: InstrumentType;
  leader: TrioCountry;
  leaderScore: number;
  leaderEntries: EntryMaturity[];
  laggard: TrioCountry;
  laggardScore: number;
  text: string;
}

/** Measured vulnerability of one country for one mineral, as the vulnerability assessment reports it. */
export interface VulnerabilityInput {
  mineral: string;
  country: TrioCountry;
  year: number | null;
  /** Direct China share of the country's imports, 0..1. */
  chinaShare: number | null;
  /** Look-through China share (through intermediaries), 0..1. */
  lookThroughChinaShare: number | null;
  /** Import HHI on 0–10,000. */
  importHhi: number | null;
  source: string;
}

export const VULNERABILITY_THRESHOLDS = {
  /** A majority of supply from one origin. */
  highChinaShare: 0.5,
  moderateChinaShare: 0.25,
  /** DOJ/FTC Merger Guidelines 2023 §2.1: HHI above 1,800 is highly concentrated. */
  highHhi: 1800,
  /** A mineral is "low coverage" when no entry naming it scores above this. */
  lowCoverage: 1,
  /**
   * Stages whose gaps weigh more when the country's minerals are highly vulnerable: where supply is sourced,
   * buffered or substituted, and the defense industrial base that consumes the same minerals (issue 3, DIB view).
   */
  exposedStages: ['mining', 'processing', 'recycling', 'stockpiling', 'trade-diplomacy', 'dib'] as Stage[],
} as const;

export interface OverlayRow {
  mineral: string;
  country: TrioCountry;
  year: number | null;
  chinaShare: number | null;
  lookThroughChinaShare: number | null;
  importHhi: number | null;
  level: 'high' | 'moderate' | 'low' | null;
  levelReason: string;
  /** Best maturity among the country's entries that name this mineral. */
  specificCoverage: number;
  specificEntries: string[];
  stockpilingScore: number;
  processingScore: number;
  highVulnerabilityLowCoverage: boolean;
  source: string;
}

export interface Overlay {
  available: boolean;
  reason: string | null;
  thresholds: typeof VULNERABILITY_THRESHOLDS;
  rows: OverlayRow[];
  gaps: { mineral: string; country: string; reason: string }[];
}

export interface NetAssessment {
  rubric: typeof MATURITY_RUBRIC;
  instrumentTypes: typeof INSTRUMENT_TYPES;
  countries: CountryCoverage[];
  complementarities: Complementarity[];
  overlay: Overlay;
}

const TYPES = Object.keys(INSTRUMENT_TYPES) as InstrumentType[];
const key = (stage: string, type: string) => `${stage}|${type}`;

/** Cells for one country: every stage × instrument type, scored from the entries covering it. */
export function coverageCells(entries: readonly TrioEntry[], country: TrioCountry): Cell[] {
  const byCell = new Map<string, { score: number; entries: string[] }>();
  for (const e of entries) {
    if (e.country !== country) continue;
    const { score } = entryMaturity(e);
    for (const stage of e.stages)
      for (const type of e.instrumentTypes) {
        const c = byCell.get(key(stage, type)) ?? { score: 0, entries: [] };
        c.score = Math.max(c.score, score);
        c.entries.push(e.id);
        byCell.set(key(stage, type), c);
      }
  }
  return STAGES.flatMap((stage) =>
    TYPES.map((instrumentType) => {
      const c = byCell.get(key(stage, instrumentType));
      return { stage, instrumentType, score: c?.score ?? 0, entries: c?.entries ?? [] };
    }),
  );
}

const stageMax = (cells: Cell[], stage: Stage, pick: (t: InstrumentType) => boolean) =>
  Math.max(0, ...cells.filter((c) => c.stage === stage && pick(c.instrumentType)).map((c) => c.score));

/** Vulnerability level from the measured numbers; null when none is measured. */
export function vulnerabilityLevel(
  v: Pick<VulnerabilityInput, 'chinaShare' | 'lookThroughChinaShare' | 'importHhi'>,
): {
  level: OverlayRow['level'];
  reason: string;
} {
  const t = VULNERABILITY_THRESHOLDS;
  const shares = [v.chinaShare, v.lookThroughChinaShare].filter((x): x is number => x !== null);
  if (!shares.length && v.importHhi === null)
    return { level: null, reason: 'insufficient_data: no China share or HHI measured' };
  const china = shares.length ? Math.max(...shares) : null;
  if (china !== null && china >= t.highChinaShare)
    return { level: 'high', reason: `China share ${china.toFixed(2)} ≥ ${t.highChinaShare}` };
  if (v.importHhi !== null && v.importHhi > t.highHhi)
    return { level: 'high', reason: `import HHI ${Math.round(v.importHhi)} > ${t.highHhi}` };
  if (china !== null && china >= t.moderateChinaShare)
    return { level: 'moderate', reason: `China share ${china.toFixed(2)} ≥ ${t.moderateChinaShare}` };
  return { level: 'low', reason: 'below the moderate thresholds' };
}

/** Coverage laid over measured vulnerability, mineral by mineral. */
export function overlayCoverage(
  entries: readonly TrioEntry[],
  vulnerabilities: readonly VulnerabilityInput[] | null,
  stageScores: Map<TrioCountry, Record<Stage, number>>,
  unavailableReason: string | null = null,
): Overlay {
  const thresholds = VULNERABILITY_THRESHOLDS;
  if (!vulnerabilities)
    return {
      available: false,
      reason: unavailableReason ?? 'no vulnerability input',
      thresholds,
      rows: [],
      gaps: [],
    };
  const rows: OverlayRow[] = [];
  const gaps: Overlay['gaps'] = [];
  for (const v of vulnerabilities) {
    const { level, reason } = vulnerabilityLevel(v);
    if (level === null) gaps.push({ mineral: v.mineral, country: v.country, reason });
    const naming = entries.filter((e) => e.country === v.country && e.minerals?.includes(v.mineral));
    const scored = naming.map(entryMaturity);
    const specificCoverage = Math.max(0, ...scored.map((m) => m.score));
    const stages = stageScores.get(v.country);
    rows.push({
      mineral: v.mineral,
      country: v.country,
      year: v.year,
      chinaShare: v.chinaShare,
      lookThroughChinaShare: v.lookThroughChinaShare,
      importHhi: v.importHhi,
      level,
      levelReason: reason,
      specificCoverage,
      specificEntries: naming.map((e) => e.id),
      stockpilingScore: stages?.stockpiling ?? 0,
      processingScore: stages?.processing ?? 0,
      highVulnerabilityLowCoverage: level === 'high' && specificCoverage <= thresholds.lowCoverage,
      source: v.source,
    });
  }
  rows.sort(
    (a, b) =>
      Number(b.highVulnerabilityLowCoverage) - Number(a.highVulnerabilityLowCoverage) ||
      (b.lookThroughChinaShare ?? b.chinaShare ?? -1) - (a.lookThroughChinaShare ?? a.chinaShare ?? -1),
  );
  return { available: true, reason: null, thresholds, rows, gaps };
}

const refsFor = (entries: readonly TrioEntry[], ids: readonly string[]) =>
  entries.filter((e) => ids.includes(e.id)).map(entryMaturity);

/** Gaps of one country against the rubric target and against its peers. */
function gapsFor(
  country: TrioCountry,
  all: readonly TrioEntry[],
  cells: Map<TrioCountry, Cell[]>,
  stageScores: Map<TrioCountry, Record<Stage, number>>,
  vulnerabilityWeight: number | null,
): Gap[] {
  const peers = [...cells.keys()].filter((c) => c !== country);
  const own = cells.get(country) ?? [];
  const gaps: Gap[] = [];
  const weightFor = (stage: Stage) =>
    vulnerabilityWeight === null
      ? null
      : VULNERABILITY_THRESHOLDS.exposedStages.includes(stage)
        ? vulnerabilityWeight
        : 0;
  const push = (g: Omit<Gap, 'priority' | 'vulnerabilityWeight'>) => {
    const w = weightFor(g.stage);
    gaps.push({ ...g, vulnerabilityWeight: w, priority: g.severity * (1 + (w ?? 0)) });
  };
  for (const stage of STAGES) {
    const score = stageScores.get(country)?.[stage] ?? 0;
    if (score >= MATURITY_RUBRIC.stageTarget) continue;
    const peerBest = Math.max(0, ...peers.map((p) => stageScores.get(p)?.[stage] ?? 0));
    const peerCells = peers.flatMap((p) =>
      (cells.get(p) ?? []).filter(
        (c) => c.stage === stage && c.instrumentType !== 'coordination' && c.score >= 3,
      ),
    );
    const peerIds = [...new Set(peerCells.flatMap((c) => c.entries))];
    const ownIds = [...new Set(own.filter((c) => c.stage === stage).flatMap((c) => c.entries))];
    const missingInstruments = TYPES.filter(
      (t) =>
        (own.find((c) => c.stage === stage && c.instrumentType === t)?.score ?? 0) <= COMPLEMENT_LAGGARD &&
        peerCells.some((c) => c.instrumentType === t),
    );
    const benchmark = Math.max(MATURITY_RUBRIC.stageTarget, peerBest);
    push({
      country,
      kind: 'stage',
      stage,
      instrumentType: null,
      own: score,
      benchmark,
      severity: benchmark - score,
      peersAtTarget: peers.filter((p) => (stageScores.get(p)?.[stage] ?? 0) >= MATURITY_RUBRIC.stageTarget)
        .length,
      missingInstruments,
      evidence: {
        own: refsFor(all, ownIds),
        peers: refsFor(all, peerIds).filter((m) => m.score >= 3),
      },
      summary: `${country} has no funded or operating instrument for ${stage} (best score ${score}); peers reach ${peerBest}${missingInstruments.length ? ` with ${missingInstruments.join(', ')}` : ''}`,
    });
  }
  const stageGaps = new Set(gaps.map((g) => g.stage));
  for (const cell of own) {
    if (
      cell.score > COMPLEMENT_LAGGARD ||
      cell.instrumentType === 'coordination' ||
      stageGaps.has(cell.stage)
    )
      continue;
    const peerCells = peers
      .map((p) =>
        (cells.get(p) ?? []).find((c) => c.stage === cell.stage && c.instrumentType === cell.instrumentType),
      )
      .filter((c): c is Cell => !!c && c.score >= COMPLEMENT_LEADER);
    if (!peerCells.length) continue;
    const benchmark = Math.max(...peerCells.map((c) => c.score));
    push({
      country,
      kind: 'cell',
      stage: cell.stage,
      instrumentType: cell.instrumentType,
      own: cell.score,
      benchmark,
      severity: benchmark - cell.score,
      peersAtTarget: peerCells.length,
      missingInstruments: [],
      evidence: {
        own: refsFor(all, cell.entries),
        peers: refsFor(all, [...new Set(peerCells.flatMap((c) => c.entries))]).filter(
          (m) => m.score >= COMPLEMENT_LEADER,
        ),
      },
      summary: `${country} scores ${cell.score} on ${cell.stage} × ${cell.instrumentType} where ${peerCells.length} peer(s) reach ${benchmark}`,
    });
  }
  const stageOrder = (s: Stage) => STAGES.indexOf(s);
  return gaps.sort(
    (a, b) =>
      b.priority - a.priority ||
      b.peersAtTarget - a.peersAtTarget ||
      (a.kind === b.kind ? 0 : a.kind === 'stage' ? -1 : 1) ||
      stageOrder(a.stage) - stageOrder(b.stage) ||
      TYPES.indexOf(a.instrumentType ?? 'coordination') - TYPES.indexOf(b.instrumentType ?? 'coordination'),
  );
}

/** Cells where one country leads (≥ 3) and another lags (≤ 1): who can learn what from whom. */
export function complementarities(
  all: readonly TrioEntry[],
  cells: Map<TrioCountry, Cell[]>,
): Complementarity[] {
  const out: Complementarity[] = [];
  const countries = [...cells.keys()];
  for (const leader of countries)
    for (const cell of cells.get(leader) ?? []) {
      if (cell.score < COMPLEMENT_LEADER || cell.instrumentType === 'coordination') continue;
      for (const laggard of countries) {
        if (laggard === leader) continue;
        const lag = (cells.get(laggard) ?? []).find(
          (c) => c.stage === cell.stage && c.instrumentType === cell.instrumentType,
        );
        const lagScore = lag?.score ?? 0;
        if (lagScore > COMPLEMENT_LAGGARD) continue;
        const leaderEntries = refsFor(all, cell.entries).filter((m) => m.score >= COMPLEMENT_LEADER);
        out.push({
          stage: cell.stage,
          instrumentType: cell.instrumentType,
          leader,
          leaderScore: cell.score,
          leaderEntries,
          laggard,
          laggardScore: lagScore,
          text: `${leader}'s ${leaderEntries.map((m) => m.name).join('; ')} (${LEVEL_OF[cell.score]}) is a model for ${laggard}'s gap in ${cell.stage} × ${cell.instrumentType} (score ${lagScore})`,
        });
      }
    }
  return out.sort((a, b) => b.leaderScore - b.laggardScore - (a.leaderScore - a.laggardScore));
}

export interface NetAssessmentOptions {
  countries?: readonly TrioCountry[];
  /** Measured vulnerability per mineral × country; null when the vulnerability assessment is unavailable. */
  vulnerabilities?: readonly VulnerabilityInput[] | null;
  vulnerabilityUnavailable?: string | null;
}

/** The whole net assessment. Peers are always the full trio; `countries` filters what is returned. */
export function netAssessment(entries: readonly TrioEntry[], opts: NetAssessmentOptions = {}): NetAssessment {
  const trio: TrioCountry[] = ['KOR', 'JPN', 'USA'];
  const cells = new Map(trio.map((c) => [c, coverageCells(entries, c)]));
  const stageScores = new Map(
    trio.map((c) => {
      const cs = cells.get(c) ?? [];
      const rec = Object.fromEntries(STAGES.map((s) => [s, stageMax(cs, s, (t) => t !== 'coordination')]));
      return [c, rec as Record<Stage, number>];
    }),
  );
  const overlay = overlayCoverage(
    entries,
    opts.vulnerabilities ?? null,
    stageScores,
    opts.vulnerabilityUnavailable ?? null,
  );
  const weightOf = (c: TrioCountry) => {
    const rows = overlay.rows.filter((r) => r.country === c && r.level !== null);
    return overlay.available && rows.length
      ? rows.filter((r) => r.level === 'high').length / rows.length
      : null;
  };
  const wanted = opts.countries?.length ? opts.countries : trio;
  const countries = wanted.map((country) => {
    const cs = cells.get(country) ?? [];
    return {
      country,
      entries: entries.filter((e) => e.country === country).length,
      cells: cs,
      stageScores: stageScores.get(country) as Record<Stage, number>,
      governance: Object.fromEntries(
        STAGES.map((s) => [s, stageMax(cs, s, (t) => t === 'coordination')]),
      ) as Record<Stage, number>,
      gaps: gapsFor(country, entries, cells, stageScores, weightOf(country)),
    };
  });
  const comps = complementarities(entries, cells).filter(
    (c) => wanted.includes(c.laggard) || wanted.includes(c.leader),
  );
  return {
    rubric: MATURITY_RUBRIC,
    instrumentTypes: INSTRUMENT_TYPES,
    countries,
    complementarities: comps,
    overlay: {
      ...overlay,
      rows: overlay.rows.filter((r) => wanted.includes(r.country)),
    },
  };
}
