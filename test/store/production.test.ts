import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { production } from '../../src/services/production.ts';
import { cli, itRaw, openTestDb, RAW, RAW_AVAILABLE } from '../helpers.ts';

const raw2026: Record<string, string>[] = RAW_AVAILABLE
  ? parse(
      readFileSync(join(RAW, 'production/usgs-mcs-2026/usgs_mcs2026_commodities_data.utf8.DERIVED.csv')),
      { columns: true, bom: true },
    )
  : [];
const worldTotal2026 = (chapter: string, year: number, detail: RegExp) =>
  Number(
    raw2026
      .find(
        (r) =>
          r['MCS chapter'] === chapter &&
          r.Country === 'World total' &&
          r.Year === String(year) &&
          detail.test(r.Statistics_detail),
      )!
      .Value.replace(/,/g, ''),
  );

describe('minsec production (acceptance, real data)', () => {
  itRaw.each([
    ['gallium', 'GALLIUM', /^Primary production/],
    ['tungsten', 'TUNGSTEN', /^Mine production/],
    ['cobalt', 'COBALT', /^Mine production/],
    ['molybdenum', 'MOLYBDENUM', /^Mine production/],
  ])(
    '%s 2024 and 2025 come from MCS 2026 with the published world total',
    async (mineral, chapter, detail) => {
      const db = await openTestDb();
      for (const year of [2024, 2025]) {
        const out = JSON.parse(JSON.stringify(await production(db, { mineral, year })));
        expect(out.source.edition).toBe(2026);
        expect(out.world).toBe(worldTotal2026(chapter, year, detail));
        // One rule (src/analysis/production-shares.ts): shares of max(rounded world total, listed sum).
        const listed =
          out.shares.reduce((a: number, s: { quantity: number | null }) => a + (s.quantity ?? 0), 0) +
          (out.otherCountries?.quantity ?? 0);
        const base = Math.max(listed, out.world);
        for (const s of out.shares)
          if (s.quantity !== null) expect(s.share).toBeCloseTo(s.quantity / base, 12);
        expect(out.denominator).toBe(base);
        const known = out.shares
          .filter((s: { quantity: number | null }) => s.quantity !== null)
          .map((s: { quantity: number }) => s.quantity / base);
        expect(out.hhi).toBeCloseTo(
          known.reduce((a: number, x: number) => a + (100 * x) ** 2, 0),
          6,
        );
        if (listed > out.world) expect(out.notes.join(' ')).toMatch(/shares are of the listed sum/);
        expect(out.hhi).toBeGreaterThan(0);
        expect(out.hhi).toBeLessThanOrEqual(10_000);
      }
      db.close();
    },
  );

  it('the CLI prints the same result object as the service', async () => {
    const r = cli(['production', 'tungsten', '--year', '2024', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const db = await openTestDb();
    const direct = await production(db, { mineral: 'tungsten', year: 2024 });
    db.close();
    expect(JSON.parse(r.stdout)).toEqual(JSON.parse(JSON.stringify(direct)));
  });

  it('takes each year from the latest edition that covers it', () => {
    const editions = [2020, 2021, 2022, 2023].map(
      (y) => JSON.parse(cli(['production', 'cobalt', '--year', String(y), '--json']).stdout).source.edition,
    );
    expect(editions).toEqual([2022, 2023, 2024, 2025]);
  });

  it('gallium is China-dominated as MCS reports (share of the rounded total)', async () => {
    const db = await openTestDb();
    const out = await production(db, { mineral: 'gallium', year: 2024 });
    db.close();
    expect(out.shares[0].country).toBe('CHN');
    expect(out.chinaShare).toBeCloseTo(839_000 / 848_000, 12);
  });

  it('records revisions between editions instead of mixing them', async () => {
    const db = await openTestDb();
    const rev = await db.all<{ kept_edition: number; earlier_edition: number }>(
      `SELECT kept_edition, earlier_edition FROM usgs_revisions WHERE mineral = 'cobalt' AND country = 'COD' AND year = 2023`,
    );
    db.close();
    expect(rev.length).toBeGreaterThan(0);
    for (const r of rev) expect(r.kept_edition).toBeGreaterThan(r.earlier_edition);
  });

  it('unknown mineral: exit 2 and the closest valid name', () => {
    const r = cli(['production', 'galium']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Did you mean "gallium"/);
    expect(r.stderr).not.toMatch(/at .*\.ts/);
  });

  it('a year without data lists the years there are', () => {
    const r = cli(['production', 'cobalt', '--year', '1990']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/years: .*2024/);
  });
});

describe('minsec data status', () => {
  it('lists every source with licence and rows, and shows molybdenum trade as a gap', () => {
    const r = cli(['data', 'status', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s.sources.length).toBeGreaterThan(10);
    for (const src of s.sources) {
      expect(src.licence).toBeTruthy();
      expect(src.rows).toBeGreaterThan(0);
      expect(src.sha256).toMatch(/^[0-9a-f]{64}$/);
    }
    const mo = s.gaps.find(
      (g: { mineral: string; dataset: string }) => g.mineral === 'molybdenum' && g.dataset === 'baci-trade',
    );
    expect(mo.gap).toMatch(/no molybdenum trade/);
  });
});
