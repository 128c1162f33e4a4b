// The audience service: subscribers, access groups and their members, newsletter recipients.
import { describe, expect, it } from 'vitest';
import { OPERATOR } from '../../../../../src-main/core/access';
import { groupMemberCreateSchema, subscriberCreateSchema } from '../../../../../src-shared/api/shop-inputs';
import { parseInput } from '../../../../../src-shared/api/validation';
import { errorOf, FIRST_PAGE as page, openShopForTest, withoutCompany as strip } from '../../../../helpers/shop';

function setup() {
  const shop = openShopForTest();
  return { ...shop, companyId: shop.newClient() };
}

describe('subscribers', () => {
  it('one subscription per email and product; the end may not precede the start; events name the object', () => {
    const { platform, partner, companyId, recordEvents } = setup();
    const plan = platform.catalog.createProduct(OPERATOR, companyId, { kind: 'service', name: 'Coffee club', sku: '', description: '', priceMinor: 1500, isActive: true, categoryIds: [] } as never);
    const events = recordEvents();
    const input = strip(parseInput(subscriberCreateSchema, { companyId, email: 'Sub@Example.com', name: 'Sub', productId: plan.id, startedAt: '2026-10-01' }));
    const created = platform.audience.subscribers.create(partner, companyId, input);
    expect(created).toMatchObject({ email: 'sub@example.com', productName: 'Coffee club', status: 'active', startedAt: '2026-10-01T00:00:00.000Z', endsAt: null });
    expect(errorOf(() => platform.audience.subscribers.create(partner, companyId, input)).fields).toEqual({ email: ['is already subscribed to "Coffee club"'] });
    // Without a product it is a different subscription.
    platform.audience.subscribers.create(partner, companyId, { ...input, productId: null });
    expect(errorOf(() => platform.audience.subscribers.update(partner, companyId, created.id, { endsAt: Date.parse('2026-09-01') })).fields).toEqual({ endsAt: ['must not be before startedAt'] });
    const cancelled = platform.audience.subscribers.update(partner, companyId, created.id, { status: 'cancelled', endsAt: Date.parse('2026-12-01') });
    expect(cancelled).toMatchObject({ status: 'cancelled', endsAt: '2026-12-01T00:00:00.000Z' });
    platform.audience.subscribers.delete(partner, companyId, created.id);
    expect(events.map(([name]) => name)).toEqual(['subscriber.created', 'subscriber.created', 'subscriber.updated', 'subscriber.deleted']);
    expect(events[0][1]).toEqual({ companyId, id: created.id });
    expect(platform.audience.subscribers.list(partner, companyId, { ...page, sort: 'email' }).total).toBe(1);
    expect(errorOf(() => parseInput(subscriberCreateSchema, { companyId, email: 'x@y.example', startedAt: '2026-02-30' })).fields.startedAt).toBeDefined();
  });
});

describe('access groups and members', () => {
  it('members belong to a group of the same shop, once per email; deleting a group removes its members with their events', () => {
    const { platform, partner, companyId, newClient, recordEvents } = setup();
    const vip = platform.audience.accessGroups.create(partner, companyId, { name: 'VIP', description: 'Early access' });
    const foreign = platform.audience.accessGroups.create(partner, newClient(), { name: 'VIP', description: '' });
    expect(errorOf(() => platform.audience.accessGroups.create(partner, companyId, { name: 'vip', description: '' })).fields).toEqual({ name: ['is already used by another access group'] });
    const member = (groupId: number, email: string) =>
      platform.audience.groupMembers.create(partner, companyId, strip(parseInput(groupMemberCreateSchema, { companyId, groupId, email, expiresAt: '2027-01-01' })));
    const m1 = member(vip.id, 'one@example.com');
    member(vip.id, 'two@example.com');
    expect(m1).toMatchObject({ groupName: 'VIP', expiresAt: '2027-01-01T00:00:00.000Z' });
    expect(errorOf(() => member(vip.id, 'ONE@example.com')).fields).toEqual({ email: ['is already a member of "VIP"'] });
    expect(errorOf(() => member(foreign.id, 'x@example.com')).fields).toEqual({ groupId: [`access group ${foreign.id} does not exist in this shop`] });
    expect(platform.audience.accessGroups.get(partner, companyId, vip.id).memberCount).toBe(2);
    expect(platform.audience.groupMembers.list(partner, companyId, { ...page, groupId: vip.id, sort: 'email' }).items.map((m) => m.email)).toEqual(['one@example.com', 'two@example.com']);
    const events = recordEvents();
    platform.audience.accessGroups.delete(partner, companyId, vip.id);
    expect(events.map(([name]) => name)).toEqual(['group_member.deleted', 'group_member.deleted', 'access_group.deleted']);
    expect(platform.audience.groupMembers.list(partner, companyId, { ...page, sort: 'email' }).total).toBe(0);
  });
});

describe('newsletter recipients', () => {
  it('records the time of opting in and out', () => {
    const { platform, partner, companyId } = setup();
    const r = platform.audience.newsletterRecipients.create(partner, companyId, { email: 'news@example.com', name: '', language: 'de-AT', status: 'subscribed' });
    expect(r.subscribedAt).toBe(platform.clock.nowIso());
    platform.clock.advance(60_000);
    const out = platform.audience.newsletterRecipients.update(partner, companyId, r.id, { status: 'unsubscribed' });
    expect(out).toMatchObject({ status: 'unsubscribed', subscribedAt: r.subscribedAt, unsubscribedAt: platform.clock.nowIso() });
    expect(errorOf(() => platform.audience.newsletterRecipients.create(partner, companyId, { email: 'news@example.com', name: '', language: 'en', status: 'subscribed' })).fields.email).toBeDefined();
  });
});
