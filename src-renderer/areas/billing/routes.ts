// The billing area's routes (no screens here: the router and the screens import this).
import { isPath, positiveInt, routeDef } from '../../area';

/** The tabs of the Billing screen. */
export const BILLING_TABS = ['months', 'documents', 'prices', 'rates'] as const;
export type BillingTab = (typeof BILLING_TABS)[number];

export const BILLING_ROUTES = {
  billing: routeDef<{ tab: BillingTab }>({
    parse(p) {
      if (isPath(p, 'billing')) return { tab: 'months' };
      return p.length === 2 && p[0] === 'billing' && (BILLING_TABS as readonly string[]).includes(p[1]) ? { tab: p[1] as BillingTab } : null;
    },
    path: (r) => (r.tab === 'months' ? '/billing' : `/billing/${r.tab}`),
  }),
  /** One month: its close preview (or its documents once closed), the close action and the what-if. */
  'billing-month': routeDef<{ month: string }>({
    parse: (p) => (p.length === 3 && p[0] === 'billing' && p[1] === 'months' && /^\d{4}-(0[1-9]|1[0-2])$/.test(p[2]) ? { month: p[2] } : null),
    path: (r) => `/billing/months/${r.month}`,
  }),
  'billing-document': routeDef<{ documentId: number }>({
    parse(p) {
      const documentId = positiveInt(p[2]);
      return p.length === 3 && p[0] === 'billing' && p[1] === 'documents' && documentId !== null ? { documentId } : null;
    },
    path: (r) => `/billing/documents/${r.documentId}`,
  }),
};
