// Seeded fuzzing of every importer through the real loader: from a good hand-made file, each case makes one
// defect — a cut-off file, an invalid byte, a non-finite number, a value out of its range, a huge record, a
// repeated record — and proves that the load fails with a clear file:line error (the line of the defect where it
// has one) and leaves the database exactly as it was (row counts, sources, coverage, next source id).
//
// The defects are placed only where they must be caught: value defects go into records the good file stores
// (its source_line values in the database), so a defect in a record the importer passes over by design (a
// filtered HS code, a historical state) is not counted as a miss.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededUniform, type Uniform } from '../../src/analysis/random.ts';
import { ImportError } from '../../src/model/errors.ts';
import { importerFor } from '../../src/sources/registry.ts';
import { loadBaciCsvBulk } from '../../src/store/bulk-baci.ts';
import type { Db } from '../../src/store/db.ts';
import { loadFile } from '../../src/store/load.ts';
import { scratchDb, tableCounts } from '../helpers.ts';

const FIX = join(import.meta.dirname, '..', 'fixtures');
const CASES_PER_IMPORTER = 200;
const HUGE = 2_000_000; // characters: above the CSV readers' 1 MiB record limit
const NON_FINITE = ['Infinity', '-Infinity', 'NaN', '1e400', '-1e400', 'inf'];

type Defect = 'truncated' | 'encoding' | 'non-finite' | 'out-of-range' | 'huge' | 'duplicate';
const DEFECTS: Defect[] = ['truncated', 'encoding', 'non-finite', 'out-of-range', 'huge', 'duplicate'];

interface Mutation {
  defect: Defect;
  bytes: Buffer;
  /** The line (or record number) the error must name; null when only file:<n> is required. */
  line: number | null;
  /** For a record over several lines: its first line, also accepted (where the reader stopped). */
  firstLine?: number;
  what: string;
}

interface Target {
  name: string;
  kind: string;
  /** The good file (copied into the case folder under its own name). */
  file: string;
  /** Files that must sit beside it (the roll calls beside UN votes). */
  companions?: string[];
  /** Numeric fields and, per field, values out of its range. */
  ranges: Record<string, string[]>;
  /** Fields where an invalid byte must be caught (codes, numbers; not free text a cp1252 file may hold). */
  encoding: string[];
  /** The field a huge value is put in. */
  huge: string;
  /** Whether a file without a final line break is an error (else only a cut that loses fields is). */
  finalNewline?: 'optional';
}

const pick = <T>(u: Uniform, xs: readonly T[]): T => xs[Math.floor(u() * xs.length)];

/** A CSV file as records with their raw text and the line each ends on (as the importers count lines). */
function csvRecords(text: string) {
  const parsed = parse(text, { raw: true, relax_column_count: true, bom: false }) as unknown as {
    record: string[];
    raw: string;
  }[];
  let pos = 0;
  return parsed.map(({ record, raw }) => {
    const start = text.indexOf(raw, pos);
    pos = start + raw.length;
    const end = raw.endsWith('\n') ? pos - 1 : pos;
    return { record, raw, start, line: text.slice(0, end).split('\n').length };
  });
}

const lineOfRecord = (text: string, recordStart: number, raw: string) =>
  text.slice(0, recordStart + (raw.endsWith('\n') ? raw.length - 1 : raw.length)).split('\n').length;

