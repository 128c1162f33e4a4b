// The statistics: the partner's combined view over its clients (as Self: headline figures, sales by client,
// month and product kind, revenue over time, top clients and products, every client's products) and each
// company's own dashboard. One date range serves both, so drilling from a combined figure into a client
// keeps the period. Money stays per currency everywhere: the API never adds currencies, and neither does
// anything here.
import type { ClientProductListInput, SalesByClientInput, SalesExportInput } from '../../src-shared/api/sales-inputs';
import type {
  ClientDashboard,
  ClientProduct,
  ClientSalesPage,
  ClientSalesRow,
  KindSalesRow,
  MonthSalesRow,
  RevenueSeries,
  SalesSummary,
  TopClientsGroup,
  TopProductsGroup,
} from '../../src-shared/api/sales-types';
import type { CsvExport, CurrencyTotal } from '../../src-shared/api/shop-types';
import type { CompanySummary } from '../../src-shared/api/types';
import { platformToday, presetSelection, refreshSelection, type RangeSelection } from '../ui/date-range-presets';
import { createKeyedLoader } from './keyed-loader';
import { idle, type Loadable } from './loadable';
import { createPagedLoader, emptyList, type PagedList } from './paged-list';
import { fieldTarget, mutate, patch, type SliceContext } from './slice-context';
import type { SliceParts } from '../area';

/** The by-client list's filter, including the range (a different range is a different list). */
export type ClientSalesFilter = Required<Pick<SalesByClientInput, 'search' | 'onlyWithSales' | 'sort' | 'direction' | 'from' | 'to' | 'includeDemo'>> & { currency?: string };
export type ClientProductsFilter = Required<Pick<ClientProductListInput, 'search' | 'active' | 'includeDemo' | 'sort' | 'direction'>> &
  Pick<ClientProductListInput, 'companyId' | 'kind'>;
export interface ClientSalesMeta {
  totals: CurrencyTotal[];
  currencies: string[];
}

export const DEFAULT_CLIENT_SALES_FILTER: ClientSalesFilter = { search: '', onlyWithSales: false, sort: 'gross', direction: 'desc', from: '', to: '', includeDemo: false };
export const DEFAULT_CLIENT_PRODUCTS_FILTER: ClientProductsFilter = { search: '', active: 'any', includeDemo: true, sort: 'client', direction: 'asc' };

/** Lines in the revenue chart before "Other clients". */
export const CHART_TOP_CLIENTS = 5;
/** How many clients the client filter's search offers (the server stops there: companies.list `limit`). */
export const CLIENT_SEARCH_LIMIT = 30;

interface Keyed<T> {
  key: string;
  value: Loadable<T>;
  /** When it was last loaded (Date.now()). */
  at: number;
}

export interface SalesState {
  /** The period of every figure (null until the platform's today is known: then the default preset). */
  range: RangeSelection | null;
  /** Include the demo data of sample companies (off: real sales only). */
  includeDemo: boolean;
  summary: Loadable<SalesSummary>;
  byMonth: Loadable<MonthSalesRow[]>;
  byKind: Loadable<KindSalesRow[]>;
  topClients: Loadable<TopClientsGroup[]>;
  topProducts: Loadable<TopProductsGroup[]>;
  /** The chart's currency (null: the one with the most orders, as the platform picks it). */
  chartCurrency: string | null;
  overTime: Loadable<RevenueSeries>;
  byClient: PagedList<ClientSalesRow, ClientSalesFilter, ClientSalesMeta>;
  products: PagedList<ClientProduct, ClientProductsFilter>;
  /** This month's figures for the partner's Overview. */
  headline: Loadable<SalesSummary>;
  /** Each company's dashboard, for the range it was loaded with. */
  dashboards: Record<number, Keyed<ClientDashboard>>;
}

