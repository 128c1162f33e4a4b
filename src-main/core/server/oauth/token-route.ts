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
    if (mediaType(ctx.req) !== FORM_TYPE) throw new OAuthError('invalid_request', `the body must be ${FORM_TYPE}`);
    if (ctx.url.search !== '') throw new OAuthError('invalid_request', 'send the parameters in the form body, not in the URL');
    const form = new URLSearchParams(await readText(ctx.req, FORM_LIMIT));
    const repeated = SINGLE.filter((name) => form.getAll(name).length > 1);
    if (repeated.length > 0) throw new OAuthError('invalid_request', `${repeated.join(', ')} is given more than once`);
    const grantType = form.get('grant_type');
    if (!grantType) throw new OAuthError('invalid_request', 'grant_type is required (authorization_code or refresh_token)');
    const app = authenticateClient(platform, ctx.req, form);
    ctx.trace.appId = app.id;
    const grant = GRANTS[grantType as keyof typeof GRANTS];
    if (!grant || !Object.prototype.hasOwnProperty.call(GRANTS, grantType)) {
      throw new OAuthError('unsupported_grant_type', `grant_type ${grantType} is not supported (authorization_code or refresh_token)`);
    }
    const issued = grant(platform, app, form);
    ctx.trace.companyId = issued.companyId;
    sendJson(ctx.res, 200, tokenResponse(issued), TOKEN_RESPONSE_HEADERS);
  } catch (error) {
    if (error instanceof GrantError) throw withNoStore(new OAuthError(error.error, error.description));
    if (error instanceof OAuthError) throw withNoStore(error);
    throw error;
  }
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
    close: () => {
      clearInterval(timer);
      off();
    },
  };
};
