// The combined view as Self (#/sales, #/sales/clients, #/sales/products): every client's sales in one place,
// broken out by client. Overview: headline figures per currency, revenue over time per client (top 5 and
// "Other clients", one currency at a time), top clients, months, product kinds and top products. By client:
// a virtualized, sortable, searchable table for thousands of clients with totals per currency of the whole
// filter; a click on a row switches to that client and opens its dashboard. Products: every client's
// products with a client column and filter. Every table exports to CSV for its filter.
import { useCallback, useEffect, useState } from 'react';
import type { SalesExportInput } from '../../../src-shared/api/sales-inputs';
import type { ClientProduct, ClientSalesRow, RevenueSeries, SalesSummary, TopClientsGroup } from '../../../src-shared/api/sales-types';
import { PRODUCT_KINDS, PRODUCT_KIND_LABELS, type ProductKind } from '../../../src-shared/domain/shop';
import { drillIntoClient, switchCompany } from '../../frame/switch-company';
import { href, type SalesTab } from '../../router/routes';
import { rowAt } from '../../state/paged-list';
import type { ClientSalesFilter } from '../../state/sales-slice';
import { useActions, useApp } from '../../state/store-context';
import { useCapabilities } from '../../state/use-capabilities';
import { useStatsRange } from '../../state/use-stats';
import { Avatar } from '../../ui/avatar';
import { RouteBadge, StatusBadge } from '../../ui/badges';
import { BarChart } from '../../ui/charts/bar-chart';
import { TimeChart } from '../../ui/charts/time-chart';
import { csvFileName, downloadCsv } from '../../ui/csv-download';
import { DataTable, type Column } from '../../ui/data-table';
import { describeRange, formatDay, formatMonth } from '../../ui/date-range-presets';
import { countryName, formatCount, formatDate } from '../../ui/format';
import { Icon } from '../../ui/icons';
import { formatMoney, formatMoneyCompact } from '../../ui/money';
import { Card, PageHeader, Tabs } from '../../ui/page';
import { RangePicker } from '../../ui/range-picker';
import { FilterSelect, SearchBox } from '../../ui/search-box';
import { Segmented } from '../../ui/segmented';
import { SearchPicker, type PickerOption } from '../../ui/search-picker';
import { CardEmpty, EmptyState, SkeletonBlock, SkeletonRows, Spinner } from '../../ui/states';
import { Loaded } from '../../ui/loadable';
import { useAction } from '../../ui/use-action';
import { StaleCue } from '../../ui/stale-cue';
import { CurrencySwitch, KindTable, MonthChart, OTHER_COLOR, SERIES_COLORS, SummaryCards, TopProductsTable } from './figures';
import { NameCell } from '../store/store-ui';
import { KIND_SHORT } from '../store/products-screen';
import './stats.css';

export function SalesScreen({ tab }: { tab: SalesTab }) {
  const caps = useCapabilities();
  const includeDemo = useApp((s) => s.sales.includeDemo);
  const { range, today } = useStatsRange();
  const actions = useActions();

  useEffect(() => {
    // The platform's clock can run ahead of the wall clock (demos): read it again for "today".
    void actions.loadAppInfo();
  }, [actions]);

  const tabs = [
    ...(caps.sales
      ? [
          { href: href({ name: 'sales', tab: 'overview' }), label: 'Overview', active: tab === 'overview', testId: 'tab-sales-overview' },
          { href: href({ name: 'sales', tab: 'clients' }), label: 'By client', active: tab === 'clients', testId: 'tab-sales-clients' },
        ]
      : []),
    ...(caps.salesProducts ? [{ href: href({ name: 'sales', tab: 'products' }), label: 'Products', active: tab === 'products', testId: 'tab-sales-products' }] : []),
  ];

  return (
    <div className={`page page-wide${tab === 'overview' ? '' : ' page-fill'}`} data-testid={`sales-${tab}`}>
      <PageHeader
        title="Sales"
        subtitle={`Your clients' sales combined, broken out by client · ${describeRange(range)}`}
        actions={
          tab !== 'products' && (
            <>
              <label className="toggle-inline" title="Sample companies' demo orders are never real sales">
                <input type="checkbox" className="checkbox" checked={includeDemo} onChange={(e) => actions.setIncludeDemo(e.target.checked)} data-testid="include-demo" />
                Include demo data
              </label>
              <RangePicker value={range} today={today} onChange={actions.setSalesRange} />
            </>
          )
        }
      />
      <Tabs tabs={tabs} />
      {tab === 'overview' && <SalesOverview />}
      {tab === 'clients' && <SalesByClient />}
      {tab === 'products' && <ClientProducts />}
    </div>
  );
}

