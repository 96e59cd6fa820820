// One importer's dependence on the mineral's whole chain, in contained metal: the year's flows of every loaded
// chain code converted (analysis/supply-chain/contained.ts; shared codes split by producer basket), then the
// three views shipped by / refined in / mined in (stage-trace.ts), each with its basis and coverage, and the net
// import reliance (USGS as published for the U.S.; computed for others only where the coverage supports it).

import { netImportReliance as usgsNir } from '../../analysis/dependence.ts';
import {
  type ContainedFlow,
  containedFlows,
  type ExcludedCode,
} from '../../analysis/supply-chain/contained.ts';
import { type Coverage, coverageOf, supportsNational } from '../../analysis/supply-chain/coverage.ts';
import { basketFractions, type Fraction } from '../../analysis/supply-chain/shared-split.ts';
import { type StageView, stageTrace } from '../../analysis/supply-chain/stage-trace.ts';
import { euCrmInputs } from '../../catalog/eu-crm-2023.ts';
import type { Chain } from '../../model/supply-chain.ts';
import type * as q from '../../store/queries/vulnerability.ts';
import { type MineralData, toTonnes } from './data.ts';

/** Materials of 811292 whose USGS series measures the metal itself (primary or refinery output, rhenium content). */
const METAL_MEASURED = new Set(['gallium', 'germanium', 'indium', 'rhenium']);

const REFINED_STAGES = ['refinery', 'primary'];

export interface OutputBasis {
  /** Refined output by country, tonnes contained. */
  output: Map<string, number>;
  /** True for a complete USGS table (no refiner is implied from trade). */
  complete: boolean;
  basis: string;
  year: number | null;
}

/**
 * Rows of one stage for the year, else the latest earlier year with a country figure (USGS withholds germanium
 * from MCS 2023 on: its latest figures are for 2020).
 */
function rowsFor(byYear: Map<number, q.ProductionRow[]> | undefined, year: number) {
  if (!byYear) return null;
  const y = [...byYear.keys()]
    .filter((k) => k <= year && byYear.get(k)!.some((r) => r.row_kind === 'country' && (r.value ?? 0) > 0))
    .sort((a, b) => b - a)[0];
  return y === undefined ? null : { year: y, rows: byYear.get(y)! };
}

function byCountry(rows: q.ProductionRow[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of rows)
    if (r.row_kind === 'country' && r.country) {
      const t = toTonnes(r.value, r.unit);
      if (t !== null && t > 0) out.set(r.country, (out.get(r.country) ?? 0) + t);
    }
  return out;
}

const worldOf = (rows: q.ProductionRow[]) => {
  const w = rows.find((r) => r.row_kind === 'world');
  return w ? toTonnes(w.value, w.unit) : null;
};

/** Mine output by country (USGS mine series); null where the mineral has no mine stage. */
export function mineOutput(
  data: MineralData,
  year: number,
): { output: Map<string, number>; year: number } | null {
  const r = rowsFor(data.production.get('mine'), year);
  return r ? { output: byCountry(r.rows), year: r.year } : null;
}

/**
 * Refined output by country: the USGS refinery or primary series where USGS publishes one; else the secondary
 * refining shares (EU CRM 2023 / BGS via the atlas, eu-crm-2023.yaml) × world mine output of the year — an
 * assumption (refined output ≈ mine output, no stock change or losses), stated in the basis.
 */
export function refinedOutput(data: MineralData, year: number): OutputBasis {
  for (const stage of REFINED_STAGES) {
    const r = rowsFor(data.production.get(stage), year);
    if (r)
      return {
        output: byCountry(r.rows),
        complete: true,
        basis: `USGS ${stage} production ${r.year} (primary output; secondary refining is not in the table)`,
        year: r.year,
      };
  }
  const shares = euCrmInputs(data.mineral.id)?.refinedShares;
  const mine = rowsFor(data.production.get('mine'), year);
  const world = mine ? worldOf(mine.rows) : null;
  if (shares && mine && world) {
    const output = new Map(Object.entries(shares.shares).map(([c, pct]) => [c, (Number(pct) / 100) * world]));
    return {
      output,
      complete: false,
      basis: `refining shares (${shares.source}, secondary) × USGS world mine output ${mine.year} (assumption: refined ≈ mined)`,
      year: mine.year,
    };
  }
  return {
    output: new Map(),
    complete: false,
    basis: 'no refined output published: refiners implied from trade only',
    year: null,
  };
}

