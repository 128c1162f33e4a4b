// Orders of the acting client: the list (#/store/orders: status chips, status / date / customer filters,
// newest first), one order's page (#/store/orders/12: lines with net, VAT and gross, the status changes the
// platform allows, editing lines while they may change, deleting pending or cancelled orders), and manual
// order entry for an existing customer (#/store/orders/new) with a live price preview computed by the same
// pricing the platform uses.
import { useCallback, useMemo, useState, type ReactNode } from 'react';
import { orderCreateSchema } from '../../../src-shared/api/shop-inputs';
import type { Customer, Order, OrderSummary, Product } from '../../../src-shared/api/shop-types';
import type { FieldErrors } from '../../../src-shared/api/errors';
import {
  DELETABLE_STATUSES,
  LINE_EDITABLE_STATUSES,
  ORDER_LIMITS,
  ORDER_STATUSES,
  ORDER_TRANSITIONS,
  priceLine,
  sumLines,
  type OrderStatus,
} from '../../../src-shared/domain/shop';
import { href } from '../../router/routes';
import { leaveNow, requestLeave, useLeaveGuard } from '../../router/leave-guard';
import { navigate } from '../../router/use-route';
import type { EntityFilter } from '../../state/shop-entities';
import { useActions } from '../../state/store-context';
import { useActing, useShopItem } from '../../state/use-shop';
import { Avatar } from '../../ui/avatar';
import { DemoBadge, OrderStatusBadge, orderStatusLabel } from '../../ui/badges';
import type { Column } from '../../ui/data-table';
import { ConfirmActionDialog } from '../../ui/dialog';
import { CancelConfirm } from '../../ui/form-footer';
import { useAction, useConfirmedAction } from '../../ui/use-action';
import { SelectField, TextAreaField, TextField } from '../../ui/fields';
import { FormDrawer } from '../../ui/form-drawer';
import { formatDateTime, formatShortDateTime, plural } from '../../ui/format';
import { Icon } from '../../ui/icons';
import { formatMoney, formatPercentBp } from '../../ui/money';
import { Card, Facts, PageHeader } from '../../ui/page';
import { StatusFilter } from '../../ui/search-box';
import { SearchPicker, type PickerOption } from '../../ui/search-picker';
import { Callout, Spinner } from '../../ui/states';
import { useForm, zodValidator } from '../../ui/use-form';
import { EntityListPage, type EntityListConfig } from './entity-list';
import { AmountsSummary, NameCell, ShopItemPage } from './store-ui';
import { OrderFormShipping, OrderShippingCard } from '../../areas/logistics/shop-logistics';
import './orders-screen.css';

const SOURCE_LABELS: Record<OrderSummary['source'], string> = { checkout: 'Storefront', console: 'Entered here', api: 'API', seed: 'Imported' };

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
        <input className="filter-date" type="date" value={filter.from ?? ''} max={filter.to} onChange={(e) => set({ from: e.target.value || undefined })} data-testid="filter-from" />
      </label>
      <label className={`filter-select date-filter${badRange ? ' is-invalid' : ''}`}>
        <span className="filter-select-label">To</span>
        <input className="filter-date" type="date" value={filter.to ?? ''} min={filter.from} onChange={(e) => set({ to: e.target.value || undefined })} data-testid="filter-to" aria-invalid={badRange || undefined} />
      </label>
      {filter.customerId !== undefined && <CustomerFilterChip customerId={filter.customerId} set={set} />}
    </>
  );
}

