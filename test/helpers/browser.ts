// Launches Debian's Chromium through Playwright (no downloaded browser builds here).
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright';

export const CHROMIUM_PATH = process.env.PARTNERDECK_CHROMIUM ?? '/usr/bin/chromium';

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}: apt-get install -y chromium, or set PARTNERDECK_CHROMIUM`);
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
}
