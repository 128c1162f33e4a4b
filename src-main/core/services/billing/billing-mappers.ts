// Month close rows -> console DTOs (times become ISO 8601, flags booleans, JSON snapshots objects), and the
// companies as the close plan reads them.
import type {
  BillingDocument,
  DocumentLine,
  DocumentParty,
  DocumentRef,
  DocumentSummary,
  LineKind,
  PartnerInvoiceDraft,
} from '../../../../src-shared/api/billing-types';
import type { VatReason } from '../../../../src-shared/domain/billing';
import type { DocumentSettlement } from '../../../../src-shared/domain/payment-methods';
import { toIso } from '../../clock';
import { companyAddressOf, companyKindOf } from '../../mappers';
import type { BillingCompanyRow, DocumentRow, DocumentSummaryRow, DraftRow, LineRow, SectionRow } from '../../repositories/billing-repository';
import type { BillingCompany } from './close-plan';

export function toBillingCompany(row: BillingCompanyRow): BillingCompany {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    ...companyAddressOf(row),
    ...companyKindOf(row),
    route: row.payment_route,
  };
}

export function toDocumentSummary(row: DocumentSummaryRow): DocumentSummary {
  return {
    id: row.id,
    number: row.number,
    type: row.type,
    month: row.month,
    currency: row.currency,
    issuerCompanyId: row.issuer_company_id,
    issuerName: row.issuer_name,
    recipientId: row.recipient_company_id,
    recipientName: row.recipient_name,
    billedAs: row.billed_as,
    shops: row.shop_count,
    netMinor: row.net_minor,
    vatMinor: row.vat_minor,
    grossMinor: row.gross_minor,
    reverseCharge: row.reverse_charge === 1,
    issuedAt: toIso(row.issued_at),
    correctsNumber: row.corrects_number,
  };
}

export function toDocumentRef(row: DocumentSummaryRow): DocumentRef {
  return { id: row.id, number: row.number, type: row.type, currency: row.currency, grossMinor: row.gross_minor, issuedAt: toIso(row.issued_at) };
}

export function toLine(row: Pick<LineRow, 'kind' | 'description' | 'quantity' | 'basis_minor' | 'rate_bp' | 'net_minor' | 'vat_minor' | 'gross_minor' | 'in_total'>): DocumentLine {
  return {
    kind: row.kind as LineKind,
    description: row.description,
    quantity: row.quantity,
    basisMinor: row.basis_minor,
    rateBp: row.rate_bp,
    netMinor: row.net_minor,
    vatMinor: row.vat_minor,
    grossMinor: row.gross_minor,
    inTotal: row.in_total === 1,
  };
}

export function toBillingDocument(row: DocumentRow, sections: SectionRow[], lines: LineRow[], corrections: DocumentSummaryRow[], correctsNumber: string | null): BillingDocument {
  const bySection = new Map<number, LineRow[]>();
  for (const line of lines) {
    const list = bySection.get(line.section_id) ?? [];
    list.push(line);
    bySection.set(line.section_id, list);
  }
  return {
    id: row.id,
    key: `${row.type}|${row.recipient_company_id}|${row.currency}`,
    number: row.number,
    type: row.type,
    month: row.month,
    currency: row.currency,
    issuer: JSON.parse(row.issuer) as DocumentParty,
    recipient: JSON.parse(row.recipient) as DocumentParty,
    billedAs: row.billed_as,
    vatRateBp: row.vat_rate_bp,
    vatReason: row.vat_reason as VatReason | null,
    reverseCharge: row.reverse_charge === 1,
    netMinor: row.net_minor,
    vatMinor: row.vat_minor,
    grossMinor: row.gross_minor,
    sections: sections.map((s) => ({
      number: s.number,
      companyId: s.company_id,
      title: s.title,
      subtitle: s.subtitle,
      lines: (bySection.get(s.id) ?? []).map(toLine),
      netMinor: s.net_minor,
      vatMinor: s.vat_minor,
      grossMinor: s.gross_minor,
    })),
    notes: JSON.parse(row.notes) as string[],
    settlement: row.settlement === null ? null : (JSON.parse(row.settlement) as DocumentSettlement),
    issuedAt: toIso(row.issued_at),
    dueAt: row.due_at === null ? null : toIso(row.due_at),
    correctsDocumentId: row.corrects_document_id,
    correctsNumber,
    reason: row.reason,
    corrections: corrections.map(toDocumentRef),
    issuerLogo: null,
  };
}

export function toDraft(row: DraftRow): PartnerInvoiceDraft {
  return {
    id: row.id,
    partnerId: row.partner_id,
    companyId: row.company_id,
    companyName: row.company_name,
    month: row.month,
    currency: row.currency,
    lines: JSON.parse(row.lines) as DocumentLine[],
    vatRateBp: row.vat_rate_bp,
    vatReason: row.vat_reason as VatReason,
    reverseCharge: row.reverse_charge === 1,
    netMinor: row.net_minor,
    vatMinor: row.vat_minor,
    grossMinor: row.gross_minor,
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  };
}
