// The provider's fulfillment queue (forwarded orders: items, address, weight, warehouse) and its ship form. A
// server-paged virtualized table (a provider serving 5,000 shops may hold a million orders); filters run on the
// server.
import { useEffect, useState } from 'react';
import type { Fulfillment, LogisticsProvider, FulfillmentSummary } from '../../../src-shared/api/logistics-types';
import { FULFILLMENT_STATE_LABELS, FULFILLMENT_STATES, formatGrams } from '../../../src-shared/domain/logistics';
import { rowAt } from '../../state/paged-list';
import { useActions, useApp } from '../../state/store-context';
import { useLatestLoad } from '../../state/use-latest-load';
import { DataTable, type Column } from '../../ui/data-table';
import { Drawer } from '../../ui/drawer';
import { formatCount, formatDateTime } from '../../ui/format';
import { Facts } from '../../ui/page';
import { FilterSelect, SearchBox } from '../../ui/search-box';
import { Callout, EmptyState, ErrorState, SkeletonBlock, Spinner } from '../../ui/states';
import { Table } from '../../ui/table';
import { useAction } from '../../ui/use-action';
import { countryName, FieldProblem, FulfillmentBadge, problemsOf, useLogisticsVersion } from './logistics-ui';
import { go, tabHref } from './logistics-routes';
import { Form } from '../../ui/form';

