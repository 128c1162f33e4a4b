// End to end in Chromium through the browser host: the App Store's whole path as people use it. A developer
// (Kawaii's administrator) creates an app under My Apps — the Authorization URL must be one of the redirect
// URIs — reveals its secret and requests approval; the platform operator approves it into Beta under App
// review; the partner finds it in the App Store marked Beta and free, installs it for a client (the consent
// page carries the app's permissions as scope), sees it installed, and uninstalls it. The developer's own
// storefront does not offer the listing (apps and themes are bought in the App Store). The app's product under
// Store → Products opens the same editor with its API credentials (issue 23 row 3).
import { describe, expect, it } from 'vitest';
import { DEMO_OPERATOR_EMAIL, DEMO_PARTNER_EMAIL } from '../../src-main/core/seed/demo-seed';
import { runCli } from '../helpers/cli';
import { switchUser } from '../helpers/console-page';
import { consoleSuite, pickSearched } from '../helpers/console-e2e';

const e2e = consoleSuite('pd-e2e-store-');
const { dataDir, byTestId, go } = e2e;
const companyId = (name: string): number =>
  (JSON.parse(runCli(['company', 'list', '--json', '--data-dir', dataDir]).stdout) as { id: number; name: string }[]).find((c) => c.name === name)!.id;

const signIn = (email: string) =>
  switchUser(e2e.page, e2e.origin, email, email === DEMO_PARTNER_EMAIL ? 'Dana' : email === DEMO_OPERATOR_EMAIL ? 'Olivia' : 'Yuki');

