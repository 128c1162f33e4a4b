// The pieces every statistics screen shares (a client's dashboard, the combined view, the partner's
// Overview): headline cards that keep each currency on its own line, change against the previous period,
// revenue-by-month and top-products views, and the chart colours per series.
import { useMemo, useState } from 'react';
import type { KindSalesRow, MonthSalesRow, SalesSummary, TopProductsGroup } from '../../../src-shared/api/sales-types';
import type { CurrencyTotal } from '../../../src-shared/api/shop-types';
import { PRODUCT_KIND_LABELS } from '../../../src-shared/domain/shop';
import { TimeChart } from '../../ui/charts/time-chart';
import { formatMonth } from '../../ui/date-range-presets';
import { formatCount, plural } from '../../ui/format';
import { Icon, type IconName } from '../../ui/icons';
import { formatMoney, formatMoneyCompact } from '../../ui/money';
import { Segmented } from '../../ui/segmented';
import { FilterSelect } from '../../ui/search-box';
import { CardEmpty } from '../../ui/states';
import { Table, type TableColumn } from '../../ui/table';
import './stat-cards.css';
import './stats.css';

export const SERIES_COLORS = ['var(--chart-1)', 'var(--chart-2)', 'var(--chart-3)', 'var(--chart-4)', 'var(--chart-5)', 'var(--chart-6)'];
export const OTHER_COLOR = 'var(--chart-other)';

/** +12 % / −3 % against the previous period of the same length; nothing when there is nothing to compare. */
export function Change({ current, previous, testId }: { current: number; previous: number; testId?: string }) {
  if (previous === 0) return current === 0 ? null : <span className="change change-new" data-testid={testId}>new</span>;
  const pct = Math.round(((current - previous) / previous) * 100);
  const tone = pct > 0 ? 'up' : pct < 0 ? 'down' : 'flat';
  return (
    <span className={`change change-${tone}`} title="Compared with the previous period of the same length" data-testid={testId}>
      {pct > 0 ? '+' : pct < 0 ? '−' : '±'}
      {Math.abs(pct)} %
    </span>
  );
}

function StatShell({ label, icon, children, sub, testId, tone }: { label: string; icon: IconName; children: React.ReactNode; sub?: React.ReactNode; testId: string; tone?: 'demo' }) {
  return (
    <div className={`stat-card${tone === 'demo' ? ' stat-demo' : ''}`} data-testid={testId}>
      <div className="row-between">
        <span className="stat-label">{label}</span>
        <span className="stat-icon icon-tile">
          <Icon name={icon} size={15} />
        </span>
      </div>
      {children}
      {sub && <div className="stat-sub">{sub}</div>}
    </div>
  );
}

/** Currencies listed under the first before "Show all". */
const CURRENCIES_SHOWN = 3;

/** One amount per currency, largest first; the first big, the others below it (never added together). */
function PerCurrency({ totals, previous, pick, testId }: { totals: CurrencyTotal[]; previous: CurrencyTotal[]; pick: (t: CurrencyTotal) => number; testId: string }) {
  const [all, setAll] = useState(false);
  if (totals.length === 0) return <div className="stat-value muted" data-testid={`${testId}-value`}>—</div>;
  const [first, ...rest] = totals;
  const before = (c: string) => previous.find((p) => p.currency === c);
  const shown = all ? rest : rest.slice(0, CURRENCIES_SHOWN);
  return (
    <>
      <div className="stat-value stat-money" data-testid={`${testId}-value`}>
        <span data-testid={`${testId}-amount`}>{formatMoney(pick(first), first.currency)}</span> <Change current={pick(first)} previous={before(first.currency) ? pick(before(first.currency)!) : 0} />
      </div>
      {rest.length > 0 && (
        <ul className="stat-currencies" aria-label="Other currencies">
          {shown.map((t) => (
            <li key={t.currency} data-testid={`${testId}-${t.currency}`}>
              <span className="money">{formatMoney(pick(t), t.currency)}</span>
              <Change current={pick(t)} previous={before(t.currency) ? pick(before(t.currency)!) : 0} />
            </li>
          ))}
          {rest.length > CURRENCIES_SHOWN && (
            <li>
              <button type="button" className="link-btn stat-more" onClick={() => setAll((a) => !a)} aria-expanded={all}>
                {all ? 'Show fewer' : `+${rest.length - CURRENCIES_SHOWN} more currencies`}
              </button>
            </li>
          )}
        </ul>
      )}
    </>
  );
}

/** Revenue, orders, average order and customers of a summary. */
export function SummaryCards({ summary, demo }: { summary: SalesSummary; demo?: boolean }) {
  const currencies = summary.totals.length;
  return (
    <div className="stat-grid stat-grid-4" data-testid="summary-cards">
      <StatShell
        label="Revenue"
        icon="chart"
        testId="stat-revenue"
        tone={demo ? 'demo' : undefined}
        sub={currencies > 1 ? `${currencies} currencies, each on its own` : 'Gross, paid and fulfilled orders'}
      >
        <PerCurrency totals={summary.totals} previous={summary.previous} pick={(t) => t.grossMinor} testId="stat-revenue" />
      </StatShell>
      <StatShell label="Orders" icon="receipt" testId="stat-orders" sub={`${formatCount(summary.previousOrders)} in the previous period`}>
        <div className="stat-value" data-testid="stat-orders-value">
          {formatCount(summary.orders)} <Change current={summary.orders} previous={summary.previousOrders} />
        </div>
      </StatShell>
      <StatShell label="Average order" icon="tag" testId="stat-average" sub="Gross per order, per currency">
        <PerCurrency totals={summary.totals} previous={summary.previous} pick={(t) => t.averageOrderMinor} testId="stat-average" />
      </StatShell>
      <StatShell label="New customers" icon="users" testId="stat-customers" sub={`${formatCount(summary.customers)} customers in total`}>
        <div className="stat-value" data-testid="stat-customers-value">
          {formatCount(summary.newCustomers)}
        </div>
      </StatShell>
    </div>
  );
}

