// Issued documents (docs/billing.md): lists (a partner's own, its clients' and its invoices to them; a
// company's own), one document with its per-shop parts and lines, PDF and CSV, and corrections — a new
// invoice or credit note that references the original, which itself never changes. Asynchronous (issue 21): the
// billing repository is on the data layer; a correction is one SERIALIZABLE transaction (its number is the next of a
// gapless sequence that another issuer may be taking at the same time on PostgreSQL).
import type { BillingDocument, DocumentPage, DocumentSummary, PdfFile, PlannedDocument } from '../../../../src-shared/api/billing-types';
import { ApiError } from '../../../../src-shared/api/errors';
import type { CsvExport } from '../../../../src-shared/api/shop-types';
import { DOCUMENT_TYPE_LABELS, partnerNumberPrefix, PLATFORM_NUMBER_PREFIX, shareOf, vatTreatment, type DocumentType } from '../../../../src-shared/domain/billing';
import type { Actor } from '../../access';
import type { DocumentQuery, DocumentReach, DocumentRow } from '../../repositories/billing-repository';
import type { OutboxService } from '../outbox-service';
import type { ServiceContext } from '../service-context';
import { toBillingCompany, toBillingDocument, toDocumentSummary } from './billing-mappers';
import { EVERYTHING, viewOf } from './billing-reach';
import type { BillingRatesStore } from './billing-rates-store';
import { billingContacts, sendCorrection } from './billing-emails';
import { documentCsv, documentsCsv, exportFileName } from './document-csv';
import { drawableLogo } from '../branding-service';
import { writeDocument } from './document-writer';
import { settlementOf } from './close-plan';
import { clockDayOf } from '../../../../src-shared/domain/payment-methods';
import type { PaymentMethodsService } from './payment-methods-service';

export interface CorrectionInput {
  documentId: number;
  type: 'invoice' | 'credit_note';
  amountMinor: number;
  reason: string;
  companyId?: number;
}

/** Largest CSV export of the documents list (more asks for a narrower filter). */
export const MAX_EXPORT_ROWS = 200_000;

export interface DocumentsService {
  /** Documents `companyId` sees in billing (null: the actor's own company; the operator: every document). */
  list(actor: Actor, companyId: number | null, query: DocumentQuery, offset: number, limit: number): Promise<DocumentPage>;
  /** By id, or by its number (PD-INV-2026-000001, or a part's PD-INV-2026-000001/2: its document). */
  get(actor: Actor, companyId: number | null, document: number | string): Promise<BillingDocument>;
  pdf(actor: Actor, companyId: number | null, documentId: number): Promise<PdfFile>;
  /** One document's parts and lines as CSV. */
  csv(actor: Actor, companyId: number | null, documentId: number): Promise<CsvExport>;
  /** The documents list of a filter as CSV (every row). */
  exportList(actor: Actor, companyId: number | null, query: DocumentQuery): Promise<CsvExport>;
  /** A correction of an invoice or credit note: only who may close (the operator, a partner as Self). */
  correct(actor: Actor, companyId: number | null, input: CorrectionInput): Promise<BillingDocument>;
}

