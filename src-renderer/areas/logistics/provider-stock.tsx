// The provider's stock per product and warehouse, with receipts and adjustments and each level's movements.
import { useState } from 'react';
import type { LogisticsProvider, StockLevel, StockProductChoice } from '../../../src-shared/api/logistics-types';
import { LOW_STOCK_THRESHOLD, MOVEMENT_LABELS } from '../../../src-shared/domain/logistics';
import { useActions } from '../../state/store-context';
import { useLatestLoad } from '../../state/use-latest-load';
import { Drawer } from '../../ui/drawer';
import { formatCount, formatDateTime } from '../../ui/format';
import { Card, Facts } from '../../ui/page';
import { FilterSelect, SearchBox } from '../../ui/search-box';
import { Callout, CardEmpty, ErrorState, SkeletonBlock } from '../../ui/states';
import { Table } from '../../ui/table';
import { useAction } from '../../ui/use-action';
import { FieldProblem, problemsOf, useLogisticsVersion } from './logistics-ui';
import { StockTable } from './stock-table';
import { Form } from '../../ui/form';

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
          <StockTable
            page={page.data}
            withShop
            rowTestId={(s) => `stock-${s.warehouseId}-${s.productId}`}
            onRowClick={setOpened}
            limit={limit}
            setLimit={setLimit}
            moreHint=". Search to narrow it down, or"
          />
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
      <Form className="form-grid" onSubmit={() => book.run()}>
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
      </Form>
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
