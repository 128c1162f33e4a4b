// Documents as CSV (RFC 4180 with the formula guard of src-shared/domain/csv.ts): one document's lines with
// the part (per-shop document) each belongs to, and a documents list. Money as decimal strings beside the
// currency, rates as percentages.
import type { BillingDocument, DocumentLine, DocumentSection, DocumentSummary } from '../../../../src-shared/api/billing-types';
import { DOCUMENT_TYPE_LABELS } from '../../../../src-shared/domain/billing';
import { formatMinor } from '../../../../src-shared/domain/currencies';
import { toCsv, type CsvColumn } from '../../../../src-shared/domain/csv';
import type { DocumentQuery } from '../../repositories/billing-repository';

const percent = (bp: number | null) => (bp === null ? null : (bp / 100).toFixed(2));

interface LineRow {
  doc: BillingDocument;
  section: DocumentSection;
  line: DocumentLine;
  no: number;
}

export function documentCsv(doc: BillingDocument): { csv: string; rowCount: number } {
  const money = (minor: number | null) => (minor === null ? null : formatMinor(minor, doc.currency));
  const columns: CsvColumn<LineRow>[] = [
    { header: 'document', value: (r) => r.doc.number },
    { header: 'type', value: (r) => DOCUMENT_TYPE_LABELS[r.doc.type] },
    { header: 'month', value: (r) => r.doc.month },
    { header: 'issuer', value: (r) => r.doc.issuer.name },
    { header: 'recipient', value: (r) => r.doc.recipient.name },
    { header: 'part', value: (r) => r.section.number ?? '' },
    { header: 'part_title', value: (r) => r.section.title },
    { header: 'shop_company_id', value: (r) => r.section.companyId },
    { header: 'line', value: (r) => r.no },
    { header: 'kind', value: (r) => r.line.kind },
    { header: 'description', value: (r) => r.line.description },
    { header: 'quantity', value: (r) => r.line.quantity },
    { header: 'basis', value: (r) => money(r.line.basisMinor) },
    { header: 'rate_percent', value: (r) => percent(r.line.rateBp) },
    { header: 'net', value: (r) => money(r.line.netMinor) },
    { header: 'vat', value: (r) => money(r.line.vatMinor) },
    { header: 'gross', value: (r) => money(r.line.grossMinor) },
    { header: 'currency', value: (r) => r.doc.currency },
    { header: 'in_total', value: (r) => r.line.inTotal },
  ];
  const rows: LineRow[] = [];
  for (const section of doc.sections) section.lines.forEach((line, i) => rows.push({ doc, section, line, no: i + 1 }));
  return toCsv(columns, rows);
}

const LIST_COLUMNS: CsvColumn<DocumentSummary>[] = [
  { header: 'number', value: (d) => d.number },
  { header: 'type', value: (d) => DOCUMENT_TYPE_LABELS[d.type] },
  { header: 'month', value: (d) => d.month },
  { header: 'issuer', value: (d) => d.issuerName },
  { header: 'recipient_id', value: (d) => d.recipientId },
  { header: 'recipient', value: (d) => d.recipientName },
  { header: 'billed_as', value: (d) => d.billedAs },
  { header: 'managed_shops', value: (d) => d.shops },
  { header: 'net', value: (d) => formatMinor(d.netMinor, d.currency) },
  { header: 'vat', value: (d) => formatMinor(d.vatMinor, d.currency) },
  { header: 'gross', value: (d) => formatMinor(d.grossMinor, d.currency) },
  { header: 'currency', value: (d) => d.currency },
  { header: 'reverse_charge', value: (d) => d.reverseCharge },
  { header: 'issued_at', value: (d) => d.issuedAt },
  { header: 'corrects', value: (d) => d.correctsNumber ?? '' },
];

export function documentsCsv(rows: DocumentSummary[]): { csv: string; rowCount: number } {
  return toCsv(LIST_COLUMNS, rows);
}

export function exportFileName(query: Pick<DocumentQuery, 'month' | 'type' | 'currency'>): string {
  return ['documents', query.month, query.type?.replace('_', '-'), query.currency?.toLowerCase()].filter(Boolean).join('-') + '.csv';
}
