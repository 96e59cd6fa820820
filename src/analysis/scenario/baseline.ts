// Builds one mineral's baseline trade network for the engine from BACI flows and USGS rows (pure).
// Unit: tonnes when BACI reports quantities for ≥ 95% of the year's value (missing quantities imputed at the
// world average unit value), else U.S. dollars at baseline-year prices (BACI carries quantities only in some
// years). Demand per modelled country: apparent consumption = production + imports − exports (USGS, DESIGN.md
// Methods) where the country's production of the same stage is reported in tonnes; otherwise gross imports
// as a proxy. Everything outside the modelled countries is one rest-of-world importer (ROW). Producers' weights
// are USGS world production shares (BACI export shares when USGS has none); by-products' idle capacity is
// USGS capacity − production by country.
import type { Stage } from '../../model/minerals.ts';
import { type MineralNetwork, REST_OF_WORLD } from './engine.ts';

export interface EdgeIn {
  exporter: string;
  importer: string;
  valueUsd: number;
  quantityT: number | null;
}

export interface UsgsIn {
  country: string | null;
  rowKind: string;
  year: number;
  stage: string | null;
  value: number | null;
  unit: string;
}

export type DemandBasis = 'apparent_consumption' | 'imports_proxy';

export interface OriginShare {
  origin: string;
  valueShare: number;
  quantityShare: number | null;
}

export interface CountryBaseline {
  country: string;
  demandPerYear: number;
  demandBasis: DemandBasis;
  demandNote: string;
  importsPerYear: number;
  exportsPerYear: number;
  productionPerYear: number | null;
  importsValueUsd: number;
  /** Import shares by origin, largest value first (BACI). */
  importShares: OriginShare[];
}

export interface BaselineBuild {
  network: MineralNetwork;
  countries: CountryBaseline[];
  producerBasis: 'usgs_production' | 'baci_exports';
  productionYear: number | null;
  productionStage: string | null;
  capacityYear: number | null;
  quantityCoverage: number;
  gaps: { country: string; reason: string; detail: string }[];
}

const TONNES_PER: Record<string, number> = {
  kilograms: 0.001,
  'metric tons': 1,
  'thousand metric tons': 1000,
};
const stageMatches = (hsStage: Stage, usgsStage: string | null) =>
  hsStage === 'mine' ? usgsStage === 'mine' : usgsStage === 'refinery' || usgsStage === 'primary';

/** The rows of the year closest to the target (ties: the earlier year). */
function nearestYear<T extends { year: number }>(
  rows: T[],
  target: number,
): { year: number | null; rows: T[] } {
  const years = [...new Set(rows.map((r) => r.year))];
  if (!years.length) return { year: null, rows: [] };
  const year = years.sort((a, b) => Math.abs(a - target) - Math.abs(b - target) || a - b)[0];
  return { year, rows: rows.filter((r) => r.year === year) };
}

const key = (r: UsgsIn) =>
  r.rowKind === 'country' ? (r.country as string) : r.rowKind === 'other' ? 'OTHER' : null;

