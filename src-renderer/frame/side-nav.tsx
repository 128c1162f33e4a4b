// The left navigation: only what the acting company's users could see (by the session's permissions);
// store items are shown but locked while acting as Self.
import { useEffect, useId, type ReactNode } from 'react';
import { formatDuration } from '../../src-shared/domain/durations';
import { href, type Route, type StoreList } from '../router/routes';
import type { StoreArea } from '../state/capabilities';
import { useActions, useApp } from '../state/store-context';
import { unreadCount } from '../state/outbox-slice';
import { useCapabilities } from '../state/use-capabilities';
import { CountBadge } from '../ui/badges';
import { Icon, type IconName } from '../ui/icons';

/** Which store lists each navigation item covers (Audience and Content have tabs). */
const NAV_LISTS: Partial<Record<StoreList, StoreList[]>> = {
  products: ['products'],
  categories: ['categories'],
  orders: ['orders'],
  customers: ['customers'],
  subscribers: ['subscribers', 'accessGroups', 'groupMembers', 'newsletterRecipients'],
  themes: ['themes', 'files'],
};

function isActive(current: Route, item: Route): boolean {
  if (item.name === 'store') return current.name === 'store' && (NAV_LISTS[item.list] ?? [item.list]).includes(current.list);
  if (current.name === item.name) return true;
  if (item.name === 'companies' && current.name === 'company') return true;
  if (item.name === 'apps' && (current.name === 'app' || current.name === 'app-check')) return true;
  if (item.name === 'billing' && (current.name === 'billing-month' || current.name === 'billing-document')) return true;
  return false;
}

const STORE_ITEMS: { area: StoreArea; route: Route; icon: IconName; label: string; testId: string }[] = [
  { area: 'dashboard', route: { name: 'store-dashboard' }, icon: 'chart', label: 'Dashboard', testId: 'nav-store-dashboard' },
  { area: 'products', route: { name: 'store', list: 'products', item: null }, icon: 'box', label: 'Products', testId: 'nav-products' },
  { area: 'products', route: { name: 'store', list: 'categories', item: null }, icon: 'tag', label: 'Categories', testId: 'nav-categories' },
  { area: 'orders', route: { name: 'store', list: 'orders', item: null }, icon: 'receipt', label: 'Orders', testId: 'nav-orders' },
  { area: 'customers', route: { name: 'store', list: 'customers', item: null }, icon: 'users', label: 'Customers', testId: 'nav-customers' },
  { area: 'audience', route: { name: 'store', list: 'subscribers', item: null }, icon: 'megaphone', label: 'Audience', testId: 'nav-audience' },
  { area: 'content', route: { name: 'store', list: 'themes', item: null }, icon: 'palette', label: 'Content', testId: 'nav-content' },
  { area: 'storefront', route: { name: 'storefront' }, icon: 'cart', label: 'Storefront', testId: 'nav-storefront' },
  { area: 'settings', route: { name: 'shop-settings' }, icon: 'store', label: 'Shop settings', testId: 'nav-shop-settings' },
];

function NavItem({ route, current, icon, label, testId, badge }: { route: Route; current: Route; icon: IconName; label: string; testId: string; badge?: ReactNode }) {
  const active = isActive(current, route);
  return (
    <a href={href(route)} className={`nav-item${active ? ' is-active' : ''}`} aria-current={active ? 'page' : undefined} data-testid={testId}>
      <Icon name={icon} />
      <span className="nav-label">{label}</span>
      {badge}
    </a>
  );
}

export const STORE_LOCKED_TEXT = "Store functions work inside a client's shop. Switch to a client (Ctrl+K)";

function LockedNavItem({ icon, label, testId }: { icon: IconName; label: string; testId: string }) {
  const tipId = useId();
  return (
    <span
      className="nav-item is-disabled has-tooltip"
      role="link"
      aria-disabled="true"
      tabIndex={0}
      aria-describedby={tipId}
      data-testid={testId}
      data-tooltip={STORE_LOCKED_TEXT}
    >
      <Icon name={icon} />
      <span className="nav-label">{label}</span>
      <Icon name="lock" size={13} className="icon nav-lock" />
      <span id={tipId} role="tooltip" className="tooltip">
        {STORE_LOCKED_TEXT}
      </span>
    </span>
  );
}

/** Shown once the platform clock was moved: how far ahead it runs (the Webhooks screen moves it). */
function PlatformClockNote() {
  const offset = useApp((s) => s.webhooks.clock.data?.offsetMs ?? 0);
  const status = useApp((s) => s.webhooks.clock.status);
  const actions = useActions();
  useEffect(() => {
    if (status === 'idle') void actions.loadClock();
  }, [status, actions]);
  if (offset <= 0) return null;
  return (
    <div className="nav-footer-clock" data-testid="nav-clock-offset" title="The platform clock was moved forward (it never moves back)">
      <Icon name="clock" size={12} /> Clock +{formatDuration(offset)}
    </div>
  );
}

