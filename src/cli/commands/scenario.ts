// minsec scenario list | run <preset|file.json|file.yaml> [--pool KOR,JPN,USA] [--draws N] [--seed S] [--json|--md]
// | compare <a> <b> [...] (same flags, applied to every run)
import { existsSync, readFileSync } from 'node:fs';
import { extname } from 'node:path';
import type { Command } from 'commander';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { Translator } from '../../i18n/core.ts';
import { localeOf } from '../../i18n/locale.ts';
import { translator } from '../../i18n/node.ts';
import { UserInputError } from '../../model/errors.ts';
import {
  compareScenarios,
  listScenarios,
  runScenario,
  type ScenarioCompareResult,
  type ScenarioResult,
} from '../../services/scenario.ts';
import { withDb } from '../context.ts';
import { formatFrom, mdTable, toJson, write } from '../output.ts';

const RunFlags = z.object({
  pool: z
    .string()
    .transform((s) =>
      s
        .split(',')
        .map((x) => x.trim().toUpperCase())
        .filter(Boolean),
    )
    .optional(),
  draws: z.coerce.number().int().min(0).max(1_000_000).optional(),
  seed: z.coerce
    .number()
    .int()
    .min(0)
    .max(2 ** 32 - 1)
    .optional(),
});

/** A spec file (JSON or YAML) when the argument names one, else a preset id. */
function scenarioArg(arg: string): { preset: string } | { spec: unknown } {
  const isFile = /\.(json|ya?ml)$/i.test(arg) || existsSync(arg);
  if (!isFile) return { preset: arg };
  if (!existsSync(arg)) throw new UserInputError(`no such scenario file: ${arg}`, 'scenario');
  const text = readFileSync(arg, 'utf8');
  try {
    return { spec: extname(arg).toLowerCase() === '.json' ? JSON.parse(text) : parseYaml(text) };
  } catch (e) {
    throw new UserInputError(
      `${arg}: not valid ${extname(arg).slice(1).toUpperCase() || 'YAML'}: ${(e as Error).message}`,
      'scenario',
    );
  }
}

const n = (x: number | null | undefined, digits = 3) =>
  x === null || x === undefined ? null : +x.toPrecision(digits);

/** A unit as the scenario results spell it (months, days, t, t/month, days of demand, USD), in the reader's language. */
function unitOf(tr: Translator, unit: string): string {
  const key = {
    months: 'months',
    days: 'days',
    t: 't',
    't/month': 'tPerMonth',
    'days of demand': 'daysOfDemand',
    USD: 'usd',
  }[unit];
  return key ? tr.t(`scenario.unit.${key}`) : unit;
}