export function buildNetwork(o: {
  mineral: string;
  stage: Stage;
  year: number;
  countries: string[];
  edges: EdgeIn[];
  production: UsgsIn[];
  capacity: UsgsIn[];
  byProduct: boolean;
}): BaselineBuild | null {
  const edges = o.edges.filter((e) => e.valueUsd > 0 || (e.quantityT ?? 0) > 0);
  if (!edges.length) return null;
  const totalValue = edges.reduce((s, e) => s + e.valueUsd, 0);
  const withQ = edges.filter((e) => e.quantityT !== null);
  const qCoverage = totalValue > 0 ? withQ.reduce((s, e) => s + e.valueUsd, 0) / totalValue : 0;
  const inTonnes = qCoverage >= 0.95;
  const unitValue =
    withQ.reduce((s, e) => s + e.valueUsd, 0) /
    Math.max(
      1e-300,
      withQ.reduce((s, e) => s + (e.quantityT ?? 0), 0),
    );
  const flow = (e: EdgeIn) => (inTonnes ? (e.quantityT ?? e.valueUsd / unitValue) : e.valueUsd);

  // Apparent consumption needs production of the code's own stage; producers' weights take any stage USGS
  // has (e.g. tungsten mine output behind unwrought-tungsten trade), the stage the code matches first.
  const prod = nearestYear(
    o.production.filter((r) => stageMatches(o.stage, r.stage)),
    o.year,
  );
  const weightStage = prod.rows.length ? null : (o.production[0]?.stage ?? null);
  const prodForWeights = prod.rows.length
    ? prod
    : nearestYear(
        o.production.filter((r) => r.stage === weightStage),
        o.year,
      );
  const gaps: BaselineBuild['gaps'] = [];
  const countries: CountryBaseline[] = [];
  const importers: MineralNetwork['importers'] = [];
  const modelled = new Set(o.countries);
  for (const c of o.countries) {
    const inbound = edges.filter((e) => e.importer === c);
    const byOrigin: Record<string, number> = {};
    for (const e of inbound) byOrigin[e.exporter] = (byOrigin[e.exporter] ?? 0) + flow(e);
    const imports = Object.values(byOrigin).reduce((s, x) => s + x, 0);
    const exports = edges.filter((e) => e.exporter === c).reduce((s, e) => s + flow(e), 0);
    if (!(imports > 0)) {
      gaps.push({
        country: c,
        reason: 'insufficient_data',
        detail: `no BACI imports of ${o.mineral} in ${o.year}`,
      });
      continue;
    }
    const row = prod.rows.find((r) => r.rowKind === 'country' && r.country === c && r.value !== null);
    const factor = row ? TONNES_PER[row.unit] : undefined;
    const production = inTonnes && row && factor !== undefined ? (row.value as number) * factor : null;
    let demand = imports;
    let basis: DemandBasis = 'imports_proxy';
    let note: string;
    const supply: Record<string, number> = { ...byOrigin };
    if (production === null)
      note = !inTonnes
        ? 'gross imports (baseline in USD: production cannot be added)'
        : `gross imports (USGS reports no ${o.stage}-stage production for ${c} in tonnes)`;
    else {
      const ac = production + imports - exports;
      if (ac > 0) {
        demand = ac;
        basis = 'apparent_consumption';
        note = `apparent consumption = production ${production.toPrecision(4)} + imports − exports (USGS ${prod.year}, BACI ${o.year})`;
        const domestic = Math.min(production, ac);
        const f = (ac - domestic) / imports;
        for (const k of Object.keys(supply)) supply[k] *= f;
        if (domestic > 0) supply[c] = domestic;
      } else note = 'gross imports (apparent consumption ≤ 0: a net exporter of this code)';
    }
    const totalV = inbound.reduce((s, e) => s + e.valueUsd, 0);
    const qAll = inbound.every((e) => e.quantityT !== null);
    const totalQ = inbound.reduce((s, e) => s + (e.quantityT ?? 0), 0);
    countries.push({
      country: c,
      demandPerYear: demand,
      demandBasis: basis,
      demandNote: note,
      importsPerYear: imports,
      exportsPerYear: exports,
      productionPerYear: production,
      importsValueUsd: totalV,
      importShares: inbound
        .map((e) => ({
          origin: e.exporter,
          valueShare: totalV > 0 ? e.valueUsd / totalV : 0,
          quantityShare: qAll && totalQ > 0 ? (e.quantityT as number) / totalQ : null,
        }))
        .sort((a, b) => b.valueShare - a.valueShare),
    });
    importers.push({ country: c, demandPerYear: demand, supplyByOrigin: supply });
  }
  const rest: Record<string, number> = {};
  for (const e of edges) if (!modelled.has(e.importer)) rest[e.exporter] = (rest[e.exporter] ?? 0) + flow(e);
  const restTotal = Object.values(rest).reduce((s, x) => s + x, 0);
  if (restTotal > 0)
    importers.push({ country: REST_OF_WORLD, demandPerYear: restTotal, supplyByOrigin: rest });

  const producers: Record<string, number> = {};
  for (const r of prodForWeights.rows) {
    const k = key(r);
    if (k && r.value !== null && r.value > 0) producers[k] = (producers[k] ?? 0) + r.value;
  }
  const producerBasis = Object.keys(producers).length ? 'usgs_production' : 'baci_exports';
  if (producerBasis === 'baci_exports')
    for (const e of edges) producers[e.exporter] = (producers[e.exporter] ?? 0) + flow(e);

  let idleCapacity: Record<string, number> | null = null;
  let capacityYear: number | null = null;
  if (o.byProduct && producerBasis === 'usgs_production') {
    const cap = nearestYear(o.capacity, o.year);
    const prodSameYear = o.production.filter((r) => r.year === cap.year);
    if (cap.rows.length && prodSameYear.length) {
      capacityYear = cap.year;
      idleCapacity = {};
      for (const r of cap.rows) {
        const k = key(r);
        if (!k || r.value === null) continue;
        const p = prodSameYear.find((x) => key(x) === k)?.value ?? 0;
        idleCapacity[k] = Math.max(0, r.value - p);
      }
      // Producer shares from the same year as the capacity table, so idle/production is one year's ratio.
      for (const k of Object.keys(producers)) delete producers[k];
      for (const r of prodSameYear) {
        const k = key(r);
        if (k && r.value !== null && r.value > 0) producers[k] = r.value;
      }
    }
  }
  const importShares: Record<string, Record<string, number>> = {};
  const importTotals: Record<string, number> = {};
  for (const e of edges) importTotals[e.importer] = (importTotals[e.importer] ?? 0) + flow(e);
  for (const e of edges) {
    importShares[e.importer] ??= {};
    importShares[e.importer][e.exporter] =
      (importShares[e.importer][e.exporter] ?? 0) + flow(e) / importTotals[e.importer];
  }
  return {
    network: {
      mineral: o.mineral,
      unit: inTonnes ? 't' : 'USD',
      worldSupplyPerYear: edges.reduce((s, e) => s + flow(e), 0),
      producers,
      idleCapacity,
      importShares,
      importers,
    },
    countries,
    producerBasis,
    productionYear: producerBasis === 'usgs_production' ? (capacityYear ?? prodForWeights.year) : null,
    productionStage: producerBasis === 'usgs_production' ? (prodForWeights.rows[0]?.stage ?? null) : null,
    capacityYear,
    quantityCoverage: qCoverage,
    gaps,
  };
}
