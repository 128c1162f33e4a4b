// My Apps (spec §6, the developer's view): a shop company's app and theme listings. Each is a product of its
// shop (sales fields: name, description, price, currency, VAT rate, availability) plus its API credentials
// (apps: client id, shared secret revealed on demand and rotatable, redirect URIs, Authorization URL,
// permissions, Start URL, developer email; themes: the shop's theme an install copies). Editing writes the
// product and the registration in one transaction; changing an app's permissions narrows what companies
// granted to the new set and fires app.updated (webhook app/update) for every company that has it. The
// developer requests approval here and, once approved, moves the listing between Beta and Release.
import type { z } from 'zod';
import { listingCreateSchema, listingFieldProblems, listingUpdateSchema, rotateSecretSchema, type approvalRequestSchema, type developerVisibilitySchema } from '../../../src-shared/api/app-store-inputs';
import type { DeveloperApp, DeveloperAppWithSecret } from '../../../src-shared/api/app-store-types';
import { ApiError } from '../../../src-shared/api/errors';
import { parseInput } from '../../../src-shared/api/validation';
import { approvalStep } from '../../../src-shared/domain/app-store';
import { canonicalScopes, formatScopes } from '../../../src-shared/domain/oauth-scopes';
import { actorLabel, type Actor } from '../access';
import type { ListingRow } from '../repositories/app-store-repository';
import type { AppPatch } from '../repositories/apps-repository';
import { approvalStatusOf, readinessOf, toDeveloperApp } from './app-store-mappers';
import { setListingVisibility } from './app-approvals-service';
import type { AppsService } from './apps-service';
import type { CatalogService } from './catalog-service';
import type { Emit, ServiceContext } from './service-context';
import { createShopOpener, type OpenShop } from './shop-access';

export type ApprovalRequestInput = z.output<typeof approvalRequestSchema>;
export type DeveloperVisibilityInput = z.output<typeof developerVisibilitySchema>;

export interface MyAppsService {
  /** The company's listings, newest first (the actor needs the "apps" permission; partners have none). */
  list(actor: Actor, companyId: number): DeveloperApp[];
  get(actor: Actor, companyId: number, appId: number): DeveloperApp;
  /** A new listing (product + credentials); apps get their shared secret in clear this once. */
  create(actor: Actor, input: z.input<typeof listingCreateSchema>): DeveloperAppWithSecret;
  update(actor: Actor, input: z.input<typeof listingUpdateSchema>): DeveloperApp;
  /** The app's shared secret in clear (audited). */
  revealSecret(actor: Actor, companyId: number, appId: number): string;
  /** A new shared secret; the old one stays valid for `graceSeconds` beside it (0: it stops at once). */
  rotateSecret(actor: Actor, input: z.input<typeof rotateSecretSchema>): DeveloperAppWithSecret;
  requestApproval(actor: Actor, input: ApprovalRequestInput): DeveloperApp;
  /** Approved listings: Beta <-> Release (e.g. ending the Beta). */
  setVisibility(actor: Actor, input: DeveloperVisibilityInput): DeveloperApp;
  /** The shop's themes a theme listing can offer. */
  themeChoices(actor: Actor, companyId: number): { id: number; name: string; version: string }[];
  /** Inside the caller's transaction: emits app.updated for every company that has the app (installed or authorized). */
  emitUpdatedForInstalls(emit: Emit, appId: number): number[];
}

