// Billing (#/billing, /documents, /prices, /rates): the acting company's months with their state and
// document totals, its documents (a partner as Self: its own, its Direct clients' and its invoices to its
// clients; a client: its own), the partner's prices per client with the invoices drafted from them, and the
// month close's rates with their defaults (billing-rates-tab.tsx: the operator edits them there).
import { useCallback, useEffect, useMemo, useState } from 'react';
import { clientPriceSchema } from '../../../src-shared/api/billing-inputs';
import type { ClientPrice, DocumentSummary, PartnerInvoiceDraft } from '../../../src-shared/api/billing-types';
import { DOCUMENT_TYPE_LABELS, DOCUMENT_TYPES } from '../../../src-shared/domain/billing';
import { useLeaveGuard } from '../../router/leave-guard';
import { href, type BillingTab } from '../../router/routes';
import { useActions, useApp } from '../../state/store-context';
import { useCapabilities } from '../../state/use-capabilities';
import { RouteBadge, SampleBadge } from '../../ui/badges';
import { downloadCsv } from '../../ui/csv-download';
import { DataTable, type Column } from '../../ui/data-table';
import { formatCount, formatDate, plural } from '../../ui/format';
import { BusyButton, FormFooter } from '../../ui/form-footer';
import { Icon } from '../../ui/icons';
import { bpToPercentText, formatMoney, moneyInputText, parseMoney, percentTextToBp } from '../../ui/money';
import { LoadableCard, Loaded } from '../../ui/loadable';
import { Card, PageHeader, Tabs } from '../../ui/page';
import { Table } from '../../ui/table';
import { useAction } from '../../ui/use-action';
import { FilterSelect, SearchBox } from '../../ui/search-box';
import { CardEmpty, EmptyState, SkeletonRows, Spinner } from '../../ui/states';
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
  const filter = documents.filter;
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
  const filtered = Boolean(filter.search || filter.month || filter.type);

  return (
    <Card
      flush
      testId="billing-documents"
      title={documents.total !== null ? plural(documents.total, 'document', 'documents') : 'Documents'}
      actions={
        <div className="toolbar">
          {documents.refreshing && <Spinner size={14} label="Updating" />}
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
          <button type="button" className="btn" onClick={() => void exportCsv.run()} disabled={exportCsv.busy || !documents.total} data-testid="documents-export">
            <Icon name="download" size={14} /> Export CSV
          </button>
        </div>
      }
    >
      <DocumentsTable
        list={documents}
        empty={
          <EmptyState icon="receipt" title={filtered ? 'No document matches this filter' : 'No documents'} testId="documents-empty">
            <p>{filtered ? 'Try another search, month or type.' : 'Documents are issued when a month is closed.'}</p>
          </EmptyState>
        }
      />
    </Card>
  );
}

/** A client's prices as typed (text), before they are parsed and saved. */
interface PriceText {
  fee: string;
  percent: string;
}

const priceText = (p: ClientPrice): PriceText => ({ fee: moneyInputText(p.monthlyFeeMinor, p.currency), percent: bpToPercentText(p.percentBp) });

/** The typed prices parsed and checked with the API's schema: the input to save, or the problems by field. */
function parsePriceText(price: ClientPrice, text: PriceText): { ok: true; input: { companyId: number; monthlyFeeMinor: number; percentBp: number } } | { ok: false; problems: Record<string, string> } {
  const parsedFee = parseMoney(text.fee, price.currency);
  const bp = percentTextToBp(text.percent);
  const problems: Record<string, string> = {};
  if (!parsedFee.ok) problems.monthlyFeeMinor = parsedFee.problem;
  if (bp === null) problems.percentBp = 'must be a percentage such as 2 or 2.5';
  const input = { companyId: price.companyId, monthlyFeeMinor: parsedFee.ok ? parsedFee.minor : 0, percentBp: bp ?? 0 };
  const checked = clientPriceSchema.safeParse(input);
  if (!checked.success) for (const [field, messages] of Object.entries(checked.error.flatten().fieldErrors)) problems[field] ??= messages?.[0] ?? 'is invalid';
  return Object.keys(problems).length > 0 ? { ok: false, problems } : { ok: true, input };
}

