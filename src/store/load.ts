// Transactional, identity-aware loads: a file's rows all land, with a sources row, or nothing changes.
//
// A source is identified by its content and by what it covers:
// - content: the file's SHA-256. A file whose content is already loaded (under any name, from the raw folder or
//   from the reference pack) is not loaded again: the load is a no-op that names the earlier source.
// - coverage: the dataset × year × code slices of its rows (src/store/identity.ts). A file whose slices meet an
//   earlier source's is refused with the choice named (--replace), or, with replace, takes the place of the
//   earlier rows of those slices in the same transaction. Rows are never added on top of the same data.
// Every record is checked at the door (src/sources/limits.ts: finite, non-negative, years within the dataset's
// span); two records of one file with the same key (identity.ts) are an error naming both lines. Any error rolls
// everything back, including the source id (taken from minsec_meta inside the transaction).
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { type DuckDBAppender, dateValue } from '@duckdb/node-api';
import { ImportError, type RowError } from '../model/errors.ts';
import { checkRow } from '../sources/limits.ts';
import type { Cell, Importer, Row, SourceMeta } from '../sources/types.ts';
import type { Db } from './db.ts';
import { IDENTITY } from './identity.ts';
import { type ColumnSpec, TABLES, type TableName } from './schema.ts';

export const MAX_REPORTED_ERRORS = 20;
/** Longest error message kept: a message that echoes a huge cell is cut (the cell is still named by line). */
const MAX_MESSAGE = 400;
export const clip = (m: string) => (m.length > MAX_MESSAGE ? `${m.slice(0, MAX_MESSAGE - 1)}…` : m);

export async function sha256File(path: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
  return h.digest('hex');
}

/** Rows of an earlier source taken out because the new one covers the same slices. */
export interface ReplacedRows {
  sourceId: number;
  file: string;
  rows: number;
  /** The slices replaced, in words (dataset, years, codes). */
  slices: string;
  /** The earlier source had no rows left and was removed from the sources table. */
  removed: boolean;
}

export interface LoadResult {
  sourceId: number;
  file: string;
  kind: string;
  rows: number;
  byTable: Partial<Record<TableName, number>>;
  /** 'loaded', or 'unchanged' when the same content was already loaded (then sourceId is the earlier one). */
  status: 'loaded' | 'unchanged';
  replaced: ReplacedRows[];
}

export interface LoadOptions {
  /** Called every few thousand rows with the count so far. */
  onProgress?: (rows: number) => void;
  /** Replace the rows of earlier sources that cover the same slices instead of refusing the file. */
  replace?: boolean;
  /** Label stored as the file name (default: the path's base name). */
  label?: string;
}

/** The earlier source with the same content and kind, if any. */
export async function sameContent(
  db: Db,
  kind: string,
  sha: string,
): Promise<{ source_id: number; file: string; rows: number } | undefined> {
  return db.one(
    'SELECT source_id, file, rows FROM sources WHERE sha256 = ? AND kind = ? ORDER BY source_id',
    [sha, kind],
  );
}

const unchanged = (earlier: { source_id: number; file: string; rows: number }, kind: string): LoadResult => ({
  sourceId: earlier.source_id,
  file: earlier.file,
  kind,
  rows: 0,
  byTable: {},
  status: 'unchanged',
  replaced: [],
});

/** Why a value cannot go into column c, or null. */
function cellProblem(c: ColumnSpec, v: Cell | undefined): string | null {
  if (v === null || v === undefined) return c.nullable === false ? `column ${c.name} may not be empty` : null;
  switch (c.type) {
    case 'VARCHAR':
    case 'BOOLEAN':
      return null;
    case 'INTEGER':
    case 'BIGINT':
      return typeof v === 'number' && Number.isInteger(v) && Math.abs(v) <= 2 ** 31 - 1
        ? null
        : `${c.name} must be a 32-bit integer, got ${v}`;
    case 'DOUBLE':
      return typeof v === 'number' && Number.isFinite(v)
        ? null
        : `${c.name} must be a finite number, got ${v}`;
    case 'DATE': {
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(v));
      const d = m ? new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])) : null;
      return d && d.getUTCMonth() === +m![2] - 1 && d.getUTCDate() === +m![3]
        ? null
        : `${c.name} must be a calendar date YYYY-MM-DD, got ${v}`;
    }
  }
}

/** Appends a value that passed cellProblem. */
function appendCell(ap: DuckDBAppender, c: ColumnSpec, v: Cell | undefined): void {
  if (v === null || v === undefined) ap.appendNull();
  else if (c.type === 'VARCHAR') ap.appendVarchar(String(v));
  else if (c.type === 'INTEGER') ap.appendInteger(v as number);
  else if (c.type === 'BIGINT') ap.appendBigInt(BigInt(v as number));
  else if (c.type === 'DOUBLE') ap.appendDouble(v as number);
  else if (c.type === 'BOOLEAN') ap.appendBoolean(Boolean(v));
  else {
    const [y, m, d] = String(v).split('-').map(Number);
    ap.appendDate(dateValue({ year: y, month: m, day: d }));
  }
}

