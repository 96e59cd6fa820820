// Stage-aware candidates and the sanctions screen on the real data. Expected members are derived from the raw
// files inside the test (the USGS MCS 2026 data release, the critical-materials atlas) or read by hand from the
// sanctions catalog's instruments, never from the service's own rules.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CAPACITY_FACTS } from '../../src/catalog/partner-capacity.ts';
import { iso3FromIso2, iso3FromName } from '../../src/model/countries.ts';
import { partners, RANKABLE_MINERALS } from '../../src/services/partners.ts';
import type { Db } from '../../src/store/db.ts';
import { itRaw, openTestDb, RAW } from '../helpers.ts';

let db: Db;
beforeAll(async () => {
  db = await openTestDb();
});
afterAll(() => db?.close());

const MCS_2026 = join(RAW, 'production', 'usgs-mcs-2026', 'usgs_mcs2026_commodities_data.utf8.DERIVED.csv');
const mcs = () =>
  parse(readFileSync(MCS_2026), { columns: true, bom: true, relax_column_count: true }) as Record<
    string,
    string
  >[];
const NEVER = ['KOR', 'JPN', 'USA', 'CHN'];

// States that an embargo or a country-wide programme of a trio member or the UN targets on the catalog's review
// date (2026-11-28), read off src/catalog/sanctions.yaml by hand: PRK (E.O. 13570, Japan 2006, Korea 2010), RUS
// (E.O. 14024/14071 programme), IRN (E.O. 12959), CUB (Proclamation 3447), VEN (E.O. 13884). Syria's programme
// ended on 2025-07-01 (E.O. 14312); Belarus and Myanmar are under list-based measures only.
const EXCLUDED = ['PRK', 'RUS', 'IRN', 'CUB', 'VEN'];

describe('stage-aware candidates', () => {
  // by-product hosts (alumina refiners) come from the raw MCS 2026 file where the database lacks them: raw-dependent
  itRaw('gallium has a ranking; every candidate names the stage that makes it one', async () => {
    const r = await partners(db, { mineral: 'gallium', draws: 0 });
    expect(r.ranking.length).toBeGreaterThan(5);
    for (const row of r.ranking) {
      const via = row.via.find((v) => v.mineral === 'gallium');
      expect(via?.labels.length, row.country).toBeGreaterThan(0);
      expect(row.stages.every((b) => b.mineral === 'gallium' && b.source.length > 0)).toBe(true);
    }
  });

  itRaw(
    'gallium: the countries USGS names as holding idle primary capacity are candidates through that note',
    async () => {
      const note = mcs().find(
        (x) =>
          x['MCS chapter'] === 'GALLIUM' &&
          x.Country === 'Other countries' &&
          x.Statistics === 'Capacity' &&
          /include/.test(x.Notes),
      )?.Notes as string;
      const named = (/include (.*)\./.exec(note)?.[1] ?? '')
        .replace(/, and /g, ', ')
        .split(', ')
        .map((n) => iso3FromName(n.replace(/^the /, '')))
        .filter((c): c is string => !!c && !NEVER.includes(c) && !EXCLUDED.includes(c));
      expect(named.sort()).toEqual(['DEU', 'HUN', 'KAZ', 'UKR']);
      const r = await partners(db, { mineral: 'gallium', draws: 0 });
      for (const c of named)
        expect(r.ranking.find((x) => x.country === c)?.via[0].labels, c).toContain('refining (catalogued)');
    },
  );

  itRaw(
    'gallium: every alumina refiner with ≥ 1% of world alumina (MCS 2026, latest year) is a by-product candidate',
    async () => {
      const rows = mcs().filter(
        (x) =>
          x['MCS chapter'] === 'BAUXITE AND ALUMINA' &&
          /^Alumina, refinery production/.test(x.Statistics_detail),
      );
      const year = Math.max(...rows.map((x) => Number(x.Year)));
      const n = (v: string) => Number(v.replace(/,/g, ''));
      const world = n(
        rows.find((x) => x.Year === String(year) && x.Country === 'World total')?.Value as string,
      );
      const expected = rows
        .filter(
          (x) => x.Year === String(year) && !/^(World|Other)/.test(x.Country) && n(x.Value) / world >= 0.01,
        )
        .map((x) => iso3FromName(x.Country) as string)
        .filter((c) => !NEVER.includes(c) && !EXCLUDED.includes(c));
      expect(expected).toEqual(expect.arrayContaining(['AUS', 'BRA', 'IND', 'CAN']));
      const r = await partners(db, { mineral: 'gallium', draws: 0 });
      for (const c of expected)
        expect(r.ranking.find((x) => x.country === c)?.via[0].labels, c).toContain(
          'by-product (alumina refining)',
        );
    },
  );

  it('every case-study mineral has a non-empty ranking whose candidates each name a stage for it', async () => {
    for (const mineral of ['cobalt', 'gallium', 'molybdenum', 'tungsten']) {
      const r = await partners(db, { mineral, draws: 0 });
      expect(r.ranking.length, mineral).toBeGreaterThan(3);
      for (const row of r.ranking)
        expect(
          row.via.find((v) => v.mineral === mineral),
          `${mineral} ${row.country}`,
        ).toBeDefined();
    }
  });

  itRaw('catalogued refining shares equal the atlas file they cite, and are flagged secondary', () => {
    const atlas = JSON.parse(
      readFileSync(join(RAW, 'production', 'atlas_mine_refine_shares.json'), 'utf8'),
    ) as {
      materials: { label: string; refined: { c: string; v: number }[] | null }[];
    };
    for (const f of CAPACITY_FACTS.filter((x) => x.kind === 'share')) {
      const refined = atlas.materials.find((m) => m.label === f.mineral)?.refined ?? [];
      const expected = refined
        .map((x) => ({ c: iso3FromIso2(x.c) as string, v: x.v / 100 }))
        .filter((x) => x.c !== 'CHN');
      expect(f.secondary, f.id).toBe(true);
      expect(
        f.countries.map((c, i) => ({ c, v: f.shares?.[i] })),
        f.id,
      ).toEqual(expected);
    }
  });
});

