// The partner ranking with uncertainty from the weights and from the data.
//   Indicators (indicators.ts) are computed from PartnerInputs by one function, `indicatorValues`, used for the
//   point estimate and for every draw, so the draws perturb the inputs and never a shortcut of the formulas:
//     alignment        mean over the trio t of |θ_c − θ_t| in the latest year (Voeten idealpointfp);
//     alignmentTrend   OLS slope of that mean over the trend years (trend.ts), ≥ 5 years with values;
//     governance       mean of the country's six WGI estimates in the latest year;
//     capability       mean over the minerals in scope of s_m (capability.ts);
//     complementarity  Σ_m d_m·s_m / Σ_m d_m (relevance.ts), d_m the trio's dependence on China for m;
//     defence, ties, chinaEntanglement: counts and trade shares, no sampling error to draw.
//   Data uncertainty, per draw (independent across countries, years and indicators — an approximation: the
//   sources publish marginal uncertainty only):
//     θ_c,y ~ Voeten's posterior, by inverse-CDF sampling of the piecewise-linear quantile function through
//       (0, q0), (.05, q5), (.10, q10), (.50, q50), (.90, q90), (.95, q95), (1, q100) (Bailey, Strezhnev & Voeten
//       2017 publish these quantiles of the posterior draws); years or countries without quantiles stay fixed;
//     WGI estimate_k ~ Normal(estimate_k, stddev_k) (Kaufmann, Kraay & Mastruzzi 2010, "The Worldwide Governance
//       Indicators: methodology and analytical issues", World Bank WPS 5430: the estimates come with standard
//       errors of an approximately normal posterior);
//     a USGS value flagged estimated is multiplied by a revision ratio drawn from the empirical ratios of
//       next-edition value over estimate in the database (src/store/queries/partners.ts, estimateRevisionRatios).
//   Weight uncertainty: w ~ Dirichlet(κ·w₀) (composite.ts). Each draw renormalises (min-max or rank, over the
//   candidates), rescores (compositeScore: weighted mean over present indicators) and reranks; the result is the
//   nearest-rank 5th–95th percentile of each country's rank and P(top 5). Seeded (../random.ts). Cost per draw:
//   O(C·(Y·T + 6 + B) + K·C + C log C) for C candidates, Y trend years, T trio members, B bases, K indicators.
import { dirichlet, seededUniform, standardNormal, type Uniform } from '../random.ts';
import { capability, mineralCapability, ratioSampler, type StageBasis } from './capability.ts';
import { compositeScore, rankScores, summariseRanks } from './composite.ts';
import { INDICATOR_IDS, INDICATORS, type IndicatorId } from './indicators.ts';
import { type Normalisation, normalise } from './normalise.ts';
import { complementarity } from './relevance.ts';
import { olsSlope } from './trend.ts';

export interface IdealPoint {
  theta: number | null;
  /** Posterior quantiles q0, q5, q10, q50, q90, q95, q100; null when the source gives none. */
  q: readonly number[] | null;
}

export interface GovernanceEstimate {
  estimate: number | null;
  stddev: number | null;
}

export interface PartnerInputs {
  countries: readonly string[];
  trio: readonly string[];
  /** Trend years, ascending; the last is the year of the alignment indicator. */
  years: readonly number[];
  /** `${country}:${year}` → ideal point, for candidates and trio members. */
  ideal: ReadonlyMap<string, IdealPoint>;
  governance: ReadonlyMap<string, readonly GovernanceEstimate[]>;
  defence: ReadonlyMap<string, number | null>;
  ties: ReadonlyMap<string, number | null>;
  entanglement: ReadonlyMap<string, number | null>;
  minerals: readonly string[];
  /** The trio's dependence on China per mineral (0..1), null when unmeasured. */
  dependence: ReadonlyMap<string, number | null>;
  bases: ReadonlyMap<string, readonly StageBasis[]>;
  /** Empirical next-edition / estimate ratios of USGS production values. */
  revisionRatios: readonly number[];
}

/** How one evaluation reads uncertain inputs: the point values, or draws. */
export interface InputReader {
  theta(p: IdealPoint | undefined): number | null;
  governance(g: GovernanceEstimate): number | null;
  factor(b: StageBasis): number;
}

