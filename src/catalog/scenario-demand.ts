// Cited national demand figures for the scenarios (scenario-demand.yaml), tonnes of contained metal, validated
// by zod at load time. U.S. demand comes from the USGS salient series instead (src/analysis/scenario/demand.ts).
import { z } from 'zod';
import {
  CatalogIso3,
  CatalogMineral,
  CatalogSource,
  parseCatalogList,
  readCatalogYaml,
} from './scenario-catalog.ts';

export const NationalDemandSchema = z
  .object({
    country: CatalogIso3,
    mineral: CatalogMineral,
    year: z.number().int().min(1990).max(2030),
    consumptionT: z.number().positive().optional(),
    importsT: z.number().min(0).optional(),
    maxYearGap: z.number().int().min(0).max(10).default(3),
    source: CatalogSource,
    note: z.string().optional(),
  })
  .refine((d) => d.consumptionT !== undefined || (d.importsT ?? 0) > 0, {
    message: 'give consumptionT, or importsT (> 0) for a lower bound',
    path: ['consumptionT'],
  })
  .refine((d) => d.importsT === undefined || d.consumptionT === undefined || d.importsT <= d.consumptionT, {
    message: 'importsT cannot exceed consumptionT',
    path: ['importsT'],
  });
export type NationalDemand = z.infer<typeof NationalDemandSchema>;

export function parseDemandCatalog(raw: unknown, file = 'scenario-demand.yaml'): NationalDemand[] {
  const out = parseCatalogList(
    raw,
    NationalDemandSchema,
    file,
    (e) => `${String(e.country)} ${String(e.mineral)}`,
  );
  const seen = new Set<string>();
  for (const d of out) {
    const k = `${d.country} ${d.mineral} ${d.year}`;
    if (seen.has(k)) throw new Error(`${file}: entry ${k}: duplicate country × mineral × year`);
    seen.add(k);
  }
  return out;
}

export const DEMAND_CATALOG: readonly NationalDemand[] = parseDemandCatalog(
  readCatalogYaml(new URL('./scenario-demand.yaml', import.meta.url)),
);
