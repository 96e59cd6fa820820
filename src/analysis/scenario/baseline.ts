// Builds one mineral's baseline network for the engine in tonnes of contained metal (pure).
// Magnitudes come from physical sources, shares from trade:
//   - modelled country c: demand D_c and its import-dependent part M_c (demand.ts: USGS salient, cited national
//     figures, or contained-metal net imports); M_c is split over origins by c's stage views (shipped by /
//     refined in / mined in, from the supply-chain model; the untraced remainder stays unattributed, so a cut
//     of that stage never reaches it, and the result says how much could not be traced);
//   - world supply W: USGS world production of the mineral's reference stage (primary/refinery where USGS
//     publishes it, else mine) in the nearest year to the baseline;
//   - rest of the world (ROW): W − Σ_c D_c, exposed by world production shares at every stage (no trade view
//     of the rest of the world in contained metal yet: an upper bound on its exposure, said so);
//   - replacement pools (engine.ts): mines' spare = spare share × mine output of every producer; refiners'
//     spare = spare share × refinery output where USGS publishes it (else mine output, said so); a by-product's
//     refined pool = its host industry's idle recovery capacity (capacity − production) × restartable share.
// Countries producing none of the mineral never appear as origins of the production-based views.
import type { DemandEstimate } from './demand.ts';
import { type ImporterBaseline, type MineralNetwork, REST_OF_WORLD, type Stage } from './engine.ts';
import { TONNES_PER_UNIT } from './salient.ts';

export interface UsgsIn {
  country: string | null;
  rowKind: string;
  year: number;
  stage: string | null;
  value: number | null;
  unit: string;
  sourceId?: number;
}

/** A modelled country's stage views of its imports (shares of its imports, each summing to ≤ 1). */
export interface ChainView {
  country: string;
  shipped: Record<string, number>;
  /** null when the supply-chain model cannot trace that stage for this importer. */
  refined: Record<string, number> | null;
  mined: Record<string, number> | null;
  /** Share of imports whose refining / mining origin could not be traced. */
  untraced: { refined: number | null; mined: number | null };
  /** How the views were formed (codes, years, trace), one line. */
  basis: string;
}

export interface ProductionTable {
  stage: string;
  year: number;
  /** Tonnes per year by producer (ISO3, or OTHER for the USGS remainder row). */
  byCountry: Record<string, number>;
  /** The USGS world total (tonnes), or the sum of the listed rows when no total is published. */
  world: number;
}

export interface CountryBaseline {
  country: string;
  demand: DemandEstimate;
  /** Imports by origin (shipped by), tonnes per year of contained metal. */
  importsByOrigin: { origin: string; tonnes: number; share: number }[];
  view: ChainView | null;
}

export interface BaselineBuild {
  network: MineralNetwork;
  countries: CountryBaseline[];
  world: { stage: string; year: number; tonnes: number } | null;
  restOfWorld: { tonnes: number; note: string };
  gaps: { country: string | null; reason: string; detail: string }[];
  notes: string[];
}

/** The rows of the year closest to the target (ties: the earlier year). */
export function nearestYear<T extends { year: number }>(
  rows: readonly T[],
  target: number,
): { year: number | null; rows: T[] } {
  const years = [...new Set(rows.map((r) => r.year))];
  if (!years.length) return { year: null, rows: [] };
  const year = years.sort((a, b) => Math.abs(a - target) - Math.abs(b - target) || a - b)[0];
  return { year, rows: rows.filter((r) => r.year === year) };
}

const keyOf = (r: UsgsIn) =>
  r.rowKind === 'country' ? (r.country as string) : r.rowKind === 'other' ? 'OTHER' : null;

/** A USGS production (or capacity) table of one stage in tonnes, nearest year to the baseline; null if none. */
export function productionTable(
  rows: readonly UsgsIn[],
  stage: string,
  year: number,
): ProductionTable | null {
  const near = nearestYear(
    rows.filter((r) => r.stage === stage),
    year,
  );
  if (near.year === null) return null;
  const byCountry: Record<string, number> = {};
  let world: number | null = null;
  for (const r of near.rows) {
    const f = TONNES_PER_UNIT[r.unit];
    if (f === undefined || r.value === null) continue;
    if (r.rowKind === 'world') world = r.value * f;
    const k = keyOf(r);
    if (k && r.value > 0) byCountry[k] = (byCountry[k] ?? 0) + r.value * f;
  }
  const listed = Object.values(byCountry).reduce((s, x) => s + x, 0);
  if (!(listed > 0)) return null;
  return { stage, year: near.year, byCountry, world: world !== null && world > 0 ? world : listed };
}

const shares = (t: Record<string, number>): Record<string, number> => {
  const total = Object.values(t).reduce((s, x) => s + x, 0);
  return total > 0 ? Object.fromEntries(Object.entries(t).map(([k, v]) => [k, v / total])) : {};
};

export interface BuildInput {
  mineral: string;
  year: number;
  countries: string[];
  demand: DemandEstimate[];
  views: ChainView[];
  /** Mine production (tonnes) and the reference refined/primary production where USGS publishes one. */
  mine: ProductionTable | null;
  refined: ProductionTable | null;
  /** By-products: USGS capacity table of the refined/primary stage (tonnes). */
  capacity: ProductionTable | null;
  byProduct: boolean;
  spareShare: number;
  restartableShare: number;
}

