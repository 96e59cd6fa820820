// The cooperation catalog: cited opportunities for and barriers to trilateral cooperation (src/catalog/
// cooperation.yaml), validated by zod at load time. Opportunities name the net-assessment cells they would close
// and the barriers that hit them; scoring is in src/analysis/cooperation.ts.
import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';
import {
  CatalogError,
  type CatalogIssue,
  INSTRUMENT_TYPES,
  type InstrumentType,
  SourceSchema,
  STAGES,
} from './trio.ts';

const INSTRUMENT_IDS = Object.keys(INSTRUMENT_TYPES) as [InstrumentType, ...InstrumentType[]];

/** Measured effects the service can attach to an opportunity. */
export const MEASURES = ['swap-days', 'shared-code-share', 'partner-rank'] as const;
export type Measure = (typeof MEASURES)[number];

const Common = {
  id: z.string().regex(/^(opp|bar)-[a-z0-9-]+$/, 'opp-… or bar-…'),
  name: z.string().min(3),
  description: z.string().min(10),
  sources: z.array(SourceSchema).min(1),
};

export const OpportunitySchema = z
  .object({
    ...Common,
    kind: z.literal('opportunity'),
    closes: z
      .array(z.object({ stage: z.enum(STAGES), instrumentType: z.enum(INSTRUMENT_IDS) }).strict())
      .min(1),
    blockedBy: z.array(z.string()).default([]),
    measure: z.enum(MEASURES).optional(),
  })
  .strict();

export const BarrierSchema = z
  .object({
    ...Common,
    kind: z.literal('barrier'),
    severity: z.union([z.literal(1), z.literal(2), z.literal(3)]),
    severityRationale: z.string().min(10),
  })
  .strict();

export const OptionSchema = z.discriminatedUnion('kind', [OpportunitySchema, BarrierSchema]);
export type Opportunity = z.infer<typeof OpportunitySchema>;
export type Barrier = z.infer<typeof BarrierSchema>;
export type CooperationOption = Opportunity | Barrier;

export const DEFAULT_COOPERATION_FILE = join(dirname(fileURLToPath(import.meta.url)), 'cooperation.yaml');

/** Validates options and cross-references (blockedBy must name a barrier of the same catalog). */
export function validateCooperation(file: string, raw: unknown[]): CooperationOption[] {
  const issues: CatalogIssue[] = [];
  const options: CooperationOption[] = [];
  raw.forEach((item, i) => {
    const id = typeof (item as { id?: unknown })?.id === 'string' ? (item as { id: string }).id : `#${i + 1}`;
    const parsed = OptionSchema.safeParse(item);
    if (parsed.success) options.push(parsed.data);
    else
      for (const issue of parsed.error.issues)
        issues.push({ file, entryId: id, field: issue.path.join('.') || '(entry)', message: issue.message });
  });
  const barriers = new Set(options.filter((o) => o.kind === 'barrier').map((o) => o.id));
  const ids = new Set<string>();
  for (const o of options) {
    if (ids.has(o.id)) issues.push({ file, entryId: o.id, field: 'id', message: 'duplicate id' });
    ids.add(o.id);
    if (o.kind === 'opportunity')
      for (const b of o.blockedBy)
        if (!barriers.has(b))
          issues.push({ file, entryId: o.id, field: 'blockedBy', message: `unknown barrier "${b}"` });
  }
  if (issues.length) throw new CatalogError(issues);
  return options;
}

export function loadCooperationCatalog(path: string = DEFAULT_COOPERATION_FILE): CooperationOption[] {
  const doc = parse(readFileSync(path, 'utf8')) as unknown;
  if (!Array.isArray(doc))
    throw new CatalogError([
      { file: basename(path), entryId: '-', field: '-', message: 'expected a list of options' },
    ]);
  return validateCooperation(basename(path), doc);
}
