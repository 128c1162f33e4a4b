// Settings (#/settings) as a person reaches and uses it, in Chromium over the demo (issue 18, item 6): opened
// from the user menu and from the command palette; the theme chosen there changes what the page shows (the root's
// data-theme and its background) and is kept across a reload, in the profile's prefs.json (a new window is dark from
// its first paint, and another open window takes a choice as it is made; a theme an older version kept in localStorage moves there once); collapsing the navigation there collapses the
// side navigation itself (one store); the data folder and the platform URL shown are this console's own; the
// hosted-compatibility switch there is the API requests screen's own.
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt } from '../helpers/cli';
import { closeConsoleInChromium, openConsoleInChromium, screenshot, WAIT } from '../helpers/console-e2e';
import { tempDir } from '../helpers/platform';

const dir = tempDir('pd-e2e-settings-');
const dataDir = join(dir.path, 'data');
let child: ChildProcessWithoutNullStreams;
let browser: Browser;
let page: Page;
let platformUrl: string | null;

beforeAll(async () => {
  assertBuilt();
  ({ child, browser, page, platformUrl } = await openConsoleInChromium(dataDir, { args: ['--seed', 'demo'], viewport: { width: 1440, height: 900 } }));
});

afterAll(async () => {
  await closeConsoleInChromium({ browser, child });
  dir.remove();
});

const readPrefs = () => JSON.parse(readFileSync(join(dataDir, 'prefs.json'), 'utf8')) as { theme?: string };
const origin = () => new URL(page.url()).origin;
const rootTheme = () => page.evaluate(() => ({ theme: document.documentElement.dataset.theme ?? null, background: getComputedStyle(document.body).backgroundColor }));