/** Downloads a combined-view table for its filter, named after the partner. */
function useSalesExport() {
  const actions = useActions();
  const home = useApp((s) => s.session.info?.home?.name ?? 'partner');
  const exporting = useAction(async (table: SalesExportInput['table']) => {
    const file = await actions.exportSalesTable(table);
    downloadCsv(file, csvFileName(home, file.fileName.replace(/\.csv$/, ''), ''));
  });
  return { busy: exporting.running?.[0] ?? null, run: exporting.run };
}

function ExportButton({ table, label = 'Export CSV', small }: { table: SalesExportInput['table']; label?: string; small?: boolean }) {
  const { busy, run } = useSalesExport();
  return (
    <button type="button" className={`btn${small ? ' btn-small btn-ghost' : ''}`} onClick={() => void run(table)} disabled={busy !== null} data-testid={`export-${table}`}>
      {busy === table ? <Spinner size={13} /> : <Icon name="download" size={small ? 13 : 16} />} {label}
    </button>
  );
}

// ---- Overview ---------------------------------------------------------------------------------------

function SalesOverview() {
  const s = useApp((st) => st.sales);
  const actions = useActions();
  // Loaded when shown; a new range or a new order reloads it through the store (sales-slice.ts).
  useEffect(() => {
    void actions.loadSalesOverview();
  }, [actions]);
  const drill = (companyId: number) => void drillIntoClient(actions, companyId);
  const { range } = useStatsRange();
  // The figures on screen belong to a range and a demo choice; until the chosen ones arrive, they say so.
  const stale = (summary: SalesSummary) => summary.range.from !== range.from || summary.range.to !== range.to || summary.includeDemo !== s.includeDemo;

  return (
    <Loaded
      value={s.summary}
      errorTitle="Could not load the combined figures"
      onRetry={() => void actions.loadSalesOverview()}
      loading={
        <div className="stack" aria-busy="true">
          <SkeletonBlock height={118} />
          <SkeletonBlock height={320} />
        </div>
      }
    >
      {(summary) => (
        <StaleCue
          stale={stale(summary)}
          shown={describeShown(summary.range, summary.includeDemo)}
          wanted={describeShown(range, s.includeDemo)}
          failed={s.summary.status === 'error' ? s.summary.error : null}
          onRetry={() => void actions.loadSalesOverview()}
          testId="sales-stale"
        >
          <SalesFigures summary={summary} drill={drill} />
        </StaleCue>
      )}
    </Loaded>
  );
}

function describeShown(range: { from: string; to: string }, includeDemo: boolean): string {
  return `${describeRange(range)}${includeDemo ? ' with demo data' : ''}`;
}

