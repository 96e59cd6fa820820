// Typed reads for political alignment and partner evaluation: UNGA votes and ideal points, ATOP alliances,
// memberships, WGI governance, BACI trade by destination and USGS world shares. Every row keeps its provenance
// (source_id, source_line) where it is a single source row.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { iso3FromName } from '../../model/countries.ts';
import { DEFAULT_RAW_DIR } from '../../model/paths.ts';
import type { Db, SqlParam } from '../db.ts';

export interface VoteRow {
  rcid: number;
  year: number;
  country: string;
  vote: number;
}

/** UNGA votes of the given countries (all when empty) in [from, to], optionally on one issue or important votes only. */
export async function votes(
  db: Db,
  q: { from: number; to: number; countries?: readonly string[]; issue?: string; important?: boolean },
): Promise<VoteRow[]> {
  const params: SqlParam[] = [q.from, q.to];
  let where = 'r.year BETWEEN ? AND ?';
  if (q.countries?.length) {
    where += ` AND v.country IN (${q.countries.map(() => '?').join(', ')})`;
    params.push(...q.countries);
  }
  if (q.issue) {
    where += ' AND v.rcid IN (SELECT rcid FROM un_roll_call_issues WHERE issue = ?)';
    params.push(q.issue);
  }
  if (q.important) where += ' AND r.important';
  return db.all<VoteRow>(
    `SELECT v.rcid, r.year, v.country, v.vote FROM un_votes v JOIN un_roll_calls r USING (rcid)
     WHERE ${where} ORDER BY r.year, v.rcid`,
    params,
  );
}

/** Roll calls per year in [from, to] (with the same filters), so that years without any are told apart. */
export async function rollCallsPerYear(
  db: Db,
  q: { from: number; to: number; issue?: string; important?: boolean },
) {
  const params: SqlParam[] = [q.from, q.to];
  let where = 'year BETWEEN ? AND ?';
  if (q.issue) {
    where += ' AND rcid IN (SELECT rcid FROM un_roll_call_issues WHERE issue = ?)';
    params.push(q.issue);
  }
  if (q.important) where += ' AND important';
  return db.all<{ year: number; rollCalls: number }>(
    `SELECT year, count(*) AS "rollCalls" FROM un_roll_calls WHERE ${where} GROUP BY year ORDER BY year`,
    params,
  );
}

/** First and last calendar year with at least `minRollCalls` voted roll calls (2020 holds a single one). */
export async function voteYearRange(db: Db, minRollCalls = 1) {
  return (
    (await db.one<{ first: number | null; last: number | null }>(
      `SELECT min(year) AS first, max(year) AS last FROM (
       SELECT year FROM un_roll_calls WHERE rcid IN (SELECT DISTINCT rcid FROM un_votes)
       GROUP BY year HAVING count(*) >= ?)`,
      [minRollCalls],
    )) ?? { first: null, last: null }
  );
}

export interface IdealPointRow {
  country: string;
  year: number;
  ideal_fp: number | null;
  source_id: number;
  source_line: number;
}

export async function idealPoints(
  db: Db,
  countries: readonly string[],
  from: number,
  to: number,
): Promise<IdealPointRow[]> {
  if (!countries.length) return [];
  return db.all<IdealPointRow>(
    `SELECT country, year, ideal_fp, source_id, source_line FROM ideal_points
     WHERE country IN (${countries.map(() => '?').join(', ')}) AND year BETWEEN ? AND ? ORDER BY country, year`,
    [...countries, from, to],
  );
}

export async function idealPointYearRange(db: Db) {
  return (
    (await db.one<{ first: number | null; last: number | null }>(
      'SELECT min(year) AS first, max(year) AS last FROM ideal_points WHERE ideal_fp IS NOT NULL',
    )) ?? { first: null, last: null }
  );
}

/** Countries with any UNGA vote or ideal point. */
export async function unCountries(db: Db): Promise<Set<string>> {
  const rows = await db.all<{ country: string }>(
    'SELECT DISTINCT country FROM un_votes UNION SELECT DISTINCT country FROM ideal_points',
  );
  return new Set(rows.map((r) => r.country));
}

export interface PactRow {
  country: string;
  partner: string;
  year: number;
  defense: boolean;
  source_id: number;
  source_line: number;
}

