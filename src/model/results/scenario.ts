// The scenario result contract: one zod schema that the service returns, the CLI prints (--json), the API
// declares (its OpenAPI document) and the page and briefs read. Every quantity says its unit: tonnes of contained
// metal (`t`), tonnes per month (`t/month`), days or months of demand, U.S. dollars (`USD`, `USD/t`).
import { z } from 'zod';

const Num = z.number();
const NullableNum = z.number().nullable();

export const Band = z.object({ p5: Num, p50: Num, p95: Num, unit: z.string() });
export type Band = z.infer<typeof Band>;

export const SourceRef = z.object({ sourceId: z.number().int(), sourceLine: z.number().int() });
export const Citation = z.object({ title: z.string(), url: z.string() });

export const ScenarioListItem = z.object({
  id: z.string(),
  name: z.string(),
  minerals: z.array(z.string()),
  baselineYear: z.number().int(),
  start: z.string(),
  exportControls: z.array(z.string()),
  evidence: z.array(z.object({ title: z.string(), url: z.string().optional() })),
  notes: z.array(z.string()),
});
export type ScenarioListItem = z.infer<typeof ScenarioListItem>;
export const ScenarioList = z.array(ScenarioListItem);

export const Restriction = z.object({
  id: z.string().nullable(),
  exportControlId: z.string().nullable(),
  origins: z.array(z.string()),
  minerals: z.array(z.string()),
  targets: z.union([z.literal('all'), z.array(z.string())]),
  stage: z.enum(['shipped', 'refined', 'mined']),
  shareCut: Num,
  quotaTonnesPerMonth: NullableNum,
  /** How the cut was set (spec share, or the quota against the origins' USGS output). */
  cutBasis: z.string(),
  startMonth: z.number().int(),
  durationMonths: z.number().int().nullable(),
});

export const Demand = z.object({
  perYearT: NullableNum,
  importDependentT: NullableNum,
  basis: z.string(),
  year: z.number().int().nullable(),
  label: z.string(),
  reason: z.string().nullable(),
  rows: z.array(SourceRef),
  citations: z.array(Citation),
});

export const StockLevel = z.object({
  tonnes: Num,
  days: Num,
  basis: z.string(),
  label: z.string(),
  reason: z.string().nullable(),
  assumption: z.boolean(),
  rows: z.array(SourceRef),
  citations: z.array(Citation),
});

export const BaselineCountry = z.object({
  country: z.string(),
  demand: Demand,
  stock: z.object({
    holder: z.string().nullable(),
    actual: StockLevel,
    target: StockLevel.nullable(),
    governmentShipmentsT: NullableNum,
    governmentShipmentsLabel: z.string().nullable(),
  }),
  /** Imports by customs origin, tonnes of contained metal per year. */
  importsByOrigin: z.array(z.object({ origin: z.string(), tonnes: Num, share: Num })),
  views: z
    .object({
      basis: z.string(),
      refinedIn: z.array(z.object({ country: z.string(), share: Num })).nullable(),
      minedIn: z.array(z.object({ country: z.string(), share: Num })).nullable(),
      untraced: z.object({ refined: NullableNum, mined: NullableNum }),
    })
    .nullable(),
});

export const Baseline = z.object({
  mineral: z.string(),
  unit: z.literal('t'),
  basis: z.string(),
  hs: z.array(z.string()),
  world: z.object({ stage: z.string(), year: z.number().int(), tonnes: Num }).nullable(),
  restOfWorld: z.object({ tonnes: Num, note: z.string() }),
  pools: z.object({ mined: z.string().nullable(), refined: z.string().nullable() }),
  countries: z.array(BaselineCountry),
});

export const MonthRow = z.object({
  month: z.number().int(),
  date: z.string(),
  demand: Num,
  supply: Num,
  /** Supply by customs origin (imports and the domestic part under the country's own code), t/month. */
  supplyByOrigin: z.record(z.string(), Num),
  /** Replacement supply by origin this month, t/month. */
  replacementByOrigin: z.record(z.string(), Num),
  lost: Num,
  replacement: Num,
  /** Own stock drawn plus stock borrowed from the pool. */
  stockDrawn: Num,
  borrowed: Num,
  lent: Num,
  unmet: Num,
  stock: Num,
});

