// SQL for the people a shop reaches besides its customers: subscribers (of a subscription product),
// access groups and their members, and newsletter recipients.
import type { Db } from '../db/database';
import type { NewsletterStatus, SubscriberStatus } from '../../../src-shared/domain/shop';
import { createTableWriter, likePattern, type ListQuery, type NamedShopRow, type TableWriter } from './table-access';

export interface SubscriberRow {
  id: number;
  company_id: number;
  email: string;
  name: string;
  product_id: number | null;
  status: SubscriberStatus;
  started_at: number;
  ends_at: number | null;
  created_at: number;
  updated_at: number;
}

export interface SubscriberListRow extends SubscriberRow {
  product_name: string | null;
}

export type AccessGroupRow = NamedShopRow;

export interface AccessGroupListRow extends AccessGroupRow {
  member_count: number;
}

export interface GroupMemberRow {
  id: number;
  company_id: number;
  group_id: number;
  email: string;
  name: string;
  expires_at: number | null;
  created_at: number;
  updated_at: number;
}

export interface GroupMemberListRow extends GroupMemberRow {
  group_name: string;
}

export interface NewsletterRecipientRow {
  id: number;
  company_id: number;
  email: string;
  name: string;
  language: string;
  status: NewsletterStatus;
  subscribed_at: number | null;
  unsubscribed_at: number | null;
  created_at: number;
  updated_at: number;
}

interface BaseFilter {
  companyId: number;
  search: string;
  direction: 'asc' | 'desc';
}

export interface SubscriberFilter extends BaseFilter {
  status?: SubscriberStatus;
  productId?: number;
  sort: 'email' | 'name' | 'status' | 'startedAt' | 'createdAt';
}
export interface AccessGroupFilter extends BaseFilter {
  sort: 'name' | 'members' | 'createdAt';
}
export interface GroupMemberFilter extends BaseFilter {
  groupId?: number;
  sort: 'email' | 'name' | 'group' | 'expiresAt' | 'createdAt';
}
export interface NewsletterFilter extends BaseFilter {
  status?: NewsletterStatus;
  sort: 'email' | 'name' | 'status' | 'createdAt';
}

const SEARCH_PEOPLE = (alias: string) => `(${alias}.email LIKE @like ESCAPE '\\' OR ${alias}.name LIKE @like ESCAPE '\\')`;

export interface AudienceRepository {
  subscribers: TableWriter<SubscriberRow>;
  accessGroups: TableWriter<AccessGroupRow>;
  groupMembers: TableWriter<GroupMemberRow>;
  newsletterRecipients: TableWriter<NewsletterRecipientRow>;
  getSubscriber(companyId: number, id: number): SubscriberListRow | undefined;
  findSubscriber(companyId: number, email: string, productId: number | null): SubscriberRow | undefined;
  subscriberQuery(filter: SubscriberFilter): ListQuery;
  getGroup(companyId: number, id: number): AccessGroupListRow | undefined;
  findGroupByName(companyId: number, name: string): AccessGroupRow | undefined;
  groupQuery(filter: AccessGroupFilter): ListQuery;
  memberIdsOfGroup(groupId: number): number[];
  getMember(companyId: number, id: number): GroupMemberListRow | undefined;
  findMember(groupId: number, email: string): GroupMemberRow | undefined;
  memberQuery(filter: GroupMemberFilter): ListQuery;
  getRecipient(companyId: number, id: number): NewsletterRecipientRow | undefined;
  findRecipient(companyId: number, email: string): NewsletterRecipientRow | undefined;
  recipientQuery(filter: NewsletterFilter): ListQuery;
}

