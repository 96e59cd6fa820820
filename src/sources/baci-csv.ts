// Raw CEPII BACI release files (BACI_HS17_Y2022_V202601.csv and the like): header `t,i,j,k,v,q`; t year,
// i exporter and j importer as ISO numeric codes incl. BACI's own (iso3FromNumeric), k the HS6 code written
// as a number (a leading zero is lost: padded back to six digits), v value in thousand USD, q quantity in
// tonnes (blank or "NA", possibly space-padded, when not reported). Reference: CEPII BACI documentation
// (Gaulier & Zignago 2010, CEPII WP 2010-23).
//
// Files run to ~11M rows, so this is a byte-level scanner, not a CSV library: it reads 4 MB blocks and
// parses each line in place. Every line is checked (six fields, integers in t/i/j/k, numbers in v/q); only
// rows whose HS6 code passes the filter (default: every HS6 code of the model, MODEL_HS6) are kept, and
// for those the country codes must be known. A file that does not end with a newline has a truncated last
// line. Errors name file:line; the caller (store/load.ts, store/bulk-baci.ts) rolls back on any.
import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import type { RowError } from '../model/errors.ts';
import { MAX_YEAR, TRADE_FIRST_YEAR } from './limits.ts';
import { hsOwner, MODEL_HS6, tradeIso3FromNumeric } from './trade-codes.ts';
import type { ParsedItem } from './types.ts';

export const BACI_HEADER = ['t', 'i', 'j', 'k', 'v', 'q'];
const BLOCK = 1 << 22;
const NL = 10;
const CR = 13;
const COMMA = 44;
const SPACE = 32;

export interface BaciCsvOptions {
  /** HS6 codes to keep; null keeps every row. Default: MODEL_HS6. */
  hs6?: ReadonlySet<string> | null;
}

/** Per-code lookups built once per parse: kept codes, their mineral, and country codes. */
class Lookups {
  readonly keep: Uint8Array;
  private readonly hsText = new Map<number, { hs6: string; mineral: string | null }>();
  private readonly iso = new Map<number, string | undefined>();

  constructor(filter: ReadonlySet<string> | null) {
    this.keep = new Uint8Array(1_000_000);
    if (filter === null) this.keep.fill(1);
    else for (const c of filter) if (/^\d{6}$/.test(c)) this.keep[Number(c)] = 1;
  }

  code(k: number) {
    let hit = this.hsText.get(k);
    if (!hit) {
      const hs6 = String(k).padStart(6, '0');
      hit = { hs6, mineral: hsOwner(hs6)?.id ?? null };
      this.hsText.set(k, hit);
    }
    return hit;
  }

  country(n: number): string | undefined {
    if (!this.iso.has(n)) this.iso.set(n, tradeIso3FromNumeric(n));
    return this.iso.get(n);
  }
}

