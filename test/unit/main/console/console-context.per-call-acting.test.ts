// The acting company per call (issue 18, item 1): each console window sends its own acting company with every
// call (CallEnvelope), and the console checks it per call exactly as it checks a switch — visibility, Self-only
// functions, store functions only inside the acting company — without one window's company leaking into
// another's calls.
import { describe, expect, it } from 'vitest';
import { openConsoleForTest } from '../../../helpers/console-service';
import { rejection } from '../../../helpers/fixtures';

const setup = (openWindow?: (companyId: number | null, path: string) => void) => openConsoleForTest({ platformUrl: 'http://127.0.0.1:1', openWindow });

describe('acting company per call', () => {
  it('refuses a call acting as a company the user cannot see, and changes nothing', async () => {
    const { service, id, events } = setup();
    const foreign = id('Pixel & Paper Studio Ltd');
    const refused = await rejection(service.call('session.get', {}, { acting: foreign }));
    expect(refused).toMatchObject({ code: 'not_found', details: { companyId: foreign, reason: 'acting_not_visible' } });
    // Nor through a store function that names the company itself.
    expect((await rejection(service.call('shop.getSettings', { companyId: foreign }, { acting: foreign }))).code).toBe('not_found');
    expect((await service.call('session.get', {})).isSelf).toBe(true);
    expect(events.filter((e) => e.name === 'session.changed')).toHaveLength(0);
  });

  it('two windows acting as two clients, their calls interleaved, each reach only their own client', async () => {
    const { service, id } = setup();
    const nordlys = id('Nordlys Outdoor AS');
    const cafe = id('Café Lumière SARL');
    const a = { acting: nordlys };
    const b = { acting: cafe };
    // Started together, answered in any order: every call sees its own window's company.
    const [sa, sb, settingsA, settingsB] = await Promise.all([
      service.call('session.get', {}, a),
      service.call('session.get', {}, b),
      service.call('shop.getSettings', { companyId: nordlys }, a),
      service.call('shop.getSettings', { companyId: cafe }, b),
    ]);
    expect([sa.acting?.id, sb.acting?.id]).toEqual([nordlys, cafe]);
    expect([sa.isSelf, sb.isSelf, sa.storeAvailable]).toEqual([false, false, true]);
    expect([settingsA.currency, settingsB.currency]).toEqual(['NOK', 'EUR']);
    // Window A cannot reach window B's client: the store function works only inside A's own company.
    expect((await rejection(service.call('shop.getSettings', { companyId: cafe }, a))).message).toContain('Switch to company');
    const productsA = await service.call('products.list', { companyId: nordlys, offset: 0, limit: 5 }, a);
    expect((await rejection(service.call('products.list', { companyId: nordlys, offset: 0, limit: 5 }, b))).code).toBe('forbidden');
    expect(productsA.total).toBeGreaterThan(0);
    // A Self window beside them keeps the partner functions; the client windows do not have them.
    expect((await service.call('companies.list', {}, { acting: null })).length).toBeGreaterThan(1);
    expect((await rejection(service.call('companies.list', {}, a))).code).toBe('forbidden');
  });

  it("a window's switch changes neither the other windows nor the session, and pushes nothing", async () => {
    const { service, id, events, prefs } = setup();
    const nordlys = id('Nordlys Outdoor AS');
    const switched = await service.call('session.switch', { companyId: nordlys }, { acting: null });
    expect(switched).toMatchObject({ isSelf: false, acting: { id: nordlys } });
    // Remembered for the selector's order and the next new window, but no other window moves.
    expect(prefs.get('recentCompanyIds')).toEqual([nordlys]);
    expect(events.filter((e) => e.name === 'session.changed')).toHaveLength(0);
    expect((await service.call('session.get', {}, { acting: null })).isSelf).toBe(true);
    expect((await service.call('session.get', {})).isSelf).toBe(true);
  });

  it('a call without an envelope acts as the session (the CLI, tests, an older page)', async () => {
    const { service, id } = setup();
    const nordlys = id('Nordlys Outdoor AS');
    await service.call('session.switch', { companyId: nordlys });
    expect((await service.call('session.get', {})).acting?.id).toBe(nordlys);
    expect((await service.call('session.get', {}, { acting: null })).isSelf).toBe(true);
  });

  it('checks the acting company again after a user switch: a client user cannot act as its partner\'s other clients', async () => {
    const { service, id } = setup();
    const nordlys = id('Nordlys Outdoor AS');
    const cafe = id('Café Lumière SARL');
    const candidates = await service.call('session.signInCandidates', {});
    const cafeUser = candidates.find((c) => c.companyId === cafe)!;
    await service.call('session.signIn', { userId: cafeUser.userId }, { acting: nordlys });
    expect((await rejection(service.call('session.get', {}, { acting: nordlys }))).code).toBe('not_found');
    expect((await service.call('session.get', {}, { acting: null })).acting?.id).toBe(cafe);
  });

  it('opens another window acting as a visible company only (the desktop app)', async () => {
    const opened: Array<[number | null, string]> = [];
    const { service, id } = setup((companyId, path) => opened.push([companyId, path]));
    const nordlys = id('Nordlys Outdoor AS');
    expect(await service.call('app.openWindow', { companyId: nordlys, path: '/store/products' })).toEqual({ opened: true });
    expect(await service.call('app.openWindow', { companyId: null })).toEqual({ opened: true });
    expect((await rejection(service.call('app.openWindow', { companyId: id('Pixel & Paper Studio Ltd') }))).code).toBe('not_found');
    expect((await rejection(service.call('app.openWindow', { companyId: nordlys, path: 'javascript:alert(1)' }))).code).toBe('validation_failed');
    expect(opened).toEqual([[nordlys, '/store/products'], [null, '/']]);
    // Without a desktop host (browser mode) nothing opens: the tab opens a new tab itself.
    const browser = setup();
    expect(await browser.service.call('app.openWindow', { companyId: nordlys })).toEqual({ opened: false });
  });
});
