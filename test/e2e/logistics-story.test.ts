// The logistics story end to end (issue 15), in Chromium through the browser host: a partner that runs a warehouse
// applies to be a logistics provider; the platform operator approves it; the provider adds a warehouse, a zone and a
// rate; the shop (its client) chooses it in the shop settings; the provider books stock; a customer checks out in the
// storefront with shipping; the provider ships the order with a tracking number and marks it in transit; the shop's
// order page and the storefront's order status show "In transit".
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { OPERATOR } from '../../src-main/core/access';
import type { CorePlatform } from '../../src-main/core/platform';
import { DEMO_OPERATOR_EMAIL, DEMO_PASSWORD_HASH } from '../../src-main/core/seed/demo-seed';
import { addressInWindow, closeConsoleInChromium, describePage, openConsoleInChromium, screenshot, switchCompany, WAIT } from '../helpers/console-e2e';
import { switchUser } from '../helpers/console-page';
import { assertBuilt } from '../helpers/cli';
import { tempDir } from '../helpers/platform';
import { openRealClockPlatform } from '../helpers/webhooks';

const dir = tempDir('pd-e2e-logistics-');
const dataDir = join(dir.path, 'data');
let consoleChild: ChildProcessWithoutNullStreams;
let browser: Browser;
let page: Page;
let origin: string;
let pageErrors: string[];
let shop: CorePlatform;
let productId = 0;
let orderId = 0;

const PROVIDER_USER = { email: 'ines@fjord-freight.example', name: 'Ines Dahl' };
const CLIENT = 'Fjord Outdoor Shop AS';
const TRACKING = 'JJD000390007331';
const byTestId = (id: string) => page.getByTestId(id);
/** A screen of the company the page acts as now (its address keeps the company). */
const go = (hash: string) => page.goto(addressInWindow(page, origin, hash));
const shot = (name: string) => screenshot(page, `logistics-story-${name}`);

beforeAll(async () => {
  assertBuilt();
  shop = openRealClockPlatform({ path: dataDir, remove: () => undefined }, 'demo');
  // A partner that runs a warehouse, with a user, and a client shop with a physical product.
  const partner = shop.companies.create(
    OPERATOR,
    { name: 'Fjord Freight AS', country: 'NO', email: 'post@fjord-freight.example', phone: '', street: '', city: 'Bergen', postalCode: '', vatId: null, token: null, isSample: false, paymentRoute: 'direct', attestNotAffiliated: true },
    { isPartner: true },
  );
  shop.users.create(OPERATOR, { companyId: partner.id, email: PROVIDER_USER.email, name: PROVIDER_USER.name, password: 'unused-password', permissions: [], isAdmin: true, sendWelcomeEmail: false }, { passwordHash: DEMO_PASSWORD_HASH });
  const client = shop.companies.create(
    shop.localUsers.actorByEmail(PROVIDER_USER.email)!,
    { name: CLIENT, country: 'DE', email: 'shop@fjord-outdoor.example', phone: '', street: '', city: '', postalCode: '', vatId: null, token: null, isSample: false, paymentRoute: 'direct', attestNotAffiliated: true },
  );
  shop.shop.updateSettings(OPERATOR, { companyId: client.id, storefrontOpen: true });
  productId = shop.catalog.createProduct(OPERATOR, client.id, { sku: 'TENT-2', description: '', isActive: true, categoryIds: [], kind: 'physical', name: 'Storm Tent', priceMinor: 19900, currency: 'EUR', vatRateBp: 1900, weightGrams: 2400, stock: 50 } as never).id;
  const opened = await openConsoleInChromium(dataDir, { viewport: { width: 1440, height: 900 } });
  ({ child: consoleChild, browser, page, origin, pageErrors } = opened);
});

afterEach(async (context) => {
  if (context.task.result?.state !== 'fail' || !page) return;
  console.error(`logistics story: "${context.task.name}" failed; the page showed\n${await describePage(page)}\npage errors: ${pageErrors.join(' | ') || 'none'}`);
  await screenshot(page, `logistics-story-failed-${context.task.name.slice(0, 40).replace(/\W+/g, '-')}`);
});

afterAll(async () => {
  await closeConsoleInChromium({ browser, child: consoleChild });
  shop?.close();
  dir.remove();
});