export interface SalesActions {
  /** The range in force: the chosen one, or the default preset for the platform's today. */
  salesRange(): RangeSelection;
  setSalesRange(range: RangeSelection): void;
  setIncludeDemo(include: boolean): void;
  loadSalesOverview(): Promise<void>;
  setChartCurrency(currency: string | null): Promise<void>;
  openClientSales(): void;
  setClientSalesFilter(change: Partial<ClientSalesFilter>): void;
  loadClientSalesRows(from: number, to: number): void;
  openClientProducts(): void;
  setClientProductsFilter(change: Partial<ClientProductsFilter>): void;
  loadClientProductRows(from: number, to: number): void;
  /** Every row of a combined-view table for its current filter, as CSV. */
  exportSalesTable(table: SalesExportInput['table']): Promise<CsvExport>;
  loadSalesHeadline(): Promise<void>;
  /** Clients whose name, city or country matches (a picker among thousands). */
  searchClients(text: string): Promise<CompanySummary[]>;
  /** A company's dashboard for the current range (as it, or as Self for a client: the drill-down).
   * `ifOlderThanMs` skips the call when the same range was loaded that recently (a prefetch). */
  loadDashboard(companyId: number, ifOlderThanMs?: number): Promise<void>;
  /** Order and product events of a company: its dashboard and the combined figures are stale. */
  applySalesEvent(companyId: number): void;
}

/** The period the statistics open with. */
export const DEFAULT_PRESET = 'last30Days';

