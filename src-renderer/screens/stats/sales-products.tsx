// Every client's products across clients (#/sales/products), with a client column and a client filter.
import { useCallback, useEffect, useState } from 'react';
import type { ClientProduct } from '../../../src-shared/api/sales-types';
import { PRODUCT_KINDS, PRODUCT_KIND_LABELS, type ProductKind } from '../../../src-shared/domain/shop';
import { switchCompany } from '../../frame/switch-company';
import { rowAt } from '../../state/paged-list';
import { useActions, useApp } from '../../state/store-context';
import { Avatar } from '../../ui/avatar';
import { StatusBadge } from '../../ui/badges';
import { DataTable, type Column } from '../../ui/data-table';
import { formatCount, formatDate } from '../../ui/format';
import { Icon } from '../../ui/icons';
import { formatMoney } from '../../ui/money';
import { FilterSelect, SearchBox } from '../../ui/search-box';
import { SearchPicker, type PickerOption } from '../../ui/search-picker';
import { EmptyState, Spinner } from '../../ui/states';
import { NameCell } from '../store/store-ui';
import { KIND_SHORT } from '../store/products-screen';
import { ExportButton } from './sales-export';
import './stats.css';

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

export function ClientProducts() {
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
