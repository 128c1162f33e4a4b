// Embedded apps end to end in Chromium through the browser host, with the example app (examples/embedded-app)
// started by `partnerdeck example-app`, which registers it in the developer's company with its URLs. The
// developer opens their own app under Extensions / Manage Apps ("hmac valid", their UserID and CompanyID) and
// runs the embed checker (all four variants answered as a correct app does). A partner approves the app for a
// client through its Authorization URL (OAuth, as an App Store install runs it), opens it in Manage Apps as that
// client ("hmac valid", connected, webhooks registered), places an order in the storefront and sees the
// order/create notification arrive in the app; revoking the app delivers app/uninstalled and removes it from
// Manage Apps. (The App Store install, approval and Beta steps join this story when the App Store lands.)
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import type { Browser, Page } from 'playwright';
import { describe, expect, it } from 'vitest';
import type { CorePlatform } from '../../src-main/core/platform';
import { runCli, startCli, stop } from '../helpers/cli';
import { addressInWindow, consoleSuite, embeddedAppFrame, placeStorefrontOrder, screenshot, switchCompany, WAIT } from '../helpers/console-e2e';
import { switchUser } from '../helpers/console-page';
import { DANA, DEMO_PASSWORD } from '../helpers/oauth';
import { openRealClockPlatform } from '../helpers/webhooks';
import { idOfCompany } from '../helpers/fixtures';

let exampleChild: ChildProcessWithoutNullStreams | undefined;
let browser: Browser;
let page: Page;
let origin: string;
let pageErrors: string[];
let example: { url: string; startUrl: string; authorizationUrl: string; devUrl: string; appId: number; clientId: string };
/** Another process's view of the data folder (ids, the audit of what the console did). */
let shop: CorePlatform;
let kawaii: number;
let rheinwerk: number;
let yuki: number;
let dana: number;

const CLIENT = 'Rheinwerk Tools GmbH';
const byTestId = (id: string) => page.getByTestId(id);
const appFrame = (surface?: string) => embeddedAppFrame(page, surface);
const shot = (name: string) => screenshot(page, name);
const switchTo = (name: string) => switchCompany(page, name);

const { dataDir } = consoleSuite('pd-e2e-embed-', {
  prepare: (dataDir) => {
    shop = openRealClockPlatform({ path: dataDir, remove: () => undefined }, 'demo');
    const companyId = (prefix: string) => idOfCompany(shop, prefix);
    kawaii = companyId('Kawaii');
    rheinwerk = companyId('Rheinwerk');
    yuki = shop.repos.users.findByEmail('yuki@kawaii-stationery.example')!.id;
    dana = shop.repos.users.findByEmail(DANA)!.id;
  },
  afterOpen: async (opened) => {
    ({ browser, page, origin, pageErrors } = opened);
    const app = await startCli(['example-app', '--company', String(kawaii), '--platform-url', opened.platformUrl, '--json', '--data-dir', opened.dataDir]);
    exampleChild = app.child;
    example = app.first as unknown as typeof example;
  },
  finish: async () => {
    if (exampleChild) await stop(exampleChild);
    shop?.close();
  },
});

