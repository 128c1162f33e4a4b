// Pieces the Billing screens share: labels and badges of months and documents, money per currency (never
// added across currencies), the documents table, and the download buttons (PDF and CSV of a document).
import type { ReactNode } from 'react';
import type { CurrencyBillingTotals, DocumentSummary, MonthState } from '../../../src-shared/api/billing-types';
import { DOCUMENT_TYPE_LABELS, type DocumentType } from '../../../src-shared/domain/billing';
import { href } from '../../router/routes';
import { useActions } from '../../state/store-context';
import { StatusBadge } from '../../ui/badges';
import { downloadBase64, downloadCsv } from '../../ui/csv-download';
import { formatDate } from '../../ui/format';
import { Icon } from '../../ui/icons';
import { formatMoney } from '../../ui/money';
import { Table, type TableColumn } from '../../ui/table';
import { useAction } from '../../ui/use-action';
import './billing-ui.css';

export const MONTH_STATE_LABELS: Record<MonthState, string> = {
  open: 'Open',
  closable: 'Ready to close',
  partly_closed: 'Partly closed',
  closed: 'Closed',
};

export function MonthStateBadge({ state }: { state: MonthState }) {
  return (
    <StatusBadge tone={state === 'closed' ? 'on' : state === 'open' ? 'off' : 'warn'} testId={`month-state-${state}`}>
      {MONTH_STATE_LABELS[state]}
    </StatusBadge>
  );
}

export function DocumentTypeBadge({ type, correction = false }: { type: DocumentType; correction?: boolean }) {
  return (
    <span className={`badge doc-type doc-type-${type}`}>
      {correction ? `Correction · ${DOCUMENT_TYPE_LABELS[type]}` : DOCUMENT_TYPE_LABELS[type]}
    </span>
  );
}

/** "€1,190.00 · $357.00": one amount per currency, never added. */
export function PerCurrency({ totals, pick }: { totals: CurrencyBillingTotals[]; pick: (t: CurrencyBillingTotals) => number }) {
  const shown = totals.filter((t) => pick(t) !== 0);
  if (shown.length === 0) return <span className="muted">—</span>;
  return (
    <span className="per-currency">
      {shown.map((t) => (
        <span key={t.currency} className="num">
          {formatMoney(pick(t), t.currency)}
        </span>
      ))}
    </span>
  );
}

/** Net, VAT and gross of a document in its currency; `vat` says what the VAT cell shows instead of the amount. */
export function moneyColumns<T extends { netMinor: number; vatMinor: number; grossMinor: number; currency: string }>(vat: (row: T) => ReactNode = (d) => formatMoney(d.vatMinor, d.currency)): TableColumn<T>[] {
  return [
    { header: 'Net', className: 'num', cell: (d) => formatMoney(d.netMinor, d.currency) },
    { header: 'VAT', className: 'num', cell: vat },
    { header: 'Gross', className: 'num', cellClassName: () => 'strong', cell: (d) => formatMoney(d.grossMinor, d.currency) },
  ];
}

export function DocumentsTable({ documents, testId = 'documents-table', showMonth = true }: { documents: DocumentSummary[]; testId?: string; showMonth?: boolean }) {
  return (
    <Table
      className="table billing-table"
      testId={testId}
      rows={documents}
      rowKey={(d) => d.id}
      rowTestId={(d) => `document-row-${d.number}`}
      columns={[
        {
          header: 'Number',
          cell: (d) => (
            <>
              <a href={href({ name: 'billing-document', documentId: d.id })} className="mono" data-testid="document-link">
                {d.number}
              </a>
              {d.shops > 0 && <span className="muted small doc-shops">with {d.shops} managed shop{d.shops === 1 ? '' : 's'}</span>}
            </>
          ),
        },
        {
          header: 'Type',
          cell: (d) => (
            <>
              <DocumentTypeBadge type={d.type} correction={d.correctsNumber !== null} />
              {d.reverseCharge && <span className="badge badge-neutral">Reverse charge</span>}
            </>
          ),
        },
        showMonth && { header: 'Month', className: 'nowrap', headerClassName: '', cell: (d) => d.month },
        {
          header: 'Recipient',
          cell: (d) => (
            <>
              {d.recipientName}
              {d.issuerCompanyId !== null && <span className="muted small doc-shops">from {d.issuerName}</span>}
            </>
          ),
        },
        ...moneyColumns<DocumentSummary>((d) => (d.type === 'invoice' || d.correctsNumber ? formatMoney(d.vatMinor, d.currency) : '—')),
        { header: 'Issued', className: 'nowrap', headerClassName: '', cell: (d) => formatDate(d.issuedAt) },
      ]}
    />
  );
}

/** PDF and CSV of one document, offered as downloads (works in the desktop app and in browser mode). */
export function DocumentDownloads({ documentId, compact = false }: { documentId: number; compact?: boolean }) {
  const actions = useActions();
  const download = useAction(async (kind: 'pdf' | 'csv') => {
    if (kind === 'pdf') {
      const file = await actions.documentPdf(documentId);
      downloadBase64(file.base64, file.mimeType, file.fileName);
    } else {
      const file = await actions.documentCsv(documentId);
      downloadCsv(file, file.fileName);
    }
  });
  const busy = download.running?.[0] ?? null;
  const run = (kind: 'pdf' | 'csv') => download.run(kind);
  return (
    <>
      <button type="button" className={`btn${compact ? ' btn-small' : ''}`} onClick={() => void run('pdf')} disabled={busy !== null} data-testid="download-pdf">
        <Icon name="download" size={14} /> {busy === 'pdf' ? 'Preparing…' : 'PDF'}
      </button>
      <button type="button" className={`btn${compact ? ' btn-small' : ''}`} onClick={() => void run('csv')} disabled={busy !== null} data-testid="download-csv">
        <Icon name="download" size={14} /> CSV
      </button>
    </>
  );
}
