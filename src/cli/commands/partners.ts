// minsec partners [--mineral M[,M…]] [--preset P] [--weights k=v,...] [--draws N] [--seed S]
//                 [--normalisation minmax|rank] [--concentration K] [--include ISO3,…] [--include-sanctioned]
//                 [--no-data-uncertainty] [--no-weight-uncertainty] [--as-of YYYY-MM-DD] [--json|--csv|--md]
import type { Command } from 'commander';
import { INDICATOR_IDS, WEIGHT_PRESET_IDS } from '../../analysis/partners/indicators.ts';
import { localeOf } from '../../i18n/locale.ts';
import { translator } from '../../i18n/node.ts';
import { partners } from '../../services/partners.ts';
import { withDb } from '../context.ts';
import { formatFrom, mdTable, toCsv, toJson, write } from '../output.ts';

const fixed = (x: number | null | undefined, d = 3) => (x === null || x === undefined ? null : x.toFixed(d));

export function register(program: Command): void {
  program
    .command('partners')
    .description(
      'rank partner countries for the trio by stage-aware mineral capability, screened for sanctions, with rank intervals from weight and data uncertainty',
    )
    .option(
      '--mineral <ids>',
      'mineral id(s), comma-separated (default: every mineral that can define candidates)',
    )
    .option('--preset <id>', `weight preset: ${WEIGHT_PRESET_IDS.join(', ')} (default mineral-partner)`)
    .option(
      '--weights <k=v,...>',
      `indicator weights (unnamed keep the preset's): ${INDICATOR_IDS.join(', ')}`,
    )
    .option('--draws <n>', 'draws for the rank intervals (default 1000; 0 = none)')
    .option('--seed <s>', 'random seed (default 1)')
    .option('--normalisation <method>', 'minmax | rank (default minmax)')
    .option('--concentration <k>', 'Dirichlet concentration: larger = weights vary less (default 20)')
    .option('--include <iso3,...>', 'also rank these countries even if below the candidate threshold')
    .option('--include-sanctioned', 'rank (flagged) the candidates the sanctions screen would exclude')
    .option(
      '--no-data-uncertainty',
      'draw the weights only, not the data (WGI s.e., ideal points, estimates)',
    )
    .option('--no-weight-uncertainty', 'draw the data only, not the weights')
    .option('--as-of <date>', 'date of the sanctions screen (default: the catalog review date)')
    .option('--json', 'JSON output')
    .option('--csv', 'CSV output (one row per country)')
    .option('--md', 'Markdown output')
    .action(async (opts: Record<string, string | boolean | undefined>, cmd: Command) => {
      const format = formatFrom(opts);
      await withDb(cmd, async (db) => {
        const r = await partners(db, {
          mineral: opts.mineral as string,
          preset: opts.preset as never,
          weights: opts.weights as string,
          draws: opts.draws as string,
          seed: opts.seed as string,
          normalisation: opts.normalisation as never,
          concentration: opts.concentration as string,
          include: opts.include as string,
          includeSanctioned: opts.includeSanctioned === true,
          dataUncertainty: opts.dataUncertainty !== false,
          weightUncertainty: opts.weightUncertainty !== false,
          asOf: opts.asOf as string,
        });
        if (format === 'json') return write(toJson(r));
        const rows = r.ranking.map((x) => ({
          rank: x.rank,
          country: x.country,
          score: fixed(x.score),
          rankInterval: x.rankInterval ? `${x.rankInterval[0]}–${x.rankInterval[1]}` : null,
          pTop5: fixed(x.pTop5, 2),
          via: x.via.map((v) => `${v.mineral}: ${v.labels.join(', ')}`).join('; '),
          sanctions: x.sanctions?.measures.map((m) => `${m.id} (${m.effective})`).join('; ') ?? null,
          ...Object.fromEntries(INDICATOR_IDS.map((id) => [id, fixed(x.indicators[id].value)])),
          gaps: x.gaps.map((g) => `${g.indicator}: ${g.reason}`).join('; ') || null,
        }));
        if (format === 'csv') return write(toCsv(rows));
        // Human output in the reader's language (--lang); --json and --csv stay language-neutral.
        const tr = translator(localeOf(cmd.optsWithGlobals()), 'cli');
        const { t } = tr;
        const indicator = (id: string) => tr.tOr(`partners.indicator.${id}`, id);
        const col = (k: string) => t(`partners.col.${k}`);
        const human = r.ranking.map((x) => ({
          [col('rank')]: x.rank,
          [col('country')]: x.country,
          [col('name')]: tr.country(x.country),
          [col('score')]: fixed(x.score),
          [col('rankInterval')]: x.rankInterval ? `${x.rankInterval[0]}–${x.rankInterval[1]}` : null,
          [col('pTop5')]: fixed(x.pTop5, 2),
          [col('via')]: x.via.map((v) => `${tr.mineral(v.mineral)}: ${v.labels.join(', ')}`).join('; '),
          [col('sanctions')]: x.sanctions?.measures.map((m) => `${m.id} (${m.effective})`).join('; ') ?? null,
          ...Object.fromEntries(INDICATOR_IDS.map((id) => [indicator(id), fixed(x.indicators[id].value)])),
          [col('gaps')]: x.gaps.map((g) => `${indicator(g.indicator)}: ${g.reason}`).join('; ') || null,
        }));
        const w = INDICATOR_IDS.map((id) => `${indicator(id)} ${r.weights[id].toFixed(3)}`).join(', ');
        write(
          `# ${t('partners.title', { minerals: r.minerals.map((m) => tr.mineral(m)).join(t('common:dependence.viewSep')) })}\n\n` +
            `${t('partners.weights', {
              preset: r.preset ? tr.tOr(`partners.preset.${r.preset}`, r.preset) : t('partners.userPreset'),
              weights: w,
              rho: fixed(r.equalWeightCorrelation.rho, 2) ?? '—',
            })}\n\n` +
            `${t('partners.candidates', { rule: r.candidates.rule, count: r.candidates.count })}\n\n` +
            mdTable(human) +
            (r.sanctioned.length
              ? `\n${t('partners.excluded')}\n${r.sanctioned.map((s) => `- ${tr.country(s.country)}: ${s.reason}`).join('\n')}\n`
              : '') +
            `\n${r.notes.map((n) => `- ${n}`).join('\n')}\n` +
            (r.gaps.length
              ? `\n${t('partners.gaps')}\n${r.gaps.map((g) => `- ${indicator(g.indicator)}: ${g.reason}`).join('\n')}\n`
              : ''),
        );
      });
    });
}