const PRICE_FIELD_LABELS: Record<string, string> = { monthlyFeeMinor: 'Monthly fee', percentBp: 'Percentage of net sales' };

function priceColumns(edits: Record<number, PriceText>, problems: Record<number, Record<string, string>>, edit: (price: ClientPrice, change: Partial<PriceText>) => void): Column<ClientPrice>[] {
  const text = (p: ClientPrice) => edits[p.companyId] ?? priceText(p);
  return [
    {
      id: 'client',
      header: 'Client',
      width: 'minmax(220px, 2fr)',
      minWidth: 200,
      cell: (p) => (
        <span className="price-client" title={p.companyName}>
          <span className="price-client-name">{p.companyName}</span> {p.isSample && <SampleBadge compact />}
          {edits[p.companyId] && <span className="price-changed" title="Changed, not saved yet" data-testid="price-changed" />}
        </span>
      ),
    },
    { id: 'route', header: 'Route', width: '110px', minWidth: 110, priority: 3, cell: (p) => <RouteBadge route={p.route} /> },
    {
      id: 'fee',
      header: 'Monthly fee',
      width: 'minmax(170px, 1fr)',
      minWidth: 170,
      cell: (p) => {
        const problem = problems[p.companyId]?.monthlyFeeMinor;
        return (
          <label className="inline-field">
            <input
              className={`input input-small${problem ? ' is-invalid' : ''}`}
              value={text(p).fee}
              onChange={(e) => edit(p, { fee: e.target.value })}
              aria-label={`Monthly fee for ${p.companyName}`}
              aria-invalid={problem ? true : undefined}
              title={problem ? `Monthly fee ${problem}` : undefined}
              data-testid="price-fee"
            />
            <span className="muted">{p.currency}</span>
          </label>
        );
      },
    },
    {
      id: 'percent',
      header: '% of net sales',
      width: 'minmax(140px, 0.8fr)',
      minWidth: 140,
      cell: (p) => {
        const problem = problems[p.companyId]?.percentBp;
        return (
          <label className="inline-field">
            <input
              className={`input input-small${problem ? ' is-invalid' : ''}`}
              value={text(p).percent}
              onChange={(e) => edit(p, { percent: e.target.value })}
              aria-label={`Percentage of sales for ${p.companyName}`}
              aria-invalid={problem ? true : undefined}
              title={problem ? `Percentage ${problem}` : undefined}
              data-testid="price-percent"
            />
            <span className="muted">%</span>
          </label>
        );
      },
    },
    { id: 'updated', header: 'Updated', width: '110px', minWidth: 110, priority: 2, cell: (p) => <span className="muted small">{p.updatedAt ? formatDate(p.updatedAt) : 'not set'}</span> },
  ];
}

/**
 * Every client's prices in one virtualized table (5,000 clients: only the rows in view are in the page) with
 * one Save for all changes. Changed rows are kept as typed until saved or discarded; leaving asks first.
 */