export const POINT: InputReader = {
  theta: (p) => p?.theta ?? null,
  governance: (g) => g.estimate,
  factor: () => 1,
};

const QUANTILE_PROBS = [0, 0.05, 0.1, 0.5, 0.9, 0.95, 1];

/** Inverse-CDF sample of a piecewise-linear quantile function through (QUANTILE_PROBS, q). */
export function sampleQuantiles(q: readonly number[], u: number): number {
  for (let i = 1; i < QUANTILE_PROBS.length; i++)
    if (u <= QUANTILE_PROBS[i]) {
      const p0 = QUANTILE_PROBS[i - 1];
      const t = (u - p0) / (QUANTILE_PROBS[i] - p0);
      return q[i - 1] + t * (q[i] - q[i - 1]);
    }
  return q[q.length - 1];
}

/** A reader that draws every uncertain input afresh from the seeded uniform. */
export function drawingReader(u: Uniform, revisionRatios: readonly number[]): InputReader {
  const ratio = ratioSampler(revisionRatios, u);
  return {
    theta: (p) => (p?.q ? sampleQuantiles(p.q, u()) : (p?.theta ?? null)),
    governance: (g) =>
      g.estimate === null ? null : g.stddev ? g.estimate + g.stddev * standardNormal(u) : g.estimate,
    factor: (b) => (b.estimated && b.share !== null ? ratio() : 1),
  };
}

const mean = (xs: readonly (number | null)[]) => {
  if (!xs.length || xs.some((x) => x === null)) return null;
  return (xs as number[]).reduce((s, x) => s + x, 0) / xs.length;
};

export interface CountryValues {
  values: Record<IndicatorId, number | null>;
  /** s_m per mineral in scope (capability.ts), point estimate or draw. */
  perMineral: (number | null)[];
}

/** The eight raw indicators of every candidate, reading uncertain inputs through `reader`. */
export function indicatorValues(inputs: PartnerInputs, reader: InputReader = POINT): CountryValues[] {
  const last = inputs.years[inputs.years.length - 1];
  // Each ideal point is read once per evaluation: the level and the trend, and every candidate's distance to a
  // trio member, use the same draw.
  const theta = new Map<string, number | null>();
  const th = (who: string, y: number) => {
    const k = `${who}:${y}`;
    if (!theta.has(k)) theta.set(k, reader.theta(inputs.ideal.get(k)));
    return theta.get(k) as number | null;
  };
  return inputs.countries.map((c) => {
    const trioMean = (y: number) => {
      const own = th(c, y);
      return mean(
        inputs.trio.map((t) =>
          own === null || th(t, y) === null ? null : Math.abs(own - (th(t, y) as number)),
        ),
      );
    };
    const series = inputs.years.map((year) => ({ year, value: trioMean(year) }));
    const gov = (inputs.governance.get(c) ?? []).map((g) => reader.governance(g)).filter((x) => x !== null);
    const bases = inputs.bases.get(c) ?? [];
    const perMineral = inputs.minerals.map((m) =>
      mineralCapability(
        bases.filter((b) => b.mineral === m),
        (b) => reader.factor(b),
      ),
    );
    return {
      perMineral,
      values: {
        alignment: last === undefined ? null : trioMean(last),
        alignmentTrend: olsSlope(series),
        defence: inputs.defence.get(c) ?? null,
        ties: inputs.ties.get(c) ?? null,
        governance: gov.length ? (gov as number[]).reduce((s, x) => s + x, 0) / gov.length : null,
        chinaEntanglement: inputs.entanglement.get(c) ?? null,
        capability: capability(perMineral),
        complementarity: complementarity(
          inputs.minerals.map((m, k) => ({
            mineral: m,
            dependence: inputs.dependence.get(m) ?? null,
            productionShare: perMineral[k],
          })),
        ),
      },
    };
  });
}

/** Normalised matrix (countries × indicators, 1 = best) of raw values; `keep` masks the indicators used. */
export function normalisedMatrix(
  values: readonly CountryValues[],
  method: Normalisation,
  keep: readonly boolean[],
): (number | null)[][] {
  const cols = INDICATOR_IDS.map((id, k) =>
    keep[k]
      ? normalise(
          values.map((v) => v.values[id]),
          INDICATORS[id].direction,
          method,
        )
      : values.map(() => null),
  );
  return values.map((_, i) => INDICATOR_IDS.map((_, k) => cols[k][i]));
}

