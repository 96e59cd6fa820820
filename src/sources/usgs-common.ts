// Pieces shared by the USGS MCS importers: encoding detection, country rows, and the record for a
// world-table observation.
import { closeSync, openSync, readSync } from 'node:fs';
import { basename } from 'node:path';
import { iso3FromName, nonCountryRow } from '../model/countries.ts';
import type { RowError } from '../model/errors.ts';
import type { Mineral } from '../model/minerals.ts';
import type { Row } from './types.ts';
import { parseUsgsValue } from './usgs-values.ts';

export const USGS_LICENCE = 'Public domain (U.S. Geological Survey)';

/**
 * UTF-8 when the bytes decode as UTF-8, else Windows-1252 (the MCS 2026 data release is cp1252). Read in 1 MB
 * blocks, so that a huge file costs no more memory than a block.
 */
export function detectEncoding(path: string): 'utf8' | 'cp1252' {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const fd = openSync(path, 'r');
  const buf = Buffer.allocUnsafe(1 << 20);
  try {
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      decoder.decode(buf.subarray(0, n), { stream: true });
    }
    decoder.decode();
    return 'utf8';
  } catch {
    return 'cp1252';
  } finally {
    closeSync(fd);
  }
}

export type CountryCell = {
  country: string | null;
  row_kind: 'country' | 'other' | 'world';
  country_label: string;
};

/**
 * Characters a USGS country cell may hold: letters (accents removed), digits (footnotes), spaces and the
 * punctuation of names ("Korea, Republic of", "Côte d’Ivoire", "Congo (Kinshasa)"). Anything else (a stray byte
 * decoded as "€" or "þ") is a damaged cell, not a name to fold away.
 */
const NAME_CHARS = /^[A-Za-z0-9 ,.'’()&/-]*$/;

/** A USGS country cell → ISO3, or the explicit "Other countries"/"World total" remainders; else a row error. */
export function usgsCountry(label: string, file: string, line: number): CountryCell | RowError {
  if (!NAME_CHARS.test(label.normalize('NFKD').replace(/[\u0300-\u036f]/g, '')))
    return {
      file,
      line,
      field: 'country',
      message: `country "${label}" holds characters no country name has`,
      hint: 'the file may be damaged or in another encoding than UTF-8 or Windows-1252; download it again',
    };
  const kind = nonCountryRow(label);
  if (kind) return { country: null, row_kind: kind, country_label: label.trim() };
  const iso3 = iso3FromName(label);
  if (!iso3)
    return {
      file,
      line,
      field: 'country',
      message: `unknown producer country "${label}"`,
      hint: 'add the name to the aliases in src/model/countries.ts if it is a real country',
    };
  return { country: iso3, row_kind: 'country', country_label: label.trim() };
}

export const isRowError = (x: unknown): x is RowError =>
  typeof x === 'object' && x !== null && 'message' in x;

/** The production series of `mineral` a USGS label belongs to, if any. */
export function matchSeries(mineral: Mineral, label: string) {
  return mineral.usgs?.series.find((s) => new RegExp(s.pattern, 'i').test(label.trim()));
}

export interface WorldObservation {
  mineral: string;
  measure: 'production' | 'capacity' | 'reserves';
  stage: string | null;
  series: string;
  cell: CountryCell;
  year: number;
  edition: number;
  rawValue: string;
  unit: string;
  estimated: boolean;
}

/** Builds a usgs_world row, or a row error when the value is none of USGS's forms. */
export function worldRow(o: WorldObservation, file: string, line: number): Row | RowError {
  const v = parseUsgsValue(o.rawValue);
  if (!v)
    return {
      file,
      line,
      field: 'value',
      message: `not a USGS value: "${o.rawValue}"`,
      hint: 'expected a number, —, W, NA, a bound like >50 or a range',
    };
  return {
    mineral: o.mineral,
    measure: o.measure,
    stage: o.stage,
    series: o.series.replace(/[:,]?\s*rounded$/i, '').trim(),
    country: o.cell.country,
    country_label: o.cell.country_label,
    row_kind: o.cell.row_kind,
    year: o.year,
    edition: o.edition,
    value: v.value,
    unit: o.unit,
    null_reason: v.nullReason,
    bound: v.bound,
    estimated: o.estimated,
    raw: o.rawValue,
  };
}

export const fileName = (path: string) => basename(path);
