// minsec serve [--port N] [--host H] — the API and the dashboard on the database (global --db, MINSEC_DB or
// ./minsec.duckdb), built on first run. `npm start -- --port N --db FILE` runs this.
// SIGTERM / SIGINT stop it gracefully: no new connections, idle keep-alive connections closed, requests in flight
// finish (up to SHUTDOWN_GRACE_MS), workers and the database closed, exit 0. A second signal exits at once.
import type { Command } from 'commander';
import { DASHBOARD_WARM_UP, parsePort, startServer } from '../../server/start.ts';
import { dbPathOf } from '../context.ts';

/** How long requests in flight may take to finish after SIGTERM/SIGINT before their connections are cut. */
export const SHUTDOWN_GRACE_MS = 10_000;

export function register(program: Command): void {
  program
    .command('serve')
    .description(
      'serve the HTTP API and the web dashboard (default http://127.0.0.1:8080/; PORT, HOST honoured)',
    )
    .option('--port <n>', 'port to listen on (0: any free port)')
    .option('--host <host>', 'interface to bind (default 127.0.0.1; 0.0.0.0 for all)')
    .action(async (opts: { port?: string; host?: string }, cmd: Command) => {
      const server = await startServer({
        dbPath: dbPathOf(cmd),
        port: parsePort(opts.port, '--port'),
        host: opts.host,
        warm: DASHBOARD_WARM_UP,
      });
      process.stdout.write(`minsec is serving the dashboard and API at ${server.url}  (Ctrl+C to stop)\n`);
      await new Promise<void>((resolve) => {
        let stopping = false;
        const stop = (signal: NodeJS.Signals) => {
          if (stopping) {
            process.stderr.write(`minsec: ${signal} again, exiting now\n`);
            process.exit(1);
          }
          stopping = true;
          process.stderr.write(`minsec: ${signal}, stopping (requests in flight may finish)\n`);
          server.close({ graceMs: SHUTDOWN_GRACE_MS }).then(() => {
            process.off('SIGINT', stop);
            process.off('SIGTERM', stop);
            process.stderr.write('minsec: stopped\n');
            resolve();
          });
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
    });
}
