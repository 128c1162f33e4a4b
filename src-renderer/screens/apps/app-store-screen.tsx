// Extensions / App Store (#/extensions/store): browse and search the listings the acting company may see
// (Development ones only from its related companies), Beta badges and prices; Install opens a dialog that
// says what installing costs for the chosen company (the Beta-free rule, a Release purchase), installs, and
// for apps with an Authorization URL offers the platform's consent page with the app's permissions as scope.
// A partner as Self installs for one of its clients. The Installed tab lists the apps installed for (or
// authorized by) the company — as Self: for every client — with Uninstall.
import { useCallback, useEffect, useState } from 'react';
import type { InstallResult, InstalledApp, StoreListing } from '../../../src-shared/api/app-store-types';
import { CHARGE_LABELS } from '../../../src-shared/domain/app-store';
import { OAUTH_SCOPE_TITLES } from '../../../src-shared/domain/oauth-scopes';
import { href } from '../../router/routes';
import { useActions, useApp } from '../../state/store-context';
import { useLatestLoad } from '../../state/use-latest-load';
import { ConfirmActionDialog, Modal } from '../../ui/dialog';
import { CancelConfirm } from '../../ui/form-footer';
import { Loaded } from '../../ui/loadable';
import { Table } from '../../ui/table';
import { useAction, useConfirmedAction } from '../../ui/use-action';
import { formatDateTime, plural } from '../../ui/format';
import { Icon } from '../../ui/icons';
import { formatMoney } from '../../ui/money';
import { Card, PageHeader, Tabs } from '../../ui/page';
import { FilterSelect, SearchBox } from '../../ui/search-box';
import { SearchPicker } from '../../ui/search-picker';
import { Callout, EmptyState, SkeletonRows, Spinner } from '../../ui/states';
import { ListingIcon, VisibilityBadge, listingPrice } from './apps-ui';
import './app-store-screen.css';

export function AppStoreScreen({ tab }: { tab: 'browse' | 'installed' }) {
  const acting = useApp((s) => s.session.info?.acting ?? null);
  const isSelfPartner = useApp((s) => Boolean(s.session.info?.isSelf && s.session.info.acting?.isPartner));
  if (!acting) return null;
  return (
    <div className="page" data-testid="app-store">
      <PageHeader
        title="App Store"
        subtitle={
          isSelfPartner
            ? `Apps and themes for your clients' shops. Install one for a client; Beta apps are free, and stay free for those who install them during Beta.`
            : `Apps and themes for ${acting.name}. Beta apps are free, and stay free for those who install them during Beta.`
        }
      />
      <Tabs
        tabs={[
          { href: href({ name: 'app-store', tab: 'browse' }), label: 'Browse', active: tab === 'browse', testId: 'store-tab-browse' },
          { href: href({ name: 'app-store', tab: 'installed' }), label: 'Installed', active: tab === 'installed', testId: 'store-tab-installed' },
        ]}
      />
      {tab === 'browse' ? <Browse /> : <Installed />}
    </div>
  );
}

function Browse() {
  const acting = useApp((s) => s.session.info?.acting ?? null);
  const query = useApp((s) => s.apps.storeQuery);
  const list = useApp((s) => s.apps.store);
  const actions = useActions();
  const [installing, setInstalling] = useState<StoreListing | null>(null);
  useEffect(() => {
    void actions.loadAppStore();
  }, [actions, acting?.id]);

  return (
    <>
      <div className="toolbar">
        <SearchBox value={query.search} onSearch={(search) => actions.setStoreQuery({ search })} placeholder="Search apps, themes, developers…" label="Search the App Store" testId="store-search" />
        <FilterSelect
          label="Kind"
          value={query.kind}
          options={[
            { value: 'any', label: 'Apps and themes' },
            { value: 'app', label: 'Apps' },
            { value: 'theme', label: 'Themes' },
          ]}
          onChange={(kind) => actions.setStoreQuery({ kind })}
          testId="store-kind"
        />
        {list.refreshing && <Spinner size={14} label="Loading" />}
      </div>
      <Loaded
        value={list}
        errorTitle="Could not load the App Store"
        onRetry={() => void actions.loadAppStore()}
        loading={<SkeletonRows rows={4} columns={3} />}
        empty={
          <EmptyState icon="search" title={query.search ? `Nothing matches “${query.search}”` : 'The App Store is empty'} testId="store-empty">
            <p>Developers list apps under Extensions → My Apps; once the platform operator approves them, they appear here.</p>
          </EmptyState>
        }
      >
        {(listings) => (
          <div className="listing-grid" data-testid="store-listings">
            {listings.map((listing) => (
              <article key={listing.id} className="listing-card" data-testid={`listing-${listing.id}`}>
                <header className="listing-card-head">
                  <ListingIcon name={listing.name} kind={listing.kind} />
                  <div className="listing-card-title">
                    <h3>{listing.name}</h3>
                    <div className="muted small">
                      {listing.kind === 'theme' ? 'Theme' : listing.embedded ? 'Embedded app' : 'App'} · by {listing.developerName}
                    </div>
                  </div>
                  {listing.visibility !== 'release' && <VisibilityBadge visibility={listing.visibility} testId={`listing-${listing.id}-badge`} />}
                </header>
                <p className="listing-card-text">{listing.description || <span className="muted">No description.</span>}</p>
                {listing.scopes.length > 0 && <p className="muted small">May use: {listing.scopes.map((s) => OAUTH_SCOPE_TITLES[s]).join(', ')}</p>}
                {listing.installedFor.length > 0 && (
                  <p className="small" data-testid={`listing-${listing.id}-installed`}>
                    <Icon name="checkCircle" size={13} /> Installed for {listing.installedFor.map((c) => c.companyName).join(', ')}
                  </p>
                )}
                <footer className="listing-card-foot">
                  <strong className="listing-price" data-testid={`listing-${listing.id}-price`}>
                    {listing.isOwn ? 'Your own listing' : listingPrice(listing)}
                  </strong>
                  <button type="button" className="btn btn-primary btn-small" onClick={() => setInstalling(listing)} data-testid={`install-${listing.id}`}>
                    Install…
                  </button>
                </footer>
              </article>
            ))}
          </div>
        )}
      </Loaded>
      {installing && <InstallDialog listing={installing} onClose={() => setInstalling(null)} />}
    </>
  );
}

