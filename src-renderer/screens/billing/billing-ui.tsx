// Pieces the Billing screens share: labels and badges of months and documents, money per currency (never
// added across currencies), the documents table, and the download buttons (PDF and CSV of a document).
import { useState } from 'react';
import type { CurrencyBillingTotals, DocumentSummary, MonthState } from '../../../src-shared/api/billing-types';
import { DOCUMENT_TYPE_LABELS, type DocumentType } from '../../../src-shared/domain/billing';
import { href } from '../../router/routes';
import { useActions } from '../../state/store-context';
import { StatusBadge } from '../../ui/badges';
import { downloadBase64, downloadCsv } from '../../ui/csv-download';
import { formatDate } from '../../ui/format';
import { Icon } from '../../ui/icons';
import { formatMoney } from '../../ui/money';

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

export function DocumentsTable({ documents, testId = 'documents-table', showMonth = true }: { documents: DocumentSummary[]; testId?: string; showMonth?: boolean }) {
  return (
    <table className="table billing-table" data-testid={testId}>
      <thead>
        <tr>
          <th>Number</th>
          <th>Type</th>
          {showMonth && <th>Month</th>}
          <th>Recipient</th>
          <th className="num">Net</th>
          <th className="num">VAT</th>
          <th className="num">Gross</th>
          <th>Issued</th>
        </tr>
      </thead>
      <tbody>
        {documents.map((d) => (
          <tr key={d.id} data-testid={`document-row-${d.number}`}>
            <td>
              <a href={href({ name: 'billing-document', documentId: d.id })} className="mono" data-testid="document-link">
                {d.number}
              </a>
              {d.shops > 0 && <span className="muted small doc-shops">with {d.shops} managed shop{d.shops === 1 ? '' : 's'}</span>}
            </td>
            <td>
              <DocumentTypeBadge type={d.type} correction={d.correctsNumber !== null} />
              {d.reverseCharge && <span className="badge badge-neutral">Reverse charge</span>}
            </td>
            {showMonth && <td className="nowrap">{d.month}</td>}
            <td>
              {d.recipientName}
              {d.issuerCompanyId !== null && <span className="muted small doc-shops">from {d.issuerName}</span>}
            </td>
            <td className="num">{formatMoney(d.netMinor, d.currency)}</td>
            <td className="num">{d.type === 'invoice' || d.correctsNumber ? formatMoney(d.vatMinor, d.currency) : '—'}</td>
            <td className="num strong">{formatMoney(d.grossMinor, d.currency)}</td>
            <td className="nowrap">{formatDate(d.issuedAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** PDF and CSV of one document, offered as downloads (works in the desktop app and in browser mode). */
export function DocumentDownloads({ documentId, compact = false }: { documentId: number; compact?: boolean }) {
  const actions = useActions();
  const [busy, setBusy] = useState<'pdf' | 'csv' | null>(null);
  const run = async (kind: 'pdf' | 'csv') => {
    setBusy(kind);
    try {
      if (kind === 'pdf') {
        const file = await actions.documentPdf(documentId);
        downloadBase64(file.base64, file.mimeType, file.fileName);
      } else {
        const file = await actions.documentCsv(documentId);
        downloadCsv(file, file.fileName);
      }
    } catch {
      // mutate() showed the error.
    } finally {
      setBusy(null);
    }
  };
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
