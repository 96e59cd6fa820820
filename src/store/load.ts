// Transactional loads: a file's rows all land, with a sources row, or nothing changes.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { type DuckDBAppender, dateValue } from '@duckdb/node-api';
import { ImportError, type RowError } from '../model/errors.ts';
import type { Cell, Importer, Row, SourceMeta } from '../sources/types.ts';
import type { Db } from './db.ts';
import { type ColumnSpec, TABLES, type TableName } from './schema.ts';

export const MAX_REPORTED_ERRORS = 20;

export async function sha256File(path: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
  return h.digest('hex');
}

export interface LoadResult {
  sourceId: number;
  file: string;
  kind: string;
  rows: number;
  byTable: Partial<Record<TableName, number>>;
  replaced: boolean;
}

export interface LoadOptions {
  /** Called every few thousand rows with the count so far. */
  onProgress?: (rows: number) => void;
  /** Replace an earlier load of the same file (same name and kind) instead of refusing it. */
  replace?: boolean;
  /** Label stored as the file name (default: the path's base name). */
  label?: string;
}

function appendCell(ap: DuckDBAppender, c: ColumnSpec, v: Cell | undefined, where: () => string): void {
  if (v === null || v === undefined) {
    if (c.nullable === false) throw new Error(`${where()}: column ${c.name} may not be empty`);
    ap.appendNull();
    return;
  }
  switch (c.type) {
    case 'VARCHAR':
      ap.appendVarchar(String(v));
      return;
    case 'INTEGER':
    case 'BIGINT':
      if (typeof v !== 'number' || !Number.isInteger(v))
        throw new Error(`${where()}: ${c.name} must be an integer, got ${v}`);
      if (c.type === 'BIGINT') ap.appendBigInt(BigInt(v));
      else ap.appendInteger(v);
      return;
    case 'DOUBLE':
      if (typeof v !== 'number' || !Number.isFinite(v))
        throw new Error(`${where()}: ${c.name} must be a finite number, got ${v}`);
      ap.appendDouble(v);
      return;
    case 'BOOLEAN':
      ap.appendBoolean(Boolean(v));
      return;
    case 'DATE': {
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(v));
      if (!m) throw new Error(`${where()}: ${c.name} must be a date YYYY-MM-DD, got ${v}`);
      ap.appendDate(dateValue({ year: +m[1], month: +m[2], day: +m[3] }));
      return;
    }
  }
}

/**
 * Parses `path` with `importer` and loads every record inside one transaction. Any row error (or a failure
 * of the parser itself, e.g. a truncated file) rolls everything back and throws an ImportError listing the
 * first errors with file:line.
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
  const errors: RowError[] = [];
  const byTable: Partial<Record<TableName, number>> = {};
  let rows = 0;
  let replaced = false;

  await db.run('BEGIN TRANSACTION');
  const appenders = new Map<TableName, DuckDBAppender>();
  try {
    const claim = await claimSource(db, file, meta.kind, opts.replace);
    const sourceId = claim.sourceId;
    replaced = claim.replaced;

    try {
      for await (const item of importer.parse(path)) {
        if ('error' in item) {
          errors.push(item.error);
          if (errors.length >= MAX_REPORTED_ERRORS) break;
          continue;
        }
        if (errors.length) continue; // keep parsing only to report further errors
        const spec = TABLES[item.table];
        let ap = appenders.get(item.table);
        if (!ap) {
          ap = await db.conn.createAppender(item.table);
          appenders.set(item.table, ap);
        }
        appendRow(ap, spec.columns, item.row, sourceId, item.line, () => `${file}:${item.line}`);
        byTable[item.table] = (byTable[item.table] ?? 0) + 1;
        rows++;
        if (opts.onProgress && rows % 5000 === 0) opts.onProgress(rows);
      }
    } catch (e) {
      if (e instanceof ImportError) throw e;
      errors.push({ file, line: 0, message: `cannot read the file: ${(e as Error).message}` });
    }
    if (errors.length) throw new ImportError(file, errors, errors.length >= MAX_REPORTED_ERRORS);
    if (rows === 0)
      throw new ImportError(file, [
        { file, line: 0, message: 'no records found', hint: `check that this is a ${meta.kind} file` },
      ]);

    for (const ap of appenders.values()) ap.flushSync();
    for (const ap of appenders.values()) ap.closeSync();
    appenders.clear();
    await recordSource(db, sourceId, file, meta, sha, rows, byTable);
    await db.run('COMMIT');
    opts.onProgress?.(rows);
    return { sourceId, file, kind: meta.kind, rows, byTable, replaced };
  } catch (e) {
    for (const ap of appenders.values()) {
      try {
        ap.closeSync();
      } catch {
        /* the rollback discards it */
      }
    }
    await db.run('ROLLBACK');
    if (e instanceof ImportError) throw e;
    throw new ImportError(file, [{ file, line: 0, message: (e as Error).message }]);
  }
}

/**
 * Inside an open transaction: refuses a file already loaded under the same name and kind unless replacing,
 * deletes the earlier load's rows when replacing, and takes the next source id.
 */
export async function claimSource(
  db: Db,
  file: string,
  kind: string,
  replace = false,
): Promise<{ sourceId: number; replaced: boolean }> {
  const earlier = await db.all<{ source_id: number }>(
    'SELECT source_id FROM sources WHERE file = ? AND kind = ?',
    [file, kind],
  );
  if (earlier.length && !replace)
    throw new ImportError(file, [
      {
        file,
        line: 0,
        message: `already loaded as source ${earlier[0].source_id}`,
        hint: 'pass --replace to load it again in its place',
      },
    ]);
  for (const { source_id } of earlier) {
    for (const t of Object.values(TABLES))
      await db.run(`DELETE FROM ${t.name} WHERE source_id = ?`, [source_id]);
    await db.run('DELETE FROM sources WHERE source_id = ?', [source_id]);
  }
  const sourceId = (await db.one<{ id: number }>(`SELECT nextval('source_seq')::INTEGER AS id`))!.id;
  return { sourceId, replaced: earlier.length > 0 };
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

function appendRow(
  ap: DuckDBAppender,
  cols: ColumnSpec[],
  row: Row,
  sourceId: number,
  line: number,
  where: () => string,
) {
  for (const c of cols) {
    if (c.name === 'source_id') ap.appendInteger(sourceId);
    else if (c.name === 'source_line') ap.appendInteger(line);
    else appendCell(ap, c, row[c.name], where);
  }
  ap.endRow();
}
