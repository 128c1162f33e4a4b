// Issue 18 items 1 and 2 in Chromium: the acting client lives in each tab's address (`#/c/<id>/…`), so two
// tabs work as two clients at once, Back/forward and reload walk through a Sales drill-down, and no form or
// drawer loses typed work to a link, Back or a reload without asking first.
import type { Page } from 'playwright';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { consoleSuite, screenshot, switchCompany, WAIT } from '../helpers/console-e2e';

const e2e = consoleSuite('pd-e2e-windows-', { viewport: { width: 1440, height: 900 } });
const { dataDir } = e2e;

const NORDLYS = 'Nordlys Outdoor AS';
const CAFE = 'Café Lumière SARL';

const companies = (): { id: number; name: string }[] => JSON.parse(runCli(['company', 'list', '--json', '--data-dir', dataDir]).stdout);
const idOf = (name: string) => companies().find((c) => c.name === name)!.id;
const acting = (p: Page) => p.getByTestId('acting-company-name').textContent();
const hashOf = (p: Page) => new URL(p.url()).hash;

async function startProduct(p: Page, name: string) {
  await p.getByTestId('nav-products').click();
  await p.getByTestId('products').waitFor();
  await p.getByTestId('new-item').click();
  const form = p.getByTestId('product-form');
  await form.getByTestId('kind-service').check();
  await form.getByTestId('input-name').fill(name);
  await form.getByTestId('input-priceMinor').fill('10');
}

/** The products list searched: its rows once the search applies (every row matches it). */
async function expectProducts(p: Page, search: string, names: string[]): Promise<void> {
  await p.getByTestId('products').waitFor();
  await p.getByTestId('list-search').fill(search);
  await expect.poll(() => p.getByTestId('products-row').allTextContents(), WAIT).toEqual(names.map((name) => expect.stringContaining(name)));
}

