// The overview as a client: that company's card, its billing and users, and quick links into its settings.
import { useEffect } from 'react';
import type { Company } from '../../src-shared/api/types';

import { href } from '../router/routes';
import { useActions, useApp } from '../state/store-context';
import { useCapabilities } from '../state/use-capabilities';
import { Avatar } from '../ui/avatar';
import { KindBadge, PartnerBadge, RouteBadge } from '../ui/badges';
import { countryName, formatDate, placeOf, plural } from '../ui/format';
import { Icon } from '../ui/icons';
import { Card, Facts, PageHeader } from '../ui/page';
import { Callout, SkeletonBlock } from '../ui/states';
import { Loaded } from '../ui/loadable';
import { SAMPLE_TEXT } from './company-texts';
import { BillingFactsCard } from './billing-facts-card';
import './stats/stat-cards.css';
import './overview-screen.css';
import './company-settings-panel.css';

export function CompanyOverview() {
  const acting = useApp((s) => s.session.info?.acting ?? null);
  const caps = useCapabilities();
  const actingId = acting?.id ?? null;
  const users = useApp((s) => (actingId !== null ? s.users.byCompany[actingId] : undefined));
  const actions = useActions();

  useEffect(() => {
    if (actingId !== null && caps.users) void actions.loadUsers(actingId);
  }, [actingId, caps.users, actions]);

  if (!acting) return <SkeletonBlock />;
  return (
    <div className="page" data-testid="overview-company">
      <PageHeader
        leading={<Avatar name={acting.name} size={40} />}
        title={acting.name}
        badges={
          <>
            <KindBadge company={acting} />
            {!acting.isPartner && <RouteBadge route={acting.paymentRoute} />}
            {acting.isPartner && <PartnerBadge />}
          </>
        }
        subtitle={
          acting.partnerName
            ? `Managed by ${acting.partnerName} · created ${formatDate(acting.createdAt)}`
            : [placeOf(acting.city, acting.country), `created ${formatDate(acting.createdAt)}`].filter(Boolean).join(' · ')
        }
        actions={
          caps.companySettings && (
            <a className="btn" href={href({ name: 'company-settings' })}>
              <Icon name="settings" /> Company settings
            </a>
          )
        }
      />

      {acting.isSample && (
        <Callout tone="sample" title="This is a sample company" testId="sample-callout">
          {SAMPLE_TEXT} Any demo data shown for it is marked as demo.
        </Callout>
      )}

      <div className="overview-columns">
        <CompanyCard company={acting} />
        <div className="stack">
          {!acting.isPartner && (
            <BillingFactsCard
              company={acting}
              testId="billing-card"
              kindTexts={{
                sample: 'Never billed; excluded from month close.',
                development: 'For testing apps: takes test orders, never billed; the month close skips it.',
                real: 'Sells to end users and is included in the month close.',
              }}
            />
          )}
          {caps.users && (
            <Card
              title="Users"
              actions={
                <a className="btn btn-small btn-ghost" href={href({ name: 'company-users', addUser: false })}>
                  Manage <Icon name="arrowRight" size={13} />
                </a>
              }
              testId="users-card"
            >
              <Loaded value={users} renderError={(error) => <p className="muted">{error}</p>} loading={<span className="skeleton skeleton-inline" />}>
                {(list) => (
                  <div className="users-summary">
                    <span className="users-count" data-testid="users-count">
                      {plural(list.length, 'user', 'users')}
                    </span>
                    <span className="avatar-stack">
                      {list.slice(0, 6).map((u) => (
                        <Avatar key={u.id} name={u.name} size={26} round />
                      ))}
                    </span>
                  </div>
                )}
              </Loaded>
            </Card>
          )}
          <Card title="Quick links" testId="quick-links">
            <div className="quick-links">
              {caps.storeAvailable && caps.storeAreas.dashboard && (
                <a className="quick-link" href={href({ name: 'store-dashboard' })} data-testid="quick-dashboard">
                  <Icon name="chart" /> Sales dashboard
                </a>
              )}
              {caps.storeAvailable && caps.storeAreas.orders && (
                <a className="quick-link" href={href({ name: 'store', list: 'orders', item: null })}>
                  <Icon name="receipt" /> Orders
                </a>
              )}
              {caps.storeAvailable && caps.storeAreas.settings && (
                <a className="quick-link" href={href({ name: 'shop-settings' })}>
                  <Icon name="store" /> Shop settings
                </a>
              )}
              {caps.users && (
                <a className="quick-link" href={href({ name: 'company-users', addUser: true })}>
                  <Icon name="plus" /> Add a user
                </a>
              )}
              {caps.companySettings && (
                <a className="quick-link" href={href({ name: 'company-settings' })}>
                  <Icon name="settings" /> Company settings
                </a>
              )}
              {caps.partnerRelation && (
                <a className="quick-link" href={href({ name: 'company-partner' })}>
                  <Icon name="handshake" /> {acting.partnerId ? 'Partner relation' : 'Request a partner'}
                </a>
              )}
              <a className="quick-link" href={href({ name: 'outbox', messageId: null })}>
                <Icon name="inbox" /> Outbox
              </a>
            </div>
          </Card>
        </div>
      </div>
    </div>
  );
}

function CompanyCard({ company }: { company: Company }) {
  const address = [company.street, [company.postalCode, company.city].filter(Boolean).join(' '), countryName(company.country)]
    .filter(Boolean)
    .join(', ');
  return (
    <Card title="Company" testId="company-card">
      <Facts
        items={[
          { label: 'Name', value: company.name },
          { label: 'Email', value: company.email },
          { label: 'Phone', value: company.phone },
          { label: 'Address', value: address },
          { label: 'VAT-ID', value: company.vatId ? <code>{company.vatId}</code> : '' },
          { label: 'Token', value: company.token ? <code>{company.token}</code> : '' },
          { label: 'Partner', value: company.isPartner ? 'This company is a partner' : (company.partnerName ?? 'None — manages itself'), testId: 'company-partner' },
          { label: 'Company ID', value: <code>{company.id}</code> },
        ]}
      />
    </Card>
  );
}
