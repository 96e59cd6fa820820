// Scenario defaults in one cited constant (DESIGN.md, Scenario engine): stock days per trio country, supply
// response (ramp-up, spare capacity) for primary and by-product minerals, pooling, Monte Carlo ranges.
// Every value can be overridden in the scenario spec. Values marked `assumption: true` are this project's
// judgement, not a published figure; the result's `assumptions` list repeats them.

export interface Cited<T> {
  value: T;
  source: string;
  assumption?: boolean;
  note?: string;
}

/** Days of demand a country's strategic stock covers, per mineral where a mineral-specific figure exists. */
export interface StockDefault {
  days: Cited<number>;
  byMineral?: Record<string, Cited<number>>;
}

export const SCENARIO_DEFAULTS = {
  horizonMonths: 36,

  stockDays: {
    KOR: {
      days: {
        value: 100,
        source:
          'Korea MOTIE, "Critical Minerals Supply Chain Security Strategy" (27 Feb 2023): KOMIR rare-metal stockpile ' +
          'target raised from 54 to 100 days of domestic demand (DESIGN.md, Scenario engine)',
        note: 'a target; holdings at the time were about 54 days — override with stockpiles: [{country: KOR, days: 54}]',
      },
    },
    JPN: {
      days: {
        value: 60,
        source:
          'JOGMEC rare-metal stockpiling programme: about 60 days of domestic consumption as the standard ' +
          '(METI/JOGMEC; DESIGN.md, Scenario engine)',
      },
    },
    USA: {
      days: {
        value: 0,
        assumption: true,
        source:
          'U.S. National Defense Stockpile (DLA Strategic Materials) is value-based and reserved for defence ' +
          'needs; no days-of-demand target exists',
        note: 'assumed: no government stock is released for commercial demand',
      },
      byMineral: {
        gallium: {
          value: 67,
          source:
            'USGS MCS 2026 gallium salient statistics, 2024: consumer stocks 3,410 kg at year end vs reported ' +
            'consumption 18,700 kg → 365 × 3,410 / 18,700 ≈ 67 days (commercial, not government, stock)',
          assumption: true,
          note: 'assumed that consumer stocks are drawn down like a strategic stock',
        },
      },
    },
  } satisfies Record<string, StockDefault>,

  /** Countries outside the trio hold no modelled stock. */
  otherCountryStockDays: { value: 0, source: 'no data', assumption: true } satisfies Cited<number>,

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
    /** Used when the database has no capacity rows: gallium idle capacity outside China, share of world output. */
    byProductIdleShareOfWorld: {
      gallium: {
        value: (10_000 + 10_000 + 100_000 - 3_000 - 6_000) / 900_000,
        source:
          'USGS MCS 2026 gallium, world low-purity production and capacity (doi:10.5066/P1WKQ63T): 2025 capacity ' +
          'Japan 10 t, Russia 10 t, other countries 100 t; production Japan 3 t, Russia 6 t, world 900 t → ' +
          'idle capacity outside China 111 t ≈ 12.3% of world output',
      },
      germanium: {
        value: 0.05,
        assumption: true,
        source:
          'assumption: germanium is recovered from zinc refining and coal fly ash; MCS has no world production ' +
          'table for it (SOURCES.md), so idle recovery capacity outside China is set at 5% of the world market',
      },
    } satisfies Record<string, Cited<number>>,
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
    draws: 1000,
    seed: 1,
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

/** Default stock days for a country and mineral, with its citation. */
export function defaultStockDays(country: string, mineral: string): Cited<number> {
  const d = (SCENARIO_DEFAULTS.stockDays as Record<string, StockDefault>)[country];
  if (!d) return SCENARIO_DEFAULTS.otherCountryStockDays;
  return d.byMineral?.[mineral] ?? d.days;
}

export const isByProduct = (mineral: string) => mineral in SCENARIO_DEFAULTS.byProducts;
