// Console methods of a company's payment method on file (Company settings → Payment method). Acting as a client,
// the console reaches that client only; as Self, the partner's own company and its clients. The core decides who
// reads (billing permission) and who changes it (the company's administrator, its managing partner, the operator).
import { entryOf } from '../../core/services/billing/payment-methods-service';
import type { ConsoleContext, Handlers } from '../console-context';

type PaymentMethodMethods = 'billing.paymentMethod' | 'billing.setPaymentMethod' | 'billing.removePaymentMethod';

export function paymentMethodHandlers(ctx: ConsoleContext): Pick<Handlers, PaymentMethodMethods> {
  const { paymentMethods } = ctx.platform.billing;
  return {
    'billing.paymentMethod': ({ companyId }) => {
      ctx.requireInScope(companyId);
      return paymentMethods.get(ctx.actor(), companyId);
    },
    'billing.setPaymentMethod': (input) => {
      ctx.requireInScope(input.companyId);
      return paymentMethods.set(ctx.actor(), input.companyId, entryOf(input));
    },
    'billing.removePaymentMethod': ({ companyId }) => {
      ctx.requireInScope(companyId);
      return paymentMethods.remove(ctx.actor(), companyId);
    },
  };
}
