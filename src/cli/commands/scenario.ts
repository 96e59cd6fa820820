// minsec scenario list | run <preset|file.json|file.yaml> [--pool KOR,JPN,USA] [--draws N] [--seed S] [--json|--md]
// | compare <a> <b> [...] (same flags, applied to every run)
import { existsSync, readFileSync } from 'node:fs';
import { extname } from 'node:path';
import type { Command } from 'commander';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
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
const pct = (x: number | null) => (x === null ? null : `${(100 * x).toFixed(1)}%`);
const band = (b: { p5: number; p50: number; p95: number; unit: string }, digits = 3) =>
  `${n(b.p5, digits)} / ${n(b.p50, digits)} / ${n(b.p95, digits)} ${b.unit}`;

function markdown(r: ScenarioResult): string {
  const out: string[] = [`# ${r.scenario.name}`, ''];
  for (const line of r.brief) out.push(`- **${line}**`);
  out.push(
    '',
    `Start ${r.scenario.start}, horizon ${r.scenario.horizonMonths} months, baseline year ${r.scenario.baselineYear}. All quantities in tonnes of contained metal.`,
    '',
  );
  for (const note of r.scenario.notes) out.push(`- ${note}`);
  if (r.scenario.evidence.length)
    out.push('', 'Evidence:', ...r.scenario.evidence.map((e) => `- ${e.title}${e.url ? ` <${e.url}>` : ''}`));
  out.push('', '## Restrictions', '');
  out.push(
    mdTable(
      r.scenario.restrictions.map((x) => ({
        id: x.id,
        origins: x.origins.join(','),
        minerals: x.minerals.join(','),
        targets: x.targets === 'all' ? 'all' : x.targets.join(','),
        stage: x.stage,
        cut: pct(x.shareCut),
        'how the cut is set': x.cutBasis,
        start: x.startMonth,
        months: x.durationMonths ?? 'open',
      })),
    ),
  );
  out.push('## Baseline: demand and stocks (tonnes of contained metal)', '');
  out.push(
    mdTable(
      r.baseline.flatMap((b) =>
        b.countries.map((c) => ({
          country: c.country,
          mineral: b.mineral,
          'demand t/yr': n(c.demand.perYearT),
          'import-dependent t/yr': n(c.demand.importDependentT),
          'demand basis': c.demand.label,
          'stock t (days)': `${n(c.stock.actual.tonnes)} (${n(c.stock.actual.days)})`,
          'stock basis': c.stock.actual.label,
          'target t (days)': c.stock.target ? `${n(c.stock.target.tonnes)} (${n(c.stock.target.days)})` : '—',
        })),
      ),
    ),
  );
  out.push(
    `## Stress test (months from the first cut${r.pooling ? ', with the pooling agreement' : ''})`,
    '',
  );
  out.push(
    mdTable(
      r.countries.map((c) => ({
        country: c.country,
        mineral: c.mineral,
        TTS: `${c.ttsMonths}${c.ttsCensored ? '+' : ''}`,
        TTR: `${c.ttrMonths}${c.ttrCensored ? '+' : ''}`,
        'TTS<TTR': c.ttsBeforeTtr ? 'yes' : 'no',
        'shortfall t': n(c.cumulativeShortfall),
        'shortfall (days of demand)': n(c.cumulativeShortfallDays),
        recovery: c.recovery.statement,
      })),
    ),
  );
  if (r.stockTarget?.length) {
    out.push('## Stocks at their policy target (second run, no pooling)', '');
    out.push(
      mdTable(
        r.stockTarget.map((t) => ({
          country: t.country,
          mineral: t.mineral,
          'actual t (days)': `${n(t.actualStockT)} (${n(t.actualDays)})`,
          'target t (days)': `${n(t.targetStockT)} (${n(t.targetDays)})`,
          'TTS actual → target': `${t.ttsActual} → ${t.ttsTarget}`,
          'shortfall t actual → target': `${n(t.shortfallActualT)} → ${n(t.shortfallTargetT)}`,
          'days gained by the target': n(t.daysGainedByTarget),
        })),
      ),
    );
  }
  if (r.pooling) {
    out.push(
      `## Pooling among ${r.pooling.members.join(', ')} (lendable share ${r.pooling.lendableShare}, repayment ${r.pooling.repayment ? 'yes' : 'no'}, lenders protected ${r.pooling.protectLenders ? 'yes' : 'no'})`,
      '',
      ...r.pooling.headline.map(
        (h) =>
          `- ${h.country}: ${h.byMineral.map((b) => `${b.mineral} ${n(b.daysGained)} days`).join(', ')}; binding mineral ${h.bindingMineral ?? '—'}`,
      ),
      '',
    );
    out.push(
      mdTable(
        r.pooling.byMineral.flatMap((b) =>
          b.members.map((m) => ({
            mineral: b.mineral,
            country: m.country,
            'days gained': n(m.daysGained),
            'TTS without → with': `${m.ttsNoAgreement} → ${m.ttsWithAgreement}`,
            'lent t': n(m.lent),
            'borrowed t': n(m.borrowed),
            'end stock t without → with': `${n(m.endStockNoAgreement)} → ${n(m.endStockWithAgreement)}`,
          })),
        ),
      ),
    );
  }
  if (r.montecarlo) {
    out.push(
      `## Monte Carlo (${r.montecarlo.draws} draws, seed ${r.montecarlo.seed}${r.pooling ? ', with the pooling agreement' : ''}; p5 / p50 / p95)`,
      '',
    );
    out.push(
      mdTable(
        r.montecarlo.bands.map((b) => ({
          country: b.country,
          mineral: b.mineral,
          TTS: band(b.ttsMonths),
          TTR: band(b.ttrMonths),
          shortfall: band(b.cumulativeShortfall),
          'P(TTS<TTR)': pct(b.pTtsLtTtr),
        })),
      ),
    );
    const mp = r.montecarlo.pooling;
    if (mp)
      out.push(
        mdTable(
          mp.byMineral.flatMap((b) =>
            b.members.map((m) => ({
              mineral: b.mineral,
              country: m.country,
              'days gained': band(m.daysGained),
              'TTS without': band(m.ttsNoAgreement),
              'TTS with': band(m.ttsWithAgreement),
              'P(TTS<TTR) without → with': `${pct(m.pTtsLtTtrNoAgreement)} → ${pct(m.pTtsLtTtrWithAgreement)}`,
            })),
          ),
        ),
      );
  }
  out.push('## Prices and added cost', '');
  for (const p of r.prices)
    out.push(
      p.reason
        ? `- ${p.mineral}: no price path — ${p.reason} (base price: ${p.basePriceLabel})`
        : `- ${p.mineral}: base ${n(p.basePrice)} USD/t (${p.basePriceLabel}); elasticities demand ${p.elasticities?.demand}, supply ${p.elasticities?.supply} (${p.elasticities?.confidence} confidence: ${p.elasticities?.source}); peak ${n(p.peakPrice)} USD/t (${pct(p.peakChange)}); added cost ${p.addedCost.map((a) => `${a.country} ${n(a.usd)} USD`).join(', ')}`,
    );
  out.push('', '## Sanctions', '', `- ${r.sanctions.note}`);
  for (const e of r.sanctions.excluded)
    out.push(
      `- ${e.supplier} excluded for ${e.buyer}: ${e.measures.map((m) => `${m.imposer} ${m.instrument} (${m.inForce})`).join('; ')}`,
    );
  if (r.calibration.length) {
    out.push('', '## Calibration', '');
    for (const c of r.calibration) out.push(`- ${c.statement}`, ...c.detail.map((d) => `  - ${d}`));
  }
  if (r.gaps.length)
    out.push(
      '',
      '## Gaps',
      '',
      ...r.gaps.map((g) => `- ${g.mineral}${g.country ? ` ${g.country}` : ''}: ${g.reason} — ${g.detail}`),
    );
  out.push('', '## Assumptions', '', ...r.assumptions.map((a) => `- ${a}`), '');
  out.push('## Sources', '', ...r.sources.map((s) => `- ${s.title}${s.url ? ` <${s.url}>` : ''}`), '');
  return out.join('\n');
}

