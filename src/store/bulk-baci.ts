// Bulk load of a raw BACI release CSV (≈11M rows) into `trade`, for `minsec data import baci <file.csv>`.
// The same scanner, checks and file:line errors as the streaming importer (src/sources/baci-csv.ts), but the
// file's SHA-256 is computed in a worker thread while the main thread scans (loadFile hashes in a separate
// pass first), and the kept rows (the model's HS6 codes by default: ~0.5% of a release) are appended in one
// transaction with their sources row. Any error leaves the database unchanged.
import { basename } from 'node:path';
import { Worker } from 'node:worker_threads';
import { ImportError, type RowError } from '../model/errors.ts';
import { parseBaciCsv } from '../sources/baci-csv.ts';
import { baciImporter } from '../sources/registry-trade.ts';
import type { ParsedItem } from '../sources/types.ts';
import type { Db } from './db.ts';
import { claimSource, type LoadOptions, type LoadResult, MAX_REPORTED_ERRORS, recordSource } from './load.ts';
import { TABLES } from './schema.ts';

export interface BulkBaciOptions extends LoadOptions {
  /** HS6 codes to keep; null keeps every row (all of them are then held in memory). Default: the model's. */
  hs6?: ReadonlySet<string> | null;
}

/** Plain-JS worker (no TypeScript loader needed): SHA-256 of a file read in 4 MB blocks. */
const HASH_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
const h = require('node:crypto').createHash('sha256');
const fd = fs.openSync(workerData, 'r');
const buf = Buffer.allocUnsafe(1 << 22);
for (let n; (n = fs.readSync(fd, buf, 0, buf.length, null)) > 0; ) h.update(buf.subarray(0, n));
fs.closeSync(fd);
parentPort.postMessage(h.digest('hex'));`;

function sha256InWorker(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const w = new Worker(HASH_WORKER, { eval: true, workerData: path });
    w.once('message', resolve);
    w.once('error', reject);
  });
}

async function scan(path: string, hs6: ReadonlySet<string> | null | undefined) {
  const rows: Extract<ParsedItem, { row: unknown }>[] = [];
  const errors: RowError[] = [];
  for await (const it of parseBaciCsv(path, { hs6 })) {
    if (!('error' in it)) rows.push(it);
    else if (errors.push(it.error) >= MAX_REPORTED_ERRORS) break;
  }
  return { rows, errors };
}

export async function loadBaciCsvBulk(db: Db, path: string, opts: BulkBaciOptions = {}): Promise<LoadResult> {
  const file = opts.label ?? basename(path);
  const meta = baciImporter.meta(path);
  const [sha, { rows, errors }] = await Promise.all([sha256InWorker(path), scan(path, opts.hs6)]);
  if (errors.length) throw new ImportError(file, errors, errors.length >= MAX_REPORTED_ERRORS);
  if (!rows.length)
    throw new ImportError(file, [
      {
        file,
        line: 0,
        message: 'no records found',
        hint: 'check that this is a raw BACI file with the model HS6 codes',
      },
    ]);

  await db.run('BEGIN TRANSACTION');
  try {
    const { sourceId, replaced } = await claimSource(db, file, meta.kind, opts.replace);
    const ap = await db.conn.createAppender('trade');
    try {
      for (const [i, { line, row }] of rows.entries()) {
        for (const c of TABLES.trade.columns) {
          const v = c.name === 'source_id' ? sourceId : c.name === 'source_line' ? line : row[c.name];
          if (v === null || v === undefined) ap.appendNull();
          else if (c.type === 'VARCHAR') ap.appendVarchar(String(v));
          else if (c.type === 'DOUBLE') ap.appendDouble(v as number);
          else ap.appendInteger(v as number);
        }
        ap.endRow();
        if (opts.onProgress && (i + 1) % 50_000 === 0) opts.onProgress(i + 1);
      }
      ap.flushSync();
    } finally {
      ap.closeSync();
    }
    await recordSource(db, sourceId, file, meta, sha, rows.length, { trade: rows.length });
    await db.run('COMMIT');
    opts.onProgress?.(rows.length);
    return {
      sourceId,
      file,
      kind: meta.kind,
      rows: rows.length,
      byTable: { trade: rows.length },
      replaced,
    };
  } catch (e) {
    await db.run('ROLLBACK');
    if (e instanceof ImportError) throw e;
    throw new ImportError(file, [{ file, line: 0, message: (e as Error).message }]);
  }
}
