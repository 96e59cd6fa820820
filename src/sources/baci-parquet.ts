// CEPII BACI critical-code extract as parquet (baci_hs17_2024_critical_hs6.parquet: year, exporter,
// exporter_name, importer, importer_name, hs6, material, value_kusd, qty_t). Codes are ISO3 except BACI's
// "S19" (Other Asia, nes = Taiwan in BACI's convention) → TWN. value_usd = value_kusd × 1000; quantity_t =
// qty_t, null where missing. mineral = the model mineral owning the HS6 code (811292 → gallium, see
// trade-codes.ts hsOwner); the file's own material label ("gallium+germanium") is not stored.
// The record's line is its 1-based row number in the file.
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { asyncBufferFromFile, parquetReadObjects } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import type { RowError } from '../model/errors.ts';
import { hsOwner, knownIso3, tradeIso3FromIso2 } from './trade-codes.ts';
import type { ParsedItem } from './types.ts';

export const PARQUET_COLUMNS = [
  'year',
  'exporter',
  'importer',
  'hs6',
  'material',
  'value_kusd',
  'qty_t',
] as const;

const country = (code: unknown) =>
  typeof code === 'string'
    ? (knownIso3(code) ?? (code === 'S19' ? tradeIso3FromIso2(code) : undefined))
    : undefined;

/** Largest parquet read (rows are held in memory; the shared file has 220 KB): an assumption. */
export const MAX_PARQUET_BYTES = 256 << 20;

export async function* parseBaciParquet(path: string): AsyncGenerator<ParsedItem> {
  const file = basename(path);
  const size = (await stat(path)).size;
  if (size > MAX_PARQUET_BYTES) {
    yield {
      error: {
        file,
        line: 0,
        message: `the file has ${size.toLocaleString('en')} bytes, more than the ${MAX_PARQUET_BYTES.toLocaleString('en')} this importer reads`,
        hint: 'load a raw BACI release as CSV (minsec data import baci BACI_….csv)',
      },
    };
    return;
  }
  let rows: Record<string, unknown>[];
  try {
    rows = await parquetReadObjects({
      file: await asyncBufferFromFile(path),
      columns: [...PARQUET_COLUMNS],
      compressors,
    });
  } catch (e) {
    yield {
      error: {
        file,
        line: 0,
        message: `cannot read parquet: ${(e as Error).message}`,
        hint: 'check that this is the BACI critical-code parquet',
      },
    };
    return;
  }
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    const line = i + 1;
    const err = (field: string, message: string): { error: RowError } => ({
      error: { file, line, field, message },
    });
    const exporter = country(r.exporter);
    const importer = country(r.importer);
    const hs6 = typeof r.hs6 === 'string' ? r.hs6.padStart(6, '0') : '';
    const value = r.value_kusd;
    const qty = r.qty_t;
    if (!Number.isInteger(r.year)) yield err('year', `year must be an integer, got ${r.year}`);
    else if (!exporter) yield err('exporter', `unknown country code "${r.exporter}"`);
    else if (!importer) yield err('importer', `unknown country code "${r.importer}"`);
    else if (!/^\d{6}$/.test(hs6)) yield err('hs6', `HS6 code must be six digits, got "${r.hs6}"`);
    else if (typeof value !== 'number' || !Number.isFinite(value))
      yield err('value_kusd', `value must be a number, got ${value}`);
    else if (qty !== null && qty !== undefined && (typeof qty !== 'number' || !Number.isFinite(qty)))
      yield err('qty_t', `quantity must be a finite number or empty, got ${qty}`);
    else
      yield {
        table: 'trade',
        line,
        row: {
          dataset: 'baci',
          year: r.year as number,
          month: null,
          exporter,
          importer,
          hs: hs6,
          mineral: hsOwner(hs6)?.id ?? String(r.material ?? hs6),
          flow: null,
          value_usd: value * 1000,
          quantity_t: typeof qty === 'number' ? qty : null,
        },
      };
  }
}