export function createDocumentsService(
  ctx: ServiceContext,
  rates: BillingRatesStore,
  outbox: OutboxService,
  paymentMethods: Pick<PaymentMethodsService, 'of'>,
): DocumentsService {
  const { repos, clock } = ctx;

  const reachOf = (actor: Actor, companyId: number | null): { reach: DocumentReach; canCorrect: boolean } => {
    if (actor.kind === 'operator' && companyId === null) return { reach: EVERYTHING, canCorrect: true };
    const view = viewOf(ctx, actor, companyId);
    return { reach: view.reach, canCorrect: view.asPartner };
  };

  const reachable = (reach: DocumentReach, row: DocumentRow | undefined): row is DocumentRow =>
    row !== undefined &&
    ((reach.recipientIds === null && reach.issuerId === null) || (reach.recipientIds?.includes(row.recipient_company_id) ?? false) || (reach.issuerId !== null && row.issuer_company_id === reach.issuerId));

  async function load(reach: DocumentReach, documentId: number): Promise<BillingDocument> {
    const row = await repos.billing.document(documentId);
    if (!reachable(reach, row)) throw new ApiError('not_found', `Document ${documentId} was not found.`, { documentId });
    const corrects = row.corrects_document_id === null ? null : ((await repos.billing.document(row.corrects_document_id))?.number ?? null);
    const doc = toBillingDocument(row, await repos.billing.sections(row.id), await repos.billing.lines(row.id), await repos.billing.corrections(row.id), corrects);
    // A partner's documents to its clients carry the partner's logo (white label) as it was when they were issued,
    // kept with the document (migration 021): a later logo, or none, does not change an issued document.
    const logo = await repos.billing.documentLogo(row.id);
    return { ...doc, issuerLogo: logo ? { dataUrl: `data:${logo.mime};base64,${logo.data.toString('base64')}`, width: logo.width, height: logo.height } : null };
  }

  return {
    async list(actor, companyId, query, offset, limit) {
      const { reach } = reachOf(actor, companyId);
      const { rows, total } = await repos.billing.list(reach, query, offset, limit);
      return { items: rows.map(toDocumentSummary), total, offset, limit };
    },

    async get(actor, companyId, document) {
      const documentId = typeof document === 'number' ? document : await repos.billing.idOfNumber(document);
      if (documentId === undefined) throw new ApiError('not_found', `Document ${document} was not found.`, { number: document });
      return load(reachOf(actor, companyId).reach, documentId);
    },

    async pdf(actor, companyId, documentId) {
      const doc = await load(reachOf(actor, companyId).reach, documentId);
      const logo = await repos.billing.documentLogo(documentId);
      // pdfkit and svg-to-pdfkit load with the first PDF, not at start (issue 18 cold start).
      const { renderDocumentPdf } = await import('./document-pdf');
      const bytes = await renderDocumentPdf(doc, logo ? drawableLogo(logo) : null);
      return { fileName: `${doc.number}.pdf`, mimeType: 'application/pdf', base64: bytes.toString('base64'), bytes: bytes.length };
    },

    async csv(actor, companyId, documentId) {
      const doc = await load(reachOf(actor, companyId).reach, documentId);
      const { csv, rowCount } = documentCsv(doc);
      return { fileName: `${doc.number}.csv`, mimeType: 'text/csv', csv, rowCount };
    },

    async exportList(actor, companyId, query) {
      const { reach } = reachOf(actor, companyId);
      const { total } = await repos.billing.list(reach, query, 0, 1);
      if (total > MAX_EXPORT_ROWS) throw ApiError.validation({ filter: [`matches ${total} documents; export at most ${MAX_EXPORT_ROWS} at a time (filter by month or type)`] });
      const { csv, rowCount } = documentsCsv((await repos.billing.listAll(reach, query)).map(toDocumentSummary));
      return { fileName: exportFileName(query), mimeType: 'text/csv', csv, rowCount };
    },

    async correct(actor, companyId, input) {
      const { reach, canCorrect } = reachOf(actor, companyId);
      const now = clock.now();
      const id = await ctx.transaction(async (emit) => {
        const original = await repos.billing.document(input.documentId);
        if (!reachable(reach, original)) throw new ApiError('not_found', `Document ${input.documentId} was not found.`, { documentId: input.documentId });
        if (!canCorrect) throw new ApiError('forbidden', 'Corrections are issued by the document\'s issuer: the platform (a partner as Self in PartnerDeck) or the partner for its own invoices.');
        if (original.type === 'report') throw ApiError.validation({ documentId: ['is a report: correct its invoice or credit note instead'] });
        const shops = await repos.billing.sectionCompanies(original.id);
        if (input.companyId !== undefined && !shops.includes(input.companyId)) {
          throw ApiError.validation({ companyId: [`has no part in ${original.number}`] });
        }
        const current = rates.current();
        const issuerCompany = original.issuer_company_id === null ? null : repos.companies.get(original.issuer_company_id)!;
        const recipientRow = repos.companies.get(original.recipient_company_id)!;
        // An invoice's correction keeps its VAT (a credit note on an invoice credits the VAT back); a correction
        // of a credit note is VAT-free as credit notes are, unless it charges (an invoice: the VAT rule applies).
        const fresh = vatTreatment(issuerCompany?.country ?? current.sellerCountry, toBillingCompany(recipientRow));
        const vat = original.type === 'invoice' ? { rateBp: original.vat_rate_bp, reverseCharge: original.reverse_charge === 1, reason: original.vat_reason } : input.type === 'invoice' ? { rateBp: fresh.rateBp, reverseCharge: fresh.reverseCharge, reason: fresh.reason } : { rateBp: 0, reverseCharge: false, reason: null };
        const tax = shareOf(input.amountMinor, vat.rateBp);
        const shop = input.companyId !== undefined ? repos.companies.get(input.companyId)! : null;
        const description = `Correction of ${DOCUMENT_TYPE_LABELS[original.type].toLowerCase()} ${original.number}${shop && shop.id !== recipientRow.id ? ` (${shop.name})` : ''}: ${input.reason}`;
        const doc: PlannedDocument = {
          key: `${input.type}|${original.recipient_company_id}|${original.currency}`,
          type: input.type as DocumentType,
          month: original.month,
          currency: original.currency,
          issuer: JSON.parse(original.issuer),
          recipient: JSON.parse(original.recipient),
          billedAs: original.billed_as,
          vatRateBp: vat.rateBp,
          vatReason: vat.reason as PlannedDocument['vatReason'],
          reverseCharge: vat.reverseCharge,
          netMinor: input.amountMinor,
          vatMinor: tax,
          grossMinor: input.amountMinor + tax,
          sections: [
            {
              number: null,
              companyId: shop?.id ?? (original.billed_as === 'direct' ? recipientRow.id : null),
              title: shop?.name ?? recipientRow.name,
              subtitle: `Corrects ${original.number}`,
              lines: [{ kind: 'correction', description, quantity: null, basisMinor: null, rateBp: vat.rateBp || null, netMinor: input.amountMinor, vatMinor: tax, grossMinor: input.amountMinor + tax, inTotal: true }],
              netMinor: input.amountMinor,
              vatMinor: tax,
              grossMinor: input.amountMinor + tax,
            },
          ],
          notes: [
            `Corrects ${DOCUMENT_TYPE_LABELS[original.type].toLowerCase()} ${original.number}, which stays as issued.`,
            ...(vat.reverseCharge ? [fresh.reverseCharge ? fresh.note : 'Reverse charge, as on the corrected invoice.'] : vat.rateBp > 0 ? [`VAT ${vat.rateBp / 100} %${original.type === 'invoice' ? ', as on the corrected invoice' : ''}.`] : []),
          ],
          // The platform's corrections are settled like its other documents: with the recipient's method on file now.
          // A partner's invoices to its clients are settled between them, outside the platform.
          settlement: original.issuer_company_id === null ? settlementOf(recipientRow, await paymentMethods.of(recipientRow.id), clockDayOf(now)) : null,
        };
        const prefix = original.issuer_company_id === null ? PLATFORM_NUMBER_PREFIX : partnerNumberPrefix(original.issuer_company_id);
        const written = await writeDocument(repos.billing, doc, {
          prefix,
          issuerCompanyId: original.issuer_company_id,
          closeId: null,
          correctsDocumentId: original.id,
          reason: input.reason,
          issuedAt: now,
          paymentTermDays: current.paymentTermDays > 0 ? current.paymentTermDays : null,
        });
        const summary: DocumentSummary = toDocumentSummary({ ...(await repos.billing.document(written.id))!, corrects_number: original.number });
        sendCorrection(outbox, emit, billingContacts(repos, recipientRow), recipientRow, summary, original.number, input.reason);
        emit('billing.changed', { month: original.month });
        return written.id;
      }, { serializable: true });
      return load(reach, id);
    },
  };
}
