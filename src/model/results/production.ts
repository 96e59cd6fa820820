// Result contract of `minsec production --json`, GET /api/production and the Mineral page's production view:
// one zod schema, the service returns z.infer of it. Shares follow src/analysis/production-shares.ts (one rule
// for every face): a share the table cannot carry is null with its reason, never 0.
import { z } from 'zod';

const nnum = z.number().nullable();

export const ShareReasonSchema = z.enum([
  'withheld',
  'not_available',
  'not_applicable',
  'qualitative',
  'not_reported',
  'below_half_unit',
  'not_listed',
  'other_countries_unattributed',
  'no_world_total',
  'zero_total',
]);

export const ProductionShareSchema = z.object({
  country: z.string(),
  name: z.string(),
  quantity: nnum,
  /** 0..1 of `denominator`; null with `nullReason`. */
  share: nnum,
  /** USGS estimate (the edition's latest year, or a row flagged "e"/Estimated). */
  estimated: z.boolean(),
  nullReason: ShareReasonSchema.nullable(),
  bound: z.string().nullable(),
  sourceLine: z.number().int(),
});

export const ProductionResultSchema = z.object({
  mineral: z.string(),
  stage: z.string(),
  year: z.number().int(),
  unit: z.string(),
  /** The published (rounded) USGS world total. */
  world: nnum,
  /** What the shares divide by: max(world total, listed countries + Other countries). */
  denominator: nnum,
  denominatorBasis: z.enum(['world total', 'listed sum']).nullable(),
  listedSum: z.number(),
  shares: z.array(ProductionShareSchema),
  otherCountries: z
    .object({ quantity: nnum, share: nnum, nullReason: ShareReasonSchema.nullable() })
    .nullable(),
  /** 0–10,000 over the listed countries (a lower bound: Other countries left out). */
  hhi: nnum,
  /** 0–10,000 with Other countries counted as one producer (the upper bound). */
  hhiUpper: nnum,
  top3: nnum,
  chinaShare: nnum,
  /** Why chinaShare is null, or 0 (`not_listed`); null when China is listed with a value. */
  chinaReason: ShareReasonSchema.nullable(),
  /** Any figure of the table is a USGS estimate. */
  estimate: z.boolean(),
  source: z.object({
    sourceId: z.number().int(),
    file: z.string(),
    release: z.string(),
    citation: z.string(),
    licence: z.string(),
    edition: z.number().int(),
    worldLine: z.number().int().nullable(),
  }),
  availableYears: z.array(z.number().int()),
  notes: z.array(z.string()),
});
export type ProductionResult = z.infer<typeof ProductionResultSchema>;
export type ProductionShare = z.infer<typeof ProductionShareSchema>;
