// The platform's own server beyond loopback (`partnerdeck serve --host/--tls-cert/--tls-key/--trust-proxy`, issue 21
// item 2): a real HTTPS server with a certificate made here runs the OAuth flow with an https origin (the sign-in
// form's Origin check, the REST page links); behind a trusted proxy X-Forwarded-Proto/-For are believed (Link
// headers on the proxy's name, the client address in the API request log and in the sign-in throttle), and without
// --trust-proxy the same headers change nothing.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { OPERATOR } from '../../../../../src-main/core/access';
import { startPlatformServer, type PlatformServer } from '../../../../../src-main/core/server/platform-server';
import { OAUTH_SCOPES } from '../../../../../src-shared/domain/oauth-scopes';
import { ANNA, authorizePath, DEMO_PASSWORD, formFields, REDIRECT_URI, type OAuthFixture } from '../../../../helpers/oauth';
import { openTestPlatform, SCRYPT_TEST_TIMEOUT } from '../../../../helpers/platform';
import { selfSignedCertificate, sendText, type TextReply } from '../../../../helpers/tls';

type Reply = TextReply;

let tls: { cert: string; key: string };
beforeAll(async () => {
  tls = await selfSignedCertificate();
});

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function serverWith(network: { host: string; tls: { cert: string; key: string } | null; trustProxy: boolean }) {
  const platform = openTestPlatform('demo');
  const server: PlatformServer = await startPlatformServer(platform, { version: 'test', docsFile: null, network });
  cleanups.push(() => platform.dispose(), () => server.close());
  const developer = platform.repos.users.findByEmail('yuki@kawaii-stationery.example')!;
  const created = platform.apps.create(OPERATOR, {
    companyId: developer.company_id,
    name: 'Order Sync',
    redirectUris: [REDIRECT_URI],
    scopes: [...OAUTH_SCOPES],
    authorizationUrl: null,
    startUrl: null,
    developerEmail: 'dev@kawaii-stationery.example',
  });
  const app = { id: created.app.id, clientId: created.app.clientId, clientSecret: created.clientSecret };
  /** A request to the server's port, with any Host (node's http lets a test set it, as a proxy would). */
  const send = (method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<Reply> => sendText(new URL(path, server.url).href, method, headers, body, tls.cert);
  const companyOf = (email: string) => platform.repos.users.findByEmail(email)!.company_id;
  const fixture = { app } as OAuthFixture;
  const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
  const FORM = 'application/x-www-form-urlencoded';

  /** authorize -> sign in -> consent -> code -> token over the server, each form sent with `origin` and `headers`. */
  async function accessToken(origin: string, headers: Record<string, string> = {}): Promise<string> {
    const path = authorizePath(fixture);
    const login = await send('GET', path, headers);
    expect(login.status).toBe(200);
    const consent = await send('POST', '/oauth2/authorize/login', { ...headers, 'Content-Type': FORM, Origin: origin }, form({ ...formFields(login.body, '/oauth2/authorize/login'), email: ANNA, password: DEMO_PASSWORD }));
    expect(consent.status).toBe(200);
    const decided = await send('POST', '/oauth2/authorize/decision', { ...headers, 'Content-Type': FORM, Origin: origin }, form({ ...formFields(consent.body, '/oauth2/authorize/decision'), company_id: String(companyOf(ANNA)), decision: 'approve' }));
    expect(decided.status).toBe(303);
    const code = new URL(decided.headers.location!).searchParams.get('code')!;
    const token = await send('POST', '/token', { ...headers, 'Content-Type': FORM }, form({ grant_type: 'authorization_code', code, client_id: app.clientId, client_secret: app.clientSecret, redirect_uri: REDIRECT_URI }));
    expect(token.status).toBe(200);
    return JSON.parse(token.body).access_token as string;
  }

  /** The client addresses of the API request log, newest first. */
  const loggedAddresses = () => {
    platform.apiLog.flush();
    return platform.db.prepare<[], { path: string; client_address: string | null }>('SELECT path, client_address FROM api_requests ORDER BY id DESC').all();
  };
  return { platform, server, fixture, send, accessToken, loggedAddresses, form, FORM };
}

describe('the platform server over its own TLS (serve --tls-cert/--tls-key)', () => {
  it('answers https, signs in only from its https origin, and links REST pages on https', async () => {
    const t = await serverWith({ host: '127.0.0.1', tls, trustProxy: false });
    expect(t.server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(t.platform.publicUrl()).toBe(t.server.url);
    const health = await t.send('GET', '/health');
    expect(health.status).toBe(200);
    // A form from the plain-HTTP origin of the same host and port is another origin.
    const login = await t.send('GET', authorizePath(t.fixture));
    const foreign = await t.send('POST', '/oauth2/authorize/login', { 'Content-Type': t.FORM, Origin: t.server.url.replace('https:', 'http:') }, t.form({ ...formFields(login.body, '/oauth2/authorize/login'), email: ANNA, password: 'wrong' }));
    expect(foreign.status).toBe(403);
    const access = await t.accessToken(t.server.url);
    const page = await t.send('GET', '/admin/products.json?limit=1', { Authorization: `Bearer ${access}` });
    expect(page.status).toBe(200);
    expect(page.headers.link).toContain(`<${t.server.url}/admin/products.json?`);
    expect(t.loggedAddresses()[0]).toEqual({ path: '/admin/products.json?limit=1', client_address: '127.0.0.1' });
  }, SCRYPT_TEST_TIMEOUT);
});

describe('the platform server behind a reverse proxy', () => {
  const proxied = { Host: 'deck.example.com', 'X-Forwarded-Proto': 'https', 'X-Forwarded-For': '198.51.100.1, 203.0.113.7' };

  it('with --trust-proxy believes X-Forwarded-Proto/-For: links on the public https name, the address in the log', async () => {
    const t = await serverWith({ host: '127.0.0.1', tls: null, trustProxy: true });
    const access = await t.accessToken('https://deck.example.com', proxied);
    const page = await t.send('GET', '/admin/products.json?limit=1', { ...proxied, Authorization: `Bearer ${access}` });
    expect(page.status).toBe(200);
    expect(page.headers.link).toContain('<https://deck.example.com/admin/products.json?');
    // The last hop is the one the proxy added; the first was sent by the client and proves nothing.
    expect(t.loggedAddresses().map((r) => r.client_address)).toEqual(['203.0.113.7', '203.0.113.7']);
  }, SCRYPT_TEST_TIMEOUT);

  it('with --trust-proxy throttles sign-in per client address too: five wrong passwords lock the address for any email', async () => {
    const t = await serverWith({ host: '127.0.0.1', tls: null, trustProxy: true });
    const login = await t.send('GET', authorizePath(t.fixture), proxied);
    const fields = formFields(login.body, '/oauth2/authorize/login');
    const attempt = (email: string, password: string, from: string) =>
      t.send('POST', '/oauth2/authorize/login', { ...proxied, 'X-Forwarded-For': from, 'Content-Type': t.FORM, Origin: 'https://deck.example.com' }, t.form({ ...fields, email, password }));
    for (let i = 0; i < 5; i++) expect((await attempt(`guess${i}@example.com`, 'wrong', '203.0.113.9')).status).toBe(401);
    // Anna's right password from that address waits; from another address it works.
    expect((await attempt(ANNA, DEMO_PASSWORD, '203.0.113.9')).status).toBe(429);
    expect((await attempt(ANNA, DEMO_PASSWORD, '203.0.113.10')).status).toBe(200);
  }, SCRYPT_TEST_TIMEOUT);

  it('without --trust-proxy ignores the forwarded headers: a foreign Host is refused, links and the log stay 127.0.0.1', async () => {
    const t = await serverWith({ host: '127.0.0.1', tls: null, trustProxy: false });
    expect((await t.send('GET', '/health', proxied)).status).toBe(421);
    const own = { 'X-Forwarded-Proto': 'https', 'X-Forwarded-For': '203.0.113.7' };
    const access = await t.accessToken(t.server.url, own);
    const page = await t.send('GET', '/admin/products.json?limit=1', { ...own, Authorization: `Bearer ${access}` });
    expect(page.headers.link).toContain(`<${t.server.url}/admin/products.json?`);
    expect(t.server.url).toMatch(/^http:\/\/127\.0\.0\.1:/);
    expect(t.loggedAddresses().map((r) => r.client_address)).toEqual(['127.0.0.1', '127.0.0.1']);
    // The sign-in throttle is per email only here: five wrong passwords for five emails lock nobody else.
    const login = await t.send('GET', authorizePath(t.fixture), own);
    const fields = formFields(login.body, '/oauth2/authorize/login');
    const attempt = (email: string, password: string) => t.send('POST', '/oauth2/authorize/login', { ...own, 'Content-Type': t.FORM, Origin: t.server.url }, t.form({ ...fields, email, password }));
    for (let i = 0; i < 5; i++) expect((await attempt(`guess${i}@example.com`, 'wrong')).status).toBe(401);
    expect((await attempt(ANNA, DEMO_PASSWORD)).status).toBe(200);
  }, SCRYPT_TEST_TIMEOUT * 2);
});
