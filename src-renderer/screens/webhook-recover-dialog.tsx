// "Recover failed…" on the Webhooks screen (issue 19 item 2): the console's side of `partnerdeck webhooks recover`
// (everything still queued since a time sent again as replays, counted before it is confirmed).
import { useEffect, useId, useMemo, useState } from 'react';
import type { WebhookRecovery } from '../../src-shared/api/webhook-delivery-types';
import { formatDuration } from '../../src-shared/domain/durations';
import { useActions } from '../state/store-context';
import { Modal } from '../ui/dialog';
import { CancelConfirm } from '../ui/form-footer';
import { formatCount, formatDateTime } from '../ui/format';
import { Callout, Spinner } from '../ui/states';
import { errorsOf, FieldMessage, type Errors } from './webhook-dev-fields';

/** A platform time as the value of a datetime-local input (local wall time, to the second). */
function toLocalInput(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

const PRESETS: { label: string; ms: number }[] = [
  { label: 'Last hour', ms: 3_600_000 },
  { label: 'Last 24 hours', ms: 86_400_000 },
  { label: 'Last 7 days', ms: 7 * 86_400_000 },
];

export function RecoverDialog({ hooks, platformNow, onClose }: { hooks: { id: number; label: string }[]; platformNow: number; onClose: () => void }) {
  const actions = useActions();
  const id = useId();
  // The platform clock's now when the dialog opened (it may run days ahead of this computer's).
  const [openedAt] = useState(platformNow);
  const [since, setSince] = useState(() => toLocalInput(openedAt - 86_400_000));
  const [webhookId, setWebhookId] = useState<number | null>(null);
  const [preview, setPreview] = useState<WebhookRecovery | null>(null);
  const [errors, setErrors] = useState<Errors>({});
  const [counting, setCounting] = useState(false);
  const [busy, setBusy] = useState(false);
  const sinceIso = useMemo(() => {
    const at = Date.parse(since);
    return since.trim() === '' || Number.isNaN(at) ? null : new Date(at).toISOString();
  }, [since]);

  useEffect(() => {
    if (sinceIso === null) {
      setPreview(null);
      setErrors({ since: 'is required: a date and time' });
      return;
    }
    let current = true;
    setCounting(true);
    const timer = setTimeout(() => {
      actions
        .previewRecovery(sinceIso, webhookId)
        .then((p) => {
          if (!current) return;
          setPreview(p);
          setErrors({});
        })
        .catch((error: unknown) => {
          if (!current) return;
          setPreview(null);
          setErrors(errorsOf(error));
        })
        .finally(() => current && setCounting(false));
    }, 200);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [actions, sinceIso, webhookId]);

  async function recover() {
    if (sinceIso === null || !preview || preview.events === 0) return;
    setBusy(true);
    try {
      await actions.recoverWebhooks(sinceIso, webhookId);
      onClose();
    } catch (error) {
      setErrors(errorsOf(error));
    } finally {
      setBusy(false);
    }
  }

  const hookLabel = new Map(hooks.map((h) => [h.id, h.label]));
  const count = preview?.events ?? 0;
  return (
    <Modal
      title="Recover failed deliveries"
      onClose={onClose}
      testId="wh-recover-dialog"
      size="medium"
      footer={
        <CancelConfirm
          onCancel={onClose}
          busy={busy}
          confirmIcon="replay"
          disabled={counting || preview === null || count === 0}
          confirmLabel={preview && count > 0 ? `Send ${formatCount(count)} event${count === 1 ? '' : 's'} again` : 'Send again'}
          onConfirm={() => void recover()}
          confirmTestId="wh-recover-confirm"
        />
      }
    >
      <p className="modal-lead">
        Every event created since the time below that was never delivered — its attempts failed, it waits behind a blocked app, or its hook was deactivated — goes out again
        now as a replay with the same webhook-id, in order. Deactivated hooks stay deactivated. Same as <code>partnerdeck webhooks recover</code>.
      </p>
      <div className="wh-dev-form">
        <label className="field-label" htmlFor={`${id}-since`}>
          Since <span className="muted">(platform time; now {formatDateTime(new Date(openedAt).toISOString())})</span>
        </label>
        <div className="wh-dev-since">
          <input
            id={`${id}-since`}
            type="datetime-local"
            step={1}
            className="input"
            value={since}
            data-autofocus
            aria-invalid={errors.since !== undefined}
            aria-describedby={`${id}-since-msg`}
            data-testid="wh-recover-since"
            onChange={(e) => setSince(e.target.value)}
          />
          {PRESETS.map((p) => (
            <button type="button" key={p.label} className="btn btn-small btn-ghost" onClick={() => setSince(toLocalInput(openedAt - p.ms))} data-testid={`wh-recover-preset-${p.ms}`}>
              {p.label}
            </button>
          ))}
        </div>
        <FieldMessage id={id} field="since" errors={errors} hint={sinceIso ? `${formatDuration(Math.max(0, openedAt - Date.parse(sinceIso)))} before the platform's now.` : undefined} />

        <label className="field-label" htmlFor={`${id}-hook`}>
          Hook <span className="muted">(optional)</span>
        </label>
        <select
          id={`${id}-hook`}
          className="input select"
          value={webhookId ?? ''}
          data-testid="wh-recover-hook"
          onChange={(e) => setWebhookId(e.target.value === '' ? null : Number(e.target.value))}
        >
          <option value="">Every hook ({formatCount(hooks.length)})</option>
          {hooks.map((h) => (
            <option key={h.id} value={h.id}>
              {h.label}
            </option>
          ))}
        </select>
        <FieldMessage id={id} field="webhookId" errors={errors} />
      </div>
      <div className="wh-dev-preview" role="status" aria-live="polite" data-testid="wh-recover-preview">
        {counting && preview === null ? (
          <span className="muted">
            <Spinner size={14} /> Counting…
          </span>
        ) : errors.form ? (
          <Callout tone="danger">{errors.form}</Callout>
        ) : preview === null ? null : count === 0 ? (
          <span>Nothing to send again: every event since then was delivered.</span>
        ) : (
          <>
            <strong data-testid="wh-recover-count">
              {formatCount(count)} event{count === 1 ? '' : 's'} will be sent again
            </strong>
            {counting && <Spinner size={14} />}
            <ul className="wh-dev-hooks">
              {preview.hooks.slice(0, 8).map((h) => (
                <li key={h.webhookId}>
                  <span className="wh-dev-url-text">{hookLabel.get(h.webhookId) ?? `Hook ${h.webhookId}`}</span>
                  <span className="muted">
                    {formatCount(h.events)}
                    {h.isActive ? '' : ' · deactivated (stays so)'}
                  </span>
                </li>
              ))}
              {preview.hooks.length > 8 && <li className="muted">and {formatCount(preview.hooks.length - 8)} more hooks</li>}
            </ul>
          </>
        )}
      </div>
    </Modal>
  );
}
