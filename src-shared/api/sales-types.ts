// Shapes of the statistics: the partner's combined view over its clients (as Self) and one company's
// dashboard. Every money figure is per currency (CurrencyTotal); only counts are ever added across
// currencies. Days are 'YYYY-MM-DD', months 'YYYY-MM', both UTC.
import type { PaymentRoute } from './types';
import type { ProductKind } from '../domain/shop';
import type { CurrencyTotal, OrderSummary, Page, Product } from './shop-types';

export interface DayRange {
  from: string;
  to: string;
}

export interface SalesScope {
  /** The partner whose clients are combined; null for one company's own view. */
  partnerId: number | null;
  /** One company (a drill-down, or the company's own dashboard); null for all clients. */
  companyId: number | null;
  companyName: string | null;
}

export interface SalesSummary {
  range: DayRange;
  /** The range of the same length just before, for "compared with" figures. */
  previousRange: DayRange;
  scope: SalesScope;
  includeDemo: boolean;
  /** Paid and fulfilled orders in the range, per currency (largest number of orders first). */
  totals: CurrencyTotal[];
  previous: CurrencyTotal[];
  /** Orders of every currency together (a count may be added; money may not). */
  orders: number;
  previousOrders: number;
  /** Customers whose first paid order falls in the range. */
  newCustomers: number;
  /** Customers the companies in scope have now. */
  customers: number;
  /** Companies in scope (clients of the partner, or 1). */
  clients: number;
  clientsWithSales: number;
}

/** A client's totals in one currency over the range (MonthSalesRow's figures, per client). */
export interface ClientSalesRow extends Omit<CurrencyTotal, 'currency'> {
  companyId: number;
  companyName: string;
  country: string;
  isSample: boolean;
  paymentRoute: PaymentRoute;
  /** Null: no sales in the range (the row is there so a client without sales is visible too). */
  currency: string | null;
  newCustomers: number;
}

export interface ClientSalesPage extends Page<ClientSalesRow> {
  /** Totals of every row the filter matches (not just this page), per currency. */
  totals: CurrencyTotal[];
  /** Currencies that occur in the range, for the currency filter. */
  currencies: string[];
}

export interface MonthSalesRow extends CurrencyTotal {
  /** 'YYYY-MM'. */
  month: string;
  newCustomers: number;
}

export interface KindSalesRow {
  kind: ProductKind;
  currency: string;
  /** Orders with at least one line of this kind. */
  orders: number;
  quantity: number;
  netMinor: number;
  vatMinor: number;
  grossMinor: number;
}

export interface RevenueSeriesLine {
  /** Null for the "Other clients" line. */
  companyId: number | null;
  companyName: string;
  /** Gross per period, aligned with `periods`. */
  grossMinor: number[];
  totalGrossMinor: number;
}

export interface RevenueSeries {
  range: DayRange;
  granularity: 'day' | 'month';
  /** The currency of every figure here; null when there were no sales in the range. */
  currency: string | null;
  /** Currencies with sales in the range (to offer a currency switch). */
  currencies: string[];
  /** Period labels: 'YYYY-MM-DD' or 'YYYY-MM'. */
  periods: string[];
  /** The top clients by gross in `currency`, then "Other clients" when there are more. */
  lines: RevenueSeriesLine[];
}

export interface TopClientRow {
  companyId: number;
  companyName: string;
  isSample: boolean;
  orders: number;
  grossMinor: number;
  /** Share of this currency's gross in scope, in basis points (10000 = 100 %). */
  shareBp: number;
}

export interface TopClientsGroup {
  currency: string;
  totalGrossMinor: number;
  rows: TopClientRow[];
}

export interface TopProductRow {
  productId: number;
  companyId: number;
  companyName: string;
  name: string;
  kind: ProductKind;
  orders: number;
  quantity: number;
  netMinor: number;
  grossMinor: number;
}

export interface TopProductsGroup {
  currency: string;
  rows: TopProductRow[];
}

/** A product in the partner's combined product listing: the product and its client. */
export interface ClientProduct extends Product {
  companyName: string;
}

export interface ClientDashboard {
  company: {
    id: number;
    name: string;
    country: string;
    isSample: boolean;
    paymentRoute: PaymentRoute;
    currency: string;
    storefrontOpen: boolean;
  };
  summary: SalesSummary;
  /** The 12 months up to the end of the range (every month present, zero when nothing sold). */
  byMonth: MonthSalesRow[];
  byKind: KindSalesRow[];
  topProducts: TopProductsGroup[];
  recentOrders: OrderSummary[];
  counts: { products: number; activeProducts: number; customers: number; orders: number };
}
