// Scenarios on the real database (MINSEC_TEST_DB): demand and stocks in tonnes of contained metal against the
// raw USGS files, mass balance, seeds, presets, sanctions exclusion, recovery, quotas, the CLI.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeScenario } from '../../src/analysis/scenario/compute.ts';
import { purchaseBans } from '../../src/catalog/sanctions.ts';
import { PRESETS } from '../../src/catalog/scenario-presets.ts';
import { ScenarioResult as ResultSchema } from '../../src/model/results/scenario.ts';
import {
  prepareScenarioJob,
  runScenario,
  type ScenarioDeps,
  type ScenarioResult,
} from '../../src/services/scenario.ts';
import type { Db } from '../../src/store/db.ts';
import { cli, itRaw, openTestDb } from '../helpers.ts';
import { mcsValue } from './raw.ts';

let db: Db;
const results = new Map<string, ScenarioResult>();
const TRIO_POOL = ['KOR', 'JPN', 'USA'];

/** A hand-made sanctions fixture (not the catalog): Russia and North Korea may supply none of the trio. */
const FIXTURE: ScenarioDeps = {
  sanctions: {
    name: 'test fixture: RUS and PRK excluded for every buyer',
    check: (supplier) =>
      supplier === 'RUS' || supplier === 'PRK'
        ? [
            {
              imposer: 'TEST',
              instrument: 'fixture',
              inForce: '2000-01-01',
              url: 'https://example.org/fixture',
            },
          ]
        : [],
  },
};

beforeAll(async () => {
  db = await openTestDb();
  for (const p of PRESETS)
    results.set(p.id, await runScenario(db, { preset: p.id, pool: TRIO_POOL, draws: 200, seed: 3 }));
});
afterAll(() => db?.close());

const demandOf = (r: ScenarioResult, country: string, mineral: string) =>
  r.baseline.find((b) => b.mineral === mineral)?.countries.find((c) => c.country === country)?.demand;

describe('U.S. demand in tonnes of contained metal, from the USGS salient series of the baseline year', () => {
  // Expected: the raw MCS 2026 data release (kilograms → tonnes for gallium).
  const gallium = PRESETS.filter((p) => p.spec.minerals.includes('gallium'));
  itRaw.each(gallium.map((p) => [p.id, p.spec.baselineYear]))(
    '%s: U.S. gallium demand = reported consumption of %i (±0.5%)',
    (id, year) => {
      const expected = mcsValue('GALLIUM', 'Consumption, reported', year as number) / 1000;
      const d = demandOf(results.get(id as string) as ScenarioResult, 'USA', 'gallium');
      expect(d?.basis).toBe('usgs_reported_consumption');
      expect(Math.abs((d?.perYearT ?? 0) - expected)).toBeLessThanOrEqual(0.005 * expected);
    },
  );

  itRaw('the 2024 gallium preset gives 18.7 t (USGS MCS 2026), not the 247 t of HS 811292 imports', () => {
    expect(mcsValue('GALLIUM', 'Consumption, reported', 2024)).toBe(18_700);
    expect(demandOf(results.get('cn-ga-ge-us-ban-2024') as ScenarioResult, 'USA', 'gallium')?.perYearT).toBe(
      18.7,
    );
  });

  const cobalt = PRESETS.filter((p) => p.spec.minerals.includes('cobalt'));
  itRaw.each(cobalt.map((p) => [p.id, p.spec.baselineYear]))(
    '%s: U.S. cobalt demand = apparent consumption of %i, import-dependent part = NIR × consumption',
    (id, year) => {
      const expected = mcsValue('COBALT', 'Consumption (includes secondary): Apparent', year as number);
      const nir = mcsValue(
        'COBALT',
        'Net import reliance as a percentage of apparent consumption',
        year as number,
      );
      const d = demandOf(results.get(id as string) as ScenarioResult, 'USA', 'cobalt');
      expect(d?.perYearT).toBeCloseTo(expected, 6);
      expect(d?.importDependentT).toBeCloseTo((expected * nir) / 100, 3);
    },
  );

  it('cobalt 2024: 7,960 t apparent consumption, 74% net import reliance → 5,890 t import-dependent', () => {
    const d = demandOf(results.get('cd-co-suspension-2025') as ScenarioResult, 'USA', 'cobalt');
    expect(d?.perYearT).toBe(7960);
    expect(d?.importDependentT).toBeCloseTo(7960 * 0.74, 6);
  });

  itRaw(
    'tungsten: apparent consumption is withheld, so demand is net imports of every form, said to be a lower bound',
    () => {
      const y = 2024;
      const imports =
        mcsValue('TUNGSTEN', 'Imports for consumption: Ores and concentrates', y) +
        mcsValue('TUNGSTEN', 'Imports for consumption: Other forms', y);
      const exports =
        mcsValue('TUNGSTEN', 'Exports: Ores and concentrates', y) +
        mcsValue('TUNGSTEN', 'Exports: Other forms', y);
      const d = demandOf(results.get('cn-w-mo-2025') as ScenarioResult, 'USA', 'tungsten');
      expect(d?.basis).toBe('usgs_net_imports_lower_bound');
      expect(d?.perYearT).toBeCloseTo(imports - exports, 6);
      expect(d?.label).toMatch(/withheld.*lower bound/);
    },
  );

  it('a user can override demand in the spec, and the basis says what it replaced', async () => {
    const r = await runScenario(db, {
      spec: {
        name: 'override',
        minerals: ['gallium'],
        baselineYear: 2024,
        start: '2025-01',
        restrictions: [{ origins: ['CHN'], shareCut: 1, durationMonths: 6 }],
        demand: [{ country: 'USA', mineral: 'gallium', perYear: 25 }],
      },
      draws: 0,
    });
    const d = demandOf(r, 'USA', 'gallium');
    expect(d?.perYearT).toBe(25);
    expect(d?.basis).toBe('spec');
    expect(d?.label).toMatch(/replaces: USGS reported consumption/);
    // Results are rounded to 6 significant digits.
    expect(r.countries.find((c) => c.country === 'USA')?.months[0].demand).toBeCloseTo(25 / 12, 4);
  });
});

