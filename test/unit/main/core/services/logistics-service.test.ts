// Logistics partners (issue 15): operator approval, "offered only to selected clients", shipping at checkout in
// several currencies and "cannot ship there" (no order placed), forwarding with the outbox email and the
// reservation, inventory (stock = the sum of the movements after random operations, never below zero), shipments
// and tracking, and that shipping never enters the order totals, the rollups or the month close.
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { OPERATOR, type Actor } from '../../../../../src-main/core/access';
import { checkoutSchema, customerCreateSchema, orderCreateSchema } from '../../../../../src-shared/api/shop-inputs';
import { queueSchema, rateSaveSchema, shipSchema, stockListSchema, zoneSaveSchema, warehouseSaveSchema } from '../../../../../src-shared/api/logistics-inputs';
import { parseInput } from '../../../../../src-shared/api/validation';
import { errorOf, openShopPlatform } from '../../../../helpers/shop';

const open: { platform: { dispose(): void } }[] = [];
afterEach(() => open.splice(0).forEach((o) => o.platform.dispose()));

type Shop = ReturnType<typeof openShopPlatform>;

/** A test partner that is an approved provider with two warehouses, EU and US zones, EUR and USD rates. */
function setup(seed: 'demo' | 'none' = 'none') {
  const shop = openShopPlatform(seed);
  open.push(shop);
  const { platform, partner, partnerId, newClient } = shop;
  const provider = platform.logistics.apply(partner, { companyId: partnerId, name: 'Test Fulfilment', contactEmail: 'ops@test-fulfilment.example', note: '' });
  platform.logistics.approve(OPERATOR, provider.id);
  const hamburg = platform.logistics.saveWarehouse(partner, parseInput(warehouseSaveSchema, { providerId: provider.id, name: 'Hamburg', country: 'DE' }));
  const newark = platform.logistics.saveWarehouse(partner, parseInput(warehouseSaveSchema, { providerId: provider.id, name: 'Newark', country: 'US' }));
  const eu = platform.logistics.saveZone(partner, parseInput(zoneSaveSchema, { providerId: provider.id, name: 'EU', countries: ['DE', 'AT', 'FR'] }));
  const us = platform.logistics.saveZone(partner, parseInput(zoneSaveSchema, { providerId: provider.id, name: 'US', countries: ['US'] }));
  const rate = (zoneId: number, currency: string, minGrams: number, maxGrams: number | null, amountMinor: number) =>
    platform.logistics.saveRate(partner, parseInput(rateSaveSchema, { providerId: provider.id, zoneId, currency, minGrams, maxGrams, amountMinor }));
  rate(eu.id, 'EUR', 0, 1000, 490);
  rate(eu.id, 'EUR', 1001, null, 990);
  rate(us.id, 'USD', 0, 2000, 1500);
  rate(us.id, 'EUR', 0, 2000, 1400);
  const client = (currency = 'EUR', country = 'DE') => {
    const companyId = newClient({ country });
    const product = (name: string, weightGrams: number, priceMinor = 1000) =>
      platform.catalog.createProduct(OPERATOR, companyId, { sku: '', description: '', isActive: true, categoryIds: [], kind: 'physical', name, priceMinor, currency, vatRateBp: 1900, weightGrams, stock: 1000 } as never);
    return { companyId, product };
  };
  const checkout = (companyId: number, country: string, lines: { productId: number; quantity: number }[], email = `c${Math.random().toString(36).slice(2)}@example.com`) =>
    platform.checkout.place(partner, companyId, parseInput(checkoutSchema, { companyId, customer: { email, name: 'Carla Customer', street: 'Hauptstraße 1', city: 'Berlin', postalCode: '10115', country }, lines }));
  const choose = (companyId: number, chosen: number[] = [provider.id], preferred: number | null = null) =>
    platform.logistics.setShopProviders(partner, { companyId, chosen, preferred });
  const receive = (warehouseId: number, productId: number, quantity: number, actor: Actor = partner) =>
    platform.fulfillment.moveStock(actor, { providerId: provider.id, warehouseId, productId, kind: 'receipt', quantity, note: '' });
  /** A client that chose the provider, with Boots (900 g) and a Cap (100 g) in Hamburg, ordered 2 + 1 from Germany, and its shipping. */
  const orderToShip = () => {
    const shop = client();
    const boots = shop.product('Boots', 900);
    const cap = shop.product('Cap', 100);
    choose(shop.companyId);
    receive(hamburg.id, boots.id, 10);
    receive(hamburg.id, cap.id, 10);
    const order = checkout(shop.companyId, 'DE', [{ productId: boots.id, quantity: 2 }, { productId: cap.id, quantity: 1 }]);
    const ship = (input: Record<string, unknown>) => platform.fulfillment.ship(partner, parseInput(shipSchema, { providerId: provider.id, orderId: order.id, warehouseId: hamburg.id, carrier: 'DHL', ...input }));
    return { shop, boots, cap, order, ship };
  };
  return { ...shop, provider, hamburg, newark, eu, us, rate, client, checkout, choose, receive, orderToShip };
}

