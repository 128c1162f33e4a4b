import { afterEach, describe, expect, it } from 'vitest';
import { OPERATOR, type Actor } from '../../../../../src-main/core/access';
import { MONTH_INDEX_SHARE } from '../../../../../src-main/core/repositories/sales-repository';
import { salesByClientSchema, salesQuerySchema } from '../../../../../src-shared/api/sales-inputs';
import { parseInput } from '../../../../../src-shared/api/validation';
import { errorOf, openShopPlatform } from '../../../../helpers/shop';

const open: { platform: { dispose(): void } }[] = [];
afterEach(() => open.splice(0).forEach((o) => o.platform.dispose()));

const DAY = 86_400_000;

/**
 * A fresh partner with three live clients (two in EUR, one in GBP) and a sample client, each with a few
 * orders in September to December 2026.
 */
function setup() {
  const shop = openShopPlatform();
  open.push(shop);
  const { platform, newClient } = shop;
  platform.clock.advance(45 * DAY); // 2026-12-16
  const clients = { alpha: newClient({ name: 'Alpha GmbH' }), beta: newClient({ name: 'Beta Ltd', country: 'GB' }), gamma: newClient({ name: 'Gamma AG' }), sample: newClient({ name: 'Sample Demo', sample: true }) };
  const catalogue = new Map<number, { lamp: number; ebook: number; app: number }>();
  for (const companyId of Object.values(clients)) {
    const p = (kind: string, name: string, priceMinor: number, extra: object = {}) =>
      platform.catalog.createProduct(OPERATOR, companyId, { kind, name, sku: '', description: '', priceMinor, isActive: true, categoryIds: [], ...extra } as never, { allowStoreKinds: true }).id;
    catalogue.set(companyId, { lamp: p('physical', 'Lamp', 10000, { weightGrams: 500, stock: 1000 }), ebook: p('digital', 'E-book', 2000), app: p('app', 'Planner App', 5000) });
  }
  const customers = new Map<string, number>();
  const order = (companyId: number, email: string, day: string, lines: ['lamp' | 'ebook' | 'app', number][], status: 'paid' | 'pending' = 'paid') => {
    const key = `${companyId}|${email}`;
    if (!customers.has(key)) customers.set(key, platform.customers.create(OPERATOR, companyId, { email, name: email, phone: '', street: '', city: '', postalCode: '', country: '', acceptsMarketing: false, note: '' }).id);
    const products = catalogue.get(companyId)!;
    return platform.orders.create(OPERATOR, companyId, {
      customerId: customers.get(key)!,
      status,
      lines: lines.map(([name, quantity]) => ({ productId: products[name], quantity })),
      note: '',
      placedAt: Date.parse(`${day}T12:00:00Z`),
    });
  };
  // Alpha (EUR): two customers in October, one returning in November.
  order(clients.alpha, 'a1@x.example', '2026-10-02', [['lamp', 1]]); // 100.00 + 19 % = 119.00
  order(clients.alpha, 'a2@x.example', '2026-10-20', [['ebook', 2], ['lamp', 1]]); // 40 + 100 net
  order(clients.alpha, 'a1@x.example', '2026-11-05', [['app', 1]]);
  order(clients.alpha, 'a3@x.example', '2026-10-21', [['lamp', 3]], 'pending'); // not a sale
  // Beta (GBP, 20 %): one big October order, one in September.
  order(clients.beta, 'b1@x.example', '2026-10-31', [['lamp', 5]]);
  order(clients.beta, 'b1@x.example', '2026-09-30', [['ebook', 1]]);
  // Gamma: nothing in October, one in December.
  order(clients.gamma, 'g1@x.example', '2026-12-01', [['ebook', 1]]);
  // Sample: demo orders in October.
  order(clients.sample, 's1@x.example', '2026-10-10', [['lamp', 2]]);
  const rawTotals = (from: string, to: string, companyIds: number[]) =>
    platform.db
      .prepare(
        `SELECT currency, COUNT(*) AS orders, SUM(net_minor) AS net, SUM(gross_minor) AS gross FROM orders
         WHERE status IN ('paid', 'fulfilled') AND placed_at >= ? AND placed_at < ? AND company_id IN (SELECT value FROM json_each(?))
         GROUP BY currency ORDER BY currency`,
      )
      .all(Date.parse(from), Date.parse(to) + DAY, JSON.stringify(companyIds));
  const q = (input: Record<string, unknown>) => parseInput(salesQuerySchema, input);
  return { ...shop, clients, rawTotals, q, order };
}

