// Benchmark: the HTTP API and the dashboard.
//  1. /api/assess/gallium under load on loopback, against a baseline measured in the same run on /api/health
//     (same server, same load): p99 latency at a steady 200 req/s for 10 s (an open-loop generator that starts
//     one request every 5 ms whatever the answers — autocannon's overallRate sends each second's requests in a
//     burst, which measures queueing behind the burst, not latency at 200 req/s), then throughput flat out for
//     5 s (autocannon, 10 connections), and their ratios. The first (cold) request is timed apart: results are cached per parameters
//     since the database is read-only. Target (issue 7): p99 < 50 ms at 200 req/s.
//  2. The dashboard's JS bundle, gzipped (target < 400 kB).
//  3. Time to first render of the Mineral page (gallium) in headless Chromium: navigation until China's share
//     is on screen, first with the server's caches cold for that page, then the median of warm loads.
//  4. The heaviest allowed scenario against other clients (issue 15): one client posts the largest scenario the API
//     accepts (the four-mineral trio preset, API_MAX_DRAWS Monte Carlo draws, the trio pool; a new seed each time,
//     so never cached) back to back, while others request a cached endpoint and uncached ones (production by
//     mineral and year, each computed on its first request) at a steady rate; their p99 against the same load without the heavy
//     client, and the server's resident memory (VmRSS, sampled every 100 ms). Target: p99 < 100 ms, memory bounded.
// The server runs in a child process so that the load generator does not share its event loop.
// Database: $MINSEC_BENCH_DB, else $MINSEC_DB, else ./minsec.duckdb; built into the OS temp dir when absent.

import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { Agent, get } from 'node:http';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import autocannon from 'autocannon';
import { PROJECT_ROOT } from '../src/model/paths.ts';
import { API_MAX_DRAWS } from '../src/server/routes.ts';
import { buildWeb, WEB_DIST } from '../src/server/start.ts';
import { launchChromium } from '../test/e2e/browser.ts';
import { benchDatabase } from './bench-db.ts';

const RATE = 200;
const RATE_SECONDS = 10;
const FLAT_OUT_SECONDS = 5;
const CONNECTIONS = 10;
const WARM_LOADS = 3;

function startServer(db: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    [join(PROJECT_ROOT, 'bin', 'minsec.js'), '--db', db, 'serve', '--port', '0'],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk) => {
      out += chunk;
      const m = /(http:\/\/\S+\/)/.exec(out);
      if (m) resolve({ url: m[1], child });
    });
    child.once('exit', (code) => reject(new Error(`server exited (${code}) before listening`)));
  });
}

interface Load {
  p50: number;
  p99: number;
  max: number;
  rps: number;
  errors: number;
  non2xx: number;
}

async function flatOut(url: string, seconds: number): Promise<Load> {
  const r = await autocannon({ url, connections: CONNECTIONS, duration: seconds });
  return {
    p50: r.latency.p50,
    p99: r.latency.p99,
    max: r.latency.max,
    rps: r.requests.average,
    errors: r.errors,
    non2xx: r.non2xx,
  };
}

/** Open loop: one request every 1000/rate ms for `seconds`, each timed from its scheduled start to its last byte. */
const paced = (url: string, rate: number, seconds: number) => pacedMany([url], rate, seconds);

/** Open loop over a list of URLs (one every 1000/rate ms, cycling), each timed to its last byte. */
async function pacedMany(urls: string[], rate: number, seconds: number): Promise<Load> {
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const latencies: number[] = [];
  let errors = 0;
  let non2xx = 0;
  const start = performance.now();
  const pending: Promise<void>[] = [];
  for (let i = 0; i < rate * seconds; i++) {
    const scheduled = start + (i * 1000) / rate;
    const wait = scheduled - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    pending.push(
      new Promise<void>((resolve) => {
        get(urls[i % urls.length], { agent }, (res) => {
          if ((res.statusCode ?? 0) >= 300) non2xx++;
          res.resume();
          res.on('end', () => {
            latencies.push(performance.now() - scheduled);
            resolve();
          });
        }).on('error', () => {
          errors++;
          resolve();
        });
      }),
    );
  }
  await Promise.all(pending);
  agent.destroy();
  const sorted = latencies.sort((a, b) => a - b);
  const q = (p: number) =>
    Math.round(sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] * 10) / 10;
  return {
    p50: q(0.5),
    p99: q(0.99),
    max: q(1),
    rps: latencies.length / ((performance.now() - start) / 1000),
    errors,
    non2xx,
  };
}

/** Resident memory of a process in MiB (Linux /proc). */
const rssMiB = (pid: number) => {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : Number.NaN;
};

const fmt = (l: Load) =>
  `p50 ${l.p50} ms, p99 ${l.p99} ms, max ${l.max} ms, ${l.rps.toFixed(0)} req/s${l.errors || l.non2xx ? ` (errors ${l.errors}, non-2xx ${l.non2xx})` : ''}`;
