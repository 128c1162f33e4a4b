import { afterEach, describe, expect, it } from 'vitest';
import { OPERATOR } from '../../../../../src-main/core/access';
import { productCreateSchema } from '../../../../../src-shared/api/shop-inputs';
import { parseInput } from '../../../../../src-shared/api/validation';
import { EMPTY_PRODUCT_LIST, errorOf, openShopPlatform } from '../../../../helpers/shop';

const open: { platform: { dispose(): void } }[] = [];
afterEach(() => open.splice(0).forEach((o) => o.platform.dispose()));

function setup() {
  const shop = openShopPlatform();
  open.push(shop);
  return shop;
}

const product = (companyId: number, input: Record<string, unknown>) => {
  const { companyId: _c, ...parsed } = parseInput(productCreateSchema, { companyId, ...input });
  return parsed;
};

describe('products', () => {
  it('creates each catalogue kind with the shop defaults for currency and VAT, and emits product.created inside the transaction', () => {
    const { platform, partner, newClient, recordEvents } = setup();
    const companyId = newClient({ country: 'AT' });
    const events = recordEvents();
    const file = platform.content.files.create(partner, companyId, { name: 'guide.pdf', mimeType: 'application/pdf', sizeBytes: 2048, sha256: null, description: '' });
    const boots = platform.catalog.createProduct(partner, companyId, product(companyId, { kind: 'physical', name: 'Hiking Boots', sku: 'HB-1', priceMinor: 12900, weightGrams: 1400, stock: 12 }));
    const ebook = platform.catalog.createProduct(partner, companyId, product(companyId, { kind: 'digital', name: 'Trail Guide', priceMinor: 999, fileId: file.id, vatRateBp: 1000 }));
    const tour = platform.catalog.createProduct(partner, companyId, product(companyId, { kind: 'service', name: 'Guided Tour', priceMinor: 4500, currency: 'chf' }));
    expect(boots).toMatchObject({ kind: 'physical', currency: 'EUR', vatRateBp: 2000, weightGrams: 1400, stock: 12, fileId: null, isActive: true, isDemo: false });
    expect(ebook).toMatchObject({ kind: 'digital', fileId: file.id, fileName: 'guide.pdf', vatRateBp: 1000, stock: null, weightGrams: null });
    expect(tour).toMatchObject({ kind: 'service', currency: 'CHF' });
    expect(events.filter(([name]) => name === 'product.created').map(([, p]) => p)).toEqual([
      { companyId, id: boots.id },
      { companyId, id: ebook.id },
      { companyId, id: tour.id },
    ]);
  });

  it('enforces the kind rules with named fields, both in the schema and in the service', () => {
    const { platform, partner, newClient } = setup();
    const companyId = newClient();
    const bad = errorOf(() => parseInput(productCreateSchema, { companyId, kind: 'physical', name: 'X', priceMinor: 1 }));
    expect(bad.fields).toEqual({ weightGrams: ['is required for physical products'], stock: ['is required for physical products'] });
    expect(errorOf(() => parseInput(productCreateSchema, { companyId, kind: 'service', name: 'X', priceMinor: 1, stock: 3, fileId: 2 })).fields).toEqual({
      stock: ['applies to physical products only'],
      fileId: ['applies to digital products only'],
    });
    expect(errorOf(() => parseInput(productCreateSchema, { companyId, kind: 'app', name: 'X', priceMinor: 1 })).fields.kind).toBeDefined();
    expect(errorOf(() => parseInput(productCreateSchema, { companyId, kind: 'service', name: ' ', priceMinor: 1.5 })).fields).toEqual({
      name: ['is required'],
      priceMinor: ['must be a whole number of minor units (cents)'],
    });
    // The service checks again (the App Store and REST call it without the console's schema).
    const physical = platform.catalog.createProduct(partner, companyId, product(companyId, { kind: 'physical', name: 'Box', priceMinor: 100, weightGrams: 10, stock: 1 }));
    expect(errorOf(() => platform.catalog.updateProduct(partner, companyId, physical.id, { stock: null })).fields).toEqual({ stock: ['is required for physical products'] });
    expect(errorOf(() => platform.catalog.createProduct(partner, companyId, { ...product(companyId, { kind: 'service', name: 'App', priceMinor: 1 }), kind: 'app' })).fields.kind[0]).toContain('App Store');
    const app = platform.catalog.createProduct(OPERATOR, companyId, { ...product(companyId, { kind: 'service', name: 'My App', priceMinor: 4900 }), kind: 'app' }, { allowStoreKinds: true });
    expect(app.kind).toBe('app');
  });

  it('keeps SKUs unique per shop, checks categories and files of the same shop, and writes nothing on a refusal', () => {
    const { platform, partner, newClient } = setup();
    const a = newClient();
    const b = newClient();
    const foreignCategory = platform.catalog.createCategory(partner, b, { name: 'Elsewhere', description: '' });
    platform.catalog.createProduct(partner, a, product(a, { kind: 'service', name: 'First', sku: 'SKU-1', priceMinor: 100 }));
    const error = errorOf(() =>
      platform.catalog.createProduct(partner, a, product(a, { kind: 'digital', name: 'Second', sku: 'SKU-1', priceMinor: 100, categoryIds: [foreignCategory.id], fileId: 999 })),
    );
    expect(error.fields).toEqual({
      sku: ['is already used by "First"'],
      categoryIds: [`category ${foreignCategory.id} does not exist in this shop`],
      fileId: ['file 999 does not exist in this shop'],
    });
    expect(platform.catalog.listProducts(partner, a, EMPTY_PRODUCT_LIST).total).toBe(1);
    // The same SKU in another shop is fine.
    expect(platform.catalog.createProduct(partner, b, product(b, { kind: 'service', name: 'Other', sku: 'SKU-1', priceMinor: 100 })).sku).toBe('SKU-1');
  });

  it('lists with search, filters, sort and stable pages; categories come with each product', () => {
    const { platform, partner, newClient } = setup();
    const companyId = newClient();
    const shoes = platform.catalog.createCategory(partner, companyId, { name: 'Shoes', description: '' });
    const sale = platform.catalog.createCategory(partner, companyId, { name: 'Sale', description: '' });
    for (let i = 0; i < 25; i++) {
      platform.catalog.createProduct(partner, companyId, product(companyId, {
        kind: i % 2 === 0 ? 'physical' : 'service',
        name: `Item ${String(i).padStart(2, '0')}`,
        priceMinor: 1000 + (i % 5) * 100,
        isActive: i % 3 !== 0,
        ...(i % 2 === 0 ? { weightGrams: 100, stock: i } : {}),
        categoryIds: i < 4 ? [shoes.id, sale.id] : [],
      }));
    }
    const list = (filter: Partial<typeof EMPTY_PRODUCT_LIST>) => platform.catalog.listProducts(partner, companyId, { ...EMPTY_PRODUCT_LIST, ...filter });
    const first = list({ limit: 10 });
    expect(first.total).toBe(25);
    expect(first.items.map((p) => p.name)).toEqual(Array.from({ length: 10 }, (_, i) => `Item ${String(i).padStart(2, '0')}`));
    expect(first.items[0].categories.map((c) => c.name)).toEqual(['Sale', 'Shoes']);
    const byPrice = [...list({ sort: 'price', limit: 13 }).items, ...list({ sort: 'price', offset: 13, limit: 13 }).items];
    expect(new Set(byPrice.map((p) => p.id)).size).toBe(25);
    expect(byPrice.map((p) => p.priceMinor)).toEqual([...byPrice.map((p) => p.priceMinor)].sort((x, y) => x - y));
    expect(list({ kind: 'physical', active: 'inactive' }).items.map((p) => p.name)).toEqual(['Item 00', 'Item 06', 'Item 12', 'Item 18', 'Item 24']);
    expect(list({ categoryId: shoes.id }).total).toBe(4);
    expect(list({ search: 'item 1' }).total).toBe(10);
    expect(list({ search: '100%' }).total).toBe(0);
    expect(platform.catalog.getCategory(partner, companyId, sale.id).productCount).toBe(4);
  });

  it('deleting a category keeps its products (a product.updated each); deleting a product keeps order lines', () => {
    const { platform, partner, newClient, recordEvents } = setup();
    const companyId = newClient();
    const category = platform.catalog.createCategory(partner, companyId, { name: 'Gifts', description: '' });
    const p = platform.catalog.createProduct(partner, companyId, product(companyId, { kind: 'service', name: 'Gift wrap', priceMinor: 300, categoryIds: [category.id] }));
    const order = platform.checkout.place(partner, companyId, { customer: { email: 'a@b.example', name: 'A', phone: '', street: '', city: '', postalCode: '', country: '', acceptsMarketing: false }, lines: [{ productId: p.id, quantity: 2 }], note: '' });
    const events = recordEvents();
    platform.catalog.deleteCategory(partner, companyId, category.id);
    expect(events).toEqual([['category.deleted', { companyId, id: category.id }], ['product.updated', { companyId, id: p.id }]]);
    expect(platform.catalog.getProduct(partner, companyId, p.id).categories).toEqual([]);
    platform.catalog.deleteProduct(partner, companyId, p.id);
    expect(events.at(-1)).toEqual(['product.deleted', { companyId, id: p.id }]);
    expect(platform.orders.get(partner, companyId, order.id).lines[0]).toMatchObject({ productId: p.id, name: 'Gift wrap', quantity: 2 });
    expect(errorOf(() => platform.catalog.getProduct(partner, companyId, p.id)).code).toBe('not_found');
  });

  it('category names are unique per shop, case-insensitively', () => {
    const { platform, partner, newClient } = setup();
    const companyId = newClient();
    platform.catalog.createCategory(partner, companyId, { name: 'Outdoor', description: '' });
    expect(errorOf(() => platform.catalog.createCategory(partner, companyId, { name: 'outdoor', description: '' })).fields).toEqual({ name: ['is already used by another category'] });
  });
});

