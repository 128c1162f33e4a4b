// grant_type=authorization_code (RFC 6749 §4.1.3, RFC 7636 §4.5): code, redirect_uri (identical to the
// authorization request's) and, when a code_challenge was sent, code_verifier.
import type { Platform } from '../../../platform';
import type { RequestTrace } from '../../router';
import type { AppRow } from '../../../repositories/apps-repository';
import type { IssuedTokens } from '../../../services/oauth-service';
import { OAuthError } from '../../http-error';

export function authorizationCodeGrant(platform: Platform, app: AppRow, form: URLSearchParams, trace: RequestTrace): IssuedTokens {
  const code = form.get('code');
  const redirectUri = form.get('redirect_uri');
  if (!code) throw new OAuthError('invalid_request', 'code is required');
  if (!redirectUri) throw new OAuthError('invalid_request', 'redirect_uri is required (the same one sent to /oauth2/authorize)');
  const codeVerifier = form.get('code_verifier');
  if (codeVerifier !== null) {
    const use = platform.compatibility.relyOn(trace, 'pkce');
    if (use.refused) throw new OAuthError('invalid_request', use.message);
  }
  return platform.oauth.exchangeCode(app, { code, redirectUri, codeVerifier });
}