/** One defect in a CSV file (BOM kept as it was). */
function mutateCsv(t: Target, good: Buffer, stored: number[], u: Uniform, defect: Defect): Mutation {
  const bom = good.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))
    ? good.subarray(0, 3)
    : Buffer.alloc(0);
  const text = good.subarray(bom.length).toString('utf8');
  const recs = csvRecords(text);
  const header = recs[0].record.map((h) => h.trim());
  const data = recs.slice(1).filter((r) => stored.includes(r.line));
  const target = pick(u, data);
  const col = (name: string) => header.indexOf(name);
  const rebuild = (fields: string[]) => stringify([fields]);
  const replaceRecord = (raw: string) =>
    text.slice(0, target.start) + raw + text.slice(target.start + target.raw.length);
  const out = (s: string | Buffer, line: number | null, what: string): Mutation => ({
    defect,
    bytes: Buffer.concat([bom, typeof s === 'string' ? Buffer.from(s, 'utf8') : s]),
    line,
    what,
  });
  switch (defect) {
    case 'truncated': {
      // A cut anywhere after the header that leaves the last line without its line break (a cut right after
      // a line break leaves a shorter, valid file). Where a final line break is optional, the cut must lose a
      // field separator of its line (a cut inside the last field cannot be told from a short value).
      const headerEnd = Buffer.byteLength(recs[0].raw, 'utf8');
      const body = Buffer.from(text, 'utf8');
      for (;;) {
        const cut = headerEnd + 1 + Math.floor(u() * (body.length - headerEnd - 2));
        if (body[cut - 1] === 0x0a) continue;
        const lastLine = body.subarray(body.lastIndexOf(0x0a, cut - 1) + 1, cut).toString('latin1');
        const fullLine = body
          .subarray(
            body.lastIndexOf(0x0a, cut - 1) + 1,
            body.indexOf(0x0a, cut) < 0 ? body.length : body.indexOf(0x0a, cut),
          )
          .toString('latin1');
        if (t.finalNewline === 'optional' && lastLine.split(',').length === fullLine.split(',').length)
          continue;
        return out(body.subarray(0, cut), null, `cut at byte ${cut}`);
      }
    }
    case 'encoding': {
      const field = pick(u, t.encoding);
      const fields = [...target.record];
      const v = fields[col(field)];
      const at = Math.floor(u() * (v.length + 1));
      const marker = '\u0000MARK\u0000';
      fields[col(field)] = v.slice(0, at) + marker + v.slice(at);
      const s = replaceRecord(rebuild(fields));
      const i = s.indexOf(marker);
      const bytes = Buffer.concat([
        Buffer.from(s.slice(0, i), 'utf8'),
        Buffer.from([pick(u, [0xff, 0xfe, 0xc3, 0x80])]),
        Buffer.from(s.slice(i + marker.length), 'utf8'),
      ]);
      return out(bytes, lineOfRecord(s, target.start, rebuild(fields)), `invalid byte in ${field}`);
    }
    case 'non-finite':
    case 'out-of-range': {
      const field = pick(u, Object.keys(t.ranges));
      const value = defect === 'non-finite' ? pick(u, NON_FINITE) : pick(u, t.ranges[field]);
      const fields = [...target.record];
      fields[col(field)] = value;
      const raw = rebuild(fields);
      return out(
        replaceRecord(raw),
        lineOfRecord(replaceRecord(raw), target.start, raw),
        `${field} = ${value}`,
      );
    }
    case 'huge': {
      const fields = [...target.record];
      fields[col(t.huge)] = 'x'.repeat(HUGE);
      const raw = rebuild(fields);
      return {
        ...out(replaceRecord(raw), lineOfRecord(replaceRecord(raw), target.start, raw), `huge ${t.huge}`),
        firstLine: text.slice(0, target.start).split('\n').length,
      };
    }
    case 'duplicate': {
      // The record again, right after itself: the error names the copy's line (and the original's).
      const raw = target.raw.endsWith('\n') ? target.raw : `${target.raw}\n`;
      const s = text.slice(0, target.start) + raw + raw + text.slice(target.start + target.raw.length);
      return out(
        s,
        lineOfRecord(s, target.start + raw.length, raw),
        `record of line ${target.line} repeated`,
      );
    }
  }
}

