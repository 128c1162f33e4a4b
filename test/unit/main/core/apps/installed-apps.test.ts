// Which apps a company has installed (the one question Manage Apps asks): the App Store's installs of apps (not
// themes) and the apps with an active authorization for the company — revoked ones and other companies' are not.
import { afterEach, describe, expect, it } from 'vitest';
import { OPERATOR } from '../../../../../src-main/core/access';
import { installedApps } from '../../../../../src-main/core/apps/installed-apps';
import { openTestPlatform } from '../../../../helpers/platform';
import { companyOfUser } from '../../../../helpers/fixtures';

let platform: ReturnType<typeof openTestPlatform>;
afterEach(() => platform?.dispose());

describe('installedApps', () => {
  it('lists the apps authorized for the company with their grant, not revoked ones or other companies\'', () => {
    platform = openTestPlatform('demo');
    const alpen = platform.repos.users.findByEmail('anna@alpenglueck.example')!;
    const brightside = companyOfUser(platform, 'oliver@brightside-books.example');
    const kawaii = companyOfUser(platform, 'yuki@kawaii-stationery.example');
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

  it('lists the App Store installs of apps as installed, with the grant once consent is given, and leaves themes out', () => {
    platform = openTestPlatform('demo');
    const { db } = platform.ctx;
    const installsOf = (companyId: number) =>
      db.prepare<[number], { app_id: number; kind: string }>('SELECT i.app_id, a.kind FROM app_installs i JOIN apps a ON a.id = i.app_id WHERE i.company_id = ? AND i.uninstalled_at IS NULL').all(companyId);
    const installed = db.prepare<[], { company_id: number }>('SELECT company_id FROM app_installs WHERE uninstalled_at IS NULL LIMIT 1').get();
    expect(installed, 'the demo seeds a Beta install').toBeDefined();
    const companyId = installed!.company_id;
    const apps = installsOf(companyId).filter((row) => row.kind === 'app');
    expect(apps.length).toBeGreaterThan(0);
    const listed = installedApps(platform.repos, companyId);
    for (const row of apps) expect(listed).toContainEqual(expect.objectContaining({ appId: row.app_id, source: 'installed' }));
    for (const row of installsOf(companyId).filter((r) => r.kind === 'theme')) expect(listed.map((a) => a.appId)).not.toContain(row.app_id);
    // A store install and a consent for the same app are one entry, with the scopes the company granted; while
    // the company has not consented (or no longer does), the app's own permissions.
    const appId = apps[0]!.app_id;
    const app = platform.repos.apps.get(appId)!;
    const grant = platform.repos.authorizations.listActiveForCompanies([companyId]).find((g) => g.app_id === appId);
    expect(listed.filter((a) => a.appId === appId)).toEqual([{ appId, scopes: grant ? grant.scopes : app.scopes, source: 'installed' }]);
    if (grant) platform.repos.authorizations.revoke(grant.id, platform.clock.now(), 'test');
    expect(installedApps(platform.repos, companyId).filter((a) => a.appId === appId)).toEqual([{ appId, scopes: app.scopes, source: 'installed' }]);
  });
});
