// The demo's logistics (issue 15): Northwind runs "Northwind Fulfilment", approved, with a warehouse in Berlin and
// one in Newark, an EU and a US zone, rates in EUR and USD, offered only to some of its clients (two of them chose
// it), stock in both warehouses, storefront orders forwarded to it and shipments in every state; Meridian's
// application waits for the operator. Everything goes through the services, so it obeys the same rules.
import { OPERATOR } from '../access';
import type { Platform } from '../platform';
import { internalsOf } from '../platform-internals';

const EU = ['AT', 'BE', 'DE', 'DK', 'ES', 'FI', 'FR', 'IE', 'IT', 'LU', 'NL', 'PL', 'PT', 'SE'];

export function seedDemoLogistics(platform: Platform): void {
  const actor = OPERATOR;
  const companyId = (name: string) => internalsOf(platform).db.prepare('SELECT id FROM companies WHERE name = ?').pluck().get(name) as number | undefined;
  const northwind = companyId('Northwind Commerce Partners GmbH');
  const meridian = companyId('Meridian Digital Partners Ltd');
  const alpen = companyId('Alpenglück Naturkosmetik GmbH');
  const cafe = companyId('Café Lumière SARL');
  const books = companyId('Brightside Books Ltd');
  if (northwind === undefined || alpen === undefined || cafe === undefined) return;
  const { logistics, fulfillment } = platform;

  const provider = logistics.apply(actor, { companyId: northwind, name: 'Northwind Fulfilment', contactEmail: 'fulfilment@northwind-partners.example', note: 'Two warehouses (Berlin, Newark), same-day dispatch before 2 pm.' });
  logistics.approve(actor, provider.id);
  const providerId = provider.id;
  logistics.updateProfile(actor, { providerId, name: provider.name, contactEmail: provider.contactEmail, offerTo: 'selected' });
  logistics.setOffers(actor, { providerId, add: [alpen, cafe, ...(books === undefined ? [] : [books])], remove: [] });
  const berlin = logistics.saveWarehouse(actor, { providerId, name: 'Berlin', country: 'DE', city: 'Berlin', street: 'Am Borsigturm 40', postalCode: '13507' });
  const newark = logistics.saveWarehouse(actor, { providerId, name: 'Newark', country: 'US', city: 'Newark', street: '200 Port Street', postalCode: '07114' });
  const eu = logistics.saveZone(actor, { providerId, name: 'EU', countries: EU });
  const us = logistics.saveZone(actor, { providerId, name: 'US and Canada', countries: ['CA', 'US'] });
  const rate = (zoneId: number, currency: string, minGrams: number, maxGrams: number | null, amountMinor: number) =>
    logistics.saveRate(actor, { providerId, zoneId, currency, minGrams, maxGrams, amountMinor });
  rate(eu.id, 'EUR', 0, 500, 490);
  rate(eu.id, 'EUR', 501, 2000, 690);
  rate(eu.id, 'EUR', 2001, 10000, 1190);
  rate(eu.id, 'EUR', 10001, null, 2490);
  rate(us.id, 'USD', 0, 1000, 1290);
  rate(us.id, 'USD', 1001, null, 2490);
  rate(us.id, 'EUR', 0, 1000, 1190);
  rate(us.id, 'EUR', 1001, null, 2290);

  // Two clients chose it (Alpenglück prefers it); the stock of their physical products sits in Berlin, a little in Newark.
  for (const shop of [alpen, cafe]) {
    logistics.setShopProviders(actor, { companyId: shop, chosen: [providerId], preferred: shop === alpen ? providerId : null });
    const products = internalsOf(platform).db.prepare("SELECT id FROM products WHERE company_id = ? AND kind = 'physical' ORDER BY id").pluck().all(shop) as number[];
    products.forEach((productId, i) => {
      fulfillment.moveStock(actor, { providerId, warehouseId: berlin.id, productId, kind: 'receipt', quantity: 120 + i * 40, note: 'Opening stock' });
      if (i === 0) fulfillment.moveStock(actor, { providerId, warehouseId: newark.id, productId, kind: 'receipt', quantity: 12, note: 'Opening stock' });
    });
    if (products.length > 1) fulfillment.moveStock(actor, { providerId, warehouseId: berlin.id, productId: products[1], kind: 'adjustment', quantity: -3, note: 'Damaged in storage' });
  }

  // Storefront orders forwarded to it, shipped into every state.
  const product = (shop: number, index: number) => (internalsOf(platform).db.prepare("SELECT id FROM products WHERE company_id = ? AND kind = 'physical' ORDER BY id").pluck().all(shop) as number[])[index];
  const order = (shop: number, name: string, country: string, city: string, lines: [number, number][]) =>
    platform.checkout.place(actor, shop, {
      customer: { email: `${name.toLowerCase().replace(/[^a-z]+/g, '.')}@mail.example`, name, phone: '', street: 'Hauptstraße 12', city, postalCode: '1010', country, acceptsMarketing: false },
      lines: lines.map(([index, quantity]) => ({ productId: product(shop, index), quantity })),
      note: '',
    });
  const ship = (orderId: number, tracking: string, carrier = 'DHL') => fulfillment.ship(actor, { providerId, orderId, warehouseId: berlin.id, carrier, trackingNumber: tracking });
  const move = (shipmentId: number, status: 'in_transit' | 'delivered' | 'exception', note = '') => fulfillment.updateShipment(actor, { providerId, shipmentId, status, note });

  const delivered = ship(order(alpen, 'Lena Gruber', 'AT', 'Wien', [[0, 2], [1, 1]]).id, '00340434161094015902');
  move(delivered.id, 'in_transit', 'Picked up in Berlin');
  move(delivered.id, 'delivered', 'Handed to the customer');
  const inTransit = ship(order(alpen, 'Jonas Berger', 'DE', 'München', [[2, 3]]).id, '00340434161094015919');
  move(inTransit.id, 'in_transit', 'Picked up in Berlin');
  ship(order(cafe, 'Chloé Laurent', 'FR', 'Lyon', [[0, 2]]).id, '00340434161094015926', 'DPD');
  const exception = ship(order(cafe, 'Lucas Moreau', 'FR', 'Paris', [[1, 1]]).id, '00340434161094015933', 'DPD');
  move(exception.id, 'in_transit', 'Picked up in Berlin');
  move(exception.id, 'exception', 'Recipient not found at the address; the carrier holds the parcel');
  const partly = order(alpen, 'Sophie Wagner', 'DE', 'Hamburg', [[0, 1], [2, 2]]);
  fulfillment.ship(actor, { providerId, orderId: partly.id, warehouseId: berlin.id, carrier: 'DHL', trackingNumber: '00340434161094015940', lines: [{ lineNo: 1, quantity: 1 }] });
  order(alpen, 'Felix Hofer', 'AT', 'Graz', [[1, 2]]);
  order(cafe, 'Emma Dubois', 'BE', 'Bruxelles', [[0, 1], [1, 1]]);

  // Meridian applied too and waits for the operator.
  if (meridian !== undefined) logistics.apply(actor, { companyId: meridian, name: 'Meridian Parcel Services', contactEmail: 'parcels@meridian-digital.example', note: 'UK warehouse in Manchester; next-day delivery across Great Britain.' });
}
