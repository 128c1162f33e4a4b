// The logistics repository (migration 016) on both databases of the data layer: providers and offers, warehouses,
// zones and rates (the checkout's rules), the queue and the shipments lists with their searches, the stock ledger
// — and the read-decide-write paths raced from two "servers" (two pools on PostgreSQL): stock moves of one item all
// counted (the first creates the balance row), and one shipment moved to "in transit" by two callers at once gets
// one timeline entry (PostgreSQL: SERIALIZABLE, the loser retried and refused). Its synchronous face (what the
// services use while they are synchronous) is the same steps: logistics-service.test.ts, query-plans.test.ts.
import { describe, expect, it } from 'vitest';
import { statement } from '../../../../../src-main/core/db/data';
import { createLogisticsRepository, type LogisticsRepository } from '../../../../../src-main/core/repositories/logistics-repository';
import { dataTargets, useData } from '../../../../helpers/databases';

const addCompany = statement('test.company', ({ sql }, id: number, name: string, partnerId: number | null) =>
  sql`INSERT INTO companies (id, name, country, is_partner, partner_id, created_at, updated_at) VALUES (${id}, ${name}, 'DE', ${partnerId === null ? 1 : 0}, ${partnerId}, 0, 0)`,
);
const addProduct = statement('test.product', ({ sql }, companyId: number, name: string, sku: string) =>
  sql`INSERT INTO products (company_id, kind, name, sku, price_minor, currency, vat_rate_bp, weight_grams, stock, created_at, updated_at)
      VALUES (${companyId}, 'physical', ${name}, ${sku}, 1000, 'EUR', 1900, 500, 10, 0, 0)`,
);
const productId = statement('test.productId', ({ sql }, sku: string) => sql<{ id: number }>`SELECT id FROM products WHERE sku = ${sku}`);

const TABLES = [
  'logistics_shipment_events', 'logistics_shipment_lines', 'logistics_shipments', 'logistics_movements', 'logistics_stock', 'logistics_fulfillments',
  'logistics_shop_providers', 'logistics_rates', 'logistics_zones', 'logistics_warehouses', 'logistics_offers', 'logistics_providers', 'products', 'companies',
];

