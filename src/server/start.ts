// Starting the server: build the database on first run or rebuild an outdated one (from ../shared/data when present, else the reference
// pack, with progress on stderr), build the dashboard if web/dist is missing or older than its sources, open the database read-only and
// listen (127.0.0.1 unless told otherwise). Port and host: options, else PORT / HOST, else 8080 / 127.0.0.1.
import { existsSync, readdirSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { UserInputError } from '../model/errors.ts';
import { PROJECT_ROOT } from '../model/paths.ts';
import type { BuildEvent } from '../store/build.ts';
import { Db } from '../store/db.ts';
import { type EnsureOptions, ensureCurrent } from '../store/schema-status.ts';
import { type AppOptions, createApp } from './app.ts';

export const WEB_ROOT = join(PROJECT_ROOT, 'web');
export const WEB_DIST = join(WEB_ROOT, 'dist');
export const DEFAULT_PORT = 8080;
export const DEFAULT_HOST = '127.0.0.1';

export interface StartOptions extends Partial<Omit<AppOptions, 'db'>> {
  dbPath: string;
  port?: number;
  host?: string;
  /** Build the database / dashboard when missing (default true). */
  buildMissing?: boolean;
  /** Where a (re)build reads from (default: ../shared/data when present, else the reference pack). */
  buildFrom?: Pick<EnsureOptions, 'rawDir' | 'fromPack' | 'packDir'>;
  /** API paths computed in the background once listening, so the first visitor does not wait for them. */
  warm?: string[];
  say?: (line: string) => void;
}

export interface RunningServer {
  url: string;
  port: number;
  /**
   * Stops listening, closes idle connections, lets requests in flight finish for up to `graceMs` (default 0),
   * then cuts the remaining connections and closes the database.
   */
  close: (opts?: { graceMs?: number }) => Promise<void>;
}

export function parsePort(raw: string | number | undefined, what: string): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UserInputError(`${what} must be a port number 0–65535, got "${raw}"`, 'port');
  return port;
}

function buildProgress(say: (line: string) => void) {
  return (e: BuildEvent) => {
    if (e.type === 'start')
      say(
        `Building the database from ${e.origin === 'raw' ? 'the raw data' : 'the reference pack'} at ${e.from} (${e.files} files)…`,
      );
    else if (e.type === 'file-start') say(`  [${e.index}/${e.total}] ${e.file}`);
    else if (e.type === 'done')
      say(`Database ready: ${e.dbPath} (${e.rows} rows, ${e.seconds.toFixed(1)} s)`);
  };
}

/** The slowest views of the dashboard's first pages (Overview and Net assessment: ~10 s each when cold). */
export const DASHBOARD_WARM_UP = ['/api/netassess', '/api/cooperate'];

/** Builds the dashboard with Vite into outDir (default web/dist). */
export async function buildWeb(say: (line: string) => void, outDir = WEB_DIST): Promise<void> {
  say(`Building the dashboard (${outDir})…`);
  const { build } = await import('vite');
  await build({
    root: WEB_ROOT,
    configFile: join(WEB_ROOT, 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir },
  });
}

/** Newest modification time (ms) of the files under a path. */
function newestMtime(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(st.mtimeMs, ...readdirSync(path).map((f) => newestMtime(join(path, f))));
}

/** The bundle is missing, or older than a dashboard source (so a pull that changes web/src rebuilds it). */
export function webIsStale(): boolean {
  const built = join(WEB_DIST, 'index.html');
  if (!existsSync(built)) return true;
  const sources = ['src', 'index.html', 'vite.config.ts'].map((f) => join(WEB_ROOT, f)).filter(existsSync);
  return Math.max(...sources.map(newestMtime)) > statSync(built).mtimeMs;
}

export async function startServer(opts: StartOptions): Promise<RunningServer> {
  const say = opts.say ?? ((line: string) => process.stderr.write(`${line}\n`));
  const buildMissing = opts.buildMissing ?? true;
  // A missing, empty or outdated database is (re)built, saying why; a foreign or newer one is refused
  // (src/store/schema-status.ts ensureCurrent). Without buildMissing, a missing one is refused here and a
  // non-current one by Db.open.
  if (buildMissing)
    await ensureCurrent(opts.dbPath, {
      ...opts.buildFrom,
      onEvent: buildProgress(say),
      onRebuild: (s) => say(s.message),
    });
  else if (!Db.exists(opts.dbPath))
    throw new UserInputError(`no database at ${opts.dbPath}. Build it first: minsec data build`);
  const webDir = opts.webDir ?? WEB_DIST;
  if (buildMissing && webDir === WEB_DIST && webIsStale()) await buildWeb(say);

  const db = await Db.open(opts.dbPath, { readOnly: true });
  const host = opts.host ?? process.env.HOST ?? DEFAULT_HOST;
  const loopback = ['127.0.0.1', 'localhost', '::1', '[::1]'];
  const app = createApp({
    ...opts,
    db,
    webDir,
    // bound to loopback: answer loopback names only (DNS rebinding); bound elsewhere, the operator decides
    allowedHosts: loopback.includes(host) ? ['127.0.0.1', 'localhost', '[::1]'] : undefined,
  });
  const port = opts.port ?? parsePort(process.env.PORT, 'PORT') ?? DEFAULT_PORT;
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port, hostname: host }, () => resolve(s));
    s.once('error', (e: NodeJS.ErrnoException) =>
      reject(
        e.code === 'EADDRINUSE'
          ? new UserInputError(`port ${port} on ${host} is in use; pass --port N`, 'port')
          : e,
      ),
    );
  });
  const bound = (server.address() as AddressInfo).port;
  let closing = false;
  const warming = (async () => {
    for (const path of opts.warm ?? []) {
      if (closing) return;
      await Promise.resolve(app.request(path)).catch(() => {});
    }
  })();
  const shownHost = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? 'localhost' : host;
  return {
    url: `http://${shownHost}:${bound}/`,
    port: bound,
    close: ({ graceMs = 0 } = {}) =>
      new Promise<void>((resolve) => {
        const http = server as unknown as {
          closeIdleConnections?: () => void;
          closeAllConnections?: () => void;
        };
        const cut = setTimeout(() => http.closeAllConnections?.(), graceMs);
        closing = true;
        server.close(async () => {
          clearTimeout(cut);
          await warming; // a warm-up computation still reads the database
          db.close();
          resolve();
        });
        http.closeIdleConnections?.();
        if (graceMs <= 0) http.closeAllConnections?.();
      }),
  };
}
