// Request bodies over real loopback connections (node:http client, @hono/node-server): an answer given before the
// body is read (413, 415, unknown route) settles the body first, so a keep-alive connection either stays usable
// for the next request or is announced closed; JSON only as application/json; nesting bounded.
import { type Agent, Agent as HttpAgent, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createApp } from '../../src/server/app.ts';
import {
  DRAIN_LIMIT_BYTES,
  isJsonMediaType,
  JSON_MAX_DEPTH,
  jsonDepthExceeds,
} from '../../src/server/body.ts';
import { endpoint } from '../../src/server/endpoint.ts';
import type { Db } from '../../src/store/db.ts';

const LIMIT = 64 * 1024;
const app = createApp({
  db: {} as Db,
  bodyLimitBytes: LIMIT,
  endpoints: [
    endpoint({
      method: 'post',
      path: '/api/run',
      summary: 'run',
      cli: 'run',
      schema: z.object({ preset: z.string().optional(), spec: z.unknown().optional() }),
      run: (_db, p) => ({ preset: p.preset ?? null }),
    }),
    endpoint({
      method: 'get',
      path: '/api/ping',
      summary: 'ping',
      cli: 'ping',
      schema: z.object({}),
      run: () => ({ pong: true }),
    }),
  ],
});

let server: ReturnType<typeof serve>;
let port: number;
beforeAll(async () => {
  await new Promise<void>((resolve) => {
    server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** The request went over a connection an earlier request had used (keep-alive reuse). */
  reused: boolean;
}

function send(
  agent: Agent,
  method: string,
  path: string,
  body?: Buffer | string,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const length =
    body !== undefined && !headers['transfer-encoding']
      ? { 'content-length': String(Buffer.byteLength(body)) }
      : {};
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, method, path, agent, headers: { ...length, ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString(),
            reused: req.reusedSocket,
          }),
        );
      },
    );
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

const json = { 'content-type': 'application/json' };
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** @hono/node-server gives up on an undrained body after 500 ms and closes the socket; wait past that. */
const PAST_SERVER_CLEANUP_MS = 800;

describe('an oversized body', () => {
  it('413, then the same keep-alive connection still serves the next request (the body was drained)', async () => {
    const agent = new HttpAgent({ keepAlive: true, maxSockets: 1 });
    try {
      const big = JSON.stringify({ spec: { padding: 'x'.repeat(200_000) } });
      const first = await send(agent, 'POST', '/api/run', big, json);
      expect(first.status).toBe(413);
      expect(JSON.parse(first.body).error).toMatch(/larger than 65536 bytes/);
      expect(first.headers.connection).toBe('keep-alive');
      await pause(PAST_SERVER_CLEANUP_MS);
      const next = await send(agent, 'GET', '/api/ping');
      expect(next).toMatchObject({ status: 200, reused: true });
      expect(JSON.parse(next.body)).toEqual({ pong: true });
    } finally {
      agent.destroy();
    }
  });

  it('413 without Content-Length (chunked) is drained the same way', async () => {
    const agent = new HttpAgent({ keepAlive: true, maxSockets: 1 });
    try {
      const first = await send(agent, 'POST', '/api/run', `{"spec":"${'y'.repeat(100_000)}"}`, {
        ...json,
        'transfer-encoding': 'chunked',
      });
      expect(first.status).toBe(413);
      await pause(PAST_SERVER_CLEANUP_MS);
      expect(await send(agent, 'GET', '/api/ping')).toMatchObject({ status: 200, reused: true });
    } finally {
      agent.destroy();
    }
  });

  it('past the drain limit: 413 with Connection: close, and the next request opens a new connection', async () => {
    const agent = new HttpAgent({ keepAlive: true, maxSockets: 1 });
    try {
      const huge = Buffer.alloc(DRAIN_LIMIT_BYTES * 3, 0x20);
      const first = await send(agent, 'POST', '/api/run', huge, json);
      expect(first.status).toBe(413);
      expect(first.headers.connection).toBe('close');
      const next = await send(agent, 'GET', '/api/ping');
      expect(next).toMatchObject({ status: 200, reused: false });
    } finally {
      agent.destroy();
    }
  });

  it('a body sent to an unknown route is drained too', async () => {
    const agent = new HttpAgent({ keepAlive: true, maxSockets: 1 });
    try {
      const first = await send(
        agent,
        'POST',
        '/api/nowhere',
        JSON.stringify({ a: 'z'.repeat(50_000) }),
        json,
      );
      expect(first.status).toBe(404);
      await pause(PAST_SERVER_CLEANUP_MS);
      expect(await send(agent, 'GET', '/api/ping')).toMatchObject({ status: 200, reused: true });
    } finally {
      agent.destroy();
    }
  });
});

