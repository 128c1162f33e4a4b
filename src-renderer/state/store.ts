// The renderer's one zustand store, built from typed slices. Actions (under `actions`) are the only code
// that calls the console client; components read state through one selector per value.
import { createStore, type StoreApi } from 'zustand/vanilla';
import { createBillingSlice, type BillingActions, type BillingState } from './billing-slice';
import { createBrandingSlice, type BrandingActions, type BrandingState } from './branding-slice';
import { createAppsSlice, type AppsActions, type AppsState } from './apps-slice';
import { createCompaniesSlice, type CompaniesActions, type CompaniesState } from './companies-slice';
import { createDevToolsSlice, type DevToolsActions, type DevToolsState } from './dev-tools-slice';
import { createEmbeddedAppsSlice, type EmbeddedAppsActions, type EmbeddedAppsState } from './embedded-apps-slice';
import { idle } from './loadable';
import { createOAuthSlice, type OAuthActions, type OAuthState } from './oauth-slice';
import { createOutboxSlice, type OutboxActions, type OutboxState } from './outbox-slice';
import { createRequestsSlice, type RequestsActions, type RequestsState } from './requests-slice';
import { createSalesSlice, type SalesActions, type SalesState } from './sales-slice';
import { createSessionSlice, type SessionActions, type SessionState } from './session-slice';
import { createShopDataSlice, type ShopDataActions, type ShopDataState } from './shop-data-slice';
import { createShopSlice, type ShopActions, type ShopState } from './shop-slice';
import type { ConsoleApi, SliceContext } from './slice-context';
import { createUiSlice, type UiActions, type UiState } from './ui-slice';
import { createUsersSlice, type UsersActions, type UsersState } from './users-slice';
import { createWebhooksSlice, type WebhooksActions, type WebhooksState } from './webhooks-slice';

interface ResetActions {
  /** Runs `fn` once after a short delay however often `key` is scheduled meanwhile (pushed events use it). */
  scheduleRefresh(key: string, fn: () => void): void;
  /** Another user signed in: nothing loaded for the previous one may stay. */
  resetForUser(): void;
  /** The acting company changed: data that depends on it is stale. */
  resetForActing(): void;
}

export type AppActions = SessionActions &
  CompaniesActions &
  UsersActions &
  ShopActions &
  ShopDataActions &
  SalesActions &
  RequestsActions &
  OutboxActions &
  OAuthActions &
  WebhooksActions &
  DevToolsActions &
  EmbeddedAppsActions &
  BillingActions &
  BrandingActions &
  AppsActions &
  UiActions &
  ResetActions;

export interface AppState {
  session: SessionState;
  companies: CompaniesState;
  users: UsersState;
  shop: ShopState;
  shopData: ShopDataState;
  sales: SalesState;
  requests: RequestsState;
  outbox: OutboxState;
  oauth: OAuthState;
  webhooks: WebhooksState;
  devTools: DevToolsState;
  embeddedApps: EmbeddedAppsState;
  billing: BillingState;
  branding: BrandingState;
  apps: AppsState;
  ui: UiState;
  actions: AppActions;
}

export type AppStore = StoreApi<AppState>;

export interface AppStoreOptions {
  /** How long refetches triggered by events are coalesced (ms). */
  refreshDelayMs?: number;
}

export function createAppStore(client: ConsoleApi, options: AppStoreOptions = {}): AppStore {
  const delay = options.refreshDelayMs ?? 60;
  const pending = new Map<string, () => void>();
  let timer: ReturnType<typeof setTimeout> | null = null;

  function schedule(key: string, fn: () => void): void {
    pending.set(key, fn);
    if (timer !== null) return;
    timer = setTimeout(() => {
      timer = null;
      const due = [...pending.values()];
      pending.clear();
      for (const run of due) run();
    }, delay);
  }

  return createStore<AppState>()((set, get) => {
    const ctx: SliceContext = { set, get, client, schedule };
    const session = createSessionSlice(ctx);
    const companies = createCompaniesSlice(ctx);
    const users = createUsersSlice(ctx);
    const shop = createShopSlice(ctx);
    const shopData = createShopDataSlice(ctx);
    const sales = createSalesSlice(ctx);
    const requests = createRequestsSlice(ctx);
    const outbox = createOutboxSlice(ctx);
    const oauth = createOAuthSlice(ctx);
    const webhooks = createWebhooksSlice(ctx);
    const devTools = createDevToolsSlice(ctx);
    const embeddedApps = createEmbeddedAppsSlice(ctx);
    const billing = createBillingSlice(ctx);
    const branding = createBrandingSlice(ctx);
    const apps = createAppsSlice(ctx);
    const ui = createUiSlice(ctx);

    const reset: ResetActions = {
      scheduleRefresh: schedule,
      resetForUser() {
        set((s) => ({
          session: { ...s.session, switcher: idle(), candidates: s.session.candidates },
          companies: { ...companies.state, query: s.companies.query },
          users: users.state,
          shop: shop.state,
          shopData: shopData.state,
          sales: sales.state,
          requests: requests.state,
          outbox: outbox.state,
          oauth: oauth.state,
          webhooks: webhooks.state,
          devTools: devTools.state,
          embeddedApps: embeddedApps.state,
          billing: billing.state,
          // The brand logo is kept by its version (the file's hash): another user of the same brand shows the same file.
          branding: { ...branding.state, logo: s.branding.logo },
          apps: apps.state,
        }));
      },
      resetForActing() {
        set((s) => ({
          requests: { ...s.requests, list: idle(), directory: idle() },
          webhooks: { ...webhooks.state, clock: s.webhooks.clock },
          devTools: { ...devTools.state, compatibility: s.devTools.compatibility },
          embeddedApps: { ...embeddedApps.state, lists: s.embeddedApps.lists },
          billing: billing.state,
          apps: { ...apps.state, storeQuery: s.apps.storeQuery, review: s.apps.review, reviewFilter: s.apps.reviewFilter },
        }));
        shopData.actions.resetShopData(get().session.info?.acting?.id ?? null);
      },
    };

    return {
      session: session.state,
      companies: companies.state,
      users: users.state,
      shop: shop.state,
      shopData: shopData.state,
      sales: sales.state,
      requests: requests.state,
      outbox: outbox.state,
      oauth: oauth.state,
      webhooks: webhooks.state,
      devTools: devTools.state,
      embeddedApps: embeddedApps.state,
      billing: billing.state,
      branding: branding.state,
      apps: apps.state,
      ui: ui.state,
      actions: {
        ...session.actions,
        ...companies.actions,
        ...users.actions,
        ...shop.actions,
        ...shopData.actions,
        ...sales.actions,
        ...requests.actions,
        ...outbox.actions,
        ...oauth.actions,
        ...webhooks.actions,
        ...devTools.actions,
        ...embeddedApps.actions,
        ...billing.actions,
        ...branding.actions,
        ...apps.actions,
        ...ui.actions,
        ...reset,
      },
    };
  });
}
