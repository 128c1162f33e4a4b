// A token acts as the user who granted it, so it reaches its company only while that user may see it. A
// partner's user can authorize apps for a client; when the partner relation ends, those authorizations are
// revoked (an uninstall each), the tokens the partner's users hold on the client stop, and the client's own
// authorizations and tokens keep working. The REST API also refuses a token whose user can no longer see its
// company however that came about.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OPERATOR } from '../../../src-main/core/access';
import { ANNA, api, DANA, refresh, startOAuthFixture, tokensFor, type OAuthFixture } from '../../helpers/oauth';

let fixture: OAuthFixture;
let alpen: number;
beforeEach(async () => {
  fixture = await startOAuthFixture();
  alpen = fixture.companyOf(ANNA);
});
afterEach(() => fixture.close());

const companyOf = (token: string) => api(fixture, 'GET', `/admin/companies/${alpen}.json`, token);

describe('tokens and the partner relation', () => {
  it("ending the relation revokes the apps the partner's users authorized for the client, and their tokens", async () => {
    const danas = await tokensFor(fixture, { email: DANA, companyId: alpen, scope: 'companies,webhooks' });
    expect((await companyOf(danas.access)).status).toBe(200);
    const authorization = fixture.platform.authorizations.findActive(fixture.app.id, alpen)!;
    expect(authorization.granted_by).toBe(DANA);
    const uninstalled: number[] = [];
    const off = fixture.platform.ctx.onEmitInTransaction((name, payload) => {
      if (name === 'app.uninstalled') uninstalled.push((payload as { companyId: number }).companyId);
    });

    fixture.platform.companies.endRelation(OPERATOR, alpen);
    off();

    expect(fixture.platform.authorizations.findActive(fixture.app.id, alpen)).toBeUndefined();
    expect(uninstalled).toEqual([alpen]);
    const reply = await companyOf(danas.access);
    expect(reply.status).toBe(401);
    expect((await refresh(fixture, danas.refresh)).body).toMatchObject({ error: 'invalid_grant' });
  });

  it("the client's own authorization stays; only the partner user's tokens under it stop", async () => {
    const danas = await tokensFor(fixture, { email: DANA, companyId: alpen, scope: 'companies' });
    // Anna consents after Dana: the authorization is now the client's own.
    const annas = await tokensFor(fixture, { scope: 'companies' });
    expect(fixture.platform.authorizations.findActive(fixture.app.id, alpen)!.granted_by).toBe(ANNA);

    fixture.platform.companies.endRelation(OPERATOR, alpen);

    expect(fixture.platform.authorizations.findActive(fixture.app.id, alpen)).toBeDefined();
    expect((await companyOf(annas.access)).status).toBe(200);
    expect((await companyOf(danas.access)).status).toBe(401);
    expect((await refresh(fixture, danas.refresh)).body).toMatchObject({ error: 'invalid_grant' });
    expect((await refresh(fixture, annas.refresh)).status).toBe(200);
  });

  it('the REST API refuses a token whose user can no longer see its company, whatever the cause', async () => {
    const danas = await tokensFor(fixture, { email: DANA, companyId: alpen, scope: 'companies' });
    // The relation ends behind the services' back (an old data folder, a direct edit): no revocation ran.
    fixture.platform.db.prepare('UPDATE companies SET partner_id = NULL WHERE id = ?').run(alpen);
    const reply = await companyOf(danas.access);
    expect(reply.status).toBe(401);
    expect(reply.headers.get('www-authenticate')).toContain('error="invalid_token"');
    expect(JSON.stringify(reply.body)).toContain('can no longer access its company');
  });
});
