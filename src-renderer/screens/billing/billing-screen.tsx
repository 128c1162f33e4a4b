// Billing (#/billing, /documents, /prices, /rates): the acting company's months with their state and
// document totals, its documents (a partner as Self: its own, its Direct clients' and its invoices to its
// clients; a client: its own), the partner's prices per client with the invoices drafted from them, and the
// month close's rates with their defaults (billing-rates-tab.tsx: the operator edits them there).
import { useEffect, useState } from 'react';
import { clientPriceSchema } from '../../../src-shared/api/billing-inputs';
import type { ClientPrice, DocumentSummary } from '../../../src-shared/api/billing-types';
import { DOCUMENT_TYPE_LABELS, DOCUMENT_TYPES } from '../../../src-shared/domain/billing';
import { href, type BillingTab } from '../../router/routes';
import { useActions, useApp } from '../../state/store-context';
import { useCapabilities } from '../../state/use-capabilities';
import { RouteBadge, SampleBadge } from '../../ui/badges';
import { downloadCsv } from '../../ui/csv-download';
import { formatDate, plural } from '../../ui/format';
import { Icon } from '../../ui/icons';
import { bpToPercentText, formatMoney, moneyInputText, parseMoney, percentTextToBp } from '../../ui/money';
import { Card, PageHeader, Tabs } from '../../ui/page';
import { FilterSelect, SearchBox } from '../../ui/search-box';
import { EmptyState, ErrorState, SkeletonRows } from '../../ui/states';
import { RatesTab } from './billing-rates-tab';
import { DocumentsTable, MonthStateBadge, PerCurrency } from './billing-ui';

export function BillingScreen({ tab }: { tab: BillingTab }) {
  const caps = useCapabilities();
  const overview = useApp((s) => s.billing.overview);
  const actions = useActions();
  useEffect(() => {
    if (caps.billing) void actions.loadBillingOverview();
  }, [actions, caps.billing]);

  // The platform operator may reach only the rates (without the billing permission of its company).
  const tabs = [
    { tab: 'months' as const, label: 'Months', show: caps.billing },
    { tab: 'documents' as const, label: 'Documents', show: caps.billing },
    { tab: 'prices' as const, label: 'Client prices', show: caps.billingClose },
    { tab: 'rates' as const, label: 'Rates', show: true },
  ].filter((t) => t.show);

  return (
    <div className="page" data-testid="billing">
      <PageHeader
        title="Billing"
        subtitle={overview.data?.note ?? 'Monthly reports, invoices and credit notes from the platform.'}
        badges={overview.data && overview.data.view !== 'partner' && overview.data.view !== 'company' ? <RouteBadge route={overview.data.company.route} /> : undefined}
      />
      <Tabs tabs={tabs.map((t) => ({ href: href({ name: 'billing', tab: t.tab }), label: t.label, active: t.tab === tab, testId: `billing-tab-${t.tab}` }))} />
      {tab === 'months' && <MonthsTab />}
      {tab === 'documents' && <DocumentsTab />}
      {tab === 'prices' && <PricesTab />}
      {tab === 'rates' && <RatesTab />}
    </div>
  );
}

