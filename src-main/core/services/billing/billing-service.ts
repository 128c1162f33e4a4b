// The month close and its documents (spec §7, docs/billing.md), as the platform offers them: the rates,
// closing (months, preview, close, what-if), the issued documents (lists, one document, PDF, CSV,
// corrections) and a partner's own prices for its clients with the invoices drafted from them.
import type { OutboxService } from '../outbox-service';
import type { ServiceContext } from '../service-context';
import { createBillingRatesStore, type BillingRatesStore } from './billing-rates-store';
import { createCloseService, type CloseService } from './close-service';
import { createDocumentsService, type DocumentsService } from './documents-service';
import { createPartnerPricesService, type PartnerPricesService } from './partner-prices-service';
import { createPaymentMethodsService, type PaymentMethodsService } from './payment-methods-service';

export interface BillingService {
  readonly rates: BillingRatesStore;
  readonly closing: CloseService;
  readonly documents: DocumentsService;
  readonly prices: PartnerPricesService;
  /** Each company's payment method on file (masked), which its invoices and credit notes are settled with. */
  readonly paymentMethods: PaymentMethodsService;
}

/** A partner's logo heads the documents it issues to its clients (white label): kept with each at issue (document-writer). */
export function createBillingService(ctx: ServiceContext, outbox: OutboxService): BillingService {
  const rates = createBillingRatesStore(ctx);
  const prices = createPartnerPricesService(ctx, rates, outbox);
  const paymentMethods = createPaymentMethodsService(ctx);
  return {
    rates,
    closing: createCloseService(ctx, rates, outbox, prices, paymentMethods),
    documents: createDocumentsService(ctx, rates, outbox, paymentMethods),
    prices,
    paymentMethods,
  };
}
