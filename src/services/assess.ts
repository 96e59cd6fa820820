// Supply-chain vulnerability assessment of one mineral for the trio (or one trio country) in one year:
// production concentration per stage (USGS), exporter concentration per HS code (BACI), each importer's
// dependence over the mineral's whole chain in contained metal (shipped by, refined in, mined in, with basis and
// coverage), every trade source side by side, three criticality scores with their inputs, export controls in
// force, the trade-code audit, defense end uses, trends over every year the data covers, and every gap. Loads via
// src/store/queries/vulnerability.ts, computes with src/analysis/…; the CLI, the API and the briefings show this
// object unchanged (contract: src/model/results/assess.ts).
// Parts: assess/data.ts (loading, lookups), assess/production.ts (production stages, the one share rule of
// src/analysis/production-shares.ts), assess/dependence.ts (the supply-chain model per importer),
// assess/us-sources.ts (sources side by side), assess/supply.ts (secondary refining, exporters),
// assess/importer.ts (one trio country's dependence and risk scores).
import { z } from 'zod';
import { importDependence } from '../analysis/dependence.ts';
import type { Reconciliation } from '../analysis/supply-chain/reconcile.ts';
import { defenseUsesOf } from '../catalog/defense-uses.ts';
import { measuresFor, stateOn } from '../catalog/export-controls.ts';
import { TRIO } from '../model/countries.ts';
import { UserInputError, unknownChoice } from '../model/errors.ts';
import { MINERALS, mineralById } from '../model/minerals.ts';
import type { Db } from '../store/db.ts';
import {
  type Context,
  type Gap,
  loadContext,
  loadMineral,
  type MineralData,
  NO_MOLYBDENUM_TRADE,
} from './assess/data.ts';
import { importerDependence } from './assess/dependence.ts';
import { euReproduction } from './assess/eu-reproduction.ts';
import { importerAssessment, riskFor } from './assess/importer.ts';
import { productionStage } from './assess/production.ts';
import { riskTrend, yearStages } from './assess/risk-trend.ts';
import { exporterConcentration } from './assess/supply.ts';
import { chinaCustomsFigure, usSources, withBaci } from './assess/us-sources.ts';

export {
  type Context,
  type Gap,
  loadAllMinerals,
  loadContext,
  loadMineral,
  type MineralData,
  NO_MOLYBDENUM_TRADE,
} from './assess/data.ts';

export const AssessParams = z.object({
  mineral: z.string().min(1),
  country: z.string().optional(),
  year: z.coerce.number().int().min(1900).max(2100).optional(),
  /** Trends over every year of data (default true). */
  trends: z.boolean().default(true),
});
export type AssessParams = z.input<typeof AssessParams>;

// ---------------------------------------------------------------- assembly

export function assessYear(ctx: Context, data: MineralData, year: number, countries: readonly string[]) {
  const m = data.mineral;
  const gaps: Gap[] = [];
  const stages = yearStages(ctx, data, year, gaps);
  const yearFlows = data.flows.get(year) ?? [];
  const chain = data.chain;
  const loaded = new Set(yearFlows.map((f) => f.hs));
  if (!yearFlows.length)
    gaps.push({
      topic: 'trade',
      reason: m.id === 'molybdenum' ? 'not_in_shared_data' : 'not_reported',
      detail: m.id === 'molybdenum' ? NO_MOLYBDENUM_TRADE : `no loaded trade of the ${m.id} chain in ${year}`,
    });
  const missingCodes = (chain?.codes ?? []).filter((c) => !loaded.has(c.hs6)).map((c) => c.hs6);
  if (yearFlows.length && missingCodes.length)
    gaps.push({
      topic: 'trade codes',
      reason: 'not_in_shared_data',
      detail: `HS ${missingCodes.join(', ')} of the ${m.id} chain are not loaded for ${year}; the trade figures cover HS ${[...loaded].sort().join(', ')} (coverage in each importer's views)`,
    });
  for (const c of (chain?.codes ?? []).filter((x) => x.shared && loaded.has(x.hs6)))
    gaps.push({
      topic: 'trade codes',
      reason: c.shared!.split === 'none' ? 'insufficient_data' : 'assumption',
      detail:
        c.shared!.split === 'none'
          ? `HS ${c.hs6} is shared with ${c.shared!.with.join(', ')} and no rule separates them: left out of every ${m.id} figure`
          : `HS ${c.hs6} is shared with ${c.shared!.with.join(', ')}: split by each exporter's USGS production of them (producer basket; bounds from the whole basket to all of the code)`,
    });

  const importers = countries.map((c) => importerAssessment(ctx, data, year, c, yearFlows, gaps));
  const euSR: Record<string, ReturnType<typeof riskFor>['euSR']> = {};
  const geoPolRisk: Record<string, unknown> = {};
  const usgsStyle: Record<string, unknown> = {};
  for (const imp of importers) {
    const r = riskFor(ctx, data, year, imp.country, stages, imp.netImportReliance, gaps);
    euSR[imp.country] = r.euSR;
    geoPolRisk[imp.country] = r.geoPolRisk;
    usgsStyle[imp.country] = r.usgsStyle;
  }
  const trioSr = Object.fromEntries(Object.entries(euSR).map(([c, v]) => [c, { sr: v.sr, stage: v.stage }]));
  const risk = { euSR, geoPolRisk, usgsStyle, euReproduction: euReproduction(ctx, data, trioSr) };
  const lastWgi = ctx.lastWgiYear;
  if (year > lastWgi)
    gaps.push({
      topic: 'governance',
      reason: 'not_reported',
      detail: `WGI ends in ${lastWgi}: ${lastWgi} scores used for ${year}`,
    });

  return {
    mineral: m.id,
    name: m.name,
    year,
    production: stages,
    exporters: exporterConcentration(yearFlows),
    importers,
    risk,
    exportControls: measuresFor(m.id).map((c) => ({
      id: c.id,
      imposer: c.imposer,
      type: c.type,
      targets: c.targets,
      effective: c.effective,
      ended: c.ended,
      stateAtYearEnd: stateOn(c, `${year}-12-31`),
      source: c.source,
    })),
    defenseUses: defenseUsesOf(m.id),
    gaps: dedupe(gaps),
  };
}

