// Extensions: My Apps (the acting shop's listings), the App Store (browse, install, the installed apps) and
// the platform operator's App review queue. Actions are the only callers of the App Store console methods.
import type { z } from 'zod';
import type { listingCreateSchema, listingUpdateSchema } from '../../src-shared/api/app-store-inputs';
import type { DeveloperApp, DeveloperAppWithSecret, InstallQuote, InstallResult, InstalledApp, OperatorApp, StoreListing } from '../../src-shared/api/app-store-types';
import type { ApprovedVisibility, ListingKind } from '../../src-shared/domain/app-store';
import { VISIBILITY_LABELS } from '../../src-shared/domain/app-store';
import { createKeyedLoader } from './keyed-loader';
import { idle, ready, type Loadable } from './loadable';
import { entryTarget, fieldTarget, mutate, patch, type SliceContext } from './slice-context';
import type { SliceParts } from '../area';

export interface StoreQuery {
  search: string;
  kind: 'any' | ListingKind;
}

export interface AppsState {
  myApps: Record<number, Loadable<DeveloperApp[]>>;
  storeQuery: StoreQuery;
  store: Loadable<StoreListing[]>;
  installed: Loadable<InstalledApp[]>;
  reviewFilter: 'pending' | 'all';
  review: Loadable<OperatorApp[]>;
  /** Listings waiting for the operator (the App review badge); null until loaded or for other users. */
  reviewPending: number | null;
}

export interface AppsActions {
  loadMyApps(companyId: number): Promise<void>;
  createListing(input: z.input<typeof listingCreateSchema>): Promise<DeveloperAppWithSecret>;
  updateListing(input: z.input<typeof listingUpdateSchema>): Promise<DeveloperApp>;
  revealSecret(companyId: number, appId: number): Promise<string>;
  /** `graceSeconds`: how long the old secret keeps working beside the new one (0: it stops at once). */
  rotateSecret(companyId: number, appId: number, graceSeconds: number): Promise<DeveloperAppWithSecret>;
  requestApproval(companyId: number, appId: number, message: string): Promise<DeveloperApp>;
  setListingVisibility(companyId: number, appId: number, visibility: ApprovedVisibility): Promise<DeveloperApp>;
  themeChoices(companyId: number): Promise<{ id: number; name: string; version: string }[]>;
  setStoreQuery(query: Partial<StoreQuery>): void;
  loadAppStore(): Promise<void>;
  loadInstalled(): Promise<void>;
  quoteInstall(appId: number, companyId: number): Promise<InstallQuote>;
  installApp(appId: number, companyId: number): Promise<InstallResult>;
  uninstallApp(app: InstalledApp): Promise<void>;
  setReviewFilter(filter: 'pending' | 'all'): void;
  loadReview(): Promise<void>;
  /** The operator's count of listings waiting for review (navigation badge). */
  loadReviewPending(): Promise<void>;
  approveListing(appId: number, visibility: ApprovedVisibility, note: string): Promise<void>;
  rejectListing(appId: number, reason: string): Promise<void>;
  /** Refreshes whatever App Store data is on screen (pushed events). */
  refreshApps(): void;
}

