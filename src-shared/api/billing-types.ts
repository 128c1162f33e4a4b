// What the month close's console methods return (docs/billing.md): documents (issued or planned) with their
// per-shop parts and lines, the close preview and its result, the months of a billing scope, the what-if
// of switching a client's route, rates, and a partner's prices and drafted invoices for its clients. Money
// is integer minor units of the document's currency; a document never mixes currencies.
import type { DocumentType, VatReason } from '../domain/billing';
import type { BillingRateKey, RateUnit } from '../domain/billing-rates';
import type { ClockDay, DocumentSettlement, MaskedPaymentMethod } from '../domain/payment-methods';
import type { PaymentRoute } from './types';

export type LineKind =
  /** Report: sales of one product kind (quantity = orders with a line of the kind). */
  | 'sales'
  /** Invoice: the platform's sales fee (basis = net sales of the shop's own products). */
  | 'fee'
  /** Credit note: the shop's collected sales (gross) passed on. */
  | 'collected'
  /** Credit note: an app's or theme's developer payout (basis = its net sales). */
  | 'payout'
  /** Credit note: the partner's revenue share of a client's fees (basis = the fees). */
  | 'revenue_share'
  /** A correction of an earlier document. */
  | 'correction'
  /** A partner's invoice to its client: the monthly fee, and a percentage of the client's net sales. */
  | 'price_fee'
  | 'price_percent'
  /** Report summaries (fees, credits, balance): shown, not added into the totals. */
  | 'summary';

export interface DocumentLine {
  kind: LineKind;
  description: string;
  /** Orders or units, where it means something. */
  quantity: number | null;
  /** The amount a rate applies to. */
  basisMinor: number | null;
  rateBp: number | null;
  netMinor: number;
  vatMinor: number;
  grossMinor: number;
  /** False for informational lines (report summaries), which are not added into the totals. */
  inTotal: boolean;
}

export interface DocumentSection {
  /** A managed shop's own document number inside its partner's document (PD-INV-2026-000012/3), else null. */
  number: string | null;
  /** The shop this part is about; null for a partner's own part (its revenue share). */
  companyId: number | null;
  title: string;
  subtitle: string;
  lines: DocumentLine[];
  netMinor: number;
  vatMinor: number;
  grossMinor: number;
}

export interface DocumentParty {
  /** Null for the platform. */
  companyId: number | null;
  name: string;
  address: string[];
  country: string;
  vatId: string | null;
  email: string;
}

/** direct: the recipient's own documents; partner: a partner's combined documents with per-shop parts. */
export type DocumentBilledAs = 'direct' | 'partner';

/** A document as the close would issue it (preview) — everything but number and dates. */
export interface PlannedDocument {
  /** `type|recipient|currency`, unique within a plan. */
  key: string;
  type: DocumentType;
  month: string;
  currency: string;
  issuer: DocumentParty;
  recipient: DocumentParty;
  billedAs: DocumentBilledAs;
  vatRateBp: number;
  /** Invoices only. */
  vatReason: VatReason | null;
  reverseCharge: boolean;
  netMinor: number;
  vatMinor: number;
  grossMinor: number;
  sections: DocumentSection[];
  notes: string[];
  /** Invoices and credit notes of the platform: how they are charged or credited (the recipient's payment
   * method on file, or awaiting payment details); null for reports and a partner's invoices to its clients. */
  settlement: DocumentSettlement | null;
}

export interface DocumentRef {
  id: number;
  number: string;
  type: DocumentType;
  currency: string;
  grossMinor: number;
  issuedAt: string;
}

export interface BillingDocument extends PlannedDocument {
  id: number;
  number: string;
  issuedAt: string;
  /** Invoices: issued + the payment term. */
  dueAt: string | null;
  correctsDocumentId: number | null;
  correctsNumber: string | null;
  reason: string | null;
  /** Later documents correcting this one. */
  corrections: DocumentRef[];
  /** The issuing partner's logo (white label: a partner's invoices to its clients); null for the platform's. */
  issuerLogo: { dataUrl: string; width: number; height: number } | null;
}

export interface DocumentSummary {
  id: number;
  number: string;
  type: DocumentType;
  month: string;
  currency: string;
  issuerCompanyId: number | null;
  issuerName: string;
  recipientId: number;
  recipientName: string;
  billedAs: DocumentBilledAs;
  /** Per-shop parts (managed clients) inside a partner's document. */
  shops: number;
  netMinor: number;
  vatMinor: number;
  grossMinor: number;
  reverseCharge: boolean;
  issuedAt: string;
  correctsNumber: string | null;
}

export interface DocumentPage {
  items: DocumentSummary[];
  total: number;
  offset: number;
  limit: number;
}

/** A document the close would issue: its summary's figures before it has a number. */
export interface PlannedDocumentSummary
  extends Pick<DocumentSummary, 'type' | 'currency' | 'recipientId' | 'recipientName' | 'billedAs' | 'shops' | 'netMinor' | 'vatMinor' | 'grossMinor' | 'reverseCharge'> {
  key: string;
}

export interface AmountTotals {
  count: number;
  netMinor: number;
  vatMinor: number;
  grossMinor: number;
}

/** Totals of a month's documents in one currency (currencies are never added). */
export interface CurrencyBillingTotals {
  currency: string;
  invoices: AmountTotals;
  creditNotes: AmountTotals;
  reports: number;
}

export type BillingWarningKind =
  | 'sample_skipped'
  /** A development company (`partnerdeck app dev`): its test orders are never billed. */
  | 'development_skipped'
  | 'route_changed'
  | 'sample_changed'
  | 'figures_changed'
  | 'already_closed'
  | 'not_ended'
  /** Companies that would get an invoice or credit note but have no usable payment method on file. */
  | 'awaiting_payment_details';

