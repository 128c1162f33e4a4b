// Webhooks → Private networks (platform operator only): webhooks go to public and loopback addresses; private,
// shared and special-purpose ranges are refused unless the operator allows a part of one here (a staging
// server on the office network). Allowing is one field checked by the platform (a field error names the
// problem); taking a range back asks first, because hooks registered to it stop being sent to at once. Every
// change is audit-logged; the CLI's `partnerdeck webhooks private-networks` does the same.
import './webhook-private-networks.css';
import { useEffect, useState } from 'react';
import type { PrivateNetworksView } from '../../src-shared/api/webhook-delivery-types';
import { useActions, useApp } from '../state/store-context';
import { ConfirmDialog } from '../ui/dialog';
import { errorText, FieldError } from '../ui/fields';
import { Icon } from '../ui/icons';
import { Card } from '../ui/page';
import { ErrorState, SkeletonRows } from '../ui/states';
import { useForm } from '../ui/use-form';
import { Form } from '../ui/form';

type AllowForm = { allow: string };

const noClientErrors = () => ({});

export function PrivateNetworksCard() {
  const view = useApp((s) => s.webhooks.privateNetworks);
  const actions = useActions();
  useEffect(() => {
    void actions.loadPrivateNetworks();
  }, [actions]);
  return (
    <Card
      testId="webhook-private-networks"
      title="Private networks"
      description="Webhooks go to public addresses and to this computer (127.0.0.1, ::1). Private, shared and link-local addresses and the cloud metadata services are refused, at registration and at every connection. As the platform operator you may allow parts of the private ranges."
    >
      {view.status === 'error' && !view.data ? (
        <ErrorState message={view.error} onRetry={() => void actions.loadPrivateNetworks()} />
      ) : !view.data ? (
        <SkeletonRows rows={2} columns={2} />
      ) : (
        <PrivateNetworksEditor view={view.data} />
      )}
    </Card>
  );
}

function PrivateNetworksEditor({ view }: { view: PrivateNetworksView }) {
  const actions = useActions();
  const form = useForm<AllowForm>('private-networks', { allow: '' }, noClientErrors, { leaveGuard: 'Private networks' });
  const [removing, setRemoving] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const raw = form.error('allow');
  const error = raw ? errorText('Range', raw) : undefined;
  const allow = () =>
    form.submit(async ({ allow: range }) => {
      await actions.changePrivateNetworks({ allow: [range] });
      form.reset({ allow: '' });
    });
  const takeBack = async () => {
    if (!removing) return;
    setBusy(true);
    try {
      await actions.changePrivateNetworks({ disallow: [removing] });
      setRemoving(null);
    } catch {
      // The toast says why; the dialog stays open.
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      {view.allowedRanges.length === 0 ? (
        <p className="muted" data-testid="private-networks-none">
          No private range is allowed.
        </p>
      ) : (
        <table className="table" data-testid="private-networks-list">
          <thead>
            <tr>
              <th>Allowed range</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {view.allowedRanges.map((range) => (
              <tr key={range} data-testid="private-network">
                <td className="wh-range">{range}</td>
                <td className="col-actions">
                  <button type="button" className="btn btn-small btn-ghost" onClick={() => setRemoving(range)} data-testid="private-network-remove">
                    <Icon name="trash" /> Take back
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Form className="wh-networks-form" noValidate data-testid="private-networks-form" onSubmit={allow}>
        <label htmlFor="private-networks-allow" className="strong">
          Allow a range
        </label>
        <span className="wh-networks-row">
          <input
            id="private-networks-allow"
            className={`input wh-range${error ? ' is-invalid' : ''}`}
            placeholder="10.20.0.0/16"
            value={form.values.allow}
            spellCheck={false}
            autoComplete="off"
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'private-networks-allow-error' : 'private-networks-allowable'}
            data-form={form.id}
            data-field="allow"
            data-testid="input-allow"
            onChange={(e) => form.setValue('allow', e.target.value)}
          />
          <button type="submit" className="btn" disabled={form.values.allow.trim() === '' || form.submitting} data-testid="private-networks-allow">
            <Icon name="plus" /> Allow
          </button>
        </span>
        <FieldError formId={form.id} field="allow" message={error} />
        <p className="small muted" id="private-networks-allowable">
          A CIDR range or one address inside {view.allowableRanges.join(', ')}. Each change is recorded in the audit log with your name.
        </p>
      </Form>
      {removing && (
        <ConfirmDialog title={`Take back ${removing}?`} confirmLabel="Take back" danger busy={busy} onCancel={() => setRemoving(null)} onConfirm={() => void takeBack()}>
          <p>Webhooks registered to addresses in {removing} are not sent any more from now on: their attempts fail as refused, and new hooks to it are refused.</p>
        </ConfirmDialog>
      )}
    </>
  );
}
