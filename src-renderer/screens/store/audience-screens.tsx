// The shop's audience (#/store/audience/...): subscribers of subscription products, access groups and their
// members, and newsletter recipients — four lists under one tab bar, each with its filters and form.
import type { AccessGroup, GroupMember, NewsletterRecipient, Subscriber } from '../../../src-shared/api/shop-types';
import { NEWSLETTER_STATUSES, SUBSCRIBER_STATUSES, type NewsletterStatus, type SubscriberStatus } from '../../../src-shared/domain/shop';
import type { FieldErrors } from '../../../src-shared/api/errors';
import { useActions } from '../../state/store-context';
import { useActing, useLookup, useShopList } from '../../state/use-shop';
import { DemoBadge, StatusBadge } from '../../ui/badges';
import { SelectField, TextField } from '../../ui/fields';
import { FormDrawer } from '../../ui/form-drawer';
import { formatDate, plural } from '../../ui/format';
import { Avatar } from '../../ui/avatar';
import { FilterSelect, StatusFilter } from '../../ui/search-box';
import { ListWithForm } from './edit-item';
import { StoreTabs, type EntityListConfig } from './entity-list';
import { NamedItemDrawer, namedItemColumns } from './named-item-drawer';
import { useShopItemForm } from './shop-item-form';
import { CountLink, dateColumn } from './store-columns';
import { NameCell } from './store-ui';

const AUDIENCE_TABS = [
  ['subscribers', 'Subscribers', 'tab-subscribers'],
  ['accessGroups', 'Access groups', 'tab-access-groups'],
  ['groupMembers', 'Group members', 'tab-group-members'],
  ['newsletterRecipients', 'Newsletter', 'tab-newsletter'],
] as const;

const day = (iso: string | null | undefined) => (iso ? iso.slice(0, 10) : '');
const personCell = (p: { email: string; name: string; isDemo: boolean }) => (
  <NameCell icon={<Avatar name={p.name || p.email} size={28} round />} title={p.email} sub={p.name || undefined} demo={p.isDemo} />
);

const SUBSCRIBER_LABELS: Record<SubscriberStatus, string> = { active: 'Active', paused: 'Paused', cancelled: 'Cancelled' };
const NEWSLETTER_LABELS: Record<NewsletterStatus, string> = { subscribed: 'Subscribed', unsubscribed: 'Unsubscribed' };

// ---- Subscribers ------------------------------------------------------------------------------------

const SUBSCRIBERS: EntityListConfig<'subscribers'> = {
  entity: 'subscribers',
  icon: 'users',
  tabs: <StoreTabs current="subscribers" tabs={AUDIENCE_TABS} />,
  columns: [
    { id: 'email', header: 'Subscriber', sort: 'email', width: 'minmax(240px, 2.4fr)', minWidth: 240, cell: personCell },
    { id: 'product', header: 'Product', width: 'minmax(140px, 1.4fr)', minWidth: 140, priority: 2, cell: (s: Subscriber) => s.productName ?? <span className="muted">—</span> },
    {
      id: 'status',
      header: 'Status',
      sort: 'status',
      width: '110px',
      minWidth: 110,
      cell: (s: Subscriber) => <StatusBadge tone={s.status === 'active' ? 'on' : s.status === 'paused' ? 'warn' : 'off'}>{SUBSCRIBER_LABELS[s.status]}</StatusBadge>,
    },
    dateColumn<Subscriber>({ id: 'started', header: 'Started', sort: 'startedAt', firstDirection: 'desc' }, (s) => s.startedAt),
    dateColumn<Subscriber>({ id: 'ends', header: 'Ends', priority: 2 }, (s) => s.endsAt, 'Open-ended'),
  ],
  searchPlaceholder: 'Search email or name…',
  filters: (filter, set) => <StatusFilter statuses={SUBSCRIBER_STATUSES} labelOf={(s) => SUBSCRIBER_LABELS[s]} value={filter.status} onChange={(status) => set({ status })} />,
  newLabel: 'New subscriber',
  emptyTitle: 'No subscribers yet',
  emptyBody: <p>Subscribers receive a subscription product for a period. Add them here or let the storefront add them.</p>,
  testId: 'subscribers',
};

interface SubscriberValues {
  email: string;
  name: string;
  productId: string;
  status: SubscriberStatus;
  startedAt: string;
  endsAt: string;
}

