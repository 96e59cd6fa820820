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
      requires:
        'status.operating.evidence + asOf + metric (a quantified result: tonnes or days held, money disbursed, awards made); operating without a metric scores 3',
    },
  ],
  entryRule:
    'an entry scores the highest level whose fact it carries; operating without a quantified result scores 3; an entry with status.ended scores 0',
  cellRule:
    'a cell (country × stage × instrument type) scores the maximum over the entries covering it. A cell no entry covers is "absent" (score 0) when the IEA Critical Minerals Policy Explorer lists no policy of that instrument type for the country either, and "not catalogued" (score null, with the IEA policies as leads) when it does',
  stageRule:
    'a stage scores the best of its delivery cells (all types but "coordination": plans and bodies are governance, not delivery), capped at 2 + the number of delivery instrument types that reach 3 (one funded instrument caps the stage at 3, two or more let it reach 4); a stage with no covered delivery cell is "absent" (0) or, if any of its cells is not catalogued, "not catalogued" (null)',
  breadthCap: 2,
  stageTarget: 3,
  gapRules: [
    'stage gap: the stage scores below the target (3, funded) — no funded or operating instrument at that stage (a not-catalogued stage is a catalog gap instead, not a policy gap)',
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
  /** What the cited source is (official, secondary, unverified), from the catalog. */
  verification: TrioEntry['verification'];
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
    verification: e.verification,
  });
  if (s.ended) return at(0, `ended ${s.ended.date}: ${s.ended.ref}`);
  if (s.operating?.metric)
    return at(
      4,
      `operating (as of ${s.operating.asOf}): ${s.operating.evidence} [${s.operating.metric.name}: ${fmtAmount(s.operating.metric.value)} ${s.operating.metric.unit}]`,
    );
  if (s.operating)
    return at(3, `operating, results not quantified (as of ${s.operating.asOf}): ${s.operating.evidence}`);
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

export type CellStatus = 'covered' | 'absent' | 'not_catalogued';

export interface Cell {
  stage: Stage;
  instrumentType: InstrumentType;
  /** 0–4 for covered and absent cells; null when not catalogued (unknown, never 0). */
  score: number | null;
  status: CellStatus;
  /** Ids of the entries covering the cell (ended ones included, they score 0). */
  entries: string[];
  /** For not-catalogued cells: policies of this type the IEA lists for the country (leads for the catalog). */
  leads: string[];
}

/** A policy of the IEA Critical Minerals Policy Explorer mapped to the instrument types it represents. */
export interface PolicyEvidence {
  country: TrioCountry;
  instrumentTypes: InstrumentType[];
  title: string;
  year: number | null;
  source: string;
}

