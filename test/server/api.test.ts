// The HTTP API against the real server on a loopback port (port 0) over the real test database: every endpoint
// answers with real numbers, the same JSON as the CLI, CSV where tabular, and malformed requests get a 4xx with
// a useful message and no stack trace.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { PROJECT_ROOT } from '../../src/model/paths.ts';
import { ENDPOINTS } from '../../src/server/routes.ts';
import { type RunningServer, startServer } from '../../src/server/start.ts';
import { openTestDb, testDbPath } from '../helpers.ts';

/** `minsec … --json` as a child process, asynchronously (the server in this process keeps serving). */
async function cliJson(args: string[]) {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [join(PROJECT_ROOT, 'bin', 'minsec.js'), '--db', testDbPath(), ...args, '--json'],
    { maxBuffer: 64 * 1024 * 1024 },
  );
  return JSON.parse(stdout);
}

let server: RunningServer;
const url = (path: string) => new URL(path, server.url).toString();
const get = (path: string, init?: RequestInit) => fetch(url(path), init);
const json = async (path: string) => {
  const res = await get(path);
  return { status: res.status, body: await res.json() };
};

/** An error body: a message, no stack trace, no source paths. */
function expectCleanError(body: Record<string, unknown>) {
  expect(typeof body.error).toBe('string');
  const text = JSON.stringify(body);
  expect(text).not.toMatch(/\bat .+\.(ts|js):\d+/);
  expect(text).not.toMatch(/node_modules|\/src\//);
  expect(body).not.toHaveProperty('stack');
}

beforeAll(async () => {
  server = await startServer({
    dbPath: testDbPath(),
    port: 0,
    host: '127.0.0.1',
    buildMissing: false,
    say: () => {},
  });
});
afterAll(() => server?.close());

describe('server', () => {
  it('binds to loopback and reports health', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(await json('/api/health')).toMatchObject({ status: 200, body: { ok: true } });
  });

  it('gzips responses for clients that accept it', async () => {
    const res = await get('/api/data/status', { headers: { 'accept-encoding': 'gzip' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBe('gzip');
  });
});

describe('/api/production', () => {
  it("gallium: China's share of primary production from USGS, with its source", async () => {
    const { status, body } = await json('/api/production?mineral=gallium');
    expect(status).toBe(200);
    expect(body.mineral).toBe('gallium');
    expect(body.chinaShare).toBeGreaterThan(0.9);
    expect(body.shares[0].country).toBe('CHN');
    expect(body.source.citation).toMatch(/Geological Survey/);
  });

  it('returns the same JSON as `minsec production gallium --year Y --json`', async () => {
    const { body } = await json('/api/production?mineral=gallium');
    const year = body.availableYears[0];
    const api = await json(`/api/production?mineral=gallium&year=${year}`);
    expect(api.body).toEqual(await cliJson(['production', 'gallium', '--year', String(year)]));
  });

  it('?format=csv and Accept: text/csv give one row per country', async () => {
    for (const res of [
      await get('/api/production?mineral=tungsten&format=csv'),
      await get('/api/production?mineral=tungsten', { headers: { accept: 'text/csv' } }),
    ]) {
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
      const [header, ...lines] = (await res.text()).trim().split('\n');
      expect(header.split(',')).toEqual(expect.arrayContaining(['country', 'quantity', 'share']));
      expect(lines.some((l) => l.includes(',CHN,'))).toBe(true);
    }
  });

  it.each([
    ['/api/production?mineral=galium', 404, 'mineral', /did you mean "gallium"/i],
    ['/api/production', 400, 'mineral', /mineral/],
    ['/api/production?mineral=gallium&year=soon', 400, 'year', /year/],
    ['/api/production?mineral=gallium&year=1901', 404, 'year', /no USGS/],
    ['/api/production?mineral=gallium&stage=smelter', 400, 'stage', /stage/],
    ['/api/production?mineral=gallium&colour=red', 400, 'colour', /unknown parameter/],
    ['/api/production?mineral=gallium&format=xml', 400, 'format', /format/],
  ])('%s → %i naming %s', async (path, status, field, message) => {
    const res = await json(path);
    expect(res.status).toBe(status);
    expect(res.body.field).toBe(field);
    expect(res.body.error).toMatch(message);
    expectCleanError(res.body);
  });
});

describe('/api/alignment and /api/partners', () => {
  it('alignment KOR–USA: ideal-point distances per year, as the CLI prints them', async () => {
    const api = await json('/api/alignment?a=KOR&b=USA&from=2015&to=2019');
    expect(api.status).toBe(200);
    expect(api.body.years).toHaveLength(5);
    for (const y of api.body.years) expect(y.idealPointDistance).toBeGreaterThan(0);
    expect(api.body).toEqual(await cliJson(['alignment', 'KOR', 'USA', '--from', '2015', '--to', '2019']));
  });

  it('partners: a ranking with rank intervals; CSV one row per candidate', async () => {
    const { status, body } = await json('/api/partners?mineral=cobalt&draws=100');
    expect(status).toBe(200);
    expect(body.ranking.length).toBeGreaterThan(3);
    const first = body.ranking[0];
    expect(first.rank).toBe(1);
    expect(first.rankInterval[0]).toBeLessThanOrEqual(first.rankInterval[1]);
    const csv = await (await get('/api/partners?mineral=cobalt&draws=100&format=csv')).text();
    expect(csv.trim().split('\n')).toHaveLength(body.ranking.length + 1);
  });

  it.each([
    ['/api/partners?weights=governance=-2', 400, /negative/],
    ['/api/partners?weights=governance=lots', 400, /not a number/],
    ['/api/partners?weights=kryptonite=1', 404, /unknown weight/],
    ['/api/partners?draws=-1', 400, /draws/],
    ['/api/alignment?a=KOR&b=XYZ', 404, /unknown country code "XYZ"/],
    ['/api/alignment?a=KOR&b=USA&from=2020&to=2015', 400, /inverted year range/],
  ])('%s → %i', async (path, status, message) => {
    const res = await json(path);
    expect(res.status).toBe(status);
    expect(res.body.error).toMatch(message);
    expectCleanError(res.body);
  });
});

const post = (
  path: string,
  body: string,
  headers: Record<string, string> = { 'content-type': 'application/json' },
) => fetch(url(path), { method: 'POST', body, headers });

describe('/api/assess/:mineral', () => {
  it('gallium?country=KOR&year=2024 is the same JSON as `minsec assess gallium --country KOR --year 2024 --json`', async () => {
    const api = await json('/api/assess/gallium?country=KOR&year=2024');
    expect(api.status).toBe(200);
    expect(api.body.importers).toHaveLength(1);
    const kor = api.body.importers[0];
    expect(kor.country).toBe('KOR');
    expect(kor.chinaShare).toBeGreaterThan(0.5);
    expect(api.body.gaps.length).toBeGreaterThan(0);
    expect(api.body).toEqual(await cliJson(['assess', 'gallium', '--country', 'KOR', '--year', '2024']));
  });

  it('CSV: one row per importer × view × country share, with tonnes, unit, codes and coverage grade', async () => {
    const csv = await (await get('/api/assess/tungsten?trends=false&format=csv')).text();
    const [head, ...lines] = csv.trim().split('\n');
    expect(head).toBe('mineral,year,importer,view,country,share,tonnes,unit,codes,coverage_grade');
    const rows = lines.map((l) => l.split(','));
    const views = new Set(rows.map((r) => `${r[2]} ${r[3]}`));
    for (const c of ['KOR', 'JPN', 'USA'])
      for (const v of ['shippedBy', 'refinedIn', 'minedIn'])
        expect(views.has(`${c} ${v}`), `${c} ${v}`).toBe(true);
    // shares of one view add up to at most 1
    for (const key of views) {
      const sum = rows.filter((r) => `${r[2]} ${r[3]}` === key).reduce((s, r) => s + Number(r[5] || 0), 0);
      expect(sum, key).toBeLessThanOrEqual(1 + 1e-6);
    }
    // Korea's shipped-by share from China: China's share of Korea's 2024 BACI tonnes of HS 810194 (unwrought
    // tungsten, contained factor 1), read from the trade table here rather than from the assessment.
    const db = await openTestDb();
    try {
      const t = await db.all<{ exporter: string; t: number }>(
        `SELECT exporter, sum(quantity_t) AS t FROM trade WHERE dataset = 'baci' AND year = 2024
         AND importer = 'KOR' AND hs = '810194' AND quantity_t IS NOT NULL GROUP BY exporter`,
      );
      const total = t.reduce((s, r) => s + r.t, 0);
      const row = rows.find((r) => r[2] === 'KOR' && r[3] === 'shippedBy' && r[4] === 'CHN');
      expect(Number(row?.[5])).toBeCloseTo((t.find((r) => r.exporter === 'CHN')?.t ?? 0) / total, 6);
      expect(Number(row?.[6])).toBeCloseTo(total, 3);
      expect(row?.slice(7)).toEqual(['t contained', '810194', 'D']);
    } finally {
      db.close();
    }
  });

  it.each([
    ['/api/assess/galium', 404, /did you mean "gallium"/i],
    ['/api/assess/gallium?country=CHN', 404, /unknown country "CHN"/],
    ['/api/assess/gallium?year=1850', 400, /year/],
    ['/api/assess/gallium?trends=sometimes', 400, /trends/],
  ])('%s → %i', async (path, status, message) => {
    const res = await json(path);
    expect(res.status).toBe(status);
    expect(res.body.error).toMatch(message);
    expectCleanError(res.body);
  });
});

describe('/api/scenarios', () => {
  it('lists the presets as `minsec scenario list --json` does', async () => {
    const { body } = await json('/api/scenarios');
    expect(body.map((s: { id: string }) => s.id)).toContain('cn-ga-ge-licensing-2023');
    expect(body).toEqual(await cliJson(['scenario', 'list']));
  });

  it('POST run: a preset gives monthly unmet demand and stock per country, with pooling and bands', async () => {
    const res = await post(
      '/api/scenarios/run',
      JSON.stringify({ preset: 'cn-ga-ge-licensing-2023', pool: ['KOR', 'JPN', 'USA'], draws: 100 }),
    );
    expect(res.status).toBe(200);
    const r = await res.json();
    expect(r.countries.map((c: { country: string }) => c.country)).toEqual(
      expect.arrayContaining(['KOR', 'JPN', 'USA']),
    );
    expect(r.countries[0].months.length).toBe(r.scenario.horizonMonths);
    expect(r.countries.some((c: { cumulativeShortfall: number }) => c.cumulativeShortfall > 0)).toBe(true);
    expect(r.pooling.members).toEqual(['KOR', 'JPN', 'USA']);
    expect(r.montecarlo.draws).toBe(100);
  });

  it('POST run: same JSON as `minsec scenario run <preset> --draws N --json`', async () => {
    const res = await post(
      '/api/scenarios/run',
      JSON.stringify({ preset: 'cn-ga-ge-licensing-2023', draws: 50 }),
    );
    expect(await res.json()).toEqual(
      await cliJson(['scenario', 'run', 'cn-ga-ge-licensing-2023', '--draws', '50']),
    );
  });

  it.each([
    ['{"preset": "cn-ga-ge', 400, /not valid JSON/],
    ['[1, 2]', 400, /JSON object/],
    ['{}', 400, /exactly one of preset or spec/],
    ['{"preset": "cn-ga-ge-licensing-2023", "draws": 1000000}', 400, /at most 5000/],
    ['{"preset": "cn-ga-ge-licensing-2023", "pool": ["KOR"]}', 400, /pool/],
    ['{"preset": "atlantis-embargo"}', 404, /atlantis-embargo/],
  ])('POST %s → %i', async (body, status, message) => {
    const res = await post('/api/scenarios/run', body);
    expect(res.status).toBe(status);
    const err = await res.json();
    expect(`${err.error} ${err.hint ?? ''}`).toMatch(message);
    expectCleanError(err);
  });

  it('POST run: an oversized body is a 413', async () => {
    const body = JSON.stringify({
      preset: 'cn-ga-ge-licensing-2023',
      spec: { padding: 'x'.repeat(200_000) },
    });
    const res = await post('/api/scenarios/run', body);
    expect(res.status).toBe(413);
    expectCleanError(await res.json());
  });
});

const SEVEN_PRESETS = [
  'cn-ga-ge-licensing-2023',
  'cn-ga-ge-us-ban-2024',
  'cn-w-mo-2025',
  'cd-co-suspension-2025',
  'cd-co-quota-2025',
  'cn-sb-2024',
  'cn-all-four-trio',
];

describe('/api/netassess and /api/cooperate', () => {
  it('netassess: maturity per country and stage, and gaps; catalog folders are not the API caller’s to choose', async () => {
    const { status, body } = await json('/api/netassess?overlay=false');
    expect(status).toBe(200);
    expect(body.countries.map((c: { country: string }) => c.country)).toEqual(['KOR', 'JPN', 'USA']);
    for (const c of body.countries)
      for (const v of Object.values(c.stageScores)) expect(v).toBeGreaterThanOrEqual(0);
    const bad = await json('/api/netassess?catalogDir=/etc');
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/unknown parameter "catalogDir"/);
  });

  it('cooperate: ranked options with sensitivity; bad criteria weights are a 4xx', async () => {
    const { status, body } = await json('/api/cooperate?measure=false&draws=100');
    expect(status).toBe(200);
    expect(body.options.length).toBeGreaterThan(3);
    expect(body.options.map((o: { rank: number }) => o.rank).sort((a: number, b: number) => a - b)[0]).toBe(
      1,
    );
    const bad = await json('/api/cooperate?measure=false&weights=luck=1');
    expect(bad.status).toBeGreaterThanOrEqual(400);
    expect(bad.status).toBeLessThan(500);
    expectCleanError(bad.body);
  });

  it('cooperate: an unknown swapPreset is a 400 naming the field and the valid presets', async () => {
    const bad = await json('/api/cooperate?measure=false&swapPreset=cn-ga-ge-us-ban-2042');
    expect(bad.status).toBe(400);
    expectCleanError(bad.body);
    expect(bad.body.error).toMatch(/swapPreset/);
    // The seven preset ids, read by hand from src/catalog/scenario-presets.ts.
    for (const id of SEVEN_PRESETS) expect(bad.body.error).toContain(id);
  });
});

describe('/api/data/status', () => {
  it('lists sources with licences and row counts, and names the gaps', async () => {
    const { body } = await json('/api/data/status');
    expect(body.sources.length).toBeGreaterThan(5);
    for (const s of body.sources) expect(s.licence).toBeTruthy();
    expect(body.sources.reduce((n: number, s: { rows: number }) => n + s.rows, 0)).toBeGreaterThan(100_000);
    expect(body.gaps.some((g: { mineral: string }) => g.mineral === 'molybdenum')).toBe(true);
  });
});

describe('API conventions', () => {
  it('an unknown route is a JSON 404 listing the routes', async () => {
    const res = await json('/api/assessments');
    expect(res.status).toBe(404);
    expect(res.body.hint).toMatch(/\/api\/production/);
    expectCleanError(res.body);
  });

  it('serves an OpenAPI 3.1 document generated from the zod schemas', async () => {
    const { status, body } = await json('/api/openapi.json');
    expect(status).toBe(200);
    expect(body.openapi).toBe('3.1.0');
    const prod = body.paths['/api/production'].get;
    const mineral = prod.parameters.find((p: { name: string }) => p.name === 'mineral');
    expect(mineral).toMatchObject({ in: 'query', required: true, schema: { type: 'string' } });
    const stage = prod.parameters.find((p: { name: string }) => p.name === 'stage');
    expect(stage.schema.enum).toEqual(['mine', 'refinery', 'primary']);
    expect(prod.responses['200'].content).toHaveProperty('text/csv');
  });

  it('every endpoint names its result contract, and the document gives it as the 200 JSON schema', async () => {
    const { body } = await json('/api/openapi.json');
    expect(ENDPOINTS.filter((e) => !e.result).map((e) => e.path)).toEqual([]);
    for (const e of ENDPOINTS) {
      const op = body.paths[e.path.replace(/:(\w+)/g, '{$1}')][e.method];
      const schema = op.responses['200'].content['application/json'].schema;
      expect(schema.type, e.path).toMatch(/^(object|array)$/);
      expect(Object.keys(schema.properties ?? schema.items?.properties ?? {}).length, e.path).toBeGreaterThan(
        0,
      );
    }
    // no $ref into a $defs of its own: inside the OpenAPI document it would resolve against the document root
    expect(JSON.stringify(body)).not.toMatch(/"\$ref":"#\/\$defs/);
  });

  it.each([
    ['/api/production', '/api/production?mineral=gallium'],
    ['/api/alignment', '/api/alignment?a=KOR&b=USA'],
  ])('a real %s answer satisfies its contract and the emitted schema', async (path, request) => {
    const contract = ENDPOINTS.find((e) => e.path === path)?.result as z.ZodObject;
    const { body: doc } = await json('/api/openapi.json');
    const emitted = doc.paths[path].get.responses['200'].content['application/json'].schema;
    const { status, body } = await json(request);
    expect(status).toBe(200);
    // the zod contract parses the JSON and names every field of it (parsing strips unknown keys)
    expect(contract.parse(body)).toEqual(body);
    // the emitted JSON Schema requires exactly the contract's required top-level keys, and names every key sent
    const required = Object.entries(contract.shape)
      .filter(([, s]) => !(s as z.ZodType).safeParse(undefined).success)
      .map(([k]) => k);
    expect([...emitted.required].sort()).toEqual(required.sort());
    for (const k of required) expect(body).toHaveProperty(k);
    expect(Object.keys(body).filter((k) => !(k in emitted.properties))).toEqual([]);
    expect(emitted.additionalProperties).toBe(false);
  });

  it('gzip bodies decode to the same JSON', async () => {
    const { request } = await import('node:http');
    const raw = await new Promise<Buffer>((resolve, reject) => {
      request(url('/api/production?mineral=cobalt'), { headers: { 'accept-encoding': 'gzip' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve(Buffer.concat(chunks)));
      })
        .on('error', reject)
        .end();
    });
    expect(JSON.parse(gunzipSync(raw).toString()).mineral).toBe('cobalt');
  });
});
