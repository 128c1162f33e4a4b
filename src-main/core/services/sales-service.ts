// The statistics (spec §1 "combined view", issue 3): as Self, a partner sees its clients' sales combined
// and broken out by client, month and product kind, over time, with top clients and top products, and
// its clients' products in one listing; one company's dashboard shows the same for that company (to the
// company itself, or to its partner drilling down). Every money figure is per currency. All of it reads
// the rollups (sales-repository.ts), never raw orders for the headline figures. Needs "reports"
// (products for the product listing). Month close and payouts read companyMonth / productSalesForMonth.
import type { z } from 'zod';
import { ApiError } from '../../../src-shared/api/errors';
import type {
  clientProductListSchema,
  revenueSeriesSchema,
  salesByClientSchema,
  salesQuerySchema,
  topSchema,
} from '../../../src-shared/api/sales-inputs';
import { AUTO_DAY_GRANULARITY_DAYS } from '../../../src-shared/api/sales-inputs';
import type {
  ClientDashboard,
  ClientProduct,
  ClientSalesPage,
  ClientSalesRow,
  DayRange,
  KindSalesRow,
  MonthSalesRow,
  RevenueSeries,
  SalesSummary,
  TopClientsGroup,
  TopProductRow,
  TopProductsGroup,
} from '../../../src-shared/api/sales-types';
import type { CurrencyTotal, Page } from '../../../src-shared/api/shop-types';
import {
  addDays,
  dayKey,
  dayLabel,
  dayOf,
  daysBetween,
  monthKeysBetween,
  monthLabel,
  monthStart,
  previousRange,
} from '../../../src-shared/domain/date-range';
import { averageMinor, type ProductKind } from '../../../src-shared/domain/shop';
import { requirePermission, type Actor } from '../access';
import type { CompanyRow } from '../repositories/companies-repository';
import type { KindTotalsRow, ProductTotalsRow, ScopeFilter, TotalsRow } from '../repositories/sales-repository';
import { toOrderSummary } from '../shop-mappers';
import type { CatalogService } from './catalog-service';
import type { ServiceContext } from './service-context';
import { NO_SHOP_FOR_PARTNERS } from './shop-service';

export type SalesQuery = z.output<typeof salesQuerySchema>;
export type SalesByClientQuery = z.output<typeof salesByClientSchema>;
export type RevenueSeriesQuery = z.output<typeof revenueSeriesSchema>;
export type TopQuery = z.output<typeof topSchema>;
export type ClientProductQuery = z.output<typeof clientProductListSchema>;

export interface MonthSales {
  /** Real (not demo) sales per currency. */
  totals: CurrencyTotal[];
  byKind: KindSalesRow[];
}

/** One product's real sales in a month and currency (app and theme payouts). */
export interface ProductMonthSales extends Omit<TopProductRow, 'companyName'> {
  currency: string;
  vatMinor: number;
}

export interface SalesService {
  /** Headline figures for the partner's clients (all, or `companyId`). Operators name the partner. */
  summary(actor: Actor, query: SalesQuery, partnerId?: number): SalesSummary;
  byClient(actor: Actor, query: SalesByClientQuery, partnerId?: number): ClientSalesPage;
  byMonth(actor: Actor, query: SalesQuery, partnerId?: number): MonthSalesRow[];
  byKind(actor: Actor, query: SalesQuery, partnerId?: number): KindSalesRow[];
  overTime(actor: Actor, query: RevenueSeriesQuery, partnerId?: number): RevenueSeries;
  topClients(actor: Actor, query: TopQuery, partnerId?: number): TopClientsGroup[];
  topProducts(actor: Actor, query: TopQuery, partnerId?: number): TopProductsGroup[];
  /** Every client's products in one listing (client column and filter). */
  products(actor: Actor, query: ClientProductQuery, partnerId?: number): Page<ClientProduct>;
  /** One company's dashboard (its own users, or its managing partner). Default range: the last 30 days. */
  dashboard(actor: Actor, companyId: number, range?: DayRange): ClientDashboard;
  /** Month close: one company's real sales of a month ('YYYY-MM') per currency and product kind. */
  companyMonth(companyId: number, month: string): MonthSales;
  /** Payouts: real sales of app / theme (or other) products in a month ('YYYY-MM'), every company. */
  productSalesForMonth(month: string, kinds: readonly ProductKind[]): ProductMonthSales[];
}