describe('embedded apps in Chromium', () => {
  it('partnerdeck example-app registers the app in the developer company with the example app\'s URLs', () => {
    const apps = JSON.parse(runCli(['app', 'list', '--company', String(kawaii), '--json', '--data-dir', dataDir]).stdout) as { id: number; name: string; start_url: string; authorization_url: string }[];
    expect(apps).toEqual([expect.objectContaining({ id: example.appId, name: 'Example App', start_url: example.startUrl, authorization_url: example.authorizationUrl })]);
    expect(example.startUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    // The CLI prints the same signed URL the console opens.
    const signed = JSON.parse(runCli(['app', 'embed-url', '--app', String(example.appId), '--company', String(kawaii), '--user', String(yuki), '--json', '--data-dir', dataDir]).stdout);
    expect(signed.url).toBe(`${example.startUrl}?UserID=${yuki}&CompanyID=${kawaii}&hmac=${signed.hmac}`);
  });

  it('the developer opens their own app under Manage Apps and it says "hmac valid"', async () => {
    await switchUser(page, origin, 'yuki@kawaii-stationery.example', 'Yuki Tanaka');
    await byTestId('nav-manage-apps').click();
    const row = byTestId(`managed-app-${example.appId}`);
    await row.waitFor(WAIT);
    expect(await row.textContent()).toContain('Example App');
    expect(await row.textContent()).toContain('Your app');
    await shot('manage-apps-developer');
    // The wrapper page is loaded once, with a one-time ticket: its answer is looked at as it arrives.
    const wrapperResponse = page.waitForResponse((response) => new URL(response.url()).pathname.startsWith('/embed/'));
    await byTestId(`open-${example.appId}`).click();
    const wrapper = await wrapperResponse;
    await expect.poll(() => appFrame().getByTestId('hmac-status').textContent(), WAIT).toBe('hmac valid');
    expect(await appFrame().getByTestId('user-id').textContent()).toBe(String(yuki));
    expect(await appFrame().getByTestId('company-id').textContent()).toBe(String(kawaii));
    // The app frame is sandboxed without top navigation, inside a wrapper that frames only the app's origin.
    const sandbox = await page.getByTestId('embed-surface').locator('iframe').getAttribute('sandbox');
    expect(sandbox).toBe('allow-scripts allow-forms allow-same-origin allow-popups allow-popups-to-escape-sandbox');
    const wrapperSrc = (await page.getByTestId('embed-surface').locator('iframe').getAttribute('src'))!;
    expect(wrapper.status()).toBe(200);
    expect(wrapper.headers()['content-security-policy']).toContain(`frame-src ${new URL(example.startUrl).origin};`);
    // The ticket in its address worked once: fetched again, the page holds no app.
    const again = await page.request.get(`${origin}${wrapperSrc}`);
    expect(again.status()).toBe(401);
    expect(await again.text()).not.toContain(new URL(example.startUrl).origin);
    expect(await byTestId('embedded-app-origin').textContent()).toContain(new URL(example.startUrl).origin);
    await shot('embedded-app-developer');
  });

  it('the embed checker shows the app accepting the signed request and rejecting wrong hmac, swapped CompanyID and missing hmac', async () => {
    await byTestId('embedded-app-check').click();
    await byTestId('checker-run').click();
    await byTestId('checker-results').waitFor(WAIT);
    for (const [variant, outcome] of [['valid', 'accepted'], ['wrong-hmac', 'rejected'], ['swapped-company', 'rejected'], ['missing-hmac', 'rejected']]) {
      expect(await byTestId(`outcome-${variant}`).getAttribute('data-outcome'), variant).toBe(outcome);
    }
    expect(await byTestId('checker-summary').textContent()).toContain('verifies the hmac correctly');
    expect(await byTestId('checker-row-swapped-company').textContent()).not.toContain(`CompanyID ${kawaii}`);
    // A variant previewed in the embedded view shows what the app shows for it.
    await byTestId('preview-wrong-hmac').click();
    await expect.poll(() => appFrame('checker-preview').getByTestId('hmac-status').textContent(), WAIT).toBe('hmac invalid');
    await shot('embed-checker');
  });

  it('a partner approves it for a client through OAuth, and opens it there: "hmac valid", connected, webhooks registered', async () => {
    await switchUser(page, origin, DANA, 'Dana Fischer');
    // The app's Authorization URL, as an install runs it: the platform's sign-in and consent pages.
    const consent = await browser.newPage();
    await consent.goto(example.authorizationUrl);
    await consent.locator('#email').fill(DANA);
    await consent.locator('#password').fill(DEMO_PASSWORD);
    await consent.getByRole('button', { name: 'Sign in' }).click();
    await consent.locator('#company_id').selectOption(String(rheinwerk));
    await consent.getByRole('button', { name: 'Approve' }).click();
    await expect.poll(() => consent.getByTestId('message').textContent(), WAIT).toContain('order/create');
    await consent.close();

    await switchTo(CLIENT);
    await byTestId('nav-manage-apps').click();
    await byTestId(`managed-app-${example.appId}`).waitFor(WAIT);
    expect(await byTestId(`managed-app-${example.appId}`).textContent()).toContain('Installed');
    await byTestId(`open-${example.appId}`).click();
    await expect.poll(() => appFrame().getByTestId('hmac-status').textContent(), WAIT).toBe('hmac valid');
    expect(await appFrame().getByTestId('user-id').textContent()).toBe(String(dana));
    expect(await appFrame().getByTestId('company-id').textContent()).toBe(String(rheinwerk));
    await expect.poll(() => appFrame().getByTestId('connection-status').textContent(), WAIT).toContain('Connected');
    expect(await appFrame().getByTestId('webhooks').textContent()).toContain('app/uninstalled');
    await shot('embedded-app-client');
  });

  it('a storefront checkout reaches the app as order/create, verified', async () => {
    const placed = await placeStorefrontOrder(page, { email: 'erika.embed@mail.example', name: 'Erika Embed' });
    const orderId = shop.db.prepare('SELECT id FROM orders WHERE company_id = ? AND number = ?').pluck().get(rheinwerk, placed) as number;
    expect(orderId).toBeGreaterThan(0);

    await page.goto(addressInWindow(page, origin, `/apps/${example.appId}`));
    const event = appFrame().locator(`[data-testid="event"][data-topic="order/create"]`);
    await expect.poll(() => event.count(), WAIT).toBe(1);
    expect(await event.textContent()).toContain(String(orderId));
    await shot('embedded-app-order-event');
  });

  it('revoking the app delivers app/uninstalled and takes it off Manage Apps', async () => {
    await byTestId('nav-company-apps').click();
    await byTestId(`revoke-${example.appId}`).click();
    await byTestId('confirm-button').click();
    await byTestId('authorized-apps-empty').waitFor(WAIT);
    const dev = await browser.newPage();
    await expect
      .poll(async () => {
        await dev.goto(example.devUrl);
        return dev.getByTestId('dev-events').textContent();
      }, WAIT)
      .toContain('app/uninstalled');
    await dev.close();
    await byTestId('nav-manage-apps').click();
    // Rheinwerk keeps its own app (the demo's Label Printer); the example app is gone.
    await byTestId('manage-apps-table').waitFor(WAIT);
    await expect.poll(() => byTestId(`managed-app-${example.appId}`).count(), WAIT).toBe(0);
    expect(pageErrors).toEqual([]);
  });
});
