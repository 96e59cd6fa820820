// Scores come from the entries' status facts: change a fact and the matrix changes.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { entryMaturity, netAssessment, type VulnerabilityInput } from '../../src/analysis/netassessment.ts';
import { loadTrioCatalog, type TrioEntry } from '../../src/catalog/trio.ts';
import { PROJECT_ROOT } from '../../src/model/paths.ts';

const fixture = () => loadTrioCatalog(join(PROJECT_ROOT, 'test', 'fixtures', 'netassess', 'valid'));
const cell = (r: ReturnType<typeof netAssessment>, country: string, stage: string, type: string) =>
  r.countries
    .find((c) => c.country === country)
    ?.cells.find((x) => x.stage === stage && x.instrumentType === type);

describe('maturity rubric', () => {
  const fund = fixture().find((e) => e.id === 't-kor-fund') as TrioEntry;

  it('scores the highest level whose fact is present', () => {
    expect(entryMaturity(fund)).toMatchObject({ score: 3, level: 'funded' });
    const { funded: _f, ...rest } = fund.status;
    expect(entryMaturity({ ...fund, status: rest }).score).toBe(2);
    expect(entryMaturity({ ...fund, status: { announced: { date: '2024-01-01' } } }).score).toBe(1);
    expect(entryMaturity({ ...fund, status: {} }).score).toBe(0);
    expect(
      entryMaturity({
        ...fund,
        status: {
          ...fund.status,
          operating: { evidence: 'Loans disbursed to ten firms.', asOf: '2025-01-01' },
        },
      }).score,
    ).toBe(4);
  });

  it('scores an ended entry 0 and says why', () => {
    const m = entryMaturity({
      ...fund,
      status: { ...fund.status, ended: { date: '2025-09-30', ref: 'repealed' } },
    });
    expect(m.score).toBe(0);
    expect(m.basis).toContain('ended 2025-09-30');
  });
});

describe('coverage matrix', () => {
  it('is the full stage × instrument grid per country, scored from entries', () => {
    const r = netAssessment(fixture());
    for (const c of r.countries) expect(c.cells).toHaveLength(9 * 13);
    expect(cell(r, 'KOR', 'processing', 'loan-guarantee')).toMatchObject({
      score: 3,
      entries: ['t-kor-fund'],
    });
    expect(cell(r, 'JPN', 'stockpiling', 'stockpile')?.score).toBe(4);
    expect(cell(r, 'KOR', 'stockpiling', 'stockpile')?.score).toBe(0);
  });

  it('changes when an entry loses its funding fact', () => {
    const entries = fixture();
    const before = netAssessment(entries);
    const edited: TrioEntry[] = entries.map((e) => {
      if (e.id !== 't-kor-fund') return e;
      const { funded: _f, ...status } = e.status;
      return { ...e, status };
    });
    const after = netAssessment(edited);
    expect(cell(before, 'KOR', 'processing', 'loan-guarantee')?.score).toBe(3);
    expect(cell(after, 'KOR', 'processing', 'loan-guarantee')?.score).toBe(2);
    const korBefore = before.countries.find((c) => c.country === 'KOR');
    const korAfter = after.countries.find((c) => c.country === 'KOR');
    expect(korBefore?.stageScores.processing).toBe(3);
    expect(korAfter?.stageScores.processing).toBe(2);
    expect(korAfter?.gaps.some((g) => g.kind === 'stage' && g.stage === 'processing')).toBe(true);
    expect(korBefore?.gaps.some((g) => g.kind === 'stage' && g.stage === 'processing')).toBe(false);
  });

  it('changes on the real catalog too (IRA 48C loses its allocation → processing × tax-incentive drops to legislated)', () => {
    const entries = loadTrioCatalog();
    const edited = entries.map((e) =>
      e.id === 'usa-ira-48c' ? { ...e, status: { legislated: e.status.legislated } } : e,
    );
    expect(cell(netAssessment(entries), 'USA', 'processing', 'tax-incentive')?.score).toBe(3);
    expect(cell(netAssessment(edited), 'USA', 'processing', 'tax-incentive')?.score).toBe(2);
  });
});

