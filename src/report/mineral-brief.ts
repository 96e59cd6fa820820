// Case-study briefing for one mineral (cobalt, gallium, molybdenum, tungsten, or any other in the model):
// findings, the trio compared, the three views of dependence (shipped by, refined in, mined in) and, for the
// United States, every trade source side by side, criticality scores, export controls, trade-code audit, defense
// end uses, trends 2002–2024 and every data gap, assembled from the assessment service's result object.
// Every number carries a reference: [Sn l.x] = source file n of the database's `sources` table, line/row x;
// [R:id] = export-control register entry; [C:file] = a cited catalog file. HTML wrapping lives in html.ts.
// Written in the reader's language through the translator (keys brief:mineral.*); the brief opens with a
// bottom line generated from the same result (and from the scenario preset for the mineral, where one exists).

import { exportControlById, REGISTER_REVIEWED, stateOn } from '../catalog/export-controls.ts';
import type { Translator } from '../i18n/core.ts';
import { translator } from '../i18n/node.ts';
import { TRIO } from '../model/countries.ts';
import { unknownChoice } from '../model/errors.ts';
import { CASE_STUDY_MINERALS, MINERALS, mineralById } from '../model/minerals.ts';
import { type AssessResult, assess } from '../services/assess.ts';
import { listScenarios, runScenario, type ScenarioResult } from '../services/scenario.ts';
import type { Db } from '../store/db.ts';
import { sources as sourceRows } from '../store/queries/vulnerability.ts';
import { bottomLineMarkdown } from './bottom-line.ts';
import {
  dependenceSentence,
  headlinePhrase,
  isHeadline,
  nirText,
  nirValue,
  ruleText,
  sourceName,
  sourcesOf,
  sourceRows as tradeSourceRows,
  viewRows,
  yearsRange,
} from './dependence.ts';

