// Result contract of the importer dependence in `minsec assess --json`, GET /api/assess/:mineral and the Assess,
// Mineral and Overview pages: three views (shipped by, refined in, mined in) in contained metal over every loaded
// code of the mineral's chain, each with its basis and coverage, and the net import reliance. Shares are 0..1.
import { z } from 'zod';

export const ShareSchema = z.object({ country: z.string(), share: z.number().min(0).max(1.000001) });

export const CoverageSchema = z.object({
  /** Share of the chain's countable codes that are loaded (0..1). */
  share: z.number().min(0).max(1),
  grade: z.enum(['A', 'B', 'C', 'D']),
  codesLoaded: z.array(z.string()),
  codesMissing: z.array(z.string()),
  codesUncountable: z.array(z.string()),
  reason: z.string(),
});

export const DependenceViewSchema = z.object({
  shares: z.array(ShareSchema),
  /** China's share; null with `reason` where the view cannot be computed. */
  china: z.number().min(0).max(1.000001).nullable(),
  reason: z.string().optional(),
  unresolved: z.number().min(0).max(1),
  /** Part assigned by world mine shares rather than traced flows (mined in). */
  imputed: z.number().min(0).max(1.000001),
  tonnes: z.number().nullable(),
  basis: z.object({
    unit: z.string(),
    codes: z.array(z.string()),
    years: z.array(z.number().int()),
    note: z.string().optional(),
  }),
  coverage: CoverageSchema,
});

export const NetImportRelianceSchema = z.object({
  value: z.number().min(0).max(1).nullable(),
  /** 'E' only where USGS publishes it; '>' or '<' for a published bound. */
  code: z.string().optional(),
  reason: z.string().optional(),
  source: z.string(),
});

export const ImporterDependenceSchema = z.object({
  shippedBy: DependenceViewSchema,
  refinedIn: DependenceViewSchema,
  minedIn: DependenceViewSchema,
  impliedRefiners: z.array(z.string()),
  excludedCodes: z.array(
    z.object({ hs: z.string(), importer: z.string(), valueUsd: z.number(), reason: z.string() }),
  ),
});

/** The parts of each `importers[]` entry every face reads. */
export const ImporterResultSchema = z
  .object({
    country: z.string(),
    dependence: ImporterDependenceSchema.nullable(),
    netImportReliance: NetImportRelianceSchema,
    reason: z.string().nullable(),
  })
  .passthrough();

export const AssessResultSchema = z
  .object({
    mineral: z.string(),
    year: z.number().int(),
    importers: z.array(ImporterResultSchema),
  })
  .passthrough();
export type DependenceView = z.infer<typeof DependenceViewSchema>;
