// Small pieces the Extensions screens share: a listing's icon (initials), its state badge (Development, Beta,
// Release) and its approval badge, and a listing's price as the store shows it.
import type { ApprovalStatus, ListingKind, Visibility } from '../../../src-shared/domain/app-store';
import { APPROVAL_LABELS, listingInitials, VISIBILITY_HELP, VISIBILITY_LABELS } from '../../../src-shared/domain/app-store';
import { formatMoney } from '../../ui/money';

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