const dedupe = (gaps: Gap[]) => [...new Map(gaps.map((g) => [`${g.topic}|${g.detail}`, g])).values()];

export function trendsFor(ctx: Context, data: MineralData, countries: readonly string[]) {
  const imports = !data.chain
    ? null
    : countries.map((country) => ({
        country,
        series: ctx.baciYears.map((year) => {
          const dep = (data.flows.get(year) ?? []).length ? importerDependence(data, year, country) : null;
          if (!dep?.inflows.length)
            return {
              year,
              totalValue: null,
              shippedByChina: null,
              refinedInChina: null,
              minedInChina: null,
              hhi: null,
              unit: null,
            };
          const d = importDependence(
            dep.inflows.map((f) => ({ exporter: f.exporter, value_usd: f.valueUsd, quantity_t: f.tonnes })),
          );
          return {
            year,
            totalValue: d.totalValue,
            shippedByChina: dep.shippedBy.china,
            refinedInChina: dep.refinedIn.china,
            minedInChina: dep.minedIn.china,
            hhi: dep.shippedBy.basis.unit === 'USD' ? d.hhi : d.hhiQuantity,
            unit: dep.shippedBy.basis.unit,
          };
        }),
      }));
  const production = [...data.production.entries()].map(([stage, byYear]) => ({
    stage,
    series: [...byYear.entries()]
      .sort(([a], [b]) => a - b)
      .map(([year, rows]) => {
        const s = productionStage(ctx, data.mineral.id, stage, year, rows, []);
        return { year, chinaShare: s.chinaShare, hhi: s.hhi, top3: s.top3, edition: s.source.edition };
      }),
  }));
  return { imports, production, risk: riskTrend(ctx, data, countries) };
}

/**
 * Every trade source that measures the importer's dependence, side by side (analysis/supply-chain/reconcile.ts):
 * for the U.S. the USGS import sources (all forms), USITC by HTS4 heading and this model's BACI figure, with the
 * headline picked by the stated rule; for every importer China's own reported exports where they are loaded.
 */
async function tradeSources(db: Db, data: MineralData, result: ReturnType<typeof assessYear>) {
  const out: Record<string, unknown> = {};
  for (const imp of result.importers) {
    const view = imp.dependence?.shippedBy;
    const customs = await chinaCustomsFigure(db, result.mineral, imp.country, result.year);
    let reconciliation: Reconciliation | null = null;
    if (imp.country === 'USA' && data.chain) {
      const us = await usSources(db, { mineral: result.mineral, year: result.year });
      reconciliation = (
        view && view.china !== null
          ? withBaci(us, {
              importer: 'USA',
              years: view.basis.years,
              codes: view.basis.codes,
              shares: view.shares,
              unit: view.basis.unit,
              chainCoverage: view.coverage.share,
              reason: `this model's shipped-by view, coverage grade ${view.coverage.grade}`,
            })
          : us
      ).reconciliation;
    }
    out[imp.country] = { reconciliation, chinaCustoms: customs };
  }
  return out;
}

export type AssessResult = ReturnType<typeof assessYear> & {
  trends?: ReturnType<typeof trendsFor>;
  sources?: Record<string, unknown>;
};

export const ASSESSABLE = () => MINERALS.map((m) => m.id);

export async function assess(db: Db, input: AssessParams): Promise<AssessResult> {
  const p = AssessParams.parse(input);
  const mineral = mineralById(p.mineral);
  if (!mineral) unknownChoice('mineral', p.mineral, ASSESSABLE(), 'mineral');
  let countries: string[] = [...TRIO];
  if (p.country) {
    const c = p.country.toUpperCase();
    if (!(TRIO as readonly string[]).includes(c)) unknownChoice('country', p.country, TRIO, 'country');
    countries = [c];
  }
  const [ctx, data] = await Promise.all([loadContext(db), loadMineral(db, mineral)]);
  const prodYears = [...data.production.values()].flatMap((b) => [...b.keys()]);
  const years = [...new Set([...data.flows.keys(), ...prodYears])].sort((a, b) => a - b);
  if (!years.length)
    throw new UserInputError(
      `no data for ${mineral.id} in the database (run minsec data build)`,
      'mineral',
      404,
    );
  const latestTrade = Math.max(...ctx.baciYears);
  const year = p.year ?? (years.includes(latestTrade) ? latestTrade : years[years.length - 1]);
  if (!years.includes(year))
    throw new UserInputError(
      `no ${mineral.id} data for ${year}; years with data: ${years[0]}–${years[years.length - 1]}`,
      'year',
      404,
    );
  const result: AssessResult = assessYear(ctx, data, year, countries);
  result.sources = await tradeSources(db, data, result);
  if (p.trends) result.trends = trendsFor(ctx, data, countries);
  return result;
}
