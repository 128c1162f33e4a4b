// grant_type=refresh_token (RFC 6749 §6): a refresh token is exchanged once; the answer carries a new
// access token and a new refresh token, and reusing the old one revokes the whole token family. An optional
// `scope` may narrow the new tokens, never widen them beyond the original grant; without it they get the
// scope originally granted. A refused scope leaves the refresh token unspent.
import { parseScopeParam } from '../../../../../src-shared/domain/oauth-scopes';
import type { Platform } from '../../../platform';
import type { AppRow } from '../../../repositories/apps-repository';
import type { IssuedTokens } from '../../../services/oauth-service';
import { OAuthError } from '../../http-error';

export function refreshTokenGrant(platform: Platform, app: AppRow, form: URLSearchParams): IssuedTokens {
  const refreshToken = form.get('refresh_token');
  if (!refreshToken) throw new OAuthError('invalid_request', 'refresh_token is required');
  const scopeParam = form.get('scope');
  let scope = null;
  if (scopeParam !== null) {
    const parsed = parseScopeParam(scopeParam);
    if (!parsed.ok) throw new OAuthError('invalid_scope', `scope ${parsed.problem}`);
    scope = parsed.scopes;
  }
  return platform.oauth.refresh(app, { refreshToken, scope });
}
