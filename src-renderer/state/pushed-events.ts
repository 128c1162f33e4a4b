// Pushed events enter the store here, outside React: each event refreshes exactly what it touches.
// Subscribed once at startup (main.tsx).
import { SHOP_EVENT_NAMES, type PushedEvent, type ShopEventName, type ShopObjectEvent } from '../../src-shared/api/contract';
import type { RendererConsoleClient } from '../api/console-client';
import type { AppStore } from './store';

export function applyPushedEvent(store: AppStore, event: PushedEvent): void {
  const s = store.getState();
  const a = s.actions;
  // Refreshes go through the store's scheduler via these helpers, so a burst coalesces into one call.
  switch (event.name) {
    case 'session.changed':
      // A switch under way applies its own result once the new company's screen is ready (no blank
      // screen in between); applying the pushed copy first would show the new company too early.
      if (s.session.switchingTo !== null) return;
      a.applySession(event.payload as PushedEvent<'session.changed'>['payload']);
      return;
    case 'company.created':
      refreshLater(store, 'company-lists', () => a.refreshCompanyLists());
      refreshLater(store, 'switcher', () => void a.loadSwitcher());
      return;
    case 'company.updated': {
      const { companyId } = event.payload as PushedEvent<'company.updated'>['payload'];
      if (s.companies.details[companyId]) refreshLater(store, `company:${companyId}`, () => void a.loadCompany(companyId));
      const info = s.session.info;
      // The brand's partner changed its admin domain: the session carries it.
      if (info && (info.acting?.id === companyId || info.home?.id === companyId || info.brand?.partnerId === companyId)) {
        refreshLater(store, 'session', () => void a.loadSession());
      }
      refreshLater(store, 'company-lists', () => a.refreshCompanyLists());
      refreshLater(store, 'switcher', () => void a.loadSwitcher());
      return;
    }
    case 'user.changed': {
      const { companyId } = event.payload as PushedEvent<'user.changed'>['payload'];
      if (s.users.byCompany[companyId]) refreshLater(store, `users:${companyId}`, () => void a.loadUsers(companyId));
      refreshLater(store, 'company-lists', () => a.refreshCompanyLists());
      refreshLater(store, 'candidates', () => void a.loadCandidates());
      return;
    }
    case 'partner_request.changed':
      if (s.requests.list.status !== 'idle') refreshLater(store, 'requests', () => void a.loadRequests());
      // An accepted request adds a client; an ended one removes it.
      refreshLater(store, 'company-lists', () => a.refreshCompanyLists());
      refreshLater(store, 'switcher', () => void a.loadSwitcher());
      return;
    case 'branding.changed': {
      const { companyId } = event.payload as PushedEvent<'branding.changed'>['payload'];
      // The session's brand carries the logo's version; the top bar loads a changed logo from it.
      refreshLater(store, 'session', () => void a.loadSession());
      for (const id of Object.keys(s.branding.whiteLabels).map(Number)) {
        if (companyId === null || id === companyId) refreshLater(store, `white-label:${id}`, () => void a.loadWhiteLabel(id));
      }
      return;
    }
    case 'outbox.added':
      refreshLater(store, 'outbox', () => void a.loadOutbox());
      return;
    case 'webhook.created':
    case 'webhook.updated':
    case 'webhook.deleted':
    case 'webhook.reactivated':
    case 'webhook.deactivated':
      if (s.webhooks.overview.status !== 'idle') refreshLater(store, 'webhooks', () => void a.loadWebhooks());
      return;
    case 'api_requests.logged':
      if (s.devTools.apiLog.status === 'ready') refreshLater(store, 'api-log', () => void a.loadNewerApiRequests());
      return;
    case 'compatibility.changed':
      if (s.devTools.compatibility.status !== 'idle') refreshLater(store, 'compatibility', () => void a.loadCompatibility());
      return;
    case 'webhook_deliveries.changed':
      if (s.webhooks.overview.status !== 'idle') refreshLater(store, 'webhooks', () => void a.loadWebhooks());
      if (s.webhooks.log.status === 'ready') refreshLater(store, 'webhook-log', () => void a.loadNewerAttempts());
      return;
    case 'billing.changed':
      refreshLater(store, 'billing', () => a.applyBillingChange());
      return;
    case 'clock.advanced':
      if (s.billing.overview.status !== 'idle') refreshLater(store, 'billing', () => a.applyBillingChange());
      refreshLater(store, 'clock', () => void a.loadClock());
      if (s.webhooks.overview.status !== 'idle') refreshLater(store, 'webhooks', () => void a.loadWebhooks());
      return;
    case 'shop.updated': {
      const { companyId } = event.payload as PushedEvent<'shop.updated'>['payload'];
      if (s.shop.byCompany[companyId]) refreshLater(store, `shop:${companyId}`, () => void a.loadShopSettings(companyId));
      return;
    }
    case 'authorization.granted':
    case 'authorization.revoked': {
      const { companyId } = event.payload as PushedEvent<'authorization.granted'>['payload'];
      if (s.oauth.authorizations[companyId]) refreshLater(store, `authorizations:${companyId}`, () => void a.loadAuthorizations(companyId));
      // An authorized app is an installed app under Manage Apps (src-main/core/apps/installed-apps.ts).
      if (s.embeddedApps.lists[companyId]) refreshLater(store, `managed-apps:${companyId}`, () => void a.loadManagedApps(companyId));
      a.refreshApps();
      return;
    }
    case 'app.installed':
    case 'app.uninstalled':
    case 'app.updated':
    case 'app_listing.changed': {
      a.refreshApps();
      // A store install or uninstall changes the company's Manage Apps too.
      const { companyId } = event.payload as PushedEvent<'app.installed'>['payload'];
      if (s.embeddedApps.lists[companyId]) refreshLater(store, `managed-apps:${companyId}`, () => void a.loadManagedApps(companyId));
      return;
    }
    default:
      if (isShopEvent(event.name)) {
        const payload = event.payload as ShopObjectEvent;
        a.applyShopEvent(event.name, payload);
        // Sales figures move with orders; dashboards count products and customers too.
        if (/^(order|product|customer)\./.test(event.name)) a.applySalesEvent(payload.companyId);
      }
  }
}

function isShopEvent(name: string): name is ShopEventName {
  return (SHOP_EVENT_NAMES as readonly string[]).includes(name);
}

function refreshLater(store: AppStore, key: string, fn: () => void): void {
  store.getState().actions.scheduleRefresh(key, fn);
}

/** Subscribes the store to the client's events and connection state; returns the unsubscribe. */
export function connectEvents(store: AppStore, client: RendererConsoleClient): () => void {
  const offEvents = client.subscribe((event) => applyPushedEvent(store, event));
  const offConnection = client.onConnectionChange((state) => store.getState().actions.setConnection(state));
  return () => {
    offEvents();
    offConnection();
  };
}