export interface BillingWarning {
  kind: BillingWarningKind;
  companyId: number | null;
  companyName: string | null;
  message: string;
}

/** Whose month is closed: every company (the operator) or one partner's scope (itself and its clients). */
export type CloseScope = { kind: 'all' } | { kind: 'partner'; partnerId: number; partnerName: string };

export type MonthState = 'open' | 'closable' | 'partly_closed' | 'closed';

export interface CloseCompanies {
  inScope: number;
  /** Companies this close would record (billed, or with nothing to bill). */
  toClose: number;
  alreadyClosed: number;
  sampleSkipped: number;
  withDocuments: number;
}

export interface ClosePreview {
  month: string;
  monthName: string;
  scope: CloseScope;
  state: MonthState;
  /** When the month ends (the first instant of the next month, UTC). */
  endsAt: string;
  closable: boolean;
  documents: PlannedDocumentSummary[];
  totals: CurrencyBillingTotals[];
  companies: CloseCompanies;
  warnings: BillingWarning[];
  /** Companies whose invoices or credit notes of this close would say "awaiting payment details" (no card or
   * SEPA mandate on file, or the card has expired), by name. */
  awaitingPayment: AwaitingPaymentCompany[];
  /** Changes whenever the close would issue something else: `billing.close` refuses a stale one. */
  fingerprint: string;
}

export interface AwaitingPaymentCompany {
  companyId: number;
  companyName: string;
  reason: 'missing' | 'expired';
}

/** A company's payment method as company settings show it (masked: brand and last four digits only). */
export interface PaymentMethodView {
  companyId: number;
  companyName: string;
  method: (MaskedPaymentMethod & { label: string; detail: string; updatedAt: string; updatedBy: string }) | null;
  /** Why the method on file cannot be charged now ('expired'), or that there is none ('missing'); null when it can. */
  problem: 'missing' | 'expired' | null;
  /** Who is charged for this company's platform documents: itself (Direct, a partner, a company without one), its
   * partner (Via Partner), or nobody (a sample or development company is never billed). */
  chargedTo: { kind: 'self' } | { kind: 'partner'; partnerId: number; partnerName: string; partnerMethod: string | null } | { kind: 'never_billed'; reason: string };
  /** The signed-in user may change it (the company's administrator, its managing partner, the operator). */
  canEdit: boolean;
  /** The platform clock's day when this was read: the form checks expiry and mandate dates against it. */
  today: ClockDay;
}

export interface CloseResult {
  month: string;
  scope: CloseScope;
  /** Null when nothing was left to close (a second close changes nothing). */
  closeId: number | null;
  alreadyClosed: boolean;
  companiesClosed: number;
  issued: DocumentSummary[];
  /** The month's documents in scope that had been issued before. */
  existing: DocumentSummary[];
  /** Invoices drafted for the partner's managed clients from its prices. */
  drafts: number;
  warnings: BillingWarning[];
  message: string;
}

export interface BillingMonth {
  month: string;
  name: string;
  state: MonthState;
  endsAt: string;
  companiesInScope: number;
  companiesClosed: number;
  documents: number;
  totals: CurrencyBillingTotals[];
}

/** What the Billing screen is about for the acting company. */
export type BillingView = 'partner' | 'direct_client' | 'managed_client' | 'company';

export interface BillingOverview {
  view: BillingView;
  company: { id: number; name: string; route: PaymentRoute; partnerId: number | null; partnerName: string | null };
  /** The partner as Self closes its scope (the billing permission). */
  canClose: boolean;
  now: string;
  months: BillingMonth[];
  note: string | null;
}

export interface WhatIfSide {
  /** Documents the party would receive from the platform in this currency. */
  documents: number;
  invoiceGrossMinor: number;
  creditNetMinor: number;
  /** Credit minus invoice: what the platform pays out (negative: what the party pays). */
  balanceMinor: number;
  /** The partner's revenue share from this client (partner side only; 0 on the client side). */
  revenueShareMinor: number;
}

export interface WhatIfCurrency {
  currency: string;
  partner: { now: WhatIfSide; switched: WhatIfSide };
  client: { now: WhatIfSide; switched: WhatIfSide };
  /** What the partner's own prices would bill the client (only while it is Via Partner). */
  partnerPrice: { nowMinor: number | null; switchedMinor: number | null };
}

export interface WhatIf {
  month: string;
  companyId: number;
  companyName: string;
  partnerId: number;
  partnerName: string;
  currentRoute: PaymentRoute;
  switchedRoute: PaymentRoute;
  currencies: WhatIfCurrency[];
  notes: string[];
}

export interface RateView {
  key: BillingRateKey;
  label: string;
  description: string;
  unit: RateUnit;
  value: string | number;
  defaultValue: string | number;
  /** Shown as people read it ("5 %", "14 days"). */
  display: string;
  defaultDisplay: string;
  isDefault: boolean;
}

export interface ClientPrice {
  companyId: number;
  companyName: string;
  route: PaymentRoute;
  isSample: boolean;
  currency: string;
  monthlyFeeMinor: number;
  percentBp: number;
  /** Null: no prices set yet. */
  updatedAt: string | null;
}

export interface PartnerInvoiceDraft {
  id: number;
  partnerId: number;
  companyId: number;
  companyName: string;
  month: string;
  currency: string;
  lines: DocumentLine[];
  vatRateBp: number;
  vatReason: VatReason;
  reverseCharge: boolean;
  netMinor: number;
  vatMinor: number;
  grossMinor: number;
  createdAt: string;
  updatedAt: string;
}

export interface PdfFile {
  fileName: string;
  mimeType: 'application/pdf';
  /** The PDF's bytes, base64 (the console's transports carry JSON). */
  base64: string;
  bytes: number;
}
