// The example embedded app against the real platform (real clock, platform server, the real webhook dispatcher):
// its setup form, its hmac verification (every checker variant, as the checker itself sees it, and a broken app
// that accepts everything), the OAuth flow it starts at its Authorization URL (state + PKCE) and the one the
// App Store starts (a state of the platform's), its webhook registration, verified notifications (order/create
// after a checkout, app/uninstalled after an uninstall), refused forged notifications, and token refresh.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATOR } from '../../src-main/core/access';
import { embedHmac } from '../../src-main/core/apps/embed-signing';
import { startPlatformServer, type PlatformServer } from '../../src-main/core/server/platform-server';
import type { WebhookDispatcher } from '../../src-main/core/webhooks/webhook-dispatcher';
import { buildWebhookRequest } from '../../src-main/core/webhooks/webhook-signing';
import { checkoutSchema, productCreateSchema } from '../../src-shared/api/shop-inputs';
import { parseInput } from '../../src-shared/api/validation';
import { startExampleApp, EXAMPLE_APP_SCOPES, type ExampleApp } from '../helpers/example-app';
import { ANNA, FormClient, signIn, formFields } from '../helpers/oauth';
import { openRealClockPlatform, startReceiver, startTestDispatcher, type Receiver } from '../helpers/webhooks';

let platform: ReturnType<typeof openRealClockPlatform>;
let server: PlatformServer;
let dispatcher: WebhookDispatcher;
let app: ExampleApp;
let appId: number;
let secret: string;
let alpen: number;
let anna: number;
let broken: Receiver;

const DEV_TOKEN = 'dev-token-for-tests';

