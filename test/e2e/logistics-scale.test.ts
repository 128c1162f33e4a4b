// The logistics provider's long lists in Chromium: thousands of forwarded orders and shipments stay virtualized
// (the page fills the window and the table scrolls inside it). Before, the queue and shipments tabs sat in a page
// that grew with the table, so every row was drawn: at 40,044 to ship the page froze until Chromium closed it.
import Database from 'better-sqlite3';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, runCli } from '../helpers/cli';
import { closeConsoleInChromium, openConsoleInChromium } from '../helpers/console-e2e';
import { tempDir } from '../helpers/platform';

const dir = tempDir('pd-e2e-logistics-scale-');
const dataDir = join(dir.path, 'data');
let child: ChildProcessWithoutNullStreams;
let browser: Browser;
let page: Page;
let origin: string;
let forwarded = 0;
/** The rows drawn in a table, loaded or still a placeholder. */
const drawn = (table: string) => page.getByTestId(`${table}-scroll`).locator('[data-index]').count();

/** Every order of the folder forwarded to the demo's Northwind Fulfilment, with one shipment each (as the bench does). */
function forwardEveryOrder(): number {
  const db = new Database(join(dataDir, 'partnerdeck.sqlite'));
  try {
    const provider = db.prepare("SELECT id, name FROM logistics_providers WHERE name = 'Northwind Fulfilment'").get() as { id: number; name: string };
    const warehouse = db.prepare('SELECT id FROM logistics_warehouses WHERE provider_id = ? ORDER BY id LIMIT 1').pluck().get(provider.id) as number;
    const after = db.prepare('SELECT COALESCE(MAX(order_id), 0) FROM logistics_fulfillments WHERE provider_id = ?').pluck().get(provider.id) as number;
    db.transaction(() => {
      db.prepare(
        `INSERT INTO logistics_fulfillments (order_id, order_number, company_id, provider_id, provider_name, rate_id, zone_name, state, warehouse_id, reserved, weight_grams, amount_minor, currency,
           ship_name, ship_email, ship_street, ship_city, ship_postal_code, ship_country, item_count, forwarded_at, updated_at)
         SELECT o.id, o.number, o.company_id, @provider, @name, 0, 'EU', CASE WHEN o.id % 2 = 0 THEN 'open' ELSE 'partly_shipped' END,
           @warehouse, 0, 900, 490, o.currency, c.name, c.email, c.street, c.city, c.postal_code, COALESCE(NULLIF(c.country, ''), 'DE'), o.item_count, o.placed_at, o.placed_at
         FROM orders o JOIN customers c ON c.id = o.customer_id WHERE o.id NOT IN (SELECT order_id FROM logistics_fulfillments)`,
      ).run({ provider: provider.id, name: provider.name, warehouse });
      db.prepare(
        `INSERT INTO logistics_shipments (provider_id, company_id, order_id, warehouse_id, carrier, tracking_number, status, created_at, updated_at)
         SELECT @provider, f.company_id, f.order_id, @warehouse, 'DHL', printf('00340434%012d', f.order_id), 'in_transit', f.forwarded_at, f.forwarded_at
         FROM logistics_fulfillments f WHERE f.provider_id = @provider AND f.order_id > @after`,
      ).run({ provider: provider.id, warehouse, after });
    })();
    return db.prepare("SELECT count(*) FROM logistics_fulfillments WHERE provider_id = ? AND state <> 'shipped'").pluck().get(provider.id) as number;
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  assertBuilt();
  const seeded = runCli(['seed', '--companies', '2', '--orders', '3000', '--data-dir', dataDir, '--json']);
  expect(seeded.status, String(seeded.stderr)).toBe(0);
  forwarded = forwardEveryOrder();
  ({ child, browser, page, origin } = await openConsoleInChromium(dataDir, { viewport: { width: 1280, height: 800 } }));
});

afterAll(async () => {
  await closeConsoleInChromium({ browser, child });
  dir.remove();
});

describe('a logistics provider with thousands of orders', () => {
  it('the fulfillment queue keeps under 150 rows in the DOM and reaches the last order by scrolling', async () => {
    expect(forwarded).toBeGreaterThan(3000);
    await page.goto(`${origin}/#/logistics/queue`);
    const rows = page.getByTestId('queue-row');
    await rows.first().waitFor();
    await expect.poll(() => page.getByTestId('queue-total').textContent()).toBe(`${forwarded.toLocaleString('en-US')} orders`);
    expect(await drawn('queue-row')).toBeLessThan(150);
    await page.getByTestId('queue-row-scroll').evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await expect.poll(() => page.locator(`[data-testid="queue-row"][data-index="${forwarded - 1}"]`).count()).toBe(1);
    expect(await drawn('queue-row')).toBeLessThan(150);
  });

  it('the shipments list does the same', async () => {
    await page.goto(`${origin}/#/logistics/shipments`);
    const rows = page.getByTestId('shipment-row');
    await rows.first().waitFor();
    expect(await drawn('shipment-row')).toBeLessThan(150);
  });
});