function SubscriberDrawer({ subscriber, onClose }: { subscriber: Subscriber | null; onClose: () => void }) {
  const acting = useActing();
  const actions = useActions();
  const products = useLookup('products');
  const companyId = acting?.id ?? 0;
  const toInput = (v: SubscriberValues) => ({
    companyId,
    email: v.email,
    name: v.name,
    productId: v.productId === '' ? null : Number(v.productId),
    status: v.status,
    startedAt: v.startedAt === '' ? undefined : v.startedAt,
    endsAt: v.endsAt === '' ? null : v.endsAt,
  });
  const { form, save } = useShopItemForm(
    'subscribers',
    subscriber,
    {
      email: subscriber?.email ?? '',
      name: subscriber?.name ?? '',
      productId: subscriber?.productId != null ? String(subscriber.productId) : '',
      status: subscriber?.status ?? 'active',
      startedAt: day(subscriber?.startedAt),
      endsAt: day(subscriber?.endsAt),
    },
    toInput,
    { extra: endAfterStart },
  );
  return (
    <FormDrawer
      form={form}
      testId="subscriber-form"
      isNew={!subscriber}
      title={subscriber ? subscriber.email : 'New subscriber'}
      subtitle={subscriber ? `Subscribed since ${formatDate(subscriber.startedAt)}` : 'A customer who receives a subscription product.'}
      badges={subscriber?.isDemo && <DemoBadge />}
      submitLabel={subscriber ? undefined : 'Add subscriber'}
      onClose={onClose}
      onSubmit={async (v) => {
        await save(v);
      }}
      deleteAction={subscriber ? { what: `the subscriber ${subscriber.email}`, run: () => actions.deleteShopItem('subscribers', subscriber.id, `the subscriber ${subscriber.email}`) } : undefined}
    >
      <div className="form-grid">
        <TextField form={form} name="email" label="Email" type="email" required className="span-2" />
        <TextField form={form} name="name" label="Name" className="span-2" />
        <SelectField
          form={form}
          name="productId"
          label="Product"
          className="span-2"
          options={[{ value: '', label: 'No product' }, ...products.items.map((p) => ({ value: String(p.id), label: p.name }))]}
        />
        <SelectField form={form} name="status" label="Status" options={SUBSCRIBER_STATUSES.map((s) => ({ value: s, label: SUBSCRIBER_LABELS[s] }))} />
        <span />
        <TextField form={form} name="startedAt" label="Started" type="date" hint={subscriber ? undefined : 'Empty: today.'} />
        <TextField form={form} name="endsAt" label="Ends" type="date" hint="Empty: until cancelled." />
      </div>
    </FormDrawer>
  );
}

function endAfterStart(v: { startedAt?: string; endsAt?: string; expiresAt?: string }): FieldErrors {
  if (v.startedAt && v.endsAt && v.endsAt < v.startedAt) return { endsAt: ['must be on or after the start'] };
  return {};
}

// ---- Access groups ----------------------------------------------------------------------------------

const ACCESS_GROUPS: EntityListConfig<'accessGroups'> = {
  entity: 'accessGroups',
  icon: 'users',
  tabs: <StoreTabs current="accessGroups" tabs={AUDIENCE_TABS} />,
  columns: namedItemColumns<AccessGroup>(
    { header: 'Access group', icon: 'key' },
    {
      id: 'members',
      header: 'Members',
      cell: (g) => <CountLink count={g.memberCount} list="groupMembers" filter={{ groupId: g.id, search: '' }} testId="group-members" />,
    },
  ),
  searchPlaceholder: 'Search access groups…',
  newLabel: 'New access group',
  emptyTitle: 'No access groups yet',
  emptyBody: <p>Access groups open members-only content and prices to the people in them.</p>,
  testId: 'access-groups',
};

function AccessGroupDrawer({ group, onClose }: { group: AccessGroup | null; onClose: () => void }) {
  return (
    <NamedItemDrawer
      entity="accessGroups"
      item={group}
      texts={{
        noun: 'access group',
        subtitle: group ? plural(group.memberCount, 'member', 'members') : 'Members of a group see its members-only content and prices.',
        consequence: group && group.memberCount > 0 ? `Its ${plural(group.memberCount, 'member is', 'members are')} removed too.` : undefined,
        testId: 'access-group-form',
      }}
      onClose={onClose}
    />
  );
}

// ---- Group members ----------------------------------------------------------------------------------

