import { describe, expect, it } from 'vitest';
import { METHOD_NAMES } from '../../../../src-shared/api/contract';
import { ApiError } from '../../../../src-shared/api/errors';
import { SCRYPT_TEST_TIMEOUT } from '../../../helpers/platform';
import { rejection } from '../../../helpers/fixtures';
import { openConsoleForTest } from '../../../helpers/console-service';

const setup = (seed: 'demo' | 'none' = 'demo') => openConsoleForTest({ seed, platformUrl: 'http://127.0.0.1:1' });

describe('deleting a client from the console (issue 23 row 2)', () => {
  it('names why a client with orders cannot go; deletes a new one, pushes company.deleted, and a console acting as it is back on Self', async () => {
    const { service, events, id } = setup();
    expect((await service.call('companies.deletionCheck', { companyId: id('Brightside Books Ltd') })).reasons[0]).toMatch(/^it has [\d,]+ orders$/);
    const created = await service.call('companies.create', {
      name: 'Gone Tomorrow Oy', country: 'FI', email: '', phone: '', street: '', city: '', postalCode: '', vatId: null, token: null, isSample: false, paymentRoute: 'direct', attestNotAffiliated: true,
    });
    expect(await service.call('companies.deletionCheck', { companyId: created.id })).toEqual({ reasons: [] });
    await service.call('session.switch', { companyId: created.id });
    expect(await service.call('companies.delete', { companyId: created.id })).toEqual({ deleted: true, name: 'Gone Tomorrow Oy' });
    expect(events.some((e) => e.name === 'company.deleted' && e.payload.companyId === created.id)).toBe(true);
    expect(await service.call('session.get', {})).toMatchObject({ isSelf: true });
    expect((await rejection(service.call('companies.get', { companyId: created.id }))).code).toBe('not_found');
    expect((await service.call('companies.list', {})).some((c) => c.id === created.id)).toBe(false);
  });
});

