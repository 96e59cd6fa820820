// Stage-aware mineral capability of a candidate partner. A country can supply a mineral through several stages
// and bases, each a share of a world total:
//   supply bases    mine production, refinery (or primary) production, refining capacity (USGS tables), and
//                   refining shares from the catalog (secondary compilations flagged `secondary`);
//   potential bases reserves (USGS) and the output of a by-product host industry (alumina for gallium, zinc for
//                   germanium, copper for molybdenum, copper and nickel for cobalt): material the country could
//                   produce, not material it ships today;
//   catalogued      a named plant or idle capacity without a published share (USGS notes, operators): it makes
//                   the country a candidate and is shown, and counts as a supply share of 0 — not quantified, so not
//                   credited (a lower bound), rather than missing (which would re-share its weight to the other
//                   indicators and rank an unquantified supplier on alignment alone).
// Per mineral m: s_m = max(max supply share, POTENTIAL_WEIGHT × max potential share), null when the country has no
// numeric basis for m; the capability indicator is the mean of s_m over the minerals in scope, each mineral the
// country has no basis for counting 0 (it does not supply it). POTENTIAL_WEIGHT is an assumption (no source
// weighs potential against current output): potential counts half. Cost: O(bases).
import type { Uniform } from '../random.ts';

export const POTENTIAL_WEIGHT = 0.5;
/** Share of a world total from which a basis alone makes a country a candidate (1%, as before). */
export const CANDIDATE_MIN_SHARE = 0.01;

export type BasisStage = 'mine' | 'refining' | 'recycling';
export type BasisKind =
  | 'production'
  | 'capacity'
  | 'refined-share'
  | 'reserves'
  | 'host-industry'
  | 'catalogued';

export interface StageBasis {
  mineral: string;
  stage: BasisStage;
  kind: BasisKind;
  /** Share of the world total of the same table, 0..1; null for catalogued facts without a figure. */
  share: number | null;
  value: number | null;
  unit: string | null;
  year: number | null;
  /** USGS marks the value as an estimate: it is perturbed in the data-uncertainty draws. */
  estimated: boolean;
  /** A secondary compilation, not the producer or USGS. */
  secondary: boolean;
  /** For host-industry bases: the host (alumina, zinc, copper, nickel). */
  host?: string;
  /** "USGS MCS 2026 [1] line 2563", "catalog co-refined-share-atlas-2024", … */
  source: string;
}

export const isPotential = (b: Pick<StageBasis, 'kind'>) =>
  b.kind === 'reserves' || b.kind === 'host-industry';

/** A short label of the basis for tables: "refining (capacity)", "by-product (alumina refining)". */
export function basisLabel(b: StageBasis): string {
  if (b.kind === 'host-industry') return `by-product (${b.host ?? 'host industry'})`;
  if (b.kind === 'reserves') return 'reserves';
  const what = b.kind === 'refined-share' ? 'share of refined output' : b.kind;
  return `${b.stage} (${what}${b.secondary ? ', secondary source' : ''})`;
}

/** Whether the bases make a country a candidate for a mineral: a share ≥ 1% on any basis, or a catalogued fact. */
export const qualifies = (bases: readonly StageBasis[]) =>
  bases.some((b) => b.kind === 'catalogued' || (b.share !== null && b.share >= CANDIDATE_MIN_SHARE));

/**
 * s_m for one mineral from its bases; `factor(b)` scales a basis share (1 for the point estimate; a revision
 * ratio drawn for estimated values in the data-uncertainty draws).
 */
export function mineralCapability(
  bases: readonly StageBasis[],
  factor: (b: StageBasis) => number = () => 1,
): number | null {
  let supply: number | null = null;
  let potential: number | null = null;
  for (const b of bases) {
    if (b.kind === 'catalogued' && b.share === null) {
      supply = supply ?? 0;
      continue;
    }
    if (b.share === null) continue;
    const s = Math.min(1, b.share * factor(b));
    if (isPotential(b)) potential = potential === null ? s : Math.max(potential, s);
    else supply = supply === null ? s : Math.max(supply, s);
  }
  if (supply === null && potential === null) return null;
  return Math.max(supply ?? 0, POTENTIAL_WEIGHT * (potential ?? 0));
}

/** Mean of s_m over the minerals in scope (0 for a mineral without a numeric basis); null if no mineral has one. */
export function capability(perMineral: readonly (number | null)[]): number | null {
  if (!perMineral.some((v) => v !== null)) return null;
  return perMineral.reduce<number>((s, v) => s + (v ?? 0), 0) / perMineral.length;
}

/** A revision-ratio sampler for estimated values: a ratio drawn uniformly from the empirical ratios. */
export const ratioSampler = (ratios: readonly number[], u: Uniform) => () =>
  ratios.length ? ratios[Math.min(ratios.length - 1, Math.floor(u() * ratios.length))] : 1;
