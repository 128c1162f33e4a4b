// Extensions / Manage Apps in the console service: which apps a company has (its own, authorized), the apps
// permission, acting as a client reaching that client only, the signed URL (UserID = the signed-in user's id),
// browser mode's wrapper path, the desktop app's native views (shown, moved, closed, and closed on a session
// change), and whom the embed checker may load an app as.
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { EmbedViewHost } from '../../../../../src-main/console/embed-view-host';
import { createConsoleService } from '../../../../../src-main/areas';
import { createMemoryPrefs } from '../../../../../src-main/console/prefs';
import { OPERATOR } from '../../../../../src-main/core/access';
import { embedHmac } from '../../../../../src-main/core/apps/embed-signing';
import type { EmbedBounds, EmbedTarget } from '../../../../../src-shared/api/embedded-app-types';
import { ApiError } from '../../../../../src-shared/api/errors';
import { openTestPlatform } from '../../../../helpers/platform';
import { actorOf, idOfCompany } from '../../../../helpers/fixtures';

const open: { dispose(): void }[] = [];
afterEach(() => open.splice(0).forEach((p) => p.dispose()));

function fakeViews() {
  const calls: string[] = [];
  const shown = new Map<string, { target: EmbedTarget; bounds: EmbedBounds | null }>();
  const host: EmbedViewHost = {
    show(slot, target, bounds) {
      calls.push(`show ${slot}`);
      shown.set(slot, { target, bounds });
    },
    setBounds(slot, bounds) {
      calls.push(`bounds ${slot}`);
      const entry = shown.get(slot);
      if (entry) entry.bounds = bounds;
      return entry !== undefined;
    },
    close(slot) {
      const slots = slot === null ? [...shown.keys()] : shown.has(slot) ? [slot] : [];
      for (const s of slots) shown.delete(s);
      calls.push(`close ${slot ?? 'all'}`);
      return slots.length;
    },
  };
  return { host, calls, shown };
}

function setup(host: 'browser' | 'electron' = 'browser') {
  const platform = openTestPlatform('demo');
  open.push(platform);
  const views = fakeViews();
  const service = createConsoleService({ platform, prefs: createMemoryPrefs(), host, platformUrl: null, embedViews: host === 'electron' ? views.host : undefined, embedReach: async () => ({ ok: true }) });
  const companyId = (name: string) => idOfCompany(platform, name);
  const userId = (email: string) => platform.repos.users.findByEmail(email)!.id;
  const alpen = companyId('Alpenglück');
  const brightside = companyId('Brightside');
  const harbor = companyId('Harbor');
  const createApp = (company: number, name: string, startUrl: string | null = 'http://127.0.0.1:3999/embedded?lang=de') =>
    platform.apps.create(OPERATOR, {
      companyId: company,
      name,
      redirectUris: ['http://127.0.0.1:3999/oauth/callback'],
      scopes: ['orders', 'webhooks'],
      authorizationUrl: null,
      startUrl,
      developerEmail: 'dev@example.com',
    });
  // Alpenglück's own app, and an app of Harbor (not a Northwind client) that Alpenglück authorized.
  const own = createApp(alpen, 'Alpen Tools');
  const thirdParty = createApp(harbor, 'Stock Sync', 'https://stock-sync.example/app');
  platform.ctx.transact((emit) => platform.authorizations.grant(emit, { appId: thirdParty.app.id, companyId: alpen, user: actorOf(platform, 'anna@alpenglueck.example'), scopes: ['orders'] }));
  return { platform, service, views, alpen, brightside, harbor, own, thirdParty, createApp, userId };
}

