// The combined view by client (#/sales/clients): a virtualized, sortable, searchable table for thousands of clients
// with totals per currency of the whole filter; a click on a row switches to that client and opens its dashboard.
import { useCallback, useEffect, useState } from 'react';
import type { ClientSalesRow } from '../../../src-shared/api/sales-types';
import { drillIntoClient } from '../../frame/switch-company';
import { rowAt } from '../../state/paged-list';
import type { ClientSalesFilter } from '../../state/sales-slice';
import { useActions, useApp } from '../../state/store-context';
import { Avatar } from '../../ui/avatar';
import { RouteBadge } from '../../ui/badges';
import { DataTable, type Column } from '../../ui/data-table';
import { countryName, formatCount } from '../../ui/format';
import { Icon } from '../../ui/icons';
import { formatMoney } from '../../ui/money';
import { FilterSelect, SearchBox } from '../../ui/search-box';
import { Segmented } from '../../ui/segmented';
import { EmptyState, Spinner } from '../../ui/states';
import { NameCell } from '../store/store-ui';
import { ExportButton } from './sales-export';
import './stats.css';

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

export function SalesByClient() {
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
