import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ieaPoliciesImporter } from '../../src/sources/iea-policies.ts';
import type { Db } from '../../src/store/db.ts';
import { loadFile } from '../../src/store/load.ts';
import { describeRaw, RAW, RAW_AVAILABLE, scratchDb } from '../helpers.ts';
import { type Collected, collect, expectRejected, FIX } from './politics-helpers.ts';

const FILE = join(RAW, 'policy', 'IEA_CM_Policies.csv');
const raw: Record<string, string>[] = RAW_AVAILABLE ? parse(readFileSync(FILE), { columns: true }) : [];

describeRaw('IEA policies importer on the real file', () => {
  let got: Collected;
  beforeAll(async () => {
    got = await collect(ieaPoliciesImporter.parse(FILE));
  });

  it('parses every policy despite multi-line quoted HTML', () => {
    expect(got.errors).toEqual([]);
    expect(got.rows.length).toBe(raw.length);
    expect(got.rows.map((r) => r.row.title)).toEqual(raw.map((r) => r.title.trim()));
  });

  it('stores no description text', () => {
    for (const r of got.rows) expect(Object.keys(r.row)).not.toContain('description');
    const values = got.rows.flatMap((r) => Object.values(r.row).map(String));
    for (const d of raw.map((r) => r.description).filter((d) => d.length > 40))
      expect(values.some((v) => v.includes(d.slice(0, 40)))).toBe(false);
  });

  it('lists countries as ISO3 codes (EUR for the EU), matching the raw JSON', () => {
    const kor = (rows: string[]) => rows.filter((c) => c.split(';').includes('KOR')).length;
    expect(kor(got.rows.map((r) => String(r.row.countries)))).toBe(
      kor(
        raw.map((r) =>
          JSON.parse(r.countries)
            .map((c: { iso3: string }) => c.iso3)
            .join(';'),
        ),
      ),
    );
    expect(got.rows.some((r) => String(r.row.countries).split(';').includes('EUR'))).toBe(true);
  });

  it('turns both date forms into ISO dates', () => {
    const dated = raw.filter((r) => /^\d{4}-\d{2}-\d{2}$|^\d{2}-\d{2}-\d{4}$/.test(r.datePromulgated)).length;
    expect(got.rows.filter((r) => r.row.date_promulgated !== null).length).toBe(dated);
    for (const r of got.rows)
      if (r.row.date_promulgated) expect(String(r.row.date_promulgated)).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});

describe('IEA policies through loadFile', () => {
  let db: Db;
  beforeAll(async () => {
    db = (await scratchDb()).db;
    await loadFile(db, ieaPoliciesImporter, join(FIX, 'iea-small.csv'));
  });
  afterAll(() => db.close());

  it('loads the small file', async () => {
    expect(
      await db.all(
        'SELECT title, countries, date_promulgated, policy_type, tags, source_line FROM policies ORDER BY source_line',
      ),
    ).toEqual([
      {
        title: 'Export control on gallium',
        countries: 'CHN',
        date_promulgated: '2023-07-03',
        policy_type: 'Trade: Export controls and restrictions (Critical minerals)',
        tags: 'Minerals Recycling',
        source_line: 3,
      },
      {
        title: 'EU raw materials act',
        countries: 'EUR;KOR',
        date_promulgated: null,
        policy_type: null,
        tags: null,
        source_line: 4,
      },
    ]);
  });

  it.each([
    ['iea-truncated.csv', 'iea-truncated.csv:5', /Quote Not Closed/],
    ['iea-bad-date.csv', 'iea-bad-date.csv:3 [datePromulgated]', /"July 2023" is not a date/],
  ])('%s fails at %s and changes nothing', (file, where, message) =>
    expectRejected(db, ieaPoliciesImporter, file, where, message),
  );
});
