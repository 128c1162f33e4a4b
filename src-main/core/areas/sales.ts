// The sales area's core: statistics from the rollups (the partner's combined view, a company's dashboard,
// month-close figures; migration 008's month index, 025's daily product rows in month and product order, 027's product rows per quarter), CSV exports, and the /admin statistics resources.
import { defineCoreArea } from '../area';
import { migration008 } from '../db/migrations/008-combined-month-index';
import { migration025 } from '../db/migrations/025-product-daily-by-month';
import { migration027 } from '../db/migrations/027-product-quarterly';
import { createSalesRepository, type SalesRepository } from '../repositories/sales-repository';
import { statisticsModule } from '../server/admin/statistics-routes';
import { createExportService, type ExportService } from '../services/export-service';
import { createSalesService, type SalesService } from '../services/sales-service';

declare module '../platform' {
  interface PlatformServices {
    /** Statistics: the partner's combined view, a company's dashboard, month-close and payout figures. */
    readonly sales: SalesService;
    /** CSV exports of the shop lists and the combined view's tables. */
    readonly exports: ExportService;
  }
}

declare module '../services/service-context' {
  interface Repositories {
    sales: SalesRepository;
  }
}

export const salesCore = defineCoreArea({
  name: 'sales',
  migrations: [migration008, migration025, migration027],
  repositories: { sales: createSalesRepository },
  services: {
    sales: ({ ctx, catalog }) => createSalesService(ctx, catalog),
    exports: ({ ctx, catalog, customers, orders, audience, content, sales }) => createExportService(ctx, { catalog, customers, orders, audience, content, sales }),
  },
  routes: [statisticsModule],
});
