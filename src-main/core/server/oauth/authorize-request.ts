// Validates an authorization request (spec §3, RFC 6749 §4.1.1, RFC 7636): client_id, an exact redirect_uri
// match, response_type=code, scopes within the app's registered scopes, PKCE S256. Until client_id and
// redirect_uri are known to be good, problems are shown to the user on an error page and never redirected
// (an attacker must not be able to bounce the browser anywhere); after that, they go back to the app as
// ?error=...&error_description=...&state=... (RFC 6749 §4.1.2.1).
import { LOCAL_ONLY } from '../../devtools/compatibility-service';
import { OAUTH_SCOPES, parseScopeParam, type OAuthScope } from '../../../../src-shared/domain/oauth-scopes';
import type { Platform } from '../../platform';
import type { AppRow } from '../../repositories/apps-repository';
import { PageError } from '../http-error';
import { BAD_REQUEST_ADVICE } from './pages';

/** The parameters of an authorization request, carried unchanged through the sign-in and consent forms. */
export const REQUEST_FIELDS = ['client_id', 'redirect_uri', 'scope', 'state', 'response_type', 'code_challenge', 'code_challenge_method'] as const;

export type RequestFields = Record<(typeof REQUEST_FIELDS)[number], string | null>;

export interface AuthorizeRequest {
  app: AppRow;
  redirectUri: string;
  scopes: OAuthScope[];
  state: string | null;
  codeChallenge: string | null;
  /** The raw fields, for the hidden inputs of the forms. */
  fields: RequestFields;
}

/** An error to send back to the app at its (validated) redirect URI. */
export class AuthorizeRedirectError extends Error {
  constructor(
    readonly redirectUri: string,
    readonly error: 'invalid_request' | 'unsupported_response_type' | 'invalid_scope' | 'access_denied' | 'server_error',
    readonly description: string | null,
    readonly state: string | null,
  ) {
    super(description ?? error);
    this.name = 'AuthorizeRedirectError';
  }

  location(): string {
    return withQuery(this.redirectUri, [
      ['error', this.error],
      ...(this.description ? ([['error_description', this.description]] as [string, string][]) : []),
      ...(this.state !== null ? ([['state', this.state]] as [string, string][]) : []),
    ]);
  }
}

/** Appends query parameters to a registered redirect URI without touching what it already carries. */
export function withQuery(uri: string, params: [string, string][]): string {
  const query = params.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
  return `${uri}${uri.includes('?') ? (uri.endsWith('?') || uri.endsWith('&') ? '' : '&') : '?'}${query}`;
}

const CHALLENGE = /^[A-Za-z0-9_-]{43}$/;
const MAX_STATE = 2000;

/** Reads the request fields from a query string or form; a field given twice is reported (RFC 6749 §3.1). */
export function readRequestFields(params: URLSearchParams): { fields: RequestFields; repeated: string[] } {
  const fields = {} as RequestFields;
  const repeated: string[] = [];
  for (const name of REQUEST_FIELDS) {
    const values = params.getAll(name);
    if (values.length > 1) repeated.push(name);
    fields[name] = values.length > 0 ? values[0] : null;
  }
  return { fields, repeated };
}

export function validateAuthorizeRequest(platform: Platform, params: URLSearchParams): AuthorizeRequest {
  const { fields, repeated } = readRequestFields(params);
  const page = (code: string, description: string) => new PageError(400, code, 'This app sent an invalid request', description, BAD_REQUEST_ADVICE);

  if (repeated.includes('client_id')) throw page('invalid_request', 'client_id is given more than once.');
  if (!fields.client_id) throw page('invalid_request', 'client_id is missing: the app must say who it is.');
  const app = platform.apps.findByClientId(fields.client_id);
  if (!app) throw page('invalid_client', `client_id "${fields.client_id}" is not a registered app on this platform.`);
  if (repeated.includes('redirect_uri')) throw page('invalid_request', 'redirect_uri is given more than once.');
  if (!fields.redirect_uri) throw page('invalid_request', 'redirect_uri is missing: it must be identical to one of the redirect URIs registered for the app.');
  const registered = JSON.parse(app.redirect_uris) as string[];
  if (!registered.includes(fields.redirect_uri)) {
    throw page('invalid_request', `redirect_uri "${fields.redirect_uri}" is not registered for ${app.name}. It must be identical to one of the app's redirect URIs (exact match: no prefixes, wildcards or added parameters).`);
  }

  const state = fields.state;
  const back = (error: AuthorizeRedirectError['error'], description: string) => new AuthorizeRedirectError(fields.redirect_uri!, error, description, state);
  if (repeated.length > 0) throw back('invalid_request', `${repeated.join(', ')} is given more than once`);
  if (state !== null && state.length > MAX_STATE) throw back('invalid_request', `state must be at most ${MAX_STATE} characters`);
  if (!fields.response_type) throw back('invalid_request', 'response_type is required (response_type=code)');
  if (fields.response_type !== 'code') throw back('unsupported_response_type', 'only response_type=code is supported (authorization code grant)');

  const parsed = parseScopeParam(fields.scope ?? '');
  if (!parsed.ok) throw back('invalid_scope', `scope ${parsed.problem}`);
  const allowed = app.scopes.split(',');
  const beyond = parsed.scopes.filter((s) => !allowed.includes(s));
  if (beyond.length > 0) {
    throw back('invalid_scope', `scope asks for ${beyond.join(', ')}, which ${app.name} is not registered for (its scopes: ${allowed.join(',') || 'none'}; all scopes: ${OAUTH_SCOPES.join(',')})`);
  }

  let codeChallenge: string | null = null;
  if (fields.code_challenge !== null && platform.compatibility.strict()) {
    throw back('invalid_request', `hosted-compatibility mode: PKCE is local-only; ${LOCAL_ONLY.pkce.hosted}`);
  }
  if (fields.code_challenge !== null) {
    if (fields.code_challenge_method !== 'S256') {
      throw back('invalid_request', 'code_challenge_method must be S256 (the plain method is not accepted)');
    }
    if (!CHALLENGE.test(fields.code_challenge)) {
      throw back('invalid_request', 'code_challenge must be the base64url SHA-256 of the code_verifier: 43 characters of A-Z a-z 0-9 - _');
    }
    codeChallenge = fields.code_challenge;
  } else if (fields.code_challenge_method !== null) {
    throw back('invalid_request', 'code_challenge_method was sent without a code_challenge');
  }

  return { app, redirectUri: fields.redirect_uri, scopes: parsed.scopes, state, codeChallenge, fields };
}