describe('sanctions screen in the ranking', () => {
  it('no sanctioned state appears in any default ranking, and each exclusion names its measure and date', async () => {
    for (const mineral of [...RANKABLE_MINERALS.map((m) => m.id), undefined]) {
      const r = await partners(db, { mineral, draws: 0 });
      const ranked = r.ranking.map((x) => x.country);
      for (const c of EXCLUDED) expect(ranked, `${mineral ?? 'all'}: ${c}`).not.toContain(c);
      for (const s of r.sanctioned) {
        expect(EXCLUDED).toContain(s.country);
        expect(s.reason).toMatch(/in force since \d{4}-\d{2}-\d{2}/);
        expect(s.measures.length).toBeGreaterThan(0);
      }
    }
  });

  it('tungsten: North Korea and Russia are screened out by default and ranked, flagged, on request', async () => {
    // USGS MCS 2026 lists both as tungsten miners (Korea, North; Russia)
    const def = await partners(db, { mineral: 'tungsten', draws: 0 });
    expect(def.sanctioned.map((s) => s.country).sort()).toEqual(['PRK', 'RUS']);
    expect(def.sanctioned.find((s) => s.country === 'PRK')?.measures.map((m) => m.id)).toEqual(
      expect.arrayContaining(['us-dprk-import-ban-2011', 'jp-dprk-import-ban-2006', 'kr-dprk-may24-2010']),
    );
    const all = await partners(db, { mineral: 'tungsten', draws: 0, includeSanctioned: true });
    const prk = all.ranking.find((x) => x.country === 'PRK');
    expect(prk?.sanctions?.excluded).toBe(true);
    expect(all.candidates.includeSanctioned).toBe(true);
  });

  it('a measure that has ended no longer screens (as of 2025-06-30 Syria was under a U.S. programme)', async () => {
    const { partnerScreen } = await import('../../src/catalog/sanctions.ts');
    expect(partnerScreen('SYR', ['KOR', 'JPN', 'USA'], '2025-06-30', ['copper']).excluded).toBe(true);
    expect(partnerScreen('SYR', ['KOR', 'JPN', 'USA'], '2025-07-01', ['copper']).flagged).toBe(false);
  });
});
