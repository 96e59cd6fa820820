// Streaming CSV reading shared by the importers: decoding (UTF-8 with or without BOM, or cp1252), header
// checks that catch shifted or foreign headers, and 1-based line numbers for every record.
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { parse } from 'csv-parse';
import iconv from 'iconv-lite';
import type { RowError } from '../model/errors.ts';

export interface CsvOptions {
  encoding?: 'utf8' | 'cp1252' | 'latin1';
  /** Columns that must appear in the header (after trimming). */
  required: string[];
  delimiter?: string;
}

export type CsvItem = { line: number; record: Record<string, string> } | { error: RowError };

/**
 * Yields one record per data row keyed by trimmed header names. A missing required column yields a single
 * error at line 1 and stops; a UTF-8 file with invalid byte sequences yields an error naming the line; a row
 * with a different number of fields yields an error for that row (csv-parse's own message).
 */
export async function* readCsv(path: string, opts: CsvOptions): AsyncGenerator<CsvItem> {
  const file = basename(path);
  const encoding = opts.encoding ?? 'utf8';
  const input = createReadStream(path);
  const decoded = encoding === 'utf8' ? input : input.pipe(iconv.decodeStream(encoding));
  const parser = decoded.pipe(
    parse({
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      delimiter: opts.delimiter ?? ',',
      encoding: encoding === 'utf8' ? 'utf8' : undefined,
    }),
  );
  let header: string[] | null = null;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      const line = info.lines;
      if (!header) {
        header = record.map((h) => h.trim());
        const missing = opts.required.filter((c) => !header!.includes(c));
        if (missing.length) {
          yield {
            error: {
              file, line, field: missing.join(', '),
              message: `header lacks column(s) ${missing.map((m) => `"${m}"`).join(', ')}; found ${header.map((h) => `"${h}"`).join(', ')}`,
              hint: 'check that the header is not shifted by a column and that this is the expected file',
            },
          };
          return;
        }
        continue;
      }
      if (record.every((v) => v.trim() === '')) continue;
      if (encoding === 'utf8' && record.some((v) => v.includes('\uFFFD'))) {
        yield {
          error: { file, line, message: 'invalid UTF-8 byte sequence', hint: 'save the file as UTF-8 or import it with its original encoding' },
        };
        continue;
      }
      if (record.length > header.length && record.slice(header.length).some((v) => v.trim() !== '')) {
        yield { error: { file, line, message: `row has ${record.length} fields, header has ${header.length}`, hint: 'check quoting and separators on this line' } };
        continue;
      }
      const rec: Record<string, string> = {};
      header.forEach((h, i) => {
        rec[h] = record[i] ?? '';
      });
      yield { line, record: rec };
    }
  } catch (e) {
    const err = e as Error & { lines?: number };
    yield { error: { file, line: err.lines ?? 0, message: `malformed CSV: ${err.message}`, hint: 'the file may be truncated or have an unclosed quote' } };
  }
  if (!header) yield { error: { file, line: 1, message: 'the file is empty', hint: 'check the path' } };
}
