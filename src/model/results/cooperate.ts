// Result contract of `minsec cooperate --json`, GET /api/cooperate, the Net assessment page's cooperation agenda
// and the trilateral brief: one zod schema, src/services/cooperate.ts returns z.infer of it. Scoring follows
// src/analysis/cooperation.ts; a measured effect that is missing is null with its reason and a listed gap.
import { z } from 'zod';
// the trio, stages and instrument types as in the net assessment contract (src/catalog/trio.ts)
import { Instrument, Stage, Trio } from './netassess.ts';

const nnum = z.number().nullable();
const rank = z.number().int();

/** src/analysis/cooperation.ts COOPERATION_WEIGHTS. */
export const CriterionSchema = z.enum([
  'gapClosure',
  'readiness',
  'breadth',
  'measuredEffect',
  'barrierFreedom',
]);
/** src/catalog/cooperation.ts MEASURES. */
export const MeasureSchema = z.enum(['swap-days', 'shared-code-share', 'partner-rank']);

/** A catalog citation (src/catalog/trio.ts SourceSchema). */
export const CooperationSourceSchema = z.object({
  title: z.string(),
  publisher: z.string(),
  url: z.string(),
  date: z.string(),
});

export const MeasuredEffectSchema = z.object({
  measure: MeasureSchema,
  /** Raw measured value (days, share 0..1, or a count of ranked partners); null when not measured. */
  value: nnum,
  unit: z.string(),
  /** The value on 0..1 for scoring; null when not a scored quantity (ranks) or missing. */
  normalized: nnum,
  detail: z.string(),
  source: z.string(),
  /** Why the value is missing, when it is. */
  reason: z.string().optional(),
});
export type MeasuredEffectOut = z.infer<typeof MeasuredEffectSchema>;

export const ClosedGapSchema = z.object({
  country: Trio,
  stage: Stage,
  instrumentType: Instrument,
  gapKind: z.enum(['stage', 'cell']),
  own: z.number(),
  severity: z.number(),
});

export const ScoredOptionSchema = z.object({
  id: z.string(),
  kind: z.enum(['opportunity', 'barrier']),
  name: z.string(),
  score: z.number(),
  rank,
  /** Each criterion on 0..1 (opportunities); null where not measured; empty for barriers. */
  criteria: z.partialRecord(CriterionSchema, nnum),
  closes: z.array(ClosedGapSchema),
  blockedBy: z.array(z.string()),
  /** For barriers: the opportunities they block. */
  blocks: z.array(z.string()),
  measured: MeasuredEffectSchema.nullable(),
  evidence: z.object({ sources: z.array(CooperationSourceSchema), rationale: z.string() }),
});

export const SensitivitySchema = z.object({
  weights: z.record(CriterionSchema, z.number()),
  oat: z.array(z.object({ criterion: CriterionSchema, factor: z.number(), ranking: z.array(z.string()) })),
  ranks: z.array(
    z.object({
      id: z.string(),
      baseRank: rank,
      oatMin: rank,
      oatMax: rank,
      /** Nearest-rank percentiles of the ranks under Dirichlet weight draws. */
      p5: rank,
      p95: rank,
      pTopK: z.number(),
    }),
  ),
  draws: z.number().int(),
  seed: z.number().int(),
  topK: z.number().int(),
});

export const RecommendationSchema = z.object({
  rank,
  id: z.string(),
  text: z.string(),
  score: z.number(),
  rankInterval: z.tuple([rank, rank]),
  pTopK: z.number(),
  evidence: z.object({
    gaps: z.array(z.string()),
    measured: z.string(),
    barriers: z.array(z.string()),
    sources: z.array(CooperationSourceSchema),
  }),
});

export const CooperateResultSchema = z.object({
  /** The criteria weights used, normalised to sum 1. */
  weights: z.record(CriterionSchema, z.number()),
  /** Opportunities by rank, then barriers by rank. */
  options: z.array(ScoredOptionSchema),
  sensitivity: SensitivitySchema,
  recommendations: z.array(RecommendationSchema),
  gaps: z.array(z.object({ id: z.string(), reason: z.string() })),
  /** Every measured effect the service asked for, by measure, attached or not. */
  measuredEffects: z.record(MeasureSchema, MeasuredEffectSchema),
});
export type CooperateResult = z.infer<typeof CooperateResultSchema>;