export function QueueTab({ provider, orderId }: { provider: LogisticsProvider; orderId: number | null }) {
  const list = useApp((s) => s.logistics.queue);
  const actions = useActions();
  useEffect(() => actions.openQueue(provider.id), [actions, provider.id]);
  const columns: Column<FulfillmentSummary>[] = [
    { id: 'order', header: 'Order', width: 'minmax(90px, 110px)', minWidth: 90, cell: (f) => <strong>#{f.orderNumber}</strong> },
    { id: 'shop', header: 'Shop', width: 'minmax(160px, 1.4fr)', minWidth: 140, cell: (f) => f.companyName },
    { id: 'to', header: 'Ship to', width: 'minmax(160px, 1.4fr)', minWidth: 140, cell: (f) => `${f.shipToName} · ${f.country}` },
    { id: 'items', header: 'Items', width: '80px', minWidth: 70, align: 'end', priority: 2, cell: (f) => f.itemCount },
    { id: 'weight', header: 'Weight', width: '100px', minWidth: 90, align: 'end', priority: 2, cell: (f) => formatGrams(f.weightGrams) },
    { id: 'warehouse', header: 'Warehouse', width: 'minmax(110px, 1fr)', minWidth: 100, priority: 3, cell: (f) => f.warehouseName ?? <span className="muted">not reserved</span> },
    { id: 'state', header: 'State', width: '140px', minWidth: 130, cell: (f) => <FulfillmentBadge state={f.state} /> },
    { id: 'at', header: 'Forwarded', width: '184px', minWidth: 176, priority: 3, cell: (f) => formatDateTime(f.forwardedAt) },
  ];
  const f = list.filter;
  return (
    <div className="list-page" data-testid="logistics-queue">
      <div className="toolbar">
        <SearchBox value={f.search} onSearch={(search) => actions.setQueueFilter({ search })} placeholder="Order number or name" label="Search the queue" testId="queue-search" />
        <FilterSelect<string>
          label="State"
          value={f.state}
          options={[{ value: 'active', label: 'To ship' }, { value: '', label: 'All' }, ...FULFILLMENT_STATES.map((s) => ({ value: s, label: FULFILLMENT_STATE_LABELS[s] }))]}
          onChange={(state) => actions.setQueueFilter({ state: state as typeof f.state })}
          testId="queue-state"
        />
        <span className="toolbar-spacer" />
        {list.refreshing && <Spinner size={14} label="Updating" />}
        {list.total !== null && <span className="muted small" data-testid="queue-total">{formatCount(list.total)} orders</span>}
      </div>
      <DataTable<FulfillmentSummary>
        label="Fulfillment queue"
        columns={columns}
        total={list.total}
        rowAt={(i) => rowAt(list, i)}
        rowKey={(r) => r.orderId}
        onRange={(from, to) => actions.loadQueueRows(from, to)}
        onOpen={(r) => go(tabHref('queue', r.orderId))}
        status={list.status}
        error={list.error}
        onRetry={() => actions.openQueue(provider.id)}
        resetKey={list.key ?? ''}
        rowTestId="queue-row"
        activeKey={orderId}
        empty={
          <EmptyState icon="box" title={f.search || f.state !== 'active' ? 'No order matches these filters' : 'Nothing to ship'} testId="queue-empty">
            <p>Storefront orders of the shops that chose {provider.name} appear here when they are placed.</p>
          </EmptyState>
        }
      />
      {orderId !== null && <FulfillmentDrawer provider={provider} orderId={orderId} onClose={() => go(tabHref('queue'))} />}
    </div>
  );
}

function FulfillmentDrawer({ provider, orderId, onClose }: { provider: LogisticsProvider; orderId: number; onClose: () => void }) {
  const actions = useActions();
  const version = useLogisticsVersion();
  const loaded = useLatestLoad(() => actions.logistics('logistics.fulfillment', { providerId: provider.id, orderId }), [actions, provider.id, orderId, version]);
  const f = loaded.data;
  return (
    <Drawer title={f ? `#${f.orderNumber} · ${f.companyName}` : `Order ${orderId}`} badges={f && <FulfillmentBadge state={f.state} testId="fulfillment-state" />} onClose={onClose} testId="fulfillment-drawer">
      {loaded.status === 'error' && <ErrorState message={loaded.error} />}
      {!f && loaded.status !== 'error' && <SkeletonBlock height={200} />}
      {f && <FulfillmentDetail provider={provider} f={f} />}
    </Drawer>
  );
}

function FulfillmentDetail({ provider, f }: { provider: LogisticsProvider; f: Fulfillment }) {
  return (
    <div className="stack">
      <Facts
        items={[
          { label: 'Ship to', value: `${f.shipTo.name}, ${[f.shipTo.street, `${f.shipTo.postalCode} ${f.shipTo.city}`.trim(), countryName(f.shipTo.country)].filter(Boolean).join(', ')}` },
          { label: 'Email', value: f.shipTo.email },
          { label: 'Weight', value: formatGrams(f.weightGrams) },
          { label: 'Warehouse', value: f.warehouseName ? `${f.warehouseName} (stock reserved)` : 'none held all items at forwarding' },
          { label: 'Forwarded', value: formatDateTime(f.forwardedAt) },
        ]}
      />
      <Table
        rows={f.lines}
        rowKey={(l) => l.lineNo}
        rowTestId={(l) => `fulfillment-line-${l.lineNo}`}
        columns={[
          { header: 'Item', cell: (l) => `${l.name}${l.sku ? ` (${l.sku})` : ''}` },
          { header: 'Quantity', className: 'num', cell: (l) => l.quantity },
          { header: 'Shipped', className: 'num', cell: (l) => l.shipped },
          { header: 'Weight', className: 'num', cell: (l) => formatGrams(l.weightGrams) },
        ]}
      />
      {(f.state === 'open' || f.state === 'partly_shipped') && <ShipForm provider={provider} f={f} />}
    </div>
  );
}

function ShipForm({ provider, f }: { provider: LogisticsProvider; f: Fulfillment }) {
  const actions = useActions();
  const warehouses = useLatestLoad(() => actions.logistics('logistics.warehouses', { providerId: provider.id }), [actions, provider.id]);
  const [values, setValues] = useState({ warehouseId: f.warehouseId ?? 0, carrier: 'DHL', trackingNumber: '' });
  const [quantities, setQuantities] = useState<Record<number, number>>(() => Object.fromEntries(f.lines.map((l) => [l.lineNo, l.quantity - l.shipped])));
  const [problems, setProblems] = useState<ReturnType<typeof problemsOf>>({ fields: {}, message: null });
  const warehouseId = values.warehouseId || warehouses.data?.[0]?.id || 0;
  const ship = useAction(async () => {
    try {
      const lines = f.lines.filter((l) => (quantities[l.lineNo] ?? 0) > 0).map((l) => ({ lineNo: l.lineNo, quantity: quantities[l.lineNo] }));
      await actions.logistics('logistics.ship', { providerId: provider.id, orderId: f.orderId, warehouseId, carrier: values.carrier, trackingNumber: values.trackingNumber, lines });
      actions.toast('success', `Shipped #${f.orderNumber} with ${values.carrier} ${values.trackingNumber}`);
      setProblems({ fields: {}, message: null });
      actions.logisticsChanged();
    } catch (error) {
      setProblems(problemsOf(error));
    }
  });
  const lineProblem = Object.entries(problems.fields).find(([k]) => k.startsWith('lines'))?.[1];
  return (
    <Form className="form-grid" onSubmit={() => ship.run()} data-testid="ship-form">
      <h3 className="span-2">Ship</h3>
      <label className="field">
        <span className="field-label">From warehouse</span>
        <select className="input" value={warehouseId} onChange={(e) => setValues({ ...values, warehouseId: Number(e.target.value) })} data-testid="ship-warehouse">
          {(warehouses.data ?? []).map((w) => (
            <option key={w.id} value={w.id}>
              {w.name}
            </option>
          ))}
        </select>
        <FieldProblem message={problems.fields.warehouseId} testId="ship-warehouse-error" />
      </label>
      <label className="field">
        <span className="field-label">Carrier</span>
        <input className="input" value={values.carrier} onChange={(e) => setValues({ ...values, carrier: e.target.value })} data-testid="ship-carrier" />
        <FieldProblem message={problems.fields.carrier} />
      </label>
      <label className="field span-2">
        <span className="field-label">Tracking number</span>
        <input className="input" value={values.trackingNumber} onChange={(e) => setValues({ ...values, trackingNumber: e.target.value })} data-testid="ship-tracking" />
        <FieldProblem message={problems.fields.trackingNumber} testId="ship-tracking-error" />
      </label>
      <div className="field span-2">
        <span className="field-label">Quantities in this shipment</span>
        {f.lines.map((l) => (
          <label key={l.lineNo} className="ship-line">
            <input
              className="input input-narrow"
              type="number"
              min={0}
              max={l.quantity - l.shipped}
              value={quantities[l.lineNo] ?? 0}
              onChange={(e) => setQuantities({ ...quantities, [l.lineNo]: Math.max(0, Number(e.target.value) || 0) })}
              data-testid={`ship-qty-${l.lineNo}`}
            />{' '}
            of {l.quantity - l.shipped} × {l.name}
          </label>
        ))}
        <FieldProblem message={lineProblem} />
      </div>
      {problems.message && <Callout tone="danger">{problems.message}</Callout>}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={ship.busy || warehouseId === 0} data-testid="ship-submit">
          {ship.busy ? 'Shipping…' : 'Create shipment'}
        </button>
      </div>
    </Form>
  );
}
