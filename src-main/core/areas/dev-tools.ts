// The developer tools' core (issue 19): the API request log (migration 013) with its server observer, and
// hosted-compatibility mode (a setting; the OAuth and REST routes ask it before serving a local-only
// convenience).
import { defineCoreArea } from '../area';
import { migration013 } from '../db/migrations/013-api-request-log';
import { apiLogModule } from '../devtools/api-log-module';
import { createApiLogService, type ApiLogService } from '../devtools/api-log-service';
import { createCompatibilityService, type CompatibilityService } from '../devtools/compatibility-service';
import { createApiLogRepository, type ApiLogRepository } from '../repositories/api-log-repository';
import { createAppDevService, type AppDevService } from '../services/app-dev-service';

declare module '../platform' {
  interface PlatformServices {
    /** The API request log: every /admin, /token and /api/tokeninfo request, written in batches. */
    readonly apiLog: ApiLogService;
    /** Hosted-compatibility mode (strict) and the local-only conveniences it refuses. */
    readonly compatibility: CompatibilityService;
    /** `partnerdeck app dev`: an app's config applied to a development company, its tokens and delivery tail. */
    readonly appDev: AppDevService;
  }
}

declare module '../services/service-context' {
  interface Repositories {
    apiLog: ApiLogRepository;
  }
}

export const devToolsCore = defineCoreArea({
  name: 'devTools',
  migrations: [migration013],
  repositories: { apiLog: createApiLogRepository },
  services: {
    apiLog: ({ repos, clock, events, db }) => createApiLogService({ repo: repos.apiLog, clock, events, isOpen: () => db.open }),
    compatibility: ({ repos, events }) => createCompatibilityService({ settings: repos.settings, events }),
    appDev: ({ ctx, apps, authorizations, oauth, webhooks, companies, users, localUsers }) =>
      createAppDevService(ctx, { apps, authorizations, oauth, webhooks, companies, users, localUsers }),
  },
  routes: [apiLogModule],
  onOpen({ apiLog, events }) {
    // Time travel: what the moved clock made older than the retention goes now.
    events.subscribe(({ name }) => {
      if (name === 'clock.advanced') apiLog.sweep(true);
    });
  },
});
