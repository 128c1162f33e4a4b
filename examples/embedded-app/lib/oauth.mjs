// The OAuth 2.0 authorization code flow against the platform (local or hosted: only the base URL changes).
//
//   1. Send the user to   {platform}/oauth2/authorize?client_id&scope&redirect_uri&state&response_type=code
//      (+ PKCE code_challenge). Scopes are comma-separated. redirect_uri must be one of the app's
//      registered redirect URIs, character for character.
//   2. The platform redirects back to   {redirect_uri}?code&state&company_id   (or error=access_denied).
//   3. Exchange the code (once, within 10 minutes):  POST {platform}/token  grant_type=authorization_code.
//   4. Access tokens live 30 minutes. Refresh with  grant_type=refresh_token : every refresh token works ONCE
//      and the answer carries a new one — store it, and never refresh the same token twice at the same time.
import { createHash, randomBytes } from 'node:crypto';

/** A PKCE verifier and its S256 challenge. */
export function pkcePair() {
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  return { verifier, challenge };
}

export class OAuthError extends Error {
  constructor(message, status, body) {
    super(message);
    this.status = status;
    this.body = body;
  }
}

export function createOAuthClient({ platformUrl, clientId, clientSecret, redirectUri }) {
  async function tokenRequest(fields) {
    const response = await fetch(`${platformUrl}/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      // The secret in the body (the hosted platform's documented way; HTTP Basic works too).
      body: new URLSearchParams({ ...fields, client_id: clientId, client_secret: clientSecret }).toString(),
    });
    const body = await response.json().catch(() => ({}));
    if (!response.ok) throw new OAuthError(`token request failed: ${body.error ?? response.status}${body.error_description ? ` (${body.error_description})` : ''}`, response.status, body);
    return body;
  }

  return {
    /** Where to send the user. `scope` is a comma-separated list. */
    authorizationUrl({ scope, state, codeChallenge }) {
      const query = new URLSearchParams({ client_id: clientId, scope, redirect_uri: redirectUri, state, response_type: 'code' });
      if (codeChallenge) {
        query.set('code_challenge', codeChallenge);
        query.set('code_challenge_method', 'S256');
      }
      // Commas stay readable (the platform accepts them encoded too).
      return `${platformUrl}/oauth2/authorize?${query.toString().replace(/%2C/g, ',')}`;
    },

    exchangeCode({ code, codeVerifier }) {
      return tokenRequest({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, ...(codeVerifier ? { code_verifier: codeVerifier } : {}) });
    },

    refresh(refreshToken) {
      return tokenRequest({ grant_type: 'refresh_token', refresh_token: refreshToken });
    },
  };
}

/** What the app keeps of a token answer (times in this machine's clock). */
export function toStoredTokens(answer, nowMs = Date.now()) {
  return {
    accessToken: answer.access_token,
    refreshToken: answer.refresh_token,
    // A minute of margin: refresh a little before the platform says it expires.
    expiresAt: nowMs + Math.max(0, Number(answer.expires_in ?? 0) - 60) * 1000,
    scope: answer.scope ?? '',
    userName: answer.userName ?? '',
  };
}