/** Depth of a country's toolkit at one stage: how many delivery instruments, how mature, how funded. */
export interface StageDepth {
  instruments: number;
  atFunded: number;
  withResults: number;
  instrumentTypesAtFunded: InstrumentType[];
  /** Sum of the funded amounts by currency (no conversion). */
  funding: { currency: string; amount: number; entries: number }[];
  minerals: string[];
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

/** A stage the catalog cannot score: no entry, and the IEA lists policies of its instrument types. */
export interface CatalogGap {
  country: TrioCountry;
  stage: Stage;
  leads: string[];
  summary: string;
}

export interface CountryCoverage {
  country: TrioCountry;
  entries: number;
  cells: Cell[];
  /** Delivery score per stage, 0–4; null when not catalogued. */
  stageScores: Record<Stage, number | null>;
  governance: Record<Stage, number | null>;
  depth: Record<Stage, StageDepth>;
  gaps: Gap[];
  catalogGaps: CatalogGap[];
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
  stockpilingScore: number | null;
  processingScore: number | null;
  highVulnerabilityLowCoverage: boolean;
  source: string;
}

export interface Overlay {
  available: boolean;
  reason: string | null;
  thresholds: {
    highChinaShare: number;
    moderateChinaShare: number;
    highHhi: number;
    lowCoverage: number;
    exposedStages: readonly Stage[];
  };
  rows: OverlayRow[];
  gaps: { mineral: string; country: string; reason: string }[];
}

/** The rubric as results carry it (the constant, widened). */
export interface Rubric {
  levels: readonly { score: number; level: string; requires: string }[];
  entryRule: string;
  cellRule: string;
  stageRule: string;
  breadthCap: number;
  stageTarget: number;
  gapRules: readonly string[];
}

export interface NetAssessment {
  rubric: Rubric;
  instrumentTypes: Readonly<Record<InstrumentType, string>>;
  countries: CountryCoverage[];
  complementarities: Complementarity[];
  overlay: Overlay;
}

const TYPES = Object.keys(INSTRUMENT_TYPES) as InstrumentType[];
const key = (stage: string, type: string) => `${stage}|${type}`;

/**
 * Cells for one country: every stage × instrument type, scored from the entries covering it; uncovered cells are
 * absent or not catalogued according to the policy evidence (see MATURITY_RUBRIC.cellRule). Without evidence
 * (null) every uncovered cell is not catalogued.
 */
export function coverageCells(
  entries: readonly TrioEntry[],
  country: TrioCountry,
  evidence: readonly PolicyEvidence[] | null = null,
  /** Instrument types the second source can speak to (others stay not catalogued when uncovered). */
  evidenceTypes: readonly InstrumentType[] = TYPES,
): Cell[] {
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
  const leadsOf = (t: InstrumentType) =>
    (evidence ?? [])
      .filter((p) => p.country === country && p.instrumentTypes.includes(t))
      .map((p) => `${p.title}${p.year ? ` (${p.year})` : ''}`);
  return STAGES.flatMap((stage) =>
    TYPES.map((instrumentType): Cell => {
      const c = byCell.get(key(stage, instrumentType));
      if (c)
        return { stage, instrumentType, score: c.score, status: 'covered', entries: c.entries, leads: [] };
      const leads = evidence === null ? [] : leadsOf(instrumentType);
      return evidence !== null && evidenceTypes.includes(instrumentType) && leads.length === 0
        ? { stage, instrumentType, score: 0, status: 'absent', entries: [], leads: [] }
        : {
            stage,
            instrumentType,
            score: null,
            status: 'not_catalogued',
            entries: [],
            leads: leads.slice(0, 5),
          };
    }),
  );
}

/** A stage's delivery score with the breadth cap, or null when it is not catalogued (see stageRule). */
export function stageScore(cells: readonly Cell[], stage: Stage): number | null {
  const delivery = cells.filter((c) => c.stage === stage && c.instrumentType !== 'coordination');
  const covered = delivery.filter((c) => c.status === 'covered');
  if (!covered.length) return delivery.some((c) => c.status === 'not_catalogued') ? null : 0;
  const best = Math.max(...covered.map((c) => c.score as number));
  const typesAtFunded = covered.filter((c) => (c.score as number) >= 3).length;
  return Math.min(best, MATURITY_RUBRIC.breadthCap + typesAtFunded);
}

/** The governance (coordination) score of a stage: best coordination cell, null when not catalogued. */
function governanceScore(cells: readonly Cell[], stage: Stage): number | null {
  const c = cells.find((x) => x.stage === stage && x.instrumentType === 'coordination');
  return c ? c.score : null;
}

/** Depth of the toolkit at one stage (delivery instruments only). */
export function stageDepth(entries: readonly TrioEntry[], country: TrioCountry, stage: Stage): StageDepth {
  const own = entries.filter(
    (e) =>
      e.country === country &&
      e.stages.includes(stage) &&
      e.instrumentTypes.some((t) => t !== 'coordination'),
  );
  const scored = own.map((e) => ({ e, m: entryMaturity(e) }));
  const funding = new Map<string, { amount: number; entries: number }>();
  for (const { e } of scored)
    if (e.status.funded && !e.status.ended) {
      const f = funding.get(e.status.funded.currency) ?? { amount: 0, entries: 0 };
      f.amount += e.status.funded.amount;
      f.entries++;
      funding.set(e.status.funded.currency, f);
    }
  return {
    instruments: own.length,
    atFunded: scored.filter(({ m }) => m.score >= 3).length,
    withResults: scored.filter(({ m }) => m.score === 4).length,
    instrumentTypesAtFunded: TYPES.filter((t) =>
      scored.some(({ e, m }) => t !== 'coordination' && m.score >= 3 && e.instrumentTypes.includes(t)),
    ),
    funding: [...funding]
      .map(([currency, f]) => ({ currency, ...f }))
      .sort((x, y) => x.currency.localeCompare(y.currency)),
    minerals: [...new Set(own.flatMap((e) => e.minerals ?? []))].sort(),
  };
}

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
  stageScores: Map<TrioCountry, Record<Stage, number | null>>,
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
      stockpilingScore: stages?.stockpiling ?? null,
      processingScore: stages?.processing ?? null,
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
  stageScores: Map<TrioCountry, Record<Stage, number | null>>,
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
    const known = stageScores.get(country)?.[stage];
    if (known === null || known === undefined) continue; // not catalogued: a catalog gap, not a policy gap
    const score = known;
    if (score >= MATURITY_RUBRIC.stageTarget) continue;
    const peerBest = Math.max(0, ...peers.map((p) => stageScores.get(p)?.[stage] ?? 0));
    const peerCells = peers.flatMap((p) =>
      (cells.get(p) ?? []).filter(
        (c) => c.stage === stage && c.instrumentType !== 'coordination' && (c.score ?? 0) >= 3,
      ),
    );
    const peerIds = [...new Set(peerCells.flatMap((c) => c.entries))];
    const ownIds = [...new Set(own.filter((c) => c.stage === stage).flatMap((c) => c.entries))];
    const missingInstruments = TYPES.filter((t) => {
      const mine = own.find((c) => c.stage === stage && c.instrumentType === t);
      return (
        mine?.score !== null &&
        (mine?.score ?? 0) <= COMPLEMENT_LAGGARD &&
        peerCells.some((c) => c.instrumentType === t)
      );
    });
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
      summary: `${country} scores ${score} for ${stage} (${score === 0 ? 'no instrument: absent in the catalog and in the IEA policy list' : 'no funded or operating instrument'}); peers reach ${peerBest}${missingInstruments.length ? ` with ${missingInstruments.join(', ')}` : ''}`,
    });
  }
  const stageGaps = new Set(gaps.map((g) => g.stage));
  for (const cell of own) {
    if (
      cell.score === null ||
      cell.score > COMPLEMENT_LAGGARD ||
      cell.instrumentType === 'coordination' ||
      stageGaps.has(cell.stage)
    )
      continue;
    const peerCells = peers
      .map((p) =>
        (cells.get(p) ?? []).find((c) => c.stage === cell.stage && c.instrumentType === cell.instrumentType),
      )
      .filter((c): c is Cell => !!c && (c.score ?? 0) >= COMPLEMENT_LEADER);
    if (!peerCells.length) continue;
    const benchmark = Math.max(...peerCells.map((c) => c.score as number));
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

/** The level of an entry in words, telling "operating, results not quantified" from "funded" at 3. */
const levelWords = (m: EntryMaturity) =>
  m.basis.startsWith('operating, results not quantified') ? 'operating, results not quantified' : m.level;

/** Cells where one country leads (≥ 3) and another lags (≤ 1): who can learn what from whom. */
export function complementarities(
  all: readonly TrioEntry[],
  cells: Map<TrioCountry, Cell[]>,
): Complementarity[] {
  const out: Complementarity[] = [];
  const countries = [...cells.keys()];
  for (const leader of countries)
    for (const cell of cells.get(leader) ?? []) {
      if ((cell.score ?? 0) < COMPLEMENT_LEADER || cell.instrumentType === 'coordination') continue;
      for (const laggard of countries) {
        if (laggard === leader) continue;
        const lag = (cells.get(laggard) ?? []).find(
          (c) => c.stage === cell.stage && c.instrumentType === cell.instrumentType,
        );
        // A laggard must be known to lag: a not-catalogued cell is a question for the catalog, not a gap.
        if (!lag || lag.score === null) continue;
        const lagScore = lag.score;
        if (lagScore > COMPLEMENT_LAGGARD) continue;
        const leaderEntries = refsFor(all, cell.entries).filter((m) => m.score >= COMPLEMENT_LEADER);
        out.push({
          stage: cell.stage,
          instrumentType: cell.instrumentType,
          leader,
          leaderScore: cell.score as number,
          leaderEntries,
          laggard,
          laggardScore: lagScore,
          text: `${laggard} can learn from ${leader}'s ${leaderEntries.map((m) => `${m.name} (${levelWords(m)})`).join('; ')} for ${cell.stage} × ${cell.instrumentType}, where ${laggard} ${lagScore === 0 ? 'has no instrument in the catalog or the IEA policy list' : `scores ${lagScore}`}`,
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
  /** IEA policies mapped to instrument types (absent vs not catalogued); null = no second source. */
  policyEvidence?: readonly PolicyEvidence[] | null;
  /** The instrument types the policy source classifies at all (default: every type). */
  policyEvidenceTypes?: readonly InstrumentType[];
}

/** The whole net assessment. Peers are always the full trio; `countries` filters what is returned. */
export function netAssessment(entries: readonly TrioEntry[], opts: NetAssessmentOptions = {}): NetAssessment {
  const trio: TrioCountry[] = ['KOR', 'JPN', 'USA'];
  const cells = new Map(
    trio.map((c) => [c, coverageCells(entries, c, opts.policyEvidence ?? null, opts.policyEvidenceTypes)]),
  );
  const stageScores = new Map(
    trio.map((c) => {
      const cs = cells.get(c) ?? [];
      const rec = Object.fromEntries(STAGES.map((s) => [s, stageScore(cs, s)]));
      return [c, rec as Record<Stage, number | null>];
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
      governance: Object.fromEntries(STAGES.map((s) => [s, governanceScore(cs, s)])) as Record<
        Stage,
        number | null
      >,
      depth: Object.fromEntries(STAGES.map((s) => [s, stageDepth(entries, country, s)])) as Record<
        Stage,
        StageDepth
      >,
      gaps: gapsFor(country, entries, cells, stageScores, weightOf(country)),
      catalogGaps: STAGES.filter((s) => stageScores.get(country)?.[s] === null).map((stage) => {
        const leads = [...new Set(cs.filter((c) => c.stage === stage).flatMap((c) => c.leads))];
        return {
          country,
          stage,
          leads,
          summary: `${country} × ${stage}: no catalog entry; the IEA lists ${leads.length} policies of its instrument types — catalog them before reading a score`,
        };
      }),
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
