// The logistics area in the renderer (docs/logistics.md): the provider's Logistics screens (as Self), the operator's
// Logistics review beside App review, the shop's Warehouse stock and the storefront's order status page, with the
// logistics slice; `logistics.changed` events refresh what is shown. (The shop settings' providers card and the
// order page's shipping card are rendered by the shop screens, from ./shop-logistics.)
import { allowIf, defineRendererArea, isPath, positiveInt, routeDef, selfOnly, storeAccess } from '../../area';
import { createLogisticsSlice, type LogisticsActions, type LogisticsState } from './logistics-slice';
import { PROVIDER_TABS, type ProviderTab } from './logistics-routes';
import { useApp } from '../../state/store-context';

declare module '../../state/store' {
  interface AreaSlices {
    logistics: { state: LogisticsState; actions: LogisticsActions };
  }
}

const ITEM_TABS: readonly ProviderTab[] = ['queue', 'shipments'];

/** The acting company's id for the shop screens (they are opened inside a shop). */
function ActingShop({ children }: { children: (companyId: number) => React.ReactNode }) {
  const companyId = useApp((s) => s.session.info?.acting?.id ?? null);
  return companyId === null ? null : <>{children(companyId)}</>;
}

export const logisticsArea = defineRendererArea({
  name: 'logistics',
  screenModule: () => import('./screens'),
  routes: {
    /** The provider's screens: a tab, and in the queue or the shipments one item (an order, a shipment). */
    logistics: routeDef<{ tab: ProviderTab; item: number | null }>({
      parse(p) {
        if (p[0] !== 'logistics') return null;
        if (p.length === 1) return { tab: 'overview', item: null };
        const tab = PROVIDER_TABS.find((t) => t === p[1] && t !== 'overview');
        if (!tab) return null;
        if (p.length === 2) return { tab, item: null };
        const item = positiveInt(p[2]);
        return p.length === 3 && item !== null && ITEM_TABS.includes(tab) ? { tab, item } : null;
      },
      path: (r) => `/logistics${r.tab === 'overview' ? '' : `/${r.tab}`}${r.item ? `/${r.item}` : ''}`,
    }),
    'logistics-review': routeDef({ parse: (p) => (isPath(p, 'operator', 'logistics-review') ? {} : null), path: () => '/operator/logistics-review' }),
    'shop-stock': routeDef({ parse: (p) => (isPath(p, 'store', 'warehouse-stock') ? {} : null), path: () => '/store/warehouse-stock' }),
    'storefront-order': routeDef<{ orderId: number }>({
      parse(p) {
        const orderId = positiveInt(p[3]);
        return p.length === 4 && p[0] === 'store' && p[1] === 'storefront' && p[2] === 'orders' && orderId !== null ? { orderId } : null;
      },
      path: (r) => `/store/storefront/orders/${r.orderId}`,
      keepOnSwitch: () => false,
    }),
  },
  screens: (S) => ({
    logistics: (r) => <S.LogisticsScreen tab={r.tab} item={r.item} />,
    'logistics-review': () => <S.LogisticsReviewScreen />,
    'shop-stock': () => <ActingShop>{(companyId) => <S.ShopStockScreen companyId={companyId} />}</ActingShop>,
    'storefront-order': (r) => <ActingShop>{(companyId) => <S.StorefrontOrderScreen companyId={companyId} orderId={r.orderId} />}</ActingShop>,
  }),
  access: {
    logistics: (_r, caps) => selfOnly(caps.isPartnerUser && caps.isSelf, caps),
    'logistics-review': (_r, caps) => allowIf(caps.appReview),
    'shop-stock': (_r, caps) => storeAccess(caps, 'products'),
    'storefront-order': (_r, caps) => storeAccess(caps, 'orders'),
  },
  lockedTitle: { logistics: () => 'Logistics', 'shop-stock': () => 'Warehouse stock' },
  nav: [
    { section: 'clients', order: 20, route: { name: 'logistics', tab: 'overview', item: null }, icon: 'box', label: 'Logistics', testId: 'nav-logistics', show: (caps) => caps.isPartnerUser && caps.isSelf },
    { section: 'operator', order: 1, route: { name: 'logistics-review' }, icon: 'shield', label: 'Logistics review', testId: 'nav-logistics-review', show: (caps) => caps.appReview },
    { section: 'store', order: 40, route: { name: 'shop-stock' }, icon: 'box', label: 'Warehouse stock', testId: 'nav-shop-stock', show: (caps) => caps.storeAreas.products, locked: (caps) => !caps.storeAvailable },
  ],
  slices: { logistics: createLogisticsSlice },
  onEvent(event, store) {
    if (event.name === 'logistics.changed') store.getState().actions.logisticsChanged();
  },
});