const CSV_TARGETS: Target[] = [
  {
    name: 'usgs-mcs (MCS 2026 long table)',
    kind: 'usgs-mcs',
    file: 'usgs/mcs2026-small.csv',
    ranges: { Value: ['-226,000', '-1', '1e13'], Year: ['0', '9999', '999999999', '2030', '1900'] },
    encoding: ['Value', 'Country', 'Year'],
    huge: 'Country',
  },
  {
    name: 'baci (raw release CSV)',
    kind: 'baci',
    file: 'trade/baci-2022/BACI_HS17_Y2022_V202601.csv',
    ranges: {
      v: ['-5', '-0.001', '1e12'],
      q: ['-1', '-1e-3', '1e11'],
      t: ['0', '9999', '999999999', '1994'],
    },
    encoding: ['t', 'i', 'j', 'k', 'v', 'q'],
    huge: 'v',
  },
  {
    name: 'comtrade',
    kind: 'comtrade',
    file: 'trade/comtrade_small.csv',
    ranges: {
      primaryValue: ['-1', '-3083513.084', '1e14'],
      netWgt: ['-5', '-656225.0', '1e14'],
      refYear: ['0', '9999', '1961', '2999'],
    },
    encoding: ['refYear', 'reporterCode', 'partnerCode', 'primaryValue', 'netWgt', 'flowCode'],
    huge: 'cmdCode',
  },
  {
    name: 'usitc',
    kind: 'usitc',
    file: 'trade/usitc_small.csv',
    ranges: {
      value_usd: ['-1', '-1000.0', '1e14'],
      reported_mass_kg: ['-5', '-200.0', '1e14'],
      year: ['0', '9999', '1988', '2999'],
    },
    encoding: ['year', 'partner_iso', 'value_usd', 'hts4', 'flow'],
    huge: 'partner_iso',
  },
  {
    name: 'china-monthly',
    kind: 'china-monthly',
    file: 'trade/china_monthly_small.csv',
    ranges: {
      val: ['-1', '-1000.0', '1e14'],
      qty: ['-5', '-200.0', '1e14'],
      period_dt: ['1961-01-01', '2999-01-01'],
    },
    encoding: ['period_dt', 'partner_name', 'hs6', 'val', 'qty'],
    huge: 'partner_name',
  },
  {
    name: 'wgi',
    kind: 'wgi',
    file: 'politics/wgi-small.csv',
    finalNewline: 'optional',
    ranges: {
      estimate: ['1e308', '-7', '6', '-5.01'],
      stddev: ['-0.1', '99'],
      pctrank: ['101', '-1', '100.5'],
      nsource: ['-1', '1000000000'],
      year: ['0', '9999', '1995', '999999999'],
    },
    encoding: ['code', 'year', 'indicator', 'estimate'],
    huge: 'countryname',
  },
  {
    name: 'unvotes (votes)',
    kind: 'unvotes',
    file: 'politics/unvotes/un_votes.csv',
    companions: ['politics/unvotes/un_roll_calls.csv'],
    ranges: { rcid: ['0', '-3', '100000000', '1e12'] },
    encoding: ['rcid', 'country_code', 'vote'],
    huge: 'country',
  },
  {
    name: 'idealpoints',
    kind: 'idealpoints',
    file: 'politics/idealpoints-small.csv',
    ranges: {
      idealpointfp: ['1e308', '-50', '10.5'],
      idealpointall: ['-1e308', '11'],
      nvotesfp: ['-1', '1e9'],
      year: ['0', '9999', '1945', '999999999'],
    },
    encoding: ['ccode', 'year', 'idealpointfp', 'iso3c'],
    huge: 'countryname',
  },
  {
    name: 'memberships',
    kind: 'memberships',
    file: 'politics/memberships-small.csv',
    ranges: { iso3: ['XXX', 'KO', '123'], verified_against_source: ['maybe', '1'] },
    encoding: ['iso3', 'verified_against_source'],
    huge: 'note',
  },
  {
    name: 'atop',
    kind: 'atop',
    file: 'politics/atop-small.csv',
    ranges: {
      year: ['0', '9999', '1814', '999999999'],
      ccode1: ['0', '1000', '-2'],
      atop_defense: ['2', '-1'],
    },
    encoding: ['ccode1', 'ccode2', 'year', 'atop_defense'],
    huge: 'atop_consul',
  },
  {
    name: 'iea-policies',
    kind: 'iea-policies',
    file: 'politics/iea-small.csv',
    ranges: { year: ['0', '9999', '1899', '999999999'], yearEnded: ['2200', '-1', '1e12'] },
    encoding: ['year', 'yearEnded', 'countries'],
    huge: 'title',
  },
];

/** Loads `file` and returns the error (or null when it loaded). */
async function tryLoad(db: Db, kind: string, file: string): Promise<ImportError | Error | null> {
  try {
    if (kind === 'baci' && file.endsWith('.csv')) await loadBaciCsvBulk(db, file);
    else await loadFile(db, importerFor(kind), file);
    return null;
  } catch (e) {
    return e as Error;
  }
}

interface Setup {
  db: Db;
  dir: string;
  path: string;
  stored: number[];
  before: Record<string, number>;
}

