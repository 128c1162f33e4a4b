// A (non-partner) company's partner page (#/company/partner): its partner with "End relation", or, without
// one, the "Request a partner" form picking from the partner directory, and its own requests with Cancel.
import { useEffect, useMemo, useState } from 'react';
import type { Company, PartnerDirectoryEntry, PartnerRequest } from '../../src-shared/api/types';
import { useActions, useApp } from '../state/store-context';
import { Avatar } from '../ui/avatar';
import { ConfirmDialog } from '../ui/dialog';
import { FieldError } from '../ui/fields';
import { formatDateTime, formatShortDateTime, placeOf } from '../ui/format';
import { Icon } from '../ui/icons';
import { Card, PageHeader } from '../ui/page';
import { Callout, EmptyState, ErrorState, SkeletonRows, Spinner } from '../ui/states';
import { RelationCard } from './company-settings-panel';
import { StatusBadge } from './partner-requests-screen';
import { ApiError } from '../../src-shared/api/errors';

export function CompanyPartnerScreen() {
  const acting = useApp((s) => s.session.info?.acting ?? null);
  const requests = useApp((s) => s.requests.list);
  const actions = useActions();

  useEffect(() => {
    void actions.loadRequests();
  }, [actions]);

  if (!acting) return null;
  const own = (requests.data ?? []).filter((r) => r.companyId === acting.id);
  const pending = own.filter((r) => r.status === 'pending');

  return (
    <div className="page" data-testid="company-partner">
      <PageHeader
        title="Partner"
        subtitle="A partner in the platform's partner program can set up and operate your shop on your behalf."
      />
      {acting.partnerId ? (
        <div className="narrow">
          <RelationCard company={acting} />
        </div>
      ) : requests.status === 'error' && !requests.data ? (
        <ErrorState title="Could not load your requests" message={requests.error} onRetry={() => void actions.loadRequests()} />
      ) : !requests.data ? (
        <SkeletonRows rows={3} columns={2} />
      ) : pending.length > 0 ? (
        <PendingRequests requests={pending} />
      ) : (
        <RequestPartnerForm company={acting} />
      )}

      {own.length > 0 && <OwnRequestHistory requests={own.filter((r) => r.status !== 'pending')} />}
    </div>
  );
}

