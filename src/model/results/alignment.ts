// Result contract of `minsec alignment --json`, GET /api/alignment, the Partners page's alignment chart and the
// partner briefs' figures: one zod schema, src/services/alignment.ts returns z.infer of it. Vote metrics per
// calendar year are null with their reason (never 0); the ideal-point distance likewise.
import { z } from 'zod';

const nnum = z.number().nullable();
const nint = z.number().int().nullable();

/** The issue tags of the Voeten roll-call data (src/services/alignment.ts UN_ISSUES). */
export const UnIssueSchema = z.enum(['me', 'nu', 'di', 'hr', 'co', 'ec']);

/** The per-year metrics that can be null (src/analysis/alignment/dyad.ts VoteMetric, plus the distance). */
export const AlignmentMetricSchema = z.enum(['agreement', 'sScore', 'kappa', 'idealPointDistance']);

/** Why a metric is null (src/analysis/alignment/dyad.ts NullReason, plus a missing ideal point). */
export const AlignmentNullReasonSchema = z.enum([
  'insufficient_data',
  'no_variation',
  'no_votes_in_source',
  'no_ideal_point',
]);

export const AlignmentYearSchema = z.object({
  year: z.number().int(),
  /** Roll calls both countries voted in (absent and non-member votes excluded pairwise). */
  votes: z.number().int(),
  /** 0..1; abstain against yes/no counts half. */
  agreement: nnum,
  /** Signorino & Ritter's S, -1..1. */
  sScore: nnum,
  /** Weighted kappa (Häge 2011). */
  kappa: nnum,
  /** |θa − θb| of the Voeten ideal points. */
  idealPointDistance: nnum,
  /** Each country's ideal point and the line of IdealpointsJuly2025.csv it comes from. */
  idealPoints: z.object({ a: nnum, b: nnum, sourceLines: z.tuple([nint, nint]) }),
  /** The reason of each null metric; a metric with a value is absent. */
  reasons: z.partialRecord(AlignmentMetricSchema, AlignmentNullReasonSchema),
});
export type AlignmentYear = z.infer<typeof AlignmentYearSchema>;

export const AlignmentResultSchema = z.object({
  /** ISO3 codes as resolved from the input. */
  a: z.string(),
  b: z.string(),
  from: z.number().int(),
  to: z.number().int(),
  issue: UnIssueSchema.nullable(),
  important: z.boolean(),
  /** One row per calendar year from `from` to `to`, in order. */
  years: z.array(AlignmentYearSchema),
  /** Every null metric of every year, flat. */
  gaps: z.array(
    z.object({ year: z.number().int(), metric: AlignmentMetricSchema, reason: AlignmentNullReasonSchema }),
  ),
  notes: z.array(z.string()),
  sources: z.array(z.string()),
});
export type AlignmentResult = z.infer<typeof AlignmentResultSchema>;
