// The billing area's core: the month close (spec §7, migration 007): rates, closing, documents, a partner's
// prices for its clients.
import { defineCoreArea } from '../area';
import { migration007 } from '../db/migrations/007-month-close';
import { createBillingRepository, type BillingRepository } from '../repositories/billing-repository';
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
  }
}

export const billingCore = defineCoreArea({
  name: 'billing',
  migrations: [migration007],
  repositories: { billing: createBillingRepository },
  services: { billing: ({ ctx, outbox, branding }) => createBillingService(ctx, outbox, branding) },
});
