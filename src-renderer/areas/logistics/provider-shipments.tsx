// The provider's shipments with their timeline and status changes: a server-paged virtualized table (a provider
// serving 5,000 shops may hold a million shipments); filters run on the server.
import { useEffect, useState } from 'react';
import type { LogisticsProvider, Shipment, ShipmentSummary } from '../../../src-shared/api/logistics-types';
import { SHIPMENT_STATUS_LABELS, SHIPMENT_STATUSES, SHIPMENT_TRANSITIONS, type ShipmentStatus } from '../../../src-shared/domain/logistics';
import { rowAt } from '../../state/paged-list';
import { useActions, useApp } from '../../state/store-context';
import { useLatestLoad } from '../../state/use-latest-load';
import { DataTable, type Column } from '../../ui/data-table';
import { Drawer } from '../../ui/drawer';
import { formatCount, formatDateTime } from '../../ui/format';
import { Facts } from '../../ui/page';
import { FilterSelect, SearchBox } from '../../ui/search-box';
import { Callout, EmptyState, ErrorState, SkeletonBlock, Spinner } from '../../ui/states';
import { useAction } from '../../ui/use-action';
import { countryName, problemsOf, ShipmentBadge, useLogisticsVersion } from './logistics-ui';
import { go, tabHref } from './logistics-routes';

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
