// Browser mode's wrapper page for embedded apps (`/embed/<appId>?companyId=…&ticket=…`) over real loopback HTTP:
// only through a one-time ticket that the console session's `embeddedApps.open` hands out (a frame cannot send the
// session header, and no cookie exists), a CSP that frames exactly the app's origin, the sandboxed iframe with the
// signed Start URL, never cached or framed by others; refusals (not the company's app, the console's own origin).
import { request } from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConsoleService } from '../../src-main/areas';
import { createMemoryPrefs } from '../../src-main/console/prefs';
import { OPERATOR } from '../../src-main/core/access';
import { embedHmac } from '../../src-main/core/apps/embed-signing';
import { startBrowserHost, type BrowserHost } from '../../src-main/host/browser-host';
import { EMBED_SANDBOX } from '../../src-shared/api/embed-frame';
import { openTestPlatform, tempDir } from '../helpers/platform';
import { companyOfUser } from '../helpers/fixtures';

function get(port: number, path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end();
  });
}

let session: string;
let host: BrowserHost;
let platform: ReturnType<typeof openTestPlatform>;
const renderer = tempDir('pd-renderer-');
let alpen: number;
let appId: number;
let secret: string;
let dana: number;

beforeAll(async () => {
  mkdirSync(renderer.path, { recursive: true });
  writeFileSync(join(renderer.path, 'index.html'), '<!doctype html><title>PartnerDeck</title>');
  platform = openTestPlatform('demo');
  alpen = companyOfUser(platform, 'anna@alpenglueck.example');
  dana = platform.repos.users.findByEmail('dana@northwind-partners.example')!.id;
  const created = platform.apps.create(OPERATOR, {
    companyId: alpen, name: 'Shelf <Sync>', redirectUris: ['https://shelf.example/cb'], scopes: ['orders'], authorizationUrl: null, startUrl: 'https://shelf.example/app?x=1', developerEmail: '',
  });
  appId = created.app.id;
  secret = created.clientSecret;
  // The apps here are never served: what is tested is the wrapper page, so every app counts as reachable.
  const service = createConsoleService({ platform, prefs: createMemoryPrefs(), host: 'browser', embedReach: async () => ({ ok: true }) });
  host = await startBrowserHost({ console: service, rendererDir: renderer.path, port: 0 });
  const traded = await fetch(`${host.origin}/auth/launch`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-partnerdeck-csrf': '1' },
    body: JSON.stringify({ launch: new URL(host.launchLink().url).hash.slice('#launch='.length) }),
  });
  session = ((await traded.json()) as { result: { session: string } }).result.session;
});

/** What the console page does: `embeddedApps.open` over the API; returns the reply (its `src` carries the ticket). */
async function open(appId: number, companyId: number): Promise<{ status: number; body: { ok: boolean; result?: { mode: string; src: string }; error?: { code: string; message: string } } }> {
  const reply = await fetch(`${host.origin}/api/embeddedApps.open`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-partnerdeck-csrf': '1', authorization: `Bearer ${session}` },
    body: JSON.stringify({ appId, companyId, slot: 'main', bounds: null }),
  });
  return { status: reply.status, body: (await reply.json()) as never };
}

async function frameSrc(appId: number, companyId: number): Promise<string> {
  const opened = await open(appId, companyId);
  expect(opened.body.result?.mode).toBe('frame');
  return opened.body.result!.src;
}

afterAll(async () => {
  await host.close();
  platform.dispose();
  renderer.remove();
});

describe('the embedded-app wrapper page', () => {
  it('is only for a ticket from the console session: once, for that very page', async () => {
    const bare = await get(host.port, `/embed/${appId}?companyId=${alpen}`);
    expect(bare.status).toBe(401);
    expect(bare.body).not.toContain('shelf.example');
    // Not with the session itself (a frame cannot send it anyway), nor with a cookie.
    expect((await get(host.port, `/embed/${appId}?companyId=${alpen}`, { authorization: `Bearer ${session}`, cookie: `pd_session_${host.port}=${session}` })).status).toBe(401);
    const src = await frameSrc(appId, alpen);
    expect(src).toMatch(new RegExp(`^/embed/${appId}\\?companyId=${alpen}&ticket=[A-Za-z0-9_-]{43}$`));
    // A ticket opens only the page it was made for.
    const ticket = new URL(src, host.origin).searchParams.get('ticket');
    const elsewhere = await get(host.port, `/embed/${appId}?companyId=${alpen + 1}&ticket=${ticket}`);
    expect(elsewhere.status).toBe(401);
    // ... and was spent by that try: the right page with it is refused too.
    expect((await get(host.port, src)).status).toBe(401);
    const fresh = await frameSrc(appId, alpen);
    expect((await get(host.port, fresh)).status).toBe(200);
    const used = await get(host.port, fresh);
    expect(used.status).toBe(401);
    expect(used.body).toContain('Open the app again');
  });

  it('frames exactly the app origin, in a sandboxed iframe with the signed Start URL, never cached', async () => {
    const reply = await get(host.port, await frameSrc(appId, alpen));
    expect(reply.status).toBe(200);
    const csp = String(reply.headers['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain('frame-src https://shelf.example;');
    expect(csp).toContain("frame-ancestors 'self'");
    expect(csp).not.toContain('script-src');
    expect(reply.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(reply.headers['cache-control']).toBe('no-store');
    expect(reply.headers['referrer-policy']).toBe('no-referrer');
    expect(String(reply.headers['permissions-policy'])).toContain('camera=()');
    const hmac = embedHmac(secret, dana, alpen);
    expect(reply.body).toContain(`src="https://shelf.example/app?x=1&amp;UserID=${dana}&amp;CompanyID=${alpen}&amp;hmac=${hmac}"`);
    expect(reply.body).toContain(`sandbox="${EMBED_SANDBOX}"`);
    expect(EMBED_SANDBOX).not.toContain('allow-top-navigation');
    // The app name is escaped.
    expect(reply.body).toContain('Shelf &lt;Sync&gt;');
  });

  it('refuses an app that is not among the company\'s apps (at open: no ticket is made), and bad paths', async () => {
    const other = companyOfUser(platform, 'oliver@brightside-books.example');
    const notInstalled = await open(appId, other);
    expect(notInstalled.status).toBe(404);
    expect(notInstalled.body.error?.message).toContain('is not among the apps');
    expect(JSON.stringify(notInstalled.body)).not.toContain('ticket=');
    expect((await get(host.port, `/embed/abc?companyId=${alpen}`)).status).toBe(401);
  });

  it("refuses an app whose Start URL is on the console's own origin (it could lift its sandbox)", async () => {
    const own = platform.apps.create(OPERATOR, {
      companyId: alpen, name: 'Same Origin', redirectUris: ['http://127.0.0.1:9/cb'], scopes: ['orders'], authorizationUrl: null, startUrl: `${host.origin}/evil`, developerEmail: '',
    });
    const reply = await get(host.port, await frameSrc(own.app.id, alpen));
    expect(reply.status).toBe(403);
    expect(reply.body).toContain('must not be on the console&#39;s own origin');
    expect(reply.body).not.toContain('<iframe');
  });
});
