// The static SVG figures of each briefing: the dashboard's charts (src/report/charts.ts) drawn on the server
// with linkedom as the DOM, from the same service results the briefing's text is written from.
import { parseHTML } from 'linkedom';
import { TRIO } from '../model/countries.ts';
import { alignment } from '../services/alignment.ts';
import { assess } from '../services/assess.ts';
import { netAssess } from '../services/netassess.ts';
import { partners } from '../services/partners.ts';
import type { Db } from '../store/db.ts';
import { hhiTrend, producerBars, rankIntervals, seriesLines, shareTrend, stageHeatmap } from './charts.ts';
import type { BriefFigure } from './html.ts';

const WIDTH = 720;
const NAMES: Record<string, string> = { KOR: 'South Korea', JPN: 'Japan', USA: 'United States' };

function svgOf(draw: (document: Document) => Element): string {
  const { document } = parseHTML('<!doctype html><html><body></body></html>');
  return draw(document as unknown as Document).outerHTML;
}

export async function mineralFigures(db: Db, mineral: string): Promise<BriefFigure[]> {
  const a = await assess(db, { mineral, trends: true });
  const figures: BriefFigure[] = [];
  const main = a.production.find((s) => !s.secondary) ?? a.production[0];
  if (main)
    figures.push({
      title: `Share of world ${main.stage} production, ${main.year} (${main.unit})`,
      source: `USGS Mineral Commodity Summaries (${main.source.file}, edition ${main.source.edition})`,
      after: 'Who produces it',
      svg: svgOf((document) =>
        producerBars(
          main.shares
            .filter((s) => s.share !== null)
            .map((s) => ({
              country: s.country,
              label: s.label,
              share: s.share as number,
              quantity: s.value,
            })),
          { width: WIDTH, unit: main.unit, document },
        ),
      ),
    });
  const imports = a.trends?.imports ?? null;
  if (imports) {
    const tradeSource = `CEPII BACI (Etalab 2.0), HS ${a.importers[0]?.codes
      .filter((c) => c.inSharedData)
      .map((c) => c.hs6)
      .join(', ')}`;
    figures.push({
      title: "China's share of each trio country's imports (direct, by value)",
      source: tradeSource,
      after: 'Trends',
      svg: svgOf((document) =>
        shareTrend(
          imports.flatMap((t) =>
            t.series.map((s) => ({
              year: s.year,
              measure: NAMES[t.country] ?? t.country,
              value: s.chinaShare,
            })),
          ),
          { width: WIDTH, label: 'China share', document },
        ),
      ),
    });
    figures.push({
      title: 'Concentration of imports (HHI) and of world production',
      source: `${tradeSource}; USGS MCS`,
      after: 'Trends',
      svg: svgOf((document) =>
        hhiTrend(
          [
            ...imports.flatMap((t) =>
              t.series.map((s) => ({ series: `${t.country} imports`, year: s.year, hhi: s.hhi })),
            ),
            ...(a.trends?.production ?? []).flatMap((p) =>
              p.series.map((s) => ({ series: `world ${p.stage}`, year: s.year, hhi: s.hhi })),
            ),
          ],
          { width: WIDTH, document },
        ),
      ),
    });
  }
  return figures;
}

const PARTNER_DRAWS = 500;
const RANKING_SHOWN = 20;

export async function partnerFigures(db: Db, code: string): Promise<BriefFigure[]> {
  const iso3 = code.toUpperCase();
  const r = await partners(db, { draws: PARTNER_DRAWS, include: iso3 });
  const shown = r.ranking.slice(0, RANKING_SHOWN);
  if (!shown.some((x) => x.country === iso3)) shown.push(...r.ranking.filter((x) => x.country === iso3));
  const figures: BriefFigure[] = [
    {
      title: `Partner ranking: rank and 5th–95th percentile interval (${PARTNER_DRAWS} weight draws)`,
      source: [...new Set(Object.values(r.indicators).map((i) => i.source))].join('; '),
      after: 'Place in the partner ranking',
      svg: svgOf((document) =>
        rankIntervals(
          shown.map((x) => ({
            label: x.country,
            rank: x.rank,
            low: x.rankInterval?.[0] ?? null,
            high: x.rankInterval?.[1] ?? null,
            highlight: x.country === iso3,
          })),
          { width: WIDTH, marginLeft: 50, document },
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
    title: `UNGA ideal-point distance of ${iso3} to each trio member (lower = closer)`,
    source: 'Voeten, UNGA ideal points July 2025, doi:10.7910/DVN/LEJUQZ (Bailey, Strezhnev & Voeten 2017)',
    after: 'Alignment history',
    svg: svgOf((document) =>
      seriesLines(
        series.flatMap(({ t, years }) =>
          years.map((y) => ({ x: y.year, y: y.idealPointDistance, series: t })),
        ),
        { width: WIDTH, yLabel: 'distance |θa − θb|', document },
      ),
    ),
  });
  return figures;
}

export async function trilateralFigures(db: Db): Promise<BriefFigure[]> {
  const n = await netAssess(db, { overlay: false });
  const stages = Object.keys(n.countries[0]?.stageScores ?? {});
  return [
    {
      title: 'Maturity by supply-chain stage (0 absent … 4 operating with results)',
      source: 'minsec trio catalog (src/catalog/trio/*.yaml; each entry cites its source)',
      after: 'Coverage by stage',
      svg: svgOf((document) =>
        stageHeatmap(
          n.countries.flatMap((c) =>
            Object.entries(c.stageScores).map(([stage, score]) => ({ country: c.country, stage, score })),
          ),
          { width: WIDTH, stages, document },
        ),
      ),
    },
  ];
}
