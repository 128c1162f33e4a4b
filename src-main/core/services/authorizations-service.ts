// App authorizations: a company's grant of scopes to an app, made by one of its users (or its partner's) on
// the OAuth consent page, and later by App Store installs. One active authorization per (app, company): a
// new consent widens it to the union of what was granted; when that changes its scopes it emits app.updated
// ({companyId, appId}: the app's app/update hooks for the company fire). Revoking it revokes every token issued under it
// at once (their families), so the app needs a new consent to come back, and emits authorization.revoked and
// app.uninstalled (the app's app/uninstalled webhooks for the company fire; an App Store uninstall that calls
// revokeInTransaction must not emit app.uninstalled again). In the same transaction the app's other hooks for
// the company go, with what they had queued (webhooks-service.ts `removeUnauthorized`).
import { ApiError } from '../../../src-shared/api/errors';
import type { AuthorizedApp } from '../../../src-shared/api/oauth-types';
import { canonicalScopes, formatScopes, type OAuthScope } from '../../../src-shared/domain/oauth-scopes';
import { actorLabel, requirePermission, type Actor, type UserActor } from '../access';
import { toIso } from '../clock';
import type { AuthorizationListRow, AuthorizationRow } from '../repositories/authorizations-repository';
import type { Emit, ServiceContext } from './service-context';
import type { WebhooksService } from './webhooks-service';

export interface GrantInput {
  appId: number;
  companyId: number;
  /** The user who consented (null for a grant made by the platform itself, e.g. an operator install). */
  user: UserActor | null;
  scopes: readonly OAuthScope[];
}

export interface AuthorizationsService {
  /** Grants (or widens) an app's access to a company inside the caller's transaction; returns the active row. */
  grant(emit: Emit, input: GrantInput): AuthorizationRow;
  /** The active authorization of an app for a company, if any. */
  findActive(appId: number, companyId: number): AuthorizationRow | undefined;
  /** Apps a company has authorized (the actor must see the company). */
  listForCompany(actor: Actor, companyId: number): AuthorizedApp[];
  /** Revokes an authorization and every token issued under it (needs the "apps" permission). */
  revoke(actor: Actor, authorizationId: number): AuthorizedApp;
  /** The company an authorization belongs to, if the actor may see it. */
  companyOf(actor: Actor, authorizationId: number): number | undefined;
  /** The same inside the caller's transaction (App Store uninstall); false when it was not active. */
  revokeInTransaction(emit: Emit, authorizationId: number, by: string): boolean;
  /**
   * Inside the caller's transaction, when a partner relation ends: revokes the client's authorizations last
   * granted by the partner's users (an uninstall each) and the tokens issued to them under the client's own
   * authorizations. Returns how many authorizations went.
   */
  revokeForPartnerUsers(emit: Emit, clientId: number, partnerId: number, by: string): number;
}

export function toAuthorizedApp(row: AuthorizationListRow): AuthorizedApp {
  return {
    id: row.id,
    appId: row.app_id,
    appName: row.app_name,
    clientId: row.client_id,
    developerCompanyName: row.developer_company_name,
    developerEmail: row.developer_email,
    companyId: row.company_id,
    companyName: row.company_name,
    scopes: canonicalScopes(row.scopes.split(',')),
    grantedBy: row.granted_by,
    grantedAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
    revokedAt: row.revoked_at === null ? null : toIso(row.revoked_at),
  };
}

