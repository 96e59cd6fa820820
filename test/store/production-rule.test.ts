// The one production-share rule (src/analysis/production-shares.ts): hand-made tables with the arithmetic in
// comments, gallium 2025 from the raw MCS 2026 file, and every table in the database read by both faces
// (`minsec production` and the assessment) with the same share for every country.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { productionShares, type WorldTableRow } from '../../src/analysis/production-shares.ts';
import { ProductionResultSchema } from '../../src/model/results/production.ts';
import { assess } from '../../src/services/assess.ts';
import { production } from '../../src/services/production.ts';
import type { Db } from '../../src/store/db.ts';
import { describeRaw, itRaw, openTestDb, rawPath } from '../helpers.ts';

let line = 0;
const row = (
  row_kind: WorldTableRow['row_kind'],
  country: string | null,
  value: number | null,
  extra: Partial<WorldTableRow> = {},
): WorldTableRow => ({
  country,
  country_label: country ?? (row_kind === 'world' ? 'World total (rounded)' : 'Other countries'),
  row_kind,
  value,
  null_reason: null,
  source_line: ++line,
  ...extra,
});
const c = (iso3: string, v: number | null, extra: Partial<WorldTableRow> = {}) =>
  row('country', iso3, v, extra);

describe('production-share rule on hand-made tables', () => {
  it('listed sum above the rounded world total: shares of the listed sum', () => {
    // Gallium-like: China 900,000 + Japan 3,000 + Russia 6,000 + USA 0 + Other 0 = 909,000 > world 900,000
    // (rounded), so D = 909,000; China = 900,000 / 909,000 ≈ 0.990 (not 900,000 / 900,000 = 1.000).
    const t = productionShares(
      [
        c('USA', 0),
        c('CHN', 900_000),
        c('JPN', 3_000),
        c('RUS', 6_000),
        row('other', null, 0),
        row('world', null, 900_000),
      ],
      { year: 2025, edition: 2026 },
    );
    expect(t.denominator).toBe(909_000);
    expect(t.denominatorBasis).toBe('listed sum');
    expect(t.listedExceedsWorld).toBe(true);
    expect(t.chinaShare).toBeCloseTo(900_000 / 909_000, 12);
    expect(t.chinaReason).toBeNull();
    const sum = t.shares.reduce((s, x) => s + (x.share ?? 0), 0);
    expect(sum).toBeCloseTo(1, 12); // 909,000 / 909,000
    // HHI = (100·900/909)² + (100·3/909)² + (100·6/909)² + 0
    expect(t.hhi).toBeCloseTo((100 * (900 / 909)) ** 2 + (100 * (3 / 909)) ** 2 + (100 * (6 / 909)) ** 2, 6);
    expect(t.hhiUpper).toBeCloseTo(t.hhi!, 9); // Other = 0 adds nothing
    expect(t.top1).toBeCloseTo(900 / 909, 12);
    expect(t.top3).toBeCloseTo(909 / 909, 12);
    // 2025 is MCS 2026's latest (estimated) year
    expect(t.estimate).toBe(true);
    expect(t.shares.every((s) => s.estimate)).toBe(true);
  });

  it('withheld stays null; a country not listed while Other countries > 0 is null, not 0', () => {
    // A 100 + USA W + Other 50 = 150 known < world 200 → D = 200 (world total); A = 100 / 200 = 0.5,
    // Other = 50 / 200 = 0.25; HHI over listed = (50)² = 2,500; with Other as one producer 2,500 + 25² = 3,125.
    const t = productionShares(
      [
        c('AUS', 100),
        c('USA', null, { null_reason: 'withheld', raw: 'W' }),
        row('other', null, 50),
        row('world', null, 200),
      ],
      { year: 2023, edition: 2026 },
    );
    expect(t.denominator).toBe(200);
    expect(t.denominatorBasis).toBe('world total');
    expect(t.listedSum).toBe(150);
    const usa = t.shares.find((s) => s.country === 'USA')!;
    expect(usa.share).toBeNull();
    expect(usa.reason).toBe('withheld');
    expect(t.shares.find((s) => s.country === 'AUS')!.share).toBe(0.5);
    expect(t.other).toMatchObject({ quantity: 50, share: 0.25 });
    expect(t.chinaShare).toBeNull();
    expect(t.chinaReason).toBe('other_countries_unattributed');
    expect(t.hhi).toBeCloseTo(2_500, 9);
    expect(t.hhiUpper).toBeCloseTo(3_125, 9);
    expect(t.top3).toBe(0.5);
    expect(t.incomplete).toEqual(['USA']);
    // 2023 in MCS 2026 is neither the latest year nor flagged
    expect(t.estimate).toBe(false);
  });

  it('Other countries absent or zero: an unlisted country is 0 with the reason not_listed', () => {
    // B 30 + C 70 = 100 = world 100 → D = 100 (world total wins ties); China unlisted, no remainder → 0.
    for (const other of [[], [row('other', null, 0)]]) {
      const t = productionShares([c('BRA', 30), c('CAN', 70), ...other, row('world', null, 100)], {
        year: 2022,
        edition: 2024,
      });
      expect(t.denominatorBasis).toBe('world total');
      expect(t.chinaShare).toBe(0);
      expect(t.chinaReason).toBe('not_listed');
      expect(t.hhi).toBeCloseTo(30 ** 2 + 70 ** 2, 9); // 900 + 4,900 = 5,800
    }
  });

  it('Other countries not a number: an unlisted country is null', () => {
    const t = productionShares(
      [c('BRA', 30), row('other', null, null, { null_reason: 'not_available' }), row('world', null, 100)],
      { year: 2022, edition: 2024 },
    );
    expect(t.chinaShare).toBeNull();
    expect(t.chinaReason).toBe('other_countries_unattributed');
    expect(t.other?.reason).toBe('not_available');
  });

  it('no world total: every share null with its reason; the HHI too', () => {
    const t = productionShares(
      [c('CHN', 10), c('AUS', 5), row('world', null, null, { null_reason: 'not_available' })],
      { year: 2021, edition: 2024 },
    );
    expect(t.denominator).toBeNull();
    expect(t.shares.map((s) => [s.share, s.reason])).toEqual([
      [null, 'no_world_total'],
      [null, 'no_world_total'],
    ]);
    expect([t.hhi, t.top3, t.chinaShare, t.chinaReason]).toEqual([null, null, null, 'no_world_total']);
  });

  it('USGS estimates: a flagged row or an "e" cell marks the table; a final year is not', () => {
    // 2021 in MCS 2024 is not its latest year (2023): only the flags count.
    const base = [c('AUS', 5), row('world', null, 10)];
    expect(productionShares(base, { year: 2021, edition: 2024 }).estimate).toBe(false);
    const flagged = productionShares([c('CHN', 5, { estimated: true }), ...base], {
      year: 2021,
      edition: 2024,
    });
    expect(flagged.estimate).toBe(true);
    expect(flagged.shares.find((s) => s.country === 'CHN')!.estimate).toBe(true);
    expect(flagged.shares.find((s) => s.country === 'AUS')!.estimate).toBe(false);
    const e = productionShares([c('CHN', 5, { raw: 'e5' }), ...base], { year: 2021, edition: 2024 });
    expect(e.estimate).toBe(true);
  });
});

