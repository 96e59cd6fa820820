// The minsec command line. Each command group registers itself from src/cli/commands/.
import { Command, CommanderError } from 'commander';
import { localeOf } from '../i18n/locale.ts';
import * as alignment from './commands/alignment.ts';
import * as assess from './commands/assess.ts';
import * as brief from './commands/brief.ts';
import * as cooperate from './commands/cooperate.ts';
import * as data from './commands/data.ts';
import * as netassess from './commands/netassess.ts';
import * as partners from './commands/partners.ts';
import * as production from './commands/production.ts';
import * as scenario from './commands/scenario.ts';
import * as serve from './commands/serve.ts';
import { reportError } from './output.ts';

export function buildProgram(): Command {
  const program = new Command('minsec')
    .description('Critical-minerals supply-chain security for South Korea, Japan and the United States')
    .option('--db <file>', 'DuckDB database file (default: $MINSEC_DB or ./minsec.duckdb)')
    .option(
      '--lang <lang>',
      'language of human output and briefings: en, ko, ja (default: $MINSEC_LANG or en)',
    )
    .exitOverride()
    .showSuggestionAfterError(true)
    // An unknown --lang is bad input for every command (exit 2 naming the choices), checked before it runs.
    .hook('preAction', (root) => {
      localeOf(root.opts());
    });
  for (const group of [
    data,
    production,
    assess,
    scenario,
    alignment,
    partners,
    netassess,
    cooperate,
    brief,
    serve,
  ])
    group.register(program);
  return program;
}

/** Runs the CLI; returns the process exit code (0 ok, 1 failure, 2 bad input). */
export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    return reportError(e);
  }
}
