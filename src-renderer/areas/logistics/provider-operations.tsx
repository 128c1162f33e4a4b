// The provider's daily work: the fulfillment queue (forwarded orders: items, address, weight, warehouse) and its
// ship form, the shipments with their timeline and status changes, and the stock per product and warehouse with
// receipts and adjustments. The queue and the shipments are server-paged virtualized tables (a provider serving
// 5,000 shops may hold a million shipments); filters run on the server.
import { useEffect, useState } from 'react';
import type { Fulfillment, LogisticsProvider, Shipment, ShipmentSummary, FulfillmentSummary, StockLevel, StockProductChoice } from '../../../src-shared/api/logistics-types';
import { FULFILLMENT_STATE_LABELS, FULFILLMENT_STATES, formatGrams, LOW_STOCK_THRESHOLD, MOVEMENT_LABELS, SHIPMENT_STATUS_LABELS, SHIPMENT_STATUSES, SHIPMENT_TRANSITIONS, type ShipmentStatus } from '../../../src-shared/domain/logistics';
import { rowAt } from '../../state/paged-list';
import { useActions, useApp } from '../../state/store-context';
import { useLatestLoad } from '../../state/use-latest-load';
import { DataTable, type Column } from '../../ui/data-table';
import { Drawer } from '../../ui/drawer';
import { formatCount, formatDateTime } from '../../ui/format';
import { Card, Facts } from '../../ui/page';
import { FilterSelect, SearchBox } from '../../ui/search-box';
import { Callout, CardEmpty, EmptyState, ErrorState, SkeletonBlock, Spinner } from '../../ui/states';
import { Table } from '../../ui/table';
import { useAction } from '../../ui/use-action';
import { countryName, FieldProblem, FulfillmentBadge, problemsOf, ShipmentBadge, useLogisticsVersion } from './logistics-ui';
import { tabHref } from './logistics-routes';

const go = (hash: string) => {
  window.location.hash = hash;
};

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
    <form
      className="form-grid"
      onSubmit={(e) => {
        e.preventDefault();
        void ship.run();
      }}
      data-testid="ship-form"
    >
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
    </form>
  );
}

export function ShipmentsTab({ provider, shipmentId }: { provider: LogisticsProvider; shipmentId: number | null }) {
  const list = useApp((s) => s.logistics.shipments);
  const actions = useActions();
  useEffect(() => actions.openShipments(provider.id), [actions, provider.id]);
  const columns: Column<ShipmentSummary>[] = [
    { id: 'tracking', header: 'Tracking number', width: 'minmax(180px, 1.4fr)', minWidth: 160, cell: (s) => <code>{s.trackingNumber}</code> },
    { id: 'carrier', header: 'Carrier', width: '100px', minWidth: 80, priority: 2, cell: (s) => s.carrier },
    { id: 'shop', header: 'Shop', width: 'minmax(150px, 1.2fr)', minWidth: 130, cell: (s) => s.companyName },
    { id: 'order', header: 'Order', width: '90px', minWidth: 80, priority: 2, cell: (s) => `#${s.orderNumber}` },
    { id: 'to', header: 'To', width: '70px', minWidth: 60, priority: 3, cell: (s) => s.country },
    { id: 'status', header: 'Status', width: '140px', minWidth: 130, cell: (s) => <ShipmentBadge status={s.status} /> },
    { id: 'updated', header: 'Updated', width: '160px', minWidth: 150, priority: 3, cell: (s) => formatDateTime(s.updatedAt) },
  ];
  const f = list.filter;
  return (
    <div className="list-page" data-testid="logistics-shipments">
      <div className="toolbar">
        <SearchBox value={f.search} onSearch={(search) => actions.setShipmentFilter({ search })} placeholder="Tracking number starts with…" label="Search shipments" testId="shipments-search" />
        <FilterSelect<string>
          label="Status"
          value={f.status}
          options={[{ value: '', label: 'All' }, ...SHIPMENT_STATUSES.map((s) => ({ value: s, label: SHIPMENT_STATUS_LABELS[s] }))]}
          onChange={(status) => actions.setShipmentFilter({ status: status as ShipmentStatus | '' })}
          testId="shipments-status"
        />
        <span className="toolbar-spacer" />
        {list.refreshing && <Spinner size={14} label="Updating" />}
        {list.total !== null && <span className="muted small" data-testid="shipments-total">{formatCount(list.total)} shipments</span>}
      </div>
      <DataTable<ShipmentSummary>
        label="Shipments"
        columns={columns}
        total={list.total}
        rowAt={(i) => rowAt(list, i)}
        rowKey={(r) => r.id}
        onRange={(from, to) => actions.loadShipmentRows(from, to)}
        onOpen={(r) => go(tabHref('shipments', r.id))}
        status={list.status}
        error={list.error}
        onRetry={() => actions.openShipments(provider.id)}
        resetKey={list.key ?? ''}
        rowTestId="shipment-row"
        activeKey={shipmentId}
        empty={
          <EmptyState icon="send" title={f.search || f.status ? 'No shipment matches these filters' : 'No shipments yet'} testId="shipments-empty">
            <p>Ship an order from the fulfillment queue; its shipment and tracking appear here.</p>
          </EmptyState>
        }
      />
      {shipmentId !== null && <ShipmentDrawer provider={provider} shipmentId={shipmentId} onClose={() => go(tabHref('shipments'))} />}
    </div>
  );
}