/** A currency switch for a chart, shown only when there is a choice (a list when there are many). */
export function CurrencySwitch({ currencies, value, onChange, testId = 'chart-currency' }: { currencies: string[]; value: string; onChange: (c: string) => void; testId?: string }) {
  if (currencies.length < 2) return <span className="currency-tag">{value}</span>;
  if (currencies.length > 4) return <FilterSelect label="Currency" value={value} onChange={onChange} options={currencies.map((c) => ({ value: c, label: c }))} testId={testId} />;
  return <Segmented label="Currency" value={value} onChange={onChange} options={currencies.map((c) => ({ value: c, label: c }))} testIdPrefix={testId} />;
}

/** Revenue per month as columns, one currency at a time, with the table of every currency beside it. */
export function MonthChart({ rows, testId = 'month-chart' }: { rows: MonthSalesRow[]; testId?: string }) {
  const currencies = useMemo(() => {
    const orders = new Map<string, number>();
    for (const r of rows) orders.set(r.currency, (orders.get(r.currency) ?? 0) + r.orders);
    return [...orders.entries()].sort((a, b) => b[1] - a[1]).map(([c]) => c);
  }, [rows]);
  const [chosen, setChosen] = useState<string | null>(null);
  const currency = chosen && currencies.includes(chosen) ? chosen : currencies[0];
  const months = useMemo(() => [...new Set(rows.map((r) => r.month))].sort(), [rows]);
  if (!currency) return <div className="chart-empty">No sales in these months.</div>;
  const values = months.map((m) => rows.find((r) => r.month === m && r.currency === currency)?.grossMinor ?? 0);
  return (
    <div className="stack-sm">
      <div className="chart-head">
        <span className="muted">Gross revenue per month in</span>
        <CurrencySwitch currencies={currencies} value={currency} onChange={setChosen} testId={`${testId}-currency`} />
      </div>
      <TimeChart
        kind="columns"
        title={`Revenue per month in ${currency}`}
        description={`Gross revenue of paid and fulfilled orders per month from ${formatMonth(months[0])} to ${formatMonth(months[months.length - 1])}, in ${currency}.`}
        periods={months}
        series={[{ id: currency, label: `Revenue (${currency})`, values, color: SERIES_COLORS[0] }]}
        formatValue={(v) => formatMoney(v, currency)}
        formatAxis={(v) => formatMoneyCompact(v, currency)}
        formatPeriod={(m) => formatMonth(m, true)}
        formatPeriodLong={(m) => formatMonth(m)}
        height={220}
        testId={testId}
      />
    </div>
  );
}

const KIND_COLUMNS: TableColumn<KindSalesRow>[] = [
  {
    header: 'Kind',
    cell: (r) => (
      <>
        {PRODUCT_KIND_LABELS[r.kind]} <span className="currency-tag">{r.currency}</span>
      </>
    ),
  },
  { header: 'Orders', className: 'num', cell: (r) => formatCount(r.orders) },
  { header: 'Quantity', className: 'num', cell: (r) => formatCount(r.quantity) },
  { header: 'Net', className: 'num money', headerClassName: 'num', cell: (r) => formatMoney(r.netMinor, r.currency) },
  { header: 'Gross', className: 'num money', headerClassName: 'num', cell: (r) => formatMoney(r.grossMinor, r.currency) },
];

/** Sales per product kind, one row per kind and currency. */
export function KindTable({ rows }: { rows: KindSalesRow[] }) {
  if (rows.length === 0) return <CardEmpty icon="box">No sales in this period.</CardEmpty>;
  return <Table columns={KIND_COLUMNS} rows={rows} rowKey={(r) => `${r.kind}-${r.currency}`} testId="kind-table" />;
}

/** Top products per currency; `showClient` adds the client (combined view). */
export function TopProductsTable({ groups, showClient, onClient }: { groups: TopProductsGroup[]; showClient?: boolean; onClient?: (companyId: number) => void }) {
  if (groups.length === 0) return <CardEmpty icon="box">No products sold in this period.</CardEmpty>;
  return (
    <table className="table" data-testid="top-products">
      <thead>
        <tr>
          <th scope="col">Product</th>
          {showClient && <th scope="col">Client</th>}
          <th scope="col" className="num">Sold</th>
          <th scope="col" className="num">Gross</th>
        </tr>
      </thead>
      {groups.map((g) => (
        <tbody key={g.currency}>
          {groups.length > 1 && (
            <tr className="group-row">
              <th scope="rowgroup" colSpan={showClient ? 4 : 3}>
                In {g.currency}
              </th>
            </tr>
          )}
          {g.rows.map((r) => (
            <tr key={`${r.companyId}-${r.productId}`}>
              <td>
                <div className="line-name">{r.name}</div>
                <div className="muted line-sub">{PRODUCT_KIND_LABELS[r.kind]} · {plural(r.orders, 'order', 'orders')}</div>
              </td>
              {showClient && (
                <td>
                  {onClient ? (
                    <button type="button" className="link-btn" onClick={() => onClient(r.companyId)}>
                      {r.companyName}
                    </button>
                  ) : (
                    r.companyName
                  )}
                </td>
              )}
              <td className="num">{formatCount(r.quantity)}</td>
              <td className="num money">{formatMoney(r.grossMinor, g.currency)}</td>
            </tr>
          ))}
        </tbody>
      ))}
    </table>
  );
}
