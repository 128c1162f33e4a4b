// The example embedded app: the starting point for an app on the platform (README.md walks through it).
//
//   GET  /                the Start URL: verifies the hmac (401 when it is wrong or missing), then shows who
//                         opened the app, its API connection for the company and the webhook events, live
//   GET  /install         the Authorization URL and the OAuth redirect URI: without a code it starts the OAuth
//                         flow (state + PKCE); with a code it finishes it (the App Store sends the user here
//                         too), stores the tokens and registers the app's webhooks for the company
//   POST /webhooks        receives notifications; checks the payload hash and the Standard Webhooks signature
//   GET  /api/status      the embedded page's live data (bearer: the session token the page got)
//   GET  /api/orders      recent orders through the REST API (refreshing the access token when needed)
//   GET  /dev?token=…     the developer page: the URLs to register, the credentials form, all connections and events
//
// No npm dependencies: Node 20's http, crypto and fetch. Run it with `partnerdeck example-app` (which registers
// the app and finds the platform), or `node examples/embedded-app/server.mjs` with the environment variables
// PLATFORM_URL, CLIENT_ID, CLIENT_SECRET and PORT (see README.md).
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { issueSessionToken, readSessionToken, safeEqual, verifyEmbedQuery } from './lib/embed-hmac.mjs';
import { createOAuthClient, pkcePair, toStoredTokens } from './lib/oauth.mjs';
import { devPage, embeddedPage, invalidPage, messagePage } from './lib/pages.mjs';
import { apiRequest, ApiCallError, ensureWebhooks } from './lib/platform-api.mjs';
import { openStateStore } from './lib/state-store.mjs';
import { verifyPayloadHash, verifyStandardSignature } from './lib/webhook-signatures.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const STATIC = {
  '/app.js': { file: join(HERE, 'public', 'app.js'), type: 'text/javascript; charset=utf-8' },
  '/style.css': { file: join(HERE, 'public', 'style.css'), type: 'text/css; charset=utf-8' },
};

export const APP_NAME = 'Example App';
/** What the app asks for: orders to read them, webhooks to register its hooks. */
export const DEFAULT_SCOPES = 'orders,customers,products,webhooks';
export const WEBHOOK_TOPICS = ['order/create', 'customer/create', 'product/create', 'app/uninstalled', 'app/update'];
const STATE_TTL_MS = 10 * 60 * 1000;
const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Who may frame the embedded page: the local console (any port on this machine). Against the hosted platform,
 * put its admin origin here instead.
 */
const FRAME_ANCESTORS = "'self' http://127.0.0.1:* http://localhost:*";
const PAGE_CSP = `default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors ${FRAME_ANCESTORS}`;

/**
 * Starts the app. `options`: platformUrl (required), port (0 = any), host (127.0.0.1), clientId/clientSecret
 * (optional: else the setup form on the developer page, or the state file), scopes, stateFile, devToken,
 * connection ({ companyId, accessToken, refreshToken }: an install made by `partnerdeck app dev`).
 * Resolves with { url, urls, devUrl, close(), state }.
 */