function SalesFigures({ summary, drill }: { summary: SalesSummary; drill: (companyId: number) => void }) {
  const s = useApp((st) => st.sales);
  const actions = useActions();
  return (
    <div className="stack" data-testid="sales-figures">
      <SummaryCards summary={summary} />
      <p className="field-hint currency-note" data-testid="clients-with-sales">
        {formatCount(summary.clientsWithSales)} of {formatCount(summary.clients)} clients sold in this period
        {summary.totals.length > 1 && ' · amounts in different currencies are shown separately, never added together'}.
      </p>
      <Card
        title="Revenue over time"
        description="Gross revenue per client: the top 5 and all other clients together."
        actions={
          s.overTime.data && s.overTime.data.currencies.length > 1 && (
            <CurrencySwitch currencies={s.overTime.data.currencies} value={s.overTime.data.currency ?? ''} onChange={(c) => void actions.setChartCurrency(c)} testId="over-time-currency" />
          )
        }
        testId="revenue-over-time"
      >
        <OverTime series={s.overTime.data} error={s.overTime.status === 'error' ? s.overTime.error : null} onClient={drill} />
      </Card>
      <div className="dash-columns dash-columns-even">
        <Card title="Top clients" description="By gross revenue; click a client to open its dashboard." actions={<ExportButton table="topClients" small label="CSV" />} testId="top-clients">
          <TopClients groups={s.topClients.data} onClient={drill} />
        </Card>
        <Card title="Revenue by month" actions={<ExportButton table="salesByMonth" small label="CSV" />} testId="sales-by-month">
          {s.byMonth.data ? <MonthChart rows={s.byMonth.data} testId="sales-month-chart" /> : <SkeletonBlock height={220} />}
        </Card>
      </div>
      <div className="dash-columns dash-columns-even">
        <Card title="Top products" flush actions={<ExportButton table="topProducts" small label="CSV" />} testId="sales-top-products">
          {s.topProducts.data ? <TopProductsTable groups={s.topProducts.data} showClient onClient={drill} /> : <SkeletonRows rows={4} columns={3} />}
        </Card>
        <Card title="By product kind" flush actions={<ExportButton table="salesByKind" small label="CSV" />} testId="sales-by-kind">
          {s.byKind.data ? <KindTable rows={s.byKind.data} /> : <SkeletonRows rows={3} columns={4} />}
        </Card>
      </div>
      <Card title="Months" flush description="Every month of the period, per currency." testId="sales-month-table">
        {s.byMonth.data ? <MonthTable rows={s.byMonth.data} /> : <SkeletonRows rows={4} columns={5} />}
      </Card>
    </div>
  );
}

function OverTime({ series, error, onClient }: { series: RevenueSeries | null; error: string | null; onClient: (companyId: number) => void }) {
  if (error && !series) return <p className="field-error">{error}</p>;
  if (!series) return <SkeletonBlock height={260} />;
  if (!series.currency || series.lines.length === 0) {
    return (
      <div className="chart-empty" data-testid="over-time-empty">
        <Icon name="chart" size={18} /> No sales in this period.
      </div>
    );
  }
  const currency = series.currency;
  const day = series.granularity === 'day';
  return (
    <TimeChart
      title={`Revenue over time in ${currency}`}
      description={`Gross revenue in ${currency} per ${series.granularity} from ${describeRange(series.range)}, for the ${series.lines.length} lines shown in the legend.`}
      periods={series.periods}
      series={series.lines.map((l, i) => ({
        id: String(l.companyId ?? 'other'),
        label: l.companyName,
        values: l.grossMinor,
        color: l.companyId === null ? OTHER_COLOR : SERIES_COLORS[i % SERIES_COLORS.length],
        muted: l.companyId === null,
      }))}
      formatValue={(v) => formatMoney(v, currency)}
      formatAxis={(v) => formatMoneyCompact(v, currency)}
      formatPeriod={(p) => (day ? formatDay(p, true) : formatMonth(p, true))}
      formatPeriodLong={(p) => (day ? formatDay(p) : formatMonth(p))}
      onSeriesClick={(s) => s.id !== 'other' && onClient(Number(s.id))}
      legend
      testId="over-time-chart"
    />
  );
}

function TopClients({ groups, onClient }: { groups: TopClientsGroup[] | null; onClient: (companyId: number) => void }) {
  const [chosen, setChosen] = useState<string | null>(null);
  if (!groups) return <SkeletonBlock height={220} />;
  if (groups.length === 0) {
    return (
      <div className="chart-empty">
        <Icon name="barChart" size={18} /> No sales in this period.
      </div>
    );
  }
  const group = groups.find((g) => g.currency === chosen) ?? groups[0];
  return (
    <div className="stack-sm">
      {groups.length > 1 && (
        <div className="chart-head">
          <span className="muted">In</span>
          <CurrencySwitch currencies={groups.map((g) => g.currency)} value={group.currency} onChange={setChosen} testId="top-clients-currency" />
        </div>
      )}
      <BarChart
        title={`Top clients by revenue in ${group.currency}`}
        description={`The ${group.rows.length} clients with the most gross revenue in ${group.currency}, of ${formatMoney(group.totalGrossMinor, group.currency)} in total.`}
        rows={group.rows.map((r) => ({
          key: r.companyId,
          label: r.companyName,
          value: r.grossMinor,
          note: `${(r.shareBp / 100).toLocaleString(undefined, { maximumFractionDigits: 1 })} %`,
          demo: r.isSample,
          color: r.isSample ? 'var(--chart-6)' : undefined,
          onClick: () => onClient(r.companyId),
        }))}
        formatValue={(v) => formatMoney(v, group.currency)}
        formatAxis={(v) => formatMoneyCompact(v, group.currency)}
        testId="top-clients-chart"
      />
    </div>
  );
}

