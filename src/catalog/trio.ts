// The trio catalog: cited facts about South Korea's, Japan's and the United States' supply-chain securitization
// efforts — organizations, laws, strategies, policy tactics and financial mechanisms — as YAML files under
// src/catalog/trio/ (one file per country), validated by zod at load time. Maturity is never typed in: the
// net assessment derives it from the dated status facts below (src/analysis/netassessment.ts).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';
import { editDistance } from '../model/errors.ts';

/** Supply-chain stages of the net assessment (issue 6), upstream to downstream, then cross-cutting ones. */
export const STAGES = [
  'exploration',
  'mining',
  'processing',
  'manufacturing',
  'recycling',
  'stockpiling',
  'trade-diplomacy',
  'rd',
  'dib',
] as const;
export type Stage = (typeof STAGES)[number];

/**
 * Instrument types: what the government actually does. An entry lists the types it uses; the matrix is the
 * product of its stages and types, so an entry whose instruments differ by stage is split into several entries.
 */
export const INSTRUMENT_TYPES = {
  coordination: 'governing body, strategy or plan that sets targets and assigns tasks',
  'geological-survey': 'public geoscience data, exploration surveys and resource mapping',
  equity: 'state or state-agency equity stakes and joint-venture participation',
  'loan-guarantee': 'public loans, loan guarantees, export credit and political-risk insurance',
  'grant-subsidy': 'grants, cost-sharing, subsidies and interest subsidies',
  'tax-incentive': 'tax credits and deductions',
  'offtake-price': 'offtake or purchase commitments, price floors, public procurement',
  stockpile: 'public physical stockpiles and their release rules',
  'regulation-standards': 'sourcing rules, recycling mandates, permitting, ESG and traceability standards',
  'trade-agreement': 'trade and critical-minerals agreements, bilateral and plurilateral partnerships',
  'information-sharing': 'monitoring, early warning, supply-chain mapping and data exchange',
  'export-investment-control': 'export controls and foreign-investment screening',
  'rd-program': 'public research and development programmes',
} as const;
export type InstrumentType = keyof typeof INSTRUMENT_TYPES;
const INSTRUMENT_IDS = Object.keys(INSTRUMENT_TYPES) as [InstrumentType, ...InstrumentType[]];

export const ENTRY_KINDS = ['organization', 'law', 'strategy', 'tactic', 'financial'] as const;

const DateStr = z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'a date YYYY, YYYY-MM or YYYY-MM-DD');

export const SourceSchema = z
  .object({
    title: z.string().min(3),
    publisher: z.string().min(2),
    url: z.string().url(),
    date: DateStr,
  })
  .strict();
export type Source = z.infer<typeof SourceSchema>;

/** The facts maturity is derived from; each level needs its own evidence (rubric in netassessment.ts). */
export const StatusSchema = z
  .object({
    announced: z.object({ date: DateStr, note: z.string().optional() }).strict().optional(),
    legislated: z
      .object({ ref: z.string().min(3), date: DateStr })
      .strict()
      .optional(),
    funded: z
      .object({
        amount: z.number().positive(),
        currency: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as KRW'),
        year: z.number().int().min(1900).max(2100),
        note: z.string().optional(),
      })
      .strict()
      .optional(),
    operating: z
      .object({
        evidence: z.string().min(10),
        asOf: DateStr,
        metric: z.object({ name: z.string(), value: z.number(), unit: z.string() }).strict().optional(),
      })
      .strict()
      .optional(),
    ended: z.object({ date: DateStr, ref: z.string() }).strict().optional(),
  })
  .strict();
export type Status = z.infer<typeof StatusSchema>;

export const EntrySchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/, 'lower-case letters, digits and hyphens'),
    country: z.enum(['KOR', 'JPN', 'USA']),
    kind: z.enum(ENTRY_KINDS),
    name: z.string().min(3),
    year: z.number().int().min(1800).max(2100),
    role: z.string().min(10),
    stages: z.array(z.enum(STAGES)).min(1),
    instrumentTypes: z.array(z.enum(INSTRUMENT_IDS)).min(1),
    /** Minerals the entry names explicitly (model ids); absent = all critical minerals. */
    minerals: z.array(z.string()).optional(),
    status: StatusSchema,
    source: SourceSchema,
    also: z.array(SourceSchema).optional(),
    /**
     * What the source is: `official` (the government, agency or law itself, or the operator for its own
     * project), `secondary` (press, law firms, analysts reporting it), `unverified` (social media, forums, or a
     * fact not found in the cited source). Said in the output beside the entry.
     */
    verification: z.enum(['official', 'secondary', 'unverified']),
  })
  .strict();
export type TrioEntry = z.infer<typeof EntrySchema>;

/**
 * Crosswalk from the IEA Critical Minerals Policy Explorer's policy types (shared/data/policy/IEA_CM_Policies.csv,
 * column policyType, ";"-separated) to the net assessment's instrument types. It decides, for a cell no catalog
 * entry covers, whether the IEA lists a policy of that instrument type for the country ("not catalogued") or not
 * ("absent"). The mapping is our reading of the IEA categories (an assumption, stated here): tariffs and
 * non-tariff measures are left unmapped (no instrument type of ours carries them).
 */