describe('the combined view', () => {
  it('totals per currency, never added across currencies; orders and new customers counted; demo data only on request', () => {
    const { platform, partner, clients, q } = setup();
    const october = platform.sales.summary(partner, q({ from: '2026-10-01', to: '2026-10-31' }));
    expect(october.totals).toEqual([
      // EUR: 119.00 + (40 + 100 + 26.60) -> net 24000, VAT 1900 + 760 + 1900 = 4560
      { currency: 'EUR', orders: 2, items: 4, netMinor: 24000, vatMinor: 4560, grossMinor: 28560, averageOrderMinor: 14280 },
      { currency: 'GBP', orders: 1, items: 5, netMinor: 50000, vatMinor: 10000, grossMinor: 60000, averageOrderMinor: 60000 },
    ]);
    expect(october).toMatchObject({ orders: 3, newCustomers: 2, previousRange: { from: '2026-09-01', to: '2026-09-30' }, previousOrders: 1, clientsWithSales: 2, includeDemo: false });
    expect(october.previous.map((t) => t.currency)).toEqual(['GBP']);
    expect(october.clients).toBe(3);
    const withDemo = platform.sales.summary(partner, q({ from: '2026-10-01', to: '2026-10-31', includeDemo: true }));
    expect(withDemo.totals.find((t) => t.currency === 'EUR')?.orders).toBe(3);
    expect(withDemo.clients).toBe(4);
    const drill = platform.sales.summary(partner, q({ from: '2026-10-01', to: '2026-10-31', companyId: clients.beta }));
    expect(drill).toMatchObject({ orders: 1, clients: 1, scope: { companyId: clients.beta, companyName: 'Beta Ltd' } });
  });

  it('splits any range into whole months and edge days and matches a recount from raw orders, for a small and a big partner', () => {
    const { platform, partner, partnerId, clients, rawTotals, q, newClient } = setup();
    const ids = [clients.alpha, clients.beta, clients.gamma];
    const check = () => {
      for (const [from, to] of [['2026-10-02', '2026-10-02'], ['2026-09-30', '2026-11-05'], ['2026-10-03', '2026-12-01'], ['2026-01-01', '2026-12-31'], ['2026-10-21', '2026-10-31']]) {
        const result = platform.sales.byClient(partner, parseInput(salesByClientSchema, { from, to, onlyWithSales: true, limit: 500 }));
        const mine = result.items.filter((r) => ids.includes(r.companyId));
        const byCurrency = new Map<string, { orders: number; net: number; gross: number }>();
        for (const r of mine) {
          const t = byCurrency.get(r.currency!) ?? { orders: 0, net: 0, gross: 0 };
          byCurrency.set(r.currency!, { orders: t.orders + r.orders, net: t.net + r.netMinor, gross: t.gross + r.grossMinor });
        }
        expect([...byCurrency.entries()].sort().map(([currency, t]) => ({ currency, ...t })), `${from}..${to}`).toEqual(rawTotals(from, to, ids));
        const summary = platform.sales.summary(partner, q({ from, to }));
        expect(summary.totals.map((t) => ({ currency: t.currency, orders: t.orders, net: t.netMinor, gross: t.grossMinor })), `${from}..${to}`).toEqual(rawTotals(from, to, ids));
      }
    };
    const monthSql = () => {
      platform.repos.sales.totals({ partnerId, includeDemo: false }, platform.repos.sales.pieces('2026-10-01', '2026-10-31'));
      return platform.repos.sales.lastQuery().sql;
    };
    // The partner's 4 clients are a small share of the demo's companies: a seek per client.
    check();
    expect(monthSql()).not.toContain('sales_monthly_by_month');
    // Grown past a quarter of all companies (empty shops): whole months from the month-ordered index.
    const count = (sql: string, ...args: number[]) => platform.db.prepare(sql).pluck().get(...args) as number;
    while (count('SELECT COUNT(*) FROM companies WHERE partner_id = ?', partnerId) * MONTH_INDEX_SHARE < count('SELECT COUNT(*) FROM companies')) newClient();
    check();
    expect(monthSql()).toContain('sales_monthly_by_month');
    expect(platform.sales.summary(partner, q({ from: '2026-10-03', to: '2026-12-01', companyId: clients.alpha })).totals[0].orders).toBe(2);
  });

  it('sales by client: a row per client and currency, clients without sales too, money sorted within its currency, paged', () => {
    const { platform, partner, clients } = setup();
    const page = (input: Record<string, unknown>) => platform.sales.byClient(partner, parseInput(salesByClientSchema, { from: '2026-10-01', to: '2026-10-31', ...input }));
    const all = page({ limit: 500 });
    const row = (companyId: number) => all.items.filter((r) => r.companyId === companyId);
    expect(row(clients.gamma)).toEqual([expect.objectContaining({ currency: null, orders: 0, grossMinor: 0 })]);
    expect(row(clients.beta)).toEqual([expect.objectContaining({ currency: 'GBP', orders: 1, grossMinor: 60000, newCustomers: 0 })]);
    expect(row(clients.sample)).toEqual([]);
    // Gross, descending: EUR rows first (by amount), then GBP, then clients without sales.
    const currencies = all.items.map((r) => r.currency);
    expect(currencies.indexOf('GBP')).toBeGreaterThan(currencies.lastIndexOf('EUR'));
    expect(currencies.slice(currencies.indexOf(null))).toEqual(currencies.slice(currencies.indexOf(null)).map(() => null));
    expect(all.currencies).toEqual(['EUR', 'GBP']);
    expect(all.totals.map((t) => [t.currency, t.orders])).toEqual([['EUR', 2], ['GBP', 1]]);
    const first = page({ sort: 'name', direction: 'asc', limit: 3 });
    const second = page({ sort: 'name', direction: 'asc', offset: 3, limit: 3 });
    expect(first.total).toBe(all.total);
    expect(all.total).toBe(3);
    expect([...first.items, ...second.items].map((r) => r.companyName)).toEqual(['Alpha GmbH', 'Beta Ltd', 'Gamma AG']);
    expect(page({ sort: 'name', direction: 'asc', limit: 2 }).items.map((r) => r.companyName)).toEqual(['Alpha GmbH', 'Beta Ltd']);
    expect(page({ sort: 'name', direction: 'asc', offset: 2, limit: 2 }).items.map((r) => r.companyName)).toEqual(['Gamma AG']);
    expect(page({ search: 'beta' }).items.map((r) => r.companyName)).toEqual(['Beta Ltd']);
    expect(page({ currency: 'EUR' }).items.every((r) => r.currency === 'EUR')).toBe(true);
    expect(errorOf(() => parseInput(salesByClientSchema, { from: '2026-10-31', to: '2026-10-01' })).fields).toEqual({ to: ['must be on or after the start date'] });
    expect(errorOf(() => parseInput(salesByClientSchema, { from: '2026-13-01', to: '2026-10-01', sort: 'bogus' })).fields).toMatchObject({ from: ['must be a date as YYYY-MM-DD'], sort: [expect.stringContaining('must be one of')] });
  });

  it('by month (every month of the range per currency), by product kind, over time with "Other clients", top clients and top products', () => {
    const { platform, partner, clients, q } = setup();
    const months = platform.sales.byMonth(partner, q({ from: '2026-09-15', to: '2026-11-30', companyId: clients.alpha }));
    expect(months.map((m) => [m.month, m.currency, m.orders, m.grossMinor])).toEqual([
      ['2026-09', 'EUR', 0, 0],
      ['2026-10', 'EUR', 2, 28560],
      ['2026-11', 'EUR', 1, 5950],
    ]);
    const kinds = platform.sales.byKind(partner, q({ from: '2026-10-01', to: '2026-11-30', companyId: clients.alpha }));
    expect(kinds.map((k) => [k.kind, k.orders, k.quantity, k.netMinor])).toEqual([['physical', 2, 2, 20000], ['app', 1, 1, 5000], ['digital', 1, 2, 4000]]);
    const series = platform.sales.overTime(partner, { from: '2026-10-01', to: '2026-12-15', includeDemo: false, top: 1, currency: 'EUR' });
    expect(series).toMatchObject({ granularity: 'month', currency: 'EUR', currencies: ['EUR', 'GBP'], periods: ['2026-10', '2026-11', '2026-12'] });
    expect(series.lines.map((l) => [l.companyName, l.grossMinor])).toEqual([
      ['Alpha GmbH', [28560, 5950, 0]],
      ['Other clients', [0, 0, 2380]],
    ]);
    const daily = platform.sales.overTime(partner, { from: '2026-10-01', to: '2026-10-31', includeDemo: false, top: 5 });
    expect(daily).toMatchObject({ granularity: 'day', currency: 'EUR' });
    expect(daily.periods).toHaveLength(31);
    expect(daily.lines[0].grossMinor[1]).toBe(11900); // 2026-10-02
    const top = platform.sales.topClients(partner, { from: '2026-10-01', to: '2026-10-31', includeDemo: true, limit: 5 });
    expect(top.map((g) => [g.currency, g.rows.map((r) => [r.companyName, r.shareBp])])).toEqual([
      ['EUR', [['Alpha GmbH', 5455], ['Sample Demo', 4545]]],
      ['GBP', [['Beta Ltd', 10000]]],
    ]);
    // Edge days (10-20 .. 10-31 and 11-01 .. 11-05) come from order lines, whole months from the rollup.
    const products = platform.sales.topProducts(partner, { from: '2026-10-20', to: '2026-11-05', includeDemo: false, limit: 2 });
    expect(products.map((g) => [g.currency, g.rows.map((r) => [r.name, r.companyName, r.quantity, r.grossMinor])])).toEqual([
      ['EUR', [['Lamp', 'Alpha GmbH', 1, 11900], ['Planner App', 'Alpha GmbH', 1, 5950]]],
      ['GBP', [['Lamp', 'Beta Ltd', 5, 60000]]],
    ]);
  });

  it('top products of any range equal a recount from raw order lines (whole months, edge days, and months minus the days outside)', () => {
    const { platform, partner, clients, order } = setup();
    // An order every day from 2026-08-01 to 2026-12-15 in Alpha and Beta, with a product mix that changes by day.
    for (let day = Date.parse('2026-08-01'); day <= Date.parse('2026-12-15'); day += DAY) {
      const n = (day / DAY) % 7;
      const date = new Date(day).toISOString().slice(0, 10);
      order(clients.alpha, `r${n % 3}@x.example`, date, n % 2 ? [['lamp', 1 + (n % 3)]] : [['ebook', 1], ['app', 1]]);
      if (n % 3 === 0) order(clients.beta, `q${n}@x.example`, date, [['lamp', 1], ['ebook', 1 + n]]);
    }
    const ids = [clients.alpha, clients.beta, clients.gamma];
    const raw = (from: string, to: string) =>
      platform.db
        .prepare(
          `SELECT o.currency, l.product_id, MAX(l.kind) AS kind, COUNT(DISTINCT o.id) AS orders, SUM(l.quantity) AS quantity, SUM(l.net_minor) AS net, SUM(l.gross_minor) AS gross
           FROM orders o JOIN order_lines l ON l.order_id = o.id
           WHERE o.status IN ('paid', 'fulfilled') AND o.placed_at >= ? AND o.placed_at < ? AND o.company_id IN (SELECT value FROM json_each(?))
           GROUP BY o.currency, l.product_id ORDER BY o.currency, l.product_id`,
        )
        .all(Date.parse(from), Date.parse(to) + DAY, JSON.stringify(ids));
    const ranges = [
      ['2026-08-01', '2026-12-15'], // whole months and 15 days of December
      ['2026-08-02', '2026-12-14'], // August and December: the month minus days, and days
      ['2026-10-05', '2026-10-27'], // inside one month: the month minus both ends
      ['2026-10-14', '2026-10-16'], // a few days
      ['2026-09-20', '2026-10-10'], // two partial months, no whole month
      ['2026-09-02', '2026-10-30'], // two months minus a day each
      ['2026-11-01', '2026-11-30'],
      ['2026-12-01', '2026-12-31'], // the current month, days after today included
    ];
    for (const [from, to] of ranges) {
      const top = platform.sales.topProducts(partner, { from, to, includeDemo: false, limit: 100 });
      const rows = top
        .flatMap((g) => g.rows.map((r) => ({ currency: g.currency, product_id: r.productId, kind: r.kind, orders: r.orders, quantity: r.quantity, net: r.netMinor, gross: r.grossMinor })))
        .sort((a, b) => a.currency.localeCompare(b.currency) || a.product_id - b.product_id);
      expect(rows, `${from}..${to}`).toEqual(raw(from, to));
      expect(rows.length, `${from}..${to}`).toBeGreaterThan(0);
      // Ranked by gross within each currency.
      for (const g of top) expect(g.rows.map((r) => r.grossMinor)).toEqual([...g.rows.map((r) => r.grossMinor)].sort((a, b) => b - a));
    }
    // A deleted product keeps its figures and the name it was sold under.
    const lamp = platform.sales.topProducts(partner, { from: '2026-08-01', to: '2026-12-15', includeDemo: false, limit: 100, companyId: clients.beta })[0].rows.find((r) => r.name === 'Lamp')!;
    platform.catalog.deleteProduct(OPERATOR, clients.beta, lamp.productId);
    const after = platform.sales.topProducts(partner, { from: '2026-08-02', to: '2026-12-14', includeDemo: false, limit: 100, companyId: clients.beta })[0].rows;
    expect(after.find((r) => r.productId === lamp.productId)).toMatchObject({ name: 'Lamp', kind: 'physical', companyName: 'Beta Ltd' });
  });

  it("lists every client's products with the client, filterable by client", () => {
    const { platform, partner, clients } = setup();
    const list = (input: Record<string, unknown>) => platform.sales.products(partner, { search: '', active: 'any', includeDemo: true, sort: 'client', direction: 'asc', offset: 0, limit: 500, ...input } as never);
    const mine = list({ companyId: clients.beta });
    expect(mine.items.map((p) => [p.companyName, p.name])).toEqual([['Beta Ltd', 'E-book'], ['Beta Ltd', 'Lamp'], ['Beta Ltd', 'Planner App']]);
    expect(list({ search: 'planner', includeDemo: false }).items.map((p) => p.companyName)).toEqual(['Alpha GmbH', 'Beta Ltd', 'Gamma AG']);
    expect(list({ search: 'planner' }).items.find((p) => p.companyName === 'Sample Demo')?.isDemo).toBe(true);
  });

  it('one company dashboard for its own users and its partner; figures for month close and payouts', () => {
    const { platform, partner, partnerId, as, clients } = setup();
    const dashboard = platform.sales.dashboard(partner, clients.alpha, { from: '2026-10-01', to: '2026-10-31' });
    expect(dashboard.company).toMatchObject({ name: 'Alpha GmbH', currency: 'EUR', isSample: false, storefrontOpen: true });
    expect(dashboard.summary.totals[0]).toMatchObject({ currency: 'EUR', orders: 2 });
    expect(dashboard.byMonth.map((m) => m.month)).toEqual(['2025-11', '2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10']);
    expect(dashboard.counts).toEqual({ products: 3, activeProducts: 3, customers: 3, orders: 4 });
    expect(dashboard.recentOrders.map((o) => o.number)).toEqual([1003, 1004, 1002, 1001]);
    expect(dashboard.topProducts[0].rows[0].name).toBe('Lamp');
    const sampleBoard = platform.sales.dashboard(partner, clients.sample);
    expect(sampleBoard.summary.range).toEqual({ from: '2026-11-17', to: '2026-12-16' });
    expect(platform.sales.dashboard(partner, clients.sample, { from: '2026-10-01', to: '2026-10-31' }).summary.totals[0].orders).toBe(1);
    expect(platform.sales.companyMonth(clients.alpha, '2026-10')).toMatchObject({ totals: [{ currency: 'EUR', orders: 2, grossMinor: 28560 }] });
    expect(platform.sales.companyMonth(clients.sample, '2026-10').totals).toEqual([]);
    const payouts = platform.sales.productSalesForMonth('2026-11', ['app', 'theme']);
    expect(payouts).toEqual([expect.objectContaining({ companyId: clients.alpha, name: 'Planner App', kind: 'app', currency: 'EUR', quantity: 1, netMinor: 5000 })]);
    expect(errorOf(() => platform.sales.companyMonth(clients.alpha, '2026-13')).fields).toEqual({ month: ['must be a month as YYYY-MM'] });
    // Who may see what.
    const lukas: Actor = as('lukas@alpenglueck.example'); // products, orders, customers: no reports
    const anna: Actor = as('anna@alpenglueck.example');
    const alpen = lukas.kind === 'user' ? lukas.companyId : 0;
    expect(errorOf(() => platform.sales.dashboard(lukas, alpen)).code).toBe('forbidden');
    expect(platform.sales.dashboard(anna, alpen).company.name).toBe('Alpenglück Naturkosmetik GmbH');
    expect(errorOf(() => platform.sales.dashboard(anna, clients.alpha)).code).toBe('not_found');
    expect(errorOf(() => platform.sales.summary(anna, { from: '2026-10-01', to: '2026-10-31', includeDemo: false })).message).toContain('for partners');
    const grace = as('grace@meridian-digital.example');
    expect(errorOf(() => platform.sales.summary(grace, { from: '2026-10-01', to: '2026-10-31', includeDemo: false, companyId: clients.alpha })).code).toBe('not_found');
    expect(platform.sales.summary(OPERATOR, { from: '2026-10-01', to: '2026-10-31', includeDemo: false }, partnerId).orders).toBe(3);
  });
});