const MAX_INT32 = 2 ** 31 - 1;

/**
 * One load inside an open transaction: checks and appends records, then (finish) checks duplicates, records
 * coverage, resolves overlaps with earlier sources and writes the sources row. Used by loadFile and by the bulk
 * BACI loader (src/store/bulk-baci.ts).
 */
export class LoadTx {
  readonly errors: RowError[] = [];
  readonly byTable: Partial<Record<TableName, number>> = {};
  rows = 0;
  private readonly appenders = new Map<TableName, DuckDBAppender>();

  private constructor(
    readonly db: Db,
    readonly file: string,
    readonly sourceId: number,
  ) {}

  /** Opens the transaction and takes the source id. */
  static async begin(db: Db, file: string): Promise<LoadTx> {
    await db.run('BEGIN TRANSACTION');
    try {
      return new LoadTx(db, file, await db.takeSourceId());
    } catch (e) {
      await db.run('ROLLBACK');
      throw e;
    }
  }

  get full() {
    return this.errors.length >= MAX_REPORTED_ERRORS;
  }

  error(e: RowError): void {
    if (!this.full) this.errors.push({ ...e, message: clip(e.message) });
  }

  /** Checks one record and appends it (nothing is appended once an error was seen). */
  async add(table: TableName, line: number, row: Row): Promise<void> {
    if (!(Number.isInteger(line) && line >= 1 && line <= MAX_INT32))
      return this.error({
        file: this.file,
        line: 0,
        message: `record number ${line} is out of range 1–${MAX_INT32}`,
      });
    const bad = checkRow(table, row);
    if (bad) return this.error({ file: this.file, line, ...bad });
    const columns = TABLES[table].columns;
    for (const c of columns) {
      if (c.name === 'source_id' || c.name === 'source_line') continue;
      const problem = cellProblem(c, row[c.name]);
      if (problem) return this.error({ file: this.file, line, field: c.name, message: problem });
    }
    if (this.errors.length) return;
    let ap = this.appenders.get(table);
    if (!ap) {
      ap = await this.db.conn.createAppender(table);
      this.appenders.set(table, ap);
    }
    for (const c of columns) {
      if (c.name === 'source_id') ap.appendInteger(this.sourceId);
      else if (c.name === 'source_line') ap.appendInteger(line);
      else appendCell(ap, c, row[c.name]);
    }
    ap.endRow();
    this.byTable[table] = (this.byTable[table] ?? 0) + 1;
    this.rows++;
  }

  private closeAppenders(flush: boolean) {
    for (const ap of this.appenders.values()) {
      try {
        if (flush) ap.flushSync();
      } finally {
        ap.closeSync();
      }
    }
    this.appenders.clear();
  }

  /** Duplicate keys among this source's rows, as errors naming both lines. */
  private async duplicates(): Promise<RowError[]> {
    const out: RowError[] = [];
    for (const table of Object.keys(this.byTable) as TableName[]) {
      const id = IDENTITY[table];
      const keyText = id.key.map((k) => `coalesce((${k})::VARCHAR, '—')`).join(", ' ', ");
      const dups = await this.db.all<{ first: number; later: number[]; key: string }>(
        `SELECT min(source_line) AS first, list(source_line ORDER BY source_line)[2:] AS later,
                concat_ws(' ', ${keyText}) AS key
         FROM ${table} WHERE source_id = ? GROUP BY ${id.key.join(', ')} HAVING count(*) > 1
         ORDER BY first LIMIT ${MAX_REPORTED_ERRORS}`,
        [this.sourceId],
      );
      for (const d of dups)
        out.push({
          file: this.file,
          line: d.later[0],
          message: `duplicate of line ${d.first}: the same ${id.keyLabel} (${d.key})${d.later.length > 1 ? `; again at line ${d.later.slice(1, 6).join(', ')}${d.later.length > 6 ? ', …' : ''}` : ''}`,
          hint: 'remove the repeated record; a record may appear once per file, or every total would count it twice',
        });
    }
    return out;
  }

