// One month in Billing (#/billing/months/YYYY-MM). A partner as Self sees the close preview (what would be
// issued to whom, totals per currency, warnings: route switches, sample companies, changed figures), closes
// the month from it (refused when the figures changed since the preview), and asks what switching a client
// between Direct and Via Partner would change. Everyone sees the month's issued documents.
import { useEffect, useState } from 'react';
import type { ClosePreview, WhatIf, WhatIfSide } from '../../../src-shared/api/billing-types';
import { monthName } from '../../../src-shared/domain/billing';
import { href } from '../../router/routes';
import { useActions, useApp } from '../../state/store-context';
import { useCapabilities } from '../../state/use-capabilities';
import { RouteBadge } from '../../ui/badges';
import { ConfirmActionDialog } from '../../ui/dialog';
import { LoadableCard, Loaded } from '../../ui/loadable';
import { Table } from '../../ui/table';
import { useConfirmedAction } from '../../ui/use-action';
import { formatDateTime, plural } from '../../ui/format';
import { Icon } from '../../ui/icons';
import { formatMoney } from '../../ui/money';
import { Card, PageHeader } from '../../ui/page';
import { Callout, CardEmpty, EmptyState, SkeletonRows } from '../../ui/states';
import { DocumentsTable, DocumentTypeBadge, MonthStateBadge, moneyColumns } from './billing-ui';
import { AwaitingPaymentCallout } from '../../areas/billing/awaiting-payment';
import './billing-month-screen.css';

export function BillingMonthScreen({ month }: { month: string }) {
  const caps = useCapabilities();
  const actions = useActions();
  const documents = useApp((s) => s.billing.documents);
  const filterMonth = useApp((s) => s.billing.documentsFilter.month);
  const state = useApp((s) => s.billing.overview.data?.months.find((m) => m.month === month)?.state ?? null);

  useEffect(() => {
    void actions.loadBillingOverview();
    actions.setDocumentsFilter({ month, sort: 'number', direction: 'asc' });
    if (caps.billingClose) void actions.loadClosePreview(month);
  }, [actions, month, caps.billingClose]);

  const monthDocs = filterMonth === month ? documents.data?.items ?? null : null;

  return (
    <div className="page" data-testid="billing-month">
      <PageHeader back={{ href: href({ name: 'billing', tab: 'months' }), label: 'Billing' }} title={monthName(month)} badges={state && <MonthStateBadge state={state} />} />
      {caps.billingClose && <ClosePanel month={month} />}
      <LoadableCard
        flush
        title="Issued documents"
        testId="month-documents"
        value={{ ...documents, data: monthDocs }}
        errorTitle="Could not load the documents"
        onRetry={() => void actions.loadDocuments()}
        loading={<SkeletonRows rows={3} columns={7} />}
        empty={<CardEmpty>Nothing issued for {monthName(month)} yet.</CardEmpty>}
      >
        {(docs) => <DocumentsTable documents={docs} showMonth={false} testId="month-documents-table" />}
      </LoadableCard>
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
      {p.warnings.filter((w) => w.kind !== 'awaiting_payment_details').map((w, i) => (
        <Callout key={i} tone={w.kind === 'figures_changed' || w.kind === 'not_ended' ? 'warning' : w.kind === 'sample_skipped' ? 'sample' : 'info'} testId={`close-warning-${w.kind}`}>
          {w.message}
        </Callout>
      ))}
      {!nothingLeft && (
        <>
          <dl className="billing-stats">
            {[
              ['Companies in scope', p.companies.inScope],
              ['To close', p.companies.toClose],
              ['With documents', p.companies.withDocuments],
              ['Sample (never billed)', p.companies.sampleSkipped],
              ['Closable from', formatDateTime(p.endsAt)],
            ].map(([label, value]) => (
              <div key={label}>
                <dt>{label}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>
          <PreviewTotals preview={p} />
          <Table
            className="table billing-table"
            testId="preview-documents"
            rows={p.documents}
            rowKey={(d) => d.key}
            columns={[
              {
                header: 'Document',
                cell: (d) => (
                  <>
                    <DocumentTypeBadge type={d.type} /> {d.currency}
                    {d.reverseCharge && <span className="badge badge-neutral">Reverse charge</span>}
                  </>
                ),
              },
              {
                header: 'Recipient',
                cell: (d) => (
                  <>
                    {d.recipientName}
                    {d.shops > 0 && <span className="muted small"> · with {plural(d.shops, 'managed shop', 'managed shops')}</span>}
                  </>
                ),
              },
              ...moneyColumns<ClosePreview['documents'][number]>((d) => (d.type === 'invoice' ? formatMoney(d.vatMinor, d.currency) : '—')),
            ]}
          />
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

function PreviewTotals({ preview }: { preview: ClosePreview }) {
  if (preview.totals.length === 0) return null;
  return (
    <div className="billing-totals" data-testid="preview-totals">
      {preview.totals.map((t) => (
        <div key={t.currency} className="billing-total">
          <div className="billing-total-currency">{t.currency}</div>
          <div>
            Invoiced <strong className="num">{formatMoney(t.invoices.grossMinor, t.currency)}</strong> <span className="muted small">({plural(t.invoices.count, 'invoice', 'invoices')})</span>
          </div>
          <div>
            Credited <strong className="num">{formatMoney(t.creditNotes.netMinor, t.currency)}</strong> <span className="muted small">({plural(t.creditNotes.count, 'credit note', 'credit notes')})</span>
          </div>
        </div>
      ))}
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
  const clients = (prices.data ?? []).filter((c) => !c.isSample);
  const w = whatIf.data && whatIf.data.month === month && whatIf.data.companyId === companyId ? whatIf.data : null;
  return (
    <Card testId="what-if" title="What if a client switched route?" description="The difference for you and the client if it were billed the other way this month (Direct ⇄ Via Partner). Nothing is changed.">
      <div className="toolbar">
        <label className="filter-select is-set">
          <span className="filter-select-label">Client</span>
          <select
            className="filter-select-input"
            value={companyId ?? ''}
            data-testid="what-if-client"
            onChange={(e) => {
              const id = Number(e.target.value) || null;
              setCompanyId(id);
              if (id) void actions.loadWhatIf(month, id);
            }}
          >
            <option value="">Choose a client…</option>
            {clients.map((c) => (
              <option key={c.companyId} value={c.companyId}>
                {c.companyName} ({c.route === 'direct' ? 'Direct' : 'Via Partner'})
              </option>
            ))}
          </select>
        </label>
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