describe('operator approval', () => {
  it('a partner applies, waits, the operator approves or rejects with a reason; emails go to the contact; users cannot decide', () => {
    const shop = openShopPlatform('none');
    open.push(shop);
    const { platform, partner, partnerId, newClient } = shop;
    expect(errorOf(() => platform.logistics.apply(partner, { companyId: newClient(), name: 'X', contactEmail: 'x@example.com', note: '' })).fields).toEqual({
      companyId: [expect.stringContaining('is not a partner')],
    });
    const applied = platform.logistics.apply(partner, { companyId: partnerId, name: 'Test Fulfilment', contactEmail: 'ops@example.com', note: 'We run two warehouses' });
    expect(applied).toMatchObject({ state: 'pending', decidedAt: null });
    expect(platform.logistics.review(OPERATOR, 'pending').map((p) => p.id)).toEqual([applied.id]);
    expect(errorOf(() => platform.logistics.apply(partner, { companyId: partnerId, name: 'Again', contactEmail: 'ops@example.com', note: '' })).code).toBe('conflict');
    expect(errorOf(() => platform.logistics.approve(partner, applied.id)).code).toBe('forbidden');
    // Before approval it cannot book stock or ship.
    const wh = platform.logistics.saveWarehouse(partner, parseInput(warehouseSaveSchema, { providerId: applied.id, name: 'A', country: 'DE' }));
    expect(errorOf(() => platform.fulfillment.moveStock(partner, { providerId: applied.id, warehouseId: wh.id, productId: 1, kind: 'receipt', quantity: 1, note: '' })).code).toBe('conflict');

    const rejected = platform.logistics.reject(OPERATOR, applied.id, 'No insurance certificate');
    expect(rejected).toMatchObject({ state: 'rejected', reason: 'No insurance certificate', decidedBy: 'operator' });
    expect(errorOf(() => platform.logistics.approve(OPERATOR, applied.id)).code).toBe('conflict');
    const mails = platform.outbox.list(OPERATOR, 10, partnerId);
    expect(mails[0]).toMatchObject({ to: 'ops@example.com', subject: expect.stringContaining('was not approved') });
    expect(mails[0].body).toContain('No insurance certificate');
    // A rejected provider may apply again; then it is approved.
    expect(platform.logistics.apply(partner, { companyId: partnerId, name: 'Test Fulfilment', contactEmail: 'ops@example.com', note: 'Certificate attached' }).state).toBe('pending');
    expect(platform.logistics.approve(OPERATOR, applied.id).state).toBe('approved');
    expect(platform.outbox.list(OPERATOR, 10, partnerId)[0].subject).toContain('is approved');
  });
});

describe('offered to every shop or only to selected clients', () => {
  it('a shop sees (and may choose) only providers offered to it; selective offers only to own clients', () => {
    const { platform, partner, provider, client } = setup();
    const a = client().companyId;
    const b = client().companyId;
    expect(platform.logistics.shopProviders(partner, a).map((p) => p.providerId)).toEqual([provider.id]);
    platform.logistics.updateProfile(partner, { providerId: provider.id, name: provider.name, contactEmail: provider.contactEmail, offerTo: 'selected' });
    expect(platform.logistics.shopProviders(partner, a)).toEqual([]);
    platform.logistics.setOffers(partner, { providerId: provider.id, add: [a], remove: [] });
    expect(platform.logistics.shopProviders(partner, a).map((p) => p.providerId)).toEqual([provider.id]);
    expect(platform.logistics.shopProviders(partner, b)).toEqual([]);
    expect(errorOf(() => platform.logistics.setShopProviders(partner, { companyId: b, chosen: [provider.id], preferred: null })).fields).toEqual({
      chosen: [`provider ${provider.id} is not offered to this shop`],
    });
    // Another partner's client cannot be offered to.
    const foreign = platform.companies.create(OPERATOR, { name: 'Elsewhere', country: 'DE', email: '', phone: '', street: '', city: '', postalCode: '', vatId: null, token: null, isSample: false, paymentRoute: 'direct', attestNotAffiliated: true });
    expect(errorOf(() => platform.logistics.setOffers(partner, { providerId: provider.id, add: [foreign.id], remove: [] })).fields.add[0]).toContain('is not a client');
    const page = platform.logistics.offerChoices(partner, { providerId: provider.id, search: '', offeredOnly: false, offset: 0, limit: 50 });
    expect(page.items.filter((c) => c.offered).map((c) => c.companyId)).toEqual([a]);
    // A pending provider is offered to nobody.
    expect(platform.logistics.shopProviders(partner, a)[0]).toMatchObject({ countries: ['AT', 'DE', 'FR', 'US'], currencies: ['EUR', 'USD'], chosen: false });
  });
});

