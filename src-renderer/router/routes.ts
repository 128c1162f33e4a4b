// The console's screens as hash routes (`#/companies/12/users?add=1`): parsing and formatting, no DOM.
import { SHOP_ENTITIES, SHOP_ENTITY_KEYS, type ShopEntity } from '../../src-shared/api/shop-entities';

/** The shop's lists under Store, each with its path below `#/store/` (the entity table's consolePath). */
export const STORE_LISTS = Object.fromEntries(SHOP_ENTITY_KEYS.map((e) => [e, SHOP_ENTITIES[e].consolePath])) as { readonly [E in ShopEntity]: string };
export type StoreList = keyof typeof STORE_LISTS;

/** The tabs of the Billing screen. */
export const BILLING_TABS = ['months', 'documents', 'prices', 'rates'] as const;
export type BillingTab = (typeof BILLING_TABS)[number];

/** The tabs of the combined view (as Self). */
export const SALES_TABS = ['overview', 'clients', 'products'] as const;
export type SalesTab = (typeof SALES_TABS)[number];

export type Route =
  | { name: 'overview' }
  | { name: 'shop-settings' }
  | { name: 'store-dashboard' }
  | { name: 'storefront' }
  /** A shop list; `item` opens one object (its form, or the order / customer page), 'new' the create form. */
  | { name: 'store'; list: StoreList; item: number | 'new' | null }
  | { name: 'sales'; tab: SalesTab }
  | { name: 'companies' }
  | { name: 'company-new' }
  | { name: 'company'; companyId: number; tab: 'details' | 'users'; addUser: boolean }
  | { name: 'partner-requests' }
  | { name: 'company-settings' }
  | { name: 'company-users'; addUser: boolean }
  | { name: 'company-partner' }
  | { name: 'company-apps' }
  /** Extensions / Manage Apps: the list, one app embedded, the embed checker of one app. */
  | { name: 'apps' }
  | { name: 'app'; appId: number }
  | { name: 'app-check'; appId: number }
  | { name: 'developer' }
  | { name: 'outbox'; messageId: number | null }
  | { name: 'webhooks'; webhookId: number | null }
  /** Developer tools: the API request log (/admin, /token, /api/tokeninfo) and hosted-compatibility mode. */
  | { name: 'api-log' }
  | { name: 'billing'; tab: BillingTab }
  /** One month: its close preview (or its documents once closed), the close action and the what-if. */
  | { name: 'billing-month'; month: string }
  | { name: 'billing-document'; documentId: number }
  /** Extensions: the App Store (browse, or the apps installed for the company / the partner's clients). */
  | { name: 'app-store'; tab: 'browse' | 'installed' }
  /** Extensions / My Apps: the shop's app and theme listings; `appId` opens one, 'new' the create form. */
  | { name: 'my-apps'; appId: number | 'new' | null }
  /** The platform operator's App review queue. */
  | { name: 'app-review' }
  | { name: 'not-found'; path: string };

function positiveInt(text: string | undefined): number | null {
  if (!text || !/^\d+$/.test(text)) return null;
  const n = Number(text);
  return Number.isSafeInteger(n) && n > 0 ? n : null;
}

