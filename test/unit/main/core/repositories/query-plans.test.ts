// EXPLAIN QUERY PLAN of every hot query: the combined view's figures, a client's dashboard, the partner's
// product listing and each shop list with its default sort. A wrong index choice (or a full scan of a
// big table, or a sort the index should have made unnecessary) fails here. PartnerDeck never runs
// ANALYZE, so the planner decides the same way on this small database as on a big one.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSqliteDatabase } from '../../../../../src-main/core/db/sqlite-data';
import { createLogisticsRepositoryNow, type LogisticsRepositoryNow } from '../../../../../src-main/core/repositories/logistics-repository';
import type { ListQuery } from '../../../../../src-main/core/repositories/table-access';
import { MONTH_INDEX_SHARE, type ScopeFilter } from '../../../../../src-main/core/repositories/sales-repository';
import {
  accessGroupListSchema,
  categoryListSchema,
  customerListSchema,
  fileListSchema,
  groupMemberListSchema,
  newsletterRecipientListSchema,
  orderListSchema,
  productListSchema,
  subscriberListSchema,
  themeListSchema,
} from '../../../../../src-shared/api/shop-inputs';
import { clientProductListSchema } from '../../../../../src-shared/api/sales-inputs';
import { parseInput } from '../../../../../src-shared/api/validation';
import { openShopPlatform } from '../../../../helpers/shop';

const open: { platform: { dispose(): void } }[] = [];
afterEach(() => open.splice(0).forEach((o) => o.platform.dispose()));

/** Names that may be scanned: CTEs and subqueries of our own and json_each lists of ids, never a table. */
const SCANNABLE = /^SCAN (r|t|ranked|w|x|scope|\(subquery-\d+\)|json_each VIRTUAL TABLE INDEX \d+:)$/;

function setup() {
  const shop = openShopPlatform();
  open.push(shop);
  const { platform } = shop;
  const companyId = shop.newClient();
  const plan = (sql: string, params: Record<string, unknown>): string[] =>
    (platform.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[]).map((r) => r.detail);
  const planOfLast = () => {
    const { sql, params } = platform.repos.sales.lastQuery();
    return plan(sql, params);
  };
  const planOfList = (query: ListQuery) => plan(platform.repos.lists.sql(query, true), { ...query.params, offset: 0, limit: 50 });
  return { ...shop, companyId, plan, planOfLast, planOfList };
}

function expectNoTableScan(details: string[]): void {
  for (const line of details.filter((d) => d.startsWith('SCAN '))) expect(line, details.join('\n')).toMatch(SCANNABLE);
}

function expectSearch(details: string[], alias: string, index: string): void {
  const pattern = index === 'PRIMARY KEY' ? `SEARCH ${alias} USING (INTEGER )?PRIMARY KEY` : `SEARCH ${alias} USING (COVERING )?INDEX ${index} `;
  expect(details.some((d) => new RegExp(`^${pattern}`).test(d)), `${alias} via ${index}:\n${details.join('\n')}`).toBe(true);
}

function expectNoSort(details: string[]): void {
  expect(details.filter((d) => d.includes('TEMP B-TREE FOR') && d.includes('ORDER BY')), details.join('\n')).toEqual([]);
}

