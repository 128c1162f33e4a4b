// The app developer's loop in Chromium (issue 19 item 1), every piece a real process as a developer runs it: the
// example app's folder with a partnerdeck.app.toml -> `partnerdeck app dev --yes` installs it in a development
// company without a consent click and writes .env -> `node --env-file=.env server.mjs` starts the app -> the
// console link app dev printed opens the console signed in as the development company's user, on the app
// embedded ("hmac valid") -> an order placed with `partnerdeck trigger` -> its webhook reaches the app and shows
// in app dev's terminal tail, the app's REST call (Load recent orders) shows there too -> both are in the
// console's Webhooks and API requests screens.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Browser, Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bareEnv, startAppDev, type RunningAppDev } from '../helpers/app-dev';
import { launchChromium } from '../helpers/browser';
import { assertBuilt, ROOT, runCliAsync, stop } from '../helpers/cli';
import { describePage, embeddedAppFrame, screenshot, WAIT } from '../helpers/console-e2e';
import { tempDir } from '../helpers/platform';

const dir = tempDir('pd-e2e-app-dev-');
const data = join(dir.path, 'data');
const appFolder = join(dir.path, 'my-app');
let appPort = 0;
let appDev: RunningAppDev;
let exampleApp: ChildProcessWithoutNullStreams | null = null;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

/** A port free a moment ago (the example app listens there). */
function freePort(): Promise<number> {
  return new Promise((done) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => done(port));
    });
  });
}

beforeAll(async () => {
  assertBuilt();
  appPort = await freePort();
  cpSync(join(ROOT, 'examples', 'embedded-app'), appFolder, { recursive: true });
  const base = `http://127.0.0.1:${appPort}`;
  writeFileSync(
    join(appFolder, 'partnerdeck.app.toml'),
    [
      'name = "My First App"',
      'scopes = ["orders", "customers", "products", "webhooks"]',
      `redirect_urls = ["${base}/install"]`,
      `start_url = "${base}/"`,
      `authorization_url = "${base}/install"`,
      'developer_email = "me@example.com"',
      '',
      '[[webhooks]]',
      'topic = "order/create"',
      `address = "${base}/webhooks"`,
      '',
    ].join('\n'),
  );
  appDev = await startAppDev(appFolder, data, ['--yes', '--no-open', '--port', '0']);
  // The app as the guide starts it: node --env-file=.env server.mjs, in its folder.
  exampleApp = spawn(process.execPath, ['--env-file=.env', 'server.mjs'], { cwd: appFolder, stdio: 'pipe', env: bareEnv({ PORT: String(appPort) }) });
  await new Promise<void>((resolve, reject) => {
    let stderr = '';
    exampleApp!.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    exampleApp!.once('exit', (code) => reject(new Error(`the example app exited ${code}: ${stderr}`)));
    createInterface({ input: exampleApp!.stdout }).once('line', () => resolve());
  });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.on('pageerror', (error) => pageErrors.push(error.message));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  if (exampleApp) await stop(exampleApp, 'SIGINT');
  if (appDev) await stop(appDev.child, 'SIGINT');
  dir.remove();
});

describe('partnerdeck app dev with the example app, in Chromium', () => {
  it('installs without a click and writes .env; the console link opens the app embedded as the development company', async () => {
    expect(appDev.first.plan.map((p: { text: string }) => p.text)).toEqual([
      expect.stringMatching(/^development company "My First App \(development\)"/),
      expect.stringMatching(/^app "My First App"/),
      expect.stringMatching(/consent granted without a click/),
      expect.stringMatching(/^webhook order\/create -> /),
    ]);
    expect(readFileSync(join(appFolder, '.env'), 'utf8')).toContain(`PARTNERDECK_COMPANY_ID=${appDev.first.companyId}\n`);
    await page.goto(appDev.first.consoleUrl);
    try {
      await expect.poll(() => new URL(page.url()).hash, WAIT).toBe(`#/apps/${appDev.first.appId}`);
      const app = embeddedAppFrame(page);
      await app.getByTestId('hmac-status').waitFor(WAIT);
      expect(await app.getByTestId('hmac-status').textContent()).toBe('hmac valid');
      expect(await app.getByTestId('company-id').textContent()).toBe(String(appDev.first.companyId));
      expect(await app.getByTestId('user-id').textContent()).toBe(String(appDev.first.userId));
      // The install app dev made is the app's connection at once: no Connect (OAuth) needed.
      await expect.poll(() => app.getByTestId('connection-status').getAttribute('data-state'), WAIT).toBe('connected');
      await screenshot(page, 'app-dev-embedded');
    } catch (error) {
      throw new Error(`${(error as Error).message}\n${await describePage(page)}`);
    }
  }, 60_000);

  it('an order: its webhook reaches the app and the tail; the app\'s REST call shows in the tail', async () => {
    const order = await runCliAsync(['trigger', 'order/create', '--company', String(appDev.first.companyId), '--data-dir', data], bareEnv());
    expect(order.status, order.stderr).toBe(0);
    const delivered = await appDev.waitFor((l) => l.webhook?.topic === 'order/create');
    expect(delivered.webhook).toMatchObject({ status: 200, ok: true, url: `http://127.0.0.1:${appPort}/webhooks`, kind: 'delivery' });
    const app = embeddedAppFrame(page);
    // The app checked the payload hash and the Standard Webhooks signature with the secret from .env.
    const event = app.locator('[data-testid="event"][data-topic="order/create"]');
    await event.first().waitFor(WAIT);
    expect(await event.first().textContent()).toMatch(/hash valid · signature valid/);
    // Load recent orders: the app's backend calls GET /admin/orders.json with the token from .env.
    await app.getByTestId('load-orders').click();
    await expect.poll(() => app.getByTestId('orders').textContent(), WAIT).toMatch(/^#\S+ · \w+ · /);
    const call = await appDev.waitFor((l) => l.api?.path?.startsWith('/admin/orders.json'));
    expect(call.api).toMatchObject({ method: 'GET', status: 200, errorCode: null, companyId: appDev.first.companyId });
    await screenshot(page, 'app-dev-order-and-orders');
  }, 60_000);

  it("the same webhook and REST call are in the console's Webhooks and API requests screens", async () => {
    const origin = new URL(appDev.first.consoleUrl).origin;
    try {
      await page.getByTestId('nav-webhooks').click();
      const hookRow = page.locator('[data-testid^="hook-row-"]').first();
      await hookRow.waitFor(WAIT);
      await hookRow.click();
      const attempt = page.getByTestId('attempt-row').first();
      await attempt.waitFor(WAIT);
      expect(await attempt.textContent()).toContain('order/create');
      await page.getByTestId('attempt-detail').waitFor(WAIT);
      expect(await page.getByTestId('attempt-response').textContent()).toMatch(/^200 in \d+ ms$/);
      await screenshot(page, 'app-dev-webhooks');
      await page.goto(`${origin}/#/api-requests`);
      const rows = page.getByTestId('api-request-row');
      await rows.first().waitFor(WAIT);
      await expect.poll(async () => (await rows.allTextContents()).some((t) => t.includes('/admin/orders.json') && t.includes('200')), WAIT).toBe(true);
      await screenshot(page, 'app-dev-api-requests');
    } catch (error) {
      throw new Error(`${(error as Error).message}\n${await describePage(page)}`);
    }
    expect(pageErrors).toEqual([]);
  }, 60_000);
});
