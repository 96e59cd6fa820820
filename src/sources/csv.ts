// Streaming CSV reading shared by the importers: decoding (UTF-8 with or without BOM, or cp1252), header
// checks that catch shifted or foreign headers, 1-based line numbers for every record, a cut-off last line
// (a file that does not end with a line break, or whose last line lacks fields) and a maximum record size
// (MAX_RECORD_CHARS), so that a malformed file is an error naming its line rather than a silent partial load
// or gigabytes of memory.
import { closeSync, createReadStream, openSync, readSync } from 'node:fs';
import { basename } from 'node:path';
import { parse } from 'csv-parse';
import iconv from 'iconv-lite';
import type { RowError } from '../model/errors.ts';

/**
 * Longest record accepted, in characters: about 100 times the longest record of any shared raw CSV (11,096
 * characters, an IEA policy with its HTML description); an assumption that keeps memory bounded.
 */
export const MAX_RECORD_CHARS = 1 << 20;

/** A CSV cell as a number; an empty cell is null (a malformed one is NaN, for the caller's range checks). */
export const numOrNull = (s: string) => (s.trim() === '' ? null : Number(s));

export interface CsvOptions {
  encoding?: 'utf8' | 'cp1252' | 'latin1';
  /** Columns that must appear in the header (after trimming). */
  required: string[];
  delimiter?: string;
  /** Rows with fewer fields than the header are errors (a cut-off line), not padded with blanks. */
  strictColumns?: boolean;
  /**
   * 'required' (default): a file whose last line has no line break is cut off, an error at that line.
   * 'optional': for sources published without a final line break (the World Bank's wgidataset.csv); then only
   * a last line with fewer fields than the header is an error (a cut inside its last field cannot be seen).
   */
  finalNewline?: 'required' | 'optional';
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
  // UTF-16 (by its BOM) is decoded here rather than by csv-parse, whose raw text would be garbled.
  const decodeAs = utf16Bom(path) ?? (encoding === 'utf8' ? null : encoding);
  const decoded = decodeAs ? input.pipe(iconv.decodeStream(decodeAs)) : input;
  const parser = decoded.pipe(
    parse({
      bom: true,
      // Line numbers are counted from each record's raw text: csv-parse's `info` snapshot per record costs
      // about 3 s of CPU per million rows. Blank lines are kept so that they advance the count.
      raw: true,
      relax_column_count: true,
      skip_empty_lines: false,
      delimiter: opts.delimiter ?? ',',
      encoding: decodeAs ? undefined : 'utf8',
      max_record_size: MAX_RECORD_CHARS,
    }),
  );
  let header: string[] | null = null;
  let breaks = 0; // line breaks before the current record
  let last: { line: number; fields: number; terminated: boolean } | null = null;
  try {
    for await (const { record, raw } of parser as AsyncIterable<{ record: string[]; raw: string }>) {
      const inRecord = lineBreaks(raw);
      const line = breaks + inRecord + (endsWithBreak(raw) ? 0 : 1); // the record's last line, as csv-parse counts
      breaks += inRecord;
      last = { line, fields: record.length, terminated: endsWithBreak(raw) };
      if (record.every((v) => v.trim() === '')) continue;
      if (!header) {
        header = record.map((h) => h.trim());
        const missing = opts.required.filter((c) => !header!.includes(c));
        if (missing.length) {
          yield {
            error: {
              file,
              line,
              field: missing.join(', '),
              message: `header lacks column(s) ${missing.map((m) => `"${m}"`).join(', ')}; found ${header.map((h) => `"${h}"`).join(', ')}`,
              hint: 'check that the header is not shifted by a column and that this is the expected file',
            },
          };
          return;
        }
        continue;
      }
      if (encoding === 'utf8' && record.some((v) => v.includes('\uFFFD'))) {
        yield {
          error: {
            file,
            line,
            message: 'invalid UTF-8 byte sequence',
            hint: 'save the file as UTF-8 or import it with its original encoding',
          },
        };
        continue;
      }
      if (opts.strictColumns && record.length < header.length) {
        yield {
          error: {
            file,
            line,
            message: `row has ${record.length} fields, header has ${header.length}`,
            hint: 'the line may be cut off (truncated file) or a separator missing',
          },
        };
        continue;
      }
      if (record.length > header.length && record.slice(header.length).some((v) => v.trim() !== '')) {
        yield {
          error: {
            file,
            line,
            message: `row has ${record.length} fields, header has ${header.length}`,
            hint: 'check quoting and separators on this line',
          },
        };
        continue;
      }
      const rec: Record<string, string> = {};
      header.forEach((h, i) => {
        rec[h] = record[i] ?? '';
      });
      yield { line, record: rec };
    }
  } catch (e) {
    const err = e as Error & { lines?: number; code?: string };
    yield {
      error:
        err.code === 'CSV_MAX_RECORD_SIZE'
          ? {
              file,
              line: err.lines ?? breaks + 1,
              message: `a record is longer than ${MAX_RECORD_CHARS.toLocaleString('en')} characters`,
              hint: 'this is not the expected CSV file, or a quote is not closed',
            }
          : {
              file,
              line: err.lines ?? 0,
              message: `malformed CSV: ${err.message}`,
              hint: 'the file may be truncated or have an unclosed quote',
            },
    };
    return;
  }
  if (!header) {
    yield { error: { file, line: 1, message: 'the file is empty', hint: 'check the path' } };
    return;
  }
  if (last && !last.terminated) {
    if ((opts.finalNewline ?? 'required') === 'required')
      yield {
        error: {
          file,
          line: last.line,
          message: 'the last line does not end with a line break: the file is cut off (truncated)',
          hint: 'copy or download the file again; if its last record is complete, add a line break at the end',
        },
      };
    else if (last.fields < header.length)
      yield {
        error: {
          file,
          line: last.line,
          message: `the last line has ${last.fields} fields, the header ${header.length}: the file is cut off (truncated)`,
          hint: 'copy or download the file again',
        },
      };
  }
}

/** 'utf-16le' or 'utf-16be' when the file starts with that byte-order mark. */
function utf16Bom(path: string): 'utf-16le' | 'utf-16be' | null {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return null; // reported when the stream opens
  }
  try {
    const b = Buffer.alloc(2);
    const n = readSync(fd, b, 0, 2, 0);
    if (n === 2 && b[0] === 0xff && b[1] === 0xfe) return 'utf-16le';
    if (n === 2 && b[0] === 0xfe && b[1] === 0xff) return 'utf-16be';
    return null;
  } finally {
    closeSync(fd);
  }
}

/** Line breaks (\n, \r\n or a lone \r) in s. */
function lineBreaks(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 10 || (c === 13 && s.charCodeAt(i + 1) !== 10)) n++;
  }
  return n;
}

const endsWithBreak = (s: string) => s.endsWith('\n') || s.endsWith('\r');
