// The foundation area in the renderer: the overview, a partner's clients (companies, new company, a client's
// page, partner requests), the acting company's own settings, users and partner relation, and the outbox —
// with the slices behind them and the pushed events that keep them current.
import { allowIf, defineRendererArea, isPath, OPEN, positiveInt, refreshLater, routeDef, selfOnly } from '../../area';
import { useApp } from '../../state/store-context';
import { createBrandingSlice, type BrandingActions, type BrandingState } from '../../state/branding-slice';
import { createCompaniesSlice, type CompaniesActions, type CompaniesState } from '../../state/companies-slice';
import { createOutboxSlice, unreadCount, type OutboxActions, type OutboxState } from '../../state/outbox-slice';
import { createRequestsSlice, type RequestsActions, type RequestsState } from '../../state/requests-slice';
import { createUsersSlice, type UsersActions, type UsersState } from '../../state/users-slice';
import { CountBadge } from '../../ui/badges';
import { OverviewScreen } from '../../screens/overview-screen';

declare module '../../state/store' {
  interface AreaSlices {
    companies: { state: CompaniesState; actions: CompaniesActions };
    users: { state: UsersState; actions: UsersActions };
    requests: { state: RequestsState; actions: RequestsActions };
    outbox: { state: OutboxState; actions: OutboxActions };
    branding: { state: BrandingState; actions: BrandingActions };
  }
}

export const FOUNDATION_ROUTES = {
  overview: routeDef({ parse: (p) => (p.length === 0 ? {} : null), path: () => '/' }),
  companies: routeDef({ parse: (p) => (isPath(p, 'companies') ? {} : null), path: () => '/companies' }),
  'company-new': routeDef({ parse: (p) => (isPath(p, 'companies', 'new') ? {} : null), path: () => '/companies/new' }),
  /** A client's page as seen from Self: its details, or its users (`add`: the add-user form open). */
  company: routeDef<{ companyId: number; tab: 'details' | 'users'; addUser: boolean }>({
    parse(p, query) {
      const companyId = positiveInt(p[1]);
      if (p[0] !== 'companies' || companyId === null) return null;
      if (p.length === 2) return { companyId, tab: 'details', addUser: false };
      if (p.length === 3 && p[2] === 'users') return { companyId, tab: 'users', addUser: query.get('add') === '1' };
      return null;
    },
    path: (r) => (r.tab === 'users' ? `/companies/${r.companyId}/users${r.addUser ? '?add=1' : ''}` : `/companies/${r.companyId}`),
    keepOnSwitch: () => false,
  }),
  'partner-requests': routeDef({ parse: (p) => (isPath(p, 'partner-requests') ? {} : null), path: () => '/partner-requests' }),
  'company-settings': routeDef({ parse: (p) => (isPath(p, 'company', 'settings') ? {} : null), path: () => '/company/settings' }),
  'company-users': routeDef<{ addUser: boolean }>({
    parse: (p, query) => (isPath(p, 'company', 'users') ? { addUser: query.get('add') === '1' } : null),
    path: (r) => `/company/users${r.addUser ? '?add=1' : ''}`,
  }),
  'company-partner': routeDef({ parse: (p) => (isPath(p, 'company', 'partner') ? {} : null), path: () => '/company/partner' }),
  /** The platform operator's settings for the whole platform (the white-label CNAME target). */
  'platform-settings': routeDef({ parse: (p) => (isPath(p, 'operator', 'platform-settings') ? {} : null), path: () => '/operator/platform-settings' }),
  outbox: routeDef<{ messageId: number | null }>({
    parse(p) {
      if (isPath(p, 'outbox')) return { messageId: null };
      const messageId = positiveInt(p[1]);
      return p.length === 2 && p[0] === 'outbox' && messageId !== null ? { messageId } : null;
    },
    path: (r) => (r.messageId === null ? '/outbox' : `/outbox/${r.messageId}`),
  }),
};

function PendingRequestsBadge() {
  const homeId = useApp((s) => s.session.info?.home?.id ?? null);
  const pending = useApp((s) => (s.requests.list.data ?? []).filter((r) => r.status === 'pending' && r.partnerId === homeId).length);
  return <CountBadge count={pending} label={`${pending} pending`} testId="pending-requests-count" />;
}

function UnreadBadge() {
  const unread = useApp((s) => unreadCount(s.outbox.list.data));
  return <CountBadge count={unread} label={`${unread} unread`} testId="outbox-unread-count" />;
}