describe('the App Store in Chromium', () => {
  let appId = 0;

  it('the partner sees a populated store and no App review (that is the operator’s)', async () => {
    await go('/extensions/store');
    await byTestId('store-listings').waitFor();
    expect(await e2e.page.locator('.listing-card', { hasText: 'Review Radar' }).getByText('Beta').count()).toBeGreaterThan(0);
    expect(await e2e.page.locator('.listing-card', { hasText: 'Label Printer' }).count()).toBe(1);
    expect(await e2e.page.locator('.listing-card', { hasText: 'Parcel Pilot' }).textContent()).toContain('+ VAT');
    expect(await byTestId('nav-app-review').count()).toBe(0);
  });

  it('a developer creates an app: the Authorization URL must be a redirect URI; the secret is shown once and revealed on demand; approval is requested', async () => {
    await signIn('yuki@kawaii-stationery.example');
    await go('/extensions/my-apps/new');
    await byTestId('listing-form').waitFor();
    await byTestId('input-name').fill('E2E Inventory');
    await byTestId('input-description').fill('Counts stock in the back room.');
    await byTestId('input-priceMinor').fill('1900');
    await byTestId('input-redirectUris').fill('https://e2e-inventory.example/callback\nhttp://127.0.0.1:9/callback');
    await byTestId('input-authorizationUrl').fill('https://e2e-inventory.example/other');
    await byTestId('scope-orders').check();
    await byTestId('scope-products').check();
    await byTestId('input-developerEmail').fill('dev@e2e-inventory.example');
    await byTestId('save').click();
    await expect.poll(() => byTestId('error-authorizationUrl').textContent()).toBe('Authorization URL must be identical to one of the redirect URIs');
    await byTestId('input-authorizationUrl').fill('https://e2e-inventory.example/callback');
    await byTestId('save').click();

    await byTestId('secret-dialog').waitFor();
    const secret = (await byTestId('secret-once').textContent())!;
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    await byTestId('secret-dialog').getByRole('button', { name: 'Done' }).click();
    await expect.poll(() => e2e.page.url()).toMatch(/#\/extensions\/my-apps\/\d+$/);
    appId = Number(e2e.page.url().split('/').pop());
    await byTestId('reveal-secret').click();
    await expect.poll(() => byTestId('client-secret').textContent()).toBe(secret);

    await byTestId('request-approval').click();
    await byTestId('request-message').fill('Ready for review.');
    await byTestId('send-request').click();
    await expect.poll(() => byTestId('approval-status').textContent()).toBe('Waiting for approval');
    const clientId = await byTestId('client-id').textContent();

    // Issue 23 row 3: the seed's way there — Store → Products, the app's product, its API credentials section
    // (the same editor as My Apps).
    await go('/store/products');
    await e2e.page.locator('[data-testid="products-row"]', { hasText: 'E2E Inventory' }).click();
    await byTestId('listing-form').waitFor();
    await expect.poll(() => byTestId('client-id').textContent()).toBe(clientId);
    expect(await byTestId('input-redirectUris').inputValue()).toBe('https://e2e-inventory.example/callback\nhttp://127.0.0.1:9/callback');
    expect(await byTestId('input-authorizationUrl').inputValue()).toBe('https://e2e-inventory.example/callback');
    expect(await byTestId('scope-orders').isChecked()).toBe(true);
    await byTestId('reveal-secret').click();
    await expect.poll(() => byTestId('client-secret').textContent()).toBe(secret);
    expect(e2e.page.url()).toMatch(/#\/store\/products\/\d+$/);
  });

  it('the platform operator approves it into Beta under App review', async () => {
    await signIn(DEMO_OPERATOR_EMAIL);
    // The demo's Newsletter Bridge and this one wait for review.
    await expect.poll(() => byTestId('review-pending-count').textContent()).toBe('2');
    await byTestId('nav-app-review').click();
    await byTestId(`review-${appId}`).waitFor();
    expect(await byTestId(`review-${appId}`).textContent()).toContain('Ready for review.');
    await byTestId(`approve-${appId}`).click();
    await byTestId('approve-into-beta').check();
    await byTestId('confirm-decision').click();
    await expect.poll(() => byTestId(`review-${appId}`).count()).toBe(0);
    await expect.poll(() => byTestId('review-pending-count').textContent()).toBe('1');
    await byTestId('review-filter-all').click();
    await expect.poll(() => byTestId(`review-${appId}`).textContent()).toContain('Approved');
  });

  it('the partner installs it for a client in Beta (free), the consent carries its permissions, sees it installed, and uninstalls it', async () => {
    await signIn(DEMO_PARTNER_EMAIL);
    const alpen = companyId('Alpenglück Naturkosmetik GmbH');
    await go('/extensions/store');
    await byTestId('store-search').fill('E2E Inventory');
    await expect.poll(() => e2e.page.locator('.listing-card').count()).toBe(1);
    expect(await byTestId(`listing-${appId}-badge`).textContent()).toBe('Beta');
    expect(await byTestId(`listing-${appId}-price`).textContent()).toBe('Free during Beta');
    await byTestId(`install-${appId}`).click();
    await pickSearched(e2e.page, 'install-company', 'Alpenglück Naturkosmetik GmbH');
    await expect.poll(() => byTestId('install-company-chosen').textContent()).toContain('Alpenglück');
    await expect.poll(() => byTestId('install-quote').textContent()).toContain('Free during Beta, and free for good after it');
    await byTestId('confirm-install').click();
    await byTestId('install-done').waitFor();
    const authorize = new URL((await byTestId('open-authorization').getAttribute('href'))!);
    expect(authorize.pathname).toBe('/oauth2/authorize');
    expect(authorize.searchParams.get('scope')).toBe('products,orders');
    expect(authorize.searchParams.get('redirect_uri')).toBe('https://e2e-inventory.example/callback');
    await byTestId('install-done').getByRole('button', { name: 'Done' }).click();
    await expect.poll(() => byTestId(`listing-${appId}-installed`).textContent()).toContain('Alpenglück');

    await byTestId('store-tab-installed').click();
    await byTestId(`installed-${appId}-${alpen}`).waitFor();
    expect(await byTestId(`installed-${appId}-${alpen}`).textContent()).toContain('Free during Beta');
    await byTestId(`uninstall-${appId}-${alpen}`).click();
    await byTestId('confirm-button').click();
    await expect.poll(() => byTestId(`installed-${appId}-${alpen}`).count()).toBe(0);
    expect(e2e.pageErrors).toEqual([]);
  });

  it("the developer's storefront leaves its App Store listings out: apps and themes are bought in the App Store (issue 23 row 6)", async () => {
    await signIn('yuki@kawaii-stationery.example');
    await byTestId('nav-storefront').click();
    await byTestId('storefront-search').fill('E2E Inventory');
    await expect.poll(() => e2e.page.getByText('Apps and themes are bought in the App Store, not here.').count()).toBe(1);
    expect(await byTestId('storefront-product').count()).toBe(0);
    await byTestId('storefront-search').fill('');
    await expect.poll(() => byTestId('storefront-product').count()).toBeGreaterThan(0);
    const kinds = await e2e.page.locator('[data-testid="storefront-product"] .product-kind').allTextContents();
    expect(kinds.length).toBeGreaterThan(0);
    expect(kinds.filter((kind) => kind === 'App' || kind === 'Theme')).toEqual([]);
    expect(e2e.pageErrors).toEqual([]);
  });
});
