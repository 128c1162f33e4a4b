// Platform operator / Logistics review (#/operator/logistics-review), the sibling of App review: partners that
// applied to provide logistics services, with what they sent, and Approve, or Reject with a reason the partner
// sees (and gets by email). Shown only to users with the platform operator role.
import { useState } from 'react';
import type { LogisticsProvider } from '../../../src-shared/api/logistics-types';
import { useActions } from '../../state/store-context';
import { useLatestLoad } from '../../state/use-latest-load';
import { Modal } from '../../ui/dialog';
import { formatDateTime, plural } from '../../ui/format';
import { Card } from '../../ui/page';
import { ReviewQueuePage } from '../../ui/review-queue-page';
import { EmptyState, ErrorState, SkeletonRows } from '../../ui/states';
import { useAction } from '../../ui/use-action';
import { FieldProblem, OutsideNote, problemsOf, ProviderBadge, useLogisticsVersion } from './logistics-ui';
import { Form } from '../../ui/form';

export function LogisticsReviewScreen() {
  const actions = useActions();
  const version = useLogisticsVersion();
  const [filter, setFilter] = useState<'pending' | 'all'>('pending');
  const list = useLatestLoad(() => actions.logistics('logistics.review', { state: filter }), [actions, filter, version]);
  const [rejecting, setRejecting] = useState<LogisticsProvider | null>(null);
  const approve = useAction(async (p: LogisticsProvider) => {
    await actions.logistics('logistics.approve', { providerId: p.id });
    actions.toast('success', `${p.name} is approved`);
    actions.logisticsChanged();
  });
  return (
    <ReviewQueuePage
      title="Logistics review"
      subtitle="Partners that want to offer logistics, shipping and warehousing to shops apply here. Approve them, or reject with a reason they can act on; either way they get an email."
      filter={filter}
      onFilter={setFilter}
      allLabel="All providers"
      testId="logistics-review"
      filterTestIdPrefix="logistics-review-filter"
    >
      {list.status === 'error' && <ErrorState title="Could not load the review queue" message={list.error} />}
      {!list.data && list.status !== 'error' && <SkeletonRows rows={3} columns={4} />}
      {list.data && list.data.length === 0 && (
        <EmptyState icon="checkCircle" title={filter === 'pending' ? 'Nothing waiting for review' : 'No logistics providers yet'} testId="logistics-review-empty">
          <p>Partners apply under Logistics; their applications appear here.</p>
        </EmptyState>
      )}
      {list.data && list.data.length > 0 && (
        <div className="review-list" data-testid="logistics-review-list">
          {list.data.map((p) => (
            <Card key={p.id} testId={`provider-review-${p.id}`}>
              <div className="review-head">
                <div className="review-title">
                  <h3>
                    {p.name} <ProviderBadge state={p.state} testId={`provider-review-${p.id}-state`} />
                  </h3>
                  <div className="muted small">
                    {p.companyName} · {p.contactEmail} · applied {formatDateTime(p.appliedAt)}
                    {p.state === 'approved' && ` · ${plural(p.warehouseCount, 'warehouse', 'warehouses')}, ${plural(p.rateCount, 'rate', 'rates')}, ${plural(p.shopCount, 'shop', 'shops')}`}
                  </div>
                </div>
                {p.state === 'pending' && (
                  <div className="review-actions">
                    <button type="button" className="btn btn-danger-outline" onClick={() => setRejecting(p)} data-testid={`provider-reject-${p.id}`}>
                      Reject…
                    </button>
                    <button type="button" className="btn btn-primary" disabled={approve.busy} onClick={() => void approve.run(p)} data-testid={`provider-approve-${p.id}`}>
                      Approve
                    </button>
                  </div>
                )}
              </div>
              {p.note && <p className="review-note">“{p.note}”</p>}
              {p.state === 'rejected' && <p className="small">Rejected {p.decidedAt ? formatDateTime(p.decidedAt) : ''}: {p.reason}</p>}
            </Card>
          ))}
        </div>
      )}
      <OutsideNote />
      {rejecting && <RejectDialog provider={rejecting} onClose={() => setRejecting(null)} />}
    </ReviewQueuePage>
  );
}

function RejectDialog({ provider, onClose }: { provider: LogisticsProvider; onClose: () => void }) {
  const actions = useActions();
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | undefined>();
  const reject = useAction(async () => {
    try {
      await actions.logistics('logistics.reject', { providerId: provider.id, reason });
      actions.logisticsChanged();
      onClose();
    } catch (error) {
      const p = problemsOf(error);
      setProblem(p.fields.reason ?? p.message ?? undefined);
    }
  });
  return (
    <Modal title={`Reject ${provider.name}`} onClose={onClose} testId="provider-reject-dialog">
      <Form onSubmit={() => reject.run()}>
        <label className="field">
          <span className="field-label">Reason (the partner sees it and gets it by email)</span>
          <textarea className="input" rows={4} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="provider-reject-reason" autoFocus />
          <FieldProblem message={problem} />
        </label>
        <div className="form-actions">
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn btn-danger" disabled={reject.busy} data-testid="provider-reject-submit">
            Reject
          </button>
        </div>
      </Form>
    </Modal>
  );
}