/** ATOP directed dyad-years touching `partners`, seen from the other country (both directions folded). */
export async function alliancesWith(db: Db, partners: readonly string[], year: number): Promise<PactRow[]> {
  const list = partners.map(() => '?').join(', ');
  return db.all<PactRow>(
    `SELECT country1 AS country, country2 AS partner, year, defense, source_id, source_line FROM alliances
       WHERE year = ? AND country2 IN (${list}) AND country1 IS NOT NULL
     UNION ALL
     SELECT country2 AS country, country1 AS partner, year, defense, source_id, source_line FROM alliances
       WHERE year = ? AND country1 IN (${list}) AND country2 IS NOT NULL`,
    [year, ...partners, year, ...partners],
  );
}

export async function allianceLastYear(db: Db): Promise<number | null> {
  return (await db.one<{ y: number | null }>('SELECT max(year) AS y FROM alliances'))?.y ?? null;
}

export interface MembershipRow {
  group_name: string;
  country: string;
  status: string | null;
  since: string | null;
  source_url: string | null;
  verified: string | null;
  confidence: string | null;
  note: string | null;
  source_id: number;
  source_line: number;
}

export async function memberships(db: Db): Promise<MembershipRow[]> {
  return db.all<MembershipRow>('SELECT * FROM memberships ORDER BY country, group_name, source_line');
}

export interface GovernanceRow {
  country: string;
  year: number;
  mean: number | null;
  indicators: number;
  first_line: number;
  source_id: number;
}

/** Mean of the WGI estimates per country in the latest WGI year (with how many of the six it averages). */
export async function governanceLatest(db: Db): Promise<GovernanceRow[]> {
  return db.all<GovernanceRow>(
    `SELECT country, year, avg(estimate) AS mean, count(estimate) AS indicators, min(source_line) AS first_line,
            min(source_id) AS source_id
     FROM governance WHERE year = (SELECT max(year) FROM governance) GROUP BY country, year`,
  );
}

export async function baciLastYear(db: Db): Promise<number | null> {
  return (
    (await db.one<{ y: number | null }>("SELECT max(year) AS y FROM trade WHERE dataset = 'baci'"))?.y ?? null
  );
}

/** BACI export value by exporter, importer and mineral in one year. */
export async function baciFlows(db: Db, minerals: readonly string[], year: number) {
  if (!minerals.length) return [];
  return db.all<{ exporter: string; importer: string; mineral: string; value_usd: number }>(
    `SELECT exporter, importer, mineral, sum(value_usd) AS value_usd FROM trade
     WHERE dataset = 'baci' AND year = ? AND mineral IN (${minerals.map(() => '?').join(', ')}) AND value_usd > 0
     GROUP BY exporter, importer, mineral`,
    [year, ...minerals],
  );
}

export interface WorldShareRow {
  country: string | null;
  country_label: string;
  row_kind: 'country' | 'other' | 'world';
  value: number | null;
  null_reason: string | null;
  unit: string;
  year: number;
  edition: number;
  estimated: boolean;
  source_id: number;
  source_line: number;
}

/** Every row of the latest year with a world total (latest edition) for a mineral, measure and stage. */
export async function latestWorldTable(
  db: Db,
  mineral: string,
  measure: 'production' | 'reserves' | 'capacity',
  stage: string | null,
) {
  const latest = await db.one<{ year: number; edition: number }>(
    `SELECT year, edition FROM usgs_latest
     WHERE mineral = ? AND measure = ? AND coalesce(stage, '') = ? AND row_kind = 'world' AND value IS NOT NULL
     ORDER BY year DESC LIMIT 1`,
    [mineral, measure, stage ?? ''],
  );
  if (!latest) return [];
  return db.all<WorldShareRow>(
    `SELECT country, country_label, row_kind, value, null_reason, unit, year, edition, coalesce(estimated, false) AS estimated,
            source_id, source_line
     FROM usgs_world WHERE mineral = ? AND measure = ? AND coalesce(stage, '') = ? AND year = ? AND edition = ?
     ORDER BY source_line`,
    [mineral, measure, stage ?? '', latest.year, latest.edition],
  );
}

export async function sourceFiles(db: Db, ids: readonly number[]) {
  if (!ids.length) return [];
  return db.all<{
    source_id: number;
    file: string;
    release: string | null;
    citation: string;
    licence: string;
  }>(
    `SELECT source_id, file, release, citation, licence FROM sources WHERE source_id IN (${ids.map(() => '?').join(', ')})
     ORDER BY source_id`,
    [...ids],
  );
}