export const Recovery = z.object({
  /** What ended the shortfall: replacement supply, the measure's end, nothing within the horizon, or no shortfall. */
  by: z.enum(['replacement', 'measure_end', 'not_within_horizon', 'no_shortfall']),
  /** Months from the first cut until replacement alone covers the loss with the measure still in force. */
  replacementMonths: z.number().int().nullable(),
  replacementCensored: z.boolean(),
  /** Month index the last restriction reaching this country ends (null: open-ended). */
  measureEndsMonth: z.number().int().nullable(),
  statement: z.string(),
});

export const CountryOutcome = z.object({
  country: z.string(),
  mineral: z.string(),
  unit: z.literal('t'),
  initialStock: Num,
  months: z.array(MonthRow),
  ttsMonths: z.number().int(),
  ttsCensored: z.boolean(),
  ttrMonths: z.number().int(),
  ttrCensored: z.boolean(),
  /** TTS < TTR: the stock runs out before supply recovers (Simchi-Levi's flag for action). */
  ttsBeforeTtr: z.boolean(),
  recovery: Recovery,
  cumulativeShortfall: Num,
  cumulativeShortfallDays: Num,
});

export const WorldMonth = z.object({
  month: z.number().int(),
  date: z.string(),
  demand: Num,
  cutVolume: Num,
  replacement: Num,
  spareAvailable: Num,
  stockDrawn: Num,
  unmetModelled: Num,
  unmetRestOfWorld: Num,
});

export const WorldView = z.object({
  mineral: z.string(),
  unit: z.literal('t'),
  worldSupplyPerYear: Num,
  months: z.array(WorldMonth),
});

export const PoolMember = z.object({
  country: z.string(),
  daysGained: Num,
  ttsNoAgreement: z.number().int(),
  ttsWithAgreement: z.number().int(),
  cumulativeShortfallNoAgreement: Num,
  cumulativeShortfallWithAgreement: Num,
  lent: Num,
  borrowed: Num,
  repaid: Num,
  endStockNoAgreement: Num,
  endStockWithAgreement: Num,
});

export const Pooling = z.object({
  members: z.array(z.string()),
  lendableShare: Num,
  repayment: z.boolean(),
  protectLenders: z.boolean(),
  /** Headline: days gained per member and mineral, with the member's binding (smallest-gain) mineral named. */
  headline: z.array(
    z.object({
      country: z.string(),
      byMineral: z.array(z.object({ mineral: z.string(), daysGained: Num })),
      bindingMineral: z.string().nullable(),
      bindingDaysGained: NullableNum,
    }),
  ),
  /** Per member: the binding mineral's days gained (the smallest over the minerals). */
  daysGained: z.record(z.string(), Num),
  byMineral: z.array(z.object({ mineral: z.string(), unit: z.literal('t'), members: z.array(PoolMember) })),
});

export const StockTargetRow = z.object({
  country: z.string(),
  mineral: z.string(),
  actualStockT: Num,
  actualDays: Num,
  targetStockT: Num,
  targetDays: Num,
  ttsActual: z.number().int(),
  ttsTarget: z.number().int(),
  shortfallActualT: Num,
  shortfallTargetT: Num,
  /** Days of demand the target stock would add (shortfall actual − target ÷ daily demand). */
  daysGainedByTarget: Num,
});

export const PricePath = z.object({
  mineral: z.string(),
  unit: z.literal('USD/t'),
  basePrice: NullableNum,
  basePriceLabel: z.string(),
  elasticities: z.object({ demand: Num, supply: Num, source: z.string(), confidence: z.string() }).nullable(),
  /** null with the reason when no price series or no cited elasticity exists. */
  reason: z.string().nullable(),
  months: z.array(
    z.object({ month: z.number().int(), date: z.string(), gapShare: Num, price: Num, change: Num }),
  ),
  peakPrice: NullableNum,
  peakChange: NullableNum,
  addedCost: z.array(z.object({ country: z.string(), usd: Num, basis: z.string() })),
});

export const SeriesBands = z.object({
  country: z.string(),
  mineral: z.string(),
  unit: z.string(),
  ttsMonths: Band,
  ttrMonths: Band,
  cumulativeShortfall: Band,
  pTtsLtTtr: Num,
  unmet: z.array(Band.extend({ month: z.number().int() })),
});

