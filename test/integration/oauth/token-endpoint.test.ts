// The token endpoint's security properties, each on its own: single-use codes (reuse revokes what the first
// use issued), the 10-minute code lifetime, codes bound to client and redirect URI, PKCE S256, refresh-token
// rotation with family revocation on reuse, the grace window for a refresh repeated within seconds, client authentication
// (form body and HTTP Basic), no-store headers, token entropy and hashed storage.
import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { OPERATOR } from '../../../src-main/core/access';
import { cryptoIds } from '../../../src-main/core/ids';
import { OAUTH_LIFETIMES, openSuccessor, TOKEN_BYTES } from '../../../src-main/core/services/oauth-service';
import { hashPassword } from '../../../src-main/core/passwords';
import {
  ANNA,
  api,
  authorize,
  exchangeCode,
  postToken,
  REDIRECT_URI,
  refresh,
  oauthFixtureForFile,
  tokeninfo,
  tokensFor,
} from '../../helpers/oauth';

const fixture = oauthFixtureForFile();

const s256 = (verifier: string) => createHash('sha256').update(verifier).digest('base64url');

async function expectRevoked(access: string, refreshToken: string): Promise<void> {
  expect((await tokeninfo(fixture, access)).body).toEqual({ error: 'invalid access_token' });
  expect((await api(fixture, 'GET', '/admin/webhooks.json', access)).status).toBe(401);
  const again = await refresh(fixture, refreshToken);
  expect(again.status).toBe(400);
  expect(again.body.error).toBe('invalid_grant');
}

describe('authorization codes', () => {
  it('are single-use: a second exchange fails with invalid_grant and revokes the tokens the first one issued', async () => {
    const { code } = await authorize(fixture);
    const first = await exchangeCode(fixture, code!);
    expect(first.status).toBe(200);
    const second = await exchangeCode(fixture, code!);
    expect(second.status).toBe(400);
    expect(second.body).toEqual({ error: 'invalid_grant', error_description: 'code has already been used; the tokens issued for it are revoked' });
    await expectRevoked(first.body.access_token as string, first.body.refresh_token as string);
  });

  it('expire 10 minutes after they were issued (platform clock)', async () => {
    const a = await authorize(fixture);
    const b = await authorize(fixture);
    fixture.platform.clock.advance(600_000 - 1000);
    expect((await exchangeCode(fixture, a.code!)).status).toBe(200);
    fixture.platform.clock.advance(1000);
    const late = await exchangeCode(fixture, b.code!);
    expect(late.status).toBe(400);
    expect(late.body).toMatchObject({ error: 'invalid_grant', error_description: 'code has expired (codes are valid for 10 minutes)' });
  });

  it('are bound to the client and to the redirect URI', async () => {
    const other = fixture.platform.apps.create(OPERATOR, {
      companyId: fixture.companyOf('yuki@kawaii-stationery.example'), name: 'Other', redirectUris: [REDIRECT_URI], scopes: ['products'], authorizationUrl: null, startUrl: null, developerEmail: '',
    });
    const { code } = await authorize(fixture);
    const foreign = await exchangeCode(fixture, code!, { client_id: other.app.clientId, client_secret: other.clientSecret });
    expect(foreign.body).toMatchObject({ error: 'invalid_grant' });
    const wrongUri = await exchangeCode(fixture, code!, { redirect_uri: 'http://127.0.0.1:9/other' });
    expect(wrongUri.body).toMatchObject({ error: 'invalid_grant', error_description: 'redirect_uri must be identical to the one sent to /oauth2/authorize' });
    // A failed exchange spends the code: it cannot be retried.
    expect((await exchangeCode(fixture, code!)).body).toMatchObject({ error: 'invalid_grant' });
  });
});