const ORDERS: EntityListConfig<'orders'> = {
  entity: 'orders',
  list: 'orders',
  title: 'Orders',
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

// ---- One order --------------------------------------------------------------------------------------

const TRANSITION_LABELS: Record<OrderStatus, { label: string; confirm?: string; danger?: boolean }> = {
  pending: { label: 'Mark pending' },
  paid: { label: 'Mark as paid' },
  fulfilled: { label: 'Mark fulfilled' },
  cancelled: { label: 'Cancel order', confirm: 'Cancelling is final. Physical stock goes back to the products.', danger: true },
  refunded: { label: 'Refund', confirm: 'Refunding is final: the order no longer counts as a sale.', danger: true },
};

function OrderPage({ id }: { id: number }) {
  const back = { href: href({ name: 'store', list: 'orders', item: null }), label: 'Orders' };
  return (
    <ShopItemPage entity="orders" id={id} title="Order" back={back} testId="order-page">
      {(order) => <OrderView order={order} back={back} />}
    </ShopItemPage>
  );
}

function OrderView({ order, back }: { order: Order; back: { href: string; label: string } }) {
  const actions = useActions();
  const acting = useActing();
  const [editing, setEditing] = useState(false);
  const transitions = ORDER_TRANSITIONS[order.status];
  const deletable = DELETABLE_STATUSES.includes(order.status);
  const linesEditable = LINE_EDITABLE_STATUSES.includes(order.status);

  const setStatus = (status: OrderStatus) => actions.updateShopItem('orders', { companyId: order.companyId, orderId: order.id, status });
  // A transition that is final asks first; a failed one keeps its question open.
  const change = useAction(setStatus);
  const confirmChange = useConfirmedAction(setStatus);
  const remove = useConfirmedAction(
    async (doomed: Order) => {
      await actions.deleteShopItem('orders', doomed.id, `order #${doomed.number}`);
      navigate({ name: 'store', list: 'orders', item: null });
    },
    { afterError: 'close' },
  );
  const busy = change.busy || confirmChange.busy || remove.busy;

  return (
    <div className="page" data-testid="order-page">
      <PageHeader
        back={back}
        title={<span data-testid="order-title">Order #{order.number}</span>}
        badges={
          <>
            <OrderStatusBadge status={order.status} />
            {order.isDemo && <DemoBadge />}
          </>
        }
        subtitle={`Placed ${formatDateTime(order.placedAt)} · ${SOURCE_LABELS[order.source]} · ${acting?.name ?? ''}`}
        actions={
          <>
            {deletable && (
              <button type="button" className="btn btn-danger-outline" onClick={() => remove.ask(order)} disabled={busy} data-testid="delete-order">
                <Icon name="trash" size={14} /> Delete
              </button>
            )}
            {transitions.map((status) => {
              const t = TRANSITION_LABELS[status];
              return (
                <button
                  key={status}
                  type="button"
                  className={`btn ${t.danger ? 'btn-danger-outline' : status === transitions[0] ? 'btn-primary' : ''}`}
                  onClick={() => (t.confirm ? confirmChange.ask(status) : void change.run(status))}
                  disabled={busy}
                  data-testid={`status-${status}`}
                >
                  {t.label}
                </button>
              );
            })}
          </>
        }
      />
      {order.isDemo && (
        <Callout tone="sample" title="Demo order">
          This order belongs to a sample company: it is demo data, never a real sale, and never billed.
        </Callout>
      )}
      <div className="order-layout">
        <div className="stack">
          {editing ? (
            <LinesEditor order={order} onDone={() => setEditing(false)} />
          ) : (
            <Card
              title="Lines"
              description={`${plural(order.itemCount, 'item', 'items')} in ${order.currency}. Prices are net; VAT is computed per line.`}
              flush
              actions={
                linesEditable && (
                  <button type="button" className="btn btn-small" onClick={() => setEditing(true)} data-testid="edit-lines">
                    <Icon name="edit" size={13} /> Edit lines
                  </button>
                )
              }
              testId="order-lines"
            >
              <LinesTable order={order} />
            </Card>
          )}
          <NoteCard order={order} />
        </div>
        <div className="stack">
          <Card title="Customer" testId="order-customer">
            <div className="customer-block">
              <Avatar name={order.customerName} size={36} round />
              <div>
                <a href={href({ name: 'store', list: 'customers', item: order.customerId })} className="customer-block-name">
                  {order.customerName}
                </a>
                <div className="muted">{order.customerEmail}</div>
              </div>
            </div>
          </Card>
          <OrderShippingCard companyId={order.companyId} orderId={order.id} />
          <Card title="Summary">
            <Facts
              items={[
                { label: 'Status', value: <OrderStatusBadge status={order.status} /> },
                { label: 'Net', value: <span className="money">{formatMoney(order.netMinor, order.currency)}</span> },
                { label: 'VAT', value: <span className="money">{formatMoney(order.vatMinor, order.currency)}</span> },
                { label: 'Total', value: <strong className="money" data-testid="order-gross">{formatMoney(order.grossMinor, order.currency)}</strong> },
                { label: 'Source', value: SOURCE_LABELS[order.source] },
                { label: 'Last change', value: formatShortDateTime(order.updatedAt) },
              ]}
            />
            {transitions.length === 0 && <p className="field-hint order-final">{orderStatusLabel(order.status)} is final; the order can no longer change.</p>}
          </Card>
        </div>
      </div>
      <ConfirmActionDialog action={remove} title={(o) => `Delete order #${o.number}?`} confirmLabel="Delete order" danger>
        {(o) => (
          <p>
            Order #{o.number} of {o.customerName} ({formatMoney(o.grossMinor, o.currency)}) is removed from the shop. It was never a sale, so no figure changes. This cannot be undone.
          </p>
        )}
      </ConfirmActionDialog>
      {confirmChange.target !== null && (
        <ConfirmActionDialog
          action={confirmChange}
          title={(status) => `${TRANSITION_LABELS[status].label} #${order.number}?`}
          confirmLabel={(status) => TRANSITION_LABELS[status].label}
          danger={TRANSITION_LABELS[confirmChange.target].danger}
        >
          {(status) => <p>{TRANSITION_LABELS[status].confirm}</p>}
        </ConfirmActionDialog>
      )}
    </div>
  );
}

function LinesTable({ order }: { order: Order }) {
  const money = (minor: number) => formatMoney(minor, order.currency);
  return (
    <table className="table lines-table">
      <thead>
        <tr>
          <th scope="col">Product</th>
          <th scope="col" className="num">Qty</th>
          <th scope="col" className="num">Unit price</th>
          <th scope="col" className="num">VAT</th>
          <th scope="col" className="num">Net</th>
          <th scope="col" className="num">Gross</th>
        </tr>
      </thead>
      <tbody>
        {order.lines.map((line) => (
          <tr key={line.lineNo} data-testid="order-line">
            <td>
              <div className="line-name">{line.name}</div>
              <div className="muted line-sub">{[line.sku, line.kind].filter(Boolean).join(' · ')}</div>
            </td>
            <td className="num">{line.quantity}</td>
            <td className="num money">{money(line.unitPriceMinor)}</td>
            <td className="num muted">{formatPercentBp(line.vatRateBp)}</td>
            <td className="num money">{money(line.netMinor)}</td>
            <td className="num money">{money(line.grossMinor)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row" colSpan={4}>Net</th>
          <td className="num money" colSpan={2}>{money(order.netMinor)}</td>
        </tr>
        <tr>
          <th scope="row" colSpan={4}>VAT</th>
          <td className="num money" colSpan={2}>{money(order.vatMinor)}</td>
        </tr>
        <tr className="total-row">
          <th scope="row" colSpan={4}>Total</th>
          <td className="num money" colSpan={2}>{money(order.grossMinor)}</td>
        </tr>
      </tfoot>
    </table>
  );
}

function NoteCard({ order }: { order: Order }) {
  const actions = useActions();
  const [note, setNote] = useState(order.note);
  const save = useAction(() => actions.updateShopItem('orders', { companyId: order.companyId, orderId: order.id, note }));
  const dirty = note !== order.note;
  useLeaveGuard(dirty, 'The order note');
  return (
    <Card title="Note" description="Internal; customers don't see it.">
      <textarea className="input textarea" rows={3} value={note} maxLength={2000} onChange={(e) => setNote(e.target.value)} aria-label="Order note" data-testid="order-note" />
      {dirty && (
        <div className="note-actions">
          <button type="button" className="btn btn-small" onClick={() => setNote(order.note)} disabled={save.busy}>
            Discard
          </button>
          <button type="button" className="btn btn-small btn-primary" disabled={save.busy} onClick={() => void save.run()}>
            {save.busy ? <Spinner size={13} /> : <Icon name="check" size={13} />} Save note
          </button>
        </div>
      )}
    </Card>
  );
}

/** Editing the lines of a pending or paid order: quantities, removing lines, adding products. */
type EditLine = { lineNo: number; name: string; quantity: string; unitPriceMinor: number; vatRateBp: number } | { productId: number; name: string; quantity: string; unitPriceMinor: number; vatRateBp: number };

function LinesEditor({ order, onDone }: { order: Order; onDone: () => void }) {
  const actions = useActions();
  const initial: EditLine[] = order.lines.map((l) => ({ lineNo: l.lineNo, name: l.name, quantity: String(l.quantity), unitPriceMinor: l.unitPriceMinor, vatRateBp: l.vatRateBp }));
  const [lines, setLines] = useState<EditLine[]>(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const saving = useAction(
    async () => {
      await actions.updateShopItem('orders', {
        companyId: order.companyId,
        orderId: order.id,
        lines: lines.map((l) => ('lineNo' in l ? { lineNo: l.lineNo, quantity: Number(l.quantity) } : { productId: l.productId, quantity: Number(l.quantity) })),
      });
      leaveNow(onDone);
    },
    {
      onError(e) {
        const fields = (e as { fields?: FieldErrors }).fields;
        if (fields) setErrors(fields);
      },
    },
  );
  const dirty = JSON.stringify(lines) !== JSON.stringify(initial);
  useLeaveGuard(dirty, 'The order lines');
  const searchProducts = useProductOptions(order.currency);

  const preview = lines.map((l) => {
    const q = Number(l.quantity);
    return Number.isInteger(q) && q > 0 ? priceLine(l.unitPriceMinor, q, l.vatRateBp) : { netMinor: 0, vatMinor: 0, grossMinor: 0 };
  });
  const total = sumLines(preview);

  const save = () => {
    const problems: FieldErrors = {};
    lines.forEach((l, i) => {
      const q = Number(l.quantity);
      if (!Number.isInteger(q) || q < 1 || q > ORDER_LIMITS.maxQuantity) problems[`lines.${i}.quantity`] = [`must be a whole number from 1 to ${ORDER_LIMITS.maxQuantity}`];
    });
    if (lines.length === 0) problems.lines = ['need at least one line; cancel the order instead'];
    setErrors(problems);
    if (Object.keys(problems).length === 0) void saving.run();
  };

  return (
    <Card title="Edit lines" description={`Kept lines keep their price as sold; added products come at today's price. In ${order.currency} only.`} testId="lines-editor">
      <div className="lines-editor">
        {lines.map((l, i) => (
          <LineEditRow
            key={'lineNo' in l ? `l${l.lineNo}` : `p${l.productId}-${i}`}
            name={l.name}
            sub={
              <>
                {formatMoney(l.unitPriceMinor, order.currency)} · VAT {formatPercentBp(l.vatRateBp)} {'productId' in l && <span className="badge badge-neutral">New</span>}
              </>
            }
            quantity={l.quantity}
            onQuantity={(quantity) => setLines(lines.map((x, j) => (j === i ? { ...x, quantity } : x)))}
            gross={formatMoney(preview[i].grossMinor, order.currency)}
            error={errors[`lines.${i}.quantity`] ? `Quantity ${errors[`lines.${i}.quantity`][0]}` : errors[`lines.${i}.productId`]?.[0]}
            onRemove={() => setLines(lines.filter((_, j) => j !== i))}
          />
        ))}
        <SearchPicker<Product>
          label="Add a product"
          placeholder={`Search active products in ${order.currency}…`}
          search={searchProducts}
          onPick={(p) => setLines([...lines, { productId: p.id, name: p.name, quantity: '1', unitPriceMinor: p.priceMinor, vatRateBp: p.vatRateBp }])}
          testId="add-line-product"
        />
        {errors.lines && (
          <p className="field-error" role="alert">
            {errors.lines[0]}
          </p>
        )}
        <div className="lines-edit-footer">
          <span>
            New total <strong className="money">{formatMoney(total.grossMinor, order.currency)}</strong> <span className="muted">(was {formatMoney(order.grossMinor, order.currency)})</span>
          </span>
          <span className="toolbar-spacer" />
          <CancelConfirm onCancel={() => requestLeave(onDone)} busy={saving.busy} disabled={!dirty} confirmIcon="check" confirmLabel="Save lines" onConfirm={save} confirmTestId="save-lines" />
        </div>
      </div>
    </Card>
  );
}

/** Active products as picker options; those in another currency than the order are shown but disabled. */
export function useProductOptions(currency: string | null): (text: string) => Promise<PickerOption<Product>[]> {
  const { searchShop } = useActions();
  return useCallback(
    async (text: string) => {
      const page = await searchShop('products', { search: text, active: 'active' }, 30);
      return page.items.map((p) => ({
        key: p.id,
        label: p.name,
        value: p,
        disabled: (currency !== null && p.currency !== currency) || (p.stock !== null && p.stock <= 0),
        sub: (
          <>
            {formatMoney(p.priceMinor, p.currency)} net
            {p.stock !== null && ` · ${p.stock > 0 ? `${p.stock} in stock` : 'out of stock'}`}
            {currency !== null && p.currency !== currency && ` · priced in ${p.currency}`}
          </>
        ),
      }));
    },
    [searchShop, currency],
  );
}

// ---- Manual order entry -----------------------------------------------------------------------------

interface EntryLine {
  productId: number;
  name: string;
  currency: string;
  unitPriceMinor: number;
  vatRateBp: number;
  quantity: string;
}

interface OrderValues {
  customerId: number | null;
  customerLabel: string;
  /** The picked customer's country: where a logistics provider would ship the order's physical lines. */
  customerCountry: string;
  status: 'paid' | 'pending';
  lines: EntryLine[];
  note: string;
  placedAt: string;
}

export function OrderEntryDrawer({ customer, onClose }: { customer: Pick<Customer, 'id' | 'name' | 'email' | 'country'> | null; onClose: () => void }) {
  const acting = useActing();
  const actions = useActions();
  const companyId = acting?.id ?? 0;
  const toInput = (v: OrderValues) => ({
    companyId,
    customerId: v.customerId ?? Number.NaN,
    status: v.status,
    lines: v.lines.map((l) => ({ productId: l.productId, quantity: Number(l.quantity) })),
    note: v.note,
    placedAt: v.placedAt === '' ? undefined : v.placedAt,
  });
  const validate = useMemo(() => zodValidator(orderCreateSchema, toInput, entryProblems), [companyId]);
  const form = useForm<OrderValues>(
    'order-new',
    { customerId: customer?.id ?? null, customerLabel: customer ? `${customer.name} <${customer.email}>` : '', customerCountry: customer?.country ?? '', status: 'paid', lines: [], note: '', placedAt: '' },
    validate,
  );
  const v = form.values;
  const currency = v.lines[0]?.currency ?? null;
  const searchProducts = useProductOptions(currency);
  const searchCustomers = useCallback(
    async (text: string): Promise<PickerOption<Customer>[]> => {
      const page = await actions.searchShop('customers', { search: text }, 20);
      return page.items.map((c) => ({ key: c.id, label: c.name, sub: c.email, value: c }));
    },
    [actions],
  );
  const preview = v.lines.map((l) => {
    const q = Number(l.quantity);
    return Number.isInteger(q) && q > 0 ? priceLine(l.unitPriceMinor, q, l.vatRateBp) : { netMinor: 0, vatMinor: 0, grossMinor: 0 };
  });
  const total = sumLines(preview);
  const setLines = (lines: EntryLine[]) => {
    form.setValue('lines', lines);
    form.blur('lines');
  };

  return (
    <FormDrawer
      form={form}
      testId="order-form"
      isNew
      size="wide"
      title="New order"
      subtitle="A manual order for an existing customer. Storefront orders go through Storefront."
      submitLabel="Enter order"
      onClose={onClose}
      onSubmit={async (values) => {
        const created = (await actions.createShopItem('orders', toInput(values))) as Order;
        // On to the new order's page rather than back to the list.
        return () => navigate({ name: 'store', list: 'orders', item: created.id });
      }}
    >
      {form.values.customerId !== null ? (
        <div className="field">
          <span className="field-label">Customer</span>
          <div className="picked">
            <Avatar name={v.customerLabel} size={28} round />
            <span className="picked-label" data-testid="picked-customer">
              {v.customerLabel}
            </span>
            <button type="button" className="btn btn-small btn-ghost" onClick={() => form.setValues({ customerId: null, customerLabel: '', customerCountry: '' })}>
              Change
            </button>
          </div>
          {form.error('customerId') && (
            <span className="field-error" role="alert" data-testid="order-customer-error">
              Customer {form.error('customerId')}
            </span>
          )}
        </div>
      ) : (
        <SearchPicker<Customer>
          label="Customer"
          placeholder="Search name or email…"
          search={searchCustomers}
          onPick={(c) => form.setValues({ customerId: c.id, customerLabel: `${c.name} <${c.email}>`, customerCountry: c.country })}
          error={form.error('customerId') ? 'Customer is required: choose one' : undefined}
          hint="Orders are for customers the shop already has; add new ones under Customers."
          testId="order-customer-picker"
          field="customerId"
          formId={form.id}
        />
      )}
      <div className="form-grid">
        <SelectField
          form={form}
          name="status"
          label="Status"
          options={[
            { value: 'paid', label: 'Paid (counts as a sale now)' },
            { value: 'pending', label: 'Pending (awaiting payment)' },
          ]}
        />
        <TextField form={form} name="placedAt" label="Placed on" type="date" hint="Empty: now. Back-dating is for imports; never in the future." />
      </div>

      <fieldset className="field order-lines-field" data-testid="order-lines-field">
        <legend className="field-label">Lines</legend>
        {v.lines.length > 0 && (
          <div className="lines-editor">
            {v.lines.map((l, i) => (
              <LineEditRow
                key={`${l.productId}-${i}`}
                name={l.name}
                sub={`${formatMoney(l.unitPriceMinor, l.currency)} net · VAT ${formatPercentBp(l.vatRateBp)}`}
                quantity={l.quantity}
                onQuantity={(quantity) => setLines(v.lines.map((x, j) => (j === i ? { ...x, quantity } : x)))}
                gross={formatMoney(preview[i].grossMinor, l.currency)}
                error={form.error(`lines.${i}.quantity`) ? `Quantity ${form.error(`lines.${i}.quantity`)}` : form.error(`lines.${i}.productId`)}
                onRemove={() => setLines(v.lines.filter((_, j) => j !== i))}
              />
            ))}
          </div>
        )}
        <SearchPicker<Product>
          label={v.lines.length ? 'Add another product' : 'Add a product'}
          placeholder={currency ? `Search active products in ${currency}…` : 'Search active products…'}
          search={searchProducts}
          onPick={(p) => {
            const existing = v.lines.findIndex((l) => l.productId === p.id);
            if (existing >= 0) setLines(v.lines.map((l, j) => (j === existing ? { ...l, quantity: String((Number(l.quantity) || 0) + 1) } : l)));
            else setLines([...v.lines, { productId: p.id, name: p.name, currency: p.currency, unitPriceMinor: p.priceMinor, vatRateBp: p.vatRateBp, quantity: '1' }]);
          }}
          error={form.error('lines')}
          testId="order-product-picker"
          field="lines"
          formId={form.id}
        />
        {currency && v.lines.length > 0 && <AmountsSummary amounts={total} currency={currency} className="order-preview" testId="order-preview" />}
        {v.customerId !== null && (
          <OrderFormShipping
            companyId={companyId}
            customerName={v.customerLabel.replace(/ <.*>$/, '')}
            country={v.customerCountry}
            lines={v.lines.filter((l) => /^\d+$/.test(l.quantity.trim()) && Number(l.quantity) > 0).map((l) => ({ productId: l.productId, quantity: Number(l.quantity) }))}
          />
        )}
      </fieldset>
      <TextAreaField form={form} name="note" label="Note" rows={2} hint="Internal; customers don't see it." />
    </FormDrawer>
  );
}

/** One line being edited: the product, its quantity, its gross, remove. */
function LineEditRow({ name, sub, quantity, onQuantity, gross, error, onRemove }: { name: string; sub: ReactNode; quantity: string; onQuantity: (q: string) => void; gross: string; error?: string; onRemove: () => void }) {
  return (
    <div className="line-edit-row">
      <div className="line-edit-name">
        <span className="line-name">{name}</span>
        <span className="muted line-sub">{sub}</span>
        {error && (
          <span className="field-error" role="alert">
            {error}
          </span>
        )}
      </div>
      <input
        className="input qty-input"
        inputMode="numeric"
        aria-label={`Quantity of ${name}`}
        value={quantity}
        aria-invalid={error ? true : undefined}
        data-testid="line-quantity"
        onChange={(e) => onQuantity(e.target.value)}
      />
      <span className="money line-edit-total">{gross}</span>
      <button type="button" className="icon-btn icon-btn-danger" aria-label={`Remove ${name}`} onClick={onRemove}>
        <Icon name="trash" size={14} />
      </button>
    </div>
  );
}

function entryProblems(v: OrderValues): FieldErrors {
  const problems: FieldErrors = {};
  if (v.customerId === null) problems.customerId = ['is required: choose a customer'];
  if (v.lines.length === 0) problems.lines = ['need at least one product'];
  v.lines.forEach((l, i) => {
    const q = Number(l.quantity);
    if (!/^\d+$/.test(l.quantity.trim()) || q < 1 || q > ORDER_LIMITS.maxQuantity) problems[`lines.${i}.quantity`] = [`must be a whole number from 1 to ${ORDER_LIMITS.maxQuantity}`];
  });
  return problems;
}
