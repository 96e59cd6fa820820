// Cell parsing and CSV-to-row mapping shared by the political importers (WGI, UN votes, ideal points,
// memberships, ATOP, IEA policies). A bad cell throws CellError; csvRows turns it into a row error with
// file:line and the column, so every importer reports the same way.
import { basename } from 'node:path';
import type { TableName } from '../store/schema.ts';
import { type CsvOptions, readCsv } from './csv.ts';
import { MAX_YEAR } from './limits.ts';
import type { ParsedItem, Row } from './types.ts';

export class CellError extends Error {
  constructor(
    readonly field: string,
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}

export type Rec = Record<string, string>;

/** What a record becomes: a row for `table`, or a skip with a reason that callers may count. */
export type Mapped = { table: TableName; row: Row } | { skip: string };

/**
 * Streams `path` through readCsv and maps each record with `toRow`. CellErrors become row errors at the
 * record's line; `onSkip` receives each skip reason (for counting).
 */
export async function* csvRows(
  path: string,
  csv: CsvOptions,
  toRow: (rec: Rec, line: number) => Mapped,
  onSkip?: (reason: string) => void,
): AsyncGenerator<ParsedItem> {
  const file = basename(path);
  for await (const item of readCsv(path, csv)) {
    if ('error' in item) {
      yield item;
      continue;
    }
    try {
      const m = toRow(item.record, item.line);
      if ('skip' in m) onSkip?.(m.skip);
      else yield { table: m.table, line: item.line, row: m.row };
    } catch (e) {
      if (!(e instanceof CellError)) throw e;
      yield { error: { file, line: item.line, field: e.field, message: e.message, hint: e.hint } };
    }
  }
}

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/** A decimal number; a cell equal to one of `missing` (default: empty) is null. */
export function num(rec: Rec, field: string, missing: readonly string[] = ['']): number | null {
  const raw = (rec[field] ?? '').trim();
  if (missing.includes(raw)) return null;
  if (!NUMBER.test(raw))
    throw new CellError(
      field,
      `"${raw}" is not a number`,
      missing.length ? `use a number or ${missing.map((m) => `"${m}"`).join(' / ')} for missing` : undefined,
    );
  return Number(raw);
}

/** An integer (a trailing ".0", as R writes counts, is accepted); missing cells as in num. */
export function int(rec: Rec, field: string, missing: readonly string[] = ['']): number | null {
  const v = num(rec, field, missing);
  if (v !== null && !Number.isInteger(v)) throw new CellError(field, `"${rec[field]}" is not an integer`);
  return v;
}

/** An integer that must be present. */
export function requiredInt(rec: Rec, field: string): number {
  const v = int(rec, field);
  if (v === null) throw new CellError(field, 'empty cell where an integer is required');
  return v;
}

/**
 * A year within the dataset's span: from `first` (its first year, see src/sources/limits.ts) to next year.
 * Checked before any skip rule, so that a year out of span is an error, not a skipped row.
 */
export function year(rec: Rec, first: number, field = 'year'): number {
  const y = requiredInt(rec, field);
  if (y < first || y > MAX_YEAR)
    throw new CellError(
      field,
      `year ${y} is outside the dataset's span ${first}–${MAX_YEAR}`,
      'correct the year, or check that the column is the one expected',
    );
  return y;
}

/** A 0/1 flag; empty → null when allowed. */
export function flag(rec: Rec, field: string, allowEmpty = false): boolean | null {
  const raw = (rec[field] ?? '').trim();
  if (raw === '1') return true;
  if (raw === '0') return false;
  if (raw === '' && allowEmpty) return null;
  throw new CellError(field, `"${raw}" is not 0 or 1`);
}

/** One of a fixed set of codes. */
export function oneOf<T extends string>(rec: Rec, field: string, valid: readonly T[]): T {
  const raw = (rec[field] ?? '').trim();
  if (!(valid as readonly string[]).includes(raw))
    throw new CellError(field, `"${raw}" is not one of ${valid.join(', ')}`);
  return raw as T;
}

/** The trimmed text, or null when empty. */
export const text = (rec: Rec, field: string): string | null => (rec[field] ?? '').trim() || null;
