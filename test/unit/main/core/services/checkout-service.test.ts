import { afterEach, describe, expect, it } from 'vitest';
import { OPERATOR } from '../../../../../src-main/core/access';
import { SAMPLE_CANNOT_SELL } from '../../../../../src-main/core/services/checkout-service';
import { checkoutSchema, orderUpdateSchema } from '../../../../../src-shared/api/shop-inputs';
import { parseInput } from '../../../../../src-shared/api/validation';
import { errorOf, openShopPlatform } from '../../../../helpers/shop';

const open: { platform: { dispose(): void } }[] = [];
afterEach(() => open.splice(0).forEach((o) => o.platform.dispose()));

function setup(options: { sample?: boolean; storefrontOpen?: boolean; country?: string } = {}) {
  const shop = openShopPlatform();
  open.push(shop);
  const { platform, partner, newClient } = shop;
  const companyId = newClient(options);
  const make = (input: Record<string, unknown>) =>
    platform.catalog.createProduct(OPERATOR, companyId, {
      sku: '', description: '', isActive: true, categoryIds: [], kind: 'service', priceMinor: 0, name: 'x', ...input,
    } as never);
  const boots = make({ kind: 'physical', name: 'Boots', priceMinor: 12999, vatRateBp: 1900, weightGrams: 900, stock: 3 });
  const guide = make({ kind: 'digital', name: 'Guide', priceMinor: 333, vatRateBp: 700 });
  const tour = make({ kind: 'service', name: 'Tour', priceMinor: 5000, vatRateBp: 1900 });
  const checkout = (email: string, lines: { productId: number; quantity: number }[]) =>
    platform.checkout.place(partner, companyId, { ...parseInput(checkoutSchema, { companyId, customer: { email, name: email.split('@')[0] }, lines }) });
  return { ...shop, companyId, boots, guide, tour, make, checkout };
}

