// The embedded-apps area's core: which apps a company has, signed Start URLs (spec §6) and the embed checker.
import { defineCoreArea } from '../area';
import { createEmbeddedAppsService, type EmbeddedAppsService } from '../services/embedded-apps-service';

declare module '../platform' {
  interface PlatformServices {
    /** Embedded apps: Manage Apps per company, signed Start URLs (spec §6), the embed checker. */
    readonly embeddedApps: EmbeddedAppsService;
  }
}

export const embeddedAppsCore = defineCoreArea({
  name: 'embeddedApps',
  services: { embeddedApps: ({ ctx, apps }) => createEmbeddedAppsService(ctx, apps) },
});
