// The payment method on file of the companies whose settings are open (Company settings → Payment method), by
// company id: loaded when the card shows, replaced by what a change returns, reloaded when `payment_method.changed`
// arrives (another window, the CLI). A partner's method is read again too: its clients' cards name it.
import type { PaymentMethodView } from '../../../src-shared/api/billing-types';
import type { SetPaymentMethodInput } from '../../../src-shared/api/billing-inputs';
import { createKeyedLoader } from '../../state/keyed-loader';
import { ready, type Loadable } from '../../state/loadable';
import { entryTarget, mutate, type SliceContext } from '../../state/slice-context';

export interface PaymentMethodsState {
  byCompany: Record<number, Loadable<PaymentMethodView>>;
}

export interface PaymentMethodsActions {
  loadPaymentMethod(companyId: number): Promise<void>;
  setPaymentMethod(input: SetPaymentMethodInput): Promise<PaymentMethodView>;
  removePaymentMethod(companyId: number): Promise<PaymentMethodView>;
  /** After `payment_method.changed`: reload every company shown (a client's card names its partner's method). */
  applyPaymentMethodChange(): void;
}

export function createPaymentMethodsSlice(ctx: SliceContext) {
  const loader = createKeyedLoader();
  const target = (companyId: number) => entryTarget(ctx, 'paymentMethods', 'byCompany', companyId);
  const load = (companyId: number) => loader.load(`company-${companyId}`, target(companyId), () => ctx.client.call('billing.paymentMethod', { companyId }));
  const store = (view: PaymentMethodView) => {
    loader.begin(`company-${view.companyId}`);
    target(view.companyId).set(ready(view));
    return view;
  };
  const actions: PaymentMethodsActions = {
    loadPaymentMethod: load,
    setPaymentMethod: (input) => mutate(ctx, () => ctx.client.call('billing.setPaymentMethod', input), (view) => `Saved ${view.method?.label ?? 'the payment method'}: only its last four digits are kept.`).then(store),
    removePaymentMethod: (companyId) => mutate(ctx, () => ctx.client.call('billing.removePaymentMethod', { companyId }), 'Payment method removed.').then(store),
    applyPaymentMethodChange() {
      for (const id of Object.keys(ctx.get().paymentMethods.byCompany)) void load(Number(id));
    },
  };
  return {
    state: { byCompany: {} } as PaymentMethodsState,
    actions,
    // Another user sees other companies (and may not see these at all).
    forUser: () => ({ byCompany: {} }),
    resync: () => actions.applyPaymentMethodChange(),
  };
}
