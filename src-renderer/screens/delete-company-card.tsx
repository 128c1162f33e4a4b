// "Delete company…" for the managing partner (issue 23 row 2, the console side of the `companies` scope's
// DELETE): the dialog first asks the platform why the company could not be deleted (billing documents, orders,
// clients, apps used elsewhere) and names every reason; when nothing stands in the way, the partner types the
// company's name to confirm, as GitHub asks before deleting a repository.
import { useEffect, useState } from 'react';
import type { Company } from '../../src-shared/api/types';
import { switchCompany } from '../frame/switch-company';
import { navigate } from '../router/use-route';
import { useActions, useApp } from '../state/store-context';
import { Modal } from '../ui/dialog';
import { CancelConfirm } from '../ui/form-footer';
import { messageOf } from '../state/loadable';
import { Card } from '../ui/page';
import { Callout } from '../ui/states';
import './delete-company-card.css';

type Check = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; reasons: string[] };

export function DeleteCompanyCard({ company }: { company: Company }) {
  const [open, setOpen] = useState(false);
  return (
    <Card title="Delete company" testId="delete-company-card">
      <div className="delete-company">
        <p className="muted small">
          Deletes {company.name} with its users, shop data, apps, webhooks and app authorizations. Companies with billing documents or
          orders are kept for billing and cannot be deleted.
        </p>
        <button type="button" className="btn btn-danger-outline" onClick={() => setOpen(true)} data-testid="delete-company">
          Delete company…
        </button>
      </div>
      {open && <DeleteCompanyDialog company={company} onClose={() => setOpen(false)} />}
    </Card>
  );
}

function DeleteCompanyDialog({ company, onClose }: { company: Company; onClose: () => void }) {
  const actions = useActions();
  const isSelf = useApp((s) => s.session.info?.isSelf ?? true);
  const [check, setCheck] = useState<Check>({ status: 'loading' });
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let current = true;
    actions.companyDeletionBlockers(company.id).then(
      (reasons) => current && setCheck({ status: 'ready', reasons }),
      (error: unknown) => current && setCheck({ status: 'error', message: messageOf(error) }),
    );
    return () => {
      current = false;
    };
  }, [actions, company.id]);

  const matches = typed.trim() === company.name.trim();
  const remove = async () => {
    setBusy(true);
    try {
      await actions.deleteCompany(company.id);
    } catch {
      setBusy(false);
      return; // the toast says why; the dialog stays open with what was typed
    }
    onClose();
    if (!isSelf) await switchCompany(actions, null, { name: 'companies' });
    else navigate({ name: 'companies' });
  };

  const blocked = check.status === 'ready' && check.reasons.length > 0;
  return (
    <Modal
      title={`Delete ${company.name}?`}
      onClose={busy ? () => undefined : onClose}
      testId="delete-company-dialog"
      footer={
        blocked || check.status !== 'ready' ? (
          <button type="button" className="btn" onClick={onClose}>
            Close
          </button>
        ) : (
          <CancelConfirm
            onCancel={onClose}
            busy={busy}
            confirmLabel="Delete company"
            confirmClassName="btn btn-danger"
            disabled={!matches}
            onConfirm={() => void remove()}
            confirmTestId="delete-company-confirm"
          />
        )
      }
    >
      {check.status === 'loading' && <p className="muted">Checking what would be deleted…</p>}
      {check.status === 'error' && <Callout tone="danger">{check.message}</Callout>}
      {blocked && (
        <div data-testid="delete-company-blockers">
          <p>{company.name} cannot be deleted:</p>
          <ul>
            {check.reasons.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
          <p className="muted small">To stop managing it instead, end the partner relation: the company keeps its data.</p>
        </div>
      )}
      {check.status === 'ready' && !blocked && (
        <>
          <p>
            {company.name} and everything it has — users, products, customers, apps, webhooks, app authorizations and their tokens — are
            deleted for good. Its users can no longer sign in. This cannot be undone.
          </p>
          <label className="field">
            <span className="field-label">
              Type <strong>{company.name}</strong> to confirm
            </span>
            <input
              className="input"
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
              autoComplete="off"
              spellCheck={false}
              data-autofocus
              data-testid="delete-company-name"
            />
          </label>
        </>
      )}
    </Modal>
  );
}
