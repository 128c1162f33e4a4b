// The whole App Store story end to end, in Chromium through the browser host, with the example app
// (examples/embedded-app) as the developer's app. The developer (Yuki at Kawaii Stationery) starts the example
// app with `partnerdeck example-app --setup`, creates the listing under Extensions → My Apps with the URLs the
// app's developer page shows, enters the listing's Client ID and Shared Secret (revealed in the console) on that
// page, and requests approval. The platform operator (Olivia) approves it into Beta. The partner (Dana)
// installs it for a client from the App Store, free in Beta, and confirms the consent, which sends the code to
// the app's Authorization URL. Acting as that client, Dana opens it under Extensions → Manage Apps: the app says
// "hmac valid", is connected and has registered its webhooks. A storefront checkout for the client arrives in
// the app as order/create, and uninstalling it in the App Store delivers app/uninstalled.
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import type { Browser, Page } from 'playwright';
import { afterEach, describe, expect, it } from 'vitest';
import type { CorePlatform } from '../../src-main/core/platform';
import { DEMO_OPERATOR_EMAIL, DEMO_PARTNER_EMAIL } from '../../src-main/core/seed/demo-seed';
import { startCli, stop } from '../helpers/cli';
import { addressInWindow, consoleSuite, describePage, embeddedAppFrame, pickSearched, placeStorefrontOrder, screenshot, switchCompany, WAIT } from '../helpers/console-e2e';
import { switchUser } from '../helpers/console-page';
import { DEMO_PASSWORD } from '../helpers/oauth';
import { openRealClockPlatform } from '../helpers/webhooks';
import { idOfCompany } from '../helpers/fixtures';

let exampleChild: ChildProcessWithoutNullStreams | undefined;
let browser: Browser;
let page: Page;
let origin: string;
let pageErrors: string[];
/** What `partnerdeck example-app --setup --json` printed: the URLs to register and the developer page. */
let example: { url: string; startUrl: string; redirectUri: string; authorizationUrl: string; devUrl: string; appId: null; clientId: null };
/** Another process's view of the data folder (ids, orders). */
let shop: CorePlatform;
let rheinwerk: number;
let dana: number;

const CLIENT = 'Rheinwerk Tools GmbH';
const YUKI = 'yuki@kawaii-stationery.example';
const byTestId = (id: string) => page.getByTestId(id);
/** A screen of the company the page acts as now (its address keeps the company). */
const go = (hash: string) => page.goto(addressInWindow(page, origin, hash));
const appFrame = () => embeddedAppFrame(page);
const shot = (name: string, on: Page = page) => screenshot(on, `story-${name}`);

const signIn = (email: string, name: string) => switchUser(page, origin, email, name);

/** The example app's developer page, loaded afresh, and the text of one of its parts. */
async function devPageText(dev: Page, testId: string): Promise<string> {
  await dev.goto(example.devUrl);
  return (await dev.getByTestId(testId).textContent()) ?? '';
}

consoleSuite('pd-e2e-story-', {
  prepare: (dataDir) => {
    shop = openRealClockPlatform({ path: dataDir, remove: () => undefined }, 'demo');
    rheinwerk = idOfCompany(shop, CLIENT);
    dana = shop.repos.users.findByEmail(DEMO_PARTNER_EMAIL)!.id;
  },
  afterOpen: async (opened) => {
    ({ browser, page, origin, pageErrors } = opened);
    // Without credentials: the developer registers the app in My Apps and enters its credentials by hand.
    const app = await startCli(['example-app', '--setup', '--platform-url', opened.platformUrl, '--json', '--data-dir', opened.dataDir]);
    exampleChild = app.child;
    example = app.first as unknown as typeof example;
  },
  finish: async () => {
    if (exampleChild) await stop(exampleChild);
    shop?.close();
  },
});

afterEach(async (context) => {
  if (context.task.result?.state !== 'fail' || !page) return;
  console.error(`app story: "${context.task.name}" failed; the page showed\n${await describePage(page)}\npage errors: ${pageErrors.join(' | ') || 'none'}`);
  await screenshot(page, `story-failed-${context.task.name.slice(0, 40).replace(/\W+/g, '-')}`);
});

