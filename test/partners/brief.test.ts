// The partner case-study briefing on the real database: India and Mongolia, any ISO3, errors, HTML.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderBrief } from '../../src/report/briefs.ts';
import { renderPartnerBrief } from '../../src/report/partner-brief.ts';
import type { Db } from '../../src/store/db.ts';
import { openTestDb } from '../helpers.ts';

let db: Db;
beforeAll(async () => {
  db = await openTestDb();
});
afterAll(() => db?.close());

const SECTIONS = [
  '## What the numbers suggest',
  '## Alignment history with the trio',
  '## Ties with the trio',
  '## Governance (World Bank WGI)',
  '## Mineral endowment (USGS)',
  '## China entanglement (BACI)',
  '## Place in the partner ranking',
  '## Gaps',
  '## Sources',
];

describe('partner briefing', () => {
  it('Mongolia: molybdenum share with its USGS line, copper named as a gap, vote history with each trio member', async () => {
    const md = await renderPartnerBrief(db, 'MNG');
    for (const s of SECTIONS) expect(md).toContain(s);
    expect(md).toMatch(/\| molybdenum ★ \| \d+\.\d% \(\d{4}, MCS \d{4} \[\d+\] line \d+\)/);
    expect(md).toMatch(/copper: \*\*gap\*\*/);
    expect(md).toMatch(
      /\| 2019 \| [01]\.\d{3} \(n=\d+\) \| [01]\.\d{3} \(n=\d+\) \| [01]\.\d{3} \(n=\d+\) \|/,
    );
    expect(md).toMatch(/\| 2024 \| \d\.\d{3} \| \d\.\d{3} \| \d\.\d{3} \|/); // ideal-point distances to 2024
    expect(md).toContain('votes end in 2019');
    expect(md).toMatch(/JPN_EPA .*⚠ unverified/);
    expect(md).toMatch(/wgidataset\.csv line \d+/);
  });

  it('India: rare earths and graphite singled out, Quad and MSP ties with their verification flags', async () => {
    const md = await renderPartnerBrief(db, 'ind');
    expect(md).toContain('# Partner case study: India (IND)');
    expect(md).toMatch(/\| graphite ★ \|/);
    expect(md).toMatch(/\| rare-earths ★ \|/);
    expect(md).toMatch(/\| QUAD \| member \| yes \| N \/ high ⚠ unverified/);
    expect(md).toMatch(/\| MSP \| partner \| yes \| Y \/ high \|/);
    expect(md).toMatch(/Rank \d+ of \d+ candidates/);
  });

  it('works for any ISO3 (a trio member is described but not ranked), renders HTML, rejects unknown codes', async () => {
    const jpn = await renderPartnerBrief(db, 'JPN');
    expect(jpn).toContain('not ranked as a partner');
    const html = await renderBrief(db, { subject: 'partner', code: 'CHL', format: 'html' });
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<table>');
    await expect(renderPartnerBrief(db, 'XXX')).rejects.toThrow(/unknown country code "XXX"/);
  });
});
