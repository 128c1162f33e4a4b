// The console's webhook and clock methods: who sees which hooks (acting as a client: that client; as Self:
// the partner and its clients), the apps permission, replays and reactivation, clock input errors.
import { describe, expect, it } from 'vitest';
import { DEMO_OPERATOR_EMAIL, DEMO_PARTNER_EMAIL } from '../../../../../src-main/core/seed/demo-seed';
import { T0 } from '../../../../helpers/platform';
import { insertApp, insertHook } from '../../../../helpers/webhooks';
import { rejection } from '../../../../helpers/fixtures';
import { openConsoleForTest } from '../../../../helpers/console-service';

function setup() {
  const { platform, service, events, id, userId } = openConsoleForTest();
  const alpen = id('Alpenglück');
  const kawaii = id('Kawaii');
  const harbor = id('Harbor Coffee');
  const app = insertApp(platform, { companyId: kawaii, name: 'Order Sync' });
  const alpenHook = insertHook(platform, { appId: app.id, companyId: alpen, topic: 'order/create', address: 'http://127.0.0.1:9/alpen' });
  const kawaiiHook = insertHook(platform, { appId: app.id, companyId: kawaii, topic: 'customer/create', address: 'http://127.0.0.1:9/kawaii' });
  const harborHook = insertHook(platform, { appId: app.id, companyId: harbor, topic: 'order/create', address: 'http://127.0.0.1:9/harbor' });
  return { platform, service, events, alpen, kawaii, harbor, app, alpenHook, kawaiiHook, harborHook, userId };
}

