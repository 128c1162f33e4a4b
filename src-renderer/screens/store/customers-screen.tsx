// Customers of the acting client: the list (#/store/customers: search, country filter), one customer's page
// (#/store/customers/12: spend per currency — never added across currencies — orders, recent orders, contact
// data) with its edit form and manual order entry, and the create form.
import { useState } from 'react';
import type { Customer, CustomerDetail } from '../../../src-shared/api/shop-types';
import { COUNTRIES } from '../../../src-shared/domain/countries';
import { href } from '../../router/routes';
import { navigate } from '../../router/use-route';
import { useActions } from '../../state/store-context';
import { useActing } from '../../state/use-shop';
import { Avatar } from '../../ui/avatar';
import { DemoBadge, StatusBadge } from '../../ui/badges';
import type { Column } from '../../ui/data-table';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../../ui/fields';
import { FormDrawer } from '../../ui/form-drawer';
import { countryName, formatCount, formatDate, formatShortDateTime, plural } from '../../ui/format';
import { Icon } from '../../ui/icons';
import { formatMoney } from '../../ui/money';
import { Card, Facts, PageHeader } from '../../ui/page';
import { FilterSelect } from '../../ui/search-box';
import { Callout, CardEmpty } from '../../ui/states';
import { EntityListPage, type EntityListConfig } from './entity-list';
import { OrderEntryDrawer } from './order-entry-drawer';
import { useShopItemForm } from './shop-item-form';
import { dateColumn } from './store-columns';
import { NameCell, RecentOrdersTable, ShopItemPage } from './store-ui';
import '../stats/stat-cards.css';

const COLUMNS: Column<Customer>[] = [
  {
    id: 'name',
    header: 'Customer',
    sort: 'name',
    width: 'minmax(240px, 2.4fr)',
    minWidth: 240,
    cell: (c) => <NameCell icon={<Avatar name={c.name} size={28} round />} title={c.name} sub={c.email} demo={c.isDemo} />,
  },
  { id: 'email', header: 'Email', sort: 'email', width: 'minmax(180px, 1.6fr)', minWidth: 180, priority: 3, cell: (c) => <span className="muted-strong">{c.email}</span> },
  { id: 'city', header: 'City', sort: 'city', width: 'minmax(110px, 1fr)', minWidth: 110, priority: 2, cell: (c) => c.city || <span className="muted">—</span> },
  {
    id: 'country',
    header: 'Country',
    sort: 'country',
    width: 'minmax(120px, 1fr)',
    minWidth: 120,
    cell: (c) => (c.country ? <span title={countryName(c.country)}><span className="country-code">{c.country}</span> <span className="muted">{countryName(c.country)}</span></span> : <span className="muted">—</span>),
  },
  { id: 'marketing', header: 'Marketing', width: '110px', minWidth: 110, priority: 2, cell: (c) => (c.acceptsMarketing ? <StatusBadge tone="on">Opted in</StatusBadge> : <span className="muted">—</span>) },
  dateColumn<Customer>({ id: 'created', header: 'Customer since', sort: 'createdAt', width: 130, priority: 2, firstDirection: 'desc' }, (c) => c.createdAt),
];

const CONFIG: EntityListConfig<'customers'> = {
  entity: 'customers',
  icon: 'users',
  columns: COLUMNS,
  searchPlaceholder: 'Search name, email, city…',
  filters: (filter, set) => (
    <FilterSelect
      label="Country"
      value={filter.country ?? ''}
      onChange={(country) => set({ country: country === '' ? undefined : country })}
      options={[{ value: '', label: 'Any' }, ...COUNTRIES.map((c) => ({ value: c.code, label: c.name }))]}
      testId="filter-country"
    />
  ),
  newLabel: 'New customer',
  emptyTitle: 'No customers yet',
  emptyBody: <p>Customers appear when they buy in the storefront, or add them here to enter orders for them.</p>,
  testId: 'customers',
};

