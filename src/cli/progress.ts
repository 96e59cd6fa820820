// Progress for long loads: a bar on a terminal, plain lines otherwise (logs, CI). Written to stderr so that
// stdout stays clean for --json.
import cliProgress from 'cli-progress';
import type { BuildEvent } from '../store/build.ts';

export function buildProgress(): (e: BuildEvent) => void {
  const tty = process.stderr.isTTY;
  const bar = tty
    ? new cliProgress.SingleBar(
        {
          format: ' {bar} {value}/{total} files | {file} {rows} rows',
          stream: process.stderr,
          hideCursor: true,
        },
        cliProgress.Presets.shades_classic,
      )
    : null;
  let done = 0;
  return (e) => {
    if (e.type === 'start') {
      process.stderr.write(
        `Building from ${e.origin === 'raw' ? 'raw data' : 'the reference pack'} at ${e.from}\n`,
      );
      bar?.start(e.files, 0, { file: '', rows: 0 });
    } else if (e.type === 'file-start') bar?.update(done, { file: e.file, rows: 0 });
    else if (e.type === 'progress') bar?.update(done, { file: e.file, rows: e.rows });
    else if (e.type === 'file-done') {
      done++;
      if (bar) bar.update(done, { file: e.file, rows: e.rows });
      else process.stderr.write(`  loaded ${e.file}: ${e.rows} rows\n`);
    } else if (e.type === 'done') {
      bar?.stop();
      process.stderr.write(`Built ${e.dbPath}: ${e.rows} rows in ${e.seconds.toFixed(1)} s\n`);
    }
  };
}
