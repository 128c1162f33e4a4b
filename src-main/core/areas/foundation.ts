// The foundation area's core: companies and the partner relation, their users, partner requests, a client's
// shop settings and the outbox of emails the platform would send (migration 001, /admin/companies).
import { defineCoreArea } from '../area';
import { migration001 } from '../db/migrations/001-foundation';
import { migration011 } from '../db/migrations/011-development-companies';
import { createCompaniesRepository, type CompaniesRepository } from '../repositories/companies-repository';
import { createOutboxRepository, type OutboxRepository } from '../repositories/outbox-repository';
import { createPartnerRequestsRepository, type PartnerRequestsRepository } from '../repositories/partner-requests-repository';
import { createShopSettingsRepository, type ShopSettingsRepository } from '../repositories/shop-settings-repository';
import { createUsersRepository, type UsersRepository } from '../repositories/users-repository';
import { companiesModule } from '../server/admin/companies-routes';
import { createCompaniesService, type CompaniesService } from '../services/companies-service';
import { createOutboxService, type OutboxService } from '../services/outbox-service';
import { createPartnerRequestsService, type PartnerRequestsService } from '../services/partner-requests-service';
import { createShopService, type ShopService } from '../services/shop-service';
import { createUsersService, type UsersService } from '../services/users-service';

declare module '../platform' {
  interface PlatformServices {
    readonly companies: CompaniesService;
    readonly users: UsersService;
    readonly partnerRequests: PartnerRequestsService;
    /** A client's shop settings (store function). */
    readonly shop: ShopService;
    /** Every email the platform would have sent, kept locally. */
    readonly outbox: OutboxService;
  }
}

declare module '../services/service-context' {
  interface Repositories {
    companies: CompaniesRepository;
    users: UsersRepository;
    partnerRequests: PartnerRequestsRepository;
    shopSettings: ShopSettingsRepository;
    outbox: OutboxRepository;
  }
}

export const foundationCore = defineCoreArea({
  name: 'foundation',
  migrations: [migration001, migration011],
  repositories: {
    companies: createCompaniesRepository,
    users: createUsersRepository,
    partnerRequests: createPartnerRequestsRepository,
    shopSettings: createShopSettingsRepository,
    outbox: createOutboxRepository,
  },
  services: {
    outbox: ({ ctx }) => createOutboxService(ctx),
    companies: ({ ctx, outbox, authorizations }) => createCompaniesService(ctx, outbox, authorizations),
    users: ({ ctx, outbox, publicUrl }) => createUsersService(ctx, outbox, publicUrl),
    partnerRequests: ({ ctx, companies, outbox }) => createPartnerRequestsService(ctx, companies, outbox),
    shop: ({ ctx }) => createShopService(ctx),
  },
  routes: [companiesModule],
});
