// Browser mode's wrapper page for embedded apps (`/embed/<appId>?companyId=…`) over real loopback HTTP: only for
// the console's session, a CSP that frames exactly the app's origin, the sandboxed iframe with the signed Start
// URL, never cached or framed by others; refusals (not the company's app, the console's own origin) as pages.
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

const SECRET = 'launch-secret-for-embed-tests-0123456789';
const AUTH = { authorization: `Bearer ${SECRET}` };
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
  alpen = platform.repos.users.findByEmail('anna@alpenglueck.example')!.company_id;
  dana = platform.repos.users.findByEmail('dana@northwind-partners.example')!.id;
  const created = platform.apps.create(OPERATOR, {
    companyId: alpen, name: 'Shelf <Sync>', redirectUris: ['https://shelf.example/cb'], scopes: ['orders'], authorizationUrl: null, startUrl: 'https://shelf.example/app?x=1', developerEmail: '',
  });
  appId = created.app.id;
  secret = created.clientSecret;
  const service = createConsoleService({ platform, prefs: createMemoryPrefs(), host: 'browser' });
  host = await startBrowserHost({ console: service, rendererDir: renderer.path, port: 0, secret: SECRET });
});

afterAll(async () => {
  await host.close();
  platform.dispose();
  renderer.remove();
});

describe('the embedded-app wrapper page', () => {
  it('is only for the console session', async () => {
    const reply = await get(host.port, `/embed/${appId}?companyId=${alpen}`);
    expect(reply.status).toBe(401);
    expect(reply.body).not.toContain('shelf.example');
  });

  it('frames exactly the app origin, in a sandboxed iframe with the signed Start URL, never cached', async () => {
    const reply = await get(host.port, `/embed/${appId}?companyId=${alpen}`, AUTH);
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

  it('refuses an app that is not among the company\'s apps, and bad paths', async () => {
    const other = platform.repos.users.findByEmail('oliver@brightside-books.example')!.company_id;
    const notInstalled = await get(host.port, `/embed/${appId}?companyId=${other}`, AUTH);
    expect(notInstalled.status).toBe(404);
    expect(notInstalled.body).toContain('is not among the apps');
    expect(notInstalled.body).not.toContain('hmac=');
    expect((await get(host.port, `/embed/abc?companyId=${alpen}`, AUTH)).status).toBe(404);
    expect((await get(host.port, `/embed/${appId}`, AUTH)).status).toBe(404);
  });

  it("refuses an app whose Start URL is on the console's own origin (it could lift its sandbox)", async () => {
    const own = platform.apps.create(OPERATOR, {
      companyId: alpen, name: 'Same Origin', redirectUris: ['http://127.0.0.1:9/cb'], scopes: ['orders'], authorizationUrl: null, startUrl: `${host.origin}/evil`, developerEmail: '',
    });
    const reply = await get(host.port, `/embed/${own.app.id}?companyId=${alpen}`, AUTH);
    expect(reply.status).toBe(403);
    expect(reply.body).toContain('must not be on the console&#39;s own origin');
    expect(reply.body).not.toContain('<iframe');
  });
});
