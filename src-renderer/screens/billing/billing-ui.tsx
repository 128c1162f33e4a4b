// Pieces the Billing screens share: labels and badges of months and documents, money per currency (never
// added across currencies), the documents table, and the download buttons (PDF and CSV of a document).
import { useCallback, useMemo, type ReactNode } from 'react';
import type { DocumentFilterInput, DOCUMENT_SORTS } from '../../../src-shared/api/billing-inputs';
import type { CurrencyBillingTotals, DocumentSummary, MonthState } from '../../../src-shared/api/billing-types';
import { DOCUMENT_TYPE_LABELS, type DocumentType } from '../../../src-shared/domain/billing';
import { href } from '../../router/routes';
import { navigate } from '../../router/use-route';
import { rowAt, type PagedList } from '../../state/paged-list';
import { useActions } from '../../state/store-context';
import { StatusBadge } from '../../ui/badges';
import { downloadBase64, downloadCsv } from '../../ui/csv-download';
import { formatDate } from '../../ui/format';
import { Icon } from '../../ui/icons';
import { formatMoney } from '../../ui/money';
import { DataTable, type Column } from '../../ui/data-table';
import type { TableColumn } from '../../ui/table';
import { useAction } from '../../ui/use-action';
import './billing-ui.css';

type DocumentSort = (typeof DOCUMENT_SORTS)[number];

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

/** Net, VAT and gross as columns of a virtualized table (wide enough for billions: never clipped). */
export function moneyColumnDefs<T extends { netMinor: number; vatMinor: number; grossMinor: number; currency: string }>(
  vat: (row: T) => ReactNode = (d) => formatMoney(d.vatMinor, d.currency),
  sortGross?: string,
): Column<T>[] {
  return [
    { id: 'net', header: 'Net', width: 'minmax(120px, 1fr)', minWidth: 120, align: 'end', priority: 2, cell: (d) => formatMoney(d.netMinor, d.currency) },
    { id: 'vat', header: 'VAT', width: 'minmax(110px, 0.9fr)', minWidth: 110, align: 'end', priority: 3, cell: vat },
    { id: 'gross', header: 'Gross', sort: sortGross, firstDirection: 'desc', width: 'minmax(130px, 1fr)', minWidth: 130, align: 'end', cell: (d) => <strong>{formatMoney(d.grossMinor, d.currency)}</strong> },
  ];
}

function documentColumns(showMonth: boolean): Column<DocumentSummary>[] {
  const columns: (Column<DocumentSummary> | false)[] = [
    {
      id: 'number',
      header: 'Number',
      sort: 'number',
      width: 'minmax(190px, 1.3fr)',
      minWidth: 190,
      cell: (d) => (
        <span className="doc-number-cell">
          <a href={href({ name: 'billing-document', documentId: d.id })} className="mono" data-testid="document-link">
            {d.number}
          </a>
          {d.shops > 0 && <span className="muted small doc-shops">with {d.shops} managed shop{d.shops === 1 ? '' : 's'}</span>}
        </span>
      ),
    },
    {
      id: 'type',
      header: 'Type',
      width: 'minmax(120px, 0.9fr)',
      minWidth: 120,
      priority: 2,
      cell: (d) => (
        <>
          <DocumentTypeBadge type={d.type} correction={d.correctsNumber !== null} />
          {d.reverseCharge && <span className="badge badge-neutral">Reverse charge</span>}
        </>
      ),
    },
    showMonth && { id: 'month', header: 'Month', width: '90px', minWidth: 90, priority: 3, cell: (d) => d.month },
    {
      id: 'recipient',
      header: 'Recipient',
      sort: 'recipient',
      width: 'minmax(200px, 1.6fr)',
      minWidth: 160,
      cell: (d) => (
        <span className="doc-recipient-cell" title={d.issuerCompanyId !== null ? `${d.recipientName} — from ${d.issuerName}` : d.recipientName}>
          {d.recipientName}
          {d.issuerCompanyId !== null && <span className="muted small doc-shops">from {d.issuerName}</span>}
        </span>
      ),
    },
    ...moneyColumnDefs<DocumentSummary>((d) => (d.type === 'invoice' || d.correctsNumber ? formatMoney(d.vatMinor, d.currency) : '—'), 'gross'),
    { id: 'issued', header: 'Issued', sort: 'issued', firstDirection: 'desc', width: '110px', minWidth: 110, priority: 2, cell: (d) => formatDate(d.issuedAt) },
  ];
  return columns.filter((c): c is Column<DocumentSummary> => c !== false);
}

/** Issued documents, virtualized: only the rows in view are in the page, loaded as they scroll in. */
export function DocumentsTable({
  list,
  testId = 'documents-table',
  showMonth = true,
  empty,
}: {
  list: PagedList<DocumentSummary, DocumentFilterInput>;
  testId?: string;
  showMonth?: boolean;
  empty: ReactNode;
}) {
  const actions = useActions();
  const columns = useMemo(() => documentColumns(showMonth), [showMonth]);
  const onRange = useCallback((from: number, to: number) => actions.loadDocumentRows(from, to), [actions]);
  const filter = list.filter;
  return (
    <div className="billing-vt">
      <DataTable<DocumentSummary>
        label="Documents"
        testId={testId}
        columns={columns}
        total={list.total}
        rowAt={(i) => rowAt(list, i)}
        rowKey={(d) => d.id}
        onRange={onRange}
        sort={{ key: filter.sort ?? 'issued', direction: filter.direction ?? 'desc' }}
        onSort={(sort, direction) => actions.setDocumentsFilter({ ...filter, sort: sort as DocumentSort, direction })}
        onOpen={(d) => navigate({ name: 'billing-document', documentId: d.id })}
        status={list.status}
        error={list.error}
        onRetry={() => void actions.loadDocuments()}
        resetKey={list.key ?? ''}
        rowTestId="document-row"
        rowHeight={52}
        empty={empty}
      />
    </div>
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
