// Opens the local platform: the SQLite file in the data folder, the clock, ids, event bus, repositories
// and services, and on an empty data folder the demo seed. Everything else (console, host, Electron, CLI)
// reaches the platform through the object this returns.
import { join } from 'node:path';
import { createAccessChecker } from './access';
import { rememberedPorts } from './server/port-memory';
import { createWebhookNetworkSettings, type WebhookNetworkSettings } from './services/webhook-network-settings';
import { portOfOrigin, type OwnPort } from './webhooks/webhook-address-guard';
import { createClock, type Clock } from './clock';
import { openDatabase, type Db } from './db/database';
import { createEventBus, type EventBus } from './events';
import { cryptoIds, type Ids } from './ids';
import { DB_FILE_NAME } from './paths';
import { createAppStoreRepository } from './repositories/app-store-repository';
import { createAppsRepository } from './repositories/apps-repository';
import { createAuditRepository } from './repositories/audit-repository';
import { createAuthorizationsRepository } from './repositories/authorizations-repository';
import { createBillingRepository } from './repositories/billing-repository';
import { createAudienceRepository } from './repositories/audience-repository';
import { createCatalogRepository } from './repositories/catalog-repository';
import { createContentRepository } from './repositories/content-repository';
import { createCustomersRepository } from './repositories/customers-repository';
import { createOrdersRepository } from './repositories/orders-repository';
import { createRollupsRepository } from './repositories/rollups-repository';
import { createSalesRepository } from './repositories/sales-repository';
import { createListRunner } from './repositories/table-access';
import { createCompaniesRepository } from './repositories/companies-repository';
import { createOAuthRepository } from './repositories/oauth-repository';
import { createOutboxRepository } from './repositories/outbox-repository';
import { createPartnerRequestsRepository } from './repositories/partner-requests-repository';
import { createSettingsRepository } from './repositories/settings-repository';
import { createShopSettingsRepository } from './repositories/shop-settings-repository';
import { createUsersRepository } from './repositories/users-repository';
import { createWebhooksRepository } from './repositories/webhooks-repository';
import { createWebhookDeliveryRepository } from './repositories/webhook-delivery-repository';
import type { SecretStore } from './secrets/secret-store';
import { seedDemo } from './seed/demo-seed';
import { createAppApprovalsService, type AppApprovalsService } from './services/app-approvals-service';
import { createAppStoreService, type AppStoreService } from './services/app-store-service';
import { createAppsService, type AppsService } from './services/apps-service';
import { createMyAppsService, type MyAppsService } from './services/my-apps-service';
import { createAuthorizationsService, type AuthorizationsService } from './services/authorizations-service';
import { createBillingService, type BillingService } from './services/billing/billing-service';
import { createCompaniesService, type CompaniesService } from './services/companies-service';
import { createEmbeddedAppsService, type EmbeddedAppsService } from './services/embedded-apps-service';
import { createOAuthService, type OAuthService } from './services/oauth-service';
import { createAudienceService, type AudienceService } from './services/audience-service';
import { createCatalogService, type CatalogService } from './services/catalog-service';
import { createCheckoutService, type CheckoutService } from './services/checkout-service';
import { createContentService, type ContentService } from './services/content-service';
import { createCustomersService, type CustomersService } from './services/customers-service';
import { createExportService, type ExportService } from './services/export-service';
import { createOrdersService, type OrdersService } from './services/orders-service';
import { createSalesService, type SalesService } from './services/sales-service';
import { createOutboxService, type OutboxService } from './services/outbox-service';
import { createPartnerRequestsService, type PartnerRequestsService } from './services/partner-requests-service';
import { createServiceContext, type Repositories, type ServiceContext } from './services/service-context';
import { createShopService, type ShopService } from './services/shop-service';
import { createUsersService, type UsersService } from './services/users-service';
import { createWebhooksService, type WebhooksService } from './services/webhooks-service';
import { createWebhookDeliveryService, type WebhookDeliveryService } from './services/webhook-delivery-service';
import { installWebhookEventWriter } from './webhooks/webhook-event-writer';

export type SeedChoice = 'demo' | 'none';

export interface OpenPlatformOptions {
  dataDir: string;
  secretStore: SecretStore;
  /** What to put into an empty data folder. Default: demo. A folder that holds data is never seeded. */
  seed?: SeedChoice;
  /** better_sqlite3.node built for Electron's ABI. */
  sqliteNativeBinding?: string;
  /** Replace the clock or ids (tests, repeatable demos). */
  clock?: (settings: Repositories['settings']) => Clock;
  ids?: Ids;
  /** Open a database file other than <dataDir>/partnerdeck.sqlite (':memory:' in unit tests). */
  databasePath?: string;
}