function compareMarkdown(r: ScenarioCompareResult): string {
  const out: string[] = ['# Scenario comparison', ''];
  for (const run of r.runs)
    out.push(`## ${run.label}: ${run.name} (from ${run.start})`, '', ...run.brief.map((b) => `- ${b}`), '');
  const cols = (xs: (number | string | null)[]) =>
    xs.map((x) => (typeof x === 'number' ? n(x) : x) ?? '—').join(' | ');
  out.push(
    mdTable(
      r.rows.map((row) => ({
        country: row.country,
        mineral: row.mineral,
        [`TTS (${r.units.ttsMonths})`]: cols(row.ttsMonths),
        'recovered by': cols(row.recoveredBy),
        [`shortfall (${r.units.shortfallT})`]: cols(row.shortfallT),
        [`shortfall (${r.units.shortfallDays})`]: cols(row.shortfallDays),
        [`pool adds (${r.units.daysGainedByPool})`]: cols(row.daysGainedByPool),
        [`shortfall p95 (${r.units.shortfallT})`]: cols(row.shortfallP95T),
        [`added cost (${r.units.addedCostUsd})`]: cols(row.addedCostUsd),
      })),
    ),
    `Each cell lists the runs in order: ${r.runs.map((x) => x.label).join(' | ')}.`,
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
    .action((opts: { json?: boolean; md?: boolean }) => {
      const format = formatFrom(opts);
      const list = listScenarios();
      if (format === 'json') {
        write(toJson(list));
        return;
      }
      write(
        mdTable(
          list.map((p) => ({
            id: p.id,
            name: p.name,
            minerals: p.minerals.join(', '),
            baseline: p.baselineYear,
            start: p.start,
            'export controls': p.exportControls.join(', '),
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
        write(format === 'json' ? toJson(r) : markdown(r));
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
        write(format === 'json' ? toJson(r) : compareMarkdown(r));
      });
    });
}
