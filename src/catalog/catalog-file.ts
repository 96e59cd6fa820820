// Loading a cited YAML catalog that is a list of entries: parse, validate each entry with its zod schema and fail
// on the first bad entry with the file, the line, the entry (its id, else #n) and the field — the form every
// hand-curated catalog in this folder reports errors in. Ids must be unique.
import { type Document, LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';

/** A catalog that cannot be loaded: file, line, entry and field. */
export class CatalogError extends Error {
  constructor(
    readonly file: string,
    readonly entry: string,
    readonly field: string,
    readonly line: number | null,
    detail: string,
  ) {
    super(`${file}${line ? `:${line}` : ''}: entry ${entry}: ${field}: ${detail}`);
    this.name = 'CatalogError';
  }
}

/** The line of the deepest node on `path` that the YAML document has (the entry's, at worst), or null. */
export function yamlLineOf(doc: Document, lineCounter: LineCounter) {
  return (path: (string | number)[]): number | null => {
    for (let n = path.length; n >= 1; n--) {
      const node = doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined;
      if (node?.range) return lineCounter.linePos(node.range[0]).line;
    }
    return null;
  };
}

/** Parses catalog text into validated entries. */
export function parseCatalogList<S extends z.ZodType>(text: string, file: string, schema: S): z.output<S>[] {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  if (doc.errors.length) {
    const e = doc.errors[0];
    throw new CatalogError(file, '(file)', '(yaml)', e.linePos?.[0].line ?? null, e.message);
  }
  const raw = doc.toJS() as unknown;
  if (!Array.isArray(raw)) throw new CatalogError(file, '(file)', '(root)', 1, 'expected a list of entries');
  const lineOf = yamlLineOf(doc, lineCounter);
  const out = raw.map((entry, i) => {
    const r = schema.safeParse(entry);
    if (r.success) return r.data as z.output<S>;
    const name = String((entry as { id?: unknown })?.id ?? `#${i + 1}`);
    const issue = r.error.issues[0];
    const field = issue.path.join('.') || '(entry)';
    const more = r.error.issues.length > 1 ? ` (and ${r.error.issues.length - 1} more)` : '';
    throw new CatalogError(
      file,
      name,
      field,
      lineOf([i, ...(issue.path as (string | number)[])]),
      issue.message + more,
    );
  });
  const seen = new Set<string>();
  out.forEach((m, i) => {
    const id = (m as { id: string }).id;
    if (seen.has(id)) throw new CatalogError(file, id, 'id', lineOf([i, 'id']), 'duplicate id');
    seen.add(id);
  });
  return out;
}
