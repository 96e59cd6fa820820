// Reads for the scenario engine's baseline: BACI bilateral flows of a mineral's HS codes in one year, USGS
// world production and capacity by country, and the source rows behind them.
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
