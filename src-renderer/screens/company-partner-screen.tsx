// A (non-partner) company's partner page (#/company/partner): its partner with "End relation", or, without
// one, the "Request a partner" form picking from the partner directory, and its own requests with Cancel.
import { useEffect, useMemo, useState } from 'react';
import type { Company, PartnerDirectoryEntry, PartnerRequest } from '../../src-shared/api/types';
import { useActions, useApp } from '../state/store-context';
import { Avatar } from '../ui/avatar';
import { ConfirmActionDialog } from '../ui/dialog';
import { Field, FieldError } from '../ui/fields';
import { BusyButton } from '../ui/form-footer';
import { Loaded } from '../ui/loadable';
import { useAction, useConfirmedAction } from '../ui/use-action';
import { formatDateTime, placeOf } from '../ui/format';
import { Icon } from '../ui/icons';
import { Card, PageHeader } from '../ui/page';
import { Callout, EmptyState, SkeletonRows } from '../ui/states';
import { RelationCard } from './company-settings-panel';
import { RequestHistoryTable, RequestItem, StatusBadge } from './partner-requests-screen';
import { ApiError } from '../../src-shared/api/errors';
import { Form } from '../ui/form';
import './partner-requests-screen.css';

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
      ) : (
        <Loaded value={requests} errorTitle="Could not load your requests" onRetry={() => void actions.loadRequests()} loading={<SkeletonRows rows={3} columns={2} />}>
          {() => (pending.length > 0 ? <PendingRequests requests={pending} /> : <RequestPartnerForm company={acting} />)}
        </Loaded>
      )}

      {own.length > 0 && <OwnRequestHistory requests={own.filter((r) => r.status !== 'pending')} />}
    </div>
  );
}

function PendingRequests({ requests }: { requests: PartnerRequest[] }) {
  const actions = useActions();
  const withdraw = useConfirmedAction((request: PartnerRequest) => actions.cancelRequest(request));

  return (
    <Card title="Your request" flush testId="own-pending-requests">
      <ul className="request-list">
        {requests.map((r) => (
          <RequestItem
            key={r.id}
            request={r}
            avatarName={r.partnerName}
            title={
              <>
                Waiting for <strong>{r.partnerName}</strong> to answer <StatusBadge status={r.status} />
              </>
            }
            meta={
              <>
                Sent by {r.requestedBy} · {formatDateTime(r.createdAt)}
              </>
            }
          >
            <button type="button" className="btn" onClick={() => withdraw.ask(r)} data-testid={`cancel-request-${r.id}`}>
              Withdraw request
            </button>
          </RequestItem>
        ))}
      </ul>
      <ConfirmActionDialog action={withdraw} title={() => 'Withdraw your request?'} confirmLabel="Withdraw" danger>
        {(r) => <p>{r.partnerName} will no longer see your request. You can send a new one at any time.</p>}
      </ConfirmActionDialog>
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
  const sending = useAction(
    async (partner: number) => {
      await actions.createRequest({ companyId: company.id, partnerId: partner, message: message.trim() });
      setMessage('');
      setPartnerId(null);
    },
    {
      onError(e) {
        if (!(e instanceof ApiError)) return;
        const mapped: Record<string, string> = {};
        for (const [field, problems] of Object.entries(e.fields)) mapped[field] = `${field === 'partnerId' ? 'Partner' : 'Message'} ${problems[0]}`;
        setErrors(mapped);
      },
    },
  );

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
    await sending.run(partnerId);
  };

  return (
    <Card
      title="Request a partner"
      description={`Choose a partner to manage ${company.name}. It sees your request and accepts or declines it.`}
      testId="request-partner-form"
    >
      <Form noValidate onSubmit={send}>
        <Field formId="partner" name="search" label="Find a partner">
          {(control) => (
            <div className="search-input">
              <Icon name="search" />
              <input {...control} className="input" placeholder="Search by name, city or country" value={search} onChange={(e) => setSearch(e.target.value)} data-testid="partner-search" />
            </div>
          )}
        </Field>
        <div className="directory" role="radiogroup" aria-label="Partner" data-testid="partner-directory">
          <Loaded
            value={directory}
            renderError={(error) => <Callout tone="danger">{error}</Callout>}
            loading={<SkeletonRows rows={3} columns={2} />}
            empty={<EmptyState icon="search" title={search ? `No partner matches “${search}”` : 'No partners in the directory yet'} />}
          >
            {(partners) =>
              partners.map((p) => (
                <label key={p.id} className={`choice directory-option${partnerId === p.id ? ' is-checked' : ''}`}>
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
            }
          </Loaded>
        </div>
        <FieldError formId="partner-request" field="partnerId" message={errors.partnerId || undefined} />
        <Field
          formId="partner-request"
          name="message"
          label={
            <>
              Message <span className="muted">(optional)</span>
            </>
          }
          error={errors.message || undefined}
        >
          {(control) => (
            <textarea
              {...control}
              className="input textarea"
              rows={3}
              value={message}
              maxLength={1000}
              placeholder="Tell the partner what you need help with."
              onChange={(e) => setMessage(e.target.value)}
              data-testid="input-message"
            />
          )}
        </Field>
        <div className="card-footer">
          <span className="muted small">{chosen ? `Your request goes to ${chosen.name}.` : 'No partner chosen yet.'}</span>
          <BusyButton type="submit" className="btn btn-primary" busy={sending.busy} icon="send" disabled={sending.busy} testId="send-request">
            Send request
          </BusyButton>
        </div>
      </Form>
    </Card>
  );
}

function OwnRequestHistory({ requests }: { requests: PartnerRequest[] }) {
  if (requests.length === 0) return null;
  return (
    <Card title="Earlier requests" flush testId="own-request-history">
      <RequestHistoryTable requests={requests} party="Partner" />
    </Card>
  );
}
