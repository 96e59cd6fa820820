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
// line. Errors name file:line; the caller (store/load.ts) rolls back on any.
import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import type { RowError } from '../model/errors.ts';
import { MODEL_HS6, hsOwner, tradeIso3FromNumeric } from './trade-codes.ts';
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
  readonly hsText = new Map<number, { hs6: string; mineral: string | null }>();
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
  while (p < e && buf[p] >= 48 && buf[p] <= 57) (p++, digits++);
  if (p < e && buf[p] === 46) {
    p++;
    while (p < e && buf[p] >= 48 && buf[p] <= 57) (p++, digits++);
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

const FIELD_NAMES = ['t (year)', 'i (exporter)', 'j (importer)', 'k (HS6 code)', 'v (value)', 'q (quantity)'];

// Fast path for the canonical line shape (digits, one optional '.', "NA"): one pass, no allocation. The
// results sit in these module-level slots; anything unusual (spaces, signs, exponents, errors) returns
// false and goes through scanLine, which is slower but explains what is wrong.
let T = 0;
let I = 0;
let J = 0;
let K = 0;
let V_END = 0;
let Q_NA = false;

/** Digits up to the next comma from `p`; returns the comma's index or -1 (value in DIGITS). */
let DIGITS = 0;
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

/** A plain decimal (digits with at most one '.') in buf[p, end) up to `stop` (a comma, or end of line). */
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

function fastLine(buf: Buffer, s: number, e: number): boolean {
  let p = digitsTo(buf, s, e);
  if (p < 0) return false;
  T = DIGITS;
  p = digitsTo(buf, p + 1, e);
  if (p < 0) return false;
  I = DIGITS;
  p = digitsTo(buf, p + 1, e);
  if (p < 0) return false;
  J = DIGITS;
  p = digitsTo(buf, p + 1, e);
  if (p < 0 || DIGITS > 999_999) return false;
  K = DIGITS;
  const v0 = p + 1;
  p = decimalTo(buf, v0, e, true);
  if (p < 0) return false;
  V_END = p;
  Q_NA = e - p === 3 && buf[p + 1] === 78 && buf[p + 2] === 65;
  return Q_NA || decimalTo(buf, p + 1, e, false) >= 0;
}

/** Emits the record of a fast-path line whose code is kept (T, I, J, K, V_END, Q_NA are set). */
function keepFast(buf: Buffer, s: number, e: number, line: number, file: string, lk: Lookups, out: ParsedItem[]): void {
  const exporter = lk.country(I);
  if (!exporter) return fail(out, file, line, `unknown country code ${I}`, FIELD_NAMES[1], 'not an ISO numeric or BACI country code');
  const importer = lk.country(J);
  if (!importer) return fail(out, file, line, `unknown country code ${J}`, FIELD_NAMES[2], 'not an ISO numeric or BACI country code');
  const code = lk.code(K);
  let v0 = V_END - 1;
  while (buf[v0 - 1] !== COMMA) v0--;
  out.push({
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
      value_usd: Number(buf.toString('latin1', v0, V_END)) * 1000,
      quantity_t: Q_NA ? null : Number(buf.toString('latin1', V_END + 1, e)),
    },
  });
}

const COMMAS = new Int32Array(5);

function fail(out: ParsedItem[], file: string, line: number, message: string, field?: string, hint?: string): void {
  const error: RowError = { file, line, message };
  if (field) error.field = field;
  if (hint) error.hint = hint;
  out.push({ error });
}

