// Logistics (#/logistics/<tab>): a partner that runs a warehouse applies to become a logistics provider; once the
// platform operator approved it, it sets up warehouses, zones and rates, chooses whom it offers to, works its
// fulfillment queue, ships and tracks, and keeps stock. Runs as Self (a provider is a partner company).
import { useLeaveGuard } from '../../router/leave-guard';
import { useEffect, useState } from 'react';
import type { LogisticsProvider, OfferChoice } from '../../../src-shared/api/logistics-types';
import { useActions, useApp } from '../../state/store-context';
import { useLatestLoad } from '../../state/use-latest-load';
import { formatCount, formatDateTime, plural } from '../../ui/format';
import { Card, Facts, PageHeader, Tabs } from '../../ui/page';
import { SearchBox } from '../../ui/search-box';
import { Callout, EmptyState, ErrorState, SkeletonBlock } from '../../ui/states';
import { useAction } from '../../ui/use-action';
import { PROVIDER_TABS, tabHref, type ProviderTab } from './logistics-routes';
import { FieldProblem, OutsideNote, problemsOf, ProviderBadge, useLogisticsVersion } from './logistics-ui';
import { QueueTab } from './provider-queue';
import { ShipmentsTab } from './provider-shipments';
import { StockTab } from './provider-stock';
import { RatesTab, WarehousesTab } from './provider-setup';
import { Form } from '../../ui/form';

const TAB_LABELS: Record<ProviderTab, string> = {
  overview: 'Profile and offer',
  warehouses: 'Warehouses',
  rates: 'Zones and rates',
  queue: 'Fulfillment queue',
  shipments: 'Shipments',
  stock: 'Stock',
};


export function LogisticsScreen({ tab, item }: { tab: ProviderTab; item: number | null }) {
  const companyId = useApp((s) => s.session.info?.home?.id ?? null);
  const companyName = useApp((s) => s.session.info?.home?.name ?? '');
  const loaded = useApp((s) => s.logistics.provider);
  const { loadProvider } = useActions();
  useEffect(() => {
    if (companyId !== null) void loadProvider(companyId);
  }, [companyId, loadProvider]);

  const provider = loaded.data?.provider ?? null;
  const header = (
    <PageHeader
      title="Logistics"
      badges={provider && <ProviderBadge state={provider.state} testId="provider-state" />}
      subtitle="Offer shipping, warehousing and fulfillment to shops: rates by weight and destination, forwarded orders, stock and tracking. What you charge and how you are paid is agreed with the shops, outside the platform."
    />
  );
  if (loaded.status === 'error' && !loaded.data) {
    return (
      <div className="page" data-testid="logistics">
        {header}
        <ErrorState message={loaded.error} onRetry={() => companyId !== null && void loadProvider(companyId)} />
      </div>
    );
  }
  if (!loaded.data || companyId === null) {
    return (
      <div className="page" data-testid="logistics">
        {header}
        <SkeletonBlock height={220} />
      </div>
    );
  }
  if (!provider || provider.state !== 'approved') {
    return (
      <div className="page" data-testid="logistics">
        {header}
        <Application companyId={companyId} companyName={companyName} provider={provider} />
      </div>
    );
  }
  // The queue and the shipments are long lists (a provider of 5,000 shops has a million shipments): the page fills
  // the window and the table scrolls inside it, so only the rows in view are drawn.
  const fills = tab === 'queue' || tab === 'shipments';
  return (
    <div className={`page${fills ? ' page-fill' : ''}`} data-testid="logistics">
      {header}
      <Tabs
        tabs={PROVIDER_TABS.map((t) => ({
          href: tabHref(t),
          label: TAB_LABELS[t],
          active: t === tab,
          testId: `logistics-tab-${t}`,
          count: t === 'queue' ? provider.openFulfillments : undefined,
        }))}
      />
      {tab === 'overview' && <Overview provider={provider} />}
      {tab === 'warehouses' && <WarehousesTab provider={provider} />}
      {tab === 'rates' && <RatesTab provider={provider} />}
      {tab === 'queue' && <QueueTab provider={provider} orderId={item} />}
      {tab === 'shipments' && <ShipmentsTab provider={provider} shipmentId={item} />}
      {tab === 'stock' && <StockTab provider={provider} />}
    </div>
  );
}

