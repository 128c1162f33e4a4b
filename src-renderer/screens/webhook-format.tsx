// How the Webhooks screen writes times (platform times, to the second) and an attempt's status and kind.
import type { WebhookAttemptSummary } from '../../src-shared/api/webhook-delivery-types';
import './webhooks-screen.css';

const timeWithSeconds = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' });
const timeOnly = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });

/** Date and time to the second (platform times: the clock may be days ahead, so the day always shows). */
export function formatTime(iso: string | null): string {
  return iso ? timeWithSeconds.format(new Date(iso)) : '—';
}

/** Time only when it is on the platform's current day, else date and time. */
export function formatCompactTime(iso: string | null, platformNow: number | null): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return platformNow !== null && date.toDateString() === new Date(platformNow).toDateString() ? timeOnly.format(date) : timeWithSeconds.format(date);
}
export function StatusBadge({ attempt }: { attempt: Pick<WebhookAttemptSummary, 'ok' | 'statusCode' | 'error'> }) {
  const label = attempt.statusCode !== null ? String(attempt.statusCode) : attempt.error?.startsWith('no answer') ? 'Timeout' : 'No answer';
  return <span className={`badge status-badge ${attempt.ok ? 'badge-accepted' : 'badge-declined'}`}>{label}</span>;
}

export function kindLabel(attempt: Pick<WebhookAttemptSummary, 'kind' | 'retryNumber'>, total?: number): string {
  if (attempt.kind === 'retry') return `Retry ${attempt.retryNumber}${total ? ` of ${total}` : ''}`;
  return attempt.kind === 'replay' ? 'Replay' : 'Delivery';
}
