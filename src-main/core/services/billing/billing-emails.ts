// The emails that announce documents (spec §9: they land in the local outbox): after a close, one per
// recipient listing its documents of the month; a correction; a partner's invoice to its client. Sent to the
// company's billing contacts: its administrators and the company's own email address.
import type { DocumentSummary } from '../../../../src-shared/api/billing-types';
import { DOCUMENT_TYPE_LABELS, monthName } from '../../../../src-shared/domain/billing';
import { formatMinor } from '../../../../src-shared/domain/currencies';
import type { CompanyRow } from '../../repositories/companies-repository';
import type { Repositories } from '../service-context';
import type { OutboxService } from '../outbox-service';
import type { Emit } from '../service-context';
import type { EmailKind } from '../../../../src-shared/domain/email-kinds';

export const EMAIL_KINDS = { documents: 'billing.documents', correction: 'billing.correction', partnerInvoice: 'billing.partner_invoice' } as const;

const money = (minor: number, currency: string) => `${formatMinor(minor, currency)} ${currency}`;

function describe(doc: Pick<DocumentSummary, 'number' | 'type' | 'currency' | 'netMinor' | 'vatMinor' | 'grossMinor' | 'shops'>, dueAt?: string | null): string {
  const amount = doc.type === 'report' ? `sales ${money(doc.grossMinor, doc.currency)} gross` : `${money(doc.netMinor, doc.currency)} net, ${money(doc.vatMinor, doc.currency)} VAT, ${money(doc.grossMinor, doc.currency)} total`;
  const shops = doc.shops > 0 ? ` — with a separate document for each of your ${doc.shops} managed shop${doc.shops === 1 ? '' : 's'}` : '';
  const due = dueAt ? `, due ${dueAt.slice(0, 10)}` : '';
  return `  ${DOCUMENT_TYPE_LABELS[doc.type]} ${doc.number}: ${amount}${due}${shops}`;
}

/** The company's billing contacts: its administrators and its own email address, each once. */
export function billingContacts(repos: Repositories, company: Pick<CompanyRow, 'id' | 'email'>): string[] {
  const recipients = new Set<string>(repos.users.adminsOf(company.id).map((u) => u.email));
  if (company.email) recipients.add(company.email);
  return [...recipients];
}

function send(outbox: OutboxService, emit: Emit, to: string[], companyId: number, subject: string, body: string, kind: EmailKind): number {
  for (const address of to) outbox.queue(emit, { companyId, to: address, subject, body, kind });
  return to.length;
}

export function sendMonthDocuments(
  outbox: OutboxService,
  emit: Emit,
  contacts: string[],
  recipient: { id: number; name: string },
  month: string,
  docs: (DocumentSummary & { dueAt?: string | null })[],
): number {
  const subject = `Your documents for ${monthName(month)}: ${docs.map((d) => `${DOCUMENT_TYPE_LABELS[d.type].toLowerCase()} ${d.number}`).join(', ')}`;
  const body = [
    `Hello ${recipient.name},`,
    '',
    `${monthName(month)} is closed. The platform issued these documents to you:`,
    '',
    ...docs.map((d) => describe(d, d.dueAt)),
    '',
    'Invoices and credit notes of the same month and currency are settled against each other.',
    'Open them under Billing → Documents in PartnerDeck (view, PDF, CSV).',
  ].join('\n');
  return send(outbox, emit, contacts, recipient.id, subject.length > 180 ? `Your documents for ${monthName(month)} (${docs.length})` : subject, body, EMAIL_KINDS.documents);
}

export function sendCorrection(outbox: OutboxService, emit: Emit, contacts: string[], recipient: { id: number; name: string }, doc: DocumentSummary, originalNumber: string, reason: string): number {
  const body = [
    `Hello ${recipient.name},`,
    '',
    `${doc.issuerName} issued a correction of ${originalNumber}:`,
    '',
    describe(doc),
    `  Reason: ${reason}`,
    '',
    `${originalNumber} itself stays as it was issued; this document corrects it.`,
  ].join('\n');
  return send(outbox, emit, contacts, recipient.id, `${DOCUMENT_TYPE_LABELS[doc.type]} ${doc.number} corrects ${originalNumber}`, body, EMAIL_KINDS.correction);
}

export function sendPartnerInvoice(outbox: OutboxService, emit: Emit, contacts: string[], recipient: { id: number; name: string }, doc: DocumentSummary, dueAt: string | null): number {
  const body = [
    `Hello ${recipient.name},`,
    '',
    `${doc.issuerName} invoices you for managing your shop in ${monthName(doc.month)}:`,
    '',
    describe(doc, dueAt),
    '',
    'You find it under Billing in PartnerDeck.',
  ].join('\n');
  return send(outbox, emit, contacts, recipient.id, `Invoice ${doc.number} from ${doc.issuerName} for ${monthName(doc.month)}`, body, EMAIL_KINDS.partnerInvoice);
}