export function SideNav({ route }: { route: Route }) {
  const caps = useCapabilities();
  const unread = useApp((s) => unreadCount(s.outbox.list.data));
  const homeId = useApp((s) => s.session.info?.home?.id ?? null);
  const pendingRequests = useApp((s) => (s.requests.list.data ?? []).filter((r) => r.status === 'pending' && r.partnerId === homeId).length);
  const reviewPending = useApp((s) => s.apps.reviewPending);
  const { loadReviewPending } = useActions();
  const userId = useApp((s) => s.session.info?.user?.id ?? null);
  useEffect(() => {
    if (caps.appReview) void loadReviewPending();
  }, [caps.appReview, userId, loadReviewPending]);
  const version = typeof __PARTNERDECK_VERSION__ === 'string' ? __PARTNERDECK_VERSION__ : '';

  return (
    <nav className="sidenav" aria-label="Main">
      <div className="nav-section">
        <NavItem route={{ name: 'overview' }} current={route} icon="overview" label="Overview" testId="nav-overview" />
      </div>

      {caps.store && (
        <div className="nav-section" data-testid="nav-store">
          <div className="nav-heading">Store</div>
          {STORE_ITEMS.filter((i) => caps.storeAreas[i.area]).map((i) =>
            caps.storeAvailable ? (
              <NavItem key={i.testId} route={i.route} current={route} icon={i.icon} label={i.label} testId={i.testId} />
            ) : (
              <LockedNavItem key={i.testId} icon={i.icon} label={i.label} testId={i.testId} />
            ),
          )}
        </div>
      )}

      {caps.clients && (
        <div className="nav-section">
          <div className="nav-heading">Clients</div>
          <NavItem route={{ name: 'companies' }} current={route} icon="buildings" label="Companies" testId="nav-companies" />
          {(caps.sales || caps.salesProducts) && (
            <NavItem route={{ name: 'sales', tab: caps.sales ? 'overview' : 'products' }} current={route} icon="barChart" label="Sales" testId="nav-sales" />
          )}
          <NavItem route={{ name: 'company-new' }} current={route} icon="plus" label="New company" testId="nav-new-company" />
          <NavItem
            route={{ name: 'partner-requests' }}
            current={route}
            icon="handshake"
            label="Partner requests"
            testId="nav-partner-requests"
            badge={<CountBadge count={pendingRequests} label={`${pendingRequests} pending`} testId="pending-requests-count" />}
          />
        </div>
      )}

      {(caps.companySettings || caps.users || caps.partnerRelation || caps.authorizedApps || caps.billing) && (
        <div className="nav-section">
          <div className="nav-heading">Company</div>
          {caps.companySettings && (
            <NavItem route={{ name: 'company-settings' }} current={route} icon="settings" label="Company settings" testId="nav-company-settings" />
          )}
          {caps.users && (
            <NavItem route={{ name: 'company-users', addUser: false }} current={route} icon="users" label="Users & permissions" testId="nav-users" />
          )}
          {caps.partnerRelation && (
            <NavItem route={{ name: 'company-partner' }} current={route} icon="handshake" label="Partner" testId="nav-partner" />
          )}
          {caps.billing && <NavItem route={{ name: 'billing', tab: 'months' }} current={route} icon="receipt" label="Billing" testId="nav-billing" />}
          {caps.authorizedApps && (
            <NavItem route={{ name: 'company-apps' }} current={route} icon="key" label="Authorized apps" testId="nav-company-apps" />
          )}
        </div>
      )}

      {(caps.manageApps || caps.appStore) && (
        <div className="nav-section" data-testid="nav-extensions">
          <div className="nav-heading">Extensions</div>
          {caps.manageApps && <NavItem route={{ name: 'apps' }} current={route} icon="puzzle" label="Manage Apps" testId="nav-manage-apps" />}
          {caps.appStore && <NavItem route={{ name: 'app-store', tab: 'browse' }} current={route} icon="sparkle" label="App Store" testId="nav-app-store" />}
          {caps.appStore &&
            (caps.myApps ? (
              <NavItem route={{ name: 'my-apps', appId: null }} current={route} icon="code" label="My Apps" testId="nav-my-apps" />
            ) : (
              <LockedNavItem icon="code" label="My Apps" testId="nav-my-apps" />
            ))}
        </div>
      )}

      {caps.appReview && (
        <div className="nav-section" data-testid="nav-operator">
          <div className="nav-heading">Platform operator</div>
          <NavItem
            route={{ name: 'app-review' }}
            current={route}
            icon="shield"
            label="App review"
            testId="nav-app-review"
            badge={<CountBadge count={reviewPending ?? 0} label={`${reviewPending ?? 0} waiting for review`} testId="review-pending-count" />}
          />
          {!caps.billing && <NavItem route={{ name: 'billing', tab: 'rates' }} current={route} icon="receipt" label="Billing rates" testId="nav-billing-rates" />}
        </div>
      )}

      <div className="nav-section">
        <div className="nav-heading">Local platform</div>
        <NavItem
          route={{ name: 'outbox', messageId: null }}
          current={route}
          icon="inbox"
          label="Outbox"
          testId="nav-outbox"
          badge={<CountBadge count={unread} label={`${unread} unread`} testId="outbox-unread-count" />}
        />
        <NavItem route={{ name: 'developer' }} current={route} icon="code" label="Developer" testId="nav-developer" />
        {caps.webhooks && <NavItem route={{ name: 'webhooks', webhookId: null }} current={route} icon="webhook" label="Webhooks" testId="nav-webhooks" />}
        {caps.webhooks && <NavItem route={{ name: 'api-log' }} current={route} icon="route" label="API requests" testId="nav-api-log" />}
      </div>

      <div className="nav-footer" title="PartnerDeck runs a complete copy of the platform on this machine; emails land in the outbox.">
        <div className="nav-footer-row">
          <Icon name="shield" size={13} /> Local platform
          {version && <span className="nav-version">v{version}</span>}
        </div>
        <div className="nav-footer-note">Nothing leaves this machine</div>
        <PlatformClockNote />
      </div>
    </nav>
  );
}
