// The shop area's routes (no screens here: the router and the screens import this): the shop's lists under
// Store with their paths, the permission area of each, and the route definitions.
import { SHOP_ENTITY_KEYS, SHOP_ENTITY_TABLE, type ShopEntity } from '../../../src-shared/api/shop-entity-table';
import { isPath, positiveInt, routeDef } from '../../area';
import type { StoreArea } from '../../state/capabilities';

/** The shop's lists under Store, each with its path below `#/store/` (the entity table's consolePath). */
export const STORE_LISTS = Object.fromEntries(SHOP_ENTITY_KEYS.map((e) => [e, SHOP_ENTITY_TABLE[e].consolePath])) as { readonly [E in ShopEntity]: string };
export type StoreList = keyof typeof STORE_LISTS;

/** The store area (permission) a shop list belongs to. */
export const STORE_LIST_AREA: Record<StoreList, StoreArea> = {
  products: 'products',
  categories: 'products',
  orders: 'orders',
  customers: 'customers',
  subscribers: 'audience',
  accessGroups: 'audience',
  groupMembers: 'audience',
  newsletterRecipients: 'audience',
  themes: 'content',
  files: 'content',
};

/** A page title for a store route, for the screens that explain why it is not available. */
export const STORE_TITLES: Record<StoreList, string> = {
  products: 'Products',
  categories: 'Categories',
  orders: 'Orders',
  customers: 'Customers',
  subscribers: 'Audience',
  accessGroups: 'Audience',
  groupMembers: 'Audience',
  newsletterRecipients: 'Audience',
  themes: 'Content',
  files: 'Content',
};

/** `products`, `products/new`, `products/12`, `audience/groups/3`, ... below `store/`. */
function parseStoreList(parts: readonly string[]): { list: StoreList; item: number | 'new' | null } | null {
  for (const [list, path] of Object.entries(STORE_LISTS) as [StoreList, string][]) {
    const depth = path.split('/').length;
    if (parts.slice(0, depth).join('/') !== path) continue;
    const rest = parts.slice(depth);
    if (rest.length === 0) return { list, item: null };
    if (rest.length === 1 && rest[0] === 'new') return { list, item: 'new' };
    const id = positiveInt(rest[0]);
    if (rest.length === 1 && id !== null) return { list, item: id };
    return null;
  }
  return null;
}

export const SHOP_ROUTES = {
  'shop-settings': routeDef({ parse: (p) => (isPath(p, 'store', 'settings') ? {} : null), path: () => '/store/settings' }),
  storefront: routeDef({ parse: (p) => (isPath(p, 'store', 'storefront') ? {} : null), path: () => '/store/storefront' }),
  /** A shop list; `item` opens one object (its form, or the order / customer page), 'new' the create form. */
  store: routeDef<{ list: StoreList; item: number | 'new' | null }>({
    parse(p) {
      if (p[0] !== 'store') return null;
      // The section pages without a tab open their first tab.
      if (isPath(p, 'store', 'audience')) return { list: 'subscribers', item: null };
      if (isPath(p, 'store', 'content')) return { list: 'themes', item: null };
      return parseStoreList(p.slice(1));
    },
    path: (r) => `/store/${STORE_LISTS[r.list]}${r.item === null ? '' : `/${r.item}`}`,
    keepOnSwitch: (r) => r.item === null,
  }),
};
