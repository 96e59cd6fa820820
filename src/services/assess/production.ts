// The assessment's production stage: production concentration of one USGS stage and year under the one
// production-share rule (src/analysis/production-shares.ts: shares of max(rounded world total, listed countries
// + Other countries); withheld values and countries that may sit inside "Other countries" are null with their
// reason, never 0), plus the WGI-weighted HHI the EU supply-risk method needs. `minsec production` reads the same
// rule, so the two faces give the same share for every country, mineral, stage and year.
import { type GovernedSupplier, hhiWgi } from '../../analysis/hhi-wgi.ts';
import { productionShares, type ShareReason } from '../../analysis/production-shares.ts';
import type * as q from '../../store/queries/vulnerability.ts';
import { type Context, type Gap, tOf, wgiOf } from './data.ts';

export interface ProductionStage {
  stage: string;
  year: number;
  unit: string;
  secondary: boolean;
  /** What the shares divide by (the larger of the rounded world total and the listed sum); null without a total. */
  world: number | null;
  /** The published (rounded) USGS world total. */
  worldTotal: number | null;
  denominator: number | null;
  denominatorBasis: 'world total' | 'listed sum' | null;
  shares: {
    country: string;
    label: string;
    value: number | null;
    share: number | null;
    reason: ShareReason | null;
    estimate: boolean;
    sourceLine: number | null;
  }[];
  otherShare: number | null;
  /** 0–10,000 over listed countries (lower bound: Other countries left out). */
  hhi: number | null;
  hhiUpper: number | null;
  top1: number | null;
  top3: number | null;
  chinaShare: number | null;
  chinaReason: ShareReason | null;
  estimate: boolean;
  hhiWgi: number | null;
  source: { table: string; file: string; edition: number | null; worldLine: number | null };
}

const gapReason = (r: ShareReason | null) => (r === 'withheld' ? 'withheld' : 'not_reported');

export function productionStage(
  ctx: Context,
  mineral: string,
  stage: string,
  year: number,
  rows: q.ProductionRow[],
  gaps: Gap[],
): ProductionStage {
  const edition = rows[0].edition;
  const rule = productionShares(rows, { year, edition });
  const topic = `${stage} production ${year}`;
  if (rule.listedExceedsWorld)
    gaps.push({
      topic,
      reason: 'insufficient_data',
      detail: `listed countries sum to ${rule.listedSum} ${rows[0].unit}, above the rounded world total ${rule.worldTotal} (line ${rule.worldLine}): shares are of the listed sum`,
    });
  for (const s of rule.shares.filter((x) => x.quantity === null)) {
    const r = rows.find((x) => x.source_line === s.sourceLine);
    gaps.push({
      topic,
      reason: gapReason(s.reason),
      detail: `${s.label}: USGS value ${r?.raw ?? s.reason ?? 'missing'} (line ${s.sourceLine})`,
    });
  }
  if (rule.denominator === null)
    gaps.push({ topic, reason: 'not_reported', detail: 'USGS gives no world total: shares are null' });

  const date = `${year}-12-31`;
  const suppliers: GovernedSupplier[] = rule.shares
    .filter((s) => s.share !== null)
    .map((s) => ({
      country: s.country,
      share: s.share!,
      wgi: wgiOf(ctx, s.country, year).wgi,
      t: tOf(ctx, mineral, s.country, null, date).t,
    }));
  const otherShare = rule.other?.share ?? null;
  if (otherShare) suppliers.push({ country: null, share: otherShare, wgi: null });
  const src = ctx.sources.get(rows[0].source_id);
  return {
    stage,
    year,
    unit: rows[0].unit,
    secondary: false,
    world: rule.denominator,
    worldTotal: rule.worldTotal,
    denominator: rule.denominator,
    denominatorBasis: rule.denominatorBasis,
    shares: rule.shares.map((s) => ({
      country: s.country,
      label: s.label,
      value: s.quantity,
      share: s.share,
      reason: s.reason,
      estimate: s.estimate,
      sourceLine: s.sourceLine,
    })),
    otherShare,
    hhi: rule.hhi,
    hhiUpper: rule.hhiUpper,
    top1: rule.top1,
    top3: rule.top3,
    chinaShare: rule.chinaShare,
    chinaReason: rule.chinaReason,
    estimate: rule.estimate,
    hhiWgi: rule.denominator === null ? null : (hhiWgi(suppliers)?.value ?? null),
    source: {
      table: 'usgs_world',
      file: src?.file ?? `source ${rows[0].source_id}`,
      edition,
      worldLine: rule.worldLine,
    },
  };
}