describe('PKCE (S256)', () => {
  const verifier = randomBytes(32).toString('base64url');
  const pkce = { code_challenge: s256(verifier), code_challenge_method: 'S256' };

  it('the right verifier gets tokens', async () => {
    const { code } = await authorize(fixture, { extra: pkce });
    expect((await exchangeCode(fixture, code!, { code_verifier: verifier })).status).toBe(200);
  });

  it('a wrong or missing verifier is refused when a challenge was sent', async () => {
    const wrong = await authorize(fixture, { extra: pkce });
    expect((await exchangeCode(fixture, wrong.code!, { code_verifier: randomBytes(32).toString('base64url') })).body).toEqual({ error: 'invalid_grant', error_description: 'code_verifier does not match the code_challenge' });
    const missing = await authorize(fixture, { extra: pkce });
    expect((await exchangeCode(fixture, missing.code!)).body).toEqual({ error: 'invalid_grant', error_description: 'code_verifier is required: the authorization request sent a code_challenge' });
  });

  it('a verifier without a challenge is refused (no PKCE downgrade)', async () => {
    const { code } = await authorize(fixture);
    expect((await exchangeCode(fixture, code!, { code_verifier: verifier })).body).toEqual({
      error: 'invalid_grant',
      error_description: 'code_verifier was sent, but the authorization request had no code_challenge',
    });
  });
});

