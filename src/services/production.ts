// Who produces a mineral: each country's share of the USGS world total for one year and stage, from the latest
// MCS edition that covers that year. Shares are taken of the published, rounded world total, as USGS computes
// them; listed countries that sum past that total are noted, not rescaled.
import { z } from 'zod';
import { hhi, topN } from '../analysis/concentration.ts';
import { UserInputError, unknownChoice } from '../model/errors.ts';
import { MINERALS, mineralById } from '../model/minerals.ts';
import type { Db } from '../store/db.ts';
import { sourceById, worldTable, worldYears } from '../store/queries/production.ts';

export const ProductionParams = z.object({
  mineral: z.string().min(1),
  year: z.coerce.number().int().min(1900).max(2100).optional(),
  stage: z.enum(['mine', 'refinery', 'primary']).optional(),
});
export type ProductionParams = z.input<typeof ProductionParams>;

export interface ProductionShare {
  country: string;
  name: string;
  quantity: number | null;
  share: number | null;
  estimated: boolean;
  nullReason: string | null;
  sourceLine: number;
}

export interface ProductionResult {
  mineral: string;
  stage: string;
  year: number;
  unit: string;
  world: number | null;
  shares: ProductionShare[];
  otherCountries: { quantity: number | null; share: number | null } | null;
  hhi: number | null;
  top3: number | null;
  chinaShare: number | null;
  source: {
    sourceId: number;
    file: string;
    release: string;
    citation: string;
    licence: string;
    edition: number;
    worldLine: number | null;
  };
  availableYears: number[];
  notes: string[];
}

/**
 * China's share; when USGS does not list China it is 0 only if "Other countries" is zero too, else unknown
 * (China may sit inside that remainder) and said so.
 */
function chinaShareOf(
  shares: ProductionShare[],
  other: number | null,
  world: number | null,
  notes: string[],
) {
  const listed = shares.find((s) => s.country === 'CHN');
  if (listed) return listed.share;
  if (world === null) return null;
  if (other === 0) return 0;
  notes.push(
    'China is not listed separately: its share, if any, sits inside "Other countries" (chinaShare null).',
  );
  return null;
}

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
  const worldRow = rows.find((r) => r.row_kind === 'world');
  const world = worldRow?.value ?? null;
  const notes: string[] = [];
  const of = (q: number | null) => (q !== null && world ? q / world : null);
  const { COUNTRIES } = await import('../model/countries.ts');
  const nameOf = (iso3: string) => COUNTRIES.find((c) => c.iso3 === iso3)?.name ?? iso3;

  const shares: ProductionShare[] = rows
    .filter((r) => r.row_kind === 'country')
    .map((r) => ({
      country: r.country!,
      name: nameOf(r.country!),
      quantity: r.value,
      share: of(r.value),
      estimated: Boolean(r.estimated),
      nullReason: r.null_reason,
      sourceLine: r.source_line,
    }))
    .sort((a, b) => (b.quantity ?? -1) - (a.quantity ?? -1));
  const other = rows.find((r) => r.row_kind === 'other');

  if (world === null)
    notes.push(
      `USGS gives no world total for ${year} (${worldRow?.null_reason ?? 'absent'}): shares are null.`,
    );
  const listed = shares.reduce((s, x) => s + (x.quantity ?? 0), 0) + (other?.value ?? 0);
  if (world !== null && listed > world)
    notes.push(
      `Listed countries and "Other countries" sum to ${listed} ${worldRow!.unit}, above the rounded world total ${world}: shares are of the published total and are not rescaled.`,
    );
  for (const s of shares.filter((x) => x.quantity === null))
    notes.push(`${s.name}: value ${s.nullReason} in USGS (share unknown, left out of HHI).`);
  // HHI needs shares that sum to at most 1: when the listed values exceed the rounded total, it is taken
  // over their own sum instead (and said so).
  const base = world !== null && listed > world ? listed : world;
  const known = shares.filter((s) => s.quantity !== null && base).map((s) => s.quantity! / base!);
  notes.push(
    'HHI and top-3 use the listed countries; "Other countries" is an aggregate remainder and is left out.',
  );
  if (base !== world)
    notes.push(
      `HHI and top-3 are taken over the listed sum (${listed}) because it exceeds the rounded world total.`,
    );
  const src = (await sourceById(db, rows[0].source_id))!;
  return {
    mineral: mineral.id,
    stage,
    year,
    unit: rows[0].unit,
    world,
    shares,
    otherCountries: other ? { quantity: other.value, share: of(other.value) } : null,
    hhi: world === null ? null : hhi(known),
    top3: world === null ? null : topN(known, 3),
    chinaShare: chinaShareOf(shares, other?.value ?? null, world, notes),
    source: {
      sourceId: src.source_id,
      file: src.file,
      release: src.release,
      citation: src.citation,
      licence: src.licence,
      edition: hit.edition,
      worldLine: worldRow?.source_line ?? null,
    },
    availableYears: years.map((y) => y.year),
    notes,
  };
}