function ClientPricesTable({ rows }: { rows: ClientPrice[] }) {
  const actions = useActions();
  const [edits, setEdits] = useState<Record<number, PriceText>>({});
  const [problems, setProblems] = useState<Record<number, Record<string, string>>>({});
  const [search, setSearch] = useState('');
  const byId = useMemo(() => new Map(rows.map((p) => [p.companyId, p])), [rows]);
  const changed = useMemo(() => Object.keys(edits).map(Number).filter((id) => byId.has(id)), [edits, byId]);
  const dirty = changed.length;
  useLeaveGuard(dirty > 0, `Your changed prices for ${plural(dirty, 'client', 'clients')} are not saved.`);

  const edit = useCallback(
    (price: ClientPrice, change: Partial<PriceText>) => {
      setEdits((all) => {
        const next = { ...(all[price.companyId] ?? priceText(price)), ...change };
        const original = priceText(price);
        const copy = { ...all };
        if (next.fee === original.fee && next.percent === original.percent) delete copy[price.companyId];
        else copy[price.companyId] = next;
        return copy;
      });
      setProblems((all) => {
        if (!all[price.companyId]) return all;
        const copy = { ...all };
        delete copy[price.companyId];
        return copy;
      });
    },
    [],
  );
  const saving = useAction(async (inputs: { companyId: number; monthlyFeeMinor: number; percentBp: number }[]) => {
    const saved = await actions.setClientPrices(inputs);
    setEdits((all) => {
      const copy = { ...all };
      for (const p of saved) delete copy[p.companyId];
      return copy;
    });
  });
  const save = async () => {
    const inputs: { companyId: number; monthlyFeeMinor: number; percentBp: number }[] = [];
    const found: Record<number, Record<string, string>> = {};
    for (const id of changed) {
      const parsed = parsePriceText(byId.get(id)!, edits[id]);
      if (parsed.ok) inputs.push(parsed.input);
      else found[id] = parsed.problems;
    }
    setProblems(found);
    if (Object.keys(found).length > 0 || inputs.length === 0) return;
    await saving.run(inputs);
  };

  const shown = useMemo(() => {
    const needle = search.trim().toLowerCase();
    return needle ? rows.filter((p) => p.companyName.toLowerCase().includes(needle)) : rows;
  }, [rows, search]);
  const columns = useMemo(() => priceColumns(edits, problems, edit), [edits, problems, edit]);
  const problemIds = Object.keys(problems).map(Number);
  const firstProblem = problemIds.length > 0 ? Object.entries(problems[problemIds[0]])[0] : null;

  return (
    <>
      <div className="toolbar prices-toolbar">
        <SearchBox value={search} onSearch={setSearch} placeholder="Client name" label="Search clients" testId="prices-search" />
        <span className="toolbar-spacer" />
        <span className="muted" data-testid="prices-count">
          {shown.length === rows.length ? plural(rows.length, 'client', 'clients') : `${formatCount(shown.length)} of ${formatCount(rows.length)} clients`}
        </span>
      </div>
      <div className="billing-vt">
        <DataTable<ClientPrice>
          label="Client prices"
          testId="prices-table"
          columns={columns}
          total={shown.length}
          rowAt={(i) => shown[i]}
          rowKey={(p) => p.companyId}
          onRange={noRange}
          status="ready"
          resetKey={search}
          rowTestId="price-row"
          rowHeight={52}
          rowClassName={(p) => (problems[p.companyId] ? 'has-problem' : edits[p.companyId] ? 'is-changed' : undefined)}
          empty={<CardEmpty>No client matches “{search}”.</CardEmpty>}
        />
      </div>
      <FormFooter
        start={
          <span className={`form-footer-status${firstProblem ? ' text-negative' : ''}`} data-testid="prices-status">
            {firstProblem
              ? `${plural(problemIds.length, 'row needs', 'rows need')} a fix: ${PRICE_FIELD_LABELS[firstProblem[0]] ?? firstProblem[0]} for ${byId.get(problemIds[0])?.companyName} ${firstProblem[1]}.`
              : dirty > 0
                ? `${plural(dirty, 'client changed', 'clients changed')}, not saved yet.`
                : 'All prices saved.'}
          </span>
        }
      >
        <button
          type="button"
          className="btn"
          disabled={dirty === 0 || saving.busy}
          onClick={() => {
            setEdits({});
            setProblems({});
          }}
          data-testid="prices-discard"
        >
          Discard
        </button>
        <BusyButton className="btn btn-primary" busy={saving.busy} icon="check" disabled={dirty === 0} onClick={() => void save()} testId="prices-save">
          {dirty > 1 ? `Save ${formatCount(dirty)} changes` : 'Save changes'}
        </BusyButton>
      </FormFooter>
    </>
  );
}

const noRange = () => undefined;

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
        {(rows) => <ClientPricesTable rows={rows} />}
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
