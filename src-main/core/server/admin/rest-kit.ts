// What every /admin REST resource shares (spec §4): bearer-token authentication (Authorization: Bearer, or
// the access_token query parameter) with a scope check, the actor the services see (the user who granted
// the token, limited to the token's company), JSON bodies wrapped in the singular resource name, pagination
// (limit ≤ 250, page, since_id, and a Link header), wire times as ISO 8601 with offset, and the route table
// of a resource built from its handlers — refusing any verb its scope does not grant. A token whose user can
// no longer see the token's company (access.canSee) is refused like a revoked one.
import { OAUTH_SCOPE_VERBS, type OAuthScope, type RestVerb } from '../../../../src-shared/domain/oauth-scopes';
import { userActor, type Actor } from '../../access';
import type { UserRow } from '../../repositories/users-repository';
import type { AccessGrant } from '../../services/oauth-service';
import { HttpError, RestError } from '../http-error';
import { mediaType, readText, sendJson } from '../http-io';
import { tokenRowFinder } from '../oauth/kept-token-rows';
import type { Route, RouteContext } from '../router';

export const ADMIN_PREFIX = '/admin/';
const JSON_LIMIT = 1024 * 1024;

/** Pagination limits (documented in docs/platform-api.md). */
export const PAGE_LIMITS = { default: 50, max: 250 } as const;

export interface RestAuth {
  grant: AccessGrant;
  user: UserRow;
  /** The services' actor: the user on whose behalf the token acts. */
  actor: Actor;
  /** The company the token was granted for: every resource is read and written there. */
  companyId: number;
}

export interface Page {
  limit: number;
  page: number;
  sinceId: number;
  offset: number;
}

function bearerChallenge(error?: string, description?: string, scope?: string): Record<string, string> {
  const parts = ['Bearer realm="partnerdeck"'];
  if (error) parts.push(`error="${error}"`);
  if (description) parts.push(`error_description="${description}"`);
  if (scope) parts.push(`scope="${scope}"`);
  return { 'WWW-Authenticate': parts.join(', ') };
}

/** The access token of a request: the Bearer header (preferred) or the access_token query parameter. */
export function accessTokenOf(ctx: RouteContext): string | null {
  const header = ctx.req.headers.authorization;
  const query = ctx.url.searchParams.getAll('access_token');
  if (header !== undefined && query.length > 0) {
    throw new RestError(400, 'invalid_request', 'send the access token once: in the Authorization header or as access_token, not both', bearerChallenge('invalid_request'));
  }
  if (header !== undefined) {
    const match = /^Bearer +([^\s]+) *$/i.exec(header);
    if (!match) throw new RestError(401, 'invalid_token', 'the Authorization header must be "Bearer <access token>"', bearerChallenge('invalid_token'));
    return match[1];
  }
  if (query.length > 1) throw new RestError(400, 'invalid_request', 'access_token is given more than once', bearerChallenge('invalid_request'));
  return query[0] || null;
}

