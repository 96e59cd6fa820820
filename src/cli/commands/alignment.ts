// minsec alignment <A> <B> [--from Y] [--to Y] [--issue me|nu|di|hr|co|ec] [--important] [--json|--csv|--md]
import type { Command } from 'commander';
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
          write(
            `# UNGA alignment ${r.a}–${r.b}, ${r.from}–${r.to}${r.issue ? ` (issue ${r.issue})` : ''}${r.important ? ' (important votes)' : ''}\n\n` +
              mdTable(rows) +
              `\n${r.notes.map((n) => `- ${n}`).join('\n')}\n\nSources: ${r.sources.join('; ')}\n`,
          );
        });
      },
    );
}
