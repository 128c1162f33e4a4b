// Extensions / My Apps (#/extensions/my-apps): the acting shop's app and theme listings (spec §6, the
// developer's view). Each listing is a product of the shop (sales fields) with its API credentials: Client
// ID, the Shared Secret revealed on demand and rotatable, redirect URIs, the Authorization URL (one of the
// redirect URIs), permissions, Start URL and developer email. From the editor the developer requests the
// operator's approval and, once approved, moves the listing between Beta and Release.
import { useEffect, useState } from 'react';
import type { DeveloperApp } from '../../../src-shared/api/app-store-types';
import { href } from '../../router/routes';
import { navigate } from '../../router/use-route';
import { useActions, useApp } from '../../state/store-context';
import { useActing } from '../../state/use-shop';
import { Loaded } from '../../ui/loadable';
import { Table, type TableColumn } from '../../ui/table';
import { formatDateTime, plural } from '../../ui/format';
import { Icon } from '../../ui/icons';
import { Card, PageHeader } from '../../ui/page';
import { Callout, EmptyState, SkeletonRows } from '../../ui/states';
import { ApprovalBadge, ListingIcon, VisibilityBadge, listingPrice } from './apps-ui';
import { ListingDrawer } from './listing-drawer';
import { SecretOnceDialog } from './listing-side';
import './my-apps-screen.css';
import '../store/products-screen.css';

const MY_APPS_COLUMNS: TableColumn<DeveloperApp>[] = [
  {
    header: 'App',
    cell: (app) => (
      <div className="listing-cell">
        <ListingIcon name={app.name} kind={app.kind} />
        <div>
          <a href={href({ name: 'my-apps', appId: app.id })} onClick={(e) => e.stopPropagation()}>
            <strong>{app.name}</strong>
          </a>
          <div className="muted small">{app.kind === 'theme' ? `Theme · ${app.themeName ?? 'no theme chosen'}` : `App · ${app.clientId}`}</div>
        </div>
      </div>
    ),
  },
  {
    header: 'State',
    cell: (app) => (
      <span className="badge-row">
        <VisibilityBadge visibility={app.visibility} testId={`my-app-${app.id}-visibility`} />
        <ApprovalBadge approval={app.approval} testId={`my-app-${app.id}-approval`} />
        {!app.isActive && <span className="badge">Not for sale</span>}
      </span>
    ),
  },
  { header: 'Price', cell: (app) => listingPrice(app) },
  { header: 'Installs', cell: (app) => app.activeInstalls },
  { header: 'Updated', className: 'muted', headerClassName: '', cell: (app) => formatDateTime(app.updatedAt) },
];

export function MyAppsScreen({ appId }: { appId: number | 'new' | null }) {
  const acting = useActing();
  const list = useApp((s) => (acting ? s.apps.myApps[acting.id] : undefined));
  const actions = useActions();
  const [secret, setSecret] = useState<{ name: string; clientId: string | null; clientSecret: string } | null>(null);

  useEffect(() => {
    if (acting) void actions.loadMyApps(acting.id);
  }, [actions, acting]);
  if (!acting) return null;
  const apps = list?.data ?? null;
  const open = typeof appId === 'number' ? (apps?.find((a) => a.id === appId) ?? null) : null;
  const close = () => navigate({ name: 'my-apps', appId: null });

  return (
    <div className="page" data-testid="my-apps">
      <PageHeader
        title="My Apps"
        subtitle={`Apps and themes ${acting.name} offers in the App Store. Each one is a product of your shop; in Development only you and your related companies see it.`}
        actions={
          <a className="btn btn-primary" href={href({ name: 'my-apps', appId: 'new' })} data-testid="new-listing">
            <Icon name="plus" /> New app or theme
          </a>
        }
      />
      <Loaded
        value={list}
        errorTitle="Could not load your apps"
        onRetry={() => void actions.loadMyApps(acting.id)}
        loading={<SkeletonRows rows={3} columns={5} />}
        empty={
          <EmptyState icon="code" title="No apps yet" testId="my-apps-empty">
            <p>Create an app (an OAuth client, optionally embedded in the console) or a theme. It starts in Development; request approval to list it for everyone.</p>
          </EmptyState>
        }
      >
        {(listings) => (
          <Card title={plural(listings.length, 'listing', 'listings')} flush>
            <Table testId="my-apps-table" rows={listings} rowKey={(app) => app.id} rowClassName={() => 'row-link'} rowTestId={(app) => `my-app-${app.id}`} onRowClick={(app) => navigate({ name: 'my-apps', appId: app.id })} columns={MY_APPS_COLUMNS} />
          </Card>
        )}
      </Loaded>

      {appId === 'new' && (
        <ListingDrawer
          key="new"
          app={null}
          onClose={close}
          onCreated={(created, clientSecret) => {
            if (clientSecret) setSecret({ name: created.name, clientId: created.clientId, clientSecret });
            return () => navigate({ name: 'my-apps', appId: created.id });
          }}
        />
      )}
      {open && <ListingDrawer key={open.id} app={open} onClose={close} onCreated={() => undefined} />}
      {typeof appId === 'number' && apps && !open && (
        <Callout tone="warning" title="Not found" testId="my-app-missing">
          App {appId} is not one of {acting.name}'s listings.
        </Callout>
      )}
      {secret && <SecretOnceDialog {...secret} onClose={() => setSecret(null)} />}
    </div>
  );
}
