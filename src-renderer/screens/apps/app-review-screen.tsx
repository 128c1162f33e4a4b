// Platform operator / App review (#/operator/app-review): the listings waiting for approval (or all of them)
// with what the developer submitted — sales fields, permissions, redirect and Authorization URLs, the
// developer's note — and Approve into Beta or Release, or Reject with a reason the developer sees. Shown only
// to users with the platform operator role.
import { useEffect, useState } from 'react';
import type { OperatorApp } from '../../../src-shared/api/app-store-types';
import { APPROVAL_LABELS, VISIBILITY_HELP, VISIBILITY_LABELS, type ApprovedVisibility } from '../../../src-shared/domain/app-store';
import { OAUTH_SCOPE_TITLES } from '../../../src-shared/domain/oauth-scopes';
import { useActions, useApp } from '../../state/store-context';
import { Modal } from '../../ui/dialog';
import { formatDateTime, plural } from '../../ui/format';
import { formatMoney } from '../../ui/money';
import { Card } from '../../ui/page';
import { ReviewQueuePage } from '../../ui/review-queue-page';
import { Field } from '../../ui/fields';
import { CancelConfirm } from '../../ui/form-footer';
import { Loaded } from '../../ui/loadable';
import { EmptyState, SkeletonRows } from '../../ui/states';
import { useAction } from '../../ui/use-action';
import { ApprovalBadge, ListingIcon, VisibilityBadge } from './apps-ui';
import './app-review-screen.css';

export function AppReviewScreen() {
  const list = useApp((s) => s.apps.review);
  const filter = useApp((s) => s.apps.reviewFilter);
  const actions = useActions();
  const [deciding, setDeciding] = useState<{ app: OperatorApp; kind: 'approve' | 'reject' } | null>(null);
  useEffect(() => {
    void actions.loadReview();
  }, [actions]);

  return (
    <ReviewQueuePage
      title="App review"
      subtitle="As the platform operator you approve listings into Beta (visible to all, free) or Release (bought), or reject them with a reason the developer can act on."
      filter={filter}
      onFilter={(v) => actions.setReviewFilter(v)}
      allLabel="All listings"
      testId="app-review"
      filterTestIdPrefix="review-filter"
    >
      <Loaded
        value={list}
        errorTitle="Could not load the review queue"
        onRetry={() => void actions.loadReview()}
        loading={<SkeletonRows rows={3} columns={4} />}
        empty={
          <EmptyState icon="checkCircle" title={filter === 'pending' ? 'Nothing waiting for review' : 'No listings yet'} testId="review-empty">
            <p>Developers request approval under Extensions → My Apps; their requests appear here.</p>
          </EmptyState>
        }
      >
        {(apps) => (
          <div className="review-list" data-testid="review-list">
            {apps.map((app) => (
              <Card key={app.id} testId={`review-${app.id}`}>
                <div className="review-head">
                  <ListingIcon name={app.name} kind={app.kind} />
                  <div className="review-title">
                    <h3>
                      {app.name} <VisibilityBadge visibility={app.visibility} /> <ApprovalBadge approval={app.approval} testId={`review-${app.id}-approval`} />
                    </h3>
                    <div className="muted small">
                      {app.kind === 'theme' ? 'Theme' : 'App'} by {app.developerName}
                      {app.developerEmail && ` · ${app.developerEmail}`} · {app.priceMinor === 0 ? 'free' : `${formatMoney(app.priceMinor, app.currency)} net`}
                      {!app.isActive && ' · not available for sale'}
                    </div>
                  </div>
                  {app.approval === 'pending' && (
                    <div className="review-actions">
                      <button type="button" className="btn btn-danger-outline" onClick={() => setDeciding({ app, kind: 'reject' })} data-testid={`reject-${app.id}`}>
                        Reject…
                      </button>
                      <button type="button" className="btn btn-primary" onClick={() => setDeciding({ app, kind: 'approve' })} data-testid={`approve-${app.id}`}>
                        Approve…
                      </button>
                    </div>
                  )}
                </div>
                <p>{app.description || <span className="muted">No description.</span>}</p>
                <dl className="facts facts-compact">
                  {app.kind === 'app' && (
                    <>
                      <div>
                        <dt>Permissions</dt>
                        <dd>{app.scopes.map((s) => OAUTH_SCOPE_TITLES[s]).join(', ') || '—'}</dd>
                      </div>
                      <div>
                        <dt>Authorization URL</dt>
                        <dd>
                          <code>{app.authorizationUrl ?? '—'}</code>
                        </dd>
                      </div>
                      <div>
                        <dt>Start URL</dt>
                        <dd>
                          <code>{app.startUrl ?? '—'}</code>
                        </dd>
                      </div>
                    </>
                  )}
                  {app.latestRequest && (
                    <div>
                      <dt>{app.latestRequest.decision ? APPROVAL_LABELS[app.latestRequest.decision === 'approved' ? 'approved' : 'rejected'] : 'Requested'}</dt>
                      <dd>
                        {formatDateTime(app.latestRequest.decidedAt ?? app.latestRequest.requestedAt)} by {app.latestRequest.decidedBy ?? app.latestRequest.requestedBy}
                        {app.latestRequest.message && !app.latestRequest.decision && <div className="small">“{app.latestRequest.message}”</div>}
                        {app.latestRequest.reason && <div className="small">{app.latestRequest.reason}</div>}
                      </dd>
                    </div>
                  )}
                  <div>
                    <dt>Installs</dt>
                    <dd>
                      {plural(app.activeInstalls, 'company', 'companies')}, {plural(app.purchases, 'purchase', 'purchases')}
                    </dd>
                  </div>
                </dl>
              </Card>
            ))}
          </div>
        )}
      </Loaded>
      {deciding && <DecisionDialog app={deciding.app} kind={deciding.kind} onClose={() => setDeciding(null)} />}
    </ReviewQueuePage>
  );
}

