// OAuth chaos (issue 19 item 7): what can go wrong with an app's authorization for a company, made to happen
// now so the developer sees how the app copes — the access token expires now (the app's next call gets 401
// invalid_token "access token expired", its tokeninfo "expired"); the refresh-token family is revoked (every
// token of the grant stops: 401, then invalid_grant on refresh, as after a revocation); a replay of the last
// rotated refresh token is answered as the platform answers a reuse (the family revoked for "refresh token
// reuse", so the app's current refresh token fails with invalid_grant). The platform stores only hashes of
// tokens, so it cannot present an old token itself: it applies exactly what presenting one does.
// Each action is written to the audit log and to the API request log (a "chaos" row for the app and company),
// so the log shows the action and, after it, the app's requests failing as the app experiences them.
import { ApiError } from '../../../src-shared/api/errors';
import type { Platform } from '../platform';
import { internalsOf } from '../platform-internals';

export const CHAOS_ACTIONS = ['expire-access-token', 'revoke-refresh-family', 'replay-rotated-refresh-token'] as const;
export type ChaosAction = (typeof CHAOS_ACTIONS)[number];

export interface ChaosResult {
  action: ChaosAction;
  appId: number;
  companyId: number;
  /** Token families (grants' chains of refresh tokens) the action touched. */
  families: number;
  /** What the app will see next. */
  effect: string;
}

const EFFECTS: Record<ChaosAction, string> = {
  'expire-access-token': 'its next API call answers 401 invalid_token ("access token expired: refresh it at /token"); the refresh token still works',
  'revoke-refresh-family': 'every token of the grant stops: API calls answer 401 invalid_token, a refresh answers invalid_grant (authorize again)',
  'replay-rotated-refresh-token':
    'answered as a reuse: every token of the grant is revoked (reason "refresh token reuse"), so the current refresh token answers invalid_grant and API calls 401',
};

export function runOAuthChaos(platform: Platform, input: { action: ChaosAction; appId: number; companyId: number; actor: string }): ChaosResult {
  const core = internalsOf(platform);
  const { db, clock } = core;
  const { action, appId, companyId } = input;
  const app = core.repos.apps.get(appId);
  if (!app) throw new ApiError('not_found', `app ${appId} was not found`, { fields: { appId: ['was not found'] } });
  const families = db
    .prepare<[number, number], { id: number; rotated: number }>(
      `SELECT f.id, (SELECT count(*) FROM oauth_tokens t WHERE t.family_id = f.id AND t.used_at IS NOT NULL) AS rotated
       FROM oauth_token_families f JOIN app_authorizations a ON a.id = f.authorization_id
       WHERE f.app_id = ? AND f.company_id = ? AND f.revoked_at IS NULL AND a.revoked_at IS NULL`,
    )
    .all(appId, companyId);
  if (families.length === 0) {
    throw new ApiError('conflict', `${app.name} holds no live tokens for company ${companyId}: authorize it there first (or its tokens are already revoked)`);
  }
  const now = clock.now();
  const ids = JSON.stringify(families.map((f) => f.id));
  if (action === 'replay-rotated-refresh-token' && !families.some((f) => f.rotated > 0)) {
    throw new ApiError('conflict', `${app.name} has not refreshed its token for company ${companyId} yet: there is no rotated refresh token to replay`);
  }
  core.ctx.transact(() => {
    if (action === 'expire-access-token') {
      db.prepare(`UPDATE oauth_tokens SET access_expires_at = ? WHERE access_expires_at > ? AND family_id IN (SELECT value FROM json_each(?))`).run(now - 1, now - 1, ids);
    } else {
      const reason = action === 'revoke-refresh-family' ? 'revoked by a chaos action' : 'refresh token reuse (chaos: the last rotated refresh token replayed)';
      for (const family of families) core.repos.oauth.revokeFamily(family.id, now, reason);
    }
    core.repos.audit.record({ company_id: companyId, actor: input.actor, action: `oauth.chaos.${action}`, detail: { appId, families: families.length }, created_at: now });
  });
  platform.apiLog.record({
    at: now,
    appId,
    companyId,
    method: 'CHAOS',
    path: action,
    status: 200,
    durationMs: 0,
    errorCode: null,
    notes: [{ kind: 'chaos', feature: action.replace(/-/g, '_'), detail: EFFECTS[action] }],
    clientAddress: null,
  });
  platform.apiLog.flush();
  return { action, appId, companyId, families: families.length, effect: EFFECTS[action] };
}