describe('stocks as they are, and as targeted', () => {
  itRaw(
    'U.S. gallium stock = consumer stocks reported by USGS (3,410 kg in 2024), with its days of demand',
    () => {
      const b = results.get('cn-ga-ge-us-ban-2024')?.baseline.find((x) => x.mineral === 'gallium');
      const usa = b?.countries.find((c) => c.country === 'USA');
      const stockKg = mcsValue('GALLIUM', 'Stocks, consumer, yearend', 2024);
      const consKg = mcsValue('GALLIUM', 'Consumption, reported', 2024);
      expect(usa?.stock.actual.tonnes).toBeCloseTo(stockKg / 1000, 9);
      // 365 × 3,410 / 18,700 = 66.6 days.
      expect(usa?.stock.actual.days).toBeCloseTo((365 * stockKg) / consKg, 2);
      expect(usa?.stock.target).toBeNull();
    },
  );

  itRaw('U.S. cobalt stock = industry year-end stocks (956 t in 2024)', () => {
    const usa = results.get('cd-co-suspension-2025')?.baseline[0].countries.find((c) => c.country === 'USA');
    expect(usa?.stock.actual.tonnes).toBe(mcsValue('COBALT', 'Stocks, yearend: Industry', 2024));
  });

  itRaw(
    'U.S. tungsten: industry stocks withheld → none counted, with the reason; NDS shipments shown where USGS gives them',
    async () => {
      const r = await runScenario(db, {
        spec: {
          name: 'W 2022',
          minerals: ['tungsten'],
          baselineYear: 2022,
          start: '2023-01',
          countries: ['USA'],
          restrictions: [{ origins: ['CHN'], shareCut: 0.5 }],
        },
        draws: 0,
      });
      const usa = r.baseline[0].countries[0];
      expect(usa.stock.actual.tonnes).toBe(0);
      expect(usa.stock.actual.reason).toMatch(/withheld/);
      // MCS 2026: shipments from the Government stockpile 2022 = concentrate 689 t + other forms 0 (—).
      expect(usa.stock.governmentShipmentsT).toBe(
        mcsValue('TUNGSTEN', 'Shipments from Government stockpile: Concentrate', 2022),
      );
      expect(usa.stock.governmentShipmentsLabel).toMatch(/National Defense Stockpile shipments 2022: 689 t/);
    },
  );

  it('Japan: the seven stockpiled metals at 60 days; gallium has no published holdings and is counted as 0 with the reason', () => {
    const ga = results.get('cn-ga-ge-licensing-2023')?.baseline.find((b) => b.mineral === 'gallium');
    const jpn = ga?.countries.find((c) => c.country === 'JPN');
    expect(jpn?.stock.actual.tonnes).toBe(0);
    expect(jpn?.stock.actual.reason).toMatch(/not_reported/);
    expect(jpn?.stock.target?.days).toBe(60);
  });

  it('the target runs beside the actual one: more stock never means more shortfall, and a larger target adds days', () => {
    for (const r of results.values())
      for (const t of r.stockTarget ?? []) {
        expect(t.shortfallTargetT).toBeLessThanOrEqual(t.shortfallActualT + 1e-6);
        if (t.targetStockT > t.actualStockT + 1e-9 && t.shortfallActualT > 0)
          expect(t.daysGainedByTarget).toBeGreaterThan(0);
      }
    const jpn = results
      .get('cn-ga-ge-licensing-2023')
      ?.stockTarget?.find((t) => t.country === 'JPN' && t.mineral === 'gallium');
    // 60 days of Japan's 167 t/yr = 27.45 t.
    expect(jpn?.targetStockT).toBeCloseTo((60 * 167) / 365, 3);
  });
});

