// THE list of feature areas on the renderer side (one of the three central lists: this one, src-shared/api/areas
// and src-main/areas.ts). Each area's manifest (./areas/<area>/index.tsx) contributes its routes and screens, its
// navigation entries, its store slices and how it follows pushed events; the router, the frame, the side
// navigation, the store and pushed-events.ts loop over this list. Adding an area: write its manifest and add it
// here (docs/architecture.md, "How to add an area"). The order is the order pushed events are handled in.
import { appStoreArea } from './areas/app-store';
import { billingArea } from './areas/billing';
import { devToolsArea } from './areas/dev-tools';
import { embeddedAppsArea } from './areas/embedded-apps';
import { foundationArea } from './areas/foundation';
import { logisticsArea } from './areas/logistics';
import { oauthArea } from './areas/oauth';
import { salesArea } from './areas/sales';
import { shopArea } from './areas/shop';
import { webhooksArea } from './areas/webhooks';
import type { AreaSliceKey } from './state/store';

export const RENDERER_AREAS = [foundationArea, oauthArea, webhooksArea, devToolsArea, shopArea, salesArea, embeddedAppsArea, billingArea, appStoreArea, logisticsArea] as const;

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
type RegisteredSliceKey = keyof UnionToIntersection<NonNullable<(typeof RENDERER_AREAS)[number]['slices']>>;

/** Compile-time check: every slice an area declares in the store's `AreaSlices` is registered by an area. */
export const EVERY_SLICE_REGISTERED: [AreaSliceKey] extends [RegisteredSliceKey] ? true : never = true;