function ShipmentDrawer({ provider, shipmentId, onClose }: { provider: LogisticsProvider; shipmentId: number; onClose: () => void }) {
  const actions = useActions();
  const version = useLogisticsVersion();
  const loaded = useLatestLoad(() => actions.logistics('logistics.shipment', { providerId: provider.id, shipmentId }), [actions, provider.id, shipmentId, version]);
  const s = loaded.data;
  return (
    <Drawer title={s ? `${s.carrier} ${s.trackingNumber}` : `Shipment ${shipmentId}`} badges={s && <ShipmentBadge status={s.status} testId="shipment-status" />} onClose={onClose} testId="shipment-drawer">
      {loaded.status === 'error' && <ErrorState message={loaded.error} />}
      {!s && loaded.status !== 'error' && <SkeletonBlock height={200} />}
      {s && <ShipmentDetail provider={provider} s={s} />}
    </Drawer>
  );
}

function ShipmentDetail({ provider, s }: { provider: LogisticsProvider; s: Shipment }) {
  const actions = useActions();
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const move = useAction(async (status: ShipmentStatus) => {
    try {
      await actions.logistics('logistics.updateShipment', { providerId: provider.id, shipmentId: s.id, status, note });
      setNote('');
      setProblem(null);
      actions.logisticsChanged();
    } catch (error) {
      const p = problemsOf(error);
      setProblem(p.fields.status ?? p.fields.note ?? p.message);
    }
  });
  const next = SHIPMENT_TRANSITIONS[s.status];
  return (
    <div className="stack">
      <Facts
        items={[
          { label: 'Order', value: `#${s.orderNumber} · ${s.companyName}` },
          { label: 'From', value: s.warehouseName },
          { label: 'To', value: countryName(s.country) },
          { label: 'Items', value: s.lines.map((l) => `${l.quantity} × ${l.name}`).join(', ') },
        ]}
      />
      <ol className="timeline" data-testid="shipment-timeline">
        {s.timeline.map((e, i) => (
          <li key={i}>
            <strong>{SHIPMENT_STATUS_LABELS[e.status]}</strong> <span className="muted small">{formatDateTime(e.at)} · {e.by}</span>
            {e.note && <div className="small">{e.note}</div>}
          </li>
        ))}
      </ol>
      {next.length > 0 ? (
        <div className="stack">
          <label className="field">
            <span className="field-label">Note (optional, shown on the timeline)</span>
            <input className="input" value={note} onChange={(e) => setNote(e.target.value)} data-testid="shipment-note" />
          </label>
          <div className="form-actions">
            {next.map((status) => (
              <button key={status} type="button" className={`btn${status === 'exception' ? ' btn-danger-outline' : ' btn-primary'}`} disabled={move.busy} onClick={() => void move.run(status)} data-testid={`shipment-to-${status}`}>
                Mark {SHIPMENT_STATUS_LABELS[status].toLowerCase()}
              </button>
            ))}
          </div>
          {problem && <Callout tone="danger">{problem}</Callout>}
        </div>
      ) : (
        <p className="muted small">Delivered is final.</p>
      )}
    </div>
  );
}