describe('checkout', () => {
  it('places a paid order: customer created by email, lines priced with VAT per line (half up), stock taken, events inside the transaction', () => {
    const { platform, companyId, boots, guide, checkout, recordEvents } = setup();
    const events = recordEvents();
    const order = checkout('Ann@Example.com', [{ productId: boots.id, quantity: 2 }, { productId: guide.id, quantity: 3 }]);
    // Boots: 25998 net, VAT 19 % = 4939.62 -> 4940; Guide: 999 net, VAT 7 % = 69.93 -> 70.
    expect(order.lines.map((l) => [l.name, l.netMinor, l.vatMinor, l.grossMinor])).toEqual([
      ['Boots', 25998, 4940, 30938],
      ['Guide', 999, 70, 1069],
    ]);
    expect(order).toMatchObject({ status: 'paid', currency: 'EUR', netMinor: 26997, vatMinor: 5010, grossMinor: 32007, itemCount: 5, number: 1001, source: 'checkout', isDemo: false, customerEmail: 'ann@example.com' });
    expect(platform.catalog.getProduct(OPERATOR, companyId, boots.id).stock).toBe(1);
    expect(events).toEqual([
      ['customer.created', { companyId, id: order.customerId }],
      ['order.created', { companyId, id: order.id }],
    ]);
    // A returning customer is found by email: no new customer, the next number.
    const again = checkout('ann@example.com', [{ productId: guide.id, quantity: 1 }]);
    expect(again).toMatchObject({ customerId: order.customerId, number: 1002 });
    expect(events.slice(2)).toEqual([['order.created', { companyId, id: again.id }]]);
  });

  it('refuses when stock runs out, naming the line, and writes nothing', () => {
    const { platform, companyId, boots, tour, checkout } = setup();
    const error = errorOf(() => checkout('b@example.com', [{ productId: tour.id, quantity: 1 }, { productId: boots.id, quantity: 2 }, { productId: boots.id, quantity: 2 }]));
    expect(error.fields).toEqual({ 'lines.1.quantity': ['only 3 of "Boots" are in stock'] });
    expect(platform.repos.customers.findByEmail(companyId, 'b@example.com')).toBeUndefined();
    expect(platform.catalog.getProduct(OPERATOR, companyId, boots.id).stock).toBe(3);
    expect(platform.repos.customers.counts(companyId)).toEqual({ customers: 0, orders: 0 });
  });

  it('refuses unknown, foreign, inactive and differently priced products by line', () => {
    const { platform, companyId, tour, make, checkout, newClient } = setup();
    const other = newClient();
    const foreign = platform.catalog.createProduct(OPERATOR, other, { kind: 'service', name: 'Foreign', sku: '', description: '', priceMinor: 1, isActive: true, categoryIds: [] } as never);
    const hidden = make({ name: 'Hidden', priceMinor: 100, isActive: false });
    const dollars = make({ name: 'Dollars', priceMinor: 100, currency: 'USD' });
    const error = errorOf(() =>
      checkout('c@example.com', [
        { productId: tour.id, quantity: 1 },
        { productId: foreign.id, quantity: 1 },
        { productId: hidden.id, quantity: 1 },
        { productId: dollars.id, quantity: 1 },
      ]),
    );
    expect(error.fields).toEqual({
      'lines.1.productId': [`product ${foreign.id} does not exist in this shop`],
      'lines.2.productId': ['"Hidden" is not available for sale'],
      'lines.3.productId': ['"Dollars" is priced in USD, this order is in EUR'],
    });
    expect(errorOf(() => parseInput(checkoutSchema, { companyId, customer: { email: 'nope', name: '' }, lines: [] })).fields).toEqual({
      'customer.email': ['is not a valid email address'],
      'customer.name': ['is required'],
      lines: ['need at least one line'],
    });
  });

  it('a sample company cannot make end-user sales; a closed storefront takes no orders', () => {
    const sample = setup({ sample: true });
    const refused = errorOf(() => sample.checkout('d@example.com', [{ productId: sample.tour.id, quantity: 1 }]));
    expect(refused.code).toBe('forbidden');
    expect(refused.message).toContain(SAMPLE_CANNOT_SELL);
    expect(refused.details?.reason).toBe('sample_company');
    const closed = setup({ storefrontOpen: false });
    const error = errorOf(() => closed.checkout('e@example.com', [{ productId: closed.tour.id, quantity: 1 }]));
    expect(error).toMatchObject({ code: 'conflict', details: { reason: 'storefront_closed' } });
  });

  it('a sample company may enter orders by hand; they are demo orders', () => {
    const { platform, partner, companyId, tour } = setup({ sample: true });
    const customer = platform.customers.create(partner, companyId, { email: 'demo@x.example', name: 'Demo', phone: '', street: '', city: '', postalCode: '', country: '', acceptsMarketing: false, note: '' });
    const order = platform.orders.create(partner, companyId, { customerId: customer.id, status: 'paid', lines: [{ productId: tour.id, quantity: 1 }], note: '' });
    expect(order.isDemo).toBe(true);
    expect(customer.isDemo).toBe(true);
  });
});