describe('shop access', () => {
  it('needs the products permission; partners have no shop; a foreign company is not found', () => {
    const { platform, as, partner, partnerUser, newClient } = setup();
    const companyId = newClient();
    const tom = partnerUser(['clients', 'reports', 'billing']);
    expect(errorOf(() => platform.catalog.listProducts(tom, companyId, EMPTY_PRODUCT_LIST)).code).toBe('forbidden');
    expect(errorOf(() => platform.catalog.listProducts(partner, partner.kind === 'user' ? partner.companyId : 0, EMPTY_PRODUCT_LIST)).message).toContain('Partners have no shop');
    const grace = as('grace@meridian-digital.example');
    expect(errorOf(() => platform.catalog.listProducts(grace, companyId, EMPTY_PRODUCT_LIST)).code).toBe('not_found');
    expect(errorOf(() => platform.catalog.createCategory(grace, companyId, { name: 'X', description: '' })).code).toBe('not_found');
  });

  it('marks the data of a sample company as demo', () => {
    const { platform, partner, newClient } = setup();
    const companyId = newClient({ sample: true });
    const p = platform.catalog.createProduct(partner, companyId, product(companyId, { kind: 'service', name: 'Demo service', priceMinor: 100 }));
    expect(p.isDemo).toBe(true);
    expect(platform.catalog.createCategory(partner, companyId, { name: 'Demo', description: '' }).isDemo).toBe(true);
  });
});

