// What the acting company's users may see and do, derived from the session alone. The navigation, the
// route guards and the keyboard shortcuts all ask this one place.
import type { SessionInfo } from '../../src-shared/api/types';
import type { Route } from '../router/routes';

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
  /** Store section is shown (settings permission); whether it works is `storeAvailable`. */
  store: boolean;
  storeAvailable: boolean;
  companySettings: boolean;
  users: boolean;
  /** A non-partner company's own partner relation page (request a partner / end the relation). */
  partnerRelation: boolean;
  /** The acting company's authorized apps (the apps permission). */
  authorizedApps: boolean;
  /** Webhooks of the apps connected to the company (or, as Self, to the partner and its clients). */
  webhooks: boolean;
}

export function capabilitiesOf(info: SessionInfo | null): Capabilities {
  const perms = new Set(info?.permissions ?? []);
  const signedIn = Boolean(info?.user && info.acting);
  const isPartnerUser = Boolean(info?.home?.isPartner);
  const isSelf = Boolean(info?.isSelf);
  const actingIsPartner = Boolean(info?.acting?.isPartner);
  return {
    signedIn,
    isPartnerUser,
    isSelf,
    actingAsClient: signedIn && !isSelf,
    canSwitch: signedIn && isPartnerUser,
    clients: signedIn && isPartnerUser && isSelf && perms.has('clients'),
    store: signedIn && perms.has('settings'),
    storeAvailable: signedIn && Boolean(info?.storeAvailable),
    companySettings: signedIn && perms.has('settings'),
    users: signedIn && perms.has('users'),
    partnerRelation: signedIn && !actingIsPartner && perms.has('settings'),
    authorizedApps: signedIn && perms.has('apps'),
    webhooks: signedIn && perms.has('apps'),
  };
}

export type RouteAccess = { ok: true } | { ok: false; reason: 'self-only' | 'client-only' | 'permission' | 'store-locked' };

/** Whether the current session may open a route, and if not, why (the screen explains it). */
export function routeAccess(route: Route, caps: Capabilities): RouteAccess {
  switch (route.name) {
    case 'overview':
    case 'outbox':
    case 'developer':
    case 'not-found':
      return { ok: true };
    case 'company-apps':
      return caps.authorizedApps ? { ok: true } : { ok: false, reason: 'permission' };
    case 'shop-settings':
      if (!caps.store) return { ok: false, reason: 'permission' };
      return caps.storeAvailable ? { ok: true } : { ok: false, reason: 'store-locked' };
    case 'companies':
    case 'company-new':
    case 'company':
    case 'partner-requests':
      if (caps.clients) return { ok: true };
      return caps.isPartnerUser && !caps.isSelf ? { ok: false, reason: 'self-only' } : { ok: false, reason: 'permission' };
    case 'company-settings':
      return caps.companySettings ? { ok: true } : { ok: false, reason: 'permission' };
    case 'company-users':
      return caps.users ? { ok: true } : { ok: false, reason: 'permission' };
    case 'webhooks':
      return caps.webhooks ? { ok: true } : { ok: false, reason: 'permission' };
    case 'company-partner':
      if (caps.partnerRelation) return { ok: true };
      return caps.isPartnerUser && caps.isSelf ? { ok: false, reason: 'client-only' } : { ok: false, reason: 'permission' };
  }
}
