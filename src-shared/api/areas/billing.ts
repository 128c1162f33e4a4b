// Console methods of the month close (spec §7, docs/billing.md). Closing, previews, what-if, corrections,
// client prices and drafts are partner functions (as Self, billing permission); reading documents works as
// Self (the partner's own, its clients' and its invoices to them) and acting as a client (its own).
import { z } from 'zod';
import {
  billingCloseSchema,
  billingMonthSchema,
  billingSetRatesSchema,
  billingWhatIfSchema,
  clientPriceSchema,
  clientPricesSchema,
  companyIdOnlySchema,
  correctionSchema,
  documentIdSchema,
  documentListSchema,
  documentsExportSchema,
  draftIdSchema,
  draftListSchema,
  setPaymentMethodSchema,
} from '../billing-inputs';
import type {
  BillingDocument,
  BillingOverview,
  ClientPrice,
  ClosePreview,
  CloseResult,
  DocumentPage,
  DocumentSummary,
  PartnerInvoiceDraft,
  PaymentMethodView,
  PdfFile,
  RateView,
  WhatIf,
} from '../billing-types';
import { defineSharedArea } from '../area';
import { event } from '../event';
import { method } from '../method';
import type { CsvExport } from '../shop-types';

const empty = z.object({}).strict();

export const billingMethods = {
  'billing.overview': method<BillingOverview>()(empty, 'The Billing screen of the acting company: months with their state and document totals'),
  'billing.preview': method<ClosePreview>()(billingMonthSchema, 'What closing a month would issue for the partner and its clients, with warnings (writes nothing)'),
  'billing.close': method<CloseResult>()(billingCloseSchema, 'Close a month for the partner and its clients; closing again changes nothing'),
  'billing.whatIf': method<WhatIf>()(billingWhatIfSchema, 'The difference for the partner and the client if the client switched between Direct and Via Partner'),
  'billing.documents': method<DocumentPage>()(documentListSchema, 'Issued documents in reach: filter by month, type, company, currency; search; sort; page'),
  'billing.document': method<BillingDocument>()(documentIdSchema, 'One document with its per-shop parts and lines'),
  'billing.documentPdf': method<PdfFile>()(documentIdSchema, 'A document as PDF (base64)'),
  'billing.documentCsv': method<CsvExport>()(documentIdSchema, "A document's lines as CSV"),
  'billing.exportCsv': method<CsvExport>()(documentsExportSchema, 'The documents list of a filter as CSV (every row)'),
  'billing.correct': method<BillingDocument>()(correctionSchema, 'Issue a correction of an invoice or credit note: a new document referencing it'),
  'billing.rates': method<RateView[]>()(empty, "The month close's rates with their defaults (set by the platform operator)"),
  'billing.setRates': method<RateView[]>()(billingSetRatesSchema, 'Platform operator only: change rates and reset rates to their default; applies to months closed from now on'),
  'billing.prices': method<ClientPrice[]>()(empty, "The partner's prices for each client: monthly fee and percentage of net sales"),
  'billing.setPrice': method<ClientPrice>()(clientPriceSchema, "Set the partner's prices for a client"),
  'billing.setPrices': method<ClientPrice[]>()(clientPricesSchema, "Set the partner's prices for many clients at once (all or nothing)"),
  'billing.drafts': method<PartnerInvoiceDraft[]>()(draftListSchema, "The partner's drafted invoices to its managed clients"),
  'billing.refreshDrafts': method<PartnerInvoiceDraft[]>()(billingMonthSchema, "Draft a closed month's invoices to managed clients again from the current prices"),
  'billing.issueDraft': method<DocumentSummary>()(draftIdSchema, "Issue a drafted invoice: numbered in the partner's sequence, emailed to the client"),
  'billing.discardDraft': method<{ deleted: true }>()(draftIdSchema, 'Discard a drafted invoice'),
  'billing.paymentMethod': method<PaymentMethodView>()(companyIdOnlySchema, "A company's payment method on file (masked), and who is charged for its documents"),
  'billing.setPaymentMethod': method<PaymentMethodView>()(
    setPaymentMethodSchema,
    "Put a card or SEPA mandate on file for a company: the full number is checked (Luhn / IBAN mod 97, expiry by the platform clock) and only its masked parts are stored",
  ),
  'billing.removePaymentMethod': method<PaymentMethodView>()(companyIdOnlySchema, "Remove a company's payment method: its next documents say \"awaiting payment details\""),
} as const;

export const billingEvents = {
  /** A month was closed, a document issued or corrected, prices, drafts or the rates changed (month: null when
   * no month is concerned). Billing refreshes. */
  'billing.changed': event<{ month: string | null }>()('pushed'),
  /** A company's payment method on file was set or removed. Company settings and close previews refresh. */
  'payment_method.changed': event<{ companyId: number }>()('pushed'),
} as const;

export const billingArea = defineSharedArea({
  name: 'billing',
  methods: billingMethods,
  events: billingEvents,
  emailKinds: {
    'billing.documents': ['billing'],
    'billing.correction': ['billing'],
    'billing.partner_invoice': ['billing'],
  },
});
