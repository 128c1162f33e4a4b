// GET /api/tokeninfo?access_token=... (spec §3): {"issued_to", "user_id", "scope", "expires_in" (a string
// of seconds left), "access_type"}; otherwise {"error": ...} with exactly one of `access_token required`,
// `invalid access_token`, `expired`. Only the query parameter is read, as the hosted platform documents.
import { TokenInfoError } from '../http-error';
import { sendJson } from '../http-io';
import type { PlatformModule } from '../router';
import { tokenRowFinder } from './kept-token-rows';

export const TOKENINFO_PATH = '/api/tokeninfo';

export const tokeninfoModule: PlatformModule = () => ({
  routes: [
    {
      method: 'GET',
      path: TOKENINFO_PATH,
      errors: 'tokeninfo',
      handle: ({ res, url, deps, trace }) => {
        const tokens = url.searchParams.getAll('access_token');
        if (tokens.length === 0 || tokens[0] === '') throw new TokenInfoError('access_token required');
        if (tokens.length > 1) throw new TokenInfoError('invalid access_token');
        // The pair's row kept while the database is unchanged (kept-token-rows.ts); secret and expiry checked now.
        const check = deps.platform.oauth.checkAccessToken(tokens[0], tokenRowFinder(deps, deps.readMemo?.current() ?? null));
        if (!check.ok) {
          trace.appId = check.appId ?? null;
          trace.companyId = check.companyId ?? null;
        }
        if (!check.ok) throw new TokenInfoError(check.reason === 'expired' ? 'expired' : 'invalid access_token');
        const { grant } = check;
        trace.appId = grant.appId;
        trace.companyId = grant.companyId;
        const secondsLeft = Math.max(1, Math.floor((grant.expiresAt - deps.platform.clock.now()) / 1000));
        sendJson(res, 200, {
          issued_to: grant.clientId,
          user_id: grant.userEmail,
          scope: grant.scopes.join(','),
          expires_in: String(secondsLeft),
          access_type: 'offline',
        });
      },
    },
  ],
});