describe('shipping at checkout', () => {
  it('adds the shipping line in the order currency (EUR and USD), outside the order total; forwards with an email and a reservation', () => {
    const { platform, partner, provider, hamburg, newark, client, checkout, choose, receive } = setup();
    const eurShop = client('EUR');
    const boots = eurShop.product('Boots', 900);
    choose(eurShop.companyId);
    receive(hamburg.id, boots.id, 5);
    const quote = platform.fulfillment.quote(partner, eurShop.companyId, 'AT', [{ productId: boots.id, quantity: 1 }]);
    expect(quote).toMatchObject({ kind: 'rate', quote: { amountMinor: 490, currency: 'EUR', weightGrams: 900, zoneName: 'EU', providerName: 'Test Fulfilment' } });

    const order = checkout(eurShop.companyId, 'AT', [{ productId: boots.id, quantity: 2 }]);
    expect(order.grossMinor).toBe(order.lines.reduce((s, l) => s + l.grossMinor, 0));
    const shipping = platform.fulfillment.orderShipping(partner, eurShop.companyId, order.id)!;
    expect(shipping.fulfillment).toMatchObject({ weightGrams: 1800, shippingMinor: 990, currency: 'EUR', providerName: 'Test Fulfilment', state: 'open', warehouseName: 'Hamburg', reserved: true });
    expect(shipping.fulfillment.shipTo).toMatchObject({ name: 'Carla Customer', country: 'AT', city: 'Berlin' });
    expect(platform.repos.logistics.stockOf(hamburg.id, boots.id)).toEqual({ on_hand: 5, reserved: 2 });
    const mail = platform.outbox.list(OPERATOR, 5, platform.repos.logistics.provider(provider.id)!.company_id)[0];
    expect(mail).toMatchObject({ to: 'ops@test-fulfilment.example', subject: `New order to fulfil: ${platform.repos.companies.get(eurShop.companyId)!.name} #${order.number}` });
    expect(mail.body).toContain('2 x Boots');
    expect(mail.body).toContain('Warehouse: Hamburg (stock reserved)');
    expect(mail.body).toContain('outside the platform');
    expect(platform.fulfillment.queue(partner, parseInput(queueSchema, { providerId: provider.id, state: 'open' })).items.map((f) => f.orderId)).toEqual([order.id]);

    // A USD shop shipping to the US: the USD rule. Nothing in stock: forwarded without a reservation.
    const usdShop = client('USD', 'US');
    const lamp = usdShop.product('Lamp', 1500, 4000);
    choose(usdShop.companyId);
    const usOrder = checkout(usdShop.companyId, 'US', [{ productId: lamp.id, quantity: 1 }]);
    expect(platform.fulfillment.orderShipping(partner, usdShop.companyId, usOrder.id)!.fulfillment).toMatchObject({ shippingMinor: 1500, currency: 'USD', zoneName: 'US', reserved: false, warehouseName: null });
    expect(newark.id).toBeGreaterThan(0);
  });

  it('forwards an order once: an order.created seen again changes nothing (no second queue row, reservation or email)', () => {
    const { platform, partner, provider, hamburg, client, checkout, choose, receive } = setup();
    const shop = client('EUR');
    const boots = shop.product('Boots', 900);
    choose(shop.companyId);
    receive(hamburg.id, boots.id, 5);
    const order = checkout(shop.companyId, 'AT', [{ productId: boots.id, quantity: 2 }]);
    const providerCompany = platform.repos.logistics.provider(provider.id)!.company_id;
    const mails = platform.outbox.list(OPERATOR, 50, providerCompany).length;
    platform.ctx.transact((emit) => emit('order.created', { companyId: shop.companyId, id: order.id }));
    expect(platform.fulfillment.queue(partner, parseInput(queueSchema, { providerId: provider.id, state: 'open' })).items.map((f) => f.orderId)).toEqual([order.id]);
    expect(platform.repos.logistics.stockOf(hamburg.id, boots.id)).toEqual({ on_hand: 5, reserved: 2 });
    expect(platform.outbox.list(OPERATOR, 50, providerCompany)).toHaveLength(mails);
  });

  it('"cannot ship there": the checkout is refused naming the country and no order, customer or reservation is written', () => {
    const { platform, partner, hamburg, client, checkout, choose, receive } = setup();
    const shop = client('EUR');
    const boots = shop.product('Boots', 900);
    choose(shop.companyId);
    receive(hamburg.id, boots.id, 5);
    const before = platform.repos.customers.counts(shop.companyId);
    const error = errorOf(() => checkout(shop.companyId, 'JP', [{ productId: boots.id, quantity: 1 }], 'jp@example.com'));
    expect(error.fields['customer.country'][0]).toMatch(/^We cannot ship to Japan: .* No order was placed\.$/);
    expect(platform.repos.customers.counts(shop.companyId)).toEqual(before);
    expect(platform.repos.customers.findByEmail(shop.companyId, 'jp@example.com')).toBeUndefined();
    expect(platform.repos.logistics.stockOf(hamburg.id, boots.id)).toEqual({ on_hand: 5, reserved: 0 });
    expect(platform.catalog.getProduct(OPERATOR, shop.companyId, boots.id).stock).toBe(1000);
    expect(platform.fulfillment.quote(partner, shop.companyId, 'JP', [{ productId: boots.id, quantity: 1 }]).kind).toBe('cannot_ship');
    // A GBP shop: the provider has no GBP rates at all.
    const gbp = client('GBP', 'GB');
    const mug = gbp.product('Mug', 300);
    choose(gbp.companyId);
    expect(errorOf(() => checkout(gbp.companyId, 'DE', [{ productId: mug.id, quantity: 1 }])).fields['customer.country'][0]).toContain('prices in GBP');
  });

  it('a shop that chose no provider ships itself (checkout unchanged); the preferred provider wins', () => {
    const { platform, partner, provider, client, checkout, choose, newark } = setup();
    const shop = client('EUR');
    const boots = shop.product('Boots', 900);
    const order = checkout(shop.companyId, 'JP', [{ productId: boots.id, quantity: 1 }]);
    expect(platform.fulfillment.orderShipping(partner, shop.companyId, order.id)).toBeNull();
    expect(platform.fulfillment.quote(partner, shop.companyId, 'JP', [{ productId: boots.id, quantity: 1 }]).kind).toBe('none');
    // A second provider, cheaper for the EU, preferred by nobody: cheapest wins; preferred: the preferred wins.
    const other = openSecondProvider(platform, partner);
    choose(shop.companyId, [provider.id, other]);
    expect(platform.fulfillment.quote(partner, shop.companyId, 'DE', [{ productId: boots.id, quantity: 1 }])).toMatchObject({ quote: { providerId: other, amountMinor: 100 } });
    choose(shop.companyId, [provider.id, other], provider.id);
    expect(platform.fulfillment.quote(partner, shop.companyId, 'DE', [{ productId: boots.id, quantity: 1 }])).toMatchObject({ quote: { providerId: provider.id, amountMinor: 490 } });
    // The preferred does not serve Canada-bound 5 kg; the other does not either: cannot ship.
    expect(platform.fulfillment.quote(partner, shop.companyId, 'CA', [{ productId: boots.id, quantity: 1 }]).kind).toBe('cannot_ship');
    expect(newark).toBeTruthy();
  });

  it('cancelling a forwarded order releases its reservation and marks it cancelled', () => {
    const { platform, partner, provider, hamburg, client, checkout, choose, receive } = setup();
    const shop = client();
    const boots = shop.product('Boots', 900);
    choose(shop.companyId);
    receive(hamburg.id, boots.id, 3);
    const order = checkout(shop.companyId, 'DE', [{ productId: boots.id, quantity: 3 }]);
    expect(platform.repos.logistics.stockOf(hamburg.id, boots.id)).toEqual({ on_hand: 3, reserved: 3 });
    platform.orders.update(partner, shop.companyId, order.id, { status: 'cancelled' });
    expect(platform.repos.logistics.stockOf(hamburg.id, boots.id)).toEqual({ on_hand: 3, reserved: 0 });
    expect(platform.fulfillment.fulfillment(partner, provider.id, order.id).state).toBe('cancelled');
    expect(errorOf(() => platform.fulfillment.ship(partner, parseInput(shipSchema, { providerId: provider.id, orderId: order.id, warehouseId: hamburg.id, carrier: 'DHL', trackingNumber: 'X1' }))).code).toBe('conflict');
  });
});

