// minsec production <mineral> [--year Y] [--stage mine|refinery|primary] [--json|--csv|--md]
import type { Command } from 'commander';
import { production } from '../../services/production.ts';
import { withDb } from '../context.ts';
import { formatFrom, mdTable, toCsv, toJson, write } from '../output.ts';

const pct = (x: number | null) => (x === null ? null : `${(100 * x).toFixed(1)}%`);

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
          write(
            `# ${r.mineral} ${r.stage} production ${r.year} (${r.unit})\n\n` +
              `World total ${r.world ?? '—'}; HHI ${r.hhi?.toFixed(0) ?? '—'}; top-3 ${pct(r.top3) ?? '—'}; China ${pct(r.chinaShare) ?? '—'}\n\n` +
              mdTable(
                r.shares.map((s) => ({
                  country: s.country,
                  name: s.name,
                  quantity: s.quantity,
                  share: pct(s.share),
                })),
              ) +
              `\nSource: ${r.source.citation} (${r.source.file})\n` +
              r.notes.map((n) => `- ${n}\n`).join(''),
          );
        });
      },
    );
}