describe('query plans of the combined view and the dashboard', () => {
  it("a big partner reads a whole month of every client from the month-ordered index, checking each row's company; kinds client by client", () => {
    const { platform, partnerId, companyId, planOfLast, newClient } = setup();
    const sales = platform.repos.sales;
    const month = sales.pieces('2026-10-01', '2026-10-31');
    expect(month).toMatchObject({ months: [202610, 202610], days: [] });
    // A partner with one client among the demo's companies: a primary-key seek per client (the month's
    // range would hold every other company's rows too).
    const pkMonth = /^SEARCH s USING PRIMARY KEY \(company_id=\? AND month>\? AND month<\?\)/;
    sales.totals({ partnerId, includeDemo: false }, month);
    expectSearch(planOfLast(), 'c', 'companies_partner');
    expect(planOfLast().some((d) => pkMonth.test(d)), planOfLast().join('\n')).toBe(true);
    // Grown to at least a quarter of all companies: the month index.
    const companies = () => platform.db.prepare('SELECT COUNT(*) FROM companies').pluck().get() as number;
    const clients = () => platform.db.prepare('SELECT COUNT(*) FROM companies WHERE partner_id = ?').pluck().get(partnerId) as number;
    while (clients() * MONTH_INDEX_SHARE < companies()) newClient();
    for (const scope of [{ partnerId, includeDemo: false }, { partnerId, includeDemo: true }] as ScopeFilter[]) {
      for (const run of [() => sales.totals(scope, month), () => sales.byCompany(scope, month), () => sales.byMonth(scope, month), () => sales.clientTotals(scope, month)]) {
        run();
        const details = planOfLast();
        expectNoTableScan(details);
        // The month's rows as one range of the index, never one seek per client.
        expect(details.some((d) => d === 'SEARCH s USING COVERING INDEX sales_monthly_by_month (month>? AND month<?)'), details.join('\n')).toBe(true);
        expect(details.some((d) => /^SEARCH c USING INTEGER PRIMARY KEY/.test(d)), details.join('\n')).toBe(true);
        expect(details.join('\n')).not.toMatch(/sales_daily|orders/);
      }
    }
    // One client of the partner (a drill-down): its primary key.
    sales.totals({ partnerId, companyId, includeDemo: false }, month);
    expect(planOfLast().some((d) => pkMonth.test(d)), planOfLast().join('\n')).toBe(true);
    const scope: ScopeFilter = { partnerId, includeDemo: false };
    sales.byKind(scope, month);
    expectNoTableScan(planOfLast());
    expectSearch(planOfLast(), 'c', 'companies_partner');
    expect(planOfLast().some((d) => pkMonth.test(d)), planOfLast().join('\n')).toBe(true);
    sales.scopeCounts(scope);
    expectSearch(planOfLast(), 'n', 'PRIMARY KEY');
  });

  it('adds the edge days of a range from the daily rollup by primary key, and charts per day the same way', () => {
    const { platform, partnerId, planOfLast } = setup();
    const sales = platform.repos.sales;
    const scope: ScopeFilter = { partnerId, includeDemo: true };
    const range = sales.pieces('2026-10-15', '2026-12-10');
    expect(range.days).toEqual([[20261015, 20261031], [20261201, 20261210]]);
    sales.totals(scope, range);
    const details = planOfLast();
    expectNoTableScan(details);
    expect(details.filter((d) => /^SEARCH s USING PRIMARY KEY \(company_id=\? AND day>\? AND day<\?\)/.test(d))).toHaveLength(2);
    sales.byDay(scope, 20261001, 20261031, 'EUR');
    expectNoTableScan(planOfLast());
    expectSearch(planOfLast(), 's', 'PRIMARY KEY');
    sales.seriesOf(scope, range, 'day', 'EUR', [1, 2], 20261015, 20261210);
    expectNoTableScan(planOfLast());
    sales.seriesOf(scope, range, 'month', 'EUR', [1, 2], 20261015, 20261210);
    expectNoTableScan(planOfLast());
  });

  it('top products: whole months and edge days from the product rollups, never raw orders; many months and long edges by product without a sort', () => {
    const { platform, partnerId, companyId, planOfLast } = setup();
    const sales = platform.repos.sales;
    for (const scope of [{ partnerId, includeDemo: false }, { companyId, includeDemo: true }] as ScopeFilter[]) {
      // October minus its first 14 days, November, December's first 10 days.
      sales.topProducts(scope, sales.pieces('2026-10-15', '2026-12-10'), 10);
      let details = planOfLast();
      expectNoTableScan(details);
      // Each edge-day part: one range per company of its month's daily rows in product order (migration 025).
      expect(details.filter((d) => d === 'SEARCH s USING COVERING INDEX product_sales_daily_by_month (company_id=? AND <expr>=?)'), details.join('\n')).toHaveLength(2);
      // October and November (no whole quarter): one part per month, each in product order (migration 027).
      expect(details.filter((d) => d === 'SEARCH s USING COVERING INDEX product_sales_monthly_by_month (company_id=? AND month=?)'), details.join('\n')).toHaveLength(2);
      expect(details.join('\n')).not.toMatch(/SEARCH (o|l) /);
      // A few edge days (under a quarter of their month) by primary key: the month's index would read all its days.
      sales.topProducts(scope, sales.pieces('2026-10-29', '2026-11-30'), 10);
      details = planOfLast();
      expect(details.filter((d) => /^SEARCH s USING PRIMARY KEY \(company_id=\? AND day>\? AND day<\?\)/.test(d)), details.join('\n')).toHaveLength(1);
      expect(details.filter((d) => d === 'SEARCH s USING COVERING INDEX product_sales_daily_by_month (company_id=? AND <expr>=?)'), details.join('\n')).toHaveLength(0);
      // Whole quarters and one month beside them (migration 027): the quarters by primary key, which is in product
      // order, and the month through its index in product order; no sort but the regroup and the ranking.
      sales.topProducts(scope, sales.pieces('2024-12-01', '2026-09-30'), 10);
      details = planOfLast();
      expectNoTableScan(details);
      expect(details.filter((d) => d === 'SEARCH s USING PRIMARY KEY (company_id=?)'), details.join('\n')).toHaveLength(1);
      expect(details.filter((d) => d === 'SEARCH s USING COVERING INDEX product_sales_monthly_by_month (company_id=? AND month=?)'), details.join('\n')).toHaveLength(1);
      expect(details.filter((d) => d.includes('TEMP B-TREE FOR GROUP BY')), details.join('\n')).toHaveLength(2);
      expect(details.some((d) => d.startsWith('SEARCH s USING PRIMARY KEY (company_id=? AND product_id=? AND currency=?')), details.join('\n')).toBe(true);
      // Many months with more than one beside the quarters: the by-product index alone covers them (reading the name there would seek the table per row).
      sales.topProducts(scope, sales.pieces('2024-11-01', '2026-10-31'), 10);
      details = planOfLast();
      expectNoTableScan(details);
      expect(details.some((d) => d.startsWith('SEARCH s USING COVERING INDEX product_sales_monthly_by_product ')), details.join('\n')).toBe(true);
      // The only sort: net and VAT of the ranked few (w drives, each product sought in the by-product index).
      expect(details.filter((d) => d.includes('TEMP B-TREE FOR GROUP BY')), details.join('\n')).toHaveLength(1);
      expect(details.some((d) => d.startsWith('SEARCH s USING COVERING INDEX product_sales_monthly_by_product (company_id=? AND product_id=? AND currency=?')), details.join('\n')).toBe(true);
      // A deleted product's name: its latest monthly row, found through the by-product index.
      expect(details.some((d) => d.startsWith('SEARCH m USING INDEX product_sales_monthly_by_product (company_id=? AND product_id=?)')), details.join('\n')).toBe(true);
    }
  });

  it("a client's dashboard reads that company's rollups by primary key", () => {
    const { platform, companyId, planOfLast } = setup();
    const sales = platform.repos.sales;
    const scope: ScopeFilter = { companyId, includeDemo: true };
    const range = sales.pieces('2026-10-18', '2026-11-16');
    for (const run of [() => sales.totals(scope, range), () => sales.byMonth(scope, sales.pieces('2025-12-01', '2026-11-16')), () => sales.byKind(scope, range)]) {
      run();
      const details = planOfLast();
      expectNoTableScan(details);
      expect(details.some((d) => /^SEARCH c USING INTEGER PRIMARY KEY/.test(d)), details.join('\n')).toBe(true);
      expect(details.filter((d) => d.startsWith('SEARCH s ')).every((d) => d.startsWith('SEARCH s USING PRIMARY KEY (company_id=?')), details.join('\n')).toBe(true);
    }
  });

  it("the partner's product listing walks clients by name and their products by name: no sort, no scan", () => {
    const { platform, partnerId, planOfList } = setup();
    const filter = parseInput(clientProductListSchema, {});
    const details = planOfList(platform.repos.catalog.clientProductQuery({ ...filter, partnerId }));
    expectNoTableScan(details);
    expectSearch(details, 'c', 'companies_partner');
    expectSearch(details, 'p', 'products_company_name');
    expectNoSort(details);
  });
});