function GroupFilter({ value, set }: { value: number | undefined; set: (groupId: number | undefined) => void }) {
  const groups = useLookup('accessGroups');
  return (
    <FilterSelect
      label="Group"
      value={value ? String(value) : ''}
      onChange={(id) => set(id === '' ? undefined : Number(id))}
      options={[{ value: '', label: 'Any' }, ...groups.items.map((g) => ({ value: String(g.id), label: g.name }))]}
      testId="filter-group"
    />
  );
}

const GROUP_MEMBERS: EntityListConfig<'groupMembers'> = {
  entity: 'groupMembers',
  icon: 'users',
  tabs: <StoreTabs current="groupMembers" tabs={AUDIENCE_TABS} />,
  columns: [
    { id: 'email', header: 'Member', sort: 'email', width: 'minmax(240px, 2.4fr)', minWidth: 240, cell: personCell },
    { id: 'group', header: 'Group', sort: 'group', width: 'minmax(140px, 1.4fr)', minWidth: 140, cell: (m: GroupMember) => m.groupName },
    dateColumn<GroupMember>({ id: 'expires', header: 'Expires', sort: 'expiresAt' }, (m) => m.expiresAt, 'Never'),
    dateColumn<GroupMember>({ id: 'added', header: 'Added', sort: 'createdAt', priority: 2, firstDirection: 'desc' }, (m) => m.createdAt),
  ],
  searchPlaceholder: 'Search email or name…',
  filters: (filter, set) => <GroupFilter value={filter.groupId} set={(groupId) => set({ groupId })} />,
  newLabel: 'New member',
  emptyTitle: 'No group members yet',
  emptyBody: <p>Add people to an access group; membership can expire on a date.</p>,
  testId: 'group-members',
};

interface MemberValues {
  groupId: string;
  email: string;
  name: string;
  expiresAt: string;
}

function GroupMemberDrawer({ member, onClose }: { member: GroupMember | null; onClose: () => void }) {
  const acting = useActing();
  const actions = useActions();
  const groups = useLookup('accessGroups');
  const presetGroup = useMemberGroupPreset();
  const companyId = acting?.id ?? 0;
  const toInput = (v: MemberValues) => ({
    companyId,
    groupId: v.groupId === '' ? Number.NaN : Number(v.groupId),
    email: v.email,
    name: v.name,
    expiresAt: v.expiresAt === '' ? null : v.expiresAt,
  });
  const { form, save } = useShopItemForm(
    'groupMembers',
    member,
    { groupId: member ? String(member.groupId) : presetGroup, email: member?.email ?? '', name: member?.name ?? '', expiresAt: day(member?.expiresAt) },
    toInput,
    { extra: needGroup },
  );
  return (
    <FormDrawer
      form={form}
      testId="group-member-form"
      isNew={!member}
      title={member ? member.email : 'New group member'}
      subtitle={member ? `Member of ${member.groupName}` : undefined}
      badges={member?.isDemo && <DemoBadge />}
      submitLabel={member ? undefined : 'Add member'}
      onClose={onClose}
      onSubmit={async (v) => {
        await save(v);
      }}
      deleteAction={member ? { what: `${member.email} from ${member.groupName}`, run: () => actions.deleteShopItem('groupMembers', member.id, `${member.email} (${member.groupName})`) } : undefined}
    >
      <SelectField
        form={form}
        name="groupId"
        label="Access group"
        required
        options={[{ value: '', label: groups.items.length ? 'Choose a group…' : 'No access groups yet' }, ...groups.items.map((g) => ({ value: String(g.id), label: g.name }))]}
        hint={groups.items.length === 0 && !groups.loading ? 'Create an access group first (Access groups tab).' : undefined}
      />
      <TextField form={form} name="email" label="Email" type="email" required />
      <TextField form={form} name="name" label="Name" />
      <TextField form={form} name="expiresAt" label="Membership expires" type="date" hint="Empty: never." />
    </FormDrawer>
  );
}

function needGroup(v: MemberValues): FieldErrors {
  return v.groupId === '' ? { groupId: ['is required: choose a group'] } : {};
}

/** A new member starts in the group the list is filtered by. */
function useMemberGroupPreset(): string {
  const groupId = useShopList('groupMembers').filter.groupId;
  return groupId ? String(groupId) : '';
}

// ---- Newsletter -------------------------------------------------------------------------------------

