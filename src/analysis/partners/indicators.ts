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
  capability: {
    label:
      'Stage-aware share of world supply: per mineral the best of mine, refinery/primary production, refining capacity or refined share, and half the best of reserves or by-product host output; mean over the minerals in scope',
    direction: 'higher',
    unit: 'share 0–1',
    source:
      'USGS Mineral Commodity Summaries (latest edition); src/catalog/partner-capacity.yaml (cited, secondary ones flagged)',
  },
  complementarity: {
    label: "Capability per mineral weighted by the trio's dependence on China for that mineral",
    direction: 'higher',
    unit: 'share 0–1',
    source: 'USGS MCS and the capacity catalog; BACI trio imports from China',
  },
} as const satisfies Record<string, IndicatorSpec>;

export type IndicatorId = keyof typeof INDICATORS;
export const INDICATOR_IDS = Object.keys(INDICATORS) as IndicatorId[];

/** Indicators that measure what a country can supply (the rest measure how safe and aligned a partner it is). */
export const CAPABILITY_INDICATORS: readonly IndicatorId[] = [
  'capability',
  'complementarity',
  'chinaEntanglement',
];

const weights = (w: Record<IndicatorId, number>) => {
  const total = INDICATOR_IDS.reduce((s, k) => s + w[k], 0);
  return Object.freeze(
    Object.fromEntries(INDICATOR_IDS.map((k) => [k, w[k] / total])) as Record<IndicatorId, number>,
  );
};

/**
 * Weight presets. Weights are a value judgement, not a fact (OECD/JRC 2008, Handbook on Constructing Composite
 * Indicators, §6: "no weighting system is above criticism"); each preset states the judgement it encodes, the
 * output names the preset, and the ranking reports its Spearman correlation with the equal-weight ranking so that a
 * reader sees how much the judgement moves the answer. Assumptions, not cited values:
 * - mineral-partner (default): a partner for critical minerals must first be able to supply them — the three
 *   supply indicators carry 55%, alignment, ties, defence and governance 45%.
 * - supply-first: diversification away from China at almost any political cost — supply 75%.
 * - security-first: only trusted partners — alignment, defence, ties and governance 70%, supply 30%.
 * - equal: the handbook's reference choice when no basis for unequal weights exists (§6.1).
 */
export const WEIGHT_PRESETS = {
  'mineral-partner': {
    description: 'supply capability first (55%), then alignment, ties and governance (45%)',
    weights: weights({
      capability: 0.25,
      complementarity: 0.2,
      chinaEntanglement: 0.1,
      governance: 0.15,
      alignment: 0.1,
      ties: 0.1,
      defence: 0.05,
      alignmentTrend: 0.05,
    }),
  },
  'supply-first': {
    description: 'what a country can supply and how free of China it is (75%)',
    weights: weights({
      capability: 0.35,
      complementarity: 0.25,
      chinaEntanglement: 0.15,
      governance: 0.1,
      alignment: 0.05,
      ties: 0.05,
      defence: 0.025,
      alignmentTrend: 0.025,
    }),
  },
  'security-first': {
    description: 'trusted partners: alignment, defence ties, memberships and governance (70%)',
    weights: weights({
      capability: 0.1,
      complementarity: 0.1,
      chinaEntanglement: 0.1,
      governance: 0.15,
      alignment: 0.2,
      ties: 0.15,
      defence: 0.15,
      alignmentTrend: 0.05,
    }),
  },
  equal: {
    description: 'equal weights (the reference for the rank correlation)',
    weights: weights(Object.fromEntries(INDICATOR_IDS.map((id) => [id, 1])) as Record<IndicatorId, number>),
  },
} as const;
export type WeightPreset = keyof typeof WEIGHT_PRESETS;
export const WEIGHT_PRESET_IDS = Object.keys(WEIGHT_PRESETS) as WeightPreset[];
export const DEFAULT_PRESET: WeightPreset = 'mineral-partner';

/** Default weights: the mineral-partner preset. */
export const DEFAULT_WEIGHTS: Readonly<Record<IndicatorId, number>> = WEIGHT_PRESETS[DEFAULT_PRESET].weights;
