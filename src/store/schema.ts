// The DuckDB schema. Every data row carries source_id (→ sources) and source_line (1-based line, or row
// number for non-line formats) so that every figure can name its source row. source_id and source_line are
// separate 32-bit columns: up to 2,147,483,647 sources and lines per file (a raw BACI release has ≈11M lines).
//
// Schema version: SCHEMA_VERSION (bumped by hand for a change readers must know of) and SCHEMA_FINGERPRINT
// (SHA-256 of every statement below, so that any change to a table or view is noticed even without a bump)
// are stored in minsec_meta when a database is created. src/store/db.ts refuses to open a database whose
// version or fingerprint differ from this code's; `minsec data build` (or `npm start`) rebuilds it.
import { createHash } from 'node:crypto';

export interface ColumnSpec {
  name: string;
  type: 'VARCHAR' | 'INTEGER' | 'BIGINT' | 'DOUBLE' | 'BOOLEAN' | 'DATE';
  nullable?: boolean;
}
export interface TableSpec {
  name: string;
  columns: ColumnSpec[];
}

const col = (name: string, type: ColumnSpec['type'], nullable = true): ColumnSpec => ({
  name,
  type,
  nullable,
});
const PROVENANCE = [col('source_id', 'INTEGER', false), col('source_line', 'INTEGER', false)];

