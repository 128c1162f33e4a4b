// The shop area in the renderer: a client's Store — its lists (products, categories, orders, customers,
// audience, content) with their forms and pages, the storefront and the shop settings — with the shop data
// and shop settings slices, kept current by the shop's object events.
import type { ShopObjectEvent } from '../../../src-shared/api/contract';
import { SHOP_EVENT_NAMES, type ShopEventName } from '../../../src-shared/api/shop-entity-table';
import { defineRendererArea, refreshLater, storeAccess, type NavEntry } from '../../area';
import type { StoreArea } from '../../state/capabilities';
import { createShopDataSlice, type ShopDataActions, type ShopDataState } from '../../state/shop-data-slice';
import { createShopSlice, type ShopActions, type ShopState } from '../../state/shop-slice';
import type { IconName } from '../../ui/icons';
import { SHOP_ROUTES, STORE_LIST_AREA, STORE_TITLES, type StoreList } from './routes';

declare module '../../state/store' {
  interface AreaSlices {
    shop: { state: ShopState; actions: ShopActions };
    shopData: { state: ShopDataState; actions: ShopDataActions };
  }
}

/** A Store navigation item: shown for its permission, locked while acting as Self. */
function storeItem(order: number, area: StoreArea, route: NavEntry<typeof SHOP_ROUTES>['route'], icon: IconName, label: string, testId: string, lists?: StoreList[]): NavEntry<typeof SHOP_ROUTES> {
  return {
    section: 'store',
    order,
    route,
    icon,
    label,
    testId,
    show: (caps) => caps.storeAreas[area],
    locked: (caps) => !caps.storeAvailable,
    activeFor: lists ? (r) => r.name === 'store' && lists.includes(r.list) : undefined,
  };
}

export const shopArea = defineRendererArea({
  name: 'shop',
  screenModule: () => import('./screens'),
  routes: SHOP_ROUTES,
  screens: (S) => ({
    'shop-settings': () => <S.ShopSettingsScreen />,
    storefront: () => <S.StorefrontScreen />,
    store: (r) => <S.StoreScreen list={r.list} item={r.item} />,
  }),
  access: {
    'shop-settings': (_r, caps) => storeAccess(caps, 'settings'),
    storefront: (_r, caps) => storeAccess(caps, 'storefront'),
    store: (r, caps) => storeAccess(caps, STORE_LIST_AREA[r.list]),
  },
  lockedTitle: {
    'shop-settings': () => 'Shop settings',
    storefront: () => 'Storefront',
    store: (r) => STORE_TITLES[r.list],
  },
  nav: [
    storeItem(1, 'products', { name: 'store', list: 'products', item: null }, 'box', 'Products', 'nav-products', ['products']),
    storeItem(2, 'products', { name: 'store', list: 'categories', item: null }, 'tag', 'Categories', 'nav-categories', ['categories']),
    storeItem(3, 'orders', { name: 'store', list: 'orders', item: null }, 'receipt', 'Orders', 'nav-orders', ['orders']),
    storeItem(4, 'customers', { name: 'store', list: 'customers', item: null }, 'users', 'Customers', 'nav-customers', ['customers']),
    storeItem(5, 'audience', { name: 'store', list: 'subscribers', item: null }, 'megaphone', 'Audience', 'nav-audience', ['subscribers', 'accessGroups', 'groupMembers', 'newsletterRecipients']),
    storeItem(6, 'content', { name: 'store', list: 'themes', item: null }, 'palette', 'Content', 'nav-content', ['themes', 'files']),
    storeItem(7, 'storefront', { name: 'storefront' }, 'cart', 'Storefront', 'nav-storefront'),
    storeItem(8, 'settings', { name: 'shop-settings' }, 'store', 'Shop settings', 'nav-shop-settings'),
  ],
  slices: { shop: createShopSlice, shopData: createShopDataSlice },
  onEvent(event, store) {
    const s = store.getState();
    if (event.name === 'shop.updated') {
      const { companyId } = event.payload;
      if (s.shop.byCompany[companyId]) refreshLater(store, `shop:${companyId}`, () => void s.actions.loadShopSettings(companyId));
      return;
    }
    if (isShopObjectEvent(event.name)) s.actions.applyShopEvent(event.name, event.payload as ShopObjectEvent);
  },
});

/** Whether a pushed event is about one object of a client's shop (`product.created`, ...). */
export function isShopObjectEvent(name: string): name is ShopEventName {
  return (SHOP_EVENT_NAMES as readonly string[]).includes(name);
}