export function createMyAppsService(ctx: ServiceContext, apps: AppsService, catalog: CatalogService): MyAppsService {
  const { repos, clock } = ctx;
  const openShop = createShopOpener(ctx);

  function dto(appId: number): DeveloperApp {
    const row = repos.appStore.getListing(appId)!;
    const latest = row.latest_request_id === null ? undefined : repos.appStore.getRequest(row.latest_request_id);
    return toDeveloperApp(row, latest, clock.now());
  }

  /** The shop (checked: visible, not a partner, "apps" permission) and one of its own listings. */
  function ownListing(actor: Actor, companyId: number, appId: number): { shop: OpenShop; row: ListingRow } {
    const shop = openShop(actor, companyId, 'apps');
    const row = repos.appStore.getListing(appId);
    if (!row || row.company_id !== shop.company.id) throw new ApiError('not_found', `App ${appId} was not found among ${shop.company.name}'s apps.`, { appId });
    return { shop, row };
  }

  function checkTheme(shop: OpenShop, themeId: number | null): void {
    if (themeId !== null && !repos.content.getTheme(shop.company.id, themeId)) {
      throw ApiError.validation({ themeId: [`theme ${themeId} is not one of ${shop.company.name}'s themes`] });
    }
  }

  function emitUpdatedForInstalls(emit: Emit, appId: number): number[] {
    const companies = new Set([...repos.appStore.activeInstallCompanyIds(appId), ...repos.authorizations.listActiveForApp(appId).map((a) => a.company_id)]);
    const ids = [...companies].sort((a, b) => a - b);
    for (const companyId of ids) emit('app.updated', { companyId, appId });
    return ids;
  }

  return {
    emitUpdatedForInstalls,

    themeChoices(actor, companyId) {
      const shop = openShop(actor, companyId, 'apps');
      return repos.content.themeChoices(shop.company.id);
    },

    list(actor, companyId) {
      const shop = openShop(actor, companyId, 'apps');
      const rows = repos.appStore.listListingsOf(shop.company.id);
      const latest = new Map(repos.appStore.requestsByIds(rows.flatMap((r) => (r.latest_request_id === null ? [] : [r.latest_request_id]))).map((r) => [r.app_id, r]));
      const now = clock.now();
      return rows.map((row) => toDeveloperApp(row, latest.get(row.id), now));
    },

    get(actor, companyId, appId) {
      ownListing(actor, companyId, appId);
      return dto(appId);
    },

    create(actor, raw) {
      const input = parseInput(listingCreateSchema, raw);
      const shop = openShop(actor, input.companyId, 'apps');
      checkTheme(shop, input.themeId);
      const { appId, clientSecret } = ctx.transact((emit) => apps.register(emit, shop, input, actor));
      return { app: dto(appId), clientSecret };
    },

    update(actor, raw) {
      const input = parseInput(listingUpdateSchema, raw);
      const { shop, row } = ownListing(actor, input.companyId, input.appId);
      const before = { redirectUris: JSON.parse(row.redirect_uris) as string[], scopes: canonicalScopes(row.scopes.split(',')) };
      const merged = {
        kind: row.kind,
        redirectUris: input.redirectUris ?? before.redirectUris,
        scopes: input.scopes ?? before.scopes,
        authorizationUrl: input.authorizationUrl !== undefined ? input.authorizationUrl : row.authorization_url,
        startUrl: input.startUrl !== undefined ? input.startUrl : row.start_url,
        themeId: input.themeId !== undefined ? input.themeId : row.theme_id,
      };
      const problems = listingFieldProblems(merged);
      if (Object.keys(problems).length > 0) throw ApiError.validation(problems);
      checkTheme(shop, input.themeId ?? null);
      const newScopes = canonicalScopes(merged.scopes);
      const scopesChanged = formatScopes(newScopes) !== formatScopes(before.scopes);
      const removed = before.scopes.filter((s) => !newScopes.includes(s));
      const now = clock.now();
      ctx.transact((emit) => {
        const product = { name: input.name, description: input.description, priceMinor: input.priceMinor, currency: input.currency, vatRateBp: input.vatRateBp, isActive: input.isActive };
        if (Object.values(product).some((v) => v !== undefined)) catalog.patchProduct(emit, shop, row.product_id, product);
        const patch: AppPatch = {
          name: input.name,
          redirect_uris: input.redirectUris === undefined ? undefined : JSON.stringify(input.redirectUris),
          scopes: input.scopes === undefined ? undefined : formatScopes(input.scopes),
          authorization_url: input.authorizationUrl,
          start_url: input.startUrl,
          developer_email: input.developerEmail,
          theme_id: input.themeId,
        };
        apps.update(row.id, patch);
        if (removed.length > 0) {
          // Companies keep only what the app still asks for: their tokens lose the removed scopes at once.
          for (const authorization of repos.authorizations.listActiveForApp(row.id)) {
            const kept = authorization.scopes.split(',').filter((s) => newScopes.includes(s as never));
            repos.authorizations.setScopes(authorization.id, formatScopes(kept), now);
          }
        }
        if (scopesChanged) emitUpdatedForInstalls(emit, row.id);
        repos.audit.record({
          company_id: shop.company.id,
          actor: actorLabel(actor),
          action: 'app.updated',
          detail: { appId: row.id, ...(scopesChanged ? { scopes: formatScopes(newScopes), removed } : {}) },
          created_at: now,
        });
        emit('app_listing.changed', { appId: row.id, companyId: shop.company.id });
      });
      return dto(row.id);
    },

    revealSecret(actor, companyId, appId) {
      const { shop, row } = ownListing(actor, companyId, appId);
      const secret = apps.openSecret(row.id);
      repos.audit.record({ company_id: shop.company.id, actor: actorLabel(actor), action: 'app.secret_revealed', detail: { appId }, created_at: clock.now() });
      return secret;
    },

    rotateSecret(actor, raw) {
      const { companyId, appId, graceSeconds } = parseInput(rotateSecretSchema, raw);
      ownListing(actor, companyId, appId);
      const { clientSecret } = apps.rotateSecret(actor, appId, { graceSeconds });
      return { app: dto(appId), clientSecret };
    },

    requestApproval(actor, input) {
      const { shop, row } = ownListing(actor, input.companyId, input.appId);
      const latest = row.latest_request_id === null ? undefined : repos.appStore.getRequest(row.latest_request_id);
      const step = approvalStep({ visibility: row.visibility, status: approvalStatusOf(latest) }, { kind: 'request' });
      if (!step.ok) throw new ApiError('conflict', step.problem, { reason: 'approval_state' });
      const missing = readinessOf(row);
      if (Object.keys(missing).length > 0) {
        throw new ApiError('conflict', `${row.name} is not ready for approval. ${Object.values(missing).join(' ')}`, { reason: 'not_ready', missing });
      }
      const now = clock.now();
      ctx.transact((emit) => {
        const requestId = repos.appStore.insertRequest({ app_id: row.id, requested_at: now, requested_by: actorLabel(actor).replace(/^user:/, ''), message: input.message });
        repos.audit.record({ company_id: shop.company.id, actor: actorLabel(actor), action: 'app.approval_requested', detail: { appId: row.id, requestId }, created_at: now });
        emit('app_listing.changed', { appId: row.id, companyId: shop.company.id });
      });
      return dto(row.id);
    },

    setVisibility(actor, input) {
      const { row } = ownListing(actor, input.companyId, input.appId);
      ctx.transact((emit) => setListingVisibility(ctx, emit, row, input.visibility, actor));
      return dto(row.id);
    },
  };
}
