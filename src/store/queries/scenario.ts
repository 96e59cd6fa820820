// Reads for the scenario engine's baseline: BACI bilateral flows of a mineral's HS codes in one year, USGS
// world production and capacity by country, the U.S. salient statistics (every edition), China's monthly exports
// where a monthly series is loaded, and the source rows behind them.
import type { Db } from '../db.ts';

export interface TradeEdge {
  exporter: string;
  importer: string;
  valueUsd: number;
  quantityT: number | null;
  sourceId: number;
}

/** BACI flows (exporter ≠ importer) of the given HS6 codes in a year, summed over the codes. */
export async function baciEdges(db: Db, hs: string[], year: number): Promise<TradeEdge[]> {
  if (!hs.length) return [];
  const rows = await db.all<{
    exporter: string;
    importer: string;
    v: number | null;
    q: number | null;
    nq: number;
    n: number;
    sid: number;
  }>(
    `SELECT exporter, importer, sum(value_usd) AS v, sum(quantity_t) AS q, count(quantity_t) AS nq, count(*) AS n,
            min(source_id) AS sid
       FROM trade
      WHERE dataset = 'baci' AND year = ? AND hs IN (${hs.map(() => '?').join(', ')}) AND exporter <> importer
      GROUP BY exporter, importer`,
    [year, ...hs],
  );
  return rows.map((r) => ({
    exporter: r.exporter,
    importer: r.importer,
    valueUsd: r.v ?? 0,
    quantityT: r.nq === r.n ? r.q : null,
    sourceId: r.sid,
  }));
}

/** Years with BACI rows for the given codes. */
export async function baciYears(db: Db, hs: string[]): Promise<number[]> {
  if (!hs.length) return [];
  const rows = await db.all<{ year: number }>(
    `SELECT DISTINCT year FROM trade WHERE dataset = 'baci' AND hs IN (${hs.map(() => '?').join(', ')}) ORDER BY year`,
    hs,
  );
  return rows.map((r) => r.year);
}

export interface UsgsRow {
  country: string | null;
  rowKind: string;
  year: number;
  stage: string | null;
  value: number | null;
  unit: string;
  nullReason: string | null;
  sourceId: number;
  sourceLine: number;
}

/** USGS world rows of one measure (production | capacity) for a mineral, latest edition per year. */
export async function usgsWorld(
  db: Db,
  mineral: string,
  measure: 'production' | 'capacity',
): Promise<UsgsRow[]> {
  const rows = await db.all<{
    country: string | null;
    row_kind: string;
    year: number;
    stage: string | null;
    value: number | null;
    unit: string;
    null_reason: string | null;
    source_id: number;
    source_line: number;
  }>(
    `SELECT country, row_kind, year, stage, value, unit, null_reason, source_id, source_line
       FROM usgs_latest WHERE mineral = ? AND measure = ? ORDER BY year, country`,
    [mineral, measure],
  );
  return rows.map((r) => ({
    country: r.country,
    rowKind: r.row_kind,
    year: r.year,
    stage: r.stage,
    value: r.value,
    unit: r.unit,
    nullReason: r.null_reason,
    sourceId: r.source_id,
    sourceLine: r.source_line,
  }));
}

export interface SourceRow {
  sourceId: number;
  file: string;
  release: string | null;
  licence: string;
  citation: string;
}

export async function sourcesByIds(db: Db, ids: number[]): Promise<SourceRow[]> {
  const uniq = [...new Set(ids)];
  if (!uniq.length) return [];
  const rows = await db.all<{
    source_id: number;
    file: string;
    release: string | null;
    licence: string;
    citation: string;
  }>(
    `SELECT source_id, file, release, licence, citation FROM sources
      WHERE source_id IN (${uniq.map(() => '?').join(', ')}) ORDER BY source_id`,
    uniq,
  );
  return rows.map((r) => ({
    sourceId: r.source_id,
    file: r.file,
    release: r.release,
    licence: r.licence,
    citation: r.citation,
  }));
}

export interface SalientDbRow {
  mineral: string;
  statistic: string;
  series: string;
  year: number;
  edition: number;
  value: number | null;
  unit: string;
  nullReason: string | null;
  bound: string | null;
  raw: string | null;
  sourceId: number;
  sourceLine: number;
}

/** U.S. salient statistics of a mineral, every edition (the analysis picks the latest per series and year). */
export async function usgsSalient(db: Db, mineral: string): Promise<SalientDbRow[]> {
  const rows = await db.all<{
    mineral: string;
    statistic: string;
    series: string;
    year: number;
    edition: number;
    value: number | null;
    unit: string;
    null_reason: string | null;
    bound: string | null;
    raw: string | null;
    source_id: number;
    source_line: number;
  }>(
    `SELECT mineral, statistic, series, year, edition, value, unit, null_reason, bound, raw, source_id, source_line
       FROM usgs_salient WHERE mineral = ? ORDER BY year, series, edition`,
    [mineral],
  );
  return rows.map((r) => ({
    mineral: r.mineral,
    statistic: r.statistic,
    series: r.series,
    year: r.year,
    edition: r.edition,
    value: r.value,
    unit: r.unit,
    nullReason: r.null_reason,
    bound: r.bound,
    raw: r.raw,
    sourceId: r.source_id,
    sourceLine: r.source_line,
  }));
}

export interface MonthlyExportRow {
  month: string;
  partner: string;
  hs6: string;
  valueUsd: number;
  quantity: number | null;
  sourceId: number;
}

/** An exporter's monthly exports of one code by destination, from any dataset with monthly rows. */
export async function monthlyExports(db: Db, exporter: string, hs6: string): Promise<MonthlyExportRow[]> {
  const rows = await db.all<{
    year: number;
    month: number;
    importer: string;
    hs: string;
    v: number | null;
    q: number | null;
    sid: number;
  }>(
    `SELECT year, month, importer, hs, sum(value_usd) AS v, sum(quantity_t) AS q, min(source_id) AS sid
       FROM trade WHERE exporter = ? AND hs = ? AND month IS NOT NULL
      GROUP BY year, month, importer, hs ORDER BY year, month, importer`,
    [exporter, hs6],
  );
  return rows.map((r) => ({
    month: `${r.year}-${String(r.month).padStart(2, '0')}`,
    partner: r.importer,
    hs6: r.hs,
    valueUsd: r.v ?? 0,
    quantity: r.q,
    sourceId: r.sid,
  }));
}