export function createAuthorizationsService(ctx: ServiceContext, webhooks: Pick<WebhooksService, 'removeUnauthorized'>): AuthorizationsService {
  const { repos, access, clock } = ctx;

  function revokeRow(emit: Emit, row: AuthorizationRow, by: string): boolean {
    const now = clock.now();
    if (!repos.authorizations.revoke(row.id, now, by)) return false;
    repos.audit.record({ company_id: row.company_id, actor: by, action: 'app.authorization_revoked', detail: { authorizationId: row.id, appId: row.app_id }, created_at: now });
    emit('authorization.revoked', { authorizationId: row.id, appId: row.app_id, companyId: row.company_id });
    // The app can no longer reach the company: that is an uninstall (spec §6), so its app/uninstalled hooks fire.
    emit('app.uninstalled', { companyId: row.company_id, appId: row.app_id });
    // After the emit, which queued the app/uninstalled notification: that hook stays until it is delivered.
    webhooks.removeUnauthorized(emit, { appId: row.app_id, companyId: row.company_id });
    return true;
  }

  return {
    grant(emit, input) {
      const now = clock.now();
      const grantedBy = input.user ? input.user.email : 'the platform';
      const existing = repos.authorizations.findActive(input.appId, input.companyId);
      let id: number;
      let scopesChanged = false;
      if (existing) {
        id = existing.id;
        const scopes = formatScopes([...existing.scopes.split(','), ...input.scopes]);
        scopesChanged = scopes !== formatScopes(existing.scopes.split(','));
        repos.authorizations.updateGrant(id, {
          scopes,
          granted_by_user_id: input.user?.userId ?? null,
          granted_by: grantedBy,
          updated_at: now,
        });
      } else {
        id = repos.authorizations.insert({
          app_id: input.appId,
          company_id: input.companyId,
          scopes: formatScopes(input.scopes),
          granted_by_user_id: input.user?.userId ?? null,
          granted_by: grantedBy,
          created_at: now,
          updated_at: now,
        });
      }
      repos.audit.record({
        company_id: input.companyId,
        actor: input.user ? `user:${input.user.email}` : 'operator',
        action: 'app.authorized',
        detail: { authorizationId: id, appId: input.appId, scopes: formatScopes(input.scopes) },
        created_at: now,
      });
      emit('authorization.granted', { authorizationId: id, appId: input.appId, companyId: input.companyId });
      // The app's permissions for the company changed (spec §6): its app/update hooks fire. The same event (and
      // payload) as when the developer changes the app's permissions: one wire format for app/update.
      if (scopesChanged) emit('app.updated', { companyId: input.companyId, appId: input.appId });
      return repos.authorizations.get(id)!;
    },

    findActive: (appId, companyId) => repos.authorizations.findActive(appId, companyId),

    listForCompany(actor, companyId) {
      access.company(actor, companyId);
      requirePermission(actor, 'apps');
      return repos.authorizations.listActiveForCompanies([companyId]).map(toAuthorizedApp);
    },

    companyOf(actor, authorizationId) {
      const companyId = repos.authorizations.get(authorizationId)?.company_id;
      return companyId !== undefined && access.canSee(actor, companyId) ? companyId : undefined;
    },

    revoke(actor, authorizationId) {
      const row = repos.authorizations.get(authorizationId);
      if (!row || !access.canSee(actor, row.company_id)) {
        throw new ApiError('not_found', `Authorization ${authorizationId} was not found.`, { authorizationId });
      }
      requirePermission(actor, 'apps');
      if (row.revoked_at !== null) throw new ApiError('conflict', `${row.app_name} was already revoked for ${row.company_name}.`);
      ctx.transact((emit) => revokeRow(emit, row, actorLabel(actor)));
      return toAuthorizedApp(repos.authorizations.get(authorizationId)!);
    },

    revokeInTransaction(emit, authorizationId, by) {
      const row = repos.authorizations.get(authorizationId);
      return row ? revokeRow(emit, row, by) : false;
    },

    revokeForPartnerUsers(emit, clientId, partnerId, by) {
      let revoked = 0;
      for (const row of repos.authorizations.listActiveGrantedByUsersOf(clientId, partnerId)) {
        if (revokeRow(emit, row, by)) revoked += 1;
      }
      repos.authorizations.revokeFamiliesOfUsers(clientId, partnerId, clock.now(), 'partner relation ended');
      return revoked;
    },
  };
}
