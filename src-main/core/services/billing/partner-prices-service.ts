// A partner's own prices for its clients (spec §1 "its own price list", §7 "bill its clients at its own
// prices"): per client a monthly fee in the client's shop currency and/or a percentage of its net sales of
// own products. After a close, the invoices to the managed (Via Partner) clients that month are drafted from
// the figures the close used; the partner reviews them and issues them, which numbers them in the partner's
// own gapless sequence (P<id>-INV-YYYY-NNNNNN), makes them immutable and emails the client. Asynchronous (issue 21:
// the billing repository is on the data layer); refreshing, issuing and discarding a draft read, decide and write
// in one SERIALIZABLE transaction (two people issuing one draft: one invoice).
import type { ClientPrice, DocumentLine, DocumentSummary, PartnerInvoiceDraft, PlannedDocument } from '../../../../src-shared/api/billing-types';
import { ApiError } from '../../../../src-shared/api/errors';
import { monthName, partnerNumberPrefix, shareOf, vatTreatment } from '../../../../src-shared/domain/billing';
import { formatMinor } from '../../../../src-shared/domain/currencies';
import type { Actor } from '../../access';
import { toIso } from '../../clock';
import type { CompanyRow } from '../../repositories/companies-repository';
import type { PriceRow } from '../../repositories/billing-repository';
import type { OutboxService } from '../outbox-service';
import type { ServiceContext } from '../service-context';
import { toBillingCompany, toDocumentSummary, toDraft } from './billing-mappers';
import { closeScope } from './billing-reach';
import type { BillingRatesStore } from './billing-rates-store';
import { billingContacts, sendPartnerInvoice } from './billing-emails';
import { partyOf, type Contribution, type FigureSnapshot } from './close-plan';
import { writeDocument } from './document-writer';

export interface ClientPriceInput {
  companyId: number;
  monthlyFeeMinor: number;
  percentBp: number;
}

export interface PartnerPricesService {
  /** Every client of the partner with its prices (zero until set). */
  list(actor: Actor, partnerId: number | null): Promise<ClientPrice[]>;
  set(actor: Actor, partnerId: number | null, input: ClientPriceInput): Promise<ClientPrice>;
  /** Many clients' prices in one transaction: every row is checked first, nothing is written if one is refused. */
  setMany(actor: Actor, partnerId: number | null, inputs: ClientPriceInput[]): Promise<ClientPrice[]>;
  drafts(actor: Actor, partnerId: number | null, month: string | null): Promise<PartnerInvoiceDraft[]>;
  /** Drafts again, from the current prices, the invoices of a closed month that are not issued yet. */
  refresh(actor: Actor, partnerId: number | null, month: string): Promise<PartnerInvoiceDraft[]>;
  issue(actor: Actor, partnerId: number | null, draftId: number): Promise<DocumentSummary>;
  discard(actor: Actor, partnerId: number | null, draftId: number): Promise<{ deleted: true }>;
  /** Inside a close's transaction: drafts for the Via Partner clients it closed. Returns how many. */
  draftAfterClose(month: string, contributions: readonly Contribution[], now: number): Promise<number>;
}

const money = (minor: number, currency: string) => `${formatMinor(minor, currency)} ${currency}`;

/** The lines of a partner's invoice to a client in one currency, VAT per line by the partner's VAT rule. */
export function priceLines(price: Pick<PriceRow, 'currency' | 'monthly_fee_minor' | 'percent_bp'>, currency: string, month: string, figures: FigureSnapshot | undefined, vatRateBp: number): DocumentLine[] {
  const lines: DocumentLine[] = [];
  const add = (kind: DocumentLine['kind'], description: string, net: number, basis: number | null, rate: number | null) => {
    const vat = shareOf(net, vatRateBp);
    lines.push({ kind, description, quantity: null, basisMinor: basis, rateBp: rate, netMinor: net, vatMinor: vat, grossMinor: net + vat, inTotal: true });
  };
  if (currency === price.currency && price.monthly_fee_minor > 0) add('price_fee', `Shop management, ${monthName(month)}`, price.monthly_fee_minor, null, null);
  const own = figures?.ownNetMinor ?? 0;
  const percent = shareOf(own, price.percent_bp);
  if (percent > 0) add('price_percent', `${price.percent_bp / 100} % of net sales ${money(own, currency)} in ${monthName(month)}`, percent, own, price.percent_bp);
  return lines;
}

