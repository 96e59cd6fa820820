// Each mineral's supply chain as data (supply-chains.yaml): its stages, every HS6 code that carries each stage,
// and for each code the contained-metal factor (tonnes of the element per tonne of the good as traded) with its
// basis and citation. Validated by zod when loaded; a malformed file fails with file:line, the mineral, the code
// and the field (parseChainFile). Adding a mineral or a code needs no code change.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { yamlLineOf } from '../catalog/catalog-file.ts';

/** Supply-chain stages, upstream to downstream. `scrap` is secondary feed of the refining stage. */
export const ChainStage = z.enum(['ore', 'intermediate', 'refined', 'semi', 'scrap']);
export type ChainStage = z.infer<typeof ChainStage>;

/**
 * How a factor was derived: `stoichiometry` (molar masses of a named compound, IUPAC 2021 standard atomic
 * weights), `convention` (a trade or USGS reporting convention such as the WO3 metric-ton unit), `typical-grade`
 * (a published typical grade of a concentrate or intermediate, hence the range), `metal` (the good is the metal or
 * an alloy counted as metal, factor 1 or the alloy's content), `gross-weight` (no content can be stated: the code
 * counts only in value-based figures), `assumption` (no published figure found: a stated guess, labelled as an
 * assumption wherever it is used).
 */
export const FactorBasis = z.enum([
  'stoichiometry',
  'convention',
  'typical-grade',
  'metal',
  'gross-weight',
  'assumption',
]);

export const FactorSchema = z
  .object({
    /** Central contained-metal factor, t element / t good (0 < value ≤ 1). */
    value: z.number().gt(0).max(1),
    low: z.number().gt(0).max(1),
    high: z.number().gt(0).max(1),
    basis: FactorBasis,
    /** The arithmetic, e.g. "W/WO3 = 183.84/231.84 = 0.793; × 0.65 WO3 typical grade". */
    formula: z.string().optional(),
    /** Citation: a primary source (publication, table or standard) for the grade, convention or compound. */
    source: z.string().min(8),
  })
  .refine((f) => f.low <= f.value && f.value <= f.high, {
    message: 'factor must satisfy low ≤ value ≤ high',
    path: ['value'],
  });
export type Factor = z.infer<typeof FactorSchema>;

export const ChainCodeSchema = z.object({
  hs6: z.string().regex(/^\d{6}$/, 'hs6 must be six digits'),
  stage: ChainStage,
  description: z.string().min(3),
  factor: FactorSchema,
  /**
   * A second stage the same code carries (282200 carries DRC cobalt hydroxide, an intermediate, and refined
   * cobalt oxide): a flow is counted at `stage` when its exporter refines the mineral, else at `mixedWith`.
   */
  mixedWith: ChainStage.optional(),
  /** Contained-metal factor of the flows counted at `mixedWith` (default: `factor`). */
  mixedFactor: FactorSchema.optional(),
  /** Other materials classified under the same code, and how their flows are told apart. */
  shared: z
    .object({
      with: z.array(z.string().regex(/^[a-z0-9-]+$/)).min(1),
      /** `producer-basket`: by each exporter's USGS production of the materials; `none`: cannot be split. */
      split: z.enum(['producer-basket', 'none']),
      note: z.string().optional(),
    })
    .optional(),
  /** The USITC DataWeb HTS4 heading that contains this code (U.S. trade by partner). */
  usitc: z
    .string()
    .regex(/^\d{4}$/)
    .optional(),
});
export type ChainCode = z.infer<typeof ChainCodeSchema>;

export const ChainSchema = z.object({
  mineral: z.string().regex(/^[a-z0-9-]+$/),
  /** Host metals where the mineral is mostly a by-product (cobalt of copper and nickel, gallium of alumina). */
  byproductOf: z.array(z.string()).default([]),
  codes: z.array(ChainCodeSchema).min(1),
  notes: z.array(z.string()).default([]),
});
export type Chain = z.infer<typeof ChainSchema>;

/** A chain file that cannot be loaded: file, line, mineral, code and field. */
export class ChainFileError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | null,
    readonly mineral: string,
    readonly code: string | null,
    readonly field: string,
    detail: string,
  ) {
    super(
      `${file}${line ? `:${line}` : ''}: mineral ${mineral}${code ? `, code ${code}` : ''}: ${field}: ${detail}`,
    );
    this.name = 'ChainFileError';
  }
}

/** Parses the chain file's text: a list of chains, one per mineral, each code listed once per mineral. */
export function parseChainFile(text: string, file: string): Chain[] {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  if (doc.errors.length) {
    const e = doc.errors[0];
    throw new ChainFileError(file, e.linePos?.[0].line ?? null, '(file)', null, '(yaml)', e.message);
  }
  const raw = doc.toJS() as unknown;
  if (!Array.isArray(raw))
    throw new ChainFileError(file, 1, '(file)', null, '(root)', 'expected a list of chains');
  const lineOf = yamlLineOf(doc, lineCounter);
  const chains = raw.map((entry, i) => {
    const r = ChainSchema.safeParse(entry);
    const mineral = String((entry as { mineral?: unknown })?.mineral ?? `#${i + 1}`);
    if (r.success) return r.data;
    const issue = r.error.issues[0];
    const path = issue.path as (string | number)[];
    const codeIndex = path[0] === 'codes' && typeof path[1] === 'number' ? path[1] : null;
    const code =
      codeIndex === null
        ? null
        : String((entry as { codes: { hs6?: unknown }[] }).codes[codeIndex]?.hs6 ?? `#${codeIndex + 1}`);
    const field = path.slice(codeIndex === null ? 0 : 2).join('.') || '(entry)';
    throw new ChainFileError(file, lineOf([i, ...path]), mineral, code, field, issue.message);
  });
  const seen = new Set<string>();
  chains.forEach((c, i) => {
    if (seen.has(c.mineral))
      throw new ChainFileError(file, lineOf([i]), c.mineral, null, 'mineral', 'duplicate');
    seen.add(c.mineral);
    const codes = new Set<string>();
    c.codes.forEach((k, j) => {
      if (codes.has(k.hs6))
        throw new ChainFileError(file, lineOf([i, 'codes', j]), c.mineral, k.hs6, 'hs6', 'listed twice');
      codes.add(k.hs6);
    });
  });
  return chains;
}

export const CHAIN_FILE = fileURLToPath(new URL('./supply-chains.yaml', import.meta.url));

/** The chains of every mineral, by mineral id. */
export const CHAINS: ReadonlyMap<string, Chain> = new Map(
  parseChainFile(readFileSync(CHAIN_FILE, 'utf8'), 'src/model/supply-chains.yaml').map((c) => [c.mineral, c]),
);

export const chainOf = (mineral: string): Chain | undefined => CHAINS.get(mineral);