/** Before approval: the application form, or its state (waiting, or rejected with the reason, to apply again). */
function Application({ companyId, companyName, provider }: { companyId: number; companyName: string; provider: LogisticsProvider | null }) {
  const actions = useActions();
  const email = useApp((s) => s.session.info?.user?.email ?? '');
  const [values, setValues] = useState({ name: provider?.name ?? companyName, contactEmail: provider?.contactEmail ?? email, note: provider?.note ?? '' });
  const [problems, setProblems] = useState<ReturnType<typeof problemsOf>>({ fields: {}, message: null });
  const apply = useAction(async () => {
    try {
      setProblems({ fields: {}, message: null });
      await actions.logistics('logistics.apply', { companyId, ...values });
      await actions.loadProvider(companyId);
      actions.toast('success', 'Application sent: the platform operator reviews it.');
    } catch (error) {
      setProblems(problemsOf(error));
    }
  });
  if (provider?.state === 'pending') {
    return (
      <Card title="Waiting for approval" testId="logistics-pending">
        <Callout tone="info" title={`${provider.name} applied on ${formatDateTime(provider.appliedAt)}`}>
          The platform operator reviews applications under Logistics review. You get an email at {provider.contactEmail} when it is decided; then you set up warehouses, zones and rates here.
        </Callout>
      </Card>
    );
  }
  return (
    <Card
      title={provider?.state === 'rejected' ? 'Apply again' : 'Become a logistics provider'}
      description="Partners can offer logistics, shipping and warehousing services to shop owners, to every shop or only to selected clients of their own. The platform operator approves providers before they can take orders."
      testId="logistics-apply"
    >
      {provider?.state === 'rejected' && (
        <Callout tone="warning" title="Your application was not approved" testId="logistics-rejected">
          Reason: {provider.reason}
        </Callout>
      )}
      <Form className="form-grid" onSubmit={() => apply.run()}>
        <ProviderContactFields values={values} onChange={(patch) => setValues({ ...values, ...patch })} fields={problems.fields} testIdPrefix="apply" emailType="email" />
        <label className="field span-2">
          <span className="field-label">Note for the operator (optional)</span>
          <textarea className="input" rows={3} value={values.note} onChange={(e) => setValues({ ...values, note: e.target.value })} data-testid="apply-note" />
        </label>
        {(problems.message || problems.fields.companyId) && <Callout tone="danger">{problems.message ?? problems.fields.companyId}</Callout>}
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={apply.busy} data-testid="apply-submit">
            {apply.busy ? 'Sending…' : 'Apply'}
          </button>
        </div>
      </Form>
    </Card>
  );
}

/**
 * The provider's name and the email forwarded orders go to, in the application and in the profile. The email
 * field's type is each form's own: in the application (type email) the browser checks the address before it is
 * sent; in the profile (plain text) only the platform does, and its message shows under the field.
 */
function ProviderContactFields({
  values,
  onChange,
  fields,
  testIdPrefix,
  emailType,
}: {
  values: { name: string; contactEmail: string };
  onChange: (patch: { name: string } | { contactEmail: string }) => void;
  fields: Record<string, string>;
  testIdPrefix: 'apply' | 'profile';
  emailType: 'email' | 'text';
}) {
  return (
    <>
      <label className="field">
        <span className="field-label">Provider name</span>
        <input className="input" value={values.name} onChange={(e) => onChange({ name: e.target.value })} data-testid={`${testIdPrefix}-name`} />
        <FieldProblem message={fields.name} />
      </label>
      <label className="field">
        <span className="field-label">Email for forwarded orders</span>
        <input className="input" type={emailType} value={values.contactEmail} onChange={(e) => onChange({ contactEmail: e.target.value })} data-testid={`${testIdPrefix}-email`} />
        <FieldProblem message={fields.contactEmail} />
      </label>
    </>
  );
}