async function rejection(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

describe('Manage Apps', () => {
  it("lists a company's own apps and the apps it authorized, with their origin and what was granted", async () => {
    const { service, alpen, own, thirdParty, harbor } = setup();
    const apps = await service.call('embeddedApps.list', { companyId: alpen });
    expect(apps.map((a) => [a.name, a.access, a.scopes.join(','), a.startOrigin])).toEqual([
      ['Alpen Tools', 'own', 'orders,webhooks', 'http://127.0.0.1:3999'],
      ['Stock Sync', 'authorized', 'orders', 'https://stock-sync.example'],
    ]);
    expect(apps[0]).toMatchObject({ appId: own.app.id, developerCompanyName: 'Alpenglück Naturkosmetik GmbH', canCheck: true });
    // Dana (Northwind) does not see Harbor, so she cannot run the checker on Harbor's app.
    expect(apps[1]).toMatchObject({ appId: thirdParty.app.id, developerCompanyId: harbor, canCheck: false });
    expect(await service.call('embeddedApps.get', { appId: own.app.id, companyId: alpen })).toEqual(apps[0]);
  });

  it('needs the apps permission, and acting as a client reaches that client only', async () => {
    const { service, alpen, brightside, harbor, userId } = setup();
    expect((await rejection(service.call('embeddedApps.list', { companyId: harbor }))).code).toBe('not_found');
    await service.call('session.switch', { companyId: brightside });
    expect((await rejection(service.call('embeddedApps.list', { companyId: alpen }))).code).toBe('not_found');
    expect(await service.call('embeddedApps.list', { companyId: brightside })).toEqual([]);
    await service.call('session.signIn', { userId: userId('lukas@alpenglueck.example') });
    expect((await rejection(service.call('embeddedApps.list', { companyId: alpen }))).code).toBe('forbidden');
  });

  it("signs the Start URL for the signed-in user's numeric id and the company, keeping the Start URL's query", async () => {
    const { platform, service, alpen, own, userId } = setup();
    const dana = userId('dana@northwind-partners.example');
    const target = await service.call('embeddedApps.signedUrl', { appId: own.app.id, companyId: alpen });
    const hmac = embedHmac(own.clientSecret, dana, alpen);
    expect(target).toMatchObject({ appName: 'Alpen Tools', userId: dana, companyId: alpen, variant: 'valid', origin: 'http://127.0.0.1:3999' });
    expect(target.url).toBe(`http://127.0.0.1:3999/embedded?lang=de&UserID=${dana}&CompanyID=${alpen}&hmac=${hmac}`);
    // The same as the platform's own service says, and never the secret itself.
    expect(platform.embeddedApps.open(platform.localUsers.actorOf(dana)!, own.app.id, alpen).url).toBe(target.url);
    expect(JSON.stringify(await service.call('embeddedApps.list', { companyId: alpen }))).not.toContain(own.clientSecret);
  });

  it('refuses an app that is not embedded or not among the company’s apps', async () => {
    const { service, alpen, brightside, createApp, thirdParty } = setup();
    const plain = createApp(alpen, 'No UI', null);
    const noUi = await rejection(service.call('embeddedApps.open', { appId: plain.app.id, companyId: alpen, slot: 'main', bounds: null }));
    expect(noUi.code).toBe('conflict');
    expect(noUi.message).toContain('has no Start URL');
    expect((await rejection(service.call('embeddedApps.open', { appId: thirdParty.app.id, companyId: brightside, slot: 'main', bounds: null }))).code).toBe('not_found');
    expect((await rejection(service.call('embeddedApps.open', { appId: thirdParty.app.id, companyId: alpen, slot: 'Main!', bounds: null }))).code).toBe('validation_failed');
  });

  it('in a browser tab answers with the wrapper page to frame', async () => {
    const { service, alpen, own, userId } = setup('browser');
    expect(await service.call('embeddedApps.open', { appId: own.app.id, companyId: alpen, slot: 'main', bounds: null })).toEqual({
      mode: 'frame',
      src: `/embed/${own.app.id}?companyId=${alpen}`,
      origin: 'http://127.0.0.1:3999',
    });
    const dana = userId('dana@northwind-partners.example');
    const variant = await service.call('embeddedApps.open', { appId: own.app.id, companyId: alpen, slot: 'check-wrong-hmac', bounds: null, check: { userId: dana, variant: 'wrong-hmac' } });
    expect(variant).toMatchObject({ mode: 'frame', src: `/embed/${own.app.id}?companyId=${alpen}&userId=${dana}&variant=wrong-hmac` });
    expect(await service.call('embeddedApps.close', { slot: null })).toEqual({ closed: 0 });
  });

  it('in the desktop app shows, moves and closes native views, and closes them when the session changes', async () => {
    const { service, views, alpen, own, brightside } = setup('electron');
    const bounds = { x: 240, y: 120, width: 800, height: 500 };
    expect(await service.call('embeddedApps.open', { appId: own.app.id, companyId: alpen, slot: 'main', bounds })).toEqual({ mode: 'view', slot: 'main', origin: 'http://127.0.0.1:3999' });
    expect(views.shown.get('main')?.target.url).toContain(`CompanyID=${alpen}&hmac=`);
    expect(views.shown.get('main')?.bounds).toEqual(bounds);
    expect(await service.call('embeddedApps.setBounds', { slot: 'main', bounds: { ...bounds, y: 200 } })).toEqual({ shown: true });
    expect(await service.call('embeddedApps.setBounds', { slot: 'main', bounds: null })).toEqual({ shown: false });
    expect(await service.call('embeddedApps.setBounds', { slot: 'other', bounds })).toEqual({ shown: false });
    expect((await rejection(service.call('embeddedApps.setBounds', { slot: 'main', bounds: { ...bounds, width: -1 } }))).code).toBe('validation_failed');
    expect(await service.call('embeddedApps.close', { slot: 'main' })).toEqual({ closed: 1 });
    await service.call('embeddedApps.open', { appId: own.app.id, companyId: alpen, slot: 'main', bounds });
    await service.call('session.switch', { companyId: brightside });
    expect(views.shown.size).toBe(0);
    expect(views.calls).toContain('close all');
  });
});

describe('an app whose server cannot be reached', () => {
  it('gets the console\'s own frame: the Start URL, what was tried and why (never the browser\'s error page)', async () => {
    const platform = openTestPlatform('demo');
    open.push(platform);
    const views = fakeViews();
    // A port that was just listening and is now closed: connections are refused.
    const closed = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as AddressInfo;
        server.close(() => resolve(port));
      });
    });
    const service = createConsoleService({ platform, prefs: createMemoryPrefs(), host: 'electron', platformUrl: null, embedViews: views.host });
    const alpen = platform.db.prepare("SELECT id FROM companies WHERE name LIKE 'Alpenglück%'").pluck().get() as number;
    const app = platform.apps.create(OPERATOR, {
      companyId: alpen,
      name: 'Example App',
      redirectUris: [`http://127.0.0.1:${closed}/oauth/callback`],
      scopes: ['orders'],
      authorizationUrl: null,
      startUrl: `http://127.0.0.1:${closed}/app?lang=de`,
      developerEmail: 'dev@example.com',
    });
    const opened = await service.call('embeddedApps.open', { appId: app.app.id, companyId: alpen, slot: 'main', bounds: { x: 0, y: 0, width: 800, height: 600 } });
    expect(opened).toEqual({
      mode: 'unreachable',
      origin: `http://127.0.0.1:${closed}`,
      appName: 'Example App',
      startUrl: `http://127.0.0.1:${closed}/app`,
      tried: `Connecting to 127.0.0.1:${closed}`,
      reason: 'nothing is listening there (connection refused)',
      local: true,
    });
    // No native view was shown for it.
    expect(views.shown.size).toBe(0);
  });
});

