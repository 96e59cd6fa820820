import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImportError } from '../../src/model/errors.ts';
import { usgsMcs } from '../../src/sources/registry-usgs.ts';
import type { Row } from '../../src/sources/types.ts';
import { parseUsgsValue } from '../../src/sources/usgs-values.ts';
import type { Db } from '../../src/store/db.ts';
import { loadFile } from '../../src/store/load.ts';
import { describeRaw, RAW, scratchDb, tableCounts } from '../helpers.ts';

const FIX = join(import.meta.dirname, '..', 'fixtures', 'usgs');
const MCS2026 = join(RAW, 'production/usgs-mcs-2026/usgs_mcs2026_commodities_data.csv');
const MCS2026_UTF8 = join(RAW, 'production/usgs-mcs-2026/usgs_mcs2026_commodities_data.utf8.DERIVED.csv');
const MCS2025 = join(RAW, 'production/usgs-mcs-2025/world/MCS2025_World_Data.csv');

async function collect(path: string) {
  const rows: { table: string; line: number; row: Row }[] = [];
  const errors: string[] = [];
  for await (const it of usgsMcs.parse(path)) {
    if ('error' in it) errors.push(`${it.error.line}: ${it.error.message}`);
    else rows.push(it);
  }
  return { rows, errors };
}

describe('USGS value cells', () => {
  it.each([
    ['1,200', 1200, null, null],
    ['—', 0, null, null],
    ['W', null, 'withheld', null],
    ['NA', null, 'not_available', null],
    ['>50', 50, null, '>'],
    ['<1,000', 1000, null, '<'],
    ['50–300', 175, null, 'range'],
    ['Large', null, 'qualitative', null],
    ['s', null, 'below_half_unit', '<'],
    ['Less than ½ unit.', null, 'below_half_unit', '<'],
    ['e150', 150, null, null],
  ])('%s', (raw, value, reason, bound) => {
    const v = parseUsgsValue(raw)!;
    expect(v.value).toBe(value);
    expect(v.nullReason).toBe(reason);
    expect(v.bound).toBe(bound);
  });
  it('E is a net exporter, not a number', () =>
    expect(parseUsgsValue('E')).toMatchObject({ value: null, code: 'E' }));
  it('rejects text that is none of the forms', () => expect(parseUsgsValue('abc')).toBeNull());
});

describeRaw('MCS 2026 long table (real file, cp1252)', () => {
  let parsed: Awaited<ReturnType<typeof collect>>;
  beforeAll(async () => {
    parsed = await collect(MCS2026);
  });

  it('parses without errors', () => expect(parsed.errors).toEqual([]));

  it('matches every cobalt mine-production row of the raw table', () => {
    const raw: Record<string, string>[] = parse(readFileSync(MCS2026_UTF8), { columns: true, bom: true });
    const expected = raw.filter(
      (r) => r['MCS chapter'] === 'COBALT' && r.Section.startsWith('World') && r.Statistics === 'Production',
    );
    const got = parsed.rows.filter(
      (r) => r.table === 'usgs_world' && r.row.mineral === 'cobalt' && r.row.measure === 'production',
    );
    expect(got.length).toBe(expected.length);
    for (const e of expected) {
      const g = got.find((x) => x.row.country_label === e.Country.trim() && x.row.year === Number(e.Year))!;
      expect(g, `${e.Country} ${e.Year}`).toBeDefined();
      expect(g.row.value).toBe(Number(e.Value.replace(/,/g, '')));
    }
  });

  it('decodes cp1252 and UTF-8 copies to the same records', async () => {
    const utf8 = await collect(MCS2026_UTF8);
    expect(utf8.rows.map((r) => r.row)).toEqual(parsed.rows.map((r) => r.row));
  });

  it('maps USGS short names and keeps remainders uncoded', () => {
    const labels = new Map(
      parsed.rows.filter((r) => r.table === 'usgs_world').map((r) => [r.row.country_label, r.row.country]),
    );
    expect(labels.get('Congo (Kinshasa)')).toBe('COD');
    expect(labels.get('Korea, North')).toBe('PRK');
    expect(labels.get('Burma')).toBe('MMR');
    expect(labels.get('Other countries')).toBeNull();
    expect(labels.get('World total')).toBeNull();
  });

  it('keeps net exporters as E and bounds as bounds', () => {
    const nir = parsed.rows.filter((r) => r.table === 'usgs_nir');
    expect(nir.find((r) => r.row.mineral === 'molybdenum' && r.row.year === 2024)!.row).toMatchObject({
      value: null,
      code: 'E',
    });
    expect(nir.find((r) => r.row.mineral === 'tungsten' && r.row.year === 2024)!.row).toMatchObject({
      value: 50,
      bound: '>',
    });
  });
});