describe('refresh tokens', () => {
  it('rotate: each one works once, and reusing an old one revokes the whole family (newest tokens included)', async () => {
    const first = await tokensFor(fixture);
    const second = await refresh(fixture, first.refresh);
    expect(second.status).toBe(200);
    const third = await refresh(fixture, second.body.refresh_token as string);
    expect(third.status).toBe(200);
    expect((await tokeninfo(fixture, third.body.access_token as string)).status).toBe(200);

    const reuse = await refresh(fixture, first.refresh);
    expect(reuse.status).toBe(400);
    expect(reuse.body).toEqual({ error: 'invalid_grant', error_description: 'refresh_token has already been used; every token of this grant is revoked (authorize again)' });
    await expectRevoked(third.body.access_token as string, third.body.refresh_token as string);
    await expectRevoked(first.access, second.body.refresh_token as string);
  });

  it('two concurrent refreshes with one token get the same new pair, and the grant lives on (I5, RFC 9700 §4.14.2)', async () => {
    const { refresh: token } = await tokensFor(fixture);
    const replies = await Promise.all([refresh(fixture, token), refresh(fixture, token)]);
    expect(replies.map((r) => r.status)).toEqual([200, 200]);
    const [a, b] = replies.map((r) => r.body);
    expect(b.access_token).toBe(a.access_token);
    expect(b.refresh_token).toBe(a.refresh_token);
    expect(b.expires_in).toBe(a.expires_in);
    expect((await tokeninfo(fixture, a.access_token as string)).status).toBe(200);
    // The new refresh token is the grant's one live token: it rotates as usual.
    expect((await refresh(fixture, a.refresh_token as string)).status).toBe(200);
  });

  it('the grace window: a repeat within 10 s returns the same pair; after it, a reuse revokes the whole grant', async () => {
    const { refresh: token } = await tokensFor(fixture);
    const first = await refresh(fixture, token);
    fixture.platform.clock.advance(OAUTH_LIFETIMES.refreshGraceSeconds * 1000 - 1000);
    const repeat = await refresh(fixture, token);
    expect(repeat.status).toBe(200);
    expect(repeat.body.refresh_token).toBe(first.body.refresh_token);
    fixture.platform.clock.advance(2000);
    const late = await refresh(fixture, token);
    expect(late.body).toEqual({ error: 'invalid_grant', error_description: 'refresh_token has already been used; every token of this grant is revoked (authorize again)' });
    await expectRevoked(first.body.access_token as string, first.body.refresh_token as string);
  });

  it('no grace once the new refresh token was used, for another scope, or for another client', async () => {
    // Rotated on: the old token is a reuse even within the window.
    const rotated = await tokensFor(fixture);
    const next = await refresh(fixture, rotated.refresh);
    expect((await refresh(fixture, next.body.refresh_token as string)).status).toBe(200);
    expect((await refresh(fixture, rotated.refresh)).status).toBe(400);
    // Another scope: a reuse (the first answer's pair was for the granted scope).
    const narrowed = await tokensFor(fixture, { scope: 'products,orders' });
    expect((await refresh(fixture, narrowed.refresh)).status).toBe(200);
    expect((await refresh(fixture, narrowed.refresh, { scope: 'orders' })).status).toBe(400);
    // Another client presenting the token: refused as not its token, and the grant is untouched.
    const own = await tokensFor(fixture);
    const ok = await refresh(fixture, own.refresh);
    const developer = fixture.platform.repos.users.findByEmail('yuki@kawaii-stationery.example')!;
    const otherApp = fixture.platform.apps.create(OPERATOR, { companyId: developer.company_id, name: 'Other App', redirectUris: [REDIRECT_URI], scopes: ['products'], authorizationUrl: null, startUrl: null, developerEmail: '' });
    const stranger = await postToken(fixture, { grant_type: 'refresh_token', refresh_token: own.refresh, client_id: otherApp.app.clientId, client_secret: otherApp.clientSecret });
    expect(stranger.body).toMatchObject({ error: 'invalid_grant', error_description: 'refresh_token is invalid or was not issued to this client' });
    expect((await tokeninfo(fixture, ok.body.access_token as string)).status).toBe(200);
  });

  it('keeps only a sealed copy of the pair for the window, opened only with the old refresh token; swept afterwards', async () => {
    const { refresh: token } = await tokensFor(fixture);
    const first = await refresh(fixture, token);
    const row = fixture.platform.db.prepare('SELECT id, successor_sealed FROM oauth_tokens WHERE successor_sealed IS NOT NULL ORDER BY used_at DESC, id DESC LIMIT 1').get() as { id: number; successor_sealed: string };
    expect(row.successor_sealed).not.toContain(first.body.refresh_token as string);
    expect(openSuccessor('f'.repeat(32), row.id, row.successor_sealed)).toBeNull();
    expect(openSuccessor(token, row.id, row.successor_sealed)?.refreshToken).toBe(first.body.refresh_token);
    // Swept once the window is over (moving the clock sweeps at once, as the hourly sweep does otherwise).
    fixture.platform.clock.advance(OAUTH_LIFETIMES.refreshGraceSeconds * 1000 + 1);
    expect(fixture.platform.db.prepare('SELECT successor_sealed FROM oauth_tokens WHERE id = ?').pluck().get(row.id)).toBeNull();
    expect(fixture.platform.oauth.prune().successors).toBe(0);
  });

  it('may narrow the scope, never widen it', async () => {
    const { refresh: token } = await tokensFor(fixture, { scope: 'products,orders' });
    const wider = await refresh(fixture, token, { scope: 'products,orders,files' });
    expect(wider.body).toMatchObject({ error: 'invalid_scope' });
    const { refresh: token2 } = await tokensFor(fixture, { scope: 'products,orders' });
    const narrower = await refresh(fixture, token2, { scope: 'orders' });
    expect(narrower.body.scope).toBe('orders');
  });

  it('a refused scope does not spend the refresh token: the app retries with the same token', async () => {
    const { refresh: token } = await tokensFor(fixture, { scope: 'products' });
    const wider = await refresh(fixture, token, { scope: 'products,orders' });
    expect(wider.status).toBe(400);
    expect(wider.body).toEqual({ error: 'invalid_scope', error_description: 'scope may not include scopes that were not granted: orders' });
    const retry = await refresh(fixture, token);
    expect(retry.status).toBe(200);
    expect(retry.body.scope).toBe('products');
    // The grant is intact: the new pair works, and the spent token is now a reuse like any other.
    expect((await tokeninfo(fixture, retry.body.access_token as string)).status).toBe(200);
    expect((await refresh(fixture, retry.body.refresh_token as string)).status).toBe(200);
  });

  it('a refresh without scope gets the scope originally granted, also after a narrowed refresh (RFC 6749 §6)', async () => {
    const { refresh: token } = await tokensFor(fixture, { scope: 'products,orders,customers' });
    const narrowed = await refresh(fixture, token, { scope: 'orders' });
    expect(narrowed.body.scope).toBe('orders');
    const widenedBack = await refresh(fixture, narrowed.body.refresh_token as string);
    expect(widenedBack.status).toBe(200);
    expect(widenedBack.body.scope).toBe('products,orders,customers');
    const info = await tokeninfo(fixture, widenedBack.body.access_token as string);
    expect(info.body.scope).toBe('products,orders,customers');
  });
});