export function StockTab({ provider }: { provider: LogisticsProvider }) {
  const actions = useActions();
  const version = useLogisticsVersion();
  const [search, setSearch] = useState('');
  const [low, setLow] = useState(false);
  const [warehouseId, setWarehouseId] = useState<number | ''>('');
  const [limit, setLimit] = useState(100);
  const warehouses = useLatestLoad(() => actions.logistics('logistics.warehouses', { providerId: provider.id }), [actions, provider.id]);
  const page = useLatestLoad(
    () => actions.logistics('logistics.stock', { providerId: provider.id, search, low, warehouseId: warehouseId === '' ? undefined : warehouseId, offset: 0, limit }),
    [actions, provider.id, search, low, warehouseId, limit, version],
  );
  const [opened, setOpened] = useState<StockLevel | null>(null);
  return (
    <div className="stack">
      <Card
        title="Stock"
        description={`On hand is the sum of the movements (receipts, reservations, shipments, adjustments); available = on hand − reserved, marked low at ${LOW_STOCK_THRESHOLD} or less. Nothing goes below zero.`}
        testId="logistics-stock"
      >
        <div className="toolbar">
          <SearchBox value={search} onSearch={(v) => (setSearch(v), setLimit(100))} placeholder="Product, SKU or shop" label="Search stock" testId="stock-search" />
          <FilterSelect<string>
            label="Warehouse"
            value={String(warehouseId)}
            options={[{ value: '', label: 'All warehouses' }, ...(warehouses.data ?? []).map((w) => ({ value: String(w.id), label: w.name }))]}
            onChange={(v) => setWarehouseId(v === '' ? '' : Number(v))}
            testId="stock-warehouse"
          />
          <label className="logi-check">
            <input type="checkbox" className="checkbox" checked={low} onChange={(e) => setLow(e.target.checked)} data-testid="stock-low" /> Low stock only
          </label>
        </div>
        {page.status === 'error' && <ErrorState message={page.error} />}
        {!page.data && page.status !== 'error' && <SkeletonBlock height={140} />}
        {page.data && page.data.items.length === 0 && <CardEmpty icon="box">{search || low ? 'Nothing matches these filters.' : 'No stock booked yet. Book a receipt below.'}</CardEmpty>}
        {page.data && page.data.items.length > 0 && (
          <>
            <Table
              rows={page.data.items}
              rowKey={(s) => `${s.warehouseId}:${s.productId}`}
              rowTestId={(s) => `stock-${s.warehouseId}-${s.productId}`}
              onRowClick={(row: StockLevel) => setOpened(row)}
              columns={[
                { header: 'Product', cell: (s) => `${s.productName}${s.sku ? ` (${s.sku})` : ''}` },
                { header: 'Shop', cell: (s) => s.companyName },
                { header: 'Warehouse', cell: (s) => s.warehouseName },
                { header: 'On hand', className: 'num', cell: (s) => formatCount(s.onHand) },
                { header: 'Reserved', className: 'num', cell: (s) => formatCount(s.reserved) },
                { header: 'Available', className: 'num', cell: (s) => <span className={s.low ? 'text-warn' : undefined}>{formatCount(s.available)}{s.low ? ' · low' : ''}</span> },
              ]}
            />
            {page.data.total > page.data.items.length && (
              <div className="list-more">
                <span className="muted small">Showing {page.data.items.length} of {formatCount(page.data.total)}. Search to narrow it down, or</span>{' '}
                <button type="button" className="btn btn-ghost btn-small" disabled={limit >= 500} onClick={() => setLimit(Math.min(500, limit + 100))}>
                  show more
                </button>
              </div>
            )}
          </>
        )}
      </Card>
      {warehouses.data && warehouses.data.length > 0 && <MoveForm provider={provider} warehouses={warehouses.data} />}
      {opened && <MovementsDrawer provider={provider} level={opened} onClose={() => setOpened(null)} />}
    </div>
  );
}

