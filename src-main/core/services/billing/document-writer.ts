// Issuing one document: its number from the issuer's gapless sequence (taken in the caller's transaction,
// so a rollback gives the number back), the document row with both parties as they are now, its parts
// (a managed shop's part numbered <number>/<position>) and lines, and the issuer's logo as it is at issue (a partner's
// documents; migration 021). Nothing here ever updates a document. Asynchronous (the billing repository is on the
// data layer): call inside the issuing transaction (`ctx.transaction`, SERIALIZABLE on PostgreSQL, where two issuers
// of one sequence are serialized by the sequence row and the loser is retried with the next number).
import type { DocumentLine, DocumentSection, PlannedDocument } from '../../../../src-shared/api/billing-types';
import { documentNumber } from '../../../../src-shared/domain/billing';
import { clockDayOf, type DocumentSettlement } from '../../../../src-shared/domain/payment-methods';
import type { BillingRepository, LineRow, SectionRow } from '../../repositories/billing-repository';

export interface IssueOptions {
  /** 'PD' for the platform, 'P<id>' for a partner's invoices to its clients. */
  prefix: string;
  issuerCompanyId: number | null;
  closeId: number | null;
  correctsDocumentId?: number | null;
  reason?: string | null;
  issuedAt: number;
  /** Invoices: days until due (null: no due date). */
  paymentTermDays: number | null;
}

const DAY = 86_400_000;

// Written out in one function (no async helper per number or part): each async call is a promise more, and promises
// are what the close pays for on the data layer (bench/profile-close.mjs).
export async function writeDocument(repo: BillingRepository, doc: PlannedDocument, options: IssueOptions): Promise<{ id: number; number: string }> {
  // Gapless per prefix, type and year of issue (UTC): PD-INV-2026-000001, PD-INV-2026-000002, ...
  const year = new Date(options.issuedAt).getUTCFullYear();
  const number = documentNumber(options.prefix, doc.type, year, await repo.nextNumber(options.prefix, doc.type, year));
  const recipientId = doc.recipient.companyId!;
  const shops = doc.sections.filter((s) => s.companyId !== null && s.companyId !== recipientId).length;
  const id = await repo.insertDocument({
    number,
    type: doc.type,
    issuer_company_id: options.issuerCompanyId,
    recipient_company_id: recipientId,
    issuer_name: doc.issuer.name,
    recipient_name: doc.recipient.name,
    month: doc.month,
    currency: doc.currency,
    billed_as: doc.billedAs,
    shop_count: shops,
    close_id: options.closeId,
    corrects_document_id: options.correctsDocumentId ?? null,
    reason: options.reason ?? null,
    issuer: JSON.stringify(doc.issuer),
    recipient: JSON.stringify(doc.recipient),
    vat_rate_bp: doc.vatRateBp,
    vat_reason: doc.vatReason,
    reverse_charge: doc.reverseCharge ? 1 : 0,
    net_minor: doc.netMinor,
    vat_minor: doc.vatMinor,
    gross_minor: doc.grossMinor,
    notes: JSON.stringify(doc.notes),
    issued_at: options.issuedAt,
    due_at: doc.type === 'invoice' && options.paymentTermDays !== null ? options.issuedAt + options.paymentTermDays * DAY : null,
    settlement: doc.settlement === null ? null : JSON.stringify(datedSettlement(doc.settlement, options)),
  });
  // A partner's document to its client is headed by the partner's logo as it is at issue, kept with the document.
  if (options.issuerCompanyId !== null) await repo.stampIssuerLogo(id, options.issuerCompanyId);
  for (const [index, section] of doc.sections.entries()) {
    const sectionId = await repo.insertSection(sectionRow(id, number, recipientId, section, index + 1));
    await repo.insertLines(section.lines.map((line, i) => lineRow(sectionId, line, i + 1)));
  }
  return { id, number };
}

/** A method is charged (an invoice) or refunded to (a credit note) when the payment term ends: on the due date
 * (SEPA pre-notification and card charges alike), or on the day of issue without a term. */
export function settlementDay(issuedAt: number, paymentTermDays: number | null): string {
  return clockDayOf(issuedAt + (paymentTermDays ?? 0) * DAY).iso;
}

function datedSettlement(settlement: DocumentSettlement, options: IssueOptions): DocumentSettlement {
  return settlement.status === 'method' ? { ...settlement, date: settlementDay(options.issuedAt, options.paymentTermDays) } : settlement;
}

function sectionRow(documentId: number, number: string, recipientId: number, section: DocumentSection, position: number): Omit<SectionRow, 'id'> {
  const perShop = section.companyId !== null && section.companyId !== recipientId;
  return {
    document_id: documentId,
    position,
    number: perShop ? `${number}/${position}` : null,
    company_id: section.companyId,
    title: section.title,
    subtitle: section.subtitle,
    net_minor: section.netMinor,
    vat_minor: section.vatMinor,
    gross_minor: section.grossMinor,
  };
}

function lineRow(sectionId: number, line: DocumentLine, position: number): LineRow {
  return {
    section_id: sectionId,
    position,
    kind: line.kind,
    description: line.description,
    quantity: line.quantity,
    basis_minor: line.basisMinor,
    rate_bp: line.rateBp,
    net_minor: line.netMinor,
    vat_minor: line.vatMinor,
    gross_minor: line.grossMinor,
    in_total: line.inTotal ? 1 : 0,
  };
}
