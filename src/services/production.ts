// Who produces a mineral: each country's share of USGS world production for one year and stage, from the latest
// MCS edition that covers that year, under the one production-share rule (src/analysis/production-shares.ts:
// shares of max(rounded world total, listed countries + Other countries); withheld and unattributed values null
// with their reason, never 0). The assessment's production stage reads the same rule.
import { z } from 'zod';
import { productionShares } from '../analysis/production-shares.ts';
import { UserInputError, unknownChoice } from '../model/errors.ts';
import { MINERALS, mineralById } from '../model/minerals.ts';
import type { ProductionResult } from '../model/results/production.ts';
import type { Db } from '../store/db.ts';
import { sourceById, worldTable, worldYears } from '../store/queries/production.ts';

export const ProductionParams = z.object({
  mineral: z.string().min(1),
  year: z.coerce.number().int().min(1900).max(2100).optional(),
  stage: z.enum(['mine', 'refinery', 'primary']).optional(),
});
export type ProductionParams = z.input<typeof ProductionParams>;

export type { ProductionResult, ProductionShare } from '../model/results/production.ts';

const producible = () => MINERALS.filter((m) => m.usgs).map((m) => m.id);

export async function production(db: Db, input: ProductionParams): Promise<ProductionResult> {
  const p = ProductionParams.parse(input);
  const mineral = mineralById(p.mineral);
  if (!mineral) unknownChoice('mineral', p.mineral, producible(), 'mineral');
  if (!mineral.usgs)
    throw new UserInputError(
      `${mineral.id}: ${mineral.notes[0] ?? 'no USGS production series'}`,
      'mineral',
      404,
    );
  const stages = [...new Set(mineral.usgs.series.map((s) => s.stage))];
  const stage = p.stage ?? stages[0];
  if (!stages.includes(stage))
    throw new UserInputError(
      `${mineral.id} has no USGS ${stage} series; available: ${stages.join(', ')}`,
      'stage',
    );

  const years = await worldYears(db, mineral.id, 'production', stage);
  if (!years.length)
    throw new UserInputError(
      `no USGS ${stage} production for ${mineral.id} in the database (run minsec data build)`,
      'mineral',
      404,
    );
  const year = p.year ?? years[years.length - 1].year;
  const hit = years.find((y) => y.year === year);
  if (!hit)
    throw new UserInputError(
      `no USGS ${stage} production for ${mineral.id} in ${year}; years: ${years.map((y) => y.year).join(', ')}`,
      'year',
      404,
    );

  const rows = await worldTable(db, {
    mineral: mineral.id,
    measure: 'production',
    stage,
    year,
    edition: hit.edition,
  });
  const rule = productionShares(rows, { year, edition: hit.edition });
  const world = rule.worldTotal;
  const unit = rows[0].unit;
  const notes: string[] = [];
  const { COUNTRIES } = await import('../model/countries.ts');
  const nameOf = (iso3: string) => COUNTRIES.find((c) => c.iso3 === iso3)?.name ?? iso3;

  if (rule.denominator === null)
    notes.push(
      `USGS gives no world total for ${year} (${rows.find((r) => r.row_kind === 'world')?.null_reason ?? 'absent'}): shares are null.`,
    );
  if (rule.listedExceedsWorld)
    notes.push(
      `Listed countries and "Other countries" sum to ${rule.listedSum} ${unit}, above the rounded world total ${world}: shares are of the listed sum (the larger of the two), so they add up to at most 100%.`,
    );
  for (const s of rule.shares.filter((x) => x.quantity === null))
    notes.push(`${nameOf(s.country)}: value ${s.reason} in USGS (share unknown, left out of HHI).`);
  if (rule.chinaReason === 'other_countries_unattributed')
    notes.push(
      'China is not listed separately: its share, if any, sits inside "Other countries" (chinaShare null).',
    );
  notes.push(
    'HHI and top-3 use the listed countries; "Other countries" is an aggregate remainder and is left out (HHI is a lower bound; hhiUpper counts it as one producer).',
  );
  if (rule.estimate) notes.push(`Figures for ${year} include USGS estimates.`);
  const src = (await sourceById(db, rows[0].source_id))!;
  return {
    mineral: mineral.id,
    stage,
    year,
    unit,
    world,
    denominator: rule.denominator,
    denominatorBasis: rule.denominatorBasis,
    listedSum: rule.listedSum,
    shares: rule.shares.map((s) => ({
      country: s.country,
      name: nameOf(s.country),
      quantity: s.quantity,
      share: s.share,
      estimated: s.estimate,
      nullReason: s.reason,
      bound: s.bound,
      sourceLine: s.sourceLine,
    })),
    otherCountries: rule.other
      ? { quantity: rule.other.quantity, share: rule.other.share, nullReason: rule.other.reason }
      : null,
    hhi: rule.hhi,
    hhiUpper: rule.hhiUpper,
    top3: rule.top3,
    chinaShare: rule.chinaShare,
    chinaReason: rule.chinaReason,
    estimate: rule.estimate,
    source: {
      sourceId: src.source_id,
      file: src.file,
      release: src.release,
      citation: src.citation,
      licence: src.licence,
      edition: hit.edition,
      worldLine: rule.worldLine,
    },
    availableYears: years.map((y) => y.year),
    notes,
  };
}