/** A database holding another good file of the kind (so that an unchanged database is not an empty one). */
async function setup(kind: string, goodPath: string): Promise<Setup> {
  const { db } = await scratchDb();
  const probe = (await scratchDb()).db;
  const r =
    kind === 'baci' && goodPath.endsWith('.csv')
      ? await loadBaciCsvBulk(probe, goodPath)
      : await loadFile(probe, importerFor(kind), goodPath);
  const stored = (
    await probe.all<{ l: number }>(
      `SELECT DISTINCT source_line AS l FROM (${['usgs_world', 'usgs_nir', 'usgs_salient', 'usgs_import_sources', 'trade', 'governance', 'un_votes', 'un_roll_calls', 'un_roll_call_issues', 'ideal_points', 'memberships', 'alliances', 'policies'].map((t) => `SELECT source_line FROM ${t} WHERE source_id = ${r.sourceId}`).join(' UNION ALL ')}) ORDER BY l`,
    )
  ).map((x) => x.l);
  probe.close();
  return { db, dir: '', path: goodPath, stored, before: await tableCounts(db) };
}

/** Checks one mutated file: a clear error naming the file (and the line where it has one); nothing changed. */
async function expectCaught(s: Setup, kind: string, name: string, m: Mutation, dir: string) {
  const file = join(dir, name);
  writeFileSync(file, m.bytes);
  const err = await tryLoad(s.db, kind, file);
  const label = `${m.defect}: ${m.what}`;
  expect(err, label).toBeInstanceOf(ImportError);
  const msg = (err as ImportError).message;
  expect(msg, label).toMatch(new RegExp(`${name.replace(/\./g, '\\.')}:\\d+`));
  if (m.line !== null) {
    const named = [m.line, m.firstLine].filter((l) => l !== undefined).map((l) => `${name}:${l}`);
    expect(
      named.some((n) => msg.includes(n)),
      `${label}: expected ${named.join(' or ')}\n${msg}`,
    ).toBe(true);
  }
  expect(msg, label).not.toMatch(/\n\s+at /);
  expect(msg.length, label).toBeLessThan(20_000);
  expect(await tableCounts(s.db), label).toEqual(s.before);
}

describe.each(CSV_TARGETS.map((t) => [t.name, t] as const))('fuzzing %s', (_name, t) => {
  let s: Setup;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'minsec-fuzz-'));
    for (const c of t.companions ?? []) copyFileSync(join(FIX, c), join(dir, basename(c)));
    s = await setup(t.kind, join(FIX, t.file));
    // The database holds data of another kind (so that "unchanged" is not "empty", and no defect can be
    // mistaken for the refusal of a file covering the same data).
    const [kind, other] =
      t.kind === 'usgs-mcs' ? ['wgi', 'politics/wgi-small.csv'] : ['usgs-mcs', 'usgs/mcs2026-small.csv'];
    await loadFile(s.db, importerFor(kind), join(FIX, other));
    s.before = await tableCounts(s.db);
  });
  afterAll(() => s.db.close());

  it(`${CASES_PER_IMPORTER} seeded defects: each a clear file:line error, the database unchanged`, async () => {
    const u = seededUniform(20260601 + t.name.length);
    const good = readFileSync(join(FIX, t.file));
    const seen = new Map<Defect, number>();
    for (let i = 0; i < CASES_PER_IMPORTER; i++) {
      const defect = DEFECTS[i % DEFECTS.length];
      if (defect === 'huge' && (seen.get('huge') ?? 0) >= 12) continue; // 2 MB files: a dozen is enough
      const m = mutateCsv(t, good, s.stored, u, defect);
      await expectCaught(s, t.kind, basename(t.file), m, dir);
      seen.set(defect, (seen.get(defect) ?? 0) + 1);
    }
    for (const d of DEFECTS) expect(seen.get(d) ?? 0, d).toBeGreaterThan(0);
  });
});