function PendingRequests({ requests }: { requests: PartnerRequest[] }) {
  const actions = useActions();
  const [cancelling, setCancelling] = useState<PartnerRequest | null>(null);
  const [busy, setBusy] = useState(false);

  const cancel = async () => {
    if (!cancelling) return;
    setBusy(true);
    try {
      await actions.cancelRequest(cancelling);
      setCancelling(null);
    } catch {
      // Shown as a toast.
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title="Your request" flush testId="own-pending-requests">
      <ul className="request-list">
        {requests.map((r) => (
          <li key={r.id} className="request" data-testid={`request-${r.id}`}>
            <Avatar name={r.partnerName} size={36} />
            <div className="request-main">
              <div className="request-title">
                Waiting for <strong>{r.partnerName}</strong> to answer <StatusBadge status={r.status} />
              </div>
              <div className="request-meta">
                Sent by {r.requestedBy} · {formatDateTime(r.createdAt)}
              </div>
              {r.message && <blockquote className="request-message">{r.message}</blockquote>}
            </div>
            <div className="request-actions">
              <button type="button" className="btn" onClick={() => setCancelling(r)} data-testid={`cancel-request-${r.id}`}>
                Withdraw request
              </button>
            </div>
          </li>
        ))}
      </ul>
      {cancelling && (
        <ConfirmDialog
          title="Withdraw your request?"
          confirmLabel="Withdraw"
          danger
          busy={busy}
          onCancel={() => setCancelling(null)}
          onConfirm={() => void cancel()}
        >
          <p>{cancelling.partnerName} will no longer see your request. You can send a new one at any time.</p>
        </ConfirmDialog>
      )}
    </Card>
  );
}

function RequestPartnerForm({ company }: { company: Company }) {
  const directory = useApp((s) => s.requests.directory);
  const actions = useActions();
  const [search, setSearch] = useState('');
  const [partnerId, setPartnerId] = useState<number | null>(null);
  const [message, setMessage] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [sending, setSending] = useState(false);

  useEffect(() => {
    const t = setTimeout(() => void actions.loadDirectory(search.trim()), 180);
    return () => clearTimeout(t);
  }, [actions, search]);

  const partners: PartnerDirectoryEntry[] = useMemo(() => directory.data ?? [], [directory.data]);
  const chosen = partners.find((p) => p.id === partnerId) ?? null;

  const send = async () => {
    if (partnerId === null) {
      setErrors({ partnerId: 'Choose the partner you want to ask.' });
      return;
    }
    if (message.length > 1000) {
      setErrors({ message: 'The message must be at most 1000 characters.' });
      return;
    }
    setErrors({});
    setSending(true);
    try {
      await actions.createRequest({ companyId: company.id, partnerId, message: message.trim() });
      setMessage('');
      setPartnerId(null);
    } catch (e) {
      if (e instanceof ApiError) {
        const mapped: Record<string, string> = {};
        for (const [field, problems] of Object.entries(e.fields)) mapped[field] = `${field === 'partnerId' ? 'Partner' : 'Message'} ${problems[0]}`;
        setErrors(mapped);
      }
    } finally {
      setSending(false);
    }
  };

  return (
    <Card
      title="Request a partner"
      description={`Choose a partner to manage ${company.name}. It sees your request and accepts or declines it.`}
      testId="request-partner-form"
    >
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void send();
        }}
      >
        <div className="field">
          <label className="field-label" htmlFor="partner-search">
            Find a partner
          </label>
          <div className="search-input">
            <Icon name="search" />
            <input
              id="partner-search"
              className="input"
              placeholder="Search by name, city or country"
              value={search}
              onChange={(e) => setSearch(e.target.value)}
              data-testid="partner-search"
            />
          </div>
        </div>
        <div className="directory" role="radiogroup" aria-label="Partner" data-testid="partner-directory">
          {directory.status === 'error' && !directory.data ? (
            <Callout tone="danger">{directory.error}</Callout>
          ) : !directory.data ? (
            <SkeletonRows rows={3} columns={2} />
          ) : partners.length === 0 ? (
            <EmptyState icon="search" title={search ? `No partner matches “${search}”` : 'No partners in the directory yet'} />
          ) : (
            partners.map((p) => (
              <label key={p.id} className={`directory-option${partnerId === p.id ? ' is-checked' : ''}`}>
                <input
                  type="radio"
                  name="partner"
                  className="radio"
                  checked={partnerId === p.id}
                  onChange={() => {
                    setPartnerId(p.id);
                    setErrors((e) => ({ ...e, partnerId: '' }));
                  }}
                  data-testid={`partner-option-${p.id}`}
                />
                <Avatar name={p.name} size={28} />
                <span className="directory-text">
                  <strong>{p.name}</strong>
                  <span className="muted">{placeOf(p.city, p.country)}</span>
                </span>
              </label>
            ))
          )}
        </div>
        <FieldError formId="partner-request" field="partnerId" message={errors.partnerId || undefined} />
        <div className="field">
          <label className="field-label" htmlFor="partner-request-message">
            Message <span className="muted">(optional)</span>
          </label>
          <textarea
            id="partner-request-message"
            className="input textarea"
            rows={3}
            value={message}
            maxLength={1000}
            placeholder="Tell the partner what you need help with."
            onChange={(e) => setMessage(e.target.value)}
            data-testid="input-message"
          />
          <FieldError formId="partner-request" field="message" message={errors.message || undefined} />
        </div>
        <div className="card-footer">
          <span className="muted small">{chosen ? `Your request goes to ${chosen.name}.` : 'No partner chosen yet.'}</span>
          <button type="submit" className="btn btn-primary" disabled={sending} data-testid="send-request">
            {sending ? <Spinner size={14} /> : <Icon name="send" />} Send request
          </button>
        </div>
      </form>
    </Card>
  );
}

function OwnRequestHistory({ requests }: { requests: PartnerRequest[] }) {
  if (requests.length === 0) return null;
  return (
    <Card title="Earlier requests" flush testId="own-request-history">
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Partner</th>
            <th scope="col">Status</th>
            <th scope="col">Sent</th>
            <th scope="col">Answered</th>
          </tr>
        </thead>
        <tbody>
          {requests.map((r) => (
            <tr key={r.id} data-testid={`request-${r.id}`}>
              <td>{r.partnerName}</td>
              <td>
                <StatusBadge status={r.status} />
              </td>
              <td className="muted">{formatShortDateTime(r.createdAt)}</td>
              <td className="muted">{formatShortDateTime(r.decidedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}
