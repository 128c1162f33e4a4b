import { describe, expect, it } from 'vitest';
import { rejection } from '../../../../helpers/shop';
import { openConsoleForTest } from '../../../../helpers/console-service';

const setup = () => openConsoleForTest();

describe('shop data in the console', () => {
  it('store functions run only while acting as that client; partners have no shop', async () => {
    const { service, id } = setup();
    const nordlys = id('Nordlys Outdoor AS');
    const self = await service.call('session.get', {});
    expect((await rejection(service.call('products.list', { companyId: nordlys }))).message).toContain('Switch to company');
    expect((await rejection(service.call('products.list', { companyId: self.home!.id }))).message).toContain('Partners have no shop');
    await service.call('session.switch', { companyId: nordlys });
    expect((await rejection(service.call('customers.list', { companyId: id('Café Lumière SARL') }))).code).toBe('forbidden');
    expect((await service.call('products.list', { companyId: nordlys })).offset).toBe(0);
  });

  it('creates, reads, changes, lists and deletes every kind of shop object, and pushes the events', async () => {
    const { service, events, id } = setup();
    const companyId = id('Nordlys Outdoor AS');
    await service.call('session.switch', { companyId });
    const category = await service.call('categories.create', { companyId, name: 'Sleeping bags' });
    const file = await service.call('files.create', { companyId, name: 'manual.pdf', mimeType: 'application/pdf', sizeBytes: 1000 });
    const product = await service.call('products.create', { companyId, kind: 'physical', name: 'Tent 2P', priceMinor: 249900, weightGrams: 2100, stock: 5, categoryIds: [category.id] });
    expect(product).toMatchObject({ currency: 'NOK', vatRateBp: 2500, categories: [{ id: category.id, name: 'Sleeping bags' }] });
    const customer = await service.call('customers.create', { companyId, email: 'ola@example.no', name: 'Ola Nordmann', country: 'no' });
    const order = await service.call('orders.create', { companyId, customerId: customer.id, lines: [{ productId: product.id, quantity: 1 }] });
    const group = await service.call('accessGroups.create', { companyId, name: 'Members' });
    const cases: [string, string, Record<string, unknown>, Record<string, unknown>][] = [
      ['products', 'productId', { id: product.id }, { name: 'Tent 2P Light' }],
      ['categories', 'categoryId', { id: category.id }, { description: 'Shelter' }],
      ['customers', 'customerId', { id: customer.id }, { city: 'Bergen' }],
      ['orders', 'orderId', { id: order.id }, { note: 'Leave at the door' }],
      ['files', 'fileId', { id: file.id }, { description: 'Assembly' }],
      ['accessGroups', 'accessGroupId', { id: group.id }, { description: 'Paying members' }],
      ['subscribers', 'subscriberId', { create: { email: 's@example.no' } }, { name: 'Sub' }],
      ['groupMembers', 'groupMemberId', { create: { groupId: group.id, email: 'm@example.no' } }, { name: 'Member' }],
      ['newsletterRecipients', 'newsletterRecipientId', { create: { email: 'n@example.no' } }, { language: 'nb' }],
      ['themes', 'themeId', { create: { name: 'Fjord' } }, { version: '1.1.0' }],
    ];
    for (const [area, key, source, patch] of cases) {
      const call = (verb: string, input: Record<string, unknown>) => service.invoke(`${area}.${verb}`, { companyId, ...input }) as Promise<Record<string, unknown>>;
      const objectId = (source.id as number | undefined) ?? ((await call('create', source.create as Record<string, unknown>)).id as number);
      expect((await call('get', { [key]: objectId })).id, area).toBe(objectId);
      const changed = await call('update', { [key]: objectId, ...patch });
      for (const [field, value] of Object.entries(patch)) expect(changed[field], `${area}.${field}`).toBe(value);
      const list = (await call('list', {})) as { items: { id: number }[]; total: number };
      expect(list.items.map((i) => i.id), area).toContain(objectId);
    }
    // Deleting: an order must be cancelled first, the customer then still has it.
    await service.call('orders.update', { companyId, orderId: order.id, status: 'cancelled' });
    expect(await service.call('orders.delete', { companyId, orderId: order.id })).toEqual({ deleted: true, id: order.id });
    expect(await service.call('customers.delete', { companyId, customerId: customer.id })).toEqual({ deleted: true, id: customer.id });
    expect(await service.call('products.delete', { companyId, productId: product.id })).toEqual({ deleted: true, id: product.id });
    const names = new Set(events.map((e) => e.name));
    for (const name of ['product.created', 'product.updated', 'product.deleted', 'category.created', 'customer.created', 'customer.deleted', 'order.created', 'order.updated', 'order.deleted', 'subscriber.created', 'group_member.created', 'newsletter_recipient.created', 'theme.created', 'file.updated', 'access_group.updated']) {
      expect(names, name).toContain(name);
    }
    expect(events.find((e) => e.name === 'order.created')?.payload).toEqual({ companyId, id: order.id });
  });

  it('validates at the boundary with field names, and the storefront refuses a sample company', async () => {
    const { service, platform, id } = setup();
    const companyId = id('Summit Sports (Demo)');
    await service.call('session.switch', { companyId });
    const bad = await rejection(service.invoke('products.create', { companyId, kind: 'gadget', name: '', priceMinor: -1 }));
    expect(Object.keys(bad.fields).sort()).toEqual(['kind', 'name', 'priceMinor']);
    const product = await service.call('products.create', { companyId, kind: 'service', name: 'Ski lesson', priceMinor: 6000 });
    expect(product.isDemo).toBe(true);
    const refused = await rejection(service.call('checkout.place', { companyId, customer: { email: 'c@example.com', name: 'C' }, lines: [{ productId: product.id, quantity: 1 }] }));
    expect(refused.message).toContain('Sample companies cannot make end-user sales');
    expect(platform.repos.customers.findByEmail(companyId, 'c@example.com')).toBeUndefined();
  });
});