describe('one acting client per window', () => {
  it('puts the acting client in the address; a reload and a bookmark bring it back', async () => {
    await switchCompany(e2e.page, NORDLYS);
    const nordlys = idOf(NORDLYS);
    expect(hashOf(e2e.page)).toMatch(new RegExp(`^#/c/${nordlys}/`));
    await e2e.page.getByTestId('nav-products').click();
    await e2e.page.getByTestId('products').waitFor();
    expect(hashOf(e2e.page)).toBe(`#/c/${nordlys}/store/products`);
    await e2e.page.reload();
    await e2e.page.getByTestId('products').waitFor();
    expect(await acting(e2e.page)).toContain(NORDLYS);
    // A bookmark of another client's screen opens that client.
    const cafe = idOf(CAFE);
    await e2e.page.goto(`${e2e.origin}/#/c/${cafe}/store/orders`);
    await expect.poll(() => acting(e2e.page), WAIT).toContain(CAFE);
    await e2e.page.getByTestId('orders').waitFor();
    // A company this user cannot see is refused: Self, with a message saying so.
    const foreign = companies().find((c) => c.name === 'Pixel & Paper Studio Ltd')!.id;
    await e2e.page.goto(`${e2e.origin}/#/c/${foreign}/store/orders`);
    await e2e.page.reload();
    await expect.poll(() => acting(e2e.page), WAIT).toContain('Northwind Commerce Partners');
    await expect.poll(() => hashOf(e2e.page), WAIT).toBe('#/store/orders');
    expect(await e2e.page.getByTestId('toast-error').allTextContents()).toContainEqual(expect.stringContaining('cannot see'));
  });

  it('two tabs act as two clients at once and save their drafts into their own shops', async () => {
    await e2e.page.goto(`${e2e.origin}/#/`);
    await switchCompany(e2e.page, NORDLYS);
    // Another tab of this console: the same origin's storage (its session), its own address.
    const context = await e2e.browser.newContext({ storageState: await e2e.page.context().storageState(), viewport: { width: 1440, height: 900 } });
    const second = await context.newPage();
    const secondErrors: string[] = [];
    second.on('pageerror', (error) => secondErrors.push(error.message));
    await second.goto(`${e2e.origin}/#/`);
    await second.getByTestId('company-switcher').waitFor();
    await switchCompany(second, CAFE);

    // Both start a product; each switch above left the other tab alone.
    await startProduct(e2e.page, 'Fjord kayak rental (tab A)');
    await startProduct(second, 'Croissant class (tab B)');
    expect(await acting(e2e.page)).toContain(NORDLYS);
    await screenshot(e2e.page, 'windows-tab-a-draft');
    await screenshot(second, 'windows-tab-b-draft');

    // Tab B switches company while tab A keeps its draft: tab A is not disturbed.
    await second.getByTestId('product-form').getByTestId('save').click();
    await expect.poll(() => second.getByTestId('product-form').count(), WAIT).toBe(0);
    await switchCompany(second, 'Alpenglück');
    expect(await e2e.page.getByTestId('product-form').getByTestId('input-name').inputValue()).toBe('Fjord kayak rental (tab A)');
    expect(await acting(e2e.page)).toContain(NORDLYS);
    await e2e.page.getByTestId('product-form').getByTestId('save').click();
    await expect.poll(() => e2e.page.getByTestId('product-form').count(), WAIT).toBe(0);

    // Each product is in its own client's shop, and only there.
    await expectProducts(e2e.page, '(tab', ['Fjord kayak rental (tab A)']);
    await switchCompany(second, CAFE);
    await second.getByTestId('nav-products').click();
    await expectProducts(second, '(tab', ['Croissant class (tab B)']);
    expect(secondErrors).toEqual([]);
    await context.close();
  });

  it('Back, forward and reload walk through a Sales drill-down to a client and back to Self', async () => {
    await switchCompany(e2e.page, 'Northwind Commerce Partners');
    await e2e.page.goto(`${e2e.origin}/#/sales/clients`);
    const row = e2e.page.getByTestId('client-sales-row').first();
    await row.waitFor(WAIT);
    await row.click();
    await e2e.page.getByTestId('dashboard').waitFor(WAIT);
    const client = (await acting(e2e.page))!.trim();
    expect(hashOf(e2e.page)).toMatch(/^#\/c\/\d+\/store\/dashboard$/);
    await e2e.page.goBack();
    await expect.poll(() => acting(e2e.page), WAIT).toContain('Northwind Commerce Partners');
    await e2e.page.getByTestId('sales-clients-table').waitFor(WAIT);
    expect(await e2e.page.getByTestId('self-only').count()).toBe(0);
    await e2e.page.goForward();
    await expect.poll(() => acting(e2e.page), WAIT).toContain(client);
    await e2e.page.getByTestId('dashboard').waitFor(WAIT);
    await e2e.page.reload();
    await e2e.page.getByTestId('dashboard').waitFor(WAIT);
    expect(await acting(e2e.page)).toContain(client);
    await e2e.page.goBack();
    await e2e.page.getByTestId('sales-clients-table').waitFor(WAIT);
    expect(await acting(e2e.page)).toContain('Northwind Commerce Partners');
  });
});

describe('the command palette', () => {
  const MOD = process.platform === 'darwin' ? 'Meta' : 'Control';

  it("finds the acting client's products, orders and customers, and opens one", async () => {
    await e2e.page.goto(`${e2e.origin}/#/`);
    await switchCompany(e2e.page, NORDLYS);
    await e2e.page.keyboard.press(`${MOD}+k`);
    await e2e.page.getByTestId('switcher-search').fill('kayak');
    const product = e2e.page.locator('[data-testid^="palette-product-"]');
    await expect.poll(() => product.allTextContents(), WAIT).toEqual([expect.stringContaining('Fjord kayak rental (tab A)')]);
    // No company is called so: the product is the first match; Enter opens it.
    await screenshot(e2e.page, 'palette-shop-search');
    await e2e.page.keyboard.press('Enter');
    await expect.poll(() => e2e.page.getByTestId('product-form').getByTestId('input-name').inputValue(), WAIT).toBe('Fjord kayak rental (tab A)');
    expect(hashOf(e2e.page)).toMatch(new RegExp(`^#/c/${idOf(NORDLYS)}/store/products/\\d+$`));
    await e2e.page.getByTestId('drawer-close').click();

    // Orders by number and customers by name come from the shop's own lists.
    await e2e.page.keyboard.press(`${MOD}+k`);
    await e2e.page.getByTestId('switcher-search').fill('a');
    await e2e.page.getByTestId('switcher-search').fill('an');
    await expect.poll(() => e2e.page.locator('[data-testid^="palette-customer-"]').count(), WAIT).toBeGreaterThan(0);
    const customer = (await e2e.page.locator('[data-testid^="palette-customer-"]').first().textContent())!;
    await e2e.page.locator('[data-testid^="palette-customer-"]').first().click();
    await e2e.page.getByTestId('customer-title').waitFor(WAIT);
    expect(customer).toContain((await e2e.page.getByTestId('customer-title').textContent())!.trim());
  });

  it('runs actions ("New product", "Switch user…") and opens screens; ? lists the shortcuts', async () => {
    await e2e.page.keyboard.press(`${MOD}+k`);
    await e2e.page.getByTestId('switcher-search').fill('new product');
    await e2e.page.getByTestId('palette-action-new-product').waitFor();
    await e2e.page.keyboard.press('Enter');
    await e2e.page.getByTestId('product-form').waitFor(WAIT);
    expect(await e2e.page.getByTestId('product-form').getByTestId('input-name').inputValue()).toBe('');
    await e2e.page.getByTestId('drawer-close').click();

    await e2e.page.keyboard.press(`${MOD}+k`);
    await e2e.page.getByTestId('switcher-search').fill('switch user');
    await e2e.page.getByTestId('palette-action-switch-user').click();
    await e2e.page.getByTestId('switch-user-dialog').waitFor(WAIT);
    await e2e.page.keyboard.press('Escape');

    await e2e.page.keyboard.press(`${MOD}+k`);
    await e2e.page.getByTestId('switcher-search').fill('orders');
    await e2e.page.getByTestId('palette-screen-orders').click();
    await e2e.page.getByTestId('orders').waitFor(WAIT);

    await e2e.page.keyboard.press('?');
    await e2e.page.getByTestId('shortcuts-dialog').waitFor(WAIT);
    expect(await e2e.page.getByTestId('shortcuts-dialog').textContent()).toContain('Command palette');
    await screenshot(e2e.page, 'shortcuts');
    await e2e.page.keyboard.press('Escape');
    // As Self: "Close month…" and "New company" are there, the shop's actions are not.
    await switchCompany(e2e.page, 'Northwind Commerce Partners');
    await e2e.page.keyboard.press(`${MOD}+k`);
    await e2e.page.getByTestId('switcher-search').fill('close month');
    await e2e.page.getByTestId('palette-action-close-month').click();
    await expect.poll(() => hashOf(e2e.page), WAIT).toMatch(/^#\/billing\/months\/\d{4}-\d{2}$/);
    await e2e.page.keyboard.press(`${MOD}+k`);
    await e2e.page.getByTestId('switcher-search').fill('new');
    await e2e.page.getByTestId('palette-action-new-company').waitFor();
    expect(await e2e.page.getByTestId('palette-action-new-product').count()).toBe(0);
    await e2e.page.keyboard.press('Escape');
  });
});

describe('no lost work', () => {
  /** Opens a form and types into it; returns how to read the typed value back. */
  const forms: Array<{ kind: string; open(): Promise<void>; field: string; name: string; leave?: string }> = [
    {
      kind: 'a drawer (New product)',
      name: 'New product',
      field: 'input-name',
      // The drawer covers the page: leaving it in-app is its close button.
      leave: 'drawer-close',
      async open() {
        await switchCompany(e2e.page, NORDLYS);
        await e2e.page.goto(`${e2e.origin}/#/c/${idOf(NORDLYS)}/store/products/new`);
        await e2e.page.getByTestId('product-form').waitFor();
      },
    },
    {
      kind: 'a page form (New company)',
      name: 'New company',
      field: 'input-name',
      async open() {
        await e2e.page.goto(`${e2e.origin}/#/companies/new`);
        await e2e.page.getByTestId('company-new').waitFor();
      },
    },
    {
      kind: 'a settings form (Company settings)',
      name: 'Company settings',
      field: 'input-phone',
      async open() {
        await e2e.page.goto(`${e2e.origin}/#/companies/${idOf(CAFE)}`);
        await e2e.page.getByTestId('input-phone').waitFor();
      },
    },
  ];

  for (const form of forms) {
    it(`${form.kind}: a link, Back and a reload ask first; "Keep editing" keeps the typed text`, async () => {
      await form.open();
      const startHash = hashOf(e2e.page);
      const input = e2e.page.getByTestId(form.field).first();
      await input.fill('Typed and not saved');

      // A link in the side navigation (a drawer: its close button).
      await e2e.page.getByTestId(form.leave ?? 'nav-overview').click();
      await e2e.page.getByTestId('confirm-dialog').waitFor(WAIT);
      expect(await e2e.page.getByTestId('leave-guard-text').textContent()).toContain(form.name);
      await screenshot(e2e.page, `guard-${form.name.toLowerCase().replace(/\W+/g, '-')}`);
      await e2e.page.getByRole('button', { name: 'Keep editing' }).click();
      expect(await input.inputValue()).toBe('Typed and not saved');
      expect(hashOf(e2e.page)).toBe(startHash);

      // Back: asked before the screen changes; staying returns to this entry.
      await e2e.page.goBack();
      await e2e.page.getByTestId('confirm-dialog').waitFor(WAIT);
      await e2e.page.getByRole('button', { name: 'Keep editing' }).click();
      await expect.poll(() => hashOf(e2e.page), WAIT).toBe(startHash);
      expect(await input.inputValue()).toBe('Typed and not saved');

      // Reload (and closing the tab): the browser's own question.
      const dialog = new Promise<string>((resolve) => e2e.page.once('dialog', (d) => void d.dismiss().then(() => resolve(d.type()))));
      void e2e.page.reload().catch(() => undefined);
      expect(await dialog).toBe('beforeunload');
      expect(await input.inputValue()).toBe('Typed and not saved');

      // Back again, and this time discard: the previous screen.
      await e2e.page.goBack();
      await e2e.page.getByTestId('confirm-dialog').waitFor(WAIT);
      await e2e.page.getByTestId('confirm-button').click();
      await expect.poll(() => hashOf(e2e.page), WAIT).not.toBe(startHash);
    }, 60_000);
  }

  it('asks before another user signs in over unsaved work', async () => {
    await e2e.page.goto(`${e2e.origin}/#/companies/new`);
    await e2e.page.getByTestId('company-new').waitFor();
    await e2e.page.getByTestId('input-name').fill('Half-typed GmbH');
    await e2e.page.getByTestId('user-menu').click();
    await e2e.page.getByTestId('switch-user').click();
    await e2e.page.getByTestId('switch-user-dialog').waitFor();
    await e2e.page.getByTestId('switch-user-dialog').locator('[data-testid^="signin-"]:not([disabled])').first().click();
    await e2e.page.getByTestId('confirm-dialog').waitFor(WAIT);
    expect(await e2e.page.getByTestId('leave-guard-text').textContent()).toContain('New company');
    await e2e.page.getByRole('button', { name: 'Keep editing' }).click();
    expect(await e2e.page.getByTestId('input-name').inputValue()).toBe('Half-typed GmbH');
  });

  it('left no uncaught errors on the page', () => {
    expect(e2e.pageErrors).toEqual([]);
  });
});