export const IEA_POLICY_TYPES: Readonly<Record<string, InstrumentType[]>> = {
  'Economic: Financing': ['loan-guarantee'],
  'Economic: Financing (Minerals recycling)': ['loan-guarantee'],
  'Economic: Geological surveys': ['geological-survey'],
  'Economic: Innovation funds': ['rd-program'],
  'Economic: Loans, grants and other financial incentives (Minerals recycling)': [
    'grant-subsidy',
    'loan-guarantee',
  ],
  'Economic: Public investment': ['equity'],
  'Economic: Recycling support': ['grant-subsidy'],
  'Economic: Tax incentives': ['tax-incentive'],
  'Economic: Tax incentives (Minerals recycling)': ['tax-incentive'],
  'General legal framework: International arrangements': ['trade-agreement'],
  'General legal framework: International arrangements (Entry & ownership rules/licensing)': [
    'trade-agreement',
  ],
  'General legal framework: Strategic mineral lists': ['coordination'],
  'General legal framework: Strategic plans': ['coordination'],
  'General legal framework: Strategic plans (Minerals recycling)': ['coordination'],
  'Performance-based: Minerals Recycling': ['regulation-standards'],
  'Prescriptive: Due diligence obligations': ['regulation-standards'],
  'Prescriptive: Environmental standards': ['regulation-standards'],
  'Prescriptive: Permitting regimes': ['regulation-standards'],
  'Prescriptive: Regulation (Minerals recycling)': ['regulation-standards'],
  'Prescriptive: Social standards': ['regulation-standards'],
  'Prescriptive: Stockpiling mechanisms': ['stockpile'],
  'Prescriptive: Traceability': ['regulation-standards', 'information-sharing'],
  'Prescriptive: Transparency norms': ['regulation-standards', 'information-sharing'],
  'Prescriptive: Transparency norms (Minerals traceability)': ['regulation-standards', 'information-sharing'],
  'Trade: Export and import ban (Critical minerals)': ['export-investment-control'],
  'Trade: Export controls and restrictions (Minerals recycling)': ['export-investment-control'],
  'Trade: Foreign direct investment (FDI) (Critical minerals)': ['export-investment-control'],
};

/** Instrument types of one IEA policy (its ";"-separated types through the crosswalk). */
export const ieaInstrumentTypes = (policyType: string | null): InstrumentType[] => [
  ...new Set((policyType ?? '').split(';').flatMap((t) => IEA_POLICY_TYPES[t.trim()] ?? [])),
];

export interface CatalogIssue {
  file: string;
  entryId: string;
  field: string;
  message: string;
}

/** A catalog that failed validation: every problem with its file, entry id and field. */
export class CatalogError extends Error {
  constructor(readonly issues: CatalogIssue[]) {
    super(
      `catalog invalid (${issues.length} problem(s)):\n` +
        issues.map((i) => `  ${i.file}: entry "${i.entryId}" [${i.field}]: ${i.message}`).join('\n'),
    );
    this.name = 'CatalogError';
  }
}

export const DEFAULT_TRIO_DIR = join(dirname(fileURLToPath(import.meta.url)), 'trio');

const yamlFilesIn = (dir: string): string[] =>
  readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return yamlFilesIn(path);
      return /\.ya?ml$/.test(name) ? [path] : [];
    });

const closest = (given: string, valid: readonly string[]) =>
  [...valid].sort((a, b) => editDistance(given, a) - editDistance(given, b))[0];

/** Adds "did you mean" to an unknown stage or instrument type. */
function explain(issue: z.core.$ZodIssue, raw: unknown): string {
  const path = issue.path;
  const value = path.reduce<unknown>((v, k) => (v as Record<PropertyKey, unknown>)?.[k as PropertyKey], raw);
  const field = String(path.find((p) => typeof p === 'string') ?? '');
  if (typeof value === 'string' && (field === 'stages' || field === 'instrumentTypes')) {
    const valid = field === 'stages' ? STAGES : INSTRUMENT_IDS;
    return `unknown ${field === 'stages' ? 'stage' : 'instrument type'} "${value}" (did you mean "${closest(value, valid)}"? valid: ${valid.join(', ')})`;
  }
  if (value === undefined && issue.code === 'invalid_type') return 'missing (required)';
  return issue.message;
}

/** Parses and validates one catalog's entries; collects every problem before failing. */
export function validateEntries(raw: { file: string; entries: unknown[] }[]): TrioEntry[] {
  const issues: CatalogIssue[] = [];
  const entries: TrioEntry[] = [];
  const seen = new Map<string, string>();
  for (const { file, entries: list } of raw) {
    list.forEach((item, i) => {
      const id =
        typeof (item as { id?: unknown })?.id === 'string' ? (item as { id: string }).id : `#${i + 1}`;
      const parsed = EntrySchema.safeParse(item);
      if (!parsed.success) {
        for (const issue of parsed.error.issues)
          issues.push({
            file,
            entryId: id,
            field: issue.path.join('.') || '(entry)',
            message: explain(issue, item),
          });
        return;
      }
      if (seen.has(id))
        issues.push({ file, entryId: id, field: 'id', message: `duplicate id (also in ${seen.get(id)})` });
      seen.set(id, file);
      entries.push(parsed.data);
    });
  }
  if (issues.length) throw new CatalogError(issues);
  return entries;
}

/** Loads every YAML file under dir (default src/catalog/trio); each file holds a list of entries. */
export function loadTrioCatalog(dir: string = DEFAULT_TRIO_DIR): TrioEntry[] {
  const files = yamlFilesIn(dir);
  if (!files.length)
    throw new CatalogError([{ file: dir, entryId: '-', field: '-', message: 'no YAML files' }]);
  return validateEntries(
    files.map((path) => {
      const doc = parse(readFileSync(path, 'utf8')) as unknown;
      if (!Array.isArray(doc))
        throw new CatalogError([
          { file: basename(path), entryId: '-', field: '-', message: 'expected a list of entries' },
        ]);
      return { file: basename(path), entries: doc };
    }),
  );
}

/** The instrument types the IEA categories speak to (the crosswalk's range); offtake and price support are not. */
export const IEA_COVERED_TYPES: readonly InstrumentType[] = [
  ...new Set(Object.values(IEA_POLICY_TYPES).flat()),
];