function DecisionDialog({ app, kind, onClose }: { app: OperatorApp; kind: 'approve' | 'reject'; onClose: () => void }) {
  const actions = useActions();
  const [visibility, setVisibility] = useState<ApprovedVisibility>('beta');
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const decision = useAction(async () => {
    if (kind === 'approve') await actions.approveListing(app.id, visibility, text);
    else await actions.rejectListing(app.id, text);
    onClose();
  });
  const decide = () => {
    if (kind === 'reject' && text.trim() === '') setError('Reason is required: tell the developer what to change');
    else void decision.run();
  };
  return (
    <Modal
      title={`${kind === 'approve' ? 'Approve' : 'Reject'} ${app.name}`}
      onClose={onClose}
      testId="decision-dialog"
      footer={
        <CancelConfirm
          onCancel={onClose}
          busy={decision.busy}
          confirmClassName={`btn ${kind === 'approve' ? 'btn-primary' : 'btn-danger'}`}
          onConfirm={decide}
          confirmTestId="confirm-decision"
          confirmLabel={kind === 'approve' ? `Approve into ${VISIBILITY_LABELS[visibility]}` : 'Reject'}
        />
      }
    >
      {kind === 'approve' && (
        <fieldset className="field choice-field">
          <legend className="field-label">Approve into</legend>
          <div className="choices">
            {(['beta', 'release'] as const).map((v) => (
              <label key={v} className={`choice${visibility === v ? ' is-checked' : ''}`}>
                <input type="radio" className="radio" name="approve-into" checked={visibility === v} onChange={() => setVisibility(v)} data-testid={`approve-into-${v}`} />
                <span className="choice-text">
                  <span className="choice-title">{VISIBILITY_LABELS[v]}</span>
                  <span className="choice-desc">{VISIBILITY_HELP[v]}</span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>
      )}
      <Field
        formId="decision"
        name="reason"
        label={kind === 'approve' ? 'Note for the developer (optional)' : 'Reason'}
        hint="The developer receives it by email and sees it under My Apps."
        error={error ?? undefined}
      >
        {(control) => (
          <textarea
            {...control}
            className="input textarea"
            rows={3}
            maxLength={1000}
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              setError(null);
            }}
            data-testid="decision-text"
          />
        )}
      </Field>
    </Modal>
  );
}