describe('client authentication', () => {
  it('accepts the secret in the form body and as HTTP Basic (form-urlencoded, RFC 6749 §2.3.1)', async () => {
    const { refresh: token } = await tokensFor(fixture);
    const basic = Buffer.from(`${encodeURIComponent(fixture.app.clientId)}:${encodeURIComponent(fixture.app.clientSecret)}`).toString('base64');
    const reply = await postToken(fixture, { grant_type: 'refresh_token', refresh_token: token }, { authorization: `Basic ${basic}` });
    expect(reply.status).toBe(200);
  });

  it('requires the secret on refresh too; a missing or wrong secret is 401 invalid_client with WWW-Authenticate', async () => {
    const { refresh: token } = await tokensFor(fixture);
    for (const fields of <Record<string, string>[]>[
      { grant_type: 'refresh_token', refresh_token: token, client_id: fixture.app.clientId },
      { grant_type: 'refresh_token', refresh_token: token, client_id: fixture.app.clientId, client_secret: 'wrong' },
      { grant_type: 'refresh_token', refresh_token: token, client_id: 'unknown', client_secret: fixture.app.clientSecret },
    ]) {
      const reply = await postToken(fixture, fields);
      expect(reply.status).toBe(401);
      expect(reply.body.error).toBe('invalid_client');
      expect(reply.headers.get('www-authenticate')).toMatch(/^Basic realm="partnerdeck"/);
      expect(reply.headers.get('cache-control')).toBe('no-store');
      expect(reply.headers.get('pragma')).toBe('no-cache');
    }
    // The refresh token was not spent by the failed attempts.
    expect((await refresh(fixture, token)).status).toBe(200);
  });

  it('refuses two authentication methods at once', async () => {
    const basic = Buffer.from(`${fixture.app.clientId}:${fixture.app.clientSecret}`).toString('base64');
    const reply = await postToken(fixture, { grant_type: 'refresh_token', refresh_token: 'x', client_secret: fixture.app.clientSecret }, { authorization: `Basic ${basic}` });
    expect(reply.status).toBe(400);
    expect(reply.body.error).toBe('invalid_request');
  });
});

