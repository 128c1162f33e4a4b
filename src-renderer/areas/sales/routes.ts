// The sales area's routes (no screens here: the router and the screens import this).
import { isPath, routeDef } from '../../area';

/** The tabs of the combined view (as Self). */
export const SALES_TABS = ['overview', 'clients', 'products'] as const;
export type SalesTab = (typeof SALES_TABS)[number];

export const SALES_ROUTES = {
  sales: routeDef<{ tab: SalesTab }>({
    parse(p) {
      if (isPath(p, 'sales')) return { tab: 'overview' };
      return p.length === 2 && p[0] === 'sales' && (p[1] === 'clients' || p[1] === 'products') ? { tab: p[1] } : null;
    },
    path: (r) => (r.tab === 'overview' ? '/sales' : `/sales/${r.tab}`),
  }),
  'store-dashboard': routeDef({ parse: (p) => (isPath(p, 'store', 'dashboard') ? {} : null), path: () => '/store/dashboard' }),
};
