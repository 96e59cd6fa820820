// Turns a request's query string and path parameters into the input a service's zod schema expects, the way
// the CLI turns flags into it: `?country=KOR&year=2024` ≈ `--country KOR --year 2024`. Kebab-case keys become
// camelCase (`?max-rank=5` ≈ `--max-rank 5`); repeated keys or comma lists fill array fields; numbers and
// booleans are converted only when the schema asks for them, so zod reports anything else with its field path.
import type { z } from 'zod';
import { ApiError } from './errors.ts';

/** Query keys the server itself reads; never passed to a service. */
export const RESERVED_QUERY_KEYS = new Set(['format']);

type Def = { type: string; innerType?: z.ZodType; in?: z.ZodType; element?: z.ZodType };
const defOf = (t: z.ZodType) => (t as unknown as { _zod: { def: Def } })._zod.def;

/** The leaf type of a field, through optional/nullable/default/pipe wrappers. */
export function leafType(t: z.ZodType): { type: string; node: z.ZodType } {
  let node = t;
  for (let i = 0; i < 10; i++) {
    const def = defOf(node);
    if (
      def.innerType &&
      ['optional', 'nullable', 'default', 'prefault', 'catch', 'readonly'].includes(def.type)
    )
      node = def.innerType;
    else if (def.type === 'pipe' && def.in) node = def.in;
    else return { type: def.type, node };
  }
  return { type: defOf(node).type, node };
}

export const camel = (key: string) => key.replace(/-([a-z0-9])/g, (_, ch: string) => ch.toUpperCase());

function scalar(type: string, raw: string): unknown {
  if (
    (type === 'number' || type === 'int' || type === 'bigint') &&
    /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(raw)
  )
    return Number(raw);
  if (type === 'boolean' && (raw === 'true' || raw === 'false' || raw === '')) return raw !== 'false';
  return raw;
}

/** `a:0.5,b:0.3`, `a=0.5,b=0.3` or a JSON object, for record-valued fields such as weights. */
function parseRecord(field: string, raw: string): unknown {
  if (raw.trim().startsWith('{')) {
    try {
      return JSON.parse(raw);
    } catch {
      throw new ApiError(400, `parameter "${field}" is not valid JSON`, { field });
    }
  }
  const out: Record<string, unknown> = {};
  for (const part of raw.split(',').filter(Boolean)) {
    const m = /^([^:=]+)[:=](.*)$/.exec(part.trim());
    if (!m)
      throw new ApiError(400, `parameter "${field}" expects key:value pairs`, {
        field,
        hint: `e.g. ${field}=a:0.5,b:0.5 or a JSON object`,
      });
    out[m[1].trim()] = scalar('number', m[2].trim());
  }
  return out;
}

/** Schema-shaped input from query values (all strings) and path parameters. Unknown keys are an error. */
export function queryInput(
  schema: z.ZodObject,
  query: Record<string, string[]>,
  pathParams: Record<string, string> = {},
): Record<string, unknown> {
  const shape = schema.shape as Record<string, z.ZodType>;
  const input: Record<string, unknown> = {};
  for (const [rawKey, values] of Object.entries(query)) {
    if (RESERVED_QUERY_KEYS.has(rawKey)) continue;
    const key = camel(rawKey);
    const field = shape[key];
    if (!field)
      throw new ApiError(400, `unknown parameter "${rawKey}"`, {
        field: rawKey,
        hint: `valid parameters: ${Object.keys(shape).join(', ') || 'none'}`,
      });
    const { type, node } = leafType(field);
    if (type === 'array') {
      const element = defOf(node).element;
      const elementType = element ? leafType(element).type : 'string';
      input[key] = values
        .flatMap((v) => v.split(','))
        .filter((v) => v !== '')
        .map((v) => scalar(elementType, v));
    } else if (type === 'record' || type === 'object')
      input[key] = parseRecord(rawKey, values[values.length - 1]);
    else input[key] = scalar(type, values[values.length - 1]);
  }
  for (const [key, value] of Object.entries(pathParams)) {
    const field = shape[key];
    input[key] = field ? scalar(leafType(field).type, value) : value;
  }
  return input;
}
