// Headless Chromium (the system's Debian package) through playwright-core, for the e2e tests and the bench.
// Fails loudly when Chromium is absent: e2e checks must never pass by being skipped.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';

export const CHROMIUM = process.env.MINSEC_CHROMIUM ?? '/usr/bin/chromium';

/** A fresh browser profile (a new user-data dir) each launch; close the context to end Chromium. */
export async function launchChromium(viewport = { width: 1366, height: 860 }): Promise<BrowserContext> {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `Chromium not found at ${CHROMIUM}: the e2e tests need it. Install it (apt-get install -y chromium) or set MINSEC_CHROMIUM.`,
    );
  return chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'minsec-chromium-')), {
    executablePath: CHROMIUM,
    viewport,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
