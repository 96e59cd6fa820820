// The trilateral briefing and the services on the real test database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderTrilateralBrief } from '../../src/report/trilateral-brief.ts';
import { cooperate } from '../../src/services/cooperate.ts';
import { netAssess } from '../../src/services/netassess.ts';
import type { Db } from '../../src/store/db.ts';
import { openTestDb } from '../helpers.ts';

let db: Db;
beforeAll(async () => {
  db = await openTestDb();
});
afterAll(() => db?.close());

describe('trilateral briefing', () => {
  it('names the top five gaps for Korea, each with cited evidence', async () => {
    const md = await renderTrilateralBrief(db, { measure: false });
    const section = md.split('## Top five gaps for South Korea')[1].split('\n## ')[0];
    const items = section.split('\n').filter((l) => /^\d+\. \*\*/.test(l));
    expect(items).toHaveLength(5);
    for (const block of section.split(/\n(?=\d+\. \*\*)/).filter((b) => /^\d+\. /.test(b.trim()))) {
      expect(block).toMatch(/severity \d/);
      expect(block).toMatch(/Source: .*https?:\/\//);
    }
    expect(md).toContain('# Cooperation agenda');
    expect(md).toContain('## Recommendations');
  });
});

describe('services', () => {
  it('netAssess returns the contract shape and reports a skipped overlay as a gap', async () => {
    const r = await netAssess(db, { country: 'kor', overlay: false });
    expect(r.countries.map((c) => c.country)).toEqual(['KOR']);
    expect(r.countries[0].cells[0]).toEqual(
      expect.objectContaining({
        stage: 'exploration',
        instrumentType: expect.any(String),
        score: expect.any(Number),
        entries: expect.any(Array),
      }),
    );
    expect(r.overlay.available).toBe(false);
    expect(r.rubric.levels).toHaveLength(5);
  });

  it('netAssess rejects a country outside the trio', async () => {
    await expect(netAssess(db, { country: 'CHN', overlay: false })).rejects.toThrow(/unknown country "CHN"/);
  });

  it('cooperate measures the share of trio imports in shared codes from BACI', async () => {
    const r = await cooperate(db, { measure: false, draws: 50 });
    const shared = r.measuredEffects['shared-code-share'];
    expect(shared.value).toBeGreaterThan(0);
    expect(shared.value).toBeLessThan(1);
    expect(shared.detail).toContain('811292');
    expect(r.options.some((o) => o.kind === 'barrier')).toBe(true);
    expect(r.gaps.map((g) => g.id)).toContain('opp-stockpile-swaps');
  });
});
