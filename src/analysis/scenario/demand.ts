// Annual demand per country and mineral in tonnes of contained metal, with its basis, and the part of it that
// depends on imports (the part a foreign cut can reach). Pure: the caller passes the rows and catalog facts.
//
// Rule, first that applies (issue 11, item 1; the basis is printed with every figure):
//   1. the spec's own figure (`demand: [{country, mineral, perYear}]`);
//   2. United States: USGS salient statistics of the baseline year — reported or apparent consumption as the
//      chapter publishes it (US_SALIENT below); when consumption is withheld, net imports (imports − exports of
//      every form USGS lists) as a lower bound;
//   3. a cited national figure (src/catalog/scenario-demand.yaml) within its `maxYearGap` of the baseline year;
//   4. net imports in contained metal over the mineral's whole stage chain (supply-chain model), a lower bound
//      of consumption (domestic production and recycling are not in trade data);
//   5. otherwise null with the reason: the country is not modelled for that mineral (a gap, never 0).
// Import-dependent part (USGS definition of net import reliance, NIR = (imports − exports ± stock change) /
// apparent consumption): for the U.S. NIR × consumption where USGS publishes a percentage; E (net exporter) → 0;
// a bound (">50") → net imports capped at consumption. A national figure's `importsT`, else all of it. Net
// imports as demand are import-dependent by construction.
import { type SalientRow, type SalientValue, type SeriesParts, salientValue } from './salient.ts';

export type DemandBasis =
  | 'spec'
  | 'usgs_reported_consumption'
  | 'usgs_apparent_consumption'
  | 'usgs_estimated_consumption'
  | 'usgs_net_imports_lower_bound'
  | 'national_figure'
  | 'national_imports_lower_bound'
  | 'chain_net_imports'
  | 'none';

export interface DemandEstimate {
  country: string;
  mineral: string;
  /** Tonnes of contained metal per year; null when nothing supports a figure (reason says why). */
  perYearT: number | null;
  /** Of which import-dependent (reachable by a foreign cut). */
  importDependentT: number | null;
  basis: DemandBasis;
  /** Year of the data used (may differ from the baseline year for a national figure). */
  year: number | null;
  /** One line an analyst can check: the series, year and value. */
  label: string;
  reason: string | null;
  /** Database rows behind the figure. */
  rows: { sourceId: number; sourceLine: number }[];
  /** Cited sources outside the database (catalog entries). */
  citations: { title: string; url: string }[];
}

interface UsSeries {
  consumption: { parts: SeriesParts; basis: DemandBasis; label: string }[];
  imports: SeriesParts;
  exports: SeriesParts;
}

const NIR: SeriesParts = [[/^Net import reliance as a percentage/, /^NIR_pct$/, /^NIR_ct$/]];

/**
 * Which USGS salient series are U.S. demand, per mineral (MCS 2026 data release, doi:10.5066/P1WKQ63T, and the
 * 2022–2025 salient files; each chapter's header states its contained-metal basis). Imports and exports list
 * every form USGS counts in contained metal (gallium: metal only — GaAs wafers are gross weight).
 */
export const US_SALIENT: Record<string, UsSeries> = {
  cobalt: {
    consumption: [
      {
        parts: [[/^Consumption \(includes secondary\): Apparent$/, /^Consump_Apparent_t$/]],
        basis: 'usgs_apparent_consumption',
        label: 'apparent consumption (includes secondary)',
      },
    ],
    imports: [[/^Imports for consumption$/, /^Imports_t$/]],
    exports: [[/^Exports$/, /^Exports_t$/]],
  },
  gallium: {
    consumption: [
      {
        parts: [[/^Consumption, reported$/, /^Consump_kg$/]],
        basis: 'usgs_reported_consumption',
        label: 'reported consumption',
      },
    ],
    imports: [[/^Imports for consumption: Metal$/, /^Imports_Metal_kg$/]],
    exports: [[/^Exports$/, /^Exports_kg$/]],
  },
  germanium: {
    consumption: [
      {
        parts: [[/^Consumption, estimated$/]],
        basis: 'usgs_estimated_consumption',
        label: 'estimated consumption',
      },
    ],
    imports: [
      [/^Imports for consumption: Germanium metal$/],
      [/^Imports for consumption: Germanium dioxide$/],
    ],
    exports: [[/^Exports: Germanium metal$/], [/^Exports: Germanium dioxide$/]],
  },
  tungsten: {
    consumption: [
      {
        parts: [[/^Consumption: Apparent, all forms$/, /^Consump_Apparent_t$/]],
        basis: 'usgs_apparent_consumption',
        label: 'apparent consumption, all forms',
      },
    ],
    imports: [
      [/^Imports for consumption: Ores and concentrates$/, /^Imports_Concentrate_t$/],
      [/^Imports for consumption: Other forms$/, /^Imports_Other_t$/],
    ],
    exports: [
      [/^Exports: Ores and concentrates$/, /^Exports_Concentrate_t$/],
      [/^Exports: Other forms$/, /^Exports_Other_t$/],
    ],
  },
  molybdenum: {
    consumption: [
      {
        parts: [[/^Consumption: Apparent$/, /^Consump_Apparent_t$/]],
        basis: 'usgs_apparent_consumption',
        label: 'apparent consumption',
      },
    ],
    imports: [
      [/^Imports for consumption total: Ore and concentrates$/, /^Imports_ore_concentrates_t$/],
      [/^Imports for consumption total: Primary products$/, /^Imports_products_t$/],
    ],
    exports: [
      [/^Exports: Ore and concentrates$/, /^Exports_ore_concentrates_t$/],
      [/^Exports: Primary products$/, /^Exports_products_t$/],
    ],
  },
  antimony: {
    consumption: [
      {
        parts: [[/^Consumption, apparent$/, /^Consump_Apparent_t$/]],
        basis: 'usgs_apparent_consumption',
        label: 'apparent consumption',
      },
    ],
    imports: [
      [/^Imports for consumption: Ore and concentrates$/],
      [/^Imports for consumption: Oxide$/],
      [/^Imports for consumption: Unwrought, powder$/],
    ],
    exports: [[/^Exports: Ore and concentrates$/], [/^Exports: Oxide$/], [/^Exports: Unwrought, powder$/]],
  },
};