describe('every preset on the real data', () => {
  it.each(PRESETS.map((p) => [p.id]))('%s: the result matches its zod contract', (id) => {
    expect(() => ResultSchema.parse(results.get(id))).not.toThrow();
  });

  it.each(PRESETS.map((p) => [p.id]))(
    '%s: mass balance in tonnes every month (country: supply + drawn + unmet = demand; world: shortfall = lost − replacement)',
    (id) => {
      const r = results.get(id) as ScenarioResult;
      for (const c of r.countries) {
        expect(c.unit).toBe('t');
        for (const m of c.months) {
          expect(Math.abs(m.supply + m.stockDrawn + m.unmet - m.demand)).toBeLessThanOrEqual(1e-5 * m.demand);
          expect(Math.abs(m.demand - m.supply - (m.lost - m.replacement))).toBeLessThanOrEqual(
            1e-5 * m.demand,
          );
          const origins = Object.values(m.supplyByOrigin).reduce((s, x) => s + x, 0);
          expect(Math.abs(origins - m.supply)).toBeLessThanOrEqual(1e-4 * m.demand);
          expect(m.stock).toBeGreaterThanOrEqual(0);
        }
      }
      for (const w of r.world)
        for (const m of w.months) {
          expect(m.replacement).toBeLessThanOrEqual(m.spareAvailable * (1 + 1e-6) + 1e-9);
          expect(m.replacement).toBeLessThanOrEqual(m.cutVolume * (1 + 1e-6) + 1e-9);
        }
    },
  );

  it.each(PRESETS.map((p) => [p.id]))(
    '%s: names its evidence, and its brief opens with what it means',
    (id) => {
      const r = results.get(id) as ScenarioResult;
      expect(r.scenario.evidence.length).toBeGreaterThan(0);
      expect(r.brief.length).toBeGreaterThan(0);
      expect(r.brief[0]).toMatch(/Korea|Japan|United States/);
    },
  );

  it('the DRC presets reduce supply to every country they model, through the mine-stage trace', () => {
    for (const id of ['cd-co-suspension-2025', 'cd-co-quota-2025']) {
      const r = results.get(id) as ScenarioResult;
      expect(r.countries.length).toBeGreaterThan(0);
      for (const c of r.countries) {
        expect(Math.min(...c.months.map((m) => m.supply / m.demand))).toBeLessThan(1);
        expect(r.scenario.restrictions.every((x) => x.stage === 'mined')).toBe(true);
      }
    }
  });

  itRaw('the DRC quota is a cut against the DRC’s USGS mine output (226,000 t in 2024)', () => {
    const r = results.get('cd-co-quota-2025') as ScenarioResult;
    const drc = mcsValue('COBALT', 'Mine production', 2024, 'Congo (Kinshasa)');
    const cuts = r.scenario.restrictions.map((x) => x.shareCut);
    // 1 − 12 × quota per month ÷ output per year.
    const expected = [3625, 7250, 8050, 8050].map((q) => 1 - (12 * q) / drc);
    for (const [k, c] of cuts.entries()) expect(c).toBeCloseTo(expected[k], 5);
    expect(r.scenario.restrictions[2].cutBasis).toMatch(
      /\(96,600 t\/yr\) against COD mine output 226,000 t in 2024/,
    );
  });

  it('Monte Carlo is on by default, and every band says its unit', async () => {
    const r = await runScenario(db, { preset: 'cn-ga-ge-us-ban-2024' });
    expect(r.montecarlo?.draws).toBe(1000);
    for (const b of r.montecarlo?.bands ?? []) {
      expect(b.ttsMonths.unit).toBe('months');
      expect(b.cumulativeShortfall.unit).toBe('t');
      for (const u of b.unmet) expect(u.unit).toBe('t/month');
    }
    const off = await runScenario(db, { preset: 'cn-ga-ge-us-ban-2024', draws: 0 });
    expect(off.montecarlo).toBeNull();
  });

  it('same seed, same bands; another seed, other bands', async () => {
    const a = await runScenario(db, {
      preset: 'cn-ga-ge-licensing-2023',
      pool: TRIO_POOL,
      draws: 300,
      seed: 5,
    });
    const b = await runScenario(db, {
      preset: 'cn-ga-ge-licensing-2023',
      pool: TRIO_POOL,
      draws: 300,
      seed: 5,
    });
    const c = await runScenario(db, {
      preset: 'cn-ga-ge-licensing-2023',
      pool: TRIO_POOL,
      draws: 300,
      seed: 6,
    });
    expect(b.montecarlo).toEqual(a.montecarlo);
    expect(c.montecarlo?.bands).not.toEqual(a.montecarlo?.bands);
  });

  it('pooled runs never need the LP: every preset computes with the closed-form allocator alone', async () => {
    for (const p of PRESETS) {
      const job = await prepareScenarioJob(db, { preset: p.id, pool: TRIO_POOL, draws: 100, seed: 2 });
      expect(() => computeScenario(job)).not.toThrow();
    }
  });

  it('pooling headline: days gained per member and mineral, with the binding mineral named', () => {
    const r = results.get('cn-ga-ge-licensing-2023') as ScenarioResult;
    for (const h of r.pooling?.headline ?? []) {
      const per = r.pooling?.byMineral.flatMap((b) =>
        b.members.filter((m) => m.country === h.country).map((m) => m.daysGained),
      );
      expect(h.byMineral.map((b) => b.daysGained)).toEqual(per);
      expect(h.bindingDaysGained).toBe(Math.min(...(per ?? [])));
    }
  });

  it('gallium 2023 (12-month licensing): the measure ends before replacement recovers supply, and the run says so', () => {
    const r = results.get('cn-ga-ge-licensing-2023') as ScenarioResult;
    const jpn = r.countries.find((c) => c.country === 'JPN' && c.mineral === 'gallium');
    expect(jpn?.ttrMonths).toBe(12);
    expect(jpn?.recovery.by).toBe('measure_end');
    expect(jpn?.recovery.statement).toMatch(/the measure ends in 2024-08 before supply recovers/);
  });

  itRaw('prices: a path only where elasticities are cited (cobalt), a gap with the reason elsewhere', () => {
    const co = results.get('cd-co-suspension-2025')?.prices.find((p) => p.mineral === 'cobalt');
    // USGS 2024 U.S. spot cathode price $16.77/lb × 2,204.62 lb/t.
    expect(co?.basePrice).toBeCloseTo(
      mcsValue('COBALT', 'Price, average, dollars per pound: U.S. spot, cathode', 2024) * 2204.62262,
      0,
    );
    expect(co?.reason).toBeNull();
    expect(co?.months.length).toBe(36);
    for (const m of co?.months ?? [])
      expect(m.price).toBeGreaterThanOrEqual((co?.basePrice ?? 0) * (1 - 1e-9));
    const ga = results.get('cn-ga-ge-licensing-2023')?.prices.find((p) => p.mineral === 'gallium');
    expect(ga?.basePrice).toBe(432_000);
    expect(ga?.months).toEqual([]);
    expect(ga?.reason).toMatch(/no cited price elasticities/);
  });
});