describe('statistics in the console', () => {
  it('a checkout as a client shows up in the combined figures as Self, and the drill-down leads back to the client', async () => {
    const { service, id } = setup();
    const companyId = id('Nordlys Outdoor AS');
    const today = (await service.call('app.info', {})).clockNow.slice(0, 10);
    const range = { from: today, to: today };
    const before = await service.call('sales.summary', range);
    await service.call('session.switch', { companyId });
    expect((await rejection(service.call('sales.summary', range))).message).toContain('switch back to Self');
    await service.call('shop.updateSettings', { companyId, storefrontOpen: true });
    const product = await service.call('products.create', { companyId, kind: 'service', name: 'Kayak tour', priceMinor: 90000 });
    const order = await service.call('checkout.place', { companyId, customer: { email: 'kari@example.no', name: 'Kari' }, lines: [{ productId: product.id, quantity: 2 }] });
    expect(order.grossMinor).toBe(225000); // NOK, 25 % VAT
    const own = await service.call('dashboard.get', { companyId, ...range });
    expect(own.summary.totals.find((t) => t.currency === 'NOK')?.orders).toBe((before.totals.find((t) => t.currency === 'NOK')?.orders ?? 0) + 1);
    const csv = await service.call('shop.exportCsv', { table: 'orders', filter: { companyId } });
    expect(csv.csv).toContain(',NOK,1800.00,450.00,2250.00,');
    await service.call('session.switch', { companyId: null });
    const after = await service.call('sales.summary', range);
    expect(after.orders).toBe(before.orders + 1);
    const nok = after.totals.find((t) => t.currency === 'NOK')!;
    expect(nok.grossMinor - (before.totals.find((t) => t.currency === 'NOK')?.grossMinor ?? 0)).toBe(225000);
    const clients = await service.call('sales.byClient', { ...range, onlyWithSales: true });
    expect(clients.items.map((r) => r.companyId)).toContain(companyId);
    const drill = await service.call('dashboard.get', { companyId, ...range });
    expect(drill.recentOrders[0].id).toBe(order.id);
    expect((await service.call('sales.summary', { ...range, companyId })).scope.companyName).toBe('Nordlys Outdoor AS');
    expect((await rejection(service.call('dashboard.get', { companyId: id('Pixel & Paper Studio Ltd') }))).code).toBe('not_found');
    expect((await rejection(service.call('shop.exportCsv', { table: 'orders', filter: { companyId } }))).message).toContain('Switch to company');
    const exported = await service.call('sales.exportCsv', { table: 'salesByClient', filter: { ...range, onlyWithSales: true } });
    expect(exported.csv).toContain('Nordlys Outdoor AS');
    const products = await service.call('sales.products', { companyId, search: 'kayak' });
    expect(products.items.map((p) => [p.companyName, p.name])).toEqual([['Nordlys Outdoor AS', 'Kayak tour']]);
  });
});
