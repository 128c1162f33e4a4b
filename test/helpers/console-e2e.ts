// What the e2e tests do in the console in Chromium: start the console (browser host) for a data
// folder and open it, keep screenshots (PARTNERDECK_SCREENSHOTS=DIR), switch the acting company, reach the app
// inside its two frames, and place an order in the storefront.
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, FrameLocator, Locator, Page } from 'playwright';
import { afterAll, beforeAll, expect } from 'vitest';
import { launchChromium } from './browser';
import { assertBuilt, startCli, stop } from './cli';
import { tempDir } from './platform';

export const WAIT = { timeout: 15_000, interval: 50 };
const MOD = process.platform === 'darwin' ? 'Meta' : 'Control';

export interface ConsoleInChromium {
  child: ChildProcessWithoutNullStreams;
  browser: Browser;
  page: Page;
  /** The console's origin (http://127.0.0.1:PORT). */
  origin: string;
  /** Where apps reach OAuth and the REST API (the platform server). */
  platformUrl: string;
  /** Uncaught errors of the console page. */
  pageErrors: string[];
}

export interface OpenConsoleOptions {
  /** More arguments for `partnerdeck console` (e.g. `--seed demo`). */
  args?: string[];
  viewport?: { width: number; height: number };
  acceptDownloads?: boolean;
}

/** `partnerdeck console --no-open` for the data folder, and its page open in Chromium. */
export async function openConsoleInChromium(dataDir: string, options: OpenConsoleOptions = {}): Promise<ConsoleInChromium> {
  const started = await startCli(['console', '--no-open', '--data-dir', dataDir, ...(options.args ?? []), '--port', '0']);
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: options.viewport ?? { width: 1280, height: 860 }, acceptDownloads: options.acceptDownloads });
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(started.first.consoleUrl);
  await page.getByTestId('company-switcher').waitFor();
  return { child: started.child, browser, page, origin: new URL(started.first.consoleUrl).origin, platformUrl: started.first.platformUrl, pageErrors };
}

export interface ConsoleSuiteOptions extends OpenConsoleOptions {
  /** Runs before the console starts, on its (empty) data folder: a seed, a platform's own set-up. */
  prepare?: (dataDir: string) => void | Promise<void>;
  /** The set-up's timeout in ms when `prepare` is slow. */
  setupTimeout?: number;
  /** Runs once the console is open in Chromium, before the file's tests: starts what talks to it (an app's process). */
  afterOpen?: (suite: ConsoleSuite) => void | Promise<void>;
  /** Runs after the console is closed, before its data folder is removed: closes what `prepare` and `afterOpen` opened. */
  finish?: () => void | Promise<void>;
}

/** One console in Chromium for a whole e2e file; page, origin, … are set once its beforeAll ran. */
export interface ConsoleSuite extends ConsoleInChromium {
  /** The console's data folder (a temporary folder, removed after the file). */
  dataDir: string;
  byTestId(id: string): Locator;
  /** A screen of the company the page acts as now (its address keeps the company). */
  go(hash: string): Promise<unknown>;
}

/**
 * The set-up every console e2e file shares: a temporary data folder, `partnerdeck console` on it opened in
 * Chromium before the file's tests (after `prepare`, then `afterOpen`), and both closed after them (then `finish`).
 */
export function consoleSuite(prefix: string, options: ConsoleSuiteOptions = {}): ConsoleSuite {
  const dir = tempDir(prefix);
  const suite = {
    dataDir: join(dir.path, 'data'),
    pageErrors: [] as string[],
    byTestId: (id: string) => suite.page.getByTestId(id),
    go: (hash: string) => suite.page.goto(addressInWindow(suite.page, suite.origin, hash)),
  } as ConsoleSuite;
  beforeAll(async () => {
    assertBuilt();
    await options.prepare?.(suite.dataDir);
    Object.assign(suite, await openConsoleInChromium(suite.dataDir, options));
    await options.afterOpen?.(suite);
  }, options.setupTimeout);
  afterAll(async () => {
    await closeConsoleInChromium(suite);
    await options.finish?.();
    dir.remove();
  });
  return suite;
}

