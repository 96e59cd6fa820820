// Typed reads of USGS world tables.
import type { Db } from '../db.ts';

export interface UsgsWorldRow {
  country: string | null;
  country_label: string;
  row_kind: 'country' | 'other' | 'world';
  value: number | null;
  unit: string;
  null_reason: string | null;
  bound: string | null;
  estimated: boolean | null;
  series: string;
  edition: number;
  source_id: number;
  source_line: number;
}

/** Years with a world total for (mineral, measure, stage), with the edition the view takes for each. */
export async function worldYears(db: Db, mineral: string, measure: string, stage: string | null) {
  return db.all<{ year: number; edition: number }>(
    `SELECT year, edition FROM usgs_latest
     WHERE mineral = ? AND measure = ? AND coalesce(stage, '') = ? AND row_kind = 'world'
     ORDER BY year`,
    [mineral, measure, stage ?? ''],
  );
}

/** Every row of one edition's table for (mineral, measure, stage, year). */
export async function worldTable(
  db: Db,
  q: { mineral: string; measure: string; stage: string | null; year: number; edition: number },
) {
  return db.all<UsgsWorldRow>(
    `SELECT country, country_label, row_kind, value, unit, null_reason, bound, estimated, series, edition, source_id, source_line
     FROM usgs_world WHERE mineral = ? AND measure = ? AND coalesce(stage, '') = ? AND year = ? AND edition = ?
     ORDER BY source_line`,
    [q.mineral, q.measure, q.stage ?? '', q.year, q.edition],
  );
}

export async function sourceById(db: Db, id: number) {
  return db.one<{ source_id: number; file: string; release: string; citation: string; licence: string }>(
    'SELECT source_id, file, release, citation, licence FROM sources WHERE source_id = ?',
    [id],
  );
}
