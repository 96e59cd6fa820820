// Bulk load of a raw BACI release CSV (≈11M rows) into `trade`, for `minsec data import baci <file.csv>`.
// The same scanner, checks and file:line errors as the streaming importer (src/sources/baci-csv.ts), but the
// file's SHA-256 is computed in a worker thread while the main thread scans (loadFile hashes in a separate
// pass first), and the kept rows (the model's HS6 codes by default: ~0.5% of a release) go through the same
// checked, identity-aware load as every other file (src/store/load.ts LoadTx: value checks, duplicate keys,
// coverage: a release of 2022 replaces, with --replace, the flow-file rows of 2022 for the same codes). Any
// error leaves the database unchanged.
import { basename } from 'node:path';
import { Worker } from 'node:worker_threads';
import { ImportError, type RowError } from '../model/errors.ts';
import { parseBaciCsv } from '../sources/baci-csv.ts';
import { baciImporter } from '../sources/registry-trade.ts';
import type { ParsedItem } from '../sources/types.ts';
import type { Db } from './db.ts';
import { clip, type LoadOptions, type LoadResult, LoadTx, MAX_REPORTED_ERRORS, sameContent } from './load.ts';

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
  const earlier = await sameContent(db, meta.kind, sha);
  if (earlier)
    return {
      sourceId: earlier.source_id,
      file: earlier.file,
      kind: meta.kind,
      rows: 0,
      byTable: {},
      status: 'unchanged',
      replaced: [],
    };
  if (errors.length)
    throw new ImportError(
      file,
      errors.map((e) => ({ ...e, message: clip(e.message) })),
      errors.length >= MAX_REPORTED_ERRORS,
    );
  if (!rows.length)
    throw new ImportError(file, [
      {
        file,
        line: 0,
        message: 'no records found',
        hint: 'check that this is a raw BACI file with the model HS6 codes',
      },
    ]);

  const tx = await LoadTx.begin(db, file);
  for (const [i, { line, row }] of rows.entries()) {
    await tx.add('trade', line, row);
    if (tx.full) break;
    if (opts.onProgress && (i + 1) % 50_000 === 0) opts.onProgress(i + 1);
  }
  const r = await tx.finish(meta, sha, opts.replace);
  opts.onProgress?.(r.rows);
  return r;
}
