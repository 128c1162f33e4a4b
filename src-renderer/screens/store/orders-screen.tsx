// Orders of the acting client: the list (#/store/orders: status chips, status / date / customer filters,
// newest first), one order's page (#/store/orders/12: lines with net, VAT and gross, the status changes the
// platform allows, editing lines while they may change, deleting pending or cancelled orders), and manual
// order entry for an existing customer (#/store/orders/new) with a live price preview computed by the same
// pricing the platform uses.
import type { OrderSummary } from '../../../src-shared/api/shop-types';
import { ORDER_STATUSES } from '../../../src-shared/domain/shop';
import { href } from '../../router/routes';
import { navigate } from '../../router/use-route';
import type { EntityFilter } from '../../state/shop-entities';
import { useShopItem } from '../../state/use-shop';
import { Avatar } from '../../ui/avatar';
import { OrderStatusBadge, orderStatusLabel } from '../../ui/badges';
import type { Column } from '../../ui/data-table';
import { formatDateTime, plural } from '../../ui/format';
import { Icon } from '../../ui/icons';
import { formatMoney } from '../../ui/money';
import { StatusFilter } from '../../ui/search-box';
import { EntityListPage, type EntityListConfig } from './entity-list';
import { NameCell } from './store-ui';
import { OrderEntryDrawer } from './order-entry-drawer';
import { OrderPage, SOURCE_LABELS } from './order-page';
import './orders-screen.css';

export const ORDER_COLUMNS: Column<OrderSummary>[] = [
  {
    id: 'number',
    header: 'Order',
    sort: 'number',
    width: 'minmax(150px, 1fr)',
    minWidth: 150,
    firstDirection: 'desc',
    cell: (o) => <NameCell title={<span className="order-number">#{o.number}</span>} sub={`${plural(o.itemCount, 'item', 'items')} · ${SOURCE_LABELS[o.source]}`} demo={o.isDemo} />,
  },
  {
    id: 'customer',
    header: 'Customer',
    width: 'minmax(200px, 2fr)',
    minWidth: 200,
    cell: (o) => <NameCell icon={<Avatar name={o.customerName} size={26} round />} title={o.customerName} sub={o.customerEmail} />,
  },
  { id: 'placed', header: 'Placed', sort: 'placedAt', width: '180px', minWidth: 180, priority: 2, firstDirection: 'desc', cell: (o) => <span className="muted-strong">{formatDateTime(o.placedAt)}</span> },
  { id: 'status', header: 'Status', sort: 'status', width: '120px', minWidth: 120, cell: (o) => <OrderStatusBadge status={o.status} /> },
  { id: 'net', header: 'Net', width: '110px', minWidth: 110, align: 'end', priority: 3, cell: (o) => <span className="money muted">{formatMoney(o.netMinor, o.currency)}</span> },
  { id: 'gross', header: 'Total', sort: 'gross', width: '120px', minWidth: 120, align: 'end', firstDirection: 'desc', cell: (o) => <span className="money money-strong">{formatMoney(o.grossMinor, o.currency)}</span> },
];

function CustomerFilterChip({ customerId, set }: { customerId: number; set: (change: Partial<EntityFilter<'orders'>>) => void }) {
  const customer = useShopItem('customers', customerId);
  return (
    <span className="chip chip-removable filter-chip" data-testid="filter-customer">
      Customer: {customer?.data?.name ?? `#${customerId}`}
      <button type="button" className="chip-remove" aria-label="Show every customer's orders" onClick={() => set({ customerId: undefined })}>
        <Icon name="x" size={11} />
      </button>
    </span>
  );
}

function OrderFilters({ filter, set }: { filter: EntityFilter<'orders'>; set: (change: Partial<EntityFilter<'orders'>>) => void }) {
  const badRange = filter.from && filter.to && filter.from > filter.to;
  return (
    <>
      <StatusFilter statuses={ORDER_STATUSES} labelOf={orderStatusLabel} value={filter.status} onChange={(status) => set({ status })} />
      <label className="filter-select date-filter">
        <span className="filter-select-label">From</span>
        <input className="filter-select-input" type="date" value={filter.from ?? ''} max={filter.to} onChange={(e) => set({ from: e.target.value || undefined })} data-testid="filter-from" />
      </label>
      <label className={`filter-select date-filter${badRange ? ' is-invalid' : ''}`}>
        <span className="filter-select-label">To</span>
        <input className="filter-select-input" type="date" value={filter.to ?? ''} min={filter.from} onChange={(e) => set({ to: e.target.value || undefined })} data-testid="filter-to" aria-invalid={badRange || undefined} />
      </label>
      {filter.customerId !== undefined && <CustomerFilterChip customerId={filter.customerId} set={set} />}
    </>
  );
}

const ORDERS: EntityListConfig<'orders'> = {
  entity: 'orders',
  icon: 'receipt',
  columns: ORDER_COLUMNS,
  searchPlaceholder: 'Number, customer or email…',
  filters: (filter, set) => <OrderFilters filter={filter} set={set} />,
  newLabel: 'New order',
  emptyTitle: 'No orders yet',
  emptyBody: (
    <p>
      Orders come from the <StorefrontLink />, from apps through the API, or are entered here for an existing customer.
    </p>
  ),
  testId: 'orders',
  rowHeight: 52,
};

/** A component, so the link's address is made when it renders (the route table is not built at module load). */
function StorefrontLink() {
  return <a href={href({ name: 'storefront' })}>storefront</a>;
}

export function OrdersScreen({ item }: { item: number | 'new' | null }) {
  if (typeof item === 'number') return <OrderPage key={item} id={item} />;
  return (
    <>
      <EntityListPage config={ORDERS} openItem={null} />
      {item === 'new' && <OrderEntryDrawer customer={null} onClose={() => navigate({ name: 'store', list: 'orders', item: null })} />}
    </>
  );
}