export interface ChainYear {
  chain: Chain;
  year: number;
  flows: ContainedFlow[];
  excluded: ExcludedCode[];
  /** Chain codes with any flow in the year. */
  loaded: Set<string>;
  refined: OutputBasis;
  mine: { output: Map<string, number>; year: number } | null;
  /** Per shared producer-basket code: the mineral's fraction of each exporter's flows. */
  fractions: Map<string, Map<string, Fraction>>;
  /** Flows by importer. */
  into: Map<string, ContainedFlow[]>;
  /** Each importer's dependence, once computed. */
  dependence: Map<string, ImporterDependence>;
}

const cache = new WeakMap<MineralData, Map<number, ChainYear>>();

/** The year's chain in contained metal (cached per mineral data and year). */
export function chainYear(data: MineralData, year: number): ChainYear | null {
  const chain = data.chain;
  if (!chain) return null;
  const hit = cache.get(data)?.get(year);
  if (hit) return hit;
  const raw = data.flows.get(year) ?? [];
  const refined = refinedOutput(data, year);
  const mine = data.mineral.usgs?.series.some((s) => s.stage === 'mine') ? mineOutput(data, year) : null;
  const fractions = new Map<string, Map<string, Fraction>>();
  for (const code of chain.codes)
    if (code.shared?.split === 'producer-basket') {
      const materials = [data.mineral.id, ...code.shared.with];
      const production = new Map<string, Map<string, number>>();
      for (const m of materials) {
        const byStage = m === data.mineral.id ? data.production : data.basket.get(m);
        for (const [, byYear] of byStage ?? []) {
          const r = rowsFor(byYear, year);
          if (r) production.set(m, byCountry(r.rows));
        }
      }
      const flows = raw
        .filter((f) => f.hs === code.hs6)
        .map((f) => ({
          exporter: f.exporter,
          importer: f.importer,
          amount: f.quantity_t ?? f.value_usd ?? 0,
        }));
      fractions.set(
        code.hs6,
        basketFractions({ mineral: data.mineral.id, materials, weighing: METAL_MEASURED, production, flows }),
      );
    }
  const isRefiner = (c: string) => (refined.output.get(c) ?? 0) > 0;
  const { flows, excluded } = containedFlows(raw, chain, { isRefiner, fractions });
  const into = new Map<string, ContainedFlow[]>();
  for (const f of flows) {
    const list = into.get(f.importer) ?? [];
    list.push(f);
    into.set(f.importer, list);
  }
  const out: ChainYear = {
    into,
    dependence: new Map(),
    chain,
    year,
    flows,
    excluded,
    loaded: new Set(raw.map((f) => f.hs)),
    refined,
    mine,
    fractions,
  };
  const byYear = cache.get(data) ?? new Map();
  byYear.set(year, out);
  cache.set(data, byYear);
  return out;
}

// ---------------------------------------------------------------- the importer's views

export interface DependenceView {
  shares: { country: string; share: number }[];
  china: number | null;
  reason?: string;
  unresolved: number;
  imputed: number;
  tonnes: number | null;
  basis: { unit: string; codes: string[]; years: number[]; note?: string };
  coverage: Coverage;
}

export interface ImporterDependence {
  shippedBy: DependenceView;
  refinedIn: DependenceView;
  minedIn: DependenceView;
  implied: string[];
  missingQuantity: string[];
  excluded: ExcludedCode[];
  /** The contained inflows by exporter (tonnes and value), for partner tables and risk inputs. */
  inflows: ContainedFlow[];
}

const nullView = (reason: string, coverage: Coverage, codes: string[], year: number): DependenceView => ({
  shares: [],
  china: null,
  reason,
  unresolved: 1,
  imputed: 0,
  tonnes: null,
  basis: { unit: 't contained', codes, years: [year], note: undefined },
  coverage,
});

