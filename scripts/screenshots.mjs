#!/usr/bin/env node
// `npm run screenshots [-- OUT_DIR]`: a tour of the console in Chromium on a fresh demo folder, one PNG per
// screen (1440×900), so the screens can be looked at after a change. `docs/screenshot.png` (the README's
// picture) is the Sales screen of this tour. Needs Chromium (PARTNERDECK_CHROMIUM, default /usr/bin/chromium)
// and a built dist/.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = process.argv[2] ?? join(root, 'screenshots');
mkdirSync(out, { recursive: true });
const dataDir = mkdtempSync(join(tmpdir(), 'partnerdeck-tour-'));

/** The screens, by hash route, as the demo partner acting as Self. */
const TOUR = [
  { name: 'sales', hash: '#/sales', ready: '.page' },
  { name: 'companies', hash: '#/companies', ready: '.page' },
  { name: 'app-store', hash: '#/extensions/store', ready: '.page' },
  { name: 'billing', hash: '#/billing', ready: '.page' },
  { name: 'webhooks', hash: '#/webhooks', ready: '.page' },
];

const child = spawn(process.execPath, [join(root, 'bin', 'partnerdeck.cjs'), 'console', '--no-open', '--seed', 'demo', '--data-dir', dataDir, '--port', '0'], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
const consoleUrl = await new Promise((resolve, reject) => {
  child.once('exit', (code) => reject(new Error(`console exited (${code}) before it listened`)));
  createInterface({ input: child.stdout }).on('line', (line) => {
    try {
      const parsed = JSON.parse(line);
      if (parsed.consoleUrl) resolve(parsed.consoleUrl);
    } catch {
      // Not the JSON line.
    }
  });
});

// Last month closed through the CLI (on the same folder), so Billing has documents to show.
const now = new Date();
const lastMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
const closed = spawnSync(process.execPath, [join(root, 'bin', 'partnerdeck.cjs'), 'close-month', lastMonth, '--data-dir', dataDir, '--json'], { encoding: 'utf8' });
if (closed.status !== 0) throw new Error(`close-month failed: ${closed.stderr}`);
const partnerInvoice = JSON.parse(closed.stdout).issued.find((d) => d.type === 'invoice' && d.shops > 0)?.id;
if (partnerInvoice) TOUR.push({ name: 'billing-document', hash: `#/billing/documents/${partnerInvoice}`, ready: '.page' });

const browser = await chromium.launch({
  executablePath: process.env.PARTNERDECK_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(consoleUrl);
  await page.locator('nav.sidenav').first().waitFor({ timeout: 30_000 });
  const origin = new URL(consoleUrl).origin;
  for (const stop of TOUR) {
    await page.goto(`${origin}/${stop.hash}`);
    await page.locator(stop.ready).first().waitFor({ timeout: 30_000 });
    // Let lists and charts finish loading: no spinner left on screen.
    await page.locator('.spinner, [aria-busy="true"]').first().waitFor({ state: 'detached', timeout: 30_000 });
    const file = join(out, `${stop.name}.png`);
    await page.screenshot({ path: file });
    console.log(file);
  }
} finally {
  await browser.close();
  child.kill('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
}
