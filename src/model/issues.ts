// A validation failure in words a user can act on: which field, what was given, what is allowed. One wording for
// every face: the CLI prints it with the flag name (`--year 1850: must be ≥ 1900`), the API returns it as
// `{ error, field, hint }` with a 400.
import type { z } from 'zod';

export interface IssueText {
  /** Dotted path of the field, e.g. `year` or `spec.restrictions.0.shareCut`; '' for the whole input. */
  field: string;
  /** What is allowed, e.g. `must be ≥ 1900`, `must be one of mine, refinery, primary`. */
  allowed: string;
}

const TYPE_NAMES: Record<string, string> = {
  number: 'a number',
  int: 'a whole number',
  string: 'text',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
  record: 'an object of key/value pairs',
};

const bound = (op: string, value: unknown, origin: unknown) => {
  if (origin === 'string') return `must have ${op} ${value} characters`;
  if (origin === 'array' || origin === 'set') return `must have ${op} ${value} items`;
  return `must be ${op === 'at least' ? '≥' : op === 'at most' ? '≤' : op} ${value}`;
};

/** The field and what is allowed, from one zod issue. */
export function describeIssue(issue: z.core.$ZodIssue): IssueText {
  const field = issue.path.map(String).join('.');
  const i = issue as z.core.$ZodIssue & Record<string, unknown>;
  let allowed: string;
  switch (issue.code) {
    case 'too_small':
      allowed = bound(i.inclusive === false ? '>' : 'at least', i.minimum, i.origin);
      break;
    case 'too_big':
      allowed = bound(i.inclusive === false ? '<' : 'at most', i.maximum, i.origin);
      break;
    case 'invalid_value':
      allowed = `must be one of ${(i.values as unknown[]).map(String).join(', ')}`;
      break;
    case 'invalid_type': {
      const received = typeof i.received === 'string' ? i.received : undefined;
      const expected = TYPE_NAMES[String(i.expected)] ?? String(i.expected);
      allowed =
        (received === 'Infinity' || received === '-Infinity') && expected === 'a number'
          ? 'must be a finite number'
          : `must be ${expected}`;
      break;
    }
    case 'not_multiple_of':
      allowed = `must be a multiple of ${i.divisor}`;
      break;
    case 'unrecognized_keys':
      allowed = `unknown key(s) ${(i.keys as string[]).join(', ')}`;
      break;
    default:
      allowed = issue.message;
  }
  return { field, allowed };
}

/** One line per issue: `year: must be ≥ 1900`. */
export const describeIssues = (issues: readonly z.core.$ZodIssue[]) =>
  issues.map((issue) => {
    const { field, allowed } = describeIssue(issue);
    return `${field || '(input)'}: ${allowed}`;
  });
