// The shop area's core: a client's shop data (spec §2, migration 002) — catalogue, customers, orders with the
// sales rollups kept in each order's transaction, checkout, audience and content — and its /admin resources.
import { defineCoreArea } from '../area';
import { migration002 } from '../db/migrations/002-shop';
import { createAudienceRepository, type AudienceRepository } from '../repositories/audience-repository';
import { createCatalogRepository, type CatalogRepository } from '../repositories/catalog-repository';
import { createContentRepository, type ContentRepository } from '../repositories/content-repository';
import { createCustomersRepository, type CustomersRepository } from '../repositories/customers-repository';
import { createOrdersRepository, type OrdersRepository } from '../repositories/orders-repository';
import { createRollupsRepository, type RollupsRepository } from '../repositories/rollups-repository';
import { shopModule } from '../server/admin/shop-routes';
import { createAudienceService, type AudienceService } from '../services/audience-service';
import { createCatalogService, type CatalogService } from '../services/catalog-service';
import { createCheckoutService, type CheckoutService } from '../services/checkout-service';
import { createContentService, type ContentService } from '../services/content-service';
import { createCustomersService, type CustomersService } from '../services/customers-service';
import { createOrdersService, type OrdersService } from '../services/orders-service';
import { seedDemoShops } from '../seed/demo-shop-seed';

declare module '../platform' {
  interface PlatformServices {
    // A client's shop data (spec §2); every change goes through these and emits its events.
    readonly catalog: CatalogService;
    readonly customers: CustomersService;
    readonly orders: OrdersService;
    /** The storefront's checkout (demos, the console's test orders, webhook triggers). */
    readonly checkout: CheckoutService;
    readonly audience: AudienceService;
    readonly content: ContentService;
  }
}

declare module '../services/service-context' {
  interface Repositories {
    catalog: CatalogRepository;
    customers: CustomersRepository;
    orders: OrdersRepository;
    audience: AudienceRepository;
    content: ContentRepository;
    /** Sales rollups, written in each order's transaction and read by the statistics. */
    rollups: RollupsRepository;
  }
}

export const shopCore = defineCoreArea({
  name: 'shop',
  migrations: [migration002],
  repositories: {
    catalog: createCatalogRepository,
    customers: createCustomersRepository,
    orders: createOrdersRepository,
    audience: createAudienceRepository,
    content: createContentRepository,
    rollups: createRollupsRepository,
  },
  services: {
    catalog: ({ ctx }) => createCatalogService(ctx),
    customers: ({ ctx }) => createCustomersService(ctx),
    orders: ({ ctx }) => createOrdersService(ctx),
    checkout: ({ ctx, customers, orders }) => createCheckoutService(ctx, customers, orders),
    audience: ({ ctx }) => createAudienceService(ctx),
    content: ({ ctx }) => createContentService(ctx),
  },
  routes: [shopModule],
  demoSeed: seedDemoShops,
});
