// Briefings as HTML (Markdown through marked, with the dashboard's charts as static SVG) and as PDF through
// the installed Chromium, on the real test database; and the clear error when Chromium is absent.
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderBrief } from '../../src/report/briefs.ts';
import { renderHtmlDocument } from '../../src/report/html.ts';
import { writePdf } from '../../src/report/pdf.ts';
import type { Db } from '../../src/store/db.ts';
import { openTestDb } from '../helpers.ts';
import { CHROMIUM } from './browser.ts';

let db: Db;
beforeAll(async () => {
  db = await openTestDb();
});
afterAll(() => db?.close());

describe('renderHtmlDocument', () => {
  const md =
    '# Title here\n\nIntro with <script>alert(1)</script>.\n\n## Who produces it\n\n| a | b |\n| --- | --- |\n| 1 | 2 |\n\n## Trends\n\nText.\n';
  const fig = (after?: string) => ({
    title: `fig ${after}`,
    svg: '<svg id="x"></svg>',
    source: 'USGS & BACI',
    after,
  });

  it('renders tables, escapes raw HTML, titles the page by its H1', () => {
    const html = renderHtmlDocument(md);
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<title>Title here</title>');
    expect(html).toContain('<table>');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;');
  });

  it('places each figure after its heading; unplaced figures close the document', () => {
    const html = renderHtmlDocument(md, { figures: [fig('Trends'), fig('Who produces it'), fig('Nowhere')] });
    const at = (s: string) => html.indexOf(s);
    expect(at('fig Who produces it')).toBeGreaterThan(at('<h2>Who produces it</h2>'));
    expect(at('fig Who produces it')).toBeLessThan(at('<table>'));
    expect(at('fig Trends')).toBeGreaterThan(at('<h2>Trends</h2>'));
    expect(at('fig Nowhere')).toBeGreaterThan(at('<h2>Charts</h2>'));
    expect(html).toContain('Source: USGS &amp; BACI');
  });
});

describe('minsec brief … --html / --pdf', () => {
  it('a mineral briefing as HTML carries the text and SVG charts of real data', async () => {
    const html = await renderBrief(db, { subject: 'gallium', format: 'html' });
    expect(html).toMatch(/<h1>Gallium/);
    expect((html.match(/<svg/g) ?? []).length).toBeGreaterThanOrEqual(3);
    expect(html).toMatch(/China/);
    const md = await renderBrief(db, { subject: 'gallium', format: 'md' });
    expect(md.startsWith('# Gallium')).toBe(true);
    expect(md).not.toContain('<svg');
  });

  it('the trilateral briefing places the maturity heatmap under its coverage section', async () => {
    const html = await renderBrief(db, { subject: 'trilateral', format: 'html' });
    expect(html.indexOf('Maturity by supply-chain stage')).toBeGreaterThan(html.indexOf('Coverage by stage'));
  });

  it('writes a PDF through Chromium', async () => {
    expect(
      existsSync(CHROMIUM),
      `Chromium missing at ${CHROMIUM}: install it (apt-get install -y chromium)`,
    ).toBe(true);
    const file = join(mkdtempSync(join(tmpdir(), 'minsec-pdf-test-')), 'tungsten.pdf');
    await renderBrief(db, { subject: 'tungsten', format: 'md', pdf: file });
    expect(readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
    expect(statSync(file).size).toBeGreaterThan(20_000);
  });

  it('without Chromium, PDF output fails with a message that says what to install', async () => {
    await expect(writePdf('<p>x</p>', join(tmpdir(), 'never.pdf'), '/nonexistent/chromium')).rejects.toThrow(
      /needs Chromium.*apt-get install -y chromium.*MINSEC_CHROMIUM/,
    );
  });
});
