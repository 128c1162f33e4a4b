// Billing (#/billing, /documents, /prices, /rates): the acting company's months with their state and
// document totals, its documents (a partner as Self: its own, its Direct clients' and its invoices to its
// clients; a client: its own), the partner's prices per client with the invoices drafted from them, and the
// month close's rates with their defaults (billing-rates-tab.tsx: the operator edits them there).
import { useEffect, useState } from 'react';
import { clientPriceSchema } from '../../../src-shared/api/billing-inputs';
import type { ClientPrice, DocumentSummary, PartnerInvoiceDraft } from '../../../src-shared/api/billing-types';
import { DOCUMENT_TYPE_LABELS, DOCUMENT_TYPES } from '../../../src-shared/domain/billing';
import { href, type BillingTab } from '../../router/routes';
import { useActions, useApp } from '../../state/store-context';
import { useCapabilities } from '../../state/use-capabilities';
import { RouteBadge, SampleBadge } from '../../ui/badges';
import { downloadCsv } from '../../ui/csv-download';
import { formatDate, plural } from '../../ui/format';
import { Icon } from '../../ui/icons';
import { bpToPercentText, formatMoney, moneyInputText, parseMoney, percentTextToBp } from '../../ui/money';
import { LoadableCard, Loaded } from '../../ui/loadable';
import { Card, PageHeader, Tabs } from '../../ui/page';
import { Table } from '../../ui/table';
import { useAction } from '../../ui/use-action';
import { FilterSelect, SearchBox } from '../../ui/search-box';
import { CardEmpty, EmptyState, SkeletonRows } from '../../ui/states';
import { RatesTab } from './billing-rates-tab';
import { DocumentsTable, MonthStateBadge, PerCurrency, moneyColumns } from './billing-ui';

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
  return (
    <Loaded value={overview} errorTitle="Could not load billing" onRetry={() => void actions.loadBillingOverview()} loading={<SkeletonRows rows={8} columns={6} />}>
      {(o) => (
        <Card flush testId="billing-months">
          <Table
            className="table billing-table"
            rows={o.months}
            rowKey={(m) => m.month}
            rowTestId={(m) => `month-row-${m.month}`}
            columns={[
              {
                header: 'Month',
                cell: (m) => (
                  <a href={href({ name: 'billing-month', month: m.month })} className="strong">
                    {m.name}
                  </a>
                ),
              },
              { header: 'State', cell: (m) => <MonthStateBadge state={m.state} /> },
              o.view === 'partner' && { header: 'Companies closed', className: 'num', cell: (m) => <>{m.companiesClosed} / {m.companiesInScope}</> },
              { header: 'Documents', className: 'num', cell: (m) => m.documents || <span className="muted">—</span> },
              { header: 'Invoiced (gross)', className: 'num', cell: (m) => <PerCurrency totals={m.totals} pick={(t) => t.invoices.grossMinor} /> },
              { header: 'Credited', className: 'num', cell: (m) => <PerCurrency totals={m.totals} pick={(t) => t.creditNotes.netMinor} /> },
              {
                header: '',
                className: 'col-actions',
                headerClassName: '',
                cell: (m) => (
                  <a className="btn btn-small" href={href({ name: 'billing-month', month: m.month })} data-testid={`open-month-${m.month}`}>
                    {o.canClose && (m.state === 'closable' || m.state === 'partly_closed') ? 'Preview & close' : 'Open'}
                  </a>
                ),
              },
            ]}
          />
        </Card>
      )}
    </Loaded>
  );
}

const ALL = '';

function DocumentsTab() {
  const documents = useApp((s) => s.billing.documents);
  const filter = useApp((s) => s.billing.documentsFilter);
  const overviewMonths = useApp((s) => s.billing.overview.data?.months ?? null);
  const months = overviewMonths ?? [];
  const actions = useActions();
  const exportCsv = useAction(async () => {
    const file = await actions.exportDocumentsCsv();
    downloadCsv(file, file.fileName);
  });
  useEffect(() => {
    void actions.loadDocuments();
  }, [actions]);

  return (
    <LoadableCard
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
          <button type="button" className="btn" onClick={() => void exportCsv.run()} disabled={exportCsv.busy || !documents.data?.total} data-testid="documents-export">
            <Icon name="download" size={14} /> Export CSV
          </button>
        </div>
      }
      value={documents}
      errorTitle="Could not load the documents"
      onRetry={() => void actions.loadDocuments()}
      loading={<SkeletonRows rows={6} columns={7} />}
      isEmpty={(page) => page.items.length === 0}
      empty={
        <EmptyState icon="receipt" title="No documents" testId="documents-empty">
          <p>Documents are issued when a month is closed.</p>
        </EmptyState>
      }
    >
      {(page) => (
        <>
          <DocumentsTable documents={page.items} />
          {page.total > page.items.length && (
            <div className="card-footer muted small">
              Showing the first {page.items.length} of {page.total}: narrow the filter, or export every row as CSV.
            </div>
          )}
        </>
      )}
    </LoadableCard>
  );
}

