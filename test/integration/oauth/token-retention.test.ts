// What the OAuth server keeps and for how long (OAUTH_RETENTION, docs/platform-api.md "Lifetimes"): expired
// codes go a day after they expire, rotated refresh tokens 30 days after their use (until then reusing one
// revokes its family; afterwards it is merely unknown), revoked families with all their tokens 30 days after
// the revocation; the live pair of a family stays. Sweeps run on the platform clock: when tokens are issued
// (at most hourly) and when the clock is moved.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OPERATOR, userActor } from '../../../src-main/core/access';
import { REDIRECT_URI, refresh, startOAuthFixture, tokensFor, type OAuthFixture } from '../../helpers/oauth';
import { openTestPlatform } from '../../helpers/platform';
import { OAUTH_LIFETIMES } from '../../../src-main/core/services/oauth-service';

const DAY = 24 * 60 * 60 * 1000;
let fixture: OAuthFixture;
beforeEach(async () => {
  fixture = await startOAuthFixture();
});
afterEach(() => fixture.close());

const count = (table: string) => (fixture.platform.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('OAuth retention', () => {
  it('rotated tokens go 30 days after use, expired codes a day after expiry, revoked families 30 days after revocation', async () => {
    const first = await tokensFor(fixture);
    const second = (await refresh(fixture, first.refresh)).body.refresh_token as string;
    const current = (await refresh(fixture, second)).body.refresh_token as string;
    expect(count('oauth_tokens')).toBe(3);
    expect(count('oauth_codes')).toBe(1);

    // Another grant whose family is revoked by a reuse (at day 0).
    const other = await tokensFor(fixture, { scope: 'products' });
    await refresh(fixture, other.refresh);
    fixture.platform.clock.advance(OAUTH_LIFETIMES.refreshGraceSeconds * 1000 + 1000);
    expect((await refresh(fixture, other.refresh)).body.error).toBe('invalid_grant');
    expect(count('oauth_token_families')).toBe(2);

    // Day 29, through a token issue: the expired codes go; rotated tokens are still kept, so a reuse is caught.
    fixture.platform.clock.advance(29 * DAY);
    expect(count('oauth_codes')).toBe(0); // the clock move swept them
    const third = await tokensFor(fixture, { scope: 'orders' });
    expect(count('oauth_tokens')).toBe(3 + 2 + 1); // first family, the revoked one, the third

    // Day 31: the first family's rotated tokens and the revoked family go; live pairs stay.
    fixture.platform.clock.advance(2 * DAY);
    expect(count('oauth_token_families')).toBe(2);
    expect(count('oauth_tokens')).toBe(2);
    // The pruned refresh token is unknown now, not a reuse: the family lives on.
    expect((await refresh(fixture, first.refresh)).body).toMatchObject({ error: 'invalid_grant', error_description: 'refresh_token is invalid or was not issued to this client' });
    expect((await refresh(fixture, current)).status).toBe(200);
    expect((await refresh(fixture, third.refresh)).status).toBe(200);
  });

  it('issuing tokens sweeps, at most hourly on the platform clock, where no server timer or clock listener runs', () => {
    // The platform alone, as a CLI process has it: no token module.
    const platform = openTestPlatform('demo');
    try {
      const anna = platform.repos.users.findByEmail('anna@alpenglueck.example')!;
      const developer = platform.repos.users.findByEmail('yuki@kawaii-stationery.example')!;
      const created = platform.apps.create(OPERATOR, {
        companyId: developer.company_id, name: 'Sweeper', redirectUris: [REDIRECT_URI], scopes: ['products'], authorizationUrl: null, startUrl: null, developerEmail: '',
      });
      const app = platform.repos.apps.get(created.app.id)!;
      const authorization = platform.ctx.transact((emit) => platform.authorizations.grant(emit, { appId: app.id, companyId: anna.company_id, user: userActor(anna), scopes: ['products'] }));
      const request = { app, authorizationId: authorization.id, companyId: anna.company_id, userId: anna.id, redirectUri: REDIRECT_URI, scopes: ['products' as const], codeChallenge: null };
      const issue = () => platform.oauth.exchangeCode(app, { code: platform.oauth.issueCode(request), redirectUri: REDIRECT_URI, codeVerifier: null });
      const codes = () => (platform.db.prepare('SELECT COUNT(*) AS n FROM oauth_codes').get() as { n: number }).n;

      issue(); // the first issue sweeps (nothing to sweep yet)
      platform.oauth.issueCode(request); // never exchanged
      expect(codes()).toBe(2);
      platform.clock.advance(2 * DAY); // nobody listens here
      expect(codes()).toBe(2);
      issue(); // more than an hour since the last sweep: both old codes go
      expect(codes()).toBe(1);
      // Make the remaining code long expired: the next sweep takes it, but not before an hour has passed.
      platform.db.prepare('UPDATE oauth_codes SET expires_at = ?').run(platform.clock.now() - 2 * DAY);
      platform.clock.advance(30 * 60 * 1000);
      issue(); // half an hour after the last sweep: none
      expect(codes()).toBe(2);
      platform.clock.advance(31 * 60 * 1000);
      issue(); // the backdated code goes; the two recent ones (expired minutes ago) stay for a day
      expect(codes()).toBe(2);
      expect((platform.db.prepare('SELECT COUNT(*) AS n FROM oauth_codes WHERE expires_at < ?').get(platform.clock.now() - DAY) as { n: number }).n).toBe(0);
    } finally {
      platform.dispose();
    }
  });
});
