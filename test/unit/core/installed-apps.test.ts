// Which apps a company has installed (the one question Manage Apps asks the App Store): until the App Store
// lands, the apps with an active authorization for the company — revoked ones and other companies' are not.
import { afterEach, describe, expect, it } from 'vitest';
import { OPERATOR } from '../../../src-main/core/access';
import { installedApps } from '../../../src-main/core/apps/installed-apps';
import { openTestPlatform } from '../../helpers/platform';

let platform: ReturnType<typeof openTestPlatform>;
afterEach(() => platform?.dispose());

describe('installedApps', () => {
  it('lists the apps authorized for the company with their grant, not revoked ones or other companies\'', () => {
    platform = openTestPlatform('demo');
    const alpen = platform.repos.users.findByEmail('anna@alpenglueck.example')!;
    const brightside = platform.repos.users.findByEmail('oliver@brightside-books.example')!.company_id;
    const kawaii = platform.repos.users.findByEmail('yuki@kawaii-stationery.example')!.company_id;
    const make = (name: string) =>
      platform.apps.create(OPERATOR, { companyId: kawaii, name, redirectUris: ['http://127.0.0.1:9/cb'], scopes: ['orders', 'webhooks'], authorizationUrl: null, startUrl: null, developerEmail: '' }).app.id;
    const kept = make('Kept');
    const revoked = make('Revoked');
    const elsewhere = make('Elsewhere');
    const now = platform.clock.now();
    const grant = (appId: number, companyId: number, scopes: string) =>
      platform.repos.authorizations.insert({
        app_id: appId, company_id: companyId, scopes, granted_by_user_id: alpen.id, granted_by: alpen.email, created_at: now, updated_at: now,
      });
    expect(installedApps(platform.repos, alpen.company_id)).toEqual([]);
    grant(kept, alpen.company_id, 'orders');
    const revokedId = grant(revoked, alpen.company_id, 'orders,webhooks');
    grant(elsewhere, brightside, 'orders');
    platform.repos.authorizations.revoke(revokedId, now, 'test');
    expect(installedApps(platform.repos, alpen.company_id)).toEqual([{ appId: kept, scopes: 'orders', source: 'authorized' }]);
  });
});
