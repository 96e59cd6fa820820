// Cited price elasticities of world demand and supply (scenario-elasticities.yaml), validated by zod at load
// time. A mineral without an entry has no price path (a gap), never a default elasticity.
import { z } from 'zod';
import { CatalogMineral, CatalogSource, parseCatalogList, readCatalogYaml } from './scenario-catalog.ts';

export const ElasticitySchema = z.object({
  mineral: CatalogMineral,
  demand: z.number().max(0),
  supply: z.number().min(0),
  confidence: z.enum(['high', 'medium', 'low']),
  source: CatalogSource,
  note: z.string().optional(),
});
export type Elasticity = z.infer<typeof ElasticitySchema>;

export function parseElasticityCatalog(raw: unknown, file = 'scenario-elasticities.yaml'): Elasticity[] {
  const out = parseCatalogList(raw, ElasticitySchema, file, (e) => String(e.mineral));
  const seen = new Set<string>();
  for (const e of out) {
    if (seen.has(e.mineral)) throw new Error(`${file}: entry ${e.mineral}: duplicate mineral`);
    seen.add(e.mineral);
    if (!(e.supply - e.demand > 0))
      throw new Error(`${file}: entry ${e.mineral}: supply − demand elasticity must be positive`);
  }
  return out;
}

export const ELASTICITIES: readonly Elasticity[] = parseElasticityCatalog(
  readCatalogYaml(new URL('./scenario-elasticities.yaml', import.meta.url)),
);

export const elasticityFor = (mineral: string) => ELASTICITIES.find((e) => e.mineral === mineral);
