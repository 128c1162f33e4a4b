// Deleting a company with its data (issue 23 row 2): everything it had goes in one transaction and nothing of
// anybody else's does; documents, orders, clients and apps used elsewhere refuse it with every reason named.
import { afterEach, describe, expect, it } from 'vitest';
import { OPERATOR } from '../../../../../src-main/core/access';
import { DEMO_PARTNER_EMAIL } from '../../../../../src-main/core/seed/demo-seed';
import { errorOf, openShopPlatform } from '../../../../helpers/shop';
import { openBillingPlatform } from '../../../../helpers/billing';
import { authorizeApp, insertApp, insertHook, shopCompanyId } from '../../../../helpers/webhooks';

const open: { dispose(): void }[] = [];
afterEach(() => open.splice(0).forEach((p) => p.dispose()));

function setup() {
  const shop = openShopPlatform('demo');
  open.push(shop.platform);
  return shop;
}

type Shop = ReturnType<typeof setup>;

/** Row counts of every table (what a deletion must give back exactly). */
function tableCounts(platform: Shop['platform']): Record<string, number> {
  const tables = platform.db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
  return Object.fromEntries(tables.map((t) => [t, platform.db.prepare(`SELECT count(*) FROM "${t}"`).pluck().get() as number]));
}

/** A client with a bit of everything a shop has, except orders and documents. */
function fullClient(shop: Shop): number {
  const { platform, partner, newClient } = shop;
  const id = newClient({ name: 'Doomed Shop' });
  const category = platform.catalog.createCategory(partner, id, { name: 'Boots', description: '', parentId: null } as never);
  platform.catalog.createProduct(partner, id, { kind: 'physical', name: 'Boot', sku: 'B1', description: '', priceMinor: 12_900, isActive: true, categoryIds: [category.id], weightGrams: 900, stock: 5 } as never);
  platform.customers.create(partner, id, { email: 'eva@example.test', name: 'Eva', phone: '', street: '', city: '', postalCode: '', country: '', acceptsMarketing: true, note: '' });
  platform.users.create(OPERATOR, { companyId: id, email: 'owner@doomed.example', name: 'Owner', password: 'password1', permissions: [], isAdmin: true, sendWelcomeEmail: true }, { passwordHash: 'unused' });
  // Its own app, hooked into itself, and somebody else's app authorized for it with a hook.
  const own = insertApp(platform, { companyId: id });
  insertHook(platform, { appId: own.id, companyId: id, topic: 'product/create', address: 'http://127.0.0.1:9/own' });
  const foreignApp = insertApp(platform, { companyId: shopCompanyId(platform, 0) });
  insertHook(platform, { appId: foreignApp.id, companyId: id, topic: 'order/create', address: 'http://127.0.0.1:9/foreign' });
  // A change that queues webhook events for the hooks.
  platform.catalog.createProduct(partner, id, { kind: 'service', name: 'Fitting', sku: '', description: '', priceMinor: 2_000, isActive: true, categoryIds: [] } as never);
  return id;
}

