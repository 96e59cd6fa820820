// The OpenAPI 3.1 document, generated from the endpoints' zod schemas (zod 4's JSON Schema output), so the
// document cannot drift from what the server validates: parameters and bodies from the input schemas, and each
// 200 response from the endpoint's result contract (src/model/results/*) where it has one.
import { z } from 'zod';
import type { Endpoint } from './endpoint.ts';

const ERROR_SCHEMA = {
  type: 'object',
  required: ['error'],
  properties: {
    error: { type: 'string', description: 'what went wrong' },
    field: { type: 'string', description: 'the offending parameter or body field (a dotted path)' },
    hint: { type: 'string', description: 'how to fix it' },
  },
};

type JsonSchema = { properties?: Record<string, Record<string, unknown>>; required?: string[] };

const jsonSchema = (schema: z.ZodType) => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, {
    io: 'input',
    unrepresentable: 'any',
  }) as JsonSchema & {
    $schema?: string;
  };
  return rest as JsonSchema;
};

/**
 * The JSON Schema of a result contract, as OpenAPI 3.1 reads it. Target draft-2020-12, not zod's 'openapi-3.0':
 * OpenAPI 3.1 schemas are JSON Schema 2020-12, where null is `type: 'null'` (3.0's `nullable: true` means nothing
 * there) and tuples are `prefixItems`, the same dialect as the parameters above. io 'output': the JSON the service
 * returns. `unrepresentable: 'any'`: a part with no JSON Schema equivalent (a transform, a custom check) becomes
 * `{}` (anything) instead of throwing, so one such part loosens the document rather than breaking it.
 */
export function resultSchema(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io: 'output',
    unrepresentable: 'any',
  }) as Record<string, unknown>;
  return rest;
}

const openapiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}');
const pathParamNames = (path: string) => [...path.matchAll(/:(\w+)/g)].map((m) => m[1]);

function operation(e: Endpoint) {
  const schema = jsonSchema(e.schema);
  const inPath = new Set(pathParamNames(e.path));
  const props = schema.properties ?? {};
  const required = new Set(schema.required ?? []);
  const parameters = Object.entries(props)
    .filter(([name]) => e.method === 'get' || inPath.has(name))
    .map(([name, s]) => ({
      name,
      in: inPath.has(name) ? 'path' : 'query',
      required: inPath.has(name) || required.has(name),
      ...(typeof s.description === 'string' && { description: s.description }),
      schema: s,
      ...(s.type === 'array' && { style: 'form', explode: false }),
    }));
  if (e.rows)
    parameters.push({
      name: 'format',
      in: 'query',
      required: false,
      description: 'csv for the main table as CSV (or send Accept: text/csv)',
      schema: { type: 'string', enum: ['json', 'csv'] },
    });
  const bodySchema = {
    ...schema,
    properties: Object.fromEntries(Object.entries(props).filter(([n]) => !inPath.has(n))),
  };
  const errors = {
    '400': {
      description: 'invalid input',
      content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
    },
    '404': {
      description: 'unknown mineral, country or route',
      content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
    },
    ...(e.method === 'post' && {
      '413': {
        description: 'body too large',
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
      },
    }),
    '504': {
      description: 'the request took too long',
      content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
    },
  };
  return {
    summary: e.summary,
    description: `Same JSON as \`${e.cli}\`.`,
    parameters,
    ...(e.method === 'post' && {
      requestBody: { required: true, content: { 'application/json': { schema: bodySchema } } },
    }),
    responses: {
      '200': {
        description: e.result
          ? 'the service result, unchanged (its schema is the result contract)'
          : 'the service result, unchanged',
        content: {
          'application/json': { schema: e.result ? resultSchema(e.result) : {} },
          ...(e.rows && { 'text/csv': { schema: { type: 'string' } } }),
        },
      },
      ...errors,
    },
  };
}

export function openApiDocument(endpoints: Endpoint[], version: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const e of endpoints) {
    const path = openapiPath(e.path);
    paths[path] = { ...paths[path], [e.method]: operation(e) };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'minsec API',
      version,
      description:
        'Critical-minerals supply-chain security for South Korea, Japan and the United States. Every endpoint returns the same JSON as the matching CLI command with --json.',
    },
    paths,
    components: { schemas: { Error: ERROR_SCHEMA } },
  };
}