/** Tables loaded from source files. Record objects yielded by src/sources use these column names. */
export const TABLES = {
  /** USGS MCS world tables, every edition kept: measure = production | capacity | reserves. */
  usgs_world: {
    name: 'usgs_world',
    columns: [
      col('mineral', 'VARCHAR', false),
      col('measure', 'VARCHAR', false),
      col('stage', 'VARCHAR'), // mine | refinery | primary (production and capacity); null for reserves
      col('series', 'VARCHAR', false), // the USGS label, e.g. "Mine production"
      col('country', 'VARCHAR'), // ISO3; null for the "Other countries" and "World total" rows
      col('country_label', 'VARCHAR', false),
      col('row_kind', 'VARCHAR', false), // country | other | world
      col('year', 'INTEGER', false),
      col('edition', 'INTEGER', false), // MCS edition year
      col('value', 'DOUBLE'),
      col('unit', 'VARCHAR', false),
      col('null_reason', 'VARCHAR'), // withheld | not_available | not_reported | qualitative
      col('bound', 'VARCHAR'), // '>' | '<' | 'range' when the raw value was a bound or range
      col('estimated', 'BOOLEAN'),
      col('raw', 'VARCHAR'),
      ...PROVENANCE,
    ],
  },
  /** U.S. net import reliance (percent of apparent consumption) as USGS publishes it. */
  usgs_nir: {
    name: 'usgs_nir',
    columns: [
      col('mineral', 'VARCHAR', false),
      col('series', 'VARCHAR', false), // USGS label or column (rare earths: compounds and metals | concentrates)
      col('year', 'INTEGER', false),
      col('edition', 'INTEGER', false),
      col('value', 'DOUBLE'), // percent; null when code is set
      col('code', 'VARCHAR'), // E (net exporter) | W (withheld) | NA
      col('bound', 'VARCHAR'),
      col('raw', 'VARCHAR'),
      ...PROVENANCE,
    ],
  },
  /** U.S. salient statistics (production, imports, exports, apparent consumption, stocks, prices). */
  usgs_salient: {
    name: 'usgs_salient',
    columns: [
      col('mineral', 'VARCHAR', false),
      col('statistic', 'VARCHAR', false), // MCS 2026 Statistics, e.g. Production, Import, Consumption
      col('series', 'VARCHAR', false), // MCS 2026 Statistics_detail
      col('year', 'INTEGER', false),
      col('edition', 'INTEGER', false),
      col('value', 'DOUBLE'),
      col('unit', 'VARCHAR', false),
      col('null_reason', 'VARCHAR'),
      col('bound', 'VARCHAR'),
      col('estimated', 'BOOLEAN'),
      col('raw', 'VARCHAR'),
      ...PROVENANCE,
    ],
  },
  /** U.S. import sources (percent of imports) over a period, as USGS publishes them. */
  usgs_import_sources: {
    name: 'usgs_import_sources',
    columns: [
      col('mineral', 'VARCHAR', false),
      col('series', 'VARCHAR', false),
      col('country', 'VARCHAR'),
      col('country_label', 'VARCHAR', false),
      col('row_kind', 'VARCHAR', false),
      col('period', 'VARCHAR', false),
      col('edition', 'INTEGER', false),
      col('share_pct', 'DOUBLE'),
      ...PROVENANCE,
    ],
  },
  /**
   * Trade flows. dataset = baci | usitc | comtrade | china-monthly. exporter/importer are ISO3; 'WLD' stands for a World
   * aggregate partner. hs is the HS6 (or HTS4 for usitc) code; mineral is the model's mineral id (or the
   * source's material name when it maps to none). value_usd in U.S. dollars, quantity_t in metric tons.
   */
  trade: {
    name: 'trade',
    columns: [
      col('dataset', 'VARCHAR', false),
      col('year', 'INTEGER', false),
      col('month', 'INTEGER'),
      col('exporter', 'VARCHAR', false),
      col('importer', 'VARCHAR', false),
      col('hs', 'VARCHAR', false),
      col('mineral', 'VARCHAR'),
      col('flow', 'VARCHAR'), // reported flow where the source is one-sided: import | export; null for BACI
      col('value_usd', 'DOUBLE'),
      col('quantity_t', 'DOUBLE'),
      ...PROVENANCE,
    ],
  },
  governance: {
    name: 'governance',
    columns: [
      col('country', 'VARCHAR', false),
      col('year', 'INTEGER', false),
      col('indicator', 'VARCHAR', false), // va pv ge rq rl cc
      col('estimate', 'DOUBLE'),
      col('stddev', 'DOUBLE'),
      col('nsource', 'INTEGER'),
      col('pctrank', 'DOUBLE'),
      ...PROVENANCE,
    ],
  },
  un_roll_calls: {
    name: 'un_roll_calls',
    columns: [
      col('rcid', 'INTEGER', false),
      col('session', 'INTEGER'),
      col('important', 'BOOLEAN'),
      col('date', 'DATE'),
      col('year', 'INTEGER'),
      col('unres', 'VARCHAR'),
      col('short', 'VARCHAR'),
      ...PROVENANCE,
    ],
  },
  un_votes: {
    name: 'un_votes',
    columns: [
      col('rcid', 'INTEGER', false),
      col('country', 'VARCHAR', false),
      col('vote', 'INTEGER', false), // 1 yes, 2 abstain, 3 no (DESIGN.md)
      ...PROVENANCE,
    ],
  },
  un_roll_call_issues: {
    name: 'un_roll_call_issues',
    columns: [col('rcid', 'INTEGER', false), col('issue', 'VARCHAR', false), ...PROVENANCE],
  },
  ideal_points: {
    name: 'ideal_points',
    columns: [
      col('country', 'VARCHAR', false),
      col('ccode', 'INTEGER'),
      col('year', 'INTEGER', false),
      col('ideal_fp', 'DOUBLE'),
      col('ideal_all', 'DOUBLE'),
      col('nvotes_fp', 'INTEGER'),
      col('nvotes_all', 'INTEGER'),
      // Posterior quantiles of idealpointfp (the file's qofp = minimum, q5fp … q100fp), for sampling it.
      col('q0_fp', 'DOUBLE'),
      col('q5_fp', 'DOUBLE'),
      col('q10_fp', 'DOUBLE'),
      col('q50_fp', 'DOUBLE'),
      col('q90_fp', 'DOUBLE'),
      col('q95_fp', 'DOUBLE'),
      col('q100_fp', 'DOUBLE'),
      ...PROVENANCE,
    ],
  },
  memberships: {
    name: 'memberships',
    columns: [
      col('group_name', 'VARCHAR', false),
      col('country', 'VARCHAR', false),
      col('status', 'VARCHAR'),
      col('since', 'VARCHAR'),
      col('source_url', 'VARCHAR'),
      col('verified', 'VARCHAR'), // Y | N | partial
      col('confidence', 'VARCHAR'),
      col('note', 'VARCHAR'),
      ...PROVENANCE,
    ],
  },
  alliances: {
    name: 'alliances',
    columns: [
      col('country1', 'VARCHAR'),
      col('country2', 'VARCHAR'),
      col('ccode1', 'INTEGER', false),
      col('ccode2', 'INTEGER', false),
      col('year', 'INTEGER', false),
      col('defense', 'BOOLEAN'),
      col('offense', 'BOOLEAN'),
      col('neutral', 'BOOLEAN'),
      col('nonagg', 'BOOLEAN'),
      col('consul', 'BOOLEAN'),
      ...PROVENANCE,
    ],
  },
  policies: {
    name: 'policies',
    columns: [
      col('title', 'VARCHAR', false),
      col('jurisdiction', 'VARCHAR'),
      col('countries', 'VARCHAR'), // ISO3 codes joined by ';'
      col('year', 'INTEGER'),
      col('status', 'VARCHAR'),
      col('date_promulgated', 'DATE'),
      col('year_ended', 'INTEGER'),
      col('policy_type', 'VARCHAR'),
      col('technologies', 'VARCHAR'),
      col('tags', 'VARCHAR'),
      col('url', 'VARCHAR'),
      ...PROVENANCE,
    ],
  },
} satisfies Record<string, TableSpec>;

