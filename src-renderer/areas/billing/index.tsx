// The billing area in the renderer: the acting company's months, documents, client prices and the month
// close's rates, one month and one document, with the billing slice; billing changes and the clock move it.
import { allowIf, defineRendererArea, OPEN, refreshLater } from '../../area';
import { createBillingSlice, type BillingActions, type BillingState } from '../../state/billing-slice';
import { createPaymentMethodsSlice, type PaymentMethodsActions, type PaymentMethodsState } from './payment-method-slice';
import { BILLING_ROUTES } from './routes';

declare module '../../state/store' {
  interface AreaSlices {
    billing: { state: BillingState; actions: BillingActions };
    /** Companies' payment methods on file (Company settings → Payment method). */
    paymentMethods: { state: PaymentMethodsState; actions: PaymentMethodsActions };
  }
}

export const billingArea = defineRendererArea({
  name: 'billing',
  screenModule: () => import('./screens'),
  routes: BILLING_ROUTES,
  screens: (S) => ({
    billing: (r) => <S.BillingScreen tab={r.tab} />,
    'billing-month': (r) => <S.BillingMonthScreen month={r.month} />,
    'billing-document': (r) => <S.BillingDocumentScreen documentId={r.documentId} />,
  }),
  access: {
    billing(r, caps) {
      // The operator reaches the rates (to change them) whatever its company's permissions.
      if (r.tab === 'rates' && caps.editRates) return OPEN;
      if (!caps.billing) return { ok: false, reason: 'permission' };
      if (r.tab === 'prices' && !caps.billingClose) return { ok: false, reason: caps.isPartnerUser ? 'self-only' : 'permission' };
      return OPEN;
    },
    'billing-month': (_r, caps) => allowIf(caps.billing),
    'billing-document': (_r, caps) => allowIf(caps.billing),
  },
  nav: [
    { section: 'company', order: 3, route: { name: 'billing', tab: 'months' }, icon: 'receipt', label: 'Billing', testId: 'nav-billing', show: (caps) => caps.billing, activeFor: () => true },
    { section: 'operator', order: 1, route: { name: 'billing', tab: 'rates' }, icon: 'receipt', label: 'Billing rates', testId: 'nav-billing-rates', show: (caps) => caps.appReview && !caps.billing, activeFor: () => true },
  ],
  slices: { billing: createBillingSlice, paymentMethods: createPaymentMethodsSlice },
  onEvent(event, store) {
    const s = store.getState();
    if (event.name === 'payment_method.changed') {
      refreshLater(store, 'payment-methods', () => s.actions.applyPaymentMethodChange());
      // The close preview's "awaiting payment details" list follows.
      refreshLater(store, 'billing', () => s.actions.applyBillingChange());
    }
    if (event.name === 'billing.changed' || (event.name === 'clock.advanced' && s.billing.overview.status !== 'idle')) {
      refreshLater(store, 'billing', () => s.actions.applyBillingChange());
    }
  },
});
