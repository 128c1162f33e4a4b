// Console methods of the month close. Closing (preview, close, what-if), corrections, client prices and
// drafts are partner functions: only as Self. Documents are read in the acting company's reach: as Self the
// partner's own, its clients' and its invoices to them; acting as a client, that client's own. The rates are
// read with the billing permission or the operator role, and changed only by a user with the operator role.
import { requirePermission } from '../../core/access';
import type { ConsoleContext, Handlers } from '../console-context';

type BillingMethods =
  | 'billing.overview' | 'billing.preview' | 'billing.close' | 'billing.whatIf' | 'billing.documents' | 'billing.document'
  | 'billing.documentPdf' | 'billing.documentCsv' | 'billing.exportCsv' | 'billing.correct' | 'billing.rates' | 'billing.setRates' | 'billing.prices'
  | 'billing.setPrice' | 'billing.setPrices' | 'billing.drafts' | 'billing.refreshDrafts' | 'billing.issueDraft' | 'billing.discardDraft';

export function billingHandlers(ctx: ConsoleContext): Pick<Handlers, BillingMethods> {
  const { billing } = ctx.platform;
  const acting = () => ctx.actingCompanyId();
  /** Partner functions run as Self; the core checks the partner program and the billing permission. */
  const asPartner = (what: string) => {
    ctx.requireSelf(what);
    return ctx.actor();
  };
  return {
    'billing.overview': () => billing.closing.overview(ctx.actor(), acting()),
    'billing.preview': ({ month }) => billing.closing.preview(asPartner('Closing a month'), null, month),
    'billing.close': ({ month, fingerprint }) => billing.closing.close(asPartner('Closing a month'), null, month, fingerprint),
    'billing.whatIf': ({ month, companyId }) => billing.closing.whatIf(asPartner('The what-if of a route switch'), null, month, companyId),
    'billing.documents': ({ offset, limit, ...query }) => billing.documents.list(ctx.actor(), acting(), query, offset, limit),
    'billing.document': ({ documentId }) => billing.documents.get(ctx.actor(), acting(), documentId),
    'billing.documentPdf': ({ documentId }) => billing.documents.pdf(ctx.actor(), acting(), documentId),
    'billing.documentCsv': ({ documentId }) => billing.documents.csv(ctx.actor(), acting(), documentId),
    'billing.exportCsv': ({ filter }) => billing.documents.exportList(ctx.actor(), acting(), filter),
    'billing.correct': (input) => billing.documents.correct(asPartner('Issuing a correction'), acting(), input),
    'billing.rates': () => {
      if (!ctx.currentUser().isOperator) requirePermission(ctx.actor(), 'billing');
      return billing.rates.views();
    },
    'billing.setRates': ({ reset, ...set }) => billing.rates.change(ctx.requireOperator('Changing the rates of the month close'), { set, reset }),
    'billing.prices': () => billing.prices.list(asPartner('Client prices'), null),
    'billing.setPrice': (input) => billing.prices.set(asPartner('Client prices'), null, input),
    'billing.setPrices': ({ prices }) => billing.prices.setMany(asPartner('Client prices'), null, prices),
    'billing.drafts': ({ month }) => billing.prices.drafts(asPartner('Invoices to clients'), null, month ?? null),
    'billing.refreshDrafts': ({ month }) => billing.prices.refresh(asPartner('Invoices to clients'), null, month),
    'billing.issueDraft': ({ draftId }) => billing.prices.issue(asPartner('Invoices to clients'), null, draftId),
    'billing.discardDraft': ({ draftId }) => billing.prices.discard(asPartner('Invoices to clients'), null, draftId),
  };
}
