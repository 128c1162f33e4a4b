// Issue 18 items 1 and 2 in Chromium: the acting client lives in each tab's address (`#/c/<id>/…`), so two
// tabs work as two clients at once, Back/forward and reload walk through a Sales drill-down, and no form or
// drawer loses typed work to a link, Back or a reload without asking first.
import { join } from 'node:path';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import type { Browser, Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, runCli } from '../helpers/cli';
import { closeConsoleInChromium, openConsoleInChromium, screenshot, switchCompany, WAIT } from '../helpers/console-e2e';
import { tempDir } from '../helpers/platform';

const dir = tempDir('pd-e2e-windows-');
const dataDir = join(dir.path, 'data');
let child: ChildProcessWithoutNullStreams;
let browser: Browser;
let page: Page;
let origin: string;
let pageErrors: string[] = [];

const NORDLYS = 'Nordlys Outdoor AS';
const CAFE = 'Café Lumière SARL';

const companies = (): { id: number; name: string }[] => JSON.parse(runCli(['company', 'list', '--json', '--data-dir', dataDir]).stdout);
const idOf = (name: string) => companies().find((c) => c.name === name)!.id;
const acting = (p: Page) => p.getByTestId('acting-company-name').textContent();
const hashOf = (p: Page) => new URL(p.url()).hash;

beforeAll(async () => {
  assertBuilt();
  ({ child, browser, page, origin, pageErrors } = await openConsoleInChromium(dataDir, { viewport: { width: 1440, height: 900 } }));
});

afterAll(async () => {
  await closeConsoleInChromium({ browser, child });
  dir.remove();
});

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
    await switchCompany(page, NORDLYS);
    const nordlys = idOf(NORDLYS);
    expect(hashOf(page)).toMatch(new RegExp(`^#/c/${nordlys}/`));
    await page.getByTestId('nav-products').click();
    await page.getByTestId('products').waitFor();
    expect(hashOf(page)).toBe(`#/c/${nordlys}/store/products`);
    await page.reload();
    await page.getByTestId('products').waitFor();
    expect(await acting(page)).toContain(NORDLYS);
    // A bookmark of another client's screen opens that client.
    const cafe = idOf(CAFE);
    await page.goto(`${origin}/#/c/${cafe}/store/orders`);
    await expect.poll(() => acting(page), WAIT).toContain(CAFE);
    await page.getByTestId('orders').waitFor();
    // A company this user cannot see is refused: Self, with a message saying so.
    const foreign = companies().find((c) => c.name === 'Pixel & Paper Studio Ltd')!.id;
    await page.goto(`${origin}/#/c/${foreign}/store/orders`);
    await page.reload();
    await expect.poll(() => acting(page), WAIT).toContain('Northwind Commerce Partners');
    await expect.poll(() => hashOf(page), WAIT).toBe('#/store/orders');
    expect(await page.getByTestId('toast-error').allTextContents()).toContainEqual(expect.stringContaining('cannot see'));
  });

  it('two tabs act as two clients at once and save their drafts into their own shops', async () => {
    await page.goto(`${origin}/#/`);
    await switchCompany(page, NORDLYS);
    // Another tab of this console: the same origin's storage (its session), its own address.
    const context = await browser.newContext({ storageState: await page.context().storageState(), viewport: { width: 1440, height: 900 } });
    const second = await context.newPage();
    const secondErrors: string[] = [];
    second.on('pageerror', (error) => secondErrors.push(error.message));
    await second.goto(`${origin}/#/`);
    await second.getByTestId('company-switcher').waitFor();
    await switchCompany(second, CAFE);

    // Both start a product; each switch above left the other tab alone.
    await startProduct(page, 'Fjord kayak rental (tab A)');
    await startProduct(second, 'Croissant class (tab B)');
    expect(await acting(page)).toContain(NORDLYS);
    await screenshot(page, 'windows-tab-a-draft');
    await screenshot(second, 'windows-tab-b-draft');

    // Tab B switches company while tab A keeps its draft: tab A is not disturbed.
    await second.getByTestId('product-form').getByTestId('save').click();
    await expect.poll(() => second.getByTestId('product-form').count(), WAIT).toBe(0);
    await switchCompany(second, 'Alpenglück');
    expect(await page.getByTestId('product-form').getByTestId('input-name').inputValue()).toBe('Fjord kayak rental (tab A)');
    expect(await acting(page)).toContain(NORDLYS);
    await page.getByTestId('product-form').getByTestId('save').click();
    await expect.poll(() => page.getByTestId('product-form').count(), WAIT).toBe(0);

    // Each product is in its own client's shop, and only there.
    await expectProducts(page, '(tab', ['Fjord kayak rental (tab A)']);
    await switchCompany(second, CAFE);
    await second.getByTestId('nav-products').click();
    await expectProducts(second, '(tab', ['Croissant class (tab B)']);
    expect(secondErrors).toEqual([]);
    await context.close();
  });

  it('Back, forward and reload walk through a Sales drill-down to a client and back to Self', async () => {
    await switchCompany(page, 'Northwind Commerce Partners');
    await page.goto(`${origin}/#/sales/clients`);
    const row = page.getByTestId('client-sales-row').first();
    await row.waitFor(WAIT);
    await row.click();
    await page.getByTestId('dashboard').waitFor(WAIT);
    const client = (await acting(page))!.trim();
    expect(hashOf(page)).toMatch(/^#\/c\/\d+\/store\/dashboard$/);
    await page.goBack();
    await expect.poll(() => acting(page), WAIT).toContain('Northwind Commerce Partners');
    await page.getByTestId('sales-clients-table').waitFor(WAIT);
    expect(await page.getByTestId('self-only').count()).toBe(0);
    await page.goForward();
    await expect.poll(() => acting(page), WAIT).toContain(client);
    await page.getByTestId('dashboard').waitFor(WAIT);
    await page.reload();
    await page.getByTestId('dashboard').waitFor(WAIT);
    expect(await acting(page)).toContain(client);
    await page.goBack();
    await page.getByTestId('sales-clients-table').waitFor(WAIT);
    expect(await acting(page)).toContain('Northwind Commerce Partners');
  });
});

