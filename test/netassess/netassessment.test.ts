// Scores come from the entries' status facts: change a fact and the matrix changes.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  entryMaturity,
  netAssessment,
  type PolicyEvidence,
  type VulnerabilityInput,
} from '../../src/analysis/netassessment.ts';
import { loadTrioCatalog, type TrioEntry } from '../../src/catalog/trio.ts';
import { PROJECT_ROOT } from '../../src/model/paths.ts';

const fixture = () => loadTrioCatalog(join(PROJECT_ROOT, 'test', 'fixtures', 'netassess', 'valid'));
/** A second source that lists no policy at all: every cell the fixture does not cover is absent (0). */
const ABSENT = { policyEvidence: [] };
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
    // operating without a quantified result stays at 3; with a metric it reaches 4
    expect(
      entryMaturity({
        ...fund,
        status: {
          ...fund.status,
          operating: { evidence: 'Loans disbursed to ten firms.', asOf: '2025-01-01' },
        },
      }).score,
    ).toBe(3);
    expect(
      entryMaturity({
        ...fund,
        status: {
          ...fund.status,
          operating: {
            evidence: 'Loans disbursed to ten firms.',
            asOf: '2025-01-01',
            metric: { name: 'firms financed', value: 10, unit: 'firms' },
          },
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
    const r = netAssessment(fixture(), ABSENT);
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
    const before = netAssessment(entries, ABSENT);
    const edited: TrioEntry[] = entries.map((e) => {
      if (e.id !== 't-kor-fund') return e;
      const { funded: _f, ...status } = e.status;
      return { ...e, status };
    });
    const after = netAssessment(edited, ABSENT);
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
    const kor = netAssessment(fixture(), ABSENT).countries.find((c) => c.country === 'KOR');
    // Korea funds processing loans (stage score 3) but has no processing equity, which Japan funds.
    const equity = kor?.gaps.find(
      (g) => g.kind === 'cell' && g.stage === 'processing' && g.instrumentType === 'equity',
    );
    expect(equity).toMatchObject({ own: 0, benchmark: 3, severity: 3, peersAtTarget: 1 });
    expect(equity?.evidence.peers.map((p) => p.id)).toEqual(['t-jpn-equity']);
  });

  it('folds cell gaps of an uncovered stage into one stage gap naming the missing instruments', () => {
    const kor = netAssessment(fixture(), ABSENT).countries.find((c) => c.country === 'KOR');
    const stock = kor?.gaps.filter((g) => g.stage === 'stockpiling');
    expect(stock).toHaveLength(1);
    // JPN's one stockpile type (cell 4) gives it a stage score of 2 + 1 = 3 (breadth cap): benchmark 3.
    expect(stock?.[0]).toMatchObject({
      kind: 'stage',
      own: 0,
      benchmark: 3,
      severity: 3,
      missingInstruments: ['stockpile'],
    });
    expect(stock?.[0].evidence.peers.map((p) => p.id)).toEqual(['t-jpn-stockpile']);
  });

  it('pairs a leader ≥ 3 with a laggard ≤ 1 in the same cell, naming the entries', () => {
    const r = netAssessment(fixture(), ABSENT);
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

  it('tells "absent" (no entry, no IEA policy of the type) from "not catalogued" (the IEA lists one)', () => {
    const policy = (instrumentTypes: PolicyEvidence['instrumentTypes']): PolicyEvidence => ({
      country: 'KOR',
      instrumentTypes,
      title: 'Test tax credit',
      year: 2023,
      source: 'test',
    });
    const r = netAssessment(fixture(), { policyEvidence: [policy(['tax-incentive'])] });
    expect(cell(r, 'KOR', 'processing', 'tax-incentive')).toMatchObject({
      score: null,
      status: 'not_catalogued',
      leads: ['Test tax credit (2023)'],
    });
    expect(cell(r, 'KOR', 'processing', 'equity')).toMatchObject({ score: 0, status: 'absent' });
    // without a second source nothing uncovered is claimed absent
    expect(cell(netAssessment(fixture()), 'KOR', 'processing', 'equity')).toMatchObject({
      score: null,
      status: 'not_catalogued',
    });
    // a stage whose delivery cells are all uncovered and one not catalogued is not scored (null), and is a
    // catalog gap, not a policy gap
    const kor = r.countries.find((c) => c.country === 'KOR');
    expect(kor?.stageScores.recycling).toBeNull();
    expect(kor?.catalogGaps.map((g) => g.stage)).toContain('recycling');
    expect(kor?.gaps.some((g) => g.stage === 'recycling')).toBe(false);
  });
});

describe('the real catalog', () => {
  // Stage scores expected from the catalog, read entry by entry (src/catalog/trio/*.yaml; levels: announced 1,
  // legislated 2, funded or operating 3, operating with a metric 4; stage = best delivery cell capped at 2 + the
  // number of delivery instrument types at 3 or more):
  //   KOR stockpiling 4 — kor-komir-rare-metal-stockpile and kor-pps-nonferrous-stockpile operate with metrics
  //     (stockpile 4) and the Supply Chain Stabilization Committee operates (information-sharing 3): 2 types.
  //   KOR dib 2 — kor-defense-industry-development-act is legislated (regulation-standards 2); DAPA is coordination.
  //   KOR other seven stages 3 — e.g. mining: kor-supply-chain-fund funded, kor-kexim operating (loan-guarantee 3).
  //   JPN stockpiling 4 — jpn-national-stockpile (metric, stockpile 4) and jpn-espa funded (grant-subsidy 3).
  //   JPN recycling 2 — jpn-cm-subsidy and jpn-resource-utilization-law legislated (2), jpn-caremag-ree announced.
  //   JPN trade-diplomacy 2 — jpn-us-cma legislated (trade-agreement 2), resource diplomacy announced.
  //   JPN other six stages 3 (dib: the 2023 defense production act operates, grant-subsidy 3, no metric).
  //   USA stockpiling 4 and dib 4 — usa-dla-nds operates with a metric (stockpile and offtake-price 4).
  //   USA other seven stages 3.
  // Hence 27 stage scores: 3 × 2, 20 × 3, 4 × 4 — where the old rubric (one operating entry → 4, no breadth
  // cap) put almost every stage at 4.
  const r = netAssessment(loadTrioCatalog(), { policyEvidence: [] });
  const scores = (c: string) => r.countries.find((x) => x.country === c)?.stageScores;

  it('stage scores spread as read from the catalog', () => {
    const all = r.countries.flatMap((c) => Object.values(c.stageScores));
    const count = (v: number | null) => all.filter((x) => x === v).length;
    expect([count(0), count(1), count(2), count(3), count(4), count(null)]).toEqual([0, 0, 3, 20, 4, 0]);
    expect(scores('KOR')).toMatchObject({ stockpiling: 4, dib: 2, mining: 3 });
    expect(scores('JPN')).toMatchObject({ stockpiling: 4, recycling: 2, 'trade-diplomacy': 2, dib: 3 });
    expect(scores('USA')).toMatchObject({ stockpiling: 4, dib: 4, rd: 3 });
  });

  it("holds Korea's defense-industrial-base instruments with official citations, and its DIB gap names them", () => {
    const entries = loadTrioCatalog();
    const dib = entries.filter((e) => e.country === 'KOR' && e.stages.includes('dib'));
    expect(dib.map((e) => e.id).sort()).toEqual(['kor-dapa', 'kor-defense-industry-development-act']);
    for (const e of dib) expect(e.verification).toBe('official');
    const kor = netAssessment(entries, { countries: ['KOR'], policyEvidence: [] }).countries[0];
    const gap = kor.gaps.find((g) => g.kind === 'stage' && g.stage === 'dib');
    expect(gap).toMatchObject({ own: 2, benchmark: 4 });
    expect(gap?.evidence.own.map((m) => m.id)).toContain('kor-defense-industry-development-act');
    expect(gap?.evidence.peers.map((m) => m.id)).toContain('usa-dla-nds');
    // who learns from whom names the instruments
    const learn = netAssessment(entries, { policyEvidence: [] }).complementarities.find(
      (c) => c.laggard === 'KOR' && c.stage === 'dib',
    );
    expect(learn?.text).toMatch(/KOR can learn from (USA|JPN)'s .+ for dib ×/);
  });

  it('every entry says what its source is; none cites a forum or social-media post', () => {
    for (const e of loadTrioCatalog()) {
      expect(['official', 'secondary', 'unverified']).toContain(e.verification);
      expect(e.source.url, e.id).not.toMatch(/linkedin\.com|forum\.|reddit\.com/);
    }
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
      ...ABSENT,
      vulnerabilities: null,
      vulnerabilityUnavailable: 'assess service missing',
    });
    expect(r.overlay).toMatchObject({ available: false, reason: 'assess service missing', rows: [] });
    expect(r.countries[0].gaps.every((g) => g.vulnerabilityWeight === null)).toBe(true);
  });

  it('flags high vulnerability with low mineral-specific coverage', () => {
    const entries = fixture();
    const r = netAssessment(entries, {
      ...ABSENT,
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
