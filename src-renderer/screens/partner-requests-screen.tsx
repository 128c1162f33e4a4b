// Partner requests as the partner sees them (#/partner-requests): incoming pending requests with Accept /
// Decline, and the history of decided ones.
import { useEffect, useMemo, useState } from 'react';
import type { PartnerRequest, PartnerRequestStatus } from '../../src-shared/api/types';
import { href } from '../router/routes';
import { useActions, useApp } from '../state/store-context';
import { Avatar } from '../ui/avatar';
import { ConfirmDialog } from '../ui/dialog';
import { formatDateTime, formatShortDateTime } from '../ui/format';
import { Icon } from '../ui/icons';
import { Card, PageHeader } from '../ui/page';
import { EmptyState, ErrorState, SkeletonRows, Spinner } from '../ui/states';

export function StatusBadge({ status }: { status: PartnerRequestStatus }) {
  const label: Record<PartnerRequestStatus, string> = {
    pending: 'Pending',
    accepted: 'Accepted',
    declined: 'Declined',
    cancelled: 'Withdrawn',
  };
  return (
    <span className={`badge badge-status badge-${status}`} data-testid="request-status">
      {label[status]}
    </span>
  );
}

export function PartnerRequestsScreen() {
  const homeId = useApp((s) => s.session.info?.home?.id ?? null);
  const requests = useApp((s) => s.requests.list);
  const actions = useActions();
  const [busy, setBusy] = useState<{ id: number; decision: 'accept' | 'decline' } | null>(null);
  const [declining, setDeclining] = useState<PartnerRequest | null>(null);

  useEffect(() => {
    void actions.loadRequests();
  }, [actions]);

  const incoming = useMemo(() => (requests.data ?? []).filter((r) => r.partnerId === homeId), [requests.data, homeId]);
  const pending = incoming.filter((r) => r.status === 'pending');
  const history = incoming.filter((r) => r.status !== 'pending');

  const decide = async (request: PartnerRequest, decision: 'accept' | 'decline') => {
    setBusy({ id: request.id, decision });
    try {
      await actions.decideRequest(request, decision);
      setDeclining(null);
    } catch {
      // Shown as a toast.
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="page" data-testid="partner-requests">
      <PageHeader
        title="Partner requests"
        subtitle="Existing companies ask you to manage them. When you accept, the company becomes your client."
      />

      {requests.status === 'error' && !requests.data ? (
        <ErrorState title="Could not load the requests" message={requests.error} onRetry={() => void actions.loadRequests()} />
      ) : !requests.data ? (
        <Card title="Waiting for your answer" flush>
          <SkeletonRows rows={3} columns={3} />
        </Card>
      ) : (
        <>
          <Card title="Waiting for your answer" description={pending.length ? undefined : 'Nothing to decide right now.'} flush testId="pending-requests">
            {pending.length === 0 ? (
              <EmptyState icon="handshake" title="No pending requests" testId="no-pending-requests">
                <p>
                  A company's administrator sends a request naming you as its partner; it appears here for you to accept or decline.
                  To set up a brand-new client instead, <a href={href({ name: 'company-new' })}>create a company</a>.
                </p>
              </EmptyState>
            ) : (
              <ul className="request-list">
                {pending.map((r) => (
                  <li key={r.id} className="request" data-testid={`request-${r.id}`}>
                    <Avatar name={r.companyName} size={36} />
                    <div className="request-main">
                      <div className="request-title">
                        <strong>{r.companyName}</strong> wants you as its partner
                      </div>
                      <div className="request-meta">
                        Requested by {r.requestedBy} · {formatDateTime(r.createdAt)}
                      </div>
                      {r.message && <blockquote className="request-message">{r.message}</blockquote>}
                    </div>
                    <div className="request-actions">
                      <button
                        type="button"
                        className="btn"
                        disabled={busy !== null}
                        onClick={() => setDeclining(r)}
                        data-testid={`decline-request-${r.id}`}
                      >
                        <Icon name="x" /> Decline
                      </button>
                      <button
                        type="button"
                        className="btn btn-primary"
                        disabled={busy !== null}
                        onClick={() => void decide(r, 'accept')}
                        data-testid={`accept-request-${r.id}`}
                      >
                        {busy?.id === r.id && busy.decision === 'accept' ? <Spinner size={14} /> : <Icon name="check" />} Accept
                      </button>
                    </div>
                  </li>
                ))}
              </ul>
            )}
          </Card>

          <Card title="History" flush testId="request-history">
            {history.length === 0 ? (
              <div className="card-empty">
                <Icon name="handshake" size={18} />
                <span>Decided and withdrawn requests are listed here.</span>
              </div>
            ) : (
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">Company</th>
                    <th scope="col">Status</th>
                    <th scope="col">Requested by</th>
                    <th scope="col">Requested</th>
                    <th scope="col">Decided</th>
                  </tr>
                </thead>
                <tbody>
                  {history.map((r) => (
                    <tr key={r.id} data-testid={`request-${r.id}`}>
                      <td>
                        {r.status === 'accepted' ? (
                          <a href={href({ name: 'company', companyId: r.companyId, tab: 'details', addUser: false })}>{r.companyName}</a>
                        ) : (
                          r.companyName
                        )}
                      </td>
                      <td>
                        <StatusBadge status={r.status} />
                      </td>
                      <td className="muted">{r.requestedBy}</td>
                      <td className="muted">{formatShortDateTime(r.createdAt)}</td>
                      <td className="muted">{formatShortDateTime(r.decidedAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </Card>
        </>
      )}

      {declining && (
        <ConfirmDialog
          title={`Decline ${declining.companyName}'s request?`}
          confirmLabel="Decline request"
          danger
          busy={busy !== null}
          onCancel={() => setDeclining(null)}
          onConfirm={() => void decide(declining, 'decline')}
        >
          <p>{declining.companyName} will see that you declined. It can send a new request later.</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
