// Beside the editor of an existing listing: its credentials (Client ID, the Shared Secret revealed on demand,
// rotation with a grace period) and its approval (request, Beta/Release); the secret shown once after it was made.
import { useState } from 'react';
import type { DeveloperApp } from '../../../src-shared/api/app-store-types';
import { VISIBILITY_HELP } from '../../../src-shared/domain/app-store';
import { useActions } from '../../state/store-context';
import { CopyButton } from '../../ui/copy-button';
import { ConfirmDialog, Modal } from '../../ui/dialog';
import { Field } from '../../ui/fields';
import { CancelConfirm } from '../../ui/form-footer';
import { useAction } from '../../ui/use-action';
import { formatDateTime } from '../../ui/format';
import { Icon } from '../../ui/icons';
import { Card } from '../../ui/page';
import { Callout } from '../../ui/states';
import { ApprovalBadge, VisibilityBadge } from './apps-ui';
import './my-apps-screen.css';
import '../store/products-screen.css';

/** The shared secret in clear, right after it was made (create or rotate). */
export function SecretOnceDialog({ name, clientId, clientSecret, onClose }: { name: string; clientId: string | null; clientSecret: string; onClose: () => void }) {
  return (
    <Modal
      title={`API credentials of ${name}`}
      onClose={onClose}
      testId="secret-dialog"
      size="medium"
      footer={
        <button type="button" className="btn btn-primary" onClick={onClose} data-autofocus>
          Done
        </button>
      }
    >
      <p>Put these into your app's configuration. You can reveal the shared secret again later under My Apps; it is stored encrypted.</p>
      <dl className="facts">
        {clientId && (
          <div>
            <dt>Client ID</dt>
            <dd>
              <code>{clientId}</code> <CopyButton value={clientId} />
            </dd>
          </div>
        )}
        <div>
          <dt>Shared secret</dt>
          <dd>
            <code data-testid="secret-once">{clientSecret}</code> <CopyButton value={clientSecret} />
          </dd>
        </div>
      </dl>
    </Modal>
  );
}
/** How long a rotated-out secret keeps working (Svix's default is 24 hours; at most 7 days). */
const GRACE_CHOICES: [number, string][] = [
  [0, 'stops working now'],
  [3_600, 'keeps working for 1 hour'],
  [86_400, 'keeps working for 24 hours'],
  [3 * 86_400, 'keeps working for 3 days'],
  [7 * 86_400, 'keeps working for 7 days'],
];
const DEFAULT_GRACE_SECONDS = 86_400;

