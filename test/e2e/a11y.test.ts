// Every page and state of the dashboard, in Debian's Chromium at a phone (390×844) and a desktop (1440×900)
// size and in English, Korean and Japanese: no horizontal page scroll, zero serious or critical axe-core
// violations, <html lang> set, no raw message key on screen, the page title named; and the frame's promises:
// the skip link lands on the content, focus moves to the heading after navigation, loading is announced, a
// server that is down says so and retries, and a scenario link reproduces the run after a reload. Screenshots
// of each page per language and size go to test-artifacts/screenshots/<lang>/.
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCALES, type Locale, localeResources } from '../../src/i18n/node.ts';
import { PROJECT_ROOT } from '../../src/model/paths.ts';
import type { RunningServer } from '../../src/server/start.ts';
import { launchChromium } from './browser.ts';
import { builtWebDir, startDashboard } from './dashboard-server.ts';

const SHOTS = join(PROJECT_ROOT, 'test-artifacts', 'screenshots');
const LOAD_MS = 120_000;
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const SIZES = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'desktop', width: 1440, height: 900 },
] as const;

/**
 * Every page, and the data states the issue names: a production gap (hafnium: USGS publishes no world table; germanium,
 * named in the issue, now has USGS's 2020 refinery table) and molybdenum's trade and risk gap.
 */
const PAGES = [
  { name: 'overview', hash: '/overview' },
  { name: 'mineral-gallium', hash: '/mineral/gallium?country=KOR' },
  { name: 'mineral-hafnium-gap', hash: '/mineral/hafnium', gap: true },
  { name: 'mineral-molybdenum-gap', hash: '/mineral/molybdenum?country=JPN', gap: true },
  { name: 'scenario', hash: '/scenario' },
  { name: 'partners', hash: '/partners' },
  { name: 'partner-IND', hash: '/partners/IND' },
  { name: 'netassess', hash: '/netassess?country=JPN' },
  { name: 'data', hash: '/data' },
  { name: 'unknown-page', hash: '/nowhere' },
] as const;

/** Every message key (dotted path) of the web and common namespaces: none may appear as text on a page. */
function keysOf(tree: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) =>
    typeof v === 'string'
      ? [`${prefix}${k}`.replace(/_(one|other)$/, '')]
      : keysOf(v as Record<string, unknown>, `${prefix}${k}.`),
  );
}
const KEYS = [
  ...new Set([
    ...keysOf(localeResources('en').web ?? {}),
    ...keysOf(localeResources('en').common ?? {}).map((k) => `common:${k}`),
    // a common key shown without its namespace would read like this too
    ...keysOf(localeResources('en').common ?? {}).filter((k) => k.includes('.')),
  ]),
].filter((k) => k.includes('.'));
function valuesOf(tree: Record<string, unknown>): string[] {
  return Object.values(tree).flatMap((v) =>
    typeof v === 'string' ? [v] : valuesOf(v as Record<string, unknown>),
  );
}
const SCRIPT: Record<Locale, RegExp | null> = { en: null, ko: /[\uac00-\ud7a3]/, ja: /[\u3040-\u30ff]/ };

let server: RunningServer;
let browser: BrowserContext;
let page: Page;
const consoleProblems: string[] = [];

const url = (hash: string, lang: Locale = 'en') =>
  new URL(`${lang === 'en' ? '/' : `/?lang=${lang}`}#${hash}`, server.url).toString();

/** Opens a page afresh (a new document: going to a URL that differs only in its hash would not reload). */
async function open(hash: string, lang: Locale = 'en', p: Page = page) {
  await p.goto('about:blank');
  await p.goto(url(hash, lang));
}

async function ready(p: Page = page) {
  await p.waitForFunction(
    () => document.querySelector('main h1') && !document.querySelector('.loading'),
    null,
    {
      timeout: LOAD_MS,
    },
  );
}

