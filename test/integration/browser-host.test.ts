// The browser host over real loopback HTTP against a real SQLite file: one-time launch links traded for a
// header session (never a cookie), Host and Origin checks, the CSRF header, strict bodies, typed errors, pushed
// events and the server's limits.
import { request } from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConsoleService } from '../../src-main/areas';
import { createMemoryPrefs } from '../../src-main/console/prefs';
import { FIRST_PAGE_QUIET_MS, LAUNCH_TTL_MS, startBrowserHost, type BrowserHost } from '../../src-main/host/browser-host';
import { openTestPlatform, tempDir } from '../helpers/platform';
import { rawExchange } from '../helpers/raw-http';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function http(port: number, path: string, options: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: { host: `127.0.0.1:${port}`, ...options.headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    if (options.body) req.write(options.body);
    req.end();
  });
}

let SESSION: string;
const CONTROL = 'C'.repeat(43);
let host: BrowserHost;
let clock = Date.parse('2026-11-01T09:00:00Z');
let platform: ReturnType<typeof openTestPlatform>;
const renderer = tempDir('pd-renderer-');

beforeAll(async () => {
  mkdirSync(renderer.path, { recursive: true });
  writeFileSync(join(renderer.path, 'index.html'), '<!doctype html><title>PartnerDeck</title>');
  writeFileSync(join(renderer.path, 'app.js'), 'console.log(1)');
  platform = openTestPlatform('demo');
  const service = createConsoleService({ platform, prefs: createMemoryPrefs(), host: 'browser' });
  host = await startBrowserHost({ console: service, rendererDir: renderer.path, port: 0, now: () => clock, controlToken: CONTROL });
  SESSION = await launch(host.launchLink().url);
});

