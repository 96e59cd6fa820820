// The server's own limits and error mapping, on small hand-made endpoints (no database needed): request
// timeouts → 504, bodies over the limit → 413, invalid JSON → 400, zod errors → 400 with the field path,
// query strings shaped like CLI flags, crashes → 500 without details, results computed once per parameters.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { UserInputError } from '../../src/model/errors.ts';
import { createApp } from '../../src/server/app.ts';
import { endpoint } from '../../src/server/endpoint.ts';
import type { Db } from '../../src/store/db.ts';

let calls = 0;
const Echo = z.object({
  mineral: z.string(),
  year: z.number().int().optional(),
  countries: z.array(z.string()).default([]),
  pooling: z.boolean().optional(),
  maxRank: z.number().optional(),
});
const Body = z.object({ preset: z.string(), months: z.number().int().positive().max(120) });

const ENDPOINTS = [
  endpoint({
    method: 'get',
    path: '/api/echo/:mineral',
    summary: 'echo',
    cli: 'echo',
    schema: Echo,
    run: (_db, p) => {
      calls++;
      if (p.mineral === 'kryptonite')
        throw new UserInputError('unknown mineral "kryptonite"', 'mineral', 404);
      if (p.mineral === 'crash') throw new Error('secret internal detail at /src/x.ts:12');
      return p;
    },
    rows: (p) => p.countries.map((c) => ({ country: c, mineral: p.mineral })),
  }),
  endpoint({
    method: 'get',
    path: '/api/slow',
    summary: 'slow',
    cli: 'slow',
    schema: z.object({}),
    run: () => new Promise((r) => setTimeout(r, 500)),
  }),
  endpoint({
    method: 'post',
    path: '/api/run',
    summary: 'run',
    cli: 'run',
    schema: Body,
    run: (_db, p) => ({ ok: p.months }),
  }),
];

const logged: unknown[] = [];
const app = createApp({
  db: {} as Db,
  endpoints: ENDPOINTS,
  timeoutMs: 100,
  bodyLimitBytes: 1024,
  log: (e) => logged.push(e),
});
const post = (body: string) =>
  app.request('/api/run', { method: 'POST', body, headers: { 'content-type': 'application/json' } });

describe('query strings mirror CLI flags', () => {
  it('converts numbers, booleans, repeated or comma-separated arrays and kebab-case keys by the schema', async () => {
    const res = await app.request(
      '/api/echo/gallium?year=2024&countries=KOR,JPN&countries=USA&pooling=false&max-rank=5',
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      mineral: 'gallium',
      year: 2024,
      countries: ['KOR', 'JPN', 'USA'],
      pooling: false,
      maxRank: 5,
    });
  });

  it('gives CSV of the tabular view', async () => {
    const res = await app.request('/api/echo/gallium?countries=KOR,JPN&format=csv');
    expect(res.headers.get('content-type')).toMatch(/text\/csv/);
    expect(await res.text()).toBe('country,mineral\nKOR,gallium\nJPN,gallium\n');
  });

  it('computes a result once per distinct parameters', async () => {
    calls = 0;
    await Promise.all([1, 2, 3].map(() => app.request('/api/echo/cobalt?year=2020')));
    await app.request('/api/echo/cobalt?year=2020');
    expect(calls).toBe(1);
    await app.request('/api/echo/cobalt?year=2021');
    expect(calls).toBe(2);
  });
});

describe('errors are JSON with a status, a field and no internals', () => {
  it.each([
    ['/api/echo/gallium?year=twenty', 400, 'year'],
    ['/api/echo/gallium?year=2024.5', 400, 'year'],
    ['/api/echo/gallium?pooling=maybe', 400, 'pooling'],
    ['/api/echo/gallium?colour=red', 400, 'colour'],
    ['/api/echo/kryptonite', 404, 'mineral'],
  ])('%s → %i (%s)', async (path, status, field) => {
    const res = await app.request(path);
    expect(res.status).toBe(status);
    expect((await res.json()).field).toBe(field);
  });

  it('a crash is a 500 with a generic message; the detail goes to the log only', async () => {
    const res = await app.request('/api/echo/crash');
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toMatch(/secret|\.ts/);
    expect(String(logged.at(-1))).toMatch(/secret internal detail/);
  });

  it('a request past the time limit is a 504', async () => {
    const res = await app.request('/api/slow');
    expect(res.status).toBe(504);
    expect((await res.json()).error).toMatch(/too long/);
  });
});

describe('POST bodies', () => {
  it('valid JSON runs', async () => {
    const res = await post(JSON.stringify({ preset: 'x', months: 12 }));
    expect(await res.json()).toEqual({ ok: 12 });
  });

  it('invalid JSON is a 400 saying so', async () => {
    const res = await post('{"preset": "x", months: }');
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatch(/not valid JSON/);
  });

  it('a JSON array or a zod failure is a 400 with the field path', async () => {
    expect((await post('[1,2]')).status).toBe(400);
    const res = await post(JSON.stringify({ preset: 'x', months: 999 }));
    expect(res.status).toBe(400);
    expect((await res.json()).field).toBe('months');
  });

  it('a body over the limit is a 413', async () => {
    const res = await post(JSON.stringify({ preset: 'x'.repeat(5000), months: 1 }));
    expect(res.status).toBe(413);
    expect((await res.json()).error).toMatch(/larger than 1024 bytes/);
  });
});

describe('the dashboard files', () => {
  const root = mkdtempSync(join(tmpdir(), 'minsec-static-'));
  const dist = join(root, 'dist');
  mkdirSync(join(dist, 'assets'), { recursive: true });
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>dash</title>');
  writeFileSync(join(dist, 'assets', 'app-1234.js'), 'console.log(1)');
  writeFileSync(join(root, 'secret.txt'), 'do not serve');
  const web = createApp({ db: {} as Db, endpoints: [], webDir: dist });

  it('serves assets with long caching and index.html for page paths', async () => {
    const js = await web.request('/assets/app-1234.js');
    expect(js.headers.get('content-type')).toMatch(/javascript/);
    expect(js.headers.get('cache-control')).toMatch(/immutable/);
    expect(await (await web.request('/mineral')).text()).toContain('<title>dash</title>');
  });

  it('never serves files outside the dashboard folder', async () => {
    for (const path of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/..%2fsecret.txt',
      '/assets/..%2f..%2fsecret.txt',
    ])
      expect(await (await web.request(path)).text()).not.toContain('do not serve');
    expect((await web.request('/%E0%A4%A')).status).toBe(400);
  });
});

describe('headers and hosts', () => {
  it('answers with nosniff and frame options (hono secure headers)', async () => {
    const res = await createApp({ db: {} as Db, endpoints: ENDPOINTS }).request('/api/health');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
  });

  it('a loopback server refuses a foreign Host (DNS rebinding) with 421, and answers its own names', async () => {
    const app = createApp({ db: {} as Db, endpoints: ENDPOINTS, allowedHosts: ['127.0.0.1', 'localhost'] });
    const foreign = await app.request('http://evil.example/api/health', {
      headers: { host: 'evil.example' },
    });
    expect(foreign.status).toBe(421);
    expect((await foreign.json()).error).toMatch(/answers 127\.0\.0\.1, localhost only, not "evil\.example"/);
    const own = await app.request('http://127.0.0.1:8080/api/health', {
      headers: { host: '127.0.0.1:8080' },
    });
    expect(own.status).toBe(200);
  });
});
