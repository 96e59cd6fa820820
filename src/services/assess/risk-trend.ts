// Production stages of one assessment year, and the three criticality scores per trio country per year (the
// "risk scores over time" trend). A score is null with its reason where the year lacks an input: all three
// need USGS production shares (the MCS files cover 2020 onwards); the EU SR and GeoPolRisk need import
// quantities (BACI carries tonnes for 2024 only); the USGS-style score needs net import reliance (USGS
// publishes it for the United States each year; for Korea and Japan it is computed from BACI tonnes).
import type { Context, Gap, MineralData } from './data.ts';
import { importerDependence, netImportReliance } from './dependence.ts';
import { riskFor } from './importer.ts';
import { productionStage } from './production.ts';
import { type StageConcentration, secondaryRefinery } from './supply.ts';

/** Production stages for `year` (USGS), plus secondary refining shares where USGS has no refinery series. */
export function yearStages(ctx: Context, data: MineralData, year: number, gaps: Gap[]): StageConcentration[] {
  const m = data.mineral;
  const stages: StageConcentration[] = [];
  for (const [stage, byYear] of data.production) {
    const rows = byYear.get(year);
    if (rows?.length) stages.push(productionStage(ctx, m.id, stage, year, rows, gaps));
  }
  if (!m.usgs)
    gaps.push({
      topic: 'production',
      reason: 'not_in_shared_data',
      detail: m.notes[0] ?? `no USGS production series for ${m.id}`,
    });
  else if (!stages.length) {
    const years = [...new Set([...data.production.values()].flatMap((b) => [...b.keys()]))].sort();
    gaps.push({
      topic: 'production',
      reason: 'not_reported',
      detail: `no USGS production for ${year}; the MCS files cover ${years.join(', ') || 'no year'}`,
    });
  }
  if (!stages.some((s) => s.stage === 'refinery' || s.stage === 'primary')) {
    const sec = secondaryRefinery(ctx, m.id, year);
    if (sec) {
      stages.push(sec);
      gaps.push({
        topic: 'refinery production',
        reason: 'secondary_source',
        detail: `USGS publishes no ${m.id} refinery series; refining shares are secondary and rounded (${sec.source.file}), not year-specific`,
      });
    }
  }
  return stages;
}

export interface RiskPoint {
  year: number;
  euSR: number | null;
  euSRStage: string | null;
  euSRReason: string | null;
  geoPolRisk: number | null;
  geoPolRiskReason: string | null;
  usgsStyle: number | null;
  usgsStyleReason: string | null;
}

const stageReason = (stages: { reason: string | null }[]) =>
  [...new Set(stages.map((s) => s.reason).filter(Boolean))].join('; ') || 'no stage could be computed';

/** Risk scores per trio country for every year with trade or production data. */
export function riskTrend(ctx: Context, data: MineralData, countries: readonly string[]) {
  const prodYears = new Set([...data.production.values()].flatMap((b) => [...b.keys()]));
  const years = [...new Set([...ctx.baciYears, ...prodYears])].sort((a, b) => a - b);
  const series = countries.map((country) => ({
    country,
    points: years.map((year): RiskPoint => {
      if (!prodYears.has(year)) {
        const reason = data.mineral.usgs
          ? `no USGS production shares for the year (the MCS files cover ${Math.min(...prodYears)}–${Math.max(...prodYears)})`
          : 'no USGS production series for this mineral';
        return {
          year,
          euSR: null,
          euSRStage: null,
          euSRReason: reason,
          geoPolRisk: null,
          geoPolRiskReason: reason,
          usgsStyle: null,
          usgsStyleReason: reason,
        };
      }
      const stages = yearStages(ctx, data, year, []);
      const nir = netImportReliance(data, year, country, importerDependence(data, year, country));
      const r = riskFor(ctx, data, year, country, stages, nir, []);
      const eu = r.euSR as {
        sr: number | null;
        stage: string | null;
        reason: string | null;
        stages: { reason: string | null }[];
      };
      const gpr = r.geoPolRisk as { score: number | null; reason?: string };
      const usgs = r.usgsStyle as { score: number | null; reason?: string };
      return {
        year,
        euSR: eu.sr,
        euSRStage: eu.stage,
        euSRReason: eu.sr === null ? (eu.reason ?? stageReason(eu.stages)) : null,
        geoPolRisk: gpr.score,
        geoPolRiskReason: gpr.score === null ? (gpr.reason ?? 'not computable') : null,
        usgsStyle: usgs.score,
        usgsStyleReason: usgs.score === null ? (usgs.reason ?? 'not computable') : null,
      };
    }),
  }));
  return {
    series,
    basis:
      'EU SR (EC 2017 method, trio sourcing), GeoPolRisk (Gemechu et al. 2016) and USGS-style DP×TE per year; null where the year lacks an input',
  };
}