describeRaw('MCS 2025 world data and 2022–2024 world tables (real files)', () => {
  it('reads the BOM file with "PROD_EST_ 2024" and trailing spaces', async () => {
    const { rows, errors } = await collect(MCS2025);
    expect(errors).toEqual([]);
    const raw: Record<string, string>[] = parse(readFileSync(MCS2025), {
      columns: true,
      bom: true,
      relax_column_count: true,
    });
    const chinaGa = raw.find((r) => r.COMMODITY.trim() === 'Gallium' && r.COUNTRY.trim() === 'China')!;
    const got = rows.find(
      (r) =>
        r.row.mineral === 'gallium' &&
        r.row.country === 'CHN' &&
        r.row.year === 2024 &&
        r.row.measure === 'production',
    )!;
    expect(got.row.value).toBe(Number(chinaGa['PROD_EST_ 2024']));
    expect(got.row.estimated).toBe(true);
  });

  it('strips footnote letters glued to names ("Japane", "Korea, Republic ofe")', async () => {
    const { rows, errors } = await collect(
      join(RAW, 'production/usgs-mcs-2024/world/mcs2024-galli_world.csv'),
    );
    expect(errors).toEqual([]);
    const byLabel = new Map(rows.map((r) => [r.row.country_label, r.row.country]));
    expect(byLabel.get('Japane')).toBe('JPN');
    expect(byLabel.get('Korea, Republic ofe')).toBe('KOR');
    expect(rows.find((r) => r.row.measure === 'capacity' && r.row.country === 'CHN')!.row.value).toBe(
      1_000_000,
    );
  });
});

describeRaw('MCS 2022–2025 U.S. salient tables (real files)', () => {
  it('load net import reliance per edition, E kept as a code, and pass over a mislabelled file', async () => {
    const { group } = await import('../../src/sources/registry-usgs.ts');
    const salient = group.plan(RAW).filter((p) => p.path.includes('_salient'));
    expect(salient.some((p) => p.path.endsWith('mcs2024-cobal_salient.csv'))).toBe(false); // a world table inside
    const { rows, errors } = await collect(
      join(RAW, 'production/usgs-mcs-2025/salient/mcs2025-cobal_salient.csv'),
    );
    expect(errors).toEqual([]);
    const raw: Record<string, string>[] = parse(
      readFileSync(join(RAW, 'production/usgs-mcs-2025/salient/mcs2025-cobal_salient.csv')),
      { columns: true, bom: true },
    );
    const nir = rows.filter((r) => r.table === 'usgs_nir');
    expect(nir.map((r) => [r.row.year, r.row.value])).toEqual(
      raw.map((r) => [Number(r.Year), Number(r.NIR_pct)]),
    );
    const mo = await collect(join(RAW, 'production/usgs-mcs-2025/salient/mcs2025-molyb_salient.csv'));
    expect(
      mo.rows.filter((r) => r.table === 'usgs_nir').every((r) => r.row.code === 'E' && r.row.value === null),
    ).toBe(true);
  });
});

describe('malformed USGS files are rejected with file:line and change nothing', () => {
  let db: Db;
  let before: Record<string, number>;
  beforeAll(async () => {
    ({ db } = await scratchDb());
    await loadFile(db, usgsMcs, join(FIX, 'mcs2026-small.csv'));
    before = await tableCounts(db);
  });
  afterAll(() => db.close());

  it.each([
    ['mcs2026-shifted-header.csv', /:1 \[MCS chapter\]: header lacks column/],
    ['mcs2026-unknown-country.csv', /:3 \[country\]: unknown producer country "Atlantis"/],
    ['mcs2026-non-numeric.csv', /:2 \[value\]: not a USGS value: "abc"/],
    ['mcs2026-truncated.csv', /:\d+: (row has \d+ fields|malformed CSV)/],
    ['mcs2024-cobal_world.csv', /:3 \[country\]: country "Côte d’Iv.*" holds characters no country name has/],
  ])('%s', async (file, message) => {
    const err = await loadFile(db, usgsMcs, join(FIX, file)).catch((e) => e);
    expect(err).toBeInstanceOf(ImportError);
    expect((err as ImportError).message).toMatch(new RegExp(file.replace('.', '\\.')));
    expect((err as ImportError).message).toMatch(message);
    expect(await tableCounts(db)).toEqual(before);
  });

  it('the same file again changes nothing and says so, with or without replace', async () => {
    for (const replace of [false, true]) {
      const r = await loadFile(db, usgsMcs, join(FIX, 'mcs2026-small.csv'), { replace });
      expect(r).toMatchObject({ status: 'unchanged', rows: 0, replaced: [] });
      expect(await tableCounts(db)).toEqual(before);
    }
  });
});
