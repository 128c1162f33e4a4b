// One order's page (#/store/orders/12): lines with net, VAT and gross, the status changes the platform allows,
// editing lines while they may change (order-lines.tsx), deleting pending or cancelled orders.
import { useState } from 'react';
import type { Order, OrderSummary } from '../../../src-shared/api/shop-types';
import { DELETABLE_STATUSES, LINE_EDITABLE_STATUSES, ORDER_TRANSITIONS, type OrderStatus } from '../../../src-shared/domain/shop';
import { href } from '../../router/routes';
import { useLeaveGuard } from '../../router/leave-guard';
import { navigate } from '../../router/use-route';
import { useActions } from '../../state/store-context';
import { useActing } from '../../state/use-shop';
import { Avatar } from '../../ui/avatar';
import { DemoBadge, OrderStatusBadge, orderStatusLabel } from '../../ui/badges';
import { ConfirmActionDialog } from '../../ui/dialog';
import { useAction, useConfirmedAction } from '../../ui/use-action';
import { formatDateTime, formatShortDateTime, plural } from '../../ui/format';
import { Icon } from '../../ui/icons';
import { formatMoney, formatPercentBp } from '../../ui/money';
import { Card, Facts, PageHeader } from '../../ui/page';
import { Callout, Spinner } from '../../ui/states';
import { ShopItemPage } from './store-ui';
import { LinesEditor } from './order-lines';
import { OrderShippingCard } from '../../areas/logistics/shop-logistics';
import './orders-screen.css';

export const SOURCE_LABELS: Record<OrderSummary['source'], string> = { checkout: 'Storefront', console: 'Entered here', api: 'API', seed: 'Imported' };

const TRANSITION_LABELS: Record<OrderStatus, { label: string; confirm?: string; danger?: boolean }> = {
  pending: { label: 'Mark pending' },
  paid: { label: 'Mark as paid' },
  fulfilled: { label: 'Mark fulfilled' },
  cancelled: { label: 'Cancel order', confirm: 'Cancelling is final. Physical stock goes back to the products.', danger: true },
  refunded: { label: 'Refund', confirm: 'Refunding is final: the order no longer counts as a sale.', danger: true },
};

export function OrderPage({ id }: { id: number }) {
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
