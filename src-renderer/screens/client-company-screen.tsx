// A client's company page as seen from Self (#/companies/:id and #/companies/:id/users): its data and
// settings, its users, and "Switch to this company".
import { useEffect } from 'react';
import type { Company } from '../../src-shared/api/types';
import { switchCompany } from '../frame/switch-company';
import { href } from '../router/routes';
import { useActions, useApp } from '../state/store-context';
import { useCapabilities } from '../state/use-capabilities';
import { Avatar } from '../ui/avatar';
import { RouteBadge, KindBadge } from '../ui/badges';
import { formatDate, placeOf } from '../ui/format';
import { Icon } from '../ui/icons';
import { PageHeader, Tabs } from '../ui/page';
import { Loaded } from '../ui/loadable';
import { ErrorState, SkeletonBlock, Spinner } from '../ui/states';
import { CompanySettingsPanel } from './company-settings-panel';
import { UsersManager } from './users-manager';

const back = () => ({ href: href({ name: 'companies' }), label: 'Companies' });

export function ClientCompanyScreen({ companyId, tab, addUser }: { companyId: number; tab: 'details' | 'users'; addUser: boolean }) {
  const detail = useApp((s) => s.companies.details[companyId]);
  const actions = useActions();
  const { users: mayListUsers } = useCapabilities();

  useEffect(() => {
    void actions.loadCompany(companyId);
    // The users permission reads a company's users (I7); without it the tab says so.
    if (mayListUsers) void actions.loadUsers(companyId);
  }, [actions, companyId, mayListUsers]);

  return (
    <Loaded
      value={detail}
      renderError={(message) => (
        <div className="page">
          <PageHeader back={back()} title="Company" />
          <ErrorState title="Could not open this company" message={message} onRetry={() => void actions.loadCompany(companyId)} />
        </div>
      )}
      loading={
        <div className="page">
          <PageHeader back={back()} title={<span className="skeleton skeleton-title" />} />
          <SkeletonBlock height={320} />
        </div>
      }
    >
      {(company) => <ClientCompany company={company} tab={tab} addUser={addUser} />}
    </Loaded>
  );
}

function ClientCompany({ company, tab, addUser }: { company: Company; tab: 'details' | 'users'; addUser: boolean }) {
  const companyId = company.id;
  const userCount = useApp((s) => s.users.byCompany[companyId]?.data?.length);
  const switching = useApp((s) => s.session.switchingTo === companyId);
  const actions = useActions();
  return (
    <div className="page" data-testid="client-company">
      <PageHeader
        back={back()}
        leading={<Avatar name={company.name} size={40} />}
        title={<span data-testid="company-title">{company.name}</span>}
        badges={
          <>
            <KindBadge company={company} />
            <RouteBadge route={company.paymentRoute} />
          </>
        }
        subtitle={[placeOf(company.city, company.country), `ID ${company.id}`, `created ${formatDate(company.createdAt)}`].filter(Boolean).join(' · ')}
        actions={
          <button
            type="button"
            className="btn btn-primary"
            data-testid="switch-to-company"
            disabled={switching}
            onClick={() => void switchCompany(actions, company.id, { name: 'overview' })}
          >
            {switching ? <Spinner size={14} /> : <Icon name="swap" />} Switch to this company
          </button>
        }
      />
      <Tabs
        tabs={[
          { href: href({ name: 'company', companyId, tab: 'details', addUser: false }), label: 'Details', active: tab === 'details', testId: 'tab-details' },
          {
            href: href({ name: 'company', companyId, tab: 'users', addUser: false }),
            label: 'Users',
            active: tab === 'users',
            testId: 'tab-users',
            count: userCount,
          },
        ]}
      />
      {tab === 'details' ? (
        <CompanySettingsPanel key={company.id} company={company} />
      ) : (
        <UsersManager companyId={company.id} companyName={company.name} companyIsPartner={company.isPartner} addUserInitially={addUser} />
      )}
    </div>
  );
}
