import { afterEach, describe, expect, it } from 'vitest';
import { OPERATOR } from '../../../../../src-main/core/access';
import { salesExportSchema } from '../../../../../src-shared/api/sales-inputs';
import { shopExportSchema } from '../../../../../src-shared/api/shop-entities';
import { MAX_EXPORT_ROWS } from '../../../../../src-shared/api/shop-inputs';
import { parseInput } from '../../../../../src-shared/api/validation';
import { csvCell, toCsv } from '../../../../../src-shared/domain/csv';
import { fileNameSlug } from '../../../../../src-shared/domain/file-name-slug';
import { csvFileName } from '../../../../../src-renderer/ui/csv-download';
import { parseCsv } from '../../../../helpers/csv';
import { errorOf, openShopPlatform } from '../../../../helpers/shop';

const open: { platform: { dispose(): void } }[] = [];
afterEach(() => open.splice(0).forEach((o) => o.platform.dispose()));

describe('CSV', () => {
  it('quotes per RFC 4180 and defuses formulas', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('=1+2')).toBe("'=1+2");
    expect(csvCell('+49 30 123')).toBe("'+49 30 123");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('-cmd|calc')).toBe("'-cmd|calc");
    expect(csvCell('=HYPERLINK("x"),y')).toBe(`"'=HYPERLINK(""x""),y"`);
    expect(csvCell('-12.50')).toBe('-12.50');
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(null)).toBe('');
    expect(csvCell(true)).toBe('true');
    expect(toCsv([{ header: 'a', value: (r: number) => r }], [1, 2])).toEqual({ csv: 'a\r\n1\r\n2\r\n', rowCount: 2 });
  });
});

