// Billing at partner scale in Chromium: 5,000 clients with a month of sales. The close preview collapses
// the ~300 sample-company notices into one line, and its documents, the month's issued documents and the
// client prices are virtualized tables (first rows visible, fewer than 150 rows in the DOM); every client's
// prices are changed in one table and saved with one Save.
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMonths, monthBounds, monthOf } from '../../src-shared/domain/billing';
import { assertBuilt, runCli } from '../helpers/cli';
import { closeConsoleInChromium, openConsoleInChromium, screenshot, WAIT } from '../helpers/console-e2e';
import { tempDir } from '../helpers/platform';

const dir = tempDir('pd-e2e-billing-scale-');
const dataDir = join(dir.path, 'data');
let child: ChildProcessWithoutNullStreams;
let browser: Browser;
let page: Page;
let origin: string;
let pageErrors: string[] = [];
const month = addMonths(monthOf(Date.now()), -1);
const lastDay = new Date(monthBounds(month).end - 1).toISOString().slice(0, 10);
const byTestId = (id: string) => page.getByTestId(id);
const LONG = { timeout: 60_000, interval: 100 };

beforeAll(async () => {
  assertBuilt();
  const seeded = runCli(['seed', '--companies', '4992', '--orders', '20000', '--months', '1', '--end', lastDay, '--data-dir', dataDir, '--json']);
  expect(seeded.status, seeded.stderr).toBe(0);
  ({ child, browser, page, origin, pageErrors } = await openConsoleInChromium(dataDir, { viewport: { width: 1440, height: 900 } }));
}, 180_000);

afterAll(async () => {
  await closeConsoleInChromium({ browser, child });
  dir.remove();
});

describe('Billing with 5,000 clients', () => {
  it("the month's close preview: one line for the sample companies, the documents virtualized", async () => {
    await page.goto(`${origin}/#/billing/months/${month}`);
    await byTestId('preview-row').first().waitFor(LONG);
    const samples = byTestId('close-warning-sample_skipped');
    expect(await samples.count()).toBe(1);
    expect(await byTestId('close-warning-sample_skipped-summary').textContent()).toMatch(/^\d{2,3} sample companies are never billed/);
    expect(await byTestId('close-warning-sample_skipped-list').count()).toBe(0);
    const planned = Number((await page.getByRole('table', { name: 'Documents the close would issue' }).getAttribute('aria-rowcount')) ?? 0) - 1;
    expect(planned).toBeGreaterThan(1000);
    expect(await byTestId('preview-row').count()).toBeLessThan(150);
    // The list of the collapsed notices is one click away.
    await byTestId('close-warning-sample_skipped-toggle').click();
    await expect.poll(() => byTestId('close-warning-sample_skipped-list').locator('li').count(), WAIT).toBeGreaterThan(10);
    await screenshot(page, 'billing-scale-preview');
  });

  it("closing it lists the month's documents, virtualized, and reaches the last one by scrolling", async () => {
    await byTestId('close-month').click();
    await byTestId('confirm-button').click();
    await byTestId('month-state-closed').waitFor(LONG);
    const rows = byTestId('document-row');
    await rows.first().waitFor(LONG);
    const total = Number((await byTestId('month-documents-table').getAttribute('aria-rowcount')) ?? 0) - 1;
    expect(total).toBeGreaterThan(1000);
    expect(await rows.count()).toBeLessThan(150);
    await byTestId('document-row-scroll').evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await expect.poll(() => page.locator(`[data-testid="document-row"][aria-rowindex="${total + 1}"]`).count(), LONG).toBe(1);
    expect(await rows.count()).toBeLessThan(150);
  });

  it('client prices: every client in one virtualized table, changes saved with one Save', async () => {
    await page.goto(`${origin}/#/billing/prices`);
    const rows = byTestId('price-row');
    await rows.first().waitFor(LONG);
    expect(await byTestId('prices-count').textContent()).toBe('5,000 clients');
    expect(await rows.count()).toBeLessThan(150);
    expect(await byTestId('prices-save').isDisabled()).toBe(true);

    const first = rows.nth(0);
    const second = rows.nth(1);
    const names = [await first.locator('.price-client-name').textContent(), await second.locator('.price-client-name').textContent()];
    await first.getByTestId('price-fee').fill('49');
    await second.getByTestId('price-percent').fill('2.5');
    await expect.poll(() => byTestId('prices-save').textContent()).toContain('Save 2 changes');
    // A bad value is named with its client and field, and nothing is saved.
    await second.getByTestId('price-fee').fill('12x');
    await byTestId('prices-save').click();
    await expect.poll(() => byTestId('prices-status').textContent()).toContain(`Monthly fee for ${names[1]}`);
    await second.getByTestId('price-fee').fill('0');
    await byTestId('prices-save').click();
    await expect.poll(() => byTestId('prices-status').textContent(), WAIT).toBe('All prices saved.');

    await page.reload();
    await rows.first().waitFor(LONG);
    await expect.poll(() => rows.nth(0).getByTestId('price-fee').inputValue(), WAIT).toBe('49.00');
    expect(await rows.nth(1).getByTestId('price-percent').inputValue()).toBe('2.5');
    expect(pageErrors).toEqual([]);
  });
});


