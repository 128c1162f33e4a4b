// Issue 18 item 7, cold start, in real Chromium through the browser host: the page loads the start-up bundle
// (the overview is in it; its chunks named in index.html as module preloads), not the areas' screens chunks;
// every script and style arrives compressed (brotli, from the copies the build wrote); the launch trade brings
// the session's answer and the first screen's (no call of the overview goes over the wire) and each console
// call of the start runs once; another area's screens load when first
// opened, and a chunk that cannot be loaded is explained instead of leaving a blank screen. Every script and style
// is named after its content and may be kept for good: a second start in the same browser takes them from its
// cache.
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/browser';
import { assertBuilt, startCli, stop } from '../helpers/cli';
import { WAIT } from '../helpers/console-e2e';
import { tempDir } from '../helpers/platform';
import { FIRST_SCREEN_READS } from '../../src-shared/api/first-screen';

const dir = tempDir('pd-e2e-cold-');
const rendererDir = join(__dirname, '..', '..', 'dist', 'renderer');
let child: ChildProcessWithoutNullStreams;
let browser: Browser;
let page: Page;
let origin: string;
const files: { path: string; encoding: string | undefined; vary: string | undefined; cache: string | undefined; status: number }[] = [];
const calls: string[] = [];
const pageErrors: string[] = [];

beforeAll(async () => {
  assertBuilt();
  const started = await startCli(['console', '--no-open', '--data-dir', join(dir.path, 'data'), '--port', '0']);
  child = started.child;
  origin = new URL(started.first.consoleUrl).origin;
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: { width: 1280, height: 860 } })).newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.origin === origin && url.pathname.startsWith('/api/') && url.pathname !== '/api/events') calls.push(url.pathname.slice(5));
  });
  page.on('response', (response) => {
    const url = new URL(response.url());
    if (url.origin !== origin || !/\.(js|css)$/.test(url.pathname)) return;
    const headers = response.headers();
    files.push({ path: url.pathname, encoding: headers['content-encoding'], vary: headers['vary'], cache: headers['cache-control'], status: response.status() });
  });
  await page.goto(started.first.consoleUrl);
  await page.getByTestId('company-switcher').waitFor(WAIT);
  await page.locator('[data-testid="overview-self"], [data-testid="overview-company"]').first().waitFor(WAIT);
  // Whatever the start schedules (the session's refresh of the selector, the outbox, ...) has run.
  await page.waitForTimeout(1_000);
});

afterAll(async () => {
  await browser?.close();
  if (child) await stop(child);
  dir.remove();
});

/** The chunks index.html names as module preloads (the start-up bundle's imports, the overview's among them). */
function preloaded(): string[] {
  const html = readFileSync(join(rendererDir, 'index.html'), 'utf8');
  return [...html.matchAll(/<link rel="modulepreload" href="\.(\/chunks\/[^"]+\.js)"/g)].map((m) => m[1]);
}

/** The style sheet, boot script and app script index.html names (each by its content-hashed name). */
function pageFiles(): string[] {
  const html = readFileSync(join(rendererDir, 'index.html'), 'utf8');
  const named = [...html.matchAll(/<(?:link rel="stylesheet" href|script(?: type="module")? src)="\.(\/[^"/]+\.(?:js|css))"/g)].map((m) => m[1]);
  expect(named).toEqual([expect.stringMatching(/^\/app-[A-Z2-7]{8}\.css$/), expect.stringMatching(/^\/boot-[A-Z2-7]{8}\.js$/), expect.stringMatching(/^\/app-[A-Z2-7]{8}\.js$/)]);
  return named;
}

const FOR_GOOD = 'public, max-age=31536000, immutable';

describe('cold start', () => {
  it('loads the start-up bundle (the overview in it), every file compressed, and no screens chunk', () => {
    const loaded = files.map((f) => f.path).sort();
    expect(loaded).toEqual([...pageFiles(), ...preloaded()].sort());
    for (const file of files) expect(file).toMatchObject({ status: 200, encoding: 'br', vary: 'Accept-Encoding', cache: FOR_GOOD });
    expect(preloaded().length).toBeGreaterThan(0);
    expect(files.filter((f) => /\/chunks\/screens-/.test(f.path))).toEqual([]);
    // No zod and no schema at start: they load with the first screen that checks a form (docs/architecture.md).
    expect(loaded.filter((path) => readFileSync(join(rendererDir, path), 'utf8').includes('ZodError'))).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it("runs each console call of the start once; the session's and the first screen's answers come with the launch trade, not as calls", async () => {
    const counts = new Map<string, number>();
    for (const call of calls) counts.set(call, (counts.get(call) ?? 0) + 1);
    expect([...counts].filter(([, n]) => n > 1)).toEqual([]);
    // The overview's data is on screen, and none of its calls went over the wire (the trade carried them).
    await expect.poll(() => page.getByTestId('stat-clients-value').textContent(), WAIT).toMatch(/\d/);
    await page.getByTestId('headline-orders').waitFor(WAIT);
    const carried = ['session.get', ...FIRST_SCREEN_READS.map(([method]) => method), 'sales.summary'];
    expect(calls.filter((call) => carried.includes(call))).toEqual([]);
  });

  it("loads another area's screens when it is first opened", async () => {
    const before = files.length;
    await page.getByTestId('nav-sales').click();
    await page.getByTestId('sales-figures').waitFor(WAIT);
    const more = files.slice(before);
    expect(more.length).toBeGreaterThan(0);
    expect(more.every((f) => f.path.startsWith('/chunks/') && f.encoding === 'br')).toBe(true);
    expect(pageErrors).toEqual([]);
  });

  it('takes every script and style from the browser cache at a second start in the same browser', async () => {
    const again = await page.context().newPage();
    try {
      // No launch link: the page opens with the session this browser keeps (or the notice); its files are what counts.
      await again.goto(`${origin}/`);
      await again.getByTestId('company-switcher').waitFor(WAIT);
      const fetched = await again.evaluate(() =>
        performance
          .getEntriesByType('resource')
          .filter((r) => /\.(js|css)$/.test(new URL(r.name).pathname))
          .map((r) => ({ path: new URL(r.name).pathname, transferred: (r as PerformanceResourceTiming).transferSize })),
      );
      expect(fetched.map((f) => f.path).sort()).toEqual([...pageFiles(), ...preloaded()].sort());
      // transferSize 0: served from the cache without asking the console (no revalidation round trip).
      expect(fetched.filter((f) => f.transferred !== 0)).toEqual([]);
    } finally {
      await again.close();
    }
  });

  it('explains a screen whose chunk cannot be loaded (the console stopped) instead of a blank page', async () => {
    await page.route(`${origin}/chunks/**`, (route) => route.abort('connectionrefused'));
    await page.goto(`${origin}/#/webhooks`);
    await page.getByTestId('screen-load-failed').waitFor(WAIT);
    await expect.poll(() => page.getByTestId('screen-load-failed').textContent(), WAIT).toContain('could not be loaded');
    await page.unroute(`${origin}/chunks/**`);
  });
});
