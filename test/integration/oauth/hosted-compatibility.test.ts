// Hosted-compatibility mode (issue 19 item 6): every local-only convenience — HTTP Basic client authentication,
// PKCE, the refresh-token grace window, the Standard Webhooks headers — is served and marked in the API request
// log (with what the hosted platform would do) while the mode is off, and refused (or left out) while it is on.
// `partnerdeck serve --strict` turns it on for a real process.
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WHOLE_LOG } from '../../../src-main/core/devtools/api-log-service';
import type { ApiRequestEntry } from '../../../src-shared/api/devtools-types';
import { assertBuilt, runCliAsync, startCli, stop } from '../../helpers/cli';
import { authorize, authorizePath, exchangeCode, FormClient, postToken, refresh, oauthFixtureForFile, tokensFor } from '../../helpers/oauth';
import { tempDir } from '../../helpers/platform';

const fixture = oauthFixtureForFile();

const basic = () => ({ authorization: `Basic ${Buffer.from(`${fixture.app.clientId}:${fixture.app.clientSecret}`).toString('base64')}` });
const s256 = (verifier: string) => createHash('sha256').update(verifier).digest('base64url');

function lastEntry(): ApiRequestEntry {
  fixture.platform.apiLog.flush();
  return fixture.platform.apiLog.list(WHOLE_LOG, { appId: null, companyId: null, status: 'all', marked: false, beforeId: null, afterId: null, limit: 1 }).items[0];
}

describe('off (the default): served, and marked in the API request log', () => {
  it('HTTP Basic client authentication', async () => {
    const { refresh: token } = await tokensFor(fixture);
    const reply = await postToken(fixture, { grant_type: 'refresh_token', refresh_token: token }, basic());
    expect(reply.status).toBe(200);
    expect(lastEntry().notes).toEqual([{ kind: 'local_only', feature: 'http_basic_client_auth', detail: expect.stringContaining('401 invalid_client') }]);
  });

  it('PKCE', async () => {
    const verifier = randomBytes(32).toString('base64url');
    const { code } = await authorize(fixture, { extra: { code_challenge: s256(verifier), code_challenge_method: 'S256' } });
    expect((await exchangeCode(fixture, code!, { code_verifier: verifier })).status).toBe(200);
    expect(lastEntry().notes.map((n) => n.feature)).toEqual(['pkce']);
  });

  it('the refresh grace window (the same pair again within seconds)', async () => {
    const { refresh: token } = await tokensFor(fixture);
    const first = await refresh(fixture, token);
    const again = await refresh(fixture, token);
    expect(again.status).toBe(200);
    expect(again.body.refresh_token).toBe(first.body.refresh_token);
    expect(lastEntry().notes).toEqual([{ kind: 'local_only', feature: 'refresh_grace_window', detail: expect.stringContaining('invalid_grant') }]);
  });

  it('a request without conveniences carries no mark', async () => {
    const { refresh: token } = await tokensFor(fixture);
    expect((await refresh(fixture, token)).status).toBe(200);
    expect(lastEntry().notes).toEqual([]);
  });
});

describe('on: refused as the hosted platform would', () => {
  beforeAll(() => fixture.platform.compatibility.setStrict(true));
  afterAll(() => fixture.platform.compatibility.setStrict(false));

  it('HTTP Basic client authentication: 401 invalid_client, saying why', async () => {
    const { refresh: token } = await tokensFor(fixture);
    const reply = await postToken(fixture, { grant_type: 'refresh_token', refresh_token: token }, basic());
    expect(reply.status).toBe(401);
    expect(reply.body.error).toBe('invalid_client');
    expect(String(reply.body.error_description)).toMatch(/^hosted-compatibility mode: client credentials sent as HTTP Basic/);
    expect(lastEntry()).toMatchObject({ status: 401, errorCode: 'invalid_client', notes: [{ kind: 'refused_strict', feature: 'http_basic_client_auth' }] });
    // The same request with the secret in the form body (the hosted way) works.
    expect((await refresh(fixture, token)).status).toBe(200);
  });

  it('PKCE: the authorization request is sent back with invalid_request', async () => {
    const client = new FormClient(fixture.url);
    const page = await client.get(authorizePath(fixture, { extra: { code_challenge: s256(randomBytes(32).toString('base64url')), code_challenge_method: 'S256' } }));
    expect(page.status).toBe(302);
    const location = new URL(page.location!);
    expect(location.searchParams.get('error')).toBe('invalid_request');
    expect(location.searchParams.get('error_description')).toMatch(/hosted-compatibility mode: PKCE is local-only/);
  });

  it('the refresh grace window: a second use is a reuse at once (invalid_grant, the grant revoked)', async () => {
    const { refresh: token } = await tokensFor(fixture);
    const first = await refresh(fixture, token);
    expect(first.status).toBe(200);
    const again = await refresh(fixture, token);
    expect(again.status).toBe(400);
    expect(again.body.error).toBe('invalid_grant');
    expect((await refresh(fixture, first.body.refresh_token as string)).body.error).toBe('invalid_grant');
  });
});

describe('partnerdeck serve --strict (a real process)', () => {
  it('refuses HTTP Basic client authentication at /token', async () => {
    assertBuilt();
    const dir = tempDir('pd-strict-');
    const serve = await startCli(['serve', '--strict', '--json', '--seed', 'none', '--port', '0', '--data-dir', dir.path]);
    try {
      const reply = await fetch(`${serve.first.url}/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from('some-client:some-secret').toString('base64')}` },
        body: 'grant_type=refresh_token&refresh_token=x',
      });
      expect(reply.status).toBe(401);
      expect(((await reply.json()) as { error_description: string }).error_description).toMatch(/^hosted-compatibility mode/);
    } finally {
      expect(await stop(serve.child, 'SIGTERM')).toBe(0);
    }
    const tail = await runCliAsync(['logs', 'tail', '--once', '--json', '--data-dir', dir.path]);
    expect(tail.status).toBe(0);
    expect(JSON.parse(tail.stdout.trim())).toMatchObject({ method: 'POST', path: '/token', status: 401, errorCode: 'invalid_client', notes: [{ kind: 'refused_strict' }] });
    dir.remove();
  }, 60_000);
});
