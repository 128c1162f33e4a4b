// The store's tables at partner scale, in Chromium: a client with 100,000 orders (seeded through the
// platform's own bulk seed) keeps under 100 rows in the DOM while scrolling to the very last order, and
// search narrows the list; the combined view's sales by client stays virtualized over 5,000 clients.
import { join } from 'node:path';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import type { Browser, Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, runCliAsync } from '../helpers/cli';
import { closeConsoleInChromium, openConsoleInChromium } from '../helpers/console-e2e';
import { tempDir } from '../helpers/platform';

const dir = tempDir('pd-e2e-store-scale-');
const dataDir = join(dir.path, 'data');
let child: ChildProcessWithoutNullStreams;
let browser: Browser;
let page: Page;
let origin: string;
let bigClientId = 0;

const byTestId = (id: string) => page.getByTestId(id);
/** Queries over 100,000 orders and 5,000 clients on a busy 2-core machine: wait on the condition longer. */
const SLOW = { timeout: 20_000, interval: 100 };

beforeAll(async () => {
  assertBuilt();
  // One client with 100,000 orders over three months, then 4,999 more clients with 20,000 orders between them.
  const big = await runCliAsync(['seed', '--companies', '1', '--orders', '100000', '--months', '3', '--data-dir', dataDir, '--json']);
  expect(big.status, big.stderr).toBe(0);
  bigClientId = JSON.parse(big.stdout).companies.firstId;
  const many = await runCliAsync(['seed', '--companies', '4999', '--orders', '20000', '--months', '3', '--seed', '2', '--data-dir', dataDir, '--json']);
  expect(many.status, many.stderr).toBe(0);
  ({ child, browser, page, origin } = await openConsoleInChromium(dataDir, { viewport: { width: 1280, height: 800 } }));
});

afterAll(async () => {
  await closeConsoleInChromium({ browser, child });
  dir.remove();
});

describe('store tables at scale', () => {
  it('sales by client stays virtualized over 5,000 clients and reaches the last one', async () => {
    await page.goto(`${origin}/#/sales/clients`);
    const rows = byTestId('client-sales-row');
    await rows.first().waitFor();
    // Every client, sample companies too (one row per client and currency).
    await byTestId('include-demo').check();
    await expect.poll(async () => Number((await byTestId('clients-count').textContent())!.replace(/\D/g, '')), SLOW).toBeGreaterThanOrEqual(5000);
    const total = Number((await byTestId('clients-count').textContent())!.replace(/\D/g, ''));
    expect(total).toBeGreaterThanOrEqual(5000);
    expect(await rows.count()).toBeLessThan(100);
    await byTestId('client-sales-row-scroll').evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await expect.poll(() => rows.last().getAttribute('aria-rowindex'), SLOW).toBe(String(total + 1));
    expect(await rows.count()).toBeLessThan(100);
  });

  it('100,000 orders: under 100 rows in the DOM while scrolling to the end, and search narrows them', async () => {
    await page.goto(`${origin}/#/companies/${bigClientId}`);
    await byTestId('switch-to-company').click();
    await byTestId('acting-banner').waitFor();
    await byTestId('nav-orders').click();
    await expect.poll(() => byTestId('list-count').textContent(), SLOW).toBe('100,000 orders');
    const rows = byTestId('orders-row');
    await rows.first().waitFor();
    expect(await rows.count()).toBeLessThan(100);

    const scroller = byTestId('orders-row-scroll');
    // Halfway, then to the very end: each stop loads only the page it shows.
    for (const fraction of [0.5, 1]) {
      await scroller.evaluate((el, f) => el.scrollTo(0, (el.scrollHeight - el.clientHeight) * f), fraction);
      await expect.poll(async () => Number(await rows.last().getAttribute('aria-rowindex')), SLOW).toBeGreaterThan(fraction === 1 ? 100_000 : 40_000);
      expect(await page.locator('#main-content [role="row"]').count()).toBeLessThan(100);
    }
    await expect.poll(() => rows.last().getAttribute('aria-rowindex'), SLOW).toBe('100001');
    const oldest = (await rows.last().locator('.order-number').textContent())!;

    await byTestId('list-search').fill(oldest.replace('#', ''));
    await expect.poll(() => byTestId('list-count').textContent(), SLOW).toMatch(/^\d{1,2} matching orders?$/);
    expect(await rows.allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining(oldest)]));
  });
});
