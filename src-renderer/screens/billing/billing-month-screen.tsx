// One month in Billing (#/billing/months/YYYY-MM). A partner as Self sees the close preview (what would be
// issued to whom, totals per currency, warnings: route switches, sample companies, changed figures), closes
// the month from it (refused when the figures changed since the preview), and asks what switching a client
// between Direct and Via Partner would change. Everyone sees the month's issued documents.
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { BillingWarningKind, ClientPrice, ClosePreview, PlannedDocumentSummary, WhatIf, WhatIfSide } from '../../../src-shared/api/billing-types';
import { monthName } from '../../../src-shared/domain/billing';
import { href } from '../../router/routes';
import { useActions, useApp } from '../../state/store-context';
import { useCapabilities } from '../../state/use-capabilities';
import { RouteBadge } from '../../ui/badges';
import { ConfirmActionDialog } from '../../ui/dialog';
import { Loaded } from '../../ui/loadable';
import { DataTable, type Column } from '../../ui/data-table';
import { NoticeGroups } from '../../ui/notice-groups';
import { SearchPicker } from '../../ui/search-picker';
import { useConfirmedAction } from '../../ui/use-action';
import { formatCount, formatDateTime, plural } from '../../ui/format';
import { Icon } from '../../ui/icons';
import { formatMoney } from '../../ui/money';
import { Card, PageHeader } from '../../ui/page';
import { Callout, CardEmpty, EmptyState, SkeletonRows } from '../../ui/states';
import { DocumentsTable, DocumentTypeBadge, MonthStateBadge, moneyColumnDefs } from './billing-ui';
import { AwaitingPaymentCallout } from '../../areas/billing/awaiting-payment';
import './billing-month-screen.css';

export function BillingMonthScreen({ month }: { month: string }) {
  const caps = useCapabilities();
  const actions = useActions();
  const documents = useApp((s) => s.billing.documents);
  const state = useApp((s) => s.billing.overview.data?.months.find((m) => m.month === month)?.state ?? null);

  useEffect(() => {
    void actions.loadBillingOverview();
    actions.setDocumentsFilter({ month, sort: 'number', direction: 'asc' });
    if (caps.billingClose) void actions.loadClosePreview(month);
  }, [actions, month, caps.billingClose]);

  const ofMonth = documents.filter.month === month && documents.shownFilter?.month === month;

  return (
    <div className="page" data-testid="billing-month">
      <PageHeader back={{ href: href({ name: 'billing', tab: 'months' }), label: 'Billing' }} title={monthName(month)} badges={state && <MonthStateBadge state={state} />} />
      {caps.billingClose && <ClosePanel month={month} />}
      <Card flush title={ofMonth && documents.total !== null ? `Issued documents (${formatCount(documents.total)})` : 'Issued documents'} testId="month-documents">
        {ofMonth ? (
          <DocumentsTable list={documents} showMonth={false} testId="month-documents-table" empty={<CardEmpty>Nothing issued for {monthName(month)} yet.</CardEmpty>} />
        ) : (
          <SkeletonRows rows={3} columns={7} />
        )}
      </Card>
      {caps.billingClose && <WhatIfPanel month={month} />}
    </div>
  );
}

function ClosePanel({ month }: { month: string }) {
  const preview = useApp((s) => s.billing.preview);
  const actions = useActions();
  const p = preview.data?.month === month ? preview.data : null;
  return (
    <Loaded value={{ ...preview, data: p }} errorTitle="Could not preview the close" onRetry={() => void actions.loadClosePreview(month)} loading={<SkeletonRows rows={4} columns={5} />}>
      {(shown) => <ClosePreviewCard p={shown} />}
    </Loaded>
  );
}