describe('fuzzing baci (flows JSON)', () => {
  const name = 'flows_2022.json';
  const good = JSON.parse(readFileSync(join(FIX, 'trade', name), 'utf8')) as {
    year: number;
    materials: Record<string, { from: string; to: string; value: number; qty: number | null }[]>;
  };
  let s: Setup;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'minsec-fuzz-'));
    s = await setup('baci', join(FIX, 'trade', name));
  });
  afterAll(() => s.db.close());

  /** The document as text, with a raw number literal (JSON.stringify cannot write 1e400) where asked. */
  function serialise(
    doc: typeof good,
    literal?: { material: string; index: number; key: 'value' | 'qty'; text: string },
  ) {
    const copy = structuredClone(doc) as Record<string, unknown> & typeof good;
    if (literal)
      (copy.materials[literal.material][literal.index] as Record<string, unknown>)[literal.key] =
        '__LITERAL__';
    return JSON.stringify(copy).replace('"__LITERAL__"', literal?.text ?? '');
  }

  it(`${CASES_PER_IMPORTER} seeded defects: each a clear error naming the record, the database unchanged`, async () => {
    const u = seededUniform(20260602);
    // Records in file order, with the 1-based record number the importer gives them.
    const records: { material: string; index: number; line: number }[] = [];
    let n = 0;
    for (const [material, edges] of Object.entries(good.materials))
      for (let index = 0; index < edges.length; index++) records.push({ material, index, line: ++n });
    const storedRecs = records.filter((r) => s.stored.includes(r.line));
    for (let i = 0; i < CASES_PER_IMPORTER; i++) {
      const defect = DEFECTS[i % DEFECTS.length];
      const r = pick(u, storedRecs);
      const doc = structuredClone(good);
      const edge = doc.materials[r.material][r.index];
      let m: Mutation;
      if (defect === 'truncated') {
        const text = Buffer.from(serialise(good));
        const cut = 1 + Math.floor(u() * (text.length - 2));
        m = { defect, bytes: text.subarray(0, cut), line: null, what: `cut at ${cut}` };
      } else if (defect === 'encoding') {
        const text = serialise(good);
        const at = text.indexOf(`"from":"${edge.from}"`, text.indexOf(`"${r.material}":`)) + 9;
        const bytes = Buffer.concat([
          Buffer.from(text.slice(0, at)),
          Buffer.from([0xff]),
          Buffer.from(text.slice(at)),
        ]);
        m = { defect, bytes, line: r.line, what: `invalid byte in from of record ${r.line}` };
      } else if (defect === 'non-finite') {
        const key = pick(u, ['value', 'qty'] as const);
        const text = pick(u, ['1e400', '-1e400']);
        m = {
          defect,
          bytes: Buffer.from(serialise(doc, { ...r, key, text })),
          line: r.line,
          what: `${key} = ${text}`,
        };
      } else if (defect === 'out-of-range') {
        const key = pick(u, ['value', 'qty'] as const);
        edge[key] = pick(u, [-5, -0.5, 1e14]);
        m = { defect, bytes: Buffer.from(JSON.stringify(doc)), line: r.line, what: `${key} = ${edge[key]}` };
      } else if (defect === 'huge') {
        edge.from = 'x'.repeat(HUGE);
        m = { defect, bytes: Buffer.from(JSON.stringify(doc)), line: r.line, what: 'huge from' };
      } else {
        doc.materials[r.material].splice(r.index + 1, 0, { ...edge });
        m = {
          defect,
          bytes: Buffer.from(JSON.stringify(doc)),
          line: r.line + 1,
          what: `record ${r.line} repeated`,
        };
      }
      await expectCaught(s, 'baci', name, m, dir);
    }
  });

  it('a year that is not the file name’s, or out of span, is refused', async () => {
    for (const year of [0, 9999, 2021]) {
      const m: Mutation = {
        defect: 'out-of-range',
        bytes: Buffer.from(JSON.stringify({ ...good, year })),
        line: null,
        what: `year ${year}`,
      };
      await expectCaught(s, 'baci', name, m, dir);
    }
  });
});

