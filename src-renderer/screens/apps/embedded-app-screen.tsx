// Extensions / Manage Apps / <App> (#/apps/12): the app embedded under the console, opened with its Start URL
// signed for the signed-in user and the acting company. The header says which origin it runs on and that it is
// sandboxed; Reload loads it again (a fresh signature), Check embedding opens the embed checker.
import { useState } from 'react';
import { href } from '../../router/routes';
import { Icon } from '../../ui/icons';
import { PageHeader } from '../../ui/page';
import type { ManagedApp } from '../../../src-shared/api/embedded-app-types';
import { EmptyState, SkeletonBlock } from '../../ui/states';
import { EmbedSurface } from './embed-surface';
import { AccessBadge, ManagedAppPage } from './manage-apps-screen';

export function EmbeddedAppScreen({ appId }: { appId: number }) {
  const back = { href: href({ name: 'apps' }), label: 'Manage Apps' };
  return (
    <ManagedAppPage
      appId={appId}
      loading={
        <div className="page page-fill">
          <PageHeader title="Opening app…" back={back} />
          <SkeletonBlock height={320} />
        </div>
      }
    >
      {(app, companyId) =>
        app && app.startUrl ? (
          <EmbeddedApp app={app} companyId={companyId} back={back} />
        ) : (
          <div className="page">
            <PageHeader title="App" back={back} />
            <EmptyState icon="puzzle" title={app ? `${app.name} is not an embedded app` : 'This app is not among your apps'} testId="embedded-app-missing">
              <p>{app ? 'It has no Start URL, so there is nothing to open here.' : `App ${appId} is not installed for this company.`}</p>
            </EmptyState>
          </div>
        )
      }
    </ManagedAppPage>
  );
}

function EmbeddedApp({ app, companyId, back }: { app: ManagedApp; companyId: number; back: { href: string; label: string } }) {
  const [reloadKey, setReloadKey] = useState(0);
  const appId = app.appId;
  return (
    <div className="page page-fill embedded-app-page" data-testid="embedded-app">
      <PageHeader
        back={back}
        title={app.name}
        badges={
          <>
            <AccessBadge access={app.access} />
            <span className="badge badge-neutral badge-origin" title="The app runs in its own sandbox: it cannot reach the console, navigate it, or use your camera, microphone or location." data-testid="embedded-app-origin">
              <Icon name="shield" size={11} /> Sandboxed · {app.startOrigin}
            </span>
          </>
        }
        subtitle={`by ${app.developerCompanyName}`}
        actions={
          <>
            {app.canCheck && (
              <a className="btn" href={href({ name: 'app-check', appId })} data-testid="embedded-app-check">
                <Icon name="shield" /> Check embedding
              </a>
            )}
            <button type="button" className="btn" onClick={() => setReloadKey((k) => k + 1)} data-testid="embedded-app-reload">
              <Icon name="refresh" /> Reload
            </button>
          </>
        }
      />
      <EmbedSurface appId={appId} companyId={companyId} slot="main" title={app.name} reloadKey={reloadKey} className="embed-surface-main" testId="embed-surface" />
    </div>
  );
}
