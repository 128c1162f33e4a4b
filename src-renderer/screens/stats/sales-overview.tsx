// The combined view's overview tab (#/sales): headline figures per currency, revenue over time per client (top 5
// and "Other clients", one currency at a time), top clients, months, product kinds and top products.
import { useEffect, useState } from 'react';
import type { RevenueSeries, SalesSummary, TopClientsGroup } from '../../../src-shared/api/sales-types';
import { drillIntoClient } from '../../frame/switch-company';
import { useActions, useApp } from '../../state/store-context';
import { useStatsRange } from '../../state/use-stats';
import { BarChart } from '../../ui/charts/bar-chart';
import { TimeChart } from '../../ui/charts/time-chart';
import { describeRange, formatDay, formatMonth } from '../../ui/date-range-presets';
import { formatCount } from '../../ui/format';
import { Icon } from '../../ui/icons';
import { formatMoney, formatMoneyCompact } from '../../ui/money';
import { Card } from '../../ui/page';
import { CardEmpty, SkeletonBlock, SkeletonRows } from '../../ui/states';
import { Loaded } from '../../ui/loadable';
import { StaleCue } from '../../ui/stale-cue';
import { CurrencySwitch, KindTable, MonthChart, OTHER_COLOR, SERIES_COLORS, SummaryCards, TopProductsTable } from './figures';
import { ExportButton } from './sales-export';
import './stats.css';

export function SalesOverview() {
  const s = useApp((st) => st.sales);
  const actions = useActions();
  // Loaded when shown; a new range or a new order reloads it through the store (sales-slice.ts).
  useEffect(() => {
    void actions.loadSalesOverview();
  }, [actions]);
  const drill = (companyId: number) => void drillIntoClient(actions, companyId);
  const { range } = useStatsRange();
  // The figures on screen belong to a range and a demo choice; until the chosen ones arrive, they say so.
  const stale = (summary: SalesSummary) => summary.range.from !== range.from || summary.range.to !== range.to || summary.includeDemo !== s.includeDemo;

  return (
    <Loaded
      value={s.summary}
      errorTitle="Could not load the combined figures"
      onRetry={() => void actions.loadSalesOverview()}
      loading={
        <div className="stack" aria-busy="true">
          <SkeletonBlock height={118} />
          <SkeletonBlock height={320} />
        </div>
      }
    >
      {(summary) => (
        <StaleCue
          stale={stale(summary)}
          shown={describeShown(summary.range, summary.includeDemo)}
          wanted={describeShown(range, s.includeDemo)}
          failed={s.summary.status === 'error' ? s.summary.error : null}
          onRetry={() => void actions.loadSalesOverview()}
          testId="sales-stale"
        >
          <SalesFigures summary={summary} drill={drill} />
        </StaleCue>
      )}
    </Loaded>
  );
}

function describeShown(range: { from: string; to: string }, includeDemo: boolean): string {
  return `${describeRange(range)}${includeDemo ? ' with demo data' : ''}`;
}

function SalesFigures({ summary, drill }: { summary: SalesSummary; drill: (companyId: number) => void }) {
  const s = useApp((st) => st.sales);
  const actions = useActions();
  return (
    <div className="stack" data-testid="sales-figures">
      <SummaryCards summary={summary} />
      <p className="field-hint currency-note" data-testid="clients-with-sales">
        {formatCount(summary.clientsWithSales)} of {formatCount(summary.clients)} clients sold in this period
        {summary.totals.length > 1 && ' · amounts in different currencies are shown separately, never added together'}.
      </p>
      <Card
        title="Revenue over time"
        description="Gross revenue per client: the top 5 and all other clients together."
        actions={
          s.overTime.data && s.overTime.data.currencies.length > 1 && (
            <CurrencySwitch currencies={s.overTime.data.currencies} value={s.overTime.data.currency ?? ''} onChange={(c) => void actions.setChartCurrency(c)} testId="over-time-currency" />
          )
        }
        testId="revenue-over-time"
      >
        <OverTime series={s.overTime.data} error={s.overTime.status === 'error' ? s.overTime.error : null} onClient={drill} />
      </Card>
      <div className="dash-columns dash-columns-even">
        <Card title="Top clients" description="By gross revenue; click a client to open its dashboard." actions={<ExportButton table="topClients" small label="CSV" />} testId="top-clients">
          <TopClients groups={s.topClients.data} onClient={drill} />
        </Card>
        <Card title="Revenue by month" actions={<ExportButton table="salesByMonth" small label="CSV" />} testId="sales-by-month">
          {s.byMonth.data ? <MonthChart rows={s.byMonth.data} testId="sales-month-chart" /> : <SkeletonBlock height={220} />}
        </Card>
      </div>
      <div className="dash-columns dash-columns-even">
        <Card title="Top products" flush actions={<ExportButton table="topProducts" small label="CSV" />} testId="sales-top-products">
          {s.topProducts.data ? <TopProductsTable groups={s.topProducts.data} showClient onClient={drill} /> : <SkeletonRows rows={4} columns={3} />}
        </Card>
        <Card title="By product kind" flush actions={<ExportButton table="salesByKind" small label="CSV" />} testId="sales-by-kind">
          {s.byKind.data ? <KindTable rows={s.byKind.data} /> : <SkeletonRows rows={3} columns={4} />}
        </Card>
      </div>
      <Card title="Months" flush description="Every month of the period, per currency." testId="sales-month-table">
        {s.byMonth.data ? <MonthTable rows={s.byMonth.data} /> : <SkeletonRows rows={4} columns={5} />}
      </Card>
    </div>
  );
}