describe('gaps and complementarities', () => {
  it('finds a peer-demonstrated cell gap with the peer entries as evidence', () => {
    const kor = netAssessment(fixture()).countries.find((c) => c.country === 'KOR');
    // Korea funds processing loans (stage score 3) but has no processing equity, which Japan funds.
    const equity = kor?.gaps.find(
      (g) => g.kind === 'cell' && g.stage === 'processing' && g.instrumentType === 'equity',
    );
    expect(equity).toMatchObject({ own: 0, benchmark: 3, severity: 3, peersAtTarget: 1 });
    expect(equity?.evidence.peers.map((p) => p.id)).toEqual(['t-jpn-equity']);
  });

  it('folds cell gaps of an uncovered stage into one stage gap naming the missing instruments', () => {
    const kor = netAssessment(fixture()).countries.find((c) => c.country === 'KOR');
    const stock = kor?.gaps.filter((g) => g.stage === 'stockpiling');
    expect(stock).toHaveLength(1);
    expect(stock?.[0]).toMatchObject({
      kind: 'stage',
      own: 0,
      benchmark: 4,
      severity: 4,
      missingInstruments: ['stockpile'],
    });
    expect(stock?.[0].evidence.peers.map((p) => p.id)).toEqual(['t-jpn-stockpile']);
  });

  it('pairs a leader ≥ 3 with a laggard ≤ 1 in the same cell, naming the entries', () => {
    const r = netAssessment(fixture());
    const c = r.complementarities.find(
      (x) => x.leader === 'JPN' && x.laggard === 'KOR' && x.instrumentType === 'equity',
    );
    expect(c?.leaderEntries.map((e) => e.id)).toEqual(['t-jpn-equity']);
    expect(c?.text).toContain("JPN's Test equity vehicle");
    // USA's announced stockpile (1) is a laggard against Japan's operating one (4).
    expect(
      r.complementarities.some((x) => x.leader === 'JPN' && x.laggard === 'USA' && x.stage === 'stockpiling'),
    ).toBe(true);
  });

  it("shows Korea's missing defense-industrial-base coverage on the real catalog", () => {
    const kor = netAssessment(loadTrioCatalog(), { countries: ['KOR'] }).countries[0];
    expect(kor.stageScores.dib).toBe(0);
    const dib = kor.gaps.find((g) => g.kind === 'stage' && g.stage === 'dib');
    expect(dib?.evidence.peers.length).toBeGreaterThan(0);
  });
});

describe('vulnerability overlay', () => {
  const v = (over: Partial<VulnerabilityInput>): VulnerabilityInput => ({
    mineral: 'gallium',
    country: 'KOR',
    year: 2024,
    chinaShare: null,
    lookThroughChinaShare: null,
    importHhi: null,
    source: 'hand-made',
    ...over,
  });

  it('is a gap, with its reason, when no vulnerability numbers are passed', () => {
    const r = netAssessment(fixture(), {
      vulnerabilities: null,
      vulnerabilityUnavailable: 'assess service missing',
    });
    expect(r.overlay).toMatchObject({ available: false, reason: 'assess service missing', rows: [] });
    expect(r.countries[0].gaps.every((g) => g.vulnerabilityWeight === null)).toBe(true);
  });

  it('flags high vulnerability with low mineral-specific coverage', () => {
    const entries = fixture();
    const r = netAssessment(entries, {
      vulnerabilities: [
        v({ mineral: 'cobalt', chinaShare: 0.8 }),
        v({ mineral: 'gallium', chinaShare: 0.9 }),
        v({ mineral: 'tungsten', country: 'USA', importHhi: 2500 }),
        v({ mineral: 'nickel', chinaShare: 0.1, importHhi: 900 }),
        v({ mineral: 'lithium' }),
      ],
    });
    const row = (m: string) => r.overlay.rows.find((x) => x.mineral === m);
    expect(row('cobalt')).toMatchObject({
      level: 'high',
      specificCoverage: 0,
      highVulnerabilityLowCoverage: true,
    });
    expect(row('gallium')).toMatchObject({
      level: 'high',
      specificCoverage: 3,
      highVulnerabilityLowCoverage: false,
    });
    expect(row('tungsten')?.level).toBe('high');
    expect(row('nickel')?.level).toBe('low');
    expect(row('lithium')?.level).toBeNull();
    expect(r.overlay.gaps).toEqual([expect.objectContaining({ mineral: 'lithium' })]);
    // Korea: 2 of 3 measured minerals high → exposed-stage gaps weigh more than DIB-type gaps.
    const kor = r.countries.find((c) => c.country === 'KOR');
    const stock = kor?.gaps.find((g) => g.stage === 'stockpiling');
    expect(kor?.gaps.find((g) => g.stage === 'rd')?.vulnerabilityWeight).toBe(0);
    expect(stock?.vulnerabilityWeight).toBeCloseTo(2 / 3);
    expect(stock?.priority).toBeCloseTo(stock ? stock.severity * (1 + 2 / 3) : 0);
  });
});