function table(head: string[], rows: (string | number)[][]): string {
  if (!rows.length) return '_no rows_\n';
  return `${[
    `| ${head.join(' | ')} |`,
    `| ${head.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n')}\n`;
}

type Importer = AssessResult['importers'][number];
type Scored = {
  sr?: number | null;
  score?: number | null;
  stage?: string | null;
  reason?: string | null;
  publishedEu2023?: number | null;
};

/** Markdown; HTML and PDF wrap it in src/report/briefs.ts. */
export async function renderMineralBrief(
  db: Db,
  mineral: string,
  tr: Translator = translator('en', 'brief'),
): Promise<string> {
  const { t } = tr;
  const pct = (x: number | null | undefined, d = 1) => tr.pct(x, d);
  const fix = (x: number | null | undefined, d = 2) => tr.num(x, d);
  const usd = (x: number | null | undefined) => tr.usd(x);
  const name = (c: string) => tr.country(c);
  const m = mineralById(mineral);
  if (!m)
    unknownChoice(
      'mineral',
      mineral,
      MINERALS.map((x) => x.id),
      'mineral',
    );
  const r = await assess(db, { mineral: m.id, trends: true });
  const srcIds = new Map((await sourceRows(db)).map((s) => [s.source_id, s]));
  const fileToS = new Map<string, number>();
  for (const s of srcIds.values()) fileToS.set(s.file, s.source_id);
  const used = new Set<number>();
  const ref = (file: string | null | undefined, lines?: (number | null)[]) => {
    const id = file ? fileToS.get(file) : undefined;
    if (id === undefined) return file ? `[C:${file}]` : '';
    used.add(id);
    const ls = (lines ?? []).filter((x): x is number => x !== null);
    return `[S${id}${ls.length ? ` l.${ls.slice(0, 6).join(',')}${ls.length > 6 ? ',…' : ''}` : ''}]`;
  };
  const tradeRef = (i: Importer, lines?: number[]) =>
    'source' in i && i.source ? ref((i.source as { file: string | null }).file, lines) : '';

  const out: string[] = [];
  const caseStudy = CASE_STUDY_MINERALS.includes(m.id);
  const mName = tr.mineral(m.id);
  const stage = (st: string) => t(`common:stage.${st}`);
  const hsOf = (i: Importer) =>
    i.codes
      .filter((c) => c.loaded)
      .map((c) => c.hs6)
      .join(', ');
  out.push(
    `# ${t('mineral.title', { mineral: mName })}`,
    '',
    t(caseStudy ? 'mineral.subtitleCase' : 'mineral.subtitle', { year: r.year, id: m.id }),
    '',
  );

  // ---- bottom line: what the reader must know before the evidence
  out.push(bottomLineMarkdown(tr, await bottomLine(db, r, tr)));

  // ---- key findings
  const main = r.production.find((s) => !s.secondary);
  const findings: string[] = [];
  if (main) {
    const top = main.shares[0];
    findings.push(
      t('mineral.f.production', {
        stage: stage(main.stage),
        year: main.year,
        top: top ? (top.country ? name(top.country) : top.label) : '—',
        share: pct(top?.share),
        china: pct(main.chinaShare),
        hhi: fix(main.hhi, 0),
        hhiWgi: fix(main.hhiWgi),
        ref: ref(main.source.file, [top?.sourceLine ?? null, main.source.worldLine]),
      }),
    );
  }
  for (const s of r.production.filter((x) => x.secondary))
    findings.push(
      t('mineral.f.refining', { china: pct(s.chinaShare), top3: pct(s.top3), ref: '[C:eu-crm-2023]' }),
    );
  for (const i of r.importers) {
    if (!i.partners) {
      findings.push(t('mineral.f.noTrade', { country: name(i.country), reason: i.reason }));
      continue;
    }
    findings.push(
      t('mineral.f.imports', {
        country: name(i.country),
        value: usd('totalValue' in i ? i.totalValue : null),
        codes: hsOf(i),
        year: r.year,
        china: pct(i.chinaShare),
        chinaQty: pct('chinaQuantityShare' in i ? i.chinaQuantityShare : null),
        ref: tradeRef(i),
      }),
    );
  }
  const srs = TRIO.map((c) => [c, r.risk.euSR[c] as Scored | undefined] as const).filter(
    ([, v]) => v?.sr != null,
  );
  if (srs.length) {
    const [c, v] = srs.sort((a, b) => b[1]!.sr! - a[1]!.sr!)[0];
    findings.push(
      t('mineral.f.euSr', {
        country: name(c),
        sr: fix(v!.sr),
        stage: v!.stage ? tr.tOr(`common:stage.${v!.stage}`, v!.stage) : '—',
        published: v!.publishedEu2023 ?? '—',
        ref: '[C:eu-crm-2023]',
      }),
    );
  }
  const inForce = r.exportControls.filter((c) => c.stateAtYearEnd === 'in_force');
  if (r.exportControls.length)
    findings.push(
      t('mineral.f.controls', {
        list: r.exportControls.map((c) => `${c.id} (${c.type}, ${c.effective}) [R:${c.id}]`).join('; '),
        year: r.year,
        inForce: inForce.map((c) => c.id).join(', ') || t('common:word.none'),
      }),
    );
  if (r.defenseUses.length)
    findings.push(t('mineral.f.defense', { uses: r.defenseUses.map((d) => d.use.toLowerCase()).join('; ') }));
  findings.push(t('mineral.f.gaps', { count: r.gaps.length }));
  out.push(`## ${t('mineral.h.findings')}`, '', ...findings.map((f) => `- ${f}`), '');

  // ---- production
  out.push(`## ${t('mineral.h.production')}`, '');
  if (!r.production.length) out.push(`_${t('mineral.noProduction')}_`, '');
  for (const s of r.production) {
    out.push(
      `### ${
        s.secondary
          ? t('mineral.productionSecondary', { stage: stage(s.stage) })
          : t('mineral.productionYear', { stage: stage(s.stage), year: s.year, unit: tr.unit(s.unit) })
      }`,
      '',
      table(
        [
          t('common:word.country'),
          s.secondary ? t('mineral.col.sharePercent') : t('mineral.col.quantity', { unit: tr.unit(s.unit) }),
          t('common:word.share'),
          t('mineral.col.ref'),
        ],
        s.shares
          .slice(0, 10)
          .map((x) => [
            x.country ? name(x.country) : x.label,
            x.value === null || x.value === undefined ? '—' : tr.num(x.value, s.secondary ? 1 : 0),
            pct(x.share),
            s.secondary ? '[C:eu-crm-2023]' : ref(s.source.file, [x.sourceLine]),
          ]),
      ),
      t(s.secondary ? 'mineral.concentrationSecondary' : 'mineral.concentration', {
        hhi: fix(s.hhi, 0),
        top1: pct(s.top1),
        top3: pct(s.top3),
        other: pct(s.otherShare),
        hhiWgi: fix(s.hhiWgi),
        world: s.world === null || s.world === undefined ? '—' : tr.num(s.world),
        unit: tr.unit(s.unit),
        ref: s.secondary ? '' : ref(s.source.file, [s.source.worldLine]),
        edition: s.source.edition,
      }),
      '',
    );
  }
  if (r.exporters.length) {
    out.push(`### ${t('mineral.h.exporters')}`, '');
    out.push(
      table(
        [
          'HS',
          t('mineral.col.worldExports'),
          t('mineral.col.exporters'),
          'HHI',
          t('mineral.col.top3'),
          t('mineral.col.china'),
        ],
        r.exporters.map((e) => [
          e.hs,
          usd(e.totalValue),
          e.exporters,
          fix(e.hhi, 0),
          pct(e.top3),
          pct(e.chinaShare),
        ]),
      ),
    );
  }

  // ---- trio compared
  out.push(`## ${t('mineral.h.trio')}`, '');
  out.push(
    table(
      [
        '',
        t('mineral.col.imports'),
        t('mineral.col.chinaValue'),
        t('mineral.col.chinaQuantity'),
        t('mineral.col.importHhi'),
        t('mineral.col.fromOtherTwo'),
        t('mineral.col.fromMsp'),
        t('mineral.col.shippedByChina'),
        t('mineral.col.refinedInChina'),
        t('mineral.col.minedInChina'),
        t('common:term.netImportReliance'),
        t('mineral.col.controlsInForce'),
      ],
      r.importers.map((i) => [
        name(i.country),
        usd('totalValue' in i ? i.totalValue : null),
        pct(i.chinaShare),
        pct('chinaQuantityShare' in i ? i.chinaQuantityShare : null),
        fix(i.hhi, 0),
        pct('trioShare' in i ? i.trioShare : null),
        pct('mspShare' in i ? i.mspShare : null),
        pct(i.dependence?.shippedBy.china),
        pct(i.dependence?.refinedIn.china),
        pct(i.dependence?.minedIn.china),
        nirValue(tr, i.netImportReliance),
        i.exportControlsInForce.map((c) => c.id).join(', ') || '—',
      ]),
    ),
    t('mineral.nirNote'),
    '',
  );
  for (const i of r.importers)
    if (i.partners?.length)
      out.push(
        `### ${t('mineral.h.suppliers', { country: name(i.country), year: r.year })}`,
        '',
        table(
          [
            t('mineral.col.partner'),
            t('common:word.value'),
            t('mineral.col.quantityT'),
            t('mineral.col.valueShare'),
            t('mineral.col.quantityShare'),
            t('mineral.col.ref'),
          ],
          i.partners
            .slice(0, 6)
            .map((p) => [
              name(p.country),
              usd(p.value_usd),
              p.quantity_t === null || p.quantity_t === undefined ? '—' : tr.num(p.quantity_t, 1),
              pct(p.share),
              pct(p.quantityShare),
              tradeRef(i),
            ]),
        ),
      );

  // ---- dependence: the three views, the reliance and (U.S.) every trade source
  out.push(`## ${t('mineral.h.dependence')}`, '', t('mineral.dependenceExplain'), '');
  for (const i of r.importers) {
    out.push(`### ${name(i.country)}`, '', `${dependenceSentence(tr, r.mineral, i)}.`, '');
    if (i.dependence) {
      const rows = viewRows(tr, i.dependence);
      out.push(
        table(
          [
            t('mineral.col.view'),
            t('mineral.col.china'),
            t('mineral.col.topShares'),
            t('mineral.col.tonnes'),
            t('mineral.col.unit'),
            t('mineral.col.codes'),
            t('mineral.col.years'),
            t('mineral.col.coverage'),
            t('mineral.col.unresolved'),
            t('mineral.col.imputed'),
          ],
          rows.map((x) => [
            x.view,
            x.china,
            x.top,
            x.tonnes,
            x.unit,
            x.codes,
            x.years,
            x.coverage,
            x.unresolved || '—',
            x.imputed || '—',
          ]),
        ),
        ...rows.filter((x) => x.note).map((x) => `- ${x.view}: ${x.note}`),
        '',
      );
    }
    out.push(`${t('common:term.netImportReliance')}: ${nirText(tr, i.netImportReliance)}.`, '');
    const rec = sourcesOf(r, i.country)?.reconciliation;
    if (rec) {
      out.push(
        `#### ${t('mineral.h.sources', { country: name(i.country) })}`,
        '',
        table(
          [
            t('common:word.source'),
            t('mineral.col.china'),
            t('mineral.col.unit'),
            t('mineral.col.codes'),
            t('mineral.col.years'),
            t('mineral.col.chainCoverage'),
          ],
          tradeSourceRows(tr, rec).map((x) => [
            x.headline ? `**${x.source}** (${t('mineral.headline')})` : x.source,
            x.china,
            x.unit,
            x.codes,
            x.years,
            x.coverage,
          ]),
        ),
        t('mineral.headlineRule', { rule: ruleText(tr, rec) }),
        '',
        ...rec.disagreements.map(
          (d) =>
            `- ${t('mineral.disagreement', {
              a: `${sourceName(tr, d.a)} ${yearsRange(d.a.years)}`,
              b: `${sourceName(tr, d.b)} ${yearsRange(d.b.years)}`,
              gap: d.gapPoints === null ? '—' : tr.num(d.gapPoints, 1),
              reason: d.reason,
            })}`,
        ),
        '',
      );
    }
  }

  // ---- risk
  out.push(`## ${t('mineral.h.risk')}`, '');
  out.push(
    table(
      ['', t('mineral.col.euSr'), t('mineral.col.euPublished'), 'GeoPolRisk', t('mineral.col.usgsStyle')],
      r.importers.map((i) => {
        const eu = r.risk.euSR[i.country] as Scored;
        const g = r.risk.geoPolRisk[i.country] as Scored;
        const u = r.risk.usgsStyle[i.country] as Scored;
        return [
          name(i.country),
          eu.sr == null
            ? `— (${eu.reason ?? t('mineral.noStage')})`
            : `${fix(eu.sr)} (${eu.stage ? tr.tOr(`common:stage.${eu.stage}`, eu.stage) : '—'})`,
          eu.publishedEu2023 ?? '—',
          g.score == null ? `— (${g.reason})` : fix(g.score, 3),
          u.score == null ? `— (${u.reason})` : fix(u.score, 3),
        ];
      }),
    ),
    t('mineral.riskMethods'),
    '',
  );
  out.push(...euReproductionSection(r, tr));

  // ---- controls
  out.push(`## ${t('mineral.h.controls')}`, '');
  out.push(
    r.exportControls.length
      ? table(
          [
            'id',
            t('mineral.col.imposer'),
            t('mineral.col.type'),
            t('mineral.col.targets'),
            t('mineral.col.effective'),
            t('mineral.col.ended'),
            t('mineral.col.stateEnd', { year: r.year }),
            t('mineral.col.stateOn', { date: REGISTER_REVIEWED }),
            t('common:word.source'),
          ],
          r.exportControls.map((c) => [
            c.id,
            name(c.imposer),
            c.type,
            c.targets === 'all' ? t('mineral.allTargets') : c.targets.map(name).join(', '),
            c.effective,
            c.ended ?? '—',
            tr.tOr(`mineral.state.${c.stateAtYearEnd}`, c.stateAtYearEnd),
            tr.tOr(
              `mineral.state.${stateOn(exportControlById(c.id)!, REGISTER_REVIEWED)}`,
              stateOn(exportControlById(c.id)!, REGISTER_REVIEWED),
            ),
            `[${c.source.title}](${c.source.url})`,
          ]),
        )
      : `_${t('mineral.noControls')}_\n`,
  );

  // ---- code audit
  out.push(`## ${t('mineral.h.codes')}`, '');
  const codes = r.importers[0]?.codes ?? [];
  out.push(
    table(
      ['HS6', t('common:word.stage'), t('mineral.col.inExtract'), t('mineral.col.sharedWith')],
      codes.map((c) => [
        c.hs6,
        stage(c.stage),
        c.loaded ? t('common:word.yes') : t('common:word.no'),
        c.shared?.with.map((x) => tr.mineral(x)).join(', ') || '—',
      ]),
    ),
  );
  for (const i of r.importers)
    if ('codeAudit' in i && i.codeAudit)
      out.push(
        `- ${t('mineral.sharedCodes', {
          country: name(i.country),
          share: pct(i.codeAudit.sharedShare),
          year: r.year,
          value: usd(i.codeAudit.totalValue),
        })}`,
      );
  const usa = r.importers.find((i) => i.country === 'USA');
  const cmp = usa && 'codeAudit' in usa ? usa.codeAudit?.usgsComparison : null;
  if (cmp)
    out.push(
      '',
      t('mineral.usgsComparison', {
        mineral: mName,
        series: cmp.usgsSeries,
        period: cmp.period,
        edition: cmp.usgsEdition,
        codes: cmp.baciCodes.join(', '),
      }),
      '',
      table(
        [
          t('mineral.col.partner'),
          t('mineral.col.usgsShare'),
          t('mineral.col.baciShare', { codes: cmp.baciCodes.join(', ') }),
          t('mineral.col.ref'),
        ],
        cmp.rows.map((x) => [
          x.country ? name(x.country) : '—',
          pct(x.usgsShare, 0),
          pct(x.baciShare),
          ref(cmp.usgsFile, [x.sourceLine]),
        ]),
      ),
      t(
        codes.some((c) => c.loaded && c.shared)
          ? 'mineral.usgsChinaCompareShared'
          : 'mineral.usgsChinaCompare',
        {
          usgs: cmp.usgsChinaShare === null ? t('mineral.notListedSeparately') : pct(cmp.usgsChinaShare, 0),
          baci: pct(cmp.baciChinaShare),
        },
      ),
      '',
    );
  if (codes.some((c) => c.loaded && c.shared)) out.push(`- ${t('mineral.splitNote', { mineral: mName })}`);
  out.push('');

  // ---- defense
  out.push(`## ${t('mineral.h.defense')}`, '');
  out.push(
    r.defenseUses.length
      ? table(
          [
            t('mineral.col.endUse'),
            t('mineral.col.systems'),
            t('mineral.col.confidence'),
            t('common:word.source'),
          ],
          r.defenseUses.map((d) => [
            d.use,
            d.system,
            `${d.confidence}${d.note ? ` — ${d.note}` : ''}`,
            `[${d.source.title}](${d.source.url})`,
          ]),
        )
      : `_${t('mineral.noDefense')}_\n`,
  );

  // ---- trends
  out.push(`## ${r.trends?.imports ? t('mineral.h.trendsYears') : t('mineral.h.trends')}`, '');
  if (r.trends?.imports) {
    const years = r.trends.imports[0].series.map((s) => s.year);
    out.push(
      t('mineral.trendsExplain'),
      '',
      table(
        [t('common:word.year'), ...r.trends.imports.map((i) => name(i.country))],
        years.map((y, k) => [
          y,
          ...r.trends!.imports!.map((i) =>
            i.series[k].shippedByChina === null
              ? '—'
              : [i.series[k].shippedByChina, i.series[k].refinedInChina, i.series[k].minedInChina]
                  .map((x) => pct(x))
                  .join(' / '),
          ),
        ]),
      ),
    );
  } else out.push(t(r.mineral === 'molybdenum' ? 'mineral.noTradeTrendsMo' : 'mineral.noTradeTrends'), '');
  for (const p of r.trends?.production ?? [])
    out.push(
      t('mineral.productionTrend', { stage: stage(p.stage) }),
      '',
      table(
        [
          t('common:word.year'),
          t('mineral.col.china'),
          'HHI',
          t('mineral.col.top3'),
          t('mineral.col.edition'),
        ],
        p.series.map((s) => [s.year, pct(s.chinaShare), fix(s.hhi, 0), pct(s.top3), s.edition ?? '—']),
      ),
    );

  // ---- gaps
  out.push(
    `## ${t('mineral.h.gaps')}`,
    '',
    ...r.gaps.map(
      (g) =>
        `- **${tr.tOr(`mineral.gapTopic.${g.topic}`, g.topic)}** (${tr.tOr(`common:reason.${g.reason}`, g.reason)}): ${g.detail}`,
    ),
    '',
  );
  if (!r.trends?.production.length || (r.trends.production[0]?.series[0]?.year ?? 9999) > 2002)
    out.push(`- ${t('mineral.productionTrendsGap')}`, '');

  // ---- references
  out.push(`## ${t('mineral.h.references')}`, '');
  for (const id of [...used].sort((a, b) => a - b)) {
    const s = srcIds.get(id)!;
    out.push(`- [S${id}] ${s.file}${s.release ? ` (${s.release})` : ''} — ${s.citation}`);
  }
  out.push(`- ${t('mineral.refRegister')}`, `- ${t('mineral.refEu')}`, `- ${t('mineral.refMethods')}`, '');
  return out.join('\n');
}

/** The preset scenario that disrupts this mineral (the first listed), for the bottom line's stock figures. */
const presetFor = (mineral: string) => listScenarios().find((p) => p.minerals.includes(mineral));

/**
 * The bottom line: what is exposed (China's share of world production; the most exposed trio member's
 * three views shipped by / refined in / mined in), controls in force, how long stocks last and what pooling adds
 * in the mineral's preset scenario, and the first lever (the largest non-Chinese supplier of that member).
 */
async function bottomLine(db: Db, r: AssessResult, tr: Translator): Promise<string[]> {
  const { t } = tr;
  // mid-sentence, English writes the mineral in lower case (Korean and Japanese have no case)
  const mName = tr.locale === 'en' ? tr.mineral(r.mineral).toLowerCase() : tr.mineral(r.mineral);
  const lines: string[] = [];
  const main = r.production.find((s) => !s.secondary);
  if (main) {
    const top = main.shares.find((x) => x.share !== null);
    const chinaTop = !top || top.country === 'CHN';
    const estimate = main.source.edition !== null && main.year >= main.source.edition - 1;
    lines.push(
      main.chinaShare === null
        ? t('mineral.bottom.productionUnknown', { mineral: mName, year: main.year })
        : t(`mineral.bottom.${chinaTop ? 'productionChina' : 'production'}${estimate ? 'Estimate' : ''}`, {
            mineral: mName,
            share: tr.pct(main.chinaShare, 0),
            top: tr.country(top?.country ?? 'CHN'),
            topShare: tr.pct(top?.share ?? main.chinaShare, 0),
            stage: t(`common:stage.${main.stage}`),
            year: main.year,
          }),
    );
  } else lines.push(t('mineral.bottom.noProduction', { mineral: mName }));
  // where refining is the chokepoint (cobalt, tungsten, graphite…): China's refining share, secondary source
  const refinery = r.production.find((s) => s.secondary);
  if (refinery?.chinaShare !== null && refinery?.chinaShare !== undefined)
    lines.push(
      t('mineral.bottom.refinedChina', {
        mineral: mName,
        share: tr.pct(refinery.chinaShare, 0),
        source: refinery.source.file.replace(/^.*upstream: /, ''),
      }),
    );
  // Exposure that does not hide direct dependence: the larger of shipped by China and refined in China.
  const exposure = (i: Importer) => {
    const xs = [i.dependence?.shippedBy.china, i.dependence?.refinedIn.china].filter(
      (x): x is number => typeof x === 'number',
    );
    return xs.length ? Math.max(...xs) : null;
  };
  const measured = r.importers.filter((i) => i.partners && exposure(i) !== null);
  const worst = [...measured].sort((a, b) => (exposure(b) ?? 0) - (exposure(a) ?? 0))[0];
  if (worst) {
    // one sentence per trio country: the three views, their basis and coverage
    for (const i of r.importers) lines.push(`${dependenceSentence(tr, r.mineral, i)}.`);
    const rec = sourcesOf(r, 'USA')?.reconciliation;
    const head = rec && headlinePhrase(tr, rec);
    if (rec && head) {
      const others = rec.figures
        .filter((f) => !isHeadline(rec, f) && f.china !== null)
        .map(
          (f) =>
            `${sourceName(tr, f)} ${yearsRange(f.years)} ${tr.pct(f.china, (f.china ?? 0) < 0.1 ? 1 : 0)}`,
        );
      lines.push(
        t(others.length ? 'mineral.bottom.usSources' : 'mineral.bottom.usSourcesOne', {
          headline: head,
          others: tr.list(others),
        }),
      );
    }
  } else
    lines.push(
      t('mineral.bottom.noTrade', {
        reason: r.importers.find((i) => i.reason)?.reason ?? t('common:reason.insufficient_data'),
      }),
    );
  const inForce = r.exportControls.filter((c) => c.stateAtYearEnd === 'in_force');
  lines.push(
    inForce.length
      ? t('mineral.bottom.controls', {
          year: r.year,
          list: tr.list(
            inForce.map(
              (c) =>
                `${tr.country(c.imposer)} ${tr.tOr(`mineral.controlType.${c.type}`, c.type)} (${tr.date(c.effective)})`,
            ),
          ),
        })
      : t('mineral.bottom.noControls', { year: r.year }),
  );
  const preset = presetFor(r.mineral);
  if (preset) {
    const run: ScenarioResult = await runScenario(db, { preset: preset.id, pool: [...TRIO] });
    const who = worst?.country ?? 'KOR';
    const own = run.pooling?.byMineral
      .find((b) => b.mineral === r.mineral)
      ?.members.find((x) => x.country === who);
    const c = run.countries.find((x) => x.country === who && x.mineral === r.mineral);
    if (own && c)
      lines.push(
        t(own.daysGained > 0.05 ? 'mineral.bottom.stress' : 'mineral.bottom.stressNoGain', {
          scenario: run.scenario.name,
          country: tr.country(who),
          without: t('common:unit.months', { count: own.ttsNoAgreement }),
          with: t('common:unit.months', { count: own.ttsWithAgreement }),
          horizon: run.scenario.horizonMonths,
          days: tr.num(own.daysGained, 0),
          censored: c.ttsCensored ? t('mineral.bottom.censored', { months: run.scenario.horizonMonths }) : '',
        }),
      );
  }
  if (worst?.partners) {
    const alt = worst.partners.find((p) => p.country !== 'CHN' && (p.share ?? 0) > 0);
    if (alt)
      lines.push(
        t('mineral.bottom.lever', {
          country: tr.country(worst.country),
          partner: tr.country(alt.country),
          share: tr.pct(alt.share, 0),
        }),
      );
  }
  return lines;
}

/** "Reproduce the EU's own number": EU-style global shares and the EU's published inputs beside the EU value. */
function euReproductionSection(r: AssessResult, tr: Translator): string[] {
  const { t } = tr;
  const fix = (x: number | null | undefined, d = 2) => tr.num(x, d);
  const rep = r.risk.euReproduction;
  const out = [`### ${t('mineral.h.euReproduction')}`, ''];
  if (!rep.available) return [...out, t('mineral.notAvailable', { reason: rep.reason }), ''];
  out.push(
    table(
      [
        t('mineral.col.euStage'),
        t('mineral.col.euBasis'),
        'EU 2023 SR',
        t('mineral.col.reproduced'),
        t('mineral.col.gap'),
        t('mineral.col.sharesUsed'),
        t('mineral.col.status'),
      ],
      rep.stages.map((s) => [
        s.stage + (s.stage === rep.published.srStage ? ` (${t('mineral.euHeadline')})` : ''),
        s.basis,
        s.publishedSr ?? '—',
        s.reproducedSr == null ? '—' : fix(s.reproducedSr),
        s.gap == null ? '—' : fix(s.gap),
        s.supply ? `${s.supply.year}, ${s.supply.source}` : '—',
        s.complete
          ? t(s.withinTolerance ? 'mineral.completeWithin' : 'mineral.completeOutside', {
              tolerance: rep.tolerance,
            })
          : t('mineral.incomplete', { missing: s.missing.join('; ') }),
      ]),
    ),
    t('mineral.trioSr', {
      year: r.year,
      values: TRIO.filter((c) => rep.trio[c])
        .map((c) => `${tr.country(c)} ${rep.trio[c].sr == null ? '—' : fix(rep.trio[c].sr)}`)
        .join(', '),
      differences: rep.differences.join('; '),
    }),
    '',
  );
  return out;
}
