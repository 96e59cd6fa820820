// Scenarios on the real database (MINSEC_TEST_DB): BACI trade and USGS production/capacity.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCENARIO_DEFAULTS } from '../../src/analysis/scenario/defaults.ts';
import { PRESETS } from '../../src/catalog/scenario-presets.ts';
import { runScenario, type ScenarioResult } from '../../src/services/scenario.ts';
import type { Db } from '../../src/store/db.ts';
import { cli, openTestDb } from '../helpers.ts';

let db: Db;
let ga: ScenarioResult;
beforeAll(async () => {
  db = await openTestDb();
  ga = await runScenario(db, {
    preset: 'cn-ga-ge-licensing-2023',
    pool: ['KOR', 'JPN', 'USA'],
    draws: 300,
    seed: 11,
  });
});
afterAll(() => db?.close());

describe('gallium 2023 preset (China licensing, baseline BACI 2022)', () => {
  it("shows Korea's exposure through its BACI 811292 import shares: China the large majority by value", () => {
    const kor = ga.exposure.find((e) => e.country === 'KOR' && e.mineral === 'gallium');
    expect(kor?.hs).toEqual(['811292']);
    expect(kor?.importShares[0].origin).toBe('CHN');
    expect(kor?.importShares[0].valueShare).toBeGreaterThan(0.75);
    const total = kor?.importShares.reduce((s, x) => s + x.valueShare, 0) ?? 0;
    expect(total).toBeCloseTo(1, 4);
  });

  it('states its assumptions: unit, demand basis, by-product bound, stock policy, shared code', () => {
    const text = ga.assumptions.join('\n');
    expect(text).toMatch(/gallium: flows in U\.S\. dollars .*BACI HS 811292 2022/);
    expect(text).toMatch(/KOR gallium demand: gross imports/);
    expect(text).toMatch(/by-product of alumina refining/);
    expect(text).toMatch(/idle capacity = USGS capacity − production/);
    expect(text).toMatch(/KOR stock days \(gallium\) = 100/);
    expect(text).toMatch(/JPN stock days \(gallium\) = 60/);
    expect(ga.scenario.notes.join(' ')).toMatch(/811292/);
    expect(ga.sources.some((s) => /BACI/.test(s.title))).toBe(true);
    expect(ga.sources.some((s) => /cn-ga-ge-licensing-2023/.test(s.title))).toBe(true);
  });

  it('has the issue’s JSON shape and balances every month', () => {
    expect(ga.countries.map((c) => `${c.country}:${c.mineral}`)).toEqual(
      ['KOR', 'JPN', 'USA']
        .map((c) => `${c}:gallium`)
        .concat(['KOR', 'JPN', 'USA'].map((c) => `${c}:germanium`)),
    );
    for (const c of ga.countries) {
      expect(c.months).toHaveLength(36);
      expect(typeof c.ttsMonths).toBe('number');
      expect(typeof c.ttrMonths).toBe('number');
      for (const m of c.months) {
        expect(Math.abs(m.supply + m.stockDrawn + m.unmet - m.demand)).toBeLessThan(1e-4 * m.demand);
        expect(m.stock).toBeGreaterThanOrEqual(0);
      }
    }
    expect(Object.keys(ga.pooling?.daysGained ?? {}).sort()).toEqual(['JPN', 'KOR', 'USA']);
    expect(ga.montecarlo).toMatchObject({ draws: 300, seed: 11 });
    expect(ga.montecarlo?.bands.length).toBe(6);
  });

  it('Korea, with most of its 811292 from China, runs short before recovery without the pool; the pool adds days', () => {
    const kor = ga.pooling?.byMineral
      .find((b) => b.mineral === 'gallium')
      ?.members.find((m) => m.country === 'KOR');
    expect(kor?.ttsNoAgreement).toBeLessThan(12);
    expect(kor?.daysGained).toBeGreaterThan(0);
    for (const b of ga.pooling?.byMineral ?? [])
      for (const m of b.members)
        expect(m.cumulativeShortfallWithAgreement).toBeLessThanOrEqual(
          m.cumulativeShortfallNoAgreement * (1 + 1e-6) + 1e-6,
        );
  });
});

describe('other presets on the real data', () => {
  it('China cutting all four minerals to the trio lists molybdenum as a gap and runs the rest in tonnes', async () => {
    const r = await runScenario(db, { preset: 'cn-all-four-trio' });
    expect(r.gaps.some((g) => g.mineral === 'molybdenum' && g.reason === 'insufficient_data')).toBe(true);
    expect(r.baseline.map((b) => b.mineral).sort()).toEqual(['cobalt', 'gallium', 'tungsten']);
    for (const b of r.baseline) expect(b.unit).toBe('t');
    const jpnW = r.countries.find((c) => c.country === 'JPN' && c.mineral === 'tungsten');
    expect(jpnW?.ttsMonths).toBeGreaterThan(0);
    expect(jpnW?.ttsBeforeTtr).toBe(true);
  });

  it('a zero cut on real data leaves every country at baseline', async () => {
    const r = await runScenario(db, {
      spec: {
        name: 'zero',
        minerals: ['cobalt'],
        baselineYear: 2024,
        start: '2025-01',
        restrictions: [{ origins: ['CHN'], shareCut: 0 }],
      },
    });
    for (const c of r.countries) {
      expect(c.cumulativeShortfall).toBe(0);
      expect(c.ttrMonths).toBe(0);
    }
  });
});

