// Typed reads for the side-by-side trade sources (src/services/assess/us-sources.ts): USGS import sources (the
// latest edition per mineral), U.S. imports by partner from USITC DataWeb (HTS4 headings), China's monthly
// exports (dataset china-monthly) and BACI's flows from one exporter to one importer. Parameterised SQL only.
import type { Db } from '../db.ts';
import type { ImportSourceRow } from './vulnerability.ts';

export type { ImportSourceRow };

/** Every import-source row of a mineral in its latest MCS edition, in the order USGS lists them. */
export async function latestImportSources(db: Db, mineral: string): Promise<ImportSourceRow[]> {
  return db.all<ImportSourceRow>(
    `SELECT series, country, country_label, row_kind, period, edition, share_pct, source_id, source_line
     FROM usgs_import_sources
     WHERE mineral = ? AND edition = (SELECT max(edition) FROM usgs_import_sources WHERE mineral = ?)
     ORDER BY source_line`,
    [mineral, mineral],
  );
}

export interface UsitcImportRow {
  hs: string;
  /** The mineral the DataWeb file files the heading under (model id where one exists). */
  mineral: string | null;
  exporter: string;
  year: number;
  value_usd: number | null;
  quantity_t: number | null;
  source_id: number;
}

/** U.S. imports for consumption by partner in the given HTS4 headings and years (USITC DataWeb rows). */
export async function usitcImports(
  db: Db,
  q: { importer: string; headings: readonly string[]; years: readonly number[] },
): Promise<UsitcImportRow[]> {
  if (!q.headings.length || !q.years.length) return [];
  return db.all<UsitcImportRow>(
    `SELECT hs, mineral, exporter, year, value_usd, quantity_t, source_id
     FROM trade
     WHERE dataset = 'usitc' AND flow = 'import' AND importer = ?
       AND hs IN (${q.headings.map(() => '?').join(', ')}) AND year IN (${q.years.map(() => '?').join(', ')})
     ORDER BY hs, year, exporter`,
    [q.importer, ...q.headings, ...q.years],
  );
}

/** The mineral label each HTS4 heading carries in the USITC rows (one heading may carry several minerals). */
export async function usitcHeadingMinerals(db: Db, headings: readonly string[]) {
  if (!headings.length) return [];
  return db.all<{ hs: string; mineral: string | null }>(
    `SELECT DISTINCT hs, mineral FROM trade WHERE dataset = 'usitc' AND hs IN (${headings.map(() => '?').join(', ')})
     ORDER BY hs, mineral`,
    [...headings],
  );
}

export interface FlowTotal {
  months: number;
  value_usd: number | null;
  quantity_t: number | null;
  /** Rows with a quantity (a row without one is not counted in quantity_t). */
  with_quantity: number;
  source_id: number | null;
}

/** China's reported monthly exports of one code to one importer, summed over the months of a year. */
export async function chinaMonthlyTotal(
  db: Db,
  q: { importer: string; hs6: string; year: number },
): Promise<FlowTotal> {
  const r = await db.one<FlowTotal>(
    `SELECT count(*) AS months, sum(value_usd) AS value_usd, sum(quantity_t) AS quantity_t,
            count(quantity_t) AS with_quantity, min(source_id) AS source_id
     FROM trade WHERE dataset = 'china-monthly' AND exporter = 'CHN' AND importer = ? AND hs = ? AND year = ?`,
    [q.importer, q.hs6, q.year],
  );
  return r ?? { months: 0, value_usd: null, quantity_t: null, with_quantity: 0, source_id: null };
}

/** BACI's flow of one code from one exporter to one importer in a year (null when BACI has no such flow). */
export async function baciFlow(
  db: Db,
  q: { exporter: string; importer: string; hs6: string; year: number },
): Promise<{ value_usd: number | null; quantity_t: number | null; source_id: number } | null> {
  return (
    (await db.one<{ value_usd: number | null; quantity_t: number | null; source_id: number }>(
      `SELECT sum(value_usd) AS value_usd, sum(quantity_t) AS quantity_t, min(source_id) AS source_id
       FROM trade WHERE dataset = 'baci' AND exporter = ? AND importer = ? AND hs = ? AND year = ?
       HAVING count(*) > 0`,
      [q.exporter, q.importer, q.hs6, q.year],
    )) ?? null
  );
}
