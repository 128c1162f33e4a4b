// Client authentication at the token endpoint (RFC 6749 §2.3): the shared secret in the form body
// (`client_id` + `client_secret`, the hosted platform's documented way) or HTTP Basic (what most OAuth
// libraries send; id and secret form-urlencoded before base64, RFC 6749 §2.3.1). One method per request.
// Every grant needs it, refresh included (decision: the hosted example omits the secret on refresh, but a
// refresh token alone must not be enough to mint access tokens; sending the secret works on both).
// Failures are 401 invalid_client with WWW-Authenticate; the secret is checked in constant time.
import type { IncomingMessage } from 'node:http';
import { toIso } from '../../clock';
import type { Platform } from '../../platform';
import type { AppRow } from '../../repositories/apps-repository';
import { OAuthError } from '../http-error';
import type { RequestTrace } from '../router';

function formDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/** The client id and secret of an HTTP Basic header, or null when there is none. */
export function basicCredentials(req: IncomingMessage): { clientId: string; secret: string } | null {
  const header = req.headers.authorization;
  if (!header) return null;
  const [scheme, value] = header.split(' ', 2);
  if (scheme.toLowerCase() !== 'basic' || !value) throw new OAuthError('invalid_client', 'the Authorization header must be HTTP Basic with client_id:client_secret');
  const decoded = Buffer.from(value, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) throw new OAuthError('invalid_client', 'the Basic credentials must be client_id:client_secret');
  return { clientId: formDecode(decoded.slice(0, colon)), secret: formDecode(decoded.slice(colon + 1)) };
}

export function authenticateClient(platform: Platform, req: IncomingMessage, form: URLSearchParams, trace: RequestTrace): AppRow {
  const basic = basicCredentials(req);
  // HTTP Basic is local-only (the hosted platform reads the form body, spec §3): marked, or refused when strict.
  if (basic) {
    const use = platform.compatibility.relyOn(trace, 'http_basic_client_auth');
    if (use.refused) throw new OAuthError('invalid_client', use.message);
  }
  const bodyId = form.get('client_id');
  const bodySecret = form.get('client_secret');
  if (basic && bodySecret !== null) throw new OAuthError('invalid_request', 'send the client credentials one way only: HTTP Basic or client_secret in the body, not both');
  if (basic && bodyId !== null && bodyId !== basic.clientId) throw new OAuthError('invalid_request', 'client_id in the body differs from the one in the Basic credentials');
  const clientId = basic?.clientId ?? bodyId;
  const secret = basic?.secret ?? bodySecret;
  if (!clientId) throw new OAuthError('invalid_client', 'client_id is required (in the form body or as HTTP Basic credentials)');
  if (secret === null || secret === '') {
    throw new OAuthError('invalid_client', 'client_secret is required beside client_id for every grant, refresh_token included: send both in the form body, or as HTTP Basic credentials. See "Refresh" in the platform API guide.');
  }
  const app = platform.apps.findByClientId(clientId);
  // Verify against something even for an unknown client, so timing does not tell which client ids exist.
  const matched = platform.apps.matchedSecret(app ?? { client_secret_hash: UNKNOWN_CLIENT_HASH }, secret);
  if (!app || !matched) throw new OAuthError('invalid_client', 'client authentication failed: unknown client_id or wrong client_secret');
  if (matched === 'previous') {
    // Works until the rotation's grace period ends: the API log says so, so the developer sees what still uses it.
    trace.notes.push({ kind: 'grace', feature: 'previous_secret', detail: `authenticated with the secret the last rotation replaced; it stops working at ${toIso(app.previous_secret_expires_at!)}` });
  }
  return app;
}

const UNKNOWN_CLIENT_HASH = '0'.repeat(64);
