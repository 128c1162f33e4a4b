// Billing at partner scale in Chromium: 5,000 clients with a month of sales. The close preview collapses
// the ~300 sample-company notices into one line, and its documents, the month's issued documents and the
// client prices are virtualized tables (first rows visible, fewer than 150 rows in the DOM); every client's
// prices are changed in one table and saved with one Save.
import { describe, expect, it } from 'vitest';
import { addMonths, monthBounds, monthOf } from '../../src-shared/domain/billing';
import { runCli } from '../helpers/cli';
import { consoleSuite, screenshot, WAIT } from '../helpers/console-e2e';

const month = addMonths(monthOf(Date.now()), -1);
const lastDay = new Date(monthBounds(month).end - 1).toISOString().slice(0, 10);
const e2e = consoleSuite('pd-e2e-billing-scale-', {
  viewport: { width: 1440, height: 900 },
  prepare(dataDir) {
    const seeded = runCli(['seed', '--companies', '4992', '--orders', '20000', '--months', '1', '--end', lastDay, '--data-dir', dataDir, '--json']);
    expect(seeded.status, seeded.stderr).toBe(0);
  },
  setupTimeout: 180_000,
});
const { byTestId } = e2e;
const LONG = { timeout: 60_000, interval: 100 };

describe('Billing with 5,000 clients', () => {
  it("the month's close preview: one line for the sample companies, the documents virtualized", async () => {
    await e2e.page.goto(`${e2e.origin}/#/billing/months/${month}`);
    await byTestId('preview-row').first().waitFor(LONG);
    const samples = byTestId('close-warning-sample_skipped');
    expect(await samples.count()).toBe(1);
    expect(await byTestId('close-warning-sample_skipped-summary').textContent()).toMatch(/^\d{2,3} sample companies are never billed/);
    expect(await byTestId('close-warning-sample_skipped-list').count()).toBe(0);
    const planned = Number((await e2e.page.getByRole('table', { name: 'Documents the close would issue' }).getAttribute('aria-rowcount')) ?? 0) - 1;
    expect(planned).toBeGreaterThan(1000);
    expect(await byTestId('preview-row').count()).toBeLessThan(150);
    // The list of the collapsed notices is one click away.
    await byTestId('close-warning-sample_skipped-toggle').click();
    await expect.poll(() => byTestId('close-warning-sample_skipped-list').locator('li').count(), WAIT).toBeGreaterThan(10);
    await screenshot(e2e.page, 'billing-scale-preview');
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
    await expect.poll(() => e2e.page.locator(`[data-testid="document-row"][aria-rowindex="${total + 1}"]`).count(), LONG).toBe(1);
    expect(await rows.count()).toBeLessThan(150);
  });

  it('client prices: every client in one virtualized table, changes saved with one Save', async () => {
    await e2e.page.goto(`${e2e.origin}/#/billing/prices`);
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

    await e2e.page.reload();
    await rows.first().waitFor(LONG);
    await expect.poll(() => rows.nth(0).getByTestId('price-fee').inputValue(), WAIT).toBe('49.00');
    expect(await rows.nth(1).getByTestId('price-percent').inputValue()).toBe('2.5');
    expect(e2e.pageErrors).toEqual([]);
  });
});


