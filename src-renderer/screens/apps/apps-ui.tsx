// Small pieces the Extensions screens share: a listing's icon (initials), its state badge (Development, Beta,
// Release) and its approval badge, a listing's price as the store shows it, and an app's first table cell.
import type { ReactNode } from 'react';
import type { ApprovalStatus, ListingKind, Visibility } from '../../../src-shared/domain/app-store';
import { APPROVAL_LABELS, listingInitials, VISIBILITY_HELP, VISIBILITY_LABELS } from '../../../src-shared/domain/app-store';
import { formatMoney } from '../../ui/money';
import './apps-ui.css';

export function ListingIcon({ name, kind }: { name: string; kind: ListingKind }) {
  return (
    <span className={`listing-icon listing-icon-${kind}`} aria-hidden="true">
      {listingInitials(name)}
    </span>
  );
}

export function VisibilityBadge({ visibility, testId }: { visibility: Visibility; testId?: string }) {
  return (
    <span className={`badge badge-visibility badge-${visibility}`} title={VISIBILITY_HELP[visibility]} data-testid={testId}>
      {VISIBILITY_LABELS[visibility]}
    </span>
  );
}

const APPROVAL_TONE: Record<ApprovalStatus, string> = { none: '', pending: 'badge-warn', approved: 'badge-on', rejected: 'badge-danger' };

export function ApprovalBadge({ approval, testId }: { approval: ApprovalStatus; testId?: string }) {
  if (approval === 'none') return null;
  return (
    <span className={`badge ${APPROVAL_TONE[approval]}`} data-testid={testId}>
      {APPROVAL_LABELS[approval]}
    </span>
  );
}

/** "Free during Beta", "Free", or the net price. */
export function listingPrice(listing: { visibility: Visibility; priceMinor: number; currency: string }): string {
  if (listing.visibility === 'beta') return 'Free during Beta';
  if (listing.priceMinor === 0) return 'Free';
  return `${formatMoney(listing.priceMinor, listing.currency)} + VAT`;
}

/** An app in a table: its name (and a badge), who made it, and its client id where the table shows one. */
export function AppCell({ name, badge, developer, email, clientId }: { name: string; badge?: ReactNode; developer: string; email: string | null; clientId?: string }) {
  return (
    <>
      {badge ? (
        <div className="row-title">
          <strong>{name}</strong> {badge}
        </div>
      ) : (
        <strong>{name}</strong>
      )}
      <div className="muted small">
        by {developer}
        {email && ` · ${email}`}
      </div>
      {clientId && (
        <div className="muted small">
          Client ID <code>{clientId}</code>
        </div>
      )}
    </>
  );
}