export function buildNetwork(o: BuildInput): BaselineBuild | null {
  const gaps: BaselineBuild['gaps'] = [];
  const notes: string[] = [];
  const reference = o.refined ?? o.mine;
  if (!reference) return null;
  const importers: ImporterBaseline[] = [];
  const countries: CountryBaseline[] = [];
  const minedShares = shares(o.mine?.byCountry ?? reference.byCountry);
  const refinedShares = shares(reference.byCountry);
  let modelledDemand = 0;
  for (const c of o.countries) {
    const d = o.demand.find((x) => x.country === c);
    const view = o.views.find((v) => v.country === c) ?? null;
    if (!d || d.perYearT === null || d.importDependentT === null) {
      gaps.push({
        country: c,
        reason: 'insufficient_data',
        detail: `${c} ${o.mineral} demand: ${d?.reason ?? 'no demand figure'}`,
      });
      continue;
    }
    const M = Math.min(d.importDependentT, d.perYearT);
    if (M > 0 && (!view || !Object.keys(view.shipped).length)) {
      gaps.push({
        country: c,
        reason: 'insufficient_data',
        detail: `${c} imports ${o.mineral} (${d.label}) but no trade view of its origins is available`,
      });
      continue;
    }
    const shipped = view?.shipped ?? {};
    const supplyByOrigin: Record<string, number> = {};
    const importsByOrigin: CountryBaseline['importsByOrigin'] = [];
    const totalShare = Object.values(shipped).reduce((s, x) => s + x, 0);
    for (const [origin, share] of Object.entries(shipped)) {
      if (origin === c || !(share > 0)) continue;
      const t = (M * share) / totalShare;
      supplyByOrigin[origin] = t;
      importsByOrigin.push({ origin, tonnes: t, share: share / totalShare });
    }
    if (d.perYearT - M > 0) supplyByOrigin[c] = d.perYearT - M;
    const reach: Record<Stage, Record<string, number>> = {
      shipped: Object.fromEntries(Object.entries(shipped).map(([k, v]) => [k, v / (totalShare || 1)])),
      refined: view?.refined ?? {},
      mined: view?.mined ?? {},
    };
    importers.push({
      country: c,
      demandPerYear: d.perYearT,
      importDependentPerYear: M,
      supplyByOrigin,
      reach,
    });
    countries.push({
      country: c,
      demand: d,
      importsByOrigin: importsByOrigin.sort((a, b) => b.tonnes - a.tonnes),
      view,
    });
    modelledDemand += d.perYearT;
  }
  const W = reference.world;
  const rowDemand = Math.max(0, W - modelledDemand);
  if (W < modelledDemand)
    notes.push(
      `${o.mineral}: the modelled countries' demand (${Math.round(modelledDemand)} t) exceeds USGS world ${reference.stage} production ${reference.year} (${Math.round(W)} t); the rest of the world is set to 0 t`,
    );
  const restNote =
    `rest of the world = USGS world ${reference.stage} production ${reference.year} (${Math.round(W).toLocaleString('en-US')} t) − the modelled countries' demand, ` +
    'supplied and exposed by world production shares at every stage (no contained-metal trade view of the rest of the world: an upper bound on its exposure and on its competition for replacement supply)';
  if (rowDemand > 0)
    importers.push({
      country: REST_OF_WORLD,
      demandPerYear: rowDemand,
      importDependentPerYear: rowDemand,
      supplyByOrigin: Object.fromEntries(Object.entries(refinedShares).map(([k, v]) => [k, v * rowDemand])),
      reach: { shipped: refinedShares, refined: refinedShares, mined: minedShares },
    });
  if (!importers.some((i) => i.country !== REST_OF_WORLD)) return null;

  // Replacement pools (tonnes per year at full ramp).
  const scale = (t: Record<string, number>, f: number) =>
    Object.fromEntries(Object.entries(t).map(([k, v]) => [k, v * f]));
  const mined = o.mine
    ? {
        sparePerYear: scale(o.mine.byCountry, o.spareShare),
        basis: `mines: spare share ${o.spareShare} × USGS mine production ${o.mine.year} by producer`,
      }
    : null;
  let refined: MineralNetwork['pools']['refined'] = null;
  if (o.byProduct && o.capacity && o.refined) {
    const idle: Record<string, number> = {};
    for (const [k, cap] of Object.entries(o.capacity.byCountry))
      idle[k] = Math.max(0, cap - (o.refined.byCountry[k] ?? 0)) * o.restartableShare;
    refined = {
      sparePerYear: idle,
      basis:
        `idle recovery capacity of the host industry: (USGS capacity ${o.capacity.year} − production ${o.refined.year}) × restartable share ${o.restartableShare}` +
        (o.capacity.year !== o.refined.year ? ' (capacity and production from different years)' : ''),
    };
  } else if (o.refined)
    refined = {
      sparePerYear: scale(o.refined.byCountry, o.spareShare),
      basis: `refiners: spare share ${o.spareShare} × USGS ${o.refined.stage} production ${o.refined.year} by producer`,
    };
  else if (o.mine) {
    refined = {
      sparePerYear: scale(o.mine.byCountry, o.spareShare),
      basis: `refiners: USGS publishes no refinery output by country for ${o.mineral}; refining spare approximated by spare share ${o.spareShare} × mine production ${o.mine.year} (interim, until refinery output is in the supply-chain model)`,
    };
    notes.push(
      `${o.mineral}: no refinery output by country in the data; replacement of refined material is approximated from mine producers (interim)`,
    );
  }
  return {
    network: {
      mineral: o.mineral,
      unit: 't',
      worldSupplyPerYear: importers.reduce((s, i) => s + i.demandPerYear, 0),
      importers,
      pools: { mined, refined },
    },
    countries,
    world: { stage: reference.stage, year: reference.year, tonnes: W },
    restOfWorld: { tonnes: rowDemand, note: restNote },
    gaps,
    notes,
  };
}
