// The Billing screen in Chromium through the browser host (demo data, the real clock): the partner previews
// and closes last month, then opens its invoice and finds a managed client's own document inside it, with
// its part number; the PDF downloads as a file.
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMonths, monthOf } from '../../src-shared/domain/billing';
import { launchChromium } from '../helpers/browser';
import { assertBuilt, startCli, stop } from '../helpers/cli';
import { tempDir } from '../helpers/platform';
import { pdfText } from '../helpers/pdf-text';

const dir = tempDir('pd-e2e-billing-');
const dataDir = join(dir.path, 'data');
let child: ChildProcessWithoutNullStreams;
let browser: Browser;
let page: Page;
let origin: string;
const pageErrors: string[] = [];
const month = addMonths(monthOf(Date.now()), -1);
const byTestId = (id: string) => page.getByTestId(id);

beforeAll(async () => {
  assertBuilt();
  const started = await startCli(['console', '--no-open', '--data-dir', dataDir, '--seed', 'demo', '--port', '0']);
  child = started.child;
  origin = new URL(started.first.consoleUrl).origin;
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(started.first.consoleUrl);
  await byTestId('company-switcher').waitFor();
});

afterAll(async () => {
  await browser?.close();
  if (child) await stop(child);
  dir.remove();
});

describe('the Billing screen', () => {
  it('previews and closes last month', async () => {
    await byTestId('nav-billing').click();
    await byTestId(`month-row-${month}`).waitFor();
    await byTestId(`open-month-${month}`).click();
    await byTestId('close-preview').waitFor();
    expect(await byTestId('preview-documents').locator('tbody tr').count()).toBeGreaterThan(0);
    // Sample companies are named as never billed.
    expect(await byTestId('close-warning-sample_skipped').count()).toBeGreaterThan(0);
    await byTestId('close-month').click();
    await byTestId('confirm-button').click();
    await byTestId('month-state-closed').waitFor();
    await byTestId('month-documents-table').waitFor();
    expect(await byTestId('month-documents-table').textContent()).toMatch(/PD-INV-\d{4}-000001/);
  });

  it("opens a managed client's document inside the partner's invoice", async () => {
    const row = page.locator('[data-testid^="document-row-PD-INV-"]').filter({ hasText: 'managed shop' }).first();
    await row.getByTestId('document-link').click();
    await byTestId('document-paper').waitFor();
    const part = page.locator('[data-testid^="paper-part-"]').first();
    await part.waitFor();
    // The managed shop's own document: its name, "Via Partner client of …" and its own number (…/1).
    const text = (await part.textContent()) ?? '';
    expect(text).toMatch(/Via Partner client of Northwind/);
    expect(text).toMatch(/PD-INV-\d{4}-\d{6}\/1/);
    const number = (await byTestId('paper-number').textContent())!.trim();

    const [download] = await Promise.all([page.waitForEvent('download'), byTestId('download-pdf').click()]);
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
    const pdf = await pdfText(readFileSync((await download.path())!));
    expect(pdf).toContain(number);
    expect(pdf).toContain(`${number}/1`);
  });

  it('shows the rates with their defaults', async () => {
    await page.goto(`${origin}/#/billing/rates`);
    await byTestId('rate-salesFeeBp').waitFor();
    expect(await byTestId('rate-salesFeeBp').getByTestId('rate-default').textContent()).toMatch(/5 %/);
    expect(await byTestId('rate-partnerShareManagedBp').getByTestId('rate-default').textContent()).toMatch(/30 %/);
    expect(pageErrors).toEqual([]);
  });
});
