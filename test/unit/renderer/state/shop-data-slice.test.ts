// The store's shop and statistics slices over a fake console: lists of the acting company, changes and
// their toasts, pushed events, resets on switching, exports, the combined view's range, and the switch
// that prefetches the destination before it shows the new company.
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../../../src-shared/api/errors';
import type { Product } from '../../../../src-shared/api/shop-types';
import { applyPushedEvent } from '../../../../src-renderer/state/pushed-events';
import { rowAt } from '../../../../src-renderer/state/paged-list';
import { entityLabel, entityOfEvent, isFiltered } from '../../../../src-renderer/state/shop-entities';
import { createAppStore, type AppStore } from '../../../../src-renderer/state/store';
import { baseHandlers, clientSession, fakeClient, flush, selfSession, type Handler } from '../../../helpers/renderer-store';

const product = (id: number, companyId: number, extra: Partial<Product> = {}): Product => ({
  id,
  companyId,
  isDemo: false,
  createdAt: '2026-11-01T00:00:00.000Z',
  updatedAt: '2026-11-01T00:00:00.000Z',
  kind: 'service',
  name: `Product ${id}`,
  sku: '',
  description: '',
  priceMinor: 1000,
  currency: 'EUR',
  vatRateBp: 1900,
  isActive: true,
  weightGrams: null,
  stock: null,
  fileId: null,
  fileName: null,
  categories: [],
  ...extra,
});

const page = <T>(items: T[], total = items.length) => ({ items, total, offset: 0, limit: 100 });
const appInfo = { version: '0', dataDir: '/d', host: 'browser', secretStore: { kind: 'key-file', warning: null }, platformUrl: null, clockNow: '2026-11-23T12:00:00.000Z' };

let store: AppStore;
afterEach(() => {
  store?.getState().ui.toasts.forEach((t) => store.getState().actions.dismissToast(t.id));
});

async function actingAs(companyId: number, handlers: Partial<Record<string, Handler>>) {
  const fake = fakeClient({ ...baseHandlers, 'app.info': () => appInfo, 'session.get': () => clientSession(companyId), ...handlers });
  store = createAppStore(fake.client, { refreshDelayMs: 0 });
  await store.getState().actions.loadSession();
  await flush();
  return fake;
}

