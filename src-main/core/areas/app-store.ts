// The App Store area's core (migration 006): a shop's listings (My Apps), the operator's approval queue and
// the store itself (browse, install as a purchase, uninstall).
import { defineCoreArea } from '../area';
import { migration006 } from '../db/migrations/006-app-store';
import { createAppStoreRepository, type AppStoreRepository } from '../repositories/app-store-repository';
import { createAppApprovalsService, type AppApprovalsService } from '../services/app-approvals-service';
import { createAppStoreService, type AppStoreService } from '../services/app-store-service';
import { createMyAppsService, type MyAppsService } from '../services/my-apps-service';
import { seedDemoApps } from '../seed/demo-apps-seed';

declare module '../platform' {
  interface PlatformServices {
    /** My Apps: a shop company's app and theme listings (product + credentials), secrets, approval requests. */
    readonly myApps: MyAppsService;
    /** The platform operator's approval queue: approve into Beta / Release, reject with a reason. */
    readonly appApprovals: AppApprovalsService;
    /** The App Store: browse, install (purchases), uninstall, and `installedApps(actor, companyId)` for Manage Apps. */
    readonly appStore: AppStoreService;
  }
}

declare module '../services/service-context' {
  interface Repositories {
    /** App Store listings, approval requests and installs. */
    appStore: AppStoreRepository;
  }
}

export const appStoreCore = defineCoreArea({
  name: 'appStore',
  migrations: [migration006],
  repositories: { appStore: createAppStoreRepository },
  services: {
    myApps: ({ ctx, apps, catalog }) => createMyAppsService(ctx, apps, catalog),
    appApprovals: ({ ctx, outbox }) => createAppApprovalsService(ctx, outbox),
    appStore: ({ ctx, authorizations, customers, orders }) => createAppStoreService(ctx, { authorizations, customers, orders }),
  },
  demoSeed: seedDemoApps,
});