/** The run in the reader's language (cli namespace); brief lines, labels, notes and reasons stay as the service gives them. */
export function scenarioMarkdown(r: ScenarioResult, tr: Translator = translator('en', 'cli')): string {
  const { t } = tr;
  const pct = (x: number | null) => (x === null ? null : tr.pct(x));
  const band = (b: { p5: number; p50: number; p95: number; unit: string }, digits = 3) =>
    `${n(b.p5, digits)} / ${n(b.p50, digits)} / ${n(b.p95, digits)} ${unitOf(tr, b.unit)}`;
  const yesNo = (x: boolean) => t(x ? 'common:word.yes' : 'common:word.no');
  const country = (c: string) => tr.country(c);
  const mineral = (m: string) => tr.mineral(m);
  const sep = t('common:dependence.viewSep');
  const col = (k: string) => t(`scenario.run.col.${k}`);
  const pooled = Boolean(r.pooling);
  const out: string[] = [`# ${r.scenario.name}`, ''];
  for (const line of r.brief) out.push(`- **${line}**`);
  out.push(
    '',
    t('scenario.run.summary', {
      start: r.scenario.start,
      months: r.scenario.horizonMonths,
      baseline: r.scenario.baselineYear,
    }),
    '',
  );
  for (const note of r.scenario.notes) out.push(`- ${note}`);
  if (r.scenario.evidence.length)
    out.push(
      '',
      t('scenario.run.evidence'),
      ...r.scenario.evidence.map((e) => `- ${e.title}${e.url ? ` <${e.url}>` : ''}`),
    );
  out.push('', `## ${t('scenario.run.h.restrictions')}`, '');
  out.push(
    mdTable(
      r.scenario.restrictions.map((x) => ({
        [col('id')]: x.id,
        [col('origins')]: x.origins.join(','),
        [col('minerals')]: x.minerals.map(mineral).join(','),
        [col('targets')]: x.targets === 'all' ? t('scenario.run.all') : x.targets.join(','),
        [col('stage')]: x.stage,
        [col('cut')]: pct(x.shareCut),
        [col('cutBasis')]: x.cutBasis,
        [col('start')]: x.startMonth,
        [col('months')]: x.durationMonths ?? t('scenario.run.open'),
      })),
    ),
  );
  out.push(`## ${t('scenario.run.h.baseline')}`, '');
  out.push(
    mdTable(
      r.baseline.flatMap((b) =>
        b.countries.map((c) => ({
          [col('country')]: country(c.country),
          [col('mineral')]: mineral(b.mineral),
          [col('demand')]: n(c.demand.perYearT),
          [col('importDependent')]: n(c.demand.importDependentT),
          [col('demandBasis')]: c.demand.label,
          [col('stock')]: `${n(c.stock.actual.tonnes)} (${n(c.stock.actual.days)})`,
          [col('stockBasis')]: c.stock.actual.label,
          [col('target')]: c.stock.target ? `${n(c.stock.target.tonnes)} (${n(c.stock.target.days)})` : '—',
        })),
      ),
    ),
  );
  out.push(`## ${t(pooled ? 'scenario.run.h.stressPooled' : 'scenario.run.h.stress')}`, '');
  out.push(
    mdTable(
      r.countries.map((c) => ({
        [col('country')]: country(c.country),
        [col('mineral')]: mineral(c.mineral),
        [col('tts')]: `${c.ttsMonths}${c.ttsCensored ? '+' : ''}`,
        [col('ttr')]: `${c.ttrMonths}${c.ttrCensored ? '+' : ''}`,
        [col('ttsBeforeTtr')]: yesNo(c.ttsBeforeTtr),
        [col('shortfallT')]: n(c.cumulativeShortfall),
        [col('shortfallDays')]: n(c.cumulativeShortfallDays),
        [col('recovery')]: c.recovery.statement,
      })),
    ),
  );
  if (r.stockTarget?.length) {
    out.push(`## ${t('scenario.run.h.stockTarget')}`, '');
    out.push(
      mdTable(
        r.stockTarget.map((x) => ({
          [col('country')]: country(x.country),
          [col('mineral')]: mineral(x.mineral),
          [col('actual')]: `${n(x.actualStockT)} (${n(x.actualDays)})`,
          [col('target')]: `${n(x.targetStockT)} (${n(x.targetDays)})`,
          [col('ttsActualTarget')]: `${x.ttsActual} → ${x.ttsTarget}`,
          [col('shortfallActualTarget')]: `${n(x.shortfallActualT)} → ${n(x.shortfallTargetT)}`,
          [col('daysGainedByTarget')]: n(x.daysGainedByTarget),
        })),
      ),
    );
  }
  if (r.pooling) {
    out.push(
      `## ${t('scenario.run.h.pooling', {
        members: r.pooling.members.map(country).join(sep),
        share: r.pooling.lendableShare,
        repayment: yesNo(r.pooling.repayment),
        protect: yesNo(r.pooling.protectLenders),
      })}`,
      '',
      ...r.pooling.headline.map(
        (h) =>
          `- ${t('scenario.run.poolingLine', {
            country: country(h.country),
            byMineral: h.byMineral
              .map((b) =>
                t('scenario.run.poolingDays', { mineral: mineral(b.mineral), days: n(b.daysGained) }),
              )
              .join(sep),
            binding: h.bindingMineral ? mineral(h.bindingMineral) : '—',
          })}`,
      ),
      '',
    );
    out.push(
      mdTable(
        r.pooling.byMineral.flatMap((b) =>
          b.members.map((m) => ({
            [col('mineral')]: mineral(b.mineral),
            [col('country')]: country(m.country),
            [col('daysGained')]: n(m.daysGained),
            [col('ttsWithoutWith')]: `${m.ttsNoAgreement} → ${m.ttsWithAgreement}`,
            [col('lent')]: n(m.lent),
            [col('borrowed')]: n(m.borrowed),
            [col('endStock')]: `${n(m.endStockNoAgreement)} → ${n(m.endStockWithAgreement)}`,
          })),
        ),
      ),
    );
  }
  if (r.montecarlo) {
    out.push(
      `## ${t(pooled ? 'scenario.run.h.montecarloPooled' : 'scenario.run.h.montecarlo', {
        draws: r.montecarlo.draws,
        seed: r.montecarlo.seed,
      })}`,
      '',
    );
    out.push(
      mdTable(
        r.montecarlo.bands.map((b) => ({
          [col('country')]: country(b.country),
          [col('mineral')]: mineral(b.mineral),
          [col('tts')]: band(b.ttsMonths),
          [col('ttr')]: band(b.ttrMonths),
          [col('shortfall')]: band(b.cumulativeShortfall),
          [col('pTtsLtTtr')]: pct(b.pTtsLtTtr),
        })),
      ),
    );
    const mp = r.montecarlo.pooling;
    if (mp)
      out.push(
        mdTable(
          mp.byMineral.flatMap((b) =>
            b.members.map((m) => ({
              [col('mineral')]: mineral(b.mineral),
              [col('country')]: country(m.country),
              [col('daysGained')]: band(m.daysGained),
              [col('ttsWithout')]: band(m.ttsNoAgreement),
              [col('ttsWith')]: band(m.ttsWithAgreement),
              [col('pWithoutWith')]: `${pct(m.pTtsLtTtrNoAgreement)} → ${pct(m.pTtsLtTtrWithAgreement)}`,
            })),
          ),
        ),
      );
  }
  out.push(`## ${t('scenario.run.h.prices')}`, '');
  for (const p of r.prices)
    out.push(
      `- ${
        p.reason
          ? t('scenario.run.noPrice', {
              mineral: mineral(p.mineral),
              reason: p.reason,
              label: p.basePriceLabel,
            })
          : t('scenario.run.price', {
              mineral: mineral(p.mineral),
              base: n(p.basePrice),
              label: p.basePriceLabel,
              demand: p.elasticities?.demand,
              supply: p.elasticities?.supply,
              confidence: p.elasticities?.confidence,
              source: p.elasticities?.source,
              peak: n(p.peakPrice),
              change: pct(p.peakChange),
              added: p.addedCost
                .map((a) => t('scenario.run.addedCost', { country: country(a.country), usd: n(a.usd) }))
                .join(sep),
            })
      }`,
    );
  out.push('', `## ${t('scenario.run.h.sanctions')}`, '', `- ${r.sanctions.note}`);
  for (const e of r.sanctions.excluded)
    out.push(
      `- ${t('scenario.run.excluded', {
        supplier: country(e.supplier),
        buyer: country(e.buyer),
        measures: e.measures.map((m) => `${m.imposer} ${m.instrument} (${m.inForce})`).join('; '),
      })}`,
    );
  if (r.calibration.length) {
    out.push('', `## ${t('scenario.run.h.calibration')}`, '');
    for (const c of r.calibration) out.push(`- ${c.statement}`, ...c.detail.map((d) => `  - ${d}`));
  }
  if (r.gaps.length)
    out.push(
      '',
      `## ${t('scenario.run.h.gaps')}`,
      '',
      ...r.gaps.map(
        (g) =>
          `- ${mineral(g.mineral)}${g.country ? ` ${country(g.country)}` : ''}: ${g.reason} — ${g.detail}`,
      ),
    );
  out.push('', `## ${t('scenario.run.h.assumptions')}`, '', ...r.assumptions.map((a) => `- ${a}`), '');
  out.push(
    `## ${t('scenario.run.h.sources')}`,
    '',
    ...r.sources.map((s) => `- ${s.title}${s.url ? ` <${s.url}>` : ''}`),
    '',
  );
  return out.join('\n');
}

