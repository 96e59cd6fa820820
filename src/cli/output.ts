// Shared CLI plumbing: output formats, flag schemas, and the one place where errors become messages and exit
// codes. Bad input (a UserInputError, a zod validation error, an empty or non-numeric flag) prints what was
// wrong, with the flag and the value given, and what is allowed, and exits 2; an import error exits 1 with its
// file:line list; anything else exits 1 with its message (and the stack with MINSEC_DEBUG=1).
import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import { ImportError, UserInputError } from '../model/errors.ts';
import { describeIssue } from '../model/issues.ts';

export { mdTable } from '../report/markdown.ts';

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

export const write = (s: string) => process.stdout.write(s.endsWith('\n') ? s : `${s}\n`);

/**
 * A numeric flag as commander hands it over (a string): refuses '' and anything that is not a finite number
 * (where `z.coerce.number()` would turn '' into 0), then applies the bounds.
 */
export function numberFlag(opts: { min?: number; max?: number; int?: boolean } = {}) {
  let n = opts.int ? z.number().int() : z.number();
  if (opts.min !== undefined) n = n.min(opts.min);
  if (opts.max !== undefined) n = n.max(opts.max);
  return z
    .string()
    .trim()
    .min(1, { message: `must be ${opts.int ? 'a whole number' : 'a number'}, not empty` })
    .transform((s, ctx) => {
      const x = Number(s);
      if (!Number.isFinite(x)) {
        ctx.addIssue({
          code: 'custom',
          message: `must be ${opts.int ? 'a whole number' : 'a finite number'}`,
        });
        return z.NEVER;
      }
      return x;
    })
    .pipe(n);
}

export const intFlag = (opts: { min?: number; max?: number } = {}) => numberFlag({ ...opts, int: true });

/** `--kebab-case` for a field path's first key (`maxRank` → `--max-rank`). */
const flagName = (key: string) => `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

/** The value the user gave for a flag on the command line (`--year 1850` or `--year=1850`), if any. */
export function flagValue(argv: readonly string[], flag: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === flag) return argv[i + 1];
    if (argv[i].startsWith(`${flag}=`)) return argv[i].slice(flag.length + 1);
  }
  return undefined;
}

/**
 * The message for a zod validation error: one line per issue, naming the flag (when the field is one given on
 * the command line) or the field, the value given, and what is allowed.
 */
export function zodMessage(e: z.ZodError, argv: readonly string[] = process.argv.slice(2)): string {
  return e.issues
    .map((issue) => {
      const { field, allowed } = describeIssue(issue);
      const key = String(issue.path[0] ?? '');
      const flag = key ? flagName(key) : '';
      const given = flag ? flagValue(argv, flag) : undefined;
      const name = given !== undefined ? flag : field || 'input';
      const value = given !== undefined ? ` ${JSON.stringify(given)}` : '';
      return `invalid ${name}${value}: ${allowed}`;
    })
    .join('\n');
}

const isZodError = (e: unknown): e is z.ZodError =>
  e instanceof z.ZodError ||
  (e instanceof Error && e.name === 'ZodError' && Array.isArray((e as { issues?: unknown }).issues));

/** Exit code for an error, after printing it: 2 for bad input, 1 for import errors and anything else. */
export function reportError(e: unknown, argv: readonly string[] = process.argv.slice(2)): number {
  if (e instanceof UserInputError) {
    process.stderr.write(`minsec: ${e.message}\n`);
    return 2;
  }
  if (isZodError(e)) {
    process.stderr.write(`${zodMessage(e, argv).replace(/^/gm, 'minsec: ')}\n`);
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
