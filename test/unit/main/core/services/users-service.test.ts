import { afterEach, describe, expect, it } from 'vitest';
import type { Permission } from '../../../../../src-shared/domain/permissions';
import { OPERATOR, type Actor } from '../../../../../src-main/core/access';
import { hashPassword, verifyPassword } from '../../../../../src-main/core/passwords';
import { DEMO_PARTNER_EMAIL, DEMO_PASSWORD } from '../../../../../src-main/core/seed/demo-seed';
import { openTestPlatform, SCRYPT_TEST_TIMEOUT, TEST_PASSWORD_HASH } from '../../../../helpers/platform';
import { actorOf, errorOf, idOfCompany } from '../../../../helpers/fixtures';

const open: { dispose(): void }[] = [];
afterEach(() => open.splice(0).forEach((p) => p.dispose()));

function demo() {
  const platform = openTestPlatform('demo');
  open.push(platform);
  const as = (email: string): Actor => actorOf(platform, email);
  const companyNamed = (name: string) => idOfCompany(platform, name);
  return { platform, as, companyNamed, partner: as(DEMO_PARTNER_EMAIL) };
}


describe('demo seed', () => {
  it('gives an empty folder a partner with at least six direct, managed and sample clients, each with users', { timeout: SCRYPT_TEST_TIMEOUT }, async () => {
    const { platform, partner } = demo();
    const clients = platform.companies.listClients(partner, { search: '', route: 'any', sample: 'any', sort: 'name', direction: 'asc' });
    expect(clients.length).toBeGreaterThanOrEqual(6);
    expect(clients.some((c) => c.paymentRoute === 'direct' && !c.isSample)).toBe(true);
    expect(clients.some((c) => c.paymentRoute === 'via_partner' && !c.isSample)).toBe(true);
    expect(clients.some((c) => c.isSample)).toBe(true);
    expect(clients.every((c) => c.userCount > 0)).toBe(true);
    const dana = platform.repos.users.findByEmail(DEMO_PARTNER_EMAIL)!;
    expect(await verifyPassword(DEMO_PASSWORD, dana.password_hash)).toBe(true);
    const pending = platform.partnerRequests.list(partner, dana.company_id).filter((r) => r.status === 'pending');
    expect(pending.map((r) => [r.companyName, r.requestedBy])).toEqual([['Harbor Coffee Roasters Inc', 'maya@harborcoffee.example']]);
  });

  it('is never applied to a folder that holds data', () => {
    const { platform } = demo();
    const count = platform.repos.companies.countAll();
    platform.close();
    const again = openTestPlatform('demo', { path: platform.dir, remove: () => undefined });
    expect(again.repos.companies.countAll()).toBe(count);
    again.close();
  });
});

