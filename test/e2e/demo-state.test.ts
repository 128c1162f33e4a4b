// Save demo state / Reset demo in the console (issue 19 item 8), in Chromium through the browser host: a change,
// Save, another change, Reset → the first change is there, the second is gone, and the page started again. A
// reset while a `partnerdeck serve` has the folder open is refused with a message naming it, and nothing changes.
import { join } from 'node:path';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import type { Browser, Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, runCli, startCli, stop } from '../helpers/cli';
import { closeConsoleInChromium, describePage, openConsoleInChromium, screenshot, switchCompany, WAIT } from '../helpers/console-e2e';
import { DANA } from '../helpers/oauth';
import { tempDir } from '../helpers/platform';

const dir = tempDir('pd-e2e-demo-state-');
const dataDir = join(dir.path, 'data');
let child: ChildProcessWithoutNullStreams;
let browser: Browser;
let page: Page;
let pageErrors: string[] = [];

const companies = () => JSON.parse(runCli(['company', 'list', '--json', '--data-dir', dataDir]).stdout) as { id: number; name: string }[];
const companyNames = (): string[] => companies().map((c) => c.name);
/** A change made by another process while the console runs: a new client of Dana's partner company. */
function createCompany(name: string): void {
  const partner = companies().find((c) => c.name.startsWith('Northwind'))!.id;
  const created = runCli(['company', 'create', '--name', name, '--partner', String(partner), '--attest-not-affiliated', DANA, '--data-dir', dataDir]);
  expect(created.status, created.stderr).toBe(0);
}

async function openUserMenuItem(testId: string): Promise<void> {
  await page.getByTestId('user-menu').click();
  await page.getByTestId(testId).click();
}

beforeAll(async () => {
  assertBuilt();
  ({ child, browser, page, pageErrors } = await openConsoleInChromium(dataDir, { viewport: { width: 1440, height: 900 } }));
});

afterAll(async () => {
  await closeConsoleInChromium({ browser, child });
  dir.remove();
});

describe('Save demo state / Reset demo', () => {
  it('saves a state under a name, refuses a bad name naming the field, and lists the state the demo started with', async () => {
    createCompany('First Change GmbH');
    await openUserMenuItem('save-demo-state');
    const dialog = page.getByTestId('save-demo-dialog');
    await dialog.waitFor();
    // The state the demo started with was saved when the console first opened the folder.
    await dialog.getByTestId('demo-state-demo-start').waitFor();
    await page.getByTestId('save-demo-name').fill('bad name!');
    await page.getByTestId('save-demo-confirm').click();
    expect(await page.getByTestId('save-demo-error').textContent()).toMatch(/^Name: .*letters, digits/);
    await page.getByTestId('save-demo-name').fill('after-first');
    await screenshot(page, 'demo-state-save');
    await page.getByTestId('save-demo-confirm').click();
    await dialog.waitFor({ state: 'detached' });
    expect(await page.getByTestId('toast-success').first().textContent()).toContain('after-first');
    expect(JSON.parse(runCli(['snapshot', 'list', '--json', '--data-dir', dataDir]).stdout).map((s: { name: string }) => s.name).sort()).toEqual(['after-first', 'demo-start']);
  });

  it('refuses a reset while a serve has the folder open, naming it, and changes nothing', async () => {
    const serve = await startCli(['serve', '--data-dir', dataDir, '--port', '0']);
    try {
      await openUserMenuItem('reset-demo');
      await page.getByTestId('reset-demo-dialog').waitFor();
      await page.getByTestId('demo-state-after-first').click();
      await page.getByTestId('reset-demo-confirm').click();
      await expect.poll(() => page.getByTestId('toast-error').first().textContent().catch(() => ''), WAIT).toContain('partnerdeck serve');
      expect(await page.getByTestId('toast-error').first().textContent()).toContain('Nothing was changed');
      await page.getByRole('button', { name: 'Cancel' }).click();
    } finally {
      await stop(serve.child);
    }
    // The console carries on with the same data.
    await switchCompany(page, 'First Change GmbH');
  });

  it('puts the folder back: the change before the save is there, the one after it is gone, and the page starts again', async () => {
    createCompany('Second Change GmbH');
    expect(companyNames()).toEqual(expect.arrayContaining(['First Change GmbH', 'Second Change GmbH']));
    await openUserMenuItem('reset-demo');
    const dialog = page.getByTestId('reset-demo-dialog');
    await dialog.waitFor();
    // Default: the state the demo started with; the question names what is lost.
    expect(await page.getByTestId('reset-demo-confirm').textContent()).toContain('When the demo started');
    await page.getByTestId('demo-state-after-first').click();
    expect(await page.getByTestId('reset-demo-loss').textContent()).toContain('Everything changed since');
    await screenshot(page, 'demo-state-reset');
    await page.getByTestId('reset-demo-confirm').click();
    // The window starts again, as Self on the overview.
    await expect.poll(() => page.url(), WAIT).not.toContain('#/c/');
    await page.getByTestId('company-switcher').waitFor(WAIT);
    const names = companyNames();
    expect(names).toContain('First Change GmbH');
    expect(names).not.toContain('Second Change GmbH');
    try {
      await switchCompany(page, 'First Change GmbH');
    } catch (error) {
      throw new Error(`${(error as Error).message}\n${await describePage(page)}`);
    }
    expect(pageErrors).toEqual([]);
  });
});