describe('the whole story of an app, from My Apps to app/uninstalled, in Chromium', () => {
  let appId = 0;
  let clientId = '';
  let dev: Page;

  it('the example app starts for setup and shows the URLs to register', async () => {
    expect(example.appId).toBeNull();
    expect(example.startUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    dev = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    await dev.goto(example.devUrl);
    expect(await dev.getByTestId('configured').textContent()).toBe('not configured');
    expect(await dev.getByTestId('start-url').textContent()).toBe(example.startUrl);
    expect(await dev.getByTestId('redirect-uri').textContent()).toBe(example.redirectUri);
    expect(await dev.getByTestId('authorization-url').textContent()).toBe(example.authorizationUrl);
    await shot('01-example-app-setup', dev);
  });

  it('the developer creates the app in My Apps with those URLs and gives the example app its credentials', async () => {
    await signIn(YUKI, 'Yuki');
    await go('/extensions/my-apps/new');
    await byTestId('listing-form').waitFor();
    await byTestId('input-name').fill('Example App');
    await byTestId('input-description').fill('Shows new orders of your shop as they arrive.');
    await byTestId('input-priceMinor').fill('3000');
    await byTestId('input-redirectUris').fill(example.redirectUri);
    await byTestId('input-authorizationUrl').fill(example.authorizationUrl);
    for (const scope of ['orders', 'customers', 'products', 'webhooks']) await byTestId(`scope-${scope}`).check();
    await byTestId('input-startUrl').fill(example.startUrl);
    await byTestId('input-developerEmail').fill('yuki@kawaii-stationery.example');
    await shot('02-my-apps-new');
    await byTestId('save').click();

    await byTestId('secret-dialog').waitFor(WAIT);
    const shownOnce = (await byTestId('secret-once').textContent())!;
    await byTestId('secret-dialog').getByRole('button', { name: 'Done' }).click();
    await expect.poll(() => page.url(), WAIT).toMatch(/#\/extensions\/my-apps\/\d+$/);
    appId = Number(page.url().split('/').pop());
    clientId = (await byTestId('client-id').textContent())!;
    await byTestId('reveal-secret').click();
    await expect.poll(() => byTestId('client-secret').textContent(), WAIT).toBe(shownOnce);
    await shot('03-my-apps-credentials');

    // The developer page of the example app takes the listing's Client ID and Shared Secret.
    await dev.getByTestId('setup-client-id').fill(clientId);
    await dev.getByTestId('setup-client-secret').fill(shownOnce);
    await dev.getByTestId('setup-save').click();
    await expect.poll(() => dev.getByTestId('flash').textContent(), WAIT).toContain('Credentials saved');
    expect(await dev.getByTestId('configured').textContent()).toBe('configured');
    await shot('04-example-app-configured', dev);
  });

  it('the developer opens the app under Manage Apps (hmac valid) and requests approval', async () => {
    await go('/apps');
    await byTestId(`managed-app-${appId}`).waitFor(WAIT);
    expect(await byTestId(`managed-app-${appId}`).textContent()).toContain('Your app');
    await byTestId(`open-${appId}`).click();
    await expect.poll(() => appFrame().getByTestId('hmac-status').textContent(), WAIT).toBe('hmac valid');

    await go(`/extensions/my-apps/${appId}`);
    await byTestId('request-approval').click();
    await byTestId('request-message').fill('The example app, ready for review.');
    await byTestId('send-request').click();
    await expect.poll(() => byTestId('approval-status').textContent(), WAIT).toBe('Waiting for approval');
    await shot('05-approval-requested');
  });

  it('the platform operator approves it into Beta', async () => {
    await signIn(DEMO_OPERATOR_EMAIL, 'Olivia');
    await byTestId('nav-app-review').click();
    await byTestId(`review-${appId}`).waitFor(WAIT);
    expect(await byTestId(`review-${appId}`).textContent()).toContain('The example app, ready for review.');
    await shot('06-app-review');
    await byTestId(`approve-${appId}`).click();
    await byTestId('approve-into-beta').check();
    await byTestId('confirm-decision').click();
    await expect.poll(() => byTestId(`review-${appId}`).count(), WAIT).toBe(0);
  });

  it('the partner installs it for a client from the App Store, free in Beta, and confirms the consent', async () => {
    await signIn(DEMO_PARTNER_EMAIL, 'Dana');
    await go('/extensions/store');
    await byTestId('store-search').fill('Example App');
    await expect.poll(() => page.locator('.listing-card').count(), WAIT).toBe(1);
    expect(await byTestId(`listing-${appId}-badge`).textContent()).toBe('Beta');
    expect(await byTestId(`listing-${appId}-price`).textContent()).toBe('Free during Beta');
    await shot('07-app-store');
    await byTestId(`install-${appId}`).click();
    await pickSearched(page, 'install-company', CLIENT);
    await expect.poll(() => byTestId('install-quote').textContent(), WAIT).toContain('Free during Beta');
    await byTestId('confirm-install').click();
    await byTestId('install-done').waitFor(WAIT);
    await shot('08-installed');

    // "Continue to the app's authorization" opens the platform's sign-in and consent pages in a new tab.
    const [consent] = await Promise.all([page.context().waitForEvent('page'), byTestId('open-authorization').click()]);
    await consent.getByLabel('Email').fill(DEMO_PARTNER_EMAIL);
    await consent.getByLabel('Password').fill(DEMO_PASSWORD);
    await consent.getByRole('button', { name: 'Sign in' }).click();
    await consent.getByRole('heading', { name: 'Authorize Example App' }).waitFor(WAIT);
    await shot('09-consent', consent);
    // The consent page grants access for the client the app was installed for.
    expect(await consent.getByLabel('Grant access for').inputValue()).toBe(String(rheinwerk));
    await Promise.all([consent.waitForURL((url) => url.href.startsWith(example.redirectUri), WAIT), consent.getByRole('button', { name: 'Approve' }).click()]);
    await expect.poll(() => consent.getByTestId('message').textContent(), WAIT).toContain('app/uninstalled');
    expect(new URL(consent.url()).searchParams.get('state')).toMatch(/^app-store-install-\d+$/);
    await shot('10-connected', consent);
    await consent.close();
  });

  it('acting as the client, Manage Apps opens it: "hmac valid", connected, webhooks registered', async () => {
    await switchCompany(page, CLIENT);
    await byTestId('nav-manage-apps').click();
    await byTestId(`managed-app-${appId}`).waitFor(WAIT);
    expect(await byTestId(`managed-app-${appId}`).textContent()).toContain('Installed');
    await shot('11-manage-apps-client');
    await byTestId(`open-${appId}`).click();
    await expect.poll(() => appFrame().getByTestId('hmac-status').textContent(), WAIT).toBe('hmac valid');
    expect(await appFrame().getByTestId('user-id').textContent()).toBe(String(dana));
    expect(await appFrame().getByTestId('company-id').textContent()).toBe(String(rheinwerk));
    await expect.poll(() => appFrame().getByTestId('connection-status').textContent(), WAIT).toContain('Connected');
    expect(await appFrame().getByTestId('webhooks').textContent()).toContain('order/create');
    expect(await appFrame().getByTestId('webhooks').textContent()).toContain('app/uninstalled');
    await shot('12-embedded-app-client');
  });

  it('a storefront checkout for the client arrives in the app as order/create', async () => {
    const placed = await placeStorefrontOrder(page, { email: 'erika.story@mail.example', name: 'Erika Story' });
    const orderId = shop.db.prepare('SELECT id FROM orders WHERE company_id = ? AND number = ?').pluck().get(rheinwerk, placed) as number;
    expect(orderId).toBeGreaterThan(0);

    await go(`/apps/${appId}`);
    const event = appFrame().locator('[data-testid="event"][data-topic="order/create"]');
    await expect.poll(() => event.count(), WAIT).toBe(1);
    expect(await event.textContent()).toContain(String(orderId));
    await shot('13-order-event');
  });

  it('uninstalling it in the App Store delivers app/uninstalled to the app and takes it off Manage Apps', async () => {
    await go('/extensions/store');
    await byTestId('store-tab-installed').click();
    await byTestId(`installed-${appId}-${rheinwerk}`).waitFor(WAIT);
    expect(await byTestId(`installed-${appId}-${rheinwerk}`).textContent()).toContain('Free during Beta');
    await shot('14-installed-tab');
    await byTestId(`uninstall-${appId}-${rheinwerk}`).click();
    await byTestId('confirm-button').click();
    await expect.poll(() => byTestId(`installed-${appId}-${rheinwerk}`).count(), WAIT).toBe(0);

    await expect.poll(() => devPageText(dev, 'dev-events'), WAIT).toContain('app/uninstalled');
    const events = await dev.getByTestId('dev-events').textContent();
    expect(events).toContain('order/create');
    // The app forgot the client's tokens when it was told.
    const state = (await (await fetch(example.devUrl.replace('/dev?', '/dev/state.json?'))).json()) as { connections: Record<string, unknown> };
    expect(Object.keys(state.connections)).not.toContain(String(rheinwerk));
    await shot('15-example-app-uninstalled', dev);

    await byTestId('nav-manage-apps').click();
    await byTestId('manage-apps-table').waitFor(WAIT);
    await expect.poll(() => byTestId(`managed-app-${appId}`).count(), WAIT).toBe(0);
    expect(pageErrors).toEqual([]);
  });
});
