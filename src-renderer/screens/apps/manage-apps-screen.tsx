// Extensions / Manage Apps (#/apps): the acting company's apps — its own (a developer opens them without
// installing) and the ones installed for it — with who made them, what they may do, and Open (the app embedded
// under the console) and Check embedding (the embed checker, for apps of companies the user sees).
import { useEffect, type ReactNode } from 'react';
import type { ManagedApp, ManagedAppAccess } from '../../../src-shared/api/embedded-app-types';
import { OAUTH_SCOPE_TITLES } from '../../../src-shared/domain/oauth-scopes';
import { href } from '../../router/routes';
import { useActions, useApp } from '../../state/store-context';
import { plural } from '../../ui/format';
import { Icon } from '../../ui/icons';
import { Card, PageHeader } from '../../ui/page';
import type { Loadable } from '../../state/loadable';
import { Loaded } from '../../ui/loadable';
import { EmptyState, ErrorState, SkeletonRows } from '../../ui/states';
import { Table } from '../../ui/table';
import { AppCell } from './apps-ui';

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
export function useManagedApps(): { companyId: number | null; list: Loadable<ManagedApp[]> | undefined; reload: () => void } {
  const companyId = useApp((s) => s.session.info?.acting?.id ?? null);
  const list = useApp((s) => (companyId === null ? undefined : s.embeddedApps.lists[companyId]));
  const actions = useActions();
  useEffect(() => {
    if (companyId !== null) void actions.loadManagedApps(companyId);
  }, [actions, companyId]);
  return { companyId, list, reload: () => companyId !== null && void actions.loadManagedApps(companyId) };
}

/** A page about one of the acting company's apps, in the designed states while the apps load or fail. */
export function ManagedAppPage({ appId, loading, children }: { appId: number; loading: ReactNode; children: (app: ManagedApp | null, companyId: number) => ReactNode }) {
  const { companyId, list, reload } = useManagedApps();
  if (companyId === null) return null;
  return (
    <Loaded
      value={list}
      renderError={(message) => (
        <div className="page">
          <ErrorState title="Could not load the apps" message={message} onRetry={reload} />
        </div>
      )}
      loading={loading}
    >
      {(apps) => children(apps.find((a) => a.appId === appId) ?? null, companyId)}
    </Loaded>
  );
}

export function ManageAppsScreen() {
  const acting = useApp((s) => s.session.info?.acting ?? null);
  const { list, reload } = useManagedApps();
  if (!acting) return null;

  return (
    <div className="page" data-testid="manage-apps">
      <PageHeader
        title="Manage Apps"
        subtitle={`Apps ${acting.name} uses. Each opens here in its own sandbox, signed for you and ${acting.name} (UserID, CompanyID and hmac).`}
      />
      <Loaded
        value={list}
        errorTitle="Could not load the apps"
        onRetry={reload}
        loading={<SkeletonRows rows={3} columns={4} />}
        empty={
          <EmptyState icon="puzzle" title={`${acting.name} has no apps yet`} testId="manage-apps-empty">
            <p>An app shows here once it is installed for {acting.name}, or when {acting.name} makes one itself.</p>
            <p className="muted">
              App developers: <code>partnerdeck example-app</code> starts the example embedded app and registers it.
            </p>
          </EmptyState>
        }
      >
        {(apps) => (
          <Card title={plural(apps.length, 'app', 'apps')} flush>
            <Table
              testId="manage-apps-table"
              rows={apps}
              rowKey={(app) => app.appId}
              rowTestId={(app) => `managed-app-${app.appId}`}
              columns={[
                { header: 'App', cell: (app) => <AppCell name={app.name} badge={<AccessBadge access={app.access} />} developer={app.developerCompanyName} email={app.developerEmail} /> },
                {
                  header: 'May',
                  className: 'small',
                  headerClassName: '',
                  cell: (app) => (app.scopes.length === 0 ? <span className="muted">Nothing</span> : app.scopes.map((s) => OAUTH_SCOPE_TITLES[s]).join(', ')),
                },
                {
                  header: 'Opens',
                  className: 'small',
                  headerClassName: '',
                  cell: (app) => (app.startOrigin ? <code>{app.startOrigin}</code> : <span className="muted">Not an embedded app (no Start URL)</span>),
                },
                {
                  header: 'Actions',
                  hiddenHeader: true,
                  className: 'col-actions',
                  cell: (app) => (
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
                  ),
                },
              ]}
            />
          </Card>
        )}
      </Loaded>
    </div>
  );
}
