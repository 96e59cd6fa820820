// minsec assess <mineral> [--country KOR|JPN|USA] [--year Y] [--no-trends] [--json|--csv|--md]
import type { Command } from 'commander';
import type { Translator } from '../../i18n/core.ts';
import { localeOf } from '../../i18n/locale.ts';
import { translator } from '../../i18n/node.ts';
import {
  dependenceSentence,
  nirText,
  ruleText,
  sourceRows,
  sourcesOf,
  viewCsvRows,
  viewRows,
} from '../../report/dependence.ts';
import { type AssessResult, assess } from '../../services/assess.ts';
import { withDb } from '../context.ts';
import { formatFrom, mdTable, toCsv, toJson, write } from '../output.ts';

const pct = (x: number | null | undefined) =>
  x === null || x === undefined ? null : `${(100 * x).toFixed(1)}%`;
const num = (x: number | null | undefined, d = 2) => (x === null || x === undefined ? null : x.toFixed(d));
const score = (x: unknown) => {
  const v = (x as { score?: number | null; sr?: number | null } | undefined) ?? {};
  const n = v.sr ?? v.score ?? null;
  return n === null ? `— (${(x as { reason?: string })?.reason ?? 'n/a'})` : n.toFixed(3);
};

/** One flat row per production share, per import partner and per importer × view × country share. */
export function assessCsvRows(r: AssessResult): Record<string, unknown>[] {
  const rows: Record<string, unknown>[] = [];
  for (const s of r.production)
    for (const x of s.shares)
      rows.push({
        section: 'production',
        mineral: r.mineral,
        year: r.year,
        stage: s.stage,
        importer: '',
        country: x.country,
        value: x.value,
        unit: s.unit,
        share: x.share,
        quantity_t: '',
        quantity_share: '',
      });
  for (const imp of r.importers)
    for (const p of imp.partners ?? [])
      rows.push({
        section: 'imports',
        mineral: r.mineral,
        year: r.year,
        stage: imp.codes
          .filter((c) => c.loaded)
          .map((c) => c.hs6)
          .join(' '),
        importer: imp.country,
        country: p.country,
        value: p.value_usd,
        unit: 'USD',
        share: p.share,
        quantity_t: p.quantity_t,
        quantity_share: p.quantityShare,
      });
  for (const v of viewCsvRows(r))
    rows.push({
      section: `view:${v.view}`,
      mineral: v.mineral,
      year: v.year,
      stage: v.codes,
      importer: v.importer,
      country: v.country,
      value: '',
      unit: v.unit,
      share: v.share,
      quantity_t: v.tonnes,
      quantity_share: v.coverage_grade,
    });
  return rows;
}

/**
 * Per importer: the three views side by side (China's share, top 3, tonnes, unit, codes, coverage), the
 * unresolved and imputed parts, the net import reliance with its source, and for the United States every trade
 * source with the headline marked and the rule that picks it. In the reader's language (cli namespace).
 */
export function dependenceMarkdown(r: AssessResult, tr: Translator): string {
  const { t } = tr;
  const out: string[] = [`## ${t('assess.h.dependence')}\n`];
  for (const i of r.importers) {
    out.push(`### ${tr.country(i.country)}\n`, `${dependenceSentence(tr, r.mineral, i)}\n`);
    if (i.dependence) {
      const rows = viewRows(tr, i.dependence);
      const showUnresolved = rows.some((x) => x.unresolved);
      const showImputed = rows.some((x) => x.imputed);
      out.push(
        mdTable(
          rows.map((x) => ({
            [t('assess.col.view')]: x.view,
            [t('assess.col.china')]: x.china,
            [t('assess.col.top')]: x.top,
            [t('assess.col.tonnes')]: x.tonnes,
            [t('assess.col.unit')]: x.unit,
            [t('assess.col.codes')]: x.codes,
            [t('assess.col.years')]: x.years,
            [t('assess.col.coverage')]: x.coverage,
            ...(showUnresolved ? { [t('assess.col.unresolved')]: x.unresolved || '—' } : {}),
            ...(showImputed ? { [t('assess.col.imputed')]: x.imputed || '—' } : {}),
          })),
        ),
      );
      for (const x of rows) if (x.note) out.push(`- ${x.view}: ${x.note}`);
      if (rows.some((x) => x.note)) out.push('');
    }
    out.push(`${t('assess.nir', { value: nirText(tr, i.netImportReliance) })}\n`);
    const rec = sourcesOf(r, i.country)?.reconciliation;
    if (rec) {
      // a source and its years: two USITC figures differ by their years
      const label = (f: (typeof rec.figures)[number]) => {
        const row = sourceRows(tr, { ...rec, figures: [f] })[0];
        return `${row.source} ${row.years}`;
      };
      out.push(
        `#### ${t('assess.h.sources', { country: tr.country(i.country) })}\n`,
        mdTable(
          sourceRows(tr, rec).map((x) => ({
            [t('assess.col.source')]: x.headline ? `**${x.source}** (${t('assess.headline')})` : x.source,
            [t('assess.col.china')]: x.china,
            [t('assess.col.unit')]: x.unit,
            [t('assess.col.codes')]: x.codes,
            [t('assess.col.years')]: x.years,
            [t('assess.col.chainCoverage')]: x.coverage,
          })),
        ),
        `${t('assess.rule', { rule: ruleText(tr, rec) })}\n`,
        ...rec.disagreements.map(
          (d) =>
            `- ${t('assess.disagreement', {
              a: label(d.a),
              b: label(d.b),
              gap: d.gapPoints === null ? '—' : tr.num(d.gapPoints, 1),
              reason: d.reason,
            })}`,
        ),
        '',
      );
    }
  }
  return `${out.join('\n')}\n`;
}