function PriceRow({ price }: { price: ClientPrice }) {
  const actions = useActions();
  const [fee, setFee] = useState(moneyInputText(price.monthlyFeeMinor, price.currency));
  const [percent, setPercent] = useState(bpToPercentText(price.percentBp));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const saving = useAction((input: { companyId: number; monthlyFeeMinor: number; percentBp: number }) => actions.setClientPrice(input));
  const save = () => {
    const parsedFee = parseMoney(fee, price.currency);
    const bp = percentTextToBp(percent);
    const problems: Record<string, string> = {};
    if (!parsedFee.ok) problems.monthlyFeeMinor = parsedFee.problem;
    if (bp === null) problems.percentBp = 'must be a percentage such as 2 or 2.5';
    const input = { companyId: price.companyId, monthlyFeeMinor: parsedFee.ok ? parsedFee.minor : 0, percentBp: bp ?? 0 };
    const checked = clientPriceSchema.safeParse(input);
    if (!checked.success) for (const [field, messages] of Object.entries(checked.error.flatten().fieldErrors)) problems[field] ??= messages?.[0] ?? 'is invalid';
    setErrors(problems);
    if (Object.keys(problems).length === 0) void saving.run(input);
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
        <button type="button" className="btn btn-small" onClick={save} disabled={saving.busy} data-testid="price-save">
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
      <LoadableCard
        flush
        testId="billing-prices"
        title="Your prices for your clients"
        description="A monthly fee and/or a percentage of the client's net sales. When a month is closed, an invoice to each Via Partner client is drafted from them; you review and issue it."
        value={prices}
        onRetry={() => void actions.loadPrices()}
        loading={<SkeletonRows rows={4} columns={5} />}
        empty={<EmptyState icon="buildings" title="No clients yet" />}
      >
        {(rows) => (
          <table className="table billing-table">
            <thead>
              <tr>
                <th scope="col">Client</th>
                <th scope="col">Route</th>
                <th scope="col">Monthly fee</th>
                <th scope="col">% of net sales</th>
                <th scope="col">Updated</th>
                <th scope="col" />
              </tr>
            </thead>
            <tbody>
              {rows.map((p) => (
                <PriceRow key={p.companyId} price={p} />
              ))}
            </tbody>
          </table>
        )}
      </LoadableCard>
      <LoadableCard
        flush
        testId="billing-drafts"
        title="Drafted invoices to your clients"
        description="Issued drafts get a number in your own sequence and are emailed to the client (see the outbox)."
        value={drafts}
        errorTitle="Could not load the drafts"
        onRetry={() => void actions.loadDrafts()}
        loading={<SkeletonRows rows={2} columns={5} />}
        empty={<CardEmpty>No drafts: close a month with prices set for Via Partner clients.</CardEmpty>}
      >
        {(rows) => (
          <Table
            className="table billing-table"
            rows={rows}
            rowKey={(d) => d.id}
            rowTestId={(d) => `draft-row-${d.companyId}`}
            columns={[
              { header: 'Client', cell: (d) => d.companyName },
              { header: 'Month', cell: (d) => d.month },
              { header: 'Lines', className: 'small', headerClassName: '', cell: (d) => d.lines.map((l) => l.description).join('; ') },
              ...moneyColumns<PartnerInvoiceDraft>((d) => (d.reverseCharge ? 'Reverse charge' : formatMoney(d.vatMinor, d.currency))),
              {
                header: '',
                className: 'col-actions',
                headerClassName: '',
                cell: (d) => (
                  <>
                    <button type="button" className="btn btn-small btn-primary" onClick={() => void actions.issueDraft(d.id).catch(() => undefined)} data-testid="draft-issue">
                      Issue
                    </button>{' '}
                    <button type="button" className="btn btn-small btn-ghost" onClick={() => void actions.discardDraft(d.id).catch(() => undefined)} data-testid="draft-discard">
                      Discard
                    </button>
                  </>
                ),
              },
            ]}
          />
        )}
      </LoadableCard>
    </>
  );
}