export function createSalesService(ctx: ServiceContext, catalog: CatalogService): SalesService {
  const { repos, access, clock } = ctx;
  const sales = repos.sales;

  /** The partner whose clients the actor may combine, with the permission checked. */
  function partnerOf(actor: Actor, partnerId: number | undefined, permission: 'reports' | 'products' = 'reports'): CompanyRow {
    requirePermission(actor, permission);
    const id = actor.kind === 'user' ? actor.companyId : partnerId;
    if (id === undefined) throw ApiError.validation({ partnerId: ['is required'] });
    const partner = repos.companies.get(id);
    if (!partner?.is_partner) throw new ApiError('forbidden', 'The combined view is for partners: it combines the figures of their client companies.');
    return partner;
  }

  function combinedScope(actor: Actor, query: { companyId?: number; includeDemo: boolean }, partnerId?: number, permission?: 'reports' | 'products'): { scope: ScopeFilter; partner: CompanyRow; company: CompanyRow | null } {
    const partner = partnerOf(actor, partnerId, permission);
    let company: CompanyRow | null = null;
    if (query.companyId !== undefined) {
      company = repos.companies.get(query.companyId) ?? null;
      if (!company || company.partner_id !== partner.id) throw new ApiError('not_found', `Company ${query.companyId} is not a client of ${partner.name}.`, { companyId: query.companyId });
    }
    return { scope: { partnerId: partner.id, companyId: query.companyId, includeDemo: query.includeDemo }, partner, company };
  }

  function summaryOf(scope: ScopeFilter, range: DayRange, names: { partnerId: number | null; company: CompanyRow | null }): SalesSummary {
    const previous = previousRange(range);
    const now = sales.totals(scope, sales.pieces(range.from, range.to));
    const before = sales.totals(scope, sales.pieces(previous.from, previous.to));
    const counts = sales.scopeCounts(scope);
    return {
      range,
      previousRange: previous,
      scope: { partnerId: names.partnerId, companyId: names.company?.id ?? null, companyName: names.company?.name ?? null },
      includeDemo: scope.includeDemo,
      totals: currencyTotals(now),
      previous: currencyTotals(before),
      orders: sumOf(now, (r) => r.orders),
      previousOrders: sumOf(before, (r) => r.orders),
      newCustomers: sumOf(now, (r) => r.new_customers),
      customers: counts.customers,
      clients: counts.clients,
      clientsWithSales: now[0]?.companies ?? 0,
    };
  }

  function byMonthOf(scope: ScopeFilter, range: DayRange, fallbackCurrency?: string): MonthSalesRow[] {
    const rows = sales.byMonth(scope, sales.pieces(range.from, range.to));
    const currencies = [...new Set(rows.map((r) => r.currency))].sort();
    if (currencies.length === 0 && fallbackCurrency) currencies.push(fallbackCurrency);
    const byKey = new Map(rows.map((r) => [`${r.period}|${r.currency}`, r]));
    const out: MonthSalesRow[] = [];
    for (const month of monthKeysBetween(range.from, range.to)) {
      for (const currency of currencies) {
        const row = byKey.get(`${month}|${currency}`) ?? { ...zeroTotals(currency), period: month };
        out.push({ month: monthLabel(month), ...currencyTotal(row), newCustomers: row.new_customers });
      }
    }
    return out;
  }

  const byKindOf = (scope: ScopeFilter, range: DayRange): KindSalesRow[] => sales.byKind(scope, sales.pieces(range.from, range.to)).map(kindRow);

  function topProductsOf(scope: ScopeFilter, range: DayRange, limit: number): TopProductsGroup[] {
    const rows = sales.topProducts(scope, sales.pieces(range.from, range.to), limit);
    const names = companyNames(rows.map((r) => r.company_id));
    return groupByCurrency(rows, (r: ProductTotalsRow) => ({
      productId: r.product_id,
      companyId: r.company_id,
      companyName: names.get(r.company_id) ?? '',
      name: r.name,
      kind: r.kind as ProductKind,
      orders: r.orders,
      quantity: r.quantity,
      netMinor: r.net_minor,
      grossMinor: r.gross_minor,
    }));
  }

  function companyNames(ids: number[]): Map<number, string> {
    const out = new Map<number, string>();
    for (const id of new Set(ids)) out.set(id, repos.companies.get(id)?.name ?? '');
    return out;
  }

  /** Rows per (client, currency), clients without sales as one row with currency null. */
  function clientRows(scope: ScopeFilter, range: DayRange): ClientSalesRow[] {
    return sales.clientTotals(scope, sales.pieces(range.from, range.to)).map((row) => ({
      companyId: row.id,
      companyName: row.name,
      country: row.country,
      isSample: row.is_sample === 1,
      paymentRoute: row.payment_route,
      ...currencyTotal({ ...row, currency: row.currency ?? '' }),
      currency: row.currency,
      newCustomers: row.new_customers,
    }));
  }

  return {
    summary(actor, query, partnerId) {
      const { scope, partner, company } = combinedScope(actor, query, partnerId);
      return summaryOf(scope, query, { partnerId: partner.id, company });
    },

    byClient(actor, query, partnerId) {
      const { scope } = combinedScope(actor, query, partnerId);
      const needle = query.search.toLowerCase();
      let rows = clientRows(scope, query);
      const currencies = [...new Set(rows.map((r) => r.currency).filter((c): c is string => c !== null))].sort();
      if (needle) rows = rows.filter((r) => r.companyName.toLowerCase().includes(needle) || String(r.companyId) === needle);
      if (query.currency) rows = rows.filter((r) => r.currency === query.currency);
      else if (query.onlyWithSales) rows = rows.filter((r) => r.currency !== null);
      rows.sort(clientOrder(query.sort, query.direction));
      const totals = new Map<string, TotalsRow>();
      for (const row of rows) {
        if (row.currency === null) continue;
        const t = totals.get(row.currency) ?? zeroTotals(row.currency);
        t.orders += row.orders;
        t.items += row.items;
        t.net_minor += row.netMinor;
        t.vat_minor += row.vatMinor;
        t.gross_minor += row.grossMinor;
        totals.set(row.currency, t);
      }
      return {
        items: rows.slice(query.offset, query.offset + query.limit),
        total: rows.length,
        offset: query.offset,
        limit: query.limit,
        totals: currencyTotals([...totals.values()]),
        currencies,
      };
    },

    byMonth(actor, query, partnerId) {
      const { scope } = combinedScope(actor, query, partnerId);
      return byMonthOf(scope, query);
    },

    byKind(actor, query, partnerId) {
      const { scope } = combinedScope(actor, query, partnerId);
      return byKindOf(scope, query);
    },

    overTime(actor, query, partnerId) {
      const { scope } = combinedScope(actor, query, partnerId);
      const range = { from: query.from, to: query.to };
      const granularity = query.granularity ?? (daysBetween(range.from, range.to) <= AUTO_DAY_GRANULARITY_DAYS ? 'day' : 'month');
      const pieces = sales.pieces(range.from, range.to);
      const perCompany = sales.byCompany(scope, pieces);
      const ordersByCurrency = new Map<string, number>();
      for (const row of perCompany) ordersByCurrency.set(row.currency, (ordersByCurrency.get(row.currency) ?? 0) + row.orders);
      const currencies = [...ordersByCurrency.keys()].sort();
      const currency = query.currency ?? [...ordersByCurrency.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? null;
      const periods: number[] =
        granularity === 'month'
          ? monthKeysBetween(range.from, range.to)
          : Array.from({ length: daysBetween(range.from, range.to) }, (_, i) => dayKey(addDays(range.from, i)));
      const base = { range, granularity, currency, currencies, periods: periods.map((p) => (granularity === 'month' ? monthLabel(p) : dayLabel(p))) } as const;
      if (currency === null) return { ...base, lines: [] };
      const ranked = perCompany.filter((r) => r.currency === currency).sort((a, b) => b.gross_minor - a.gross_minor || a.company_id - b.company_id);
      const top = ranked.slice(0, query.top).map((r) => r.company_id);
      const names = companyNames(top);
      const index = new Map(periods.map((p, i) => [p, i]));
      const fromDay = dayKey(range.from);
      const toDay = dayKey(range.to);
      const lines = top.map((companyId) => ({ companyId, companyName: names.get(companyId)!, grossMinor: periods.map(() => 0), totalGrossMinor: 0 }));
      const lineOf = new Map(lines.map((l) => [l.companyId, l]));
      for (const row of sales.seriesOf(scope, pieces, granularity, currency, top, fromDay, toDay)) {
        const line = lineOf.get(row.company_id)!;
        line.grossMinor[index.get(row.period)!] += row.gross_minor;
        line.totalGrossMinor += row.gross_minor;
      }
      if (ranked.length > top.length) {
        const totals = granularity === 'month' ? sales.byMonth(scope, pieces).filter((r) => r.currency === currency) : sales.byDay(scope, fromDay, toDay, currency);
        const others = { companyId: null, companyName: 'Other clients', grossMinor: periods.map(() => 0), totalGrossMinor: 0 };
        for (const row of totals) others.grossMinor[index.get(row.period)!] += row.gross_minor;
        for (const line of lines) line.grossMinor.forEach((value, i) => (others.grossMinor[i] -= value));
        others.totalGrossMinor = others.grossMinor.reduce((a, b) => a + b, 0);
        return { ...base, lines: [...lines, others] };
      }
      return { ...base, lines };
    },

    topClients(actor, query, partnerId) {
      const { scope } = combinedScope(actor, query, partnerId);
      const rows = clientRows(scope, query).filter((r) => r.currency !== null);
      const groups = new Map<string, ClientSalesRow[]>();
      for (const row of rows) {
        let list = groups.get(row.currency!);
        if (!list) groups.set(row.currency!, (list = []));
        list.push(row);
      }
      return [...groups.entries()]
        .map(([currency, list]) => {
          const total = list.reduce((sum, r) => sum + r.grossMinor, 0);
          list.sort((a, b) => b.grossMinor - a.grossMinor || a.companyId - b.companyId);
          return {
            currency,
            totalGrossMinor: total,
            orders: list.reduce((sum, r) => sum + r.orders, 0),
            rows: list.slice(0, query.limit).map((r) => ({
              companyId: r.companyId,
              companyName: r.companyName,
              isSample: r.isSample,
              orders: r.orders,
              grossMinor: r.grossMinor,
              shareBp: total === 0 ? 0 : Math.round((r.grossMinor * 10000) / total),
            })),
          };
        })
        .sort((a, b) => b.orders - a.orders || a.currency.localeCompare(b.currency))
        .map(({ orders: _orders, ...group }) => group);
    },

    topProducts(actor, query, partnerId) {
      const { scope } = combinedScope(actor, query, partnerId);
      return topProductsOf(scope, query, query.limit);
    },

    products(actor, query, partnerId) {
      const { partner } = combinedScope(actor, { companyId: query.companyId, includeDemo: query.includeDemo }, partnerId, 'products');
      const q = repos.catalog.clientProductQuery({ ...query, partnerId: partner.id });
      const rows = repos.lists.page<Parameters<CatalogService['productsOf']>[0][number]>(q, query.offset, query.limit);
      const items = catalog.productsOf(rows).map((product, i) => ({ ...product, companyName: rows[i].company_name }));
      return { items, total: repos.lists.count(q), offset: query.offset, limit: query.limit };
    },

    dashboard(actor, companyId, range) {
      const company = access.company(actor, companyId);
      if (company.is_partner) throw new ApiError('forbidden', NO_SHOP_FOR_PARTNERS, { reason: 'partner_has_no_shop' });
      requirePermission(actor, 'reports');
      const settings = repos.shopSettings.get(companyId)!;
      const today = dayOf(clock.now());
      const r = range ?? { from: addDays(today, -29), to: today };
      const scope: ScopeFilter = { companyId, includeDemo: true };
      const products = repos.catalog.countProducts(companyId);
      const counts = repos.customers.counts(companyId);
      return {
        company: {
          id: company.id,
          name: company.name,
          country: company.country,
          isSample: company.is_sample === 1,
          paymentRoute: company.payment_route,
          currency: settings.currency,
          storefrontOpen: settings.storefront_open === 1,
        },
        summary: summaryOf(scope, r, { partnerId: company.partner_id, company }),
        byMonth: byMonthOf(scope, { from: monthStart(r.to, -11), to: r.to }, settings.currency),
        byKind: byKindOf(scope, r),
        topProducts: topProductsOf(scope, r, 5),
        recentOrders: repos.orders.recent(companyId, 5).map(toOrderSummary),
        counts: { products: products.products, activeProducts: products.active, customers: counts.customers, orders: counts.orders },
      };
    },

    companyMonth(companyId, month) {
      const { totals, kinds } = sales.companyMonth(companyId, monthKeyOf(month));
      return { totals: currencyTotals(totals), byKind: kinds.map(kindRow) };
    },

    productSalesForMonth(month, kinds) {
      return sales.productMonth(monthKeyOf(month), [...kinds]).map((r) => ({
        companyId: r.company_id,
        productId: r.product_id,
        name: r.name,
        kind: r.kind as ProductKind,
        currency: r.currency,
        orders: r.orders,
        quantity: r.quantity,
        netMinor: r.net_minor,
        vatMinor: r.vat_minor,
        grossMinor: r.gross_minor,
      }));
    },
  };
}

function monthKeyOf(month: string): number {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw ApiError.validation({ month: ['must be a month as YYYY-MM'] });
  return Number(month.slice(0, 4)) * 100 + Number(month.slice(5, 7));
}

function zeroTotals(currency: string): TotalsRow {
  return { currency, orders: 0, items: 0, net_minor: 0, vat_minor: 0, gross_minor: 0, new_customers: 0 };
}

function currencyTotal(row: TotalsRow): CurrencyTotal {
  return {
    currency: row.currency,
    orders: row.orders,
    items: row.items,
    netMinor: row.net_minor,
    vatMinor: row.vat_minor,
    grossMinor: row.gross_minor,
    averageOrderMinor: averageMinor(row.gross_minor, row.orders),
  };
}

/** Per-currency totals, the currency with the most orders first. */
function currencyTotals(rows: TotalsRow[]): CurrencyTotal[] {
  return rows.map(currencyTotal).sort((a, b) => b.orders - a.orders || a.currency.localeCompare(b.currency));
}

function kindRow(r: KindTotalsRow): KindSalesRow {
  return { kind: r.kind as ProductKind, currency: r.currency, orders: r.orders, quantity: r.quantity, netMinor: r.net_minor, vatMinor: r.vat_minor, grossMinor: r.gross_minor };
}

function sumOf<T>(rows: T[], pick: (row: T) => number): number {
  return rows.reduce((sum, row) => sum + pick(row), 0);
}

function groupByCurrency<R extends { currency: string }, T>(rows: R[], map: (row: R) => T): { currency: string; rows: T[] }[] {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    let list = groups.get(row.currency);
    if (!list) groups.set(row.currency, (list = []));
    list.push(map(row));
  }
  return [...groups.entries()].map(([currency, list]) => ({ currency, rows: list }));
}

