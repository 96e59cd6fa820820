// Result contract of the net assessment (`minsec netassess --json`, GET /api/netassess, the Net assessment page and
// the trilateral brief): one zod schema; the service returns z.infer of it.
import { z } from 'zod';

const nnum = z.number().nullable();
/** The trio, the supply-chain stages and the instrument types of src/catalog/trio.ts (shared by the cooperation
 * contract). */
export const Trio = z.enum(['KOR', 'JPN', 'USA']);
export const Stage = z.enum([
  'exploration',
  'mining',
  'processing',
  'manufacturing',
  'recycling',
  'stockpiling',
  'trade-diplomacy',
  'rd',
  'dib',
]);
export const Instrument = z.enum([
  'coordination',
  'geological-survey',
  'equity',
  'loan-guarantee',
  'grant-subsidy',
  'tax-incentive',
  'offtake-price',
  'stockpile',
  'regulation-standards',
  'trade-agreement',
  'information-sharing',
  'export-investment-control',
  'rd-program',
]);
const byStage = <T extends z.ZodType>(v: T) => z.record(Stage, v);

export const EntryMaturitySchema = z.object({
  id: z.string(),
  name: z.string(),
  country: Trio,
  score: z.number(),
  level: z.enum(['absent', 'announced', 'legislated', 'funded', 'operating-with-results']),
  basis: z.string(),
  source: z.string(),
  verification: z.enum(['official', 'secondary', 'unverified']),
});

export const CellSchema = z.object({
  stage: Stage,
  instrumentType: Instrument,
  score: nnum,
  status: z.enum(['covered', 'absent', 'not_catalogued']),
  entries: z.array(z.string()),
  leads: z.array(z.string()),
});

export const StageDepthSchema = z.object({
  instruments: z.number(),
  atFunded: z.number(),
  withResults: z.number(),
  instrumentTypesAtFunded: z.array(Instrument),
  funding: z.array(z.object({ currency: z.string(), amount: z.number(), entries: z.number() })),
  minerals: z.array(z.string()),
});

export const GapSchema = z.object({
  country: Trio,
  kind: z.enum(['stage', 'cell']),
  stage: Stage,
  instrumentType: Instrument.nullable(),
  own: z.number(),
  benchmark: z.number(),
  severity: z.number(),
  vulnerabilityWeight: nnum,
  priority: z.number(),
  peersAtTarget: z.number(),
  missingInstruments: z.array(Instrument),
  evidence: z.object({ own: z.array(EntryMaturitySchema), peers: z.array(EntryMaturitySchema) }),
  summary: z.string(),
});

export const CountryCoverageSchema = z.object({
  country: Trio,
  entries: z.number(),
  cells: z.array(CellSchema),
  stageScores: byStage(nnum),
  governance: byStage(nnum),
  depth: byStage(StageDepthSchema),
  gaps: z.array(GapSchema),
  catalogGaps: z.array(
    z.object({ country: Trio, stage: Stage, leads: z.array(z.string()), summary: z.string() }),
  ),
});

export const ComplementaritySchema = z.object({
  stage: Stage,
  instrumentType: Instrument,
  leader: Trio,
  leaderScore: z.number(),
  leaderEntries: z.array(EntryMaturitySchema),
  laggard: Trio,
  laggardScore: z.number(),
  text: z.string(),
});

export const OverlayRowSchema = z.object({
  mineral: z.string(),
  country: Trio,
  year: nnum,
  chinaShare: nnum,
  lookThroughChinaShare: nnum,
  importHhi: nnum,
  level: z.enum(['high', 'moderate', 'low']).nullable(),
  levelReason: z.string(),
  specificCoverage: z.number(),
  specificEntries: z.array(z.string()),
  stockpilingScore: nnum,
  processingScore: nnum,
  highVulnerabilityLowCoverage: z.boolean(),
  source: z.string(),
});

export const NetAssessResultSchema = z.object({
  rubric: z.object({
    levels: z.array(z.object({ score: z.number(), level: z.string(), requires: z.string() })).readonly(),
    entryRule: z.string(),
    cellRule: z.string(),
    stageRule: z.string(),
    breadthCap: z.number(),
    stageTarget: z.number(),
    gapRules: z.array(z.string()).readonly(),
  }),
  instrumentTypes: z.record(Instrument, z.string()),
  countries: z.array(CountryCoverageSchema),
  complementarities: z.array(ComplementaritySchema),
  overlay: z.object({
    available: z.boolean(),
    reason: z.string().nullable(),
    thresholds: z.object({
      highChinaShare: z.number(),
      moderateChinaShare: z.number(),
      highHhi: z.number(),
      lowCoverage: z.number(),
      exposedStages: z.array(Stage).readonly(),
    }),
    rows: z.array(OverlayRowSchema),
    gaps: z.array(z.object({ mineral: z.string(), country: z.string(), reason: z.string() })),
  }),
  /** The second source behind "absent" versus "not catalogued". */
  policyEvidence: z.object({ source: z.string(), policies: z.number(), reason: z.string().nullable() }),
  catalog: z.object({
    dir: z.string(),
    entries: z.record(Trio, z.number()),
    verification: z.record(z.enum(['official', 'secondary', 'unverified']), z.number()),
  }),
  gaps: z.array(z.object({ what: z.string(), reason: z.string() })),
});
export type NetAssessResult = z.infer<typeof NetAssessResultSchema>;
