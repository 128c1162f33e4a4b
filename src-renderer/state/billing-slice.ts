// The month close in the console (Billing): the acting company's months, a month's close preview and the
// close itself, the what-if of a route switch, issued documents (list, one document, PDF and CSV), the
// rates with their defaults, and a partner's own client prices with the invoices drafted from them.
import type { DocumentFilterInput, SetRatesRequest } from '../../src-shared/api/billing-inputs';
import type {
  BillingDocument,
  BillingOverview,
  ClientPrice,
  ClosePreview,
  CloseResult,
  DocumentPage,
  PartnerInvoiceDraft,
  PdfFile,
  RateView,
  WhatIf,
} from '../../src-shared/api/billing-types';
import type { CsvExport } from '../../src-shared/api/shop-types';
import { createKeyedLoader } from './keyed-loader';
import { idle, ready, type Loadable } from './loadable';
import { fieldTarget, mutate, patch, type SliceContext } from './slice-context';
import type { SliceParts } from '../area';

export interface BillingState {
  overview: Loadable<BillingOverview>;
  /** The preview of the month on screen (keyed by month so a stale one is never shown for another). */
  preview: Loadable<ClosePreview>;
  lastClose: CloseResult | null;
  whatIf: Loadable<WhatIf>;
  documentsFilter: DocumentFilterInput;
  documents: Loadable<DocumentPage>;
  document: Loadable<BillingDocument>;
  rates: Loadable<RateView[]>;
  prices: Loadable<ClientPrice[]>;
  drafts: Loadable<PartnerInvoiceDraft[]>;
}

export interface BillingActions {
  loadBillingOverview(): Promise<void>;
  loadClosePreview(month: string): Promise<void>;
  closeMonth(month: string, fingerprint: string): Promise<CloseResult>;
  loadWhatIf(month: string, companyId: number): Promise<void>;
  clearWhatIf(): void;
  setDocumentsFilter(filter: DocumentFilterInput): void;
  loadDocuments(): Promise<void>;
  loadDocument(documentId: number): Promise<void>;
  /** Fetches a document's PDF (the caller offers it as a download). */
  documentPdf(documentId: number): Promise<PdfFile>;
  documentCsv(documentId: number): Promise<CsvExport>;
  correctDocument(input: { documentId: number; type: 'invoice' | 'credit_note'; amountMinor: number; reason: string }): Promise<BillingDocument>;
  exportDocumentsCsv(): Promise<CsvExport>;
  loadRates(): Promise<void>;
  /** The platform operator's change of the rates (new values and keys back to their default). */
  saveRates(input: SetRatesRequest): Promise<RateView[]>;
  loadPrices(): Promise<void>;
  setClientPrice(input: { companyId: number; monthlyFeeMinor: number; percentBp: number }): Promise<ClientPrice>;
  loadDrafts(): Promise<void>;
  refreshDrafts(month: string): Promise<void>;
  issueDraft(draftId: number): Promise<void>;
  discardDraft(draftId: number): Promise<void>;
  /** A pushed `billing.changed`: reload what is on screen. */
  applyBillingChange(): void;
}

export const DOCUMENTS_PAGE = 200;