describe('sanctions: excluded suppliers never appear in a replacement (fixture check: RUS and PRK)', () => {
  it.each(PRESETS.map((p) => [p.id]))('%s', async (id) => {
    const r = await runScenario(db, { preset: id, pool: TRIO_POOL, draws: 0 }, { deps: FIXTURE });
    expect(r.sanctions.catalog).toMatch(/fixture/);
    for (const c of r.countries)
      for (const m of c.months) {
        expect(m.replacementByOrigin.RUS).toBeUndefined();
        expect(m.replacementByOrigin.PRK).toBeUndefined();
      }
  });

  it('the exclusion is real: without it Russia replaces lost tungsten, and the run says it is off', async () => {
    const spec = {
      name: 'W to the U.S.',
      minerals: ['tungsten'],
      baselineYear: 2024,
      start: '2025-01',
      countries: ['USA'],
      restrictions: [{ origins: ['CHN'], shareCut: 1, stage: 'mined' }],
      supplyResponse: { qualificationMonths: 0 },
    };
    const on = await runScenario(db, { spec, draws: 0 }, { deps: FIXTURE });
    const off = await runScenario(
      db,
      { spec: { ...spec, sanctions: { excludeFromReplacement: false } }, draws: 0 },
      { deps: FIXTURE },
    );
    const fromRus = (r: ScenarioResult) =>
      r.countries[0].months.reduce((s, m) => s + (m.replacementByOrigin.RUS ?? 0), 0);
    expect(fromRus(off)).toBeGreaterThan(0);
    expect(fromRus(on)).toBe(0);
    expect(on.sanctions.excluded.some((e) => e.supplier === 'RUS' && e.buyer === 'USA')).toBe(true);
    expect(off.sanctions.note).toMatch(/NOT excluded/);
  });
});

