// The overview as Self: the partner's real numbers (clients by payment route and sample status, pending requests,
// this month's combined sales, recent clients and emails) and quick links.
import { useEffect, useMemo } from 'react';
import type { CompanySummary, SwitcherEntry } from '../../src-shared/api/types';
import { switchCompany } from '../frame/switch-company';
import { href } from '../router/routes';
import { navigate } from '../router/use-route';
import type { CompanyQuery } from '../state/companies-slice';
import { useActions, useApp } from '../state/store-context';
import { useCapabilities } from '../state/use-capabilities';
import { Avatar } from '../ui/avatar';
import { KindBadge, PartnerBadge, RouteBadge, SelfBadge } from '../ui/badges';
import { countryName, formatCount, formatShortDateTime, placeOf, shortcutLabel } from '../ui/format';
import { Icon, type IconName } from '../ui/icons';
import { NewCompanyLink } from './new-company-link';
import { Card, PageHeader } from '../ui/page';
import { CardEmpty, EmptyState, ErrorState, SkeletonRows } from '../ui/states';
import { Loaded } from '../ui/loadable';
import { describeRange } from '../ui/date-range-presets';
import { formatMoney } from '../ui/money';
import { platformPlace } from '../frame/platform-place';
import './stats/stat-cards.css';
import './overview-screen.css';
import './company-settings-panel.css';

function StatCard({
  label,
  value,
  sub,
  icon,
  onClick,
  testId,
  tone = 'default',
}: {
  label: string;
  value: number | null;
  sub: string;
  icon: IconName;
  onClick?: () => void;
  testId: string;
  tone?: 'default' | 'attention';
}) {
  const content = (
    <>
      <div className="row-between">
        <span className="stat-label">{label}</span>
        <span className={`stat-icon icon-tile${tone === 'attention' ? ' icon-tile-warning' : ''}`}>
          <Icon name={icon} size={15} />
        </span>
      </div>
      <div className="stat-value" data-testid={`${testId}-value`}>
        {value === null ? <span className="skeleton skeleton-inline" /> : formatCount(value)}
      </div>
      <div className="stat-sub">{sub}</div>
    </>
  );
  return onClick ? (
    <button type="button" className={`stat-card is-link stat-${tone}`} onClick={onClick} data-testid={testId}>
      {content}
    </button>
  ) : (
    <div className={`stat-card stat-${tone}`} data-testid={testId}>
      {content}
    </div>
  );
}

function countsOf(items: readonly CompanySummary[] | null) {
  if (!items) return null;
  let direct = 0;
  let sample = 0;
  for (const c of items) {
    if (c.paymentRoute === 'direct') direct++;
    if (c.isSample) sample++;
  }
  return { total: items.length, direct, viaPartner: items.length - direct, sample, real: items.length - sample };
}

/** This month's combined sales of every client, per currency, with the way into the combined view. */
function SalesHeadline() {
  const headline = useApp((s) => s.sales.headline);
  const actions = useActions();
  useEffect(() => {
    void actions.loadSalesHeadline();
  }, [actions]);
  const summary = headline.data;
  return (
    <Card
      title="Sales this month"
      description={summary ? `All clients combined · ${describeRange(summary.range)} · real sales only` : 'All clients combined'}
      actions={
        <a className="btn btn-small btn-ghost" href={href({ name: 'sales', tab: 'overview' })} data-testid="open-sales">
          Open sales <Icon name="arrowRight" size={13} />
        </a>
      }
      testId="sales-headline"
    >
      <Loaded value={headline} renderError={(error) => <p className="muted">{error}</p>} loading={<SkeletonRows rows={1} columns={4} />}>
        {(summary) => (
          <div className="metric-strip">
            <div className="metric">
              <span className="metric-label">Revenue</span>
              {summary.totals.length === 0 ? (
                <span className="metric-value muted">—</span>
              ) : (
                summary.totals.map((t) => (
                  <span key={t.currency} className="metric-value money" data-testid={`headline-revenue-${t.currency}`}>
                    {formatMoney(t.grossMinor, t.currency)}
                  </span>
                ))
              )}
            </div>
            <div className="metric">
              <span className="metric-label">Orders</span>
              <span className="metric-value" data-testid="headline-orders">
                {formatCount(summary.orders)}
              </span>
            </div>
            <div className="metric">
              <span className="metric-label">Average order</span>
              {summary.totals.length === 0 ? (
                <span className="metric-value muted">—</span>
              ) : (
                summary.totals.map((t) => (
                  <span key={t.currency} className="metric-value money">
                    {formatMoney(t.averageOrderMinor, t.currency)}
                  </span>
                ))
              )}
            </div>
            <div className="metric">
              <span className="metric-label">Clients with sales</span>
              <span className="metric-value">
                {formatCount(summary.clientsWithSales)} <span className="muted metric-of">of {formatCount(summary.clients)}</span>
              </span>
            </div>
          </div>
        )}
      </Loaded>
    </Card>
  );
}