// ---------------------------------------------------------------- real data

/** A small CSV reader: double-quoted fields with doubled quotes inside; one record per line. */
function csvRecords(text: string): string[][] {
  const out: string[][] = [];
  for (const ln of text.split(/\r?\n/)) {
    if (!ln) continue;
    const f: string[] = [];
    let cur = '';
    let q = false;
    for (let i = 0; i < ln.length; i++) {
      const ch = ln[i];
      if (q) {
        if (ch === '"' && ln[i + 1] === '"') {
          cur += '"';
          i++;
        } else if (ch === '"') q = false;
        else cur += ch;
      } else if (ch === '"') q = true;
      else if (ch === ',') {
        f.push(cur);
        cur = '';
      } else cur += ch;
    }
    f.push(cur);
    out.push(f);
  }
  return out;
}

describeRaw('gallium 2025 China share from the raw MCS 2026 file', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestDb();
  });
  afterAll(() => db?.close());

  itRaw('the production service and the assessment both give China / max(world, listed sum)', async () => {
    const [head, ...recs] = csvRecords(
      readFileSync(
        rawPath('production/usgs-mcs-2026/usgs_mcs2026_commodities_data.utf8.DERIVED.csv'),
        'utf8',
      ).replace(/^\uFEFF/, ''),
    );
    const col = (name: string) => head.indexOf(name);
    const rows = recs.filter(
      (r) =>
        r[col('MCS chapter')] === 'GALLIUM' &&
        r[col('Section')].startsWith('World') &&
        r[col('Statistics')] === 'Production' &&
        /^Primary production/.test(r[col('Statistics_detail')]) &&
        r[col('Year')] === '2025',
    );
    // "—" is zero in MCS; numbers carry thousands separators
    const n = (s: string) => (/^[—–-]+$/.test(s.trim()) ? 0 : Number(s.replace(/,/g, '')));
    const value = (country: string) => n(rows.find((r) => r[col('Country')] === country)![col('Value')]);
    const world = value('World total');
    const listed = rows
      .filter((r) => r[col('Country')] !== 'World total')
      .reduce((s, r) => s + n(r[col('Value')]), 0);
    const expected = value('China') / Math.max(world, listed);
    expect(Number.isFinite(expected)).toBe(true);

    const p = ProductionResultSchema.parse(await production(db, { mineral: 'gallium', year: 2025 }));
    expect(p.world).toBe(world);
    expect(p.denominator).toBe(Math.max(world, listed));
    expect(p.denominatorBasis).toBe(listed > world ? 'listed sum' : 'world total');
    expect(p.chinaShare).toBeCloseTo(expected, 12);
    expect(p.estimate).toBe(true);

    const a = await assess(db, { mineral: 'gallium', year: 2025, trends: false });
    const stage = a.production.find((s) => s.stage === p.stage && !s.secondary)!;
    expect(stage.chinaShare).toBeCloseTo(expected, 12);
  });
});

