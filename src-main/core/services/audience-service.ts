// The people a shop reaches besides its customers (spec §2): subscribers of subscription products,
// access groups and their members (who may open protected content), and newsletter recipients. Each
// change emits subscriber.* / group_member.* / newsletter_recipient.* (webhook topics of spec §5) inside
// its transaction; deleting a group removes its members one by one, each with its own event.
import { ApiError } from '../../../src-shared/api/errors';
import type { AccessGroup, GroupMember, NewsletterRecipient, Subscriber } from '../../../src-shared/api/shop-types';
import type {
  AccessGroupListRow,
  AccessGroupRow,
  GroupMemberListRow,
  GroupMemberRow,
  NewsletterRecipientRow,
  SubscriberListRow,
  SubscriberRow,
} from '../repositories/audience-repository';
import { toAccessGroup, toGroupMember, toNewsletterRecipient, toSubscriber } from '../shop-mappers';
import type { ServiceContext } from './service-context';
import { definedOnly, fieldError, type OpenShop } from './shop-access';
import { createShopEntityService, type EntityServiceOf } from './shop-entity';

export interface AudienceService {
  subscribers: EntityServiceOf<'subscribers', Subscriber>;
  accessGroups: EntityServiceOf<'accessGroups', AccessGroup>;
  groupMembers: EntityServiceOf<'groupMembers', GroupMember>;
  newsletterRecipients: EntityServiceOf<'newsletterRecipients', NewsletterRecipient>;
}

