// The App Store through the console API: operator functions only for a user with the platform operator role
// (any other user is refused whatever it sends), My Apps only inside the shop the console acts as, installing for a
// partner's client as Self but never for another client while acting as one, and the pushed events.
import { afterEach, describe, expect, it } from 'vitest';
import type { PushedEvent } from '../../../../../src-shared/api/contract';
import { createConsoleService } from '../../../../../src-main/areas';
import { createMemoryPrefs } from '../../../../../src-main/console/prefs';
import { DEMO_OPERATOR_EMAIL } from '../../../../../src-main/core/seed/demo-seed';
import { openTestPlatform } from '../../../../helpers/platform';
import { rejection } from '../../../../helpers/shop';
import { idOfCompany } from '../../../../helpers/fixtures';

const open: { dispose(): void }[] = [];
afterEach(() => open.splice(0).forEach((p) => p.dispose()));

function setup() {
  const platform = openTestPlatform('demo');
  open.push(platform);
  const service = createConsoleService({ platform, prefs: createMemoryPrefs(), host: 'browser', platformUrl: 'http://127.0.0.1:4321' });
  const events: PushedEvent[] = [];
  service.onEvent((e) => events.push(e));
  const id = (name: string) => idOfCompany(platform, name);
  const userId = (email: string) => platform.repos.users.findByEmail(email)!.id;
  return { platform, service, events, id, userId };
}


const LISTING = {
  kind: 'app' as const,
  name: 'Console App',
  description: 'Made in the console.',
  priceMinor: 1500,
  redirectUris: ['https://console-app.example/callback'],
  scopes: ['orders' as const],
  authorizationUrl: 'https://console-app.example/callback',
  developerEmail: 'dev@console-app.example',
};

describe('the platform operator role', () => {
  it('refuses every operator method to users without the role; the demo operator runs them, labelled in the audit', async () => {
    const { platform, service, id, userId } = setup();
    const kawaii = id('Kawaii Stationery KK');
    await service.call('session.signIn', { userId: userId('yuki@kawaii-stationery.example') });
    const { app } = await service.call('myApps.create', { ...LISTING, companyId: kawaii });
    await service.call('myApps.requestApproval', { companyId: kawaii, appId: app.id });
    for (const [method, input] of [
      ['operator.apps', {}],
      ['operator.approve', { appId: app.id, visibility: 'beta' }],
      ['operator.reject', { appId: app.id, reason: 'no' }],
      ['operator.setVisibility', { appId: app.id, visibility: 'release' }],
    ] as const) {
      const error = await rejection(service.call(method, input));
      expect(error.code).toBe('forbidden');
      expect(error.details).toMatchObject({ reason: 'operator_role_required' });
    }
    expect(platform.repos.appStore.openRequest(app.id)).toBeDefined();
    expect(await service.call('operator.status', {})).toEqual({ isOperator: false, pendingRequests: 0 });
    expect((await service.call('session.get', {})).isOperator).toBe(false);

    const operatorUser = (await service.call('session.signInCandidates', {})).find((c) => c.isOperator)!;
    expect(operatorUser.email).toBe(DEMO_OPERATOR_EMAIL);
    expect((await service.call('session.signIn', { userId: operatorUser.userId })).isOperator).toBe(true);
    const pending = (await service.call('operator.status', {})).pendingRequests;
    expect(pending).toBeGreaterThanOrEqual(1);
    expect((await service.call('operator.apps', { filter: 'pending' })).map((a) => a.id)).toContain(app.id);
    expect((await service.call('operator.approve', { appId: app.id, visibility: 'beta' })).visibility).toBe('beta');
    expect((await service.call('operator.status', {})).pendingRequests).toBe(pending - 1);
    const audit = platform.db.prepare("SELECT actor FROM audit_log WHERE action = 'app.approved' ORDER BY id DESC LIMIT 1").pluck().get();
    expect(audit).toBe(`operator:${DEMO_OPERATOR_EMAIL}`);
  });

  it('an operator decision needs a reason to reject, named as a field', async () => {
    const { service, userId } = setup();
    await service.call('session.signIn', { userId: userId(DEMO_OPERATOR_EMAIL) });
    const error = await rejection(service.call('operator.reject', { appId: 1, reason: ' ' }));
    expect(error.fields).toEqual({ reason: ['is required: tell the developer what to change'] });
  });
});

describe('My Apps and the App Store in the console', () => {
  it('My Apps runs only inside the shop the console acts as', async () => {
    const { service, id } = setup();
    const kawaii = id('Kawaii Stationery KK');
    // Dana as Self (the partner) may not create products in a client's shop from there.
    expect((await rejection(service.call('myApps.create', { ...LISTING, companyId: kawaii }))).code).toBe('forbidden');
    expect((await rejection(service.call('myApps.list', { companyId: kawaii }))).code).toBe('forbidden');
    await service.call('session.switch', { companyId: kawaii });
    const created = await service.call('myApps.create', { ...LISTING, companyId: kawaii });
    expect(created.clientSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await service.call('myApps.list', { companyId: kawaii })).map((a) => a.id)).toContain(created.app.id);
    expect((await service.call('myApps.revealSecret', { companyId: kawaii, appId: created.app.id })).clientSecret).toBe(created.clientSecret);
  });

  it('as Self a partner installs for a client (the authorize URL points at the running platform); acting as one client, never for another', async () => {
    const { service, events, id } = setup();
    const kawaii = id('Kawaii Stationery KK');
    const alpen = id('Alpenglück Naturkosmetik GmbH');
    const bright = id('Brightside Books Ltd');
    await service.call('session.switch', { companyId: kawaii });
    const { app } = await service.call('myApps.create', { ...LISTING, companyId: kawaii });
    await service.call('session.switch', { companyId: null });
    const northwind = (await service.call('session.get', {})).home!.id;
    expect((await service.call('appStore.browse', { companyId: northwind })).map((l) => l.id)).toContain(app.id);

    const result = await service.call('appStore.install', { appId: app.id, companyId: alpen });
    expect(result.installed.charge).toBe('development');
    expect(result.authorizeUrl).toBe(`http://127.0.0.1:4321${result.authorizePath}`);
    expect(events.map((e) => e.name)).toContain('app.installed');
    expect((await service.call('appStore.installed', {})).map((a) => [a.appId, a.companyId])).toContainEqual([app.id, alpen]);

    await service.call('session.switch', { companyId: alpen });
    expect((await rejection(service.call('appStore.install', { appId: app.id, companyId: bright }))).code).toBe('not_found');
    expect((await rejection(service.call('appStore.uninstall', { appId: app.id, companyId: bright }))).code).toBe('not_found');
    expect((await rejection(service.call('appStore.browse', { companyId: northwind }))).code).toBe('forbidden');
    expect((await service.call('appStore.installed', {})).every((a) => a.companyId === alpen)).toBe(true);
    await service.call('appStore.uninstall', { appId: app.id, companyId: alpen });
    expect(events.map((e) => e.name)).toContain('app.uninstalled');
    expect(await service.call('appStore.installed', { companyId: alpen })).toEqual([]);
  });
});
