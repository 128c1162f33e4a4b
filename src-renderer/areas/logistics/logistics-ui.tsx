// Pieces the logistics screens share: status badges, the "outside the platform" note, field errors of a failed
// call, and the order shipping panel (the shop's order page and the storefront's order status show it).
import type { ReactNode } from 'react';
import { ApiError } from '../../../src-shared/api/errors';
import type { OrderShipping } from '../../../src-shared/api/logistics-types';
import { findCountry } from '../../../src-shared/domain/countries';
import {
  FULFILLMENT_STATE_LABELS,
  formatGrams,
  OUTSIDE_PLATFORM_NOTE,
  PROVIDER_STATE_LABELS,
  SHIPMENT_STATUS_LABELS,
  type FulfillmentState,
  type ProviderState,
  type ShipmentStatus,
} from '../../../src-shared/domain/logistics';
import { useApp } from '../../state/store-context';
import { StatusBadge } from '../../ui/badges';
import { formatDateTime } from '../../ui/format';
import { formatMoney } from '../../ui/money';
import { Callout } from '../../ui/states';
import './logistics.css';

export const countryName = (code: string) => findCountry(code)?.name ?? code;

export function ShipmentBadge({ status, testId }: { status: ShipmentStatus; testId?: string }) {
  const tone = status === 'delivered' ? 'on' : status === 'exception' ? 'warn' : 'off';
  return (
    <StatusBadge tone={tone} testId={testId}>
      {SHIPMENT_STATUS_LABELS[status]}
    </StatusBadge>
  );
}

export function FulfillmentBadge({ state, testId }: { state: FulfillmentState; testId?: string }) {
  const tone = state === 'shipped' ? 'on' : state === 'cancelled' ? 'off' : 'warn';
  return (
    <StatusBadge tone={tone} testId={testId}>
      {FULFILLMENT_STATE_LABELS[state]}
    </StatusBadge>
  );
}

export function ProviderBadge({ state, testId }: { state: ProviderState; testId?: string }) {
  return (
    <StatusBadge tone={state === 'approved' ? 'on' : state === 'rejected' ? 'off' : 'warn'} testId={testId}>
      {PROVIDER_STATE_LABELS[state]}
    </StatusBadge>
  );
}

/** The seed's rule, where shipping money appears. */
export function OutsideNote({ testId = 'outside-platform-note' }: { testId?: string }) {
  return (
    <p className="muted small" data-testid={testId}>
      {OUTSIDE_PLATFORM_NOTE}
    </p>
  );
}

/** A failed call's field problems by field, and its message when it has none. */
export function problemsOf(error: unknown): { fields: Record<string, string>; message: string | null } {
  if (error instanceof ApiError) {
    const fields = Object.fromEntries(Object.entries(error.fields).map(([k, v]) => [k, v[0]]));
    return { fields, message: Object.keys(fields).length > 0 ? null : error.message };
  }
  return { fields: {}, message: error instanceof Error ? error.message : String(error) };
}

export function FieldProblem({ message, testId }: { message: string | undefined; testId?: string }) {
  if (!message) return null;
  return (
    <span className="field-error" role="alert" data-testid={testId}>
      {message}
    </span>
  );
}

/** The logistics data version: screens that load for themselves list it among their inputs. */
export function useLogisticsVersion(): number {
  return useApp((s) => s.logistics.version);
}

/** An order's shipping line, fulfillment and tracking timeline (shop order page, storefront order status). */
export function OrderShippingPanel({ shipping, heading }: { shipping: OrderShipping; heading?: ReactNode }) {
  const { fulfillment: f, shipments } = shipping;
  const latest = shipments[0];
  return (
    <div className="logistics-order" data-testid="order-shipping">
      {heading}
      <dl className="facts">
        <div className="fact">
          <dt>Shipping</dt>
          <dd data-testid="order-shipping-line">
            {formatMoney(f.shippingMinor, f.currency)} · {f.providerName} ({f.zoneName}, {formatGrams(f.weightGrams)})
          </dd>
        </div>
        <div className="fact">
          <dt>Fulfillment</dt>
          <dd>
            <FulfillmentBadge state={f.state} testId="order-fulfillment-state" /> {f.warehouseName ? `from ${f.warehouseName}` : 'no warehouse reserved yet'}
          </dd>
        </div>
        <div className="fact">
          <dt>Ship to</dt>
          <dd>
            {f.shipTo.name}, {[f.shipTo.street, `${f.shipTo.postalCode} ${f.shipTo.city}`.trim(), countryName(f.shipTo.country)].filter(Boolean).join(', ')}
          </dd>
        </div>
      </dl>
      {latest ? (
        <div className="logistics-shipments">
          {shipments.map((s) => (
            <section key={s.id} className="logistics-shipment" data-testid={`order-shipment-${s.id}`}>
              <div className="logistics-shipment-head">
                <ShipmentBadge status={s.status} testId={`order-shipment-${s.id}-status`} />
                <span>
                  {s.carrier} <code data-testid={`order-shipment-${s.id}-tracking`}>{s.trackingNumber}</code>
                </span>
                <span className="muted small">{s.lines.map((l) => `${l.quantity} × ${l.name}`).join(', ')}</span>
              </div>
              <ol className="timeline">
                {s.timeline.map((e, i) => (
                  <li key={i}>
                    <strong>{SHIPMENT_STATUS_LABELS[e.status]}</strong> <span className="muted small">{formatDateTime(e.at)}</span>
                    {e.note && <div className="small">{e.note}</div>}
                  </li>
                ))}
              </ol>
            </section>
          ))}
        </div>
      ) : (
        <p className="muted small">Not shipped yet: {f.providerName} has it in its fulfillment queue.</p>
      )}
      <Callout tone="info" testId="order-shipping-outside">
        {OUTSIDE_PLATFORM_NOTE}
      </Callout>
    </div>
  );
}