describe('request shape', () => {
  it('answers RFC 6749 errors with no-store for bad requests', async () => {
    const cases: [Record<string, string>, string][] = [
      [{ client_id: fixture.app.clientId, client_secret: fixture.app.clientSecret }, 'invalid_request'],
      [{ grant_type: 'password', client_id: fixture.app.clientId, client_secret: fixture.app.clientSecret }, 'unsupported_grant_type'],
      [{ grant_type: 'authorization_code', client_id: fixture.app.clientId, client_secret: fixture.app.clientSecret }, 'invalid_request'],
      [{ grant_type: 'refresh_token', refresh_token: 'f'.repeat(32), client_id: fixture.app.clientId, client_secret: fixture.app.clientSecret }, 'invalid_grant'],
    ];
    for (const [fields, error] of cases) {
      const reply = await postToken(fixture, fields);
      expect(reply.status).toBe(400);
      expect(reply.body.error).toBe(error);
      expect(typeof reply.body.error_description).toBe('string');
      expect(reply.headers.get('cache-control')).toBe('no-store');
    }
    const json = await fetch(`${fixture.url}/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(json.status).toBe(400);
    expect(await json.json()).toMatchObject({ error: 'invalid_request' });
    expect((await fetch(`${fixture.url}/token`)).status).toBe(405);
  });

  it('a wrong method (405) and a body over the limit (413) are RFC 6749 JSON errors too, with no-store', async () => {
    for (const method of ['GET', 'PUT', 'DELETE']) {
      const res = await fetch(`${fixture.url}/token`, { method });
      expect(res.status).toBe(405);
      expect(res.headers.get('allow')).toBe('POST');
      expect(res.headers.get('cache-control')).toBe('no-store');
      const body = await res.json();
      expect(Object.keys(body)).toEqual(['error', 'error_description']);
      expect(body).toMatchObject({ error: 'invalid_request', error_description: `${method} is not allowed here; use POST` });
    }
    const huge = await postToken(fixture, { grant_type: 'refresh_token', refresh_token: 'f'.repeat(70 * 1024), client_id: fixture.app.clientId });
    expect(huge.status).toBe(413);
    expect(huge.body).toEqual({ error: 'invalid_request', error_description: 'The request body is larger than 65536 bytes.' });
    expect(huge.headers.get('cache-control')).toBe('no-store');
  });
});

describe('tokens', () => {
  it('a forged access token is refused: a real pair id with a wrong secret, a wrong shape', async () => {
    const { access } = await tokensFor(fixture);
    const [selector, secret] = access.split('.');
    const flipped = `${selector}.${secret.slice(0, -1)}${secret.endsWith('A') ? 'B' : 'A'}`;
    for (const forged of [flipped, `${(parseInt(selector, 36) + 1).toString(36)}.${secret}`, secret, `${selector}.`, `${selector}.${secret}x`]) {
      expect((await tokeninfo(fixture, forged)).body).toEqual({ error: 'invalid access_token' });
    }
    expect((await tokeninfo(fixture, access)).status).toBe(200);
  });

  it('carry at least 128 bits of entropy from the crypto source', () => {
    expect(TOKEN_BYTES.access * 8).toBeGreaterThanOrEqual(128);
    expect(TOKEN_BYTES.refresh * 8).toBeGreaterThanOrEqual(128);
    expect(TOKEN_BYTES.code * 8).toBeGreaterThanOrEqual(128);
    const seen = new Set(Array.from({ length: 1000 }, () => cryptoIds.hex(TOKEN_BYTES.refresh)));
    expect(seen.size).toBe(1000);
  });

  it('are stored only as SHA-256 hashes: no code or token appears anywhere in the database', async () => {
    const { code } = await authorize(fixture);
    const reply = await exchangeCode(fixture, code!);
    const secrets = [code!, reply.body.access_token as string, reply.body.refresh_token as string, fixture.app.clientSecret];
    const db = fixture.platform.db;
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
    for (const table of tables) {
      const dump = JSON.stringify(db.prepare(`SELECT * FROM "${table}"`).all());
      for (const secret of secrets) expect(dump.includes(secret), `${table} holds a secret`).toBe(false);
    }
    const hash = (t: string) => createHash('sha256').update(t).digest('hex');
    // The access token is "<pair id>.<secret>": the id selects the row, only the secret's hash is stored.
    const [selector, secret] = (reply.body.access_token as string).split('.');
    expect(db.prepare('SELECT access_hash FROM oauth_tokens WHERE id = ?').pluck().get(parseInt(selector, 36))).toBe(hash(secret));
    expect(db.prepare('SELECT COUNT(*) FROM oauth_tokens WHERE refresh_hash = ?').pluck().get(hash(reply.body.refresh_token as string))).toBe(1);
  });

  it('stop working when the authorization is revoked, or when the user who granted them is removed', async () => {
    const a = await tokensFor(fixture);
    const companyId = fixture.companyOf(ANNA);
    const [authorization] = fixture.platform.authorizations.listForCompany(OPERATOR, companyId);
    fixture.platform.authorizations.revoke(OPERATOR, authorization.id);
    await expectRevoked(a.access, a.refresh);

    const user = fixture.platform.users.create(OPERATOR, { companyId, email: 'temp@alpenglueck.example', name: 'Temp', password: 'temp-password', permissions: ['apps'], isAdmin: false, sendWelcomeEmail: false }, { passwordHash: await hashPassword('temp-password') });
    const b = await tokensFor(fixture, { email: user.email, password: 'temp-password' });
    expect((await tokeninfo(fixture, b.access)).status).toBe(200);
    fixture.platform.users.delete(OPERATOR, user.id);
    await expectRevoked(b.access, b.refresh);
  });
});