describe('deleting a company with its data', () => {
  it('removes exactly what the client had: every table is back to its count before the client existed, no dangling reference', () => {
    const shop = setup();
    const { platform, partner } = shop;
    const before = tableCounts(platform);
    const id = fullClient(shop);
    const during = tableCounts(platform);
    for (const table of ['products', 'categories', 'customers', 'users', 'webhooks', 'app_authorizations', 'webhook_events', 'partner_attestations', 'shop_settings']) {
      expect(during[table], table).toBeGreaterThan(before[table]);
    }

    const result = platform.companies.delete(partner, id);

    expect(result).toMatchObject({ companyId: id, name: 'Doomed Shop', partnerId: shop.partnerId });
    // Three products: the boot, the fitting and its own app's product (apps are products of their company).
    expect(result.deleted).toMatchObject({ companies: 1, products: 3, users: 1, customers: 1 });
    const after = tableCounts(platform);
    for (const [table, count] of Object.entries(before)) {
      if (['audit_log', 'outbox', 'apps', 'products', 'webhook_events'].includes(table)) continue;
      expect(after[table], table).toBe(count);
    }
    // The other company's app stays (it is not the client's); the client's own app went.
    expect(after.apps).toBe(before.apps + 1);
    expect(after.products).toBe(before.products + 1);
    expect(platform.db.prepare('PRAGMA foreign_key_check').all()).toEqual([]);
    expect(platform.db.prepare('SELECT count(*) FROM companies WHERE id = ?').pluck().get(id)).toBe(0);
    // Audited (the log keeps the id), and the partner is told by email.
    expect(platform.db.prepare("SELECT actor, detail FROM audit_log WHERE action = 'company.deleted' AND company_id = ?").get(id)).toMatchObject({ actor: 'user:user1@test-partners.example' });
    expect(platform.db.prepare("SELECT subject FROM outbox WHERE kind = 'company.deleted'").pluck().all()).toEqual(['Doomed Shop was deleted']);
  });

  it('publishes company.deleted after the commit', () => {
    const shop = setup();
    const id = shop.newClient();
    const seen: unknown[] = [];
    shop.platform.events.subscribe((event) => {
      if (event.name === 'company.deleted') seen.push(event.payload);
    });
    shop.platform.companies.delete(shop.partner, id);
    expect(seen).toEqual([{ companyId: id, partnerId: shop.partnerId }]);
  });

  it('refuses a company with orders, naming the reason, and writes nothing', () => {
    const shop = setup();
    const { platform, partner, newClient } = shop;
    const id = newClient();
    const product = platform.catalog.createProduct(partner, id, { kind: 'service', name: 'Tour', sku: '', description: '', priceMinor: 5_000, isActive: true, categoryIds: [] } as never);
    const customer = platform.customers.create(partner, id, { email: 'a@b.example', name: 'A', phone: '', street: '', city: '', postalCode: '', country: '', acceptsMarketing: false, note: '' });
    platform.orders.create(partner, id, { customerId: customer.id, status: 'paid', lines: [{ productId: product.id, quantity: 2 }], note: '' });
    const before = tableCounts(platform);
    const error = errorOf(() => platform.companies.delete(partner, id));
    expect(error.code).toBe('conflict');
    expect(error.message).toBe('Test Shop 1 cannot be deleted: it has 1 order.');
    expect(error.details).toEqual({ reasons: ['it has 1 order'] });
    expect(tableCounts(platform)).toEqual(before);
  });

  it('refuses a client with billed orders and its partner with documents and clients, every reason at once', async () => {
    const t = openBillingPlatform();
    open.push(t);
    const client = t.client('Billed Shop', { route: 'via_partner' });
    const product = t.product(client, 'digital', 'Font', 1000);
    t.order(client, '2026-10-03', [[product, 2]]);
    t.at('2026-11-02T10:00:00Z');
    await t.platform.billing.closing.close(t.partner.actor, null, '2026-10');
    const documents = (id: number) => t.platform.db.prepare('SELECT count(*) FROM billing_documents WHERE recipient_company_id = @id OR issuer_company_id = @id').pluck().get({ id }) as number;
    expect(documents(t.partner.id)).toBeGreaterThan(0);

    const ofPartner = errorOf(() => t.platform.companies.delete(OPERATOR, t.partner.id));
    expect(ofPartner.code).toBe('conflict');
    expect((ofPartner.details as { reasons: string[] }).reasons).toEqual([
      `it has ${documents(t.partner.id)} billing document${documents(t.partner.id) === 1 ? '' : 's'} (documents stay for billing)`,
      'it manages 1 client company (end those relations first)',
    ]);
    const ofClient = errorOf(() => t.platform.companies.delete(t.partner.actor, client));
    expect((ofClient.details as { reasons: string[] }).reasons.at(-1)).toBe('it has 1 order');
  });

  it('refuses a developer whose app another company uses, until it is uninstalled there', () => {
    const shop = setup();
    const { platform, partner, newClient } = shop;
    const developer = newClient({ name: 'App Maker' });
    const user = newClient({ name: 'App User' });
    const app = insertApp(platform, { companyId: developer });
    const authorization = authorizeApp(platform, app.id, user);
    const error = errorOf(() => platform.companies.delete(partner, developer));
    expect(error.message).toBe('App Maker cannot be deleted: its apps are installed in 1 other company (they must be uninstalled there first).');
    platform.authorizations.revoke(OPERATOR, authorization);
    platform.companies.delete(partner, developer);
    expect(platform.db.prepare('SELECT count(*) FROM apps WHERE id = ?').pluck().get(app.id)).toBe(0);
  });

  it('only the managing partner (with the clients permission) or the operator deletes; the company itself cannot', () => {
    const shop = setup();
    const { platform, newClient, partnerUser, as } = shop;
    const id = newClient();
    platform.users.create(OPERATOR, { companyId: id, email: 'self@client.example', name: 'Self', password: 'password1', permissions: [], isAdmin: true, sendWelcomeEmail: false }, { passwordHash: 'unused' });
    expect(errorOf(() => platform.companies.delete(as('self@client.example'), id)).code).toBe('forbidden');
    expect(errorOf(() => platform.companies.delete(partnerUser(['orders']), id)).code).toBe('forbidden');
    // A user of another partner does not even learn that it exists.
    expect(errorOf(() => platform.companies.delete(as(DEMO_PARTNER_EMAIL), id)).code).toBe('not_found');
    expect(platform.db.prepare('SELECT count(*) FROM companies WHERE id = ?').pluck().get(id)).toBe(1);
    platform.companies.delete(OPERATOR, id);
    expect(platform.db.prepare('SELECT count(*) FROM companies WHERE id = ?').pluck().get(id)).toBe(0);
  });
});
