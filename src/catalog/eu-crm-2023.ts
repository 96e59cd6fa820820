// EU 2023 criticality inputs (eu-crm-2023.yaml): the published supply risk, the EU's own per-stage results and
// inputs (import reliance, EOL-RIR, SI_SR, trade parameters applied) as transcribed in a cited secondary
// source, end-of-life recycling input rates and secondary refining shares, validated by zod at load time. See
// the YAML header for every source. A value no source gave is null with the reason `not_found_in_sources`.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import { MINERALS } from '../model/minerals.ts';

const Source = z.object({ title: z.string(), url: z.string().url(), date: z.string() });
const fraction = z.number().min(0).max(1).nullable();
const iso3Record = z.record(z.string().regex(/^[A-Z]{3}$/), z.number().positive());

export const EU_STAGES = ['extraction', 'processing'] as const;
export type EuStage = (typeof EU_STAGES)[number];

const EuStageSchema = z.object({
  sr: z.number().nonnegative().nullable(),
  ir: fraction,
  /** Which supply the EU used: global supply and EU sourcing blended by IR, global supply only, EU only. */
  basis: z.enum(['GS+EU', 'GSonly', 'EUonly']),
  /** Trade parameters the EU applied to global-supply countries (others 1). */
  t: iso3Record.optional(),
  /** Trade parameters the EU applied to EU-sourcing countries (others 1). */
  tEu: iso3Record.optional(),
});
export type EuPublishedStage = z.infer<typeof EuStageSchema>;

const Eu2023Schema = z.object({
  ei: z.number().positive().nullable(),
  srStage: z.enum(EU_STAGES),
  siSr: z.number().positive().nullable(),
  siEi: z.number().positive().nullable(),
  eolRir: fraction,
  stages: z.object({ extraction: EuStageSchema.optional(), processing: EuStageSchema.optional() }),
});

const EuMineralSchema = z.object({
  publishedSr: z.number().positive().nullable(),
  eolRir: fraction,
  note: z.string().optional(),
  eu2023: Eu2023Schema.optional(),
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
  critmat: Source,
  minerals: z.record(z.string(), EuMineralSchema),
});

const ids = new Set(MINERALS.map((m) => m.id));

export function parseEuCrm(raw: unknown, file = 'eu-crm-2023.yaml') {
  const r = FileSchema.safeParse(raw);
  if (!r.success)
    throw new Error(`${file}: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  for (const m of Object.keys(r.data.minerals))
    if (!ids.has(m)) throw new Error(`${file}: minerals.${m}: not a model mineral id`);
  for (const [m, v] of Object.entries(r.data.minerals))
    if (v.eu2023 && !v.eu2023.stages[v.eu2023.srStage])
      throw new Error(`${file}: minerals.${m}.eu2023.srStage: stage ${v.eu2023.srStage} has no entry`);
  return r.data;
}

export const EU_CRM_2023 = parseEuCrm(
  parse(readFileSync(new URL('./eu-crm-2023.yaml', import.meta.url), 'utf8')),
);

/** The documented default SI_SR when the EU value is not available: no substitution credit. */
export const DEFAULT_SI_SR = 1;

export const euCrmInputs = (mineral: string): EuCrmInputs | null => EU_CRM_2023.minerals[mineral] ?? null;

export const NOT_FOUND = 'not_found_in_sources';

/** A value with the source it came from, or null with the reason. */
export type Cited = { value: number; source: string } | { value: null; reason: string };

const CRITMAT = 'EU CRM 2023 as transcribed in CritMAT (src/catalog/eu-crm-2023.yaml, critmat)';
const ATLAS = 'EU CRM 2023 factsheets via critical-materials-atlas (src/catalog/eu-crm-2023.yaml, secondary)';

const cited = (value: number | null | undefined, source: string, reason = NOT_FOUND): Cited =>
  value === null || value === undefined ? { value: null, reason } : { value, source };

/** The EU 2023 assessment's own numbers for a mineral, each cited or null with the reason. */
export function euPublished(mineral: string) {
  const e = euCrmInputs(mineral);
  const eu = e?.eu2023;
  const why = e?.note ? `${NOT_FOUND}: ${e.note}` : NOT_FOUND;
  const stage = (s: EuStage) => {
    const x = eu?.stages[s];
    if (!x) return null;
    return { ...x, sr: cited(x.sr, CRITMAT, why), ir: cited(x.ir, CRITMAT, why) };
  };
  return {
    mineral,
    sr: cited(e?.publishedSr, 'EU CRM 2023 final report, doi:10.2873/725585 (cross-checked in CritMAT)', why),
    ei: cited(eu?.ei, CRITMAT, why),
    srStage: eu?.srStage ?? null,
    siSr: cited(eu?.siSr, CRITMAT, why),
    eolRir: eu?.eolRir != null ? cited(eu.eolRir, CRITMAT) : cited(e?.eolRir, ATLAS, why),
    /** The atlas EOL-RIR where it disagrees with the transcription (platinum, palladium). */
    eolRirConflict:
      eu?.eolRir != null && e?.eolRir != null && eu.eolRir !== e.eolRir
        ? { atlas: e.eolRir, critmat: eu.eolRir }
        : null,
    stages: { extraction: stage('extraction'), processing: stage('processing') },
  };
}
export type EuPublished = ReturnType<typeof euPublished>;
