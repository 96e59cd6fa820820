// Cooperation scores follow the documented criteria and weights; sensitivity is seeded; missing effects are gaps.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  COOPERATION_WEIGHTS,
  cooperationAgenda,
  type MeasuredEffect,
} from '../../src/analysis/cooperation.ts';
import { netAssessment } from '../../src/analysis/netassessment.ts';
import type { CooperationOption } from '../../src/catalog/cooperation.ts';
import { loadTrioCatalog } from '../../src/catalog/trio.ts';
import { PROJECT_ROOT } from '../../src/model/paths.ts';

const src = [{ title: 'Test source', publisher: 'Test', url: 'https://example.org', date: '2024-01-01' }];
const options: CooperationOption[] = [
  {
    id: 'opp-stock',
    kind: 'opportunity',
    name: 'Stockpile swaps',
    description: 'Pool stocks among the trio.',
    sources: src,
    closes: [{ stage: 'stockpiling', instrumentType: 'stockpile' }],
    blockedBy: ['bar-a'],
    measure: 'swap-days',
  },
  {
    id: 'opp-equity',
    kind: 'opportunity',
    name: 'Joint equity',
    description: 'Joint equity in processing.',
    sources: src,
    closes: [{ stage: 'processing', instrumentType: 'equity' }],
    blockedBy: [],
  },
  {
    id: 'opp-rd',
    kind: 'opportunity',
    name: 'Joint R&D',
    description: 'Nobody funds R&D in the fixture: stage gaps only.',
    sources: src,
    closes: [{ stage: 'rd', instrumentType: 'rd-program' }],
    blockedBy: ['bar-a'],
  },
  {
    id: 'bar-a',
    kind: 'barrier',
    name: 'Barrier A',
    description: 'A test barrier.',
    severity: 3,
    severityRationale: 'Hits two options hard.',
    sources: src,
  },
];
// An empty second source: every cell the fixture does not cover counts as absent (0), as the scores below assume.
const assessment = netAssessment(
  loadTrioCatalog(join(PROJECT_ROOT, 'test', 'fixtures', 'netassess', 'valid')),
  { policyEvidence: [] },
);
const swap = (days: number | null): MeasuredEffect => ({
  measure: 'swap-days',
  value: days,
  unit: 'days',
  normalized: days === null ? null : days / 90,
  detail: `${days} days`,
  source: 'test',
  ...(days === null ? { reason: 'scenario service unavailable' } : {}),
});