const ratio = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(2)}×` : 'n/a');

const db = await benchDatabase();
await buildWeb((l) => process.stdout.write(`${l}\n`)); // measure the bundle as the sources are now
const { url, child } = await startServer(db);
try {
  process.stdout.write(`server ${url} on ${db}\n\n`);
  const target = new URL('api/assess/gallium', url).toString();
  const baseline = new URL('api/health', url).toString();

  const t0 = performance.now();
  const cold = await fetch(target);
  await cold.arrayBuffer();
  process.stdout.write(
    `cold /api/assess/gallium (first request, computes and caches): ${(performance.now() - t0).toFixed(0)} ms\n\n`,
  );

  await paced(baseline, RATE, 2); // warm-up of both paths (JIT, sockets), not reported
  await paced(target, RATE, 2);
  process.stdout.write(
    `load average before: ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')} (other work on the machine skews latency)\n`,
  );
  process.stdout.write(`steady load, ${RATE} req/s for ${RATE_SECONDS} s (open loop):\n`);
  const baseFixed = await paced(baseline, RATE, RATE_SECONDS);
  process.stdout.write(`  baseline /api/health       ${fmt(baseFixed)}\n`);
  const fixed = await paced(target, RATE, RATE_SECONDS);
  process.stdout.write(`  /api/assess/gallium        ${fmt(fixed)}\n`);
  process.stdout.write(
    `  p99 ratio assess/health    ${ratio(fixed.p99, baseFixed.p99)}  (target p99 < 50 ms: ${fixed.p99 < 50 ? 'met' : 'NOT met'})\n\n`,
  );

  process.stdout.write(`flat out for ${FLAT_OUT_SECONDS} s, ${CONNECTIONS} connections:\n`);
  const baseMax = await flatOut(baseline, FLAT_OUT_SECONDS);
  process.stdout.write(`  baseline /api/health       ${fmt(baseMax)}\n`);
  const max = await flatOut(target, FLAT_OUT_SECONDS);
  process.stdout.write(`  /api/assess/gallium        ${fmt(max)}\n`);
  process.stdout.write(`  throughput ratio           ${ratio(max.rps, baseMax.rps)}\n\n`);

  const assets = join(WEB_DIST, 'assets');
  const js = readdirSync(assets).filter((f) => f.endsWith('.js'));
  const raw = js.reduce((s, f) => s + readFileSync(join(assets, f)).length, 0);
  const gz = js.reduce((s, f) => s + gzipSync(readFileSync(join(assets, f)), { level: 9 }).length, 0);
  process.stdout.write(
    `dashboard JS bundle: ${(raw / 1024).toFixed(1)} kB raw, ${(gz / 1024).toFixed(1)} kB gzipped (target < 400 kB: ${gz < 400 * 1024 ? 'met' : 'NOT met'})\n\n`,
  );

  // 4. the heaviest allowed scenario against other clients
  const OTHERS_RATE = 50;
  const OTHERS_SECONDS = 12;
  const cached = new URL('api/production?mineral=gallium', url).toString();
  const uncached = (years: number[]) =>
    ['cobalt', 'tungsten', 'lithium', 'nickel', 'antimony', 'manganese'].flatMap((m) =>
      years.map((y) => new URL(`api/production?mineral=${m}&year=${y}`, url).toString()),
    );
  await fetch(cached).then((r) => r.arrayBuffer());
  // production by mineral and year: each URL is computed on its first request in the phase, then cached
  const mix = (years: number[]) => uncached(years).flatMap((u) => [cached, u]);
  const quiet = await pacedMany(mix([2021, 2022]), OTHERS_RATE, OTHERS_SECONDS);
  let heavyRuns = 0;
  let heavyErrors = 0;
  let stop = false;
  const heavyMs: number[] = [];
  const pid = child.pid!;
  const rss: number[] = [rssMiB(pid)];
  const sampler = setInterval(() => rss.push(rssMiB(pid)), 100);
  const heavy = (async () => {
    for (let seed = 1; !stop; seed++) {
      const t = performance.now();
      const r = await fetch(new URL('api/scenarios/run', url), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          preset: 'cn-all-four-trio',
          draws: API_MAX_DRAWS,
          seed,
          pool: ['KOR', 'JPN', 'USA'],
        }),
      });
      await r.arrayBuffer();
      if (r.ok) heavyRuns++;
      else heavyErrors++;
      heavyMs.push(performance.now() - t);
    }
  })();
  const loaded = await pacedMany(mix([2023, 2024]), OTHERS_RATE, OTHERS_SECONDS);
  stop = true;
  await heavy;
  clearInterval(sampler);
  process.stdout.write(
    `heaviest scenario (cn-all-four-trio, ${API_MAX_DRAWS} draws, trio pool) against other clients, ${OTHERS_RATE} req/s for ${OTHERS_SECONDS} s (cached and uncached production):\n`,
  );
  process.stdout.write(`  others, no heavy client (baseline)   ${fmt(quiet)}\n`);
  process.stdout.write(`  others, heavy client running         ${fmt(loaded)}\n`);
  process.stdout.write(
    `  p99 ratio loaded/baseline            ${ratio(loaded.p99, quiet.p99)}  (target p99 < 100 ms: ${loaded.p99 < 100 ? 'met' : 'NOT met'})\n`,
  );
  process.stdout.write(
    `  heavy runs ${heavyRuns} (errors ${heavyErrors}), ${heavyMs.map((x) => (x / 1000).toFixed(1)).join(', ')} s each; server RSS ${rss[0].toFixed(0)} MiB before, max ${Math.max(...rss).toFixed(0)} MiB, ${rss.at(-1)!.toFixed(0)} MiB after\n\n`,
  );

  const browser = await launchChromium();
  try {
    const times: number[] = [];
    for (let i = 0; i <= WARM_LOADS; i++) {
      const page = await browser.newPage();
      const start = performance.now();
      await page.goto(new URL('#/mineral/gallium?country=KOR', url).toString());
      await page.getByTestId('china-share').waitFor({ timeout: 120_000 });
      times.push(performance.now() - start);
      await page.close();
    }
    const [first, ...warm] = times;
    const median = [...warm].sort((a, b) => a - b)[Math.floor(warm.length / 2)];
    process.stdout.write(
      `Mineral page (gallium) first render in headless Chromium: ${first.toFixed(0)} ms cold, ${median.toFixed(0)} ms warm (median of ${WARM_LOADS})\n`,
    );
  } finally {
    await browser.close();
  }
} finally {
  child.kill('SIGTERM');
}
