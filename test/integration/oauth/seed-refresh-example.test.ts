// Issue 23 row 1: an app written to the hosted help page's refresh example (grant_type, refresh_token and
// client_id only, in the URL) is refused as before — the secret stays required (RFC 6749 §6) — but the answer
// teaches what to change, and the refused attempt does not spend the refresh token.
import * as oidc from 'openid-client';
import { describe, expect, it } from 'vitest';
import { refresh, oauthFixtureForFile, tokensFor } from '../../helpers/oauth';

const fixture = oauthFixtureForFile();

async function post(path: string): Promise<{ status: number; body: Record<string, string>; cacheControl: string | null }> {
  const response = await fetch(`${fixture.url}${path}`, { method: 'POST' });
  return { status: response.status, body: (await response.json()) as Record<string, string>, cacheControl: response.headers.get('cache-control') };
}

describe("the hosted help page's refresh example", () => {
  it('as printed (the parameters in the path after /token/): 400 that names the form body and the missing secret; the token still works', async () => {
    const tokens = await tokensFor(fixture);
    const reply = await post(`/token/grant_type=refresh_token&refresh_token=${tokens.refresh}&client_id=${fixture.app.clientId}`);
    expect(reply.status).toBe(400);
    expect(reply.cacheControl).toBe('no-store');
    expect(reply.body.error).toBe('invalid_request');
    expect(reply.body.error_description).toContain('the token endpoint is /token itself');
    expect(reply.body.error_description).toContain('send grant_type, refresh_token, client_id in the request body as application/x-www-form-urlencoded');
    expect(reply.body.error_description).toContain('a refresh also needs client_secret beside client_id');
    expect((await refresh(fixture, tokens.refresh)).status).toBe(200);
  });

  it('as a query string: the same lesson; with client_secret in the URL only the body part is taught', async () => {
    const tokens = await tokensFor(fixture);
    const bare = await post(`/token?grant_type=refresh_token&refresh_token=${tokens.refresh}&client_id=${fixture.app.clientId}`);
    expect(bare.status).toBe(400);
    expect(bare.body.error_description).toMatch(/^send grant_type, refresh_token, client_id in the request body .*; a refresh also needs client_secret beside client_id/);
    const withSecret = await post(`/token?grant_type=refresh_token&refresh_token=${tokens.refresh}&client_id=${fixture.app.clientId}&client_secret=${fixture.app.clientSecret}`);
    expect(withSecret.status).toBe(400);
    expect(withSecret.body.error_description).not.toContain('also needs client_secret');
    expect((await refresh(fixture, tokens.refresh)).status).toBe(200);
  });

  it('through openid-client as a public client (client_id only, in the form body): 401 invalid_client saying the secret goes beside client_id', async () => {
    const tokens = await tokensFor(fixture);
    const endpoints = { issuer: fixture.url, authorization_endpoint: `${fixture.url}/oauth2/authorize`, token_endpoint: `${fixture.url}/token` };
    const publicClient = new oidc.Configuration(endpoints, fixture.app.clientId, undefined, oidc.None());
    oidc.allowInsecureRequests(publicClient);
    // openid-client throws its WWW-Authenticate challenge error for a 401; the answer's body is on the error.
    const failure = await oidc.refreshTokenGrant(publicClient, tokens.refresh).then(
      () => null,
      (error: unknown) => error as { status?: number; response?: Response },
    );
    expect(failure?.status).toBe(401);
    expect(await failure!.response!.json()).toEqual({
      error: 'invalid_client',
      error_description:
        'client_secret is required beside client_id for every grant, refresh_token included: send both in the form body, or as HTTP Basic credentials. See "Refresh" in the platform API guide.',
    });

    const confidential = new oidc.Configuration(endpoints, fixture.app.clientId, fixture.app.clientSecret);
    oidc.allowInsecureRequests(confidential);
    const renewed = await oidc.refreshTokenGrant(confidential, tokens.refresh);
    expect(renewed.refresh_token).toMatch(/^[0-9a-f]{32}$/);
  });
});
