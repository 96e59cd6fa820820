// Request bodies: JSON only, bounded in size and nesting, and never left half-read on a reusable connection.
//
// An answer sent before the request body has been read (413, 415, an unknown route) leaves the rest of the body
// in the connection; a keep-alive client then sends its next request on that connection while the server is
// still discarding the old body, and the server's cleanup can close the connection under the next request
// ("other side closed"). So every body is settled before the answer leaves: read to its end and discarded up to
// `DRAIN_LIMIT_BYTES` (cheap, and the connection stays usable), or, past that or after `DRAIN_TIMEOUT_MS`, the
// answer carries `Connection: close` so that no client reuses the connection (RFC 9112 §9.6).
import type { Context, MiddlewareHandler } from 'hono';
import { ApiError } from './errors.ts';

/** Bytes of an unwanted body the server reads and discards to keep the connection usable. */
export const DRAIN_LIMIT_BYTES = 1024 * 1024;
/** Time the server spends discarding an unwanted body before it gives up on the connection. */
export const DRAIN_TIMEOUT_MS = 2000;
/** Deepest nesting of arrays/objects a JSON body may have (a scenario spec needs about 6). */
export const JSON_MAX_DEPTH = 32;

const BODY_STATE = 'minsecBody';
type BodyState = { read: boolean };

const hasBody = (c: Context) => {
  if (c.req.method === 'GET' || c.req.method === 'HEAD' || c.req.raw.body === null) return false;
  return c.req.header('content-length') !== '0';
};

const stateOf = (c: Context): BodyState => {
  let s = c.get(BODY_STATE as never) as BodyState | undefined;
  if (!s) {
    s = { read: false };
    c.set(BODY_STATE as never, s as never);
  }
  return s;
};

/** Reads and discards what is left of the body, within the byte and time limits; true when it reached the end. */
async function drain(c: Context): Promise<boolean> {
  const stream = c.req.raw.body;
  if (!stream || stream.locked) return false;
  const reader = stream.getReader();
  let bytes = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), DRAIN_TIMEOUT_MS);
  });
  try {
    for (;;) {
      const next = await Promise.race([reader.read(), late]);
      if (next === 'late') return false;
      if (next.done) return true;
      bytes += next.value.byteLength;
      if (bytes > DRAIN_LIMIT_BYTES) return false;
    }
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
    reader.releaseLock();
  }
}

/**
 * Middleware: after the handler has answered, a request body nobody read is discarded (so a keep-alive
 * connection is clean for the next request) or, when that is not possible in bounds, the answer closes the
 * connection.
 */
export function settleBody(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    if (!hasBody(c) || stateOf(c).read) return;
    const declared = Number(c.req.header('content-length'));
    const clean = declared > DRAIN_LIMIT_BYTES ? false : await drain(c);
    if (!clean) {
      const res = new Response(c.res.body, c.res);
      res.headers.set('connection', 'close');
      c.res = undefined;
      c.res = res;
    }
  };
}

/** True when the media type is JSON (`application/json`, optionally with `charset=utf-8`). */
export function isJsonMediaType(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const [type, ...params] = contentType.split(';').map((s) => s.trim().toLowerCase());
  if (type !== 'application/json') return false;
  return params.every((p) => !p.startsWith('charset=') || /^charset="?utf-8"?$/.test(p));
}

/**
 * The nesting depth of JSON text (arrays and objects), by a scan that ignores brackets inside strings; stops
 * counting once past `max`. Checked before parsing so that a deeply nested body cannot exhaust the stack of
 * anything that walks the parsed value (validation, serialisation).
 */
export function jsonDepthExceeds(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 0x5c /* \ */) i++;
      else if (ch === 0x22 /* " */) inString = false;
    } else if (ch === 0x22) inString = true;
    else if (ch === 0x5b /* [ */ || ch === 0x7b /* { */) {
      if (++depth > max) return true;
    } else if (ch === 0x5d /* ] */ || ch === 0x7d /* } */) depth--;
  }
  return false;
}

export interface JsonBodyLimits {
  maxBytes: number;
  maxDepth?: number;
}

/**
 * The request's JSON object body. 415 unless sent as `application/json` (which also keeps a cross-origin page
 * from posting one without a CORS preflight: text/plain, form and multipart bodies are refused), 413 past
 * `maxBytes`, 400 for invalid UTF-8 or JSON, nesting deeper than `maxDepth`, or anything but an object. An empty
 * body is `{}`.
 */
export async function readJsonBody(c: Context, limits: JsonBodyLimits): Promise<Record<string, unknown>> {
  const { maxBytes, maxDepth = JSON_MAX_DEPTH } = limits;
  if (!hasBody(c)) return {};
  if (!isJsonMediaType(c.req.header('content-type')))
    throw new ApiError(415, 'request body must be JSON sent as Content-Type: application/json', {
      field: 'content-type',
      hint: `got ${JSON.stringify(c.req.header('content-type') ?? '(none)')}; send the body with Content-Type: application/json`,
    });
  const tooLarge = () =>
    new ApiError(413, `request body larger than ${maxBytes} bytes`, { hint: 'send a smaller JSON body' });
  const declared = Number(c.req.header('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge();
  const stream = c.req.raw.body;
  if (!stream) return {};
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) throw tooLarge();
      chunks.push(value);
    }
  } finally {
    reader.releaseLock();
  }
  stateOf(c).read = true;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new ApiError(400, 'request body is not valid UTF-8', {
      hint: 'send the JSON body encoded as UTF-8',
    });
  }
  if (!text.trim()) return {};
  if (jsonDepthExceeds(text, maxDepth))
    throw new ApiError(400, `request body is nested deeper than ${maxDepth} levels`, {
      hint: 'a scenario spec needs a handful of levels; flatten the body',
    });
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (e) {
    throw new ApiError(400, 'request body is not valid JSON', { hint: (e as Error).message });
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new ApiError(400, 'request body must be a JSON object');
  return body as Record<string, unknown>;
}
