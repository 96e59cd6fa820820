// Errors a user can act on: what went wrong, where (file:line or field) and how to fix it.

export interface RowError {
  file: string;
  /** 1-based line in the file (or row number for formats without lines). */
  line: number;
  field?: string;
  message: string;
  hint?: string;
}

export const formatRowError = (e: RowError) =>
  `${e.file}:${e.line}${e.field ? ` [${e.field}]` : ''}: ${e.message}${e.hint ? ` (fix: ${e.hint})` : ''}`;

/** A file that cannot be imported; the database was left unchanged. */
export class ImportError extends Error {
  constructor(
    readonly file: string,
    readonly errors: RowError[],
    readonly truncated = false,
  ) {
    super(
      `${file}: ${errors.length}${truncated ? '+' : ''} error(s), nothing was imported:\n` +
        errors.map((e) => `  ${formatRowError(e)}`).join('\n'),
    );
    this.name = 'ImportError';
  }
}

/** Bad user input (unknown mineral, bad flag). exitCode 2 in the CLI, 400/404 in the API. */
export class UserInputError extends Error {
  constructor(
    message: string,
    readonly field?: string,
    readonly status: 400 | 404 = 400,
  ) {
    super(message);
    this.name = 'UserInputError';
  }
}

/** Levenshtein distance, for "did you mean" suggestions. */
export function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++)
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
  return d[a.length][b.length];
}

/** Throws a UserInputError naming the valid choices and the closest one. */
export function unknownChoice(what: string, given: string, valid: readonly string[], field?: string): never {
  const closest = [...valid].sort(
    (x, y) =>
      editDistance(given.toLowerCase(), x.toLowerCase()) - editDistance(given.toLowerCase(), y.toLowerCase()),
  )[0];
  throw new UserInputError(
    `unknown ${what} "${given}". Did you mean "${closest}"? Valid: ${valid.join(', ')}`,
    field,
    404,
  );
}
