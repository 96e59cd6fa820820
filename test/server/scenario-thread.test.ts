// Heavy scenario runs off the request thread (the real server app on the test database): a run past its deadline
// is stopped with a 503 that names the limit, and while a heavy run computes the server keeps answering others.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.ts';
import { scenarioThreads } from '../../src/server/scenario-thread.ts';
import type { Db } from '../../src/store/db.ts';
import { openTestDb } from '../helpers.ts';

let db: Db;
beforeAll(async () => {
  db = await openTestDb();
});
afterAll(() => db?.close());

const HEAVY = { preset: 'cn-all-four-trio', draws: 5000, pool: ['KOR', 'JPN', 'USA'] };
const post = (app: ReturnType<typeof createApp>, body: unknown) =>
  app.request('/api/scenarios/run', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('scenario runs on a worker thread', () => {
  it('a run past the deadline is a 503 naming the limit, and the server answers the next request', async () => {
    // 20 ms: less than a worker thread takes to start, let alone to draw 5000 samples of four minerals
    const app = createApp({ db, scenarioDeadlineMs: 20 });
    const res = await post(app, HEAVY);
    expect(res.status).toBe(503);
    const body = await res.json();
    expect(body.error).toMatch(/past the server's limit of 0\.0 s: stopped/);
    expect(body.hint).toMatch(/fewer Monte Carlo draws/);
    expect(JSON.stringify(body)).not.toMatch(/at .*\.ts:\d+/); // no stack trace
    expect((await app.request('/api/health')).status).toBe(200);
  });

  it('while a heavy run computes, other requests are answered', async () => {
    const app = createApp({ db });
    const before = scenarioThreads().started;
    let heavyDone = false;
    const heavy = Promise.resolve(post(app, HEAVY)).then((r) => {
      heavyDone = true;
      return r;
    });
    const health = await app.request('/api/health');
    const production = await app.request('/api/production?mineral=gallium');
    expect(health.status).toBe(200);
    expect(production.status).toBe(200);
    expect(heavyDone).toBe(false); // both answered while the run was still computing
    const r = await heavy;
    expect(r.status).toBe(200);
    expect(scenarioThreads().started).toBe(before + 1); // the computation ran on its own thread
    expect(scenarioThreads().running).toBe(0);
    const result = await r.json();
    expect(result.montecarlo ?? result.bands ?? result.countries).toBeDefined();
  });
});
