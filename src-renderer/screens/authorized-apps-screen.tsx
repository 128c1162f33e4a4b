// Company / Authorized apps (#/company/apps): the apps the acting company has allowed to reach its data
// through the API, with their scopes in plain words, who granted them and when, and Revoke (with
// confirmation), which ends every token the app holds for the company.
import { useEffect } from 'react';
import type { AuthorizedApp } from '../../src-shared/api/oauth-types';
import { OAUTH_SCOPE_LABELS, OAUTH_SCOPE_TITLES } from '../../src-shared/domain/oauth-scopes';
import { href } from '../router/routes';
import { useActions, useApp } from '../state/store-context';
import { ConfirmActionDialog } from '../ui/dialog';
import { formatDateTime, plural } from '../ui/format';
import { Icon } from '../ui/icons';
import { Card, PageHeader } from '../ui/page';
import { EmptyState, SkeletonRows } from '../ui/states';
import { Loaded } from '../ui/loadable';
import { Table } from '../ui/table';
import { useConfirmedAction } from '../ui/use-action';
import type { OAuthChaosAction } from '../state/dev-tools-slice';
import { AppCell } from './apps/apps-ui';
import './authorized-apps-screen.css';

const CHAOS_LABELS: Record<OAuthChaosAction, string> = {
  'expire-access-token': 'Expire access token now',
  'revoke-refresh-family': 'Revoke refresh tokens',
  'replay-rotated-refresh-token': 'Replay last rotated refresh token',
};

const CHAOS_EFFECTS: Record<OAuthChaosAction, (app: string) => string> = {
  'expire-access-token': (app) => `${app}'s access token expires at once: its next API call gets 401 "access token expired"; refreshing still works.`,
  'revoke-refresh-family': (app) => `Every token ${app} holds here stops: API calls get 401 and a refresh gets invalid_grant, until someone approves it again.`,
  'replay-rotated-refresh-token': (app) =>
    `The platform answers as if ${app}'s already rotated refresh token came back: a reuse, so every token of the grant is revoked and its current refresh token gets invalid_grant.`,
};

export function AuthorizedAppsScreen() {
  const acting = useApp((s) => s.session.info?.acting ?? null);
  const list = useApp((s) => (acting ? s.oauth.authorizations[acting.id] : undefined));
  const actions = useActions();
  const revoke = useConfirmedAction((app: AuthorizedApp) => actions.revokeAuthorization(app));
  const chaos = useConfirmedAction(({ app, action }: { app: AuthorizedApp; action: OAuthChaosAction }) => actions.runOAuthChaos(action, app.appId, app.companyId));

  useEffect(() => {
    if (acting) void actions.loadAuthorizations(acting.id);
  }, [actions, acting]);

  if (!acting) return null;

  return (
    <div className="page" data-testid="authorized-apps">
      <PageHeader
        title="Authorized apps"
        subtitle={`Apps ${acting.name} has allowed to reach its data through the platform API. Revoking one ends every token it holds for ${acting.name}.`}
      />
      <Loaded
        value={list}
        errorTitle="Could not load the authorized apps"
        onRetry={() => void actions.loadAuthorizations(acting.id)}
        loading={<SkeletonRows rows={3} columns={4} />}
        empty={
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
        }
      >
        {(apps) => (
          <Card title={plural(apps.length, 'app', 'apps')} flush>
            <Table
              testId="authorized-apps-table"
              rows={apps}
              rowKey={(app) => app.id}
              rowTestId={(app) => `authorized-app-${app.appId}`}
              columns={[
                { header: 'App', cell: (app) => <AppCell name={app.appName} developer={app.developerCompanyName} email={app.developerEmail} clientId={app.clientId} /> },
                {
                  header: 'May',
                  cell: (app) => (
                    <ul className="scope-lines">
                      {app.scopes.map((scope) => (
                        <li key={scope}>
                          <strong>{OAUTH_SCOPE_TITLES[scope]}</strong>
                          <span className="muted">{OAUTH_SCOPE_LABELS[scope]}</span>
                        </li>
                      ))}
                    </ul>
                  ),
                },
                {
                  header: 'Granted',
                  className: 'granted',
                  headerClassName: '',
                  cell: (app) => (
                    <>
                      <div>{app.grantedBy}</div>
                      <div className="muted small">{formatDateTime(app.grantedAt)}</div>
                      {app.updatedAt !== app.grantedAt && <div className="muted small">updated {formatDateTime(app.updatedAt)}</div>}
                    </>
                  ),
                },
                {
                  header: 'Actions',
                  hiddenHeader: true,
                  className: 'col-actions',
                  cell: (app) => (
                    <span className="chaos-actions">
                      <select
                        className="input select btn-small"
                        value=""
                        aria-label={`Simulate an OAuth failure for ${app.appName}`}
                        title="OAuth chaos: make this app's tokens fail now, to see how the app copes (shown in API requests)"
                        onChange={(e) => {
                          if (e.target.value) chaos.ask({ app, action: e.target.value as OAuthChaosAction });
                        }}
                        data-testid={`chaos-${app.appId}`}
                      >
                        <option value="">Simulate…</option>
                        {(Object.keys(CHAOS_LABELS) as OAuthChaosAction[]).map((action) => (
                          <option key={action} value={action}>
                            {CHAOS_LABELS[action]}
                          </option>
                        ))}
                      </select>
                      <button type="button" className="btn btn-danger-outline btn-small" onClick={() => revoke.ask(app)} data-testid={`revoke-${app.appId}`}>
                        Revoke
                      </button>
                    </span>
                  ),
                },
              ]}
            />
          </Card>
        )}
      </Loaded>

      <ConfirmActionDialog action={chaos} title={({ app, action }) => `${CHAOS_LABELS[action]} for ${app.appName}?`} confirmLabel="Do it now" danger>
        {({ app, action }) => <p>{CHAOS_EFFECTS[action](app.appName)} Watch it under API requests.</p>}
      </ConfirmActionDialog>
      <ConfirmActionDialog action={revoke} title={(app) => `Revoke ${app.appName}?`} confirmLabel="Revoke access" danger>
        {(app) => (
          <p>
            {app.appName} loses access to {app.companyName} at once: its access and refresh tokens stop working, and it can only come back if someone
            approves it again.
          </p>
        )}
      </ConfirmActionDialog>
    </div>
  );
}