function Overview({ provider }: { provider: LogisticsProvider }) {
  const actions = useActions();
  const [values, setValues] = useState({ name: provider.name, contactEmail: provider.contactEmail, offerTo: provider.offerTo });
  const [problems, setProblems] = useState<ReturnType<typeof problemsOf>>({ fields: {}, message: null });
  const dirty = values.name !== provider.name || values.contactEmail !== provider.contactEmail || values.offerTo !== provider.offerTo;
  useLeaveGuard(dirty, 'Provider profile');
  const save = useAction(async () => {
    try {
      setProblems({ fields: {}, message: null });
      await actions.logistics('logistics.updateProfile', { providerId: provider.id, ...values });
      await actions.loadProvider(provider.companyId);
      actions.toast('success', 'Profile saved');
    } catch (error) {
      setProblems(problemsOf(error));
    }
  });
  return (
    <div className="stack">
      <Card title="Profile" testId="logistics-profile">
        <Facts
          items={[
            { label: 'Approved', value: provider.decidedAt ? `${formatDateTime(provider.decidedAt)} by ${provider.decidedBy}` : '' },
            { label: 'Set up', value: `${plural(provider.warehouseCount, 'warehouse', 'warehouses')}, ${plural(provider.rateCount, 'rate rule', 'rate rules')}` },
            { label: 'Shops using you', value: formatCount(provider.shopCount), testId: 'provider-shop-count' },
            { label: 'To ship', value: <a href={tabHref('queue')}>{plural(provider.openFulfillments, 'order', 'orders')}</a> },
          ]}
        />
        <Form className="form-grid" onSubmit={() => save.run()}>
          <ProviderContactFields values={values} onChange={(patch) => setValues({ ...values, ...patch })} fields={problems.fields} testIdPrefix="profile" emailType="text" />
          <fieldset className="field span-2">
            <legend className="field-label">Offered to</legend>
            <label className="logi-check">
              <input type="radio" className="radio" checked={values.offerTo === 'all'} onChange={() => setValues({ ...values, offerTo: 'all' })} data-testid="offer-all" /> Every shop on the platform
            </label>
            <label className="logi-check">
              <input type="radio" className="radio" checked={values.offerTo === 'selected'} onChange={() => setValues({ ...values, offerTo: 'selected' })} data-testid="offer-selected" /> Only selected clients of{' '}
              {provider.companyName}
            </label>
          </fieldset>
          {problems.message && <Callout tone="danger">{problems.message}</Callout>}
          <div className="form-actions">
            <button type="submit" className="btn btn-primary" disabled={!dirty || save.busy} data-testid="profile-save">
              {save.busy ? 'Saving…' : 'Save'}
            </button>
          </div>
        </Form>
        <OutsideNote />
      </Card>
      {provider.offerTo === 'selected' && <OfferedTo provider={provider} />}
    </div>
  );
}

/** The provider's clients (5,000 of them: searched on the server, one page at a time), each offered or not. */
function OfferedTo({ provider }: { provider: LogisticsProvider }) {
  const actions = useActions();
  const version = useLogisticsVersion();
  const [search, setSearch] = useState('');
  const [offeredOnly, setOfferedOnly] = useState(false);
  const [limit, setLimit] = useState(50);
  const page = useLatestLoad(
    () => actions.logistics('logistics.offerChoices', { providerId: provider.id, search, offeredOnly, offset: 0, limit }),
    [actions, provider.id, search, offeredOnly, limit, version],
  );
  const toggle = useAction(async (client: OfferChoice) => {
    await actions.logistics('logistics.setOffers', client.offered ? { providerId: provider.id, remove: [client.companyId] } : { providerId: provider.id, add: [client.companyId] });
    actions.logisticsChanged();
  });
  return (
    <Card
      title="Selected clients"
      description={`${plural(provider.offeredCount, 'client sees', 'clients see')} ${provider.name} in their shop settings; the others do not.`}
      actions={
        <div className="toolbar">
          <SearchBox value={search} onSearch={(v) => (setSearch(v), setLimit(50))} placeholder="Search clients" label="Search clients" testId="offer-search" />
          <label className="logi-check">
            <input type="checkbox" className="checkbox" checked={offeredOnly} onChange={(e) => setOfferedOnly(e.target.checked)} data-testid="offer-only" /> Selected only
          </label>
        </div>
      }
      testId="logistics-offers"
    >
      {page.status === 'error' && <ErrorState message={page.error} />}
      {!page.data && page.status !== 'error' && <SkeletonBlock height={120} />}
      {page.data && page.data.items.length === 0 && (
        <EmptyState icon="search" title={search ? `No client matches “${search}”` : offeredOnly ? 'No client selected yet' : 'No clients yet'} testId="offer-empty">
          <p>{offeredOnly ? 'Untick “Selected only” to choose clients.' : 'Clients you create or accept appear here.'}</p>
        </EmptyState>
      )}
      {page.data && page.data.items.length > 0 && (
        <>
          <ul className="choice-list" data-testid="offer-list">
            {page.data.items.map((c) => (
              <li key={c.companyId}>
                <label className="logi-check">
                  <input type="checkbox" className="checkbox" checked={c.offered} disabled={toggle.busy} onChange={() => void toggle.run(c)} data-testid={`offer-${c.companyId}`} /> {c.name}{' '}
                  <span className="muted small">{c.country}</span>
                </label>
              </li>
            ))}
          </ul>
          {page.data.total > page.data.items.length && (
            <div className="list-more">
              <span className="muted small">
                Showing {page.data.items.length} of {page.data.total}. Search to narrow it down, or
              </span>{' '}
              <button type="button" className="btn btn-ghost btn-small" onClick={() => setLimit(Math.min(500, limit + 100))} disabled={limit >= 500} data-testid="offer-more">
                show more
              </button>
            </div>
          )}
        </>
      )}
    </Card>
  );
}
