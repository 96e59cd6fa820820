// The compiled CLI: bin/minsec.js runs build/ only while it is current with src/ and otherwise the TypeScript
// sources (so stale output is never run); the top-level help lists the same commands either way; a run loads
// only the command group it invokes.
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildStaleness } from '../../bin/build-state.js';
import { COMMAND_GROUPS, invokedGroup } from '../../src/cli/main.ts';
import { PROJECT_ROOT } from '../../src/model/paths.ts';

const node = (args: string[], env: Record<string, string> = {}, cwd = PROJECT_ROOT) =>
  spawnSync(process.execPath, args, { encoding: 'utf8', cwd, env: { ...process.env, ...env } });

/** A minimal project: the real bin/, a src/ and a build/ whose main() each say which one ran. */
function miniProject() {
  const root = mkdtempSync(join(tmpdir(), 'minsec-bin-'));
  cpSync(join(PROJECT_ROOT, 'bin'), join(root, 'bin'), { recursive: true });
  symlinkSync(join(PROJECT_ROOT, 'node_modules'), join(root, 'node_modules'));
  writeFileSync(join(root, 'package.json'), '{ "type": "module" }');
  mkdirSync(join(root, 'src', 'cli'), { recursive: true });
  mkdirSync(join(root, 'build'));
  const main = (who: string) =>
    `export async function main(argv, opts = {}) { console.log('${who}', JSON.stringify(argv), Boolean(opts.summaries)); return 0; }\n`;
  writeFileSync(join(root, 'src', 'cli', 'main.ts'), main('source'));
  writeFileSync(join(root, 'src', 'cli', 'other.ts'), 'export const x: number = 1;\n');
  writeFileSync(join(root, 'build', 'main.js'), main('compiled'));
  writeFileSync(join(root, 'build', 'commands.json'), '[]');
  const stamp = (startedMs: number, files = 2) =>
    writeFileSync(join(root, 'build', '.build-stamp.json'), JSON.stringify({ startedMs, files }));
  const age = (rel: string, msAgo: number) => {
    const t = new Date(Date.now() - msAgo);
    utimesSync(join(root, rel), t, t);
  };
  return { root, stamp, age, run: () => node([join(root, 'bin', 'minsec.js'), 'a', '--b']).stdout.trim() };
}

describe('bin/minsec.js never runs a stale build', () => {
  it('runs build/ when every source is older than the build, else the sources', () => {
    const p = miniProject();
    try {
      p.age('src/cli/main.ts', 60_000);
      p.age('src/cli/other.ts', 60_000);
      p.stamp(Date.now() - 30_000);
      expect(buildStaleness(p.root)).toBeNull();
      expect(p.run()).toBe('compiled ["a","--b"] true');

      p.age('src/cli/other.ts', 10_000); // edited after the build started
      expect(buildStaleness(p.root)).toBe('stale: src/cli/other.ts');
      expect(p.run()).toBe('source ["a","--b"] false');

      p.age('src/cli/other.ts', 60_000);
      writeFileSync(join(p.root, 'src', 'cli', 'new.ts'), 'export {};\n');
      p.age('src/cli/new.ts', 60_000); // an old file copied in still counts
      expect(buildStaleness(p.root)).toBe('stale: files added or removed');
      expect(p.run()).toMatch(/^source/);

      rmSync(join(p.root, 'src', 'cli', 'new.ts'));
      expect(p.run()).toMatch(/^compiled/);
      rmSync(join(p.root, 'build', '.build-stamp.json'));
      expect(buildStaleness(p.root)).toBe('missing');
      expect(p.run()).toMatch(/^source/);
    } finally {
      rmSync(p.root, { recursive: true, force: true });
    }
  });

  it('MINSEC_FROM_SOURCE=1 forces the sources', () => {
    const p = miniProject();
    try {
      p.age('src/cli/main.ts', 60_000);
      p.age('src/cli/other.ts', 60_000);
      p.stamp(Date.now() - 30_000);
      const r = node([join(p.root, 'bin', 'minsec.js')], { MINSEC_FROM_SOURCE: '1' });
      expect(r.stdout).toMatch(/^source/);
    } finally {
      rmSync(p.root, { recursive: true, force: true });
    }
  });
});

describe('the compiled CLI (built by the test setup)', () => {
  it('is current with the sources', () => {
    expect(buildStaleness()).toBeNull();
  });

  it('--help lists the same commands compiled and from the sources', () => {
    const compiled = node(['bin/minsec.js', '--help']);
    const source = node(['bin/minsec.js', '--help'], { MINSEC_FROM_SOURCE: '1' });
    expect(compiled.status).toBe(0);
    expect(compiled.stdout).toBe(source.stdout);
    for (const name of Object.keys(COMMAND_GROUPS))
      expect(compiled.stdout).toMatch(new RegExp(`\\n  ${name}\\b`));
  });

  it('--version and -V print the version in package.json', () => {
    const { version } = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8'));
    for (const flag of ['--version', '-V']) {
      const r = node(['bin/minsec.js', flag]);
      expect(r.status).toBe(0);
      expect(r.stdout.trim()).toBe(version);
    }
  });

  it('a mistyped command is exit 2 with a suggestion', () => {
    const r = node(['bin/minsec.js', 'prodution', 'gallium']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown command 'prodution'[\s\S]*Did you mean production\?/);
  });

  it('loads only what a run needs: no DuckDB or zod for --help or --version; a command loads its own chunk', () => {
    // A resolve hook records every module the run loads (bare package names and our own modules).
    const dir = mkdtempSync(join(tmpdir(), 'minsec-loads-'));
    const log = join(dir, 'loaded.txt');
    const hook = join(dir, 'hook.mjs');
    writeFileSync(
      hook,
      `import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const r = await next(specifier, context);
  appendFileSync(${JSON.stringify(log)}, r.url + '\\n');
  return r;
}`,
    );
    // …and CommonJS requires too (bundled CommonJS packages load their native parts through require()).
    const register = join(dir, 'register.mjs');
    writeFileSync(
      register,
      `import { register } from 'node:module';
import Module from 'node:module';
import { appendFileSync } from 'node:fs';
register(${JSON.stringify(`file://${hook}`)});
const load = Module._load;
Module._load = function (request, ...rest) {
  appendFileSync(${JSON.stringify(log)}, 'require:' + request + '\\n');
  return load.call(this, request, ...rest);
};`,
    );
    const loaded = (args: string[]) => {
      rmSync(log, { force: true });
      const r = node(['--import', register, 'bin/minsec.js', ...args]);
      expect(r.status).toBe(0);
      return readFileSync(log, 'utf8');
    };
    try {
      for (const args of [['--help'], ['--version'], ['help']]) {
        const urls = loaded(args);
        expect(urls).toMatch(/build\/main\.js/);
        expect(urls).not.toMatch(/@duckdb|node_modules\/zod|highs|tsx/);
      }
      // a command group loads its own chunk and what it needs (here DuckDB), nothing from the sources
      const prod = loaded(['production', '--help']);
      expect(prod).toMatch(/@duckdb\/node-bindings/);
      expect(prod).not.toMatch(/\/src\/.*\.ts|tsx/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('invokedGroup', () => {
  it.each([
    [['production', 'gallium'], 'production'],
    [['--db', 'x.duckdb', 'assess', 'cobalt'], 'assess'],
    [['help', 'scenario'], 'scenario'],
    [['--help'], undefined],
    [['--db', 'production'], undefined],
    [['prodution'], undefined],
  ])('%j → %s', (argv, group) => {
    expect(invokedGroup(argv as string[])).toBe(group);
  });
});
