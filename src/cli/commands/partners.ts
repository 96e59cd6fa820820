// minsec partners [--mineral M[,M…]] [--weights k=v,...] [--draws N] [--seed S] [--normalisation minmax|rank]
//                 [--concentration K] [--include ISO3,…] [--json|--csv|--md]
import type { Command } from 'commander';
import { INDICATOR_IDS } from '../../analysis/partners/indicators.ts';
import { partners } from '../../services/partners.ts';
import { withDb } from '../context.ts';
import { formatFrom, mdTable, toCsv, toJson, write } from '../output.ts';

const fixed = (x: number | null | undefined, d = 3) => (x === null || x === undefined ? null : x.toFixed(d));

export function register(program: Command): void {
  program
    .command('partners')
    .description(
      'rank mineral-rich partner countries for the trio, with rank intervals from weight uncertainty',
    )
    .option('--mineral <ids>', 'mineral id(s), comma-separated (default: every mineral with USGS data)')
    .option(
      '--weights <k=v,...>',
      `indicator weights (unnamed keep their default): ${INDICATOR_IDS.join(', ')}`,
    )
    .option('--draws <n>', 'Dirichlet weight draws for the rank intervals (default 1000; 0 = none)')
    .option('--seed <s>', 'random seed (default 1)')
    .option('--normalisation <method>', 'minmax | rank (default minmax)')
    .option('--concentration <k>', 'Dirichlet concentration: larger = weights vary less (default 20)')
    .option('--include <iso3,...>', 'also rank these countries even if below the candidate threshold')
    .option('--json', 'JSON output')
    .option('--csv', 'CSV output (one row per country)')
    .option('--md', 'Markdown output')
    .action(async (opts: Record<string, string | boolean | undefined>, cmd: Command) => {
      const format = formatFrom(opts);
      await withDb(cmd, async (db) => {
        const r = await partners(db, {
          mineral: opts.mineral as string,
          weights: opts.weights as string,
          draws: opts.draws as string,
          seed: opts.seed as string,
          normalisation: opts.normalisation as never,
          concentration: opts.concentration as string,
          include: opts.include as string,
        });
        if (format === 'json') return write(toJson(r));
        const rows = r.ranking.map((x) => ({
          rank: x.rank,
          country: x.country,
          score: fixed(x.score),
          rankInterval: x.rankInterval ? `${x.rankInterval[0]}–${x.rankInterval[1]}` : null,
          pTop5: fixed(x.pTop5, 2),
          ...Object.fromEntries(INDICATOR_IDS.map((id) => [id, fixed(x.indicators[id].value)])),
          gaps: x.gaps.map((g) => `${g.indicator}: ${g.reason}`).join('; ') || null,
        }));
        if (format === 'csv') return write(toCsv(rows));
        const w = INDICATOR_IDS.map((id) => `${id} ${r.weights[id].toFixed(3)}`).join(', ');
        write(
          `# Partner ranking (${r.minerals.join(', ')})\n\nWeights: ${w}\n\nCandidates: ${r.candidates.rule} (${r.candidates.count}).\n\n` +
            mdTable(rows) +
            `\n${r.notes.map((n) => `- ${n}`).join('\n')}\n` +
            (r.gaps.length
              ? `\nGaps:\n${r.gaps.map((g) => `- ${g.indicator}: ${g.reason}`).join('\n')}\n`
              : ''),
        );
      });
    });
}
