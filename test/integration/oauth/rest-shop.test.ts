// The shop resources of /admin over real HTTP: products, categories, customers, orders, themes, files and
// statistics, with snake_case wire names, field errors that name the wire field (nothing written), the
// verbs each scope grants, pagination, and the company, scope and user-permission boundaries.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATOR } from '../../../src-main/core/access';
import { ANNA, api, DANA, startOAuthFixture, tokensFor, type Json, type OAuthFixture } from '../../helpers/oauth';
import { hashPassword } from '../../../src-main/core/passwords';

let fixture: OAuthFixture;
let token: string;
let alpen: number;
const ALL = 'products,customers,orders,themes,files,statistics';
const REST_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+00:00$/;

beforeAll(async () => {
  fixture = await startOAuthFixture();
  alpen = fixture.companyOf(ANNA);
  token = (await tokensFor(fixture, { scope: ALL })).access;
});
afterAll(() => fixture.close());

const post = (path: string, body: unknown, as = token) => api(fixture, 'POST', path, as, body);
const put = (path: string, body: unknown, as = token) => api(fixture, 'PUT', path, as, body);
const get = (path: string, as = token) => api(fixture, 'GET', path, as);

async function product(overrides: Record<string, unknown> = {}): Promise<Json> {
  const reply = await post('/admin/products.json', { product: { kind: 'service', name: `Service ${Math.random()}`, price_minor: 4900, ...overrides } });
  expect(reply.status).toBe(201);
  return reply.body.product;
}

describe('products and categories (scope products)', () => {
  it('creates a product with snake_case properties and minor units; reads, lists, changes and deletes it', async () => {
    const category = (await post('/admin/categories.json', { category: { name: 'Skin care' } })).body.category;
    expect(category).toMatchObject({ name: 'Skin care', product_count: 0, company_id: alpen });
    const created = await post('/admin/products.json', {
      product: { kind: 'physical', name: 'Zx41 test balm', sku: 'ZX-41', price_minor: 1990, vat_rate_bp: 2000, weight_grams: 80, stock: 12, category_ids: [category.id] },
    });
    expect(created.status).toBe(201);
    const p = created.body.product;
    expect(p).toMatchObject({ company_id: alpen, kind: 'physical', name: 'Zx41 test balm', sku: 'ZX-41', price_minor: 1990, currency: 'EUR', vat_rate_bp: 2000, is_active: true, weight_grams: 80, stock: 12, categories: [{ id: category.id, name: 'Skin care' }], is_demo: false });
    expect(p.created_at).toMatch(REST_TIME);

    expect((await get(`/admin/products/${p.id}.json`)).body).toEqual({ product: p });
    expect((await get('/admin/products.json?kind=physical&search=Zx41')).body.products.map((x: Json) => x.id)).toEqual([p.id]);
    expect((await get('/admin/products.json?kind=service&search=Zx41')).body.products).toEqual([]);

    // A client may send back what it read: read-only properties are ignored, the change is applied.
    const changed = await put(`/admin/products/${p.id}.json`, { product: { ...p, price_minor: 2190, category_ids: [] } });
    expect(changed.status).toBe(200);
    expect(changed.body.product).toMatchObject({ price_minor: 2190, categories: [] });

    expect(await api(fixture, 'DELETE', `/admin/products/${p.id}.json`, token)).toMatchObject({ status: 200, body: {} });
    expect((await get(`/admin/products/${p.id}.json`)).status).toBe(404);
  });

  it.each([
    [{ kind: 'physical', name: 'No weight', price_minor: 100 }, ['stock', 'weight_grams']],
    [{ kind: 'app', name: 'An app', price_minor: 100 }, ['kind']],
    [{ kind: 'service', name: 'Float price', price_minor: 19.9 }, ['price_minor']],
    [{ kind: 'digital', name: 'Missing file', price_minor: 100, file_id: 999999 }, ['file_id']],
    [{ kind: 'service', name: 'Unknown category', price_minor: 100, category_ids: [999999] }, ['category_ids']],
    [{ kind: 'service', name: 'Colour', price_minor: 100, colour: 'red' }, ['colour']],
  ])('refuses %j with 422 naming %j and writes nothing', async (body, fields) => {
    const reply = await post('/admin/products.json', { product: body });
    expect(reply.status).toBe(422);
    expect(Object.keys(reply.body.errors).sort()).toEqual(fields);
    expect((await get(`/admin/products.json?search=${encodeURIComponent(body.name)}`)).body.products).toEqual([]);
  });

  it('pages with limit and page (Link header), sorts by wire names, and names bad query parameters', async () => {
    for (let i = 0; i < 3; i++) await product({ name: `Paged ${i}` });
    const first = await get('/admin/products.json?limit=2&sort=created_at&direction=desc');
    expect(first.body.products).toHaveLength(2);
    expect(first.headers.get('link')).toContain('rel="next"');
    expect(first.body.products[0].name).toBe('Paged 2');
    expect((await get('/admin/products.json?sort=colour')).body).toEqual({ errors: { sort: [expect.stringContaining('must be one of')] } });
    expect((await get('/admin/products.json?category_id=abc')).status).toBe(400);
    expect((await get('/admin/products.json?since_id=3')).body.errors).toHaveProperty('since_id');
  });

  it('refuses a duplicate category name and an id in the body that differs from the URL', async () => {
    const first = (await post('/admin/categories.json', { category: { name: 'Gifts' } })).body.category;
    expect((await post('/admin/categories.json', { category: { name: 'Gifts' } })).body).toEqual({ errors: { name: ['is already used by another category'] } });
    expect((await put(`/admin/categories/${first.id}.json`, { category: { id: first.id + 1, name: 'Presents' } })).body.errors).toHaveProperty('id');
  });
});

