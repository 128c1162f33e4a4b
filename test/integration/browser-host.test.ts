// The browser host over real loopback HTTP against a real SQLite file: the launch secret, Host and
// Origin checks, the CSRF header, typed errors and pushed events.
import { request } from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConsoleService } from '../../src-main/areas';
import { createMemoryPrefs } from '../../src-main/console/prefs';
import { startBrowserHost, type BrowserHost } from '../../src-main/host/browser-host';
import { openTestPlatform, tempDir } from '../helpers/platform';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function http(port: number, path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Reply> {
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

const SECRET = 'launch-secret-for-tests-0123456789abcdef';
let host: BrowserHost;
let platform: ReturnType<typeof openTestPlatform>;
const renderer = tempDir('pd-renderer-');

beforeAll(async () => {
  mkdirSync(renderer.path, { recursive: true });
  writeFileSync(join(renderer.path, 'index.html'), '<!doctype html><title>PartnerDeck</title>');
  writeFileSync(join(renderer.path, 'app.js'), 'console.log(1)');
  platform = openTestPlatform('demo');
  const service = createConsoleService({ platform, prefs: createMemoryPrefs(), host: 'browser' });
  host = await startBrowserHost({ console: service, rendererDir: renderer.path, port: 0, secret: SECRET });
});

afterAll(async () => {
  await host.close();
  platform.dispose();
  renderer.remove();
});

const api = (method: string, body: unknown, headers: Record<string, string> = {}) =>
  http(host.port, `/api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-partnerdeck-csrf': '1', authorization: `Bearer ${SECRET}`, ...headers },
    body: JSON.stringify(body),
  });

describe('browser host', () => {
  it('listens on 127.0.0.1 only and prints a console URL that carries the launch secret', () => {
    expect(host.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(host.consoleUrl).toBe(`${host.origin}/?launch=${SECRET}`);
  });

  it('trades the launch secret for an HttpOnly SameSite=Strict cookie and serves the console with a strict CSP', async () => {
    const wrong = await http(host.port, '/?launch=nope');
    expect(wrong.status).toBe(401);
    const launch = await http(host.port, `/?launch=${SECRET}`);
    expect(launch.status).toBe(303);
    expect(launch.headers.location).toBe('/');
    const cookie = String(launch.headers['set-cookie']);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    const page = await http(host.port, '/', { headers: { cookie: cookie.split(';')[0] } });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect((await http(host.port, '/')).status).toBe(401);
  });

  it('refuses unknown Host headers (DNS rebinding)', async () => {
    const reply = await http(host.port, '/api/session.get', { method: 'POST', headers: { host: `evil.example:${host.port}` } });
    expect(reply.status).toBe(421);
    expect((await http(host.port, '/app.js', { headers: { host: 'attacker.example' } })).status).toBe(421);
  });

  it('refuses calls without the secret, from a foreign Origin, or without the CSRF header', async () => {
    expect((await api('session.get', {}, { authorization: 'Bearer wrong' })).status).toBe(401);
    expect((await api('session.get', {}, { origin: 'https://evil.example' })).status).toBe(403);
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
    const notJson = await http(host.port, '/api/session.get', { method: 'POST', headers: { 'content-type': 'application/json', 'x-partnerdeck-csrf': '1', authorization: `Bearer ${SECRET}` }, body: '{' });
    expect(notJson.status).toBe(400);
  });

  it('pushes events over server-sent events', async () => {
    const received = new Promise<string>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: host.port, path: '/api/events', headers: { host: `127.0.0.1:${host.port}`, authorization: `Bearer ${SECRET}` } }, (res) => {
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
});