export const foundationArea = defineRendererArea({
  name: 'foundation',
  screenModule: () => import('./screens'),
  routes: FOUNDATION_ROUTES,
  // The overview is the first screen of every launch: in the start-up bundle, not in the screens chunk.
  startScreens: ['overview'],
  screens: (S) => ({
    overview: () => <OverviewScreen />,
    companies: () => <S.CompaniesScreen />,
    'company-new': () => <S.CompanyNewScreen />,
    company: (r) => <S.ClientCompanyScreen key={r.companyId} companyId={r.companyId} tab={r.tab} addUser={r.addUser} />,
    'partner-requests': () => <S.PartnerRequestsScreen />,
    'company-settings': () => <S.CompanySettingsScreen />,
    'company-users': (r) => <S.UsersScreen addUser={r.addUser} />,
    'company-partner': () => <S.CompanyPartnerScreen />,
    outbox: (r) => <S.OutboxScreen messageId={r.messageId} />,
    'platform-settings': () => <S.PlatformSettingsScreen />,
  }),
  access: {
    companies: (_r, caps) => selfOnly(caps.clients, caps),
    'company-new': (_r, caps) => selfOnly(caps.clients, caps),
    company: (_r, caps) => selfOnly(caps.clients, caps),
    'partner-requests': (_r, caps) => selfOnly(caps.clients, caps),
    'company-settings': (_r, caps) => allowIf(caps.companySettings),
    'company-users': (_r, caps) => allowIf(caps.users),
    'platform-settings': (_r, caps) => allowIf(caps.appReview),
    'company-partner': (_r, caps) => (caps.partnerRelation ? OPEN : caps.isPartnerUser && caps.isSelf ? { ok: false, reason: 'client-only' } : { ok: false, reason: 'permission' }),
  },
  nav: [
    { section: 'home', order: 0, route: { name: 'overview' }, icon: 'overview', label: 'Overview', testId: 'nav-overview' },
    { section: 'clients', order: 0, route: { name: 'companies' }, icon: 'buildings', label: 'Companies', testId: 'nav-companies', show: (caps) => caps.clients, activeFor: (r) => r.name === 'companies' || r.name === 'company' },
    { section: 'operator', order: 9, route: { name: 'platform-settings' }, icon: 'settings', label: 'Platform settings', testId: 'nav-platform-settings', show: (caps) => caps.appReview },
    { section: 'clients', order: 2, route: { name: 'company-new' }, icon: 'plus', label: 'New company', testId: 'nav-new-company', show: (caps) => caps.clients },
    { section: 'clients', order: 3, route: { name: 'partner-requests' }, icon: 'handshake', label: 'Partner requests', testId: 'nav-partner-requests', show: (caps) => caps.clients, badge: () => <PendingRequestsBadge /> },
    { section: 'company', order: 0, route: { name: 'company-settings' }, icon: 'settings', label: 'Company settings', testId: 'nav-company-settings', show: (caps) => caps.companySettings },
    { section: 'company', order: 1, route: { name: 'company-users', addUser: false }, icon: 'users', label: 'Users & permissions', testId: 'nav-users', show: (caps) => caps.users },
    { section: 'company', order: 2, route: { name: 'company-partner' }, icon: 'handshake', label: 'Partner', testId: 'nav-partner', show: (caps) => caps.partnerRelation },
    { section: 'platform', order: 0, route: { name: 'outbox', messageId: null }, icon: 'inbox', label: 'Outbox', testId: 'nav-outbox', badge: () => <UnreadBadge /> },
  ],
  slices: { companies: createCompaniesSlice, users: createUsersSlice, requests: createRequestsSlice, outbox: createOutboxSlice, branding: createBrandingSlice },
  onEvent(event, store) {
    const s = store.getState();
    const a = s.actions;
    switch (event.name) {
      case 'company.created':
        refreshLater(store, 'company-lists', () => a.refreshCompanyLists());
        refreshLater(store, 'switcher', () => void a.loadSwitcher());
        return;
      case 'company.updated': {
        const { companyId } = event.payload;
        if (s.companies.details[companyId]) refreshLater(store, `company:${companyId}`, () => void a.loadCompany(companyId));
        const info = s.session.info;
        // The brand's partner changed its admin domain: the session carries it.
        if (info && (info.acting?.id === companyId || info.home?.id === companyId || info.brand?.partnerId === companyId)) {
          refreshLater(store, 'session', () => void a.loadSession());
        }
        refreshLater(store, 'company-lists', () => a.refreshCompanyLists());
        refreshLater(store, 'switcher', () => void a.loadSwitcher());
        return;
      }
      case 'company.deleted':
        a.companyDeleted(event.payload.companyId);
        return;
      case 'branding.changed': {
        const { companyId } = event.payload;
        // The session's brand carries the logo's version; the top bar loads a changed logo from it.
        refreshLater(store, 'session', () => void a.loadSession());
        for (const id of Object.keys(s.branding.whiteLabels).map(Number)) {
          if (companyId === null || id === companyId) refreshLater(store, `white-label:${id}`, () => void a.loadWhiteLabel(id));
        }
        return;
      }
      case 'user.changed': {
        const { companyId } = event.payload;
        if (s.users.byCompany[companyId]) refreshLater(store, `users:${companyId}`, () => void a.loadUsers(companyId));
        refreshLater(store, 'company-lists', () => a.refreshCompanyLists());
        refreshLater(store, 'candidates', () => void a.loadCandidates());
        return;
      }
      case 'partner_request.changed':
        if (s.requests.list.status !== 'idle') refreshLater(store, 'requests', () => void a.loadRequests());
        // An accepted request adds a client; an ended one removes it.
        refreshLater(store, 'company-lists', () => a.refreshCompanyLists());
        refreshLater(store, 'switcher', () => void a.loadSwitcher());
        return;
      case 'outbox.added':
        refreshLater(store, 'outbox', () => void a.loadOutbox());
        return;
    }
  },
});