export type TableName = keyof typeof TABLES;

export function createTableSql(t: TableSpec): string {
  const cols = t.columns.map((c) => `${c.name} ${c.type}${c.nullable === false ? ' NOT NULL' : ''}`);
  return `CREATE TABLE IF NOT EXISTS ${t.name} (${cols.join(', ')})`;
}

/**
 * Version of the schema this code reads and writes. History: 1 = databases without minsec_meta (before
 * versioning); 2 = minsec_meta, source_coverage, usgs_nir.series, ideal-point quantiles, source ids from minsec_meta.
 */
export const SCHEMA_VERSION = 2;

export const SCHEMA_SQL: string[] = [
  // key → value: schema_version, schema_fingerprint, build_id (a random id per database file), created_at,
  // next_source_id (taken inside each load's transaction, so a failed load uses up no id).
  `CREATE TABLE IF NOT EXISTS minsec_meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS sources (
     source_id INTEGER PRIMARY KEY, kind VARCHAR NOT NULL, file VARCHAR NOT NULL, release VARCHAR,
     licence VARCHAR NOT NULL, citation VARCHAR NOT NULL, sha256 VARCHAR NOT NULL, rows BIGINT NOT NULL,
     loaded_at TIMESTAMP NOT NULL, from_pack BOOLEAN NOT NULL DEFAULT false, notes VARCHAR)`,
  // What each source covers (src/store/identity.ts): dataset × year × code slices. A load whose slices meet
  // another source's is refused, or replaces those rows with --replace; it never adds to them.
  `CREATE TABLE IF NOT EXISTS source_coverage (source_id INTEGER NOT NULL, dataset VARCHAR NOT NULL,
     year INTEGER, code VARCHAR)`,
  `CREATE TABLE IF NOT EXISTS countries (iso3 VARCHAR PRIMARY KEY, iso2 VARCHAR, iso_numeric INTEGER,
     name VARCHAR NOT NULL, region VARCHAR, subregion VARCHAR, cow_code INTEGER, wgi_code VARCHAR)`,
  `CREATE TABLE IF NOT EXISTS minerals (id VARCHAR PRIMARY KEY, name VARCHAR NOT NULL, tier VARCHAR NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS hs_codes (hs6 VARCHAR NOT NULL, mineral VARCHAR NOT NULL, stage VARCHAR NOT NULL,
     description VARCHAR, shared_with VARCHAR, in_baci BOOLEAN)`,
  ...Object.values(TABLES).map(createTableSql),
  // One edition per table-year: for each (mineral, measure, stage, year) the latest MCS edition that publishes a
  // world total for it (else the latest edition with any row), so a year's rows never mix editions. Earlier
  // editions' differing values are listed as revisions.
  `CREATE OR REPLACE VIEW usgs_latest AS
     WITH ed AS (
       SELECT mineral, measure, coalesce(stage, '') AS st, year,
              coalesce(max(edition) FILTER (WHERE row_kind = 'world'), max(edition)) AS edition
       FROM usgs_world GROUP BY ALL)
     SELECT w.* FROM usgs_world w JOIN ed
       ON w.mineral = ed.mineral AND w.measure = ed.measure AND coalesce(w.stage, '') = ed.st
      AND w.year = ed.year AND w.edition = ed.edition`,
  `CREATE OR REPLACE VIEW usgs_revisions AS
     SELECT l.mineral, l.measure, l.stage, l.country, l.country_label, l.year, l.edition AS kept_edition,
            l.value AS kept_value, o.edition AS earlier_edition, o.value AS earlier_value
     FROM usgs_latest l JOIN usgs_world o
       ON o.mineral = l.mineral AND o.measure = l.measure AND coalesce(o.stage, '') = coalesce(l.stage, '')
      AND coalesce(o.country, o.row_kind) = coalesce(l.country, l.row_kind) AND o.year = l.year
     WHERE o.edition < l.edition AND o.value IS DISTINCT FROM l.value`,
  `CREATE OR REPLACE VIEW production AS SELECT * FROM usgs_latest WHERE measure = 'production'`,
  `CREATE OR REPLACE VIEW reserves AS SELECT * FROM usgs_latest WHERE measure = 'reserves'`,
];

/** SHA-256 of the schema statements: differs whenever a table or view definition changes. */
export const SCHEMA_FINGERPRINT = createHash('sha256').update(SCHEMA_SQL.join(';\n')).digest('hex');