/** Waits on a condition the app's state will reach (webhook delivery is asynchronous). */
async function until<T>(read: () => T | undefined | null | false, what: string): Promise<T> {
  for (let i = 0; i < 400; i++) {
    const value = read();
    if (value) return value;
    await dispatcher.settle();
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

beforeAll(async () => {
  platform = openRealClockPlatform();
  server = await startPlatformServer(platform, { version: 'test', docsFile: null });
  dispatcher = startTestDispatcher(platform);
  alpen = platform.repos.users.findByEmail(ANNA)!.company_id;
  anna = platform.repos.users.findByEmail(ANNA)!.id;
  // Started without credentials: the developer registers the app with the URLs it shows, then enters them.
  app = await startExampleApp({ platformUrl: server.url, devToken: DEV_TOKEN, stateFile: null });
  const kawaii = platform.repos.users.findByEmail('yuki@kawaii-stationery.example')!.company_id;
  const created = platform.apps.create(OPERATOR, {
    companyId: kawaii,
    name: 'Example App',
    redirectUris: [app.urls.redirectUri],
    scopes: EXAMPLE_APP_SCOPES.split(',') as never,
    authorizationUrl: app.urls.authorizationUrl,
    startUrl: app.urls.startUrl,
    developerEmail: 'dev@kawaii-stationery.example',
  });
  appId = created.app.id;
  secret = created.clientSecret;
  broken = await startReceiver(200);
});

afterAll(async () => {
  await app?.close();
  await broken?.close();
  await dispatcher?.stop();
  await server?.close();
  platform?.dispose();
});

describe('the example app: setup and the embedded page', () => {
  it('says it is not configured, then takes the credentials on its developer page (token and same origin required)', async () => {
    expect((await fetch(`${app.url}/`)).status).toBe(503);
    expect((await fetch(`${app.url}/dev?token=wrong`)).status).toBe(403);
    const devResponse = await fetch(app.devUrl);
    // A browser sends the form's real Origin only if the page's referrer policy allows it (no-referrer sends "null").
    expect(devResponse.headers.get('referrer-policy')).toBe('same-origin');
    const page = await devResponse.text();
    expect(page).toContain(app.urls.startUrl);
    expect(page).toContain('not configured');
    const post = (fields: Record<string, string>, origin = app.url) =>
      fetch(`${app.url}/dev/setup`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin }, body: new URLSearchParams(fields).toString() });
    expect((await post({ token: DEV_TOKEN, client_id: 'x', client_secret: 'y' }, 'http://evil.example')).status).toBe(403);
    expect((await post({ token: DEV_TOKEN, client_id: 'x', client_secret: 'y' }, 'null')).status).toBe(403);
    expect(await (await post({ token: 'wrong', client_id: 'x', client_secret: 'y' })).text()).toContain('needs the address the app printed');
    expect(app.state.credentials()).toBeNull();
    const clientId = platform.apps.get(OPERATOR, appId).clientId;
    const saved = await (await post({ token: DEV_TOKEN, client_id: clientId, client_secret: secret })).text();
    expect(saved).toContain('Credentials saved');
    expect(app.state.credentials()).toEqual({ clientId, clientSecret: secret });
  });

  it('accepts the signed URL the platform makes and shows "hmac valid"; refuses the rest with 401', async () => {
    const valid = platform.embeddedApps.sign(appId, anna, alpen);
    expect(valid.url).toBe(`${app.urls.startUrl}?UserID=${anna}&CompanyID=${alpen}&hmac=${embedHmac(secret, anna, alpen)}`);
    const ok = await fetch(valid.url);
    expect(ok.status).toBe(200);
    const html = await ok.text();
    expect(html).toContain('hmac valid');
    expect(html).toContain(`data-testid="company-id">${alpen}<`);
    // It may be framed by the local console only.
    expect(ok.headers.get('content-security-policy')).toContain("frame-ancestors 'self' http://127.0.0.1:* http://localhost:*");
    for (const variant of ['wrong-hmac', 'swapped-company', 'missing-hmac'] as const) {
      const response = await fetch(platform.embeddedApps.sign(appId, anna, alpen, variant, alpen + 1).url);
      expect(response.status, variant).toBe(401);
      expect(await response.text(), variant).toContain('hmac invalid');
    }
    expect((await fetch(`${app.url}/?UserID=${anna}&CompanyID=${alpen}&hmac=${embedHmac('another-secret', anna, alpen)}`)).status).toBe(401);
  });

  it('passes the embed checker; an app that accepts everything fails it on exactly the three forged requests', async () => {
    const dana = platform.localUsers.actorByEmail('dana@northwind-partners.example')!;
    const report = await platform.embeddedApps.check(dana, { appId, companyId: alpen, userId: anna });
    expect(report.results.map((r) => [r.variant, r.status, r.outcome, r.passed])).toEqual([
      ['valid', 200, 'accepted', true],
      ['wrong-hmac', 401, 'rejected', true],
      ['swapped-company', 401, 'rejected', true],
      ['missing-hmac', 401, 'rejected', true],
    ]);
    expect(report.allPassed).toBe(true);
    expect(report.results[0].snippet).toContain('hmac valid');
    expect(report.results[1].snippet).toContain('hmac invalid');
    expect(report.results[2].companyId).toBe(report.otherCompanyId);

    const accepting = platform.apps.create(OPERATOR, {
      companyId: alpen, name: 'Accepts Everything', redirectUris: [`${broken.url}/cb`], scopes: ['orders'], authorizationUrl: null, startUrl: broken.url, developerEmail: '',
    });
    const brokenReport = await platform.embeddedApps.check(dana, { appId: accepting.app.id, companyId: alpen, userId: anna });
    expect(brokenReport.results.map((r) => [r.variant, r.outcome, r.passed])).toEqual([
      ['valid', 'accepted', true],
      ['wrong-hmac', 'accepted', false],
      ['swapped-company', 'accepted', false],
      ['missing-hmac', 'accepted', false],
    ]);
    expect(brokenReport.allPassed).toBe(false);
    expect(brokenReport.results[1].verdict).toBe('The app accepted a wrong hmac: it does not verify the signature.');
    // The checker's requests carried no cookies.
    expect(broken.requests.every((r) => r.headers.cookie === undefined)).toBe(true);
  });

  it('reports an app that does not answer as unreachable', async () => {
    const gone = platform.apps.create(OPERATOR, {
      companyId: alpen, name: 'Gone', redirectUris: ['http://127.0.0.1:9/cb'], scopes: ['orders'], authorizationUrl: null, startUrl: 'http://127.0.0.1:9/', developerEmail: '',
    });
    const dana = platform.localUsers.actorByEmail('dana@northwind-partners.example')!;
    const report = await platform.embeddedApps.check(dana, { appId: gone.app.id, companyId: alpen, userId: anna }, { timeoutMs: 2000 });
    expect(report.results.every((r) => r.outcome === 'unreachable' && r.passed === null && r.error !== null)).toBe(true);
  });
});

