// The logistics area's core (spec §8, migration 016, docs/logistics.md): providers approved by the operator, their
// warehouses, zones and rates, the shops' choices, shipping at checkout and forwarding (installed as an in-transaction
// hook on the shop's order events: the shop area does not know this area), inventory and shipments. No REST module:
// the spec defines no /admin resource for logistics (docs/logistics.md, "Why no REST resource").
import { defineCoreArea } from '../area';
import { migration016 } from '../db/migrations/016-logistics';
import { migration022 } from '../db/migrations/022-logistics-list-indexes';
import { createLogisticsRepositoryNow, type LogisticsRepositoryNow } from '../repositories/logistics-repository';
import { createFulfillmentService, type FulfillmentService } from '../services/fulfillment-service';
import { createLogisticsService, type LogisticsService } from '../services/logistics-service';
import { seedDemoLogistics } from '../seed/demo-logistics-seed';

declare module '../platform' {
  interface PlatformServices {
    /** Providers (apply, approval, profile, offers), warehouses, zones, rates, and the shops' choices. */
    readonly logistics: LogisticsService;
    /** Shipping at checkout, forwarding, the fulfillment queue, shipments and inventory. */
    readonly fulfillment: FulfillmentService;
  }
}

declare module '../services/service-context' {
  interface Repositories {
    /** At once on SQLite while its services are called from synchronous transactions (repositories/logistics-repository.ts). */
    logistics: LogisticsRepositoryNow;
  }
}

export const logisticsCore = defineCoreArea({
  name: 'logistics',
  migrations: [migration016, migration022],
  // On the asynchronous data layer (db/data.ts), its synchronous face for now (db/steps.ts).
  repositories: { logistics: (_db, data) => createLogisticsRepositoryNow(data) },
  services: {
    logistics: ({ ctx, outbox }) => createLogisticsService(ctx, outbox),
    fulfillment: ({ ctx, logistics, outbox, orders }) => createFulfillmentService(ctx, logistics, outbox, orders),
  },
  onOpen({ fulfillment }) {
    fulfillment.install();
  },
  demoSeed: seedDemoLogistics,
});
