// Payment methods in Chromium through the browser host (demo data, the real clock): the close preview warns that
// Kawaii Stationery (a Direct client without a method) is awaiting payment details; the partner, acting as Kawaii,
// adds a card in Company settings — a mistyped number and a past expiry are named beside their fields and nothing
// is saved — and the warning is gone; after closing last month Kawaii's invoice says which card it is charged to
// and when, the partner's combined invoice is debited from its SEPA mandate and names it on each managed part, and
// the PDF says the same. Removing the card asks first. PARTNERDECK_SCREENSHOTS=DIR keeps screenshots.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { addMonths, monthOf } from '../../src-shared/domain/billing';
import { consoleSuite, describePage, screenshot, switchCompany, WAIT } from '../helpers/console-e2e';
import { pdfText } from '../helpers/pdf-text';

const e2e = consoleSuite('pd-e2e-payment-', { args: ['--seed', 'demo'], viewport: { width: 1440, height: 900 }, acceptDownloads: true });
const month = addMonths(monthOf(Date.now()), -1);
const { byTestId } = e2e;
const text = async (id: string) => ((await byTestId(id).textContent({ timeout: WAIT.timeout })) ?? '').replace(/\s+/g, ' ').trim();

async function openMonth(): Promise<void> {
  await e2e.page.goto(`${e2e.origin}/#/billing/months/${month}`);
  await byTestId('close-preview').waitFor(WAIT);
}

describe('payment methods', { timeout: 120_000 }, () => {
  it('the close preview warns that Kawaii is awaiting payment details, collapsed to a count', async () => {
    await openMonth();
    const warning = byTestId('close-warning-awaiting_payment_details');
    await warning.waitFor(WAIT);
    expect(await text('close-warning-awaiting_payment_details')).toContain('1 company awaiting payment details');
    expect(await byTestId('awaiting-payment-list').count()).toBe(0);
    await byTestId('awaiting-payment-toggle').click();
    expect(await text('awaiting-payment-list')).toBe('Kawaii Stationery KK');
    await screenshot(e2e.page, 'payment-close-preview-warning');
  });

  it("adds a card in Kawaii's company settings: bad input is named beside its field, nothing is saved", async () => {
    await switchCompany(e2e.page, 'Kawaii Stationery KK');
    await byTestId('nav-company-settings').click();
    const card = byTestId('payment-method');
    await card.scrollIntoViewIfNeeded();
    await byTestId('payment-method-missing').waitFor(WAIT);
    expect(await text('payment-method-missing')).toContain('awaiting payment details');
    await screenshot(e2e.page, 'payment-card-missing');

    await byTestId('payment-method-edit').click();
    const form = byTestId('payment-method-form');
    await form.getByTestId('input-number').fill('4242 4242 4242 4241');
    await form.getByTestId('input-expiry').fill('01/20');
    await form.getByTestId('input-holder').fill('Yuki Tanaka');
    expect(await text('payment-card-brand')).toBe('Visa');
    await byTestId('payment-method-save').click();
    await expect.poll(() => text('error-number'), WAIT).toBe('Card number has a wrong check digit (Luhn): look for a typo');
    expect(await text('error-expiry')).toMatch(/^Expiry is in the past: the card expired at the end of 01\/2020/);
    await screenshot(e2e.page, 'payment-card-form-errors');
    expect(await byTestId('payment-method-label').count()).toBe(0);

    await form.getByTestId('input-number').fill('4242 4242 4242 4242');
    await form.getByTestId('input-expiry').fill('08/39');
    await byTestId('payment-method-save').click();
    await expect.poll(() => text('payment-method-label'), WAIT).toBe('Visa …4242');
    expect(await text('payment-method-current')).toContain('expires 08/2039 · Yuki Tanaka');
    expect(await byTestId('payment-method-missing').count()).toBe(0);
    // The typed number is gone from the page.
    expect(await e2e.page.content()).not.toContain('4242 4242 4242 4242');
    await screenshot(e2e.page, 'payment-card-saved');
  });

  it('the warning is gone; closing the month writes how each invoice is charged', async () => {
    await byTestId('self-button').click();
    await expect.poll(() => byTestId('acting-company-name').textContent(), WAIT).toContain('Northwind');
    await openMonth();
    await expect.poll(() => byTestId('close-warning-awaiting_payment_details').count(), WAIT).toBe(0);
    await byTestId('close-month').click();
    await byTestId('confirm-button').click();
    await byTestId('month-state-closed').waitFor(WAIT);
    await byTestId('month-documents-table').waitFor(WAIT);
  });

  it("Kawaii's invoice says it is charged to the card, on the console and in the PDF", async () => {
    const row = byTestId('document-row').filter({ hasText: /PD-INV-/ }).filter({ hasText: 'Kawaii Stationery KK' }).first();
    await row.getByTestId('document-link').click();
    await byTestId('document-paper').waitFor(WAIT);
    const sentence = await text('paper-payment-text').catch(async (e) => {
      throw new Error(`${(e as Error).message}\n${await describePage(e2e.page)}`);
    });
    expect(sentence).toMatch(/^Charged to Visa …4242 on \d{1,2} [A-Z][a-z]{2} \d{4}\.$/);
    await screenshot(e2e.page, 'payment-document-card');
    const [download] = await Promise.all([e2e.page.waitForEvent('download'), byTestId('download-pdf').click()]);
    const pdf = (await pdfText(readFileSync((await download.path())!))).replace(/\s+/g, ' ');
    expect(pdf).toContain(sentence);
  });

  it("the partner's combined invoice is debited from its mandate and names it on each managed part", async () => {
    await e2e.page.goto(`${e2e.origin}/#/billing/months/${month}`);
    const row = byTestId('document-row').filter({ hasText: /PD-INV-/ }).filter({ hasText: 'managed shop' }).first();
    await row.getByTestId('document-link').click();
    await byTestId('document-paper').waitFor(WAIT);
    expect(await text('paper-payment-text')).toMatch(/^Debited from SEPA mandate …4411 on \d{1,2} [A-Z][a-z]{2} \d{4} \(mandate reference NW-PLATFORM-0042\)\.$/);
    const part = e2e.page.locator('[data-testid^="paper-part-payment-"]').first();
    expect(((await part.textContent()) ?? '').trim()).toBe('Via Partner: settled with this document by Northwind Commerce Partners GmbH, charged to its SEPA mandate …4411.');
    await screenshot(e2e.page, 'payment-document-partner');
  });

  it('removing the card asks first', async () => {
    await switchCompany(e2e.page, 'Kawaii Stationery KK');
    await byTestId('nav-company-settings').click();
    await byTestId('payment-method-remove').click();
    await byTestId('confirm-button').waitFor(WAIT);
    expect(await e2e.page.getByRole('dialog').textContent()).toContain('Visa …4242 is removed from Kawaii Stationery KK');
    await byTestId('confirm-button').click();
    await byTestId('payment-method-missing').waitFor(WAIT);
    expect(await byTestId('payment-method-none').count()).toBe(1);
    expect(e2e.pageErrors).toEqual([]);
  });
});
