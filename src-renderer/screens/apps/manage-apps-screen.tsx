// Extensions / Manage Apps (#/apps): the acting company's apps — its own (a developer opens them without
// installing) and the ones installed for it — with who made them, what they may do, and Open (the app embedded
// under the console) and Check embedding (the embed checker, for apps of companies the user sees).
import { useEffect } from 'react';
import type { ManagedApp, ManagedAppAccess } from '../../../src-shared/api/embedded-app-types';
import { OAUTH_SCOPE_TITLES } from '../../../src-shared/domain/oauth-scopes';
import { href } from '../../router/routes';
import { useActions, useApp } from '../../state/store-context';
import { plural } from '../../ui/format';
import { Icon } from '../../ui/icons';
import { Card, PageHeader } from '../../ui/page';
import { EmptyState, ErrorState, SkeletonRows } from '../../ui/states';

export const ACCESS_LABELS: Record<ManagedAppAccess, string> = { own: 'Your app', installed: 'Installed', authorized: 'Installed' };
const ACCESS_TITLES: Record<ManagedAppAccess, string> = {
  own: 'An app of this company: you open it here without installing it',
  installed: 'Installed from the App Store',
  authorized: 'Installed: the company approved it on the platform consent page',
};

export function AccessBadge({ access }: { access: ManagedAppAccess }) {
  return (
    <span className={`badge ${access === 'own' ? 'badge-you' : 'badge-accepted'}`} title={ACCESS_TITLES[access]} data-testid={`access-${access}`}>
      {ACCESS_LABELS[access]}
    </span>
  );
}

/** Loads the acting company's apps once and gives them back (shared by the three screens). */
export function useManagedApps(): { companyId: number | null; apps: ManagedApp[] | null; status: string; error: string | null; reload: () => void } {
  const companyId = useApp((s) => s.session.info?.acting?.id ?? null);
  const list = useApp((s) => (companyId === null ? undefined : s.embeddedApps.lists[companyId]));
  const actions = useActions();
  useEffect(() => {
    if (companyId !== null) void actions.loadManagedApps(companyId);
  }, [actions, companyId]);
  return {
    companyId,
    apps: list?.data ?? null,
    status: list?.status ?? 'idle',
    error: list?.error ?? null,
    reload: () => companyId !== null && void actions.loadManagedApps(companyId),
  };
}

export function ManageAppsScreen() {
  const acting = useApp((s) => s.session.info?.acting ?? null);
  const { apps, status, error, reload } = useManagedApps();
  if (!acting) return null;

  return (
    <div className="page" data-testid="manage-apps">
      <PageHeader
        title="Manage Apps"
        subtitle={`Apps ${acting.name} uses. Each opens here in its own sandbox, signed for you and ${acting.name} (UserID, CompanyID and hmac).`}
      />
      {status === 'error' && !apps ? (
        <ErrorState title="Could not load the apps" message={error} onRetry={reload} />
      ) : !apps ? (
        <SkeletonRows rows={3} columns={4} />
      ) : apps.length === 0 ? (
        <EmptyState icon="puzzle" title={`${acting.name} has no apps yet`} testId="manage-apps-empty">
          <p>An app shows here once it is installed for {acting.name}, or when {acting.name} makes one itself.</p>
          <p className="muted">
            App developers: <code>partnerdeck example-app</code> starts the example embedded app and registers it.
          </p>
        </EmptyState>
      ) : (
        <Card title={plural(apps.length, 'app', 'apps')} flush>
          <table className="table" data-testid="manage-apps-table">
            <thead>
              <tr>
                <th scope="col">App</th>
                <th scope="col">May</th>
                <th scope="col">Opens</th>
                <th scope="col" className="col-actions">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {apps.map((app) => (
                <tr key={app.appId} data-testid={`managed-app-${app.appId}`}>
                  <td>
                    <div className="row-title">
                      <strong>{app.name}</strong> <AccessBadge access={app.access} />
                    </div>
                    <div className="muted small">
                      by {app.developerCompanyName}
                      {app.developerEmail && ` · ${app.developerEmail}`}
                    </div>
                  </td>
                  <td className="small">{app.scopes.length === 0 ? <span className="muted">Nothing</span> : app.scopes.map((s) => OAUTH_SCOPE_TITLES[s]).join(', ')}</td>
                  <td className="small">
                    {app.startOrigin ? <code>{app.startOrigin}</code> : <span className="muted">Not an embedded app (no Start URL)</span>}
                  </td>
                  <td className="col-actions">
                    <div className="row-actions">
                      {app.canCheck && app.startUrl && (
                        <a className="btn btn-small" href={href({ name: 'app-check', appId: app.appId })} data-testid={`check-${app.appId}`}>
                          <Icon name="shield" size={14} /> Check embedding
                        </a>
                      )}
                      {app.startUrl && (
                        <a className="btn btn-primary btn-small" href={href({ name: 'app', appId: app.appId })} data-testid={`open-${app.appId}`}>
                          Open
                        </a>
                      )}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      )}
    </div>
  );
}
