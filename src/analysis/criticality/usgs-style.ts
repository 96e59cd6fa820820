// A USGS-style supply-risk score: disruption potential × trade exposure, after the structure of the USGS
// critical-minerals methodology (Nassar & Fortier 2021, "Methodology and technical input for the 2021 review and
// revision of the U.S. critical minerals list", USGS Open-File Report 2021-1045, doi:10.3133/ofr20211045), which
// multiplies disruption potential (DP), trade exposure (TE) and economic vulnerability (EV). We compute the first
// two only (EV needs U.S. industry data we do not hold), so this is "USGS-style", not the USGS score:
//   DP = Σ_c s_c² · w_c   (s_c production share 0..1, w_c = WGI scaled 0–10 / 10, i.e. 0..1, 1 worst)
//   TE = net import reliance of the importer, 0..1 (a net exporter, USGS 'E', gives 0)
//   score = DP × TE, on 0..1.
// Producers without a WGI score are left out of DP and reported as uncoveredShare.
export interface UsgsStyle {
  score: number;
  dp: number;
  te: number;
  uncoveredShare: number;
}

export function disruptionPotential(
  producers: readonly { share: number; wgi: number | null }[],
): { dp: number; uncoveredShare: number } | null {
  if (!producers.length) return null;
  let dp = 0;
  let uncoveredShare = 0;
  for (const p of producers) {
    if (p.wgi === null) uncoveredShare += p.share;
    else dp += p.share ** 2 * (p.wgi / 10);
  }
  return { dp, uncoveredShare };
}

export function usgsStyleScore(x: {
  producers: readonly { share: number; wgi: number | null }[];
  /** Net import reliance 0..1, or 'E' for a net exporter. */
  nir: number | 'E' | null;
}): UsgsStyle | null {
  const d = disruptionPotential(x.producers);
  if (!d || x.nir === null) return null;
  const te = x.nir === 'E' ? 0 : Math.min(1, Math.max(0, x.nir));
  return { score: d.dp * te, dp: d.dp, te, uncoveredShare: d.uncoveredShare };
}
