// Apps and their API credentials (spec §3/§6): registering an app with a generated client id and shared
// secret, listing and reading registrations, verifying a presented secret (constant time, against a hash),
// opening the sealed secret for signing (webhook hashes, embedded-app hmac) and rotating it. Every app is a
// product of the developer's shop (migration 006): registering creates its app product in the same
// transaction. The OAuth server, the webhook dispatcher and the App Store all reach apps through here.
import type { z } from 'zod';
import { appCreateSchema, type AppCreateInput } from '../../../src-shared/api/app-inputs';
import { MAX_SECRET_GRACE_SECONDS } from '../../../src-shared/api/app-store-inputs';
import { ApiError } from '../../../src-shared/api/errors';
import { parseInput } from '../../../src-shared/api/validation';
import type { AppSummary } from '../../../src-shared/api/oauth-types';
import { canonicalScopes, formatScopes } from '../../../src-shared/domain/oauth-scopes';
import { actorLabel, requirePermission, type Actor } from '../access';
import { toIso } from '../clock';
import type { AppKind, AppPatch, AppRow, AppWithCompanyRow } from '../repositories/apps-repository';
import { hashSecret, matchesHashOf, presentedHash } from '../secrets/secret-hash';
import { sealedBy, type SecretStore } from '../secrets/secret-store';
import type { CatalogService } from './catalog-service';
import type { Emit, ServiceContext } from './service-context';
import { createShopOpener, type OpenShop } from './shop-access';

export type AppCreate = z.output<typeof appCreateSchema>;

/** What verifying a presented secret needs of an app row (the previous secret's columns: migration 018). */
export type SecretHashes = Pick<AppRow, 'client_secret_hash'> & Partial<Pick<AppRow, 'previous_secret_hash' | 'previous_secret_expires_at'>>;

/** Bytes of randomness: client ids 16 (32 hex characters), shared secrets 32 (256 bits, 43 base64url characters). */
export const CLIENT_ID_BYTES = 16;
export const CLIENT_SECRET_BYTES = 32;

/** Everything a listing registers: its product's sales fields and its credentials (see app-store-inputs.ts). */
export interface RegisterListing {
  kind: AppKind;
  name: string;
  description: string;
  priceMinor: number;
  currency?: string;
  vatRateBp?: number;
  isActive: boolean;
  redirectUris: string[];
  scopes: string[];
  authorizationUrl: string | null;
  startUrl: string | null;
  developerEmail: string;
  themeId: number | null;
}

export interface AppsService {
  /** Validates and registers an app (with its app product: price 0, available); the shared secret is returned in clear this once. */
  create(actor: Actor, input: AppCreateInput): { app: AppSummary; clientSecret: string };
  /**
   * Inside the caller's transaction, for a shop already opened and checked: writes the listing's product and
   * registration. Apps get a client id and a shared secret (returned in clear, stored sealed and hashed);
   * themes get an internal listing key and no secret.
   */
  register(emit: Emit, shop: OpenShop, listing: RegisterListing, actor: Actor): { appId: number; clientSecret: string | null };
  /** Apps of one company, or of every company the actor sees (the operator: every app). */
  list(actor: Actor, companyId?: number): AppSummary[];
  get(actor: Actor, appId: number): AppSummary;
  /** For the OAuth server: the app behind a client id (no access check: the client id is public; themes are never clients). */
  findByClientId(clientId: string): AppRow | undefined;
  /** Constant-time check of a presented shared secret (the current one, or the replaced one during a grace period). */
  verifySecret(app: SecretHashes, presented: string): boolean;
  /** Which secret a presented one is: the current, the one replaced by a rotation whose grace period runs, or neither (null). */
  matchedSecret(app: SecretHashes, presented: string): 'current' | 'previous' | null;
  /**
   * The secret a rotation replaced while its grace period runs (webhooks carry a second signature made with it),
   * with its sealed form (what the dispatcher caches on); null when there is none or it expired.
   */
  previousSecret(appId: number): { sealed: string; expiresAt: number; open(): string } | null;
  /**
   * The shared secret in clear, for signing. Throws a `conflict` ApiError with an actionable message when the
   * secret was sealed by a store this process cannot open (the desktop app's OS keychain, seen from
   * `partnerdeck serve` or browser mode).
   */
  openSecret(appId: number): string;
  /**
   * A new shared secret for an app (the developer's company, "apps" permission). Without a grace period the old
   * one stops working for client authentication at once; with one it keeps working until the grace ends, and
   * webhooks carry two `v1,` signatures (new, then old) meanwhile; the payload `hash` uses the new secret from
   * the next attempt. A rotation during a grace period replaces the older secret: only the last two are kept.
   * Tokens already issued stay valid. Returns the new secret in clear, this once.
   */
  rotateSecret(actor: Actor, appId: number, options?: { graceSeconds?: number }): { app: AppSummary; clientSecret: string };
  /** Inside the caller's transaction: changes registration columns (the App Store's listing edits). */
  update(appId: number, patch: AppPatch): void;
}

