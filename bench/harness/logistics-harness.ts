// The logistics benchmark's way into the platform core (bench/logistics.mjs bundles this file with esbuild at run
// time, so it measures the current source): a provider with N rate rules and two shops (one chose it, one ships
// itself) for the checkout figures, and a large provider (every order of a seeded folder forwarded, one shipment
// each) for the list figures.
import { join } from 'node:path';
import { openPlatform } from '../../src-main/areas';
import { OPERATOR } from '../../src-main/core/access';
import type { CorePlatform } from '../../src-main/core/platform';
import { internalsOf } from '../../src-main/core/platform-internals';
import { createKeyFileSecretStore } from '../../src-main/core/secrets/key-file-secret-store';
import { checkoutSchema } from '../../src-shared/api/shop-inputs';
import { parseInput } from '../../src-shared/api/validation';
import { COUNTRIES } from '../../src-shared/domain/countries';

export { OPERATOR };

/** The core's view (internalsOf): the harness writes and reads rows directly. */
export function open(dataDir: string): CorePlatform {
  return internalsOf(openPlatform({ dataDir, secretStore: createKeyFileSecretStore(join(dataDir, 'secret.key')) }));
}

function company(platform: CorePlatform, name: string, extra: object) {
  return platform.companies.create(
    OPERATOR,
    { name, country: 'DE', email: `${name.toLowerCase().replace(/\W+/g, '')}@bench.example`, phone: '', street: '', city: '', postalCode: '', vatId: null, token: null, isSample: false, paymentRoute: 'direct', attestNotAffiliated: true },
    extra as never,
  );
}

/** A provider with `rules` rate rules over 50 zones, two shops (one chose it), a product with stock. */
export function checkoutFixture(platform: CorePlatform, rules: number) {
  const partner = company(platform, 'Bench Logistics', { isPartner: true });
  // The operator creates the partner's clients with the attestation of one of its users (spec §1).
  const attestedBy = platform.users.create(
    OPERATOR,
    { companyId: partner.id, email: 'owner@bench-logistics.example', name: 'Bench Owner', password: 'unused-password', permissions: [], isAdmin: true, sendWelcomeEmail: false },
    { passwordHash: 'unused' },
  ).id;
  const shipping = company(platform, 'Bench Shop Shipping', { partnerId: partner.id, attestedBy });
  const plain = company(platform, 'Bench Shop Plain', { partnerId: partner.id, attestedBy });
  const provider = platform.logistics.apply(OPERATOR, { companyId: partner.id, name: 'Bench Logistics', contactEmail: 'ops@bench.example', note: '' });
  platform.logistics.approve(OPERATOR, provider.id);
  const warehouse = platform.logistics.saveWarehouse(OPERATOR, { providerId: provider.id, name: 'Main', country: 'DE', city: '', street: '', postalCode: '' });
  const codes = COUNTRIES.map((c) => c.code);
  const zones = Array.from({ length: 50 }, (_, i) =>
    platform.logistics.saveZone(OPERATOR, { providerId: provider.id, name: `Zone ${i + 1}`, countries: [...new Set([0, 1, 2].map((k) => codes[(i * 3 + k) % codes.length]).concat(i === 0 ? ['DE'] : []))] }),
  );
  const perZone = Math.ceil(rules / zones.length);
  let made = 0;
  for (const zone of zones) {
    for (let b = 0; b < perZone && made < rules; b++, made++) {
      // Brackets of 500 g (0-499, 500-999, ...), each in EUR and in USD.
      const bracket = Math.floor(b / 2);
      platform.logistics.saveRate(OPERATOR, { providerId: provider.id, zoneId: zone.id, currency: b % 2 === 0 ? 'EUR' : 'USD', minGrams: bracket * 500, maxGrams: bracket * 500 + 499, amountMinor: 400 + bracket * 37 });
    }
  }
  for (const shop of [shipping.id, plain.id]) platform.shop.updateSettings(OPERATOR, { companyId: shop, storefrontOpen: true });
  platform.logistics.setShopProviders(OPERATOR, { companyId: shipping.id, chosen: [provider.id], preferred: provider.id });
  const product = (shopId: number) =>
    platform.catalog.createProduct(OPERATOR, shopId, { sku: '', description: '', isActive: true, categoryIds: [], kind: 'physical', name: 'Parcel', priceMinor: 1000, currency: 'EUR', vatRateBp: 1900, weightGrams: 700, stock: 1_000_000 } as never);
  const shippingProduct = product(shipping.id);
  const plainProduct = product(plain.id);
  platform.fulfillment.moveStock(OPERATOR, { providerId: provider.id, warehouseId: warehouse.id, productId: shippingProduct.id, kind: 'receipt', quantity: 1_000_000, note: '' });
  let n = 0;
  const checkout = (shopId: number, productId: number) =>
    platform.checkout.place(OPERATOR, shopId, parseInput(checkoutSchema, { companyId: shopId, customer: { email: `c${n++}@bench.example`, name: 'Bench', country: 'DE' }, lines: [{ productId, quantity: 1 }] }));
  return {
    providerId: provider.id,
    rules: made,
    quote: () => platform.fulfillment.quote(OPERATOR, shipping.id, 'DE', [{ productId: shippingProduct.id, quantity: 1 }]),
    checkoutWithShipping: () => checkout(shipping.id, shippingProduct.id),
    checkoutPlain: () => checkout(plain.id, plainProduct.id),
    /** The physical floor: reading the shop's rule rows once. */
    rawRules: (() => {
      const statement = platform.db.prepare('SELECT id, provider_id, zone_id, currency, min_grams, max_grams, amount_minor FROM logistics_rates WHERE provider_id = ? AND currency = ?');
      return () => statement.all(provider.id, 'EUR');
    })(),
  };
}

