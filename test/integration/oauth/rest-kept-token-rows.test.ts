// The REST token check (and /api/tokeninfo) keeps the rows it reads (the token pair with its family and authorization, the user, whether
// the user sees the company) while the database is unchanged (core/db/read-memo.ts, server/admin/rest-kit.ts). What
// must stay exact: the secret is compared at every request (a kept row is found by the token's public id), and a
// revocation, a user's change or a relation's end — by this process or another — answers at the very next request, on
// every REST route, not only the lists.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANNA, api, startOAuthFixture, tokeninfo, tokensFor, type Json, type OAuthFixture } from '../../helpers/oauth';

let fixture: OAuthFixture;
let productId: number;

beforeAll(async () => {
  fixture = await startOAuthFixture();
  const { access } = await tokensFor(fixture, { scope: 'products' });
  const created = await api(fixture, 'POST', '/admin/products.json', access, { product: { kind: 'service', name: 'Kept rows', price_minor: 900 } });
  expect(created.status).toBe(201);
  productId = created.body.product.id;
});
afterAll(() => fixture.close());

const one = (token: string | null) => api(fixture, 'GET', `/admin/products/${productId}.json`, token);

/** Runs SQL against the folder's file from another process. */
function otherProcess(sql: string, ...params: (string | number)[]): void {
  const file = join(fixture.platform.dataDir, 'partnerdeck.sqlite');
  const script = `const D = require('better-sqlite3'); const db = new D(process.argv[1]); db.pragma('busy_timeout = 5000');
    db.prepare(process.argv[2]).run(...JSON.parse(process.argv[3])); db.close();`;
  const run = spawnSync(process.execPath, ['-e', script, file, sql, JSON.stringify(params)], { encoding: 'utf8', cwd: process.cwd() });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
}

describe('kept token rows', () => {
  it('compares the secret at every request: a kept pair id with another secret is refused', async () => {
    const { access } = await tokensFor(fixture, { scope: 'products' });
    expect((await one(access)).status).toBe(200);
    expect((await one(access)).status).toBe(200); // the row is kept now
    const [id, secret] = access.split('.');
    const forged = `${id}.${secret[0] === 'A' ? 'B' : 'A'}${secret.slice(1)}`;
    const reply = await one(forged);
    expect(reply.status).toBe(401);
    expect((reply.body as Json).errors).toBe('invalid access token');
    expect((await one(access)).status).toBe(200);
  });

  it('refuses a token revoked by another process at the next request', async () => {
    const { access } = await tokensFor(fixture, { scope: 'products' });
    expect((await one(access)).status).toBe(200);
    expect((await one(access)).status).toBe(200);
    const tokenId = parseInt(access.split('.')[0], 36);
    otherProcess('UPDATE oauth_token_families SET revoked_at = 1 WHERE id = (SELECT family_id FROM oauth_tokens WHERE id = ?)', tokenId);
    expect((await one(access)).status).toBe(401);
  });

  it('refuses a token whose user moved to a company that does not see the token’s company (another process), at the next request', async () => {
    const { access } = await tokensFor(fixture, { scope: 'products' });
    expect((await one(access)).status).toBe(200);
    expect((await one(access)).status).toBe(200);
    const anna = fixture.platform.repos.users.findByEmail(ANNA)!;
    const own = anna.company_id;
    otherProcess('UPDATE users SET company_id = (SELECT min(id) FROM companies WHERE id <> ? AND id IS NOT (SELECT partner_id FROM companies WHERE id = ?)) WHERE id = ?', own, own, anna.id);
    try {
      expect((await one(access)).status).toBe(401);
    } finally {
      otherProcess('UPDATE users SET company_id = ? WHERE id = ?', own, anna.id);
    }
    expect((await one(access)).status).toBe(200);
  });

  it('tokeninfo: a forged secret on a kept pair id is invalid, and a revocation by another process shows at the next request', async () => {
    const { access } = await tokensFor(fixture, { scope: 'products' });
    expect((await tokeninfo(fixture, access)).status).toBe(200);
    expect((await tokeninfo(fixture, access)).status).toBe(200);
    const [id, secret] = access.split('.');
    expect(await tokeninfo(fixture, `${id}.${secret[0] === 'A' ? 'B' : 'A'}${secret.slice(1)}`)).toEqual({ status: 400, body: { error: 'invalid access_token' } });
    otherProcess('UPDATE oauth_token_families SET revoked_at = 1 WHERE id = (SELECT family_id FROM oauth_tokens WHERE id = ?)', parseInt(id, 36));
    expect(await tokeninfo(fixture, access)).toEqual({ status: 400, body: { error: 'invalid access_token' } });
  });
});