describe('customers and orders (scopes customers, orders)', () => {
  it('an order for a customer, its status changes, the transition rules, and no DELETE with the orders scope', async () => {
    const customer = (await post('/admin/customers.json', { customer: { email: 'lena@example.com', name: 'Lena Berg', country: 'at', accepts_marketing: true } })).body.customer;
    expect(customer).toMatchObject({ email: 'lena@example.com', country: 'AT', accepts_marketing: true });
    expect((await post('/admin/customers.json', { customer: { email: 'lena@example.com', name: 'Again' } })).body.errors).toHaveProperty('email');

    const item = await product({ price_minor: 1000, vat_rate_bp: 2000 });
    const bad = await post('/admin/orders.json', { order: { customer_id: customer.id, lines: [{ product_id: 999999, quantity: 1 }] } });
    expect(bad).toMatchObject({ status: 422, body: { errors: { 'lines.0.product_id': ['product 999999 does not exist in this shop'] } } });
    const created = await post('/admin/orders.json', { order: { customer_id: customer.id, status: 'paid', lines: [{ product_id: item.id, quantity: 3 }] } });
    expect(created.status).toBe(201);
    const order = created.body.order;
    expect(order).toMatchObject({ customer_id: customer.id, status: 'paid', currency: 'EUR', net_minor: 3000, vat_minor: 600, gross_minor: 3600, item_count: 3, source: 'api' });
    expect(order.lines[0]).toMatchObject({ line_no: 1, product_id: item.id, quantity: 3, unit_price_minor: 1000, gross_minor: 3600 });

    expect((await put(`/admin/orders/${order.id}.json`, { order: { status: 'fulfilled' } })).body.order.status).toBe('fulfilled');
    expect((await put(`/admin/orders/${order.id}.json`, { order: { status: 'pending' } })).body.errors.status[0]).toContain('cannot change from fulfilled to pending');
    const del = await api(fixture, 'DELETE', `/admin/orders/${order.id}.json`, token);
    expect(del.status).toBe(405);
    expect((await get(`/admin/orders.json?customer_id=${customer.id}`)).body.orders.map((o: Json) => o.id)).toEqual([order.id]);

    expect((await api(fixture, 'DELETE', `/admin/customers/${customer.id}.json`, token))).toMatchObject({ status: 409, body: { errors: expect.stringContaining('cannot be deleted') } });
    expect((await get(`/admin/customers/${customer.id}.json`)).body.customer).toMatchObject({ order_count: 1, spent: [{ currency: 'EUR', gross_minor: 3600 }] });
  });
});

