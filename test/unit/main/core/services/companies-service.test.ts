import { afterEach, describe, expect, it } from 'vitest';
import { OPERATOR, type Actor } from '../../../../../src-main/core/access';
import type { CompanyCreate } from '../../../../../src-main/core/services/companies-service';
import { openTestPlatform, TEST_PASSWORD_HASH } from '../../../../helpers/platform';
import { errorOf } from '../../../../helpers/fixtures';

const open: { dispose(): void }[] = [];
afterEach(() => open.splice(0).forEach((p) => p.dispose()));

function setup() {
  const platform = openTestPlatform('none');
  open.push(platform);
  const partner = platform.companies.create(OPERATOR, base('Partner GmbH'), { isPartner: true });
  const admin = platform.users.create(OPERATOR, { companyId: partner.id, email: 'admin@partner.example', name: 'Admin', password: 'password1', permissions: [], isAdmin: true, sendWelcomeEmail: false }, { passwordHash: TEST_PASSWORD_HASH });
  const actor: Actor = platform.localUsers.actorOf(admin.id)!;
  return { platform, partner, actor };
}

function base(name: string, extra: Partial<CompanyCreate> = {}): CompanyCreate {
  return { name, email: '', phone: '', street: '', city: '', postalCode: '', country: 'DE', vatId: null, token: null, isSample: false, paymentRoute: 'direct', attestNotAffiliated: true, ...extra };
}


describe('creating client companies', () => {
  it('makes the partner manage the client, records the attestation and opens a shop in the country currency', () => {
    const { platform, partner, actor } = setup();
    const client = platform.companies.create(actor, base('Client SARL', { country: 'FR', vatId: 'fr 12 345678901', paymentRoute: 'via_partner', isSample: true, token: 'ext-42' }));
    expect(client).toMatchObject({ partnerId: partner.id, partnerName: 'Partner GmbH', paymentRoute: 'via_partner', isSample: true, vatId: 'FR12345678901', token: 'ext-42' });
    const attestation = platform.db.prepare('SELECT * FROM partner_attestations WHERE company_id = ?').get(client.id) as { partner_id: number; user_id: number };
    expect(attestation).toMatchObject({ partner_id: partner.id, user_id: actor.kind === 'user' ? actor.userId : -1 });
    expect(platform.repos.shopSettings.get(client.id)).toMatchObject({ currency: 'EUR', default_vat_rate_bp: 2000 });
    expect(platform.repos.shopSettings.get(partner.id)).toBeUndefined();
  });

  it('refuses a bad VAT-ID with the field named and writes nothing', () => {
    const { platform, actor } = setup();
    const before = platform.repos.companies.countAll();
    const error = errorOf(() => platform.companies.create(actor, base('Bad', { vatId: 'DE123' })));
    expect(error.code).toBe('validation_failed');
    expect(Object.keys(error.fields)).toEqual(['vatId']);
    expect(platform.repos.companies.countAll()).toBe(before);
  });

  it('refuses a duplicate token and via_partner without a partner', () => {
    const { platform, actor } = setup();
    platform.companies.create(actor, base('A', { token: 'same' }));
    expect(errorOf(() => platform.companies.create(actor, base('B', { token: 'same' }))).fields).toEqual({ token: ['is already used by another company'] });
    expect(Object.keys(errorOf(() => platform.companies.create(OPERATOR, base('C', { paymentRoute: 'via_partner' }))).fields)).toEqual(['paymentRoute']);
  });

  it('only partners with the clients permission create clients', () => {
    const { platform, actor } = setup();
    const client = platform.companies.create(actor, base('Shop'));
    const shopUser = platform.users.create(OPERATOR, { companyId: client.id, email: 'u@shop.example', name: 'U', password: 'password1', permissions: [], isAdmin: true, sendWelcomeEmail: false }, { passwordHash: TEST_PASSWORD_HASH });
    expect(errorOf(() => platform.companies.create(platform.localUsers.actorOf(shopUser.id)!, base('X'))).code).toBe('forbidden');
    const limited = platform.users.create(actor, { companyId: actor.kind === 'user' ? actor.companyId : 0, email: 'l@partner.example', name: 'L', password: 'password1', permissions: ['reports'], isAdmin: false, sendWelcomeEmail: false }, { passwordHash: TEST_PASSWORD_HASH });
    expect(errorOf(() => platform.companies.create(platform.localUsers.actorOf(limited.id)!, base('Y'))).message).toContain('"clients"');
  });
});