type QuickClient = Pick<SwitcherEntry, 'id' | 'name' | 'isSample' | 'isDevelopment' | 'paymentRoute' | 'city' | 'country'>;

export function PartnerOverview() {
  const caps = useCapabilities();
  const home = useApp((s) => s.session.info?.home ?? null);
  const all = useApp((s) => s.companies.all);
  const requests = useApp((s) => s.requests.list);
  const outbox = useApp((s) => s.outbox.list);
  const switcher = useApp((s) => s.session.switcher.data);
  const recentIds = useApp((s) => s.session.info?.recentCompanyIds ?? []);
  const actions = useActions();

  const switcherStatus = useApp((s) => s.session.switcher.status);
  useEffect(() => {
    void actions.loadAllCompanies();
  }, [actions]);
  // The frame loads these with the session (state/session-slice.ts) and pushed events keep them current: the
  // overview loads only what nobody has loaded yet (each start-up call runs once, whenever this screen's chunk
  // arrives).
  useEffect(() => {
    if (requests.status === 'idle') void actions.loadRequests();
    if (switcherStatus === 'idle') void actions.loadSwitcher();
    if (outbox.status === 'idle') void actions.loadOutbox();
  }, [actions, requests.status, switcherStatus, outbox.status]);

  const counts = useMemo(() => countsOf(all.data), [all.data]);
  const pending = useMemo(
    () => (requests.data ?? []).filter((r) => r.status === 'pending' && r.partnerId === home?.id),
    [requests.data, home?.id],
  );
  // Recently used clients; before the first switch, the newest clients instead.
  const recent = useMemo(() => {
    const byId = new Map((switcher ?? []).map((e) => [e.id, e]));
    return recentIds.map((id) => byId.get(id)).filter((e): e is SwitcherEntry => Boolean(e && !e.isSelf)).slice(0, 5);
  }, [switcher, recentIds]);
  const newest = useMemo(
    () => [...(all.data ?? [])].sort((a, b) => b.createdAt.localeCompare(a.createdAt)).slice(0, 5),
    [all.data],
  );
  const quickClients: QuickClient[] = recent.length > 0 ? recent : newest;
  const latestMail = (outbox.data ?? []).slice(0, 5);

  const showList = (query: Partial<CompanyQuery>) => {
    actions.setCompanyQuery({ search: '', route: 'any', sample: 'any', ...query });
    navigate({ name: 'companies' });
  };

  if (!home) return null;
  const noClients = counts?.total === 0;

  return (
    <div className="page" data-testid="overview-self">
      <PageHeader
        leading={<Avatar name={home.name} size={40} self />}
        title={home.name}
        badges={
          <>
            <SelfBadge />
            <PartnerBadge />
          </>
        }
        subtitle={`Partner overview · ${placeOf(home.city, home.country) || countryName(home.country)}`}
        actions={
          <>
            <a className="btn" href={href({ name: 'partner-requests' })} data-testid="quick-partner-requests">
              <Icon name="handshake" /> Partner requests
            </a>
            <NewCompanyLink testId="quick-new-company" />
          </>
        }
      />

      {all.status === 'error' && <ErrorState title="Could not load your clients" message={all.error} onRetry={() => void actions.loadAllCompanies()} />}

      <div className="stat-grid">
        <StatCard
          label="Client companies"
          value={counts?.total ?? null}
          sub={counts ? `${formatCount(counts.real)} real · ${formatCount(counts.sample)} sample` : 'Loading…'}
          icon="buildings"
          testId="stat-clients"
          onClick={() => showList({})}
        />
        <StatCard
          label="Direct"
          value={counts?.direct ?? null}
          sub="Reports go to the client"
          icon="route"
          testId="stat-direct"
          onClick={() => showList({ route: 'direct' })}
        />
        <StatCard
          label="Via partner"
          value={counts?.viaPartner ?? null}
          sub="Reports come to you"
          icon="route"
          testId="stat-via-partner"
          onClick={() => showList({ route: 'via_partner' })}
        />
        <StatCard
          label="Sample companies"
          value={counts?.sample ?? null}
          sub="Never billed"
          icon="flask"
          testId="stat-sample"
          onClick={() => showList({ sample: 'sample' })}
        />
        <StatCard
          label="Pending requests"
          value={requests.data ? pending.length : null}
          sub={pending.length > 0 ? 'Waiting for your answer' : 'Nothing to decide'}
          icon="handshake"
          tone={pending.length > 0 ? 'attention' : 'default'}
          testId="stat-pending-requests"
          onClick={() => navigate({ name: 'partner-requests' })}
        />
      </div>

      {pending.length > 0 && (
        <section className="attention" data-testid="attention-requests" aria-label="Needs your attention">
          <span className="attention-icon">
            <Icon name="handshake" size={16} />
          </span>
          <div className="attention-text">
            <strong>
              {pending.length === 1
                ? `${pending[0].companyName} wants you as its partner`
                : `${pending.length} companies want you as their partner`}
            </strong>
            <span>
              {pending.length === 1
                ? `Requested by ${pending[0].requestedBy} · ${formatShortDateTime(pending[0].createdAt)}`
                : pending
                    .slice(0, 3)
                    .map((r) => r.companyName)
                    .join(', ') + (pending.length > 3 ? ' and more' : '')}
            </span>
          </div>
          <a className="btn btn-small" href={href({ name: 'partner-requests' })} data-testid="review-requests">
            Review <Icon name="arrowRight" size={13} />
          </a>
        </section>
      )}

      {caps.sales && !noClients && <SalesHeadline />}

      {noClients && (
        <EmptyState
          icon="buildings"
          title="Set up your first client"
          testId="no-clients"
          actions={
            <NewCompanyLink />
          }
        >
          <p>
            Create a company for a client, or have an existing company's administrator send you a partner request. Start with a
            sample company to prepare a shop without any cost.
          </p>
        </EmptyState>
      )}

      <div className="overview-columns">
        <Card
          title={recent.length > 0 ? 'Recently used clients' : 'Newest clients'}
          description={`Switch with one click, or press ${shortcutLabel('K')} anywhere.`}
          flush
          testId="recent-clients"
        >
          {quickClients.length === 0 ? (
            all.status === 'loading' ? (
              <SkeletonRows rows={3} columns={2} />
            ) : (
              <CardEmpty icon="swap">Clients you create or switch to appear here.</CardEmpty>
            )
          ) : (
            <ul className="list">
              {quickClients.map((e) => (
                <li key={e.id} className="list-row" data-testid={`quick-client-${e.id}`}>
                  <Avatar name={e.name} size={28} />
                  <a className="list-main" href={href({ name: 'company', companyId: e.id, tab: 'details', addUser: false })}>
                    <span className="list-title">
                      {e.name}
                      <KindBadge company={e} compact />
                    </span>
                    <span className="list-sub">{placeOf(e.city, e.country) || 'No address yet'}</span>
                  </a>
                  <RouteBadge route={e.paymentRoute} />
                  <button type="button" className="btn btn-small" onClick={() => void switchCompany(actions, e.id)}>
                    Switch
                  </button>
                </li>
              ))}
            </ul>
          )}
        </Card>

        <Card
          title="Outbox"
          description={`Emails the platform would have sent. ${platformPlace().emailsNote}`}
          flush
          actions={
            <a className="btn btn-small btn-ghost" href={href({ name: 'outbox', messageId: null })}>
              View all <Icon name="arrowRight" size={13} />
            </a>
          }
          testId="recent-outbox"
        >
          {outbox.status === 'loading' && !outbox.data ? (
            <SkeletonRows rows={4} columns={2} />
          ) : latestMail.length === 0 ? (
            <CardEmpty icon="inbox">No emails yet. Welcome mails and reports land here.</CardEmpty>
          ) : (
            <ul className="list">
              {latestMail.map((m) => (
                <li key={m.id} className="list-row">
                  <span className={`unread-dot${m.readAt ? ' is-read' : ''}`} aria-label={m.readAt ? 'Read' : 'Unread'} />
                  <a className="list-main" href={href({ name: 'outbox', messageId: m.id })}>
                    <span className={`list-title${m.readAt ? '' : ' is-unread'}`}>{m.subject}</span>
                    <span className="list-sub">To {m.to}</span>
                  </a>
                  <span className="list-meta">{formatShortDateTime(m.createdAt)}</span>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </div>
  );
}
