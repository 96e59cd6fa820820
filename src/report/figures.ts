// The static SVG figures of each briefing: the dashboard's charts (src/report/charts.ts) drawn on the server
// with linkedom as the DOM, from the same service results the briefing's text is written from.
import { parseHTML } from 'linkedom';
import type { Translator } from '../i18n/core.ts';
import { TRIO } from '../model/countries.ts';
import { alignment } from '../services/alignment.ts';
import { assess } from '../services/assess.ts';
import { netAssess } from '../services/netassess.ts';
import { partners } from '../services/partners.ts';
import type { Db } from '../store/db.ts';
import {
  hhiTrend,
  producerBars,
  rankIntervals,
  seriesLines,
  shareTrend,
  stageHeatmap,
  viewBars,
} from './charts.ts';
import { VIEWS, viewName } from './dependence.ts';
import type { BriefFigure } from './html.ts';

const WIDTH = 720;

function svgOf(draw: (document: Document) => Element): string {
  const { document } = parseHTML('<!doctype html><html><body></body></html>');
  return draw(document as unknown as Document).outerHTML;
}

export async function mineralFigures(db: Db, mineral: string, tr: Translator): Promise<BriefFigure[]> {
  const { t } = tr;
  const a = await assess(db, { mineral, trends: true });
  const figures: BriefFigure[] = [];
  const main = a.production.find((s) => !s.secondary) ?? a.production[0];
  if (main)
    figures.push({
      title: t('figures.productionTitle', {
        stage: t(`common:stage.${main.stage}`),
        year: main.year,
        unit: tr.unit(main.unit),
      }),
      source: t('figures.productionSource', { file: main.source.file, edition: main.source.edition }),
      after: t('mineral.h.production'),
      svg: svgOf((document) =>
        producerBars(
          main.shares
            .filter((s) => s.share !== null)
            .map((s) => ({
              country: s.country,
              label: s.country ? tr.country(s.country) : s.label,
              share: s.share as number,
              quantity: s.value,
            })),
          { width: WIDTH, unit: tr.unit(main.unit), document, xLabel: t('figures.shareOfWorld') },
        ),
      ),
    });
  const tradeSource = t('figures.tradeSource', {
    codes: a.importers[0]?.codes
      .filter((c) => c.loaded)
      .map((c) => c.hs6)
      .join(', '),
  });
  const views = VIEWS.map((k) => viewName(tr, k));
  const measured = a.importers.filter(
    (i) => i.dependence && VIEWS.some((k) => i.dependence?.[k].china !== null),
  );
  if (measured.length)
    figures.push({
      title: t('figures.viewsTitle', { year: a.year }),
      source: tradeSource,
      after: t('mineral.h.dependence'),
      svg: svgOf((document) =>
        viewBars(
          measured.flatMap((i) =>
            VIEWS.map((k, n) => ({
              group: tr.country(i.country),
              view: views[n],
              share: i.dependence?.[k].china ?? null,
            })),
          ),
          { width: WIDTH, label: t('figures.chinaShare'), views, document },
        ),
      ),
    });
  const imports = a.trends?.imports ?? null;
  if (imports) {
    const field = {
      shippedBy: 'shippedByChina',
      refinedIn: 'refinedInChina',
      minedIn: 'minedInChina',
    } as const;
    figures.push({
      title: t('figures.chinaShareTitle'),
      source: tradeSource,
      after: t('mineral.h.trends'),
      svg: svgOf((document) =>
        shareTrend(
          imports.flatMap((t) =>
            t.series.flatMap((s) =>
              VIEWS.map((k, n) => ({
                year: s.year,
                measure: `${tr.country(t.country)}: ${views[n]}`,
                value: s[field[k]],
              })),
            ),
          ),
          { width: WIDTH, label: t('figures.chinaShare'), document },
        ),
      ),
    });
    figures.push({
      title: t('figures.hhiTitle'),
      source: t('figures.hhiSource', { trade: tradeSource }),
      after: t('mineral.h.trends'),
      svg: svgOf((document) =>
        hhiTrend(
          [
            ...imports.flatMap((t) =>
              t.series.map((s) => ({
                series: tr.t('figures.seriesImports', { country: tr.country(t.country) }),
                year: s.year,
                hhi: s.hhi,
              })),
            ),
            ...(a.trends?.production ?? []).flatMap((p) =>
              p.series.map((s) => ({
                series: tr.t('figures.seriesWorld', { stage: tr.t(`common:stage.${p.stage}`) }),
                year: s.year,
                hhi: s.hhi,
              })),
            ),
          ],
          { width: WIDTH, document, yLabel: t('common:unit.hhiScale') },
        ),
      ),
    });
  }
  return figures;
}

