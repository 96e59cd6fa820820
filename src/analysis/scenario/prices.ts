// Price response and added cost of a disruption (issue 11, item 8), pure.
// Structure after USGS OFR 2025-1047 (Methodology and technical input for the 2025 U.S. List of Critical
// Minerals, doi:10.3133/ofr20251047): spare production capacity answers first (the engine's replacement), and the
// remaining net supply loss moves the price through the price elasticities of supply and demand. With constant
// elasticities ε_s ≥ 0 and ε_d ≤ 0 and a net loss of a share g of world supply,
//   Q0·(1 − g)·(P/P0)^ε_s = Q0·(P/P0)^ε_d   ⇒   P/P0 = (1 − g)^(−1/(ε_s − ε_d)),
// month by month, with g(t) = Σ_i (lost_i − replacement_i)(t) ÷ Σ_i D_i (world demand, rest of world included;
// stock draws are not counted as market supply: strategic stocks serve their own country). Added cost per country
// = Σ_t (P(t) − P0) × imported supply_i(t): what the country pays above the baseline price for what it still imports.
// Base price: the USGS salient price series of the baseline year, converted to U.S. dollars per tonne of contained
// metal (US_PRICE). A mineral without a price series or without a cited elasticity pair has no price path: null
// with the reason, never a default elasticity.
import type { CompiledMineral, MineralRun } from './engine.ts';
import { type SalientRow, type SeriesParts, salientValue } from './salient.ts';
import { monthLabel } from './spec.ts';

const LB_PER_T = 2204.62262; // pounds per metric ton (NIST: 1 lb = 0.45359237 kg)

/** USGS salient price series per mineral and its factor to U.S. dollars per tonne of contained metal. */
export const US_PRICE: Record<string, { parts: SeriesParts; toUsdPerT: number; label: string }> = {
  cobalt: {
    parts: [[/^Price, average, dollars per pound: U\.S\. spot, cathode$/, /^Price_Spot_dlb$/]],
    toUsdPerT: LB_PER_T,
    label: 'U.S. spot cathode price ($/lb × 2,204.62 lb/t)',
  },
  gallium: {
    parts: [[/^Price, average unit value of imports, dollars per kilogram$/]],
    toUsdPerT: 1000,
    label: 'average unit value of U.S. gallium metal imports ($/kg × 1,000)',
  },
  tungsten: {
    parts: [
      [
        /^Price, concentrate, average in-warehouse Rotterdam, dollars per dry metric ton unit of tungsten trioxide$/,
        /^Price_WO3_dt$/,
      ],
    ],
    // A metric ton unit of WO3 (10 kg) contains 7.93 kg of tungsten (USGS MCS 2026, Tungsten).
    toUsdPerT: 1000 / 7.93,
    label:
      'concentrate price, $/mtu WO3 ÷ 7.93 kg W per mtu × 1,000 (USGS: an mtu of WO3 contains 7.93 kg W)',
  },
  molybdenum: {
    parts: [[/^Price, average, dollars per kilogram$/, /^Price_dkg$/]],
    toUsdPerT: 1000,
    label: 'molybdic oxide price per kg of molybdenum content ($/kg × 1,000)',
  },
  antimony: {
    parts: [[/^Price, metal, average, dollars per pound$/]],
    toUsdPerT: LB_PER_T,
    label: 'antimony metal price ($/lb × 2,204.62 lb/t)',
  },
  germanium: {
    parts: [[/^Price, annual average, dollars per kilogram: Germanium metal$/]],
    toUsdPerT: 1000,
    label: 'germanium metal price ($/kg × 1,000)',
  },
};

export interface BasePrice {
  mineral: string;
  usdPerT: number | null;
  label: string;
  rows: { sourceId: number; sourceLine: number }[];
}

/** The baseline-year price in USD per tonne of contained metal, or null with the reason in the label. */
export function basePrice(mineral: string, rows: readonly SalientRow[], year: number): BasePrice {
  const p = US_PRICE[mineral];
  if (!p) return { mineral, usdPerT: null, label: `no USGS price series mapped for ${mineral}`, rows: [] };
  const v = salientValue(rows, p.parts, year);
  if (v.value === null || v.bound)
    return {
      mineral,
      usdPerT: null,
      label: `USGS price ${year}: ${v.reason ?? 'not published'}`,
      rows: v.rows,
    };
  return {
    mineral,
    usdPerT: v.value * p.toUsdPerT,
    label: `USGS ${v.series.join('')} ${year} (MCS ${v.edition}) = ${v.value} → ${Math.round(v.value * p.toUsdPerT).toLocaleString('en-US')} USD/t: ${p.label}`,
    rows: v.rows,
  };
}

export interface ElasticityPair {
  demand: number;
  supply: number;
  source: string;
  confidence: string;
}

export interface PricePath {
  mineral: string;
  unit: 'USD/t';
  basePrice: number | null;
  basePriceLabel: string;
  elasticities: ElasticityPair | null;
  reason: string | null;
  months: { month: number; date: string; gapShare: number; price: number; change: number }[];
  peakPrice: number | null;
  peakChange: number | null;
  addedCost: { country: string; usd: number; basis: string }[];
}

/** Price path and added cost per modelled country for one mineral's run. */
export function pricePath(
  c: CompiledMineral,
  run: MineralRun,
  base: BasePrice,
  elasticities: ElasticityPair | null,
  start: string,
  modelled: readonly string[],
): PricePath {
  const empty = (reason: string): PricePath => ({
    mineral: c.mineral,
    unit: 'USD/t',
    basePrice: base.usdPerT,
    basePriceLabel: base.label,
    elasticities,
    reason,
    months: [],
    peakPrice: null,
    peakChange: null,
    addedCost: [],
  });
  if (base.usdPerT === null) return empty(`insufficient_data: ${base.label}`);
  if (!elasticities)
    return empty(
      `insufficient_data: no cited price elasticities of demand and supply for ${c.mineral} (src/catalog/scenario-elasticities.yaml); set prices.elasticities in the spec to compute a path`,
    );
  const H = c.horizon;
  const P0 = base.usdPerT;
  const spread = elasticities.supply - elasticities.demand;
  let world = 0;
  for (let i = 0; i < c.n; i++) world += c.demand[i];
  const months = Array.from({ length: H }, (_, t) => {
    let gap = 0;
    for (let i = 0; i < c.n; i++) gap += run.lost[i * H + t] - run.replacement[i * H + t];
    const g = world > 0 ? Math.min(0.999, Math.max(0, gap / world)) : 0;
    const price = P0 * (1 - g) ** (-1 / spread);
    return { month: t, date: monthLabel(start, t), gapShare: g, price, change: price / P0 - 1 };
  });
  const peak = months.reduce((a, b) => (b.price > a.price ? b : a), months[0]);
  const addedCost = modelled.flatMap((country) => {
    const i = c.countries.indexOf(country);
    if (i < 0) return [];
    const domestic = c.demand[i] - c.imported[i];
    let usd = 0;
    for (let t = 0; t < H; t++) {
      const importedSupply = Math.max(0, run.supply[i * H + t] - domestic);
      usd += (months[t].price - P0) * importedSupply;
    }
    return [
      {
        country,
        usd,
        basis: 'Σ months (price − base price) × imported supply (tonnes of contained metal still imported)',
      },
    ];
  });
  return {
    mineral: c.mineral,
    unit: 'USD/t',
    basePrice: P0,
    basePriceLabel: base.label,
    elasticities,
    reason: null,
    months,
    peakPrice: peak?.price ?? null,
    peakChange: peak ? peak.change : null,
    addedCost,
  };
}