describe('exports', () => {
  it('exports every row the filter matches (not one page), money as decimals beside the currency', () => {
    const { platform, partner, newClient } = openShopPlatform();
    open.push({ platform });
    const companyId = newClient({ country: 'JP' });
    const cheap = platform.catalog.createProduct(OPERATOR, companyId, { kind: 'service', name: '=HYPERLINK("http://evil.example"),"Click"', sku: '', description: '', priceMinor: 1250, isActive: true, categoryIds: [] } as never);
    for (let i = 0; i < 120; i++) {
      platform.checkout.place(OPERATOR, companyId, { customer: { email: `c${i % 7}@example.jp`, name: `Kunde, ${i % 7}`, phone: '', street: '', city: '', postalCode: '', country: 'JP', acceptsMarketing: false }, lines: [{ productId: cheap.id, quantity: 1 + (i % 3) }], note: '' });
    }
    const first = platform.orders.list(partner, companyId, { search: '', sort: 'placedAt', direction: 'desc', offset: 0, limit: 50 });
    platform.orders.update(partner, companyId, first.items[0].id, { status: 'fulfilled' });
    const all = platform.exports.shopTable(partner, parseInput(shopExportSchema, { table: 'orders', filter: { companyId, limit: 10 } }));
    const rows = parseCsv(all.csv);
    expect(all.rowCount).toBe(120);
    expect(rows).toHaveLength(121);
    expect(rows[0]).toEqual(['id', 'number', 'placed_at', 'status', 'customer_email', 'customer_name', 'currency', 'net', 'vat', 'gross', 'items', 'source', 'demo']);
    // JPY has no minor unit: 1250 yen x 1, VAT 10 % -> 1375.
    expect(rows.find((r) => r[1] === '1001')?.slice(6, 10)).toEqual(['JPY', '1250', '125', '1375']);
    expect(rows[1][5]).toMatch(/^Kunde, \d$/);
    expect(all.fileName).toMatch(/^orders-test-shop-\d+-2026-11-01\.csv$/);
    const fulfilled = platform.exports.shopTable(partner, parseInput(shopExportSchema, { table: 'orders', filter: { companyId, status: 'fulfilled' } }));
    expect(fulfilled.rowCount).toBe(1);
    const products = parseCsv(platform.exports.shopTable(partner, parseInput(shopExportSchema, { table: 'products', filter: { companyId } })).csv);
    expect(products[1][1]).toBe(`'=HYPERLINK("http://evil.example"),"Click"`);
    expect(products[1].slice(4, 7)).toEqual(['1250', 'JPY', '10.00']);
  });

  it('the combined view exports its tables; more rows than an export holds asks for a narrower filter', () => {
    const { platform, partner, newClient } = openShopPlatform();
    open.push({ platform });
    const companyId = newClient({ name: 'Beta, Inc.' });
    const product = platform.catalog.createProduct(OPERATOR, companyId, { kind: 'service', name: 'Thing', sku: '', description: '', priceMinor: 999, isActive: true, categoryIds: [] } as never);
    platform.checkout.place(OPERATOR, companyId, { customer: { email: 'x@example.com', name: 'X', phone: '', street: '', city: '', postalCode: '', country: '', acceptsMarketing: false }, lines: [{ productId: product.id, quantity: 2 }], note: '' });
    const byClient = platform.exports.salesTable(partner, parseInput(salesExportSchema, { table: 'salesByClient', filter: { from: '2026-11-01', to: '2026-11-30' } }));
    const rows = parseCsv(byClient.csv);
    expect(rows[0].slice(0, 8)).toEqual(['client_id', 'client', 'country', 'sample', 'payment_route', 'currency', 'orders', 'net']);
    expect(rows.find((r) => r[1] === 'Beta, Inc.')?.slice(5, 10)).toEqual(['EUR', '1', '19.98', '3.80', '23.78']);
    expect(byClient.fileName).toBe('sales-by-client-2026-11-01-to-2026-11-30.csv');
    for (const table of ['salesByMonth', 'salesByKind', 'topClients', 'topProducts', 'clientProducts'] as const) {
      const filter = table === 'clientProducts' ? {} : { from: '2026-11-01', to: '2026-11-30' };
      expect(platform.exports.salesTable(partner, parseInput(salesExportSchema, { table, filter })).rowCount, table).toBeGreaterThan(0);
    }
    const insert = platform.db.prepare("INSERT INTO newsletter_recipients (company_id, email, status, created_at, updated_at) VALUES (?, ?, 'subscribed', 0, 0)");
    platform.db.transaction(() => {
      for (let i = 0; i <= MAX_EXPORT_ROWS; i++) insert.run(companyId, `r${i}@example.com`);
    })();
    const tooMany = errorOf(() => platform.exports.shopTable(partner, parseInput(shopExportSchema, { table: 'newsletterRecipients', filter: { companyId } })));
    expect(tooMany).toMatchObject({ code: 'conflict', details: { rows: MAX_EXPORT_ROWS + 1, limit: MAX_EXPORT_ROWS } });
    expect(tooMany.message).toContain('Narrow the filter');
    // 200,001 rows are written first: give a busy machine time for that.
  }, 30_000);
});

describe('export file names', () => {
  it.each([
    ['Café Lumière', 'cafe-lumiere'],
    ['Alpenglück Naturkosmetik GmbH', 'alpengluck-naturkosmetik-gmbh'],
    ['Größe & Straße', 'grosse-strasse'],
    ['Ærø Øst Łódź', 'aero-ost-lodz'],
    ['Crème Brûlée Co.', 'creme-brulee-co'],
    ['ＡＢＣ Shop', 'abc-shop'],
    ['東京ショップ', 'shop'],
    ['A'.repeat(39) + ' long name', 'a'.repeat(39)],
  ])('%s → %s', (name, slug) => {
    expect(fileNameSlug(name, { fallback: 'shop' })).toBe(slug);
  });

  it("the renderer's download names use the same slug", () => {
    expect(csvFileName('Größe Café SARL', 'groupMembers', '2026-11-23')).toBe('grosse-cafe-sarl-groupmembers-2026-11-23.csv');
  });
});