describe('the command palette', () => {
  const MOD = process.platform === 'darwin' ? 'Meta' : 'Control';

  it("finds the acting client's products, orders and customers, and opens one", async () => {
    await page.goto(`${origin}/#/`);
    await switchCompany(page, NORDLYS);
    await page.keyboard.press(`${MOD}+k`);
    await page.getByTestId('switcher-search').fill('kayak');
    const product = page.locator('[data-testid^="palette-product-"]');
    await expect.poll(() => product.allTextContents(), WAIT).toEqual([expect.stringContaining('Fjord kayak rental (tab A)')]);
    // No company is called so: the product is the first match; Enter opens it.
    await screenshot(page, 'palette-shop-search');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('product-form').getByTestId('input-name').inputValue(), WAIT).toBe('Fjord kayak rental (tab A)');
    expect(hashOf(page)).toMatch(new RegExp(`^#/c/${idOf(NORDLYS)}/store/products/\\d+$`));
    await page.getByTestId('drawer-close').click();

    // Orders by number and customers by name come from the shop's own lists.
    await page.keyboard.press(`${MOD}+k`);
    await page.getByTestId('switcher-search').fill('a');
    await page.getByTestId('switcher-search').fill('an');
    await expect.poll(() => page.locator('[data-testid^="palette-customer-"]').count(), WAIT).toBeGreaterThan(0);
    const customer = (await page.locator('[data-testid^="palette-customer-"]').first().textContent())!;
    await page.locator('[data-testid^="palette-customer-"]').first().click();
    await page.getByTestId('customer-title').waitFor(WAIT);
    expect(customer).toContain((await page.getByTestId('customer-title').textContent())!.trim());
  });

  it('runs actions ("New product", "Switch user…") and opens screens; ? lists the shortcuts', async () => {
    await page.keyboard.press(`${MOD}+k`);
    await page.getByTestId('switcher-search').fill('new product');
    await page.getByTestId('palette-action-new-product').waitFor();
    await page.keyboard.press('Enter');
    await page.getByTestId('product-form').waitFor(WAIT);
    expect(await page.getByTestId('product-form').getByTestId('input-name').inputValue()).toBe('');
    await page.getByTestId('drawer-close').click();

    await page.keyboard.press(`${MOD}+k`);
    await page.getByTestId('switcher-search').fill('switch user');
    await page.getByTestId('palette-action-switch-user').click();
    await page.getByTestId('switch-user-dialog').waitFor(WAIT);
    await page.keyboard.press('Escape');

    await page.keyboard.press(`${MOD}+k`);
    await page.getByTestId('switcher-search').fill('orders');
    await page.getByTestId('palette-screen-orders').click();
    await page.getByTestId('orders').waitFor(WAIT);

    await page.keyboard.press('?');
    await page.getByTestId('shortcuts-dialog').waitFor(WAIT);
    expect(await page.getByTestId('shortcuts-dialog').textContent()).toContain('Command palette');
    await screenshot(page, 'shortcuts');
    await page.keyboard.press('Escape');
    // As Self: "Close month…" and "New company" are there, the shop's actions are not.
    await switchCompany(page, 'Northwind Commerce Partners');
    await page.keyboard.press(`${MOD}+k`);
    await page.getByTestId('switcher-search').fill('close month');
    await page.getByTestId('palette-action-close-month').click();
    await expect.poll(() => hashOf(page), WAIT).toMatch(/^#\/billing\/months\/\d{4}-\d{2}$/);
    await page.keyboard.press(`${MOD}+k`);
    await page.getByTestId('switcher-search').fill('new');
    await page.getByTestId('palette-action-new-company').waitFor();
    expect(await page.getByTestId('palette-action-new-product').count()).toBe(0);
    await page.keyboard.press('Escape');
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
        await switchCompany(page, NORDLYS);
        await page.goto(`${origin}/#/c/${idOf(NORDLYS)}/store/products/new`);
        await page.getByTestId('product-form').waitFor();
      },
    },
    {
      kind: 'a page form (New company)',
      name: 'New company',
      field: 'input-name',
      async open() {
        await page.goto(`${origin}/#/companies/new`);
        await page.getByTestId('company-new').waitFor();
      },
    },
    {
      kind: 'a settings form (Company settings)',
      name: 'Company settings',
      field: 'input-phone',
      async open() {
        await page.goto(`${origin}/#/companies/${idOf(CAFE)}`);
        await page.getByTestId('input-phone').waitFor();
      },
    },
  ];

  for (const form of forms) {
    it(`${form.kind}: a link, Back and a reload ask first; "Keep editing" keeps the typed text`, async () => {
      await form.open();
      const startHash = hashOf(page);
      const input = page.getByTestId(form.field).first();
      await input.fill('Typed and not saved');

      // A link in the side navigation (a drawer: its close button).
      await page.getByTestId(form.leave ?? 'nav-overview').click();
      await page.getByTestId('confirm-dialog').waitFor(WAIT);
      expect(await page.getByTestId('leave-guard-text').textContent()).toContain(form.name);
      await screenshot(page, `guard-${form.name.toLowerCase().replace(/\W+/g, '-')}`);
      await page.getByRole('button', { name: 'Keep editing' }).click();
      expect(await input.inputValue()).toBe('Typed and not saved');
      expect(hashOf(page)).toBe(startHash);

      // Back: asked before the screen changes; staying returns to this entry.
      await page.goBack();
      await page.getByTestId('confirm-dialog').waitFor(WAIT);
      await page.getByRole('button', { name: 'Keep editing' }).click();
      await expect.poll(() => hashOf(page), WAIT).toBe(startHash);
      expect(await input.inputValue()).toBe('Typed and not saved');

      // Reload (and closing the tab): the browser's own question.
      const dialog = new Promise<string>((resolve) => page.once('dialog', (d) => void d.dismiss().then(() => resolve(d.type()))));
      void page.reload().catch(() => undefined);
      expect(await dialog).toBe('beforeunload');
      expect(await input.inputValue()).toBe('Typed and not saved');

      // Back again, and this time discard: the previous screen.
      await page.goBack();
      await page.getByTestId('confirm-dialog').waitFor(WAIT);
      await page.getByTestId('confirm-button').click();
      await expect.poll(() => hashOf(page), WAIT).not.toBe(startHash);
    }, 60_000);
  }

  it('asks before another user signs in over unsaved work', async () => {
    await page.goto(`${origin}/#/companies/new`);
    await page.getByTestId('company-new').waitFor();
    await page.getByTestId('input-name').fill('Half-typed GmbH');
    await page.getByTestId('user-menu').click();
    await page.getByTestId('switch-user').click();
    await page.getByTestId('switch-user-dialog').waitFor();
    await page.getByTestId('switch-user-dialog').locator('[data-testid^="signin-"]:not([disabled])').first().click();
    await page.getByTestId('confirm-dialog').waitFor(WAIT);
    expect(await page.getByTestId('leave-guard-text').textContent()).toContain('New company');
    await page.getByRole('button', { name: 'Keep editing' }).click();
    expect(await page.getByTestId('input-name').inputValue()).toBe('Half-typed GmbH');
  });

  it('left no uncaught errors on the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
