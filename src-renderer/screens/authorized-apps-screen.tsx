// Company / Authorized apps (#/company/apps): the apps the acting company has allowed to reach its data
// through the API, with their scopes in plain words, who granted them and when, and Revoke (with
// confirmation), which ends every token the app holds for the company.
import { useEffect, useState } from 'react';
import type { AuthorizedApp } from '../../src-shared/api/oauth-types';
import { OAUTH_SCOPE_LABELS, OAUTH_SCOPE_TITLES } from '../../src-shared/domain/oauth-scopes';
import { href } from '../router/routes';
import { useActions, useApp } from '../state/store-context';
import { ConfirmDialog } from '../ui/dialog';
import { formatDateTime, plural } from '../ui/format';
import { Icon } from '../ui/icons';
import { Card, PageHeader } from '../ui/page';
import { EmptyState, ErrorState, SkeletonRows } from '../ui/states';

export function AuthorizedAppsScreen() {
  const acting = useApp((s) => s.session.info?.acting ?? null);
  const list = useApp((s) => (acting ? s.oauth.authorizations[acting.id] : undefined));
  const actions = useActions();
  const [revoking, setRevoking] = useState<AuthorizedApp | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (acting) void actions.loadAuthorizations(acting.id);
  }, [actions, acting]);

  if (!acting) return null;
  const apps = list?.data ?? null;

  const revoke = async () => {
    if (!revoking) return;
    setBusy(true);
    try {
      await actions.revokeAuthorization(revoking);
      setRevoking(null);
    } catch {
      // Shown as a toast.
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="page" data-testid="authorized-apps">
      <PageHeader
        title="Authorized apps"
        subtitle={`Apps ${acting.name} has allowed to reach its data through the platform API. Revoking one ends every token it holds for ${acting.name}.`}
      />
      {list?.status === 'error' && !apps ? (
        <ErrorState title="Could not load the authorized apps" message={list.error} onRetry={() => void actions.loadAuthorizations(acting.id)} />
      ) : !apps ? (
        <SkeletonRows rows={3} columns={4} />
      ) : apps.length === 0 ? (
        <EmptyState
          icon="key"
          title={`No apps can reach ${acting.name}`}
          testId="authorized-apps-empty"
          actions={
            <a className="btn" href={href({ name: 'developer' })}>
              <Icon name="code" /> Connect an app
            </a>
          }
        >
          <p>An app appears here once one of your users approves it on the platform's consent page.</p>
        </EmptyState>
      ) : (
        <Card title={plural(apps.length, 'app', 'apps')} flush>
          <table className="table" data-testid="authorized-apps-table">
            <thead>
              <tr>
                <th scope="col">App</th>
                <th scope="col">May</th>
                <th scope="col">Granted</th>
                <th scope="col" className="col-actions">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {apps.map((app) => (
                <tr key={app.id} data-testid={`authorized-app-${app.appId}`}>
                  <td>
                    <strong>{app.appName}</strong>
                    <div className="muted small">
                      by {app.developerCompanyName}
                      {app.developerEmail && ` · ${app.developerEmail}`}
                    </div>
                    <div className="muted small">
                      Client ID <code>{app.clientId}</code>
                    </div>
                  </td>
                  <td>
                    <ul className="scope-lines">
                      {app.scopes.map((scope) => (
                        <li key={scope}>
                          <strong>{OAUTH_SCOPE_TITLES[scope]}</strong>
                          <span className="muted">{OAUTH_SCOPE_LABELS[scope]}</span>
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td className="granted">
                    <div>{app.grantedBy}</div>
                    <div className="muted small">{formatDateTime(app.grantedAt)}</div>
                    {app.updatedAt !== app.grantedAt && <div className="muted small">updated {formatDateTime(app.updatedAt)}</div>}
                  </td>
                  <td className="col-actions">
                    <button type="button" className="btn btn-danger-outline btn-small" onClick={() => setRevoking(app)} data-testid={`revoke-${app.appId}`}>
                      Revoke
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      )}

      {revoking && (
        <ConfirmDialog
          title={`Revoke ${revoking.appName}?`}
          confirmLabel="Revoke access"
          danger
          busy={busy}
          onCancel={() => setRevoking(null)}
          onConfirm={() => void revoke()}
        >
          <p>
            {revoking.appName} loses access to {revoking.companyName} at once: its access and refresh tokens stop working, and it can only come back
            if someone approves it again.
          </p>
        </ConfirmDialog>
      )}
    </div>
  );
}