/** The six WGI estimates of one country in the latest WGI year, with their source lines. */
export async function governanceOf(db: Db, country: string) {
  return db.all<{
    indicator: string;
    year: number;
    estimate: number | null;
    stddev: number | null;
    source_id: number;
    source_line: number;
  }>(
    `SELECT indicator, year, estimate, stddev, source_id, source_line FROM governance
     WHERE country = ? AND year = (SELECT max(year) FROM governance) ORDER BY indicator`,
    [country],
  );
}

/** A country's BACI exports of all critical materials by destination in one year (value in USD). */
export async function exportDestinations(db: Db, country: string, year: number) {
  return db.all<{ importer: string; value_usd: number; minerals: number }>(
    `SELECT importer, sum(value_usd) AS value_usd, count(DISTINCT mineral) AS minerals FROM trade
     WHERE dataset = 'baci' AND year = ? AND exporter = ? AND value_usd > 0 GROUP BY importer ORDER BY value_usd DESC`,
    [year, country],
  );
}

/** Source ids of the rows behind the alignment data (votes, roll calls, ideal points). */
export async function sourcesOfTables(db: Db, tables: readonly string[]) {
  const ids = new Set<number>();
  for (const t of tables)
    for (const r of await db.all<{ source_id: number }>(`SELECT DISTINCT source_id FROM ${t}`))
      ids.add(r.source_id);
  return sourceFiles(db, [...ids]);
}

/** The most recent non-null USGS value of a country (any edition) with the world total of the same table. */
export async function lastPublished(
  db: Db,
  mineral: string,
  measure: 'production' | 'reserves',
  stage: string | null,
  country: string,
) {
  return db.one<{
    year: number;
    edition: number;
    value: number;
    world: number | null;
    unit: string;
    source_id: number;
    source_line: number;
  }>(
    `SELECT c.year, c.edition, c.value, w.value AS world, c.unit, c.source_id, c.source_line
     FROM usgs_world c LEFT JOIN usgs_world w
       ON w.mineral = c.mineral AND w.measure = c.measure AND coalesce(w.stage, '') = coalesce(c.stage, '')
      AND w.year = c.year AND w.edition = c.edition AND w.row_kind = 'world'
     WHERE c.mineral = ? AND c.measure = ? AND coalesce(c.stage, '') = ? AND c.country = ? AND c.value IS NOT NULL
     ORDER BY c.year DESC, c.edition DESC LIMIT 1`,
    [mineral, measure, stage ?? '', country],
  );
}

/** A country's BACI exports by material in one year: total value and the part going to China. */
export async function exportMaterials(db: Db, country: string, year: number) {
  return db.all<{ mineral: string; hs: string; value_usd: number; to_china_usd: number }>(
    `SELECT mineral, string_agg(DISTINCT hs, ', ') AS hs, sum(value_usd) AS value_usd,
            coalesce(sum(value_usd) FILTER (WHERE importer = 'CHN'), 0) AS to_china_usd
     FROM trade WHERE dataset = 'baci' AND year = ? AND exporter = ? AND value_usd > 0
     GROUP BY mineral ORDER BY value_usd DESC`,
    [year, country],
  );
}

/** Escapes a file path for a DuckDB string literal (table functions take no bound parameters here). */
const sqlPath = (path: string) => `'${path.replace(/'/g, "''")}'`;

async function hasColumn(db: Db, table: string, column: string): Promise<boolean> {
  const r = await db.one<{ n: number }>(
    'SELECT count(*) AS n FROM information_schema.columns WHERE table_name = ? AND column_name = ?',
    [table, column],
  );
  return (r?.n ?? 0) > 0;
}

export const RAW_IDEAL_POINTS = join(DEFAULT_RAW_DIR, 'unga', 'IdealpointsJuly2025.csv');
export const RAW_MCS_2026 = join(
  DEFAULT_RAW_DIR,
  'production',
  'usgs-mcs-2026',
  'usgs_mcs2026_commodities_data.utf8.DERIVED.csv',
);

export interface IdealQuantileRow {
  country: string;
  year: number;
  /** Posterior quantiles q0, q5, q10, q50, q90, q95, q100 of idealpointfp. */
  q: [number, number, number, number, number, number, number];
  /** Where the quantiles were read: the database, or the raw file's data row (header excluded). */
  origin: 'database' | 'raw_file';
  row: number | null;
}