describe('shop data', () => {
  it('lists belong to the acting company and page through the server', async () => {
    const fake = await actingAs(5, { 'products.list': ({ offset }) => page([product(offset + 1, 5)], 250) });
    store.getState().actions.openShopList('products');
    await flush();
    expect(fake.calls.find((c) => c.method === 'products.list')?.input).toMatchObject({ companyId: 5, offset: 0, limit: 100, sort: 'name', active: 'any' });
    store.getState().actions.loadShopRows('products', 200, 249);
    await flush();
    expect(fake.calls.filter((c) => c.method === 'products.list').map((c) => (c.input as { offset: number }).offset)).toEqual([0, 200]);
    expect(store.getState().shopData.lists.products.total).toBe(250);
  });

  it('a filter set from elsewhere before the list was shown is the acting company’s', async () => {
    const fake = await actingAs(5, { 'orders.list': () => page([]) });
    store.getState().actions.setShopFilter('orders', { customerId: 9 });
    await flush();
    expect(fake.calls.find((c) => c.method === 'orders.list')?.input).toMatchObject({ companyId: 5, customerId: 9, sort: 'placedAt', direction: 'desc' });
  });

  it('a create toasts, stores the object and refreshes the lists that show it', async () => {
    const fake = await actingAs(5, {
      'products.list': () => page([product(1, 5)]),
      'categories.list': () => page([]),
      'products.create': (input) => product(2, 5, { name: input.name }),
    });
    store.getState().actions.openShopList('products');
    store.getState().actions.openShopList('categories');
    await flush();
    await store.getState().actions.createShopItem('products', { companyId: 5, kind: 'service', name: 'Walnut desk', priceMinor: 100 });
    await flush();
    expect(store.getState().ui.toasts.at(-1)).toMatchObject({ kind: 'success', message: 'Walnut desk was added' });
    expect(store.getState().shopData.items['5:products:2'].data).toMatchObject({ name: 'Walnut desk' });
    expect(fake.count('products.list')).toBe(2);
    expect(fake.count('categories.list')).toBe(2); // product counts per category
  });

  it('a failed delete keeps the object and says why', async () => {
    await actingAs(5, {
      'customers.delete': () => {
        throw new ApiError('conflict', 'Customer 3 has orders and cannot be deleted.');
      },
    });
    const error = await store.getState().actions.deleteShopItem('customers', 3, 'the customer Ann').catch((e) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(store.getState().ui.toasts.at(-1)).toMatchObject({ kind: 'error', message: 'Customer 3 has orders and cannot be deleted.' });
  });

  it('pushed events refresh the acting company’s lists and objects, not other companies’', async () => {
    const fake = await actingAs(5, { 'orders.list': () => page([]), 'orders.get': ({ orderId }) => ({ id: orderId }), 'customers.list': () => page([]) });
    store.getState().actions.openShopList('orders');
    await store.getState().actions.loadShopItem('orders', 8);
    await flush();
    applyPushedEvent(store, { name: 'order.created', payload: { companyId: 6, id: 99 } });
    await flush();
    expect(fake.count('orders.list')).toBe(1);
    applyPushedEvent(store, { name: 'order.updated', payload: { companyId: 5, id: 8 } });
    applyPushedEvent(store, { name: 'order.updated', payload: { companyId: 5, id: 8 } });
    await flush();
    expect(fake.count('orders.list')).toBe(2);
    expect(fake.count('orders.get')).toBe(2);
  });

  it('switching company drops the lists and objects of the company left behind', async () => {
    await actingAs(5, { 'products.list': () => page([product(1, 5)]), 'products.get': () => product(1, 5), 'session.switch': ({ companyId }) => clientSession(companyId) });
    store.getState().actions.openShopList('products');
    await store.getState().actions.loadShopItem('products', 1);
    await flush();
    await store.getState().actions.switchCompany(6);
    expect(store.getState().shopData.lists.products).toMatchObject({ status: 'idle', total: null, companyId: null });
    expect(store.getState().shopData.items).toEqual({});
  });

  it('exports exactly the current filter of a list', async () => {
    const fake = await actingAs(5, { 'orders.list': () => page([]), 'shop.exportCsv': () => ({ fileName: 'orders-x-2026-11-23.csv', mimeType: 'text/csv', csv: 'a\r\n', rowCount: 3 }) });
    store.getState().actions.setShopFilter('orders', { status: 'paid', search: 'ann' });
    await flush();
    const file = await store.getState().actions.exportShopList('orders');
    expect(file.rowCount).toBe(3);
    expect(fake.calls.find((c) => c.method === 'shop.exportCsv')?.input).toEqual({
      table: 'orders',
      filter: { companyId: 5, search: 'ann', status: 'paid', sort: 'placedAt', direction: 'desc' },
    });
  });

  it('a refused checkout is not toasted (the storefront shows the platform’s reason in place)', async () => {
    await actingAs(5, {
      'checkout.place': () => {
        throw new ApiError('forbidden', 'Sample companies cannot make end-user sales: X is a sample company.');
      },
    });
    const error = await store.getState().actions.placeCheckout({ companyId: 5, customer: { email: 'a@b.example', name: 'A' }, lines: [{ productId: 1, quantity: 1 }] }).catch((e) => e);
    expect(error.message).toMatch(/^Sample companies cannot make end-user sales/);
    expect(store.getState().ui.toasts).toEqual([]);
  });
});

describe('statistics', () => {
  const summary = { range: { from: '', to: '' }, previousRange: { from: '', to: '' }, scope: {}, includeDemo: false, totals: [], previous: [], orders: 0, previousOrders: 0, newCustomers: 0, customers: 0, clients: 0, clientsWithSales: 0 };
  const overview = {
    'sales.summary': () => summary,
    'sales.byMonth': () => [],
    'sales.byKind': () => [],
    'sales.topClients': () => [],
    'sales.topProducts': () => [],
    'sales.overTime': () => ({ lines: [], periods: [], currencies: [], currency: null }),
  };

  async function asSelf(handlers: Partial<Record<string, Handler>>) {
    const fake = fakeClient({ ...baseHandlers, 'app.info': () => appInfo, ...overview, ...handlers });
    store = createAppStore(fake.client, { refreshDelayMs: 0 });
    await store.getState().actions.loadSession();
    await flush();
    return fake;
  }

  it("defaults to the last 30 days up to the platform's today", async () => {
    const fake = await asSelf({});
    expect(store.getState().actions.salesRange()).toEqual({ preset: 'last30Days', from: '2026-10-25', to: '2026-11-23' });
    await store.getState().actions.loadSalesOverview();
    expect(fake.calls.find((c) => c.method === 'sales.summary')?.input).toEqual({ from: '2026-10-25', to: '2026-11-23', includeDemo: false });
  });

  it('a new range reloads the figures on screen and the by-client list with it', async () => {
    const fake = await asSelf({ 'sales.byClient': () => ({ ...page([]), totals: [], currencies: [] }) });
    await store.getState().actions.loadSalesOverview();
    store.getState().actions.openClientSales();
    await flush();
    store.getState().actions.setSalesRange({ preset: 'custom', from: '2026-01-01', to: '2026-01-31' });
    await flush();
    await flush();
    const byClient = fake.calls.filter((c) => c.method === 'sales.byClient').map((c) => c.input as { from: string; to: string });
    expect(byClient.at(-1)).toMatchObject({ from: '2026-01-01', to: '2026-01-31', sort: 'gross', direction: 'desc' });
    expect(fake.calls.filter((c) => c.method === 'sales.summary').at(-1)?.input).toMatchObject({ from: '2026-01-01', to: '2026-01-31' });
  });

  it('keeps the totals per currency of the whole filter beside the rows', async () => {
    const totals = [{ currency: 'EUR', orders: 3, items: 3, netMinor: 300, vatMinor: 57, grossMinor: 357, averageOrderMinor: 119 }];
    await asSelf({ 'sales.byClient': () => ({ ...page([{ companyId: 2, companyName: 'A', currency: 'EUR' }], 5000), totals, currencies: ['EUR', 'USD'] }) });
    store.getState().actions.openClientSales();
    await flush();
    const list = store.getState().sales.byClient;
    expect(list.meta).toEqual({ totals, currencies: ['EUR', 'USD'] });
    expect(list.total).toBe(5000);
    expect(rowAt(list, 0)).toMatchObject({ companyName: 'A' });
  });

  it('a dashboard prefetched a moment ago is not fetched twice', async () => {
    const fake = await asSelf({ 'dashboard.get': ({ companyId }) => ({ company: { id: companyId } }) });
    await store.getState().actions.loadDashboard(7);
    await store.getState().actions.loadDashboard(7, 3000);
    expect(fake.count('dashboard.get')).toBe(1);
    expect(fake.calls[fake.calls.length - 1].input).toEqual({ companyId: 7, from: '2026-10-25', to: '2026-11-23' });
    await store.getState().actions.loadDashboard(7);
    expect(fake.count('dashboard.get')).toBe(2);
  });

  it('an order of a client refreshes its dashboard and the combined figures on screen', async () => {
    const fake = await asSelf({ 'dashboard.get': ({ companyId }) => ({ company: { id: companyId } }) });
    await store.getState().actions.loadDashboard(7);
    await store.getState().actions.loadSalesOverview();
    await store.getState().actions.loadDashboard(8);
    applyPushedEvent(store, { name: 'order.created', payload: { companyId: 7, id: 1 } });
    await flush();
    expect(fake.calls.filter((c) => c.method === 'dashboard.get').map((c) => (c.input as { companyId: number }).companyId)).toEqual([7, 8, 7]);
    expect(fake.count('sales.summary')).toBe(2);
  });
});

describe('switching without a blank screen', () => {
  it('prepares the destination before the new company is applied, and ignores the pushed copy meanwhile', async () => {
    let releasePrefetch: () => void = () => undefined;
    const fake = fakeClient({ ...baseHandlers, 'session.switch': ({ companyId }) => clientSession(companyId) });
    store = createAppStore(fake.client, { refreshDelayMs: 0 });
    await store.getState().actions.loadSession();
    const seen: number[] = [];
    const switching = store.getState().actions.switchCompany(5, {
      prepare: () =>
        new Promise<void>((resolve) => {
          releasePrefetch = resolve;
        }),
      beforeApply: (info) => seen.push(info.acting!.id),
    });
    await flush();
    // The console pushes session.changed before the prefetch is done: the old company stays on screen.
    applyPushedEvent(store, { name: 'session.changed', payload: clientSession(5) });
    expect(store.getState().session.info?.acting?.id).toBe(selfSession.acting!.id);
    expect(store.getState().session.switchingTo).toBe(5);
    releasePrefetch();
    await switching;
    expect(seen).toEqual([5]);
    expect(store.getState().session.info?.acting?.id).toBe(5);
    expect(store.getState().session.switchingTo).toBeNull();
  });

  it('a failed prefetch does not stop the switch', async () => {
    const fake = fakeClient({ ...baseHandlers, 'session.switch': ({ companyId }) => clientSession(companyId) });
    store = createAppStore(fake.client, { refreshDelayMs: 0 });
    await store.getState().actions.loadSession();
    await store.getState().actions.switchCompany(5, { prepare: () => Promise.reject(new Error('offline')) });
    expect(store.getState().session.info?.acting?.id).toBe(5);
  });
});

describe('the shop entity table', () => {
  it('maps pushed events to their lists and knows what a filter narrows', () => {
    expect(entityOfEvent('access_group.deleted')).toBe('accessGroups');
    expect(entityOfEvent('newsletter_recipient.created')).toBe('newsletterRecipients');
    expect(entityOfEvent('order.updated')).toBe('orders');
    expect(isFiltered('orders', { search: '', sort: 'gross', direction: 'asc' })).toBe(false);
    expect(isFiltered('orders', { search: '', sort: 'placedAt', direction: 'desc', status: 'paid' })).toBe(true);
    expect(entityLabel('orders', { number: 1042 })).toBe('Order #1042');
    expect(entityLabel('groupMembers', { email: 'a@b.example', name: 'A' })).toBe('a@b.example');
  });
});