/** Trades a launch link's token for a session, as the console page does; returns the reply. */
function trade(url: string, headers: Record<string, string> = {}): Promise<Reply> {
  const token = new URL(url).hash.replace(/^#launch=/, '');
  return http(host.port, '/auth/launch', { method: 'POST', headers: { 'content-type': 'application/json', 'x-partnerdeck-csrf': '1', ...headers }, body: JSON.stringify({ launch: token }) });
}

async function launch(url: string): Promise<string> {
  const reply = await trade(url);
  expect(reply.status).toBe(200);
  return JSON.parse(reply.body).result.session as string;
}

afterAll(async () => {
  await host.close();
  platform.dispose();
  renderer.remove();
});

const api = (method: string, body: unknown, headers: Record<string, string> = {}) =>
  http(host.port, `/api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-partnerdeck-csrf': '1', authorization: `Bearer ${SESSION}`, ...headers },
    body: JSON.stringify(body),
  });

describe('browser host', () => {
  it('listens on 127.0.0.1 only; a launch link carries a one-time token in its fragment', () => {
    const link = host.launchLink();
    expect(host.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(link.url).toMatch(new RegExp(`^${host.origin}/#launch=[A-Za-z0-9_-]{43}$`));
    expect(link.url).not.toBe(host.launchLink().url);
  });

  it('trades a launch link once for a session that travels in a header; it never sets or reads a cookie', async () => {
    const link = host.launchLink();
    const first = await trade(link.url);
    expect(first.status).toBe(200);
    expect(first.headers['set-cookie']).toBeUndefined();
    expect(first.headers['cache-control']).toBe('no-store');
    const session = JSON.parse(first.body).result.session as string;
    expect(session).toMatch(/^[A-Za-z0-9_-]{43}$/);
    await expect(link.settled).resolves.toBe('used');
    // Once only.
    const again = await trade(link.url);
    expect(again.status).toBe(401);
    expect(JSON.parse(again.body)).toMatchObject({ ok: false, error: { code: 'unauthorized', message: expect.stringContaining('already used or has expired') } });
    // The trade brings the session's first answer along (session.get as Self), the same the page would ask for.
    const asked = await api('session.get', {}, { authorization: `Bearer ${session}` });
    expect(JSON.parse(first.body).result.info).toEqual(JSON.parse(asked.body).result);
    expect(JSON.parse(first.body).result.info).toMatchObject({ user: { id: expect.any(Number) }, isSelf: true });
    // The session works as a bearer token, and only so: not as a cookie, and the launch token is not a session.
    expect(asked.status).toBe(200);
    expect((await api('session.get', {}, { authorization: '', cookie: `pd_session=${session}; pd_session_${host.port}=${session}` })).status).toBe(401);
    expect((await api('session.get', {}, { authorization: `Bearer ${new URL(link.url).hash.slice(8)}` })).status).toBe(401);
    // The page is public (the same bundle for everybody), with the strict CSP; it gets nothing but its files.
    const page = await http(host.port, '/');
    expect(page.status).toBe(200);
    expect(page.headers['set-cookie']).toBeUndefined();
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
  });

  it("carries the first screen's answers in the trade, each exactly what the page's own call returns", async () => {
    const reply = JSON.parse((await trade(host.launchLink().url)).body).result as { session: string; first: { seq: number; replies: { method: string; input: unknown; reply: unknown }[] } };
    const { first } = reply;
    expect(first.seq).toEqual(expect.any(Number));
    // The overview's and the frame's calls (session.get is `info`), the sales headline for the platform's month,
    // the two lists that grow with the client count last (this console has few clients: both carried).
    const today = new Date(clock).toISOString().slice(0, 10);
    expect(first.replies.map((r) => r.method)).toEqual(['app.info', 'clock.get', 'session.signInCandidates', 'outbox.list', 'partnerRequests.list', 'sales.summary', 'session.switcher', 'companies.list']);
    expect(first.replies.find((r) => r.method === 'sales.summary')?.input).toEqual({ from: `${today.slice(0, 7)}-01`, to: today, includeDemo: false });
    for (const { method, input, reply: carried } of first.replies) {
      const asked = await api(method, input, { authorization: `Bearer ${reply.session}` });
      expect(asked.status).toBe(200);
      expect(carried, method).toEqual(JSON.parse(asked.body));
    }
    // A link that leads to a screen carries none (that screen asks for its own).
    const toScreen = JSON.parse((await trade(host.launchLink({ path: '/webhooks' }).url)).body).result;
    expect(toScreen.first).toBeUndefined();
  });

  it("the event stream opens with the count of changes pushed so far (a page's carried answers older than it are stale)", async () => {
    const opened = (): Promise<number> =>
      new Promise((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port: host.port, path: '/api/events', headers: { host: `127.0.0.1:${host.port}`, authorization: `Bearer ${SESSION}` } }, (res) => {
          res.once('data', (chunk: Buffer) => {
            resolve(Number(/^: connected seq=(\d+)\n\n/.exec(chunk.toString())?.[1]));
            req.destroy();
          });
        });
        req.on('error', (e) => (String(e).includes('socket hang up') ? undefined : reject(e)));
        req.end();
      });
    const before = await opened();
    const traded = JSON.parse((await trade(host.launchLink().url)).body).result.first.seq as number;
    expect(traded).toBe(before);
    await api('companies.create', { name: 'Counted GmbH', country: 'DE', attestNotAffiliated: true });
    expect(await opened()).toBeGreaterThan(traded);
  });

  it('a launch link may lead to a user and a screen (app dev): the console signs in as that user, the reply names the path', async () => {
    const candidates = JSON.parse((await api('session.signInCandidates', {})).body).result as { userId: number }[];
    const before = JSON.parse((await api('session.get', {})).body).result as { user: { id: number } };
    const other = candidates.find((c) => c.userId !== before.user.id)!;
    const reply = await trade(host.launchLink({ userId: other.userId, path: '/apps/3' }).url);
    expect(reply.status).toBe(200);
    const result = JSON.parse(reply.body).result as { session: string; path: string; info?: unknown };
    expect(result.path).toBe('/apps/3');
    // A link to a screen gets no session answer along: that screen may act as a company (the page asks).
    expect(result.info).toBeUndefined();
    const now = JSON.parse((await api('session.get', {}, { authorization: `Bearer ${result.session}` })).body).result as { user: { id: number } };
    expect(now.user.id).toBe(other.userId);
    await api('session.signIn', { userId: before.user.id });
    expect(() => host.launchLink({ path: '//elsewhere.example/' })).toThrow(/path must be a console screen path/);
  });

  it('hands a launch link to another process of this user only with the control token of console.json', async () => {
    const control = (token: string | null, body: unknown, headers: Record<string, string> = {}) =>
      http(host.port, '/control/launch-link', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-partnerdeck-csrf': '1', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
        body: JSON.stringify(body),
      });
    expect((await control(null, {})).status).toBe(401);
    expect((await control('D'.repeat(43), {})).status).toBe(401);
    expect((await control(SESSION, {})).status).toBe(401);
    expect((await control(CONTROL, {}, { 'x-partnerdeck-csrf': '' })).status).toBe(403);
    const bad = await control(CONTROL, { path: 'https://evil.example/' });
    expect(bad.status).toBe(422);
    expect(JSON.parse(bad.body).error.message).toMatch(/^path must be a console screen path/);
    const odd = await control(CONTROL, { colour: 'red' });
    expect(JSON.parse(odd.body).error.message).toMatch(/^colour is not a launch link field/);
    const ok = await control(CONTROL, { path: '/api-requests' });
    expect(ok.status).toBe(200);
    const { url } = JSON.parse(ok.body).result as { url: string };
    expect(url).toMatch(new RegExp(`^${host.origin}/#launch=[A-Za-z0-9_-]{43}$`));
    expect(JSON.parse((await trade(url)).body).result.path).toBe('/api-requests');
  });

  it('a launch link expires after five minutes unused, and then trades for nothing', async () => {
    const link = host.launchLink();
    clock += LAUNCH_TTL_MS + 1;
    const late = await trade(link.url);
    expect(late.status).toBe(401);
  });

  it('trades a launch link only with the CSRF header and from its own origin', async () => {
    expect((await trade(host.launchLink().url, { 'x-partnerdeck-csrf': '' })).status).toBe(403);
    expect((await trade(host.launchLink().url, { origin: `http://127.0.0.1:${host.port + 1}` })).status).toBe(403);
    expect((await trade(host.launchLink().url, { origin: 'null' })).status).toBe(403);
    expect((await http(host.port, '/auth/launch')).status).toBe(405);
  });

  it('refuses unknown Host headers (DNS rebinding)', async () => {
    const reply = await http(host.port, '/api/session.get', { method: 'POST', headers: { host: `evil.example:${host.port}` } });
    expect(reply.status).toBe(421);
    expect((await http(host.port, '/app.js', { headers: { host: 'attacker.example' } })).status).toBe(421);
  });

  it('refuses calls without a session, from a foreign Origin (another loopback port too), or without the CSRF header', async () => {
    expect((await api('session.get', {}, { authorization: 'Bearer wrong' })).status).toBe(401);
    expect((await api('session.get', {}, { authorization: '' })).status).toBe(401);
    expect((await api('session.get', {}, { origin: 'https://evil.example' })).status).toBe(403);
    expect((await api('session.get', {}, { origin: `http://127.0.0.1:${host.port + 1}` })).status).toBe(403);
    expect((await api('session.get', {}, { origin: `http://localhost:${host.port + 1}` })).status).toBe(403);
    expect((await api('session.get', {}, { 'x-partnerdeck-csrf': '' })).status).toBe(403);
    expect((await api('session.get', {}, { origin: `http://localhost:${host.port}` })).status).toBe(200);
    expect((await http(host.port, '/api/session.get')).status).toBe(405);
  });

  it('answers with {ok, result} and typed errors naming the field; nothing is written on error', async () => {
    const ok = await api('session.get', {});
    expect(JSON.parse(ok.body)).toMatchObject({ ok: true, result: { isSelf: true } });
    expect(ok.headers['cache-control']).toBe('no-store');
    const before = platform.repos.companies.countAll();
    const bad = await api('companies.create', { name: 'X', country: 'DE', vatId: 'DE1', attestNotAffiliated: true });
    expect(bad.status).toBe(422);
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'validation_failed', details: { fields: { vatId: [expect.stringContaining('DE')] } } } });
    expect(platform.repos.companies.countAll()).toBe(before);
    expect((await api('nope.nothing', {})).status).toBe(404);
    const notJson = await http(host.port, '/api/session.get', { method: 'POST', headers: { 'content-type': 'application/json', 'x-partnerdeck-csrf': '1', authorization: `Bearer ${SESSION}` }, body: '{' });
    expect(notJson.status).toBe(400);
  });

  it("acts per call as the tab's company (X-PartnerDeck-Acting): refused when the user cannot see it, two tabs interleaved", async () => {
    const switcher = JSON.parse((await api('session.switcher', {})).body).result as Array<{ id: number; isSelf: boolean }>;
    const [a, b] = switcher.filter((e) => !e.isSelf).map((e) => e.id);
    const replies = await Promise.all([a, b, a, 'self', b].map((acting) => api('session.get', {}, { 'x-partnerdeck-acting': String(acting) })));
    expect(replies.map((r) => JSON.parse(r.body).result.isSelf ? 'self' : JSON.parse(r.body).result.acting.id)).toEqual([a, b, a, 'self', b]);
    // Store functions only inside the tab's own company.
    expect((await api('shop.getSettings', { companyId: a }, { 'x-partnerdeck-acting': String(a) })).status).toBe(200);
    expect((await api('shop.getSettings', { companyId: a }, { 'x-partnerdeck-acting': String(b) })).status).toBe(403);
    // A company this user cannot see (the operator's own, or one that does not exist) is refused.
    const foreign = platform.repos.companies.listAll().find((c) => !switcher.some((e) => e.id === c.id))!.id;
    for (const acting of [foreign, 987654]) {
      const refused = await api('session.get', {}, { 'x-partnerdeck-acting': String(acting) });
      expect(refused.status).toBe(404);
      expect(JSON.parse(refused.body)).toMatchObject({ ok: false, error: { code: 'not_found', details: { reason: 'acting_not_visible' } } });
    }
    for (const bad of ['0', '-1', 'x', '1.5', '']) {
      const refused = await api('session.get', {}, { 'x-partnerdeck-acting': bad });
      expect(refused.status).toBe(422);
      expect(JSON.parse(refused.body)).toMatchObject({ ok: false, error: { code: 'validation_failed', details: { fields: { acting: [expect.any(String)] } } } });
    }
    // No tab switched the session: a call without the header still acts as Self.
    expect(JSON.parse((await api('session.get', {})).body).result.isSelf).toBe(true);
  });

  it('pushes events over server-sent events', async () => {
    const received = new Promise<string>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: host.port, path: '/api/events', headers: { host: `127.0.0.1:${host.port}`, authorization: `Bearer ${SESSION}` } }, (res) => {
        expect(res.headers['content-type']).toContain('text/event-stream');
        let text = '';
        res.on('data', (chunk: Buffer) => {
          text += chunk.toString();
          if (text.includes('company.created')) {
            resolve(text);
            req.destroy();
          }
        });
        void api('companies.create', { name: 'Pushed GmbH', country: 'DE', attestNotAffiliated: true });
      });
      req.on('error', (e) => (String(e).includes('socket hang up') ? undefined : reject(e)));
      req.end();
    });
    const text = await received;
    const line = text.split('\n').find((l) => l.startsWith('data: ') && l.includes('company.created'))!;
    expect(JSON.parse(line.slice(6))).toMatchObject({ name: 'company.created', payload: { companyId: expect.any(Number) } });
  });

  it('never serves files outside the renderer folder', async () => {
    expect((await http(host.port, '/app.js')).status).toBe(200);
    expect((await http(host.port, '/../../etc/passwd')).status).toBe(404);
    expect((await http(host.port, '/%2e%2e/%2e%2e/etc/passwd')).status).toBe(404);
  });

  it('answers 400, not 500, for a path with malformed percent-encoding', async () => {
    const reply = await http(host.port, '/%E0%A4%A.js');
    expect(reply.status).toBe(400);
    expect(reply.body).toContain('malformed percent-encoding');
  });

  it('answers 413 with a typed error to a body over 1 MiB, and writes nothing', async () => {
    const before = platform.repos.companies.countAll();
    const reply = await api('companies.create', { name: 'x'.repeat(2 * 1024 * 1024), country: 'DE', attestNotAffiliated: true });
    expect(reply.status).toBe(413);
    expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'validation_failed', message: expect.stringContaining('larger than 1 MiB') } });
    expect(platform.repos.companies.countAll()).toBe(before);
  });

  it('pushes events only to a session: the stream without one is 401', async () => {
    expect((await http(host.port, '/api/events')).status).toBe(401);
    expect((await http(host.port, '/api/events', { headers: { cookie: `pd_session_${host.port}=${SESSION}` } })).status).toBe(401);
  });

  it('bodies: JSON exactly (not application/jsonp, not another charset), valid UTF-8 only (L9)', async () => {
    const raw = (type: string, body: string | Buffer) =>
      http(host.port, '/api/session.get', { method: 'POST', headers: { 'content-type': type, 'x-partnerdeck-csrf': '1', authorization: `Bearer ${SESSION}` }, body });
    expect((await raw('application/json', '{}')).status).toBe(200);
    expect((await raw('application/json; charset=utf-8', '{}')).status).toBe(200);
    expect((await raw('application/jsonp', '{}')).status).toBe(415);
    expect((await raw('application/json-seq', '{}')).status).toBe(415);
    expect((await raw('application/json; charset=latin1', '{}')).status).toBe(415);
    const before = platform.repos.companies.countAll();
    const invalid = await http(host.port, '/api/companies.create', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-partnerdeck-csrf': '1', authorization: `Bearer ${SESSION}` },
      body: Buffer.concat([Buffer.from('{"name":"Bad '), Buffer.from([0xc3, 0x28]), Buffer.from(' GmbH","country":"DE","attestNotAffiliated":true}')]),
    });
    expect(invalid.status).toBe(400);
    expect(JSON.parse(invalid.body)).toMatchObject({ ok: false, error: { code: 'validation_failed', message: expect.stringContaining('UTF-8') } });
    expect(platform.repos.companies.countAll()).toBe(before);
  });
});

