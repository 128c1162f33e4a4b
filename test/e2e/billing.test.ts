// The Billing screen in Chromium through the browser host (demo data, the real clock): the partner previews
// and closes last month, then opens its invoice and finds a managed client's own document inside it, with
// its part number; the PDF downloads as a file. The rates: read-only for the partner (with who changes
// them); the platform operator edits them inline, sees a bad value named, and saves a changed fee.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_OPERATOR_EMAIL } from '../../src-main/core/seed/demo-seed';
import { addMonths, monthOf } from '../../src-shared/domain/billing';
import { switchUser } from '../helpers/console-page';
import { consoleSuite } from '../helpers/console-e2e';
import { pdfText } from '../helpers/pdf-text';

const e2e = consoleSuite('pd-e2e-billing-', { args: ['--seed', 'demo'], viewport: { width: 1280, height: 900 }, acceptDownloads: true });
const month = addMonths(monthOf(Date.now()), -1);
const { byTestId } = e2e;

describe('the Billing screen', () => {
  it('previews and closes last month', async () => {
    await byTestId('nav-billing').click();
    await byTestId(`month-row-${month}`).waitFor();
    await byTestId(`open-month-${month}`).click();
    await byTestId('close-preview').waitFor();
    await byTestId('preview-row').first().waitFor();
    // Sample companies are named as never billed.
    expect(await byTestId('close-warning-sample_skipped').count()).toBeGreaterThan(0);
    await byTestId('close-month').click();
    await byTestId('confirm-button').click();
    await byTestId('month-state-closed').waitFor();
    // The documents arrive after the month's state (two answers): wait for the first number, not only the table.
    await byTestId('month-documents-table').getByText(/PD-INV-\d{4}-000001/).first().waitFor();
  });

  it("opens a managed client's document inside the partner's invoice", async () => {
    const row = byTestId('document-row').filter({ hasText: /PD-INV-/ }).filter({ hasText: 'managed shop' }).first();
    await row.getByTestId('document-link').click();
    await byTestId('document-paper').waitFor();
    const part = e2e.page.locator('[data-testid^="paper-part-"]').first();
    await part.waitFor();
    // The managed shop's own document: its name, "Via Partner client of …" and its own number (…/1).
    const text = (await part.textContent()) ?? '';
    expect(text).toMatch(/Via Partner client of Northwind/);
    expect(text).toMatch(/PD-INV-\d{4}-\d{6}\/1/);
    const number = (await byTestId('paper-number').textContent())!.trim();

    const [download] = await Promise.all([e2e.page.waitForEvent('download'), byTestId('download-pdf').click()]);
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
    const pdf = await pdfText(readFileSync((await download.path())!));
    expect(pdf).toContain(number);
    expect(pdf).toContain(`${number}/1`);
  });

  it('shows the rates with their defaults', async () => {
    await e2e.page.goto(`${e2e.origin}/#/billing/rates`);
    await byTestId('rate-salesFeeBp').waitFor();
    expect(await byTestId('rate-salesFeeBp').getByTestId('rate-default').textContent()).toMatch(/5 %/);
    expect(await byTestId('rate-partnerShareManagedBp').getByTestId('rate-default').textContent()).toMatch(/30 %/);
    // The partner reads them; who changes them is said, and there is no Edit.
    expect(await byTestId('rates-who').textContent()).toContain('platform operator');
    expect(await byTestId('rates-edit').count()).toBe(0);
  });

  it('the platform operator edits a rate: a bad value is named inline, the saved one shows as changed from its default', async () => {
    await switchUser(e2e.page, e2e.origin, DEMO_OPERATOR_EMAIL, 'Olivia');
    await byTestId('nav-billing').click();
    await byTestId('billing-tab-rates').click();
    await byTestId('rates-edit').click();
    await byTestId('rates-edit-note').waitFor();
    expect(await byTestId('rates-edit-note').textContent()).toContain('months closed from now on');

    await byTestId('input-salesFeeBp').fill('abc');
    await byTestId('input-salesFeeBp').blur();
    await expect.poll(() => byTestId('error-salesFeeBp').textContent()).toBe('Sales fee must be a percentage from 0 to 100 with at most two decimals');
    // The rule across rates, as the console checks it: the Via Partner share must stay higher.
    await byTestId('input-partnerShareDirectBp').fill('35');
    await byTestId('input-partnerShareDirectBp').blur();
    await byTestId('rates-save').click();
    await expect.poll(() => byTestId('error-partnerShareManagedBp').textContent()).toContain('must be higher than the revenue share for Direct clients');
    if (process.env.PARTNERDECK_SHOTS) await byTestId('billing-rates').screenshot({ path: join(process.env.PARTNERDECK_SHOTS, 'billing-rates-edit.png') });
    expect(await byTestId('rates-edit-note').count()).toBe(1);

    await byTestId('rate-partnerShareDirectBp').getByTestId('rate-reset').click();
    await byTestId('input-salesFeeBp').fill('4.5');
    await expect.poll(() => byTestId('error-salesFeeBp').count()).toBe(0);
    expect(await byTestId('error-partnerShareManagedBp').count()).toBe(0);
    await byTestId('rates-save').click();
    await byTestId('rates-edit').waitFor();
    const fee = byTestId('rate-salesFeeBp');
    await expect.poll(() => fee.getByTestId('rate-value').textContent()).toMatch(/4\.5 %\s*changed/);
    expect(await fee.getByTestId('rate-default').textContent()).toBe('5 %');
    expect(await byTestId('rate-partnerShareDirectBp').getByTestId('rate-value').textContent()).toBe('20 % ');
    expect(e2e.pageErrors).toEqual([]);
  });
});