export function assessMarkdown(r: AssessResult, tr: Translator = translator('en', 'cli')): string {
  const out: string[] = [`# ${r.name} — supply-chain vulnerability, ${r.year}\n`];
  for (const s of r.production)
    out.push(
      `## ${s.stage} production${s.secondary ? ' (secondary shares)' : ''} — HHI ${num(s.hhi, 0) ?? '—'}, top-3 ${pct(s.top3) ?? '—'}, China ${pct(s.chinaShare) ?? '—'}, HHI_WGI ${num(s.hhiWgi) ?? '—'}\n`,
      mdTable(
        s.shares.slice(0, 8).map((x) => ({
          country: x.country,
          [`value (${s.unit})`]: tr.num(x.value, 0),
          share: pct(x.share),
        })),
      ),
      `Source: ${s.source.file}${s.source.edition ? ` (MCS ${s.source.edition})` : ''}\n`,
    );
  out.push(
    '## Importers\n',
    mdTable(
      r.importers.map((i) => ({
        country: i.country,
        'imports USD': 'totalValue' in i ? tr.num(i.totalValue, 0) : null,
        'China (value)': pct(i.chinaShare),
        'China (qty)': pct('chinaQuantityShare' in i ? i.chinaQuantityShare : null),
        HHI: num(i.hhi, 0),
        'trio share': pct('trioShare' in i ? i.trioShare : null),
        'MSP share': pct('mspShare' in i ? i.mspShare : null),
        'shipped by China': pct(i.dependence?.shippedBy.china),
        'refined in China': pct(i.dependence?.refinedIn.china),
        'mined in China': pct(i.dependence?.minedIn.china),
        NIR:
          i.netImportReliance.code === 'E'
            ? 'E'
            : i.netImportReliance.value === null
              ? '—'
              : `${i.netImportReliance.code === '>' || i.netImportReliance.code === '<' ? i.netImportReliance.code : ''}${pct(i.netImportReliance.value)}`,
        note: i.reason,
      })),
    ),
    dependenceMarkdown(r, tr),
  );
  for (const i of r.importers)
    if (i.partners)
      out.push(
        `### ${i.country}: top partners\n`,
        mdTable(
          i.partners.slice(0, 8).map((p) => ({
            partner: p.country,
            'value USD': tr.num(p.value_usd, 0),
            't contained': tr.num(p.quantity_t, 1),
            share: pct(p.share),
            'qty share': pct(p.quantityShare),
          })),
        ),
      );
  out.push(
    '## Risk scores\n',
    mdTable(
      r.importers.map((i) => ({
        country: i.country,
        'EU SR': score(r.risk.euSR[i.country]),
        'EU 2023 published':
          (r.risk.euSR[i.country] as { publishedEu2023?: number | null })?.publishedEu2023 ?? null,
        GeoPolRisk: score(r.risk.geoPolRisk[i.country]),
        'USGS-style': score(r.risk.usgsStyle[i.country]),
      })),
    ),
    '## Export controls\n',
    mdTable(
      r.exportControls.map((c) => ({
        id: c.id,
        imposer: c.imposer,
        type: c.type,
        targets: c.targets === 'all' ? 'all' : c.targets.join(' '),
        effective: c.effective,
        [`state ${r.year}-12-31`]: c.stateAtYearEnd,
      })),
    ),
    '## Gaps\n',
    r.gaps.map((g) => `- **${g.topic}** (${g.reason}): ${g.detail}`).join('\n') || '- none',
  );
  return `${out.join('\n')}\n`;
}

export function register(program: Command): void {
  program
    .command('assess')
    .description('supply-chain vulnerability of a mineral for Korea, Japan and the United States')
    .argument('<mineral>', 'mineral id, e.g. cobalt, gallium, molybdenum, tungsten')
    .option('--country <iso3>', 'one trio country: KOR, JPN or USA (default: all three)')
    .option('--year <year>', 'data year (default: the latest trade year)')
    .option('--no-trends', 'skip the 2002–2024 trends')
    .option('--json', 'JSON output (the full result object)')
    .option('--csv', 'CSV output (production shares, import partners, and each view’s country shares)')
    .option('--md', 'Markdown output')
    .action(
      async (
        mineral: string,
        opts: {
          country?: string;
          year?: string;
          trends?: boolean;
          json?: boolean;
          csv?: boolean;
          md?: boolean;
        },
        cmd: Command,
      ) => {
        const format = formatFrom(opts);
        await withDb(cmd, async (db) => {
          const r = await assess(db, {
            mineral,
            country: opts.country,
            year: opts.year,
            trends: opts.trends !== false,
          });
          if (format === 'json') return write(toJson(r));
          if (format === 'csv') return write(toCsv(assessCsvRows(r)));
          // Human output in the reader's language (--lang); --json and --csv stay language-neutral.
          write(assessMarkdown(r, translator(localeOf(cmd.optsWithGlobals()), 'cli')));
        });
      },
    );
}