describe('query plans of the shop lists (default sort)', () => {
  it('each list reads its company index in order, without a sort step', () => {
    const { platform, companyId, planOfList } = setup();
    const r = platform.repos;
    const cases: [string, ListQuery, string, string][] = [
      ['products', r.catalog.productQuery({ ...parseInput(productListSchema, { companyId }) }), 'p', 'products_company_name'],
      ['categories', r.catalog.categoryQuery({ ...parseInput(categoryListSchema, { companyId }) }), 'g', 'categories_company_name'],
      ['customers', r.customers.query({ ...parseInput(customerListSchema, { companyId }) }), 'u', 'customers_company_name'],
      ['orders', r.orders.query({ ...parseInput(orderListSchema, { companyId }) }), 'o', 'orders_company_placed'],
      ['subscribers', r.audience.subscriberQuery({ ...parseInput(subscriberListSchema, { companyId }) }), 's', 'subscribers_company_email_product'],
      ['access groups', r.audience.groupQuery({ ...parseInput(accessGroupListSchema, { companyId }) }), 'g', 'access_groups_company_name'],
      ['group members', r.audience.memberQuery({ ...parseInput(groupMemberListSchema, { companyId }) }), 'm', 'group_members_company_email'],
      ['newsletter recipients', r.audience.recipientQuery({ ...parseInput(newsletterRecipientListSchema, { companyId }) }), 'n', 'newsletter_recipients_company_email'],
      ['themes', r.content.themeQuery({ ...parseInput(themeListSchema, { companyId }) }), 't', 'themes_company_name'],
      ['files', r.content.fileQuery({ ...parseInput(fileListSchema, { companyId }) }), 'f', 'content_files_company_name'],
    ];
    for (const [name, query, alias, index] of cases) {
      const details = planOfList(query);
      expect(details.filter((d) => d.startsWith('SCAN ')), name).toEqual([]);
      expectSearch(details, alias, index);
      expectNoSort(details);
    }
  });

  it("orders of one customer, a date range and a status filter stay on the company's order index", () => {
    const { platform, companyId, planOfList } = setup();
    const details = planOfList(platform.repos.orders.query({ ...parseInput(orderListSchema, { companyId, status: 'paid' }), fromMs: 0, toMs: 1 }));
    expectSearch(details, 'o', 'orders_company_placed');
    expectNoSort(details);
  });
});