/** Unsigned integer in buf[s, e) allowing surrounding spaces; -1 when it is not one. */
function readInt(buf: Buffer, s: number, e: number): number {
  while (s < e && buf[s] === SPACE) s++;
  while (e > s && buf[e - 1] === SPACE) e--;
  if (s === e || e - s > 9) return -1;
  let n = 0;
  for (let p = s; p < e; p++) {
    const c = buf[p] - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

/** 0 = a decimal number, 1 = blank or NA (missing), -1 = anything else. Grammar: [+-]d*[.d*][e[+-]d+]. */
function numberKind(buf: Buffer, s: number, e: number): number {
  while (s < e && buf[s] === SPACE) s++;
  while (e > s && buf[e - 1] === SPACE) e--;
  if (s === e) return 1;
  if (e - s === 2 && buf[s] === 78 && buf[s + 1] === 65) return 1; // "NA"
  let p = s;
  if (buf[p] === 45 || buf[p] === 43) p++;
  let digits = 0;
  for (; p < e && buf[p] >= 48 && buf[p] <= 57; p++) digits++;
  if (p < e && buf[p] === 46) {
    p++;
    for (; p < e && buf[p] >= 48 && buf[p] <= 57; p++) digits++;
  }
  if (!digits) return -1;
  if (p < e && (buf[p] | 32) === 101) {
    p++;
    if (p < e && (buf[p] === 45 || buf[p] === 43)) p++;
    const d0 = p;
    while (p < e && buf[p] >= 48 && buf[p] <= 57) p++;
    if (p === d0) return -1;
  }
  return p === e ? 0 : -1;
}

const FIX = 'correct the line, or download the release again if the file is damaged';
const FIELD_NAMES = ['t (year)', 'i (exporter)', 'j (importer)', 'k (HS6 code)', 'v (value)', 'q (quantity)'];

// A parsed line sits in these module-level slots (no allocation per line): year, exporter, importer, HS
// code, the byte ranges of v and q, and whether q is missing.
let T = 0;
let I = 0;
let J = 0;
let K = 0;
let V_START = 0;
let V_END = 0;
let Q_START = 0;
let Q_END = 0;
let Q_NULL = false;

// Fast path for the canonical line shape (digits, one optional '.', "NA"): one pass over the bytes. Anything
// unusual (spaces, signs, exponents, errors) returns false and goes through checkLine, which is slower but
// accepts those forms and explains what is wrong.
let DIGITS = 0;
/** Digits from p up to the next comma; returns the comma's index or -1 (the value goes to DIGITS). */
function digitsTo(buf: Buffer, p: number, e: number): number {
  let n = 0;
  const p0 = p;
  for (; p < e; p++) {
    const c = buf[p];
    if (c === COMMA) break;
    if (c < 48 || c > 57) return -1;
    n = n * 10 + (c - 48);
  }
  if (p === p0 || p === e || p - p0 > 9) return -1;
  DIGITS = n;
  return p;
}

/** A plain decimal (digits, at most one '.') from p to the next comma (stopAtComma) or to e; its end or -1. */
function decimalTo(buf: Buffer, p: number, e: number, stopAtComma: boolean): number {
  let digits = 0;
  let dots = 0;
  for (; p < e; p++) {
    const c = buf[p];
    if (c >= 48 && c <= 57) digits++;
    else if (c === 46) dots++;
    else if (c === COMMA && stopAtComma) break;
    else return -1;
  }
  if (!digits || dots > 1 || (stopAtComma && p === e)) return -1;
  return p;
}

/**
 * Parses a canonical line starting at s (no need to find its end first); returns the index of its newline,
 * or -1 when the line is not canonical or not complete in buf[0, limit).
 */
function fastLine(buf: Buffer, s: number, limit: number): number {
  let p = digitsTo(buf, s, limit);
  if (p < 0) return -1;
  T = DIGITS;
  p = digitsTo(buf, p + 1, limit);
  if (p < 0) return -1;
  I = DIGITS;
  p = digitsTo(buf, p + 1, limit);
  if (p < 0) return -1;
  J = DIGITS;
  p = digitsTo(buf, p + 1, limit);
  if (p < 0 || DIGITS > 999_999) return -1;
  K = DIGITS;
  V_START = p + 1;
  p = decimalTo(buf, V_START, limit, true);
  if (p < 0) return -1;
  V_END = p;
  Q_START = ++p;
  Q_NULL = false;
  if (buf[p] === 78 && buf[p + 1] === 65) {
    Q_NULL = true;
    p += 2;
  } else {
    let digits = 0;
    let dots = 0;
    for (; p < limit; p++) {
      const c = buf[p];
      if (c >= 48 && c <= 57) digits++;
      else if (c === 46) dots++;
      else break;
    }
    if (!digits || dots > 1) return -1;
  }
  Q_END = p;
  if (p < limit && buf[p] === CR) p++;
  return p < limit && buf[p] === NL ? p : -1;
}

const COMMAS = new Int32Array(5);

const failure = (file: string, line: number, message: string, field?: string, hint?: string): ParsedItem => {
  const error: RowError = { file, line, message };
  if (field) error.field = field;
  if (hint) error.hint = hint;
  return { error };
};

/** The careful path: checks a line buf[s, e) field by field; fills the slots or returns the error. */
function checkLine(buf: Buffer, s: number, e: number, line: number, file: string): ParsedItem | null {
  const commas = COMMAS;
  let n = 0;
  for (let p = s; p < e; p++) {
    if (buf[p] === COMMA) {
      if (n === 5) {
        n = 6;
        break;
      }
      commas[n++] = p;
    }
  }
  if (n !== 5) {
    const count = n === 6 ? 'more than 6' : String(n + 1);
    return failure(
      file,
      line,
      `row has ${count} fields, expected 6 (t,i,j,k,v,q)`,
      undefined,
      'check separators on this line',
    );
  }
  const ints = [
    readInt(buf, s, commas[0]),
    readInt(buf, commas[0] + 1, commas[1]),
    readInt(buf, commas[1] + 1, commas[2]),
    readInt(buf, commas[2] + 1, commas[3]),
  ];
  const bad = ints.findIndex((x) => x < 0);
  if (bad >= 0)
    return failure(
      file,
      line,
      `not an integer: "${buf.toString('latin1', bad ? commas[bad - 1] + 1 : s, commas[bad])}"`,
      FIELD_NAMES[bad],
    );
  if (ints[3] > 999_999)
    return failure(file, line, `HS6 code has more than six digits: ${ints[3]}`, FIELD_NAMES[3]);
  [T, I, J, K] = ints;
  V_START = commas[3] + 1;
  V_END = commas[4];
  Q_START = commas[4] + 1;
  Q_END = e;
  if (numberKind(buf, V_START, V_END) !== 0)
    return failure(
      file,
      line,
      `value is not a number: "${buf.toString('latin1', V_START, V_END)}"`,
      FIELD_NAMES[4],
    );
  const q = numberKind(buf, Q_START, Q_END);
  if (q < 0)
    return failure(
      file,
      line,
      `quantity is not a number or NA: "${buf.toString('latin1', Q_START, Q_END)}"`,
      FIELD_NAMES[5],
    );
  Q_NULL = q === 1;
  return null;
}

/** The record of the line in the slots (its HS code is kept), or an error for an unknown country code. */
function keptRecord(buf: Buffer, line: number, file: string, lk: Lookups): ParsedItem {
  const exporter = lk.country(I);
  const importer = lk.country(J);
  const hint = 'not an ISO numeric or BACI country code';
  if (!exporter) return failure(file, line, `unknown country code ${I}`, FIELD_NAMES[1], hint);
  if (!importer) return failure(file, line, `unknown country code ${J}`, FIELD_NAMES[2], hint);
  if (T < TRADE_FIRST_YEAR.baci || T > MAX_YEAR)
    return failure(
      file,
      line,
      `year ${T} is outside BACI's span ${TRADE_FIRST_YEAR.baci}–${MAX_YEAR}`,
      FIELD_NAMES[0],
      FIX,
    );
  const vText = buf.toString('latin1', V_START, V_END).trim();
  const v = Number(vText);
  if (!Number.isFinite(v) || v < 0)
    return failure(
      file,
      line,
      `value "${vText}" is not a finite non-negative number (thousand USD)`,
      FIELD_NAMES[4],
      FIX,
    );
  const qText = Q_NULL ? '' : buf.toString('latin1', Q_START, Q_END).trim();
  const q = Q_NULL ? null : Number(qText);
  if (q !== null && (!Number.isFinite(q) || q < 0))
    return failure(
      file,
      line,
      `quantity "${qText}" is not a finite non-negative number (tonnes) or NA`,
      FIELD_NAMES[5],
      FIX,
    );
  const code = lk.code(K);
  return {
    table: 'trade',
    line,
    row: {
      dataset: 'baci',
      year: T,
      month: null,
      exporter,
      importer,
      hs: code.hs6,
      mineral: code.mineral,
      flow: null,
      value_usd: v * 1000,
      quantity_t: q,
    },
  };
}

/** Streams the kept records and the errors of a raw BACI file. */
export async function* parseBaciCsv(path: string, opts: BaciCsvOptions = {}): AsyncGenerator<ParsedItem> {
  const file = basename(path);
  const lk = new Lookups(opts.hs6 === undefined ? MODEL_HS6 : opts.hs6);
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.allocUnsafe(BLOCK);
    let filled = 0;
    let line = 0;
    let eof = false;
    let headerSeen = false;
    while (!eof) {
      const { bytesRead } = await fh.read(buf, filled, buf.length - filled, null);
      if (bytesRead === 0) eof = true;
      filled += bytesRead;
      const out: ParsedItem[] = [];
      let s = 0;
      for (;;) {
        if (headerSeen) {
          const end = fastLine(buf, s, filled);
          if (end >= 0) {
            line++;
            if (lk.keep[K]) out.push(keptRecord(buf, line, file, lk));
            s = end + 1;
            continue;
          }
        }
        let nl = buf.indexOf(NL, s);
        if (nl < 0 || nl >= filled) {
          if (!eof || s === filled) break;
          nl = filled; // last line without a newline
          if (headerSeen) {
            out.push({
              error: {
                file,
                line: line + 1,
                message: 'the file does not end with a newline: its last line is truncated',
                hint: 'download the file again (or add the final newline if the line is complete)',
              },
            });
            s = filled;
            break;
          }
        }
        line++;
        let e = nl;
        if (e > s && buf[e - 1] === CR) e--;
        if (!headerSeen) {
          headerSeen = true;
          const header = buf
            .toString('utf8', s, e)
            .replace(/^\uFEFF/, '')
            .split(',')
            .map((h) => h.trim());
          if (header.join(',') !== BACI_HEADER.join(',')) {
            yield {
              error: {
                file,
                line,
                field: 'header',
                message: `header is "${header.join(',')}", expected "${BACI_HEADER.join(',')}"`,
                hint: 'check that this is a raw BACI file and that the header is not shifted',
              },
            };
            return;
          }
        } else if (e > s) {
          const error = checkLine(buf, s, e, line, file);
          if (error) out.push(error);
          else if (lk.keep[K]) out.push(keptRecord(buf, line, file, lk));
        }
        s = nl + 1;
      }
      for (const item of out) yield item;
      if (s > filled) s = filled;
      if (s === 0 && filled === buf.length) {
        yield {
          error: {
            file,
            line: line + 1,
            message: `a line is longer than ${BLOCK} bytes`,
            hint: 'this is not a BACI CSV file',
          },
        };
        return;
      }
      buf.copyWithin(0, s, filled);
      filled -= s;
    }
    if (!headerSeen) yield { error: { file, line: 1, message: 'the file is empty', hint: 'check the path' } };
  } finally {
    await fh.close();
  }
}