/** Published U.S. imports of the mineral (USGS salient, contained), tonnes, for the overshoot check. */
export function usgsImports(data: MineralData, year: number): number | null {
  const rows = data.usImports.filter(
    (r) => r.year === year && !/gross weight|wafer/i.test(r.series) && r.value !== null,
  );
  if (!rows.length) return null;
  return rows.reduce((s, r) => s + (toTonnes(r.value, r.unit) ?? 0), 0);
}

export function importerDependence(
  data: MineralData,
  year: number,
  importer: string,
): ImporterDependence | null {
  const cy = chainYear(data, year);
  if (!cy) return null;
  const hit = cy.dependence.get(importer);
  if (hit) return hit;
  const into = cy.into.get(importer) ?? [];
  const loadedInto = new Set(into.map((f) => f.hs));
  const tonnesInto = into.reduce((s, f) => s + (f.tonnes ?? 0), 0);
  const published = importer === 'USA' ? usgsImports(data, year) : null;
  const overshoot = published && published > 0 && tonnesInto > 0 ? tonnesInto / published : null;
  const coverage = coverageOf(cy.chain, cy.loaded, overshoot);
  const codes = [...loadedInto].sort();
  const trace = stageTrace({
    importer,
    flows: cy.flows,
    into,
    refinedOutput: cy.refined.output,
    refinedComplete: cy.refined.complete,
    mineOutput: cy.mine?.output ?? null,
  });
  const years = [year];
  const toView = (v: StageView | null, reason: string, note?: string): DependenceView =>
    v
      ? {
          shares: v.shares,
          china: v.china,
          unresolved: v.unresolved,
          imputed: v.imputed,
          tonnes: v.tonnes,
          basis: { unit: 't contained', codes, years, note },
          coverage,
        }
      : nullView(reason, coverage, codes, year);
  const excludedHere = cy.excluded.filter((e) => e.importer === importer);
  const noTonnes = into.length
    ? `the ${year} flows into ${importer} carry no quantities: no contained-metal figure`
    : excludedHere.length
      ? `the loaded flows into ${importer} are all in codes no rule can count for ${cy.chain.mineral}: ${[...new Set(excludedHere.map((e) => e.reason))].join('; ')}`
      : `no loaded flows of the ${cy.chain.mineral} chain into ${importer} in ${year}`;
  let shippedBy = toView(trace.shippedBy, noTonnes);
  if (!trace.shippedBy && into.some((f) => f.valueUsd)) {
    // value fallback, said so
    const total = into.reduce((s, f) => s + (f.valueUsd ?? 0), 0);
    const by = new Map<string, number>();
    for (const f of into) by.set(f.exporter, (by.get(f.exporter) ?? 0) + (f.valueUsd ?? 0) / total);
    const shares = [...by].map(([country, share]) => ({ country, share })).sort((a, b) => b.share - a.share);
    shippedBy = {
      shares,
      china: by.get('CHN') ?? 0,
      unresolved: 0,
      imputed: 0,
      tonnes: null,
      basis: { unit: 'USD', codes, years, note: 'value shares: the flows carry no quantities' },
      coverage,
    };
  }
  const refinedNote = `refined output: ${cy.refined.basis}${trace.implied.length ? `; implied from trade for ${trace.implied.join(', ')}` : ''}`;
  const minedReason = cy.mine
    ? noTonnes
    : `USGS publishes no mine stage for ${cy.chain.mineral} (${cy.chain.byproductOf.length ? `a by-product of ${cy.chain.byproductOf.join(' and ')}` : 'refined output only'})`;
  const result: ImporterDependence = {
    shippedBy,
    refinedIn: toView(trace.refinedIn, noTonnes, refinedNote),
    minedIn: toView(
      trace.minedIn,
      minedReason,
      trace.minedIn
        ? `USGS mine production ${cy.mine?.year}; ${(trace.minedIn.imputed * 100).toFixed(0)}% imputed by world mine shares where no feed flow is loaded`
        : undefined,
    ),
    implied: trace.implied,
    missingQuantity: trace.missingQuantity,
    excluded: excludedHere,
    inflows: into,
  };
  cy.dependence.set(importer, result);
  return result;
}

// ---------------------------------------------------------------- net import reliance