/** Beside the form of an existing listing: credentials (reveal, rotate) and approval (request, Beta/Release). */
export function ListingSide({ app }: { app: DeveloperApp }) {
  const actions = useActions();
  const [revealed, setRevealed] = useState<string | null>(null);
  const [confirmRotate, setConfirmRotate] = useState(false);
  const [graceSeconds, setGraceSeconds] = useState(DEFAULT_GRACE_SECONDS);
  const [rotated, setRotated] = useState<string | null>(null);
  const [requesting, setRequesting] = useState(false);
  const [message, setMessage] = useState('');
  // One action at a time: every button waits while one runs.
  const action = useAction((fn: () => Promise<unknown>) => fn());
  const { busy, run } = action;
  const request = app.latestRequest;

  return (
    <div className="listing-side">
      {app.kind === 'app' && (
        <Card title="Client credentials" testId="credentials-card">
          <dl className="facts">
            <div>
              <dt>Client ID</dt>
              <dd>
                <code data-testid="client-id">{app.clientId}</code> <CopyButton value={app.clientId ?? ''} />
              </dd>
            </div>
            <div>
              <dt>Shared secret</dt>
              <dd>
                {revealed ? (
                  <>
                    <code data-testid="client-secret">{revealed}</code> <CopyButton value={revealed} />{' '}
                    <button type="button" className="btn btn-small" onClick={() => setRevealed(null)}>
                      Hide
                    </button>
                  </>
                ) : (
                  <>
                    <code aria-label="hidden">••••••••••••••••</code>{' '}
                    <button type="button" className="btn btn-small" disabled={busy} data-testid="reveal-secret" onClick={() => void run(async () => setRevealed(await actions.revealSecret(app.companyId, app.id)))}>
                      Reveal
                    </button>
                  </>
                )}{' '}
                <button type="button" className="btn btn-small btn-danger-outline" disabled={busy} data-testid="rotate-secret" onClick={() => setConfirmRotate(true)}>
                  Rotate…
                </button>
                {app.secretRotatedAt && <div className="muted small">Rotated {formatDateTime(app.secretRotatedAt)}</div>}
                {app.previousSecretValidUntil && (
                  <div className="muted small" data-testid="previous-secret-grace">
                    The previous secret works until {formatDateTime(app.previousSecretValidUntil)} (webhooks carry both signatures)
                  </div>
                )}
              </dd>
            </div>
          </dl>
        </Card>
      )}

      <Card title="App Store approval" testId="approval-card">
        <p>
          <VisibilityBadge visibility={app.visibility} /> <ApprovalBadge approval={app.approval} testId="approval-status" />
        </p>
        <p className="muted small">{VISIBILITY_HELP[app.visibility]}.</p>
        {request?.decision === 'rejected' && (
          <Callout tone="danger" title="Rejected by the operator" testId="rejection-reason">
            {request.reason}
          </Callout>
        )}
        {request?.decision === 'approved' && request.reason && <p className="small">Note from the operator: {request.reason}</p>}
        {app.approval === 'pending' && <p className="small">Requested {formatDateTime(request?.requestedAt)}; the operator decides.</p>}
        {Object.keys(app.readiness).length > 0 && app.approval !== 'approved' && (
          <ul className="small readiness" data-testid="readiness">
            {Object.entries(app.readiness).map(([field, text]) => (
              <li key={field}>{text}</li>
            ))}
          </ul>
        )}
        {(app.approval === 'none' || app.approval === 'rejected') && (
          <button type="button" className="btn btn-primary" disabled={busy || Object.keys(app.readiness).length > 0} data-testid="request-approval" onClick={() => setRequesting(true)}>
            <Icon name="send" /> Request approval
          </button>
        )}
        {app.approval === 'approved' && (
          <button
            type="button"
            className="btn"
            disabled={busy}
            data-testid="toggle-visibility"
            onClick={() => void run(() => actions.setListingVisibility(app.companyId, app.id, app.visibility === 'beta' ? 'release' : 'beta'))}
          >
            {app.visibility === 'beta' ? 'End the Beta: move to Release' : 'Back to Beta'}
          </button>
        )}
      </Card>

      {confirmRotate && (
        <ConfirmDialog
          title={`Rotate the shared secret of ${app.name}?`}
          confirmLabel="Rotate secret"
          danger
          busy={busy}
          onCancel={() => setConfirmRotate(false)}
          onConfirm={() =>
            void run(async () => {
              const result = await actions.rotateSecret(app.companyId, app.id, graceSeconds);
              setConfirmRotate(false);
              setRevealed(null);
              setRotated(result.clientSecret);
            })
          }
        >
          <Field formId="rotate-secret" name="graceSeconds" label="The current secret" hint={graceSeconds === 0 ? 'For a leaked secret: apps still using it fail at once.' : 'Meanwhile both secrets authenticate the app, and webhooks carry two signatures (new and old) in webhook-signature; the payload hash uses the new secret.'}>
            {(control) => (
              <select {...control} className="input select" value={graceSeconds} onChange={(e) => setGraceSeconds(Number(e.target.value))} data-testid="rotate-grace">
                {GRACE_CHOICES.map(([seconds, label]) => (
                  <option key={seconds} value={seconds}>
                    {label}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <p className="small">Tokens already issued stay valid. The new secret is shown once, next.</p>
        </ConfirmDialog>
      )}
      {rotated && <SecretOnceDialog name={app.name} clientId={app.clientId} clientSecret={rotated} onClose={() => setRotated(null)} />}
      {requesting && (
        <Modal
          title={`Request approval of ${app.name}`}
          onClose={() => setRequesting(false)}
          testId="request-dialog"
          footer={
            <CancelConfirm
              onCancel={() => setRequesting(false)}
              busy={busy}
              confirmLabel="Send to the operator"
              confirmTestId="send-request"
              onConfirm={() =>
                void run(async () => {
                  await actions.requestApproval(app.companyId, app.id, message);
                  setRequesting(false);
                })
              }
            />
          }
        >
          <p>The platform operator reviews the listing and approves it into Beta (free for everyone) or Release (bought), or tells you what to change.</p>
          <Field formId="approval-request" name="message" label="Note for the operator (optional)">
            {(control) => <textarea {...control} className="input textarea" rows={3} value={message} maxLength={1000} onChange={(e) => setMessage(e.target.value)} data-testid="request-message" />}
          </Field>
        </Modal>
      )}
    </div>
  );
}
