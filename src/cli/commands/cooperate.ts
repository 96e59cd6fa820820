// minsec cooperate [--weights k=v,...] [--draws N] [--seed S] [--swap-preset ID] [--no-measure] [--json|--md] — the trilateral
// cooperation agenda: scored opportunities and barriers, rank sensitivity and recommendations with evidence.
import type { Command } from 'commander';
import { localeOf } from '../../i18n/locale.ts';
import { translator } from '../../i18n/node.ts';
import { cooperateMarkdown } from '../../report/trilateral-brief.ts';
import { cooperate } from '../../services/cooperate.ts';
import { withDb } from '../context.ts';
import { formatFrom, toJson, write } from '../output.ts';

export function register(program: Command): void {
  program
    .command('cooperate')
    .description(
      'trilateral cooperation agenda: opportunities, barriers, scores with sensitivity, recommendations',
    )
    .option(
      '--weights <spec>',
      'criteria weights, e.g. gapClosure=0.5,barrierFreedom=0.1 (others keep defaults)',
    )
    .option('--draws <n>', 'Dirichlet weight draws for rank stability')
    .option('--seed <s>', 'random seed for the weight draws')
    .option('--year <year>', 'trade year for measured effects (default: latest BACI year)')
    .option('--swap-preset <id>', 'scenario preset for the swap-days measure (default cn-ga-ge-us-ban-2024)')
    .option('--no-measure', 'skip measured effects from the scenario and partner services')
    .option('--json', 'JSON output (the service result object)')
    .option('--md', 'Markdown output (default)')
    .action(async (opts: Record<string, string | boolean | undefined>, cmd: Command) => {
      const format = formatFrom(opts);
      await withDb(cmd, async (db) => {
        const r = await cooperate(db, {
          weights: opts.weights as string | undefined,
          draws: opts.draws as never,
          seed: opts.seed as never,
          year: opts.year as never,
          measure: opts.measure !== false,
          swapPreset: opts.swapPreset as string | undefined,
        });
        if (format === 'json') return write(toJson(r));
        const locale = localeOf(cmd.optsWithGlobals());
        const cli = translator(locale, 'cli');
        write(`# ${cli.t('cooperate.title')}\n\n${cooperateMarkdown(r, translator(locale, 'brief'))}`);
      });
    });
}
