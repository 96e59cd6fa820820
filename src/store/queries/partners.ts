// Typed reads for political alignment and partner evaluation: UNGA votes and ideal points, ATOP alliances,
// memberships, WGI governance, BACI trade by destination and USGS world shares. Every row keeps its provenance
// (source_id, source_line) where it is a single source row.
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
  source_id: number;
  source_line: number;
}

/** Every row of the latest year with a world total (latest edition) for a mineral, measure and stage. */
export async function latestWorldTable(
  db: Db,
  mineral: string,
  measure: 'production' | 'reserves',
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
    `SELECT country, country_label, row_kind, value, null_reason, unit, year, edition, source_id, source_line
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