export function createAudienceRepository(db: Db): AudienceRepository {
  const subscriberSelect = 's.*, p.name AS product_name';
  const subscriberFrom = 'subscribers s LEFT JOIN products p ON p.id = s.product_id';
  const getSubscriber = db.prepare<[number, number], SubscriberListRow>(`SELECT ${subscriberSelect} FROM ${subscriberFrom} WHERE s.id = ? AND s.company_id = ?`);
  const findSubscriber = db.prepare<[number, string, number], SubscriberRow>(
    'SELECT * FROM subscribers WHERE company_id = ? AND email = ? AND IFNULL(product_id, 0) = ?',
  );
  const groupSelect = 'g.*, (SELECT COUNT(*) FROM group_members m WHERE m.group_id = g.id) AS member_count';
  const getGroup = db.prepare<[number, number], AccessGroupListRow>(`SELECT ${groupSelect} FROM access_groups g WHERE g.id = ? AND g.company_id = ?`);
  const groupByName = db.prepare<[number, string], AccessGroupRow>('SELECT * FROM access_groups WHERE company_id = ? AND name = ? COLLATE NOCASE');
  const memberIds = db.prepare<[number], number>('SELECT id FROM group_members WHERE group_id = ? ORDER BY id').pluck();
  const memberSelect = 'm.*, g.name AS group_name';
  const memberFrom = 'group_members m JOIN access_groups g ON g.id = m.group_id';
  const getMember = db.prepare<[number, number], GroupMemberListRow>(`SELECT ${memberSelect} FROM ${memberFrom} WHERE m.id = ? AND m.company_id = ?`);
  const findMember = db.prepare<[number, string], GroupMemberRow>('SELECT * FROM group_members WHERE group_id = ? AND email = ?');
  const getRecipient = db.prepare<[number, number], NewsletterRecipientRow>('SELECT * FROM newsletter_recipients WHERE id = ? AND company_id = ?');
  const findRecipient = db.prepare<[number, string], NewsletterRecipientRow>('SELECT * FROM newsletter_recipients WHERE company_id = ? AND email = ?');

  return {
    subscribers: createTableWriter<SubscriberRow>(db, 'subscribers', [
      'company_id', 'email', 'name', 'product_id', 'status', 'started_at', 'ends_at', 'created_at', 'updated_at',
    ]),
    accessGroups: createTableWriter<AccessGroupRow>(db, 'access_groups', ['company_id', 'name', 'description', 'created_at', 'updated_at']),
    groupMembers: createTableWriter<GroupMemberRow>(db, 'group_members', [
      'company_id', 'group_id', 'email', 'name', 'expires_at', 'created_at', 'updated_at',
    ]),
    newsletterRecipients: createTableWriter<NewsletterRecipientRow>(db, 'newsletter_recipients', [
      'company_id', 'email', 'name', 'language', 'status', 'subscribed_at', 'unsubscribed_at', 'created_at', 'updated_at',
    ]),
    getSubscriber: (companyId, id) => getSubscriber.get(id, companyId),
    findSubscriber: (companyId, email, productId) => findSubscriber.get(companyId, email, productId ?? 0),
    subscriberQuery(filter) {
      const where = ['s.company_id = @companyId'];
      if (filter.status) where.push('s.status = @status');
      if (filter.productId !== undefined) where.push('s.product_id = @productId');
      if (filter.search) where.push(SEARCH_PEOPLE('s'));
      // By email: then by product, as the unique index orders them.
      const sort = { email: ['s.email', 'IFNULL(s.product_id, 0)'], name: ['s.name COLLATE NOCASE'], status: ['s.status'], startedAt: ['s.started_at'], createdAt: ['s.created_at'] }[filter.sort];
      return {
        select: subscriberSelect,
        from: subscriberFrom,
        where,
        orderBy: sort,
        tieBreak: 's.id',
        direction: filter.direction,
        params: { companyId: filter.companyId, status: filter.status, productId: filter.productId, like: likePattern(filter.search) },
      };
    },
    getGroup: (companyId, id) => getGroup.get(id, companyId),
    findGroupByName: (companyId, name) => groupByName.get(companyId, name),
    groupQuery(filter) {
      const sort = { name: 'g.name COLLATE NOCASE', members: 'member_count', createdAt: 'g.created_at' }[filter.sort];
      return {
        select: groupSelect,
        from: 'access_groups g',
        where: ['g.company_id = @companyId', ...(filter.search ? [`g.name LIKE @like ESCAPE '\\'`] : [])],
        orderBy: [sort],
        tieBreak: 'g.id',
        direction: filter.direction,
        params: { companyId: filter.companyId, like: likePattern(filter.search) },
      };
    },
    memberIdsOfGroup: (groupId) => memberIds.all(groupId),
    getMember: (companyId, id) => getMember.get(id, companyId),
    findMember: (groupId, email) => findMember.get(groupId, email),
    memberQuery(filter) {
      const where = ['m.company_id = @companyId'];
      if (filter.groupId !== undefined) where.push('m.group_id = @groupId');
      if (filter.search) where.push(SEARCH_PEOPLE('m'));
      const sort = { email: 'm.email', name: 'm.name COLLATE NOCASE', group: 'g.name COLLATE NOCASE', expiresAt: 'm.expires_at', createdAt: 'm.created_at' }[filter.sort];
      return {
        select: memberSelect,
        from: memberFrom,
        where,
        orderBy: [sort],
        tieBreak: 'm.id',
        direction: filter.direction,
        params: { companyId: filter.companyId, groupId: filter.groupId, like: likePattern(filter.search) },
      };
    },
    getRecipient: (companyId, id) => getRecipient.get(id, companyId),
    findRecipient: (companyId, email) => findRecipient.get(companyId, email),
    recipientQuery(filter) {
      const where = ['n.company_id = @companyId'];
      if (filter.status) where.push('n.status = @status');
      if (filter.search) where.push(SEARCH_PEOPLE('n'));
      const sort = { email: 'n.email', name: 'n.name COLLATE NOCASE', status: 'n.status', createdAt: 'n.created_at' }[filter.sort];
      return {
        select: 'n.*',
        from: 'newsletter_recipients n',
        where,
        orderBy: [sort],
        tieBreak: 'n.id',
        direction: filter.direction,
        params: { companyId: filter.companyId, status: filter.status, like: likePattern(filter.search) },
      };
    },
  };
}