describe('orders entered by hand (console, REST) are forwarded like checkouts', () => {
  function handSetup() {
    const ctx = setup();
    const { platform, partner, client, choose, receive, hamburg } = ctx;
    const shop = client();
    const boots = shop.product('Boots', 900);
    choose(shop.companyId);
    receive(hamburg.id, boots.id, 5);
    const customer = (country: string, email = `${country.toLowerCase() || 'none'}@example.com`) =>
      platform.customers.create(partner, shop.companyId, parseInput(customerCreateSchema, { companyId: shop.companyId, email, name: `Kim ${country || 'Nowhere'}`, city: 'Wien', street: 'Ring 1', postalCode: '1010', country }));
    const enter = (customerId: number, quantity = 2, status = 'paid', source?: 'api') => {
      // The console offers pending or paid; the service also takes fulfilled (imports).
      const input = parseInput(orderCreateSchema, { companyId: shop.companyId, customerId, status: 'paid', lines: [{ productId: boots.id, quantity }], note: '' });
      return platform.orders.create(partner, shop.companyId, { ...input, status: status as 'paid' }, source ? { source } : undefined);
    };
    return { ...ctx, shop, boots, customer, enter };
  }

  it('an order the console enters: shipping line, queue row, reservation (who: order entry) and the outbox email, as at checkout', () => {
    const { platform, partner, provider, hamburg, shop, boots, customer, enter } = handSetup();
    const kim = customer('AT');
    const order = enter(kim.id);
    const shipping = platform.fulfillment.orderShipping(partner, shop.companyId, order.id)!;
    expect(shipping.fulfillment).toMatchObject({ weightGrams: 1800, shippingMinor: 990, currency: 'EUR', state: 'open', warehouseName: 'Hamburg', reserved: true });
    expect(shipping.fulfillment.shipTo).toMatchObject({ name: 'Kim AT', country: 'AT', city: 'Wien', street: 'Ring 1' });
    expect(platform.repos.logistics.stockOf(hamburg.id, boots.id)).toEqual({ on_hand: 5, reserved: 2 });
    expect(platform.fulfillment.movements(partner, provider.id, hamburg.id, boots.id).find((m) => m.kind === 'reservation')).toMatchObject({ by: 'order entry (console)' });
    const mail = platform.outbox.list(OPERATOR, 5, platform.repos.logistics.provider(provider.id)!.company_id)[0];
    expect(mail).toMatchObject({ to: 'ops@test-fulfilment.example', subject: `New order to fulfil: ${platform.repos.companies.get(shop.companyId)!.name} #${order.number}` });
    expect(mail.body).toContain('2 x Boots');
    // The same through the REST API's source.
    const api = enter(customer('DE', 'de2@example.com').id, 1, 'paid', 'api');
    expect(platform.fulfillment.queue(partner, parseInput(queueSchema, { providerId: provider.id, state: 'open' })).items.map((f) => f.orderId).sort()).toEqual([order.id, api.id].sort());
  });

  it('no provider ships to the customer\'s country: the order is refused on the customer field and nothing is written', () => {
    const { platform, partner, hamburg, shop, boots, customer, enter } = handSetup();
    const tokyo = customer('JP');
    const nowhere = customer('');
    const before = { counts: platform.repos.customers.counts(shop.companyId), outbox: platform.outbox.list(OPERATOR, 100).length };
    const refused = errorOf(() => enter(tokyo.id));
    expect(refused.code).toBe('validation_failed');
    expect(refused.fields).toEqual({ customerId: ["is in Japan, where none of this shop's logistics providers delivers 1.8 kg (prices in EUR): the order cannot be forwarded for shipping. Nothing was saved."] });
    expect(errorOf(() => enter(nowhere.id)).fields.customerId[0]).toBe("Kim Nowhere has no country on record, so the order cannot be forwarded for shipping: add the customer's country first. Nothing was saved.");
    expect(platform.repos.customers.counts(shop.companyId)).toEqual(before.counts);
    expect(platform.outbox.list(OPERATOR, 100).length).toBe(before.outbox);
    expect(platform.catalog.getProduct(OPERATOR, shop.companyId, boots.id).stock).toBe(1000);
    expect(platform.repos.logistics.stockOf(hamburg.id, boots.id)).toEqual({ on_hand: 5, reserved: 0 });
    // The order form asks the same question before saving.
    expect(platform.fulfillment.quote(partner, shop.companyId, 'JP', [{ productId: boots.id, quantity: 2 }])).toMatchObject({ kind: 'cannot_ship' });
  });

  it('an order entered as fulfilled already left the shop, and bulk seed orders are history: neither is forwarded', () => {
    const { platform, partner, shop, boots, customer, enter } = handSetup();
    const done = enter(customer('AT').id, 1, 'fulfilled');
    expect(platform.fulfillment.orderShipping(partner, shop.companyId, done.id)).toBeNull();
    // Even to a country nobody ships to: a fulfilled order is not refused.
    expect(enter(customer('JP').id, 1, 'fulfilled').status).toBe('fulfilled');
    const input = parseInput(orderCreateSchema, { companyId: shop.companyId, customerId: customer('FR').id, status: 'paid', lines: [{ productId: boots.id, quantity: 1 }], note: '' });
    const seeded = platform.orders.create(partner, shop.companyId, { ...input, status: 'paid' }, { source: 'seed' });
    expect(platform.fulfillment.orderShipping(partner, shop.companyId, seeded.id)).toBeNull();
  });
});

