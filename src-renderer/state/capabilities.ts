// What the acting company's users may see and do, derived from the session alone. The navigation, the
// route guards and the keyboard shortcuts all ask this one place.
import type { SessionInfo } from '../../src-shared/api/types';
import type { Permission } from '../../src-shared/domain/permissions';

export interface Capabilities {
  signedIn: boolean;
  /** The signed-in user belongs to a partner company. */
  isPartnerUser: boolean;
  isSelf: boolean;
  /** Acting as a client of the partner (not Self). */
  actingAsClient: boolean;
  /** May switch companies at all (partners only). */
  canSwitch: boolean;
  /** Clients section: companies, new company, partner requests (partner users acting as Self). */
  clients: boolean;
  /** Store section is shown (any store area's permission); whether it works is `storeAvailable`. */
  store: boolean;
  storeAvailable: boolean;
  /** Store areas the permissions reach; shown (locked) as Self too, usable when `storeAvailable`. */
  storeAreas: Record<StoreArea, boolean>;
  /** The combined view over the clients (partner users as Self, reports permission). */
  sales: boolean;
  /** The product listing across clients (partner users as Self, products permission). */
  salesProducts: boolean;
  companySettings: boolean;
  users: boolean;
  /** A non-partner company's own partner relation page (request a partner / end the relation). */
  partnerRelation: boolean;
  /** The acting company's authorized apps (the apps permission). */
  authorizedApps: boolean;
  /** Extensions / Manage Apps: the acting company's apps, opened embedded, and the embed checker (apps permission). */
  manageApps: boolean;
  /** Webhooks of the apps connected to the company (or, as Self, to the partner and its clients). */
  webhooks: boolean;
  /** Billing: the acting company's documents (the billing permission). */
  billing: boolean;
  /** Closing months, client prices and drafted invoices: a partner as Self with the billing permission. */
  billingClose: boolean;
  /** Changing the month close's rates (Billing → Rates → Edit): the platform operator role. */
  editRates: boolean;
  /** The private networks webhooks may go to (Webhooks → Private networks): the platform operator role. */
  webhookNetworks: boolean;
  /** The App Store: browse and install (apps permission); a partner as Self installs for its clients. */
  appStore: boolean;
  /** My Apps: the acting shop's app and theme listings (apps permission, inside a shop company). */
  myApps: boolean;
  /** The platform operator's App review (a user role, not a permission). */
  appReview: boolean;
  /** Moving the platform clock: the operator role or a partner's administrator (the platform decides, the session says). */
  moveClock: boolean;
}

/** The store's areas and the permission each needs (as the platform checks them: themes and files are
 * part of the catalogue, subscribers and the audience part of the customers area). */
export const STORE_AREA_PERMISSIONS = {
  dashboard: ['reports'],
  products: ['products'],
  orders: ['orders'],
  customers: ['customers'],
  audience: ['customers'],
  content: ['products'],
  // The storefront lists the catalogue and places orders.
  storefront: ['products', 'orders'],
  settings: ['settings'],
} as const satisfies Record<string, readonly Permission[]>;
export type StoreArea = keyof typeof STORE_AREA_PERMISSIONS;

export function capabilitiesOf(info: SessionInfo | null): Capabilities {
  const perms = new Set(info?.permissions ?? []);
  const signedIn = Boolean(info?.user && info.acting);
  const isPartnerUser = Boolean(info?.home?.isPartner);
  const isSelf = Boolean(info?.isSelf);
  const actingIsPartner = Boolean(info?.acting?.isPartner);
  const storeAreas = Object.fromEntries(
    (Object.entries(STORE_AREA_PERMISSIONS) as [StoreArea, readonly Permission[]][]).map(([area, needs]) => [area, signedIn && needs.every((p) => perms.has(p))]),
  ) as Record<StoreArea, boolean>;
  const selfPartner = signedIn && isPartnerUser && isSelf;
  return {
    signedIn,
    isPartnerUser,
    isSelf,
    actingAsClient: signedIn && !isSelf,
    canSwitch: signedIn && isPartnerUser,
    clients: signedIn && isPartnerUser && isSelf && perms.has('clients'),
    store: Object.values(storeAreas).some(Boolean),
    storeAvailable: signedIn && Boolean(info?.storeAvailable),
    storeAreas,
    sales: selfPartner && perms.has('reports'),
    salesProducts: selfPartner && perms.has('products'),
    companySettings: signedIn && perms.has('settings'),
    users: signedIn && perms.has('users'),
    partnerRelation: signedIn && !actingIsPartner && perms.has('settings'),
    authorizedApps: signedIn && perms.has('apps'),
    manageApps: signedIn && perms.has('apps'),
    webhooks: signedIn && perms.has('apps'),
    billing: signedIn && perms.has('billing'),
    billingClose: selfPartner && perms.has('billing'),
    editRates: signedIn && Boolean(info?.isOperator),
    webhookNetworks: signedIn && Boolean(info?.isOperator),
    appStore: signedIn && perms.has('apps'),
    myApps: signedIn && perms.has('apps') && Boolean(info?.storeAvailable),
    appReview: signedIn && Boolean(info?.isOperator),
    moveClock: signedIn && Boolean(info?.canMoveClock),
  };
}