export function createBillingSlice(ctx: SliceContext): SliceParts<BillingState, BillingActions> {
  const loader = createKeyedLoader();
  /** Loads one loadable of the slice; an older answer never overwrites a newer one. */
  const load = <K extends 'overview' | 'preview' | 'whatIf' | 'documents' | 'document' | 'rates' | 'prices' | 'drafts'>(
    key: K,
    run: () => Promise<BillingState[K] extends Loadable<infer T> ? T : never>,
    fresh = false,
  ): Promise<void> => loader.load(key, fieldTarget(ctx, 'billing', key), run, { fresh });

  const actions: BillingActions = {
    loadBillingOverview: () => load('overview', () => ctx.client.call('billing.overview', {})),

    loadClosePreview: (month) => load('preview', () => ctx.client.call('billing.preview', { month }), ctx.get().billing.preview.data?.month !== month),

    async closeMonth(month, fingerprint) {
      const result = await mutate(ctx, () => ctx.client.call('billing.close', { month, fingerprint }), (r) => r.message);
      patch(ctx, 'billing', { lastClose: result });
      void actions.loadBillingOverview();
      void actions.loadClosePreview(month);
      return result;
    },

    loadWhatIf: (month, companyId) => load('whatIf', () => ctx.client.call('billing.whatIf', { month, companyId }), true),
    clearWhatIf: () => patch(ctx, 'billing', { whatIf: idle() }),

    setDocumentsFilter(filter) {
      patch(ctx, 'billing', { documentsFilter: filter });
      void actions.loadDocuments();
    },

    loadDocuments: () => load('documents', () => ctx.client.call('billing.documents', { ...ctx.get().billing.documentsFilter, offset: 0, limit: DOCUMENTS_PAGE })),

    loadDocument: (documentId) => load('document', () => ctx.client.call('billing.document', { documentId }), ctx.get().billing.document.data?.id !== documentId),

    documentPdf: (documentId) => mutate(ctx, () => ctx.client.call('billing.documentPdf', { documentId })),
    documentCsv: (documentId) => mutate(ctx, () => ctx.client.call('billing.documentCsv', { documentId })),
    async correctDocument(input) {
      const created = await mutate(ctx, () => ctx.client.call('billing.correct', input), (d) => `Correction ${d.number} issued`);
      patch(ctx, 'billing', { document: ready(created) });
      return created;
    },
    exportDocumentsCsv: () => {
      const { search = '', sort = 'issued', direction = 'desc', ...rest } = ctx.get().billing.documentsFilter;
      return mutate(ctx, () => ctx.client.call('billing.exportCsv', { filter: { ...rest, search, sort, direction } }));
    },

    loadRates: () => load('rates', () => ctx.client.call('billing.rates', {})),
    async saveRates(input) {
      const views = await mutate(ctx, () => ctx.client.call('billing.setRates', input), 'Rates saved: they apply to months closed from now on');
      patch(ctx, 'billing', { rates: ready(views) });
      return views;
    },
    loadPrices: () => load('prices', () => ctx.client.call('billing.prices', {})),

    async setClientPrice(input) {
      const price = await mutate(ctx, () => ctx.client.call('billing.setPrice', input), (p) => `Prices for ${p.companyName} saved`);
      patch(ctx, 'billing', (b) => ({ prices: ready((b.prices.data ?? []).map((p) => (p.companyId === price.companyId ? price : p))) }));
      return price;
    },

    loadDrafts: () => load('drafts', () => ctx.client.call('billing.drafts', {})),

    async refreshDrafts(month) {
      await mutate(ctx, () => ctx.client.call('billing.refreshDrafts', { month }), 'Drafts updated from your current prices');
      void actions.loadDrafts();
    },

    async issueDraft(draftId) {
      await mutate(ctx, () => ctx.client.call('billing.issueDraft', { draftId }), (d) => `Invoice ${d.number} issued to ${d.recipientName}`);
      void actions.loadDrafts();
      void actions.loadDocuments();
    },

    async discardDraft(draftId) {
      await mutate(ctx, () => ctx.client.call('billing.discardDraft', { draftId }), 'Draft discarded');
      void actions.loadDrafts();
    },

    applyBillingChange() {
      const b = ctx.get().billing;
      if (b.overview.status !== 'idle') void actions.loadBillingOverview();
      if (b.documents.status !== 'idle') void actions.loadDocuments();
      if (b.drafts.status !== 'idle') void actions.loadDrafts();
      if (b.prices.status !== 'idle') void actions.loadPrices();
      if (b.rates.status !== 'idle') void actions.loadRates();
      if (b.preview.data) void actions.loadClosePreview(b.preview.data.month);
      if (b.document.data) void actions.loadDocument(b.document.data.id);
    },
  };

  const initial: BillingState = {
    overview: idle(),
    preview: idle(),
    lastClose: null,
    whatIf: idle(),
    documentsFilter: {},
    documents: idle(),
    document: idle(),
    rates: idle(),
    prices: idle(),
    drafts: idle(),
  };
  return { state: initial, actions, forActing: () => initial };
}
