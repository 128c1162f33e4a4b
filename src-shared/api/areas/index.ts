// THE list of feature areas on the shared side (one of the three central lists: this one, src-main/areas.ts and
// src-renderer/areas.ts). Each area declares its console methods and its events in ./<area>.ts; contract.ts
// and event-catalogue.ts derive the method map and the event catalogue from this list. Adding an area: write its file
// and add it here (docs/architecture.md, "How to add an area").
import { appStoreArea } from './app-store';
import { billingArea } from './billing';
import { devToolsArea } from './dev-tools';
import { embeddedAppsArea } from './embedded-apps';
import { foundationArea } from './foundation';
import { logisticsArea } from './logistics';
import { oauthArea } from './oauth';
import { salesArea } from './sales';
import { shopArea } from './shop';
import { webhooksArea } from './webhooks';

export const SHARED_AREAS = [foundationArea, oauthArea, webhooksArea, shopArea, salesArea, embeddedAppsArea, billingArea, appStoreArea, devToolsArea, logisticsArea] as const;

export type AreaName = (typeof SHARED_AREAS)[number]['name'];