describe('fuzzing baci (critical-code parquet)', () => {
  const name = 'baci_hs17_2024_critical_hs6.parquet';
  const ROWS = [
    "(2024, 'CHN', 'KOR', '811292', 'gallium+germanium', 90000.5, 12.5)",
    "(2024, 'JPN', 'KOR', '811292', 'gallium+germanium', 10000.0, NULL)",
    "(2024, 'S19', 'USA', '282200', 'cobalt', 250.25, 3.0)",
    "(2024, 'COD', 'CHN', '282200', 'cobalt', 7000.0, 800.0)",
  ];
  let s: Setup;
  let dir: string;
  const write = async (
    path: string,
    rows: string[],
    types = 'year, exporter, importer, hs6, material, value_kusd, qty_t',
  ) =>
    s.db.run(`COPY (SELECT * FROM (VALUES ${rows.join(', ')}) AS t(${types})) TO '${path}' (FORMAT parquet)`);
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'minsec-fuzz-'));
    const { db } = await scratchDb();
    s = { db, dir, path: '', stored: [1, 2, 3, 4], before: {} };
    const goodPath = join(dir, 'good', name);
    mkdirSync(join(dir, 'good'));
    await write(goodPath, ROWS);
    await loadFile(db, importerFor('baci'), goodPath);
    s.before = await tableCounts(db);
  });
  afterAll(() => s.db.close());

  it(`${CASES_PER_IMPORTER} seeded defects: each a clear error naming the row, the database unchanged`, async () => {
    const u = seededUniform(20260603);
    const field = (row: string, i: number, v: string) => {
      const parts = row.slice(1, -1).split(', ');
      parts[i] = v;
      return `(${parts.join(', ')})`;
    };
    for (let i = 0; i < CASES_PER_IMPORTER; i++) {
      const defect = DEFECTS[i % DEFECTS.length];
      const r = Math.floor(u() * ROWS.length);
      const rows = [...ROWS];
      const path = join(dir, name);
      let line: number | null = r + 1;
      let what = '';
      if (defect === 'truncated') {
        await write(path, ROWS);
        const bytes = readFileSync(path);
        const cut = 1 + Math.floor(u() * (bytes.length - 2));
        writeFileSync(path, bytes.subarray(0, cut));
        line = null;
        what = `cut at ${cut}`;
      } else if (defect === 'encoding') {
        // An exporter that is not text (bytes 0xFF 0xFE): not a country code.
        rows[r] = field(rows[r], 1, "'\\xFF\\xFE'::BLOB");
        await write(
          path,
          rows.map((x, j) => (j === r ? x : field(x, 1, `${x.slice(1, -1).split(', ')[1]}::BLOB`))),
        );
        what = 'exporter as bytes';
      } else if (defect === 'non-finite') {
        const v = pick(u, ["'Infinity'::DOUBLE", "'-Infinity'::DOUBLE", "'NaN'::DOUBLE"]);
        rows[r] = field(rows[r], pick(u, [5, 6]), v);
        await write(path, rows);
        what = v;
      } else if (defect === 'out-of-range') {
        const [col, v] = pick(u, [
          [5, '-5.0'],
          [6, '-1.0'],
          [5, '1e11'],
          [0, '0'],
          [0, '9999'],
          [0, '1994'],
        ] as const);
        rows[r] = field(rows[r], col, v);
        await write(path, rows);
        what = `column ${col} = ${v}`;
      } else if (defect === 'huge') {
        rows[r] = field(rows[r], 1, `repeat('x', ${HUGE})`);
        await write(path, rows);
        what = 'huge exporter';
      } else {
        rows.splice(r + 1, 0, rows[r]);
        await write(path, rows);
        line = r + 2;
        what = `row ${r + 1} repeated`;
      }
      await expectCaught(s, 'baci', name, { defect, bytes: readFileSync(path), line, what }, dir);
    }
  });
});

describe('a cut-off last line is an error in every CSV importer (issue 15: 827 stored for 827949)', () => {
  it.each([
    ['comtrade', 'trade/comtrade_small.csv', '9000000.0,9000000.0,0,False,True,Cobalt,8105,2023\n', '9000'],
    ['usitc', 'trade/usitc_small.csv', '400.0,80.0,5.0,reported,80.0\n', '400.0,80.0,5.0,rep'],
    ['china-monthly', 'trade/china_monthly_small.csv', '4000.0,2500.0,1.6\n', '4000.0,25'],
    ['idealpoints', 'politics/idealpoints-small.csv', '60.0,\n', '6'],
  ] as const)('%s', async (kind, rel, tail, cutTo) => {
    const { db } = await scratchDb();
    const before = await tableCounts(db);
    const good = readFileSync(join(FIX, rel), 'utf8');
    // Cut inside the last record's last number, as a download that stopped would.
    const text = good.slice(0, good.lastIndexOf(tail)) + cutTo;
    const file = join(mkdtempSync(join(tmpdir(), 'minsec-cut-')), basename(rel));
    writeFileSync(file, text);
    const lastLine = text.split('\n').length;
    const err = await tryLoad(db, kind, file);
    expect(err).toBeInstanceOf(ImportError);
    expect((err as ImportError).message).toContain(
      `${basename(rel)}:${lastLine}: the last line does not end with a line break: the file is cut off (truncated)`,
    );
    expect(await tableCounts(db)).toEqual(before);
    db.close();
  });
});
