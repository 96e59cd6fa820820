// Result contract of `minsec data status --json` and GET /api/data/status (and the Data page): what the database
// holds — every source with its licence, release, hash, rows and years — and coverage per mineral × dataset with
// each gap named. One zod schema; src/services/status.ts returns z.infer of it.
import { z } from 'zod';

const Years = z.tuple([z.number().int(), z.number().int()]).nullable();

export const SourceStatusSchema = z.object({
  sourceId: z.number().int(),
  kind: z.string(),
  /** As loaded: a path under the raw-data folder (data build) or the file's name (data import). */
  file: z.string(),
  release: z.string().nullable(),
  licence: z.string(),
  citation: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  rows: z.number().int(),
  years: Years,
  fromPack: z.boolean(),
  loadedAt: z.string(),
  /** What happened to the source since it was loaded (rows replaced by a later source), or null. */
  notes: z.string().nullable(),
});

export const CoverageSchema = z.object({
  mineral: z.string(),
  dataset: z.string(),
  years: Years,
  missingYears: z.array(z.number().int()),
  rows: z.number().int(),
  /** Why there are no rows or years are missing; null when covered. */
  gap: z.string().nullable(),
  /** HS codes the rows were counted under (trade by code); null where rows are counted by mineral. */
  codes: z.array(z.string()).nullable(),
  /** Shared codes, whose rows are not this mineral's alone. */
  note: z.string().nullable(),
});

export const DataStatusSchema = z.object({
  /** Schema version of the database (src/store/schema.ts). */
  schemaVersion: z.number().int(),
  sources: z.array(SourceStatusSchema),
  coverage: z.array(CoverageSchema),
  gaps: z.array(CoverageSchema),
});

export type SourceStatus = z.infer<typeof SourceStatusSchema>;
export type Coverage = z.infer<typeof CoverageSchema>;
export type DataStatus = z.infer<typeof DataStatusSchema>;