describe("a storefront's products (issue 23 row 6)", () => {
  it('are the catalogue kinds only: App Store listings (apps, themes) stay in the product list but not in the storefront', () => {
    const { platform } = setup();
    const kristjan = platform.repos.users.findByEmail('kristjan@ttgadgets.example')!;
    const actor = platform.localUsers.actorOf(kristjan.id)!;
    const tallinn = kristjan.company_id;
    platform.catalog.createProduct(actor, tallinn, product(tallinn, { kind: 'service', name: 'Gadget Setup', priceMinor: 4900 }));
    const all = platform.catalog.listProducts(actor, tallinn, { ...EMPTY_PRODUCT_LIST, active: 'active', limit: 100 }).items;
    expect(all.map((p) => p.kind)).toEqual(expect.arrayContaining(['app', 'theme']));
    const sold = platform.catalog.listProducts(actor, tallinn, { ...EMPTY_PRODUCT_LIST, active: 'active', sellable: true, limit: 100 }).items;
    expect(sold.map((p) => p.name)).toEqual(['Gadget Setup']);
    expect(sold.every((p) => ['physical', 'digital', 'service'].includes(p.kind))).toBe(true);
    expect(sold.map((p) => p.id)).toEqual(all.filter((p) => p.kind !== 'app' && p.kind !== 'theme').map((p) => p.id));
  });
});