  /** Writes this source's coverage and returns the slices it shares with earlier sources. */
  private async coverage(): Promise<Overlap[]> {
    for (const table of Object.keys(this.byTable) as TableName[]) {
      const id = IDENTITY[table];
      await this.db.run(
        `INSERT INTO source_coverage SELECT DISTINCT source_id, ${id.dataset}, ${id.year}, ${id.code}
         FROM ${table} WHERE source_id = ?`,
        [this.sourceId],
      );
    }
    return this.db.all<Overlap>(
      `SELECT o.source_id, s.file, s.release, o.dataset, list(DISTINCT o.year ORDER BY o.year) AS years,
              list(DISTINCT o.code ORDER BY o.code) AS codes, count(*) AS slices
       FROM source_coverage n JOIN source_coverage o
         ON o.dataset = n.dataset AND o.year IS NOT DISTINCT FROM n.year AND o.code IS NOT DISTINCT FROM n.code
       JOIN sources s ON s.source_id = o.source_id
       WHERE n.source_id = ? AND o.source_id <> n.source_id
       GROUP BY ALL ORDER BY o.source_id, o.dataset`,
      [this.sourceId],
    );
  }

  /** Takes out the earlier rows of the shared slices; returns what was replaced. */
  private async replaceOverlaps(overlaps: Overlap[]): Promise<ReplacedRows[]> {
    const ids = [...new Set(overlaps.map((o) => o.source_id))];
    const removedRows = new Map<number, number>();
    for (const table of Object.keys(TABLES) as TableName[]) {
      const id = IDENTITY[table];
      // The earlier sources' rows whose slice the new source covers. The slice expressions are evaluated in a
      // derived table of the data table alone, so that their column names cannot resolve to source_coverage's.
      const hits = `SELECT x.rid, x.source_id FROM (
          SELECT rowid AS rid, source_id, ${id.dataset} AS k_dataset, ${id.year} AS k_year, ${id.code} AS k_code
          FROM ${table} WHERE source_id IN (${ids.join(',')})) x
        JOIN source_coverage c ON c.source_id = ? AND c.dataset = x.k_dataset
          AND c.year IS NOT DISTINCT FROM x.k_year AND c.code IS NOT DISTINCT FROM x.k_code`;
      const counts = await this.db.all<{ source_id: number; n: number }>(
        `SELECT source_id, count(*) AS n FROM (${hits}) GROUP BY ALL`,
        [this.sourceId],
      );
      if (!counts.length) continue;
      for (const c of counts) removedRows.set(c.source_id, (removedRows.get(c.source_id) ?? 0) + c.n);
      await this.db.run(`DELETE FROM ${table} WHERE rowid IN (SELECT rid FROM (${hits}))`, [this.sourceId]);
    }
    await this.db.run(
      `DELETE FROM source_coverage o WHERE o.source_id IN (${ids.join(',')}) AND EXISTS (
         SELECT 1 FROM source_coverage n WHERE n.source_id = ? AND n.dataset = o.dataset
           AND n.year IS NOT DISTINCT FROM o.year AND n.code IS NOT DISTINCT FROM o.code)`,
      [this.sourceId],
    );
    const out: ReplacedRows[] = [];
    for (const sid of ids) {
      const rows = removedRows.get(sid) ?? 0;
      const left = (await this.db.one<{ n: number }>(
        `SELECT count(*) AS n FROM source_coverage WHERE source_id = ?`,
        [sid],
      ))!.n;
      const slices = overlaps
        .filter((o) => o.source_id === sid)
        .map(describeSlices)
        .join('; ');
      if (left === 0) await this.db.run('DELETE FROM sources WHERE source_id = ?', [sid]);
      else
        await this.db.run(
          `UPDATE sources SET rows = rows - ?, notes = concat_ws('; ', notes, ?) WHERE source_id = ?`,
          [rows, `rows of ${slices} replaced by source ${this.sourceId} (${this.file})`, sid],
        );
      out.push({
        sourceId: sid,
        file: overlaps.find((o) => o.source_id === sid)!.file,
        rows,
        slices,
        removed: left === 0,
      });
    }
    return out;
  }

  /**
   * Ends the load: fails on any error (rolled back), else checks duplicates and coverage, replaces or refuses
   * overlaps, records the source and commits.
   */
  async finish(meta: SourceMeta, sha: string, replace = false): Promise<LoadResult> {
    try {
      if (this.errors.length) throw new ImportError(this.file, this.errors, this.full);
      if (this.rows === 0)
        throw new ImportError(this.file, [
          {
            file: this.file,
            line: 0,
            message: 'no records found',
            hint: `check that this is a ${meta.kind} file`,
          },
        ]);
      this.closeAppenders(true);
      const dups = await this.duplicates();
      if (dups.length) throw new ImportError(this.file, dups, dups.length >= MAX_REPORTED_ERRORS);
      const overlaps = await this.coverage();
      if (overlaps.length && !replace)
        throw new ImportError(
          this.file,
          overlaps.slice(0, 5).map((o) => overlapError(this.file, o)),
        );
      const replaced = overlaps.length ? await this.replaceOverlaps(overlaps) : [];
      await recordSource(this.db, this.sourceId, this.file, meta, sha, this.rows, this.byTable);
      await this.db.run('COMMIT');
      return {
        sourceId: this.sourceId,
        file: this.file,
        kind: meta.kind,
        rows: this.rows,
        byTable: this.byTable,
        status: 'loaded',
        replaced,
      };
    } catch (e) {
      await this.abort();
      if (e instanceof ImportError) throw e;
      throw new ImportError(this.file, [{ file: this.file, line: 0, message: (e as Error).message }]);
    }
  }