function MonthsTab() {
  const overview = useApp((s) => s.billing.overview);
  const actions = useActions();
  if (overview.status === 'error' && !overview.data) return <ErrorState title="Could not load billing" message={overview.error} onRetry={() => void actions.loadBillingOverview()} />;
  if (!overview.data) return <SkeletonRows rows={8} columns={6} />;
  const o = overview.data;
  return (
    <Card flush testId="billing-months">
      <table className="table billing-table">
        <thead>
          <tr>
            <th>Month</th>
            <th>State</th>
            {o.view === 'partner' && <th className="num">Companies closed</th>}
            <th className="num">Documents</th>
            <th className="num">Invoiced (gross)</th>
            <th className="num">Credited</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {o.months.map((m) => (
            <tr key={m.month} data-testid={`month-row-${m.month}`}>
              <td>
                <a href={href({ name: 'billing-month', month: m.month })} className="strong">
                  {m.name}
                </a>
              </td>
              <td>
                <MonthStateBadge state={m.state} />
              </td>
              {o.view === 'partner' && (
                <td className="num">
                  {m.companiesClosed} / {m.companiesInScope}
                </td>
              )}
              <td className="num">{m.documents || <span className="muted">—</span>}</td>
              <td className="num">
                <PerCurrency totals={m.totals} pick={(t) => t.invoices.grossMinor} />
              </td>
              <td className="num">
                <PerCurrency totals={m.totals} pick={(t) => t.creditNotes.netMinor} />
              </td>
              <td className="col-actions">
                <a className="btn btn-small" href={href({ name: 'billing-month', month: m.month })} data-testid={`open-month-${m.month}`}>
                  {o.canClose && (m.state === 'closable' || m.state === 'partly_closed') ? 'Preview & close' : 'Open'}
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}

const ALL = '';

function DocumentsTab() {
  const documents = useApp((s) => s.billing.documents);
  const filter = useApp((s) => s.billing.documentsFilter);
  const overviewMonths = useApp((s) => s.billing.overview.data?.months ?? null);
  const months = overviewMonths ?? [];
  const actions = useActions();
  const [exporting, setExporting] = useState(false);
  useEffect(() => {
    void actions.loadDocuments();
  }, [actions]);

  const exportCsv = async () => {
    setExporting(true);
    try {
      const file = await actions.exportDocumentsCsv();
      downloadCsv(file, file.fileName);
    } catch {
      // mutate() showed the error.
    } finally {
      setExporting(false);
    }
  };

  return (
    <Card
      flush
      testId="billing-documents"
      title={documents.data ? plural(documents.data.total, 'document', 'documents') : 'Documents'}
      actions={
        <div className="toolbar">
          <SearchBox value={filter.search ?? ''} onSearch={(search) => actions.setDocumentsFilter({ ...filter, search })} placeholder="Number or recipient" label="Search documents" testId="documents-search" />
          <FilterSelect
            label="Month"
            value={filter.month ?? ALL}
            options={[{ value: ALL, label: 'All' }, ...months.filter((m) => m.documents > 0).map((m) => ({ value: m.month, label: m.name }))]}
            onChange={(month) => actions.setDocumentsFilter({ ...filter, month: month || undefined })}
            testId="documents-month"
          />
          <FilterSelect
            label="Type"
            value={filter.type ?? ALL}
            options={[{ value: ALL, label: 'All' }, ...DOCUMENT_TYPES.map((t) => ({ value: t, label: DOCUMENT_TYPE_LABELS[t] }))]}
            onChange={(type) => actions.setDocumentsFilter({ ...filter, type: (type || undefined) as DocumentSummary['type'] | undefined })}
            testId="documents-type"
          />
          <button type="button" className="btn" onClick={() => void exportCsv()} disabled={exporting || !documents.data?.total} data-testid="documents-export">
            <Icon name="download" size={14} /> Export CSV
          </button>
        </div>
      }
    >
      {documents.status === 'error' && !documents.data ? (
        <ErrorState title="Could not load the documents" message={documents.error} onRetry={() => void actions.loadDocuments()} />
      ) : !documents.data ? (
        <SkeletonRows rows={6} columns={7} />
      ) : documents.data.items.length === 0 ? (
        <EmptyState icon="receipt" title="No documents" testId="documents-empty">
          <p>Documents are issued when a month is closed.</p>
        </EmptyState>
      ) : (
        <>
          <DocumentsTable documents={documents.data.items} />
          {documents.data.total > documents.data.items.length && (
            <div className="card-footer muted small">
              Showing the first {documents.data.items.length} of {documents.data.total}: narrow the filter, or export every row as CSV.
            </div>
          )}
        </>
      )}
    </Card>
  );
}

function PriceRow({ price }: { price: ClientPrice }) {
  const actions = useActions();
  const [fee, setFee] = useState(moneyInputText(price.monthlyFeeMinor, price.currency));
  const [percent, setPercent] = useState(bpToPercentText(price.percentBp));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const save = async () => {
    const parsedFee = parseMoney(fee, price.currency);
    const bp = percentTextToBp(percent);
    const problems: Record<string, string> = {};
    if (!parsedFee.ok) problems.monthlyFeeMinor = parsedFee.problem;
    if (bp === null) problems.percentBp = 'must be a percentage such as 2 or 2.5';
    const input = { companyId: price.companyId, monthlyFeeMinor: parsedFee.ok ? parsedFee.minor : 0, percentBp: bp ?? 0 };
    const checked = clientPriceSchema.safeParse(input);
    if (!checked.success) for (const [field, messages] of Object.entries(checked.error.flatten().fieldErrors)) problems[field] ??= messages?.[0] ?? 'is invalid';
    setErrors(problems);
    if (Object.keys(problems).length > 0) return;
    setBusy(true);
    try {
      await actions.setClientPrice(input);
    } catch {
      // mutate() showed the error.
    } finally {
      setBusy(false);
    }
  };
  return (
    <tr data-testid={`price-row-${price.companyId}`}>
      <td>
        {price.companyName} {price.isSample && <SampleBadge compact />}
      </td>
      <td>
        <RouteBadge route={price.route} />
      </td>
      <td>
        <label className="inline-field">
          <input className={`input input-small${errors.monthlyFeeMinor ? ' is-invalid' : ''}`} value={fee} onChange={(e) => setFee(e.target.value)} aria-label={`Monthly fee for ${price.companyName}`} data-testid="price-fee" />
          <span className="muted">{price.currency}</span>
        </label>
        {errors.monthlyFeeMinor && <div className="field-error">Monthly fee {errors.monthlyFeeMinor}</div>}
      </td>
      <td>
        <label className="inline-field">
          <input className={`input input-small${errors.percentBp ? ' is-invalid' : ''}`} value={percent} onChange={(e) => setPercent(e.target.value)} aria-label={`Percentage of sales for ${price.companyName}`} data-testid="price-percent" />
          <span className="muted">%</span>
        </label>
        {errors.percentBp && <div className="field-error">Percentage {errors.percentBp}</div>}
      </td>
      <td className="muted small">{price.updatedAt ? formatDate(price.updatedAt) : 'not set'}</td>
      <td className="col-actions">
        <button type="button" className="btn btn-small" onClick={() => void save()} disabled={busy} data-testid="price-save">
          Save
        </button>
      </td>
    </tr>
  );
}

function PricesTab() {
  const prices = useApp((s) => s.billing.prices);
  const drafts = useApp((s) => s.billing.drafts);
  const actions = useActions();
  useEffect(() => {
    void actions.loadPrices();
    void actions.loadDrafts();
  }, [actions]);
  return (
    <>
      <Card
        flush
        testId="billing-prices"
        title="Your prices for your clients"
        description="A monthly fee and/or a percentage of the client's net sales. When a month is closed, an invoice to each Via Partner client is drafted from them; you review and issue it."
      >
        {prices.status === 'error' && !prices.data ? (
          <ErrorState message={prices.error} onRetry={() => void actions.loadPrices()} />
        ) : !prices.data ? (
          <SkeletonRows rows={4} columns={5} />
        ) : prices.data.length === 0 ? (
          <EmptyState icon="buildings" title="No clients yet" />
        ) : (
          <table className="table billing-table">
            <thead>
              <tr>
                <th>Client</th>
                <th>Route</th>
                <th>Monthly fee</th>
                <th>% of net sales</th>
                <th>Updated</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {prices.data.map((p) => (
                <PriceRow key={p.companyId} price={p} />
              ))}
            </tbody>
          </table>
        )}
      </Card>
      <Card flush testId="billing-drafts" title="Drafted invoices to your clients" description="Issued drafts get a number in your own sequence and are emailed to the client (see the outbox).">
        {!drafts.data ? (
          <SkeletonRows rows={2} columns={5} />
        ) : drafts.data.length === 0 ? (
          <div className="card-empty">No drafts: close a month with prices set for Via Partner clients.</div>
        ) : (
          <table className="table billing-table">
            <thead>
              <tr>
                <th>Client</th>
                <th>Month</th>
                <th>Lines</th>
                <th className="num">Net</th>
                <th className="num">VAT</th>
                <th className="num">Gross</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {drafts.data.map((d) => (
                <tr key={d.id} data-testid={`draft-row-${d.companyId}`}>
                  <td>{d.companyName}</td>
                  <td>{d.month}</td>
                  <td className="small">{d.lines.map((l) => l.description).join('; ')}</td>
                  <td className="num">{formatMoney(d.netMinor, d.currency)}</td>
                  <td className="num">{d.reverseCharge ? 'Reverse charge' : formatMoney(d.vatMinor, d.currency)}</td>
                  <td className="num strong">{formatMoney(d.grossMinor, d.currency)}</td>
                  <td className="col-actions">
                    <button type="button" className="btn btn-small btn-primary" onClick={() => void actions.issueDraft(d.id).catch(() => undefined)} data-testid="draft-issue">
                      Issue
                    </button>{' '}
                    <button type="button" className="btn btn-small btn-ghost" onClick={() => void actions.discardDraft(d.id).catch(() => undefined)} data-testid="draft-discard">
                      Discard
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
    </>
  );
}