/**
 * Turns a seeded folder into one big provider's: every company a shop that chose it, every order forwarded
 * (fulfillment rows) and one shipment per order in a spread of states. Raw inserts (the services would take hours
 * for a million rows); the rows are the same shape the services write.
 */
export function bigProvider(platform: CorePlatform): { providerId: number; shipments: number; shops: number } {
  const db = platform.db;
  const existing = db.prepare("SELECT id FROM logistics_providers WHERE name = 'Bench Big Logistics'").pluck().get() as number | undefined;
  if (existing !== undefined) {
    return {
      providerId: existing,
      shipments: db.prepare('SELECT count(*) FROM logistics_shipments WHERE provider_id = ?').pluck().get(existing) as number,
      shops: db.prepare('SELECT count(*) FROM logistics_shop_providers WHERE provider_id = ?').pluck().get(existing) as number,
    };
  }
  const partner = company(platform, 'Bench Big Logistics', { isPartner: true });
  const provider = platform.logistics.apply(OPERATOR, { companyId: partner.id, name: 'Bench Big Logistics', contactEmail: 'ops@big.example', note: '' });
  platform.logistics.approve(OPERATOR, provider.id);
  const warehouse = platform.logistics.saveWarehouse(OPERATOR, { providerId: provider.id, name: 'Hub', country: 'DE', city: '', street: '', postalCode: '' });
  forwardEveryOrder(platform, provider.id, 'Bench Big Logistics', warehouse.id);
  db.pragma('optimize');
  return bigProvider(platform);
}

/**
 * Forwards every order not yet forwarded to the provider (every non-partner shop offered it; a tenth open, a
 * tenth partly shipped, the rest shipped), with one shipment each for the orders it forwards (after the provider's
 * existing fulfillments: the demo's own Northwind shipments stay as they are). Used by the screens bench too.
 */
export function forwardEveryOrder(platform: CorePlatform, providerId: number, providerName: string, warehouseId: number): void {
  const db = platform.db;
  const now = platform.clock.now();
  const after = db.prepare('SELECT COALESCE(MAX(order_id), 0) FROM logistics_fulfillments WHERE provider_id = ?').pluck().get(providerId) as number;
  db.transaction(() => {
    db.prepare('INSERT OR IGNORE INTO logistics_shop_providers (company_id, provider_id, preferred, chosen_at) SELECT id, ?, 0, ? FROM companies WHERE is_partner = 0').run(providerId, now);
    db.prepare(
      `INSERT INTO logistics_fulfillments (order_id, order_number, company_id, provider_id, provider_name, rate_id, zone_name, state, warehouse_id, reserved, weight_grams, amount_minor, currency,
         ship_name, ship_email, ship_street, ship_city, ship_postal_code, ship_country, item_count, forwarded_at, updated_at)
       SELECT o.id, o.number, o.company_id, @provider, @providerName, 0, 'EU', CASE WHEN o.id % 10 = 0 THEN 'open' WHEN o.id % 10 = 1 THEN 'partly_shipped' ELSE 'shipped' END,
         @warehouse, 0, 900, 490, o.currency, c.name, c.email, c.street, c.city, c.postal_code, COALESCE(NULLIF(c.country, ''), 'DE'), o.item_count, o.placed_at, o.placed_at
       FROM orders o JOIN customers c ON c.id = o.customer_id WHERE o.id NOT IN (SELECT order_id FROM logistics_fulfillments)`,
    ).run({ provider: providerId, providerName, warehouse: warehouseId });
    db.prepare(
      `INSERT INTO logistics_shipments (provider_id, company_id, order_id, warehouse_id, carrier, tracking_number, status, created_at, updated_at)
       SELECT @provider, f.company_id, f.order_id, @warehouse, 'DHL', printf('00340434%012d', f.order_id),
         CASE f.order_id % 4 WHEN 0 THEN 'label_created' WHEN 1 THEN 'in_transit' WHEN 2 THEN 'delivered' ELSE 'exception' END, f.forwarded_at, f.forwarded_at
       FROM logistics_fulfillments f WHERE f.provider_id = @provider AND f.order_id > @after ORDER BY f.order_id`,
    ).run({ provider: providerId, warehouse: warehouseId, after });
  }).immediate();
  db.pragma('optimize');
}

/** The console's first page of each list (what opening the screen loads), through the services. */
export function listCalls(platform: CorePlatform, providerId: number) {
  return {
    queue: () => platform.fulfillment.queue(OPERATOR, { providerId, state: 'active', search: '', offset: 0, limit: 100 }),
    queueFiltered: () => platform.fulfillment.queue(OPERATOR, { providerId, state: 'partly_shipped', search: '', offset: 0, limit: 100 }),
    shipments: () => platform.fulfillment.shipments(OPERATOR, { providerId, search: '', offset: 0, limit: 100 }),
    shipmentsFiltered: () => platform.fulfillment.shipments(OPERATOR, { providerId, status: 'exception', search: '0034043400000', offset: 0, limit: 100 }),
    /** The physical floor: one page of 100 rows read by the same index, no joins, no count. */
    rawPage: (() => {
      const statement = platform.db.prepare('SELECT * FROM logistics_shipments WHERE provider_id = ? ORDER BY id DESC LIMIT 100');
      return () => statement.all(providerId);
    })(),
  };
}