describe('Settings', () => {
  it('opens from the user menu and shows this console\'s data folder and platform URL', async () => {
    await page.getByTestId('user-menu').click();
    await page.getByTestId('open-settings').click();
    await page.getByTestId('settings').waitFor(WAIT);
    expect(page.url()).toMatch(/#\/settings$/);
    await expect.poll(() => page.getByTestId('settings-data-dir').textContent(), WAIT).toBe(dataDir);
    expect(platformUrl).toBeTruthy();
    expect(await page.getByTestId('settings-platform-url').textContent()).toBe(platformUrl);
    expect(await page.getByTestId('settings-developer-link').getAttribute('href')).toMatch(/#\/settings\/developer$/);
  });

  it('switches the theme: the root element and the page background change, and the choice survives a reload', async () => {
    // Chromium headless reports a light system: "System" shows light.
    const light = await rootTheme();
    expect(light.theme).toBe('light');
    await screenshot(page, 'settings-1440-light');
    await page.getByTestId('settings-theme-dark').click();
    await expect.poll(rootTheme, WAIT).toEqual({ theme: 'dark', background: expect.any(String) });
    const dark = await rootTheme();
    expect(dark.background).not.toBe(light.background);
    expect(await page.getByTestId('settings-theme-dark').getAttribute('aria-checked')).toBe('true');
    await screenshot(page, 'settings-1440-dark');
    await page.reload();
    await page.getByTestId('settings').waitFor(WAIT);
    expect(await rootTheme()).toEqual(dark);
    await page.getByTestId('settings-theme-light').click();
    await expect.poll(rootTheme, WAIT).toEqual(light);
  });

  it("keeps the theme in the profile's prefs.json: a new window is dark from its first paint, before the console's scripts run", async () => {
    const light = await rootTheme();
    await page.getByTestId('settings-theme-dark').click();
    await expect.poll(() => readPrefs().theme, WAIT).toBe('dark');
    await expect.poll(rootTheme, WAIT).toMatchObject({ theme: 'dark' });
    const dark = await rootTheme();
    // The page as served carries the choice; with the console's modules blocked, what is painted is dark already.
    // Another window of this console: its own browser context, holding this one's session (as another tab would).
    const session = await page.evaluate(() => window.localStorage.getItem('partnerdeck.session'));
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    await context.addInitScript((held) => held && window.localStorage.setItem('partnerdeck.session', held), session);
    const second = await context.newPage();
    await second.route('**/app-*.js', (route) => route.abort());
    await second.goto(`${origin()}/#/settings`);
    await second.waitForLoadState('load');
    expect(await second.evaluate(() => document.documentElement.getAttribute('data-theme-choice'))).toBe('dark');
    expect(await second.evaluate(() => ({ theme: document.documentElement.dataset.theme ?? null, background: getComputedStyle(document.body).backgroundColor }))).toEqual(dark);
    await second.unroute('**/app-*.js');
    await second.reload();
    await second.getByTestId('settings').waitFor(WAIT);
    expect(await second.getByTestId('settings-theme-dark').getAttribute('aria-checked')).toBe('true');
    await page.getByTestId('settings-theme-system').click();
    await expect.poll(() => readPrefs().theme, WAIT).toBe('system');
    await expect.poll(rootTheme, WAIT).toEqual(light);
    // The other open window takes the choice as it is made (the console pushes it), not at its next reload.
    await expect.poll(() => second.evaluate(() => document.documentElement.dataset.theme ?? null), WAIT).toBe('light');
    expect(await second.getByTestId('settings-theme-system').getAttribute('aria-checked')).toBe('true');
    await context.close();
  });

  it('moves a theme this browser kept in localStorage (before prefs.json had it) into prefs.json once', async () => {
    await page.evaluate(() => window.localStorage.setItem('partnerdeck.theme', 'dark'));
    await page.reload();
    await page.getByTestId('settings').waitFor(WAIT);
    await expect.poll(() => readPrefs().theme, WAIT).toBe('dark');
    await expect.poll(() => page.evaluate(() => window.localStorage.getItem('partnerdeck.theme')), WAIT).toBeNull();
    expect((await rootTheme()).theme).toBe('dark');
    await page.getByTestId('settings-theme-system').click();
    await expect.poll(() => readPrefs().theme, WAIT).toBe('system');
    // Moved once: prefs.json decides from now on.
    await page.reload();
    await page.getByTestId('settings').waitFor(WAIT);
    expect((await rootTheme()).theme).toBe('light');
  });

  it('collapses the side navigation itself, and its own button and Settings agree', async () => {
    const nav = page.locator('[data-collapsed]').first();
    expect(await nav.getAttribute('data-collapsed')).toBe('false');
    await page.getByTestId('settings-nav-collapsed').check();
    await expect.poll(() => nav.getAttribute('data-collapsed'), WAIT).toBe('true');
    await page.getByRole('button', { name: 'Expand the navigation' }).click();
    await expect.poll(() => page.getByTestId('settings-nav-collapsed').isChecked(), WAIT).toBe(false);
  });

  it('has the hosted-compatibility switch of API requests, and opens from the command palette', async () => {
    const strict = page.getByTestId('settings-strict').getByTestId('strict-switch');
    await expect.poll(() => strict.isEnabled(), WAIT).toBe(true);
    expect(await strict.isChecked()).toBe(false);
    // A controlled switch: it shows the platform's answer, after the call (so a click, then the state).
    await strict.click();
    await expect.poll(() => strict.isChecked(), WAIT).toBe(true);
    await page.goto(page.url().replace(/#.*$/, '#/api-requests'));
    await expect.poll(() => page.getByTestId('api-log').getByTestId('strict-switch').isChecked(), WAIT).toBe(true);
    await page.getByTestId('api-log').getByTestId('strict-switch').click();
    await expect.poll(() => page.getByTestId('api-log').getByTestId('strict-switch').isChecked(), WAIT).toBe(false);

    await page.keyboard.press(process.platform === 'darwin' ? 'Meta+k' : 'Control+k');
    await page.getByTestId('switcher-search').fill('settings');
    await page.getByTestId('palette-screen-settings').click();
    await page.getByTestId('settings').waitFor(WAIT);
    await page.getByTestId('settings-strict').scrollIntoViewIfNeeded();
    await screenshot(page, 'settings-1440-light-strict');
    await expect.poll(() => page.getByTestId('settings-strict').getByTestId('strict-switch').isChecked(), WAIT).toBe(false);
  });
});
