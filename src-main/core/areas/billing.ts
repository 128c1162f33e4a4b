// The billing area's core: the month close (spec §7, migration 007): rates, closing, documents, a partner's
// prices for its clients; companies' payment methods on file and how each document is settled (migration 019); the
// issuer's logo kept with each document at issue (migration 021).
import { defineCoreArea } from '../area';
import { migration007 } from '../db/migrations/007-month-close';
import { migration019 } from '../db/migrations/019-payment-methods';
import { migration021 } from '../db/migrations/021-document-logos';
import { createBillingRepository, type BillingRepository } from '../repositories/billing-repository';
import { createPaymentMethodsRepository, type PaymentMethodsRepository } from '../repositories/payment-methods-repository';
import { seedDemoPaymentMethods } from '../seed/demo-payment-methods-seed';
import { createBillingService, type BillingService } from '../services/billing/billing-service';

declare module '../platform' {
  interface PlatformServices {
    /** The month close: rates, closing, documents, a partner's prices for its clients (spec §7). */
    readonly billing: BillingService;
  }
}

declare module '../services/service-context' {
  interface Repositories {
    /** Close records, documents, sequences, partner prices and drafts. */
    billing: BillingRepository;
    /** Companies' payment methods on file (masked parts only). */
    paymentMethods: PaymentMethodsRepository;
  }
}

export const billingCore = defineCoreArea({
  name: 'billing',
  migrations: [migration007, migration019, migration021],
  // On the asynchronous data layer (db/data.ts): SQLite here, PostgreSQL on a team server.
  repositories: { billing: (_db, data) => createBillingRepository(data), paymentMethods: (_db, data) => createPaymentMethodsRepository(data) },
  services: { billing: ({ ctx, outbox }) => createBillingService(ctx, outbox) },
  demoSeed: seedDemoPaymentMethods,
});