/** Compared against when no grace period runs, so both branches take the same time. */
const UNUSED_HASH = '0'.repeat(64);

export function toAppSummary(row: AppWithCompanyRow): AppSummary {
  return {
    id: row.id,
    companyId: row.company_id,
    companyName: row.company_name,
    name: row.name,
    clientId: row.client_id,
    redirectUris: JSON.parse(row.redirect_uris) as string[],
    scopes: canonicalScopes(row.scopes.split(',')),
    authorizationUrl: row.authorization_url,
    startUrl: row.start_url,
    developerEmail: row.developer_email,
    createdAt: toIso(row.created_at),
  };
}

export function createAppsService(ctx: ServiceContext, secrets: SecretStore, catalog: CatalogService): AppsService {
  const { repos, access, clock, ids } = ctx;
  const openShop = createShopOpener(ctx);

  function visible(actor: Actor, appId: number): AppWithCompanyRow {
    const row = repos.apps.get(appId);
    if (!row || !access.canSee(actor, row.company_id)) throw new ApiError('not_found', `App ${appId} was not found.`, { appId });
    return row;
  }

  function matchedSecret(app: SecretHashes, presented: string): 'current' | 'previous' | null {
    // Hashed once, compared with both stored hashes.
    const digest = presentedHash(presented);
    const current = app.client_secret_hash !== '' && matchesHashOf(digest, app.client_secret_hash);
    // Both hashes are always compared, so the time taken does not tell whether a grace period runs.
    const inGrace = app.previous_secret_hash != null && app.previous_secret_expires_at != null && clock.now() < app.previous_secret_expires_at;
    const previous = matchesHashOf(digest, inGrace ? app.previous_secret_hash! : UNUSED_HASH);
    if (current) return 'current';
    return inGrace && previous ? 'previous' : null;
  }

  function newClientId(prefix = ''): string {
    let clientId = prefix + ids.hex(CLIENT_ID_BYTES);
    while (repos.apps.clientIdTaken(clientId)) clientId = prefix + ids.hex(CLIENT_ID_BYTES);
    return clientId;
  }

  function register(emit: Emit, shop: OpenShop, listing: RegisterListing, actor: Actor): { appId: number; clientSecret: string | null } {
    const now = clock.now();
    const isApp = listing.kind === 'app';
    const clientSecret = isApp ? ids.token(CLIENT_SECRET_BYTES) : null;
    const productId = catalog.insertProduct(emit, shop, {
      kind: listing.kind,
      name: listing.name,
      sku: '',
      description: listing.description,
      priceMinor: listing.priceMinor,
      currency: listing.currency,
      vatRateBp: listing.vatRateBp,
      isActive: listing.isActive,
      categoryIds: [],
    });
    // A theme listing is never an OAuth client: its key is internal and it has no secret to verify or sign with.
    const clientId = newClientId(isApp ? '' : 'theme-');
    const appId = repos.apps.insert({
      company_id: shop.company.id,
      name: listing.name,
      client_id: clientId,
      client_secret_sealed: clientSecret === null ? '' : secrets.seal(clientSecret),
      client_secret_hash: clientSecret === null ? '' : hashSecret(clientSecret),
      redirect_uris: JSON.stringify(listing.redirectUris),
      scopes: formatScopes(listing.scopes),
      authorization_url: listing.authorizationUrl,
      start_url: listing.startUrl,
      developer_email: listing.developerEmail,
      kind: listing.kind,
      product_id: productId,
      theme_id: listing.themeId,
      created_at: now,
      updated_at: now,
    });
    repos.audit.record({ company_id: shop.company.id, actor: actorLabel(actor), action: 'app.created', detail: { appId, clientId, kind: listing.kind, name: listing.name, productId }, created_at: now });
    emit('app_listing.changed', { appId, companyId: shop.company.id });
    return { appId, clientSecret };
  }

  return {
    register,

    create(actor, raw) {
      const input: AppCreate = parseInput(appCreateSchema, raw);
      const company = access.company(actor, input.companyId);
      if (company.is_partner) {
        throw ApiError.validation({
          companyId: [`${company.name} is a partner; apps are products of a shop company (register it in a client or a shop company)`],
        });
      }
      const shop = openShop(actor, company.id, 'apps');
      const { appId, clientSecret } = ctx.transact((emit) =>
        register(emit, shop, { kind: 'app', description: '', priceMinor: 0, isActive: true, themeId: null, ...input }, actor),
      );
      return { app: toAppSummary(repos.apps.get(appId)!), clientSecret: clientSecret! };
    },

    list(actor, companyId) {
      if (companyId !== undefined) {
        access.company(actor, companyId);
        return repos.apps.listByCompanies([companyId]).filter((r) => r.kind === 'app').map(toAppSummary);
      }
      const rows = actor.kind === 'operator' ? repos.apps.listAll() : repos.apps.listByCompanies(access.visibleCompanyIds(actor));
      return rows.filter((r) => r.kind === 'app').map(toAppSummary);
    },

    get: (actor, appId) => toAppSummary(visible(actor, appId)),

    findByClientId: (clientId) => repos.apps.findByClientId(clientId),

    matchedSecret,
    verifySecret: (app, presented) => matchedSecret(app, presented) !== null,

    previousSecret(appId) {
      const row = repos.apps.get(appId);
      if (!row || row.previous_secret_sealed == null || row.previous_secret_expires_at == null || clock.now() >= row.previous_secret_expires_at) return null;
      const sealed = row.previous_secret_sealed;
      return { sealed, expiresAt: row.previous_secret_expires_at, open: () => secrets.open(sealed) };
    },

    openSecret(appId) {
      const row = repos.apps.get(appId);
      if (!row) throw new ApiError('not_found', `App ${appId} was not found.`, { appId });
      if (row.kind !== 'app' || row.client_secret_sealed === '') {
        throw new ApiError('conflict', `"${row.name}" is a theme: themes have no shared secret.`, { appId, reason: 'no_secret' });
      }
      const sealer = sealedBy(row.client_secret_sealed);
      if (sealer === 'os-keychain' && secrets.kind !== 'os-keychain') {
        throw new ApiError(
          'conflict',
          `The shared secret of app "${row.name}" (${row.client_id}) was sealed with the desktop app's OS keychain, ` +
            'which `partnerdeck serve` and browser mode cannot open. Open this data folder in the PartnerDeck desktop app to sign ' +
            'with it (webhooks, embedded apps), or rotate the secret from here. OAuth logins and tokens work either way.',
          { appId, reason: 'secret_sealed_by_os_keychain' },
        );
      }
      try {
        return secrets.open(row.client_secret_sealed);
      } catch (error) {
        throw new ApiError(
          'conflict',
          `The shared secret of app "${row.name}" (${row.client_id}) cannot be opened here: ${(error as Error).message}. ` +
            'Was the secret key file (secret.key) in the data folder replaced or removed? Rotating the secret gives the app a new one.',
          { appId, reason: 'secret_unreadable' },
        );
      }
    },

    rotateSecret(actor, appId, options = {}) {
      const row = visible(actor, appId);
      requirePermission(actor, 'apps');
      if (row.kind !== 'app') throw new ApiError('conflict', `"${row.name}" is a theme: themes have no shared secret.`, { appId, reason: 'no_secret' });
      const graceSeconds = options.graceSeconds ?? 0;
      if (!Number.isInteger(graceSeconds) || graceSeconds < 0 || graceSeconds > MAX_SECRET_GRACE_SECONDS) {
        throw ApiError.validation({ graceSeconds: ['the grace period must be whole seconds from 0 to 7 days'] });
      }
      const clientSecret = ids.token(CLIENT_SECRET_BYTES);
      const now = clock.now();
      const previous = graceSeconds > 0 ? { sealed: row.client_secret_sealed, hash: row.client_secret_hash, expiresAt: now + graceSeconds * 1000 } : null;
      ctx.transact((emit) => {
        repos.apps.setSecret(appId, secrets.seal(clientSecret), hashSecret(clientSecret), now, previous);
        repos.audit.record({
          company_id: row.company_id,
          actor: actorLabel(actor),
          action: 'app.secret_rotated',
          detail: { appId, clientId: row.client_id, graceSeconds, ...(previous ? { previousValidUntil: toIso(previous.expiresAt) } : {}) },
          created_at: now,
        });
        emit('app_listing.changed', { appId, companyId: row.company_id });
      });
      return { app: toAppSummary(repos.apps.get(appId)!), clientSecret };
    },

    update: (appId, patch) => repos.apps.update(appId, patch, clock.now()),
  };
}