describe('Monte Carlo with the pooling agreement on every preset (trio pool, default ranges)', () => {
  const TRIO_POOL = ['KOR', 'JPN', 'USA'];
  const inside = (x: number, b: { p5: number; p95: number }) => x >= b.p5 - 1e-9 && x <= b.p95 + 1e-9;
  /** Central vs band per member × mineral, and per member for the headline (smallest gain over minerals). */
  const outside = (r: ScenarioResult) => [
    ...(r.pooling?.byMineral ?? []).flatMap((b) =>
      b.members.flatMap((m) => {
        const band = r.montecarlo?.pooling?.byMineral
          .find((x) => x.mineral === b.mineral)
          ?.members.find((x) => x.country === m.country)?.daysGained;
        expect(band).toBeDefined();
        return band && inside(m.daysGained, band) ? [] : [`${b.mineral} ${m.country}`];
      }),
    ),
    ...Object.entries(r.pooling?.daysGained ?? {}).flatMap(([c, d]) => {
      const band = r.montecarlo?.pooling?.daysGained[c];
      return band && inside(d, band) ? [] : [`headline ${c}`];
    }),
  ];

  it.each(PRESETS.map((p) => [p.id]))(
    '%s: the central days gained lie within the draws’ 5th–95th percentiles',
    async (id) => {
      const r = await runScenario(db, { preset: id, pool: TRIO_POOL, draws: 1000, seed: 1 });
      expect(r.montecarlo?.pooling?.members).toEqual(TRIO_POOL);
      const off = outside(r);
      if (!off.length) return;
      // Explained exception: a preset's cut at the edge of its sampled range (a full cut, sampled within
      // [1 − spread, 1]) makes the central run the most severe cut of all draws; a gain that grows with the cut
      // (the pool covers a shortfall proportional to it) then sits just above p95. With the cut held at the
      // spec's value and the other parameters sampled, the central run must lie inside the bands again.
      const spread = SCENARIO_DEFAULTS.montecarlo.shareCutSpread.value;
      const preset = PRESETS.find((p) => p.id === id);
      const cuts = preset?.spec.restrictions?.map((x) => x.shareCut) ?? [];
      expect(cuts.every((c) => c + spread > 1 || c - spread < 0)).toBe(true);
      const fixed = await runScenario(db, {
        spec: {
          ...preset?.spec,
          pooling: { members: TRIO_POOL },
          montecarlo: { draws: 1000, seed: 1, ranges: { shareCut: [cuts[0], cuts[0]] } },
        },
      });
      expect(new Set(cuts).size).toBe(1);
      expect(outside(fixed)).toEqual([]);
    },
  );

  it('gallium 2023: the pool shortens Korea’s exposure in most draws and never lengthens it', () => {
    const kor = ga.montecarlo?.pooling?.byMineral
      .find((b) => b.mineral === 'gallium')
      ?.members.find((m) => m.country === 'KOR');
    expect(kor?.daysGained.p50).toBeGreaterThan(0);
    expect(kor?.ttsWithAgreement.p50).toBeGreaterThanOrEqual(kor?.ttsNoAgreement.p50 ?? Infinity);
    expect(kor?.pTtsLtTtrWithAgreement).toBeLessThan(kor?.pTtsLtTtrNoAgreement ?? 0);
    expect(ga.assumptions.join('\n')).toMatch(/each draw runs without and with the pooling agreement/);
  });
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

  it('runs a JSON spec file and prints the result object', () => {
    const f = join(dir, 'w.json');
    writeFileSync(
      f,
      JSON.stringify({
        name: 'W to Japan',
        minerals: ['tungsten'],
        baselineYear: 2024,
        start: '2025-02',
        horizonMonths: 12,
        countries: ['JPN'],
        restrictions: [{ origins: ['CHN'], targets: ['JPN'], shareCut: 1, durationMonths: 6 }],
        stockpiles: [{ country: 'JPN', days: 30 }],
      }),
    );
    const r = cli(['scenario', 'run', f, '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.countries).toHaveLength(1);
    // 30 days of stock cover slightly less than the first month's loss (China ships ~99% of Japan's 810194).
    expect(out.countries[0]).toMatchObject({
      country: 'JPN',
      mineral: 'tungsten',
      ttsMonths: 0,
      ttrMonths: 6,
    });
    expect(out.countries[0].months[0].stockDrawn).toBeCloseTo(out.baseline[0].countries[0].stock, 3);
    expect(out.pooling).toBeNull();
    expect(out.montecarlo).toBeNull();
  });
});