export interface Platform {
  readonly dataDir: string;
  readonly db: Db;
  readonly clock: Clock;
  readonly ids: Ids;
  readonly events: EventBus;
  readonly secrets: SecretStore;
  readonly repos: Repositories;
  /** Transactions and the in-transaction event hook (transactional outbox) that services share. */
  readonly ctx: ServiceContext;
  readonly companies: CompaniesService;
  readonly users: UsersService;
  readonly partnerRequests: PartnerRequestsService;
  readonly shop: ShopService;
  readonly outbox: OutboxService;
  /** Apps' API credentials (client id, sealed and hashed shared secret, redirect URIs, scopes). */
  readonly apps: AppsService;
  /** Companies' grants to apps (OAuth consent; App Store installs build on it). */
  readonly authorizations: AuthorizationsService;
  /** My Apps: a shop company's app and theme listings (product + credentials), secrets, approval requests. */
  readonly myApps: MyAppsService;
  /** The platform operator's approval queue: approve into Beta / Release, reject with a reason. */
  readonly appApprovals: AppApprovalsService;
  /** The App Store: browse, install (purchases), uninstall, and `installedApps(actor, companyId)` for Manage Apps. */
  readonly appStore: AppStoreService;
  /** The OAuth server's codes and tokens. */
  readonly oauth: OAuthService;
  /** Embedded apps: Manage Apps per company, signed Start URLs (spec §6), the embed checker. */
  readonly embeddedApps: EmbeddedAppsService;
  /** Webhook registrations (REST /admin/webhooks). */
  readonly webhooks: WebhooksService;
  /** Where webhooks may go: our own ports and the operator's allowed private ranges (M1). */
  readonly webhookNetwork: WebhookNetworkSettings;
  /** Webhook deliveries: the log, replays, reactivation, pair states (the dispatcher itself is started by the hosts). */
  readonly webhookDeliveries: WebhookDeliveryService;
  // A client's shop data (spec §2); every change goes through these and emits its events.
  readonly catalog: CatalogService;
  readonly customers: CustomersService;
  readonly orders: OrdersService;
  /** The storefront's checkout (demos, the console's test orders, webhook triggers). */
  readonly checkout: CheckoutService;
  readonly audience: AudienceService;
  readonly content: ContentService;
  /** Statistics: the partner's combined view, a company's dashboard, month-close and payout figures. */
  readonly sales: SalesService;
  /** CSV exports of the shop lists and the combined view's tables. */
  readonly exports: ExportService;
  /** The month close: rates, closing, documents, a partner's prices for its clients (spec §7). */
  readonly billing: BillingService;
  /** True when this open seeded the demo data into an empty folder. */
  readonly seeded: boolean;
  /** The URL at which this machine's platform answers, once a server listens (used in emails). */
  publicUrl(): string;
  setPublicUrl(url: string): void;
  close(): void;
}

export const DEFAULT_PUBLIC_URL = 'http://127.0.0.1 (PartnerDeck on this computer)';