export interface NetImportReliance {
  /** 0..1; null where it cannot be stated (then `reason`). */
  value: number | null;
  /** 'E' where USGS publishes the country as a net exporter; a bound ('>' | '<') as published. */
  code?: string;
  reason?: string;
  source: string;
}

/**
 * Net import reliance (USGS MCS Appendix: (imports − exports ± stock change) / apparent consumption). For the U.S.
 * as USGS publishes it (`E` only where USGS writes E). For others computed in contained metal over the chain only
 * where the coverage supports a national figure (grade A or B), else null with the reason.
 */
export function netImportReliance(
  data: MineralData,
  year: number,
  importer: string,
  dep: ImporterDependence | null,
): NetImportReliance {
  if (importer === 'USA') {
    const r = data.nir.get(year);
    if (r)
      return {
        value: r.value === null ? null : r.value / 100,
        ...(r.code ? { code: r.code } : r.bound ? { code: r.bound } : {}),
        ...(r.value === null && r.code !== 'E'
          ? { reason: `USGS MCS ${r.edition}: ${r.raw ?? 'not published'}` }
          : {}),
        source: `USGS MCS ${r.edition} (as published)`,
      };
  }
  const cy = chainYear(data, year);
  if (!cy || !dep)
    return { value: null, reason: `no trade of the ${data.mineral.id} chain is loaded`, source: 'none' };
  const coverage = dep.shippedBy.coverage;
  if (!supportsNational(coverage))
    return {
      value: null,
      reason: `a national reliance needs the whole chain; the loaded trade covers ${coverage.codesLoaded.length} of ${coverage.codesLoaded.length + coverage.codesMissing.length} codes (grade ${coverage.grade})`,
      source: 'none',
    };
  const imports = cy.flows.filter((f) => f.importer === importer).reduce((s, f) => s + (f.tonnes ?? 0), 0);
  const exports = cy.flows.filter((f) => f.exporter === importer).reduce((s, f) => s + (f.tonnes ?? 0), 0);
  const production = cy.refined.output.get(importer) ?? cy.mine?.output.get(importer) ?? 0;
  const n = usgsNir({ production, imports, exports });
  const source = `computed over HS ${coverage.codesLoaded.join(', ')} in contained metal (USGS MCS formula, no stock change)`;
  if (n.code === 'E')
    return {
      value: null,
      reason: 'a net exporter on the loaded codes (E is shown only where USGS publishes it)',
      source,
    };
  if (n.value === null)
    return { value: null, reason: 'apparent consumption is not positive on the loaded codes', source };
  return { value: n.value, source };
}

// ---------------------------------------------------------------- U.S. suppliers as USGS publishes them

/**
 * The U.S. suppliers of the mineral in every form: USGS import-source shares (latest edition, its period) ×
 * USGS imports for consumption of the year (salient statistics, contained metal). The widest source of the U.S.
 * figure (analysis/supply-chain/reconcile.ts), so the U.S. risk inputs use it rather than the few HS codes BACI
 * carries; "Other countries" stays one unattributed supplier. Null where either part is missing.
 */
export function usgsSuppliers(
  data: MineralData,
  year: number,
): { partners: { country: string; tonnes: number }[]; basis: string } | null {
  const rows = data.importSources.filter((r) => r.share_pct !== null);
  if (!rows.length) return null;
  const series = [...new Set(rows.map((r) => r.series))];
  const pick = series.find((s) => /total|all/i.test(s)) ?? series[0];
  const chosen = rows.filter((r) => r.series === pick);
  const years = [...new Set(data.usImports.map((r) => r.year))]
    .filter((y) => y <= year)
    .sort((a, b) => b - a);
  const y = years.find((k) => (usgsImports(data, k) ?? 0) > 0);
  const total = y === undefined ? null : usgsImports(data, y);
  if (!total) return null;
  const sum = chosen.reduce((s, r) => s + r.share_pct!, 0);
  return {
    partners: chosen.map((r) => ({ country: r.country ?? 'OTHER', tonnes: (total * r.share_pct!) / sum })),
    basis: `USGS MCS ${chosen[0].edition} import sources "${pick}" (${chosen[0].period}) × USGS imports for consumption ${y} (${Math.round(total).toLocaleString('en-US')} t)`,
  };
}