describe('a logistics provider from its application to a parcel in transit, in Chromium', () => {
  it('the partner applies', async () => {
    await switchUser(page, origin, PROVIDER_USER.email, PROVIDER_USER.name);
    await go('/logistics');
    await byTestId('logistics-apply').waitFor(WAIT);
    await byTestId('apply-name').fill('Fjord Freight Logistics');
    await byTestId('apply-email').fill('orders@fjord-freight.example');
    await byTestId('apply-submit').click();
    await byTestId('logistics-pending').waitFor(WAIT);
    await shot('pending');
  });

  it('the operator approves it in Logistics review', async () => {
    await switchUser(page, origin, DEMO_OPERATOR_EMAIL, 'Olivia Operator');
    await go('/operator/logistics-review');
    const card = page.locator('[data-testid^="provider-review-"]', { hasText: 'Fjord Freight Logistics' }).first();
    await card.waitFor(WAIT);
    await shot('review');
    await card.locator('[data-testid^="provider-approve-"]').click();
    // It leaves the queue of those waiting, and shows as approved among all providers.
    const fjord = () => page.locator('[data-testid^="provider-review-"]', { hasText: 'Fjord Freight Logistics' });
    await expect.poll(() => fjord().count(), WAIT).toBe(0);
    await byTestId('logistics-review-filter-all').click();
    await expect.poll(() => fjord().first().textContent(), WAIT).toContain('Approved');
  });

  it('the provider sets up a warehouse, a zone and a rate', async () => {
    await switchUser(page, origin, PROVIDER_USER.email, PROVIDER_USER.name);
    await go('/logistics/warehouses');
    await byTestId('warehouse-add').click();
    await byTestId('warehouse-name').fill('Bergen');
    // Typed work is never lost silently: the side navigation asks first, "Keep editing" keeps the text.
    await byTestId('nav-overview').click();
    await byTestId('confirm-dialog').waitFor(WAIT);
    expect(await byTestId('leave-guard-text').textContent()).toContain('New warehouse');
    await page.getByRole('button', { name: 'Keep editing' }).click();
    expect(await byTestId('warehouse-name').inputValue()).toBe('Bergen');
    await byTestId('warehouse-country').selectOption('NO');
    await byTestId('warehouse-save').click();
    await page.locator('[data-testid^="warehouse-"]', { hasText: 'Bergen' }).first().waitFor(WAIT);
    await go('/logistics/rates');
    await byTestId('zone-add').click();
    await byTestId('zone-name').fill('Germany');
    await byTestId('zone-country-DE').check();
    await byTestId('zone-save').click();
    await page.locator('[data-testid^="zone-"]', { hasText: 'Germany' }).first().waitFor(WAIT);
    await byTestId('rate-form').waitFor(WAIT);
    await byTestId('rate-min').fill('0');
    await byTestId('rate-max').fill('5000');
    await byTestId('rate-amount').fill('6.90');
    await byTestId('rate-add').click();
    await page.locator('[data-testid^="rate-"]', { hasText: '6.90' }).first().waitFor(WAIT);
    await shot('rates');
  });

  it('the shop chooses the provider in its settings', async () => {
    await switchCompany(page, CLIENT);
    await go('/store/settings');
    await byTestId('shop-providers').waitFor(WAIT);
    const use = page.locator('[data-testid^="shop-provider-use-"]').first();
    await use.check();
    await page.locator('[data-testid^="shop-provider-preferred-"]').first().check();
    await byTestId('shop-providers-save').click();
    await expect.poll(() => byTestId('shop-providers-save').count(), WAIT).toBe(0);
  });

  it('the provider books stock of the shop product', async () => {
    await switchCompany(page, 'Fjord Freight AS');
    await go('/logistics/stock');
    await byTestId(`move-product-${productId}`).check();
    await byTestId('move-quantity').fill('20');
    await byTestId('move-submit').click();
    await page.locator('[data-testid^="stock-"]', { hasText: 'Storm Tent' }).first().waitFor(WAIT);
  });

  it('a customer checks out in the storefront with shipping', async () => {
    await switchCompany(page, CLIENT);
    await page.getByTestId('nav-storefront').click();
    await byTestId('storefront-product').first().getByTestId('add-to-cart').click();
    await byTestId('cart').getByTestId('input-email').fill('kari@example.com');
    await byTestId('cart').getByTestId('input-name').fill('Kari Nordmann');
    await byTestId('cart').locator('select').selectOption('DE');
    await expect.poll(() => byTestId('storefront-shipping-amount').textContent(), WAIT).toContain('6.90');
    await shot('storefront');
    await byTestId('place-order').click();
    await byTestId('order-confirmation').waitFor(WAIT);
    orderId = shop.db.prepare('SELECT order_id FROM logistics_fulfillments ORDER BY forwarded_at DESC LIMIT 1').pluck().get() as number;
    expect(orderId).toBeGreaterThan(0);
    // The outbox has the forwarding email for the provider.
    expect(shop.db.prepare("SELECT count(*) FROM outbox WHERE to_address = 'orders@fjord-freight.example' AND subject LIKE 'New order to fulfil%'").pluck().get()).toBe(1);
  });

  it('the provider ships it with a tracking number and marks it in transit', async () => {
    await switchCompany(page, 'Fjord Freight AS');
    await go(`/logistics/queue/${orderId}`);
    await byTestId('ship-form').waitFor(WAIT);
    await byTestId('ship-tracking').fill(TRACKING);
    await byTestId('ship-submit').click();
    await expect.poll(() => byTestId('fulfillment-state').textContent(), WAIT).toContain('Shipped');
    await go('/logistics/shipments');
    await page.getByTestId('shipment-row').filter({ hasText: TRACKING }).first().click();
    await byTestId('shipment-to-in_transit').click();
    await expect.poll(() => byTestId('shipment-status').textContent(), WAIT).toContain('In transit');
    await shot('shipment');
  });

  it('the shop and the storefront show "In transit"', async () => {
    await switchCompany(page, CLIENT);
    await go(`/store/orders/${orderId}`);
    await byTestId('order-shipping').waitFor(WAIT);
    await expect.poll(() => byTestId('order-shipping').textContent(), WAIT).toContain('In transit');
    expect(await byTestId('order-shipping').textContent()).toContain(TRACKING);
    await shot('order');
    await go(`/store/storefront/orders/${orderId}`);
    await expect.poll(() => byTestId('storefront-order-status').textContent(), WAIT).toContain('In transit');
    await shot('storefront-status');
    expect(pageErrors).toEqual([]);
  });
});
