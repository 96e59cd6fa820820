// An HTML briefing printed to PDF by the installed Chromium (playwright-core; no browser download). Where
// Chromium is absent the error says how to install it or where to point MINSEC_CHROMIUM.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UserInputError } from '../model/errors.ts';

export const chromiumPath = () => process.env.MINSEC_CHROMIUM ?? '/usr/bin/chromium';

export async function writePdf(html: string, file: string, chromium = chromiumPath()): Promise<void> {
  if (!existsSync(chromium))
    throw new UserInputError(
      `PDF output needs Chromium, not found at ${chromium}. Install it (Debian: apt-get install -y chromium) or set MINSEC_CHROMIUM to its path; --html gives the same briefing without Chromium.`,
      'pdf',
    );
  const playwright = await import('playwright-core');
  const profile = mkdtempSync(join(tmpdir(), 'minsec-pdf-'));
  const context = await playwright.chromium.launchPersistentContext(profile, {
    executablePath: chromium,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  try {
    const page = await context.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    await page.pdf({
      path: file,
      format: 'A4',
      printBackground: true,
      margin: { top: '16mm', bottom: '16mm', left: '14mm', right: '14mm' },
    });
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}
