// The partner case studies on the real database: India and Mongolia from their own facts. Expected facts are read
// from the raw files here (USGS MCS 2026 data release, memberships.csv) or from the cited catalog entries.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderBrief } from '../../src/report/briefs.ts';
import { METHOD_NOTES, renderPartnerBrief } from '../../src/report/partner-brief.ts';
import type { Db } from '../../src/store/db.ts';
import { itRaw, openTestDb, RAW } from '../helpers.ts';

let db: Db;
let mng: string;
let ind: string;
beforeAll(async () => {
  db = await openTestDb();
  [mng, ind] = [await renderPartnerBrief(db, 'MNG'), await renderPartnerBrief(db, 'ind')];
});
afterAll(() => db?.close());

const MCS_FILE = join(RAW, 'production', 'usgs-mcs-2026', 'usgs_mcs2026_commodities_data.utf8.DERIVED.csv');
/** MCS 2026 rows with their 1-based file line (header = line 1; the file has no multi-line fields). */
const mcsRows = (): Record<string, string>[] =>
  (
    parse(readFileSync(MCS_FILE), { columns: true, bom: true, relax_column_count: true }) as Record<
      string,
      string
    >[]
  ).map((r, i) => ({ ...r, line: String(i + 2) }));
const memberships = () =>
  parse(readFileSync(join(RAW, 'countries', 'memberships.csv')), { columns: true }) as Record<
    string,
    string
  >[];
const num = (v: string) => Number(v.replace(/,/g, ''));

/** Generated prose: bullet and paragraph sentences outside tables, headings and the Method and Sources sections. */
function sentences(md: string): Set<string> {
  const body = md.split('\n## Method')[0];
  const out = new Set<string>();
  for (const line of body.split('\n')) {
    if (!line.trim() || line.startsWith('#') || line.startsWith('|') || line.startsWith('★')) continue;
    for (const s of line.replace(/^- /, '').split(/(?<=[.!?])\s+(?=[A-Z])/))
      if (s.trim().length > 20) out.add(s.trim());
  }
  return out;
}

describe('partner case studies', () => {
  it('India and Mongolia share no generated sentence; shared methodology sits in one Method section', () => {
    const a = sentences(ind);
    const b = sentences(mng);
    expect(a.size).toBeGreaterThan(10);
    expect(b.size).toBeGreaterThan(10);
    expect([...a].filter((s) => b.has(s))).toEqual([]);
    for (const note of METHOD_NOTES) {
      expect(ind).toContain(note);
      expect(mng).toContain(note);
    }
  });

  itRaw(
    'Mongolia: molybdenum with its USGS line, copper inside "Other countries", fluorspar share, transit and third neighbour',
    () => {
      const rows = mcsRows();
      const year = (ch: string, detail: RegExp) =>
        Math.max(
          ...rows
            .filter((r) => r['MCS chapter'] === ch && detail.test(r.Statistics_detail))
            .map((r) => Number(r.Year)),
        );
      const moYear = year('MOLYBDENUM', /^Mine production/);
      const mo = rows.find(
        (r) =>
          r['MCS chapter'] === 'MOLYBDENUM' &&
          r.Country === 'Mongolia' &&
          r.Year === String(moYear) &&
          /^Mine production/.test(r.Statistics_detail),
      );
      expect(mng).toContain(`| molybdenum ★ | mine (production) |`);
      expect(mng).toContain(`line ${mo?.line} |`);
      // Mongolia has no own copper mine-production row in MCS 2026: the brief must say so, not call it missing data
      expect(rows.some((r) => r['MCS chapter'] === 'COPPER' && r.Country === 'Mongolia')).toBe(false);
      expect(mng).toMatch(
        /copper: USGS does not list Mongolia in world mine production .* inside "Other countries"/,
      );
      expect(mng).not.toMatch(/no USGS copper (mine-production )?table is loaded/);
      const fYear = year('FLUORSPAR', /^Mine production/);
      const f = rows.filter(
        (r) =>
          r['MCS chapter'] === 'FLUORSPAR' &&
          r.Year === String(fYear) &&
          /^Mine production/.test(r.Statistics_detail),
      );
      const share =
        num(f.find((r) => r.Country === 'Mongolia')?.Value as string) /
        num(f.find((r) => r.Country === 'World total')?.Value as string);
      expect(mng).toContain(`${(100 * share).toFixed(1)}% of the world total`);
      expect(mng).toContain('"Third neighbour" foreign policy');
      expect(mng).toContain('Oyu Tolgoi');
      expect(mng).toMatch(/Tianjin/);
      const epa = memberships().find((m) => m.iso3 === 'MNG' && m.group === 'JPN_EPA');
      expect(mng).toContain(
        `| JPN_EPA | ${epa?.status} | yes | ${epa?.verified_against_source} / ${epa?.confidence}`,
      );
    },
  );

  itRaw(
    'India: its mission, KABIL and IREL, rare earths and graphite singled out, Quad with its verification flag',
    () => {
      for (const name of [
        'National Critical Mineral Mission',
        'Khanij Bidesh India Ltd (KABIL)',
        'IREL (India) Ltd',
      ])
        expect(ind).toContain(name);
      expect(ind).toMatch(/\| graphite ★ \|/);
      expect(ind).toMatch(/\| rare-earths ★ \|/);
      const quad = memberships().find((m) => m.iso3 === 'IND' && m.group === 'QUAD');
      expect(ind).toContain(
        `| QUAD | ${quad?.status} | yes | ${quad?.verified_against_source} / ${quad?.confidence}${quad?.verified_against_source === 'Y' && quad?.confidence === 'high' ? '' : ' ⚠ unverified'}`,
      );
      expect(ind).toMatch(/India ranks \d+ of \d+ candidates under the mineral-partner weights/);
      expect(ind).toMatch(/In the rare-earths ranking alone India ranks \d+ of \d+/);
    },
  );

  it('works for any ISO3 (a trio member is described but not ranked), renders HTML, rejects unknown codes', async () => {
    const jpn = await renderPartnerBrief(db, 'JPN');
    expect(jpn).toContain('not ranked as a partner');
    const html = await renderBrief(db, { subject: 'partner', code: 'CHL', format: 'html' });
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<table>');
    await expect(renderPartnerBrief(db, 'XXX')).rejects.toThrow(/unknown country code "XXX"/);
  });
});