export function CustomersScreen({ item }: { item: number | 'new' | null }) {
  if (typeof item === 'number') return <CustomerPage key={item} id={item} />;
  return (
    <>
      <EntityListPage config={CONFIG} openItem={null} />
      {item === 'new' && <CustomerDrawer customer={null} onClose={() => navigate({ name: 'store', list: 'customers', item: null })} />}
    </>
  );
}

// ---- One customer -----------------------------------------------------------------------------------

function CustomerPage({ id }: { id: number }) {
  const back = { href: href({ name: 'store', list: 'customers', item: null }), label: 'Customers' };
  return (
    <ShopItemPage entity="customers" id={id} title="Customer" back={back} testId="customer-page">
      {(customer) => <CustomerView customer={customer} back={back} />}
    </ShopItemPage>
  );
}

function CustomerView({ customer, back }: { customer: CustomerDetail; back: { href: string; label: string } }) {
  const actions = useActions();
  const [editing, setEditing] = useState(false);
  const [ordering, setOrdering] = useState(false);
  const address = [customer.street, [customer.postalCode, customer.city].filter(Boolean).join(' '), customer.country ? countryName(customer.country) : ''].filter(Boolean).join(', ');
  const showOrders = () => {
    actions.setShopFilter('orders', { customerId: customer.id, search: '', status: undefined, from: undefined, to: undefined });
    navigate({ name: 'store', list: 'orders', item: null });
  };
  return (
    <div className="page" data-testid="customer-page">
      <PageHeader
        back={back}
        leading={<Avatar name={customer.name} size={40} round />}
        title={<span data-testid="customer-title">{customer.name}</span>}
        badges={customer.isDemo && <DemoBadge />}
        subtitle={`${customer.email} · customer since ${formatDate(customer.createdAt)}`}
        actions={
          <>
            <button type="button" className="btn" onClick={() => setEditing(true)} data-testid="edit-customer">
              <Icon name="edit" /> Edit
            </button>
            <button type="button" className="btn btn-primary" onClick={() => setOrdering(true)} data-testid="new-order-for-customer">
              <Icon name="plus" /> New order
            </button>
          </>
        }
      />
      {customer.isDemo && (
        <Callout tone="sample" title="Demo customer">
          A customer of a sample company: demo data, never a real buyer.
        </Callout>
      )}
      <div className="stat-grid stat-grid-auto" data-testid="customer-spend">
        <div className="stat-card">
          <div className="row-between">
            <span className="stat-label">Orders</span>
            <span className="stat-icon icon-tile">
              <Icon name="receipt" size={15} />
            </span>
          </div>
          <div className="stat-value">{formatCount(customer.orderCount)}</div>
          <div className="stat-sub">{customer.lastOrderAt ? `Last ${formatShortDateTime(customer.lastOrderAt)}` : 'No orders yet'}</div>
        </div>
        {customer.spent.length === 0 ? (
          <div className="stat-card">
            <div className="row-between">
              <span className="stat-label">Spent</span>
            </div>
            <div className="stat-value muted">—</div>
            <div className="stat-sub">Paid and fulfilled orders count</div>
          </div>
        ) : (
          customer.spent.map((t) => (
            <div className="stat-card" key={t.currency} data-testid={`spent-${t.currency}`}>
              <div className="row-between">
                <span className="stat-label">Spent in {t.currency}</span>
                <span className="currency-tag">{t.currency}</span>
              </div>
              <div className="stat-value stat-money">{formatMoney(t.grossMinor, t.currency)}</div>
              <div className="stat-sub">
                {plural(t.orders, 'order', 'orders')} · average {formatMoney(t.averageOrderMinor, t.currency)}
              </div>
            </div>
          ))
        )}
      </div>
      {customer.spent.length > 1 && <p className="field-hint currency-note">Amounts in different currencies are shown separately, never added together.</p>}
      <div className="order-layout">
        <Card
          title="Recent orders"
          flush
          actions={
            customer.orderCount > 0 && (
              <button type="button" className="btn btn-small btn-ghost" onClick={showOrders} data-testid="customer-all-orders">
                All {formatCount(customer.orderCount)} orders <Icon name="arrowRight" size={13} />
              </button>
            )
          }
          testId="customer-orders"
        >
          {customer.recentOrders.length === 0 ? (
            <CardEmpty icon="receipt">No orders yet. Enter one with “New order”.</CardEmpty>
          ) : (
            <RecentOrdersTable orders={customer.recentOrders} linked />
          )}
        </Card>
        <Card title="Contact">
          <Facts
            items={[
              { label: 'Email', value: <a href={`mailto:${customer.email}`}>{customer.email}</a> },
              { label: 'Phone', value: customer.phone },
              { label: 'Address', value: address },
              { label: 'Marketing', value: customer.acceptsMarketing ? 'Accepts marketing emails' : 'No marketing emails' },
              { label: 'First order', value: customer.firstOrderAt ? formatDate(customer.firstOrderAt) : '' },
              { label: 'Note', value: customer.note },
            ]}
          />
        </Card>
      </div>
      {editing && <CustomerDrawer customer={customer} onClose={() => setEditing(false)} afterDelete={() => navigate({ name: 'store', list: 'customers', item: null })} />}
      {ordering && <OrderEntryDrawer customer={customer} onClose={() => setOrdering(false)} />}
    </div>
  );
}

