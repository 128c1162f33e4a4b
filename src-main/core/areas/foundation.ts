// The foundation area's core: companies and the partner relation, their users, partner requests, a client's
// shop settings, the outbox of emails the platform would send (migration 001, /admin/companies), and partners'
// white label: logo and admin domain (migration 017), and a team server's console sessions (026).
import { defineCoreArea } from '../area';
import { migration001 } from '../db/migrations/001-foundation';
import { migration011 } from '../db/migrations/011-development-companies';
import { migration017 } from '../db/migrations/017-partner-logos';
import { migration026 } from '../db/migrations/026-team-sessions';
import { createCompaniesRepository, type CompaniesRepository } from '../repositories/companies-repository';
import { createCompanyErasureRepository, type CompanyErasureRepository } from '../repositories/company-erasure-repository';
import { createOutboxRepository, type OutboxRepository } from '../repositories/outbox-repository';
import { createPartnerLogosRepository, type PartnerLogosRepository } from '../repositories/partner-logos-repository';
import { createPartnerRequestsRepositoryNow, type PartnerRequestsRepositoryNow } from '../repositories/partner-requests-repository';
import { createShopSettingsRepository, type ShopSettingsRepository } from '../repositories/shop-settings-repository';
import { createUsersRepository, type UsersRepository } from '../repositories/users-repository';
import { createTeamSessionsRepositoryNow, type TeamSessionsRepositoryNow } from '../repositories/team-sessions-repository';
import { companiesModule } from '../server/admin/companies-routes';
import { createBrandingService, type BrandingService } from '../services/branding-service';
import { createCompaniesService, type CompaniesService } from '../services/companies-service';
import { createLocalUsersService, type LocalUsersService } from '../services/local-users-service';
import { createOutboxService, type OutboxService } from '../services/outbox-service';
import { createPartnerRequestsService, type PartnerRequestsService } from '../services/partner-requests-service';
import { createShopService, type ShopService } from '../services/shop-service';
import { createUsersService, type UsersService } from '../services/users-service';
import { createTeamSessionsService, type TeamSessionsService } from '../services/team-sessions-service';
import { seedDemoCompanies } from '../seed/demo-seed';

declare module '../platform' {
  interface PlatformServices {
    readonly companies: CompaniesService;
    readonly users: UsersService;
    /** This machine's users as the console's "Sign in as…" and the CLI reach them; where a user becomes an Actor. */
    readonly localUsers: LocalUsersService;
    readonly partnerRequests: PartnerRequestsService;
    /** A client's shop settings (store function). */
    readonly shop: ShopService;
    /** Every email the platform would have sent, kept locally. */
    readonly outbox: OutboxService;
    /** Partners' white label: logo, admin domain, the CNAME target. */
    readonly branding: BrandingService;
    /** A team server's console sessions: sign-in with email and password, kept in the database (migration 026). */
    readonly teamSessions: TeamSessionsService;
  }
}

declare module '../services/service-context' {
  interface Repositories {
    companies: CompaniesRepository;
    /** Deleting a company with every row that depends on it (read from the schema's foreign keys). */
    companyErasure: CompanyErasureRepository;
    users: UsersRepository;
    /** At once on SQLite while its service is synchronous (repositories/partner-requests-repository.ts). */
    partnerRequests: PartnerRequestsRepositoryNow;
    shopSettings: ShopSettingsRepository;
    outbox: OutboxRepository;
    partnerLogos: PartnerLogosRepository;
    /** At once on SQLite while its service is synchronous (repositories/team-sessions-repository.ts). */
    teamSessions: TeamSessionsRepositoryNow;
  }
}

export const foundationCore = defineCoreArea({
  name: 'foundation',
  migrations: [migration001, migration011, migration017, migration026],
  repositories: {
    companies: createCompaniesRepository,
    companyErasure: createCompanyErasureRepository,
    users: createUsersRepository,
    partnerRequests: (_db, data) => createPartnerRequestsRepositoryNow(data),
    shopSettings: createShopSettingsRepository,
    outbox: createOutboxRepository,
    // On the asynchronous data layer (db/data.ts): SQLite here, PostgreSQL on a team server.
    partnerLogos: (_db, data) => createPartnerLogosRepository(data),
    teamSessions: (_db, data) => createTeamSessionsRepositoryNow(data),
  },
  services: {
    outbox: ({ ctx }) => createOutboxService(ctx),
    companies: ({ ctx, outbox, authorizations }) => createCompaniesService(ctx, outbox, authorizations),
    branding: ({ ctx, publicUrl }) => createBrandingService(ctx, publicUrl),
    users: ({ ctx, outbox, branding }) => createUsersService(ctx, outbox, (companyId) => branding.adminUrlFor(companyId)),
    localUsers: ({ ctx }) => createLocalUsersService(ctx),
    partnerRequests: ({ ctx, companies, outbox }) => createPartnerRequestsService(ctx, companies, outbox),
    shop: ({ ctx }) => createShopService(ctx),
    teamSessions: ({ ctx }) => createTeamSessionsService(ctx),
  },
  routes: [companiesModule],
  demoSeed: (platform) => seedDemoCompanies(platform),
});
