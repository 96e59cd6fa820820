// China entanglement of a country's critical-mineral exports: the share of the value of its exports of the
// minerals in scope that goes to China, share = Σ value(→CHN) / Σ value(→all), from CEPII BACI bilateral flows
// (Gaulier & Zignago 2010, CEPII WP 2010-23; HS17 release V202601). Hong Kong and Macao are counted apart from
// China (they are separate BACI reporters); re-exports through them are not traced. Null when the country
// reports no exports of the minerals in scope (reason `no_exports`). Cost: O(flows).

export interface ExportFlow {
  importer: string;
  valueUsd: number;
}

export interface Entanglement {
  share: number;
  toChinaUsd: number;
  totalUsd: number;
}

export function chinaExportShare(flows: readonly ExportFlow[], china = 'CHN'): Entanglement | null {
  let total = 0;
  let toChina = 0;
  for (const f of flows) {
    if (!(f.valueUsd > 0)) continue;
    total += f.valueUsd;
    if (f.importer === china) toChina += f.valueUsd;
  }
  if (total === 0) return null;
  return { share: toChina / total, toChinaUsd: toChina, totalUsd: total };
}
