// The indicators of the composite partner index: what each measures, its direction (which way is better) and
// its source. The values are computed by the sibling modules (ties, entanglement, relevance, trend) and by the
// alignment metrics in ../alignment; this file only names them so that normalisation, weights, the CLI and the
// briefing share one list.
import type { Direction } from './normalise.ts';

export interface IndicatorSpec {
  label: string;
  direction: Direction;
  unit: string;
  source: string;
}

export const INDICATORS = {
  alignment: {
    label: 'UNGA ideal-point distance to the trio (mean of |θ_c − θ_t| over KOR, JPN, USA), latest year',
    direction: 'lower',
    unit: 'ideal-point units',
    source: 'Voeten UNGA ideal points, July 2025 (Bailey, Strezhnev & Voeten 2017)',
  },
  alignmentTrend: {
    label: 'Decade trend of that distance (OLS slope over the last ten years; negative = converging)',
    direction: 'lower',
    unit: 'ideal-point units per year',
    source: 'Voeten UNGA ideal points, July 2025',
  },
  defence: {
    label: 'Trio members with an ATOP defence obligation (2018)',
    direction: 'higher',
    unit: 'count 0–3',
    source: 'ATOP 5.1 (Leeds et al. 2002) via peacesciencer',
  },
  ties: {
    label:
      'Memberships in trio-aligned groups (MSP, MSP Finance Network, MSP Forum, IPEF, Quad, OECD, CPTPP, FTAs/EPAs with KOR/JPN/USA)',
    direction: 'higher',
    unit: 'status-weighted count',
    source: 'shared/data/countries/memberships.csv (hand-compiled; verification flags carried)',
  },
  governance: {
    label: 'Worldwide Governance Indicators, mean of the six estimates, latest year',
    direction: 'higher',
    unit: 'WGI estimate (≈ −2.5 … 2.5)',
    source: 'World Bank WGI 2024 update (Kaufmann & Kraay)',
  },
  chinaEntanglement: {
    label:
      "Share of the value of the country's exports of the 32 BACI critical-material codes going to China",
    direction: 'lower',
    unit: 'share 0–1',
    source: 'CEPII BACI (Gaulier & Zignago 2010), latest year',
  },
  mineralShare: {
    label:
      'Share of world mine production and reserves (mean of the two, averaged over the minerals in scope)',
    direction: 'higher',
    unit: 'share 0–1',
    source: 'USGS Mineral Commodity Summaries, latest edition',
  },
  complementarity: {
    label: "Production share weighted by the trio's dependence on China per mineral",
    direction: 'higher',
    unit: 'share 0–1',
    source: 'USGS MCS production; BACI trio imports from China',
  },
} as const satisfies Record<string, IndicatorSpec>;

export type IndicatorId = keyof typeof INDICATORS;
export const INDICATOR_IDS = Object.keys(INDICATORS) as IndicatorId[];

/**
 * Default weights: equal across the eight indicators. Equal weighting is the handbook's reference choice when no
 * empirical or participatory basis for unequal weights exists (OECD/JRC 2008, Handbook on Constructing Composite
 * Indicators, §6.1); the Dirichlet weight sampling in composite.ts shows how much the ranking depends on it.
 */
export const DEFAULT_WEIGHTS: Readonly<Record<IndicatorId, number>> = Object.freeze(
  Object.fromEntries(INDICATOR_IDS.map((id) => [id, 1 / INDICATOR_IDS.length])) as Record<
    IndicatorId,
    number
  >,
);