describe('shipping fulfils the order', () => {
  it('partly shipped keeps the order paid; shipped in full makes it fulfilled (audit, order.updated, rollups unchanged)', () => {
    const { platform, partner, recordEvents, orderToShip } = setup();
    const { shop, order, ship } = orderToShip();
    const rollups = () => platform.db.prepare('SELECT SUM(gross_minor) AS gross, SUM(orders) AS orders FROM sales_daily WHERE company_id = ?').get(shop.companyId);
    const figures = rollups();
    ship({ trackingNumber: 'T-1', lines: [{ lineNo: 1, quantity: 2 }] });
    expect(platform.orders.get(partner, shop.companyId, order.id).status).toBe('paid');
    const events = recordEvents();
    ship({ trackingNumber: 'T-2' });
    expect(platform.orders.get(partner, shop.companyId, order.id).status).toBe('fulfilled');
    expect(events).toContainEqual(['order.updated', { companyId: shop.companyId, id: order.id }]);
    const audit = platform.db.prepare("SELECT actor, detail FROM audit_log WHERE company_id = ? AND action = 'order.status_changed'").all(shop.companyId) as { actor: string; detail: string }[];
    expect(audit.map((a) => JSON.parse(a.detail))).toEqual([{ id: order.id, from: 'paid', to: 'fulfilled' }]);
    expect(audit[0].actor).toContain('user:');
    expect(rollups()).toEqual(figures);
  });

  it('a pending order shipped in full stays pending and becomes fulfilled when it is paid', () => {
    const { platform, partner, provider, hamburg, client, choose, receive } = setup();
    const shop = client();
    const boots = shop.product('Boots', 900);
    choose(shop.companyId);
    receive(hamburg.id, boots.id, 10);
    const kim = platform.customers.create(partner, shop.companyId, parseInput(customerCreateSchema, { companyId: shop.companyId, email: 'kim@example.com', name: 'Kim', country: 'DE' }));
    const input = parseInput(orderCreateSchema, { companyId: shop.companyId, customerId: kim.id, status: 'pending', lines: [{ productId: boots.id, quantity: 1 }], note: '' });
    const order = platform.orders.create(partner, shop.companyId, { ...input, status: 'pending' });
    platform.fulfillment.ship(partner, parseInput(shipSchema, { providerId: provider.id, orderId: order.id, warehouseId: hamburg.id, carrier: 'DHL', trackingNumber: 'T-9' }));
    expect(platform.orders.get(partner, shop.companyId, order.id).status).toBe('pending');
    expect(platform.orders.update(partner, shop.companyId, order.id, { status: 'paid' }).status).toBe('fulfilled');
  });
});

