// Small status badges: a company's Sample / payment route / Self / Partner, and the shop's Demo and status chips.
import type { ReactNode } from 'react';
import type { PaymentRoute } from '../../src-shared/api/types';
import type { OrderStatus } from '../../src-shared/domain/shop';
import { Icon } from './icons';

export function SampleBadge({ compact = false }: { compact?: boolean }) {
  return (
    <span className="badge badge-sample" data-testid="badge-sample" title="Sample company: fully configurable, no end-user sales, never billed">
      {!compact && <Icon name="flask" size={12} />}
      Sample
    </span>
  );
}

/** A development company: app developers' test orders (its storefront is open), never billed. */
export function DevelopmentBadge({ compact = false }: { compact?: boolean }) {
  return (
    <span className="badge badge-development" data-testid="badge-development" title="Development company: for testing apps — takes test orders, never billed">
      {!compact && <Icon name="code" size={12} />}
      Development
    </span>
  );
}

/** Sample or Development, whichever the company is (a company is never both). */
export function KindBadge({ company, compact = false }: { company: { isSample: boolean; isDevelopment?: boolean }; compact?: boolean }) {
  if (company.isSample) return <SampleBadge compact={compact} />;
  if (company.isDevelopment) return <DevelopmentBadge compact={compact} />;
  return null;
}

export function RouteBadge({ route }: { route: PaymentRoute }) {
  return route === 'via_partner' ? (
    <span className="badge badge-via-partner" data-testid="badge-route" title="Reports, invoices and credits go to the partner">
      Via partner
    </span>
  ) : (
    <span className="badge badge-direct" data-testid="badge-route" title="Reports, invoices and credits go to the client directly">
      Direct
    </span>
  );
}

export function SelfBadge() {
  return (
    <span className="badge badge-self" data-testid="badge-self">
      Self
    </span>
  );
}

export function PartnerBadge() {
  return <span className="badge badge-partner">Partner</span>;
}

export function CountBadge({ count, label, testId }: { count: number; label: string; testId?: string }) {
  if (count <= 0) return null;
  return (
    <span className="count-badge" aria-label={label} data-testid={testId}>
      {count > 99 ? '99+' : count}
    </span>
  );
}

/** On every row and page of a sample company's data (spec: demo data is marked as demo wherever shown). */
export function DemoBadge() {
  return (
    <span className="badge badge-demo" data-testid="badge-demo" title="Demo data of a sample company: never a real sale, never billed">
      Demo
    </span>
  );
}

const ORDER_STATUS_LABELS: Record<OrderStatus, string> = {
  pending: 'Pending',
  paid: 'Paid',
  fulfilled: 'Fulfilled',
  cancelled: 'Cancelled',
  refunded: 'Refunded',
};

export function orderStatusLabel(status: OrderStatus): string {
  return ORDER_STATUS_LABELS[status];
}

export function OrderStatusBadge({ status }: { status: OrderStatus }) {
  return (
    <span className={`badge badge-status badge-status-${status}`} data-testid="order-status">
      <span className="status-dot" aria-hidden="true" />
      {ORDER_STATUS_LABELS[status]}
    </span>
  );
}

/** A neutral status chip (subscriber and newsletter statuses, active / inactive). */
export function StatusBadge({ tone, children, testId }: { tone: 'on' | 'off' | 'warn'; children: ReactNode; testId?: string }) {
  return (
    <span className={`badge badge-status badge-tone-${tone}`} data-testid={testId}>
      <span className="status-dot" aria-hidden="true" />
      {children}
    </span>
  );
}
