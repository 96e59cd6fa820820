// Governance-weighted concentration (EU criticality methodology, European Commission 2017, "Methodology for
// establishing the EU list of critical raw materials: guidelines", doi:10.2873/769526, §3.2; used for the 2023 list):
//   HHI_WGI,t = Σ_c (S_c)² · WGI_c · t_c / 10,000,   S_c = share of country c in percent,
//   WGI_c = 5 − 2·mean(six WGI estimates of c), clamped to 0–10 (10 worst governance), t_c trade parameter.
// A fully concentrated supply (S = 100%) from the worst-governed country gives 10·t. DESIGN.md, Methods.
// Cost O(n). Countries without a WGI score (the USGS "Other countries" remainder, territories) are left out of
// the sum and reported as `uncoveredShare`; no suppliers gives null.

/** WGI rescaled to 0–10 (10 worst) from the estimates available (≈ −2.5…2.5); null when none is. */
export function wgiScaled(estimates: readonly (number | null | undefined)[]): number | null {
  const xs = estimates.filter((x): x is number => typeof x === 'number' && Number.isFinite(x));
  if (!xs.length) return null;
  const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
  return Math.min(10, Math.max(0, 5 - 2 * mean));
}

export interface GovernedSupplier {
  /** ISO3, or null for a remainder row. */
  country: string | null;
  /** Share of supply, 0..1. */
  share: number;
  /** Scaled WGI 0–10, or null when unknown. */
  wgi: number | null;
  /** Trade parameter t_c (1 when omitted). */
  t?: number;
}

export interface HhiWgiResult {
  value: number;
  /** Share of supply whose country had no WGI score (left out of the sum). */
  uncoveredShare: number;
  uncovered: string[];
}

export function hhiWgi(suppliers: readonly GovernedSupplier[]): HhiWgiResult | null {
  if (!suppliers.length) return null;
  let value = 0;
  let uncoveredShare = 0;
  const uncovered: string[] = [];
  for (const s of suppliers) {
    if (s.wgi === null) {
      uncoveredShare += s.share;
      uncovered.push(s.country ?? 'other countries');
      continue;
    }
    value += (100 * s.share) ** 2 * s.wgi * (s.t ?? 1);
  }
  return { value: value / 10_000, uncoveredShare, uncovered };
}
