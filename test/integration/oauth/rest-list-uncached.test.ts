// The /admin lists read anew at every request (`serve --no-list-cache`; PostgreSQL has no cache either): a second
// platform server on the same platform with the list cache off answers what the cached one answers, each list request
// in one read transaction (core/db/transactions.ts `readTransaction`) — a write shows at the next read, a revoked token
// and a refused query answer as before, and nothing of a refused request stays open (the next write goes through).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATOR } from '../../../src-main/core/access';
import { startPlatformServer, type PlatformServer } from '../../../src-main/core/server/platform-server';
import { api, startOAuthFixture, tokensFor, type Json, type OAuthFixture } from '../../helpers/oauth';

let fixture: OAuthFixture;
let uncached: PlatformServer;
let token: string;

beforeAll(async () => {
  fixture = await startOAuthFixture();
  uncached = await startPlatformServer(fixture.platform, { version: 'test', docsFile: null, listCache: false });
  token = (await tokensFor(fixture, { scope: 'products' })).access;
});
afterAll(async () => {
  await uncached.close();
  await fixture.close();
});

const read = (path: string, as: string | null = token) => api({ ...fixture, url: uncached.url }, 'GET', path, as);

describe('lists read anew (no list cache)', () => {
  it('answer what the cached server answers, and show a write at the next read', async () => {
    const path = `/admin/products.json?search=${encodeURIComponent('Uncached')}`;
    expect((await read(path)).body).toEqual({ products: [] });
    const created = await api(fixture, 'POST', '/admin/products.json', token, { product: { kind: 'service', name: 'Uncached one', price_minor: 500 } });
    expect(created.status).toBe(201);
    const after = await read(path);
    expect(after.body.products.map((p: Json) => p.name)).toEqual(['Uncached one']);
    expect(after.body).toEqual((await api(fixture, 'GET', path, token)).body);
    expect(after.headers.get('etag')).toBe((await api(fixture, 'GET', path, token)).headers.get('etag'));
  });

  it('refuse a bad query and a revoked token, and leave no transaction open behind them', async () => {
    const bad = await read('/admin/products.json?limit=0');
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual({ limit: ['must be a whole number from 1 to 250'] });
    const own = (await tokensFor(fixture, { scope: 'products' })).access;
    expect((await read('/admin/products.json', own)).status).toBe(200);
    const alpen = fixture.companyOf('anna@alpenglueck.example');
    for (const authorization of fixture.platform.authorizations.listForCompany(OPERATOR, alpen)) fixture.platform.authorizations.revoke(OPERATOR, authorization.id);
    expect((await read('/admin/products.json', own)).status).toBe(401);
    expect(fixture.platform.db.inTransaction).toBe(false);
  });
});
