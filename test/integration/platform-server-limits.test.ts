// Issue 16 L10 and L9 on the platform's own server (OAuth, /admin REST), as test/integration/browser-host.test.ts
// checks them on the browser host: headers within ~10 s and a request within ~30 s (shortened here), a cap on
// connections, a declared body over the limit refused before a byte of it is read; bodies must be valid UTF-8
// in exactly the expected media type, and text with control characters or lone surrogates is refused naming the
// field — nothing written in any of these cases.
import { createServer } from 'node:http';
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hardenServer, SERVER_LIMITS } from '../../src-main/core/server/loopback';
import { startPlatformServer, type PlatformServer } from '../../src-main/core/server/platform-server';
import { ANNA, api, startOAuthFixture, tokensFor, type OAuthFixture } from '../helpers/oauth';
import { rawExchange } from '../helpers/raw-http';

let fixture: OAuthFixture;
let limited: PlatformServer;
let access: string;
const LIMITS = { headersTimeoutMs: 500, requestTimeoutMs: 1_000, maxConnections: 4 };

beforeAll(async () => {
  fixture = await startOAuthFixture();
  ({ access } = await tokensFor(fixture, { email: ANNA, scope: 'products' }));
  // A second server on the same platform with short limits (the token works on both: same platform).
  limited = await startPlatformServer(fixture.platform, { version: 'test', docsFile: null, limits: LIMITS });
}, 60_000);

afterAll(async () => {
  await limited?.close();
  await fixture?.close();
});

const productCount = () => fixture.platform.db.prepare('SELECT count(*) FROM products').pluck().get() as number;

describe('platform server limits (L10)', () => {
  it('are ~10 s for the headers, ~30 s for a request and 256 connections by default', () => {
    expect(SERVER_LIMITS).toEqual({ headersTimeoutMs: 10_000, requestTimeoutMs: 30_000, maxConnections: 256 });
    const server = createServer();
    hardenServer(server);
    expect({ headers: server.headersTimeout, request: server.requestTimeout, connections: server.maxConnections }).toEqual({ headers: 10_000, request: 30_000, connections: 256 });
  });

  it('refuse a declared body over the limit before reading it (/token and /admin), and close the connection', async () => {
    const before = productCount();
    const port = limited.port;
    // 64 MiB declared, not a byte of it sent: answered at once.
    const token = await rawExchange(port, `POST /token HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 67108864\r\n\r\n`);
    expect(token.text).toMatch(/^HTTP\/1\.1 413 /);
    expect(token.text).toMatch(/connection: close/i);
    expect(token.closedByServer).toBe(true);
    const rest = await rawExchange(
      port,
      `POST /admin/products.json HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAuthorization: Bearer ${access}\r\nContent-Type: application/json\r\nContent-Length: 67108864\r\n\r\n{"product":`,
    );
    expect(rest.text).toMatch(/^HTTP\/1\.1 413 /);
    expect(rest.closedByServer).toBe(true);
    expect(rest.ms).toBeLessThan(LIMITS.requestTimeoutMs);
    expect(productCount()).toBe(before);
  });

  it('close a client whose headers never end, and one whose body never ends', async () => {
    const port = limited.port;
    const slowHeaders = await rawExchange(port, `GET /api/tokeninfo HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX-Slow: 1\r\n`);
    expect(slowHeaders.closedByServer).toBe(true);
    expect(slowHeaders.ms).toBeLessThan(8_000);
    const before = productCount();
    const slowBody = await rawExchange(
      port,
      `POST /admin/products.json HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAuthorization: Bearer ${access}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"product":`,
    );
    expect(slowBody.closedByServer).toBe(true);
    expect(slowBody.ms).toBeLessThan(8_000);
    expect(productCount()).toBe(before);
  });

  it('cap the open connections: one over the cap is closed at once, the server still answers after', async () => {
    const port = limited.port;
    const open: Socket[] = [];
    try {
      for (let i = 0; i < LIMITS.maxConnections; i++) {
        open.push(await new Promise<Socket>((resolve) => {
          const socket = connect(port, '127.0.0.1', () => resolve(socket));
        }));
      }
      // Let the server accept them all before the one over the cap.
      await new Promise((resolve) => setTimeout(resolve, 100));
      const over = await rawExchange(port, `GET /api/tokeninfo HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`, { waitMs: 5_000 });
      expect(over.closedByServer).toBe(true);
      expect(over.text).toBe('');
    } finally {
      for (const socket of open) socket.destroy();
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    const after = await fetch(`${limited.url}/api/tokeninfo`);
    expect(after.status).toBe(400);
  });
});

describe('platform server bodies (L9)', () => {
  const raw = (type: string, body: string | Buffer) =>
    fetch(`${fixture.url}/admin/products.json`, { method: 'POST', headers: { authorization: `Bearer ${access}`, 'content-type': type }, body: typeof body === 'string' ? body : new Uint8Array(body) });

  it('JSON exactly: not application/jsonp, not another charset; valid UTF-8 only (400 naming the body); nothing written', async () => {
    const before = productCount();
    const valid = JSON.stringify({ product: { kind: 'service', name: 'Exact', price_minor: 100 } });
    for (const type of ['application/jsonp', 'application/json-seq', 'text/json', 'application/json; charset=latin1', 'application/x-www-form-urlencoded']) {
      const reply = await raw(type, valid);
      expect(reply.status, type).toBe(415);
      expect(await reply.json()).toEqual({ errors: expect.stringContaining('Content-Type: application/json') });
    }
    const invalid = await raw('application/json', Buffer.concat([Buffer.from('{"product":{"kind":"service","name":"Bad '), Buffer.from([0xc3, 0x28]), Buffer.from('","price_minor":100}}')]));
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toEqual({ errors: { body: ['is not valid UTF-8'] } });
    expect(productCount()).toBe(before);
    expect((await raw('application/json; charset=utf-8', valid)).status).toBe(201);
    expect(productCount()).toBe(before + 1);
  });

  it('text with NUL, an escape sequence, a bidi override or a lone surrogate is a 422 naming the field; nothing written', async () => {
    const before = productCount();
    for (const [name, words] of [
      ['Mug\u0000', 'control characters'],
      ['Mug \u001b[2J', 'control characters'],
      ['\u202egum', 'text-direction'],
      ['Mug \ud800', 'surrogate'],
    ] as const) {
      const reply = await api(fixture, 'POST', '/admin/products.json', access, { product: { kind: 'service', name, price_minor: 100 } });
      expect(reply.status, JSON.stringify(name)).toBe(422);
      expect(reply.body.errors.name.join(' ')).toContain(words);
    }
    expect(productCount()).toBe(before);
  });
});
