// GeoPolRisk of an importing country A for a raw material (Gemechu, Helbig, Sonnemann, Thorenz & Tuma 2016,
// "Import-based indicator for the geopolitical supply risk of raw materials in life cycle sustainability
// assessments", J. Ind. Ecol. 20(1):154–165; Koyamparambath et al. 2024, geopolrisk-py):
//   GeoPolRisk_A = HHI × Σ_i g_i · f_Ai / (p_A + F_A)
// HHI = production concentration on 0–1, f_Ai = A's imports from i (physical quantity), F_A = A's total imports,
// p_A = A's domestic production, g_i = political-stability risk of i = (2.5 − WGI PV_i) / 5 clamped to 0..1
// (WGI "political stability and absence of violence", 1 least stable). A partner without a PV score gets 0.5,
// the geopolrisk-py convention; those partners are listed in `defaulted`.
export interface GprPartner {
  country: string;
  quantity: number;
  /** WGI political-stability estimate (≈ −2.5…2.5), or null. */
  pv: number | null;
}

export const GPR_MISSING_G = 0.5;

export const politicalStabilityRisk = (pv: number) => Math.min(1, Math.max(0, (2.5 - pv) / 5));

export interface GeoPolRisk {
  score: number;
  hhi: number;
  importRisk: number;
  defaulted: string[];
}

/** null when the importer has neither imports nor production, or the HHI is unknown. */
export function geoPolRisk(x: {
  hhi: number | null;
  partners: readonly GprPartner[];
  domesticProduction: number;
}): GeoPolRisk | null {
  if (x.hhi === null) return null;
  const F = x.partners.reduce((s, p) => s + Math.max(0, p.quantity), 0);
  const denominator = F + Math.max(0, x.domesticProduction);
  if (!(denominator > 0)) return null;
  const defaulted: string[] = [];
  let numerator = 0;
  for (const p of x.partners) {
    if (!(p.quantity > 0)) continue;
    if (p.pv === null) defaulted.push(p.country);
    numerator += (p.pv === null ? GPR_MISSING_G : politicalStabilityRisk(p.pv)) * p.quantity;
  }
  const importRisk = numerator / denominator;
  return { score: x.hhi * importRisk, hhi: x.hhi, importRisk, defaulted };
}
