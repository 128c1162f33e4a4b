// POST /token (spec §3): form-encoded body, client authentication (client-auth.ts), then the grant named by
// grant_type (one file each under grants/). Answers and errors carry Cache-Control: no-store and
// Pragma: no-cache; errors are RFC 6749 §5.2 JSON with 400, or 401 + WWW-Authenticate for invalid_client.
import { logFor } from '../../logging/logger';
import { GrantError } from '../../services/oauth-service';
import { OAuthError } from '../http-error';
import { FORM_TYPE, mediaType, readText, sendJson } from '../http-io';
import type { PlatformModule, RouteContext } from '../router';
import { authenticateClient } from './client-auth';
import { authorizationCodeGrant } from './grants/authorization-code-grant';
import { refreshTokenGrant } from './grants/refresh-token-grant';
import { TOKEN_RESPONSE_HEADERS, tokenResponse } from './token-response';

export const TOKEN_PATH = '/token';
const FORM_LIMIT = 64 * 1024;

const GRANTS = {
  authorization_code: authorizationCodeGrant,
  refresh_token: refreshTokenGrant,
} as const;

/** Parameters that must not repeat (RFC 6749 §3.2). */
const SINGLE = ['grant_type', 'code', 'redirect_uri', 'refresh_token', 'client_id', 'client_secret', 'code_verifier', 'scope'];

async function token(ctx: RouteContext): Promise<void> {
  const { platform } = ctx.deps;
  try {
    if (ctx.url.search !== '') throw new OAuthError('invalid_request', parametersInUrl(new URLSearchParams(ctx.url.search)));
    if (mediaType(ctx.req) !== FORM_TYPE) throw new OAuthError('invalid_request', `the body must be ${FORM_TYPE}`);
    const form = new URLSearchParams(await readText(ctx.req, FORM_LIMIT));
    const repeated = SINGLE.filter((name) => form.getAll(name).length > 1);
    if (repeated.length > 0) throw new OAuthError('invalid_request', `${repeated.join(', ')} is given more than once`);
    const grantType = form.get('grant_type');
    if (!grantType) throw new OAuthError('invalid_request', 'grant_type is required (authorization_code or refresh_token)');
    const app = authenticateClient(platform, ctx.req, form, ctx.trace);
    ctx.trace.appId = app.id;
    const grant = GRANTS[grantType as keyof typeof GRANTS];
    if (!grant || !Object.prototype.hasOwnProperty.call(GRANTS, grantType)) {
      throw new OAuthError('unsupported_grant_type', `grant_type ${grantType} is not supported (authorization_code or refresh_token)`);
    }
    const issued = grant(platform, app, form, ctx.trace);
    ctx.trace.companyId = issued.companyId;
    sendJson(ctx.res, 200, tokenResponse(issued), TOKEN_RESPONSE_HEADERS);
  } catch (error) {
    if (error instanceof GrantError) throw withNoStore(new OAuthError(error.error, error.description));
    if (error instanceof OAuthError) throw withNoStore(error);
    throw error;
  }
}

/**
 * What an app written to the hosted help page's refresh example is told. That example sends grant_type,
 * refresh_token and client_id in the URL (`/token/grant_type=refresh_token&...`, or after `?`) and no secret:
 * the answer says where the parameters go and, for a refresh without a secret, that the secret is needed too.
 */
export function parametersInUrl(given: URLSearchParams): string {
  const names = [...new Set(given.keys())].filter((name) => name !== '');
  const what = names.length > 0 ? names.join(', ') : 'the parameters';
  let message = `send ${what} in the request body as ${FORM_TYPE} (Content-Type: ${FORM_TYPE}), not in the URL`;
  const refresh = given.get('grant_type') === 'refresh_token';
  if (refresh && !given.has('client_secret')) {
    message += '; a refresh also needs client_secret beside client_id (in the body, or both as HTTP Basic credentials)';
  }
  return `${message}. See "Refresh" in the platform API guide.`;
}

/** `POST /token/grant_type=refresh_token&refresh_token=…`, the hosted help page's literal form: the parameters in the path. */
function parametersInPath(ctx: RouteContext): void {
  if (ctx.req.method !== 'POST' || !ctx.url.pathname.startsWith(`${TOKEN_PATH}/`)) return;
  const raw = ctx.url.pathname.slice(TOKEN_PATH.length + 1);
  let decoded = raw;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    // malformed percent-encoding: the names are still readable enough for the message
  }
  throw withNoStore(new OAuthError('invalid_request', `the token endpoint is ${TOKEN_PATH} itself: ${parametersInUrl(new URLSearchParams(decoded))}`));
}

function withNoStore(error: OAuthError): OAuthError {
  Object.assign(error.headers, TOKEN_RESPONSE_HEADERS);
  return error;
}

/** How often (real time) what OAUTH_RETENTION no longer keeps is deleted; also once at start, when the
 * platform clock is moved, and on issue (oauth-service). */
export const PRUNE_INTERVAL_MS = 60 * 60 * 1000;

export const tokenModule: PlatformModule = ({ platform }) => {
  const prune = () => {
    try {
      platform.oauth.prune();
    } catch (error) {
      logFor('oauth').error('pruning expired OAuth tokens failed', error);
    }
  };
  prune();
  const timer = setInterval(prune, PRUNE_INTERVAL_MS);
  timer.unref();
  // Time travel: what the moved clock made old goes now, not at the next hourly sweep.
  const off = platform.events.subscribe(({ name }) => {
    if (name === 'clock.advanced') prune();
  });
  return {
    routes: [{ method: 'POST', path: TOKEN_PATH, errors: 'oauth', handle: token }],
    prefixes: [{ prefix: `${TOKEN_PATH}/`, errors: 'oauth', guard: parametersInPath }],
    close: () => {
      clearInterval(timer);
      off();
    },
  };
};
