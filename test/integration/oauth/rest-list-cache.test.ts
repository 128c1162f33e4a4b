// The /admin list answer cache (core/server/admin/list-cache.ts): a kept answer is served only while the database is
// unchanged, whoever changed it — a REST write, a console (service) write on the server's own connection, a second
// process — and what stays per request (the token's revocation and expiry, the user's permission) answers at once.
// ETag / If-None-Match: 304 while unchanged, the new answer after a write.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATOR } from '../../../src-main/core/access';
import { ANNA, api, startOAuthFixture, tokensFor, type Json, type OAuthFixture } from '../../helpers/oauth';

let fixture: OAuthFixture;
let token: string;
let alpen: number;

beforeAll(async () => {
  fixture = await startOAuthFixture();
  alpen = fixture.companyOf(ANNA);
  token = (await tokensFor(fixture, { scope: 'products,orders' })).access;
});
afterAll(() => fixture.close());

const list = async (query = '', as = token) => api(fixture, 'GET', `/admin/products.json${query}`, as);
const names = (reply: { body: Json }): string[] => reply.body.products.map((p: Json) => p.name);
const named = (name: string) => `?search=${encodeURIComponent(name)}`;

async function create(name: string): Promise<Json> {
  const reply = await api(fixture, 'POST', '/admin/products.json', token, { product: { kind: 'service', name, price_minor: 1200 } });
  expect(reply.status).toBe(201);
  return reply.body.product;
}

describe('the list answer cache', () => {
  it('shows a REST write at the next read', async () => {
    const before = await list(named('Cachetest rest'));
    expect(names(before)).toEqual([]);
    expect((await list(named('Cachetest rest'))).body).toEqual(before.body); // kept
    await create('Cachetest rest one');
    expect(names(await list(named('Cachetest rest')))).toEqual(['Cachetest rest one']);
  });

  it('shows a console write (the services on the server’s own connection) at the next read', async () => {
    const product = await create('Cachetest console');
    expect(names(await list(named('Cachetest console')))).toEqual(['Cachetest console']);
    fixture.platform.catalog.updateProduct(OPERATOR, alpen, product.id, { name: 'Cachetest console renamed' });
    expect(names(await list(named('Cachetest console')))).toEqual(['Cachetest console renamed']);
  });

  it('shows a write committed by another process at the next read', async () => {
    const product = await create('Cachetest other');
    expect(names(await list(named('Cachetest other')))).toEqual(['Cachetest other']);
    const file = join(fixture.platform.dataDir, 'partnerdeck.sqlite');
    const script = `const D = require('better-sqlite3'); const db = new D(process.argv[1]); db.pragma('busy_timeout = 5000');
      db.prepare('UPDATE products SET name = ? WHERE id = ?').run('Cachetest other process', Number(process.argv[2])); db.close();`;
    const run = spawnSync(process.execPath, ['-e', script, file, String(product.id)], { encoding: 'utf8', cwd: process.cwd() });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(names(await list(named('Cachetest other')))).toEqual(['Cachetest other process']);
  });

  it('answers 304 to the ETag it gave while nothing changed, and the new answer after a write', async () => {
    const first = await list(named('Cachetest etag'));
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
    expect(first.headers.get('cache-control')).toBe('private, no-cache');
    const again = await fetch(`${fixture.url}/admin/products.json${named('Cachetest etag')}`, { headers: { authorization: `Bearer ${token}`, 'if-none-match': `W/${etag}` } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect(again.headers.get('etag')).toBe(etag);
    await create('Cachetest etag one');
    const changed = await fetch(`${fixture.url}/admin/products.json${named('Cachetest etag')}`, { headers: { authorization: `Bearer ${token}`, 'if-none-match': etag } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
    expect((await changed.json()).products.map((p: Json) => p.name)).toEqual(['Cachetest etag one']);
  });

  it('keeps answers apart by query, page and token scope', async () => {
    await create('Cachetest keys a');
    await create('Cachetest keys b');
    const both = await list(`${named('Cachetest keys')}&sort=name`);
    expect(names(both)).toEqual(['Cachetest keys a', 'Cachetest keys b']);
    const paged = await list(`${named('Cachetest keys')}&sort=name&limit=1&page=2`);
    expect(names(paged)).toEqual(['Cachetest keys b']);
    expect(paged.headers.get('link')).toContain('rel="previous"');
    // Parameter order does not make another answer; the access_token parameter is not part of the key.
    const reordered = await api(fixture, 'GET', `/admin/products.json?sort=name&search=${encodeURIComponent('Cachetest keys')}&access_token=${token}`, null);
    expect(reordered.body).toEqual(both.body);
    const ordersOnly = (await tokensFor(fixture, { scope: 'orders' })).access;
    expect((await list(`${named('Cachetest keys')}&sort=name`, ordersOnly)).status).toBe(403);
  });

  it('refuses a revoked token at once, even for an answer it read a moment ago', async () => {
    const own = (await tokensFor(fixture, { scope: 'products' })).access;
    expect((await list('', own)).status).toBe(200);
    const [authorization] = fixture.platform.authorizations.listForCompany(OPERATOR, alpen);
    fixture.platform.authorizations.revoke(OPERATOR, authorization.id);
    expect((await list('', own)).status).toBe(401);
    token = (await tokensFor(fixture, { scope: 'products,orders' })).access;
  });

  it('refuses an expired token once the platform clock passes its expiry', async () => {
    const own = (await tokensFor(fixture, { scope: 'products' })).access;
    expect((await list('', own)).status).toBe(200);
    fixture.platform.clock.advance(31 * 60 * 1000);
    const reply = await list('', own);
    expect(reply.status).toBe(401);
    expect(reply.body.errors).toContain('expired');
    token = (await tokensFor(fixture, { scope: 'products,orders' })).access;
  });

  it('refuses a user whose products permission was taken away, at the next read', async () => {
    expect((await list()).status).toBe(200);
    const anna = fixture.platform.repos.users.findByEmail(ANNA)!;
    fixture.platform.repos.users.update(anna.id, { permissions: JSON.stringify(['orders']), is_admin: 0 });
    try {
      expect((await list()).status).toBe(403);
    } finally {
      fixture.platform.repos.users.update(anna.id, { permissions: anna.permissions, is_admin: anna.is_admin });
    }
    expect((await list()).status).toBe(200);
  });
});