describe('JSON only as application/json', () => {
  it.each([
    ['text/plain', 415],
    ['text/plain;charset=UTF-8', 415],
    ['application/x-www-form-urlencoded', 415],
    ['multipart/form-data; boundary=x', 415],
    ['application/json; charset=latin1', 415],
    ['application/json', 200],
    ['application/json; charset=utf-8', 200],
    ['Application/JSON;Charset="UTF-8"', 200],
  ])('Content-Type %s → %i', async (type, status) => {
    const res = await app.request('/api/run', {
      method: 'POST',
      body: '{"preset":"p"}',
      headers: { 'content-type': type },
    });
    expect(res.status).toBe(status);
    if (status === 415) {
      const err = await res.json();
      expect(err).toMatchObject({ field: 'content-type' });
      expect(err.error).toMatch(/application\/json/);
    } else expect(await res.json()).toEqual({ preset: 'p' });
  });

  it('a body without Content-Type is refused (a cross-origin page could send it without a preflight)', async () => {
    const res = await app.request('/api/run', { method: 'POST', body: new Blob(['{"preset":"p"}']) });
    expect(res.status).toBe(415);
  });

  it('after a 415 the keep-alive connection is still usable', async () => {
    const agent = new HttpAgent({ keepAlive: true, maxSockets: 1 });
    try {
      const first = await send(agent, 'POST', '/api/run', `{"spec":"${'q'.repeat(30_000)}"}`, {
        'content-type': 'text/plain',
      });
      expect(first.status).toBe(415);
      await pause(PAST_SERVER_CLEANUP_MS);
      expect(await send(agent, 'GET', '/api/ping')).toMatchObject({ status: 200, reused: true });
    } finally {
      agent.destroy();
    }
  });

  it('media type parsing', () => {
    expect(isJsonMediaType(undefined)).toBe(false);
    expect(isJsonMediaType('application/jsonp')).toBe(false);
    expect(isJsonMediaType('application/json')).toBe(true);
  });
});

describe('nesting and encoding', () => {
  it('a 60 KB body nested 30,000 levels deep is a 400, not a stack overflow', async () => {
    const deep = `${'['.repeat(30_000)}${']'.repeat(30_000)}`;
    expect(deep.length).toBe(60_000);
    for (const body of [deep, `{"spec":${deep}}`]) {
      const res = await app.request('/api/run', { method: 'POST', body, headers: json });
      expect(res.status).toBe(400);
      expect((await res.json()).error).toMatch(new RegExp(`nested deeper than ${JSON_MAX_DEPTH} levels`));
    }
  });

  it('brackets inside strings do not count as nesting', async () => {
    const spec = { note: `${'['.repeat(100)} "quoted \\" [[[` };
    const res = await app.request('/api/run', {
      method: 'POST',
      body: JSON.stringify({ preset: 'p', spec }),
      headers: json,
    });
    expect(res.status).toBe(200);
    // depth by hand: {"a":[{"b":[1]}]} is object > array > object > array = 4 levels
    expect(jsonDepthExceeds('{"a":[{"b":[1]}]}', 4)).toBe(false);
    expect(jsonDepthExceeds('{"a":[{"b":[1]}]}', 3)).toBe(true);
    expect(jsonDepthExceeds('"[[[[[["', 1)).toBe(false);
  });

  it('invalid UTF-8 is a 400 saying so', async () => {
    const res = await app.request('/api/run', {
      method: 'POST',
      body: Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
      headers: json,
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatch(/UTF-8/);
  });
});