describe('webhooks in the console', () => {
  it('as Self the partner sees its clients’ hooks grouped by app and company; acting as a client, only that client', async () => {
    const { service, alpen, kawaii, alpenHook, kawaiiHook } = setup();
    const asSelf = await service.call('webhooks.overview', {});
    expect(asSelf.groups.map((g) => g.companyId).sort()).toEqual([alpen, kawaii].sort());
    expect(asSelf.clock).toEqual({ now: new Date(T0).toISOString(), offsetMs: 0, realNow: new Date(T0).toISOString() });
    await service.call('session.switch', { companyId: alpen });
    const asClient = await service.call('webhooks.overview', {});
    expect(asClient.groups).toHaveLength(1);
    expect(asClient.groups[0]).toMatchObject({ appName: 'Order Sync', companyId: alpen, block: null });
    expect(asClient.groups[0].hooks.map((h) => h.id)).toEqual([alpenHook]);
    expect((await rejection(service.call('webhooks.overview', { companyId: kawaii }))).code).toBe('not_found');
    expect((await rejection(service.call('webhooks.reactivate', { webhookId: kawaiiHook }))).code).toBe('not_found');
  });

  it('never shows a company outside the partner’s clients', async () => {
    const { service, harbor, harborHook } = setup();
    expect((await rejection(service.call('webhooks.overview', { companyId: harbor }))).code).toBe('not_found');
    expect((await rejection(service.call('webhooks.attempts', { webhookId: harborHook }))).code).toBe('not_found');
  });

  it('needs the apps permission', async () => {
    const { service, userId } = setup();
    await service.call('session.signIn', { userId: userId('lukas@alpenglueck.example') });
    const error = await rejection(service.call('webhooks.overview', {}));
    expect(error.code).toBe('forbidden');
    expect(error.message).toMatch(/apps/);
  });

  it('replays an event and reactivates a hook through the same rule as PUT, with pushed events', async () => {
    const { platform, service, events, alpen, alpenHook } = setup();
    platform.ctx.transact((emit) => emit('order.created', { companyId: alpen, id: 9 }));
    const eventId = platform.db.prepare('SELECT id FROM webhook_events').pluck().get() as number;
    const requested = await service.call('webhooks.replay', { eventId });
    expect(requested.eventId).toBe(eventId);
    expect(platform.repos.webhookDelivery.getEvent(eventId)!.replay_requested_at).toBe(T0);
    platform.db.prepare('UPDATE webhooks SET is_active = 0, deactivated_at = ? WHERE id = ?').run(T0, alpenHook);
    const hook = await service.call('webhooks.reactivate', { webhookId: alpenHook });
    expect(hook).toMatchObject({ id: alpenHook, isActive: true, deactivatedAt: null, queued: 1 });
    expect(events.map((e) => e.name)).toEqual(expect.arrayContaining(['webhook_delivery.replay_requested', 'webhook.updated', 'webhook.reactivated']));
  });

  it('moves the clock, and names the field when the duration is wrong', async () => {
    const { service, events } = setup();
    const moved = await service.call('clock.advance', { duration: '1h30m' });
    expect(moved.offsetMs).toBe(0); // a manual clock has no real-time part: it only moves when told
    expect(moved.now).toBe(new Date(T0 + 90 * 60_000).toISOString());
    expect(events.find((e) => e.name === 'clock.advanced')?.payload).toEqual({ now: T0 + 90 * 60_000, offsetMs: 0 });
    for (const duration of ['soon', '0s', '400d']) {
      const error = await rejection(service.call('clock.advance', { duration }));
      expect(error.code).toBe('validation_failed');
      expect(Object.keys(error.fields)).toEqual(['duration']);
    }
  });
  // L4 (issue 16): the platform clock is everybody's time: only the operator role or a partner's administrator moves it.
  it('moves the clock only for the operator role or a partner administrator, and says so in the session', async () => {
    const { platform, service, userId } = setup();
    const offset = () => platform.clock.now();
    const start = offset();
    expect((await service.call('session.get', {})).canMoveClock).toBe(true); // Dana, the partner's administrator
    await service.call('clock.advance', { duration: '1m' });
    expect(offset()).toBe(start + 60_000);
    const refusedFor = async (email: string) => {
      const session = await service.call('session.signIn', { userId: userId(email) });
      expect(session.canMoveClock).toBe(false);
      const error = await rejection(service.call('clock.advance', { duration: '1h' }));
      expect(error.code).toBe('forbidden');
      expect(error.details).toMatchObject({ reason: 'clock_role_required' });
      expect(error.message).toMatch(/operator role or .*administrator/);
    };
    await refusedFor('tom@northwind-partners.example'); // a partner's user with the users-less, non-admin role
    await refusedFor('anna@alpenglueck.example'); // a client company's administrator
    await refusedFor('lukas@alpenglueck.example'); // a client company's user
    expect(offset()).toBe(start + 60_000);
    expect((await service.call('clock.get', {})).now).toBe(new Date(start + 60_000).toISOString()); // reading stays open
    const olivia = await service.call('session.signIn', { userId: userId('olivia@platform-operations.example') });
    expect(olivia.canMoveClock).toBe(true);
    await service.call('clock.advance', { duration: '1m' });
    expect(offset()).toBe(start + 120_000);
  });

  it('private networks (M1): everybody with the apps permission reads them, only the operator changes them (audited), bad ranges name the field', async () => {
    const { platform, service, userId } = setup();
    const audit = () => platform.db.prepare("SELECT actor, detail FROM audit_log WHERE action = 'webhooks.private_networks_changed' ORDER BY id").all() as { actor: string; detail: string }[];
    await service.call('session.signIn', { userId: userId(DEMO_PARTNER_EMAIL) });
    expect(await service.call('webhooks.privateNetworks', {})).toMatchObject({ allowedRanges: [] });
    const refused = await rejection(service.call('webhooks.setPrivateNetworks', { allow: ['10.20.0.0/16'], disallow: [] }));
    expect(refused.code).toBe('forbidden');
    expect(refused.details).toMatchObject({ reason: 'operator_role_required' });
    expect(audit()).toHaveLength(0);

    await service.call('session.signIn', { userId: userId(DEMO_OPERATOR_EMAIL) });
    const bad = await rejection(service.call('webhooks.setPrivateNetworks', { allow: ['8.8.8.0/24', '10.20.0.0/16'], disallow: [] }));
    expect(bad.code).toBe('validation_failed');
    expect(bad.details).toMatchObject({ fields: { allow: [expect.stringContaining('8.8.8.0/24 is not inside a private range')] } });
    expect((await service.call('webhooks.privateNetworks', {})).allowedRanges).toEqual([]);

    const view = await service.call('webhooks.setPrivateNetworks', { allow: ['10.20.3.4/16'], disallow: [] });
    expect(view.allowedRanges).toEqual(['10.20.0.0/16']);
    expect(audit()).toEqual([{ actor: `operator:${DEMO_OPERATOR_EMAIL}`, detail: JSON.stringify({ from: [], to: ['10.20.0.0/16'] }) }]);
    expect((await service.call('webhooks.setPrivateNetworks', { allow: [], disallow: ['10.20.0.0/16'] })).allowedRanges).toEqual([]);
    expect(audit()).toHaveLength(2);
  });
});
