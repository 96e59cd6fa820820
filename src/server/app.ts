// The HTTP API and the dashboard, as a Hono app over one read-only database. A thin adapter: each route turns
// query/path/body into the service's input, validates it with the service's zod schema, calls the service and
// returns its result unchanged (JSON, or its main table as CSV). Limits: JSON bodies up to `bodyLimitBytes`
// (413 beyond), `timeoutMs` per request (504), gzip for clients that accept it.
import { readFileSync } from 'node:fs';
import { type Context, Hono } from 'hono';
import { compress } from 'hono/compress';
import { secureHeaders } from 'hono/secure-headers';
import { timeout } from 'hono/timeout';
import { COUNTRIES } from '../model/countries.ts';
import { MINERALS } from '../model/minerals.ts';
import { PROJECT_ROOT } from '../model/paths.ts';
import type { Db } from '../store/db.ts';
import { readJsonBody, settleBody } from './body.ts';
import { rowsToCsv } from './csv.ts';
import type { Endpoint } from './endpoint.ts';
import { ApiError, errorResponse } from './errors.ts';
import { openApiDocument } from './openapi.ts';
import { queryInput } from './params.ts';
import { ResultCache } from './result-cache.ts';
import { ENDPOINTS } from './routes.ts';
import { serveWeb } from './static.ts';

export interface AppOptions {
  db: Db;
  /** The built dashboard (web/dist); omitted: API only. */
  webDir?: string;
  bodyLimitBytes?: number;
  timeoutMs?: number;
  /**
   * Host names the server answers to (a loopback server answers its loopback names only, which stops DNS
   * rebinding: a web page of another site resolving its name to 127.0.0.1); absent: any host.
   */
  allowedHosts?: readonly string[];
  /** Time a scenario run may take before it is stopped with a 503 (default 90% of `timeoutMs`). */
  scenarioDeadlineMs?: number;
  endpoints?: Endpoint[];
  log?: (e: unknown) => void;
}

export const APP_DEFAULTS = { bodyLimitBytes: 64 * 1024, timeoutMs: 60_000 };

const VERSION = (JSON.parse(readFileSync(`${PROJECT_ROOT}/package.json`, 'utf8')) as { version: string })
  .version;

const wantsCsv = (c: Context) =>
  c.req.query('format') === 'csv' ||
  (!c.req.query('format') && (c.req.header('accept') ?? '').includes('text/csv'));

export function createApp(opts: AppOptions): Hono {
  const { db, bodyLimitBytes, timeoutMs } = { ...APP_DEFAULTS, ...opts };
  // heavy runs stop a little before the request timeout, so that they answer 503 with the reason, not a bare 504
  const scenarioDeadlineMs = opts.scenarioDeadlineMs ?? Math.round(timeoutMs * 0.9);
  const endpoints = opts.endpoints ?? ENDPOINTS;
  const log = opts.log ?? ((e: unknown) => console.error('minsec server error:', e));
  const cache = new ResultCache(500);
  const app = new Hono();

  app.onError((e, c) => {
    const { status, body } = errorResponse(e, log);
    return c.json(body, status);
  });
  if (opts.allowedHosts) {
    const allowed = new Set(opts.allowedHosts.map((h) => h.toLowerCase()));
    app.use('*', async (c, next) => {
      // Host without the port; an IPv6 literal keeps its brackets
      const host = (c.req.header('host') ?? '').toLowerCase().replace(/:\d+$/, '');
      if (!allowed.has(host))
        return c.json(
          { error: `this server answers ${[...allowed].join(', ')} only, not "${host}"`, field: 'Host' },
          421,
        );
      await next();
    });
  }
  // nosniff, frame and referrer policies and the rest of hono's defaults (no CSP: the dashboard's bundle is the
  // only script, served from this origin)
  app.use('*', secureHeaders());
  app.use('*', settleBody());
  app.use('*', compress());
  app.use('/api/*', timeout(timeoutMs));

  app.get('/api/health', (c) => c.json({ ok: true, version: VERSION }));
  app.get('/api/openapi.json', (c) => c.json(openApiDocument(endpoints, VERSION)));
  app.get('/api/countries', (c) =>
    c.json(
      COUNTRIES.map(({ iso3, iso2, isoNumeric, name, region }) => ({ iso3, iso2, isoNumeric, name, region })),
    ),
  );

  app.get('/api/minerals', (c) =>
    c.json(
      MINERALS.map((m) => ({
        id: m.id,
        name: m.name,
        tier: m.tier,
        stages: [...new Set(m.usgs?.series.map((s) => s.stage) ?? [])],
        hs: m.hs,
        notes: m.notes,
      })),
    ),
  );

  for (const e of endpoints) {
    app.on(e.method.toUpperCase(), e.path, async (c) => {
      const format = c.req.query('format');
      if (format && format !== 'csv' && format !== 'json')
        throw new ApiError(400, `unknown format "${format}"`, {
          field: 'format',
          hint: 'use format=json or format=csv',
        });
      const input =
        e.method === 'get'
          ? queryInput(e.schema, c.req.queries() ?? {}, c.req.param())
          : { ...(await readJsonBody(c, { maxBytes: bodyLimitBytes })), ...c.req.param() };
      const params = e.schema.parse(input);
      const result = await cache.get(`${e.method} ${e.path} ${JSON.stringify(params)}`, () =>
        e.run(db, params as never, { deadlineMs: scenarioDeadlineMs }),
      );
      if (wantsCsv(c)) {
        if (!e.rows)
          throw new ApiError(406, 'this result is not tabular; CSV is not available here', {
            field: 'format',
          });
        const name = c.req.path.replace(/^\/api\//, '').replace(/[^a-z0-9]+/gi, '-');
        return c.body(rowsToCsv(e.rows(result.value as never)), 200, {
          'content-type': 'text/csv; charset=utf-8',
          'content-disposition': `attachment; filename="${name}.csv"`,
        });
      }
      return c.body(result.json, 200, { 'content-type': 'application/json' });
    });
  }

  app.all('/api/*', (c) => {
    throw new ApiError(404, `no API route ${c.req.method} ${c.req.path}`, {
      hint: `see /api/openapi.json; routes: ${endpoints.map((e) => `${e.method.toUpperCase()} ${e.path}`).join(', ')}`,
    });
  });
  if (opts.webDir) app.get('*', serveWeb(opts.webDir));
  return app;
}