export interface QuantileRead {
  rows: IdealQuantileRow[];
  /** null when read; else why the quantiles are unavailable. */
  reason: string | null;
  file: string | null;
}

/**
 * Voeten's posterior quantiles of idealpointfp (columns qofp = q0, q5fp … q100fp of IdealpointsJuly2025.csv) for
 * the given countries and years: from ideal_points when the importer loads them (columns q5_fp …), else read from
 * the raw file beside the project, joined on COW code through the database's ideal_points rows (never on names).
 */
export async function idealPointQuantiles(
  db: Db,
  countries: readonly string[],
  from: number,
  to: number,
): Promise<QuantileRead> {
  if (!countries.length) return { rows: [], reason: null, file: null };
  const list = countries.map(() => '?').join(', ');
  if (await hasColumn(db, 'ideal_points', 'q5_fp')) {
    const rows = await db.all<{ country: string; year: number; q: number[] }>(
      `SELECT country, year, [q0_fp, q5_fp, q10_fp, q50_fp, q90_fp, q95_fp, q100_fp] AS q FROM ideal_points
       WHERE country IN (${list}) AND year BETWEEN ? AND ? AND q5_fp IS NOT NULL AND q95_fp IS NOT NULL`,
      [...countries, from, to],
    );
    return {
      rows: rows.map((r) => ({ ...r, q: r.q as IdealQuantileRow['q'], origin: 'database', row: null })),
      reason: null,
      file: 'ideal_points',
    };
  }
  if (!existsSync(RAW_IDEAL_POINTS))
    return {
      rows: [],
      reason:
        'not_loaded: the database has no ideal-point quantiles and the raw Voeten file is not beside the project',
      file: null,
    };
  const rows = await db.all<{ country: string; year: number; q: number[]; row: number }>(
    `WITH raw AS (
       SELECT row_number() OVER () AS row, * FROM read_csv(${sqlPath(RAW_IDEAL_POINTS)}, header = true, all_varchar = true))
     SELECT p.country, p.year, [try_cast(qofp AS DOUBLE), try_cast(q5fp AS DOUBLE), try_cast(q10fp AS DOUBLE),
            try_cast(q50fp AS DOUBLE), try_cast(q90fp AS DOUBLE), try_cast(q95fp AS DOUBLE),
            try_cast(q100fp AS DOUBLE)] AS q, raw.row
     FROM raw JOIN ideal_points p ON p.ccode = try_cast(raw.ccode AS INTEGER) AND p.year = try_cast(raw.year AS INTEGER)
     WHERE p.country IN (${list}) AND p.year BETWEEN ? AND ?
       AND try_cast(q5fp AS DOUBLE) IS NOT NULL AND try_cast(q95fp AS DOUBLE) IS NOT NULL`,
    [...countries, from, to],
  );
  return {
    rows: rows.map((r) => ({ ...r, q: r.q as IdealQuantileRow['q'], origin: 'raw_file' })),
    reason: null,
    file: 'unga/IdealpointsJuly2025.csv (raw file, not the database)',
  };
}

export interface HostTable {
  host: string;
  rows: WorldShareRow[];
  origin: 'database' | 'raw_file' | null;
  reason: string | null;
}

/**
 * The latest USGS world table of a by-product host industry: from usgs_world when the host is loaded there (a
 * model mineral such as copper, or a host series the importer adds), else read from the raw MCS 2026 data release
 * beside the project (chapter and Statistics_detail as given; the row number stands in for the source line).
 */
