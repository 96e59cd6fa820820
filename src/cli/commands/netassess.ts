// minsec netassess [--country KOR|JPN|USA] [--year Y] [--no-overlay] [--json|--md] — the supply-chain net
// assessment: coverage matrix, maturity rubric, gaps, complementarities and the vulnerability overlay.
import type { Command } from 'commander';
import { localeOf } from '../../i18n/locale.ts';
import { translator } from '../../i18n/node.ts';
import { netAssessMarkdown } from '../../report/trilateral-brief.ts';
import { netAssess } from '../../services/netassess.ts';
import { withDb } from '../context.ts';
import { formatFrom, toJson, write } from '../output.ts';

export function register(program: Command): void {
  program
    .command('netassess')
    .description(
      "net assessment of the trio's supply-chain securitization efforts (coverage, maturity 0–4, gaps)",
    )
    .option('--country <iso3>', 'only this country: KOR | JPN | USA (peers still define its gaps)')
    .option('--year <year>', 'trade year for the vulnerability overlay (default: latest BACI year)')
    .option('--no-overlay', 'skip the vulnerability overlay')
    .option('--json', 'JSON output (the service result object)')
    .option('--md', 'Markdown output (default)')
    .action(
      async (
        opts: { country?: string; year?: string; overlay: boolean; json?: boolean; md?: boolean },
        cmd: Command,
      ) => {
        const format = formatFrom(opts);
        await withDb(cmd, async (db) => {
          const r = await netAssess(db, {
            country: opts.country,
            year: opts.year as never,
            overlay: opts.overlay,
          });
          if (format === 'json') return write(toJson(r));
          const locale = localeOf(cmd.optsWithGlobals());
          const cli = translator(locale, 'cli');
          write(`# ${cli.t('netassess.title')}\n\n${netAssessMarkdown(r, {}, translator(locale, 'brief'))}`);
        });
      },
    );
}