describe('browser host: the saved theme in the page', () => {
  it("writes the profile's theme into the page at each request (no-store, with the CSP); other files unchanged", async () => {
    writeFileSync(join(renderer.path, 'index.html'), '<!doctype html><html lang="en"><title>PartnerDeck</title></html>');
    const prefs = createMemoryPrefs({ theme: 'dark' });
    const service = createConsoleService({ platform, prefs, host: 'browser' });
    const themed = await startBrowserHost({ console: service, rendererDir: renderer.path, port: 0, themeChoice: () => prefs.get('theme') });
    try {
      const page = await http(themed.port, '/');
      expect(page.body).toBe('<!doctype html><html data-theme-choice="dark" lang="en"><title>PartnerDeck</title></html>');
      expect(page.headers['cache-control']).toBe('no-store');
      expect(page.headers['content-security-policy']).toBeTruthy();
      prefs.set('theme', 'light');
      expect((await http(themed.port, '/index.html')).body).toContain('<html data-theme-choice="light" lang="en">');
    } finally {
      await themed.close();
      writeFileSync(join(renderer.path, 'index.html'), '<!doctype html><title>PartnerDeck</title>');
    }
  });
});

describe('browser host: the first page settling (the console starts its worker threads then)', () => {
  it('says so once, after a launch trade, when no call has been under way for FIRST_PAGE_QUIET_MS; never before a trade', async () => {
    const service = createConsoleService({ platform, prefs: createMemoryPrefs(), host: 'browser' });
    const settled: number[] = [];
    const watched = await startBrowserHost({ console: service, rendererDir: renderer.path, port: 0, onFirstPageSettled: () => settled.push(Date.now()) });
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    try {
      // Calls of an already opened tab do not count: only a launch starts the watch.
      expect(watched.launched()).toBe(false);
      await sleep(FIRST_PAGE_QUIET_MS + 100);
      expect(settled).toEqual([]);
      const token = new URL(watched.launchLink().url).hash.replace(/^#launch=/, '');
      const traded = await http(watched.port, '/auth/launch', { method: 'POST', headers: { 'content-type': 'application/json', 'x-partnerdeck-csrf': '1' }, body: JSON.stringify({ launch: token }) });
      const session = JSON.parse(traded.body).result.session as string;
      expect(watched.launched()).toBe(true);
      // The page's calls keep it waiting: each one re-arms the quiet period.
      const call = () =>
        http(watched.port, '/api/clock.get', { method: 'POST', headers: { 'content-type': 'application/json', 'x-partnerdeck-csrf': '1', authorization: `Bearer ${session}` }, body: '{}' });
      for (let i = 0; i < 3; i++) {
        await sleep(FIRST_PAGE_QUIET_MS / 2);
        expect((await call()).status).toBe(200);
      }
      const lastCall = Date.now();
      expect(settled).toEqual([]);
      await sleep(FIRST_PAGE_QUIET_MS + 200);
      expect(settled).toHaveLength(1);
      expect(settled[0]! - lastCall).toBeGreaterThanOrEqual(FIRST_PAGE_QUIET_MS - 20);
      // Once only.
      await call();
      await sleep(FIRST_PAGE_QUIET_MS + 100);
      expect(settled).toHaveLength(1);
    } finally {
      await watched.close();
    }
  });
});

describe('browser host limits (L10)', () => {
  it('refuses a declared body over the limit before reading it, and closes slow clients', async () => {
    const service = createConsoleService({ platform, prefs: createMemoryPrefs(), host: 'browser' });
    const limited = await startBrowserHost({ console: service, rendererDir: renderer.path, port: 0, limits: { headersTimeoutMs: 400, requestTimeoutMs: 800 } });
    try {
      const session = JSON.parse(
        (
          await http(limited.port, '/auth/launch', {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-partnerdeck-csrf': '1' },
            body: JSON.stringify({ launch: new URL(limited.launchLink().url).hash.slice(8) }),
          })
        ).body,
      ).result.session as string;
      // 64 MiB declared, not a byte sent: answered at once.
      const declared = await rawExchange(
        limited.port,
        `POST /api/session.get HTTP/1.1\r\nHost: 127.0.0.1:${limited.port}\r\nContent-Type: application/json\r\nX-PartnerDeck-CSRF: 1\r\nAuthorization: Bearer ${session}\r\nContent-Length: 67108864\r\n\r\n`,
        { stopAtClientError: true },
      );
      expect(declared.text).toMatch(/^HTTP\/1\.1 413 /);
      // Headers never finished: the connection is closed by the server.
      const slow = await rawExchange(limited.port, `GET / HTTP/1.1\r\nHost: 127.0.0.1:${limited.port}\r\nX-Slow: 1\r\n`, { stopAtClientError: true });
      expect(slow.closedByServer).toBe(true);
      expect(slow.ms).toBeLessThan(10_000);
    } finally {
      await limited.close();
      service.close();
    }
  });
});