/** Authenticates the request and checks that the token carries `scope`; 401 / 403 otherwise. */
export function authenticate(ctx: RouteContext, scope: OAuthScope): RestAuth {
  const { platform } = ctx.deps;
  const token = accessTokenOf(ctx);
  if (!token) throw new RestError(401, 'unauthorized', 'access token required: send Authorization: Bearer <access token>', bearerChallenge());
  // Rows kept while the database is unchanged (one version read per request); the secret, expiry and scope are
  // checked at every request.
  const memo = ctx.deps.readMemo?.current() ?? null;
  const check = platform.oauth.checkAccessToken(token, tokenRowFinder(ctx.deps, memo));
  if (!check.ok) {
    // A recognised token (expired, revoked) is logged as its app's request, as the app experiences it.
    ctx.trace.appId = check.appId ?? null;
    ctx.trace.companyId = check.companyId ?? null;
    const message = check.reason === 'expired' ? 'access token expired: refresh it at /token' : 'invalid access token';
    throw new RestError(401, 'invalid_token', message, bearerChallenge('invalid_token', message));
  }
  ctx.trace.appId = check.grant.appId;
  ctx.trace.companyId = check.grant.companyId;
  const { userId, companyId } = check.grant;
  const user = memo ? memo.get(`user:${userId}`, () => platform.repos.users.get(userId)) : platform.repos.users.get(userId);
  if (!user) throw new RestError(401, 'invalid_token', 'invalid access token', bearerChallenge('invalid_token'));
  const actor: Actor = userActor(user);
  // The token acts as its user: a user who can no longer see the company (e.g. a partner's user after the
  // relation ended) no longer reaches it through the token either.
  const sees = () => platform.ctx.access.canSee(actor, companyId);
  if (!(memo ? memo.get(`sees:${userId}:${companyId}`, sees) : sees())) {
    const message = 'the user who granted this token can no longer access its company';
    throw new RestError(401, 'invalid_token', message, bearerChallenge('invalid_token', message));
  }
  if (!check.grant.scopes.includes(scope)) {
    throw new RestError(
      403,
      'insufficient_scope',
      `this request needs the ${scope} scope; the token has ${check.grant.scopes.join(',') || 'none'}`,
      bearerChallenge('insufficient_scope', undefined, scope),
    );
  }
  return { grant: check.grant, user, actor, companyId: check.grant.companyId };
}

export function parsePage(url: URL): Page {
  const errors: Record<string, string[]> = {};
  const int = (name: string, min: number, max: number, fallback: number): number => {
    const raw = url.searchParams.get(name);
    if (raw === null) return fallback;
    if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
      errors[name] = [`must be a whole number from ${min} to ${max}`];
      return fallback;
    }
    return Number(raw);
  };
  const limit = int('limit', 1, PAGE_LIMITS.max, PAGE_LIMITS.default);
  const page = int('page', 1, 1_000_000, 1);
  const sinceId = int('since_id', 0, Number.MAX_SAFE_INTEGER, 0);
  if (Object.keys(errors).length > 0) throw new RestError(400, 'invalid_request', errors);
  return { limit, page, sinceId, offset: (page - 1) * limit };
}

/** Reads `{"<key>": {...}}` and returns the inner object; 415 / 400 with the field named otherwise. */
export async function readResourceBody(ctx: RouteContext, key: string): Promise<Record<string, unknown>> {
  if (mediaType(ctx.req) !== 'application/json') {
    throw new RestError(415, 'unsupported_media_type', 'send the body as JSON (Content-Type: application/json)');
  }
  let text: string;
  try {
    text = await readText(ctx.req, JSON_LIMIT);
  } catch (error) {
    if (error instanceof HttpError && error.code === 'invalid_encoding') throw new RestError(400, 'invalid_encoding', { body: ['is not valid UTF-8'] });
    throw error;
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    throw new RestError(400, 'invalid_json', { body: [`is not valid JSON: ${(error as Error).message}`] });
  }
  const inner = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>)[key] : undefined;
  if (typeof inner !== 'object' || inner === null || Array.isArray(inner)) {
    throw new RestError(400, 'invalid_request', { [key]: [`is required: send {"${key}": {...}}`] });
  }
  return inner as Record<string, unknown>;
}

/** The numeric id of `/admin/<resource>/<id>.json`; anything else is "not found". */
export function resourceId(ctx: RouteContext, what: string): number {
  const raw = ctx.params.id ?? '';
  const id = /^\d{1,15}$/.test(raw) ? Number(raw) : 0;
  if (id < 1) throw new RestError(404, 'not_found', `${what} ${raw} was not found`);
  return id;
}

/** Sends a list with a Link header for the next and previous pages (RFC 8288). */
export function sendList(ctx: RouteContext, key: string, items: unknown[], page: Page, hasMore: boolean): void {
  const link = listLink(ctx, page, hasMore);
  sendJson(ctx.res, 200, { [key]: items }, link !== undefined ? { Link: link } : {});
}