const fmtT = (t: number) =>
  t >= 100 ? `${Math.round(t).toLocaleString('en-US')} t` : `${+t.toPrecision(3)} t`;

const describe = (v: SalientValue) => `${v.series.join(' + ')} ${v.year} (MCS ${v.edition})`;

/** U.S. demand from the salient rows of one mineral (all editions), for the baseline year. */
export function usDemandFromSalient(
  mineral: string,
  rows: readonly SalientRow[],
  year: number,
): DemandEstimate {
  const base = { country: 'USA', mineral, citations: [] };
  const rules = US_SALIENT[mineral];
  if (!rules)
    return {
      ...base,
      perYearT: null,
      importDependentT: null,
      basis: 'none',
      year: null,
      label: 'no USGS salient consumption series is mapped for this mineral',
      reason: `insufficient_data: no U.S. consumption series for ${mineral} in src/analysis/scenario/demand.ts`,
      rows: [],
    };
  const imports = salientValue(rows, rules.imports, year);
  const exports = salientValue(rows, rules.exports, year);
  const net =
    imports.value !== null && exports.value !== null && !imports.bound && !exports.bound
      ? imports.value - exports.value
      : null;
  const tradeRows = [...imports.rows, ...exports.rows];
  const nir = salientValue(rows, NIR, year);
  for (const c of rules.consumption) {
    const v = salientValue(rows, c.parts, year);
    if (v.value === null || v.bound || !(v.value > 0)) continue;
    let importDependentT: number;
    let how: string;
    if (nir.reason === 'net_exporter') {
      importDependentT = 0;
      how = 'net import reliance E (net exporter): no import-dependent part';
    } else if (nir.value !== null && !nir.bound) {
      importDependentT = (v.value * nir.value) / 100;
      how = `import-dependent ${fmtT(importDependentT)} = net import reliance ${nir.value}% × consumption`;
    } else if (net !== null) {
      importDependentT = Math.min(v.value, Math.max(0, net));
      how = `net import reliance ${nir.raw ?? 'not published'}: import-dependent part = net imports ${fmtT(Math.max(0, net))} (imports − exports), capped at consumption`;
    } else {
      importDependentT = v.value;
      how = 'net import reliance and net imports not published: all of it treated as import-dependent';
    }
    return {
      ...base,
      perYearT: v.value,
      importDependentT,
      basis: c.basis,
      year,
      label: `USGS ${c.label}: ${describe(v)} = ${fmtT(v.value)}; ${how}`,
      reason: null,
      rows: [...v.rows, ...nir.rows, ...(net !== null ? tradeRows : [])],
    };
  }
  const first = salientValue(rows, rules.consumption[0].parts, year);
  if (net !== null && net > 0)
    return {
      ...base,
      perYearT: net,
      importDependentT: net,
      basis: 'usgs_net_imports_lower_bound',
      year,
      label:
        `USGS ${rules.consumption[0].label} ${year} is ${first.reason ?? 'not published'}: demand = net imports ` +
        `${describe(imports)} − ${describe(exports)} = ${fmtT(net)}, a lower bound (secondary production and stock changes not counted)`,
      reason: null,
      rows: [...first.rows, ...tradeRows],
    };
  return {
    ...base,
    perYearT: null,
    importDependentT: null,
    basis: 'none',
    year,
    label: `USGS ${rules.consumption[0].label} ${year}: ${first.reason ?? 'not in the database'}; net imports not computable`,
    reason: `insufficient_data: U.S. ${mineral} consumption ${year} is ${first.reason ?? 'not in the database'} and net imports cannot be formed`,
    rows: first.rows,
  };
}

