// Cited facts about candidate partners' institutions, programmes, projects, geography and policy
// (partner-profiles.yaml), validated by zod at load time; the partner case studies quote them.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { countryByIso3 } from '../model/countries.ts';
import { MINERALS } from '../model/minerals.ts';
import { parseCatalogList } from './catalog-file.ts';
import { Verification } from './sanctions.ts';

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'an ISO date YYYY-MM-DD (quote it in YAML)');
const mineralIds = new Set(MINERALS.map((m) => m.id));
const SourceSchema = z.object({ title: z.string().min(1), url: z.string().url(), date: IsoDate });

export const ProfileEntrySchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  country: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .refine((c) => countryByIso3(c) !== undefined, { message: 'not a known ISO3 country code' }),
  kind: z.enum(['institution', 'programme', 'project', 'geography', 'policy']),
  name: z.string().min(3),
  date: IsoDate,
  minerals: z.array(z.string().refine((m) => mineralIds.has(m), { message: 'not a model mineral id' })),
  otherMaterials: z.array(z.string()),
  stages: z.array(z.enum(['exploration', 'mine', 'refining', 'recycling', 'stockpile'])),
  amount: z
    .object({ value: z.number().positive(), currency: z.string().regex(/^[A-Z]{3}$/), note: z.string() })
    .nullable(),
  summary: z.string().min(10),
  source: SourceSchema,
  alsoSee: z.array(SourceSchema).default([]),
  verification: Verification,
  checked: z.string().min(1),
});
export type ProfileEntry = z.infer<typeof ProfileEntrySchema>;

export const parseProfiles = (text: string, file = 'partner-profiles.yaml') =>
  parseCatalogList(text, file, ProfileEntrySchema);

export const PARTNER_PROFILES: readonly ProfileEntry[] = parseProfiles(
  readFileSync(new URL('./partner-profiles.yaml', import.meta.url), 'utf8'),
  'src/catalog/partner-profiles.yaml',
);

export const profileOf = (iso3: string, entries: readonly ProfileEntry[] = PARTNER_PROFILES) =>
  entries.filter((e) => e.country === iso3);
