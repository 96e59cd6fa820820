#!/usr/bin/env node
// Compiles the TypeScript under src/ into JavaScript bundles under build/ with esbuild, so the CLI starts without
// transpiling anything and loads a handful of files instead of hundreds: one entry per file that is started by
// path (the CLI, the server's worker), with every dynamically imported module split into its own chunk so each
// command loads only what it uses. Pure-JavaScript dependencies are bundled in; packages that ship native code,
// WebAssembly or tools beside their JavaScript stay external (resolved from node_modules at run time).
// Types are not checked here (npm run typecheck does that).
//
// Modules keep their place: `import.meta.url` in a source module is replaced by the URL of that module's source
// file (computed from the bundle's own URL, so the tree can move), so PROJECT_ROOT and the catalog YAML files
// resolve exactly as from src/ (the YAML is read from src/, not copied). A dynamic import must name its module
// with a string literal (esbuild cannot follow anything else); `import(new URL('./x.ts', import.meta.url).href)`
// is rewritten to `import('./x.ts')`, and any other non-literal import of our own modules fails the build.
//
// Runs from `npm ci` (prepare), `npm run build`, and the test suite's global setup; `--if-stale` builds only when
// bin/build-state.js says the build is missing or older than src/. The output goes to a fresh folder that is
// swapped in by rename, so a reader never sees half a build.
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { BUILD_DIR, buildStaleness, ROOT, SRC_DIR, STAMP_NAME, sourceFiles } from './build-state.js';

/** Files started by path: the CLI and the worker threads of the server's pool. */
export const ENTRY_POINTS = { main: 'cli/main.ts', worker: 'server/worker.ts' };

/** Left to node_modules: native bindings, WebAssembly loaded beside its JS, and tools with their own files. */
export const EXTERNAL = [
  '@duckdb/node-bindings',
  '@duckdb/node-bindings-*',
  'highs',
  'playwright-core',
  'vite',
  'tsx',
  'esbuild',
];

const LITERAL_URL_IMPORT =
  /import\(\s*new URL\((['"])(\.{1,2}\/[^'"]+\.ts)\1,\s*import\.meta\.url\)\.href\s*\)/g;
const NON_LITERAL_IMPORT = /\bimport\(\s*(?!['"`])/;

const sourceModules = {
  name: 'minsec-source-modules',
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, (args) => {
      if (!args.path.startsWith(SRC_DIR)) return undefined;
      const rel = relative(SRC_DIR, args.path);
      let text = readFileSync(args.path, 'utf8').replace(LITERAL_URL_IMPORT, 'import($1$2$1)');
      const lines = text.split('\n');
      const bad = lines.findIndex((l) => NON_LITERAL_IMPORT.test(l) && !/^\s*(\/\/|\*)/.test(l));
      if (bad >= 0)
        return {
          errors: [
            {
              text: 'dynamic import of a computed path: the build cannot include it; import a string literal',
              location: { file: `src/${rel}`, line: bad + 1, lineText: lines[bad] },
            },
          ],
        };
      const url = `new URL(${JSON.stringify(`../src/${rel.split('\\').join('/')}`)}, import.meta.url).href`;
      text = text.replace(/\bimport\.meta\.url\b/g, url);
      return { contents: text, loader: 'ts' };
    });
  },
};

export async function buildJs({ quiet = false } = {}) {
  const startedMs = Date.now();
  const files = sourceFiles();
  const out = `${BUILD_DIR}.tmp-${process.pid}`;
  rmSync(out, { recursive: true, force: true });
  await build({
    entryPoints: Object.fromEntries(
      Object.entries(ENTRY_POINTS)
        .map(([k, v]) => [k, join(SRC_DIR, v)])
        .filter(([, path]) => existsSync(path)),
    ),
    outdir: out,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'bundle',
    external: EXTERNAL,
    chunkNames: '[name]-[hash]',
    // CommonJS dependencies bundled into ES modules still call require() for Node's own modules.
    banner: {
      js: "import { createRequire as __minsecCreateRequire } from 'node:module'; const require = __minsecCreateRequire(import.meta.url);",
    },
    legalComments: 'none',
    logLevel: quiet ? 'error' : 'warning',
    plugins: [sourceModules],
  });
  writeFileSync(join(out, 'package.json'), '{ "type": "module" }\n');
  // The top-level help's list of command groups, from the groups' own registrations (src/cli/main.ts).
  const { commandSummaries } = await import(pathToFileURL(join(out, 'main.js')).href);
  writeFileSync(join(out, 'commands.json'), `${JSON.stringify(await commandSummaries(), null, 2)}\n`);
  writeFileSync(join(out, STAMP_NAME), `${JSON.stringify({ startedMs, files: files.length })}\n`);
  const old = `${BUILD_DIR}.old-${process.pid}`;
  try {
    if (existsSync(BUILD_DIR)) renameSync(BUILD_DIR, old);
    renameSync(out, BUILD_DIR);
  } catch (e) {
    // another build swapped its output in at the same moment: keep that one
    if (!['ENOENT', 'ENOTEMPTY', 'EEXIST'].includes(e.code)) throw e;
    rmSync(out, { recursive: true, force: true });
  }
  rmSync(old, { recursive: true, force: true });
  if (!quiet)
    process.stderr.write(
      `built ${relative(ROOT, BUILD_DIR)}/ from ${files.length} source files in ${Date.now() - startedMs} ms\n`,
    );
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const why = process.argv.includes('--if-stale') ? buildStaleness() : 'asked';
  if (why) await buildJs({ quiet: process.argv.includes('--quiet') });
}
