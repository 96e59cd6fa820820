// API errors as JSON `{ error, field?, hint? }` with a 4xx/5xx status and never a stack trace.
// Bad user input (UserInputError, zod validation) is 400/404; limits are 413/504; anything else is 500 with a
// generic message (the details go to the server's log only).
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import { UserInputError } from '../model/errors.ts';
import { describeIssue } from '../model/issues.ts';

export interface ErrorBody {
  error: string;
  field?: string;
  hint?: string;
}

/** An error the server raises itself (unknown parameter, bad JSON body, unknown route). */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    message: string,
    readonly extra: { field?: string; hint?: string } = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Status and body for any thrown value; `log` receives errors that are the server's fault. */
export function errorResponse(
  e: unknown,
  log: (e: unknown) => void,
): { status: ContentfulStatusCode; body: ErrorBody } {
  if (e instanceof ApiError) return { status: e.status, body: { error: e.message, ...e.extra } };
  if (e instanceof UserInputError)
    return { status: e.status, body: { error: e.message, ...(e.field && { field: e.field }) } };
  if (e instanceof z.ZodError) {
    const described = e.issues.map(describeIssue);
    const [{ field, allowed }] = described;
    const more = e.issues.length > 1 ? ` (and ${e.issues.length - 1} more)` : '';
    return {
      status: 400,
      body: {
        error: `invalid ${field ? `"${field}"` : 'request'}: ${allowed}${more}`,
        ...(field && { field }),
        hint: described.map((d) => `${d.field || '(input)'}: ${d.allowed}`).join('; '),
      },
    };
  }
  if (e instanceof HTTPException) {
    const status = e.status as ContentfulStatusCode;
    if (status === 504)
      return { status, body: { error: 'the request took too long', hint: 'narrow the query or retry' } };
    return { status, body: { error: e.message || 'request rejected' } };
  }
  log(e);
  return { status: 500, body: { error: 'internal error; the server log has the details' } };
}
