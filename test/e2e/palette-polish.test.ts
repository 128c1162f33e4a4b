// The command palette and the shortcuts dialog as a person sees them (issue 18, item 5), in Chromium over the
// demo: without a search the palette opens at its top (Self, the actions, the screens in view), the screens are
// listed under their "Screens" heading without "Screen" repeated as each one's second line, and the shortcuts
// dialog's keys column is as wide as its widest keys (not half the dialog).
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt } from '../helpers/cli';
import { closeConsoleInChromium, openConsoleInChromium, screenshot, WAIT } from '../helpers/console-e2e';
import { tempDir } from '../helpers/platform';

const dir = tempDir('pd-e2e-palette-');
let child: ChildProcessWithoutNullStreams;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  assertBuilt();
  ({ child, browser, page } = await openConsoleInChromium(join(dir.path, 'data'), { viewport: { width: 1440, height: 900 } }));
});

afterAll(async () => {
  await closeConsoleInChromium({ browser, child });
  dir.remove();
});

const openPalette = async () => {
  await page.keyboard.press(process.platform === 'darwin' ? 'Meta+k' : 'Control+k');
  await page.getByTestId('switcher-search').waitFor();
  await page.getByTestId('switcher-option-self').waitFor(WAIT);
};

describe('the command palette without a search', () => {
  it('opens at the top: Self, the actions and the first screens in view, the list not scrolled', async () => {
    await openPalette();
    // The list settles (the companies arrive, the highlight is placed) before it is read.
    await page.waitForTimeout(300);
    expect(await page.getByTestId('palette-list').evaluate((el) => el.scrollTop)).toBe(0);
    const list = await page.getByTestId('palette-list').boundingBox();
    for (const testId of ['switcher-option-self', 'palette-action-switch-user']) {
      const box = await page.getByTestId(testId).boundingBox();
      expect(box, testId).not.toBeNull();
      expect(box!.y).toBeGreaterThanOrEqual(list!.y);
      expect(box!.y + box!.height).toBeLessThanOrEqual(list!.y + list!.height);
    }
    await expect.poll(() => page.locator('.palette-heading').allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('Actions'), expect.stringContaining('Screens')]));
    await screenshot(page, 'palette-polish-top');
  });

  it('lists the screens under their heading, with no "Screen" as every row\'s second line', async () => {
    const screens = page.locator('[data-testid^="palette-screen-"]');
    expect(await screens.count()).toBeGreaterThan(3);
    const seconds = await screens.locator('.palette-option-sub').allTextContents();
    expect(seconds.filter((text) => text.trim() === 'Screen')).toEqual([]);
    // Still found by the word.
    await page.getByTestId('switcher-search').fill('screen billing');
    await expect.poll(() => page.locator('[data-testid^="palette-screen-"]').allTextContents(), WAIT).toEqual([expect.stringContaining('Billing')]);
    await page.keyboard.press('Escape');
  });
});

describe('the shortcuts dialog', () => {
  it('sizes the keys column to its widest keys', async () => {
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('?');
    const dialog = page.getByTestId('shortcuts-dialog');
    await dialog.waitFor(WAIT);
    const widths = await dialog.locator('.shortcuts-table').evaluate((table) => {
      const cells = Array.from(table.querySelectorAll<HTMLTableCellElement>('td.shortcuts-keys'));
      const content = Math.max(
        ...cells.map((cell) => {
          const keys = Array.from(cell.querySelectorAll('kbd')).map((k) => k.getBoundingClientRect());
          return keys[keys.length - 1].right - keys[0].left;
        }),
      );
      const style = getComputedStyle(cells[0]);
      return { column: cells[0].getBoundingClientRect().width, content: content + parseFloat(style.paddingLeft) + parseFloat(style.paddingRight), table: table.getBoundingClientRect().width, oneLine: cells.every((c) => new Set(Array.from(c.querySelectorAll('kbd')).map((k) => Math.round(k.getBoundingClientRect().top))).size === 1) };
    });
    // As wide as the widest row of keys (within a pixel), each row of keys on one line, the rest for the text.
    expect(Math.abs(widths.column - widths.content)).toBeLessThanOrEqual(1.5);
    expect(widths.oneLine).toBe(true);
    expect(widths.column).toBeLessThan(widths.table / 2);
    await screenshot(page, 'palette-polish-shortcuts');
    await page.keyboard.press('Escape');
  });
});