describe('sanctions: the real catalog screens every preset (src/catalog/sanctions.yaml)', () => {
  // Without a mineral only embargoes count (src/catalog/sanctions.ts header). Read by hand from sanctions.yaml, the
  // embargoes on imports from the target in force at every preset start (2023-08 … 2025-10), none secondary:
  // jp-dprk-import-ban-2006 (JPN ← PRK), kr-dprk-may24-2010 (KOR ← PRK), us-dprk-import-ban-2011 (USA ← PRK),
  // us-ir-embargo-1995 (USA ← IRN), us-cu-embargo-1962 (USA ← CUB).
  const EMBARGOED: Record<string, string[]> = { JPN: ['PRK'], KOR: ['PRK'], USA: ['PRK', 'IRN', 'CUB'] };

  it.each(PRESETS.map((p) => [p.id]))('%s', (id) => {
    const r = results.get(id) as ScenarioResult;
    expect(r.sanctions.catalog).toBe('src/catalog/sanctions.yaml (reviewed 2026-11-28)');
    expect(r.sanctions.excludeFromReplacement).toBe(true);
    const date = `${PRESETS.find((p) => p.id === id)?.spec.start}-01`;
    for (const e of r.sanctions.excluded) {
      expect(EMBARGOED[e.buyer] ?? []).toContain(e.supplier);
      expect(e.measures.length).toBeGreaterThan(0);
    }
    for (const c of r.countries)
      for (const m of c.months)
        for (const origin of Object.keys(m.replacementByOrigin)) {
          expect(EMBARGOED[c.country] ?? []).not.toContain(origin);
          // 'OTHER': the USGS "Other countries" aggregate, which no measure can name.
          if (origin !== 'OTHER') expect(purchaseBans(origin, c.country, date)).toEqual([]);
        }
  });

  itRaw(
    'the screen bites: Cuba mines cobalt (USGS MCS 2026), and the U.S. embargo keeps it from U.S. replacement',
    () => {
      expect(mcsValue('COBALT', 'Mine production', 2024, 'Cuba')).toBe(3450);
      const r = results.get('cd-co-suspension-2025') as ScenarioResult;
      const cub = r.sanctions.excluded.find((e) => e.buyer === 'USA' && e.supplier === 'CUB');
      expect(cub?.measures.map((m) => m.imposer)).toEqual(['USA']);
      expect(r.sanctions.excluded.some((e) => e.buyer !== 'USA' && e.supplier === 'CUB')).toBe(false);
    },
  );
});

