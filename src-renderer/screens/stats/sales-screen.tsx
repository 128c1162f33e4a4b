// The combined view as Self (#/sales, #/sales/clients, #/sales/products): every client's sales in one place,
// broken out by client. Overview: headline figures per currency, revenue over time per client (top 5 and
// "Other clients", one currency at a time), top clients, months, product kinds and top products. By client:
// a virtualized, sortable, searchable table for thousands of clients with totals per currency of the whole
// filter; a click on a row switches to that client and opens its dashboard. Products: every client's
// products with a client column and filter. Every table exports to CSV for its filter.
import { useEffect } from 'react';
import { href, type SalesTab } from '../../router/routes';
import { useActions, useApp } from '../../state/store-context';
import { useCapabilities } from '../../state/use-capabilities';
import { useStatsRange } from '../../state/use-stats';
import { describeRange } from '../../ui/date-range-presets';
import { PageHeader, Tabs } from '../../ui/page';
import { RangePicker } from '../../ui/range-picker';
import { SalesByClient } from './sales-by-client';
import { SalesOverview } from './sales-overview';
import { ClientProducts } from './sales-products';
import './stats.css';

export function SalesScreen({ tab }: { tab: SalesTab }) {
  const caps = useCapabilities();
  const includeDemo = useApp((s) => s.sales.includeDemo);
  const { range, today } = useStatsRange();
  const actions = useActions();

  useEffect(() => {
    // The platform's clock can run ahead of the wall clock (demos): read it again for "today".
    void actions.loadAppInfo();
  }, [actions]);

  const tabs = [
    ...(caps.sales
      ? [
          { href: href({ name: 'sales', tab: 'overview' }), label: 'Overview', active: tab === 'overview', testId: 'tab-sales-overview' },
          { href: href({ name: 'sales', tab: 'clients' }), label: 'By client', active: tab === 'clients', testId: 'tab-sales-clients' },
        ]
      : []),
    ...(caps.salesProducts ? [{ href: href({ name: 'sales', tab: 'products' }), label: 'Products', active: tab === 'products', testId: 'tab-sales-products' }] : []),
  ];

  return (
    <div className={`page page-wide${tab === 'overview' ? '' : ' page-fill'}`} data-testid={`sales-${tab}`}>
      <PageHeader
        title="Sales"
        subtitle={`Your clients' sales combined, broken out by client · ${describeRange(range)}`}
        actions={
          tab !== 'products' && (
            <>
              <label className="toggle-inline" title="Sample companies' demo orders are never real sales">
                <input type="checkbox" className="checkbox" checked={includeDemo} onChange={(e) => actions.setIncludeDemo(e.target.checked)} data-testid="include-demo" />
                Include demo data
              </label>
              <RangePicker value={range} today={today} onChange={actions.setSalesRange} />
            </>
          )
        }
      />
      <Tabs tabs={tabs} />
      {tab === 'overview' && <SalesOverview />}
      {tab === 'clients' && <SalesByClient />}
      {tab === 'products' && <ClientProducts />}
    </div>
  );
}