/** Two or more runs side by side, in the reader's language; brief lines and notes as the service gives them. */
export function scenarioCompareMarkdown(
  r: ScenarioCompareResult,
  tr: Translator = translator('en', 'cli'),
): string {
  const { t } = tr;
  const out: string[] = [`# ${t('scenario.compare.title')}`, ''];
  for (const run of r.runs)
    out.push(
      `## ${t('scenario.compare.run', { label: run.label, name: run.name, start: run.start })}`,
      '',
      ...run.brief.map((b) => `- ${b}`),
      '',
    );
  const cols = (xs: (number | string | null)[]) =>
    xs.map((x) => (typeof x === 'number' ? n(x) : x) ?? '—').join(' | ');
  const unit = (u: string) => unitOf(tr, u);
  out.push(
    mdTable(
      r.rows.map((row) => ({
        [t('scenario.run.col.country')]: tr.country(row.country),
        [t('scenario.run.col.mineral')]: tr.mineral(row.mineral),
        [t('scenario.compare.col.tts', { unit: unit(r.units.ttsMonths) })]: cols(row.ttsMonths),
        [t('scenario.compare.col.recoveredBy')]: cols(row.recoveredBy),
        [t('scenario.compare.col.shortfall', { unit: unit(r.units.shortfallT) })]: cols(row.shortfallT),
        [t('scenario.compare.col.shortfall', { unit: unit(r.units.shortfallDays) })]: cols(row.shortfallDays),
        [t('scenario.compare.col.poolAdds', { unit: unit(r.units.daysGainedByPool) })]: cols(
          row.daysGainedByPool,
        ),
        [t('scenario.compare.col.shortfallP95', { unit: unit(r.units.shortfallT) })]: cols(row.shortfallP95T),
        [t('scenario.compare.col.addedCost', { unit: unit(r.units.addedCostUsd) })]: cols(row.addedCostUsd),
      })),
    ),
    t('scenario.compare.order', { labels: r.runs.map((x) => x.label).join(' | ') }),
    ...r.notes.map((x) => `- ${x}`),
  );
  return out.join('\n');
}