export interface NationalFigure {
  country: string;
  mineral: string;
  year: number;
  /** Consumption; absent when the source gives imports only (demand is then a lower bound). */
  consumptionT?: number;
  importsT?: number;
  maxYearGap: number;
  source: { title: string; url: string };
}

/** A cited national figure usable for the baseline year (closest year within its maxYearGap), or null. */
export function nationalDemand(
  country: string,
  mineral: string,
  year: number,
  figures: readonly NationalFigure[],
): DemandEstimate | null {
  const fit = figures
    .filter((f) => f.country === country && f.mineral === mineral && Math.abs(f.year - year) <= f.maxYearGap)
    .sort((a, b) => Math.abs(a.year - year) - Math.abs(b.year - year) || b.year - a.year)[0];
  if (!fit) return null;
  const used = fit.year !== year ? ` (used for baseline ${year})` : '';
  if (fit.consumptionT === undefined) {
    const imports = fit.importsT as number;
    return {
      country,
      mineral,
      perYearT: imports,
      importDependentT: imports,
      basis: 'national_imports_lower_bound',
      year: fit.year,
      label:
        `national imports ${fit.year}: ${fmtT(imports)}${used}, a lower bound of consumption (domestic output and ` +
        `recycling not counted) — ${fit.source.title}`,
      reason: null,
      rows: [],
      citations: [fit.source],
    };
  }
  return {
    country,
    mineral,
    perYearT: fit.consumptionT,
    importDependentT: fit.importsT ?? fit.consumptionT,
    basis: 'national_figure',
    year: fit.year,
    label:
      `national figure ${fit.year}: consumption ${fmtT(fit.consumptionT)}` +
      (fit.importsT !== undefined
        ? `, of which imported ${fmtT(fit.importsT)}`
        : ', all treated as imported') +
      (fit.year !== year ? ` (used for baseline ${year})` : '') +
      ` — ${fit.source.title}`,
    reason: null,
    rows: [],
    citations: [fit.source],
  };
}

/** Contained-metal net imports over the whole stage chain (supply-chain model) as demand, a lower bound. */
export interface ChainNetImports {
  netImportsT: number | null;
  reason: string | null;
  codes: string[];
  year: number;
  coverage: number | null;
}

export function chainDemand(country: string, mineral: string, chain: ChainNetImports | null): DemandEstimate {
  if (!chain || chain.netImportsT === null || !(chain.netImportsT > 0))
    return {
      country,
      mineral,
      perYearT: null,
      importDependentT: null,
      basis: 'none',
      year: chain?.year ?? null,
      label: 'no cited national figure and no contained-metal net imports',
      reason: chain
        ? `insufficient_data: ${chain.reason ?? (chain.netImportsT !== null && chain.netImportsT <= 0 ? `exports exceed imports over HS ${chain.codes.join(', ')} (net imports ${fmtT(chain.netImportsT)}${chain.coverage !== null ? `, ${(100 * chain.coverage).toFixed(0)}% of the chain's codes` : ''}): no consumption figure follows from so few codes` : 'contained-metal net imports not available')}`
        : 'insufficient_data: no cited national consumption figure, and the contained-metal trade basis of the supply-chain model is not available for this mineral',
      rows: [],
      citations: [],
    };
  return {
    country,
    mineral,
    perYearT: chain.netImportsT,
    importDependentT: chain.netImportsT,
    basis: 'chain_net_imports',
    year: chain.year,
    label:
      `net imports in contained metal over HS ${chain.codes.join(', ')} ${chain.year} = ${fmtT(chain.netImportsT)}` +
      `${chain.coverage !== null ? ` (coverage ${(100 * chain.coverage).toFixed(0)}% of the chain)` : ''}, a lower bound of consumption`,
    reason: null,
    rows: [],
    citations: [],
  };
}

/** The spec's own figure (user override), said so. */
export function specDemand(
  country: string,
  mineral: string,
  perYearT: number,
  importDependentShare: number | undefined,
): DemandEstimate {
  return {
    country,
    mineral,
    perYearT,
    importDependentT: perYearT * (importDependentShare ?? 1),
    basis: 'spec',
    year: null,
    label: `set in the spec: ${fmtT(perYearT)} per year${importDependentShare !== undefined ? `, ${(100 * importDependentShare).toFixed(0)}% import-dependent` : ', all import-dependent'}`,
    reason: null,
    rows: [],
    citations: [],
  };
}