function openSecondProvider(platform: Shop['platform'], partner: Actor): number {
  // A second partner company with its own provider, offering to every shop, cheap in the EU for light parcels.
  const company = platform.companies.create(OPERATOR, { name: 'Budget Parcels', country: 'DE', email: 'ops@budget.example', phone: '', street: '', city: '', postalCode: '', vatId: null, token: null, isSample: false, paymentRoute: 'direct', attestNotAffiliated: true }, { isPartner: true });
  const p = platform.logistics.apply(OPERATOR, { companyId: company.id, name: 'Budget Parcels', contactEmail: 'ops@budget.example', note: '' });
  platform.logistics.approve(OPERATOR, p.id);
  const zone = platform.logistics.saveZone(OPERATOR, parseInput(zoneSaveSchema, { providerId: p.id, name: 'EU', countries: ['DE'] }));
  platform.logistics.saveRate(OPERATOR, parseInput(rateSaveSchema, { providerId: p.id, zoneId: zone.id, currency: 'EUR', minGrams: 0, maxGrams: 1000, amountMinor: 100 }));
  void partner;
  return p.id;
}

describe('shipments and tracking', () => {
  it('ships partly then whole from a warehouse; status moves with a timeline; the shop sees it on the order', () => {
    const { platform, partner, provider, hamburg, orderToShip } = setup();
    const { shop, boots, order, ship } = orderToShip();
    expect(errorOf(() => ship({ trackingNumber: 'T1', lines: [{ lineNo: 1, quantity: 3 }] })).fields).toEqual({ 'lines.0.quantity': ['only 2 of "Boots" are left to ship'] });
    const first = ship({ trackingNumber: '00340434161094000001', lines: [{ lineNo: 1, quantity: 1 }] });
    expect(first).toMatchObject({ status: 'label_created', lines: [{ lineNo: 1, quantity: 1, name: 'Boots' }], timeline: [{ status: 'label_created', by: expect.stringContaining('user:') }] });
    expect(platform.fulfillment.fulfillment(partner, provider.id, order.id).state).toBe('partly_shipped');
    expect(platform.repos.logistics.stockOf(hamburg.id, boots.id)).toEqual({ on_hand: 9, reserved: 1 });
    const second = ship({ trackingNumber: '00340434161094000002' });
    expect(second.lines).toEqual([{ lineNo: 1, quantity: 1, name: 'Boots' }, { lineNo: 2, quantity: 1, name: 'Cap' }]);
    expect(platform.fulfillment.fulfillment(partner, provider.id, order.id).state).toBe('shipped');
    expect(platform.repos.logistics.stockOf(hamburg.id, boots.id)).toEqual({ on_hand: 8, reserved: 0 });

    const update = (status: string, note = '') => platform.fulfillment.updateShipment(partner, { providerId: provider.id, shipmentId: first.id, status: status as never, note });
    expect(errorOf(() => update('delivered')).fields.status[0]).toBe('cannot change from label_created to delivered (possible: in_transit, exception)');
    update('in_transit');
    update('exception', 'Address not found');
    update('in_transit', 'Address corrected');
    const delivered = update('delivered');
    expect(delivered.timeline.map((e) => e.status)).toEqual(['label_created', 'in_transit', 'exception', 'in_transit', 'delivered']);
    expect(delivered.timeline[2].note).toBe('Address not found');
    expect(errorOf(() => update('in_transit')).fields.status[0]).toContain('delivered is final');
    const seen = platform.fulfillment.orderShipping(partner, shop.companyId, order.id)!;
    expect(seen.shipments.map((s) => [s.trackingNumber, s.status])).toEqual([
      ['00340434161094000002', 'label_created'],
      ['00340434161094000001', 'delivered'],
    ]);
    expect(platform.fulfillment.shipments(partner, { providerId: provider.id, status: 'delivered', search: '003404', offset: 0, limit: 10 }).items.map((s) => s.id)).toEqual([first.id]);
  });

  it('a shipment without enough stock in the warehouse is refused and writes nothing', () => {
    const { platform, partner, provider, hamburg, newark, client, checkout, choose, receive } = setup();
    const shop = client();
    const boots = shop.product('Boots', 900);
    choose(shop.companyId);
    receive(hamburg.id, boots.id, 2);
    const order = checkout(shop.companyId, 'DE', [{ productId: boots.id, quantity: 2 }]);
    const error = errorOf(() => platform.fulfillment.ship(partner, parseInput(shipSchema, { providerId: provider.id, orderId: order.id, warehouseId: newark.id, carrier: 'UPS', trackingNumber: '1Z999' })));
    expect(error.fields.warehouseId[0]).toContain('Newark has 0 of "Boots" available, 2 needed');
    expect(platform.fulfillment.shipments(partner, { providerId: provider.id, search: '', offset: 0, limit: 10 }).total).toBe(0);
    expect(platform.fulfillment.fulfillment(partner, provider.id, order.id).state).toBe('open');
  });
});

