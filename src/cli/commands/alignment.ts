// minsec alignment <A> <B> [--from Y] [--to Y] [--issue me|nu|di|hr|co|ec] [--important] [--json|--csv|--md]
import type { Command } from 'commander';
import { localeOf } from '../../i18n/locale.ts';
import { translator } from '../../i18n/node.ts';
import { alignment, UN_ISSUES } from '../../services/alignment.ts';
import { withDb } from '../context.ts';
import { formatFrom, mdTable, toCsv, toJson, write } from '../output.ts';

const fixed = (x: number | null, d = 3) => (x === null ? null : x.toFixed(d));

export function register(program: Command): void {
  program
    .command('alignment')
    .description(
      'UNGA alignment of two countries by year: agreement, S-score, kappa (votes to 2019) and ideal-point distance',
    )
    .argument('<a>', 'first country, ISO3 (e.g. KOR)')
    .argument('<b>', 'second country, ISO3 (e.g. USA)')
    .option('--from <year>', 'first year (default: ten years before --to)')
    .option('--to <year>', 'last year (default: the last ideal-point year)')
    .option('--issue <issue>', `only roll calls on one issue: ${Object.keys(UN_ISSUES).join(' | ')}`)
    .option('--important', 'only roll calls flagged important')
    .option('--json', 'JSON output')
    .option('--csv', 'CSV output (one row per year)')
    .option('--md', 'Markdown output')
    .action(
      async (a: string, b: string, opts: Record<string, string | boolean | undefined>, cmd: Command) => {
        const format = formatFrom(opts);
        await withDb(cmd, async (db) => {
          const r = await alignment(db, {
            a,
            b,
            from: opts.from as string,
            to: opts.to as string,
            issue: opts.issue as never,
            important: opts.important === true,
          });
          if (format === 'json') return write(toJson(r));
          const rows = r.years.map((y) => ({
            year: y.year,
            votes: y.votes,
            agreement: fixed(y.agreement),
            sScore: fixed(y.sScore),
            kappa: fixed(y.kappa),
            idealPointDistance: fixed(y.idealPointDistance),
            nullReason: [...new Set(Object.values(y.reasons))].join('; ') || null,
          }));
          if (format === 'csv') return write(toCsv(rows.map((row) => ({ a: r.a, b: r.b, ...row }))));
          // Human output in the reader's language (--lang); --json and --csv stay language-neutral.
          const tr = translator(localeOf(cmd.optsWithGlobals()), 'cli');
          const { t } = tr;
          const col = (k: string) => t(`alignment.col.${k}`);
          const human = r.years.map((y) => ({
            [col('year')]: y.year,
            [col('votes')]: y.votes,
            [col('agreement')]: fixed(y.agreement),
            [col('sScore')]: fixed(y.sScore),
            [col('kappa')]: fixed(y.kappa),
            [col('idealPointDistance')]: fixed(y.idealPointDistance),
            [col('nullReason')]:
              [...new Set(Object.values(y.reasons))].map((x) => tr.tOr(`common:reason.${x}`, x)).join('; ') ||
              null,
          }));
          write(
            `# ${t('alignment.title', { a: tr.country(r.a), b: tr.country(r.b), from: r.from, to: r.to })}` +
              (r.issue ? t('alignment.issue', { issue: r.issue }) : '') +
              (r.important ? t('alignment.important') : '') +
              `\n\n${mdTable(human)}` +
              `\n${r.notes.map((n) => `- ${n}`).join('\n')}\n\n${t('alignment.sources', { sources: r.sources.join('; ') })}\n`,
          );
        });
      },
    );
}