describe('order changes', () => {
  it('follows the status rules: pending -> paid -> fulfilled -> refunded, cancelled and refunded are final', () => {
    const { platform, partner, companyId, tour, checkout } = setup();
    const order = checkout('f@example.com', [{ productId: tour.id, quantity: 1 }]);
    expect(errorOf(() => platform.orders.update(partner, companyId, order.id, { status: 'pending' })).fields).toEqual({
      status: ['cannot change from paid to pending (possible: fulfilled, refunded, cancelled)'],
    });
    expect(platform.orders.update(partner, companyId, order.id, { status: 'fulfilled' }).status).toBe('fulfilled');
    expect(platform.orders.update(partner, companyId, order.id, { status: 'refunded' }).status).toBe('refunded');
    expect(errorOf(() => platform.orders.update(partner, companyId, order.id, { status: 'paid' })).fields.status[0]).toContain('refunded is final');
    expect(errorOf(() => parseInput(orderUpdateSchema, { companyId, orderId: order.id, status: 'lost' })).fields.status).toBeDefined();
  });

  it('edits lines (kept lines keep their price as sold, new ones take today\'s), moves stock, cancels with stock back', () => {
    const { platform, partner, companyId, boots, tour, checkout, recordEvents } = setup();
    const order = checkout('g@example.com', [{ productId: boots.id, quantity: 1 }]);
    platform.catalog.updateProduct(partner, companyId, boots.id, { priceMinor: 20000 });
    const events = recordEvents();
    const edited = platform.orders.update(partner, companyId, order.id, { lines: [{ lineNo: 1, quantity: 2 }, { productId: tour.id, quantity: 1 }] });
    expect(edited.lines.map((l) => [l.lineNo, l.name, l.unitPriceMinor, l.quantity, l.netMinor])).toEqual([
      [1, 'Boots', 12999, 2, 25998],
      [2, 'Tour', 5000, 1, 5000],
    ]);
    expect(edited.grossMinor).toBe(edited.netMinor + edited.vatMinor);
    expect(platform.catalog.getProduct(OPERATOR, companyId, boots.id).stock).toBe(1);
    expect(events).toEqual([['order.updated', { companyId, id: order.id }]]);
    expect(errorOf(() => platform.orders.update(partner, companyId, order.id, { lines: [{ lineNo: 1, quantity: 4 }] })).fields).toEqual({
      'lines.0.quantity': ['only 1 of "Boots" is in stock'],
    });
    expect(errorOf(() => platform.orders.update(partner, companyId, order.id, { lines: [{ lineNo: 9, quantity: 1 }] })).fields).toEqual({
      'lines.0.lineNo': ['line 9 is not a line of this order'],
    });
    platform.orders.update(partner, companyId, order.id, { status: 'cancelled' });
    expect(platform.catalog.getProduct(OPERATOR, companyId, boots.id).stock).toBe(3);
    expect(errorOf(() => platform.orders.update(partner, companyId, order.id, { lines: [{ lineNo: 1, quantity: 1 }] })).fields.lines[0]).toContain('only while the order is pending or paid');
  });

  it('deletes only pending or cancelled orders; a pending order gives its stock back; the counters follow', () => {
    const { platform, partner, companyId, boots, tour, checkout } = setup();
    const paid = checkout('h@example.com', [{ productId: tour.id, quantity: 1 }]);
    const conflict = errorOf(() => platform.orders.delete(partner, companyId, paid.id));
    expect(conflict.code).toBe('conflict');
    expect(conflict.message).toContain('only pending or cancelled orders can be deleted');
    const pending = platform.orders.create(partner, companyId, { customerId: paid.customerId, status: 'pending', lines: [{ productId: boots.id, quantity: 2 }], note: '' });
    expect(platform.catalog.getProduct(OPERATOR, companyId, boots.id).stock).toBe(1);
    expect(platform.repos.customers.counts(companyId)).toEqual({ customers: 1, orders: 2 });
    platform.orders.delete(partner, companyId, pending.id);
    expect(platform.catalog.getProduct(OPERATOR, companyId, boots.id).stock).toBe(3);
    expect(platform.repos.customers.counts(companyId)).toEqual({ customers: 1, orders: 1 });
    expect(errorOf(() => platform.customers.delete(partner, companyId, paid.customerId)).message).toContain('has 1 order');
  });

  it('lists orders newest first with status, date and number filters', () => {
    const { platform, partner, companyId, tour, checkout } = setup();
    const ids: number[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push(checkout(`p${i}@example.com`, [{ productId: tour.id, quantity: 1 }]).id);
      platform.clock.advance(86_400_000);
    }
    platform.orders.update(partner, companyId, ids[1], { status: 'fulfilled' });
    const list = (filter: Record<string, unknown>) =>
      platform.orders.list(partner, companyId, { search: '', sort: 'placedAt', direction: 'desc', offset: 0, limit: 50, ...filter } as never);
    expect(list({}).items.map((o) => o.id)).toEqual([...ids].reverse());
    expect(list({}).total).toBe(5);
    expect(list({ status: 'fulfilled' }).items.map((o) => o.id)).toEqual([ids[1]]);
    expect(list({ search: '#1003' }).items.map((o) => o.number)).toEqual([1003]);
    expect(list({ search: 'p4@' }).items.map((o) => o.id)).toEqual([ids[4]]);
    expect(list({ from: '2026-11-02', to: '2026-11-03' }).items.map((o) => o.id)).toEqual([ids[2], ids[1]]);
  });

  it('customer detail shows order count, spend per currency and recent orders', () => {
    const { platform, partner, companyId, tour, guide, checkout } = setup();
    const first = checkout('i@example.com', [{ productId: tour.id, quantity: 2 }]);
    checkout('i@example.com', [{ productId: guide.id, quantity: 1 }]);
    const detail = platform.customers.get(partner, companyId, first.customerId);
    expect(detail).toMatchObject({ orderCount: 2, spent: [{ currency: 'EUR', orders: 2, netMinor: 10333 }] });
    expect(detail.recentOrders).toHaveLength(2);
  });
});
