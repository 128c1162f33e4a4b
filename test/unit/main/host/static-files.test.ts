// Browser mode's static files (issue 18 item 7): the compressed copy the browser accepts, else the file itself.
import { mkdirSync, writeFileSync } from 'node:fs';
import { request, createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptedEncodings, isContentHashed, pickEncodedFile, sendStaticFile } from '../../../../src-main/host/static-files';
import { tempDir } from '../../../helpers/platform';

const dir = tempDir('pd-static-');
const script = 'export const answer = 42;\n'.repeat(50);
let server: Server;
let port: number;

beforeAll(async () => {
  mkdirSync(join(dir.path, 'chunks'), { recursive: true });
  writeFileSync(join(dir.path, 'app.js'), script);
  writeFileSync(join(dir.path, 'app.js.br'), brotliCompressSync(script));
  writeFileSync(join(dir.path, 'app.js.gz'), gzipSync(script));
  writeFileSync(join(dir.path, 'only-gzip.css'), 'a{}');
  writeFileSync(join(dir.path, 'only-gzip.css.gz'), gzipSync('a{}'));
  writeFileSync(join(dir.path, 'logo.svg'), '<svg/>');
  writeFileSync(join(dir.path, 'logo.svg.br'), 'not served');
  server = createServer((req, res) => sendStaticFile(req, res, join(dir.path, req.url!.slice(1)), { caching: req.url!.startsWith('/chunks/') ? 'immutable' : 'revalidate' }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as { port: number }).port;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  dir.remove();
});

function get(path: string, headers: Record<string, string>, method = 'GET'): Promise<{ headers: Record<string, unknown>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('Accept-Encoding', () => {
  it('reads the encodings a browser accepts, with q-values and *', () => {
    expect([...acceptedEncodings('gzip, deflate, br, zstd')].sort()).toEqual(['br', 'gzip']);
    expect([...acceptedEncodings('gzip;q=0.5, br;q=0')]).toEqual(['gzip']);
    expect([...acceptedEncodings('*')].sort()).toEqual(['br', 'gzip']);
    expect([...acceptedEncodings('*;q=1, br;q=0')]).toEqual(['gzip']);
    expect([...acceptedEncodings('identity')]).toEqual([]);
    expect([...acceptedEncodings(undefined)]).toEqual([]);
    expect([...acceptedEncodings('BR')]).toEqual(['br']);
  });

  it('picks brotli, then gzip, then the file; only scripts and styles', () => {
    const app = join(dir.path, 'app.js');
    expect(pickEncodedFile(app, 'gzip, br')).toMatchObject({ path: `${app}.br`, encoding: 'br' });
    expect(pickEncodedFile(app, 'gzip')).toMatchObject({ path: `${app}.gz`, encoding: 'gzip' });
    expect(pickEncodedFile(app, '')).toMatchObject({ path: app, encoding: null, size: script.length });
    expect(pickEncodedFile(join(dir.path, 'only-gzip.css'), 'br, gzip')).toMatchObject({ encoding: 'gzip' });
    expect(pickEncodedFile(join(dir.path, 'logo.svg'), 'br')).toMatchObject({ encoding: null });
  });
});

describe('sendStaticFile', () => {
  it('sends the compressed copy with Content-Encoding, Vary and its length', async () => {
    const reply = await get('/app.js', { 'accept-encoding': 'gzip, deflate, br' });
    expect(reply.headers).toMatchObject({ 'content-encoding': 'br', vary: 'Accept-Encoding', 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-cache' });
    expect(Number(reply.headers['content-length'])).toBe(reply.body.length);
    expect(brotliDecompressSync(reply.body).toString()).toBe(script);
  });

  it('sends the file itself to a client that accepts no compression (still varying by encoding)', async () => {
    const reply = await get('/app.js', {});
    expect(reply.headers['content-encoding']).toBeUndefined();
    expect(reply.headers.vary).toBe('Accept-Encoding');
    expect(reply.body.toString()).toBe(script);
  });

  it('answers HEAD with the headers only', async () => {
    const reply = await get('/app.js', { 'accept-encoding': 'br' }, 'HEAD');
    expect(reply.headers['content-encoding']).toBe('br');
    expect(reply.body.length).toBe(0);
  });

  it('lets hash-named chunks be cached for good', async () => {
    writeFileSync(join(dir.path, 'chunks', 'screens-ABC.js'), 'x');
    const reply = await get('/chunks/screens-ABC.js', {});
    expect(reply.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('knows the names the build gives by content hash (and only those)', () => {
    for (const path of ['/app-HW3YZ3UU.js', '/app-4ZOT4DJZ.css', '/boot-5VYJS3UI.js', '/chunks/chunk-M7BUFCVS.js', '/chunks/screens-27MHPG7V.js']) expect(isContentHashed(path)).toBe(true);
    for (const path of ['/app.js', '/boot.js', '/index.html', '/app-HW3YZ3UU.js.map', '/chunks/chunk-M7BUFCVS.js.map', '/logo-ABCDEFGH.svg', '/app-abcdefgh.js', '/app-HW3YZ3U.js', '/x/app-HW3YZ3UU.js']) expect(isContentHashed(path)).toBe(false);
  });
});
