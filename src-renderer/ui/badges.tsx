// Small status badges used wherever a company appears: Sample, payment route, Self, Partner.
import type { PaymentRoute } from '../../src-shared/api/types';
import { Icon } from './icons';

export function SampleBadge({ compact = false }: { compact?: boolean }) {
  return (
    <span className="badge badge-sample" data-testid="badge-sample" title="Sample company: fully configurable, no end-user sales, never billed">
      {!compact && <Icon name="flask" size={12} />}
      Sample
    </span>
  );
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