describe('users', () => {
  it('adds a user with a hashed password and queues a welcome email with login data and permissions, not the password', { timeout: SCRYPT_TEST_TIMEOUT }, async () => {
    const { platform, partner, companyNamed } = demo();
    const companyId = companyNamed('Nordlys Outdoor AS');
    const user = platform.users.create(partner, { companyId, email: 'new@nordlys.example', name: 'Nina', password: 'S3cret-pass', permissions: ['orders', 'products'], isAdmin: false, sendWelcomeEmail: true }, { passwordHash: await hashPassword('S3cret-pass') });
    expect(user.permissions).toEqual(['products', 'orders']);
    const row = platform.repos.users.get(user.id)!;
    expect(row.password_hash).not.toContain('S3cret-pass');
    expect(await verifyPassword('S3cret-pass', row.password_hash)).toBe(true);
    const mail = platform.outbox.list(partner, 50).find((m) => m.to === 'new@nordlys.example')!;
    expect(mail).toMatchObject({ kind: 'user.welcome', companyId });
    expect(mail.body).toContain('new@nordlys.example');
    expect(mail.body).toContain('Orders');
    expect(mail.body).toContain('Products and categories');
    expect(mail.body).not.toContain('S3cret-pass');
  });

  it('refuses a taken email (field named), and without the welcome flag sends nothing', () => {
    const { platform, partner, companyNamed } = demo();
    const companyId = companyNamed('Nordlys Outdoor AS');
    expect(errorOf(() => platform.users.create(partner, { companyId, email: DEMO_PARTNER_EMAIL, name: 'X', password: 'password1', permissions: [], isAdmin: false, sendWelcomeEmail: true }, { passwordHash: TEST_PASSWORD_HASH })).fields).toEqual({ email: ['is already used by another user'] });
    const before = platform.outbox.list(OPERATOR, 1000).length;
    platform.users.create(partner, { companyId, email: 'quiet@nordlys.example', name: 'Q', password: 'password1', permissions: [], isAdmin: false, sendWelcomeEmail: false }, { passwordHash: TEST_PASSWORD_HASH });
    expect(platform.outbox.list(OPERATOR, 1000).length).toBe(before);
  });

  it("needs the users permission, and cannot reach another partner's client", () => {
    const { platform, as, companyNamed } = demo();
    const tom = as('tom@northwind-partners.example');
    expect(errorOf(() => platform.users.list(as('grace@meridian-digital.example'), companyNamed('Nordlys Outdoor AS'))).code).toBe('not_found');
    expect(errorOf(() => platform.users.create(tom, { companyId: companyNamed('Nordlys Outdoor AS'), email: 't@x.example', name: 'T', password: 'password1', permissions: [], isAdmin: false, sendWelcomeEmail: false }, { passwordHash: TEST_PASSWORD_HASH })).code).toBe('forbidden');
  });
});

describe('no privilege escalation', () => {
  it('a non-admin with the users permission cannot make admins, grant what it lacks, or touch an admin', () => {
    const { platform, as, companyNamed } = demo();
    const companyId = companyNamed('Alpenglück Naturkosmetik GmbH');
    const lead = platform.users.create(OPERATOR, { companyId, email: 'lead@alpen.example', name: 'Lead', password: 'password1', permissions: ['users', 'orders'], isAdmin: false, sendWelcomeEmail: false }, { passwordHash: TEST_PASSWORD_HASH });
    const leadActor = as('lead@alpen.example');
    expect(errorOf(() => platform.users.update(leadActor, { userId: lead.id, isAdmin: true })).fields).toEqual({ isAdmin: ['only an administrator can make administrators'] });
    expect(errorOf(() => platform.users.create(leadActor, { companyId, email: 'x@alpen.example', name: 'X', password: 'password1', permissions: ['billing'], isAdmin: false, sendWelcomeEmail: false }, { passwordHash: TEST_PASSWORD_HASH })).fields.permissions[0]).toContain('billing');
    const anna = platform.repos.users.findByEmail('anna@alpenglueck.example')!;
    expect(errorOf(() => platform.users.delete(leadActor, anna.id)).code).toBe('forbidden');
    expect(platform.users.create(leadActor, { companyId, email: 'ok@alpen.example', name: 'Ok', password: 'password1', permissions: ['orders'], isAdmin: false, sendWelcomeEmail: false }, { passwordHash: TEST_PASSWORD_HASH }).permissions).toEqual(['orders']);
    expect(platform.repos.users.get(lead.id)!.is_admin).toBe(0);
  });

  // L5 (issue 16): a user with the users permission stays within its own permissions in every direction.
  it('a non-admin with the users permission cannot remove permissions it lacks or delete a user who holds more', () => {
    const { platform, as, companyNamed } = demo();
    const companyId = companyNamed('Alpenglück Naturkosmetik GmbH');
    const make = (email: string, permissions: Permission[]) =>
      platform.users.create(OPERATOR, { companyId, email, name: email.split('@')[0], password: 'password1', permissions, isAdmin: false, sendWelcomeEmail: false }, { passwordHash: TEST_PASSWORD_HASH });
    make('lead@alpen.example', ['users', 'orders']);
    const clerk = make('clerk@alpen.example', ['orders', 'billing']);
    const lead = as('lead@alpen.example');
    const before = platform.db.prepare('SELECT total_changes()').pluck().get() as number;

    // Taking away `billing` (which the lead lacks) while editing the orders permission: refused, field named.
    const removal = errorOf(() => platform.users.update(lead, { userId: clerk.id, permissions: ['orders'] }));
    expect(removal.code).toBe('validation_failed');
    expect(removal.fields).toEqual({ permissions: ['you cannot remove permissions you do not have yourself: Billing, invoices and credit notes (billing)'] });
    // Granting what it lacks: refused (and named) as before.
    expect(errorOf(() => platform.users.update(lead, { userId: clerk.id, permissions: ['orders', 'billing', 'products'] })).fields).toEqual({
      permissions: ['you cannot grant permissions you do not have yourself: Products and categories (products)'],
    });
    // Deleting a user who holds a permission the lead lacks: refused, the user field named.
    const deletion = errorOf(() => platform.users.delete(lead, clerk.id));
    expect(deletion.code).toBe('forbidden');
    expect(deletion.fields.userId[0]).toBe('clerk holds permissions you do not have (Billing, invoices and credit notes): only a user with them or an administrator can remove clerk');
    expect(platform.db.prepare('SELECT total_changes()').pluck().get()).toBe(before);
    expect(platform.repos.users.get(clerk.id)!.permissions).toBe(JSON.stringify(['orders', 'billing']));

    // What it holds it may change: removing `orders` keeps billing untouched; a user within its permissions can go.
    expect(platform.users.update(lead, { userId: clerk.id, permissions: ['billing'] }).permissions).toEqual(['billing']);
    const helper = make('helper@alpen.example', ['orders']);
    platform.users.delete(lead, helper.id);
    expect(platform.repos.users.get(helper.id)).toBeUndefined();
    // An administrator may do all of it.
    const anna = as('anna@alpenglueck.example');
    expect(platform.users.update(anna, { userId: clerk.id, permissions: [] }).permissions).toEqual([]);
  });
});

