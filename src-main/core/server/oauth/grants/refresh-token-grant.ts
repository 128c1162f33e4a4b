// grant_type=refresh_token (RFC 6749 §6): a refresh token is exchanged once; the answer carries a new
// access token and a new refresh token, and reusing the old one revokes the whole token family. An optional
// `scope` may narrow the new tokens, never widen them beyond the original grant; without it they get the
// scope originally granted. A refused scope leaves the refresh token unspent.
import { parseScopeParam } from '../../../../../src-shared/domain/oauth-scopes';
import type { Platform } from '../../../platform';
import type { RequestTrace } from '../../router';
import type { AppRow } from '../../../repositories/apps-repository';
import type { IssuedTokens } from '../../../services/oauth-service';
import { OAuthError } from '../../http-error';

export function refreshTokenGrant(platform: Platform, app: AppRow, form: URLSearchParams, trace: RequestTrace): IssuedTokens {
  const refreshToken = form.get('refresh_token');
  if (!refreshToken) throw new OAuthError('invalid_request', 'refresh_token is required');
  const scopeParam = form.get('scope');
  let scope = null;
  if (scopeParam !== null) {
    const parsed = parseScopeParam(scopeParam);
    if (!parsed.ok) throw new OAuthError('invalid_scope', `scope ${parsed.problem}`);
    scope = parsed.scopes;
  }
  // The grace window (a second refresh within seconds gets the same pair) is local-only: strict, a spent token
  // is a reuse at once, as the hosted platform documents (spec §3).
  const issued = platform.oauth.refresh(app, { refreshToken, scope, grace: !platform.compatibility.strict() });
  if (issued.replayed) platform.compatibility.relyOn(trace, 'refresh_grace_window');
  return issued;
}
