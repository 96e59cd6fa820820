// Briefings as HTML (Markdown through marked, with the dashboard's charts as static SVG) and as PDF through
// the installed Chromium, on the real test database; and the clear error when Chromium is absent.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderBrief } from '../../src/report/briefs.ts';
import { renderHtmlDocument } from '../../src/report/html.ts';
import { writePdf } from '../../src/report/pdf.ts';
import type { Db } from '../../src/store/db.ts';
import { cli, openTestDb } from '../helpers.ts';
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

/** The text of a PDF as poppler's pdftotext reads it (what a reader's search or copy would get). */
const pdfText = (file: string) =>
  execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
/** Fonts embedded in a PDF (poppler's pdffonts: name, type, …, emb). */
const pdfFonts = (file: string) => execFileSync('pdffonts', [file], { encoding: 'utf8' });
const count = (s: string, re: RegExp) => (s.match(re) ?? []).length;
const HANGUL = /[\uac00-\ud7a3]/g;
const KANA_KANJI = /[\u3040-\u30ff\u4e00-\u9fff]/g;

describe('briefings in Korean and Japanese', () => {
  it('every brief opens with the bottom line, boxed in HTML, before the findings', async () => {
    const md = await renderBrief(db, { subject: 'gallium', format: 'md' });
    const lines = md.split('\n');
    const h2 = lines.filter((l) => l.startsWith('## '));
    expect(h2[0]).toBe('## Bottom line');
    expect(h2[1]).toBe('## Key findings');
    // The first bottom-line sentence states China's share of world production as the assessment gives it.
    const p = await import('../../src/services/assess.ts').then((m) => m.assess(db, { mineral: 'gallium' }));
    const main = p.production.find((s) => !s.secondary);
    expect(main?.chinaShare).not.toBeNull();
    const first = lines[lines.indexOf('## Bottom line') + 2];
    expect(first).toContain(`${Math.round(100 * (main?.chinaShare as number))}%`);
    const html = await renderBrief(db, { subject: 'gallium', format: 'html' });
    expect(html).toMatch(/<section class="bottom-line"><h2>Bottom line<\/h2>/);
    expect(html.indexOf('class="bottom-line"')).toBeLessThan(html.indexOf('<h2>Key findings</h2>'));
  });

  it('minsec brief gallium --lang ko --pdf out.pdf writes a PDF whose text is Korean, with a CJK font embedded', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'minsec-pdf-ko-')), 'out.pdf');
    const r = cli(['brief', 'gallium', '--lang', 'ko', '--pdf', file]);
    expect(r.code, r.stderr).toBe(0);
    const text = pdfText(file);
    expect(text).toContain('갈륨');
    expect(text).toContain('핵심 요약');
    expect(text).toContain('공급망');
    // Mostly Korean: more Hangul syllables than Latin letters outside references and codes.
    expect(count(text, HANGUL)).toBeGreaterThan(1500);
    // Every font is embedded (pdffonts column "emb"), with a Unicode map ("uni") so the text can be copied.
    // Chromium embeds the Noto CJK glyphs (an OpenType collection) as Type 3 fonts.
    const rows = pdfFonts(file).split('\n').slice(2).filter(Boolean);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row, row).toMatch(/\s(yes|no)\s+(yes|no)\s+yes\s+\d+\s+\d+\s*$/);
    expect(rows.filter((row) => !/\syes\s+(yes|no)\s+yes\s+\d+\s+\d+\s*$/.test(row))).toEqual([]);
  });

  it('the same in Japanese: the PDF text is Japanese', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'minsec-pdf-ja-')), 'out.pdf');
    const html = await renderBrief(db, { subject: 'gallium', format: 'html', pdf: file, lang: 'ja' });
    expect(html).toContain('<html lang="ja">');
    const text = pdfText(file);
    expect(text).toContain('ガリウム');
    expect(text).toContain('要点');
    expect(text).toContain('サプライチェーン');
    expect(count(text, KANA_KANJI)).toBeGreaterThan(1500);
    expect(count(text, HANGUL)).toBe(0);
  });

  it('the partner and trilateral briefs too: bottom line first, headings in the reader’s language', async () => {
    // Heading texts are the locale files' (brief:frame.bottomLine, partner.h.*, trilateral.h.*); every H2 of a
    // Korean brief must carry Hangul, and of a Japanese one kana or kanji: no English section left behind.
    const cases = [
      { subject: 'partner', code: 'IND', lang: 'ko', first: '## 핵심 요약', script: HANGUL, name: '인도' },
      { subject: 'partner', code: 'MNG', lang: 'ja', first: '## 要点', script: KANA_KANJI, name: 'モンゴル' },
      { subject: 'trilateral', lang: 'ja', first: '## 要点', script: KANA_KANJI, name: '韓国' },
    ] as const;
    for (const c of cases) {
      const md = await renderBrief(db, {
        subject: c.subject,
        code: 'code' in c ? c.code : undefined,
        format: 'md',
        lang: c.lang,
      });
      const h2 = md.split('\n').filter((l) => l.startsWith('## '));
      expect(h2[0], `${c.subject} ${c.lang}`).toBe(c.first);
      expect(md).toContain(c.name);
      const english = h2.filter((h) => !new RegExp(c.script.source).test(h));
      expect(english, `${c.subject} ${c.lang}`).toEqual([]);
    }
  });

  it('an unknown language is bad input: exit 2 with the choices', () => {
    const r = cli(['brief', 'gallium', '--lang', 'fr']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown language "fr"\. Valid: en, ko, ja/);
  });
});
