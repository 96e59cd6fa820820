// minsec scenario list | run <preset|file.json|file.yaml> [--pool KOR,JPN,USA] [--draws N] [--seed S] [--json|--md]
import { existsSync, readFileSync } from 'node:fs';
import { extname } from 'node:path';
import type { Command } from 'commander';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { UserInputError } from '../../model/errors.ts';
import { listScenarios, runScenario, type ScenarioResult } from '../../services/scenario.ts';
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
  draws: z.coerce.number().int().min(1).max(1_000_000).optional(),
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

function markdown(r: ScenarioResult): string {
  const out: string[] = [`# ${r.scenario.name}`, ''];
  out.push(
    `Start ${r.scenario.start}, horizon ${r.scenario.horizonMonths} months, baseline year ${r.scenario.baselineYear}.`,
    '',
  );
  for (const note of r.scenario.notes) out.push(`- ${note}`);
  out.push('', '## Exposure (BACI import shares by value)', '');
  out.push(
    mdTable(
      r.exposure.map((e) => ({
        country: e.country,
        mineral: e.mineral,
        hs: e.hs.join(','),
        'imports (USD)': n(e.importsValueUsd),
        'top origins': e.importShares
          .slice(0, 3)
          .map((s) => `${s.origin} ${pct(s.valueShare)}`)
          .join(', '),
      })),
    ),
  );
  out.push(
    `## Stress test (TTS vs TTR, months from the first cut${r.pooling ? ', with the pooling agreement' : ''})`,
    '',
  );
  out.push(
    mdTable(
      r.countries.map((c) => {
        const b = r.baseline
          .find((x) => x.mineral === c.mineral)
          ?.countries.find((x) => x.country === c.country);
        return {
          country: c.country,
          mineral: c.mineral,
          unit: c.unit,
          'demand/yr': n(b?.demandPerYear),
          'demand basis': b?.demandBasis,
          'stock days': n(b?.stockDays),
          TTS: `${c.ttsMonths}${c.ttsCensored ? '+' : ''}`,
          TTR: `${c.ttrMonths}${c.ttrCensored ? '+' : ''}`,
          'TTS<TTR': c.ttsBeforeTtr ? 'yes' : 'no',
          'shortfall (days of demand)': n(c.cumulativeShortfallDays),
        };
      }),
    ),
  );
  if (r.pooling) {
    out.push(
      `## Pooling among ${r.pooling.members.join(', ')} (lendable share ${r.pooling.lendableShare}, repayment ${r.pooling.repayment ? 'yes' : 'no'}, lenders protected ${r.pooling.protectLenders ? 'yes' : 'no'})`,
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
            lent: n(m.lent),
            borrowed: n(m.borrowed),
            'end stock without → with': `${n(m.endStockNoAgreement)} → ${n(m.endStockWithAgreement)}`,
          })),
        ),
      ),
    );
  }
  if (r.montecarlo) {
    out.push(
      `## Monte Carlo (${r.montecarlo.draws} draws, seed ${r.montecarlo.seed}${r.pooling ? ', with the pooling agreement' : ''})`,
      '',
    );
    out.push(
      mdTable(
        r.montecarlo.bands.map((b) => ({
          country: b.country,
          mineral: b.mineral,
          'TTS p5/p50/p95': `${b.ttsMonths.p5}/${b.ttsMonths.p50}/${b.ttsMonths.p95}`,
          'TTR p5/p50/p95': `${b.ttrMonths.p5}/${b.ttrMonths.p50}/${b.ttrMonths.p95}`,
          'shortfall p5/p50/p95': `${n(b.cumulativeShortfall.p5)}/${n(b.cumulativeShortfall.p50)}/${n(b.cumulativeShortfall.p95)}`,
          'P(TTS<TTR)': pct(b.pTtsLtTtr),
        })),
      ),
    );
  }
  const mp = r.montecarlo?.pooling;
  if (mp) {
    const b3 = (b: { p5: number; p50: number; p95: number }) => `${n(b.p5)}/${n(b.p50)}/${n(b.p95)}`;
    out.push(
      `## Monte Carlo: pooling among ${mp.members.join(', ')} (each draw without and with the agreement, same parameters)`,
      '',
      `Days gained per member, in each draw the smallest over the scenario's minerals (p5/p50/p95): ${Object.entries(
        mp.daysGained,
      )
        .map(([c, b]) => `${c} ${b3(b)}`)
        .join('; ')}.`,
      '',
    );
    out.push(
      mdTable(
        mp.byMineral.flatMap((b) =>
          b.members.map((m) => ({
            mineral: b.mineral,
            country: m.country,
            'days gained p5/p50/p95': b3(m.daysGained),
            'TTS without p5/p50/p95': b3(m.ttsNoAgreement),
            'TTS with p5/p50/p95': b3(m.ttsWithAgreement),
            'P(TTS<TTR) without → with': `${pct(m.pTtsLtTtrNoAgreement)} → ${pct(m.pTtsLtTtrWithAgreement)}`,
          })),
        ),
      ),
    );
  }
  if (r.gaps.length)
    out.push(
      '## Gaps',
      '',
      ...r.gaps.map((g) => `- ${g.mineral}${g.country ? ` ${g.country}` : ''}: ${g.reason} — ${g.detail}`),
      '',
    );
  out.push('## Assumptions', '', ...r.assumptions.map((a) => `- ${a}`), '');
  out.push('## Sources', '', ...r.sources.map((s) => `- ${s.title}${s.url ? ` <${s.url}>` : ''}`), '');
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
    .option('--draws <n>', 'Monte Carlo draws')
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
}