export const MonteCarlo = z.object({
  draws: z.number().int(),
  seed: z.number().int(),
  ranges: z.object({
    shareCut: z.tuple([Num, Num]).optional(),
    durationMonths: z.tuple([Num, Num]).optional(),
    rampUpPerMonth: z.tuple([Num, Num]).optional(),
    spareCapacityFactor: z.tuple([Num, Num]),
    shareCutSpread: Num,
    durationFactor: z.tuple([Num, Num]),
    rampUpFactor: z.tuple([Num, Num]),
  }),
  bands: z.array(SeriesBands),
  pooling: z
    .object({
      members: z.array(z.string()),
      daysGained: z.record(z.string(), Band),
      byMineral: z.array(
        z.object({
          mineral: z.string(),
          unit: z.string(),
          members: z.array(
            z.object({
              country: z.string(),
              daysGained: Band,
              ttsNoAgreement: Band,
              ttsWithAgreement: Band,
              pTtsLtTtrNoAgreement: Num,
              pTtsLtTtrWithAgreement: Num,
            }),
          ),
        }),
      ),
    })
    .nullable(),
});

export const Exclusion = z.object({
  buyer: z.string(),
  supplier: z.string(),
  measures: z.array(
    z.object({ imposer: z.string(), instrument: z.string(), inForce: z.string(), url: z.string() }),
  ),
});

export const Gap = z.object({
  mineral: z.string(),
  country: z.string().nullable(),
  reason: z.string(),
  detail: z.string(),
});

export const ScenarioResult = z.object({
  scenario: z.object({
    id: z.string().nullable(),
    name: z.string(),
    preset: z.boolean(),
    start: z.string(),
    horizonMonths: z.number().int(),
    baselineYear: z.number().int(),
    minerals: z.array(z.string()),
    countries: z.array(z.string()),
    /** The restrictions as given in the spec (for editing and re-running). */
    spec: z.record(z.string(), z.unknown()),
    restrictions: z.array(Restriction),
    notes: z.array(z.string()),
    evidence: z.array(z.object({ title: z.string(), url: z.string().optional() })),
  }),
  /** The brief's first lines: what the run means for a minister (English). */
  brief: z.array(z.string()),
  /** The same lines as message keys and parameters, for the ko/ja/en locales. */
  briefItems: z.array(
    z.object({
      key: z.string(),
      params: z.record(z.string(), z.union([z.string(), z.number()])),
      text: z.string(),
    }),
  ),
  baseline: z.array(Baseline),
  countries: z.array(CountryOutcome),
  world: z.array(WorldView),
  pooling: Pooling.nullable(),
  /** The same scenario with every stock at its policy target, beside the actual holdings. */
  stockTarget: z.array(StockTargetRow).nullable(),
  prices: z.array(PricePath),
  sanctions: z.object({
    excludeFromReplacement: z.boolean(),
    catalog: z.string(),
    excluded: z.array(Exclusion),
    note: z.string(),
  }),
  montecarlo: MonteCarlo.nullable(),
  calibration: z.array(
    z.object({ preset: z.string(), mineral: z.string(), statement: z.string(), detail: z.array(z.string()) }),
  ),
  assumptions: z.array(z.string()),
  gaps: z.array(Gap),
  sources: z.array(
    z.object({
      sourceId: z.number().int().nullable(),
      title: z.string(),
      url: z.string().optional(),
      licence: z.string().optional(),
    }),
  ),
});
export type ScenarioResult = z.infer<typeof ScenarioResult>;

export const CompareRun = z.object({
  label: z.string(),
  id: z.string().nullable(),
  name: z.string(),
  start: z.string(),
  brief: z.array(z.string()),
});

export const ScenarioCompareResult = z.object({
  runs: z.array(CompareRun),
  /** One row per country × mineral present in any run; each metric per run, in run order (null: not modelled). */
  rows: z.array(
    z.object({
      country: z.string(),
      mineral: z.string(),
      ttsMonths: z.array(z.number().int().nullable()),
      ttrMonths: z.array(z.number().int().nullable()),
      recoveredBy: z.array(z.string().nullable()),
      shortfallT: z.array(NullableNum),
      shortfallDays: z.array(NullableNum),
      daysGainedByPool: z.array(NullableNum),
      shortfallP95T: z.array(NullableNum),
      addedCostUsd: z.array(NullableNum),
    }),
  ),
  units: z.object({
    ttsMonths: z.literal('months'),
    shortfallT: z.literal('t'),
    shortfallDays: z.literal('days of demand'),
    daysGainedByPool: z.literal('days of demand'),
    addedCostUsd: z.literal('USD'),
  }),
  notes: z.array(z.string()),
});
export type ScenarioCompareResult = z.infer<typeof ScenarioCompareResult>;
