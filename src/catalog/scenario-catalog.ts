// Shared pieces of the scenario catalogs (scenario-stocks, scenario-demand, scenario-elasticities): the cited
// source of an entry and one loader that validates a YAML list with zod and names the file, entry and field of
// every error.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import { MINERALS } from '../model/minerals.ts';

export const CatalogSource = z.object({
  title: z.string().min(1),
  url: z.string().url(),
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'an ISO date YYYY-MM-DD')
    .optional(),
});
export type CatalogSource = z.infer<typeof CatalogSource>;

const mineralIds = new Set(MINERALS.map((m) => m.id));
export const CatalogMineral = z
  .string()
  .refine((m) => mineralIds.has(m), { message: 'not a model mineral id (src/model/minerals.ts)' });
export const CatalogIso3 = z.string().regex(/^[A-Z]{3}$/, 'an ISO3 code such as KOR');

/** Validates a list of entries; an error names the file, the entry (its `key` or #index) and the field. */
export function parseCatalogList<S extends z.ZodType>(
  raw: unknown,
  schema: S,
  file: string,
  key: (entry: Record<string, unknown>) => string,
): z.infer<S>[] {
  if (!Array.isArray(raw)) throw new Error(`${file}: expected a list of entries`);
  return raw.map((entry, i) => {
    const r = schema.safeParse(entry);
    if (r.success) return r.data;
    const name =
      entry && typeof entry === 'object' ? key(entry as Record<string, unknown>) || `#${i + 1}` : `#${i + 1}`;
    const issues = r.error.issues.map((x) => `${x.path.join('.') || '(entry)'}: ${x.message}`).join('; ');
    throw new Error(`${file}: entry ${name} (#${i + 1}): ${issues}`);
  });
}

export const readCatalogYaml = (file: URL): unknown => parse(readFileSync(file, 'utf8'));