async function seriousViolations(p: Page = page): Promise<string[]> {
  if (!(await p.evaluate(() => 'axe' in window))) await p.addScriptTag({ content: AXE });
  const violations = await p.evaluate(async () => {
    const w = window as unknown as {
      axe: {
        run: (
          ctx: Document,
          o: object,
        ) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }>;
      };
    };
    return (await w.axe.run(document, { resultTypes: ['violations'] })).violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(' | ')}`,
    );
}

/** Checks one loaded page; returns the problems found (empty when it passes). */
async function check(name: string, lang: Locale, size: (typeof SIZES)[number]): Promise<string[]> {
  const where = `${lang} ${size.name} ${name}`;
  const problems: string[] = [];
  const info = await page.evaluate(() => ({
    lang: document.documentElement.lang,
    scroll: document.documentElement.scrollWidth,
    width: document.documentElement.clientWidth,
    title: document.title,
    text: document.body.textContent ?? '',
    errors: [...document.querySelectorAll('.error')].map((e) => e.textContent ?? ''),
    unnamedCharts: [...document.querySelectorAll('.figure svg[role="img"]')].filter(
      (s) => !s.getAttribute('aria-label'),
    ).length,
    live: document.querySelectorAll('[role="status"][aria-live="polite"]').length,
  }));
  if (info.lang !== lang) problems.push(`${where}: <html lang="${info.lang}">`);
  if (info.scroll > info.width)
    problems.push(`${where}: page scrolls sideways (${info.scroll} > ${info.width} px)`);
  if (!/minsec$/.test(info.title) || info.title === 'minsec')
    problems.push(`${where}: title "${info.title}"`);
  if (info.errors.length) problems.push(`${where}: error box: ${info.errors.join(' / ')}`);
  if (info.unnamedCharts) problems.push(`${where}: ${info.unnamedCharts} chart(s) without a name`);
  if (info.live !== 1) problems.push(`${where}: ${info.live} live regions`);
  const raw = KEYS.filter((k) => info.text.includes(k));
  if (raw.length) problems.push(`${where}: raw keys on screen: ${raw.slice(0, 5).join(', ')}`);
  const script = SCRIPT[lang];
  if (script && !script.test(info.text)) problems.push(`${where}: no ${lang} text on the page`);
  problems.push(...(await seriousViolations()).map((v) => `${where}: ${v}`));
  return problems;
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  server = await startDashboard(['/api/partners?draws=500&include=IND%2CMNG']);
  browser = await launchChromium({ width: SIZES[0].width, height: SIZES[0].height });
  page = await browser.newPage();
  page.on('console', (m) => {
    const text = m.text();
    if (/missing message/.test(text)) consoleProblems.push(text);
    // A data gap answered as 404 by the API (hafnium has no production table) is expected, not an error.
    else if (m.type() === 'error' && !/status of 404/.test(text)) consoleProblems.push(`console: ${text}`);
  });
  page.on('pageerror', (e) => consoleProblems.push(`page error: ${e.message}`));
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('every page at phone and desktop size, in three languages', () => {
  for (const size of SIZES)
    for (const lang of LOCALES)
      it(`${size.name} ${size.width}×${size.height}, ${lang}: no sideways scroll, no serious axe violation, no raw key`, async () => {
        await page.setViewportSize({ width: size.width, height: size.height });
        mkdirSync(join(SHOTS, lang), { recursive: true });
        const problems: string[] = [];
        for (const p of PAGES) {
          await open(p.hash, lang);
          await ready();
          if ('gap' in p)
            expect(await page.locator('.gap-panel').count(), `${p.name}: a gap panel`).toBeGreaterThan(0);
          problems.push(...(await check(p.name, lang, size)));
          await page.screenshot({ path: join(SHOTS, lang, `${p.name}-${size.name}.png`), fullPage: true });
        }
        expect(problems).toEqual([]);
      });
});

describe('states beyond the first view', () => {
  it('phone: the collapsed navigation opens, and every page is reachable from it', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await open('/overview', 'ko');
    await ready();
    const toggle = page.locator('.nav-toggle');
    await expect.poll(() => toggle.isVisible()).toBe(true);
    expect(await page.locator('#site-nav').isVisible()).toBe(false);
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    expect(await page.locator('#site-nav a').count()).toBe(6);
    expect(await seriousViolations()).toEqual([]);
    await page.locator('#site-nav a', { hasText: '데이터' }).click();
    await page.waitForURL(/#\/data/);
    await ready();
    expect(await page.locator('#site-nav').isVisible()).toBe(false);
  });

  it('a chart’s data table opens in a focusable scrolling region without widening the page', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await open('/mineral/gallium?country=KOR', 'ja');
    await ready();
    const button = page.locator('.figure button[aria-expanded]').first();
    await button.click();
    expect(await button.getAttribute('aria-expanded')).toBe('true');
    const region = page.locator('.figure-table .table-wrap').first();
    expect(await region.getAttribute('tabindex')).toBe('0');
    expect(await region.getAttribute('aria-label')).toBeTruthy();
    const { scroll, width } = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      width: document.documentElement.clientWidth,
    }));
    expect(scroll).toBeLessThanOrEqual(width);
    expect(await seriousViolations()).toEqual([]);
  });

  for (const size of SIZES)
    it(`${size.name}: the skip link lands on the page heading and keeps the route`, async () => {
      await page.setViewportSize({ width: size.width, height: size.height });
      await open('/netassess?country=USA');
      await ready();
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.className)).toBe('skip');
      expect(await page.locator('.skip').isVisible()).toBe(true);
      await page.keyboard.press('Enter');
      expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
      expect(await page.evaluate(() => location.hash)).toBe('#/netassess?country=USA');
      expect(await page.locator('main h1').textContent()).toBe('Net assessment');
    });

  it('navigating moves focus to the new page’s heading and names the page in the title', async () => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await open('/overview', 'ja');
    await ready();
    await page.locator('#site-nav a', { hasText: 'シナリオ' }).click();
    await page.waitForURL(/#\/scenario/);
    await ready();
    // while the page's code loads, the main region holds focus; the heading takes it once the page has rendered
    // (web/src/a11y.ts), an effect that can run just after the heading appears: wait for it, then check
    await page.waitForFunction(() => document.activeElement?.tagName === 'H1', null, { timeout: LOAD_MS });
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    expect(await page.title()).toMatch(/^シナリオ — minsec$/);
  });

  it('a server that is down gives a clear message with a retry that recovers', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.route('**/api/**', (route) => route.abort('connectionrefused'));
    await open('/data', 'ko');
    const alert = page.locator('.error[role="alert"]');
    await alert.waitFor({ timeout: LOAD_MS });
    expect(await alert.textContent()).toContain('서버가 응답하지 않습니다');
    expect(await alert.textContent()).not.toMatch(/Failed to fetch/);
    expect(await seriousViolations()).toEqual([]);
    await page.unroute('**/api/**');
    // The refused requests were this test's doing.
    consoleProblems.splice(
      0,
      consoleProblems.length,
      ...consoleProblems.filter((c) => !/ERR_CONNECTION_REFUSED/.test(c)),
    );
    await alert.getByRole('button', { name: '다시 시도' }).click();
    // the retry replaces the alert: wait for it to go before waiting for the page (ready() alone can see the old state)
    await alert.waitFor({ state: 'detached', timeout: LOAD_MS });
    await ready();
    expect(await page.locator('.error').count()).toBe(0);
    expect(await page.locator('main table').count()).toBeGreaterThan(0);
  });

  it('loading is announced in the live region', async () => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await open('/overview');
    await ready();
    await page.route('**/api/data/status', async (route) => {
      // Hold the answer until the announcement has been read, so the check does not depend on timing.
      await page.waitForFunction(() => document.querySelector('[role="status"]')?.textContent === 'Loading…');
      await route.continue();
    });
    await page.locator('#site-nav a', { hasText: 'Data' }).click();
    await ready();
    await page.unroute('**/api/data/status');
  });

  it('a scenario run is in the URL: reloading the link shows the same run, and "Copy link" copies it', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await open('/scenario', 'ko');
    await ready();
    const select = page.locator('main select').first();
    const options = await select
      .locator('option')
      .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(options.length).toBeGreaterThan(1);
    await select.selectOption(options[1]);
    await page.locator('button[type="submit"]').click();
    const heading = page.locator('main h2').first();
    await heading.waitFor({ timeout: LOAD_MS });
    await ready();
    const sent = {
      url: page.url(),
      name: await heading.textContent(),
      table: await page.locator('main table').first().textContent(),
    };
    expect(sent.url).toMatch(/#\/scenario\?run=[\w-]+/);
    expect(sent.url).toContain('lang=ko');
    expect(await seriousViolations()).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'ko', 'scenario-run-phone.png'), fullPage: true });
    // The receiver: a fresh page opening the link, then a reload of it.
    const other = await browser.newPage();
    await other.goto(sent.url);
    await other.locator('main h2').first().waitFor({ timeout: LOAD_MS });
    await ready(other);
    expect(await other.locator('main h2').first().textContent()).toBe(sent.name);
    expect(await other.locator('main table').first().textContent()).toBe(sent.table);
    await other.reload();
    await other.locator('main h2').first().waitFor({ timeout: LOAD_MS });
    await ready(other);
    expect(await other.locator('main h2').first().textContent()).toBe(sent.name);
    expect(await other.locator('main table').first().textContent()).toBe(sent.table);
    expect(await other.evaluate(() => document.documentElement.lang)).toBe('ko');
    await other.close();
    await browser.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    await page.getByRole('button', { name: '링크 복사' }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(sent.url);
  });

  it('locales and pages are lazy-loaded: the entry chunk carries no Korean or Japanese message', () => {
    const assets = join(builtWebDir, 'assets');
    const html = readFileSync(join(builtWebDir, 'index.html'), 'utf8');
    const entry = /src="\/assets\/([^"]+\.js)"/.exec(html)?.[1];
    expect(entry).toBeTruthy();
    const entryText = readFileSync(join(assets, entry as string), 'utf8');
    // No Korean or Japanese message of the dashboard is in the entry (Korean particle rules are code, not messages).
    const messages = (['ko', 'ja'] as const).flatMap((l) =>
      [localeResources(l).web, localeResources(l).common].flatMap((tree) => valuesOf(tree ?? {})),
    );
    expect(messages.length).toBeGreaterThan(300);
    expect(
      messages.filter((m) => /[\u0080-\uffff]/.test(m) && m.length > 3 && entryText.includes(m)),
    ).toEqual([]);
    // The Korean messages and country names are in chunks of their own.
    const chunks = readdirSync(assets).filter((f) => f.endsWith('.js') && f !== entry);
    const withKorean = chunks.filter((f) => readFileSync(join(assets, f), 'utf8').includes('핵심광물'));
    expect(withKorean.length).toBeGreaterThan(0);
    expect(chunks.some((f) => /KOR["']?:\s*["'`]한국["'`]/.test(readFileSync(join(assets, f), 'utf8')))).toBe(
      true,
    );
  });

  it('logged no missing message, console error or page error', () => {
    expect(consoleProblems).toEqual([]);
  });
});