describe('the partner relation', () => {
  it('a partner cannot be made the client of itself or of its own client', () => {
    const { platform, partner, actor } = setup();
    const other = platform.companies.create(OPERATOR, base('Sub-partner'), { isPartner: true, partnerId: partner.id, attestedBy: actor.kind === 'user' ? actor.userId : undefined });
    const selfError = errorOf(() => platform.db.transaction(() => platform.companies.attachToPartner(() => undefined, partner.id, partner.id, OPERATOR))());
    expect(selfError.fields.partnerId[0]).toContain('client of itself');
    const cycle = errorOf(() => platform.db.transaction(() => platform.companies.attachToPartner(() => undefined, partner.id, other.id, OPERATOR))());
    expect(cycle.fields.partnerId[0]).toContain('its own client');
    expect(platform.repos.companies.get(partner.id)!.partner_id).toBeNull();
  });

  it('changing the route or sample flag later is recorded; ending the relation sets Direct and mails both sides', () => {
    const { platform, partner, actor } = setup();
    const client = platform.companies.create(actor, base('Client', { email: 'owner@client.example' }));
    const updated = platform.companies.update(actor, { companyId: client.id, paymentRoute: 'via_partner', isSample: true });
    expect(updated).toMatchObject({ paymentRoute: 'via_partner', isSample: true });
    const audit = platform.repos.audit.listForCompany(client.id).map((a) => a.action);
    expect(audit).toEqual(['company.created', 'company.updated']);
    expect(JSON.parse(platform.repos.audit.listForCompany(client.id)[1].detail)).toMatchObject({ paymentRoute: ['direct', 'via_partner'], isSample: [false, true] });
    const ended = platform.companies.endRelation(actor, client.id);
    expect(ended).toMatchObject({ partnerId: null, paymentRoute: 'direct' });
    const mails = platform.outbox.list(OPERATOR, 10).filter((m) => m.kind === 'partner.relation_ended');
    expect(mails.map((m) => m.to).sort()).toEqual(['admin@partner.example', 'owner@client.example']);
    // The partner no longer sees the company at all.
    expect(errorOf(() => platform.companies.get(actor, client.id)).code).toBe('not_found');
    expect(partner.isPartner).toBe(true);
  });

  it('via_partner cannot be set on a company without a partner, and admin domains are for partners only', () => {
    const { platform, actor } = setup();
    const loner = platform.companies.create(OPERATOR, base('Loner'));
    expect(errorOf(() => platform.companies.update(OPERATOR, { companyId: loner.id, paymentRoute: 'via_partner' })).fields.paymentRoute).toBeDefined();
    expect(errorOf(() => platform.companies.update(OPERATOR, { companyId: loner.id, adminDomain: 'admin.loner.example' })).fields.adminDomain).toBeDefined();
    const own = actor.kind === 'user' ? actor.companyId : 0;
    expect(platform.companies.update(actor, { companyId: own, adminDomain: 'admin.partner.example' }).adminDomain).toBe('admin.partner.example');
  });
});

describe('billing-relevant fields', () => {
  it("only the managing partner changes the sample flag and payment route; the client's own users cannot", () => {
    const { platform, actor } = setup();
    const client = platform.companies.create(actor, base('Client', { paymentRoute: 'via_partner' }));
    const owner = platform.users.create(OPERATOR, { companyId: client.id, email: 'owner@c.example', name: 'O', password: 'password1', permissions: [], isAdmin: true, sendWelcomeEmail: false }, { passwordHash: TEST_PASSWORD_HASH });
    const ownerActor: Actor = platform.localUsers.actorOf(owner.id)!;
    const error = errorOf(() => platform.companies.update(ownerActor, { companyId: client.id, isSample: true, paymentRoute: 'direct' }));
    expect(error.fields).toEqual({
      isSample: ['can only be changed by the partner that manages this company'],
      paymentRoute: ['can only be changed by the partner that manages this company'],
    });
    expect(platform.repos.companies.get(client.id)).toMatchObject({ is_sample: 0, payment_route: 'via_partner' });
    // Sending the unchanged values with other edits is fine (a form sends every field).
    expect(platform.companies.update(ownerActor, { companyId: client.id, name: 'Client Renamed', isSample: false, paymentRoute: 'via_partner' }).name).toBe('Client Renamed');
    expect(platform.companies.update(actor, { companyId: client.id, isSample: true }).isSample).toBe(true);
  });
});