describe('inventory', () => {
  it('stock on hand and reserved always equal the sum of the movements, and never go below zero, after random operations', () => {
    const { platform, partner, provider, hamburg, newark, client, checkout, choose, receive } = setup();
    const shop = client();
    const products = [shop.product('A', 100), shop.product('B', 200), shop.product('C', 300)];
    choose(shop.companyId);
    const warehouses = [hamburg, newark];
    const orders: number[] = [];
    const op = fc.oneof(
      fc.record({ kind: fc.constant('receive' as const), w: fc.nat(1), p: fc.nat(2), q: fc.integer({ min: 1, max: 20 }) }),
      fc.record({ kind: fc.constant('adjust' as const), w: fc.nat(1), p: fc.nat(2), q: fc.integer({ min: -15, max: 15 }).filter((q) => q !== 0) }),
      fc.record({ kind: fc.constant('order' as const), p: fc.nat(2), q: fc.integer({ min: 1, max: 6 }) }),
      fc.record({ kind: fc.constant('cancel' as const), i: fc.nat(20) }),
      fc.record({ kind: fc.constant('ship' as const), i: fc.nat(20), w: fc.nat(1) }),
    );
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 25 }), (ops) => {
        for (const o of ops) {
          try {
            if (o.kind === 'receive') receive(warehouses[o.w].id, products[o.p].id, o.q);
            else if (o.kind === 'adjust') platform.fulfillment.moveStock(partner, { providerId: provider.id, warehouseId: warehouses[o.w].id, productId: products[o.p].id, kind: 'adjustment', quantity: o.q, note: '' });
            else if (o.kind === 'order') orders.push(checkout(shop.companyId, 'DE', [{ productId: products[o.p].id, quantity: o.q }]).id);
            else if (o.kind === 'cancel' && orders.length > 0) platform.orders.update(partner, shop.companyId, orders[o.i % orders.length], { status: 'cancelled' });
            else if (o.kind === 'ship' && orders.length > 0) platform.fulfillment.ship(partner, parseInput(shipSchema, { providerId: provider.id, orderId: orders[o.i % orders.length], warehouseId: warehouses[o.w].id, carrier: 'DHL', trackingNumber: `T${o.i}` }));
          } catch (error) {
            // Refusals (not enough stock, already shipped or cancelled) are expected; anything else is a failure.
            if (!(error instanceof Error) || !('code' in error)) throw error;
          }
        }
        for (const w of warehouses) {
          for (const p of products) {
            const balance = platform.repos.logistics.stockOf(w.id, p.id) ?? { on_hand: 0, reserved: 0 };
            const sum = platform.repos.logistics.ledgerSum(w.id, p.id);
            if (balance.on_hand !== sum.on_hand || balance.reserved !== sum.reserved) return false;
            if (balance.on_hand < 0 || balance.reserved < 0 || balance.reserved > balance.on_hand) return false;
          }
        }
        return true;
      }),
      { numRuns: 30 },
    );
    const page = platform.fulfillment.stock(partner, parseInput(stockListSchema, { providerId: provider.id }));
    expect(page.total).toBeGreaterThan(0);
  });

  it('an adjustment below what is reserved is refused naming the quantity; every movement says who and when', () => {
    const { platform, partner, provider, hamburg, client, checkout, choose, receive } = setup();
    const shop = client();
    const boots = shop.product('Boots', 900);
    choose(shop.companyId);
    receive(hamburg.id, boots.id, 4);
    checkout(shop.companyId, 'DE', [{ productId: boots.id, quantity: 3 }]);
    const error = errorOf(() => platform.fulfillment.moveStock(partner, { providerId: provider.id, warehouseId: hamburg.id, productId: boots.id, kind: 'adjustment', quantity: -2, note: 'broken' }));
    expect(error.fields.quantity[0]).toBe('would take Boots in Hamburg below zero available (on hand 4, reserved 3)');
    const level = platform.fulfillment.moveStock(partner, { providerId: provider.id, warehouseId: hamburg.id, productId: boots.id, kind: 'adjustment', quantity: -1, note: 'broken' });
    expect(level).toMatchObject({ onHand: 3, reserved: 3, available: 0, low: true });
    const moves = platform.fulfillment.movements(partner, provider.id, hamburg.id, boots.id);
    expect(moves.map((m) => [m.kind, m.onHandDelta, m.reservedDelta])).toEqual([
      ['adjustment', -1, 0],
      ['reservation', 0, 3],
      ['receipt', 4, 0],
    ]);
    expect(moves[0]).toMatchObject({ by: expect.stringContaining('user:'), at: new Date(platform.clock.now()).toISOString(), note: 'broken' });
    expect(platform.fulfillment.shopStock(partner, shop.companyId, { search: '', offset: 0, limit: 10 }).items).toEqual([expect.objectContaining({ warehouseName: 'Hamburg', available: 0, low: true })]);
  });
});

