// OAuth chaos (issue 19 item 7) through `partnerdeck oauth chaos` as a real process on the folder of a running
// platform: each action changes what the app experiences at once (401 expired, then a working refresh; every
// token revoked; a replayed rotated refresh token answered as a reuse), each is logged in the audit log and as
// a CHAOS row in the API request log, followed there by the app's failing requests.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WHOLE_LOG } from '../../src-main/core/devtools/api-log-service';
import { assertBuilt, runCliAsync } from '../helpers/cli';
import { api, refresh, startOAuthFixture, tokensFor, type OAuthFixture } from '../helpers/oauth';

let fixture: OAuthFixture;
let companyId: number;
beforeAll(async () => {
  assertBuilt();
  fixture = await startOAuthFixture({ realClock: true });
  companyId = fixture.companyOf('anna@alpenglueck.example');
});
afterAll(() => fixture?.close());

const chaos = (action: string) =>
  runCliAsync(['oauth', 'chaos', action, '--app', String(fixture.app.id), '--company', String(companyId), '--json', '--data-dir', fixture.platform.dir]);

describe('partnerdeck oauth chaos', () => {
  it('expire-access-token: the next call is 401 "expired", a refresh brings the app back', async () => {
    const tokens = await tokensFor(fixture);
    expect((await api(fixture, 'GET', '/admin/products.json', tokens.access)).status).toBe(200);
    const run = await chaos('expire-access-token');
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ action: 'expire-access-token', appId: fixture.app.id, companyId, families: 1 });
    const after = await api(fixture, 'GET', '/admin/products.json', tokens.access);
    expect(after.status).toBe(401);
    expect(after.headers.get('www-authenticate')).toMatch(/expired/);
    const refreshed = await refresh(fixture, tokens.refresh);
    expect(refreshed.status).toBe(200);
    expect((await api(fixture, 'GET', '/admin/products.json', refreshed.body.access_token as string)).status).toBe(200);

    // The API request log: the CHAOS row, then the app's 401.
    fixture.platform.apiLog.flush();
    const log = fixture.platform.apiLog.list(WHOLE_LOG, { appId: fixture.app.id, companyId: null, status: 'all', marked: false, beforeId: null, afterId: null, limit: 4 }).items.reverse();
    expect(log.map((e) => `${e.method} ${e.path} ${e.status}`)).toEqual([
      'CHAOS expire-access-token 200',
      'GET /admin/products.json 401',
      'POST /token 200',
      'GET /admin/products.json 200',
    ]);
    expect(log[0].notes[0]).toMatchObject({ kind: 'chaos', feature: 'expire_access_token' });
    expect(fixture.platform.repos.audit.listForCompany(companyId).some((e) => e.action === 'oauth.chaos.expire-access-token' && e.actor === 'cli')).toBe(true);
  });

  it('revoke-refresh-family: every token stops (401, then invalid_grant on refresh)', async () => {
    const tokens = await tokensFor(fixture);
    expect((await chaos('revoke-refresh-family')).status).toBe(0);
    expect((await api(fixture, 'GET', '/admin/products.json', tokens.access)).status).toBe(401);
    expect((await refresh(fixture, tokens.refresh)).body.error).toBe('invalid_grant');
  });

  it('replay-rotated-refresh-token: refused until a token was rotated, then answered as a reuse', async () => {
    const tokens = await tokensFor(fixture);
    const refused = await chaos('replay-rotated-refresh-token');
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toMatch(/has not refreshed its token .* yet: there is no rotated refresh token to replay/);
    const rotated = await refresh(fixture, tokens.refresh);
    expect(rotated.status).toBe(200);
    expect((await chaos('replay-rotated-refresh-token')).status).toBe(0);
    expect((await refresh(fixture, rotated.body.refresh_token as string)).body.error).toBe('invalid_grant');
    expect((await api(fixture, 'GET', '/admin/products.json', rotated.body.access_token as string)).status).toBe(401);
  });

  it('says so when the app holds no live tokens there', async () => {
    const run = await chaos('expire-access-token');
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/holds no live tokens for company/);
  });
});