describe('the embed checker', () => {
  it('loads the app as users and companies the signed-in user sees; acting as a client, that client only', async () => {
    const { service, alpen, brightside, own, userId } = setup();
    const asSelf = await service.call('embeddedApps.checkCandidates', {});
    expect(asSelf.companies.map((c) => c.name)).toContain('Alpenglück Naturkosmetik GmbH');
    expect(asSelf.companies.map((c) => c.name)).toContain('Northwind Commerce Partners GmbH');
    expect(asSelf.companies.map((c) => c.name)).not.toContain('Harbor Coffee Roasters Inc');
    expect(asSelf.users.map((u) => u.email)).toEqual(expect.arrayContaining(['anna@alpenglueck.example', 'dana@northwind-partners.example']));

    const anna = userId('anna@alpenglueck.example');
    const target = await service.call('embeddedApps.signedUrl', { appId: own.app.id, companyId: alpen, check: { userId: anna, variant: 'swapped-company', otherCompanyId: brightside } });
    expect(target).toMatchObject({ userId: anna, companyId: brightside, variant: 'swapped-company' });
    expect(target.url).toContain(`hmac=${embedHmac(own.clientSecret, anna, alpen)}`);

    await service.call('session.switch', { companyId: brightside });
    const asClient = await service.call('embeddedApps.checkCandidates', {});
    expect(asClient.companies.map((c) => c.id)).toEqual([brightside]);
    expect(new Set(asClient.users.map((u) => u.companyId))).toEqual(new Set([brightside, asSelf.users.find((u) => u.email === 'dana@northwind-partners.example')!.companyId]));
    // Brightside's own user is fine (the app is Alpenglück's, which the partner's user sees as the developer).
    const oliver = userId('oliver@brightside-books.example');
    const asOliver = await service.call('embeddedApps.signedUrl', { appId: own.app.id, companyId: brightside, check: { userId: oliver, variant: 'valid' } });
    expect(asOliver).toMatchObject({ userId: oliver, companyId: brightside });
    // A user of another client is refused by name.
    const wrongUser = await rejection(service.call('embeddedApps.check', { appId: own.app.id, companyId: brightside, userId: anna }));
    expect(wrongUser.fields).toEqual({ userId: [expect.stringContaining('must be you or a user of the company you act as')] });
  });

  it('refuses apps of companies the user does not see, and users they do not see', async () => {
    const { service, alpen, thirdParty, own, userId } = setup();
    const maya = userId('maya@harborcoffee.example');
    const dana = userId('dana@northwind-partners.example');
    expect((await rejection(service.call('embeddedApps.check', { appId: thirdParty.app.id, companyId: alpen, userId: dana }))).code).toBe('not_found');
    const hidden = await rejection(service.call('embeddedApps.signedUrl', { appId: own.app.id, companyId: alpen, check: { userId: maya, variant: 'valid' } }));
    expect(hidden.fields).toEqual({ userId: [`user ${maya} is not one you can see`] });
    const same = await rejection(service.call('embeddedApps.signedUrl', { appId: own.app.id, companyId: alpen, check: { userId: dana, variant: 'swapped-company', otherCompanyId: alpen } }));
    expect(same.fields).toEqual({ otherCompanyId: ['must differ from the company the app is loaded for'] });
  });
});
