// Typed reads for the net assessment and cooperation agenda: the trio's BACI imports by HS6 code (for the
// shared-trade-code measure). Each (year, exporter, importer, hs) flow is counted once even where the extract
// files it under several materials of a shared code.
import type { Db } from '../db.ts';

export interface ImportsByCode {
  importer: string;
  hs: string;
  valueUsd: number;
  flows: number;
}

/** Latest BACI year in the database, or null when no BACI rows are loaded. */
export async function latestBaciYear(db: Db): Promise<number | null> {
  const row = await db.one<{ y: number | null }>("SELECT max(year) AS y FROM trade WHERE dataset = 'baci'");
  return row?.y ?? null;
}

/** Imports of the given importers in one year, by HS6 code, restricted to the given codes. */
export async function importsByCode(
  db: Db,
  q: { year: number; importers: readonly string[]; codes: readonly string[] },
): Promise<ImportsByCode[]> {
  if (!q.importers.length || !q.codes.length) return [];
  const imp = q.importers.map(() => '?').join(', ');
  const codes = q.codes.map(() => '?').join(', ');
  return db.all<ImportsByCode>(
    `SELECT importer, hs, sum(value_usd) AS "valueUsd", count(*) AS flows
     FROM (SELECT DISTINCT year, exporter, importer, hs, value_usd FROM trade
           WHERE dataset = 'baci' AND year = ? AND importer IN (${imp}) AND hs IN (${codes}) AND value_usd IS NOT NULL)
     GROUP BY importer, hs ORDER BY importer, hs`,
    [q.year, ...q.importers, ...q.codes],
  );
}

export interface PolicyRow {
  country: string;
  title: string;
  year: number | null;
  status: string | null;
  policy_type: string | null;
  url: string | null;
  source_id: number;
  source_line: number;
}

/** IEA Critical Minerals Policy Explorer rows of the given countries (metadata only; no description text). */
export async function policiesOf(db: Db, countries: readonly string[]): Promise<PolicyRow[]> {
  if (!countries.length) return [];
  return db.all<PolicyRow>(
    `SELECT countries AS country, title, year, status, policy_type, url, source_id, source_line FROM policies
     WHERE countries IN (${countries.map(() => '?').join(', ')}) ORDER BY countries, year, title`,
    [...countries],
  );
}