const NEWSLETTER: EntityListConfig<'newsletterRecipients'> = {
  entity: 'newsletterRecipients',
  icon: 'mail',
  tabs: <StoreTabs current="newsletterRecipients" tabs={AUDIENCE_TABS} />,
  columns: [
    { id: 'email', header: 'Recipient', sort: 'email', width: 'minmax(240px, 2.4fr)', minWidth: 240, cell: personCell },
    { id: 'language', header: 'Language', width: '100px', minWidth: 100, priority: 2, cell: (r: NewsletterRecipient) => <code className="sku">{r.language}</code> },
    {
      id: 'status',
      header: 'Status',
      sort: 'status',
      width: '130px',
      minWidth: 130,
      cell: (r: NewsletterRecipient) => <StatusBadge tone={r.status === 'subscribed' ? 'on' : 'off'}>{NEWSLETTER_LABELS[r.status]}</StatusBadge>,
    },
    dateColumn<NewsletterRecipient>({ id: 'since', header: 'Since', sort: 'createdAt', firstDirection: 'desc' }, (r) => (r.status === 'subscribed' ? r.subscribedAt : r.unsubscribedAt)),
  ],
  searchPlaceholder: 'Search email or name…',
  filters: (filter, set) => <StatusFilter statuses={NEWSLETTER_STATUSES} labelOf={(s) => NEWSLETTER_LABELS[s]} value={filter.status} onChange={(status) => set({ status })} />,
  newLabel: 'New recipient',
  emptyTitle: 'No newsletter recipients yet',
  emptyBody: <p>People who opted in to the shop's newsletter. An unsubscribe is kept, so nobody is mailed again by mistake.</p>,
  testId: 'newsletter',
};

interface RecipientValues {
  email: string;
  name: string;
  language: string;
  status: NewsletterStatus;
}

function RecipientDrawer({ recipient, onClose }: { recipient: NewsletterRecipient | null; onClose: () => void }) {
  const acting = useActing();
  const actions = useActions();
  const companyId = acting?.id ?? 0;
  const { form, save } = useShopItemForm(
    'newsletterRecipients',
    recipient,
    { email: recipient?.email ?? '', name: recipient?.name ?? '', language: recipient?.language ?? 'en', status: recipient?.status ?? 'subscribed' },
    (v: RecipientValues) => ({ companyId, ...v }),
  );
  return (
    <FormDrawer
      form={form}
      testId="recipient-form"
      isNew={!recipient}
      title={recipient ? recipient.email : 'New newsletter recipient'}
      badges={recipient?.isDemo && <DemoBadge />}
      submitLabel={recipient ? undefined : 'Add recipient'}
      onClose={onClose}
      onSubmit={async (v) => {
        await save(v);
      }}
      deleteAction={recipient ? { what: `the recipient ${recipient.email}`, run: () => actions.deleteShopItem('newsletterRecipients', recipient.id, `the recipient ${recipient.email}`) } : undefined}
    >
      <TextField form={form} name="email" label="Email" type="email" required />
      <TextField form={form} name="name" label="Name" />
      <div className="form-grid">
        <TextField form={form} name="language" label="Language" placeholder="en, de-AT" hint="The language of the mails." />
        <SelectField form={form} name="status" label="Status" options={NEWSLETTER_STATUSES.map((s) => ({ value: s, label: NEWSLETTER_LABELS[s] }))} />
      </div>
    </FormDrawer>
  );
}

// ---- Routing ----------------------------------------------------------------------------------------

type AudienceList = 'subscribers' | 'accessGroups' | 'groupMembers' | 'newsletterRecipients';

export function AudienceScreen({ list, item }: { list: AudienceList; item: number | 'new' | null }) {
  switch (list) {
    case 'subscribers':
      return <ListWithForm config={SUBSCRIBERS} item={item} render={(s, close) => <SubscriberDrawer subscriber={s} onClose={close} />} />;
    case 'accessGroups':
      return <ListWithForm config={ACCESS_GROUPS} item={item} render={(g, close) => <AccessGroupDrawer group={g} onClose={close} />} />;
    case 'groupMembers':
      return <ListWithForm config={GROUP_MEMBERS} item={item} render={(m, close) => <GroupMemberDrawer member={m} onClose={close} />} />;
    case 'newsletterRecipients':
      return <ListWithForm config={NEWSLETTER} item={item} render={(r, close) => <RecipientDrawer recipient={r} onClose={close} />} />;
  }
}