function MonthTable({ rows }: { rows: { month: string; currency: string; orders: number; netMinor: number; vatMinor: number; grossMinor: number; averageOrderMinor: number; newCustomers: number }[] }) {
  const shown = rows.filter((r) => r.orders > 0 || rows.filter((x) => x.month === r.month).length === 1);
  if (shown.length === 0) return <CardEmpty icon="calendar">No sales in this period.</CardEmpty>;
  return (
    <table className="table table-dense" data-testid="month-table">
      <thead>
        <tr>
          <th scope="col">Month</th>
          <th scope="col">Currency</th>
          <th scope="col" className="num">Orders</th>
          <th scope="col" className="num">Net</th>
          <th scope="col" className="num">VAT</th>
          <th scope="col" className="num">Gross</th>
          <th scope="col" className="num">Average order</th>
          <th scope="col" className="num">New customers</th>
        </tr>
      </thead>
      <tbody>
        {[...shown].reverse().map((r) => (
          <tr key={`${r.month}-${r.currency}`}>
            <td>{formatMonth(r.month)}</td>
            <td>
              <span className="currency-tag">{r.currency}</span>
            </td>
            <td className="num">{formatCount(r.orders)}</td>
            <td className="num money">{formatMoney(r.netMinor, r.currency)}</td>
            <td className="num money">{formatMoney(r.vatMinor, r.currency)}</td>
            <td className="num money">{formatMoney(r.grossMinor, r.currency)}</td>
            <td className="num money">{formatMoney(r.averageOrderMinor, r.currency)}</td>
            <td className="num">{formatCount(r.newCustomers)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

// ---- By client --------------------------------------------------------------------------------------

const money = (pick: (r: ClientSalesRow) => number) => (r: ClientSalesRow) =>
  r.currency === null ? <span className="muted">—</span> : <span className="money">{formatMoney(pick(r), r.currency)}</span>;

const CLIENT_COLUMNS: Column<ClientSalesRow>[] = [
  {
    id: 'name',
    header: 'Client',
    sort: 'name',
    width: 'minmax(240px, 2.6fr)',
    minWidth: 240,
    cell: (r) => (
      <NameCell
        icon={<Avatar name={r.companyName} size={28} />}
        title={r.companyName}
        sub={r.country ? countryName(r.country) : undefined}
        demo={r.isSample}
      />
    ),
  },
  { id: 'route', header: 'Route', width: '110px', minWidth: 110, priority: 3, cell: (r) => <RouteBadge route={r.paymentRoute} /> },
  { id: 'currency', header: 'Currency', width: '90px', minWidth: 90, cell: (r) => (r.currency ? <span className="currency-tag">{r.currency}</span> : <span className="muted">No sales</span>) },
  { id: 'orders', header: 'Orders', sort: 'orders', width: '90px', minWidth: 90, align: 'end', firstDirection: 'desc', cell: (r) => formatCount(r.orders) },
  { id: 'net', header: 'Net', sort: 'net', width: 'minmax(130px, 1fr)', minWidth: 130, align: 'end', priority: 3, firstDirection: 'desc', cell: money((r) => r.netMinor) },
  { id: 'gross', header: 'Revenue (gross)', sort: 'gross', width: 'minmax(150px, 1.2fr)', minWidth: 150, align: 'end', firstDirection: 'desc', cell: (r) => (r.currency === null ? <span className="muted" data-testid="client-gross">—</span> : <strong className="money" data-testid="client-gross">{formatMoney(r.grossMinor, r.currency)}</strong>) },
  { id: 'average', header: 'Average order', sort: 'averageOrder', width: 'minmax(130px, 1fr)', minWidth: 130, align: 'end', priority: 2, firstDirection: 'desc', cell: money((r) => r.averageOrderMinor) },
  { id: 'customers', header: 'New customers', sort: 'newCustomers', width: '140px', minWidth: 140, align: 'end', priority: 2, firstDirection: 'desc', cell: (r) => formatCount(r.newCustomers) },
  {
    id: 'open',
    header: '',
    width: '44px',
    minWidth: 44,
    cell: (r) => (
      <span className="row-go" aria-hidden="true" title={`Open ${r.companyName}'s dashboard`}>
        <Icon name="arrowRight" size={14} />
      </span>
    ),
  },
];

function SalesByClient() {
  const list = useApp((s) => s.sales.byClient);
  const actions = useActions();
  useEffect(() => {
    actions.openClientSales();
  }, [actions]);
  const onRange = useCallback((from: number, to: number) => actions.loadClientSalesRows(from, to), [actions]);
  const filter = list.filter;
  const set = (change: Partial<ClientSalesFilter>) => actions.setClientSalesFilter(change);
  const filtered = filter.search !== '' || filter.currency !== undefined || filter.onlyWithSales;
  const currencies = list.meta?.currencies ?? [];
  const visibleColumns = CLIENT_COLUMNS;

  return (
    <>
      <div className="toolbar">
        <SearchBox value={filter.search} onSearch={(search) => set({ search })} placeholder="Search clients…" label="Search clients" testId="clients-search" />
        <FilterSelect
          label="Currency"
          value={filter.currency ?? ''}
          onChange={(c) => set({ currency: c === '' ? undefined : c })}
          options={[{ value: '', label: 'All' }, ...currencies.map((c) => ({ value: c, label: c }))]}
          testId="filter-currency"
        />
        <Segmented
          label="Clients"
          value={filter.onlyWithSales ? 'with' : 'all'}
          onChange={(v) => set({ onlyWithSales: v === 'with' })}
          options={[
            { value: 'all', label: 'All clients' },
            { value: 'with', label: 'With sales' },
          ]}
          testIdPrefix="filter-sales"
        />
        {filtered && (
          <button type="button" className="btn btn-ghost btn-small" onClick={() => set({ search: '', currency: undefined, onlyWithSales: false })} data-testid="clear-filters">
            <Icon name="x" size={13} /> Clear
          </button>
        )}
        <span className="toolbar-spacer" />
        {list.refreshing && <Spinner size={14} label="Updating" />}
        {list.total !== null && <span className="muted" data-testid="clients-count">{formatCount(list.total)} rows</span>}
        <ExportButton table="salesByClient" />
      </div>
      <p className="field-hint currency-note">A client that sold in several currencies has one row per currency. Click a row to act as that client and open its dashboard.</p>
      <DataTable<ClientSalesRow>
        label="Sales by client"
        testId="sales-clients-table"
        columns={visibleColumns}
        total={list.total}
        rowAt={(i) => rowAt(list, i)}
        rowKey={(r) => `${r.companyId}-${r.currency ?? 'none'}`}
        onRange={onRange}
        sort={{ key: filter.sort, direction: filter.direction }}
        onSort={(sort, direction) => set({ sort: sort as ClientSalesFilter['sort'], direction })}
        onOpen={(r) => void drillIntoClient(actions, r.companyId)}
        status={list.status}
        error={list.error}
        onRetry={() => actions.openClientSales()}
        resetKey={list.key ?? ''}
        rowTestId="client-sales-row"
        rowHeight={50}
        empty={
          <EmptyState icon="buildings" title={filtered ? 'No client matches these filters' : 'No clients yet'} testId="clients-empty">
            <p>{filtered ? 'Try another search, currency or “All clients”.' : 'Create client companies to see their sales here.'}</p>
          </EmptyState>
        }
        footer={list.meta && list.meta.totals.length > 0 ? (columns) => <TotalsRows totals={list.meta!.totals} columns={columns} /> : undefined}
      />
    </>
  );
}

/** Totals rows shown before "Show all"; more currencies would crowd out the rows themselves. */
const TOTALS_SHOWN = 2;

/** One totals row per currency, under the same columns as the table (never one sum of mixed currencies). */
function TotalsRows({ totals, columns }: { totals: { currency: string; orders: number; netMinor: number; grossMinor: number; averageOrderMinor: number }[]; columns: Column<ClientSalesRow>[] }) {
  const [all, setAll] = useState(false);
  const shown = all ? totals : totals.slice(0, TOTALS_SHOWN);
  return (
    <div className={all ? 'dt-totals is-open' : 'dt-totals'}>
      {shown.map((t) => (
        <div key={t.currency} className="vt-row dt-total-row" role="row" data-testid={`total-${t.currency}`}>
          {columns.map((c) => (
            <div key={c.id} role="cell" className={`vt-cell ${c.align === 'end' ? 'num' : ''}`}>
              {c.id === 'name'
                ? `Total in ${t.currency}`
                : c.id === 'currency'
                  ? <span className="currency-tag">{t.currency}</span>
                  : c.id === 'orders'
                    ? formatCount(t.orders)
                    : c.id === 'net'
                      ? <span className="money">{formatMoney(t.netMinor, t.currency)}</span>
                      : c.id === 'gross'
                        ? <strong className="money">{formatMoney(t.grossMinor, t.currency)}</strong>
                        : c.id === 'average'
                          ? <span className="money">{formatMoney(t.averageOrderMinor, t.currency)}</span>
                          : null}
            </div>
          ))}
        </div>
      ))}
      {totals.length > TOTALS_SHOWN && (
        <div className="dt-totals-more" role="row">
          <span role="cell">
            <button type="button" className="link-btn" onClick={() => setAll((a) => !a)} aria-expanded={all} data-testid="toggle-totals">
              {all ? 'Fewer totals' : `Totals of all ${totals.length} currencies`}
            </button>
          </span>
        </div>
      )}
    </div>
  );
}

// ---- Products across clients ------------------------------------------------------------------------

/** The client filter: a search among thousands of clients, then the chosen one as a removable chip. */
function ClientFilter({ companyId, onChange }: { companyId: number | undefined; onChange: (companyId: number | undefined) => void }) {
  const actions = useActions();
  const [name, setName] = useState<string | null>(null);
  const search = useCallback(async (text: string): Promise<PickerOption<{ id: number; name: string }>[]> => {
    const found = await actions.searchClients(text);
    return found.map((c) => ({ key: c.id, label: c.name, sub: [c.city, c.country].filter(Boolean).join(', '), value: c }));
  }, [actions]);
  if (companyId !== undefined) {
    return (
      <span className="chip chip-removable filter-chip" data-testid="filter-client">
        Client: {name ?? `#${companyId}`}
        <button type="button" className="chip-remove" aria-label="Show every client's products" onClick={() => onChange(undefined)}>
          <Icon name="x" size={11} />
        </button>
      </span>
    );
  }
  return (
    <div className="toolbar-picker">
      <SearchPicker<{ id: number; name: string }>
        label="Client"
        placeholder="Filter by client…"
        search={search}
        onPick={(c) => {
          setName(c.name);
          onChange(c.id);
        }}
        testId="filter-client-picker"
      />
    </div>
  );
}

const PRODUCT_COLUMNS: Column<ClientProduct>[] = [
  {
    id: 'client',
    header: 'Client',
    sort: 'client',
    width: 'minmax(200px, 1.6fr)',
    minWidth: 200,
    cell: (p) => <NameCell icon={<Avatar name={p.companyName} size={26} />} title={p.companyName} demo={p.isDemo} />,
  },
  { id: 'name', header: 'Product', sort: 'name', width: 'minmax(200px, 2fr)', minWidth: 200, cell: (p) => <NameCell title={p.name} sub={p.sku || undefined} muted={!p.isActive} /> },
  { id: 'kind', header: 'Kind', sort: 'kind', width: '96px', minWidth: 96, priority: 2, cell: (p) => <span className="muted-strong">{KIND_SHORT[p.kind]}</span> },
  { id: 'price', header: 'Price (net)', sort: 'price', width: 'minmax(110px, 0.9fr)', minWidth: 110, align: 'end', firstDirection: 'desc', cell: (p) => <span className="money">{formatMoney(p.priceMinor, p.currency)}</span> },
  { id: 'stock', header: 'Stock', width: '80px', minWidth: 80, align: 'end', priority: 3, cell: (p) => (p.stock === null ? <span className="muted">—</span> : formatCount(p.stock)) },
  { id: 'status', header: 'Status', width: '100px', minWidth: 100, priority: 2, cell: (p) => (p.isActive ? <StatusBadge tone="on">Active</StatusBadge> : <StatusBadge tone="off">Inactive</StatusBadge>) },
  { id: 'created', header: 'Added', sort: 'createdAt', width: '120px', minWidth: 120, priority: 3, firstDirection: 'desc', cell: (p) => <span className="muted">{formatDate(p.createdAt)}</span> },
];

function ClientProducts() {
  const list = useApp((s) => s.sales.products);
  const actions = useActions();
  useEffect(() => {
    actions.openClientProducts();
  }, [actions]);
  const onRange = useCallback((from: number, to: number) => actions.loadClientProductRows(from, to), [actions]);
  const filter = list.filter;
  const set = actions.setClientProductsFilter;
  const filtered = filter.search !== '' || filter.companyId !== undefined || filter.kind !== undefined || filter.active !== 'any' || !filter.includeDemo;

  return (
    <>
      <div className="toolbar">
        <SearchBox value={filter.search} onSearch={(search) => set({ search })} placeholder="Search products…" label="Search products" testId="client-products-search" />
        <ClientFilter companyId={filter.companyId} onChange={(companyId) => set({ companyId })} />
        <FilterSelect
          label="Kind"
          value={(filter.kind ?? '') as ProductKind | ''}
          onChange={(kind) => set({ kind: kind === '' ? undefined : kind })}
          options={[{ value: '' as const, label: 'Any' }, ...PRODUCT_KINDS.map((k) => ({ value: k, label: PRODUCT_KIND_LABELS[k] }))]}
          testId="filter-kind"
        />
        <label className="toggle-inline">
          <input type="checkbox" className="checkbox" checked={filter.includeDemo} onChange={(e) => set({ includeDemo: e.target.checked })} data-testid="products-include-demo" />
          Sample companies
        </label>
        {filtered && (
          <button type="button" className="btn btn-ghost btn-small" onClick={() => set({ search: '', companyId: undefined, kind: undefined, active: 'any', includeDemo: true })} data-testid="clear-filters">
            <Icon name="x" size={13} /> Clear
          </button>
        )}
        <span className="toolbar-spacer" />
        {list.refreshing && <Spinner size={14} label="Updating" />}
        {list.total !== null && <span className="muted" data-testid="client-products-count">{formatCount(list.total)} products</span>}
        <ExportButton table="clientProducts" />
      </div>
      <DataTable<ClientProduct>
        label="Products of all clients"
        testId="client-products-table"
        columns={PRODUCT_COLUMNS}
        total={list.total}
        rowAt={(i) => rowAt(list, i)}
        rowKey={(p) => `${p.companyId}-${p.id}`}
        onRange={onRange}
        sort={{ key: filter.sort, direction: filter.direction }}
        onSort={(sort, direction) => set({ sort: sort as typeof filter.sort, direction })}
        onOpen={(p) => void switchCompany(actions, p.companyId, { name: 'store', list: 'products', item: p.id })}
        status={list.status}
        error={list.error}
        onRetry={() => actions.openClientProducts()}
        resetKey={list.key ?? ''}
        rowTestId="client-product-row"
        rowHeight={50}
        empty={
          <EmptyState icon="box" title={filtered ? 'No product matches these filters' : 'Your clients have no products yet'}>
            <p>{filtered ? 'Try another search or widen the filters.' : 'Products appear here as your clients add them to their shops.'}</p>
          </EmptyState>
        }
      />
    </>
  );
}

