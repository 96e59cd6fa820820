// One API endpoint: its input schema (the service's own zod schema), the service call, and its tabular view
// for CSV. The server adds nothing to the result: the JSON is what the service returns, as with the CLI's --json.
import type { z } from 'zod';
import type { Db } from '../store/db.ts';

export type Row = Record<string, unknown>;

/** What the server tells a run: the time it has before the request is answered with an error. */
export interface RunContext {
  deadlineMs: number;
}

export interface Endpoint {
  method: 'get' | 'post';
  /** Hono path, e.g. '/api/assess/:mineral'. */
  path: string;
  summary: string;
  /** The CLI command that prints the same JSON. */
  cli: string;
  /** Query + path parameters (GET) or the JSON body merged with path parameters (POST). */
  schema: z.ZodObject;
  run: (db: Db, params: never, ctx: RunContext) => unknown;
  /** The result's main table, for `?format=csv`; absent where the result is not tabular. */
  rows?: (result: never) => Row[];
  /**
   * The result contract (src/model/results/*): the zod schema of the 200 JSON, emitted as the response schema of
   * the OpenAPI document. Absent where the result has no contract yet (the document then says nothing about it).
   */
  result?: z.ZodType;
  /** An example request for the OpenAPI document and the tests. */
  example?: { query?: Record<string, string>; path?: Record<string, string>; body?: unknown };
}

/** Ties an endpoint's run/rows types to its schema and result, then erases them for the route table. */
export function endpoint<S extends z.ZodObject, R>(e: {
  method: 'get' | 'post';
  path: string;
  summary: string;
  cli: string;
  schema: S;
  run: (db: Db, params: z.output<S>, ctx: RunContext) => R | Promise<R>;
  rows?: (result: R) => Row[];
  /**
   * The result contract. Not tied to R here (R is only known once `run` is typed); the services return z.infer
   * of the same schema, which is where the type check is.
   */
  result?: z.ZodType;
  example?: Endpoint['example'];
}): Endpoint {
  return e as unknown as Endpoint;
}
