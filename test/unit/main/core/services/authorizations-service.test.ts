// The authorizations service: a second grant widens the authorization, revoking ends it and its tokens.
import { describe, expect, it } from 'vitest';
import { OPERATOR } from '../../../../../src-main/core/access';
import { openPlatformForTest } from '../../../../helpers/platform';
import { actorOf, companyOfUser, errorOf } from '../../../../helpers/fixtures';

describe('authorizations service', () => {
  it('a second grant widens the same authorization; revoking needs the apps permission and ends it', () => {
    const platform = openPlatformForTest('demo');
    const as = (email: string) => actorOf(platform, email);
    const { app } = platform.apps.create(OPERATOR, { companyId: companyOfUser(platform, 'yuki@kawaii-stationery.example'), name: 'Unit App', redirectUris: ['https://app.example.com/cb'], scopes: ['products', 'webhooks'], authorizationUrl: null, startUrl: null, developerEmail: 'dev@example.com' });
    const anna = as('anna@alpenglueck.example');
    const company = companyOfUser(platform, 'anna@alpenglueck.example');
    const user = anna.kind === 'user' ? anna : null;
    const first = platform.ctx.transact((emit) => platform.authorizations.grant(emit, { appId: app.id, companyId: company, user, scopes: ['webhooks'] }));
    const second = platform.ctx.transact((emit) => platform.authorizations.grant(emit, { appId: app.id, companyId: company, user, scopes: ['products'] }));
    expect(second.id).toBe(first.id);
    expect(platform.authorizations.listForCompany(anna, company).map((a) => a.scopes)).toEqual([['products', 'webhooks']]);
    expect(errorOf(() => platform.authorizations.revoke(as('lukas@alpenglueck.example'), first.id)).code).toBe('forbidden');
    expect(errorOf(() => platform.authorizations.revoke(as('maya@harborcoffee.example'), first.id)).code).toBe('not_found');
    const events: [string, unknown][] = [];
    const off = platform.events.subscribe(({ name, payload }) => events.push([name, payload]));
    expect(platform.authorizations.revoke(anna, first.id).revokedAt).not.toBeNull();
    off();
    expect(events).toEqual([
      ['authorization.revoked', { authorizationId: first.id, appId: app.id, companyId: company }],
      ['app.uninstalled', { companyId: company, appId: app.id }],
    ]);
    expect(platform.authorizations.listForCompany(anna, company)).toEqual([]);
    expect(errorOf(() => platform.authorizations.revoke(anna, first.id)).code).toBe('conflict');
  });
});
