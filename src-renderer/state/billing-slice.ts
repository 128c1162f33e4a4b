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
  DocumentSummary,
  PartnerInvoiceDraft,
  PdfFile,
  RateView,
  WhatIf,
} from '../../src-shared/api/billing-types';
import type { CsvExport } from '../../src-shared/api/shop-types';
import { createKeyedLoader } from './keyed-loader';
import { idle, ready, type Loadable } from './loadable';
import { createPagedLoader, emptyList, type PagedList } from './paged-list';
import { fieldTarget, mutate, patch, type SliceContext } from './slice-context';
import type { SliceParts } from '../area';

export interface BillingState {
  overview: Loadable<BillingOverview>;
  /** The preview of the month on screen (keyed by month so a stale one is never shown for another). */
  preview: Loadable<ClosePreview>;
  lastClose: CloseResult | null;
  whatIf: Loadable<WhatIf>;
  /** Issued documents of a filter, page by page as a virtualized table scrolls (a month of 5,000 clients). */
  documents: PagedList<DocumentSummary, DocumentFilterInput>;
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
  /** Shows the documents of this filter (replacing the previous one; nothing reloads when it is the same). */
  setDocumentsFilter(filter: DocumentFilterInput): void;
  /** The rows from..to of the documents list are in view. */
  loadDocumentRows(from: number, to: number): void;
  /** Loads the documents of the current filter (or brings those in view up to date). */
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
  /** Saves the changed prices of many clients at once (one transaction); returns the saved rows. */
  setClientPrices(prices: { companyId: number; monthlyFeeMinor: number; percentBp: number }[]): Promise<ClientPrice[]>;
  loadDrafts(): Promise<void>;
  refreshDrafts(month: string): Promise<void>;
  issueDraft(draftId: number): Promise<void>;
  discardDraft(draftId: number): Promise<void>;
  /** A pushed `billing.changed`: reload what is on screen. */
  applyBillingChange(): void;
}


export function createBillingSlice(ctx: SliceContext): SliceParts<BillingState, BillingActions> {
  const loader = createKeyedLoader();
  /** Loads one loadable of the slice; an older answer never overwrites a newer one. */
  const documents = createPagedLoader<DocumentSummary, DocumentFilterInput, null, DocumentPage>({
    get: () => ctx.get().billing.documents,
    set: (list) => patch(ctx, 'billing', { documents: list }),
    fetch: (filter, _companyId, offset, limit) => ctx.client.call('billing.documents', { ...definedKeys(filter), offset, limit }),
  });
  const load = <K extends 'overview' | 'preview' | 'whatIf' | 'document' | 'rates' | 'prices' | 'drafts'>(
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
      // The month's documents now exist: the list on screen shows them without waiting for the pushed billing.changed.
      if (ctx.get().billing.documents.status !== 'idle') void documents.refresh();
      return result;
    },

    loadWhatIf: (month, companyId) => load('whatIf', () => ctx.client.call('billing.whatIf', { month, companyId }), true),
    clearWhatIf: () => patch(ctx, 'billing', { whatIf: idle() }),

    setDocumentsFilter(filter) {
      const list = ctx.get().billing.documents;
      if (filterKey(list.filter) === filterKey(filter)) documents.open(null);
      else {
        // setFilter merges: the keys the new filter leaves out are cleared.
        const cleared = Object.fromEntries(Object.keys(list.filter).map((k) => [k, undefined])) as DocumentFilterInput;
        documents.setFilter({ ...cleared, ...filter });
      }
    },
    loadDocumentRows: (from, to) => documents.load(from, to),
    loadDocuments: async () => documents.open(null),

    loadDocument: (documentId) => load('document', () => ctx.client.call('billing.document', { documentId }), ctx.get().billing.document.data?.id !== documentId),

    documentPdf: (documentId) => mutate(ctx, () => ctx.client.call('billing.documentPdf', { documentId })),
    documentCsv: (documentId) => mutate(ctx, () => ctx.client.call('billing.documentCsv', { documentId })),
    async correctDocument(input) {
      const created = await mutate(ctx, () => ctx.client.call('billing.correct', input), (d) => `Correction ${d.number} issued`);
      patch(ctx, 'billing', { document: ready(created) });
      return created;
    },
    exportDocumentsCsv: () => {
      const { search = '', sort = 'issued', direction = 'desc', ...rest } = definedKeys(ctx.get().billing.documents.filter);
      return mutate(ctx, () => ctx.client.call('billing.exportCsv', { filter: { ...rest, search, sort, direction } }));
    },

    loadRates: () => load('rates', () => ctx.client.call('billing.rates', {})),
    async saveRates(input) {
      const views = await mutate(ctx, () => ctx.client.call('billing.setRates', input), 'Rates saved: they apply to months closed from now on');
      patch(ctx, 'billing', { rates: ready(views) });
      return views;
    },
    loadPrices: () => load('prices', () => ctx.client.call('billing.prices', {})),

    async setClientPrices(input) {
      const saved = await mutate(ctx, () => ctx.client.call('billing.setPrices', { prices: input }), (rows) => (rows.length === 1 ? `Prices for ${rows[0].companyName} saved` : `Prices for ${rows.length} clients saved`));
      const byId = new Map(saved.map((p) => [p.companyId, p]));
      patch(ctx, 'billing', (b) => ({ prices: ready((b.prices.data ?? []).map((p) => byId.get(p.companyId) ?? p)) }));
      return saved;
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
      if (b.documents.status !== 'idle') void documents.refresh();
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
    documents: emptyList<DocumentSummary, DocumentFilterInput>({}),
    document: idle(),
    rates: idle(),
    prices: idle(),
    drafts: idle(),
  };
  return { state: initial, actions, forActing: () => initial };
}

/** The filter without its cleared keys. */
function definedKeys(filter: DocumentFilterInput): DocumentFilterInput {
  return Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined)) as DocumentFilterInput;
}

const filterKey = (filter: DocumentFilterInput) => JSON.stringify(Object.entries(definedKeys(filter)).sort(([a], [b]) => a.localeCompare(b)));
