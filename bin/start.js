#!/usr/bin/env node
// `npm start`: brings the compiled CLI up to date with src/ (bin/build.js; falls back to the sources when it
// cannot build) and runs `minsec serve` in this same process, so that a signal sent to npm reaches the server
// itself (there is no intermediate shell or child to leave behind). Arguments pass through:
// `npm start -- --port N --db FILE`.
import { buildStaleness } from './build-state.js';

const stale = buildStaleness();
if (stale) {
  try {
    const { buildJs } = await import('./build.js');
    await buildJs({ quiet: true });
  } catch (e) {
    process.stderr.write(
      `minsec: could not compile the CLI (${e.message}); running from the TypeScript sources\n`,
    );
  }
}
process.argv.splice(2, 0, 'serve');
await import('./minsec.js');