/** The Link header of a list page (next and previous, RFC 8288), undefined when there is neither. */
export function listLink(ctx: RouteContext, page: Page, hasMore: boolean): string | undefined {
  const links: string[] = [];
  const link = (pageNumber: number, rel: string) => {
    const params = new URLSearchParams(ctx.url.searchParams);
    params.delete('access_token');
    params.set('limit', String(page.limit));
    params.set('page', String(pageNumber));
    links.push(`<${ctx.deps.originOf(ctx.req)}${ctx.url.pathname}?${params}>; rel="${rel}"`);
  };
  if (hasMore) link(page.page + 1, 'next');
  if (page.page > 1) link(page.page - 1, 'previous');
  return links.length > 0 ? links.join(', ') : undefined;
}

export function sendOne(ctx: RouteContext, status: number, key: string, item: unknown): void {
  sendJson(ctx.res, status, { [key]: item });
}

/** ISO 8601 with an explicit offset and whole seconds, as the REST API writes times: 2026-11-01T09:00:00+00:00. */
export function restTime(value: number | string | null): string | null {
  if (value === null) return null;
  // The services' times are already UTC ISO strings (2026-11-01T09:00:00.000Z): no need to parse them again.
  const iso = typeof value === 'string' && value.length === 24 && value.endsWith('Z') && value[10] === 'T' ? value : new Date(value).toISOString();
  return `${iso.slice(0, 19)}+00:00`;
}

export interface ResourceHandlers {
  list?(ctx: RouteContext, auth: RestAuth): void | Promise<void>;
  get?(ctx: RouteContext, auth: RestAuth): void | Promise<void>;
  create?(ctx: RouteContext, auth: RestAuth): void | Promise<void>;
  update?(ctx: RouteContext, auth: RestAuth): void | Promise<void>;
  remove?(ctx: RouteContext, auth: RestAuth): void | Promise<void>;
  /**
   * Runs the list route — the token check included — in one read transaction (one read lock instead of one per
   * statement); only for a synchronous list handler. Not with the list answer cache: a kept answer reads one statement.
   */
  listSnapshot?: <T>(work: () => T) => T;
  /** Extra routes of the resource (e.g. a nested path), authenticated with the same scope. */
  extra?: { method: RestVerb; path: string; handle(ctx: RouteContext, auth: RestAuth): void | Promise<void> }[];
}

/**
 * The routes of `/admin/<plural>.json` and `/admin/<plural>/:id.json` for the handlers given, each behind the
 * scope. Throws at start-up if a handler uses a verb the scope does not grant (spec's scope list), so the
 * API can never offer more than the scope promises.
 */
export function resourceRoutes(scope: OAuthScope, plural: string, handlers: ResourceHandlers): Route[] {
  const granted = OAUTH_SCOPE_VERBS[scope];
  const route = (method: RestVerb, path: string, handle: (ctx: RouteContext, auth: RestAuth) => void | Promise<void>): Route => {
    if (!granted.includes(method)) throw new Error(`${method} ${path}: the ${scope} scope does not grant ${method}`);
    return { method, path, errors: 'rest', handle: (ctx) => handle(ctx, authenticate(ctx, scope)) };
  };
  const routes: Route[] = [];
  const collection = `${ADMIN_PREFIX}${plural}.json`;
  const member = `${ADMIN_PREFIX}${plural}/:id.json`;
  // Extra routes first: a fixed path like /admin/products/count.json must win over /:id.json.
  for (const extra of handlers.extra ?? []) routes.push(route(extra.method, extra.path, extra.handle));
  if (handlers.list) {
    const listRoute = route('GET', collection, handlers.list);
    const { listSnapshot } = handlers;
    routes.push(listSnapshot ? { ...listRoute, handle: (ctx) => listSnapshot(() => listRoute.handle(ctx)) } : listRoute);
  }
  if (handlers.create) routes.push(route('POST', collection, handlers.create));
  if (handlers.get) routes.push(route('GET', member, handlers.get));
  if (handlers.update) routes.push(route('PUT', member, handlers.update));
  if (handlers.remove) routes.push(route('DELETE', member, handlers.remove));
  return routes;
}