describe('CLI', () => {
  const dir = mkdtempSync(join(tmpdir(), 'minsec-scenario-'));

  it('rejects an invalid spec file with field-level errors and exit 2', () => {
    const f = join(dir, 'bad.yaml');
    writeFileSync(
      f,
      'name: bad\nminerals: [galium]\nbaselineYear: 1990\nstart: 2025-01\nrestrictions:\n  - origins: [CHN]\n    shareCut: 2\n',
    );
    const r = cli(['scenario', 'run', f]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/minerals\[0\]/);
    expect(r.stderr).toMatch(/baselineYear/);
    expect(r.stderr).toMatch(/restrictions\[0\]\.shareCut/);
  });

  it('suggests the closest preset for an unknown name', () => {
    const r = cli(['scenario', 'run', 'cn-ga-ge-licensing-2032']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Did you mean "cn-ga-ge-licensing-2023"/);
  });

  it('runs a JSON spec file and prints the result object; --draws 0 turns the Monte Carlo off', () => {
    const f = join(dir, 'w.json');
    writeFileSync(
      f,
      JSON.stringify({
        name: 'W to the U.S.',
        minerals: ['tungsten'],
        baselineYear: 2024,
        start: '2025-02',
        horizonMonths: 12,
        countries: ['USA'],
        restrictions: [{ origins: ['CHN'], targets: ['USA'], shareCut: 1, durationMonths: 6 }],
        stockpiles: [{ country: 'USA', days: 30 }],
      }),
    );
    const r = cli(['scenario', 'run', f, '--json', '--draws', '0']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.countries).toHaveLength(1);
    const usa = out.countries[0];
    // 30 days of the U.S. demand (net imports, tonnes) set in the spec.
    const perYear = out.baseline[0].countries[0].demand.perYearT;
    expect(usa.initialStock).toBeCloseTo((30 * perYear) / 365, 3);
    expect(usa.months[0].stockDrawn).toBeCloseTo(Math.min(usa.initialStock, usa.months[0].lost), 3);
    expect(out.pooling).toBeNull();
    expect(out.montecarlo).toBeNull();
  });

  it('compares two presets side by side, with units', () => {
    const r = cli([
      'scenario',
      'compare',
      'cd-co-suspension-2025',
      'cd-co-quota-2025',
      '--draws',
      '50',
      '--json',
    ]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.runs.map((x: { label: string }) => x.label)).toEqual([
      'cd-co-suspension-2025',
      'cd-co-quota-2025',
    ]);
    expect(out.units.shortfallT).toBe('t');
    const usa = out.rows.find((x: { country: string }) => x.country === 'USA');
    expect(usa.shortfallT).toHaveLength(2);
    const md = cli(['scenario', 'compare', 'cd-co-suspension-2025', 'cd-co-quota-2025', '--draws', '0']);
    expect(md.code).toBe(0);
    expect(md.stdout).toMatch(/# Scenario comparison/);
    const one = cli(['scenario', 'compare', 'cd-co-suspension-2025']);
    expect(one.code).toBe(2);
  });
});
