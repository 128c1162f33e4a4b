// Where the server's token checks (the /admin REST routes, /api/tokeninfo) find a presented access token's pair row:
// kept in the server's read memo while the database is unchanged (db/read-memo.ts), keyed by the token's public id —
// the secret, revocation and expiry are still checked at every request by OAuthService.checkAccessToken — or, without
// a memo (PostgreSQL, `serve --no-list-cache`), read at each request.
import type { ReadMemoView } from '../../db/read-memo';
import type { TokenLookup } from '../../repositories/oauth-repository';
import type { ServerDeps } from '../router';

export function tokenRowFinder(deps: ServerDeps, memo: ReadMemoView | null): ((id: number) => TokenLookup | undefined) | undefined {
  if (!memo) return undefined;
  const { oauth } = deps.platform.repos;
  return (id) => memo.get(`token:${id}`, () => oauth.findById(id));
}