/** Walks the platform's sign-in and consent pages as Anna, approving for Alpenglück; returns the redirect back to the app. */
async function consent(authorizeUrl: string): Promise<string> {
  const client = new FormClient(server.url);
  const page = await signIn(client, authorizeUrl.slice(server.url.length), ANNA);
  const decided = await client.post('/oauth2/authorize/decision', { ...formFields(page.html, '/oauth2/authorize/decision'), company_id: String(alpen), decision: 'approve' });
  expect(decided.status).toBe(303);
  return decided.location!;
}

describe('the example app: OAuth, webhooks, refresh', () => {
  it('starts OAuth at its Authorization URL with state and PKCE, exchanges the code and registers its webhooks', async () => {
    const start = await fetch(`${app.url}/install`, { redirect: 'manual' });
    expect(start.status).toBe(302);
    const authorize = new URL(start.headers.get('location')!);
    expect(`${authorize.origin}${authorize.pathname}`).toBe(`${server.url}/oauth2/authorize`);
    expect(Object.fromEntries(authorize.searchParams)).toMatchObject({
      client_id: platform.apps.get(OPERATOR, appId).clientId,
      scope: EXAMPLE_APP_SCOPES,
      redirect_uri: app.urls.redirectUri,
      response_type: 'code',
      code_challenge_method: 'S256',
    });
    const back = await consent(authorize.toString());
    expect(back.startsWith(`${app.urls.redirectUri}?code=`)).toBe(true);
    const done = await fetch(back);
    expect(await done.text()).toContain('Connected');
    const connection = app.state.connection(alpen)!;
    expect(connection.userName).toBe(ANNA);
    expect(connection.webhooks.map((h) => h.topic).sort()).toEqual(['app/uninstalled', 'app/update', 'customer/create', 'order/create', 'product/create']);
    expect(connection.webhookProblems).toEqual([]);
  });

  it('shows a checkout of the company as a verified order/create on its page', async () => {
    const { companyId: _c, ...product } = parseInput(productCreateSchema, { companyId: alpen, kind: 'service', name: 'Example consultation', sku: 'EX-1', priceMinor: 2500 });
    const created = platform.catalog.createProduct(OPERATOR, alpen, { ...product, kind: product.kind });
    const { companyId: _d, ...checkout } = parseInput(checkoutSchema, { companyId: alpen, customer: { email: 'buyer@example.com', name: 'Buyer' }, lines: [{ productId: created.id, quantity: 1 }], note: '' });
    const order = platform.checkout.place(OPERATOR, alpen, checkout);
    const event = await until(() => app.state.events(alpen).find((e) => e.topic === 'order/create' && e.data.id === String(order.id)), 'order/create');
    expect(event).toMatchObject({ companyId: alpen, data: { type: 'order', id: String(order.id) }, hashValid: true, signatureValid: true });
    expect(event.webhookId).toMatch(/^msg_/);

    // The embedded page's own API shows it, with the session token the page got.
    const page = await (await fetch(platform.embeddedApps.sign(appId, anna, alpen).url)).text();
    const token = /name="session-token" content="([^"]+)"/.exec(page)![1];
    const status = await (await fetch(`${app.url}/api/status`, { headers: { authorization: `Bearer ${token}` } })).json();
    expect(status.connection).toMatchObject({ connected: true, userName: ANNA });
    expect(status.events.map((e: { topic: string }) => e.topic)).toContain('order/create');
    expect((await fetch(`${app.url}/api/status`)).status).toBe(401);
    expect((await fetch(`${app.url}/api/status`, { headers: { authorization: `Bearer ${token}x` } })).status).toBe(401);

    // Reading orders refreshes an expired access token (once) and stores the new refresh token.
    const before = app.state.connection(alpen)!;
    app.state.setConnection(alpen, { ...before, tokens: { ...before.tokens, expiresAt: 0 } });
    const orders = await (await fetch(`${app.url}/api/orders`, { headers: { authorization: `Bearer ${token}` } })).json();
    expect(orders.error).toBeUndefined();
    expect(orders.orders.map((o: { id: number }) => o.id)).toContain(order.id);
    const after = app.state.connection(alpen)!;
    expect(after.tokens.refreshToken).not.toBe(before.tokens.refreshToken);
    expect(after.tokens.expiresAt).toBeGreaterThan(Date.now());
  });

  it('refuses forged notifications: a wrong hash, a wrong signature, an old timestamp', async () => {
    const unsigned = JSON.stringify({ company_id: alpen, producer: 'shop', scope: 'order/create', data: { type: 'order', id: '999' } });
    const now = Math.floor(Date.now() / 1000);
    const post = (body: string, headers: Record<string, string>) => fetch(`${app.url}/webhooks`, { method: 'POST', headers, body });
    const good = buildWebhookRequest(secret, unsigned, 'msg_forged0001', now, 'test');
    const wrongSecret = buildWebhookRequest('not-the-secret', unsigned, 'msg_forged0002', now, 'test');
    expect((await post(wrongSecret.body, { ...wrongSecret.headers })).status).toBe(401);
    expect((await post(good.body.replace('"999"', '"998"'), { ...good.headers })).status).toBe(401);
    const old = buildWebhookRequest(secret, unsigned, 'msg_forged0003', now - 3600, 'test');
    expect((await post(old.body, { ...old.headers })).status).toBe(401);
    expect(app.state.events().some((e) => e.data.id === '999' || e.data.id === '998')).toBe(false);
    // The genuine one goes through once; its retry (same webhook-id) is not recorded twice.
    expect((await post(good.body, { ...good.headers })).status).toBe(200);
    expect((await post(good.body, { ...good.headers })).status).toBe(200);
    expect(app.state.events().filter((e) => e.webhookId === 'msg_forged0001')).toHaveLength(1);
  });

  it('receives app/uninstalled when the company revokes it, and forgets the company’s tokens', async () => {
    const authorization = platform.authorizations.findActive(appId, alpen)!;
    platform.authorizations.revoke(platform.localUsers.actorByEmail(ANNA)!, authorization.id);
    const event = await until(() => app.state.events(alpen).find((e) => e.topic === 'app/uninstalled'), 'app/uninstalled');
    expect(event).toMatchObject({ data: { type: 'app', id: String(appId) }, hashValid: true, signatureValid: true });
    expect(app.state.connection(alpen)).toBeNull();
  });

  it('finishes an install the platform started (the App Store: its own state, no PKCE)', async () => {
    const clientId = platform.apps.get(OPERATOR, appId).clientId;
    const storeAuthorize = `${server.url}/oauth2/authorize?${new URLSearchParams({ client_id: clientId, scope: EXAMPLE_APP_SCOPES, redirect_uri: app.urls.authorizationUrl, response_type: 'code', state: 'store-install-1' })}`;
    const back = await consent(storeAuthorize);
    expect(new URL(back).searchParams.get('state')).toBe('store-install-1');
    expect(await (await fetch(back)).text()).toContain('Connected');
    expect(app.state.connection(alpen)?.webhooks).toHaveLength(5);
    // A replayed callback (the same code) is refused with the platform's reason, and the app keeps what it had
    // (the platform revokes what the first use issued: that is its defence against stolen codes).
    const replay = await fetch(back);
    expect(replay.status).toBe(400);
    expect(await replay.text()).toContain('invalid_grant');
    expect(app.state.connection(alpen)).not.toBeNull();
  });
});
