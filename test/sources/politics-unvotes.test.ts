import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERBIA_FROM_YEAR } from '../../src/sources/politics-states.ts';
import { detectUnFile, parseUnFile, unvotesImporter } from '../../src/sources/unvotes.ts';
import type { Db } from '../../src/store/db.ts';
import { loadFile } from '../../src/store/load.ts';
import { describeRaw, itRaw, RAW, RAW_AVAILABLE, scratchDb } from '../helpers.ts';
import { type Collected, collect, countBy, expectRejected, FIX } from './politics-helpers.ts';

const DIR = join(RAW, 'unga');
const VOTES = join(DIR, 'un_votes.csv');
const ROLL_CALLS = join(DIR, 'un_roll_calls.csv');
const ISSUES = join(DIR, 'un_roll_call_issues.csv');

const rawRollCalls: Record<string, string>[] = RAW_AVAILABLE
  ? parse(readFileSync(ROLL_CALLS), { columns: true })
  : [];
const yearOf = new Map(rawRollCalls.map((r) => [r.rcid, Number(r.date.slice(0, 4))]));

/** The votes file read independently: every line is rcid,"country","code","vote". */
const rawVotes = () => (rawVotesCache ??= readRawVotes());
let rawVotesCache: ReturnType<typeof readRawVotes> | undefined;
function readRawVotes() {
  const lines = readFileSync(VOTES, 'utf8').trimEnd().split('\n').slice(1);
  return lines.map((l) => {
    const m = /^(\d+),"(.*)",(?:"(.*)")?,"(.*)"$/.exec(l);
    if (!m) throw new Error(`unexpected line ${l}`);
    return { rcid: m[1], country: m[2], code: m[3] ?? '', vote: m[4] };
  });
}

describeRaw('UN votes importer on the real files', () => {
  const votes = RAW_AVAILABLE ? rawVotes() : [];
  let got: Collected;
  const skipped: string[] = [];
  beforeAll(async () => {
    got = await collect(parseUnFile(VOTES, (reason) => skipped.push(reason)));
  });

  it('tells the three files apart by header', () => {
    expect([VOTES, ROLL_CALLS, ISSUES].map(detectUnFile)).toEqual(['votes', 'rollcalls', 'issues']);
  });

  it('accounts for every vote: loaded or skipped as a historical state, no errors', () => {
    expect(got.errors).toEqual([]);
    expect(got.rows.length + skipped.length).toBe(votes.length);
  });

  it('skips exactly the votes of states that are not current countries', () => {
    const yugoslaviaBefore = votes.filter(
      (v) => v.code === 'YU' && yearOf.get(v.rcid)! < SERBIA_FROM_YEAR,
    ).length;
    const counts = countBy(skipped, (s) => s);
    expect(Object.fromEntries(counts)).toEqual({
      'Yugoslavia before 2006': yugoslaviaBefore,
      "Yemen People's Republic": votes.filter((v) => v.code === 'YD').length,
      Zanzibar: votes.filter((v) => v.country === 'Zanzibar').length,
    });
  });

  it('maps historical states that have a code and Serbia from 2006', () => {
    const ours = countBy(got.rows, (r) => String(r.row.country));
    const n = (f: (v: (typeof votes)[number]) => boolean) => votes.filter(f).length;
    expect(ours.get('SRB')).toBe(n((v) => v.code === 'YU' && yearOf.get(v.rcid)! >= SERBIA_FROM_YEAR));
    expect(ours.get('DEU')).toBe(n((v) => v.code === 'DE' || v.country === 'Federal Republic of Germany'));
    expect(ours.get('YAR')).toBe(n((v) => v.country === 'Yemen Arab Republic'));
    expect(ours.get('CSK')).toBe(n((v) => v.code === 'CS'));
    expect(ours.get('DDR')).toBe(n((v) => v.code === 'DD'));
    expect(ours.get('KOR')).toBe(n((v) => v.code === 'KR'));
  });

  it('codes votes yes/abstain/no as 1/2/3 and keeps the line', () => {
    const first = got.rows[0];
    expect(votes[0]).toMatchObject({ rcid: '3', code: 'US', vote: 'yes' });
    expect(first).toMatchObject({ table: 'un_votes', line: 2, row: { rcid: 3, country: 'USA', vote: 1 } });
    const byVote = countBy(got.rows, (r) => String(r.row.vote));
    const kept = votes.filter(
      (v) =>
        !['YD'].includes(v.code) &&
        v.country !== 'Zanzibar' &&
        !(v.code === 'YU' && yearOf.get(v.rcid)! < SERBIA_FROM_YEAR),
    );
    expect(Object.fromEntries(byVote)).toEqual({
      '1': kept.filter((v) => v.vote === 'yes').length,
      '2': kept.filter((v) => v.vote === 'abstain').length,
      '3': kept.filter((v) => v.vote === 'no').length,
    });
  });

  it('gives each country at most one vote per roll call', () => {
    expect(new Set(got.rows.map((r) => `${r.row.rcid}|${r.row.country}`)).size).toBe(got.rows.length);
  });

  it('reads roll calls with year = calendar year of the date', async () => {
    const rc = await collect(unvotesImporter.parse(ROLL_CALLS));
    expect(rc.errors).toEqual([]);
    expect(rc.rows.length).toBe(rawRollCalls.length);
    for (const r of rc.rows) expect(r.row.year).toBe(Number(String(r.row.date).slice(0, 4)));
    const important = rawRollCalls.filter((r) => r.importantvote === '1').length;
    expect(rc.rows.filter((r) => r.row.important === true).length).toBe(important);
    expect(rc.rows.filter((r) => r.row.important === null).length).toBe(
      rawRollCalls.filter((r) => r.importantvote === '').length,
    );
  });

  it('reads the six issue codes', async () => {
    const rawIssues: Record<string, string>[] = parse(readFileSync(ISSUES), { columns: true });
    const is = await collect(unvotesImporter.parse(ISSUES));
    expect(is.errors).toEqual([]);
    expect(is.rows.length).toBe(rawIssues.length);
    expect(Object.fromEntries(countBy(is.rows, (r) => String(r.row.issue)))).toEqual(
      Object.fromEntries(countBy(rawIssues, (r) => r.short_name)),
    );
  });
});

