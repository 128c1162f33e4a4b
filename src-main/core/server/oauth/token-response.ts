// The token endpoint's success answer, with the field names, order and shapes of the hosted platform
// (spec §3): RFC 1123 dates for `expires`/`issued`, `expires_in` a number of seconds, the refresh token as
// 32 lowercase hex, scopes comma-separated, `token_type` "bearer", the user's email as `userName`.
import type { IssuedTokens } from '../../services/oauth-service';
import { OAUTH_LIFETIMES } from '../../services/oauth-service';

export interface TokenResponse {
  expires: string;
  issued: string;
  access_token: string;
  access_type: 'offline';
  'as:client_id': string;
  expires_in: number;
  refresh_token: string;
  scope: string;
  token_type: 'bearer';
  userName: string;
}

export function tokenResponse(tokens: IssuedTokens): TokenResponse {
  return {
    expires: new Date(tokens.expiresAt).toUTCString(),
    issued: new Date(tokens.issuedAt).toUTCString(),
    access_token: tokens.accessToken,
    access_type: 'offline',
    'as:client_id': tokens.clientId,
    expires_in: OAUTH_LIFETIMES.accessTokenSeconds - 1,
    refresh_token: tokens.refreshToken,
    scope: tokens.scopes.join(','),
    token_type: 'bearer',
    userName: tokens.userEmail,
  };
}

/** RFC 6749 §5.1: token answers (and errors) must not be cached. */
export const TOKEN_RESPONSE_HEADERS = { 'Cache-Control': 'no-store', Pragma: 'no-cache' } as const;