describe('themes and files (scopes themes, files)', () => {
  it('themes: create, activate, change settings, delete', async () => {
    const a = (await post('/admin/themes.json', { theme: { name: 'Alpine', settings: { primaryColor: '#225533' }, is_active: true } })).body.theme;
    expect(a).toMatchObject({ name: 'Alpine', is_active: true, version: '1.0.0', settings: { primaryColor: '#225533' } });
    const b = (await post('/admin/themes.json', { theme: { name: 'Meadow', is_active: true } })).body.theme;
    expect(b.is_active).toBe(true);
    expect((await get(`/admin/themes/${a.id}.json`)).body.theme.is_active).toBe(false);
    expect((await put(`/admin/themes/${a.id}.json`, { theme: { version: 'one' } })).body.errors).toHaveProperty('version');
    expect((await api(fixture, 'DELETE', `/admin/themes/${a.id}.json`, token)).status).toBe(200);
  });

  it('files: get and create only', async () => {
    const created = await post('/admin/files.json', { file: { name: 'manual.pdf', mime_type: 'application/pdf', size_bytes: 123456 } });
    expect(created.status).toBe(201);
    const file = created.body.file;
    expect(file).toMatchObject({ name: 'manual.pdf', mime_type: 'application/pdf', size_bytes: 123456, used_by_products: 0 });
    expect((await get('/admin/files.json?mime_type=application/')).body.files.map((f: Json) => f.id)).toContain(file.id);
    expect((await put(`/admin/files/${file.id}.json`, { file: { name: 'x.pdf' } })).status).toBe(405);
    expect((await api(fixture, 'DELETE', `/admin/files/${file.id}.json`, token)).status).toBe(405);
    expect((await post('/admin/files.json', { file: { name: 'a/b.pdf', mime_type: 'pdf', size_bytes: -1 } })).body.errors).toEqual({
      name: [expect.any(String)],
      mime_type: [expect.any(String)],
      size_bytes: [expect.any(String)],
    });
  });
});

