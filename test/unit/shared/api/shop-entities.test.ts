// The one entity table (src-shared/api/shop-entities.ts): its names follow the one rule, and every place that
// lists the shop's objects is derived from it.
import { describe, expect, it } from 'vitest';
import { methods } from '../../../../src-shared/api/contract';
import { EVENTS } from '../../../../src-shared/api/event-catalogue';
import {
  entityIdKey,
  entityNouns,
  entityOfEvent,
  entityWireNames,
  SHOP_ENTITIES,
  SHOP_ENTITY_KEYS,
  SHOP_EVENT_NAMES,
  shopExportSchema,
} from '../../../../src-shared/api/shop-entities';
import { WEBHOOK_TOPIC_OF_EVENT } from '../../../../src-shared/domain/webhooks';

describe('shop entity table', () => {
  it('names every id field <singular>Id and every event prefix the snake_case singular', () => {
    expect(SHOP_ENTITY_KEYS.map(entityIdKey)).toEqual([
      'productId', 'categoryId', 'customerId', 'orderId', 'subscriberId', 'accessGroupId', 'groupMemberId', 'newsletterRecipientId', 'themeId', 'fileId',
    ]);
    expect(SHOP_EVENT_NAMES.filter((n) => n.endsWith('.created'))).toEqual([
      'product.created', 'category.created', 'customer.created', 'order.created', 'subscriber.created', 'access_group.created', 'group_member.created',
      'newsletter_recipient.created', 'theme.created', 'file.created',
    ]);
    expect(entityNouns('newsletterRecipients')).toEqual({ one: 'newsletter recipient', many: 'newsletter recipients' });
    expect(entityWireNames('products')).toEqual({ plural: 'products', singular: 'product' });
  });

  it('gives every entity its five console methods, with the id field in get, update and delete', () => {
    for (const entity of SHOP_ENTITY_KEYS) {
      const idKey = entityIdKey(entity);
      for (const verb of ['list', 'get', 'create', 'update', 'delete']) expect(methods, `${entity}.${verb}`).toHaveProperty([`${entity}.${verb}`]);
      expect(methods[`${entity}.get`].input.safeParse({ companyId: 1, [idKey]: 2 }).success).toBe(true);
      expect(methods[`${entity}.delete`].input.safeParse({ companyId: 1 }).success).toBe(false);
      expect(Object.keys((SHOP_ENTITIES[entity].schemas.update as unknown as { shape: object }).shape)).toContain(idKey);
      expect(methods[`${entity}.list`].input).toBe(SHOP_ENTITIES[entity].schemas.list);
    }
  });

  it('puts every entity event into the catalogue and finds the entity of an event', () => {
    for (const name of SHOP_EVENT_NAMES) expect(EVENTS[name].kind).toBe('pushed');
    expect(entityOfEvent('newsletter_recipient.deleted')).toBe('newsletterRecipients');
    expect(entityOfEvent('access_group.updated')).toBe('accessGroups');
    expect(entityOfEvent('company.updated')).toBeNull();
  });

  it('keeps the spec\'s webhook topic names while the events follow the table', () => {
    expect(WEBHOOK_TOPIC_OF_EVENT['newsletter_recipient.created'].topic).toBe('newsrecipient/create');
    for (const name of Object.keys(WEBHOOK_TOPIC_OF_EVENT)) expect(Object.keys(EVENTS)).toContain(name);
  });

  it('exports every list with its own filter', () => {
    for (const table of SHOP_ENTITY_KEYS) expect(shopExportSchema.safeParse({ table, filter: { companyId: 1 } }).success, table).toBe(true);
    expect(shopExportSchema.safeParse({ table: 'orders', filter: { companyId: 1, status: 'nope' } }).success).toBe(false);
  });
});