describe('partner requests', () => {
  it('the partner accepts: the company becomes a client, other pending requests are cancelled, both sides are told', () => {
    const { platform, as, companyNamed, partner } = demo();
    const kristjan = as('kristjan@ttgadgets.example');
    const tallinn = companyNamed('Tallinn Tech Gadgets OÜ');
    const meridian = companyNamed('Meridian Digital Partners Ltd');
    const northwind = companyNamed('Northwind Commerce Partners GmbH');
    const toNorthwind = platform.partnerRequests.create(kristjan, { companyId: tallinn, partnerId: northwind, message: 'Please run our shop' });
    const toMeridian = platform.partnerRequests.create(kristjan, { companyId: tallinn, partnerId: meridian, message: '' });
    expect(errorOf(() => platform.partnerRequests.create(kristjan, { companyId: tallinn, partnerId: northwind, message: '' })).code).toBe('conflict');
    expect(platform.outbox.list(partner, 50).some((m) => m.kind === 'partner_request.created' && m.body.includes('Please run our shop'))).toBe(true);

    const accepted = platform.partnerRequests.decide(partner, toNorthwind.id, 'accept');
    expect(accepted.status).toBe('accepted');
    expect(platform.repos.companies.get(tallinn)!.partner_id).toBe(northwind);
    expect(platform.repos.partnerRequests.get(toMeridian.id)!.status).toBe('cancelled');
    expect(platform.outbox.list(kristjan, 50).some((m) => m.kind === 'partner_request.accepted')).toBe(true);
    expect(errorOf(() => platform.partnerRequests.decide(partner, toNorthwind.id, 'decline')).code).toBe('conflict');
  });

  it('declining leaves the company independent; only the addressed partner may decide; the company may cancel', () => {
    const { platform, as, companyNamed, partner } = demo();
    const pending = platform.partnerRequests.list(partner, companyNamed('Northwind Commerce Partners GmbH')).find((r) => r.status === 'pending')!;
    expect(errorOf(() => platform.partnerRequests.decide(as('grace@meridian-digital.example'), pending.id, 'accept')).code).toBe('not_found');
    platform.partnerRequests.decide(partner, pending.id, 'decline');
    expect(platform.repos.companies.get(pending.companyId)!.partner_id).toBeNull();
    const maya = as('maya@harborcoffee.example');
    const again = platform.partnerRequests.create(maya, { companyId: pending.companyId, partnerId: pending.partnerId, message: '' });
    expect(platform.partnerRequests.cancel(maya, again.id).status).toBe('cancelled');
  });

  it('refuses requests to non-partners, to itself, and from a company that already has a partner', () => {
    const { platform, as, companyNamed } = demo();
    const maya = as('maya@harborcoffee.example');
    const harbor = companyNamed('Harbor Coffee Roasters Inc');
    expect(errorOf(() => platform.partnerRequests.create(maya, { companyId: harbor, partnerId: companyNamed('Nordlys Outdoor AS'), message: '' })).fields.partnerId).toBeDefined();
    const decline = platform.partnerRequests.list(as(DEMO_PARTNER_EMAIL), companyNamed('Northwind Commerce Partners GmbH'))[0];
    platform.partnerRequests.decide(as(DEMO_PARTNER_EMAIL), decline.id, 'decline');
    expect(platform.outbox.list(maya, 50).map((m) => m.kind)).toContain('partner_request.declined');
    const ingrid = as('ingrid@nordlys-outdoor.example');
    expect(errorOf(() => platform.partnerRequests.create(ingrid, { companyId: companyNamed('Nordlys Outdoor AS'), partnerId: companyNamed('Meridian Digital Partners Ltd'), message: '' })).code).toBe('conflict');
    const grace = as('grace@meridian-digital.example');
    const meridian = companyNamed('Meridian Digital Partners Ltd');
    expect(errorOf(() => platform.partnerRequests.create(grace, { companyId: meridian, partnerId: meridian, message: '' })).fields.partnerId[0]).toContain('itself');
    // Two levels down: a partner may not ask its client's client (a sub-partner) to manage it.
    const sub = platform.companies.create(OPERATOR, { name: 'Sub', country: 'GB', email: '', phone: '', street: '', city: '', postalCode: '', vatId: null, token: null, isSample: false, paymentRoute: 'direct', attestNotAffiliated: true }, { isPartner: true, partnerId: meridian, attestedBy: platform.repos.users.findByEmail('grace@meridian-digital.example')!.id });
    const subAdmin = platform.users.create(OPERATOR, { companyId: sub.id, email: 'admin@sub.example', name: 'Sub admin', password: 'password1', permissions: [], isAdmin: true, sendWelcomeEmail: false }, { passwordHash: TEST_PASSWORD_HASH });
    const subsub = platform.companies.create(OPERATOR, { name: 'SubSub', country: 'GB', email: '', phone: '', street: '', city: '', postalCode: '', vatId: null, token: null, isSample: false, paymentRoute: 'direct', attestNotAffiliated: true }, { isPartner: true, partnerId: sub.id, attestedBy: subAdmin.id });
    expect(errorOf(() => platform.partnerRequests.create(OPERATOR, { companyId: meridian, partnerId: subsub.id, message: '' })).fields.partnerId[0]).toContain('its own client');
  });
});

describe('shop settings (a store function)', () => {
  it('exist for clients, never for partners', () => {
    const { platform, partner, companyNamed } = demo();
    const nordlys = companyNamed('Nordlys Outdoor AS');
    expect(platform.shop.getSettings(partner, nordlys)).toMatchObject({ currency: 'NOK', defaultVatRateBp: 2500 });
    const updated = platform.shop.updateSettings(partner, { companyId: nordlys, currency: 'EUR', storefrontOpen: true });
    expect(updated).toMatchObject({ currency: 'EUR', storefrontOpen: true });
    const error = errorOf(() => platform.shop.getSettings(partner, companyNamed('Northwind Commerce Partners GmbH')));
    expect(error.code).toBe('forbidden');
    expect(error.message).toContain('Switch to a client');
  });
});