export function createAppsSlice(ctx: SliceContext): SliceParts<AppsState, AppsActions> {
  const loader = createKeyedLoader();
  const acting = () => ctx.get().session.info?.acting?.id ?? null;

  const mineOf = (companyId: number) => entryTarget(ctx, 'apps', 'myApps', companyId);
  const replaceMine = (app: DeveloperApp) =>
    mineOf(app.companyId).update((prev) => ready([app, ...(prev?.data ?? []).filter((a) => a.id !== app.id)].sort((a, b) => b.id - a.id)));

  const actions: AppsActions = {
    loadMyApps: (companyId) => loader.load(`mine:${companyId}`, mineOf(companyId), () => ctx.client.call('myApps.list', { companyId })),

    async createListing(input) {
      const result = await mutate(ctx, () => ctx.client.call('myApps.create', input), (r) => `${r.app.name} was created in Development`);
      replaceMine(result.app);
      return result;
    },

    async updateListing(input) {
      const app = await mutate(ctx, () => ctx.client.call('myApps.update', input), (a) => `${a.name} was saved`);
      replaceMine(app);
      return app;
    },

    async revealSecret(companyId, appId) {
      const { clientSecret } = await mutate(ctx, () => ctx.client.call('myApps.revealSecret', { companyId, appId }));
      return clientSecret;
    },

    async rotateSecret(companyId, appId, graceSeconds) {
      const result = await mutate(
        ctx,
        () => ctx.client.call('myApps.rotateSecret', { companyId, appId, graceSeconds }),
        (r) => (r.app.previousSecretValidUntil ? 'A new shared secret was issued: the old one works until the grace period ends' : 'A new shared secret was issued: the old one stopped working'),
      );
      replaceMine(result.app);
      return result;
    },

    async requestApproval(companyId, appId, message) {
      const app = await mutate(ctx, () => ctx.client.call('myApps.requestApproval', { companyId, appId, message }), (a) => `Approval of ${a.name} was requested`);
      replaceMine(app);
      return app;
    },

    async setListingVisibility(companyId, appId, visibility) {
      const app = await mutate(ctx, () => ctx.client.call('myApps.setVisibility', { companyId, appId, visibility }), (a) => `${a.name} is now in ${VISIBILITY_LABELS[a.visibility]}`);
      replaceMine(app);
      return app;
    },

    themeChoices: (companyId) => ctx.client.call('myApps.themeChoices', { companyId }),

    setStoreQuery(query) {
      patch(ctx, 'apps', (s) => ({ storeQuery: { ...s.storeQuery, ...query } }));
      void actions.loadAppStore();
    },

    async loadAppStore() {
      const companyId = acting();
      if (companyId === null) return;
      const query = ctx.get().apps.storeQuery;
      await loader.load('store', fieldTarget(ctx, 'apps', 'store'), () => ctx.client.call('appStore.browse', { companyId, ...query }));
    },

    loadInstalled: () => loader.load('installed', fieldTarget(ctx, 'apps', 'installed'), () => ctx.client.call('appStore.installed', {})),

    quoteInstall: (appId, companyId) => ctx.client.call('appStore.quote', { appId, companyId }),

    async installApp(appId, companyId) {
      const result = await mutate(ctx, () => ctx.client.call('appStore.install', { appId, companyId }), (r) => `${r.installed.name} was installed for ${r.installed.companyName}`);
      void actions.loadAppStore();
      void actions.loadInstalled();
      return result;
    },

    async uninstallApp(app) {
      await mutate(ctx, () => ctx.client.call('appStore.uninstall', { appId: app.appId, companyId: app.companyId }), `${app.name} was uninstalled from ${app.companyName}`);
      patch(ctx, 'apps', (s) => ({ installed: ready((s.installed.data ?? []).filter((a) => !(a.appId === app.appId && a.companyId === app.companyId))) }));
      void actions.loadAppStore();
    },

    setReviewFilter(filter) {
      patch(ctx, 'apps', { reviewFilter: filter });
      void actions.loadReview();
    },

    loadReview: () => loader.load('review', fieldTarget(ctx, 'apps', 'review'), () => ctx.client.call('operator.apps', { filter: ctx.get().apps.reviewFilter })),

    async loadReviewPending() {
      try {
        const status = await ctx.client.call('operator.status', {});
        patch(ctx, 'apps', { reviewPending: status.isOperator ? status.pendingRequests : null });
      } catch {
        patch(ctx, 'apps', { reviewPending: null });
      }
    },

    async approveListing(appId, visibility, note) {
      const app = await mutate(ctx, () => ctx.client.call('operator.approve', { appId, visibility, note }), (a) => `${a.name} was approved into ${VISIBILITY_LABELS[a.visibility]}`);
      void actions.loadReviewPending();
      patch(ctx, 'apps', (s) => ({ review: ready((s.review.data ?? []).flatMap((a) => (a.id !== app.id ? [a] : s.reviewFilter === 'pending' ? [] : [app]))) }));
    },

    async rejectListing(appId, reason) {
      const app = await mutate(ctx, () => ctx.client.call('operator.reject', { appId, reason }), (a) => `${a.name} was rejected; the developer was told why`);
      void actions.loadReviewPending();
      patch(ctx, 'apps', (s) => ({ review: ready((s.review.data ?? []).flatMap((a) => (a.id !== app.id ? [a] : s.reviewFilter === 'pending' ? [] : [app]))) }));
    },

    refreshApps() {
      const s = ctx.get().apps;
      const companyId = acting();
      if (companyId !== null && s.myApps[companyId]) ctx.schedule(`my-apps:${companyId}`, () => void actions.loadMyApps(companyId));
      if (s.store.status !== 'idle') ctx.schedule('app-store', () => void actions.loadAppStore());
      if (s.installed.status !== 'idle') ctx.schedule('apps-installed', () => void actions.loadInstalled());
      if (ctx.get().session.info?.isOperator) {
        if (s.review.status !== 'idle') ctx.schedule('app-review', () => void actions.loadReview());
        ctx.schedule('app-review-pending', () => void actions.loadReviewPending());
      }
    },
  };

  const initial: AppsState = { myApps: {}, storeQuery: { search: '', kind: 'any' }, store: idle(), installed: idle(), reviewFilter: 'pending', review: idle(), reviewPending: null };
  return {
    state: initial,
    actions,
    // The search and the operator's review queue are not the acting company's.
    forActing: (current) => ({ ...initial, storeQuery: current.storeQuery, review: current.review, reviewFilter: current.reviewFilter }),
  };
}