describe('visibility', () => {
  it("a user only ever sees its own company; a partner also sees its clients, never another partner's", () => {
    const { platform, actor } = setup();
    const mine = platform.companies.create(actor, base('Mine'));
    const rival = platform.companies.create(OPERATOR, base('Rival partner'), { isPartner: true });
    const rivalAdmin = platform.users.create(OPERATOR, { companyId: rival.id, email: 'admin@rival.example', name: 'R', password: 'password1', permissions: [], isAdmin: true, sendWelcomeEmail: false }, { passwordHash: TEST_PASSWORD_HASH });
    const theirs = platform.companies.create(OPERATOR, base('Theirs'), { partnerId: rival.id, attestedBy: rivalAdmin.id });
    expect(platform.companies.get(actor, mine.id).name).toBe('Mine');
    expect(errorOf(() => platform.companies.get(actor, theirs.id)).code).toBe('not_found');
    expect(platform.companies.listClients(actor, { search: '', route: 'any', sample: 'any', sort: 'name', direction: 'asc' }).map((c) => c.name)).toEqual(['Mine']);
    const shopUser = platform.users.create(OPERATOR, { companyId: mine.id, email: 'shop@mine.example', name: 'S', password: 'password1', permissions: [], isAdmin: true, sendWelcomeEmail: false }, { passwordHash: TEST_PASSWORD_HASH });
    const shopActor: Actor = platform.localUsers.actorOf(shopUser.id)!;
    const partnerId = actor.kind === 'user' ? actor.companyId : 0;
    expect(errorOf(() => platform.companies.get(shopActor, partnerId)).code).toBe('not_found');
    expect(errorOf(() => platform.users.list(shopActor, partnerId)).code).toBe('not_found');
  });

  it('lists clients with search, filters and sorting', () => {
    const { platform, actor } = setup();
    platform.companies.create(actor, base('Zeta Books', { city: 'Hamburg', isSample: true }));
    platform.companies.create(actor, base('Alpha Coffee', { city: 'Berlin', paymentRoute: 'via_partner' }));
    platform.companies.create(actor, base('Mid 100% Tea', { city: 'Köln' }));
    const list = (f: object) => platform.companies.listClients(actor, { search: '', route: 'any', sample: 'any', sort: 'name', direction: 'asc', ...f }).map((c) => c.name);
    expect(list({})).toEqual(['Alpha Coffee', 'Mid 100% Tea', 'Zeta Books']);
    expect(list({ direction: 'desc' })).toEqual(['Zeta Books', 'Mid 100% Tea', 'Alpha Coffee']);
    expect(list({ search: 'berl' })).toEqual(['Alpha Coffee']);
    expect(list({ search: '100%' })).toEqual(['Mid 100% Tea']);
    expect(list({ search: '%' })).toEqual(['Mid 100% Tea']);
    expect(list({ route: 'via_partner' })).toEqual(['Alpha Coffee']);
    expect(list({ sample: 'sample' })).toEqual(['Zeta Books']);
    expect(list({ sample: 'real', sort: 'city' })).toEqual(['Alpha Coffee', 'Mid 100% Tea']);
    // A development company (an app developer's test company) is its own kind: not real, not sample.
    if (actor.kind !== 'user') throw new Error('a user actor');
    platform.companies.create(OPERATOR, base('Dev Test Shop', { city: 'Aachen' }), { partnerId: actor.companyId, attestedBy: actor.userId, isDevelopment: true });
    expect(list({ sample: 'development' })).toEqual(['Dev Test Shop']);
    expect(list({ sample: 'real', sort: 'city' })).toEqual(['Alpha Coffee', 'Mid 100% Tea']);
    expect(list({})).toEqual(['Alpha Coffee', 'Dev Test Shop', 'Mid 100% Tea', 'Zeta Books']);
  });
});
