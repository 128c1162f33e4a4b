// The rollups are kept in the same transaction as every order change; after any mix of creates, edits and
// deletes they must equal a recount from raw orders (rollups-repository.recount).
import { afterEach, describe, expect, it } from 'vitest';
import { OPERATOR } from '../../../../../src-main/core/access';
import type { RollupSnapshot } from '../../../../../src-main/core/repositories/rollups-repository';
import { ORDER_TRANSITIONS, type OrderStatus } from '../../../../../src-shared/domain/shop';
import { prng } from '../../../../helpers/prng';
import { openShopPlatform } from '../../../../helpers/shop';

const open: { platform: { dispose(): void } }[] = [];
afterEach(() => open.splice(0).forEach((o) => o.platform.dispose()));

/** The display name of a product rollup is "as last sold" and not part of the comparison. */
const comparable = (s: RollupSnapshot) => ({ ...s, productMonthly: s.productMonthly.map(({ name: _name, ...rest }) => rest) });

// Hundreds of orders through the services per case: slow on a busy machine, so a longer timeout.
describe('rollups', { timeout: 30_000 }, () => {
  for (const seed of [1, 2, 3]) {
    it(`equal a recount from raw orders after a random mix of creates, edits and deletes (seed ${seed})`, () => {
      const { platform, newClient } = openShopPlatform();
      open.push({ platform });
      const rnd = prng(seed);
      const companies = [newClient({ country: 'DE' }), newClient({ country: 'GB' }), newClient({ country: 'JP' }), newClient({ country: 'NL', sample: true })];
      const shops = companies.map((companyId) => {
        const product = (kind: 'physical' | 'digital' | 'service', name: string, priceMinor: number, extra: object = {}) =>
          platform.catalog.createProduct(OPERATOR, companyId, { kind, name, sku: '', description: '', priceMinor, isActive: true, categoryIds: [], ...extra } as never).id;
        const products = [
          product('physical', 'Lamp', 4999, { weightGrams: 800, stock: 100_000 }),
          product('digital', 'E-book', 1299),
          product('service', 'Setup', 15000, { vatRateBp: 700 }),
          product('service', 'Support', 333),
        ];
        const customers = Array.from({ length: 6 }, (_, i) =>
          platform.customers.create(OPERATOR, companyId, { email: `c${i}@shop${companyId}.example`, name: `Customer ${i}`, phone: '', street: '', city: '', postalCode: '', country: '', acceptsMarketing: false, note: '' }).id,
        );
        return { companyId, products, customers, orders: [] as number[] };
      });
      const lines = (products: number[]) => Array.from({ length: 1 + rnd.int(3) }, () => ({ productId: rnd.pick(products), quantity: 1 + rnd.int(4) }));
      const now = platform.clock.now();
      let applied = 0;
      for (let step = 0; step < 400; step++) {
        const shop = rnd.pick(shops);
        const roll = rnd.next();
        const orderId = shop.orders.length > 0 ? rnd.pick(shop.orders) : null;
        const order = orderId === null ? null : platform.repos.orders.get(shop.companyId, orderId);
        if (roll < 0.4 || !order) {
          // Placed up to ~3 months back, across month boundaries, at any hour.
          const placedAt = now - rnd.int(95 * 86_400_000);
          const created = platform.orders.create(OPERATOR, shop.companyId, { customerId: rnd.pick(shop.customers), status: rnd.next() < 0.3 ? 'pending' : 'paid', lines: lines(shop.products), note: '', placedAt });
          shop.orders.push(created.id);
        } else if (roll < 0.65) {
          const next = ORDER_TRANSITIONS[order.status];
          if (next.length > 0) platform.orders.update(OPERATOR, shop.companyId, order.id, { status: rnd.pick(next) as OrderStatus });
        } else if (roll < 0.85) {
          if (order.status === 'pending' || order.status === 'paid') {
            const current = platform.repos.orders.lines(order.id);
            const kept = current.filter(() => rnd.next() < 0.6).map((l) => ({ lineNo: l.line_no, quantity: 1 + rnd.int(5) }));
            const added = rnd.next() < 0.7 || kept.length === 0 ? lines(shop.products) : [];
            platform.orders.update(OPERATOR, shop.companyId, order.id, { lines: [...kept, ...added] });
          }
        } else if (order.status === 'pending' || order.status === 'cancelled') {
          platform.orders.delete(OPERATOR, shop.companyId, order.id);
          shop.orders.splice(shop.orders.indexOf(order.id), 1);
        } else {
          continue;
        }
        applied++;
      }
      expect(applied).toBeGreaterThan(250);
      const counted = platform.db.prepare("SELECT COUNT(*) FROM orders WHERE status IN ('paid', 'fulfilled')").pluck().get() as number;
      expect(counted).toBeGreaterThan(20);
      const rollups = platform.repos.rollups.snapshot(companies);
      const recount = platform.repos.rollups.recount(companies);
      expect(comparable(rollups)).toEqual(comparable(recount));
      expect(rollups.salesDaily.some((r) => r.new_customers > 0)).toBe(true);
      expect(new Set(rollups.salesMonthly.map((r) => r.currency))).toEqual(new Set(['EUR', 'GBP', 'JPY']));
      expect(rollups.salesMonthly.some((r) => r.demo === 1)).toBe(true);
      // The counters agree with the tables.
      for (const companyId of companies) {
        const orders = platform.db.prepare('SELECT COUNT(*) FROM orders WHERE company_id = ?').pluck().get(companyId);
        expect(platform.repos.customers.counts(companyId)).toEqual({ customers: 6, orders });
      }
    });
  }

  it('moves a customer\'s "new customer" mark when the first paid order is cancelled', () => {
    const { platform, newClient } = openShopPlatform();
    open.push({ platform });
    const companyId = newClient();
    const productId = platform.catalog.createProduct(OPERATOR, companyId, { kind: 'service', name: 'S', sku: '', description: '', priceMinor: 1000, isActive: true, categoryIds: [] } as never).id;
    const customerId = platform.customers.create(OPERATOR, companyId, { email: 'x@example.com', name: 'X', phone: '', street: '', city: '', postalCode: '', country: '', acceptsMarketing: false, note: '' }).id;
    const at = (day: string) => Date.parse(`${day}T10:00:00Z`);
    const first = platform.orders.create(OPERATOR, companyId, { customerId, status: 'paid', lines: [{ productId, quantity: 1 }], note: '', placedAt: at('2026-09-15') });
    platform.orders.create(OPERATOR, companyId, { customerId, status: 'paid', lines: [{ productId, quantity: 1 }], note: '', placedAt: at('2026-10-03') });
    const newCustomers = () => platform.repos.rollups.snapshot([companyId]).salesMonthly.map((r) => [r.period, r.new_customers]);
    expect(newCustomers()).toEqual([[202609, 1], [202610, 0]]);
    platform.orders.update(OPERATOR, companyId, first.id, { status: 'cancelled' });
    expect(newCustomers()).toEqual([[202610, 1]]);
  });
});