export function createSalesSlice(ctx: SliceContext): SliceParts<SalesState, SalesActions> {
  const loader = createKeyedLoader();

  const today = () => {
    const session = ctx.get().session;
    return platformToday(session.appInfo?.clockNow, session.appInfoAt);
  };
  const rangeInput = () => {
    const r = actions.salesRange();
    return { from: r.from, to: r.to, includeDemo: ctx.get().sales.includeDemo };
  };

  const load = <K extends 'summary' | 'byMonth' | 'byKind' | 'topClients' | 'topProducts' | 'overTime' | 'headline'>(
    key: K,
    run: () => Promise<SalesState[K] extends Loadable<infer T> ? T : never>,
  ): Promise<void> => loader.load(key, fieldTarget(ctx, 'sales', key), run);

  const byClient = createPagedLoader<ClientSalesRow, ClientSalesFilter, ClientSalesMeta, ClientSalesPage>({
    get: () => ctx.get().sales.byClient,
    set: (list) => patch(ctx, 'sales', { byClient: list }),
    fetch: (filter, _companyId, offset, limit) => ctx.client.call('sales.byClient', { ...filter, offset, limit }),
    meta: (reply) => ({ totals: reply.totals, currencies: reply.currencies }),
  });
  const products = createPagedLoader<ClientProduct, ClientProductsFilter>({
    get: () => ctx.get().sales.products,
    set: (list) => patch(ctx, 'sales', { products: list }),
    fetch: (filter, _companyId, offset, limit) => ctx.client.call('sales.products', { ...filter, offset, limit }),
  });

  const actions: SalesActions = {
    salesRange() {
      const chosen = ctx.get().sales.range;
      return chosen ? refreshSelection(chosen, today()) : presetSelection(DEFAULT_PRESET, today());
    },

    setSalesRange(range) {
      patch(ctx, 'sales', { range });
      reloadCombined();
    },

    setIncludeDemo(includeDemo) {
      patch(ctx, 'sales', { includeDemo });
      reloadCombined();
    },

    async loadSalesOverview() {
      const input = rangeInput();
      const currency = ctx.get().sales.chartCurrency ?? undefined;
      await Promise.all([
        load('summary', () => ctx.client.call('sales.summary', input)),
        load('byMonth', () => ctx.client.call('sales.byMonth', input)),
        load('byKind', () => ctx.client.call('sales.byKind', input)),
        load('topClients', () => ctx.client.call('sales.topClients', { ...input, limit: 10 })),
        load('topProducts', () => ctx.client.call('sales.topProducts', { ...input, limit: 10 })),
        load('overTime', () => ctx.client.call('sales.overTime', { ...input, currency, top: CHART_TOP_CLIENTS })),
      ]);
    },

    async setChartCurrency(currency) {
      patch(ctx, 'sales', { chartCurrency: currency });
      await load('overTime', () => ctx.client.call('sales.overTime', { ...rangeInput(), currency: currency ?? undefined, top: CHART_TOP_CLIENTS }));
    },

    openClientSales() {
      if (!syncRange()) byClient.open(null);
    },

    setClientSalesFilter(change) {
      byClient.setFilter(change);
    },

    loadClientSalesRows(from, to) {
      byClient.load(from, to);
    },

    openClientProducts() {
      products.open(null);
    },

    setClientProductsFilter(change) {
      products.setFilter(change);
    },

    loadClientProductRows(from, to) {
      products.load(from, to);
    },

    async exportSalesTable(table) {
      const s = ctx.get().sales;
      const range = rangeInput();
      const request = ((): SalesExportInput => {
        switch (table) {
          case 'salesByClient':
            return { table, filter: { ...s.byClient.filter } };
          case 'clientProducts':
            return { table, filter: { ...s.products.filter } };
          case 'topClients':
          case 'topProducts':
            return { table, filter: { ...range, limit: 100 } };
          case 'salesByMonth':
          case 'salesByKind':
            return { table, filter: range };
        }
      })();
      const file = await mutate(ctx, () => ctx.client.call('sales.exportCsv', request));
      ctx.get().actions.toast('success', `Exported ${file.rowCount.toLocaleString()} ${file.rowCount === 1 ? 'row' : 'rows'}`);
      return file;
    },

    async loadSalesHeadline() {
      const t = today();
      const from = `${t.slice(0, 7)}-01`;
      await load('headline', () => ctx.client.call('sales.summary', { from, to: t, includeDemo: false }));
    },

    async searchClients(text) {
      // The server returns only the first matches: a partner with thousands of clients sends 30 rows, not all.
      return ctx.client.call('companies.list', { search: text, route: 'any', sample: 'any', sort: 'name', direction: 'asc', limit: CLIENT_SEARCH_LIMIT });
    },

    async loadDashboard(companyId, ifOlderThanMs) {
      const range = actions.salesRange();
      const key = `${range.from}|${range.to}`;
      const held = ctx.get().sales.dashboards[companyId];
      if (ifOlderThanMs !== undefined && held?.key === key && held.value.status === 'ready' && !held.value.refreshing && Date.now() - held.at < ifOlderThanMs) return;
      // Kept with the range it was loaded for (a dashboard of another range is shown as stale, not as current).
      const target = {
        get: () => ctx.get().sales.dashboards[companyId]?.value,
        set: (value: Loadable<ClientDashboard>) => patch(ctx, 'sales', (s) => ({ dashboards: { ...s.dashboards, [companyId]: { key, value, at: Date.now() } } })),
      };
      await loader.load(`dashboard:${companyId}`, target, () => ctx.client.call('dashboard.get', { companyId, from: range.from, to: range.to }));
    },

    applySalesEvent(companyId) {
      const s = ctx.get().sales;
      if (s.dashboards[companyId]) ctx.schedule(`dashboard:${companyId}`, () => void actions.loadDashboard(companyId));
      // The combined figures exist only for Self.
      if (!ctx.get().session.info?.isSelf) return;
      reloadCombined();
      if (s.headline.status !== 'idle') ctx.schedule('sales-headline', () => void actions.loadSalesHeadline());
      if (s.products.status !== 'idle') ctx.schedule('sales-products', () => void products.refresh());
    },
  };

  /**
   * The combined figures already on screen, again (a new range, demo data in or out, or a new order). The
   * dashboards follow the range through their hook (useDashboard), which loads the one on screen.
   */
  function reloadCombined(): void {
    const s = ctx.get().sales;
    if (s.summary.status !== 'idle') ctx.schedule('sales-overview', () => void actions.loadSalesOverview());
    if (s.byClient.status !== 'idle') {
      ctx.schedule('sales-by-client', () => {
        if (!syncRange()) void byClient.refresh();
      });
    }
  }

  /** Brings the by-client list to the current range; true when that changed it (it then reloads). */
  function syncRange(): boolean {
    const r = rangeInput();
    const f = ctx.get().sales.byClient.filter;
    if (f.from === r.from && f.to === r.to && f.includeDemo === r.includeDemo) return false;
    byClient.setFilter(r);
    return true;
  }

  return {
    state: {
      range: null,
      includeDemo: false,
      summary: idle(),
      byMonth: idle(),
      byKind: idle(),
      topClients: idle(),
      topProducts: idle(),
      chartCurrency: null,
      overTime: idle(),
      byClient: emptyList(DEFAULT_CLIENT_SALES_FILTER),
      products: emptyList(DEFAULT_CLIENT_PRODUCTS_FILTER),
      headline: idle(),
      dashboards: {},
    },
    actions,
  };
}