describe('statistics (scope statistics)', () => {
  /** A new paid order of 36.00 EUR in Anna's shop. */
  async function paidOrder(): Promise<void> {
    const customer = (await post('/admin/customers.json', { customer: { email: `stats-${Math.random()}@example.com`, name: 'Stats' } })).body.customer;
    const item = await product({ price_minor: 1000, vat_rate_bp: 2000 });
    expect((await post('/admin/orders.json', { order: { customer_id: customer.id, status: 'paid', lines: [{ product_id: item.id, quantity: 3 }] } })).status).toBe(201);
  }
  const eur = (stats: Json) => stats.totals.find((t: Json) => t.currency === 'EUR') ?? { orders: 0, gross_minor: 0 };

  it("a shop's figures per currency for a range count a new order; the range is checked", async () => {
    const before = (await get('/admin/statistics.json')).body.statistics;
    expect(before).toMatchObject({ company_id: alpen, scope: 'company' });
    await paidOrder();
    const after = (await get('/admin/statistics.json')).body.statistics;
    expect(after.orders).toBe(before.orders + 1);
    expect(eur(after).orders).toBe(eur(before).orders + 1);
    expect(eur(after).gross_minor).toBe(eur(before).gross_minor + 3600);
    expect(after.counts.orders).toBe(before.counts.orders + 1);
    expect(Object.keys(after)).toEqual(expect.arrayContaining(['from', 'to', 'previous', 'by_month', 'by_kind', 'top_products', 'counts']));
    expect((await get('/admin/statistics.json?from=2026-12-01&to=2026-11-01')).body.errors).toHaveProperty('to');
    expect((await get('/admin/statistics.json?from=yesterday&to=2026-11-01')).body.errors).toHaveProperty('from');
    expect((await get(`/admin/statistics/${alpen}.json`)).body.statistics.company_id).toBe(alpen);
    expect((await get(`/admin/statistics/${fixture.companyOf(DANA)}.json`)).status).toBe(404);
  });

  it("a partner's token combines its clients, and reads one client's figures", async () => {
    const partner = (await tokensFor(fixture, { email: DANA, companyId: fixture.companyOf(DANA), scope: 'statistics,products' })).access;
    const before = (await get('/admin/statistics.json', partner)).body.statistics;
    // Real sales only by default: the two sample clients come in with include_demo=true.
    expect(before).toMatchObject({ company_id: fixture.companyOf(DANA), scope: 'clients', include_demo: false, clients: 6 });
    await paidOrder();
    expect((await get('/admin/statistics.json', partner)).body.statistics.orders).toBe(before.orders + 1);
    expect((await get('/admin/statistics.json?include_demo=true', partner)).body.statistics).toMatchObject({ include_demo: true, clients: 8 });
    expect((await get('/admin/statistics.json?include_demo=yes', partner)).body.errors).toHaveProperty('include_demo');
    expect((await get(`/admin/statistics/${alpen}.json`, partner)).body.statistics).toMatchObject({ company_id: alpen, scope: 'company' });
    expect((await get(`/admin/statistics/${fixture.companyOf('maya@harborcoffee.example')}.json`, partner)).status).toBe(404);
    // A partner has no shop of its own.
    expect((await get('/admin/products.json', partner))).toMatchObject({ status: 403, body: { errors: expect.stringContaining('Partners have no shop') } });
  });
});

describe('boundaries', () => {
  it("another company's token never reaches this shop's objects (404), and a token reaches only its scopes (403)", async () => {
    const mine = await product();
    const other = (await tokensFor(fixture, { email: 'oliver@brightside-books.example', scope: ALL })).access;
    expect((await get(`/admin/products/${mine.id}.json`, other)).status).toBe(404);
    expect((await put(`/admin/products/${mine.id}.json`, { product: { name: 'Stolen' } }, other)).status).toBe(404);
    expect((await api(fixture, 'DELETE', `/admin/products/${mine.id}.json`, other)).status).toBe(404);
    expect((await get('/admin/products.json?limit=250', other)).body.products.map((p: Json) => p.id)).not.toContain(mine.id);

    const ordersOnly = (await tokensFor(fixture, { scope: 'orders' })).access;
    for (const path of ['/admin/products.json', '/admin/customers.json', '/admin/themes.json', '/admin/files.json', '/admin/statistics.json', '/admin/categories.json']) {
      expect((await get(path, ordersOnly)).status).toBe(403);
    }
    expect((await get('/admin/orders.json', ordersOnly)).status).toBe(200);
  });

  it('a token does no more than the user who granted it may do', async () => {
    const companyId = alpen;
    fixture.platform.users.create(OPERATOR, { companyId, email: 'apps-only@alpenglueck.example', name: 'Apps only', password: 'apps-only-password', permissions: ['apps'], isAdmin: false, sendWelcomeEmail: false }, { passwordHash: await hashPassword('apps-only-password') });
    const limited = (await tokensFor(fixture, { email: 'apps-only@alpenglueck.example', password: 'apps-only-password', scope: 'products' })).access;
    const reply = await get('/admin/products.json', limited);
    expect(reply.status).toBe(403);
    expect(reply.body.errors).toContain('"products" permission');
  });
});