describe('UN votes through loadFile', () => {
  let db: Db;
  beforeAll(async () => {
    db = (await scratchDb()).db;
  });
  afterAll(() => db.close());

  itRaw('loads the real votes file in one transaction', async () => {
    const r = await loadFile(db, unvotesImporter, VOTES);
    const n = await db.one<{ n: number; kor: number }>(
      `SELECT count(*) n, count(*) FILTER (WHERE country = 'KOR') kor FROM un_votes WHERE source_id = ?`,
      [r.sourceId],
    );
    expect(n!.n).toBe(r.rows);
    expect(n!.kor).toBe(rawVotes().filter((v) => v.code === 'KR').length);
  });

  it('loads the small set: roll calls (multi-line description), issues, votes', async () => {
    // A database of its own: roll calls 3 and 9001 of the real votes file loaded above would make these the
    // same data (refused, as covering the same roll calls).
    const db = (await scratchDb()).db;
    for (const f of ['un_roll_calls.csv', 'un_roll_call_issues.csv', 'un_votes.csv'])
      await loadFile(db, unvotesImporter, join(FIX, 'unvotes', f), { label: `fixture-${f}` });
    const votes = await db.all(
      `SELECT v.rcid, v.country, v.vote, r.year FROM un_votes v JOIN un_roll_calls r USING (rcid)
       WHERE v.source_id = (SELECT max(source_id) FROM sources) ORDER BY v.source_line`,
    );
    expect(votes).toEqual([
      { rcid: 3, country: 'USA', vote: 1, year: 1946 },
      { rcid: 3, country: 'CSK', vote: 2, year: 1946 },
      { rcid: 9001, country: 'SRB', vote: 2, year: 2006 },
      { rcid: 9001, country: 'DEU', vote: 3, year: 2006 },
      { rcid: 9001, country: 'KOR', vote: 1, year: 2006 },
    ]);
    const rc = await db.all(`SELECT rcid, source_line, important FROM un_roll_calls ORDER BY rcid`);
    expect(rc).toEqual([
      { rcid: 3, source_line: 2, important: false },
      { rcid: 9001, source_line: 4, important: true },
      { rcid: 9002, source_line: 5, important: null },
    ]);
    db.close();
  });

  it.each([
    ['unvotes-shifted-header.csv', 'unvotes-shifted-header.csv:1 [rcid]', /header lacks column\(s\) "rcid"/],
    [
      'unvotes-unknown-country.csv',
      'unvotes-unknown-country.csv:3 [country_code]',
      /unknown country "Wakanda"/,
    ],
    ['unvotes-truncated.csv', 'unvotes-truncated.csv:4', /Quote Not Closed/],
    ['unvotes-bad-vote.csv', 'unvotes-bad-vote.csv:3 [vote]', /"maybe" is not yes, abstain or no/],
    ['unvotes-rollcalls-missing-short.csv', 'unvotes-rollcalls-missing-short.csv:1 [short]', /header lacks/],
    ['unvotes-undated/un_votes.csv', 'un_votes.csv:3 [country_code]', /need their date/],
  ])('%s fails at %s and changes nothing', (file, where, message) =>
    expectRejected(db, unvotesImporter, file, where, message),
  );
});