/** Closes what openConsoleInChromium opened (as much of it as was opened). */
export async function closeConsoleInChromium(opened: Partial<Pick<ConsoleInChromium, 'browser' | 'child'>>): Promise<void> {
  await opened.browser?.close();
  if (opened.child) await stop(opened.child);
}

/** PARTNERDECK_SCREENSHOTS=DIR keeps screenshots of the screens for a person to look at. */
export async function screenshot(page: Page, name: string): Promise<void> {
  const into = process.env.PARTNERDECK_SCREENSHOTS;
  if (!into) return;
  mkdirSync(into, { recursive: true });
  await page.screenshot({ path: join(into, `${name}.png`) });
}

/**
 * What a failed step left on screen, for the test log: the URL, the page's heading, any open dialog and
 * the start of the main area's text (a failure under load in CI is otherwise only "waiting for ...").
 */
export async function describePage(page: Page): Promise<string> {
  const text = async (selector: string) => ((await page.locator(selector).first().textContent({ timeout: 1_000 }).catch(() => null)) ?? '').replace(/\s+/g, ' ').trim().slice(0, 300);
  return [`url: ${page.url()}`, `heading: ${await text('h1')}`, `dialog: ${await text('[role="dialog"]')}`, `main: ${await text('main')}`].join('\n');
}

/** Acts as the company: the palette (Ctrl+K), searched by name, the one match chosen. */
export async function switchCompany(page: Page, name: string): Promise<void> {
  await page.keyboard.press(`${MOD}+k`);
  await page.getByTestId('switcher-search').fill(name);
  const options = page.locator('[data-testid^="switcher-option-"]');
  await expect.poll(() => options.allTextContents(), WAIT).toEqual([expect.stringContaining(name)]);
  await page.keyboard.press('Enter');
  await expect.poll(() => page.getByTestId('acting-company-name').textContent(), WAIT).toContain(name);
}

/** The app inside the wrapper page inside the console (browser mode frames it twice). */
export function embeddedAppFrame(page: Page, surface = 'embed-surface'): FrameLocator {
  return page.getByTestId(surface).frameLocator('iframe').frameLocator('iframe');
}

/** Places an order for the first product in the acting company's Storefront; returns its number. */
export async function placeStorefrontOrder(page: Page, customer: { email: string; name: string }): Promise<string> {
  await page.getByTestId('nav-storefront').click();
  const product = page.getByTestId('storefront-product').first();
  await product.waitFor(WAIT);
  await product.getByTestId('add-to-cart').click();
  await page.getByTestId('cart-line').first().waitFor(WAIT);
  await page.getByTestId('cart').getByTestId('input-email').fill(customer.email);
  await page.getByTestId('cart').getByTestId('input-name').fill(customer.name);
  await page.getByTestId('place-order').click();
  return ((await page.getByTestId('placed-order-link').textContent({ timeout: WAIT.timeout })) ?? '').replace('#', '');
}

/** Chooses `name` in a search picker (ui/search-picker.tsx): types it, then clicks the option with that label. */
export async function pickSearched(page: Page, testId: string, name: string): Promise<void> {
  await page.getByTestId(testId).fill(name);
  const option = page.getByTestId(`${testId}-option`).filter({ has: page.locator('.picker-label', { hasText: name }) });
  await option.first().waitFor(WAIT);
  await option.first().click();
}

/**
 * The address of a screen in the window's current company: `#/store/products` while the page acts as client 42
 * is `#/c/42/store/products` (issue 18: each window's acting company is in its address; an address without the
 * prefix is Self's). A hash that names a company itself (`/c/7/…`) is kept as it is.
 */
export function addressInWindow(page: Page, origin: string, hash: string): string {
  const current = /^#\/c\/(\d+)(?=\/|$)/.exec(new URL(page.url()).hash);
  if (!current || hash.startsWith('/c/')) return `${origin}/#${hash}`;
  return `${origin}/#/c/${current[1]}${hash}`;
}