export async function hostIndustryTable(
  db: Db,
  host: { host: string; chapter2026: string; detail: string; stage: 'mine' | 'refinery' },
): Promise<HostTable> {
  const inDb = await latestWorldTable(db, host.host, 'production', host.stage);
  if (inDb.length) return { host: host.host, rows: inDb, origin: 'database', reason: null };
  if (!existsSync(RAW_MCS_2026))
    return {
      host: host.host,
      rows: [],
      origin: null,
      reason: `not_loaded: USGS ${host.chapter2026} "${host.detail}" is not in the database and the raw MCS 2026 file is not beside the project`,
    };
  const raw = await db.all<{
    label: string;
    year: number;
    value: string;
    notes: string | null;
    unit: string;
    row: number;
  }>(
    `WITH raw AS (
       SELECT row_number() OVER () AS row, * FROM read_csv(${sqlPath(RAW_MCS_2026)}, header = true, all_varchar = true))
     SELECT "Country" AS label, try_cast("Year" AS INTEGER) AS year, "Value" AS value, "Notes" AS notes,
            "Unit" AS unit, row
     FROM raw WHERE "MCS chapter" = ? AND ("Statistics_detail" = ? OR "Statistics_detail" = ? || ': rounded')
       AND try_cast("Year" AS INTEGER) IS NOT NULL`,
    [host.chapter2026, host.detail, host.detail],
  );
  const years = raw.filter((r) => /^World total/i.test(r.label) && /\d/.test(r.value)).map((r) => r.year);
  if (!years.length)
    return {
      host: host.host,
      rows: [],
      origin: 'raw_file',
      reason: `no world total for ${host.chapter2026}`,
    };
  const year = Math.max(...years);
  const rows: WorldShareRow[] = raw
    .filter((r) => r.year === year)
    .map((r) => {
      const kind = /^World total/i.test(r.label)
        ? 'world'
        : /^Other countries/i.test(r.label)
          ? 'other'
          : 'country';
      const num = Number(r.value.replace(/,/g, ''));
      const reason = /^W$/.test(r.value)
        ? 'withheld'
        : /^NA$/.test(r.value)
          ? 'not_available'
          : r.value === '—'
            ? null
            : Number.isFinite(num)
              ? null
              : 'not_reported';
      return {
        country: kind === 'country' ? (iso3FromName(r.label) ?? null) : null,
        country_label: r.label,
        row_kind: kind,
        value: r.value === '—' ? 0 : Number.isFinite(num) ? num : null,
        null_reason: reason,
        unit: r.unit,
        year,
        edition: 2026,
        estimated: /Estimated/i.test(r.notes ?? ''),
        source_id: 0,
        source_line: r.row + 1,
      } as WorldShareRow;
    });
  return { host: host.host, rows, origin: 'raw_file', reason: null };
}

export interface GovernanceDetail {
  country: string;
  year: number;
  indicator: string;
  estimate: number | null;
  stddev: number | null;
  source_line: number;
}

/** Every WGI estimate with its standard error in the latest WGI year. */
export async function governanceDetail(db: Db): Promise<GovernanceDetail[]> {
  return db.all<GovernanceDetail>(
    `SELECT country, year, indicator, estimate, stddev, source_line FROM governance
     WHERE year = (SELECT max(year) FROM governance) ORDER BY country, indicator`,
  );
}

/**
 * Revision ratios of USGS estimates: for every production value flagged estimated in one MCS edition, the value
 * the next edition reports (not estimated) for the same mineral, stage, country and year, over the estimate.
 */
export async function estimateRevisionRatios(db: Db): Promise<{ ratio: number; editions: string }[]> {
  return db.all<{ ratio: number; editions: string }>(
    `SELECT f.value / e.value AS ratio, e.edition || '→' || f.edition AS editions
     FROM usgs_world e JOIN usgs_world f
       ON f.mineral = e.mineral AND coalesce(f.stage, '') = coalesce(e.stage, '') AND f.measure = e.measure
      AND f.country = e.country AND f.year = e.year AND f.edition = e.edition + 1
     WHERE e.measure = 'production' AND e.row_kind = 'country' AND e.estimated AND e.value > 0
       AND NOT coalesce(f.estimated, false) AND f.value IS NOT NULL
     ORDER BY e.mineral, e.country, e.year`,
  );
}

/** UNGA votes of the given countries in [from, to] with the issue tags of each roll call (one row per tag). */
export async function votesByIssue(
  db: Db,
  q: { from: number; to: number; countries: readonly string[] },
): Promise<(VoteRow & { issue: string })[]> {
  if (!q.countries.length) return [];
  return db.all<VoteRow & { issue: string }>(
    `SELECT v.rcid, r.year, v.country, v.vote, i.issue FROM un_votes v JOIN un_roll_calls r USING (rcid)
       JOIN un_roll_call_issues i USING (rcid)
     WHERE r.year BETWEEN ? AND ? AND v.country IN (${q.countries.map(() => '?').join(', ')})
     ORDER BY r.year, v.rcid`,
    [q.from, q.to, ...q.countries],
  );
}
