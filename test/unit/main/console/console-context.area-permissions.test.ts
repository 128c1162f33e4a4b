// I7 (issue 16): reading an area needs that area's permission, as changing it always did: users.list (users),
// authorizations.list (apps), shop.getSettings (settings), and each outbox message by its kind's area.
import { describe, expect, it } from 'vitest';
import type { EmailKind } from '../../../../src-shared/domain/email-kinds';
import { rejection } from '../../../helpers/fixtures';
import { openConsoleForTest } from '../../../helpers/console-service';

function setup() {
  const opened = openConsoleForTest();
  const { platform } = opened;
  const mail = (company: number, to: string, kind: EmailKind) =>
    platform.ctx.transact((emit) => platform.outbox.queue(emit, { companyId: company, to, subject: `${kind} for ${to}`, body: 'text', kind }));
  return { ...opened, companyId: opened.id, mail };
}

describe('area permissions for reading (I7)', () => {
  it('users, authorized apps and shop settings need the users, apps and settings permissions', async () => {
    const { service, companyId, signIn } = setup();
    const alpen = companyId('Alpenglück');
    await signIn('lukas@alpenglueck.example'); // products, orders, customers
    for (const [call, permission] of [
      [service.call('users.list', { companyId: alpen }), 'users'],
      [service.call('authorizations.list', { companyId: alpen }), 'apps'],
      [service.call('shop.getSettings', { companyId: alpen }), 'settings'],
    ] as const) {
      const error = await rejection(call);
      expect(error.code).toBe('forbidden');
      expect(error.details).toMatchObject({ permission });
      expect(error.message).toContain(`"${permission}" permission`);
    }
    await signIn('anna@alpenglueck.example'); // the administrator
    expect((await service.call('users.list', { companyId: alpen })).length).toBeGreaterThan(0);
    expect(await service.call('authorizations.list', { companyId: alpen })).toEqual(expect.any(Array));
    expect((await service.call('shop.getSettings', { companyId: alpen })).companyId).toBe(alpen);
  });

  it("a partner's user without the users permission does not list its clients' users", async () => {
    const { service, companyId, signIn } = setup();
    await signIn('tom@northwind-partners.example'); // clients, reports, billing
    expect((await rejection(service.call('users.list', { companyId: companyId('Alpenglück') }))).details).toMatchObject({ permission: 'users' });
  });

  it("shows each outbox message only to users with its area's permission, or to whom it is addressed", async () => {
    const { platform, service, companyId, userId, signIn, mail } = setup();
    const alpen = companyId('Alpenglück');
    const welcomeAnna = mail(alpen, 'anna@alpenglueck.example', 'user.welcome');
    const welcomeLukas = mail(alpen, 'lukas@alpenglueck.example', 'user.welcome');
    const invoice = mail(alpen, 'office@alpenglueck.example', 'billing.documents');
    const hookOff = mail(alpen, 'dev@apps.example', 'webhook_deactivated');

    await signIn('lukas@alpenglueck.example');
    const seen = (await service.call('outbox.list', { limit: 500 })).map((m) => m.id);
    expect(seen).toContain(welcomeLukas); // his own mail
    for (const hidden of [welcomeAnna, invoice, hookOff]) expect(seen).not.toContain(hidden);
    expect((await rejection(service.call('outbox.markRead', { messageId: welcomeAnna }))).code).toBe('not_found');
    expect(platform.repos.outbox.get(welcomeAnna)!.read_at).toBeNull();

    // Given the billing permission (by the administrator), the company's billing mail appears.
    await signIn('anna@alpenglueck.example');
    await service.call('users.update', { userId: userId('lukas@alpenglueck.example'), permissions: ['products', 'orders', 'customers', 'billing'] });
    await signIn('lukas@alpenglueck.example');
    const now = (await service.call('outbox.list', { limit: 500 })).map((m) => m.id);
    expect(now).toContain(invoice);
    expect(now).not.toContain(hookOff);

    // The partner's non-admin user (clients, reports, billing), as Self: partner requests and billing, not welcomes.
    await signIn('tom@northwind-partners.example');
    const tom = await service.call('outbox.list', { limit: 500 });
    expect(tom.map((m) => m.id)).toContain(invoice);
    expect(tom.some((m) => m.kind === 'partner_request.created')).toBe(true);
    expect(tom.some((m) => m.kind === 'user.welcome')).toBe(false);
    // The administrator sees every message of its companies.
    await signIn('dana@northwind-partners.example');
    const dana = (await service.call('outbox.list', { limit: 500 })).map((m) => m.id);
    for (const id of [welcomeAnna, welcomeLukas, invoice, hookOff]) expect(dana).toContain(id);
  });

  it('keeps the newest N visible messages when older hidden ones are many (the limit counts what is shown)', async () => {
    const { service, companyId, signIn, mail } = setup();
    const alpen = companyId('Alpenglück');
    const mine = mail(alpen, 'lukas@alpenglueck.example', 'user.welcome');
    for (let i = 0; i < 30; i += 1) mail(alpen, 'office@alpenglueck.example', 'billing.documents');
    await signIn('lukas@alpenglueck.example');
    expect((await service.call('outbox.list', { limit: 5 })).map((m) => m.id)).toEqual([mine]);
  });
});
