// The scenario spec (DESIGN.md, Scenario engine): minerals, baseline year, restrictions (origins, share cut,
// targets, start, duration), supply response, demand and stock overrides, pooling agreement, Monte Carlo, horizon.
// A spec comes from a preset, a JSON or a YAML file; invalid specs are rejected with one error per field.
import { z } from 'zod';
import { TRIO } from '../../model/countries.ts';
import { UserInputError } from '../../model/errors.ts';
import { MINERALS } from '../../model/minerals.ts';

const mineralIds = MINERALS.map((m) => m.id);
const Iso3 = z.string().regex(/^[A-Z]{3}$/, 'an ISO3 code such as CHN');
const MineralId = z.string().refine((m) => mineralIds.includes(m), {
  message: `not a mineral id; valid: ${mineralIds.join(', ')}`,
});
const YearMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month YYYY-MM');
const Share = z.number().min(0).max(1);
const Range = (inner: z.ZodNumber) =>
  z.tuple([inner, inner]).refine(([lo, hi]) => lo <= hi, { message: 'expected [low, high] with low ≤ high' });

/** Default Monte Carlo draws (issue 11: on by default; 1,000 draws keep the 5th/95th percentiles within about
 * ±1 percentile point of rank error, nearest-rank over n = 1,000, at well under a second per run). */
export const DEFAULT_DRAWS = 1000;
export const DEFAULT_SEED = 1;

export const RestrictionSpec = z
  .object({
    id: z.string().optional(),
    /** Entry in the export-control register (src/catalog/export-controls.ts) this restriction reproduces. */
    exportControlId: z.string().optional(),
    origins: z.array(Iso3).min(1),
    /** Minerals cut; default: every mineral of the scenario. */
    minerals: z.array(MineralId).min(1).optional(),
    targets: z.union([z.literal('all'), z.array(Iso3).min(1)]).default('all'),
    /**
     * The stage the cut acts on: `shipped` = what the origins export (an export ban), `refined` = what was refined
     * in the origins wherever it is shipped from, `mined` = what was mined there, through every hop and stage.
     */
    stage: z.enum(['shipped', 'refined', 'mined']).default('shipped'),
    /** Share of the origins' supply at that stage that stops (0..1); or give quotaTonnesPerMonth. */
    shareCut: Share.optional(),
    /**
     * An export quota: tonnes of contained metal per month the origins may still supply; the cut is
     * 1 − quota ÷ their baseline output at the stage (USGS production of the baseline year).
     */
    quotaTonnesPerMonth: z.number().min(0).optional(),
    /** Month index (0 = the scenario's first month) the cut starts. */
    startMonth: z.number().int().min(0).default(0),
    /** Months the cut lasts; null = to the end of the horizon. */
    durationMonths: z.number().int().min(1).nullable().default(null),
  })
  .refine((r) => (r.shareCut === undefined) !== (r.quotaTonnesPerMonth === undefined), {
    message: 'give exactly one of shareCut or quotaTonnesPerMonth',
    path: ['shareCut'],
  });
export type RestrictionSpec = z.infer<typeof RestrictionSpec>;

export const SupplyResponseSpec = z.object({
  /** Fraction of spare capacity brought online per month after the disruption starts (linear ramp). */
  rampUpPerMonth: Share.optional(),
  /** Primary minerals: extra output as a share of other producers' output; by-products: restartable share of idle capacity. */
  spareCapacityShare: z.number().min(0).max(5).optional(),
  /** Months before replacement material is qualified by buyers (no replacement arrives before). */
  qualificationMonths: z.number().int().min(0).max(60).optional(),
});

