// The rows of the month close's tables (migration 007; document logos 021) and the documents list's filter, as
// billing-repository.ts reads and writes them.
import type { PaymentRoute } from '../../../src-shared/api/types';
import type { DocumentType } from '../../../src-shared/domain/billing';
import type { CompanyRow } from './companies-repository';

/** A company as the close reads it. */
export type BillingCompanyRow = Pick<
  CompanyRow,
  'id' | 'name' | 'email' | 'street' | 'city' | 'postal_code' | 'country' | 'vat_id' | 'is_sample' | 'is_development' | 'is_partner' | 'partner_id' | 'payment_route'
>;

export interface CloseRow {
  id: number;
  month: string;
  scope: string;
  actor: string;
  closed_at: number;
  companies: number;
  documents: number;
}

export interface CloseCompanyRow {
  month: string;
  company_id: number;
  close_id: number;
  billed_as: 'direct' | 'via_partner' | 'partner' | 'sample' | 'nothing';
  route: PaymentRoute;
  partner_id: number | null;
  figures: string;
}

export interface DocumentRow {
  id: number;
  number: string;
  type: DocumentType;
  issuer_company_id: number | null;
  recipient_company_id: number;
  issuer_name: string;
  recipient_name: string;
  month: string;
  currency: string;
  billed_as: 'direct' | 'partner';
  shop_count: number;
  close_id: number | null;
  corrects_document_id: number | null;
  reason: string | null;
  issuer: string;
  recipient: string;
  vat_rate_bp: number;
  vat_reason: string | null;
  reverse_charge: 0 | 1;
  net_minor: number;
  vat_minor: number;
  gross_minor: number;
  notes: string;
  issued_at: number;
  due_at: number | null;
  /** JSON `DocumentSettlement` (migration 019); null for reports, partners' invoices and documents issued before it. */
  settlement: string | null;
}

export type DocumentSummaryRow = Omit<DocumentRow, 'issuer' | 'recipient' | 'notes' | 'reason' | 'vat_reason' | 'close_id' | 'settlement'> & { corrects_number: string | null };

export interface SectionRow {
  id: number;
  document_id: number;
  position: number;
  number: string | null;
  company_id: number | null;
  title: string;
  subtitle: string;
  net_minor: number;
  vat_minor: number;
  gross_minor: number;
}

export interface LineRow {
  section_id: number;
  position: number;
  kind: string;
  description: string;
  quantity: number | null;
  basis_minor: number | null;
  rate_bp: number | null;
  net_minor: number;
  vat_minor: number;
  gross_minor: number;
  in_total: 0 | 1;
}

/** Who may see which documents: addressed to one of `recipientIds` (null: any), or issued by `issuerId`. */
export interface DocumentReach {
  recipientIds: number[] | null;
  issuerId: number | null;
}

export interface DocumentQuery {
  month?: string;
  type?: DocumentType;
  companyId?: number;
  currency?: string;
  search: string;
  sort: 'issued' | 'number' | 'recipient' | 'gross';
  direction: 'asc' | 'desc';
}

export interface MonthDocumentTotalsRow {
  month: string;
  currency: string;
  type: DocumentType;
  count: number;
  net_minor: number;
  vat_minor: number;
  gross_minor: number;
}

export interface RouteChangeRow {
  company_id: number;
  action: string;
  detail: string;
  created_at: number;
}

export interface PriceRow {
  company_id: number;
  partner_id: number;
  currency: string;
  monthly_fee_minor: number;
  percent_bp: number;
  updated_at: number;
}

export interface DraftRow {
  id: number;
  partner_id: number;
  company_id: number;
  company_name: string;
  month: string;
  currency: string;
  lines: string;
  vat_rate_bp: number;
  vat_reason: string;
  reverse_charge: 0 | 1;
  net_minor: number;
  vat_minor: number;
  gross_minor: number;
  created_at: number;
  updated_at: number;
}

/** A logo as it headed an issued document (migration 021). */
export interface DocumentLogoRow {
  sha256: string;
  mime: string;
  data: Buffer;
  pdf_png: Buffer | null;
  width: number;
  height: number;
}