export const UNCERTAINTY_DEFAULTS = {
  draws: 1000,
  seed: 1,
  concentration: 20,
  weights: true,
  data: true,
  interval: [0.05, 0.95] as [number, number],
  top: 5,
  normalisation: 'minmax' as Normalisation,
};
export type UncertaintyOptions = typeof UNCERTAINTY_DEFAULTS;

export interface RankedCountry {
  country: string;
  score: number | null;
  rank: number | null;
  rankInterval: [number, number] | null;
  pTop5: number | null;
  values: Record<IndicatorId, number | null>;
  normalised: Record<IndicatorId, number | null>;
  perMineral: (number | null)[];
}

export interface PartnerRanking {
  rows: RankedCountry[];
  /** Indicators without variation (or data) across the candidates: not used. */
  dropped: IndicatorId[];
  draws: number;
  uncertainty: { weights: boolean; data: boolean };
}

/** Point estimate and rank distribution of the candidates under weights w₀ (need not sum to 1). */
export function rankPartners(
  inputs: PartnerInputs,
  w0: Readonly<Record<IndicatorId, number>>,
  options: Partial<UncertaintyOptions> = {},
): PartnerRanking {
  const o = { ...UNCERTAINTY_DEFAULTS, ...options };
  const weights = INDICATOR_IDS.map((id) => w0[id]);
  const total = weights.reduce((s, w) => s + w, 0);
  if (!(total > 0) || weights.some((w) => !(w >= 0)))
    throw new RangeError('weights must be non-negative with a positive sum');
  const point = indicatorValues(inputs);
  const all = INDICATOR_IDS.map(() => true);
  const pointMatrix = normalisedMatrix(point, o.normalisation, all);
  const keep = INDICATOR_IDS.map((_, k) => pointMatrix.some((row) => row[k] !== null));
  const dropped = INDICATOR_IDS.filter((_, k) => !keep[k]);
  const wPoint = weights.map((w, k) => (keep[k] ? w / total : 0));
  const scores = pointMatrix.map((row) => compositeScore(row, wPoint));
  const ranks = rankScores(scores, inputs.countries);
  const ranked = ranks.map((r, i) => (r === null ? -1 : i)).filter((i) => i >= 0);
  const sampling = o.draws > 0 && (o.weights || o.data) && ranked.length > 0;
  const drawRanks = ranked.map(() => new Int32Array(sampling ? o.draws : 0));
  if (sampling) {
    const u = seededUniform(o.seed);
    const reader = o.data ? drawingReader(u, inputs.revisionRatios) : POINT;
    const alpha = wPoint.map((w) => w * o.concentration);
    const s = new Float64Array(ranked.length);
    const order = [...ranked.keys()];
    for (let d = 0; d < o.draws; d++) {
      const w = o.weights ? dirichlet(alpha, u) : wPoint;
      const m = o.data
        ? normalisedMatrix(indicatorValues(inputs, reader), o.normalisation, keep)
        : pointMatrix;
      for (let k = 0; k < ranked.length; k++)
        s[k] = compositeScore(m[ranked[k]], w) ?? Number.NEGATIVE_INFINITY;
      order.sort(
        (a, b) => s[b] - s[a] || inputs.countries[ranked[a]].localeCompare(inputs.countries[ranked[b]]),
      );
      for (let r = 0; r < order.length; r++) drawRanks[order[r]][d] = r + 1;
    }
  }
  const pos = new Map(ranked.map((i, k) => [i, k]));
  const rows = inputs.countries.map((country, i): RankedCountry => {
    const k = pos.get(i);
    const summary = k !== undefined && sampling ? summariseRanks(drawRanks[k], o.interval, o.top) : null;
    return {
      country,
      score: scores[i],
      rank: ranks[i],
      rankInterval: summary?.rankInterval ?? null,
      pTop5: summary?.pTop5 ?? null,
      values: point[i].values,
      normalised: Object.fromEntries(INDICATOR_IDS.map((id, kk) => [id, pointMatrix[i][kk]])) as Record<
        IndicatorId,
        number | null
      >,
      perMineral: point[i].perMineral,
    };
  });
  return { rows, dropped, draws: sampling ? o.draws : 0, uncertainty: { weights: o.weights, data: o.data } };
}