/** Choose the company (a partner as Self: one of its clients), see what it costs, install, then consent. */
function InstallDialog({ listing, onClose }: { listing: StoreListing; onClose: () => void }) {
  const info = useApp((s) => s.session.info);
  const actions = useActions();
  const asPartner = Boolean(info?.isSelf && info.acting?.isPartner);
  // A partner picks one of its clients by typing (the server sends the first matches of 5,000, not all).
  const [chosen, setChosen] = useState<{ id: number; name: string } | null>(null);
  const companyId = asPartner ? (chosen?.id ?? null) : (info?.acting?.id ?? null);
  const search = useCallback(async (text: string) => {
    const found = await actions.searchClients(text);
    return found.map((c) => ({ key: c.id, label: c.name, sub: [c.city, c.country].filter(Boolean).join(', '), value: c }));
  }, [actions]);
  const [result, setResult] = useState<InstallResult | null>(null);
  const quoted = useLatestLoad(companyId === null ? null : () => actions.quoteInstall(listing.id, companyId), [actions, listing.id, companyId]);
  const quote = quoted.data;
  const install = useAction(async (into: number) => setResult(await actions.installApp(listing.id, into)));
  const busy = install.busy;

  if (result) {
    const order = result.purchaseOrder;
    return (
      <Modal
        title={`${listing.name} is installed`}
        onClose={onClose}
        testId="install-done"
        footer={
          <>
            {result.authorizeUrl && (
              <a className="btn btn-primary" href={result.authorizeUrl} target="_blank" rel="noreferrer" data-testid="open-authorization" onClick={onClose}>
                <Icon name="external" /> Continue to the app's authorization
              </a>
            )}
            <button type="button" className="btn" onClick={onClose} data-autofocus>
              Done
            </button>
          </>
        }
      >
        <p>
          {listing.name} was installed for <strong>{result.installed.companyName}</strong>
          {result.installed.scopes.length > 0 && <> with the permissions {result.installed.scopes.map((s) => OAUTH_SCOPE_TITLES[s]).join(', ')}</>}.
        </p>
        {order && (
          <p data-testid="purchase-order">
            Bought for {formatMoney(order.grossMinor, order.currency)}: order #{order.number} in {listing.developerName}'s shop.
          </p>
        )}
        {result.authorizeUrl ? (
          <p className="muted small">The app receives its authorization code at its Authorization URL once the consent is confirmed on the platform's page.</p>
        ) : (
          result.authorizePath && <p className="muted small">Start the platform server to run the app's authorization (its Authorization URL receives the code).</p>
        )}
      </Modal>
    );
  }

  return (
    <Modal
      title={`Install ${listing.name}`}
      onClose={onClose}
      testId="install-dialog"
      size="medium"
      footer={
        <CancelConfirm
          onCancel={onClose}
          busy={busy}
          disabled={!quote?.canInstall}
          onConfirm={() => companyId !== null && void install.run(companyId)}
          confirmTestId="confirm-install"
          confirmLabel={quote?.charge === 'purchase' && quote.amount ? `Buy for ${formatMoney(quote.amount.grossMinor, quote.amount.currency)}` : 'Install'}
        />
      }
    >
      {asPartner &&
        (chosen ? (
          <div className="field">
            <span className="field-label">Install for</span>
            <span className="install-chosen">
              <span className="chip chip-removable" data-testid="install-company-chosen">
                {chosen.name}
                <button type="button" className="chip-remove" aria-label="Choose another client" onClick={() => setChosen(null)} disabled={busy} data-testid="install-company-clear">
                  <Icon name="x" size={11} />
                </button>
              </span>
            </span>
          </div>
        ) : (
          <SearchPicker<{ id: number; name: string }>
            label="Install for"
            placeholder="Search your clients by name…"
            search={search}
            onPick={(c) => setChosen({ id: c.id, name: c.name })}
            hint="A partner installs apps and themes for its clients' shops."
            testId="install-company"
            autoFocus
          />
        ))}
      {quoted.status === 'error' && <Callout tone="danger">{quoted.error}</Callout>}
      {quoted.status === 'loading' && <Spinner label="Checking the price" />}
      {quote && (
        <div data-testid="install-quote">
          <p>
            <strong>{CHARGE_LABELS[quote.charge]}</strong>
            {quote.amount && (
              <>
                : {formatMoney(quote.amount.netMinor, quote.amount.currency)} + VAT {formatMoney(quote.amount.vatMinor, quote.amount.currency)} ={' '}
                <strong>{formatMoney(quote.amount.grossMinor, quote.amount.currency)}</strong>, paid once to {listing.developerName}
              </>
            )}
          </p>
          {quote.reason && (
            <Callout tone="warning" testId="install-refused">
              {quote.reason}
            </Callout>
          )}
          {quote.runsAuthorization && quote.canInstall && (
            <p className="muted small">Installing grants the app its permissions for {quote.companyName} and then opens the platform's consent page, which sends the app its authorization code.</p>
          )}
        </div>
      )}
    </Modal>
  );
}

