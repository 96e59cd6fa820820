// Test-suite global setup: compiles the CLI (bin/build.js) when build/ is missing or older than src/, so that the
// tests that run `minsec` as a child process run what a user runs, never a stale build, and start fast.
import { buildJs } from '../../bin/build.js';
import { buildStaleness } from '../../bin/build-state.js';

export default async function setup() {
  const why = buildStaleness();
  if (why) await buildJs({ quiet: true });
}
