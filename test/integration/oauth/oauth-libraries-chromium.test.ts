// Two widely used OAuth client libraries (not code written here) run the full flow against the local
// platform, with the sign-in and consent pages driven in a real Chromium: simple-oauth2 (HTTP Basic client
// authentication, the default of most libraries) and openid-client (client_secret in the body, PKCE S256,
// state checked by the library). Then refresh with the libraries and REST calls with their tokens.
import * as oidc from 'openid-client';
import type { Page } from 'playwright';
import { AuthorizationCode } from 'simple-oauth2';
import { describe, expect, it } from 'vitest';
import { ANNA, DANA, tokeninfo } from '../../helpers/oauth';
import { approveInBrowser, oauthInChromiumForFile } from '../../helpers/oauth-browser';
import { OAUTH_LIFETIMES } from '../../../src-main/core/services/oauth-service';

const flow = oauthInChromiumForFile('127.0.0.1');

/** What a user does in the browser: sign in, optionally pick a company, approve. Returns the callback URL. */
function approve(page: Page, authorizeUrl: string, email: string, companyId?: number): Promise<URL> {
  return approveInBrowser(page, { authorizeUrl, redirectUri: flow.redirectUri, email, companyId });
}

async function get(path: string, token: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${flow.fixture.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, body: await res.json() };
}

describe('simple-oauth2 (HTTP Basic client authentication)', () => {
  it('authorization code, REST calls, refresh with rotation, and reuse detection', async () => {
    const { fixture, browser, redirectUri } = flow;
    const client = new AuthorizationCode({
      client: { id: fixture.app.clientId, secret: fixture.app.clientSecret },
      auth: { tokenHost: fixture.url, tokenPath: '/token', authorizePath: '/oauth2/authorize' },
      options: { scopeSeparator: ',' },
    });
    const state = 'simple-oauth2-state';
    const authorizeUrl = client.authorizeURL({ redirect_uri: redirectUri, scope: ['products', 'orders', 'webhooks'], state });
    const context = await browser.newContext();
    const callback = await approve(await context.newPage(), authorizeUrl, ANNA);
    await context.close();
    expect(callback.searchParams.get('state')).toBe(state);
    expect(callback.searchParams.get('company_id')).toBe(String(fixture.companyOf(ANNA)));

    const accessToken = await client.getToken({ code: callback.searchParams.get('code')!, redirect_uri: redirectUri });
    expect(accessToken.token).toMatchObject({ token_type: 'bearer', scope: 'products,orders,webhooks', userName: ANNA, expires_in: 1799 });
    expect(accessToken.expired()).toBe(false);
    const access = accessToken.token.access_token as string;

    const created = await fetch(`${fixture.url}/admin/webhooks.json`, {
      method: 'POST',
      headers: { authorization: `Bearer ${access}`, 'content-type': 'application/json' },
      body: JSON.stringify({ webhook: { topic: 'orders/create', address: 'https://app.example.com/hooks/orders', format: 'json' } }),
    });
    expect(created.status).toBe(201);
    expect((await get('/admin/webhooks.json', access)).body.webhooks).toHaveLength(1);
    expect((await get('/admin/companies.json', access)).status).toBe(403);

    const refreshed = await accessToken.refresh();
    expect(refreshed.token.refresh_token).not.toBe(accessToken.token.refresh_token);
    expect((await get('/admin/webhooks.json', refreshed.token.access_token as string)).status).toBe(200);
    expect((await tokeninfo(fixture, refreshed.token.access_token as string)).body).toMatchObject({ issued_to: fixture.app.clientId, user_id: ANNA });

    // Within seconds, refreshing the old token again gets the same pair (a retry); later it is reuse: refused,
    // and the whole family is revoked.
    expect((await accessToken.refresh()).token.refresh_token).toBe(refreshed.token.refresh_token);
    fixture.platform.clock.advance(OAUTH_LIFETIMES.refreshGraceSeconds * 1000 + 1000);
    await expect(accessToken.refresh()).rejects.toMatchObject({ output: { statusCode: 400 } });
    expect((await get('/admin/webhooks.json', refreshed.token.access_token as string)).status).toBe(401);
  });
});

describe('openid-client (client_secret in the body, PKCE S256)', () => {
  it("a partner's user grants for one of its clients; the library checks state and PKCE, refreshes, and calls the API", async () => {
    const { fixture, browser, redirectUri } = flow;
    const config = new oidc.Configuration(
      { issuer: fixture.url, authorization_endpoint: `${fixture.url}/oauth2/authorize`, token_endpoint: `${fixture.url}/token` },
      fixture.app.clientId,
      fixture.app.clientSecret,
    );
    oidc.allowInsecureRequests(config); // plain http on 127.0.0.1
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const authorizeUrl = oidc.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: 'companies,webhooks',
      state,
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
    });
    const client = fixture.companyOf('camille@cafe-lumiere.example');
    const context = await browser.newContext();
    const callback = await approve(await context.newPage(), authorizeUrl.href, DANA, client);
    await context.close();
    expect(callback.searchParams.get('company_id')).toBe(String(client));

    const tokens = await oidc.authorizationCodeGrant(config, callback, { pkceCodeVerifier: verifier, expectedState: state });
    expect(tokens.token_type).toBe('bearer');
    expect(tokens.expires_in).toBe(1799);
    expect(tokens.scope).toBe('companies,webhooks');

    const companies = await oidc.fetchProtectedResource(config, tokens.access_token, new URL(`${fixture.url}/admin/companies.json`), 'GET');
    expect(((await companies.json()) as { companies: { id: number }[] }).companies.map((c) => c.id)).toEqual([client]);

    const renewed = await oidc.refreshTokenGrant(config, tokens.refresh_token!);
    expect(renewed.refresh_token).toMatch(/^[0-9a-f]{32}$/);
    expect((await get('/admin/webhooks.json', renewed.access_token)).status).toBe(200);
    fixture.platform.clock.advance(OAUTH_LIFETIMES.refreshGraceSeconds * 1000 + 1000);
    await expect(oidc.refreshTokenGrant(config, tokens.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
  });
});