/**
 * Sorting of the sales-by-client rows. Money is compared only within a currency: a money sort orders by
 * currency first (clients without sales last), then by the amount.
 */
function clientOrder(sort: SalesByClientQuery['sort'], direction: 'asc' | 'desc'): (a: ClientSalesRow, b: ClientSalesRow) => number {
  const dir = direction === 'desc' ? -1 : 1;
  const byName = (a: ClientSalesRow, b: ClientSalesRow) => {
    const x = a.companyName.toLowerCase();
    const y = b.companyName.toLowerCase();
    return x < y ? -1 : x > y ? 1 : a.companyId - b.companyId || (a.currency ?? '').localeCompare(b.currency ?? '');
  };
  const amount: Partial<Record<SalesByClientQuery['sort'], (r: ClientSalesRow) => number>> = {
    gross: (r) => r.grossMinor,
    net: (r) => r.netMinor,
    averageOrder: (r) => r.averageOrderMinor,
  };
  const count: Partial<Record<SalesByClientQuery['sort'], (r: ClientSalesRow) => number>> = { orders: (r) => r.orders, newCustomers: (r) => r.newCustomers };
  return (a, b) => {
    if (sort === 'name') return dir * byName(a, b);
    if (sort === 'country') return dir * a.country.localeCompare(b.country) || byName(a, b);
    const money = amount[sort];
    if (money) {
      if (a.currency !== b.currency) {
        if (a.currency === null) return 1;
        if (b.currency === null) return -1;
        return a.currency < b.currency ? -1 : 1;
      }
      return dir * (money(a) - money(b)) || byName(a, b);
    }
    const pick = count[sort]!;
    return dir * (pick(a) - pick(b)) || byName(a, b);
  };
}
