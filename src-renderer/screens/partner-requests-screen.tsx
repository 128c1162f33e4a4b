// Partner requests as the partner sees them (#/partner-requests): incoming pending requests with Accept /
// Decline, and the history of decided ones.
import { useEffect, useMemo, type ReactNode } from 'react';
import type { PartnerRequest, PartnerRequestStatus } from '../../src-shared/api/types';
import { href } from '../router/routes';
import { useActions, useApp } from '../state/store-context';
import { Avatar } from '../ui/avatar';
import { ConfirmActionDialog } from '../ui/dialog';
import { BusyButton } from '../ui/form-footer';
import { Loaded } from '../ui/loadable';
import { Table } from '../ui/table';
import { useConfirmedAction } from '../ui/use-action';
import { formatDateTime, formatShortDateTime } from '../ui/format';
import { Icon } from '../ui/icons';
import { Card, PageHeader } from '../ui/page';
import { CardEmpty, EmptyState, SkeletonRows } from '../ui/states';
import './partner-requests-screen.css';

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

/** One request in a list: who asks whom, when and with what message, and its buttons. */
export function RequestItem({ request, avatarName, title, meta, children }: { request: PartnerRequest; avatarName: string; title: ReactNode; meta: ReactNode; children: ReactNode }) {
  return (
    <li className="request" data-testid={`request-${request.id}`}>
      <Avatar name={avatarName} size={36} />
      <div className="request-main">
        <div className="request-title">{title}</div>
        <div className="request-meta">{meta}</div>
        {request.message && <blockquote className="request-message">{request.message}</blockquote>}
      </div>
      <div className="request-actions">{children}</div>
    </li>
  );
}

/** Decided requests: with whom, the status, when asked and answered (and who asked, for the partner). */
export function RequestHistoryTable({ requests, party, linkAccepted = false, showRequestedBy = false }: { requests: PartnerRequest[]; party: 'Company' | 'Partner'; linkAccepted?: boolean; showRequestedBy?: boolean }) {
  return (
    <Table
      rows={requests}
      rowKey={(r) => r.id}
      rowTestId={(r) => `request-${r.id}`}
      columns={[
        {
          header: party,
          cell: (r) =>
            party === 'Partner' ? r.partnerName : linkAccepted && r.status === 'accepted' ? <a href={href({ name: 'company', companyId: r.companyId, tab: 'details', addUser: false })}>{r.companyName}</a> : r.companyName,
        },
        { header: 'Status', cell: (r) => <StatusBadge status={r.status} /> },
        showRequestedBy && { header: 'Requested by', className: 'muted', headerClassName: '', cell: (r) => r.requestedBy },
        { header: party === 'Partner' ? 'Sent' : 'Requested', className: 'muted', headerClassName: '', cell: (r) => formatShortDateTime(r.createdAt) },
        { header: party === 'Partner' ? 'Answered' : 'Decided', className: 'muted', headerClassName: '', cell: (r) => formatShortDateTime(r.decidedAt) },
      ]}
    />
  );
}

export function PartnerRequestsScreen() {
  const homeId = useApp((s) => s.session.info?.home?.id ?? null);
  const requests = useApp((s) => s.requests.list);
  const actions = useActions();
  // Both answers are asked first: accepting takes the company on as a client (and is not undone with a click).
  const accept = useConfirmedAction((request: PartnerRequest) => actions.decideRequest(request, 'accept'));
  const decline = useConfirmedAction((request: PartnerRequest) => actions.decideRequest(request, 'decline'));
  const busy = accept.busy || decline.busy;

  useEffect(() => {
    void actions.loadRequests();
  }, [actions]);

  const incoming = useMemo(() => (requests.data ?? []).filter((r) => r.partnerId === homeId), [requests.data, homeId]);
  const pending = incoming.filter((r) => r.status === 'pending');
  const history = incoming.filter((r) => r.status !== 'pending');

  return (
    <div className="page" data-testid="partner-requests">
      <PageHeader
        title="Partner requests"
        subtitle="Existing companies ask you to manage them. When you accept, the company becomes your client."
      />

      <Loaded
        value={requests}
        errorTitle="Could not load the requests"
        onRetry={() => void actions.loadRequests()}
        loading={
          <Card title="Waiting for your answer" flush>
            <SkeletonRows rows={3} columns={3} />
          </Card>
        }
      >
        {() => (
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
                    <RequestItem
                      key={r.id}
                      request={r}
                      avatarName={r.companyName}
                      title={
                        <>
                          <strong>{r.companyName}</strong> wants you as its partner
                        </>
                      }
                      meta={
                        <>
                          Requested by {r.requestedBy} · {formatDateTime(r.createdAt)}
                        </>
                      }
                    >
                      <button type="button" className="btn" disabled={busy} onClick={() => decline.ask(r)} data-testid={`decline-request-${r.id}`}>
                        <Icon name="x" /> Decline
                      </button>
                      <BusyButton className="btn btn-primary" busy={accept.busy && accept.target?.id === r.id} icon="check" disabled={busy} onClick={() => accept.ask(r)} testId={`accept-request-${r.id}`}>
                        Accept…
                      </BusyButton>
                    </RequestItem>
                  ))}
                </ul>
              )}
            </Card>

            <Card title="History" flush testId="request-history">
              {history.length === 0 ? (
                <CardEmpty icon="handshake">Decided and withdrawn requests are listed here.</CardEmpty>
              ) : (
                <RequestHistoryTable requests={history} party="Company" linkAccepted showRequestedBy />
              )}
            </Card>
          </>
        )}
      </Loaded>

      <ConfirmActionDialog action={accept} title={(r) => `Accept ${r.companyName} as your client?`} confirmLabel="Accept request">
        {(r) => (
          <>
            <p>
              {r.companyName} becomes your client: you can act as it, manage its shop and see its sales, and it is included when you close a month. Its
              administrator ({r.requestedBy}) is told by email.
            </p>
            <p className="muted small">Its payment route stays Direct until you or the company change it. Either side can end the relation later under the company's settings.</p>
          </>
        )}
      </ConfirmActionDialog>
      <ConfirmActionDialog action={decline} title={(r) => `Decline ${r.companyName}'s request?`} confirmLabel="Decline request" danger>
        {(r) => <p>{r.companyName} will see that you declined. It can send a new request later.</p>}
      </ConfirmActionDialog>
    </div>
  );
}