function ClosePreviewCard({ p }: { p: ClosePreview }) {
  const actions = useActions();
  const month = p.month;
  const close = useConfirmedAction((preview: ClosePreview) => actions.closeMonth(month, preview.fingerprint), {
    afterError: 'close',
    // A stale preview: the preview reloads (mutate() showed the error).
    onError: () => void actions.loadClosePreview(month),
  });

  const nothingLeft = p.companies.toClose === 0;
  return (
    <Card
      testId="close-preview"
      title={nothingLeft ? 'Close' : `Preview of the close — ${p.scope.kind === 'partner' ? `${p.scope.partnerName} and its clients` : 'every company'}`}
      description={nothingLeft ? `${p.monthName} is closed: closing again changes nothing.` : 'Nothing is written until you close. The route of each client at the close applies to the whole month.'}
      actions={
        !nothingLeft && (
          <button type="button" className="btn btn-primary" disabled={!p.closable} onClick={() => close.ask(p)} data-testid="close-month">
            <Icon name="check" size={14} /> Close {p.monthName}
          </button>
        )
      }
    >
      <AwaitingPaymentCallout companies={p.awaitingPayment} />
      <NoticeGroups notices={p.warnings.filter((w) => w.kind !== 'awaiting_payment_details')} tone={warningTone} summary={(kind, count) => warningSummary(kind as BillingWarningKind, count, p.monthName)} testIdPrefix="close-warning" />
      {!nothingLeft && (
        <>
          <dl className="billing-stats">
            {[
              ['Companies in scope', formatCount(p.companies.inScope)],
              ['To close', formatCount(p.companies.toClose)],
              ['With documents', formatCount(p.companies.withDocuments)],
              ['Sample (never billed)', formatCount(p.companies.sampleSkipped)],
              ['Closable from', formatDateTime(p.endsAt)],
            ].map(([label, value]) => (
              <div key={label}>
                <dt>{label}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>
          <PreviewTotals preview={p} />
          <div className="billing-vt">
            <DataTable<PlannedDocumentSummary>
              label="Documents the close would issue"
              testId="preview-documents"
              columns={PREVIEW_COLUMNS}
              total={p.documents.length}
              rowAt={(i) => p.documents[i]}
              rowKey={(d) => d.key}
              onRange={noRange}
              status="ready"
              rowTestId="preview-row"
              rowHeight={48}
              empty={<CardEmpty>Nothing to issue: no company in scope sold anything billable in {p.monthName}.</CardEmpty>}
            />
          </div>
        </>
      )}
      <ConfirmActionDialog action={close} title={(c) => `Close ${c.monthName}?`} confirmLabel={(c) => `Issue ${plural(c.documents.length, 'document', 'documents')}`}>
        {(c) => (
          <p>
            {plural(c.documents.length, 'document is', 'documents are')} issued with their numbers and emailed to {plural(c.companies.withDocuments, 'recipient', 'recipients')}. Issued documents
            never change: a mistake is fixed with a correction.
          </p>
        )}
      </ConfirmActionDialog>
    </Card>
  );
}

const noRange = () => undefined;

const PREVIEW_COLUMNS: Column<PlannedDocumentSummary>[] = [
  {
    id: 'document',
    header: 'Document',
    width: 'minmax(170px, 1fr)',
    minWidth: 170,
    cell: (d) => (
      <>
        <DocumentTypeBadge type={d.type} /> {d.currency}
        {d.reverseCharge && <span className="badge badge-neutral">Reverse charge</span>}
      </>
    ),
  },
  {
    id: 'recipient',
    header: 'Recipient',
    width: 'minmax(220px, 2fr)',
    minWidth: 180,
    cell: (d) => (
      <span className="doc-recipient-cell" title={d.recipientName}>
        {d.recipientName}
        {d.shops > 0 && <span className="muted small doc-shops">with {plural(d.shops, 'managed shop', 'managed shops')}</span>}
      </span>
    ),
  },
  ...moneyColumnDefs<PlannedDocumentSummary>((d) => (d.type === 'invoice' ? formatMoney(d.vatMinor, d.currency) : '—')),
];

/** The tone of a close warning: things to act on are warnings, samples look like samples elsewhere. */
export function warningTone(kind: string): 'info' | 'warning' | 'sample' {
  return kind === 'figures_changed' || kind === 'not_ended' ? 'warning' : kind === 'sample_skipped' || kind === 'development_skipped' ? 'sample' : 'info';
}

/** One line for many warnings of a kind (the list of each stays one click away). */
export function warningSummary(kind: BillingWarningKind, count: number, monthName: string): string {
  const n = formatCount(count);
  switch (kind) {
    case 'sample_skipped':
      return `${n} sample companies are never billed: no documents for them.`;
    case 'development_skipped':
      return `${n} development companies: their test orders are never billed.`;
    case 'route_changed':
      return `${n} clients changed their route during ${monthName}: the route in force at the close applies to the whole month.`;
    case 'sample_changed':
      return `${n} companies became sample companies or went live during ${monthName}.`;
    case 'figures_changed':
      return `Orders of ${n} companies changed after their close: their documents stay as they are; issue a correction for each difference.`;
    default:
      return `${n} notices.`;
  }
}

/** Currencies shown before "Show all": 14 currencies would push the documents off the screen. */
const TOTALS_SHOWN = 4;

/** What the close would invoice and credit per currency (never added across currencies), one line each. */
function PreviewTotals({ preview }: { preview: ClosePreview }) {
  const [all, setAll] = useState(false);
  if (preview.totals.length === 0) return null;
  const shown = all ? preview.totals : preview.totals.slice(0, TOTALS_SHOWN);
  return (
    <div className="billing-totals" data-testid="preview-totals">
      <table className="table billing-table billing-totals-table">
        <thead>
          <tr>
            <th scope="col">Currency</th>
            <th scope="col" className="num">Invoiced (gross)</th>
            <th scope="col" className="num">Invoices</th>
            <th scope="col" className="num">Credited (net)</th>
            <th scope="col" className="num">Credit notes</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((t) => (
            <tr key={t.currency} data-testid={`preview-total-${t.currency}`}>
              <td className="strong">{t.currency}</td>
              <td className="num strong">{formatMoney(t.invoices.grossMinor, t.currency)}</td>
              <td className="num muted">{formatCount(t.invoices.count)}</td>
              <td className="num strong">{formatMoney(t.creditNotes.netMinor, t.currency)}</td>
              <td className="num muted">{formatCount(t.creditNotes.count)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {preview.totals.length > TOTALS_SHOWN && (
        <button type="button" className="btn btn-ghost btn-small billing-totals-more" onClick={() => setAll(!all)} aria-expanded={all} data-testid="preview-totals-toggle">
          {all ? 'Show fewer currencies' : `Show all ${preview.totals.length} currencies`}
        </button>
      )}
    </div>
  );
}

function WhatIfPanel({ month }: { month: string }) {
  const prices = useApp((s) => s.billing.prices);
  const whatIf = useApp((s) => s.billing.whatIf);
  const actions = useActions();
  const [companyId, setCompanyId] = useState<number | null>(null);
  useEffect(() => {
    void actions.loadPrices();
    actions.clearWhatIf();
  }, [actions]);
  const clients = useMemo(() => (prices.data ?? []).filter((c) => !c.isSample), [prices.data]);
  const chosen = clients.find((c) => c.companyId === companyId) ?? null;
  // Searched here: the clients are loaded already (the picker shows the first matches, not 5,000 options).
  const search = useCallback(
    async (text: string) => {
      const needle = text.trim().toLowerCase();
      return clients
        .filter((c) => !needle || c.companyName.toLowerCase().includes(needle))
        .slice(0, 30)
        .map((c) => ({ key: c.companyId, label: c.companyName, sub: c.route === 'direct' ? 'Direct' : 'Via Partner', value: c }));
    },
    [clients],
  );
  const w = whatIf.data && whatIf.data.month === month && whatIf.data.companyId === companyId ? whatIf.data : null;
  return (
    <Card testId="what-if" title="What if a client switched route?" description="The difference for you and the client if it were billed the other way this month (Direct ⇄ Via Partner). Nothing is changed.">
      <div className="toolbar">
        {chosen ? (
          <span className="chip chip-removable filter-chip" data-testid="what-if-chosen">
            Client: {chosen.companyName} ({chosen.route === 'direct' ? 'Direct' : 'Via Partner'})
            <button type="button" className="chip-remove" aria-label="Choose another client" onClick={() => setCompanyId(null)}>
              <Icon name="x" size={11} />
            </button>
          </span>
        ) : (
          <div className="toolbar-picker">
            <SearchPicker<ClientPrice>
              label="Client"
              placeholder={prices.status === 'ready' ? `Search ${plural(clients.length, 'client', 'clients')}…` : 'Loading clients…'}
              search={search}
              onPick={(c) => {
                setCompanyId(c.companyId);
                void actions.loadWhatIf(month, c.companyId);
              }}
              testId="what-if-client"
            />
          </div>
        )}
      </div>
      {whatIf.status === 'error' && <Callout tone="danger">{whatIf.error}</Callout>}
      {companyId !== null && !w && whatIf.status === 'loading' && <SkeletonRows rows={3} columns={4} />}
      {w && <WhatIfResult w={w} />}
    </Card>
  );
}

function sideRows(side: { now: WhatIfSide; switched: WhatIfSide }, currency: string, partner: boolean) {
  const rows: [string, number, number][] = [
    ['Invoiced by the platform (gross)', side.now.invoiceGrossMinor, side.switched.invoiceGrossMinor],
    ['Credited by the platform', side.now.creditNetMinor, side.switched.creditNetMinor],
  ];
  if (partner) rows.push(['Your revenue share from this client', side.now.revenueShareMinor, side.switched.revenueShareMinor]);
  rows.push(['Balance (credited − invoiced)', side.now.balanceMinor, side.switched.balanceMinor]);
  return rows.map(([label, now, then]) => (
    <tr key={label}>
      <td>{label}</td>
      <td className="num">{formatMoney(now, currency)}</td>
      <td className="num">{formatMoney(then, currency)}</td>
      <td className={`num strong${then - now > 0 ? ' text-positive' : then - now < 0 ? ' text-negative' : ''}`}>{formatMoney(then - now, currency, { signed: true })}</td>
    </tr>
  ));
}

function WhatIfResult({ w }: { w: WhatIf }) {
  return (
    <div data-testid="what-if-result">
      <p>
        {w.companyName}: <RouteBadge route={w.currentRoute} /> now → <RouteBadge route={w.switchedRoute} /> if switched.
      </p>
      {w.currencies.length === 0 && <EmptyState icon="receipt" title="No sales this month" />}
      {w.currencies.map((c) => (
        <table key={c.currency} className="table billing-table" data-testid={`what-if-${c.currency}`}>
          <thead>
            <tr>
              <th>{c.currency}</th>
              <th className="num">Now ({w.currentRoute === 'direct' ? 'Direct' : 'Via Partner'})</th>
              <th className="num">Switched</th>
              <th className="num">Difference</th>
            </tr>
          </thead>
          <tbody>
            <tr className="table-group">
              <td colSpan={4}>{w.partnerName} (you)</td>
            </tr>
            {sideRows(c.partner, c.currency, true)}
            {(c.partnerPrice.nowMinor !== null || c.partnerPrice.switchedMinor !== null) && (
              <tr>
                <td>Your invoice to the client (your prices)</td>
                <td className="num">{c.partnerPrice.nowMinor === null ? '—' : formatMoney(c.partnerPrice.nowMinor, c.currency)}</td>
                <td className="num">{c.partnerPrice.switchedMinor === null ? '—' : formatMoney(c.partnerPrice.switchedMinor, c.currency)}</td>
                <td className="num">{formatMoney((c.partnerPrice.switchedMinor ?? 0) - (c.partnerPrice.nowMinor ?? 0), c.currency, { signed: true })}</td>
              </tr>
            )}
            <tr className="table-group">
              <td colSpan={4}>{w.companyName}</td>
            </tr>
            {sideRows(c.client, c.currency, false)}
          </tbody>
        </table>
      ))}
      <ul className="billing-notes">
        {w.notes.map((n) => (
          <li key={n}>{n}</li>
        ))}
      </ul>
    </div>
  );
}
