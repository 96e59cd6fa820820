// The dashboard as the sources are now (built apart from web/dist) served by the real server on a random port,
// with the slowest views computed first (as `minsec serve` warms them after start).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildWeb, DASHBOARD_WARM_UP, type RunningServer, startServer } from '../../src/server/start.ts';
import { testDbPath } from '../helpers.ts';

export async function startDashboard(extraWarmUp: string[] = []): Promise<RunningServer> {
  const webDir = join(mkdtempSync(join(tmpdir(), 'minsec-web-')), 'dist');
  await buildWeb(() => {}, webDir);
  const server = await startServer({
    dbPath: testDbPath(),
    port: 0,
    webDir,
    buildMissing: false,
    say: () => {},
  });
  // A 504 leaves the computation running and cached, so asking again picks it up.
  for (const path of [...DASHBOARD_WARM_UP, ...extraWarmUp])
    for (let attempt = 0; attempt < 5; attempt++) {
      const res = await fetch(new URL(path, server.url));
      await res.arrayBuffer();
      if (res.status !== 504) break;
    }
  return server;
}
