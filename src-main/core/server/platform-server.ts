// The platform's own HTTP server: what `partnerdeck serve` runs headless and what the desktop app and browser mode
// start beside the console, on 127.0.0.1. Only `serve` may put it elsewhere (`--host`, over its own TLS with
// `--tls-cert/--tls-key` or behind a TLS reverse proxy with `--trust-proxy`; the CLI refuses plain HTTP beyond
// loopback): then its origin is https under TLS, and a request's client address and scheme follow network.ts. It is assembled from modules: its own (routes/index.ts:
// /health, the docs, the /_partnerdeck/ guard), then those of the areas the platform was opened with (OAuth's
// authorize, token and tokeninfo, the /admin REST resources, the clock control, ...). Every request passes the Host check (DNS rebinding), then the prefix guards,
// then its route; whatever a route throws goes through error-response.ts.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import { join } from 'node:path';
import type { Platform } from '../platform';
import { internalsOf } from '../platform-internals';
import { createReadMemo } from '../db/read-memo';
import { logFor } from '../logging/logger';
import { sendError } from './error-response';
import { HttpError } from './http-error';
import { baseHeaders } from './http-io';
import { closeServer, hardenServer, listenOn, LOOPBACK_HOST, SERVER_OPTIONS } from './loopback';
import { isLoopbackHost, requestNetwork } from './network';
import { compileRoute, findRoute, newTrace, routeTable, type ErrorStyle, type ModuleParts, type PlatformModule, type PrefixRule, type RouteContext, type ServerDeps } from './router';
import { SERVER_MODULES } from './routes';

export interface PlatformServer {
  url: string;
  port: number;
  adminToken: string;
  close(): Promise<void>;
}

export interface PlatformServerOptions {
  port?: number;
  version: string;
  /** Modules to run (default: the server's own, then those of the areas the platform was opened with). */
  modules?: readonly PlatformModule[];
  /** docs/platform-api.md as bundled next to dist/ (default: ../docs/platform-api.md from the bundle). */
  docsFile?: string | null;
  /** Keep /admin list answers while the database is unchanged (admin/list-cache.ts; default true). */
  listCache?: boolean;
  /** Server limits (default SERVER_LIMITS; tests shorten them). */
  limits?: { headersTimeoutMs?: number; requestTimeoutMs?: number; maxConnections?: number };
  /**
   * Where and how it is reached (`serve --host/--tls-cert/--tls-key/--trust-proxy`, checked by the CLI); default
   * 127.0.0.1, plain HTTP, no proxy.
   */
  network?: { host: string; tls: { cert: string; key: string } | null; trustProxy: boolean };
}

export async function startPlatformServer(platform: Platform, options: PlatformServerOptions): Promise<PlatformServer> {
  const adminToken = platform.ids.token(32);
  let port = 0;
  const core = internalsOf(platform);
  const keepReads = (options.listCache ?? true) && core.data.dialect === 'sqlite';
  const host = options.network?.host ?? LOOPBACK_HOST;
  const tls = options.network?.tls ?? null;
  const loopback = isLoopbackHost(host);
  const trustProxy = options.network?.trustProxy ?? false;
  const network = requestNetwork({ tls: tls !== null, trustProxy, loopback }, () => port);
  // The address it prints and keeps (0.0.0.0 and :: listen everywhere, this machine included).
  const shownHost = host === '0.0.0.0' || host === '::' ? LOOPBACK_HOST : host.includes(':') ? `[${host}]` : host;
  const origin = () => `${tls ? 'https' : 'http'}://${shownHost}:${port}`;
  const deps: ServerDeps = {
    platform: core,
    version: options.version,
    origin,
    // On loopback without a proxy the one origin above (127.0.0.1 or localhost both reach it); elsewhere the scheme
    // and Host the client used (a proxy's public name, https when it says so).
    originOf: loopback && !trustProxy ? origin : (req) => network.ownOrigin(req),
    network,
    beyondLoopback: !loopback || trustProxy,
    port: () => port,
    adminToken,
    docsFile: options.docsFile === undefined ? join(__dirname, '..', 'docs', 'platform-api.md') : options.docsFile,
    listCache: options.listCache ?? true,
    readMemo: keepReads ? createReadMemo(core.db) : null,
  };
  const parts = (options.modules ?? [...SERVER_MODULES, ...core.routes]).map((module) => module(deps));
  const routes = routeTable(parts.flatMap((p) => p.routes.map(compileRoute)));
  const prefixes: PrefixRule[] = parts.flatMap((p) => p.prefixes ?? []);
  const observers = parts.map((p) => p.observe).filter((o): o is NonNullable<ModuleParts['observe']> => o !== undefined);

  const onRequest = (req: IncomingMessage, res: ServerResponse) => void dispatch(req, res);
  const server: Server = tls ? (createTlsServer({ ...SERVER_OPTIONS, ...tls }, onRequest) as unknown as Server) : createServer(SERVER_OPTIONS, onRequest);
  hardenServer(server, options.limits);

  const log = logFor('server');

  async function dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    baseHeaders(res);
    // The access log (debug): method, path without its query (codes, tokens), status, time.
    const started = performance.now();
    const at = platform.clock.now();
    const trace = newTrace();
    let url: URL | null = null;
    res.once('finish', () => {
      const durationMs = performance.now() - started;
      for (const observe of observers) {
        try {
          observe({ at, method: req.method ?? 'GET', url, status: res.statusCode, durationMs, trace, clientAddress: network.clientAddress(req) });
        } catch (error) {
          log.error('a request observer failed', error);
        }
      }
      if (log.level !== 'debug') return;
      const path = (req.url ?? '/').split('?')[0];
      log.debug(`${req.method ?? 'GET'} ${path} ${res.statusCode} ${durationMs.toFixed(1)} ms`);
    });
    let style: ErrorStyle = 'json';
    try {
      if (!network.isAllowedHost(req.headers.host)) throw new HttpError(421, 'misdirected_request', 'unknown Host header');
      const parsed = new URL(req.url ?? '/', `http://${LOOPBACK_HOST}:${port}`);
      url = parsed;
      const rules = prefixes.length === 0 ? prefixes : prefixes.filter((rule) => parsed.pathname.startsWith(rule.prefix));
      for (const rule of rules) if (rule.errors) style = rule.errors;
      const { match, allowed, errors } = findRoute(routes, req.method ?? 'GET', parsed.pathname);
      if (match?.route.errors) style = match.route.errors;
      else if (errors) style = errors;
      const ctx: RouteContext = { req, res, url: parsed, params: match?.params ?? {}, deps, trace };
      for (const rule of rules) rule.guard?.(ctx);
      if (!match) {
        if (allowed.length > 0) throw new HttpError(405, 'method_not_allowed', `${req.method} is not allowed here; use ${allowed.join(', ')}`, true, undefined, { Allow: allowed.join(', ') });
        throw new HttpError(404, 'not_found', `Nothing at ${parsed.pathname}`);
      }
      await match.route.handle(ctx);
    } catch (error) {
      trace.errorCode = sendError(res, error, style, `${req.method ?? 'GET'} ${(req.url ?? '/').split('?')[0]}`);
    }
  }

  try {
    port = await listenOn(server, options.port ?? 0, host);
  } catch (error) {
    for (const part of parts) part.close?.();
    throw error;
  }
  const url = deps.origin();
  platform.setPublicUrl(url);
  return {
    url,
    port,
    adminToken,
    async close() {
      for (const part of parts) part.close?.();
      await closeServer(server);
    },
  };
}
