// The "reproduce the EU's own number" view of the assessment: the EU 2023 supply risk recomputed per stage with
// global supply shares (USGS, the year nearest the EU's 2016–2020 window) and the EU's published inputs
// (EOL-RIR, SI_SR, trade parameters applied), beside the EU's published value and the trio countries' own SR.
// Formula and tolerance: src/analysis/criticality/eu-reproduction.ts. Published inputs:
// src/catalog/eu-crm-2023.yaml (secondary transcription, cited there).
import {
  EU_REPRODUCTION_TOLERANCE,
  type EuReproduction,
  reproduceEuStage,
} from '../../analysis/criticality/eu-reproduction.ts';
import type { GovernedSupplier } from '../../analysis/hhi-wgi.ts';
import { EU_STAGES, type EuStage, euPublished, NOT_FOUND } from '../../catalog/eu-crm-2023.ts';
import { type Context, type MineralData, wgiOf } from './data.ts';
import { productionStage } from './production.ts';
import { type StageConcentration, secondaryRefinery } from './supply.ts';

/** The last year of the EU 2023 assessment's averaging window (2016–2020). */
export const EU_WINDOW = { from: 2016, to: 2020 } as const;

/** The production year nearest the EU window: its last year if held, else the earliest year after it. */
function windowYear(data: MineralData, usgsStages: readonly string[]): number | null {
  const years = new Set<number>();
  for (const s of usgsStages) for (const y of data.production.get(s)?.keys() ?? []) years.add(y);
  const inWindow = [...years].filter((y) => y >= EU_WINDOW.from && y <= EU_WINDOW.to);
  if (inWindow.length) return Math.max(...inWindow);
  const after = [...years].filter((y) => y > EU_WINDOW.to);
  return after.length ? Math.min(...after) : null;
}

function globalStage(ctx: Context, data: MineralData, stage: EuStage): StageConcentration | null {
  const usgs = [...data.production.keys()].filter((s) =>
    stage === 'extraction' ? s === 'mine' : s !== 'mine',
  );
  const year = windowYear(data, usgs);
  if (year !== null) {
    const s = usgs.find((u) => data.production.get(u)?.has(year))!;
    return productionStage(ctx, data.mineral.id, s, year, data.production.get(s)!.get(year)!, []);
  }
  return stage === 'processing' ? secondaryRefinery(ctx, data.mineral.id, EU_WINDOW.to) : null;
}

export interface TrioSr {
  sr: number | null;
  stage: string | null;
}

export function euReproduction(ctx: Context, data: MineralData, trio: Record<string, TrioSr>) {
  const pub = euPublished(data.mineral.id);
  if (!pub.srStage)
    return {
      available: false as const,
      published: pub,
      reason: pub.sr.value === null ? pub.sr.reason : NOT_FOUND,
      trio,
    };
  const stages: (EuReproduction & { supply: { year: number; source: string; secondary: boolean } | null })[] =
    [];
  for (const stage of EU_STAGES) {
    const p = pub.stages[stage];
    if (!p) continue;
    const g = globalStage(ctx, data, stage);
    const supply: GovernedSupplier[] | null = g
      ? [
          ...g.shares
            .filter((x) => x.share !== null)
            .map((x) => ({
              country: x.country,
              share: x.share!,
              wgi: wgiOf(ctx, x.country, g.year).wgi,
              t: p.t?.[x.country] ?? 1,
            })),
          ...(g.otherShare ? [{ country: null, share: g.otherShare, wgi: null }] : []),
        ]
      : null;
    const r = reproduceEuStage({
      stage,
      basis: p.basis,
      publishedSr: p.sr.value,
      globalSupply: supply,
      eolRir: pub.eolRir.value,
      siSr: pub.siSr.value,
    });
    stages.push({
      ...r,
      supply: g
        ? {
            year: g.year,
            source: g.secondary ? g.source.file : `USGS MCS ${g.source.edition ?? ''} ${g.stage}`.trim(),
            secondary: g.secondary,
          }
        : null,
    });
  }
  const headline = stages.find((s) => s.stage === pub.srStage) ?? null;
  const year = headline?.supply?.year ?? null;
  const differences = [
    `the EU averages supply shares over ${EU_WINDOW.from}–${EU_WINDOW.to}; this reproduction uses one year (${year ?? 'none'}) of USGS shares${headline?.supply?.secondary ? ' (secondary refining shares, not year-specific)' : ''}`,
    'the EU uses its own supply data (BGS, WMD, USGS and others) and WGI vintage; WGI here is the year used',
    ...(headline?.missing ?? []),
  ];
  return {
    available: true as const,
    published: pub,
    window: EU_WINDOW,
    tolerance: EU_REPRODUCTION_TOLERANCE,
    stages,
    headline,
    trio,
    differences,
  };
}
export type EuReproductionView = ReturnType<typeof euReproduction>;