// ---- The form ---------------------------------------------------------------------------------------

interface CustomerValues {
  email: string;
  name: string;
  phone: string;
  street: string;
  postalCode: string;
  city: string;
  country: string;
  acceptsMarketing: boolean;
  note: string;
}

function CustomerDrawer({ customer, onClose, afterDelete }: { customer: CustomerDetail | null; onClose: () => void; afterDelete?: () => void }) {
  const acting = useActing();
  const actions = useActions();
  const companyId = acting?.id ?? 0;
  const { form, save } = useShopItemForm(
    'customers',
    customer,
    {
      email: customer?.email ?? '',
      name: customer?.name ?? '',
      phone: customer?.phone ?? '',
      street: customer?.street ?? '',
      postalCode: customer?.postalCode ?? '',
      city: customer?.city ?? '',
      country: customer?.country ?? acting?.country ?? '',
      acceptsMarketing: customer?.acceptsMarketing ?? false,
      note: customer?.note ?? '',
    },
    (v: CustomerValues) => ({ companyId, ...v }),
  );
  return (
    <FormDrawer
      form={form}
      testId="customer-form"
      isNew={!customer}
      title={customer ? customer.name : 'New customer'}
      subtitle={customer ? customer.email : 'Emails are unique in the shop.'}
      badges={customer?.isDemo && <DemoBadge />}
      submitLabel={customer ? undefined : 'Add customer'}
      onClose={onClose}
      onSubmit={async (v) => {
        const saved = await save(v);
        // A new customer opens on its page rather than back on the list.
        if (!customer) return () => navigate({ name: 'store', list: 'customers', item: saved.id });
      }}
      deleteAction={
        customer
          ? {
              what: `the customer ${customer.name}`,
              blockedReason: customer.orderCount > 0 ? `${customer.name} has ${plural(customer.orderCount, 'order', 'orders')}; customers with orders stay, as records of the sales.` : null,
              run: async () => {
                await actions.deleteShopItem('customers', customer.id, `the customer ${customer.name}`);
                afterDelete?.();
              },
            }
          : undefined
      }
    >
      <div className="form-grid">
        <TextField form={form} name="name" label="Name" required className="span-2" />
        <TextField form={form} name="email" label="Email" type="email" required />
        <TextField form={form} name="phone" label="Phone" type="tel" />
        <TextField form={form} name="street" label="Street" className="span-2" />
        <TextField form={form} name="postalCode" label="Postal code" />
        <TextField form={form} name="city" label="City" />
        <SelectField form={form} name="country" label="Country" options={[{ value: '', label: 'Not given' }, ...COUNTRIES.map((c) => ({ value: c.code, label: c.name }))]} />
        <span />
        <CheckboxField form={form} name="acceptsMarketing" label="Accepts marketing emails" hint="Only with the customer's consent." className="span-2" />
        <TextAreaField form={form} name="note" label="Note" rows={3} className="span-2" />
      </div>
    </FormDrawer>
  );
}

