// Realistic amounts and long names at both window sizes (issue 18): money columns are never clipped (the Sales
// screen's and a client dashboard's "By product kind", the sales tables, billing and its documents with 7- and
// 8-digit amounts), and a long German company name never overflows the header: it ends in an ellipsis with the
// full name on hover (title), at 1440×900 and 1024×700.
import type { Locator } from 'playwright';
import { afterEach, describe, expect, it } from 'vitest';
import { OPERATOR } from '../../src-main/core/access';
import { DEMO_PARTNER_EMAIL } from '../../src-main/core/seed/demo-seed';
import { checkoutSchema } from '../../src-shared/api/shop-inputs';
import { parseInput } from '../../src-shared/api/validation';
import { addressInWindow, consoleSuite, describePage, screenshot, switchCompany, WAIT } from '../helpers/console-e2e';
import { openRealClockPlatform } from '../helpers/webhooks';

const GERMAN = 'Müller-Lüdenscheidt Feinkost und Getränkehandel GmbH & Co. KG';
// Every customer's city, longer than its column at every window size: the virtualized customers list must end it
// in an ellipsis.
const LONG_CITY = 'Hohenlimburg-Elsey an der Lenne bei Hagen in Westfalen, Märkischer Kreis';
// 1280 too: the widest window with two cards side by side in the narrowest columns.
const SIZES = [
  { width: 1440, height: 900 },
  { width: 1280, height: 800 },
  { width: 1024, height: 700 },
] as const;

function prepare(dataDir: string): void {
  const platform = openRealClockPlatform({ path: dataDir, remove: () => undefined }, 'demo');
  const client = platform.companies.create(
    platform.localUsers.actorByEmail(DEMO_PARTNER_EMAIL)!,
    { name: GERMAN, country: 'DE', email: 'einkauf@mueller-luedenscheidt.example', phone: '', street: '', city: 'Lüdenscheid', postalCode: '58507', vatId: null, token: null, isSample: false, paymentRoute: 'direct', attestNotAffiliated: true },
  );
  platform.shop.updateSettings(OPERATOR, { companyId: client.id, storefrontOpen: true });
  // Orders of realistic size for a wholesaler: a few seven- and eight-digit gross amounts per product kind.
  const kinds = [
    { kind: 'physical', name: 'Feinkost-Palette Export', priceMinor: 48_950_00, weightGrams: 900_000, stock: 100_000 },
    { kind: 'digital', name: 'Jahreslizenz Warenwirtschaft', priceMinor: 12_499_00 },
    { kind: 'service', name: 'Kühlkettenlogistik Rahmenvertrag', priceMinor: 87_300_00 },
  ];
  let n = 0;
  for (const k of kinds) {
    const product = platform.catalog.createProduct(OPERATOR, client.id, { sku: '', description: '', isActive: true, categoryIds: [], currency: 'EUR', vatRateBp: 1900, ...k } as never);
    for (let i = 0; i < 6; i++) {
      platform.checkout.place(OPERATOR, client.id, parseInput(checkoutSchema, { companyId: client.id, customer: { email: `einkauf${n++}@grosshandel.example`, name: 'Großhandel Einkauf', country: 'DE', city: LONG_CITY }, lines: [{ productId: product.id, quantity: 40 + i * 7 }] }));
    }
  }
  platform.close();
}

const e2e = consoleSuite('pd-e2e-fit-', { viewport: SIZES[0], prepare, setupTimeout: 120_000 });

afterEach(async (context) => {
  if (context.task.result?.state !== 'fail' || !e2e.page) return;
  console.error(`fit: "${context.task.name}" failed; the page showed\n${await describePage(e2e.page)}`);
});

/** Cells whose text is wider than the cell, or tables wider than what shows them (a hidden sideways scroll). */
async function clipped(scope: Locator): Promise<string[]> {
  return scope.evaluate((root) => {
    const found: string[] = [];
    for (const cell of Array.from(root.querySelectorAll<HTMLElement>('td, th, [role="cell"], [role="columnheader"]'))) {
      if (cell.scrollWidth > cell.clientWidth + 1) found.push(`cell "${cell.textContent?.trim()}" ${cell.scrollWidth} > ${cell.clientWidth}`);
    }
    for (const el of Array.from(root.querySelectorAll<HTMLElement>('*'))) {
      const style = getComputedStyle(el);
      if (['auto', 'scroll', 'hidden'].includes(style.overflowX) && el.scrollWidth > el.clientWidth + 1 && el.querySelector('table, [role="table"]')) {
        found.push(`${el.closest('[data-testid]')?.getAttribute('data-testid')} ${el.className || el.tagName} scrolls sideways ${el.scrollWidth} > ${el.clientWidth}`);
      }
    }
    return found;
  });
}