describe('nothing of shipping enters the order totals, the rollups or the month close', () => {
  it('the same orders with and without shipping give the same rollups and the same month-close preview', async () => {
    const run = async (withShipping: boolean) => {
      const { platform, partnerId, hamburg, client, checkout, choose, receive } = setup('none');
      const shop = client();
      const boots = shop.product('Boots', 900, 12999);
      if (withShipping) {
        choose(shop.companyId);
        receive(hamburg.id, boots.id, 10);
      }
      for (const q of [1, 2, 3]) checkout(shop.companyId, 'DE', [{ productId: boots.id, quantity: q }], `c${q}@example.com`);
      const { productMonthly: _a, ...rollups } = platform.repos.rollups.snapshot([shop.companyId]);
      const { productMonthly: _b, ...recount } = platform.repos.rollups.recount([shop.companyId]);
      expect(rollups).toEqual(recount);
      const month = new Date(platform.clock.now()).toISOString().slice(0, 7);
      const preview = await platform.billing.closing.preview(OPERATOR, partnerId, month);
      return { rollups, totals: preview.totals, documents: preview.documents.map((d) => ({ ...d, companyId: undefined, recipientId: undefined })) };
    };
    const without = await run(false);
    const withShipping = await run(true);
    expect(withShipping.rollups).toEqual(without.rollups);
    expect(withShipping.totals).toEqual(without.totals);
    expect(withShipping.totals.length).toBeGreaterThan(0);
  });
});

describe('the demo seed', () => {
  it('has an approved provider (two warehouses, EU and US zones, rates in two currencies, selected clients, stock, shipments in every state) and one waiting', () => {
    const shop = openShopPlatform('demo');
    open.push(shop);
    const { platform } = shop;
    const [approved] = platform.logistics.review(OPERATOR, 'approved');
    expect(approved).toMatchObject({ name: 'Northwind Fulfilment', offerTo: 'selected', warehouseCount: 2, shopCount: 2 });
    expect(platform.logistics.review(OPERATOR, 'pending').map((p) => p.name)).toEqual(['Meridian Parcel Services']);
    expect(platform.logistics.zones(OPERATOR, approved.id).map((z) => z.name)).toEqual(['EU', 'US and Canada']);
    expect(new Set(platform.logistics.rates(OPERATOR, approved.id).map((r) => r.currency))).toEqual(new Set(['EUR', 'USD']));
    const statuses = platform.fulfillment.shipments(OPERATOR, { providerId: approved.id, search: '', offset: 0, limit: 100 }).items.map((s) => s.status);
    expect(new Set(statuses)).toEqual(new Set(['label_created', 'in_transit', 'delivered', 'exception']));
    const states = platform.fulfillment.queue(OPERATOR, parseInput(queueSchema, { providerId: approved.id })).items.map((f) => f.state);
    expect(new Set(states)).toEqual(new Set(['open', 'partly_shipped', 'shipped']));
    expect(platform.fulfillment.stock(OPERATOR, parseInput(stockListSchema, { providerId: approved.id })).total).toBeGreaterThan(4);
  });
});