describe('query plans of the logistics lists (a provider serving 5,000 shops, 1,000,000 shipments)', () => {
  /** The plans of the SQL a call runs on a fresh repository, in the order prepared (each list: its count, then its page), with the call's own values. */
  function plansOf(platform: ReturnType<typeof setup>['platform'], call: (r: LogisticsRepositoryNow) => unknown): string[][] {
    // A data layer of its own on the connection: every statement is prepared again (and seen here).
    const repository = createLogisticsRepositoryNow(createSqliteDatabase(platform.db));
    const seen: { sql: string; values: unknown[] }[] = [];
    const prepare = platform.db.prepare.bind(platform.db);
    const spy = vi.spyOn(platform.db, 'prepare').mockImplementation(((sql: string) => {
      const prepared = prepare(sql);
      const entry = { sql, values: [] as unknown[] };
      seen.push(entry);
      for (const method of ['get', 'all'] as const) {
        const original = prepared[method].bind(prepared);
        (prepared as unknown as Record<string, unknown>)[method] = (...values: unknown[]) => ((entry.values = values), original(...values));
      }
      return prepared;
    }) as never);
    try {
      call(repository);
    } finally {
      spy.mockRestore();
    }
    return seen.map(({ sql, values }) => (platform.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...values) as { detail: string }[]).map((r) => r.detail));
  }

  it('the fulfillment queue pages by an index in its order (no sort) with every filter, and counts from an index alone', () => {
    const { platform } = setup();
    const filters: [object, string][] = [
      [{ state: 'open' as const }, 'logistics_fulfillments_queue'],
      [{ state: 'partly_shipped' as const }, 'logistics_fulfillments_queue'],
      [{ state: 'active' as const }, 'logistics_fulfillments_to_ship'],
      [{}, 'logistics_fulfillments_provider'],
      // One shop's orders: its own index (a shop's forwarded orders are few), in order too.
      [{ companyId: 1 }, 'logistics_fulfillments_company'],
    ];
    for (const [filter, index] of filters) {
      const [count, page] = plansOf(platform, (r) => r.queue({ providerId: 1, offset: 0, limit: 100, ...filter }));
      const name = JSON.stringify(filter);
      expectNoTableScan(page);
      expect(page.some((d) => new RegExp(`^SEARCH f USING (COVERING )?INDEX ${index} `).test(d)), `${name}\n${page.join('\n')}`).toBe(true);
      expect(page.filter((d) => d.includes('TEMP B-TREE FOR') && d.includes('ORDER BY')), `${name}\n${page.join('\n')}`).toEqual([]);
      expectNoTableScan(count);
      // The count reads an index of the provider's rows alone (the planner takes the smallest that fits).
      expect(count.some((d) => /^SEARCH f USING COVERING INDEX logistics_fulfillments_\w+ \(provider_id=\?/.test(d) || /^SEARCH f USING (COVERING )?INDEX logistics_fulfillments_company /.test(d)), `${name}\n${count.join('\n')}`).toBe(true);
    }
    // A search narrows by its own index (an order number: one per shop; a name prefix: a range); what matches is
    // sorted, never the provider's rows.
    for (const [search, index] of [['#7', 'logistics_fulfillments_number'], ['Kim', 'logistics_fulfillments_name']] as const) {
      for (const state of [undefined, 'active' as const]) {
        const [count, page] = plansOf(platform, (r) => r.queue({ providerId: 1, state, search, offset: 0, limit: 100 }));
        expectNoTableScan(page);
        expectNoTableScan(count);
        expectSearch(page, 'f', index);
        expectSearch(count, 'f', index);
      }
    }
  });

  it('the shipments list pages by its provider index in order (no sort), by status, by tracking-number prefix and by order', () => {
    const { platform } = setup();
    const cases: [object, string][] = [
      [{}, 'logistics_shipments_provider'],
      [{ status: 'exception' as const }, 'logistics_shipments_status'],
      [{ orderId: 1 }, 'logistics_shipments_order'],
    ];
    for (const [filter, index] of cases) {
      const [count, page] = plansOf(platform, (r) => r.shipments({ providerId: 1, offset: 0, limit: 100, ...filter }));
      expectNoTableScan(page);
      expectSearch(page, 's', index);
      expectNoSort(page);
      expectNoTableScan(count);
    }
    const [trackingCount, tracking] = plansOf(platform, (r) => r.shipments({ providerId: 1, search: '0034', offset: 0, limit: 100 }));
    expectNoTableScan(tracking);
    expectNoTableScan(trackingCount);
    expect(tracking.concat(trackingCount).some((d) => d.includes('logistics_shipments_tracking') || d.includes('logistics_shipments_provider')), tracking.join('\n')).toBe(true);
  });
});