/** Parses `location.hash` (with or without the leading `#`). Unknown paths become `not-found`. */
export function parseRoute(hash: string): Route {
  const raw = hash.replace(/^#/, '');
  const [pathPart, queryPart = ''] = raw.split('?', 2);
  const path = pathPart.replace(/\/+$/, '') || '/';
  const query = new URLSearchParams(queryPart);
  const addUser = query.get('add') === '1';
  const parts = path.split('/').filter(Boolean);

  if (parts.length === 0) return { name: 'overview' };
  const [a, b, c] = parts;
  switch (a) {
    case 'store': {
      if (parts.length === 2 && b === 'settings') return { name: 'shop-settings' };
      if (parts.length === 2 && b === 'dashboard') return { name: 'store-dashboard' };
      if (parts.length === 2 && b === 'storefront') return { name: 'storefront' };
      // The section pages without a tab open their first tab.
      if (parts.length === 2 && b === 'audience') return { name: 'store', list: 'subscribers', item: null };
      if (parts.length === 2 && b === 'content') return { name: 'store', list: 'themes', item: null };
      const store = parseStoreList(parts.slice(1));
      if (store) return store;
      break;
    }
    case 'sales':
      if (parts.length === 1) return { name: 'sales', tab: 'overview' };
      if (parts.length === 2 && (b === 'clients' || b === 'products')) return { name: 'sales', tab: b };
      break;
    case 'companies': {
      if (parts.length === 1) return { name: 'companies' };
      if (parts.length === 2 && b === 'new') return { name: 'company-new' };
      const companyId = positiveInt(b);
      if (companyId !== null && parts.length === 2) return { name: 'company', companyId, tab: 'details', addUser: false };
      if (companyId !== null && parts.length === 3 && c === 'users') return { name: 'company', companyId, tab: 'users', addUser };
      break;
    }
    case 'partner-requests':
      if (parts.length === 1) return { name: 'partner-requests' };
      break;
    case 'company':
      if (parts.length === 2 && b === 'settings') return { name: 'company-settings' };
      if (parts.length === 2 && b === 'users') return { name: 'company-users', addUser };
      if (parts.length === 2 && b === 'partner') return { name: 'company-partner' };
      if (parts.length === 2 && b === 'apps') return { name: 'company-apps' };
      break;
    case 'settings':
      if (parts.length === 2 && b === 'developer') return { name: 'developer' };
      break;
    case 'apps': {
      if (parts.length === 1) return { name: 'apps' };
      const appId = positiveInt(b);
      if (appId !== null && parts.length === 2) return { name: 'app', appId };
      if (appId !== null && parts.length === 3 && c === 'check') return { name: 'app-check', appId };
      break;
    }
    case 'api-requests':
      if (parts.length === 1) return { name: 'api-log' };
      break;
    case 'webhooks':
      if (parts.length === 1) return { name: 'webhooks', webhookId: null };
      if (parts.length === 2 && positiveInt(b) !== null) return { name: 'webhooks', webhookId: positiveInt(b) };
      break;
    case 'billing': {
      if (parts.length === 1) return { name: 'billing', tab: 'months' };
      if (parts.length === 2 && (BILLING_TABS as readonly string[]).includes(b)) return { name: 'billing', tab: b as BillingTab };
      if (parts.length === 3 && b === 'months' && /^\d{4}-(0[1-9]|1[0-2])$/.test(c)) return { name: 'billing-month', month: c };
      const documentId = positiveInt(c);
      if (parts.length === 3 && b === 'documents' && documentId !== null) return { name: 'billing-document', documentId };
      break;
    }
    case 'extensions':
      if (parts.length === 2 && b === 'store') return { name: 'app-store', tab: 'browse' };
      if (parts.length === 3 && b === 'store' && c === 'installed') return { name: 'app-store', tab: 'installed' };
      if (parts.length === 2 && b === 'my-apps') return { name: 'my-apps', appId: null };
      if (parts.length === 3 && b === 'my-apps' && c === 'new') return { name: 'my-apps', appId: 'new' };
      if (parts.length === 3 && b === 'my-apps' && positiveInt(c) !== null) return { name: 'my-apps', appId: positiveInt(c) };
      break;
    case 'operator':
      if (parts.length === 2 && b === 'app-review') return { name: 'app-review' };
      break;
    case 'outbox':
      if (parts.length === 1) return { name: 'outbox', messageId: null };
      if (parts.length === 2 && positiveInt(b) !== null) return { name: 'outbox', messageId: positiveInt(b) };
      break;
  }
  return { name: 'not-found', path };
}

/** `products`, `products/new`, `products/12`, `audience/groups/3`, ... */
function parseStoreList(parts: string[]): Route | null {
  for (const [list, path] of Object.entries(STORE_LISTS) as [StoreList, string][]) {
    const depth = path.split('/').length;
    if (parts.slice(0, depth).join('/') !== path) continue;
    const rest = parts.slice(depth);
    if (rest.length === 0) return { name: 'store', list, item: null };
    if (rest.length === 1 && rest[0] === 'new') return { name: 'store', list, item: 'new' };
    const id = positiveInt(rest[0]);
    if (rest.length === 1 && id !== null) return { name: 'store', list, item: id };
    return null;
  }
  return null;
}

/** The hash path (without `#`) of a route; `parseRoute(`#${routePath(r)}`)` gives `r` back. */
export function routePath(route: Route): string {
  switch (route.name) {
    case 'overview':
      return '/';
    case 'shop-settings':
      return '/store/settings';
    case 'store-dashboard':
      return '/store/dashboard';
    case 'storefront':
      return '/store/storefront';
    case 'store':
      return `/store/${STORE_LISTS[route.list]}${route.item === null ? '' : `/${route.item}`}`;
    case 'sales':
      return route.tab === 'overview' ? '/sales' : `/sales/${route.tab}`;
    case 'companies':
      return '/companies';
    case 'company-new':
      return '/companies/new';
    case 'company':
      return route.tab === 'users'
        ? `/companies/${route.companyId}/users${route.addUser ? '?add=1' : ''}`
        : `/companies/${route.companyId}`;
    case 'partner-requests':
      return '/partner-requests';
    case 'company-settings':
      return '/company/settings';
    case 'company-users':
      return `/company/users${route.addUser ? '?add=1' : ''}`;
    case 'company-partner':
      return '/company/partner';
    case 'company-apps':
      return '/company/apps';
    case 'apps':
      return '/apps';
    case 'app':
      return `/apps/${route.appId}`;
    case 'app-check':
      return `/apps/${route.appId}/check`;
    case 'developer':
      return '/settings/developer';
    case 'outbox':
      return route.messageId === null ? '/outbox' : `/outbox/${route.messageId}`;
    case 'webhooks':
      return route.webhookId === null ? '/webhooks' : `/webhooks/${route.webhookId}`;
    case 'api-log':
      return '/api-requests';
    case 'billing':
      return route.tab === 'months' ? '/billing' : `/billing/${route.tab}`;
    case 'billing-month':
      return `/billing/months/${route.month}`;
    case 'billing-document':
      return `/billing/documents/${route.documentId}`;
    case 'app-store':
      return route.tab === 'installed' ? '/extensions/store/installed' : '/extensions/store';
    case 'my-apps':
      return route.appId === null ? '/extensions/my-apps' : `/extensions/my-apps/${route.appId}`;
    case 'app-review':
      return '/operator/app-review';
    case 'not-found':
      return route.path;
  }
}

export function href(route: Route): string {
  return `#${routePath(route)}`;
}