export function openPlatform(options: OpenPlatformOptions): Platform {
  const db = openDatabase(options.databasePath ?? join(options.dataDir, DB_FILE_NAME), { nativeBinding: options.sqliteNativeBinding });
  try {
    const settings = createSettingsRepository(db);
    const clock = options.clock ? options.clock(settings) : createClock(settings);
    const ids = options.ids ?? cryptoIds;
    const events = createEventBus();
    const companiesRepo = createCompaniesRepository(db);
    const repos: Repositories = {
      settings,
      companies: companiesRepo,
      users: createUsersRepository(db),
      partnerRequests: createPartnerRequestsRepository(db),
      shopSettings: createShopSettingsRepository(db),
      outbox: createOutboxRepository(db),
      audit: createAuditRepository(db),
      apps: createAppsRepository(db),
      appStore: createAppStoreRepository(db),
      authorizations: createAuthorizationsRepository(db),
      oauth: createOAuthRepository(db),
      webhooks: createWebhooksRepository(db),
      webhookDelivery: createWebhookDeliveryRepository(db),
      catalog: createCatalogRepository(db),
      customers: createCustomersRepository(db),
      orders: createOrdersRepository(db),
      audience: createAudienceRepository(db),
      content: createContentRepository(db),
      rollups: createRollupsRepository(db),
      sales: createSalesRepository(db),
      billing: createBillingRepository(db),
      lists: createListRunner(db),
    };
    const ctx = createServiceContext({ db, clock, ids, events, repos, access: createAccessChecker(companiesRepo) });
    let publicUrl = DEFAULT_PUBLIC_URL;
    const outbox = createOutboxService(ctx);
    // Our own servers' ports: this process's platform server, and what the folder's servers remember (a serve or
    // a browser-mode console of another process on the same folder), read at most once a second.
    let remembered: { at: number; ports: OwnPort[] } = { at: -Infinity, ports: [] };
    const ownPorts = (): OwnPort[] => {
      if (performance.now() - remembered.at > 1000) {
        const ports = rememberedPorts(options.dataDir);
        remembered = {
          at: performance.now(),
          ports: [
            ...(ports.platform ? [{ port: ports.platform, name: 'the platform server' }] : []),
            ...(ports.console ? [{ port: ports.console, name: 'the console' }] : []),
          ],
        };
      }
      const own = portOfOrigin(publicUrl);
      return own === null ? remembered.ports : [{ port: own, name: 'the platform server' }, ...remembered.ports.filter((p) => p.port !== own)];
    };
    const webhookNetwork = createWebhookNetworkSettings(ctx, ownPorts);
    const webhooks = createWebhooksService(ctx, { policy: () => webhookNetwork.policy() });
    const authorizations = createAuthorizationsService(ctx, webhooks);
    const companies = createCompaniesService(ctx, outbox, authorizations);
    const users = createUsersService(ctx, outbox, () => publicUrl);
    const partnerRequests = createPartnerRequestsService(ctx, companies, outbox);
    const shop = createShopService(ctx);
    const catalog = createCatalogService(ctx);
    const apps = createAppsService(ctx, options.secretStore, catalog);
    const oauth = createOAuthService(ctx);
    const embeddedApps = createEmbeddedAppsService(ctx, apps);
    // Webhook event rows are written inside the transaction of every change that has a topic (spec §5).
    installWebhookEventWriter(ctx, repos.webhookDelivery);
    const webhookDeliveries = createWebhookDeliveryService(ctx, webhooks);
    clock.onAdvance((now) => events.publish('clock.advanced', { now, offsetMs: clock.offsetMs() }));
    const customers = createCustomersService(ctx);
    const orders = createOrdersService(ctx);
    const myApps = createMyAppsService(ctx, apps, catalog);
    const appApprovals = createAppApprovalsService(ctx, outbox);
    const appStore = createAppStoreService(ctx, { authorizations, customers, orders });
    const checkout = createCheckoutService(ctx, customers, orders);
    const audience = createAudienceService(ctx);
    const content = createContentService(ctx);
    const sales = createSalesService(ctx, catalog);
    const exports = createExportService(ctx, { catalog, customers, orders, audience, content, sales });
    const billing = createBillingService(ctx, outbox);
    let seeded = false;
    const platform: Platform = {
      dataDir: options.dataDir,
      db,
      clock,
      ids,
      events,
      secrets: options.secretStore,
      repos,
      ctx,
      companies,
      users,
      partnerRequests,
      shop,
      outbox,
      apps,
      authorizations,
      myApps,
      appApprovals,
      appStore,
      oauth,
      embeddedApps,
      webhooks,
      webhookNetwork,
      webhookDeliveries,
      catalog,
      customers,
      orders,
      checkout,
      audience,
      content,
      sales,
      exports,
      billing,
      get seeded() {
        return seeded;
      },
      publicUrl: () => publicUrl,
      setPublicUrl(url) {
        publicUrl = url;
      },
      close() {
        if (db.open) db.close();
      },
    };
    if ((options.seed ?? 'demo') === 'demo' && repos.companies.countAll() === 0) {
      // One transaction: a seed that fails half-way leaves the folder empty, to be seeded again next time.
      // Each service call inside it is a savepoint; their journals stay in memory (not a temp file each).
      const tempStore = db.pragma('temp_store', { simple: true });
      db.pragma('temp_store = MEMORY');
      try {
        db.transaction(() => seedDemo(platform)).immediate();
      } finally {
        db.pragma(`temp_store = ${tempStore}`);
      }
      seeded = true;
    }
    return platform;
  } catch (error) {
    db.close();
    throw error;
  }
}