function MoveForm({ provider, warehouses }: { provider: LogisticsProvider; warehouses: { id: number; name: string }[] }) {
  const actions = useActions();
  const [search, setSearch] = useState('');
  const choices = useLatestLoad(() => actions.logistics('logistics.productChoices', { providerId: provider.id, search }), [actions, provider.id, search]);
  const [product, setProduct] = useState<StockProductChoice | null>(null);
  const [values, setValues] = useState({ warehouseId: warehouses[0].id, kind: 'receipt' as 'receipt' | 'adjustment', quantity: '', note: '' });
  const [problems, setProblems] = useState<ReturnType<typeof problemsOf>>({ fields: {}, message: null });
  const book = useAction(async () => {
    if (!product) {
      setProblems({ fields: { productId: 'choose a product' }, message: null });
      return;
    }
    try {
      await actions.logistics('logistics.moveStock', { providerId: provider.id, warehouseId: values.warehouseId, productId: product.productId, kind: values.kind, quantity: Number(values.quantity), note: values.note });
      setValues({ ...values, quantity: '', note: '' });
      setProblems({ fields: {}, message: null });
      actions.logisticsChanged();
      actions.toast('success', `${values.kind === 'receipt' ? 'Receipt' : 'Adjustment'} booked for ${product.name}`);
    } catch (error) {
      setProblems(problemsOf(error));
    }
  });
  return (
    <Card title="Book stock" description="A receipt adds goods that arrived; an adjustment corrects a count (negative to take out). Shipments and reservations are booked by the platform." testId="stock-move">
      <form
        className="form-grid"
        onSubmit={(e) => {
          e.preventDefault();
          void book.run();
        }}
      >
        <div className="field span-2">
          <span className="field-label">Product (of the shops that chose you)</span>
          <SearchBox value={search} onSearch={setSearch} placeholder="Search product, SKU or shop" label="Search products" testId="move-product-search" />
          <ul className="choice-list choice-list-compact" data-testid="move-products">
            {(choices.data ?? []).slice(0, 8).map((p) => (
              <li key={p.productId}>
                <label className="logi-check">
                  <input type="radio" className="radio" checked={product?.productId === p.productId} onChange={() => setProduct(p)} data-testid={`move-product-${p.productId}`} /> {p.name}{' '}
                  <span className="muted small">
                    {p.sku} · {p.companyName}
                  </span>
                </label>
              </li>
            ))}
          </ul>
          {choices.data && choices.data.length === 0 && <p className="muted small">No physical product matches (only shops that chose you are listed).</p>}
          <FieldProblem message={problems.fields.productId} />
        </div>
        <label className="field">
          <span className="field-label">Warehouse</span>
          <select className="input" value={values.warehouseId} onChange={(e) => setValues({ ...values, warehouseId: Number(e.target.value) })} data-testid="move-warehouse">
            {warehouses.map((w) => (
              <option key={w.id} value={w.id}>
                {w.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field-label">Movement</span>
          <select className="input" value={values.kind} onChange={(e) => setValues({ ...values, kind: e.target.value as 'receipt' | 'adjustment' })} data-testid="move-kind">
            <option value="receipt">{MOVEMENT_LABELS.receipt}</option>
            <option value="adjustment">{MOVEMENT_LABELS.adjustment}</option>
          </select>
        </label>
        <label className="field">
          <span className="field-label">Quantity</span>
          <input className="input" inputMode="numeric" value={values.quantity} onChange={(e) => setValues({ ...values, quantity: e.target.value })} data-testid="move-quantity" />
          <FieldProblem message={problems.fields.quantity} testId="move-quantity-error" />
        </label>
        <label className="field">
          <span className="field-label">Note</span>
          <input className="input" value={values.note} onChange={(e) => setValues({ ...values, note: e.target.value })} data-testid="move-note" />
        </label>
        {problems.message && <Callout tone="danger">{problems.message}</Callout>}
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={book.busy} data-testid="move-submit">
            Book
          </button>
        </div>
      </form>
    </Card>
  );
}

function MovementsDrawer({ provider, level, onClose }: { provider: LogisticsProvider; level: StockLevel; onClose: () => void }) {
  const actions = useActions();
  const version = useLogisticsVersion();
  const moves = useLatestLoad(() => actions.logistics('logistics.movements', { providerId: provider.id, warehouseId: level.warehouseId, productId: level.productId }), [actions, provider.id, level, version]);
  return (
    <Drawer title={level.productName} subtitle={`${level.warehouseName} · ${level.companyName}`} onClose={onClose} testId="movements-drawer">
      <Facts
        items={[
          { label: 'On hand', value: formatCount(level.onHand) },
          { label: 'Reserved', value: formatCount(level.reserved) },
          { label: 'Available', value: formatCount(level.available) },
        ]}
      />
      {!moves.data && <SkeletonBlock height={140} />}
      {moves.data && (
        <Table
          rows={moves.data}
          rowKey={(m) => m.id}
          columns={[
            { header: 'When', cell: (m) => formatDateTime(m.at) },
            { header: 'Movement', cell: (m) => MOVEMENT_LABELS[m.kind] },
            { header: 'On hand', className: 'num', cell: (m) => (m.onHandDelta > 0 ? `+${m.onHandDelta}` : m.onHandDelta) },
            { header: 'Reserved', className: 'num', cell: (m) => (m.reservedDelta > 0 ? `+${m.reservedDelta}` : m.reservedDelta) },
            { header: 'Who', cell: (m) => m.by },
            { header: 'Note', cell: (m) => m.note || (m.orderId ? `order ${m.orderId}` : '') },
          ]}
        />
      )}
    </Drawer>
  );
}
