// UN General Assembly roll-call votes (Voeten / Bailey–Strezhnev–Voeten data as packaged by the R package
// `unvotes`): one kind, three files told apart by their header.
// - un_votes.csv (rcid, country, country_code ISO2, vote): vote yes/abstain/no → 1/2/3 (DESIGN.md). Countries
//   map through ISO2; historical states follow src/sources/politics-states.ts: Czechoslovakia → CSK,
//   German DR → DDR, Federal Republic of Germany → DEU, Yemen Arab Republic → YAR, Yugoslavia → SRB from 2006;
//   Yugoslavia before 2006 (4,198 votes), the Yemen People's Republic (2,378) and Zanzibar (2) are skipped
//   and counted: not current countries and not in the country list. "YU" rows are dated through the
//   un_roll_calls.csv beside the votes file (year = calendar year of the roll call's date).
// - un_roll_calls.csv (rcid, session, importantvote, date, unres, short, ...): year = calendar year of date.
//   The long description is not stored.
// - un_roll_call_issues.csv (rcid, short_name): issue codes me nu di hr co ec.
import { closeSync, existsSync, openSync, readFileSync, readSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { MAX_RECORD_CHARS } from './csv.ts';
import { needsYear, type Resolved, resolveUnCountry } from './politics-states.ts';
import {
  CellError,
  csvRows,
  flag,
  type Mapped,
  oneOf,
  type Rec,
  requiredInt,
  text,
} from './politics-values.ts';
import type { Importer, ParsedItem } from './types.ts';

const VOTE_CODE: Record<string, number> = { yes: 1, abstain: 2, no: 3 };
export const UN_ISSUES = ['me', 'nu', 'di', 'hr', 'co', 'ec'] as const;
export const ROLL_CALLS_FILE = 'un_roll_calls.csv';

const FILES = {
  votes: ['rcid', 'country', 'country_code', 'vote'],
  rollcalls: ['rcid', 'session', 'importantvote', 'date', 'unres', 'short'],
  issues: ['rcid', 'short_name'],
} as const;
export type UnFile = keyof typeof FILES;

/** The header of the file's first line (BOM and quotes removed). */
function firstLine(path: string): string[] {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(4096);
    const n = readSync(fd, buf, 0, buf.length, 0);
    const line = buf
      .subarray(0, n)
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .split(/\r?\n/)[0];
    return line.split(',').map((h) => h.trim().replace(/^"|"$/g, ''));
  } finally {
    closeSync(fd);
  }
}

/** Which of the three files this is, by its header; null when none fits. */
export function detectUnFile(path: string): UnFile | null {
  const header = firstLine(path);
  if (header.includes('vote')) return 'votes';
  if (header.includes('importantvote')) return 'rollcalls';
  if (header.includes('short_name')) return 'issues';
  return null;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function rollCallRow(rec: Rec): Mapped {
  const date = rec.date.trim();
  const m = ISO_DATE.exec(date);
  if (!m) throw new CellError('date', `"${date}" is not a date YYYY-MM-DD`);
  return {
    table: 'un_roll_calls',
    row: {
      rcid: requiredInt(rec, 'rcid'),
      session: requiredInt(rec, 'session'),
      important: flag(rec, 'importantvote', true),
      date,
      year: Number(m[1]),
      unres: text(rec, 'unres'),
      short: text(rec, 'short'),
    },
  };
}

const issueRow = (rec: Rec): Mapped => ({
  table: 'un_roll_call_issues',
  row: { rcid: requiredInt(rec, 'rcid'), issue: oneOf(rec, 'short_name', UN_ISSUES) },
});

/** rcid → calendar year, from the roll-calls file beside the votes (null when it is absent or unreadable). */
function rollCallYears(votesPath: string): Map<number, number> | null {
  const path = join(dirname(votesPath), ROLL_CALLS_FILE);
  if (!existsSync(path)) return null;
  try {
    const rows: Record<string, string>[] = parse(readFileSync(path), {
      columns: true,
      bom: true,
      skip_empty_lines: true,
      max_record_size: MAX_RECORD_CHARS,
    });
    return new Map(rows.map((r) => [Number(r.rcid), Number(r.date.slice(0, 4))]));
  } catch {
    return null; // its own load reports what is wrong with it
  }
}

function voteMapper(years: Map<number, number> | null) {
  const known = new Map<string, Resolved>(); // country_code|country → resolution, for codes that need no year
  return (rec: Rec): Mapped => {
    const rcid = requiredInt(rec, 'rcid');
    const vote = VOTE_CODE[rec.vote] ?? VOTE_CODE[rec.vote.trim()];
    if (vote === undefined) throw new CellError('vote', `"${rec.vote}" is not yes, abstain or no`);
    const iso2 = rec.country_code.trim();
    let c: Resolved;
    if (needsYear(iso2)) {
      if (!years)
        throw new CellError(
          'country_code',
          `votes coded "${iso2}" need their date`,
          `put a readable ${ROLL_CALLS_FILE} beside the votes file`,
        );
      const year = years.get(rcid);
      if (year === undefined) throw new CellError('rcid', `roll call ${rcid} is not in ${ROLL_CALLS_FILE}`);
      c = resolveUnCountry(iso2, rec.country.trim(), year);
    } else {
      const key = `${iso2}|${rec.country}`;
      c = known.get(key);
      if (!c) {
        c = resolveUnCountry(iso2, rec.country.trim());
        known.set(key, c);
      }
    }
    if (!c)
      throw new CellError(
        'country_code',
        `unknown country "${rec.country}" (code "${iso2}")`,
        'add it to the country list or to src/sources/politics-states.ts if it is a historical state',
      );
    if (c.iso3 === null) return { skip: c.historical };
    return { table: 'un_votes', row: { rcid, country: c.iso3, vote } };
  };
}

/** Parses any of the three files; `onSkip` receives the historical state of each skipped vote. */
export function parseUnFile(path: string, onSkip?: (reason: string) => void): AsyncIterable<ParsedItem> {
  const which = detectUnFile(path);
  if (!which) return unknownFile(path);
  const required = [...FILES[which]];
  if (which === 'rollcalls') return csvRows(path, { required }, rollCallRow);
  if (which === 'issues') return csvRows(path, { required }, issueRow);
  return csvRows(path, { required }, voteMapper(rollCallYears(path)), onSkip);
}

async function* unknownFile(path: string): AsyncGenerator<ParsedItem> {
  const expected = Object.entries(FILES)
    .map(([k, cols]) => `${k}: ${cols.join(',')}`)
    .join('; ');
  yield {
    error: {
      file: basename(path),
      line: 1,
      message: `not a UN votes, roll calls or issues file: header is "${firstLine(path).join(',')}"`,
      hint: `expected one of (${expected}); check that the header is not shifted`,
    },
  };
}

export const unvotesImporter: Importer = {
  kind: 'unvotes',
  description:
    'UN General Assembly votes, roll calls or roll-call issues (unvotes CSVs; told apart by header)',
  tables: ['un_votes', 'un_roll_calls', 'un_roll_call_issues'],
  meta: () => ({
    kind: 'unvotes',
    release: 'unvotes R package CSVs (Voeten UNGA data, votes 1946–2019)',
    licence: 'CC0 1.0',
    citation:
      'Voeten, E., Strezhnev, A. and Bailey, M. United Nations General Assembly Voting Data, Harvard Dataverse, hdl:1902.1/12379; packaged by the R package unvotes (D. Robinson)',
  }),
  parse: (path) => parseUnFile(path),
};
