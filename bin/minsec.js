#!/usr/bin/env node
// Entry point. Runs the compiled CLI (build/, see bin/build.js) when it is current with src/; otherwise runs the
// TypeScript sources through tsx, so a checkout that was edited since its last build never runs stale code.
// MINSEC_FROM_SOURCE=1 forces the sources.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUILD_DIR, buildStaleness } from './build-state.js';

let main;
let summaries;
if (!process.env.MINSEC_FROM_SOURCE && buildStaleness() === null) {
  ({ main } = await import('../build/main.js'));
  summaries = JSON.parse(readFileSync(join(BUILD_DIR, 'commands.json'), 'utf8'));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli/main.ts'));
}
process.exitCode = await main(process.argv.slice(2), { summaries });
