// Scenario defaults in one cited constant (DESIGN.md, Scenario engine): supply response (spare capacity, ramp-up,
// qualification) for primary and by-product minerals, pooling, Monte Carlo ranges. Stock facts are cited catalog
// data (src/catalog/scenario-stocks.yaml), demand comes from USGS and national figures (demand.ts). Every value
// can be overridden in the scenario spec. Values marked `assumption: true` are this project's judgement, not a
// published figure; the result's `assumptions` list repeats them.

export interface Cited<T> {
  value: T;
  source: string;
  assumption?: boolean;
  note?: string;
}

export const SCENARIO_DEFAULTS = {
  horizonMonths: 36,

  supply: {
    /** Primary (mined) minerals: other producers can add this share of their own output at full ramp. */
    primarySpareShare: {
      value: 0.1,
      assumption: true,
      source:
        'assumption: 10% headroom above current output for non-restricted producers (utilisation of mines and ' +
        'refineries near 90%); no published spare-capacity table exists for cobalt, tungsten or molybdenum in MCS',
    } satisfies Cited<number>,
    /** Fraction of the spare capacity brought online per month after the disruption starts (linear ramp). */
    primaryRampUpPerMonth: {
      value: 1 / 12,
      assumption: true,
      source: 'assumption: idle mine/refinery capacity restarts over about 12 months',
    } satisfies Cited<number>,
    byProductRampUpPerMonth: {
      value: 1 / 24,
      assumption: true,
      source:
        'assumption: by-product recovery circuits (gallium at alumina refineries, germanium at zinc refineries) ' +
        'restart over about 24 months; they cannot scale like a primary mine',
    } satisfies Cited<number>,
    /**
     * By-products: spare capacity is the idle recovery capacity of non-restricted producers (capacity −
     * production in the USGS capacity table) times this restartable share.
     */
    byProductRestartableShare: {
      value: 1,
      assumption: true,
      source: 'assumption: all idle by-product recovery capacity outside the restricting country can restart',
    } satisfies Cited<number>,
    /**
     * Months after the first cut before replacement material arrives: new suppliers' material must be sampled
     * and qualified by the buyers (battery-grade cobalt chemicals, semiconductor-grade gallium).
     */
    primaryQualificationMonths: {
      value: 3,
      assumption: true,
      source:
        'assumption: three months to qualify a new supplier of refined material; no published qualification time for these minerals',
    } satisfies Cited<number>,
    byProductQualificationMonths: {
      value: 6,
      assumption: true,
      source:
        'assumption: six months to qualify restarted by-product recovery output at the purity semiconductor users need (6N–7N gallium and germanium)',
    } satisfies Cited<number>,
  },

  /** Minerals recovered as by-products of a host industry (their spare capacity is bounded by it). */
  byProducts: {
    gallium: 'alumina refining (Bayer liquor)',
    germanium: 'zinc refining and coal fly ash',
  } as Record<string, string>,

  pooling: {
    lendableShare: {
      value: 0.5,
      assumption: true,
      source: 'assumption: a lender keeps at least half of its stock for itself',
    } satisfies Cited<number>,
    protectLenders: {
      value: true,
      source:
        'rule: a lender never lends stock its own no-agreement path would draw later, so no member ends worse off',
    } satisfies Cited<boolean>,
  },

  montecarlo: {
    /** Ranges relative to the spec's values; all draws are uniform. */
    shareCutSpread: {
      value: 0.2,
      assumption: true,
      source:
        'assumption: the cut share is uncertain by ±20 points (licences granted, leakage, stricter enforcement)',
    },
    durationFactor: {
      value: [0.5, 2] as [number, number],
      assumption: true,
      source: 'assumption: half to twice the stated duration',
    },
    rampUpFactor: {
      value: [0.5, 1.5] as [number, number],
      assumption: true,
      source: 'assumption: ±50% ramp-up rate',
    },
    spareCapacityFactor: {
      value: [0.5, 1.5] as [number, number],
      assumption: true,
      source: 'assumption: ±50% spare capacity',
    },
  },
} as const;

export const isByProduct = (mineral: string) => mineral in SCENARIO_DEFAULTS.byProducts;
