// The sales area in the renderer: the partner's combined view over its clients (as Self) and a client's
// dashboard, with the statistics slice; orders, products and customers move the figures.
import type { ShopObjectEvent } from '../../../src-shared/api/contract';
import { defineRendererArea, selfOnly, storeAccess } from '../../area';
import { createSalesSlice, type SalesActions, type SalesState } from '../../state/sales-slice';
import { isShopObjectEvent } from '../shop';
import { SALES_ROUTES } from './routes';

declare module '../../state/store' {
  interface AreaSlices {
    sales: { state: SalesState; actions: SalesActions };
  }
}

export const salesArea = defineRendererArea({
  name: 'sales',
  screenModule: () => import('./screens'),
  routes: SALES_ROUTES,
  screens: (S) => ({
    sales: (r) => <S.SalesScreen tab={r.tab} />,
    'store-dashboard': () => <S.DashboardScreen />,
  }),
  access: {
    sales: (r, caps) => selfOnly(r.tab === 'products' ? caps.salesProducts : caps.sales, caps),
    'store-dashboard': (_r, caps) => storeAccess(caps, 'dashboard'),
  },
  lockedTitle: { 'store-dashboard': () => 'Dashboard' },
  prefetch: {
    // The drill-down lands on a dashboard that is already there.
    'store-dashboard': (_r, actions, info) => (info.acting ? actions.loadDashboard(info.acting.id) : Promise.resolve()),
  },
  nav: [
    { section: 'store', order: 0, route: { name: 'store-dashboard' }, icon: 'chart', label: 'Dashboard', testId: 'nav-store-dashboard', show: (caps) => caps.storeAreas.dashboard, locked: (caps) => !caps.storeAvailable },
    { section: 'clients', order: 1, route: (caps) => ({ name: 'sales', tab: caps.sales ? ('overview' as const) : ('products' as const) }), icon: 'barChart', label: 'Sales', testId: 'nav-sales', show: (caps) => caps.clients && (caps.sales || caps.salesProducts) },
  ],
  slices: { sales: createSalesSlice },
  onEvent(event, store) {
    // Sales figures move with orders; dashboards count products and customers too.
    if (!isShopObjectEvent(event.name) || !/^(order|product|customer)\./.test(event.name)) return;
    store.getState().actions.applySalesEvent((event.payload as ShopObjectEvent).companyId);
  },
});