describe.each(await dataTargets())('the logistics repository on $name', (target) => {
  const db = useData(target, TABLES);

  /** A partner (1) with two clients (2 "beta shop", 3 "Alpha Shop"), an approved provider, one warehouse, two products. */
  async function fixture(repo: LogisticsRepository) {
    await db.data.run(addCompany, 1, 'Partner', null);
    await db.data.run(addCompany, 2, 'beta shop', 1);
    await db.data.run(addCompany, 3, 'Alpha Shop', 1);
    await db.data.run(addProduct, 2, 'Soap', 'SOAP-1');
    await db.data.run(addProduct, 3, 'Candle', 'CANDLE_2');
    const providerId = await repo.insertProvider({ company_id: 1, name: 'Parcels', contact_email: 'p@x.example', note: '', applied_at: 10 });
    await repo.decide(providerId, 'approved', '', 'operator', 20);
    const warehouseId = await repo.insertWarehouse({ provider_id: providerId, name: 'Berlin', country: 'DE', city: '', street: '', postal_code: '', created_at: 0, updated_at: 0 });
    const soap = (await db.data.one(productId, 'SOAP-1'))!.id;
    const candle = (await db.data.one(productId, 'CANDLE_2'))!.id;
    return { providerId, warehouseId, soap, candle };
  }
  const movement = (warehouseId: number, productId: number, onHand: number, reserved = 0) => ({
    warehouse_id: warehouseId, product_id: productId, company_id: 2, kind: 'receipt' as const, on_hand_delta: onHand, reserved_delta: reserved,
    order_id: null, shipment_id: null, note: '', actor: 'test', at: 1,
  });

  it('providers, offers and client choices: counts, case-insensitive order and search, offered as 0/1', async () => {
    const repo = createLogisticsRepository(db.data);
    const { providerId } = await fixture(repo);
    expect(await repo.provider(providerId)).toMatchObject({ name: 'Parcels', state: 'approved', decided_by: 'operator', company_name: 'Partner', warehouse_count: 1, offered_count: 0 });
    expect((await repo.providers('approved')).map((p) => p.id)).toEqual([providerId]);
    expect(await repo.providers('pending')).toEqual([]);
    await repo.setOffers(providerId, [3, 2, 3]);
    expect(await repo.offeredIds(providerId)).toEqual([2, 3]);
    await repo.updateProvider(providerId, { name: 'Parcels', contact_email: 'p@x.example', offer_to: 'selected', at: 30 });
    expect((await repo.offeredTo(2)).map((p) => p.id)).toEqual([providerId]);
    await repo.setOffers(providerId, [3]);
    expect(await repo.offeredTo(2)).toEqual([]);
    const choices = await repo.clientChoices(1, providerId, 'SHOP', false, 0, 10);
    expect(choices).toEqual({ total: 2, rows: [{ id: 3, name: 'Alpha Shop', country: 'DE', offered: 1 }, { id: 2, name: 'beta shop', country: 'DE', offered: 0 }] });
    expect((await repo.clientChoices(1, providerId, '', true, 0, 10)).rows.map((r) => r.id)).toEqual([3]);
    // A LIKE wildcard typed in the search is a character, not a wildcard.
    expect((await repo.productChoices(providerId, '_', 10)).length).toBe(0);
  });

  it('zones and rates in order; the checkout reads the approved providers’ rules in one currency', async () => {
    const repo = createLogisticsRepository(db.data);
    const { providerId } = await fixture(repo);
    const eu = await repo.insertZone({ provider_id: providerId, name: 'eu', countries: 'AT,DE', at: 1 });
    const us = await repo.insertZone({ provider_id: providerId, name: 'US', countries: 'US', at: 1 });
    await repo.insertRate({ provider_id: providerId, zone_id: us, currency: 'USD', min_grams: 0, max_grams: null, amount_minor: 990, at: 1 });
    const cheap = await repo.insertRate({ provider_id: providerId, zone_id: eu, currency: 'EUR', min_grams: 0, max_grams: 500, amount_minor: 490, at: 1 });
    await repo.insertRate({ provider_id: providerId, zone_id: eu, currency: 'EUR', min_grams: 501, max_grams: null, amount_minor: 690, at: 1 });
    expect((await repo.zones(providerId)).map((z) => [z.name, z.rate_count])).toEqual([['eu', 2], ['US', 1]]);
    expect((await repo.rates(providerId)).map((r) => r.amount_minor)).toEqual([490, 690, 990]);
    expect((await repo.rulesFor([providerId, 999], 'EUR')).map((r) => r.id).sort((a, b) => a - b)).toEqual([cheap, cheap + 1]);
    expect(await repo.rulesFor([], 'EUR')).toEqual([]);
    await repo.shopChoices(2);
    await repo.setShopChoices(2, [providerId], providerId, 5);
    expect(await repo.shopChoices(2)).toEqual([{ provider_id: providerId, preferred: 1 }]);
    await repo.deleteRate(cheap);
    await repo.deleteZone(us);
    expect((await repo.rates(providerId)).map((r) => r.amount_minor)).toEqual([690]);
  });

  it('moves stock through the ledger: never below zero, the balance always the sum of the movements, listed and searched', async () => {
    const repo = createLogisticsRepository(db.data);
    const { warehouseId, soap, providerId } = await fixture(repo);
    expect(await repo.move(movement(warehouseId, soap, -1))).toBe(false);
    expect(await repo.move(movement(warehouseId, soap, 5))).toBe(true);
    expect(await repo.move(movement(warehouseId, soap, 0, 4))).toBe(true);
    expect(await repo.move(movement(warehouseId, soap, -2))).toBe(false);
    expect(await repo.stockOf(warehouseId, soap)).toEqual({ on_hand: 5, reserved: 4 });
    expect(await repo.ledgerSum(warehouseId, soap)).toEqual({ on_hand: 5, reserved: 4 });
    expect((await repo.movements(warehouseId, soap, 10)).map((m) => m.reserved_delta)).toEqual([4, 0]);
    const found = await repo.stock({ providerId, search: 'soa', offset: 0, limit: 10, low: true, lowAt: 5 });
    expect(found.total).toBe(1);
    expect(found.rows[0]).toMatchObject({ product_name: 'Soap', warehouse_name: 'Berlin', company_name: 'beta shop', on_hand: 5, reserved: 4 });
    expect((await repo.stock({ providerId, search: '%', offset: 0, limit: 10, lowAt: 5 })).total).toBe(0);
  });

  it('the queue and the shipments: filters, an order number, a name or tracking prefix; a shipment’s timeline', async () => {
    const repo = createLogisticsRepository(db.data);
    const { providerId, warehouseId } = await fixture(repo);
    const forward = (orderId: number, name: string, state: 'open' | 'shipped') =>
      repo.insertFulfillment({
        order_id: orderId, order_number: orderId * 10, company_id: 2, provider_id: providerId, provider_name: 'Parcels', rate_id: 1, zone_name: 'EU', state,
        warehouse_id: warehouseId, reserved: 0, weight_grams: 500, amount_minor: 490, currency: 'EUR', ship_name: name, ship_email: '', ship_street: '',
        ship_city: '', ship_postal_code: '', ship_country: 'DE', item_count: 1, forwarded_at: orderId, updated_at: orderId,
      });
    await forward(1, 'Kim Berger', 'open');
    await forward(2, 'kimberly Ode', 'shipped');
    await forward(3, 'Lena', 'open');
    const queue = (filter: object) => repo.queue({ providerId, offset: 0, limit: 10, ...filter });
    expect((await queue({})).rows.map((r) => r.order_id)).toEqual([3, 2, 1]);
    expect(await queue({ state: 'active' })).toMatchObject({ total: 2, rows: [{ order_id: 3, company_name: 'beta shop', warehouse_name: 'Berlin' }, { order_id: 1 }] });
    expect((await queue({ search: 'KIM' })).rows.map((r) => r.order_id)).toEqual([2, 1]);
    expect((await queue({ search: '#20' })).rows.map((r) => r.order_id)).toEqual([2]);
    await repo.setFulfillmentState(3, 'cancelled', 9);
    expect((await repo.fulfillmentRaw(3))!.state).toBe('cancelled');

    const ship = (orderId: number, tracking: string) =>
      repo.insertShipment({ provider_id: providerId, company_id: 2, order_id: orderId, warehouse_id: warehouseId, carrier: 'DHL', tracking_number: tracking, status: 'label_created', created_at: 1, updated_at: 1 });
    const first = await ship(1, '0034A1');
    const second = await ship(2, '0034B2');
    expect(second).toBeGreaterThan(first);
    await repo.addShipmentEvent(first, 'label_created', 'DHL 0034A1', 'test', 1);
    await repo.setShipmentStatus(first, 'in_transit', 2);
    await repo.addShipmentEvent(first, 'in_transit', '', 'test', 2);
    expect(await repo.shipment(first)).toMatchObject({ status: 'in_transit', provider_name: 'Parcels', order_number: 10, country: 'DE' });
    expect((await repo.shipmentEvents(first)).map((e) => e.status)).toEqual(['label_created', 'in_transit']);
    const shipments = (filter: object) => repo.shipments({ providerId, offset: 0, limit: 10, ...filter });
    expect((await shipments({})).rows.map((s) => s.id)).toEqual([second, first]);
    expect((await shipments({ search: '0034B' })).rows.map((s) => s.id)).toEqual([second]);
    expect(await shipments({ status: 'in_transit' })).toMatchObject({ total: 1, rows: [{ id: first }] });
  });

  it('counts every one of several stock moves of one item sent at once from two servers, the first ones creating the balance', async () => {
    const a = createLogisticsRepository(db.data);
    const b = createLogisticsRepository(db.another());
    const { warehouseId, soap } = await fixture(a);
    // Every mover has read the item (no balance row yet) before any writes: on PostgreSQL each first attempt waits
    // for the others' reads, so all of them go to insert the balance row (one wins, the others are retried).
    const movers = 4;
    let read = 0;
    let allRead!: () => void;
    const everybodyRead = new Promise<void>((resolve) => (allRead = resolve));
    const moves = Array.from({ length: movers }, (_, i) => {
      const repo = i % 2 === 0 ? a : b;
      let attempt = 0;
      return repo.atomically(async () => {
        await repo.stockOf(warehouseId, soap);
        if (attempt++ === 0 && target.dialect === 'postgres') {
          if (++read === movers) allRead();
          await everybodyRead;
        }
        return repo.move(movement(warehouseId, soap, i + 1));
      });
    });
    expect(await Promise.all(moves)).toEqual(Array(movers).fill(true));
    expect(await a.stockOf(warehouseId, soap)).toEqual({ on_hand: 10, reserved: 0 });
    expect(await a.ledgerSum(warehouseId, soap)).toEqual({ on_hand: 10, reserved: 0 });
  });

  it('moves one shipment from "label created" to "in transit" once when two servers ask at once (read, decide, write)', async () => {
    const a = createLogisticsRepository(db.data);
    const b = createLogisticsRepository(db.another());
    const { providerId, warehouseId } = await fixture(a);
    const id = await a.insertShipment({ provider_id: providerId, company_id: 2, order_id: 1, warehouse_id: warehouseId, carrier: 'DHL', tracking_number: 'T', status: 'label_created', created_at: 1, updated_at: 1 });
    const transition = (repo: LogisticsRepository, who: string) =>
      repo.atomically(async () => {
        if ((await repo.shipment(id))!.status !== 'label_created') return false;
        await repo.setShipmentStatus(id, 'in_transit', 2);
        await repo.addShipmentEvent(id, 'in_transit', '', who, 2);
        return true;
      });
    const results = await Promise.all([transition(a, 'a'), transition(b, 'b'), transition(a, 'a2'), transition(b, 'b2')]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await a.shipmentEvents(id)).toHaveLength(1);
  });
});