/** Parses one data line buf[s, e) (without its newline), pushing a kept record or an error onto `out`. */
function scanLine(buf: Buffer, s: number, e: number, line: number, file: string, lk: Lookups, out: ParsedItem[]): void {
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
  if (n !== 5)
    return fail(out, file, line, `row has ${n === 6 ? 'more than 6' : n + 1} fields, expected 6 (t,i,j,k,v,q)`, undefined, 'check separators on this line');
  const t = readInt(buf, s, commas[0]);
  const i = readInt(buf, commas[0] + 1, commas[1]);
  const j = readInt(buf, commas[1] + 1, commas[2]);
  const k = readInt(buf, commas[2] + 1, commas[3]);
  const vKind = numberKind(buf, commas[3] + 1, commas[4]);
  const qKind = numberKind(buf, commas[4] + 1, e);
  if (t < 0 || i < 0 || j < 0 || k < 0) {
    const f = [t, i, j, k].findIndex((x) => x < 0);
    const raw = buf.toString('latin1', f ? commas[f - 1] + 1 : s, commas[f]);
    return fail(out, file, line, `not an integer: "${raw}"`, FIELD_NAMES[f]);
  }
  if (vKind !== 0)
    return fail(out, file, line, `value is not a number: "${buf.toString('latin1', commas[3] + 1, commas[4])}"`, FIELD_NAMES[4]);
  if (qKind < 0)
    return fail(out, file, line, `quantity is not a number or NA: "${buf.toString('latin1', commas[4] + 1, e)}"`, FIELD_NAMES[5]);
  if (k > 999_999) return fail(out, file, line, `HS6 code has more than six digits: ${k}`, FIELD_NAMES[3]);
  if (!lk.keep[k]) return;
  const exporter = lk.country(i);
  if (!exporter) return fail(out, file, line, `unknown country code ${i}`, FIELD_NAMES[1], 'not an ISO numeric or BACI country code');
  const importer = lk.country(j);
  if (!importer) return fail(out, file, line, `unknown country code ${j}`, FIELD_NAMES[2], 'not an ISO numeric or BACI country code');
  const code = lk.code(k);
  out.push({
    table: 'trade',
    line,
    row: {
      dataset: 'baci',
      year: t,
      month: null,
      exporter,
      importer,
      hs: code.hs6,
      mineral: code.mineral,
      flow: null,
      value_usd: Number(buf.toString('latin1', commas[3] + 1, commas[4])) * 1000,
      quantity_t: qKind === 1 ? null : Number(buf.toString('latin1', commas[4] + 1, e)),
    },
  });
}

export interface BaciRange {
  /** Byte range [start, end) of the file to scan; start must be 0 or follow a newline. Default: the whole file. */
  start?: number;
  end?: number;
  /** Lines before `start` (line numbers are reported as lineBase + the line's number within the range). */
  lineBase?: number;
  /** Filled in as the scan goes: lines seen in the range. */
  stats?: { lines: number };
}

/** Streams the kept records and the errors of a raw BACI file (or of a byte range of one, for parallel scans). */
export async function* parseBaciCsv(path: string, opts: BaciCsvOptions & BaciRange = {}): AsyncGenerator<ParsedItem> {
  const file = basename(path);
  const lk = new Lookups(opts.hs6 === undefined ? MODEL_HS6 : opts.hs6);
  const fh = await open(path, 'r');
  try {
    const size = (await fh.stat()).size;
    const end = Math.min(opts.end ?? size, size);
    let pos = opts.start ?? 0;
    const stats = opts.stats ?? { lines: 0 };
    const base = opts.lineBase ?? 0;
    const buf = Buffer.allocUnsafe(BLOCK);
    let filled = 0;
    let line = 0;
    let eof = false;
    let headerSeen = pos > 0;
    while (!eof) {
      const { bytesRead } = await fh.read(buf, filled, Math.min(buf.length - filled, end - pos), pos);
      pos += bytesRead;
      if (bytesRead === 0) eof = true;
      filled += bytesRead;
      const out: ParsedItem[] = [];
      let s = 0;
      for (;;) {
        let nl = buf.indexOf(NL, s);
        if (nl < 0 || nl >= filled) {
          if (!eof || s === filled) break;
          nl = filled; // last line without a newline
          if (headerSeen) {
            out.push({
              error: {
                file, line: base + line + 1,
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
          const header = buf.toString('utf8', s, e).replace(/^\uFEFF/, '').split(',').map((h) => h.trim());
          if (header.join(',') !== BACI_HEADER.join(',')) {
            yield {
              error: {
                file, line, field: 'header',
                message: `header is "${header.join(',')}", expected "${BACI_HEADER.join(',')}"`,
                hint: 'check that this is a raw BACI file and that the header is not shifted',
              },
            };
            return;
          }
        } else if (e > s) {
          if (!fastLine(buf, s, e)) scanLine(buf, s, e, base + line, file, lk, out);
          else if (lk.keep[K]) keepFast(buf, s, e, base + line, file, lk, out);
        }
        s = nl + 1;
      }
      stats.lines = line;
      for (const item of out) yield item;
      if (s > filled) s = filled;
      if (s === 0 && filled === buf.length) {
        yield { error: { file, line: base + line + 1, message: `a line is longer than ${BLOCK} bytes`, hint: 'this is not a BACI CSV file' } };
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