export async function startExampleApp(options) {
  if (!options.platformUrl) throw new Error('platformUrl is required (where the platform answers, e.g. http://127.0.0.1:8080)');
  const platformUrl = options.platformUrl.replace(/\/+$/, '');
  const host = options.host ?? '127.0.0.1';
  const scopes = options.scopes ?? DEFAULT_SCOPES;
  const devToken = options.devToken ?? randomBytes(24).toString('base64url');
  const store = openStateStore(options.stateFile ?? null);
  if (options.clientId && options.clientSecret) store.setCredentials({ clientId: options.clientId, clientSecret: options.clientSecret });
  // An install made without the OAuth dance (`partnerdeck app dev` writes the tokens into .env): the app can call
  // the REST API for that company at once. The access token's lifetime is unknown here: a 401 refreshes it.
  const given = options.connection;
  if (given?.companyId && given.accessToken && given.refreshToken && store.connection(given.companyId)?.tokens.refreshToken !== given.refreshToken) {
    store.setConnection(given.companyId, {
      tokens: { accessToken: given.accessToken, refreshToken: given.refreshToken, expiresAt: Date.now() + 10 * 60_000 },
      scope: given.scope ?? '',
      userName: 'partnerdeck app dev',
      connectedAt: new Date().toISOString(),
      webhooks: [],
      webhookProblems: [],
      webhooksManagedBy: 'partnerdeck app dev (the [[webhooks]] of partnerdeck.app.toml)',
    });
  }
  const log = options.log ?? ((line) => console.log(`[example-app] ${line}`));

  let port = 0;
  let baseUrl = '';
  const urls = () => ({
    startUrl: `${baseUrl}/`,
    redirectUri: `${baseUrl}/install`,
    authorizationUrl: `${baseUrl}/install`,
    webhookUrl: `${baseUrl}/webhooks`,
  });

  /** OAuth flows this app started: state -> { verifier, createdAt } (single use, 10 minutes). */
  const pendingStates = new Map();
  /** One refresh at a time per company: a refresh token works once. */
  const refreshing = new Map();

  const credentials = () => store.credentials();
  const oauth = () => {
    const c = credentials();
    return c ? createOAuthClient({ platformUrl, clientId: c.clientId, clientSecret: c.clientSecret, redirectUri: urls().redirectUri }) : null;
  };

  // ---- helpers -----------------------------------------------------------------------------------------

  function send(res, status, body, headers = {}) {
    res.writeHead(status, {
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': 'no-store',
      ...headers,
    });
    res.end(body);
  }
  const html = (res, status, page, headers = {}) => send(res, status, page, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': PAGE_CSP, ...headers });
  const json = (res, status, value) => send(res, status, JSON.stringify(value), { 'Content-Type': 'application/json; charset=utf-8' });

  function readBody(req) {
    return new Promise((resolve, reject) => {
      const chunks = [];
      let size = 0;
      req.on('data', (chunk) => {
        size += chunk.length;
        if (size > MAX_BODY_BYTES) {
          reject(new Error('body too large'));
          req.destroy();
          return;
        }
        chunks.push(chunk);
      });
      req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      req.on('error', reject);
    });
  }

  /** DNS-rebinding defence: answer only requests addressed to this app. */
  function hostAllowed(req) {
    const value = (req.headers.host ?? '').toLowerCase();
    return value === `127.0.0.1:${port}` || value === `localhost:${port}` || value === new URL(baseUrl).host;
  }

  function connectionView(companyId) {
    const connection = store.connection(companyId);
    if (!connection) return { connected: false };
    return { connected: true, userName: connection.userName, scope: connection.scope, connectedAt: connection.connectedAt, webhooks: connection.webhooks ?? [], webhookProblems: connection.webhookProblems ?? [], webhooksManagedBy: connection.webhooksManagedBy ?? null };
  }

  /** A valid access token for the company, refreshed (once at a time) when it is about to expire. */
  async function accessTokenFor(companyId, { forceRefresh = false } = {}) {
    const connection = store.connection(companyId);
    if (!connection) throw new Error(`company ${companyId} has not connected this app`);
    if (!forceRefresh && connection.tokens.expiresAt > Date.now()) return connection.tokens.accessToken;
    if (!refreshing.has(companyId)) {
      const client = oauth();
      const run = client
        .refresh(connection.tokens.refreshToken)
        .then((answer) => {
          const latest = store.connection(companyId);
          if (latest) store.setConnection(companyId, { ...latest, tokens: toStoredTokens(answer) });
          log(`refreshed the access token of company ${companyId}`);
          return answer.access_token;
        })
        .finally(() => refreshing.delete(companyId));
      refreshing.set(companyId, run);
    }
    return refreshing.get(companyId);
  }

  /** A REST call for a company; a 401 (token expired early, e.g. the platform clock moved) refreshes once. */
  async function callApi(companyId, method, path, body) {
    try {
      return await apiRequest(platformUrl, await accessTokenFor(companyId), method, path, body);
    } catch (error) {
      if (!(error instanceof ApiCallError) || error.status !== 401) throw error;
      return apiRequest(platformUrl, await accessTokenFor(companyId, { forceRefresh: true }), method, path, body);
    }
  }

  // ---- routes ------------------------------------------------------------------------------------------

  /** GET / — the Start URL, opened by the platform with UserID, CompanyID and hmac. */
  function embedded(res, url) {
    const c = credentials();
    if (!c) return html(res, 503, messagePage({ appName: APP_NAME, title: 'Not configured yet', tone: 'bad', message: 'Enter the app’s Client ID and Shared Secret on the developer page first.' }));
    const check = verifyEmbedQuery(url.searchParams, c.clientSecret);
    if (!check.valid) return html(res, 401, invalidPage({ appName: APP_NAME, reason: check.reason }));
    const sessionToken = issueSessionToken(c.clientSecret, check);
    return html(res, 200, embeddedPage({ appName: APP_NAME, userId: check.userId, companyId: check.companyId, platformUrl, sessionToken }));
  }

  /** GET /install — the Authorization URL and the redirect URI. */
  async function install(res, url) {
    const client = oauth();
    if (!client) return html(res, 503, messagePage({ appName: APP_NAME, title: 'Not configured yet', tone: 'bad', message: 'Enter the app’s credentials on the developer page first.' }));
    const error = url.searchParams.get('error');
    if (error) {
      return html(res, 400, messagePage({ appName: APP_NAME, title: 'Not connected', tone: 'bad', message: error === 'access_denied' ? 'Access was denied on the platform’s consent page.' : `The platform answered: ${error}` }));
    }
    const code = url.searchParams.get('code');
    if (!code) {
      // Start: remember a fresh state (CSRF) and PKCE verifier, then send the user to the consent page.
      const state = randomBytes(16).toString('base64url');
      const { verifier, challenge } = pkcePair();
      pendingStates.set(state, { verifier, createdAt: Date.now() });
      const scope = url.searchParams.get('scope') || scopes;
      return send(res, 302, '', { Location: client.authorizationUrl({ scope, state, codeChallenge: challenge }) });
    }

    // Finish. A state this app issued carries its PKCE verifier. Any other state comes from an install the
    // platform started (the App Store sends the user to the Authorization URL with its own state); the code is
    // still bound to this app and this redirect URI, and exchanging it needs the Shared Secret.
    const state = url.searchParams.get('state') ?? '';
    const pending = pendingStates.get(state);
    pendingStates.delete(state);
    const fresh = pending && Date.now() - pending.createdAt < STATE_TTL_MS;
    const companyId = Number(url.searchParams.get('company_id'));
    if (!Number.isSafeInteger(companyId) || companyId <= 0) {
      return html(res, 400, messagePage({ appName: APP_NAME, title: 'Not connected', tone: 'bad', message: 'The redirect carried no company_id.' }));
    }
    let answer;
    try {
      answer = await client.exchangeCode({ code, codeVerifier: fresh ? pending.verifier : undefined });
    } catch (failure) {
      return html(res, 400, messagePage({ appName: APP_NAME, title: 'Not connected', tone: 'bad', message: failure.message }));
    }
    const connection = { tokens: toStoredTokens(answer), scope: answer.scope ?? '', userName: answer.userName ?? '', connectedAt: new Date().toISOString(), webhooks: [], webhookProblems: [] };
    store.setConnection(companyId, connection);
    log(`company ${companyId} connected (${connection.scope}) by ${connection.userName}`);

    // Register the webhooks (needs the webhooks scope).
    if (connection.scope.split(',').includes('webhooks')) {
      try {
        const result = await ensureWebhooks({ platformUrl, accessToken: connection.tokens.accessToken, address: urls().webhookUrl, topics: WEBHOOK_TOPICS });
        store.setConnection(companyId, { ...connection, webhooks: result.hooks, webhookProblems: result.failed });
      } catch (failure) {
        store.setConnection(companyId, { ...connection, webhookProblems: [{ topic: '*', reason: failure.message }] });
      }
    } else {
      store.setConnection(companyId, { ...connection, webhookProblems: [{ topic: '*', reason: 'the grant has no webhooks scope' }] });
    }
    const registered = store.connection(companyId).webhooks.map((h) => h.topic);
    return html(res, 200, messagePage({
      appName: APP_NAME,
      title: 'Connected',
      message: `${APP_NAME} can now reach company ${companyId} (${connection.scope}).${registered.length ? ` Webhooks: ${registered.join(', ')}.` : ''} You can close this tab.`,
    }));
  }

  /** POST /webhooks — a notification from the platform. */
  async function webhook(req, res) {
    const c = credentials();
    if (!c) return json(res, 503, { error: 'not configured' });
    let raw;
    try {
      raw = await readBody(req);
    } catch {
      return json(res, 413, { error: 'body too large' });
    }
    const hashValid = verifyPayloadHash(c.clientSecret, raw);
    const signatureProblem = verifyStandardSignature(c.clientSecret, req.headers, raw);
    if (!hashValid || signatureProblem) {
      log(`refused a webhook: ${!hashValid ? 'hash does not match' : signatureProblem}`);
      return json(res, 401, { error: !hashValid ? 'hash does not match' : signatureProblem });
    }
    const payload = JSON.parse(raw);
    const event = {
      webhookId: req.headers['webhook-id'],
      receivedAt: new Date().toISOString(),
      topic: payload.scope,
      companyId: payload.company_id,
      data: payload.data,
      hashValid,
      signatureValid: true,
    };
    const isNew = store.addEvent(event);
    // The app was uninstalled for the company: its tokens are revoked already; forget them.
    if (isNew && payload.scope === 'app/uninstalled') store.setConnection(payload.company_id, null);
    if (isNew) log(`webhook ${payload.scope} for company ${payload.company_id} (${payload.data?.type} ${payload.data?.id})`);
    // Answer at once (within 10 s); slow work would go to a queue.
    return json(res, 200, { ok: true });
  }

  function session(req, c) {
    const header = req.headers.authorization ?? '';
    return header.startsWith('Bearer ') ? readSessionToken(c.clientSecret, header.slice(7)) : null;
  }

  async function api(req, res, url) {
    const c = credentials();
    const who = c ? session(req, c) : null;
    if (!who) return json(res, 401, { error: 'open the app from the platform’s admin (the session token is missing or expired)' });
    if (url.pathname === '/api/status') {
      return json(res, 200, { companyId: who.companyId, userId: who.userId, connection: connectionView(who.companyId), events: store.events(who.companyId).slice(0, 50) });
    }
    if (url.pathname === '/api/orders') {
      try {
        const answer = await callApi(who.companyId, 'GET', '/admin/orders.json?limit=5&sort=placed_at&direction=desc');
        return json(res, 200, { orders: (answer.orders ?? []).map((o) => ({ id: o.id, number: o.number, status: o.status, gross: o.gross_minor, currency: o.currency, placedAt: o.placed_at })) });
      } catch (error) {
        return json(res, 502, { error: error.message });
      }
    }
    return json(res, 404, { error: 'not found' });
  }

  function devAllowed(url) {
    const token = url.searchParams.get('token') ?? '';
    return safeEqual(token, devToken);
  }

  function dev(res, url, flash = null) {
    if (!devAllowed(url)) return html(res, 403, messagePage({ appName: APP_NAME, title: 'Developer page', tone: 'bad', message: 'This page needs the address the app printed when it started.' }));
    if (url.pathname === '/dev/state.json') {
      return json(res, 200, { configured: credentials() !== null, clientId: credentials()?.clientId ?? null, urls: urls(), connections: Object.fromEntries(Object.keys(store.connections()).map((id) => [id, connectionView(Number(id))])), events: store.events() });
    }
    const c = credentials();
    // same-origin, not no-referrer: under no-referrer a browser sends `Origin: null` with the setup form, which
    // the same-origin check below must refuse. The address's token still never leaves this origin.
    return html(res, 200, devPage({ appName: APP_NAME, token: devToken, config: { platformUrl, scopes }, urls: urls(), credentials: c ? { clientId: c.clientId } : null, connections: store.connections(), events: store.events(), flash }), { 'Referrer-Policy': 'same-origin' });
  }

  async function devSetup(req, res) {
    // A form post from this app's own page only: same origin, and the page's token in the body.
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== baseUrl && origin !== `http://localhost:${port}`) return json(res, 403, { error: 'cross-origin form refused' });
    const form = new URLSearchParams(await readBody(req));
    const token = form.get('token') ?? '';
    const back = new URL(`/dev?token=${encodeURIComponent(token)}`, baseUrl);
    if (!safeEqual(token, devToken)) return dev(res, back);
    const clientId = (form.get('client_id') ?? '').trim();
    const clientSecret = (form.get('client_secret') ?? '').trim();
    if (!/^[\w.-]{1,200}$/.test(clientId) || clientSecret === '') return dev(res, back, 'Both the Client ID and the Shared Secret are needed.');
    store.setCredentials({ clientId, clientSecret });
    log(`credentials saved for client ${clientId}`);
    return dev(res, back, 'Credentials saved. Open the app in Manage Apps.');
  }

  async function handle(req, res) {
    if (!hostAllowed(req)) return send(res, 421, 'Misdirected request\n', { 'Content-Type': 'text/plain; charset=utf-8' });
    const url = new URL(req.url ?? '/', baseUrl);
    const route = `${req.method} ${url.pathname}`;
    if (route === 'GET /') return embedded(res, url);
    if (route === 'GET /install') return install(res, url);
    if (route === 'POST /webhooks') return webhook(req, res);
    if (req.method === 'GET' && url.pathname.startsWith('/api/')) return api(req, res, url);
    if (route === 'GET /dev' || route === 'GET /dev/state.json') return dev(res, url);
    if (route === 'POST /dev/setup') return devSetup(req, res);
    if (route === 'GET /health') return json(res, 200, { ok: true, configured: credentials() !== null });
    const asset = req.method === 'GET' ? STATIC[url.pathname] : undefined;
    if (asset) return send(res, 200, readFileSync(asset.file), { 'Content-Type': asset.type, 'Cache-Control': 'no-cache' });
    return send(res, 404, 'Not found\n', { 'Content-Type': 'text/plain; charset=utf-8' });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error) => {
      log(`error: ${error.stack ?? error}`);
      if (!res.headersSent) json(res, 500, { error: 'internal error' });
      else res.end();
    });
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  port = server.address().port;
  baseUrl = options.publicUrl ? options.publicUrl.replace(/\/+$/, '') : `http://${host}:${port}`;
  return {
    url: baseUrl,
    port,
    urls: urls(),
    devUrl: `${baseUrl}/dev?token=${encodeURIComponent(devToken)}`,
    state: store,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** `node server.mjs`: configuration from the environment. */
async function main() {
  const env = process.env;
  const app = await startExampleApp({
    // PARTNERDECK_*: what `partnerdeck app dev` writes into .env (run with `node --env-file=.env server.mjs`).
    platformUrl: env.PLATFORM_URL ?? env.PARTNERDECK_PLATFORM_URL,
    port: env.PORT === undefined ? 3000 : Number(env.PORT),
    clientId: env.CLIENT_ID ?? env.PARTNERDECK_CLIENT_ID,
    clientSecret: env.CLIENT_SECRET ?? env.PARTNERDECK_CLIENT_SECRET,
    scopes: env.SCOPES,
    stateFile: env.STATE_FILE ?? join(process.cwd(), 'example-app-state.json'),
    devToken: env.DEV_TOKEN,
    connection: {
      companyId: Number(env.PARTNERDECK_COMPANY_ID) || null,
      accessToken: env.PARTNERDECK_ACCESS_TOKEN,
      refreshToken: env.PARTNERDECK_REFRESH_TOKEN,
    },
  });
  console.log(JSON.stringify({ url: app.url, ...app.urls, devUrl: app.devUrl }));
  const stop = () => app.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error) => {
    console.error(`example-app: ${error.message}`);
    process.exit(1);
  });
}
