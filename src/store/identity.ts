// What identifies a record and what a source covers, per table.
//
// - key: the columns that name one record. Two rows of one file with the same key are duplicates (an import
//   error naming both lines), because every figure built on the table would count the record twice.
// - coverage: the slices of a dataset a source covers, as (dataset, year, code). A source is identified by its
//   content (SHA-256, src/store/load.ts) and by these slices: a second source whose slices meet an earlier
//   one's is another release or another copy of the same data, so it is refused, or replaces the earlier rows
//   of those slices with --replace; it is never added on top.
//
// The slices follow how each source is published: BACI is a complete bilateral matrix per year and HS6 code
// (a release of 2022 × 811292 replaces every 2022 × 811292 row, whichever file carried it); UN Comtrade rows
// are one reporter's declarations (year × code × reporter × flow); a USGS MCS edition publishes its tables
// side by side with other editions (the views pick the latest), so the edition is part of the slice; WGI is
// per year and indicator; UN votes per roll call; ideal points and ATOP per year; memberships per group; the
// IEA policy list is one list.
import type { TableName } from './schema.ts';

export interface TableIdentity {
  /** SQL expressions over the table's columns naming one record. */
  key: string[];
  /** The key in words, for error messages. */
  keyLabel: string;
  /** SQL expressions giving a row's coverage slice: dataset (text), year (integer or NULL), code (text or NULL). */
  dataset: string;
  year: string;
  code: string;
}

const cc = (col: string, kind = 'row_kind', label = 'country_label') =>
  `coalesce(${col}, ${kind} || ':' || ${label})`;

export const IDENTITY: Record<TableName, TableIdentity> = {
  usgs_world: {
    key: ['mineral', 'measure', "coalesce(stage, '')", 'series', cc('country'), 'year', 'edition'],
    keyLabel: 'mineral, measure, stage, series, country, year and edition',
    dataset: "'usgs_world'",
    year: 'year',
    code: "mineral || '|' || measure || '|' || coalesce(stage, '') || '|MCS ' || edition",
  },
  usgs_nir: {
    key: ['mineral', 'series', 'year', 'edition'],
    keyLabel: 'mineral, series, year and edition',
    dataset: "'usgs_nir'",
    year: 'year',
    code: "mineral || '|MCS ' || edition",
  },
  usgs_salient: {
    key: ['mineral', 'statistic', 'series', 'year', 'edition'],
    keyLabel: 'mineral, statistic, series, year and edition',
    dataset: "'usgs_salient'",
    year: 'year',
    code: "mineral || '|MCS ' || edition",
  },
  usgs_import_sources: {
    key: ['mineral', 'series', cc('country'), 'period', 'edition'],
    keyLabel: 'mineral, series, country, period and edition',
    dataset: "'usgs_import_sources'",
    year: 'NULL::INTEGER',
    code: "mineral || '|' || period || '|MCS ' || edition",
  },
  trade: {
    key: ['dataset', 'year', 'coalesce(month, 0)', 'exporter', 'importer', 'hs', "coalesce(flow, '')"],
    keyLabel: 'dataset, year, month, exporter, importer, HS code and flow',
    dataset: "'trade:' || dataset",
    year: 'year',
    code: `CASE WHEN dataset = 'comtrade'
             THEN hs || '|' || flow || '|' || CASE WHEN flow = 'import' THEN importer ELSE exporter END
             ELSE hs END`,
  },
  governance: {
    key: ['country', 'year', 'indicator'],
    keyLabel: 'country, year and indicator',
    dataset: "'governance'",
    year: 'year',
    code: 'indicator',
  },
  un_roll_calls: {
    key: ['rcid'],
    keyLabel: 'roll call (rcid)',
    dataset: "'un_roll_calls'",
    year: 'year',
    code: 'NULL::VARCHAR',
  },
  un_votes: {
    key: ['rcid', 'country'],
    keyLabel: 'roll call and country',
    dataset: "'un_votes'",
    year: 'NULL::INTEGER',
    code: 'rcid::VARCHAR',
  },
  un_roll_call_issues: {
    key: ['rcid', 'issue'],
    keyLabel: 'roll call and issue',
    dataset: "'un_roll_call_issues'",
    year: 'NULL::INTEGER',
    code: 'rcid::VARCHAR',
  },
  ideal_points: {
    key: ['country', 'year'],
    keyLabel: 'country and year',
    dataset: "'ideal_points'",
    year: 'year',
    code: 'NULL::VARCHAR',
  },
  memberships: {
    key: ['group_name', 'country', "coalesce(status, '')", "coalesce(since, '')", "coalesce(note, '')"],
    keyLabel: 'group, country, status, since and note',
    dataset: "'memberships'",
    year: 'NULL::INTEGER',
    code: 'group_name',
  },
  alliances: {
    key: ['ccode1', 'ccode2', 'year'],
    keyLabel: 'pair of COW codes and year',
    dataset: "'alliances'",
    year: 'year',
    code: 'NULL::VARCHAR',
  },
  policies: {
    key: ['title', "coalesce(countries, '')", 'coalesce(year, 0)', "coalesce(date_promulgated::VARCHAR, '')"],
    keyLabel: 'title, countries, year and date',
    dataset: "'policies'",
    year: 'NULL::INTEGER',
    code: 'NULL::VARCHAR',
  },
};