function Installed() {
  const list = useApp((s) => s.apps.installed);
  const acting = useApp((s) => s.session.info?.acting ?? null);
  const actions = useActions();
  const uninstall = useConfirmedAction((app: InstalledApp) => actions.uninstallApp(app));
  useEffect(() => {
    void actions.loadInstalled();
  }, [actions, acting?.id]);

  return (
    <Loaded
      value={list}
      errorTitle="Could not load the installed apps"
      onRetry={() => void actions.loadInstalled()}
      loading={<SkeletonRows rows={3} columns={5} />}
      empty={
        <EmptyState icon="sparkle" title="Nothing installed yet" testId="installed-empty">
          <p>Install apps and themes from the Browse tab.</p>
        </EmptyState>
      }
    >
      {(apps) => (
        <Card title={plural(apps.length, 'installed app', 'installed apps')} flush>
          <Table
            testId="installed-table"
            rows={apps}
            rowKey={(app) => `${app.appId}:${app.companyId}`}
            rowTestId={(app) => `installed-${app.appId}-${app.companyId}`}
            columns={[
              {
                header: 'App',
                cell: (app) => (
                  <div className="listing-cell">
                    <ListingIcon name={app.name} kind={app.kind} />
                    <div>
                      <strong>{app.name}</strong> {app.installedDuringBeta && <span className="badge badge-beta">Beta install</span>}
                      <div className="muted small">by {app.developerName}</div>
                    </div>
                  </div>
                ),
              },
              { header: 'Company', cell: (app) => app.companyName },
              {
                header: 'How',
                className: 'small',
                headerClassName: '',
                cell: (app) => (
                  <>
                    {app.source === 'authorization' ? 'Authorized through OAuth' : app.charge ? CHARGE_LABELS[app.charge] : ''}
                    {app.purchaseOrder && (
                      <div className="muted">
                        Order #{app.purchaseOrder.number} · {formatMoney(app.purchaseOrder.grossMinor, app.purchaseOrder.currency)}
                      </div>
                    )}
                  </>
                ),
              },
              {
                header: 'Installed',
                className: 'small',
                headerClassName: '',
                cell: (app) => (
                  <>
                    {formatDateTime(app.installedAt)}
                    <div className="muted">{app.installedBy}</div>
                  </>
                ),
              },
              {
                header: 'Actions',
                hiddenHeader: true,
                className: 'col-actions',
                cell: (app) => (
                  <button type="button" className="btn btn-danger-outline btn-small" onClick={() => uninstall.ask(app)} data-testid={`uninstall-${app.appId}-${app.companyId}`}>
                    Uninstall
                  </button>
                ),
              },
            ]}
          />
          <ConfirmActionDialog action={uninstall} title={(app) => `Uninstall ${app.name}?`} confirmLabel="Uninstall" danger>
            {(app) => (
              <p>
                {app.name} loses access to {app.companyName} at once: its tokens stop working and it is notified (app/uninstalled).
                {app.kind === 'theme' && ' The installed copy of the theme is removed.'}
                {app.charge === 'purchase' && ' Reinstalling later is free: it was bought.'}
              </p>
            )}
          </ConfirmActionDialog>
        </Card>
      )}
    </Loaded>
  );
}