describe('cooperation agenda', () => {
  it('scores from gaps closed, readiness, breadth, measured effect and barriers', () => {
    const r = cooperationAgenda(options, assessment, new Map([['opp-stock', swap(45)]]), {
      sensitivity: { draws: 200 },
    });
    const stock = r.options.find((o) => o.id === 'opp-stock');
    // KOR (0) and USA (1, announced) fund no stockpiling while JPN operates a stockpile with a quantified result
    // (cell 4); one instrument type caps JPN's stage at 2 + 1 = 3 (breadth cap), so the benchmark is 3: stage gaps
    // 3 − 0 = 3 and 3 − 1 = 2.
    expect(stock?.closes.map((g) => `${g.country}:${g.gapKind}:${g.severity}`)).toEqual([
      'KOR:stage:3',
      'USA:stage:2',
    ]);
    // R&D: no one scores anything, so each country has a stage gap of severity 3 (target funded) — the largest total, 9.
    const rd = r.options.find((o) => o.id === 'opp-rd');
    expect(rd?.closes.map((g) => `${g.country}:${g.gapKind}:${g.severity}`)).toEqual([
      'KOR:stage:3',
      'JPN:stage:3',
      'USA:stage:3',
    ]);
    expect(rd?.criteria).toMatchObject({ gapClosure: 1, readiness: 0, breadth: 1 });
    expect(stock?.criteria).toMatchObject({
      readiness: 1,
      breadth: 2 / 3,
      measuredEffect: 0.5,
      barrierFreedom: 1 - 3 / 9,
    });
    // closed severity 3 + 2 = 5 against R&D's 9
    expect(stock?.criteria.gapClosure).toBeCloseTo(5 / 9);
    const w = COOPERATION_WEIGHTS;
    const expected =
      w.gapClosure * (5 / 9) +
      w.readiness +
      w.breadth * (2 / 3) +
      w.measuredEffect * 0.5 +
      w.barrierFreedom * (6 / 9);
    expect(stock?.score).toBeCloseTo(expected);
    const bar = r.options.find((o) => o.id === 'bar-a');
    expect(bar).toMatchObject({ kind: 'barrier', blocks: ['opp-stock', 'opp-rd'] });
  });

  it('drops a missing measured effect from the score, renormalises the weights and lists the gap', () => {
    const r = cooperationAgenda(options, assessment, new Map([['opp-stock', swap(null)]]), {
      sensitivity: { draws: 100 },
    });
    const stock = r.options.find((o) => o.id === 'opp-stock');
    expect(stock?.criteria.measuredEffect).toBeNull();
    const w = COOPERATION_WEIGHTS;
    const den = 1 - w.measuredEffect;
    expect(stock?.score).toBeCloseTo(
      (w.gapClosure * (5 / 9) + w.readiness + w.breadth * (2 / 3) + w.barrierFreedom * (6 / 9)) / den,
    );
    expect(r.gaps).toEqual([
      { id: 'opp-stock', reason: expect.stringContaining('scenario service unavailable') },
    ]);
  });

  it('reports one-at-a-time ±50% and seeded Dirichlet rank stability', () => {
    const a = cooperationAgenda(options, assessment, new Map(), {
      sensitivity: { draws: 300, seed: 7, topK: 1 },
    });
    const b = cooperationAgenda(options, assessment, new Map(), {
      sensitivity: { draws: 300, seed: 7, topK: 1 },
    });
    expect(a.sensitivity.oat).toHaveLength(5 * 2);
    expect(a.sensitivity.ranks).toEqual(b.sensitivity.ranks);
    for (const r of a.sensitivity.ranks) {
      expect(r.p5).toBeLessThanOrEqual(r.p95);
      expect(r.oatMin).toBeLessThanOrEqual(r.baseRank);
      expect(r.oatMax).toBeGreaterThanOrEqual(r.baseRank);
    }
    const pTop = a.sensitivity.ranks.map((r) => r.pTopK);
    expect(pTop.reduce((x, y) => x + y, 0)).toBeCloseTo(1);
    expect(Math.max(...pTop)).toBeLessThan(1);
  });

  it('generates recommendations from the scores, with their evidence', () => {
    const r = cooperationAgenda(options, assessment, new Map([['opp-stock', swap(45)]]), {
      sensitivity: { draws: 100 },
      recommendations: 3,
    });
    expect(r.recommendations.map((x) => x.rank)).toEqual([1, 2, 3]);
    const top = r.options.filter((o) => o.kind === 'opportunity').sort((x, y) => y.score - x.score)[0];
    expect(r.recommendations[0].id).toBe(top.id);
    const stockRec = r.recommendations.find((x) => x.id === 'opp-stock');
    expect(stockRec?.evidence.measured).toContain('45 days');
    expect(stockRec?.evidence.barriers[0]).toContain('Barrier A');
    expect(stockRec?.evidence.sources).toEqual(src);
  });

  it('re-ranks when the weights change', () => {
    const only = (k: keyof typeof COOPERATION_WEIGHTS) =>
      cooperationAgenda(options, assessment, new Map(), {
        weights: { gapClosure: 0, readiness: 0, breadth: 0, measuredEffect: 0, barrierFreedom: 0, [k]: 1 },
        sensitivity: { draws: 0 },
      });
    const first = (r: ReturnType<typeof only>) =>
      r.options.find((o) => o.kind === 'opportunity' && o.rank === 1)?.id;
    expect(first(only('gapClosure'))).toBe('opp-rd');
    expect(first(only('barrierFreedom'))).toBe('opp-equity');
    expect(only('barrierFreedom').options.find((o) => o.id === 'opp-stock')?.score).toBeCloseTo(6 / 9);
  });
});
