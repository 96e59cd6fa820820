// minsec serve [--port N] [--host H] — the API and the dashboard on the database (global --db, MINSEC_DB or
// ./minsec.duckdb), built on first run. `npm start -- --port N --db FILE` runs this.
import type { Command } from 'commander';
import { DASHBOARD_WARM_UP, parsePort, startServer } from '../../server/start.ts';
import { dbPathOf } from '../context.ts';

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
        const stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          server.close().then(resolve);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
    });
}
