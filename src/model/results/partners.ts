// Result contract of the partner ranking (`minsec partners --json`, GET /api/partners, the Partners page and the
// partner briefs): one zod schema, the service returns z.infer of it.
import { z } from 'zod';

const num = z.number();
const nnum = z.number().nullable();
const Iso3 = z.string();

export const IndicatorIdSchema = z.enum([
  'alignment',
  'alignmentTrend',
  'defence',
  'ties',
  'governance',
  'chinaEntanglement',
  'capability',
  'complementarity',
]);

export const GapSchema = z.object({ country: Iso3.optional(), indicator: z.string(), reason: z.string() });

export const StageBasisSchema = z.object({
  mineral: z.string(),
  stage: z.enum(['mine', 'refining', 'recycling']),
  kind: z.enum(['production', 'capacity', 'refined-share', 'reserves', 'host-industry', 'catalogued']),
  label: z.string(),
  share: nnum,
  value: nnum,
  unit: z.string().nullable(),
  year: z.number().int().nullable(),
  estimated: z.boolean(),
  secondary: z.boolean(),
  potential: z.boolean(),
  host: z.string().optional(),
  source: z.string(),
});
export type StageBasisOut = z.infer<typeof StageBasisSchema>;

export const SanctionHitSchema = z.object({
  id: z.string(),
  imposer: z.string(),
  class: z.string(),
  instrument: z.string(),
  effective: z.string(),
  binds: z.array(z.string()),
  forbidsPurchase: z.boolean(),
  verification: z.string(),
  source: z.string(),
});

export const ScreenSchema = z.object({
  country: Iso3,
  name: z.string(),
  flagged: z.boolean(),
  excluded: z.boolean(),
  measures: z.array(SanctionHitSchema),
  reason: z.string().nullable(),
});
export type ScreenOut = z.infer<typeof ScreenSchema>;

const ByTarget = z.record(z.string(), nnum);

export const MembershipOutSchema = z.object({
  group: z.string(),
  status: z.string().nullable(),
  verified: z.string().nullable(),
  confidence: z.string().nullable(),
  unverified: z.boolean(),
  scored: z.boolean(),
  weight: num,
  sourceUrl: z.string().nullable(),
  sourceLine: z.number().nullable(),
});

export const PartnerDetailSchema = z.object({
  alignment: z.object({
    year: z.number().nullable(),
    byMember: ByTarget,
    contrast: ByTarget,
    voteAgreement: z.object({ years: z.tuple([num, num]).nullable(), byTarget: ByTarget }),
    idealPointLines: z.record(z.string(), nnum),
  }),
  alignmentTrend: z.object({
    years: z.tuple([num, num]).nullable(),
    series: z.array(z.object({ year: num, value: nnum, byTarget: ByTarget })),
    voteAgreementSeries: z.array(z.object({ year: num, value: nnum, byTarget: ByTarget })),
    voteAgreementSlope: nnum,
  }),
  defence: z.object({ year: z.number().nullable(), partners: z.array(z.string()) }),
  ties: z.object({ memberships: z.array(MembershipOutSchema), unverifiedScored: num }),
  governance: z.object({
    year: z.number().nullable(),
    indicatorsAveraged: num,
    meanStdError: nnum,
    sourceLine: z.number().nullable(),
  }),
  chinaEntanglement: z.object({
    year: z.number().nullable(),
    toChinaUsd: nnum,
    totalUsd: nnum,
    mineralsInScope: z.object({ share: nnum, totalUsd: nnum }),
  }),
  capability: z.object({
    byMineral: z.array(z.object({ mineral: z.string(), value: nnum, via: z.array(z.string()) })),
  }),
});
export type PartnerDetail = z.infer<typeof PartnerDetailSchema>;

export const PartnerRowSchema = z.object({
  country: Iso3,
  name: z.string(),
  score: nnum,
  rank: z.number().int().nullable(),
  rankInterval: z.tuple([num, num]).nullable(),
  pTop5: nnum,
  /** Every stage basis of the country for the minerals in scope: which stage makes it a candidate. */
  stages: z.array(StageBasisSchema),
  /** Per mineral in scope with a basis: the stage labels ("mine (production)", "by-product (alumina refining)"). */
  via: z.array(z.object({ mineral: z.string(), labels: z.array(z.string()) })),
  /** Measures in force against the country that bind a trio member (flag only: it was not excluded). */
  sanctions: ScreenSchema.nullable(),
  /** Cited facts about the country's own institutions, programmes, projects, geography and policy. */
  profile: z.array(
    z.object({
      id: z.string(),
      kind: z.string(),
      name: z.string(),
      date: z.string(),
      summary: z.string(),
      source: z.object({ title: z.string(), url: z.string(), date: z.string() }),
      verification: z.string(),
    }),
  ),
  /** The country's rank (point estimate) under each weight preset. */
  ranksByPreset: z.record(z.string(), z.number().int().nullable()),
  indicators: z.record(IndicatorIdSchema, z.object({ value: nnum, normalised: nnum })),
  detail: PartnerDetailSchema,
  gaps: z.array(GapSchema),
});
export type PartnerRow = z.infer<typeof PartnerRowSchema>;

export const TrioDependenceSchema = z.object({
  mineral: z.string(),
  dependence: nnum,
  basis: z.enum(['baci_trio_imports', 'usgs_china_mine_share', 'none']),
  year: z.number().nullable(),
});

const WeightsSchema = z.record(IndicatorIdSchema, num);

export const PartnersResultSchema = z.object({
  /** The date of the sanctions screen (the catalog's review date unless given). */
  asOf: z.string(),
  minerals: z.array(z.string()),
  preset: z.string().nullable(),
  weights: WeightsSchema,
  presets: z.array(z.object({ id: z.string(), description: z.string(), weights: WeightsSchema })),
  /** Spearman's ρ between this ranking and the equal-weight ranking (same candidates, point estimates). */
  equalWeightCorrelation: z.object({ rho: nnum, n: num }),
  draws: num,
  seed: num,
  normalisation: z.enum(['minmax', 'rank']),
  concentration: num,
  uncertainty: z.object({
    weights: z.boolean(),
    data: z.boolean(),
    sources: z.array(z.object({ input: z.string(), used: z.boolean(), detail: z.string() })),
  }),
  candidates: z.object({
    rule: z.string(),
    count: num,
    included: z.array(z.string()),
    includeSanctioned: z.boolean(),
  }),
  /** Candidates excluded by the sanctions screen (shown with their measures; `--include-sanctioned` ranks them). */
  sanctioned: z.array(ScreenSchema),
  years: z.object({
    idealYear: z.number().nullable(),
    voteYears: z.tuple([num, num]).nullable(),
    allianceYear: z.number().nullable(),
    baciYear: z.number().nullable(),
    governanceYear: z.number().nullable(),
  }),
  trioDependence: z.array(TrioDependenceSchema),
  indicators: z.record(
    IndicatorIdSchema,
    z.object({
      label: z.string(),
      direction: z.enum(['higher', 'lower']),
      unit: z.string(),
      source: z.string(),
    }),
  ),
  ranking: z.array(PartnerRowSchema),
  droppedIndicators: z.array(IndicatorIdSchema),
  gaps: z.array(GapSchema),
  notes: z.array(z.string()),
});
export type PartnersResult = z.infer<typeof PartnersResultSchema>;
