// How the platform server is assembled from modules: each module (OAuth, tokeninfo, the /admin REST
// resources, operator routes, later the webhook dispatcher's /_partnerdeck/ controls) returns its routes,
// optional guards for a path prefix, and a close function for its timers. One file per endpoint or grant
// keeps the modules small; each area lists its modules (core/areas/<area>.ts `routes`), routes/index.ts the server's own.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiRequestNote } from '../../../src-shared/api/devtools-types';
import type { ReadMemo } from '../db/read-memo';
import type { CorePlatform } from '../platform';
import { HttpError } from './http-error';
import type { RequestNetwork } from './network';

/** How errors of a route are rendered (see error-response.ts). */
export type ErrorStyle = 'json' | 'oauth' | 'tokeninfo' | 'rest' | 'page';

export interface ServerDeps {
  /** The core's view of the platform (the server is part of the core). */
  platform: CorePlatform;
  version: string;
  /** The server's own origin, e.g. http://127.0.0.1:4123 (known once it listens; read it lazily). */
  origin(): string;
  /** The origin a request reached (URLs in answers): origin() on loopback; beyond it the client's scheme and Host. */
  originOf(req: IncomingMessage): string;
  /** How a request is read: secure, client address, Host, Origin (network.ts). */
  network: RequestNetwork;
  /** Reachable from other machines (--host) or through a proxy: sign-in is throttled per client address too. */
  beyondLoopback: boolean;
  port(): number;
  /** The operator's token for /_partnerdeck/ routes (printed by `partnerdeck serve`). */
  adminToken: string;
  /** Where docs/platform-api.md was bundled (served at /docs/platform-api.md), if anywhere. */
  docsFile: string | null;
  /** Keep /admin list answers while the database is unchanged (admin/list-cache.ts). */
  listCache: boolean;
  /** Rows the REST token check keeps while the database is unchanged (db/read-memo.ts); null: read at each request
   * (PostgreSQL, or `serve --no-list-cache`). */
  readMemo: ReadMemo | null;
}

export interface RouteContext {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  params: Record<string, string>;
  deps: ServerDeps;
  /** What the route learnt about the request, for the API request log (observers). */
  trace: RequestTrace;
}

/** Filled in by the routes as they authenticate: whose request it was and what it relied on. */
export interface RequestTrace {
  appId: number | null;
  companyId: number | null;
  /** The error code of the answer (set from whatever the route threw). */
  errorCode: string | null;
  /** Local-only conveniences the request relied on, refusals by strict mode, chaos it met. */
  notes: ApiRequestNote[];
}

export function newTrace(): RequestTrace {
  return { appId: null, companyId: null, errorCode: null, notes: [] };
}

/** A finished request as observers see it (after the answer was sent). */
export interface ObservedRequest {
  /** Platform time when it arrived. */
  at: number;
  method: string;
  /** The parsed URL (null when the Host header was refused before parsing). */
  url: URL | null;
  status: number;
  durationMs: number;
  trace: RequestTrace;
  /** The connection's address, or with --trust-proxy the last X-Forwarded-For hop. */
  clientAddress: string;
}

export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** A path with `:name` parameters, e.g. `/admin/webhooks/:id.json`. */
  path: string;
  errors?: ErrorStyle;
  handle(ctx: RouteContext): void | Promise<void>;
}

export interface PrefixRule {
  prefix: string;
  /** Error style for anything under the prefix, including unknown paths. */
  errors?: ErrorStyle;
  /** Runs before any route under the prefix (and before "not found"); throws an HttpError to refuse. */
  guard?(ctx: RouteContext): void;
}

export interface ModuleParts {
  routes: Route[];
  prefixes?: PrefixRule[];
  /** Sees every finished request (the API request log); must not throw or block. */
  observe?(request: ObservedRequest): void;
  close?(): void;
}

/** A part of the platform server; called once per server with the shared dependencies. */
export type PlatformModule = (deps: ServerDeps) => ModuleParts;

export interface CompiledRoute extends Route {
  pattern: RegExp;
  names: string[];
}

export function compileRoute(route: Route): CompiledRoute {
  const names: string[] = [];
  const source = route.path
    .split(/(:[A-Za-z_][A-Za-z0-9_]*)/)
    .map((part) => {
      if (part.startsWith(':')) {
        names.push(part.slice(1));
        return '([^/.]+)';
      }
      return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('');
  return { ...route, pattern: new RegExp(`^${source}$`), names };
}

export interface RouteMatch {
  route: CompiledRoute;
  params: Record<string, string>;
}

/**
 * The bucket a path belongs to: its first segment and the name part of the second (`/admin/products/12.json`
 * and `/admin/products.json` are both `admin/products`), so a request is matched against a handful of routes,
 * not all of them. Route patterns keep their parameters after the second segment.
 */
export function routeKey(path: string): string {
  const [first = '', second] = path.split('/', 3).slice(1);
  return second === undefined ? first : `${first}/${second.split('.')[0]}`;
}

export type RouteTable = Map<string, CompiledRoute[]>;

/** A percent-decoded path parameter; malformed encoding (`%E0%A4%A`, a lone `%`) is the client's 400, not a 500. */
function decodePathParam(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch (error) {
    if (error instanceof URIError) throw new HttpError(400, 'invalid_request', `the path has malformed percent-encoding: ${raw}`);
    throw error;
  }
}

export function routeTable(routes: readonly CompiledRoute[]): RouteTable {
  const table: RouteTable = new Map();
  for (const route of routes) {
    const key = routeKey(route.path);
    if (key.includes(':')) throw new Error(`${route.path}: parameters may appear only after the second path segment`);
    table.set(key, [...(table.get(key) ?? []), route]);
  }
  return table;
}

/** Matches a request in a route table. */
export function findRoute(table: RouteTable, method: string, path: string): RouteLookup {
  return matchRoute(table.get(routeKey(path)) ?? [], method, path);
}

/**
 * What a request matched: the route, or `allowed` (the methods of the path when only the method differs) and
 * `errors`, the error style of those routes (so a 405 on /token is an RFC 6749 error).
 */
export interface RouteLookup {
  match: RouteMatch | null;
  allowed: string[];
  errors?: ErrorStyle;
}

/** The route for this method and path; `allowed` lists the methods of the path when only the method differs. */
export function matchRoute(routes: readonly CompiledRoute[], method: string, path: string): RouteLookup {
  const allowed: string[] = [];
  let errors: ErrorStyle | undefined;
  for (const route of routes) {
    const found = route.pattern.exec(path);
    if (!found) continue;
    if (route.method !== method) {
      allowed.push(route.method);
      errors ??= route.errors;
      continue;
    }
    const params: Record<string, string> = {};
    route.names.forEach((name, i) => (params[name] = decodePathParam(found[i + 1])));
    return { match: { route, params }, allowed };
  }
  return errors === undefined ? { match: null, allowed } : { match: null, allowed, errors };
}
