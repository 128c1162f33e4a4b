// The companies list at partner scale: 5,000 clients stay virtualized (under 100 rows in the DOM), search
// and sorting still reach every company, and the selector finds any of them.
import { join } from 'node:path';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import type { Browser, Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, runCli } from '../helpers/cli';
import { closeConsoleInChromium, openConsoleInChromium } from '../helpers/console-e2e';
import { tempDir } from '../helpers/platform';

const dir = tempDir('pd-e2e-scale-');
const dataDir = join(dir.path, 'data');
let child: ChildProcessWithoutNullStreams;
let browser: Browser;
let page: Page;
let origin: string;

beforeAll(async () => {
  assertBuilt();
  const seeded = runCli(['seed', '--companies', '4992', '--data-dir', dataDir, '--json']);
  expect(seeded.status).toBe(0);
  ({ child, browser, page, origin } = await openConsoleInChromium(dataDir, { viewport: { width: 1280, height: 800 } }));
});

afterAll(async () => {
  await closeConsoleInChromium({ browser, child });
  dir.remove();
});

describe('5,000 client companies', () => {
  it('the list keeps under 100 rows in the DOM and reaches the last company by scrolling', async () => {
    await page.goto(`${origin}/#/companies`);
    const rows = page.getByTestId('company-row');
    await rows.first().waitFor();
    await expect.poll(() => page.locator('main').textContent()).toContain('5,000 client companies');
    expect(await rows.count()).toBeLessThan(100);
    await page.getByTestId('companies-scroll').evaluate((el) => el.scrollTo(0, el.scrollHeight));
    // The list sorts by name (case-insensitive): the last row is the company whose name sorts last.
    const names: string[] = JSON.parse(runCli(['company', 'list', '--partner', '1', '--json', '--data-dir', dataDir]).stdout).map((c: { name: string }) => c.name);
    const lastName = names.reduce((a, b) => (b.toLowerCase() >= a.toLowerCase() ? b : a));
    await expect.poll(() => rows.last().textContent()).toContain(lastName);
    expect(await rows.count()).toBeLessThan(100);
  });

  it('search narrows the list to one company out of 5,000', async () => {
    await page.getByTestId('companies-search').fill('#4992');
    await expect.poll(() => page.getByTestId('company-row').allTextContents()).toEqual([expect.stringContaining('#4992')]);
  });

  it('the selector finds a company among 5,000 and switches to it', async () => {
    await page.keyboard.press(process.platform === 'darwin' ? 'Meta+k' : 'Control+k');
    await page.getByTestId('switcher-search').fill('#4321');
    const options = page.locator('[data-testid^="switcher-option-"]');
    await expect.poll(() => options.allTextContents()).toEqual([expect.stringContaining('#4321')]);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('acting-company-name').textContent()).toContain('#4321');
  });

  it('the command palette lists all 5,000 companies in a virtualized list, the last one a keystroke away', async () => {
    await page.keyboard.press(process.platform === 'darwin' ? 'Meta+k' : 'Control+k');
    await page.getByTestId('switcher-search').waitFor();
    await expect.poll(() => page.getByTestId('palette-count').textContent()).toMatch(/^5,0\d\d clients$/);
    const options = page.locator('[data-testid^="switcher-option-"]');
    expect(await options.count()).toBeLessThan(60);
    // Ctrl+End: the last company, scrolled to (5,000 rows of 46 px), still only the rows in view in the DOM.
    await page.keyboard.press('Control+End');
    await expect.poll(() => page.getByTestId('palette-list').evaluate((el) => el.scrollTop)).toBeGreaterThan(200_000);
    await expect.poll(() => page.locator('[role="option"][aria-selected="true"]').getAttribute('data-testid')).toMatch(/^switcher-option-\d+$/);
    expect(await options.count()).toBeLessThan(60);
    await page.keyboard.press('Escape');
  });
});
