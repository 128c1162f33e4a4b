import { afterEach, describe, expect, it } from 'vitest';
import { OPERATOR } from '../../../../../src-main/core/access';
import { openTestPlatform, T0 } from '../../../../helpers/platform';
import { insertApp, insertHook, shopCompanyId } from '../../../../helpers/webhooks';

const open: { dispose(): void }[] = [];
afterEach(() => open.splice(0).forEach((p) => p.dispose()));

function setup() {
  const platform = openTestPlatform('demo');
  open.push(platform);
  const company = shopCompanyId(platform, 0);
  const other = shopCompanyId(platform, 1);
  const app = insertApp(platform, { companyId: company });
  const otherApp = insertApp(platform, { companyId: company });
  const events = () =>
    platform.db.prepare('SELECT webhook_id, app_id, company_id, topic, payload, state, message_id, created_at FROM webhook_events ORDER BY id').all() as {
      webhook_id: number;
      app_id: number;
      company_id: number;
      topic: string;
      payload: string;
      state: string;
      message_id: string;
      created_at: number;
    }[];
  return { platform, company, other, app, otherApp, events };
}

describe('webhook events are written with the change (transactional outbox)', () => {
  it('writes one row per active hook of that company and topic, with the exact payload', () => {
    const { platform, company, other, app, otherApp, events } = setup();
    const a = insertHook(platform, { appId: app.id, companyId: company, topic: 'order/create', address: 'http://127.0.0.1:1/a' });
    const b = insertHook(platform, { appId: otherApp.id, companyId: company, topic: 'order/create', address: 'http://127.0.0.1:1/b' });
    insertHook(platform, { appId: app.id, companyId: company, topic: 'order/create', address: 'http://127.0.0.1:1/off', isActive: false });
    insertHook(platform, { appId: app.id, companyId: other, topic: 'order/create', address: 'http://127.0.0.1:1/other-company' });
    insertHook(platform, { appId: app.id, companyId: company, topic: 'customer/create', address: 'http://127.0.0.1:1/other-topic' });

    platform.ctx.transact((emit) => emit('order.created', { companyId: company, id: 267227 }));

    const rows = events();
    expect(rows.map((r) => r.webhook_id)).toEqual([a, b]);
    for (const row of rows) {
      expect(row).toMatchObject({ company_id: company, topic: 'order/create', state: 'queued', created_at: T0 });
      expect(row.payload).toBe(`{"company_id":${company},"producer":"shop","scope":"order/create","data":{"type":"order","id":"267227"}}`);
      expect(row.message_id).toMatch(/^msg_[0-9a-f]{32}$/);
    }
    expect(rows[0].message_id).not.toBe(rows[1].message_id);
  });

  it('rolls back with the change', () => {
    const { platform, company, app, events } = setup();
    insertHook(platform, { appId: app.id, companyId: company, topic: 'product/create', address: 'http://127.0.0.1:1/p' });
    expect(() =>
      platform.ctx.transact((emit) => {
        emit('product.created', { companyId: company, id: 5 });
        throw new Error('the product could not be saved');
      }),
    ).toThrow('could not be saved');
    expect(events()).toEqual([]);
  });

  it('maps each platform event to its topic and data.type; events without a topic write nothing', () => {
    const { platform, company, app, events } = setup();
    for (const topic of ['customer/update', 'groupmember/create', 'newsrecipient/update', 'product/delete', 'subscriber/create']) {
      insertHook(platform, { appId: app.id, companyId: company, topic, address: `http://127.0.0.1:1/${topic}` });
    }
    platform.ctx.transact((emit) => {
      emit('customer.updated', { companyId: company, id: 1 });
      emit('group_member.created', { companyId: company, id: 2 });
      emit('newsletter_recipient.updated', { companyId: company, id: 3 });
      emit('product.deleted', { companyId: company, id: 4 });
      emit('subscriber.created', { companyId: company, id: 5 });
      emit('customer.deleted', { companyId: company, id: 6 });
      emit('order.updated', { companyId: company, id: 7 });
    });
    expect(events().map((r) => [r.topic, JSON.parse(r.payload).data])).toEqual([
      ['customer/update', { type: 'customer', id: '1' }],
      ['groupmember/create', { type: 'groupmember', id: '2' }],
      ['newsrecipient/update', { type: 'newsrecipient', id: '3' }],
      ['product/delete', { type: 'product', id: '4' }],
      ['subscriber/create', { type: 'subscriber', id: '5' }],
    ]);
  });

  it('fires from the shop services’ real actions: a customer made in the console, an order through checkout, a deleted product', () => {
    const { platform, company, app, events } = setup();
    for (const topic of ['customer/create', 'order/create', 'product/create', 'product/delete']) {
      insertHook(platform, { appId: app.id, companyId: company, topic, address: `http://127.0.0.1:1/${topic}` });
    }
    platform.shop.updateSettings(OPERATOR, { companyId: company, storefrontOpen: true });
    const customer = platform.customers.create(OPERATOR, company, { email: 'eva@example.test', name: 'Eva', phone: '', street: '', city: '', postalCode: '', country: '', acceptsMarketing: false, note: '' });
    const product = platform.catalog.createProduct(OPERATOR, company, { kind: 'digital', name: 'E-book', sku: '', description: '', priceMinor: 500, isActive: true, categoryIds: [] });
    const order = platform.checkout.place(OPERATOR, company, { customer: { email: 'new@example.test', name: 'New', phone: '', street: '', city: '', postalCode: '', country: '', acceptsMarketing: false }, lines: [{ productId: product.id, quantity: 1 }], note: '' });
    expect(() => platform.checkout.place(OPERATOR, company, { customer: { email: 'x@example.test', name: 'X', phone: '', street: '', city: '', postalCode: '', country: '', acceptsMarketing: false }, lines: [{ productId: 99999, quantity: 1 }], note: '' })).toThrow();
    const other = platform.catalog.createProduct(OPERATOR, company, { kind: 'service', name: 'Repair', sku: '', description: '', priceMinor: 100, isActive: true, categoryIds: [] });
    platform.catalog.deleteProduct(OPERATOR, company, other.id);
    expect(events().map((e) => [e.topic, JSON.parse(e.payload).data.id])).toEqual([
      ['customer/create', String(customer.id)],
      ['product/create', String(product.id)],
      ['customer/create', String(order.customerId)],
      ['order/create', String(order.id)],
      ['product/create', String(other.id)],
      ['product/delete', String(other.id)],
    ]);
  });

  it('writes only for apps the company authorizes now; app/uninstalled is written as the authorization ends', () => {
    const { platform, company, app, otherApp, events } = setup();
    const mine = insertHook(platform, { appId: app.id, companyId: company, topic: 'order/create', address: 'http://127.0.0.1:1/mine' });
    const gone = insertHook(platform, { appId: app.id, companyId: company, topic: 'app/uninstalled', address: 'http://127.0.0.1:1/gone' });
    const theirs = insertHook(platform, { appId: otherApp.id, companyId: company, topic: 'order/create', address: 'http://127.0.0.1:1/theirs' });
    // An authorization that ended without the platform's revocation path (e.g. an old data folder): no rows.
    platform.db.prepare('UPDATE app_authorizations SET revoked_at = ? WHERE app_id = ? AND company_id = ?').run(T0, otherApp.id, company);
    platform.ctx.transact((emit) => emit('order.created', { companyId: company, id: 1 }));
    expect(events().map((e) => e.webhook_id)).toEqual([mine]);

    platform.authorizations.revoke(OPERATOR, platform.authorizations.findActive(app.id, company)!.id);
    expect(events().map((e) => [e.webhook_id, e.topic])).toEqual([[gone, 'app/uninstalled']]);
    platform.ctx.transact((emit) => emit('order.created', { companyId: company, id: 2 }));
    expect(events().map((e) => e.webhook_id)).toEqual([gone]);
    expect(platform.repos.webhooks.get(theirs)).toBeDefined();
  });

  it('app/uninstalled and app/update go only to the hooks of the app concerned', () => {
    const { platform, company, app, otherApp, events } = setup();
    const mine = insertHook(platform, { appId: app.id, companyId: company, topic: 'app/uninstalled', address: 'http://127.0.0.1:1/mine' });
    insertHook(platform, { appId: otherApp.id, companyId: company, topic: 'app/uninstalled', address: 'http://127.0.0.1:1/theirs' });
    platform.ctx.transact((emit) => emit('app.uninstalled', { companyId: company, appId: app.id }));
    const rows = events();
    expect(rows.map((r) => r.webhook_id)).toEqual([mine]);
    expect(JSON.parse(rows[0].payload)).toEqual({ company_id: company, producer: 'shop', scope: 'app/uninstalled', data: { type: 'app', id: String(app.id) } });
  });

  it("a consent that changes the authorization's scopes fires app/update for that app; the same scopes again fire nothing", () => {
    const { platform, company, app, otherApp, events } = setup();
    const mine = insertHook(platform, { appId: app.id, companyId: company, topic: 'app/update', address: 'http://127.0.0.1:1/mine' });
    insertHook(platform, { appId: otherApp.id, companyId: company, topic: 'app/update', address: 'http://127.0.0.1:1/theirs' });
    const consent = (scopes: ('orders' | 'themes' | 'webhooks')[]) =>
      platform.ctx.transact((emit) => platform.authorizations.grant(emit, { appId: app.id, companyId: company, user: null, scopes }));

    consent(['orders', 'webhooks']); // already granted (insertHook authorizes customers, orders, products, webhooks)
    expect(events()).toEqual([]);
    consent(['themes']);
    const rows = events();
    expect(rows.map((r) => [r.webhook_id, r.topic])).toEqual([[mine, 'app/update']]);
    expect(JSON.parse(rows[0].payload)).toEqual({ company_id: company, producer: 'shop', scope: 'app/update', data: { type: 'app', id: String(app.id) } });
    expect(platform.authorizations.findActive(app.id, company)!.scopes).toBe('products,customers,orders,themes,webhooks');
  });
});
