// The dashboard in real headless Chromium against the real server and database: every page renders with
// numbers that match the API, a scenario runs, no console errors, and a screenshot of each page is saved to
// test-artifacts/screenshots/. Fails (does not skip) when Chromium is missing.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/model/paths.ts';
import type { RunningServer } from '../../src/server/start.ts';
import { launchChromium } from './browser.ts';
import { startDashboard } from './dashboard-server.ts';

const SHOTS = join(PROJECT_ROOT, 'test-artifacts', 'screenshots', 'en');
const LOAD_MS = 120_000;

let server: RunningServer;
let browser: BrowserContext;
let page: Page;
const problems: string[] = [];

const api = async <T>(path: string): Promise<T> =>
  (await fetch(new URL(path, server.url))).json() as Promise<T>;
const pct = (x: number, digits = 1) => `${(100 * x).toFixed(digits)}%`;

async function open(hash: string) {
  await page.goto(new URL(`#${hash}`, server.url).toString());
  await page.waitForFunction(() => !document.querySelector('.loading'), null, { timeout: LOAD_MS });
  expect(
    await page.locator('.error').count(),
    await page
      .locator('.error')
      .allInnerTexts()
      .then((t) => t.join('\n')),
  ).toBe(0);
}

const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  server = await startDashboard();
  browser = await launchChromium();
  page = await browser.newPage();
  page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('response', (r) => r.status() >= 400 && problems.push(`HTTP ${r.status()} ${r.url()}`));
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('dashboard in headless Chromium', () => {
  it('Mineral page: map, producers and imports for gallium, with China’s share as the API gives it', async () => {
    const production = await api<{ chinaShare: number }>('/api/production?mineral=gallium');
    const assessment = await api<{
      importers: { dependence: Record<'shippedBy' | 'refinedIn' | 'minedIn', { china: number | null }> }[];
    }>('/api/assess/gallium?country=KOR');
    await open('/mineral/gallium?country=KOR');
    await expect.poll(() => page.getByTestId('china-share').textContent()).toBe(pct(production.chinaShare));
    // the three views, each with China's share as the API gives it (a null view prints as —)
    for (const v of ['shippedBy', 'refinedIn', 'minedIn'] as const) {
      const china = assessment.importers[0].dependence[v].china;
      await expect
        .poll(() => page.getByTestId(`view-china-${v}`).textContent())
        .toBe(china === null ? '—' : pct(china));
    }
    expect(await page.locator('main').textContent()).not.toMatch(/look-through/i);
    await page.locator('.figure svg path').first().waitFor();
    expect(await page.locator('.figure').count()).toBeGreaterThanOrEqual(5);
    expect(await page.getByText('Data gaps').count()).toBeGreaterThan(0);
    await shot('mineral-gallium-KOR');
  });

  it('Overview: the trio’s vulnerabilities with real China shares', async () => {
    const net = await api<{
      overlay: {
        rows: { chinaShare: number | null; lookThroughChinaShare: number | null; level: string | null }[];
      };
    }>('/api/netassess');
    await open('/overview');
    const high = net.overlay.rows.filter((r) => r.level === 'high' && r.chinaShare !== null);
    expect(high.length).toBeGreaterThan(0);
    const text = await page.locator('main').textContent();
    expect(text).toContain(pct(high[0].chinaShare as number, 0));
    // the first card is the pair with the largest of shipped by and refined in China, and shows both
    const top = Math.max(...high.map((r) => Math.max(r.chinaShare ?? 0, r.lookThroughChinaShare ?? 0)));
    const card = await page.locator('.cards .card').first().textContent();
    expect(card).toContain(pct(top, 0));
    expect(card).toContain('shipped by China');
    expect(card).toContain('refined in China');
    await shot('overview');
  });

  it('Scenario: runs a preset and draws unmet demand, stock and the pooling effect', async () => {
    await open('/scenario');
    await page.getByRole('button', { name: 'Run scenario' }).click();
    await page.getByText('Stress test per country').waitFor({ timeout: LOAD_MS });
    expect(await page.getByText('Effect of pooling').count()).toBe(1);
    expect(await page.locator('.figure svg').count()).toBeGreaterThanOrEqual(3);
    await shot('scenario-run');
  });

  it('Scenario: edits the run as a spec (a deeper cut) and runs it', async () => {
    await page.getByRole('button', { name: 'Edit this scenario as a spec' }).click();
    const spec = JSON.parse(await page.locator('#scenario-body').inputValue());
    expect(spec.spec.restrictions.length).toBeGreaterThan(0);
    for (const r of spec.spec.restrictions) r.shareCut = 1;
    await page.locator('#scenario-body').fill(JSON.stringify(spec));
    await page.getByRole('button', { name: 'Run scenario' }).click();
    await page.getByRole('heading', { name: /\(edited\)/ }).waitFor({ timeout: LOAD_MS });
  });

  it('Scenario: a malformed request shows the API’s message', async () => {
    await page.locator('#scenario-body').fill('{"preset": ');
    await page.getByRole('button', { name: 'Run scenario' }).click();
    await expect.poll(() => page.locator('.error').textContent()).toMatch(/not valid JSON/);
    problems.splice(
      0,
      problems.length,
      ...problems.filter((p) => !/HTTP 400 .*\/api\/scenarios\/run/.test(p) && !/status of 400/.test(p)),
    );
  });

  it('Partners: ranking with rank intervals, and the India and Mongolia pages with alignment series', async () => {
    const r = await api<{ ranking: { country: string; rank: number }[] }>(
      '/api/partners?draws=500&include=IND,MNG',
    );
    await open('/partners');
    expect(await page.locator('main').textContent()).toContain('Partner ranking');
    await shot('partners');
    for (const c of ['IND', 'MNG']) {
      await open(`/partners/${c}`);
      await expect
        .poll(() => page.getByTestId('partner-rank').textContent())
        .toBe(String(r.ranking.find((x) => x.country === c)?.rank));
      await page.getByRole('figure', { name: /UNGA ideal-point distance,/ }).waitFor({ timeout: LOAD_MS });
      await shot(`partner-${c}`);
    }
  });

  it('Net assessment: heatmaps, gaps and cooperation options', async () => {
    await open('/netassess');
    await page.getByText('Recommendations').waitFor({ timeout: LOAD_MS });
    expect(await page.locator('.figure svg').count()).toBeGreaterThanOrEqual(3);
    await shot('netassess');
  });

  it('Data: sources with licences, grouped by publication, and the coverage matrix', async () => {
    const status = await api<{
      sources: { licence: string; citation: string; rows: number }[];
      gaps: unknown[];
    }>('/api/data/status');
    await open('/data');
    const groups = new Set(status.sources.map((s) => `${s.citation}|${s.licence}`));
    expect(await page.locator('tbody tr').count()).toBe(groups.size);
    const text = (await page.locator('main').textContent()) ?? '';
    for (const s of status.sources) expect(text).toContain(s.licence);
    expect(text).toContain(`Data gaps (${status.gaps.length})`);
    expect(await page.locator('.figure svg').count()).toBeGreaterThanOrEqual(1);
    await shot('data');
  });

  it('every chart offers its data as CSV', async () => {
    await open('/mineral/tungsten?country=JPN');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download CSV' }).first().click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/\.csv$/);
  });

  it('the navigation is reachable by keyboard', async () => {
    await open('/data');
    await page.reload();
    await page.locator('main h1').waitFor();
    // skip link, product name, then the pages in order
    for (let i = 0; i < 4; i++) await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Mineral');
    await page.keyboard.press('Enter');
    await page.waitForURL(/#\/mineral/);
  });

  it('logged no console errors or failed requests', () => {
    expect(problems).toEqual([]);
  });
});