const PARTNER_DRAWS = 500;
const RANKING_SHOWN = 20;

export async function partnerFigures(db: Db, code: string, tr: Translator): Promise<BriefFigure[]> {
  const { t } = tr;
  const iso3 = code.toUpperCase();
  const r = await partners(db, { draws: PARTNER_DRAWS, include: iso3 });
  const shown = r.ranking.slice(0, RANKING_SHOWN);
  if (!shown.some((x) => x.country === iso3)) shown.push(...r.ranking.filter((x) => x.country === iso3));
  const figures: BriefFigure[] = [
    {
      title: t('figures.rankingTitle', { draws: PARTNER_DRAWS }),
      source: [...new Set(Object.values(r.indicators).map((i) => i.source))].join('; '),
      after: t('partner.h.ranking'),
      svg: svgOf((document) =>
        rankIntervals(
          shown.map((x) => ({
            label: tr.country(x.country),
            rank: x.rank,
            low: x.rankInterval?.[0] ?? null,
            high: x.rankInterval?.[1] ?? null,
            highlight: x.country === iso3,
          })),
          { width: WIDTH, marginLeft: 110, document, xLabel: t('figures.rankAxis') },
        ),
      ),
    },
  ];
  const series = await Promise.all(
    TRIO.filter((t) => t !== iso3).map(async (t) => ({
      t,
      years: (await alignment(db, { a: iso3, b: t, from: 2000 })).years,
    })),
  );
  figures.push({
    title: t('figures.idealTitle', { country: tr.country(iso3) }),
    source: t('figures.idealSource'),
    after: t('partner.h.alignment'),
    svg: svgOf((document) =>
      seriesLines(
        series.flatMap(({ t, years }) =>
          years.map((y) => ({ x: y.year, y: y.idealPointDistance, series: tr.country(t) })),
        ),
        { width: WIDTH, yLabel: tr.t('figures.idealAxis'), document },
      ),
    ),
  });
  return figures;
}

export async function trilateralFigures(db: Db, tr: Translator): Promise<BriefFigure[]> {
  const { t } = tr;
  const n = await netAssess(db, { overlay: false });
  const stages = Object.keys(n.countries[0]?.stageScores ?? {});
  const levels = [0, 1, 2, 3, 4].map((l) => t(`trilateral.level${l}`));
  return [
    {
      title: t('figures.maturityTitle'),
      source: t('figures.catalogSource'),
      after: t('trilateral.h.coverage'),
      svg: svgOf((document) =>
        stageHeatmap(
          n.countries.flatMap((c) =>
            Object.entries(c.stageScores)
              // a not-catalogued stage (null) is left blank, never drawn as 0
              .filter((e): e is [string, number] => e[1] !== null)
              .map(([stage, score]) => ({ country: c.country, stage, score })),
          ),
          {
            width: WIDTH,
            stages,
            document,
            levels,
            stageLabel: (s) => tr.tOr(`trilateral.stage.${s}`, s),
            countryLabel: (c) => tr.country(c),
          },
        ),
      ),
    },
  ];
}
