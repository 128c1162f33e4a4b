// Console methods for a client's shop data (spec §2): list / get / create / update / delete of every kind
// of object, and the storefront's checkout. All are store functions: they run only while the console acts
// as that very client (never for a partner) and need the admin area's permission (products, orders,
// customers). Lists page with offset/limit in a stable order and report the total the filter matches.
import { z } from 'zod';
import { idSchema as id } from '../inputs';
import { defineSharedArea } from '../area';
import { event, type EventDef } from '../event';
import { method } from '../method';
import {
  accessGroupCreateSchema,
  accessGroupListSchema,
  accessGroupUpdateSchema,
  categoryCreateSchema,
  categoryListSchema,
  categoryUpdateSchema,
  checkoutSchema,
  customerCreateSchema,
  customerListSchema,
  customerUpdateSchema,
  fileCreateSchema,
  fileListSchema,
  fileUpdateSchema,
  groupMemberCreateSchema,
  groupMemberListSchema,
  groupMemberUpdateSchema,
  newsletterRecipientCreateSchema,
  newsletterRecipientListSchema,
  newsletterRecipientUpdateSchema,
  orderCreateSchema,
  orderListSchema,
  orderUpdateSchema,
  productCreateSchema,
  productListSchema,
  productUpdateSchema,
  subscriberCreateSchema,
  subscriberListSchema,
  subscriberUpdateSchema,
  themeCreateSchema,
  themeListSchema,
  themeUpdateSchema,
} from '../shop-inputs';
import type {
  AccessGroup,
  Category,
  ContentFile,
  Customer,
  CustomerDetail,
  DeleteResult,
  GroupMember,
  NewsletterRecipient,
  Order,
  OrderSummary,
  Page,
  Product,
  Subscriber,
  Theme,
} from '../shop-types';

const one = <K extends string>(key: K) => z.object({ companyId: id, [key]: id } as { companyId: typeof id } & Record<K, typeof id>);