export function register(program: Command): void {
  const group = program
    .command('scenario')
    .description('disruption scenarios, stockpiles and trilateral swaps');
  group
    .command('list')
    .description('the preset scenarios (real export-control measures)')
    .option('--json', 'JSON output')
    .option('--md', 'Markdown output')
    .action((opts: { json?: boolean; md?: boolean }, cmd: Command) => {
      const format = formatFrom(opts);
      const list = listScenarios();
      if (format === 'json') {
        write(toJson(list));
        return;
      }
      // Human output in the reader's language (--lang); --json stays language-neutral.
      const tr = translator(localeOf(cmd.optsWithGlobals()), 'cli');
      const col = (k: string) => tr.t(`scenario.list.col.${k}`);
      write(
        mdTable(
          list.map((p) => ({
            [col('id')]: p.id,
            [col('name')]: p.name,
            [col('minerals')]: p.minerals.map((m) => tr.mineral(m)).join(tr.t('common:dependence.viewSep')),
            [col('baseline')]: p.baselineYear,
            [col('start')]: p.start,
            [col('exportControls')]: p.exportControls.join(', '),
          })),
        ),
      );
    });
  group
    .command('run')
    .description('simulate a preset or a spec file month by month: supply, stock, unmet demand, TTS/TTR')
    .argument('<scenario>', 'preset id (minsec scenario list) or a spec file (.json, .yaml)')
    .option('--pool <members>', 'pool stocks among members, e.g. KOR,JPN,USA')
    .option('--draws <n>', 'Monte Carlo draws (default 1000; 0 turns it off)')
    .option('--seed <s>', 'Monte Carlo seed')
    .option('--json', 'JSON output')
    .option('--md', 'Markdown output')
    .action(async (arg: string, opts: Record<string, string | boolean | undefined>, cmd: Command) => {
      const format = formatFrom(opts);
      const flags = RunFlags.safeParse(opts);
      if (!flags.success)
        throw new UserInputError(
          flags.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; '),
        );
      const source = scenarioArg(arg);
      await withDb(cmd, async (db) => {
        const r = await runScenario(db, { ...source, ...flags.data });
        if (format === 'json') return write(toJson(r));
        // Human output in the reader's language (--lang); --json stays language-neutral.
        write(scenarioMarkdown(r, translator(localeOf(cmd.optsWithGlobals()), 'cli')));
      });
    });
  group
    .command('compare')
    .description('run two or more presets or spec files and compare them side by side')
    .argument('<scenarios...>', 'two to six preset ids or spec files')
    .option('--pool <members>', 'pool stocks among members in every run, e.g. KOR,JPN,USA')
    .option('--draws <n>', 'Monte Carlo draws per run (default 1000; 0 turns it off)')
    .option('--seed <s>', 'Monte Carlo seed')
    .option('--json', 'JSON output')
    .option('--md', 'Markdown output')
    .action(async (args: string[], opts: Record<string, string | boolean | undefined>, cmd: Command) => {
      const format = formatFrom(opts);
      const flags = RunFlags.safeParse(opts);
      if (!flags.success)
        throw new UserInputError(
          flags.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; '),
        );
      if (args.length < 2 || args.length > 6)
        throw new UserInputError(
          `scenario compare: give 2 to 6 presets or spec files, got ${args.length}`,
          'scenarios',
        );
      const runs = args.map((a) => ({ ...scenarioArg(a), ...flags.data }));
      await withDb(cmd, async (db) => {
        const r = await compareScenarios(db, { runs, labels: args });
        if (format === 'json') return write(toJson(r));
        write(scenarioCompareMarkdown(r, translator(localeOf(cmd.optsWithGlobals()), 'cli')));
      });
    });
}