describe('console session', () => {
  it('opens on Self as the demo partner, with store functions unavailable', async () => {
    const { service } = setup();
    const session = await service.call('session.get', {});
    expect(session.user?.email).toBe('dana@northwind-partners.example');
    expect(session).toMatchObject({ isSelf: true, storeAvailable: false });
    expect(session.acting?.id).toBe(session.home?.id);
  });

  it('switches to a client and back to Self, remembering recently used companies first', async () => {
    const { service, prefs, events, id } = setup();
    const nordlys = id('Nordlys Outdoor AS');
    const cafe = id('Café Lumière SARL');
    const asClient = await service.call('session.switch', { companyId: nordlys });
    expect(asClient).toMatchObject({ isSelf: false, storeAvailable: true });
    expect(asClient.acting?.name).toBe('Nordlys Outdoor AS');
    await service.call('session.switch', { companyId: cafe });
    const back = await service.call('session.switch', { companyId: null });
    expect(back.isSelf).toBe(true);
    expect(prefs.get('recentCompanyIds')).toEqual([cafe, nordlys]);
    expect(prefs.get('lastCompanyId')).toBe(back.home?.id);
    const switcher = await service.call('session.switcher', {});
    expect(switcher[0].isSelf).toBe(true);
    expect(switcher.slice(1, 3).map((e) => e.id)).toEqual([cafe, nordlys]);
    expect(events.filter((e) => e.name === 'session.changed')).toHaveLength(3);
  });

  it("acting as a client shows only that client's outbox; Self shows the partner's and its clients'", async () => {
    const { service, id } = setup();
    const self = await service.call('outbox.list', {});
    expect(new Set(self.map((m) => m.companyId)).size).toBeGreaterThan(1);
    const cafe = id('Café Lumière SARL');
    await service.call('session.switch', { companyId: cafe });
    const asCafe = await service.call('outbox.list', {});
    expect(asCafe.length).toBeGreaterThan(0);
    expect(asCafe.every((m) => m.companyId === cafe)).toBe(true);
  });

  it("acting as one client never reaches another client's data", async () => {
    const { service, platform, id } = setup();
    const alpen = id('Alpenglück Naturkosmetik GmbH');
    const bright = id('Brightside Books Ltd');
    await service.call('session.switch', { companyId: alpen });
    const oliver = platform.repos.users.findByEmail('oliver@brightside-books.example')!;
    for (const [method, input] of [
      ['companies.get', { companyId: bright }],
      ['companies.update', { companyId: bright, city: 'Hacked' }],
      ['companies.endRelation', { companyId: bright }],
      ['companies.deletionCheck', { companyId: bright }],
      ['companies.delete', { companyId: bright }],
      ['users.list', { companyId: bright }],
      ['users.create', { companyId: bright, email: 'x@x.example', name: 'X', password: 'password1' }],
      ['users.update', { userId: oliver.id, name: 'Hacked' }],
      ['users.delete', { userId: oliver.id }],
    ] as const) {
      expect((await rejection(service.invoke(method, input))).code, method).toBe('not_found');
    }
    expect(platform.repos.companies.get(bright)).toMatchObject({ city: 'Bristol', partner_id: expect.any(Number) });
    expect(platform.repos.users.get(oliver.id)!.name).toBe('Oliver Grant');
    expect((await service.call('companies.get', { companyId: alpen })).id).toBe(alpen);
  });

  it('companies.list honours a limit: the first matches in the sort order; a bad limit names the field', async () => {
    const { service } = setup();
    const all = await service.call('companies.list', {});
    expect(all.length).toBeGreaterThan(3);
    expect(await service.call('companies.list', { limit: 3 })).toEqual(all.slice(0, 3));
    const byCity = await service.call('companies.list', { sort: 'city', direction: 'desc' });
    expect(await service.call('companies.list', { sort: 'city', direction: 'desc', limit: 2 })).toEqual(byCity.slice(0, 2));
    for (const limit of [0, 1.5, -1]) expect(Object.keys((await rejection(service.call('companies.list', { limit }))).fields)).toEqual(['limit']);
  });

  it('creating a partner account is a first-start step only', async () => {
    const { service } = setup();
    expect((await rejection(service.call('setup.createPartner', { companyName: 'Again', country: 'DE', userName: 'Me', email: 'again@x.example', password: 'long enough' }))).code).toBe('conflict');
  });

  it("cannot switch to a company that is not the partner's client", async () => {
    const { service, id } = setup();
    const error = await rejection(service.call('session.switch', { companyId: id('Pixel & Paper Studio Ltd') }));
    expect(error.code).toBe('not_found');
    expect((await service.call('session.get', {})).isSelf).toBe(true);
  });

  it('store functions work only while acting as that client; partner functions only as Self', async () => {
    const { service, id } = setup();
    const nordlys = id('Nordlys Outdoor AS');
    const self = await service.call('session.get', {});
    expect((await rejection(service.call('shop.getSettings', { companyId: self.home!.id }))).message).toContain('Switch to a client');
    expect((await rejection(service.call('shop.getSettings', { companyId: nordlys }))).message).toContain('Switch to company');
    await service.call('session.switch', { companyId: nordlys });
    expect((await service.call('shop.getSettings', { companyId: nordlys })).currency).toBe('NOK');
    const create = await rejection(service.call('companies.create', { name: 'X', country: 'DE', attestNotAffiliated: true }));
    expect(create.message).toContain('switch back to Self');
    // Acting as a client shows no other company's data: not even the partner's client list.
    expect((await rejection(service.call('companies.list', {}))).code).toBe('forbidden');
  });

  it('signing in as a client user shows only that company', async () => {
    const { service, platform, id } = setup();
    const oliver = platform.repos.users.findByEmail('oliver@brightside-books.example')!;
    const session = await service.call('session.signIn', { userId: oliver.id });
    expect(session).toMatchObject({ isSelf: true, storeAvailable: true });
    expect(session.home?.name).toBe('Brightside Books Ltd');
    expect(await service.call('session.switcher', {})).toHaveLength(1);
    expect((await rejection(service.call('companies.get', { companyId: id('Nordlys Outdoor AS') }))).code).toBe('not_found');
    expect(await service.call('companies.list', {})).toEqual([]);
    const outbox = await service.call('outbox.list', {});
    expect(outbox.every((m) => m.companyId === id('Brightside Books Ltd'))).toBe(true);
  });

  it('first start with no data: nobody signed in until the partner account is created', { timeout: SCRYPT_TEST_TIMEOUT }, async () => {
    const { service } = setup('none');
    expect((await service.call('session.get', {})).user).toBeNull();
    expect((await rejection(service.call('companies.list', {}))).code).toBe('unauthorized');
    const bad = await rejection(service.call('setup.createPartner', { companyName: '', country: 'DE', userName: 'Me', email: 'me@x.example', password: 'short' }));
    expect(Object.keys(bad.fields).sort()).toEqual(['companyName', 'password']);
    const session = await service.call('setup.createPartner', { companyName: 'My Partner GmbH', country: 'DE', userName: 'Me', email: 'me@x.example', password: 'long enough' });
    expect(session.home).toMatchObject({ name: 'My Partner GmbH', isPartner: true });
    expect(session.user?.isAdmin).toBe(true);
  });
});

describe('console boundary', () => {
  it('validates input at the boundary and names the field; unknown methods are typed errors', async () => {
    const { service, platform } = setup();
    const before = platform.repos.companies.countAll();
    const error = await rejection(service.invoke('companies.create', { name: 'Bad VAT', country: 'DE', vatId: 'DE1', attestNotAffiliated: true }));
    expect(error.code).toBe('validation_failed');
    expect(Object.keys(error.fields)).toEqual(['vatId']);
    expect(platform.repos.companies.countAll()).toBe(before);
    expect((await rejection(service.invoke('companies.drop', {}))).code).toBe('unknown_method');
    expect((await rejection(service.invoke('session.switch', { companyId: 'abc' }))).fields.companyId).toBeDefined();
  });

  it('forwards platform events to subscribers', async () => {
    const { service, events } = setup();
    const created = await service.call('companies.create', { name: 'Event GmbH', country: 'DE', attestNotAffiliated: true });
    expect(events).toContainEqual({ name: 'company.created', payload: { companyId: created.id } });
  });

  it('every contract method has a handler', async () => {
    const { service } = setup();
    for (const method of METHOD_NAMES) {
      const error = await service.invoke(method, { __probe: true }).then(
        () => null,
        (e: ApiError) => e,
      );
      expect(error?.code, method).not.toBe('unknown_method');
      expect(error?.code, method).not.toBe('internal');
    }
  });
});
