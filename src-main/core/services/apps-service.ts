// Apps and their API credentials (spec §3/§6): registering an app with a generated client id and shared
// secret, listing and reading registrations, verifying a presented secret (constant time, against a hash)
// and opening the sealed secret for signing (webhook hashes, embedded-app hmac). The OAuth server, the
// webhook dispatcher and the App Store all reach apps through this service.
import type { z } from 'zod';
import { appCreateSchema, type AppCreateInput } from '../../../src-shared/api/app-inputs';
import { ApiError } from '../../../src-shared/api/errors';
import { parseInput } from '../../../src-shared/api/validation';
import type { AppSummary } from '../../../src-shared/api/oauth-types';
import { canonicalScopes, formatScopes } from '../../../src-shared/domain/oauth-scopes';
import { actorLabel, requirePermission, type Actor } from '../access';
import { toIso } from '../clock';
import type { AppRow, AppWithCompanyRow } from '../repositories/apps-repository';
import { matchesHash, hashSecret } from '../secrets/secret-hash';
import { sealedBy, type SecretStore } from '../secrets/secret-store';
import type { ServiceContext } from './service-context';

export type AppCreate = z.output<typeof appCreateSchema>;

/** Bytes of randomness: client ids 16 (32 hex characters), shared secrets 32 (256 bits, 43 base64url characters). */
export const CLIENT_ID_BYTES = 16;
export const CLIENT_SECRET_BYTES = 32;

export interface AppsService {
  /** Validates and registers an app; the shared secret is returned in clear this once and stored sealed and hashed. */
  create(actor: Actor, input: AppCreateInput): { app: AppSummary; clientSecret: string };
  /** Apps of one company, or of every company the actor sees (the operator: every app). */
  list(actor: Actor, companyId?: number): AppSummary[];
  get(actor: Actor, appId: number): AppSummary;
  /** For the OAuth server: the registration behind a client id (no access check: the client id is public). */
  findByClientId(clientId: string): AppRow | undefined;
  /** Constant-time check of a presented shared secret against the stored hash. */
  verifySecret(app: Pick<AppRow, 'client_secret_hash'>, presented: string): boolean;
  /**
   * The shared secret in clear, for signing. Throws a `conflict` ApiError with an actionable message when the
   * secret was sealed by a store this process cannot open (the desktop app's OS keychain, seen from
   * `partnerdeck serve` or browser mode).
   */
  openSecret(appId: number): string;
}

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

export function createAppsService(ctx: ServiceContext, secrets: SecretStore): AppsService {
  const { repos, access, clock, ids } = ctx;

  function visible(actor: Actor, appId: number): AppWithCompanyRow {
    const row = repos.apps.get(appId);
    if (!row || !access.canSee(actor, row.company_id)) throw new ApiError('not_found', `App ${appId} was not found.`, { appId });
    return row;
  }

  return {
    create(actor, raw) {
      const input: AppCreate = parseInput(appCreateSchema, raw);
      const company = access.company(actor, input.companyId);
      requirePermission(actor, 'apps');
      if (company.is_partner) {
        throw ApiError.validation({
          companyId: [`${company.name} is a partner; apps are products of a shop company (register it in a client or a shop company)`],
        });
      }
      const clientSecret = ids.token(CLIENT_SECRET_BYTES);
      const now = clock.now();
      const id = ctx.transact(() => {
        let clientId = ids.hex(CLIENT_ID_BYTES);
        while (repos.apps.findByClientId(clientId)) clientId = ids.hex(CLIENT_ID_BYTES);
        const appId = repos.apps.insert({
          company_id: company.id,
          name: input.name,
          client_id: clientId,
          client_secret_sealed: secrets.seal(clientSecret),
          client_secret_hash: hashSecret(clientSecret),
          redirect_uris: JSON.stringify(input.redirectUris),
          scopes: formatScopes(input.scopes),
          authorization_url: input.authorizationUrl,
          start_url: input.startUrl,
          developer_email: input.developerEmail,
          created_at: now,
          updated_at: now,
        });
        repos.audit.record({ company_id: company.id, actor: actorLabel(actor), action: 'app.created', detail: { appId, clientId, name: input.name }, created_at: now });
        return appId;
      });
      return { app: toAppSummary(repos.apps.get(id)!), clientSecret };
    },

    list(actor, companyId) {
      if (companyId !== undefined) {
        access.company(actor, companyId);
        return repos.apps.listByCompanies([companyId]).map(toAppSummary);
      }
      const rows = actor.kind === 'operator' ? repos.apps.listAll() : repos.apps.listByCompanies(access.visibleCompanyIds(actor));
      return rows.map(toAppSummary);
    },

    get: (actor, appId) => toAppSummary(visible(actor, appId)),

    findByClientId: (clientId) => repos.apps.findByClientId(clientId),

    verifySecret: (app, presented) => app.client_secret_hash !== '' && matchesHash(presented, app.client_secret_hash),

    openSecret(appId) {
      const row = repos.apps.get(appId);
      if (!row) throw new ApiError('not_found', `App ${appId} was not found.`, { appId });
      const sealer = sealedBy(row.client_secret_sealed);
      if (sealer === 'os-keychain' && secrets.kind !== 'os-keychain') {
        throw new ApiError(
          'conflict',
          `The shared secret of app "${row.name}" (${row.client_id}) was sealed with the desktop app's OS keychain, ` +
            'which `partnerdeck serve` and browser mode cannot open. Open this data folder in the PartnerDeck desktop app to sign ' +
            'with it (webhooks, embedded apps), or register the app again from here. OAuth logins and tokens work either way.',
          { appId, reason: 'secret_sealed_by_os_keychain' },
        );
      }
      try {
        return secrets.open(row.client_secret_sealed);
      } catch (error) {
        throw new ApiError(
          'conflict',
          `The shared secret of app "${row.name}" (${row.client_id}) cannot be opened here: ${(error as Error).message}. ` +
            'Was the secret key file (secret.key) in the data folder replaced or removed?',
          { appId, reason: 'secret_unreadable' },
        );
      }
    },
  };
}