export function createPartnerPricesService(ctx: ServiceContext, rates: BillingRatesStore, outbox: OutboxService): PartnerPricesService {
  const { repos, clock } = ctx;

  const partnerOf = (actor: Actor, partnerId: number | null): CompanyRow => {
    if (actor.kind === 'operator' && partnerId === null) throw ApiError.validation({ partnerId: ['is required'] });
    const scope = closeScope(ctx, actor, partnerId);
    if (scope.kind !== 'partner') throw ApiError.validation({ partnerId: ['is required'] });
    return scope.partner;
  };

  const clientOf = (partner: CompanyRow, companyId: number): CompanyRow => {
    const client = repos.companies.get(companyId);
    if (!client || client.partner_id !== partner.id) throw new ApiError('not_found', `Company ${companyId} is not a client of ${partner.name}.`, { companyId });
    return client;
  };

  const toPrice = (client: CompanyRow, row: PriceRow | undefined): ClientPrice => ({
    companyId: client.id,
    companyName: client.name,
    route: client.payment_route,
    isSample: client.is_sample === 1,
    currency: row?.currency ?? repos.shopSettings.get(client.id)?.currency ?? 'EUR',
    monthlyFeeMinor: row?.monthly_fee_minor ?? 0,
    percentBp: row?.percent_bp ?? 0,
    updatedAt: row ? toIso(row.updated_at) : null,
  });

  /** Upserts the drafts of one client's month (one per currency with something to bill); returns how many. */
  async function draftClient(partner: CompanyRow, client: CompanyRow, price: PriceRow, month: string, figures: Record<string, FigureSnapshot>, now: number, issued: Set<string>): Promise<number> {
    const vat = vatTreatment(partner.country, toBillingCompany(client));
    const currencies = [...new Set([...Object.keys(figures), price.currency])].sort();
    let count = 0;
    for (const currency of currencies) {
      if (issued.has(`${client.id}|${currency}`)) continue;
      const lines = priceLines(price, currency, month, figures[currency], vat.rateBp);
      if (lines.length === 0) continue;
      const net = lines.reduce((sum, l) => sum + l.netMinor, 0);
      const tax = lines.reduce((sum, l) => sum + l.vatMinor, 0);
      await repos.billing.upsertDraft({
        partner_id: partner.id,
        company_id: client.id,
        month,
        currency,
        lines: JSON.stringify(lines),
        vat_rate_bp: vat.rateBp,
        vat_reason: vat.reason,
        reverse_charge: vat.reverseCharge ? 1 : 0,
        net_minor: net,
        vat_minor: tax,
        gross_minor: net + tax,
        created_at: now,
        updated_at: now,
      });
      count++;
    }
    return count;
  }

  /** Invoices the partner already issued for a month, as `client|currency`. */
  const issuedKeys = async (partnerId: number, month: string) =>
    new Set(
      (await repos.billing.listAll({ recipientIds: null, issuerId: partnerId }, { month, type: 'invoice', search: '', sort: 'issued', direction: 'asc' }))
        .filter((d) => d.corrects_document_id === null)
        .map((d) => `${d.recipient_company_id}|${d.currency}`),
    );

  const draftOfPartner = async (partner: CompanyRow, draftId: number) => {
    const draft = await repos.billing.draft(draftId);
    if (!draft || draft.partner_id !== partner.id) throw new ApiError('not_found', `Draft ${draftId} was not found.`, { draftId });
    return draft;
  };

  const setMany = async (actor: Actor, partnerId: number | null, inputs: ClientPriceInput[]): Promise<ClientPrice[]> => {
    const partner = partnerOf(actor, partnerId);
    const now = clock.now();
    const rows = inputs.map((input) => {
      const client = clientOf(partner, input.companyId);
      const currency = repos.shopSettings.get(client.id)?.currency;
      if (!currency) throw ApiError.validation({ companyId: [`${client.name} has no shop to price`] });
      const row: PriceRow = { company_id: client.id, partner_id: partner.id, currency, monthly_fee_minor: input.monthlyFeeMinor, percent_bp: input.percentBp, updated_at: now };
      return { client, row };
    });
    await ctx.transaction(async (emit) => {
      for (const { row } of rows) await repos.billing.upsertPrice(row);
      emit('billing.changed', { month: null });
    });
    return rows.map(({ client, row }) => toPrice(client, row));
  };

  return {
    async list(actor, partnerId) {
      const partner = partnerOf(actor, partnerId);
      const prices = new Map((await repos.billing.prices(partner.id)).map((p) => [p.company_id, p]));
      return repos.companies
        .listClients({ partnerId: partner.id, search: '', route: 'any', sample: 'any', sort: 'name', direction: 'asc' })
        .map((summary) => toPrice(repos.companies.get(summary.id)!, prices.get(summary.id)));
    },

    async set(actor, partnerId, input) {
      return (await setMany(actor, partnerId, [input]))[0];
    },

    setMany,

    async drafts(actor, partnerId, month) {
      const partner = partnerOf(actor, partnerId);
      return (await repos.billing.drafts(partner.id, month)).map(toDraft);
    },

    async refresh(actor, partnerId, month) {
      const partner = partnerOf(actor, partnerId);
      const now = clock.now();
      const clients = repos.companies.clientIds(partner.id);
      await ctx.transaction(async (emit) => {
        const issued = await issuedKeys(partner.id, month);
        for (const draft of await repos.billing.drafts(partner.id, month)) await repos.billing.deleteDraft(draft.id);
        for (const row of await repos.billing.closedCompanies(month, clients)) {
          if (row.route !== 'via_partner' || row.partner_id !== partner.id || (row.billed_as !== 'via_partner' && row.billed_as !== 'nothing')) continue;
          const price = await repos.billing.price(row.company_id);
          if (!price || price.partner_id !== partner.id) continue;
          await draftClient(partner, repos.companies.get(row.company_id)!, price, month, JSON.parse(row.figures) as Record<string, FigureSnapshot>, now, issued);
        }
        emit('billing.changed', { month });
      }, { serializable: true });
      return (await repos.billing.drafts(partner.id, month)).map(toDraft);
    },

    async issue(actor, partnerId, draftId) {
      const partner = partnerOf(actor, partnerId);
      const now = clock.now();
      const id = await ctx.transaction(async (emit) => {
        const draft = await draftOfPartner(partner, draftId);
        const client = clientOf(partner, draft.company_id);
        const vat = vatTreatment(partner.country, toBillingCompany(client));
        if (vat.reason !== draft.vat_reason) {
          throw new ApiError('conflict', `${client.name}'s VAT situation changed since this invoice was drafted: refresh the drafts of ${monthName(draft.month)} first.`, { reason: 'draft_stale' });
        }
        const lines = JSON.parse(draft.lines) as DocumentLine[];
        const terms = rates.current().paymentTermDays;
        const doc: PlannedDocument = {
          key: `invoice|${client.id}|${draft.currency}`,
          type: 'invoice',
          month: draft.month,
          currency: draft.currency,
          issuer: partyOf(toBillingCompany(partner)),
          recipient: partyOf(toBillingCompany(client)),
          billedAs: 'direct',
          vatRateBp: draft.vat_rate_bp,
          vatReason: vat.reason,
          reverseCharge: draft.reverse_charge === 1,
          netMinor: draft.net_minor,
          vatMinor: draft.vat_minor,
          grossMinor: draft.gross_minor,
          sections: [{ number: null, companyId: client.id, title: client.name, subtitle: `Managed by ${partner.name}`, lines, netMinor: draft.net_minor, vatMinor: draft.vat_minor, grossMinor: draft.gross_minor }],
          notes: [vat.note, ...(terms > 0 ? [`Payable within ${terms} days.`] : [])],
          // Between the partner and its client, outside the platform: no payment method of the platform's applies.
          settlement: null,
        };
        const written = await writeDocument(repos.billing, doc, { prefix: partnerNumberPrefix(partner.id), issuerCompanyId: partner.id, closeId: null, issuedAt: now, paymentTermDays: terms });
        await repos.billing.deleteDraft(draft.id);
        const summary = toDocumentSummary({ ...(await repos.billing.document(written.id))!, corrects_number: null });
        sendPartnerInvoice(outbox, emit, billingContacts(repos, client), client, summary, terms > 0 ? toIso(now + terms * 86_400_000) : null);
        emit('billing.changed', { month: draft.month });
        return written.id;
      }, { serializable: true });
      return toDocumentSummary({ ...(await repos.billing.document(id))!, corrects_number: null });
    },

    async discard(actor, partnerId, draftId) {
      const partner = partnerOf(actor, partnerId);
      await ctx.transaction(async (emit) => {
        const draft = await draftOfPartner(partner, draftId);
        await repos.billing.deleteDraft(draft.id);
        emit('billing.changed', { month: draft.month });
      }, { serializable: true });
      return { deleted: true };
    },

    async draftAfterClose(month, contributions, now) {
      let count = 0;
      const partners = new Map<number, { partner: CompanyRow; issued: Set<string> }>();
      for (const c of contributions) {
        // Managed clients, also without sales this month (the partner's monthly fee still applies).
        if (c.route !== 'via_partner' || c.partnerId === null || (c.billedAs !== 'via_partner' && c.billedAs !== 'nothing')) continue;
        const price = await repos.billing.price(c.companyId);
        if (!price || price.partner_id !== c.partnerId) continue;
        let p = partners.get(c.partnerId);
        if (!p) {
          p = { partner: repos.companies.get(c.partnerId)!, issued: await issuedKeys(c.partnerId, month) };
          partners.set(c.partnerId, p);
        }
        count += await draftClient(p.partner, repos.companies.get(c.companyId)!, price, month, c.figures, now, p.issued);
      }
      return count;
    },
  };
}
