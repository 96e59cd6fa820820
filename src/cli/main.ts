// The minsec command line. Each command group registers itself from src/cli/commands/; a run loads only the
// group it invokes (its services, DuckDB, zod…), so `minsec --help`, `--version` and a single command start fast.
// The top-level help lists every group from a manifest of their names and descriptions that the build writes
// (bin/build.js → build/commands.json, from the groups' own registrations, so it cannot drift); without a
// manifest (running from the TypeScript sources) every group is loaded and registered.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command, CommanderError, Help } from 'commander';
import { localeOf } from '../i18n/locale.ts';
import { UserInputError } from '../model/errors.ts';
import { PROJECT_ROOT } from '../model/paths.ts';

interface CommandGroup {
  register(program: Command): void;
}

/** The command groups, each loaded on demand. */
export const COMMAND_GROUPS: Record<string, () => Promise<CommandGroup>> = {
  data: () => import('./commands/data.ts'),
  production: () => import('./commands/production.ts'),
  assess: () => import('./commands/assess.ts'),
  scenario: () => import('./commands/scenario.ts'),
  alignment: () => import('./commands/alignment.ts'),
  partners: () => import('./commands/partners.ts'),
  netassess: () => import('./commands/netassess.ts'),
  cooperate: () => import('./commands/cooperate.ts'),
  brief: () => import('./commands/brief.ts'),
  serve: () => import('./commands/serve.ts'),
};

/** What the top-level help shows of a group without loading it. */
export interface CommandSummary {
  name: string;
  /** Commander's term for the group in the command list, e.g. `production [options] <mineral>`. */
  term: string;
  description: string;
}

export const VERSION = (
  JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string }
).version;

/** An option given an empty value (`--seed ''`) is an error, never a silent default or 0. */
function refuseEmptyOptions(_program: Command, action: Command): void {
  for (let cmd: Command | null = action; cmd; cmd = cmd.parent)
    for (const option of cmd.options) {
      if (cmd.getOptionValue(option.attributeName()) !== '') continue;
      const flag = option.long ?? option.short ?? option.name();
      throw new UserInputError(
        `invalid ${flag} "": empty value; expected ${option.description}`,
        option.name(),
      );
    }
}

function baseProgram(): Command {
  return (
    new Command('minsec')
      .description('Critical-minerals supply-chain security for South Korea, Japan and the United States')
      .version(VERSION, '-V, --version', 'print the minsec version')
      .option('--db <file>', 'DuckDB database file (default: $MINSEC_DB or ./minsec.duckdb)')
      .option(
        '--lang <lang>',
        'language of human output and briefings: en, ko, ja (default: $MINSEC_LANG or en)',
      )
      .exitOverride()
      .showSuggestionAfterError(true)
      .hook('preAction', refuseEmptyOptions)
      // An unknown --lang is bad input for every command (exit 2 naming the choices), checked before it runs.
      .hook('preAction', (root) => {
        localeOf(root.opts());
      })
  );
}

/** The program with every group registered (loads them all). */
export async function buildProgram(): Promise<Command> {
  const program = baseProgram();
  for (const load of Object.values(COMMAND_GROUPS)) (await load()).register(program);
  return program;
}

/** Each group's name, help term and description, as the build records them in build/commands.json. */
export async function commandSummaries(): Promise<CommandSummary[]> {
  const program = await buildProgram();
  const help = program.createHelp();
  return program.commands.map((c) => ({
    name: c.name(),
    term: help.subcommandTerm(c),
    description: c.description(),
  }));
}

/** The group an argument list invokes (`minsec [--db F] <group> …`, or `minsec help <group>`), if any. */
export function invokedGroup(argv: string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--db' || a === '--lang') i++;
    else if (a === '--') return argv[i + 1] in COMMAND_GROUPS ? argv[i + 1] : undefined;
    else if (!a.startsWith('-')) {
      if (a === 'help' && argv[i + 1] in COMMAND_GROUPS) return argv[i + 1];
      return a in COMMAND_GROUPS ? a : undefined;
    }
  }
  return undefined;
}

/**
 * The program for one run: the invoked group registered for real, every other group as a placeholder that shows
 * in the help (with its recorded term and description) and in "did you mean" suggestions. Without summaries,
 * every group is registered for real.
 */
export async function programFor(argv: string[], summaries?: CommandSummary[]): Promise<Command> {
  if (!summaries) return buildProgram();
  const program = baseProgram();
  const invoked = invokedGroup(argv);
  const terms = new Map(summaries.map((s) => [s.name, s.term]));
  const plain = new Help();
  program.configureHelp({
    subcommandTerm: (cmd: Command) => terms.get(cmd.name()) ?? plain.subcommandTerm(cmd),
  });
  for (const s of summaries) {
    if (s.name === invoked) await COMMAND_GROUPS[s.name]().then((g) => g.register(program));
    else program.command(s.name).description(s.description);
  }
  if (invoked && !summaries.some((s) => s.name === invoked))
    (await COMMAND_GROUPS[invoked]()).register(program);
  return program;
}

/** Runs the CLI; returns the process exit code (0 ok, 1 failure, 2 bad input). */
export async function main(argv: string[], opts: { summaries?: CommandSummary[] } = {}): Promise<number> {
  try {
    const program = await programFor(argv, opts.summaries);
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    const { reportError } = await import('./output.ts');
    return reportError(e);
  }
}
