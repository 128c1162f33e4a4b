// Console methods for the statistics: the partner's combined view over its clients (sales.*: only as
// Self) and one company's dashboard (dashboard.get: acting as that company, or as Self for one of its
// clients, the drill-down). CSV exports of every table: shop.exportCsv (a shop's lists, store function)
// and sales.exportCsv (the combined view's tables).
import { defineSharedArea } from '../area';
import { method } from '../method';
import {
  clientProductListSchema,
  dashboardSchema,
  revenueSeriesSchema,
  salesByClientSchema,
  salesExportSchema,
  salesQuerySchema,
  topSchema,
} from '../sales-inputs';
import type {
  ClientDashboard,
  ClientProduct,
  ClientSalesPage,
  KindSalesRow,
  MonthSalesRow,
  RevenueSeries,
  SalesSummary,
  TopClientsGroup,
  TopProductsGroup,
} from '../sales-types';
import { shopExportSchema } from '../shop-entities';
import type { CsvExport, Page } from '../shop-types';

export const salesMethods = {
  'sales.summary': method<SalesSummary>()(
    salesQuerySchema,
    "Combined headline figures of the partner's clients (or one client): revenue, orders and average order per currency, new customers",
  ),
  'sales.byClient': method<ClientSalesPage>()(salesByClientSchema, 'Sales per client and currency: search, currency filter, sort, page; totals of the filter'),
  'sales.byMonth': method<MonthSalesRow[]>()(salesQuerySchema, 'Sales per month and currency (every month of the range)'),
  'sales.byKind': method<KindSalesRow[]>()(salesQuerySchema, 'Sales per product kind and currency'),
  'sales.overTime': method<RevenueSeries>()(revenueSeriesSchema, 'Revenue over time in one currency: the top clients, then "Other clients"'),
  'sales.topClients': method<TopClientsGroup[]>()(topSchema, 'Top clients by revenue, per currency, with their share'),
  'sales.topProducts': method<TopProductsGroup[]>()(topSchema, 'Top products by revenue across the clients (or one client), per currency'),
  'sales.products': method<Page<ClientProduct>>()(clientProductListSchema, "Every client's products in one listing: client column and filter, search, sort, page"),
  'sales.exportCsv': method<CsvExport>()(salesExportSchema, 'CSV of a combined-view table for its filter (every row)'),
  'dashboard.get': method<ClientDashboard>()(
    dashboardSchema,
    "One company's dashboard: figures, 12 months, product kinds, top products, recent orders (acting as it, or as Self for a client)",
  ),
  'shop.exportCsv': method<CsvExport>()(shopExportSchema, "CSV of one of the shop's lists for its filter (every row; store function)"),
} as const;

export const salesArea = defineSharedArea({ name: 'sales', methods: salesMethods, events: {} });
