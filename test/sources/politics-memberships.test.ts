import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { membershipsImporter } from '../../src/sources/memberships.ts';
import type { Db } from '../../src/store/db.ts';
import { loadFile } from '../../src/store/load.ts';
import { describeRaw, RAW, scratchDb } from '../helpers.ts';
import { collect, expectRejected, FIX } from './politics-helpers.ts';

const FILE = join(RAW, 'countries', 'memberships.csv');

describeRaw('memberships importer on the real file', () => {
  it('keeps every row with its verification flag and confidence exactly as written', async () => {
    const raw: Record<string, string>[] = parse(readFileSync(FILE), { columns: true });
    const got = await collect(membershipsImporter.parse(FILE));
    expect(got.errors).toEqual([]);
    expect(got.rows.length).toBe(raw.length);
    got.rows.forEach((r, i) => {
      expect(r.line).toBe(i + 2);
      expect(r.row).toMatchObject({
        group_name: raw[i].group,
        country: raw[i].iso3,
        verified: raw[i].verified_against_source,
        confidence: raw[i].confidence,
        source_url: raw[i].source_url || null,
      });
    });
    expect(got.rows.some((r) => r.row.verified === 'N')).toBe(true);
    expect(got.rows.some((r) => r.row.confidence === 'medium')).toBe(true);
  });
});

describe('memberships through loadFile', () => {
  let db: Db;
  beforeAll(async () => {
    db = (await scratchDb()).db;
    await loadFile(db, membershipsImporter, join(FIX, 'memberships-small.csv'));
  });
  afterAll(() => db.close());

  it('loads the small file', async () => {
    expect(
      await db.all(
        'SELECT group_name, country, verified, confidence, note FROM memberships ORDER BY source_line',
      ),
    ).toEqual([
      { group_name: 'QUAD', country: 'JPN', verified: 'Y', confidence: 'high', note: null },
      {
        group_name: 'MSP',
        country: 'KOR',
        verified: 'partial',
        confidence: 'medium',
        note: 'joined, later chair',
      },
    ]);
  });

  it.each([
    [
      'memberships-bad-verified.csv',
      'memberships-bad-verified.csv:3 [verified_against_source]',
      /"maybe" is not one of Y, N, partial/,
    ],
    [
      'memberships-unknown-country.csv',
      'memberships-unknown-country.csv:3 [iso3]',
      /unknown country code "UK"/,
    ],
  ])('%s fails at %s and changes nothing', (file, where, message) =>
    expectRejected(db, membershipsImporter, file, where, message),
  );
});