export const shopMethods = {
  'products.list': method<Page<Product>>()(productListSchema, 'Products of the shop: search, kind / category / availability filters, sort, page'),
  'products.get': method<Product>()(one('productId'), 'One product with its categories and download file'),
  'products.create': method<Product>()(productCreateSchema, 'Add a physical, digital or service product'),
  'products.update': method<Product>()(productUpdateSchema, 'Change a product (the kind stays)'),
  'products.delete': method<DeleteResult>()(one('productId'), 'Delete a product (orders keep their line snapshots)'),

  'categories.list': method<Page<Category>>()(categoryListSchema, 'Product categories with their product counts'),
  'categories.get': method<Category>()(one('categoryId'), 'One category'),
  'categories.create': method<Category>()(categoryCreateSchema, 'Add a category (names are unique per shop)'),
  'categories.update': method<Category>()(categoryUpdateSchema, 'Rename or describe a category'),
  'categories.delete': method<DeleteResult>()(one('categoryId'), 'Delete a category (its products stay)'),

  'customers.list': method<Page<Customer>>()(customerListSchema, 'Customers: search by name, email or city, country filter'),
  'customers.get': method<CustomerDetail>()(one('customerId'), 'One customer with order count, spend per currency and recent orders'),
  'customers.create': method<Customer>()(customerCreateSchema, 'Add a customer (emails are unique per shop)'),
  'customers.update': method<Customer>()(customerUpdateSchema, "Change a customer's data"),
  'customers.delete': method<DeleteResult>()(one('customerId'), 'Delete a customer without orders'),

  'orders.list': method<Page<OrderSummary>>()(orderListSchema, 'Orders, newest first: status, customer and date filters, search by number or customer'),
  'orders.get': method<Order>()(one('orderId'), 'One order with its lines'),
  'orders.create': method<Order>()(orderCreateSchema, 'Enter a manual order for an existing customer'),
  'orders.update': method<Order>()(orderUpdateSchema, "Change an order's status, lines or note"),
  'orders.delete': method<DeleteResult>()(one('orderId'), 'Delete a pending or cancelled order'),

  'subscribers.list': method<Page<Subscriber>>()(subscriberListSchema, 'Subscribers of subscription products'),
  'subscribers.get': method<Subscriber>()(one('subscriberId'), 'One subscriber'),
  'subscribers.create': method<Subscriber>()(subscriberCreateSchema, 'Add a subscriber'),
  'subscribers.update': method<Subscriber>()(subscriberUpdateSchema, 'Change a subscriber (status, product, period)'),
  'subscribers.delete': method<DeleteResult>()(one('subscriberId'), 'Delete a subscriber'),

  'accessGroups.list': method<Page<AccessGroup>>()(accessGroupListSchema, 'Access groups with their member counts'),
  'accessGroups.get': method<AccessGroup>()(one('groupId'), 'One access group'),
  'accessGroups.create': method<AccessGroup>()(accessGroupCreateSchema, 'Add an access group'),
  'accessGroups.update': method<AccessGroup>()(accessGroupUpdateSchema, 'Rename or describe an access group'),
  'accessGroups.delete': method<DeleteResult>()(one('groupId'), 'Delete an access group and its members'),

  'groupMembers.list': method<Page<GroupMember>>()(groupMemberListSchema, 'Members of the access groups (filter by group)'),
  'groupMembers.get': method<GroupMember>()(one('memberId'), 'One group member'),
  'groupMembers.create': method<GroupMember>()(groupMemberCreateSchema, 'Add a member to an access group'),
  'groupMembers.update': method<GroupMember>()(groupMemberUpdateSchema, 'Change a member (group, email, expiry)'),
  'groupMembers.delete': method<DeleteResult>()(one('memberId'), 'Remove a member from its group'),

  'newsletterRecipients.list': method<Page<NewsletterRecipient>>()(newsletterRecipientListSchema, 'Newsletter recipients'),
  'newsletterRecipients.get': method<NewsletterRecipient>()(one('recipientId'), 'One newsletter recipient'),
  'newsletterRecipients.create': method<NewsletterRecipient>()(newsletterRecipientCreateSchema, 'Add a newsletter recipient'),
  'newsletterRecipients.update': method<NewsletterRecipient>()(newsletterRecipientUpdateSchema, 'Change a recipient (opt in / out)'),
  'newsletterRecipients.delete': method<DeleteResult>()(one('recipientId'), 'Delete a newsletter recipient'),

  'themes.list': method<Page<Theme>>()(themeListSchema, 'Themes of the shop (one is active)'),
  'themes.get': method<Theme>()(one('themeId'), 'One theme with its settings'),
  'themes.create': method<Theme>()(themeCreateSchema, 'Add a theme, optionally making it the active one'),
  'themes.update': method<Theme>()(themeUpdateSchema, 'Change a theme; isActive: true activates it'),
  'themes.delete': method<DeleteResult>()(one('themeId'), 'Delete a theme'),

  'files.list': method<Page<ContentFile>>()(fileListSchema, 'Content files (metadata): search, MIME-type filter'),
  'files.get': method<ContentFile>()(one('fileId'), 'One file'),
  'files.create': method<ContentFile>()(fileCreateSchema, "Register a file's metadata (name, MIME type, size, SHA-256)"),
  'files.update': method<ContentFile>()(fileUpdateSchema, "Change a file's metadata"),
  'files.delete': method<DeleteResult>()(one('fileId'), 'Delete a file no product offers as its download'),

  'checkout.place': method<Order>()(
    checkoutSchema,
    'The storefront: place a paid order as a customer (refused for sample companies and closed storefronts)',
  ),
} as const;

/** A change to one object of a client's shop (the console refreshes the lists that show it). */
export interface ShopObjectEvent {
  companyId: number;
  id: number;
}

/** Shop data events, named noun.verb. They feed the webhooks of spec §5 through the transactional outbox, so
 * services emit them inside the transaction. */
export const SHOP_EVENT_NAMES = [
  'product.created', 'product.updated', 'product.deleted',
  'category.created', 'category.updated', 'category.deleted',
  'customer.created', 'customer.updated', 'customer.deleted',
  'order.created', 'order.updated', 'order.deleted',
  'subscriber.created', 'subscriber.updated', 'subscriber.deleted',
  'access_group.created', 'access_group.updated', 'access_group.deleted',
  'group_member.created', 'group_member.updated', 'group_member.deleted',
  'news_recipient.created', 'news_recipient.updated', 'news_recipient.deleted',
  'theme.created', 'theme.updated', 'theme.deleted',
  'file.created', 'file.updated', 'file.deleted',
] as const;
export type ShopEventName = (typeof SHOP_EVENT_NAMES)[number];

export const shopEvents = Object.fromEntries(SHOP_EVENT_NAMES.map((name) => [name, event<ShopObjectEvent>()('pushed')])) as {
  readonly [E in ShopEventName]: EventDef<ShopObjectEvent, 'pushed'>;
};

export const shopArea = defineSharedArea({ name: 'shop', methods: shopMethods, events: shopEvents });
