import { afterEach, describe, expect, it } from 'vitest';
import { OPERATOR } from '../../../../../src-main/core/access';
import { seedSales } from '../../../../../src-main/core/seed/sales-seed';
import { openShopPlatform } from '../../../../helpers/shop';

const open: { platform: { dispose(): void } }[] = [];
afterEach(() => open.splice(0).forEach((o) => o.platform.dispose()));

const END = Date.parse('2026-10-31T23:59:59Z');

function seeded(seed = 7) {
  const shop = openShopPlatform();
  open.push(shop);
  const progress: number[] = [];
  const result = seedSales(shop.platform, { partnerId: shop.partnerId, companies: 40, orders: 6000, months: 12, seed, end: END, onProgress: (p) => progress.push(p.ordersDone) });
  return { ...shop, result, progress };
}

const comparable = <T extends { productMonthly: { name: string }[] }>(s: T) => ({ ...s, productMonthly: s.productMonthly.map(({ name: _name, ...rest }) => rest) });

// Each test seeds thousands of orders and recounts them: slow on a busy machine, so a longer timeout.
describe('the scale seed', { timeout: 30_000 }, () => {
  it('writes consistent shops whose rollups equal a recount from raw orders', () => {
    const { platform, result, progress } = seeded();
    expect(result).toMatchObject({ companies: { created: 40 }, orders: 6000 });
    expect(result.lines).toBeGreaterThan(6000);
    expect(result.rows).toBe(40 * 2 + result.products + result.customers + result.orders + result.lines + 40);
    expect(progress.at(-1)).toBe(6000);
    const ids = Array.from({ length: 40 }, (_, i) => result.companies.firstId + i);
    const rollups = platform.repos.rollups.snapshot(ids);
    expect(rollups.salesDaily.length + rollups.salesMonthly.length + rollups.kindDaily.length + rollups.kindMonthly.length + rollups.productDaily.length + rollups.productMonthly.length + rollups.productQuarterly.length).toBe(result.rollupRows);
    expect(comparable(rollups)).toEqual(comparable(platform.repos.rollups.recount(ids)));
    // Counters, numbers, checks and foreign keys hold; the bulk-load settings and indexes are back.
    const db = platform.db;
    const counts = db.prepare('SELECT n.customers, n.orders, (SELECT COUNT(*) FROM customers c WHERE c.company_id = n.company_id) AS c, (SELECT COUNT(*) FROM orders o WHERE o.company_id = n.company_id) AS o FROM shop_counts n WHERE n.company_id BETWEEN ? AND ?').all(ids[0], ids.at(-1)) as { customers: number; orders: number; c: number; o: number }[];
    expect(counts).toHaveLength(40);
    for (const row of counts) expect([row.customers, row.orders]).toEqual([row.c, row.o]);
    expect(db.prepare('SELECT COUNT(*) FROM (SELECT company_id FROM orders GROUP BY company_id HAVING MIN(number) <> 1001 OR MAX(number) <> 1000 + COUNT(*))').pluck().get()).toBe(0);
    expect(db.prepare("SELECT COUNT(*) FROM orders WHERE company_id BETWEEN ? AND ? AND (gross_minor <> net_minor + vat_minor OR status NOT IN ('pending', 'paid', 'fulfilled', 'cancelled', 'refunded') OR placed_at > ?)").pluck().get(ids[0], ids.at(-1), END)).toBe(0);
    expect(db.prepare('SELECT COUNT(*) FROM orders o WHERE o.net_minor <> (SELECT SUM(net_minor) FROM order_lines l WHERE l.order_id = o.id)').pluck().get()).toBe(0);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('ignore_check_constraints', { simple: true })).toBe(0);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    const indexes = db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('orders', 'customers')").pluck().all();
    expect(indexes).toEqual(expect.arrayContaining(['orders_company_number', 'orders_company_placed', 'orders_customer_placed', 'customers_company_email', 'customers_company_name']));
  });

  it('looks like real trade: few large clients, many small, several currencies, repeat customers, a Christmas peak', () => {
    const { platform, result } = seeded();
    const sizes = (platform.db.prepare('SELECT COUNT(*) FROM orders WHERE company_id BETWEEN ? AND ? GROUP BY company_id ORDER BY 1 DESC').pluck().all(result.companies.firstId, result.companies.lastId) as number[]);
    expect(result.largestClientOrders).toBe(sizes[0]);
    expect(sizes[0]).toBeGreaterThan(10 * sizes[Math.floor(sizes.length / 2)]);
    expect(result.currencies.length).toBeGreaterThanOrEqual(5);
    expect(result.customers).toBeLessThan(result.orders * 0.6);
    const perMonth = new Map(platform.db.prepare("SELECT strftime('%m', placed_at / 1000, 'unixepoch') AS m, COUNT(*) AS n FROM orders GROUP BY m").all().map((r) => [(r as { m: string }).m, (r as { n: number }).n]));
    // December (in the middle of this history) beats the average month.
    expect(perMonth.get('12')!).toBeGreaterThan(6000 / 12);
    expect(platform.db.prepare('SELECT COUNT(*) FROM orders WHERE is_demo = 1').pluck().get()).toBeGreaterThan(0);
  });

  it('gives the same data for the same seed and end, and the services carry on from it', () => {
    const a = seeded(3);
    const b = seeded(3);
    const digest = (p: typeof a.platform) => p.db.prepare('SELECT COUNT(*) AS n, SUM(gross_minor) AS g, SUM(placed_at % 100000) AS t, SUM(customer_id) AS c FROM orders').get();
    expect(digest(a.platform)).toEqual(digest(b.platform));
    const { platform, result } = a;
    const companyId = result.companies.firstId + 1;
    const product = platform.db.prepare('SELECT id FROM products WHERE company_id = ? AND is_active = 1 ORDER BY id LIMIT 1').pluck().get(companyId) as number;
    const before = platform.db.prepare('SELECT MAX(id) FROM orders').pluck().get() as number;
    const order = platform.checkout.place(OPERATOR, companyId, { customer: { email: 'late@example.com', name: 'Late', phone: '', street: '', city: '', postalCode: '', country: '', acceptsMarketing: false }, lines: [{ productId: product, quantity: 1 }], note: '' });
    expect(order.id).toBeGreaterThan(before);
    expect(order.number).toBe(1001 + (platform.db.prepare('SELECT COUNT(*) FROM orders WHERE company_id = ?').pluck().get(companyId) as number) - 1);
    expect(comparable(platform.repos.rollups.snapshot([companyId]))).toEqual(comparable(platform.repos.rollups.recount([companyId])));
  });
});
