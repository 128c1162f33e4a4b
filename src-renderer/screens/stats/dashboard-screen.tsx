// The acting client's own sales dashboard (#/store/dashboard): headline figures per currency for the
// chosen period against the one before, revenue by month, sales by product kind, top products, recent
// orders and the shop at a glance. The same screen a drill-down from the combined view lands on; its data
// can be prefetched by the switch, so it appears without a blank screen.
import type { ClientDashboard } from '../../../src-shared/api/sales-types';
import { href } from '../../router/routes';
import { useActions } from '../../state/store-context';
import { useActing } from '../../state/use-shop';
import { useDashboard, useStatsRange } from '../../state/use-stats';
import { useCapabilities } from '../../state/use-capabilities';
import { KindBadge } from '../../ui/badges';
import { describeRange } from '../../ui/date-range-presets';
import { formatCount } from '../../ui/format';
import { Icon } from '../../ui/icons';
import { Card, Facts, PageHeader } from '../../ui/page';
import { RangePicker } from '../../ui/range-picker';
import { Callout, CardEmpty, SkeletonBlock, Spinner } from '../../ui/states';
import { Loaded } from '../../ui/loadable';
import { StaleCue } from '../../ui/stale-cue';
import { RecentOrdersTable } from '../store/store-ui';
import { KindTable, MonthChart, SummaryCards, TopProductsTable } from './figures';
import '../overview-screen.css';
import './stats.css';

export function DashboardScreen() {
  const acting = useActing();
  const { dashboard, stale } = useDashboard(acting?.id ?? null);
  const { range, today } = useStatsRange();
  const actions = useActions();
  const data = dashboard?.data ?? null;

  return (
    <div className="page page-wide" data-testid="dashboard" data-ready={data ? 'true' : 'false'}>
      <PageHeader
        title="Dashboard"
        badges={acting && <KindBadge company={acting} />}
        subtitle={
          <>
            {acting?.name} · {describeRange(range)}
          </>
        }
        actions={
          <>
            {dashboard?.refreshing && <Spinner size={14} label="Updating" />}
            <RangePicker value={range} today={today} onChange={actions.setSalesRange} />
          </>
        }
      />
      <Loaded
        value={dashboard}
        errorTitle="Could not load the dashboard"
        onRetry={() => acting && void actions.loadDashboard(acting.id)}
        loading={
          <div className="stack" aria-busy="true" data-testid="dashboard-loading">
            <SkeletonBlock height={118} />
            <SkeletonBlock height={300} />
          </div>
        }
      >
        {(shown) => (
          <StaleCue
            stale={stale}
            shown={describeRange(shown.summary.range)}
            wanted={describeRange(range)}
            failed={dashboard?.status === 'error' ? dashboard.error : null}
            onRetry={() => acting && void actions.loadDashboard(acting.id)}
            testId="dashboard-stale"
          >
            <DashboardBody data={shown} />
          </StaleCue>
        )}
      </Loaded>
    </div>
  );
}

function DashboardBody({ data }: { data: ClientDashboard }) {
  const caps = useCapabilities();
  const { company, summary } = data;
  return (
    <div className="stack" data-testid="dashboard-figures">
      {company.isSample && (
        <Callout tone="sample" title="Demo data" testId="dashboard-demo">
          {company.name} is a sample company: everything here is demo data, never real sales, and it is never billed.
        </Callout>
      )}
      {!company.storefrontOpen && (
        <Callout tone="warning" title="The storefront is closed" testId="storefront-closed">
          Visitors see a maintenance page and cannot order.{' '}
          {caps.storeAreas.settings ? <a href={href({ name: 'shop-settings' })}>Open it in the shop settings</a> : 'A user with the settings permission can open it.'}
        </Callout>
      )}
      <SummaryCards summary={summary} demo={company.isSample} />
      <div className="dash-columns">
        <Card title="Revenue by month" description="The 12 months up to the end of the period." testId="dashboard-months">
          <MonthChart rows={data.byMonth} />
        </Card>
        <Card title="Shop at a glance" testId="dashboard-counts">
          <Facts
            items={[
              { label: 'Products', value: `${formatCount(data.counts.activeProducts)} active of ${formatCount(data.counts.products)}` },
              { label: 'Customers', value: formatCount(data.counts.customers) },
              { label: 'Orders', value: `${formatCount(data.counts.orders)} in total` },
              { label: 'Shop currency', value: <span className="currency-tag">{company.currency}</span> },
              {
                label: 'Storefront',
                value: company.storefrontOpen ? <span className="text-success">Open</span> : <span className="text-warning">Closed</span>,
              },
            ]}
          />
          <div className="quick-links dash-links">
            {caps.storeAreas.products && (
              <a className="quick-link" href={href({ name: 'store', list: 'products', item: null })}>
                <Icon name="box" /> Products
              </a>
            )}
            {caps.storeAreas.storefront && (
              <a className="quick-link" href={href({ name: 'storefront' })}>
                <Icon name="cart" /> Storefront
              </a>
            )}
          </div>
        </Card>
      </div>
      <div className="dash-columns dash-columns-even">
        <Card title="Top products" flush testId="dashboard-top-products">
          <TopProductsTable groups={data.topProducts} />
        </Card>
        <Card title="By product kind" flush testId="dashboard-kinds">
          <KindTable rows={data.byKind} />
        </Card>
      </div>
      <Card
        title="Recent orders"
        flush
        actions={
          caps.storeAreas.orders && (
            <a className="btn btn-small btn-ghost" href={href({ name: 'store', list: 'orders', item: null })}>
              All orders <Icon name="arrowRight" size={13} />
            </a>
          )
        }
        testId="dashboard-recent-orders"
      >
        {data.recentOrders.length === 0 ? (
          <CardEmpty icon="receipt">No orders yet.</CardEmpty>
        ) : (
          <RecentOrdersTable orders={data.recentOrders} showCustomer linked={caps.storeAreas.orders} />
        )}
      </Card>
    </div>
  );
}
