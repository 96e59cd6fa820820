// EU 2023 criticality inputs (eu-crm-2023.yaml): published supply risk for comparison, end-of-life recycling
// input rates and secondary refining shares, validated by zod at load time. See the YAML header for sources and
// for why IR and SI_SR are null.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import { MINERALS } from '../model/minerals.ts';

const Source = z.object({ title: z.string(), url: z.string().url(), date: z.string() });
const fraction = z.number().min(0).max(1).nullable();

const EuMineralSchema = z.object({
  publishedSr: z.number().positive().nullable(),
  eolRir: fraction,
  ir: fraction,
  siSr: z.number().positive().nullable(),
  refinedShares: z
    .object({
      source: z.string(),
      shares: z.record(z.string().regex(/^[A-Z]{3}$/), z.number().min(0).max(100)),
    })
    .optional(),
});
export type EuCrmInputs = z.infer<typeof EuMineralSchema>;

const FileSchema = z.object({
  source: Source,
  secondary: Source,
  minerals: z.record(z.string(), EuMineralSchema),
});

const ids = new Set(MINERALS.map((m) => m.id));

export function parseEuCrm(raw: unknown, file = 'eu-crm-2023.yaml') {
  const r = FileSchema.safeParse(raw);
  if (!r.success)
    throw new Error(`${file}: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  for (const m of Object.keys(r.data.minerals))
    if (!ids.has(m)) throw new Error(`${file}: minerals.${m}: not a model mineral id`);
  return r.data;
}

export const EU_CRM_2023 = parseEuCrm(
  parse(readFileSync(new URL('./eu-crm-2023.yaml', import.meta.url), 'utf8')),
);

/** The documented default SI_SR when the EU value is not available: no substitution credit. */
export const DEFAULT_SI_SR = 1;

export const euCrmInputs = (mineral: string): EuCrmInputs | null => EU_CRM_2023.minerals[mineral] ?? null;