export function createAudienceService(ctx: ServiceContext): AudienceService {
  const { repos } = ctx;
  const audience = repos.audience;

  function checkSubscriber(shop: OpenShop, values: { email: string; productId: number | null; startedAt: number; endsAt: number | null }, id: number | null): void {
    const problems: Record<string, string[]> = {};
    const product = values.productId === null ? undefined : repos.catalog.getProduct(shop.company.id, values.productId);
    if (values.productId !== null && !product) problems.productId = [`product ${values.productId} does not exist in this shop`];
    const other = audience.findSubscriber(shop.company.id, values.email, values.productId);
    if (other && other.id !== id) problems.email = [product ? `is already subscribed to "${product.name}"` : 'is already a subscriber of this shop'];
    if (values.endsAt !== null && values.endsAt < values.startedAt) problems.endsAt = ['must not be before startedAt'];
    if (Object.keys(problems).length > 0) throw ApiError.validation(problems);
  }

  const subscribers = createShopEntityService<'subscribers', SubscriberRow, SubscriberListRow, Subscriber>(ctx, {
    entity: 'subscribers',
    writer: audience.subscribers,
    get: audience.getSubscriber,
    query: (companyId, filter) => audience.subscriberQuery({ ...filter, companyId }),
    toDto: (row, shop) => toSubscriber(row, shop.isDemo),
    checkCreate: (shop, input) => checkSubscriber(shop, { ...input, startedAt: input.startedAt ?? ctx.clock.now() }, null),
    toRow: (shop, input, now) => ({
      company_id: shop.company.id,
      email: input.email,
      name: input.name,
      product_id: input.productId,
      status: input.status,
      started_at: input.startedAt ?? now,
      ends_at: input.endsAt,
      created_at: now,
      updated_at: now,
    }),
    checkPatch: (shop, existing, patch) =>
      checkSubscriber(
        shop,
        {
          email: patch.email ?? existing.email,
          productId: patch.productId !== undefined ? patch.productId : existing.product_id,
          startedAt: patch.startedAt ?? existing.started_at,
          endsAt: patch.endsAt !== undefined ? patch.endsAt : existing.ends_at,
        },
        existing.id,
      ),
    toPatch: (_existing, patch) =>
      definedOnly({ email: patch.email, name: patch.name, product_id: patch.productId, status: patch.status, started_at: patch.startedAt, ends_at: patch.endsAt }),
  });

  const checkGroupName = (shop: OpenShop, name: string | undefined, id: number | null) => {
    if (name === undefined) return;
    const other = audience.findGroupByName(shop.company.id, name);
    if (other && other.id !== id) throw fieldError('name', 'is already used by another access group');
  };

  const accessGroups = createShopEntityService<'accessGroups', AccessGroupRow, AccessGroupListRow, AccessGroup>(ctx, {
    entity: 'accessGroups',
    writer: audience.accessGroups,
    get: audience.getGroup,
    query: (companyId, filter) => audience.groupQuery({ ...filter, companyId }),
    toDto: (row, shop) => toAccessGroup(row, shop.isDemo),
    checkCreate: (shop, input) => checkGroupName(shop, input.name, null),
    toRow: (shop, input, now) => ({ company_id: shop.company.id, name: input.name, description: input.description, created_at: now, updated_at: now }),
    checkPatch: (shop, existing, patch) => checkGroupName(shop, patch.name, existing.id),
    toPatch: (_existing, patch) => definedOnly({ name: patch.name, description: patch.description }),
    beforeDelete(emit, shop, row) {
      for (const memberId of audience.memberIdsOfGroup(row.id)) {
        audience.groupMembers.remove(memberId);
        emit('group_member.deleted', { companyId: shop.company.id, id: memberId });
      }
    },
  });

  function checkMember(shop: OpenShop, groupId: number, email: string, id: number | null): void {
    const group = audience.getGroup(shop.company.id, groupId);
    if (!group) throw fieldError('groupId', `access group ${groupId} does not exist in this shop`);
    const other = audience.findMember(groupId, email);
    if (other && other.id !== id) throw fieldError('email', `is already a member of "${group.name}"`);
  }

  const groupMembers = createShopEntityService<'groupMembers', GroupMemberRow, GroupMemberListRow, GroupMember>(ctx, {
    entity: 'groupMembers',
    writer: audience.groupMembers,
    get: audience.getMember,
    query: (companyId, filter) => audience.memberQuery({ ...filter, companyId }),
    toDto: (row, shop) => toGroupMember(row, shop.isDemo),
    checkCreate: (shop, input) => checkMember(shop, input.groupId, input.email, null),
    toRow: (shop, input, now) => ({
      company_id: shop.company.id,
      group_id: input.groupId,
      email: input.email,
      name: input.name,
      expires_at: input.expiresAt,
      created_at: now,
      updated_at: now,
    }),
    checkPatch: (shop, existing, patch) => checkMember(shop, patch.groupId ?? existing.group_id, patch.email ?? existing.email, existing.id),
    toPatch: (_existing, patch) => definedOnly({ group_id: patch.groupId, email: patch.email, name: patch.name, expires_at: patch.expiresAt }),
  });

  const checkRecipient = (shop: OpenShop, email: string | undefined, id: number | null) => {
    if (email === undefined) return;
    const other = audience.findRecipient(shop.company.id, email);
    if (other && other.id !== id) throw fieldError('email', 'is already a newsletter recipient of this shop');
  };

  const newsletterRecipients = createShopEntityService<'newsletterRecipients', NewsletterRecipientRow, NewsletterRecipientRow, NewsletterRecipient>(ctx, {
    entity: 'newsletterRecipients',
    writer: audience.newsletterRecipients,
    get: audience.getRecipient,
    query: (companyId, filter) => audience.recipientQuery({ ...filter, companyId }),
    toDto: (row, shop) => toNewsletterRecipient(row, shop.isDemo),
    checkCreate: (shop, input) => checkRecipient(shop, input.email, null),
    toRow: (shop, input, now) => ({
      company_id: shop.company.id,
      email: input.email,
      name: input.name,
      language: input.language,
      status: input.status,
      subscribed_at: input.status === 'subscribed' ? now : null,
      unsubscribed_at: input.status === 'unsubscribed' ? now : null,
      created_at: now,
      updated_at: now,
    }),
    checkPatch: (shop, existing, patch) => checkRecipient(shop, patch.email, existing.id),
    toPatch: (existing, patch, now) => ({
      ...definedOnly({ email: patch.email, name: patch.name, language: patch.language, status: patch.status }),
      // The time of the latest opt-in and opt-out.
      ...(patch.status !== undefined && patch.status !== existing.status
        ? patch.status === 'subscribed'
          ? { subscribed_at: now }
          : { unsubscribed_at: now }
        : {}),
    }),
  });

  return { subscribers, accessGroups, groupMembers, newsletterRecipients };
}