describe('one share for every country: production service = assessment, every mineral × stage × year', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestDb();
  });
  afterAll(() => db?.close());

  it('every table in the database', async () => {
    const tables = await db.all<{ mineral: string; stage: string; year: number }>(
      `SELECT DISTINCT mineral, stage, year FROM production WHERE row_kind = 'world' ORDER BY ALL`,
    );
    expect(tables.length).toBeGreaterThan(0);
    const byMineralYear = new Map<string, string[]>();
    for (const t of tables) {
      const k = `${t.mineral}|${t.year}`;
      byMineralYear.set(k, [...(byMineralYear.get(k) ?? []), t.stage]);
    }
    let compared = 0;
    for (const [k, stages] of byMineralYear) {
      const [mineral, y] = k.split('|');
      const year = Number(y);
      const a = await assess(db, { mineral, year, trends: false });
      for (const stage of stages) {
        const p = ProductionResultSchema.parse(
          await production(db, { mineral, year, stage: stage as 'mine' }),
        );
        const s = a.production.find((x) => x.stage === stage && !x.secondary);
        expect(s, `${k} ${stage}: assessment stage`).toBeDefined();
        const where = `${mineral} ${stage} ${year}`;
        expect(s!.chinaShare, `${where} China`).toBe(p.chinaShare);
        expect(s!.hhi, `${where} HHI`).toBe(p.hhi);
        expect(s!.top3, `${where} top-3`).toBe(p.top3);
        expect(s!.shares.length, `${where} rows`).toBe(p.shares.length);
        for (const ps of p.shares) {
          const as = s!.shares.find((x) => x.country === ps.country);
          expect(as?.share, `${where} ${ps.country}`).toBe(ps.share);
          // independent of both: the rule's arithmetic on the service's own figures
          if (ps.quantity === null) expect(ps.share).toBeNull();
          else expect(ps.share).toBeCloseTo(ps.quantity / Math.max(p.world!, p.listedSum), 12);
        }
        expect(p.listedSum).toBeCloseTo(
          p.shares.reduce((x, r) => x + (r.quantity ?? 0), 0) + (p.otherCountries?.quantity ?? 0),
          6,
        );
        // withheld or unlisted never become 0
        if (!p.shares.some((r) => r.country === 'CHN') && (p.otherCountries?.quantity ?? 0) !== 0)
          expect(p.chinaShare).toBeNull();
        compared++;
      }
    }
    expect(compared).toBe(tables.length);
  }, 300_000);
});