describe('money columns and long names at 1440×900 and 1024×700', () => {
  for (const size of SIZES) {
    const tag = `${size.width}`;
    it(`Sales as Self at ${tag}: "By product kind" and the other tables show whole amounts`, async () => {
      await e2e.page.setViewportSize(size);
      await e2e.page.goto(`${e2e.origin}/#/sales`);
      const kinds = e2e.page.getByTestId('sales-by-kind');
      await kinds.getByTestId('kind-table').waitFor(WAIT);
      expect(await kinds.textContent()).toMatch(/€\d{1,3}(,\d{3}){2,}\.\d{2}/);
      await kinds.scrollIntoViewIfNeeded();
      await screenshot(e2e.page, `fit-sales-by-kind-${tag}`);
      expect(await clipped(e2e.page.locator('main'))).toEqual([]);
    }, 60_000);

    it(`the client's dashboard at ${tag}: whole amounts, and the long name ends in an ellipsis with the full name on hover`, async () => {
      await e2e.page.setViewportSize(size);
      if (!(await e2e.page.getByTestId('self-button').isVisible())) await switchCompany(e2e.page, 'Müller-Lüdenscheidt');
      await e2e.page.goto(addressInWindow(e2e.page, e2e.origin, '/store/dashboard'));
      const kinds = e2e.page.getByTestId('dashboard-kinds');
      await kinds.getByTestId('kind-table').waitFor(WAIT);
      expect(await clipped(kinds)).toEqual([]);
      await e2e.page.evaluate(() => window.scrollTo(0, 0));
      await screenshot(e2e.page, `fit-dashboard-german-${tag}`);
      // Nothing in the top bar or the page header is wider than the window, and every element showing the name
      // cut short carries the whole name in its title.
      const overflow = await e2e.page.evaluate((name) => {
        const problems: string[] = [];
        const width = document.documentElement.clientWidth;
        if (document.documentElement.scrollWidth > width) problems.push(`page scrolls sideways ${document.documentElement.scrollWidth} > ${width}`);
        for (const el of Array.from(document.querySelectorAll<HTMLElement>('.topbar *, .page-header *, .acting-banner *'))) {
          const r = el.getBoundingClientRect();
          if (r.width > 0 && r.right > width + 1) problems.push(`${el.className || el.tagName} ends at ${Math.round(r.right)} > ${width}`);
          if (el.childElementCount === 0 && el.textContent?.includes(name.slice(0, 20)) && el.scrollWidth > el.clientWidth + 1) {
            const titled = el.closest('[title]')?.getAttribute('title') ?? '';
            if (!titled.includes(name)) problems.push(`"${el.textContent}" is cut without the full name on hover`);
            if (getComputedStyle(el).textOverflow !== 'ellipsis') problems.push(`"${el.textContent}" is cut without an ellipsis`);
          }
        }
        return problems;
      }, GERMAN);
      expect(overflow).toEqual([]);
      expect(await e2e.page.locator(`.topbar [title*="${GERMAN}"]`).count()).toBeGreaterThan(0);
    }, 60_000);

    it(`a virtualized table at ${tag}: a plain-text cell too narrow for its text ends in an ellipsis, the whole text on hover`, async () => {
      await e2e.page.setViewportSize(size);
      if (!(await e2e.page.getByTestId('self-button').isVisible())) await switchCompany(e2e.page, 'Müller-Lüdenscheidt');
      await e2e.page.goto(addressInWindow(e2e.page, e2e.origin, '/store/customers'));
      const cell = e2e.page.getByTestId('customers').locator('.vt-text', { hasText: LONG_CITY.slice(0, 20) }).first();
      await cell.waitFor(WAIT);
      const fit = await cell.evaluate((el) => ({ cut: el.scrollWidth > el.clientWidth + 1, overflow: getComputedStyle(el).textOverflow, title: el.getAttribute('title'), right: el.getBoundingClientRect().right, cellRight: el.closest('.vt-cell')!.getBoundingClientRect().right }));
      // The text is wider than its column (else this proves nothing), ends in an ellipsis inside its cell, and the
      // whole text is the tooltip.
      expect(fit).toMatchObject({ cut: true, overflow: 'ellipsis', title: LONG_CITY });
      expect(fit.right).toBeLessThanOrEqual(fit.cellRight + 0.5);
      await screenshot(e2e.page, `fit-customers-ellipsis-${tag}`);
    }, 60_000);

    it(`Billing as Self at ${tag}: the month's amounts and the documents' are whole`, async () => {
      await e2e.page.setViewportSize(size);
      if (await e2e.page.getByTestId('self-button').isVisible()) await e2e.page.getByTestId('self-button').click();
      await e2e.page.goto(`${e2e.origin}/#/billing`);
      await e2e.page.locator('main .card').first().waitFor(WAIT);
      await e2e.page.waitForTimeout(500);
      await screenshot(e2e.page, `fit-billing-${tag}`);
      expect(await clipped(e2e.page.locator('main'))).toEqual([]);
    }, 60_000);
  }

  it('left no uncaught errors on the page', () => {
    expect(e2e.pageErrors).toEqual([]);
  });
});
