// End to end in Chromium through the browser host: a partner runs a client's shop and sees it in the
// combined view. As a client: create a product, order it in the storefront, find the order; as Self: the
// combined figures include it, and one click on the client's row switches to it and shows its dashboard
// without a blank screen in between. A sample company's checkout is refused with the platform's message
// and its rows are marked Demo; a filtered list exports exactly its rows as CSV; a category's or access group's
// count opens the list it counts, filtered.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { consoleSuite } from '../helpers/console-e2e';
import { parseCsv } from '../helpers/csv';

const e2e = consoleSuite('pd-e2e-store-', { viewport: { width: 1280, height: 800 }, acceptDownloads: true });

const { byTestId, go } = e2e;
const mod = process.platform === 'darwin' ? 'Meta' : 'Control';
/** Conditions are waited on, never slept on; a busy 2-core machine may take a few seconds. */
const WAIT = { timeout: 10_000, interval: 50 };
const CLIENT = 'Rheinwerk Tools GmbH';
const SAMPLE = 'Summit Sports (Demo)';
const PRODUCT = 'E2E Calibration Service';

/** "€1,234.56" -> 123456 (minor units of a two-decimal currency, as the screen shows them). */
const minorOf = (text: string | null) => Number((text ?? '').replace(/[^\d]/g, ''));

async function switchTo(name: string) {
  await e2e.page.keyboard.press(`${mod}+k`);
  await byTestId('switcher-search').fill(name);
  const options = e2e.page.locator('[data-testid^="switcher-option-"]');
  await expect.poll(() => options.allTextContents(), WAIT).toEqual([expect.stringContaining(name)]);
  await e2e.page.keyboard.press('Enter');
  await expect.poll(() => byTestId('acting-company-name').textContent(), WAIT).toContain(name);
}

async function clientRow(name: string) {
  await byTestId('clients-search').fill(name);
  const row = byTestId('client-sales-row').filter({ hasText: name });
  await expect.poll(() => byTestId('client-sales-row').count(), WAIT).toBe(1);
  return row;
}