  /** Rolls the load back (nothing of it stays, not even its source id). */
  async abort(): Promise<void> {
    try {
      this.closeAppenders(false);
    } catch {
      /* the rollback discards it */
    }
    await this.db.run('ROLLBACK');
  }
}

interface Overlap {
  source_id: number;
  file: string;
  release: string | null;
  dataset: string;
  years: (number | null)[];
  codes: (string | null)[];
  slices: number;
}

/** Years as ranges: [2002, 2003, 2004, 2010] → "2002–2004, 2010". */
function yearRanges(years: number[]): string {
  const out: string[] = [];
  for (let i = 0; i < years.length; i++) {
    let j = i;
    while (j + 1 < years.length && years[j + 1] === years[j] + 1) j++;
    out.push(i === j ? String(years[i]) : `${years[i]}–${years[j]}`);
    i = j;
  }
  return out.join(', ');
}

function describeSlices(o: Overlap): string {
  const years = o.years.filter((y): y is number => y !== null);
  const codes = o.codes.filter((c): c is string => c !== null);
  const codeText = codes.length
    ? ` × ${codes.slice(0, 6).join(', ')}${codes.length > 6 ? ` and ${codes.length - 6} more codes` : ''}`
    : '';
  return `${o.dataset}${years.length ? ` ${yearRanges(years)}` : ''}${codeText}`;
}

function overlapError(file: string, o: Overlap): RowError {
  return {
    file,
    line: 0,
    message: `covers data already loaded as source ${o.source_id} (${o.file}${o.release ? `, ${o.release}` : ''}): ${describeSlices(o)}`,
    hint: 'pass --replace to replace those rows with this file’s, or load a file that covers other years or codes',
  };
}

/**
 * Parses `path` with `importer` and loads every record inside one transaction. The same content loaded before
 * is a no-op (status 'unchanged'); any row error, duplicate or unresolved overlap rolls everything back and
 * throws an ImportError listing the first errors with file:line.
 */
export async function loadFile(
  db: Db,
  importer: Importer,
  path: string,
  opts: LoadOptions = {},
): Promise<LoadResult> {
  const file = opts.label ?? basename(path);
  const meta = importer.meta(path);
  const sha = await sha256File(path);
  const earlier = await sameContent(db, meta.kind, sha);
  if (earlier) return unchanged(earlier, meta.kind);

  const tx = await LoadTx.begin(db, file);
  try {
    for await (const item of importer.parse(path)) {
      if ('error' in item) tx.error(item.error);
      else await tx.add(item.table, item.line, item.row);
      if (tx.full) break;
      if (opts.onProgress && tx.rows && tx.rows % 5000 === 0) opts.onProgress(tx.rows);
    }
  } catch (e) {
    if (e instanceof ImportError) {
      await tx.abort();
      throw e;
    }
    tx.error({ file, line: 0, message: `cannot read the file: ${(e as Error).message}` });
  }
  const r = await tx.finish(meta, sha, opts.replace);
  opts.onProgress?.(r.rows);
  return r;
}

/** Inside the load's transaction: the sources row naming the file, its release, licence, hash and row counts. */
export async function recordSource(
  db: Db,
  sourceId: number,
  file: string,
  meta: SourceMeta,
  sha: string,
  rows: number,
  byTable: Partial<Record<TableName, number>>,
): Promise<void> {
  await db.run(
    `INSERT INTO sources (source_id, kind, file, release, licence, citation, sha256, rows, loaded_at, notes)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, now(), ?)`,
    [
      sourceId,
      meta.kind,
      file,
      meta.release,
      meta.licence,
      meta.citation,
      sha,
      rows,
      JSON.stringify(byTable),
    ],
  );
}

/** Inside a transaction: writes the coverage of every source's rows already in the tables (a loaded pack). */
export async function recordCoverage(db: Db): Promise<void> {
  for (const table of Object.keys(TABLES) as TableName[]) {
    const id = IDENTITY[table];
    await db.run(
      `INSERT INTO source_coverage SELECT DISTINCT source_id, ${id.dataset}, ${id.year}, ${id.code} FROM ${table}`,
    );
  }
}
