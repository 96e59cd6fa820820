// Shared CLI plumbing: output formats and turning errors into exit codes.
import { stringify } from 'csv-stringify/sync';
import { ImportError, UserInputError } from '../model/errors.ts';

export type Format = 'json' | 'csv' | 'md' | 'text';

/** The format chosen by --json / --csv / --md flags (text when none). */
export function formatFrom(opts: { json?: boolean; csv?: boolean; md?: boolean }): Format {
  const chosen = (['json', 'csv', 'md'] as const).filter((f) => opts[f]);
  if (chosen.length > 1) throw new UserInputError(`choose one of --${chosen.join(', --')}`);
  return chosen[0] ?? 'text';
}

export const toJson = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;

export const toCsv = (rows: Record<string, unknown>[]) =>
  stringify(rows, { header: true, cast: { boolean: (b) => String(b), object: (o) => JSON.stringify(o) } });

/** A Markdown table from rows (columns in order of the first row's keys, or as given). */
export function mdTable(rows: Record<string, unknown>[], columns?: string[]): string {
  if (!rows.length) return '_no rows_\n';
  const cols = columns ?? Object.keys(rows[0]);
  const cell = (v: unknown) => (v === null || v === undefined ? '—' : String(v).replace(/\|/g, '\\|'));
  return `${[
    `| ${cols.join(' | ')} |`,
    `| ${cols.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${cols.map((c) => cell(r[c])).join(' | ')} |`),
  ].join('\n')}\n`;
}

export const write = (s: string) => process.stdout.write(s.endsWith('\n') ? s : `${s}\n`);

/** Exit code for an error: 2 for bad input (message only), 1 for import errors and anything else. */
export function reportError(e: unknown): number {
  if (e instanceof UserInputError) {
    process.stderr.write(`minsec: ${e.message}\n`);
    return 2;
  }
  if (e instanceof ImportError) {
    process.stderr.write(`minsec: ${e.message}\n`);
    return 1;
  }
  const err = e as Error;
  process.stderr.write(`minsec: ${err?.message ?? String(e)}\n`);
  if (process.env.MINSEC_DEBUG) process.stderr.write(`${err?.stack}\n`);
  return 1;
}