export const ScenarioSpec = z
  .object({
    id: z
      .string()
      .regex(/^[a-z0-9-]+$/, 'lower-case letters, digits and dashes')
      .optional(),
    name: z.string().min(1),
    description: z.string().optional(),
    minerals: z.array(MineralId).min(1),
    /** BACI year the baseline network is read from. */
    baselineYear: z.number().int().min(2002).max(2024),
    /** Calendar month of month index 0. */
    start: YearMonth,
    horizonMonths: z.number().int().min(1).max(240).default(36),
    countries: z
      .array(Iso3)
      .min(1)
      .default([...TRIO]),
    /** At most 30: the engine tracks active restrictions in a 32-bit mask. */
    restrictions: z.array(RestrictionSpec).max(30).default([]),
    supplyResponse: SupplyResponseSpec.extend({
      byMineral: z.record(MineralId, SupplyResponseSpec).default({}),
    }).default({ byMineral: {} }),
    /**
     * User-set annual demand, tonnes of contained metal, replacing the data's figure; importDependentShare
     * (0..1) defaults to the data's share where it has one, else 1.
     */
    demand: z
      .array(
        z.object({
          country: Iso3,
          mineral: MineralId,
          perYear: z.number().positive(),
          importDependentShare: Share.optional(),
        }),
      )
      .default([]),
    stockpiles: z
      .array(
        z
          .object({
            country: Iso3,
            mineral: MineralId.optional(),
            days: z.number().min(0).optional(),
            /** Tonnes of contained metal. */
            quantity: z.number().min(0).optional(),
          })
          .refine((s) => (s.days === undefined) !== (s.quantity === undefined), {
            message: 'give exactly one of days or quantity',
          }),
      )
      .default([]),
    pooling: z
      .object({
        members: z.array(Iso3).min(2),
        lendableShare: Share.optional(),
        repayment: z.boolean().default(false),
        protectLenders: z.boolean().optional(),
      })
      .nullable()
      .default(null),
    /** Also run with every country's stock at its policy target, beside the run with actual holdings. */
    stockTarget: z.boolean().default(true),
    /** Sanctioned suppliers (src/catalog/sanctions.ts) are excluded from replacement unless this is false. */
    sanctions: z
      .object({ excludeFromReplacement: z.boolean().default(true) })
      .default({ excludeFromReplacement: true }),
    /** Price response: elasticities per mineral override the cited ones (src/catalog/scenario-elasticities.yaml). */
    prices: z
      .object({
        elasticities: z
          .record(MineralId, z.object({ demand: z.number().max(0), supply: z.number().min(0) }))
          .default({}),
      })
      .default({ elasticities: {} }),
    /** Monte Carlo: on by default (DEFAULT_DRAWS, DEFAULT_SEED); null turns it off. */
    montecarlo: z
      .object({
        draws: z.number().int().min(1).max(1_000_000).default(DEFAULT_DRAWS),
        seed: z
          .number()
          .int()
          .min(0)
          .max(2 ** 32 - 1)
          .default(DEFAULT_SEED),
        ranges: z
          .object({
            shareCut: Range(Share).optional(),
            durationMonths: Range(z.number().int().min(1)).optional(),
            rampUpPerMonth: Range(Share).optional(),
            spareCapacityFactor: Range(z.number().min(0).max(10)).optional(),
          })
          .default({}),
      })
      .nullable()
      .default({ draws: DEFAULT_DRAWS, seed: DEFAULT_SEED, ranges: {} }),
    sources: z.array(z.object({ title: z.string(), url: z.string().optional() })).default([]),
  })
  .superRefine((s, ctx) => {
    s.restrictions.forEach((r, i) => {
      for (const [j, m] of (r.minerals ?? []).entries())
        if (!s.minerals.includes(m))
          ctx.addIssue({
            code: 'custom',
            path: ['restrictions', i, 'minerals', j],
            message: `"${m}" is not in minerals`,
          });
      if (r.startMonth >= s.horizonMonths)
        ctx.addIssue({
          code: 'custom',
          path: ['restrictions', i, 'startMonth'],
          message: 'starts after the horizon',
        });
    });
    for (const [i, m] of (s.pooling?.members ?? []).entries())
      if (!s.countries.includes(m))
        ctx.addIssue({
          code: 'custom',
          path: ['pooling', 'members', i],
          message: `"${m}" is not in countries`,
        });
    for (const [i, d] of s.demand.entries())
      if (!s.minerals.includes(d.mineral))
        ctx.addIssue({
          code: 'custom',
          path: ['demand', i, 'mineral'],
          message: `"${d.mineral}" is not in minerals`,
        });
    for (const m of Object.keys(s.prices.elasticities))
      if (!s.minerals.includes(m))
        ctx.addIssue({
          code: 'custom',
          path: ['prices', 'elasticities', m],
          message: `"${m}" is not in minerals`,
        });
    for (const m of Object.keys(s.supplyResponse.byMineral))
      if (!s.minerals.includes(m))
        ctx.addIssue({
          code: 'custom',
          path: ['supplyResponse', 'byMineral', m],
          message: `"${m}" is not in minerals`,
        });
  });
export type ScenarioSpec = z.infer<typeof ScenarioSpec>;
export type ScenarioSpecInput = z.input<typeof ScenarioSpec>;

export interface FieldError {
  field: string;
  message: string;
}

/** 'restrictions[0].shareCut' from a zod path. */
const fieldName = (path: readonly PropertyKey[]) =>
  path.reduce<string>(
    (s, p) => (typeof p === 'number' ? `${s}[${p}]` : s ? `${s}.${String(p)}` : String(p)),
    '',
  ) || '(spec)';

/** Validates a spec; field-level errors on failure. */
export function checkScenarioSpec(input: unknown): { spec: ScenarioSpec } | { errors: FieldError[] } {
  const r = ScenarioSpec.safeParse(input);
  if (r.success) return { spec: r.data };
  return { errors: r.error.issues.map((i) => ({ field: fieldName(i.path), message: i.message })) };
}

/** Validates a spec or throws a UserInputError listing every bad field. */
export function parseScenarioSpec(input: unknown, origin = 'scenario spec'): ScenarioSpec {
  const r = checkScenarioSpec(input);
  if ('spec' in r) return r.spec;
  const lines = r.errors.map((e) => `  ${e.field}: ${e.message}`).join('\n');
  throw new UserInputError(`invalid ${origin}:\n${lines}`, r.errors[0]?.field);
}

/** The calendar month 'YYYY-MM' of month index i. */
export function monthLabel(start: string, i: number): string {
  const [y, m] = start.split('-').map(Number);
  const k = y * 12 + (m - 1) + i;
  return `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`;
}