function OverTime({ series, error, onClient }: { series: RevenueSeries | null; error: string | null; onClient: (companyId: number) => void }) {
  if (error && !series) return <p className="field-error">{error}</p>;
  if (!series) return <SkeletonBlock height={260} />;
  if (!series.currency || series.lines.length === 0) {
    return (
      <div className="chart-empty" data-testid="over-time-empty">
        <Icon name="chart" size={18} /> No sales in this period.
      </div>
    );
  }
  const currency = series.currency;
  const day = series.granularity === 'day';
  return (
    <TimeChart
      title={`Revenue over time in ${currency}`}
      description={`Gross revenue in ${currency} per ${series.granularity} from ${describeRange(series.range)}, for the ${series.lines.length} lines shown in the legend.`}
      periods={series.periods}
      series={series.lines.map((l, i) => ({
        id: String(l.companyId ?? 'other'),
        label: l.companyName,
        values: l.grossMinor,
        color: l.companyId === null ? OTHER_COLOR : SERIES_COLORS[i % SERIES_COLORS.length],
        muted: l.companyId === null,
      }))}
      formatValue={(v) => formatMoney(v, currency)}
      formatAxis={(v) => formatMoneyCompact(v, currency)}
      formatPeriod={(p) => (day ? formatDay(p, true) : formatMonth(p, true))}
      formatPeriodLong={(p) => (day ? formatDay(p) : formatMonth(p))}
      onSeriesClick={(s) => s.id !== 'other' && onClient(Number(s.id))}
      legend
      testId="over-time-chart"
    />
  );
}

function TopClients({ groups, onClient }: { groups: TopClientsGroup[] | null; onClient: (companyId: number) => void }) {
  const [chosen, setChosen] = useState<string | null>(null);
  if (!groups) return <SkeletonBlock height={220} />;
  if (groups.length === 0) {
    return (
      <div className="chart-empty">
        <Icon name="barChart" size={18} /> No sales in this period.
      </div>
    );
  }
  const group = groups.find((g) => g.currency === chosen) ?? groups[0];
  return (
    <div className="stack-sm">
      {groups.length > 1 && (
        <div className="chart-head">
          <span className="muted">In</span>
          <CurrencySwitch currencies={groups.map((g) => g.currency)} value={group.currency} onChange={setChosen} testId="top-clients-currency" />
        </div>
      )}
      <BarChart
        title={`Top clients by revenue in ${group.currency}`}
        description={`The ${group.rows.length} clients with the most gross revenue in ${group.currency}, of ${formatMoney(group.totalGrossMinor, group.currency)} in total.`}
        rows={group.rows.map((r) => ({
          key: r.companyId,
          label: r.companyName,
          value: r.grossMinor,
          note: `${(r.shareBp / 100).toLocaleString(undefined, { maximumFractionDigits: 1 })} %`,
          demo: r.isSample,
          color: r.isSample ? 'var(--chart-6)' : undefined,
          onClick: () => onClient(r.companyId),
        }))}
        formatValue={(v) => formatMoney(v, group.currency)}
        formatAxis={(v) => formatMoneyCompact(v, group.currency)}
        testId="top-clients-chart"
      />
    </div>
  );
}

function MonthTable({ rows }: { rows: { month: string; currency: string; orders: number; netMinor: number; vatMinor: number; grossMinor: number; averageOrderMinor: number; newCustomers: number }[] }) {
  const shown = rows.filter((r) => r.orders > 0 || rows.filter((x) => x.month === r.month).length === 1);
  if (shown.length === 0) return <CardEmpty icon="calendar">No sales in this period.</CardEmpty>;
  return (
    <table className="table table-compact table-dense" data-testid="month-table">
      <thead>
        <tr>
          <th scope="col">Month</th>
          <th scope="col">Currency</th>
          <th scope="col" className="num">Orders</th>
          <th scope="col" className="num">Net</th>
          <th scope="col" className="num">VAT</th>
          <th scope="col" className="num">Gross</th>
          <th scope="col" className="num">Average order</th>
          <th scope="col" className="num">New customers</th>
        </tr>
      </thead>
      <tbody>
        {[...shown].reverse().map((r) => (
          <tr key={`${r.month}-${r.currency}`}>
            <td>{formatMonth(r.month)}</td>
            <td>
              <span className="currency-tag">{r.currency}</span>
            </td>
            <td className="num">{formatCount(r.orders)}</td>
            <td className="num money">{formatMoney(r.netMinor, r.currency)}</td>
            <td className="num money">{formatMoney(r.vatMinor, r.currency)}</td>
            <td className="num money">{formatMoney(r.grossMinor, r.currency)}</td>
            <td className="num money">{formatMoney(r.averageOrderMinor, r.currency)}</td>
            <td className="num">{formatCount(r.newCustomers)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
