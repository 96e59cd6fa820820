// minsec production <mineral> [--year Y] [--stage mine|refinery|primary] [--json|--csv|--md]
import type { Command } from 'commander';
import { localeOf } from '../../i18n/locale.ts';
import { translator } from '../../i18n/node.ts';
import { production } from '../../services/production.ts';
import { withDb } from '../context.ts';
import { formatFrom, mdTable, toCsv, toJson, write } from '../output.ts';

export function register(program: Command): void {
  program
    .command('production')
    .description("each country's share of USGS world production for a mineral and year")
    .argument('<mineral>', 'mineral id, e.g. cobalt, gallium, molybdenum, tungsten')
    .option('--year <year>', 'data year (default: latest)')
    .option('--stage <stage>', "mine | refinery | primary (default: the mineral's first USGS series)")
    .option('--json', 'JSON output')
    .option('--csv', 'CSV output (one row per country)')
    .option('--md', 'Markdown output')
    .action(
      async (
        mineral: string,
        opts: { year?: string; stage?: 'mine'; json?: boolean; csv?: boolean; md?: boolean },
        cmd: Command,
      ) => {
        const format = formatFrom(opts);
        await withDb(cmd, async (db) => {
          const r = await production(db, { mineral, year: opts.year, stage: opts.stage });
          if (format === 'json') return write(toJson(r));
          if (format === 'csv')
            return write(
              toCsv(
                r.shares.map((s) => ({
                  mineral: r.mineral,
                  stage: r.stage,
                  year: r.year,
                  unit: r.unit,
                  ...s,
                })),
              ),
            );
          // Human output in the reader's language (--lang); --json and --csv stay language-neutral.
          const tr = translator(localeOf(cmd.optsWithGlobals()), 'cli');
          const { t } = tr;
          const stage = t(`common:stage.${r.stage}`);
          const estimated = r.estimate;
          write(
            `# ${t('production.title', { mineral: tr.mineral(r.mineral), stage, year: r.year, unit: tr.unit(r.unit) })}\n\n` +
              `${t('production.summary', {
                world: tr.num(r.world),
                hhi: tr.num(r.hhi),
                top3: tr.pct(r.top3),
                china:
                  r.chinaShare === null && r.chinaReason
                    ? t(`common:reason.${r.chinaReason}`)
                    : tr.pct(r.chinaShare),
              })}\n\n` +
              (estimated ? `${t('production.estimate', { year: r.year })}\n\n` : '') +
              mdTable(
                r.shares.map((s) => ({
                  [t('production.col.country')]: s.country,
                  [t('production.col.name')]: s.country ? tr.country(s.country) : s.name,
                  [t('production.col.quantity')]: s.quantity === null ? null : tr.num(s.quantity),
                  [t('production.col.share')]:
                    s.share === null
                      ? s.nullReason
                        ? t(`common:reason.${s.nullReason}`)
                        : null
                      : tr.pct(s.share),
                })),
              ) +
              `\n${t('production.source', { citation: r.source.citation, file: r.source.file })}\n` +
              r.notes.map((n) => `- ${n}\n`).join(''),
          );
        });
      },
    );
}