describe('shops and the combined view in Chromium', () => {
  let grossBefore = 0;
  let orderNumber = '';
  let orderGross = 0;

  it('as Self, the store is locked and the combined view shows the client', async () => {
    await byTestId('nav-store-toggle').click();
    expect(await byTestId('nav-products').getAttribute('aria-disabled')).toBe('true');
    await go('/sales/clients');
    const row = await clientRow(CLIENT);
    // "—" when the client sold nothing in the period.
    grossBefore = minorOf(await row.getByTestId('client-gross').textContent());
  });

  it('as the client: creates a product, orders it in the storefront and finds the order', async () => {
    await switchTo(CLIENT);
    await byTestId('nav-products').click();
    await byTestId('products').waitFor();
    await byTestId('new-item').click();
    const form = byTestId('product-form');
    await form.getByTestId('kind-service').check();
    await form.getByTestId('input-name').fill(PRODUCT);
    await form.getByTestId('input-priceMinor').fill('1.234,5'); // a German-style amount: 1234.50
    await form.getByTestId('input-priceMinor').blur();
    await expect.poll(() => form.textContent(), WAIT).toContain('€1,234.50 excluding VAT');
    await form.getByTestId('save').click();
    await expect.poll(() => byTestId('product-form').count(), WAIT).toBe(0);
    await byTestId('list-search').fill('Calibration');
    await expect.poll(() => byTestId('products-row').allTextContents(), WAIT).toEqual([expect.stringContaining(PRODUCT)]);
    expect(await byTestId('products-row').textContent()).toContain('€1,234.50');

    await byTestId('nav-storefront').click();
    await byTestId('storefront-search').fill('Calibration');
    const card = byTestId('storefront-product').filter({ hasText: PRODUCT });
    await expect.poll(() => byTestId('storefront-product').count(), WAIT).toBe(1);
    await card.getByTestId('add-to-cart').click();
    await card.getByTestId('add-to-cart').click();
    await expect.poll(() => byTestId('cart-line').textContent(), WAIT).toContain(PRODUCT);
    // 2 x 1234.50 net + 19 % VAT = 2938.11 gross, priced as the platform prices it.
    expect(await byTestId('cart-total').textContent()).toBe('€2,938.11');
    const checkout = byTestId('cart');
    await checkout.getByTestId('input-email').fill('erika.e2e@mail.example');
    await checkout.getByTestId('input-name').fill('Erika E2E');
    await byTestId('place-order').click();
    const link = byTestId('placed-order-link');
    await link.waitFor();
    orderNumber = ((await link.textContent()) ?? '').replace('#', '');
    await link.click();
    await expect.poll(() => byTestId('order-title').textContent(), WAIT).toBe(`Order #${orderNumber}`);
    orderGross = minorOf(await byTestId('order-gross').textContent());
    expect(orderGross).toBe(293811);
    expect(await byTestId('order-line').textContent()).toContain(PRODUCT);

    await byTestId('nav-orders').click();
    await byTestId('orders').waitFor();
    await expect.poll(() => byTestId('orders-row').first().textContent(), WAIT).toContain(`#${orderNumber}`);
    expect(await byTestId('orders-row').first().textContent()).toContain('Erika E2E');
  });

  it('as Self: the combined figures include the order, and one click opens the client without a blank screen', async () => {
    await byTestId('self-button').click();
    await expect.poll(() => byTestId('acting-company-name').textContent(), WAIT).toContain('Northwind');
    await go('/sales/clients');
    const row = await clientRow(CLIENT);
    await expect.poll(async () => minorOf(await row.getByTestId('client-gross').textContent()), WAIT).toBe(grossBefore + orderGross);

    // Record what the main region holds at every DOM change from the click on: either the combined view
    // or the client's dashboard with its figures, never an empty or skeleton screen.
    await e2e.page.evaluate(() => {
      const main = document.getElementById('main-content')!;
      const seen: string[] = [];
      const check = () => {
        const sales = main.querySelector('[data-testid="sales-clients"]');
        const dashboard = main.querySelector('[data-testid="dashboard"][data-ready="true"] [data-testid="dashboard-figures"]');
        const loading = main.querySelector('[data-testid="dashboard-loading"]');
        seen.push(loading ? 'loading' : dashboard ? 'dashboard' : sales ? 'sales' : `blank:${main.textContent?.slice(0, 60) ?? ''}`);
      };
      new MutationObserver(check).observe(main, { childList: true, subtree: true, characterData: true, attributes: true });
      (window as unknown as { __seen: string[] }).__seen = seen;
    });
    await row.click();
    await expect.poll(() => byTestId('acting-company-name').textContent(), WAIT).toContain(CLIENT);
    await byTestId('dashboard-figures').waitFor();
    expect(e2e.page.url()).toMatch(/#\/c\/\d+\/store\/dashboard$/); // the client's own address (issue 18)
    const seen = await e2e.page.evaluate(() => (window as unknown as { __seen: string[] }).__seen);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.filter((s) => s !== 'sales' && s !== 'dashboard')).toEqual([]);
    expect(seen.at(-1)).toBe('dashboard');
    // The dashboard covers the same period: its revenue is the client's row in the combined view.
    expect(minorOf(await byTestId('stat-revenue-amount').textContent())).toBe(grossBefore + orderGross);
    await expect.poll(() => byTestId('dashboard-recent-orders').textContent(), WAIT).toContain(`#${orderNumber}`);
  });

  it("a sample company's checkout is refused with the platform's message, and its data is marked Demo", async () => {
    await switchTo(SAMPLE);
    await byTestId('nav-storefront').click();
    await byTestId('sample-checkout-note').waitFor();
    const first = byTestId('storefront-product').first();
    await first.waitFor();
    expect(await first.getByTestId('badge-demo').count()).toBe(1);
    await first.getByTestId('add-to-cart').click();
    await byTestId('cart').getByTestId('input-email').fill('someone@mail.example');
    await byTestId('cart').getByTestId('input-name').fill('Some One');
    await byTestId('place-order').click();
    await expect.poll(() => byTestId('checkout-refused').textContent(), WAIT).toMatch(/Sample companies cannot make end-user sales: Summit Sports \(Demo\) is a sample company/);
    expect(await byTestId('order-confirmation').count()).toBe(0);

    // The cart was not ordered: leaving asks first.
    await byTestId('nav-orders').click();
    await expect.poll(() => byTestId('confirm-dialog').textContent(), WAIT).toContain('The cart has changes that are not saved.');
    await byTestId('confirm-button').click();
    await byTestId('orders-row').first().waitFor();
    const rows = await byTestId('orders-row').count();
    expect(await e2e.page.locator('[data-testid="orders-row"] [data-testid="badge-demo"]').count()).toBe(rows);
  });

  it('exports exactly the rows a filtered list shows', async () => {
    await switchTo(CLIENT);
    await go('/store/products');
    await byTestId('filter-kind').selectOption('physical');
    await expect.poll(() => byTestId('list-count').textContent(), WAIT).toMatch(/^\d+ matching products?$/);
    const count = Number((await byTestId('list-count').textContent())!.match(/^(\d+)/)![1]);
    const shown = await byTestId('products-row').allTextContents();
    expect(shown).toHaveLength(count);
    const [download] = await Promise.all([e2e.page.waitForEvent('download'), byTestId('export-csv').click()]);
    expect(download.suggestedFilename()).toMatch(/^rheinwerk-tools-gmbh-products-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync((await download.path())!, 'utf8').replace(/^\ufeff/, '');
    const [header, ...rows] = parseCsv(csv);
    expect(rows).toHaveLength(count);
    expect(rows.every((r) => r[header.indexOf('kind')] === 'physical')).toBe(true);
    // The same products as on screen, one row each.
    const names = rows.map((r) => r[header.indexOf('name')]);
    expect(shown.every((text) => names.some((n) => text.includes(n)))).toBe(true);
    expect(names).not.toContain(PRODUCT); // the service product is filtered out
  });

  it("a category's product count and an access group's member count open that list, filtered to it", async () => {
    /** Clicks the count in the first row of a list and returns it. */
    const openCount = async (rows: string, link: string) => {
      const row = byTestId(rows).first();
      await row.waitFor();
      const count = Number(await row.getByTestId(link).textContent());
      expect(count).toBeGreaterThan(0);
      await row.getByTestId(link).click();
      return count;
    };
    await go('/store/categories');
    const products = await openCount('categories-row', 'category-products');
    await byTestId('products').waitFor();
    await expect.poll(() => byTestId('list-count').textContent(), WAIT).toBe(`${products} matching product${products === 1 ? '' : 's'}`);
    expect(await byTestId('filter-category').inputValue()).not.toBe('');

    await go('/store/audience/groups');
    const members = await openCount('access-groups-row', 'group-members');
    await expect.poll(() => e2e.page.url(), WAIT).toMatch(/\/store\/audience\/members$/);
    await expect.poll(() => byTestId('list-count').textContent(), WAIT).toBe(`${members} matching group member${members === 1 ? '' : 's'}`);
    expect(await byTestId('filter-group').inputValue()).not.toBe('');
  });

  it('raised no uncaught errors in the page', () => {
    expect(e2e.pageErrors).toEqual([]);
  });
});
