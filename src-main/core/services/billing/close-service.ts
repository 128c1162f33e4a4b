// Closing a month (spec §7, docs/billing.md): the months of a billing scope with their state, the preview
// (the close plan, computed and not written, with its warnings and a fingerprint), the close itself (the same
// plan written in one transaction: close records per company, documents with gapless numbers, the partners'
// drafted invoices to their clients, the announcing emails) and the what-if of switching a client's route.
// A company's month is closed once: closing again leaves it alone and says what changed since, if anything.
//
// Asynchronous (issue 21): the billing repository is on the data layer; the close is one SERIALIZABLE transaction
// (on PostgreSQL two closers of one month: the one that loses is retried and finds the month closed, as the second
// of two on SQLite's single writer does). The sales figures, companies, users and outbox it also uses are still
// synchronous, on the same SQLite connection, inside that transaction.
import type {
  BillingMonth,
  BillingOverview,
  BillingWarning,
  ClosePreview,
  CloseResult,
  DocumentSummary,
  PlannedDocument,
  PlannedDocumentSummary,
  WhatIf,
  WhatIfCurrency,
  WhatIfSide,
} from '../../../../src-shared/api/billing-types';
import { ApiError } from '../../../../src-shared/api/errors';
import type { PaymentRoute } from '../../../../src-shared/api/types';
import { addMonths, monthBounds, monthHasEnded, monthName, monthOf, PLATFORM_NUMBER_PREFIX, shareOf } from '../../../../src-shared/domain/billing';
import { formatMinor } from '../../../../src-shared/domain/currencies';
import { clockDayOf } from '../../../../src-shared/domain/payment-methods';
import type { ProductKind } from '../../../../src-shared/domain/shop';
import { actorLabel, type Actor } from '../../access';
import { toIso } from '../../clock';
import type { CloseCompanyRow } from '../../repositories/billing-repository';
import type { OutboxService } from '../outbox-service';
import type { ServiceContext } from '../service-context';
import { toBillingCompany, toDocumentSummary } from './billing-mappers';
import { closeScope, describeScope, scopeKey, viewOf, type ScopeOf } from './billing-reach';
import type { BillingRatesStore } from './billing-rates-store';
import { billingContacts, sendMonthDocuments } from './billing-emails';
import { currencyTotals, fingerprintOf, monthState, platformParty, totalsOfRows } from './close-figures';
import { planClose, sameFigures, snapshotOf, type BillingCompany, type CloseInput, type ClosePlan, type CompanyFigures, type FigureSnapshot, type StoreProductFigures } from './close-plan';
import { writeDocument } from './document-writer';
import type { PartnerPricesService } from './partner-prices-service';
import type { PaymentMethodsService } from './payment-methods-service';

export interface CloseService {
  /** The Billing screen of `companyId` (null: the actor's own company): months with state and totals. */
  overview(actor: Actor, companyId: number | null): Promise<BillingOverview>;
  /** What closing `month` would do for the scope (null: every company; operator only). Writes nothing. */
  preview(actor: Actor, partnerId: number | null, month: string): Promise<ClosePreview>;
  /** Closes `month` for the scope; refused when `fingerprint` (a preview's) no longer matches. */
  close(actor: Actor, partnerId: number | null, month: string, fingerprint?: string): Promise<CloseResult>;
  /** The difference for the partner and the client if `companyId` switched between Direct and Via Partner. */
  whatIf(actor: Actor, partnerId: number | null, month: string, companyId: number): Promise<WhatIf>;
}

/** How many months the Billing screen lists (closed months before them are listed too). */
export const MONTHS_LISTED = 12;

const monthKeyOf = (month: string) => Number(month.slice(0, 4)) * 100 + Number(month.slice(5, 7));
const money = (minor: number, currency: string) => `${formatMinor(minor, currency)} ${currency}`;
const ROUTE_LABEL: Record<PaymentRoute, string> = { direct: 'Direct', via_partner: 'Via Partner' };

export function createCloseService(ctx: ServiceContext, rates: BillingRatesStore, outbox: OutboxService, prices: PartnerPricesService, paymentMethods: Pick<PaymentMethodsService, 'all'>): CloseService {
  const { repos, clock } = ctx;

  function requireMonth(month: string): void {
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw ApiError.validation({ month: ['must be a month as YYYY-MM (e.g. 2026-10)'] });
  }

  /** The month's figures of the companies in scope, as the plan reads them. */
  function figuresOf(month: string, companyIds: number[] | null, scopeSet: Set<number> | null): { figures: CompanyFigures[]; products: StoreProductFigures[] } {
    const key = monthKeyOf(month);
    const { totals, kinds } = repos.sales.monthFigures(key, companyIds);
    const byKey = new Map<string, CompanyFigures>();
    for (const t of totals) {
      byKey.set(`${t.company_id}|${t.currency}`, { companyId: t.company_id, currency: t.currency, orders: t.orders, netMinor: t.net_minor, vatMinor: t.vat_minor, grossMinor: t.gross_minor, kinds: {} });
    }
    for (const k of kinds) {
      const f = byKey.get(`${k.company_id}|${k.currency}`);
      if (f) f.kinds[k.kind as ProductKind] = { orders: k.orders, quantity: k.quantity, netMinor: k.net_minor, vatMinor: k.vat_minor, grossMinor: k.gross_minor };
    }
    const products = repos.sales
      .productMonth(key, ['app', 'theme'])
      .filter((p) => scopeSet === null || scopeSet.has(p.company_id))
      .map((p) => ({ companyId: p.company_id, productId: p.product_id, name: p.name, kind: p.kind as 'app' | 'theme', currency: p.currency, orders: p.orders, quantity: p.quantity, netMinor: p.net_minor }));
    return { figures: [...byKey.values()], products };
  }

  interface Loaded {
    input: CloseInput;
    closedRows: CloseCompanyRow[];
    byId: Map<number, BillingCompany>;
  }

  async function load(scope: ScopeOf, month: string): Promise<Loaded> {
    const partnerId = scope.kind === 'partner' ? scope.partner.id : null;
    const companies = (await repos.billing.companies(partnerId)).map(toBillingCompany);
    const scopeIds = companies.map((c) => c.id);
    const filter = partnerId === null ? null : scopeIds;
    const { figures, products } = figuresOf(month, filter, filter === null ? null : new Set(scopeIds));
    const closedRows = await repos.billing.closedCompanies(month, filter);
    const current = rates.current();
    return {
      input: {
        month,
        rates: current,
        issuer: platformParty(current),
        companies,
        scopeIds,
        figures,
        products,
        closed: new Set(closedRows.map((r) => r.company_id)),
        paymentMethods: await paymentMethods.all(),
        today: clockDayOf(clock.now()),
      },
      closedRows,
      byId: new Map(companies.map((c) => [c.id, c])),
    };
  }

  /** Orders of a closed month that changed after its close: the issued documents stay, a correction is due. */
  function driftWarnings(loaded: Loaded, month: string): BillingWarning[] {
    const { input, closedRows, byId } = loaded;
    if (closedRows.length === 0) return [];
    const now = new Map<number, Record<string, FigureSnapshot>>();
    const productsOf = new Map<string, StoreProductFigures[]>();
    for (const p of input.products) productsOf.set(`${p.companyId}|${p.currency}`, [...(productsOf.get(`${p.companyId}|${p.currency}`) ?? []), p]);
    for (const f of input.figures) {
      if (!input.closed.has(f.companyId)) continue;
      const snaps = now.get(f.companyId) ?? {};
      snaps[f.currency] = snapshotOf(f, productsOf.get(`${f.companyId}|${f.currency}`) ?? []);
      now.set(f.companyId, snaps);
    }
    const warnings: BillingWarning[] = [];
    for (const row of closedRows) {
      if (row.billed_as === 'sample' || row.billed_as === 'partner') continue;
      const before = JSON.parse(row.figures) as Record<string, FigureSnapshot>;
      const after = now.get(row.company_id) ?? {};
      if (sameFigures(before, after)) continue;
      const company = byId.get(row.company_id);
      const currencies = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
      const changes = currencies.map((c) => `${money(before[c]?.ownNetMinor ?? 0, c)} → ${money(after[c]?.ownNetMinor ?? 0, c)} net`).join(', ');
      warnings.push({
        kind: 'figures_changed',
        companyId: row.company_id,
        companyName: company?.name ?? null,
        message: `Orders of ${monthName(month)} of ${company?.name ?? `company ${row.company_id}`} changed after its close (${changes}). The issued documents stay as they are: issue a correction for the difference.`,
      });
    }
    return warnings;
  }

  /** Route and sample changes since the month began: the state at the close applies to the whole month. */
  async function changeWarnings(loaded: Loaded, month: string): Promise<BillingWarning[]> {
    const { input, byId } = loaded;
    const ids = input.scopeIds.filter((id) => !input.closed.has(id));
    if (ids.length === 0) return [];
    const { start, end } = monthBounds(month);
    const rows = await repos.billing.routeChanges(start, ids);
    const warnings: BillingWarning[] = [];
    for (const row of rows) {
      const company = byId.get(row.company_id);
      if (!company) continue;
      const when = toIso(row.created_at).slice(0, 10);
      const after = row.created_at >= end ? ` (after ${monthName(month)} ended)` : '';
      const detail = JSON.parse(row.detail) as { paymentRoute?: [PaymentRoute, PaymentRoute]; isSample?: [boolean, boolean] };
      if (row.action === 'company.updated' && detail.isSample) {
        warnings.push({
          kind: 'sample_changed',
          companyId: company.id,
          companyName: company.name,
          message: detail.isSample[1]
            ? `${company.name} became a sample company on ${when}${after}: sample companies are never billed, so ${monthName(month)} is not billed.`
            : `${company.name} went live on ${when}${after}: it is billed for ${monthName(month)} (its demo orders never count).`,
        });
        continue;
      }
      const route = row.action === 'partner.relation_ended' ? 'direct' : (detail.paymentRoute?.[1] ?? company.route);
      const from = row.action === 'partner.relation_ended' ? 'a partner relation' : detail.paymentRoute ? ROUTE_LABEL[detail.paymentRoute[0]] : null;
      const what = row.action === 'partner.relation_started' ? 'was taken on by a partner' : row.action === 'partner.relation_ended' ? 'ended its partner relation' : `switched from ${from} to ${ROUTE_LABEL[route]}`;
      warnings.push({
        kind: 'route_changed',
        companyId: company.id,
        companyName: company.name,
        message: `${company.name} ${what} on ${when}${after}. The route in force at the close, ${ROUTE_LABEL[company.route]}, applies to the whole of ${monthName(month)}.`,
      });
    }
    return warnings;
  }

  async function previewOf(scope: ScopeOf, month: string, loaded: Loaded, plan: ClosePlan): Promise<ClosePreview> {
    const now = clock.now();
    const ended = monthHasEnded(month, now);
    const { input, closedRows } = loaded;
    const warnings: BillingWarning[] = [];
    if (!ended) {
      warnings.push({ kind: 'not_ended', companyId: null, companyName: null, message: `${monthName(month)} has not ended yet by the platform clock: it can be closed from ${toIso(monthBounds(month).end)}. These are the figures so far.` });
    }
    if (closedRows.length > 0) {
      warnings.push({
        kind: 'already_closed',
        companyId: null,
        companyName: null,
        message: `${closedRows.length} of ${input.scopeIds.length} companies are already closed for ${monthName(month)}: their documents exist and closing again leaves them as they are.`,
      });
    }
    warnings.push(...plan.warnings, ...(await changeWarnings(loaded, month)), ...driftWarnings(loaded, month));
    const state = monthState(month, now, closedRows.length, input.scopeIds.length);
    return {
      month,
      monthName: monthName(month),
      scope: describeScope(scope),
      state,
      endsAt: toIso(monthBounds(month).end),
      closable: ended && plan.contributions.length > 0,
      documents: plan.documents.map((d) => ({ key: d.key, ...plannedSummaryOf(d) })),
      totals: currencyTotals(plan.documents),
      companies: {
        inScope: input.scopeIds.length,
        toClose: plan.contributions.length,
        alreadyClosed: closedRows.length,
        sampleSkipped: plan.contributions.filter((c) => c.billedAs === 'sample').length,
        withDocuments: new Set(plan.documents.map((d) => d.recipient.companyId)).size,
      },
      warnings,
      awaitingPayment: plan.awaitingPayment,
      fingerprint: fingerprintOf(plan),
    };
  }

  function summaryOf(doc: PlannedDocument, id: number, number: string, issuedAt: number): DocumentSummary {
    return {
      id,
      number,
      month: doc.month,
      issuerCompanyId: null,
      issuerName: doc.issuer.name,
      ...plannedSummaryOf(doc),
      issuedAt: toIso(issuedAt),
      correctsNumber: null,
    };
  }

  /** One party's side of a what-if plan (the plan holds the partner and this one client only). */
  function whatIfSide(plan: ClosePlan, companyId: number, currency: string): WhatIfSide {
    const docs = plan.documents.filter((d) => d.recipient.companyId === companyId && d.currency === currency);
    const invoice = docs.filter((d) => d.type === 'invoice').reduce((sum, d) => sum + d.grossMinor, 0);
    const credit = docs.filter((d) => d.type === 'credit_note').reduce((sum, d) => sum + d.netMinor, 0);
    let share = 0;
    for (const d of docs) if (d.type === 'credit_note') for (const s of d.sections) for (const l of s.lines) if (l.kind === 'revenue_share') share += l.netMinor;
    return { documents: docs.length, invoiceGrossMinor: invoice, creditNetMinor: credit, balanceMinor: credit - invoice, revenueShareMinor: share };
  }

  return {
    async overview(actor, companyId) {
      const view = viewOf(ctx, actor, companyId);
      const company = view.company;
      const now = clock.now();
      const scopeIds = view.asPartner ? view.reach.recipientIds! : [company.id];
      const current = monthOf(now);
      const listed = Array.from({ length: MONTHS_LISTED }, (_, i) => addMonths(current, -i));
      const older = (await repos.billing.closedMonths(scopeIds)).filter((m) => !listed.includes(m));
      const months = [...listed, ...older.sort().reverse()];
      const closed = new Map((await repos.billing.closedCounts(months, scopeIds)).map((r) => [r.month, r.closed]));
      const totalsRows = await repos.billing.monthTotals(months, view.reach.recipientIds);
      const rows: BillingMonth[] = months.map((month) => {
        const docs = totalsRows.filter((r) => r.month === month);
        return {
          month,
          name: monthName(month),
          state: monthState(month, now, closed.get(month) ?? 0, scopeIds.length),
          endsAt: toIso(monthBounds(month).end),
          companiesInScope: scopeIds.length,
          companiesClosed: closed.get(month) ?? 0,
          documents: docs.reduce((sum, r) => sum + r.count, 0),
          totals: totalsOfRows(docs),
        };
      });
      const partner = company.partner_id !== null ? repos.companies.get(company.partner_id) ?? null : null;
      const kind = view.asPartner ? 'partner' : company.partner_id === null ? 'company' : company.payment_route === 'via_partner' ? 'managed_client' : 'direct_client';
      const notes: Record<typeof kind, string | null> = {
        partner: 'Close a month for yourself and your clients: Direct clients get their own documents, your Via Partner clients appear as separate per-shop documents inside yours.',
        direct_client: `The platform sends ${company.name}'s reports, invoices and credit notes directly to it (payment route Direct).`,
        managed_client: `${company.name} is billed Via Partner: its reports, invoices and credit notes from the platform go to ${partner?.name ?? 'its partner'}, which bills it at its own prices. Its invoices to ${company.name} are listed here.`,
        company: null,
      };
      return {
        view: kind,
        company: { id: company.id, name: company.name, route: company.payment_route, partnerId: company.partner_id, partnerName: partner?.name ?? null },
        canClose: view.asPartner,
        now: toIso(now),
        months: rows,
        note: notes[kind],
      };
    },

    async preview(actor, partnerId, month) {
      requireMonth(month);
      const scope = closeScope(ctx, actor, partnerId);
      const loaded = await load(scope, month);
      return previewOf(scope, month, loaded, planClose(loaded.input));
    },

    async close(actor, partnerId, month, fingerprint) {
      requireMonth(month);
      const scope = closeScope(ctx, actor, partnerId);
      const now = clock.now();
      if (!monthHasEnded(month, now)) {
        throw new ApiError('conflict', `${monthName(month)} has not ended yet by the platform clock: it can be closed from ${toIso(monthBounds(month).end)}.`, {
          reason: 'month_not_ended',
          endsAt: toIso(monthBounds(month).end),
        });
      }
      const rates_ = rates.current();
      let issuedIds = new Set<number>();
      let drafts = 0;
      const outcome = await ctx.transaction(async (emit) => {
        // Read and written in one transaction: a close running at the same time in another process waits (SQLite)
        // or is retried (PostgreSQL, SERIALIZABLE) and then finds the month closed; never a duplicate.
        issuedIds = new Set<number>();
        drafts = 0;
        const loaded = await load(scope, month);
        const plan = planClose(loaded.input);
        const warnings = [...plan.warnings, ...(await changeWarnings(loaded, month)), ...driftWarnings(loaded, month)];
        if (fingerprint !== undefined && fingerprint !== fingerprintOf(plan)) {
          throw new ApiError('conflict', `The figures of ${monthName(month)} changed since your preview: look at the preview again before you close.`, {
            reason: 'preview_stale',
            fingerprint: fingerprintOf(plan),
          });
        }
        if (plan.contributions.length === 0) return { closeId: null, warnings, companies: 0 };
        const closeId = await repos.billing.insertClose({ month, scope: scopeKey(scope), actor: actorLabel(actor), closed_at: now, companies: plan.contributions.length, documents: plan.documents.length });
        await repos.billing.insertCloseCompanies(
          plan.contributions.map((c) => ({ month, company_id: c.companyId, close_id: closeId, billed_as: c.billedAs, route: c.route, partner_id: c.partnerId, figures: JSON.stringify(c.figures) })),
        );
        const byRecipient = new Map<number, (DocumentSummary & { dueAt: string | null })[]>();
        for (const doc of plan.documents) {
          const written = await writeDocument(repos.billing, doc, { prefix: PLATFORM_NUMBER_PREFIX, issuerCompanyId: null, closeId, issuedAt: now, paymentTermDays: rates_.paymentTermDays });
          issuedIds.add(written.id);
          const list = byRecipient.get(doc.recipient.companyId!) ?? [];
          list.push({ ...summaryOf(doc, written.id, written.number, now), dueAt: doc.type === 'invoice' && rates_.paymentTermDays > 0 ? toIso(now + rates_.paymentTermDays * 86_400_000) : null });
          byRecipient.set(doc.recipient.companyId!, list);
        }
        for (const [recipientId, docs] of byRecipient) {
          const company = loaded.byId.get(recipientId)!;
          sendMonthDocuments(outbox, emit, billingContacts(repos, company), company, month, docs);
        }
        drafts = await prices.draftAfterClose(month, plan.contributions, now);
        emit('billing.changed', { month });
        return { closeId, warnings, companies: plan.contributions.length };
      }, { serializable: true });
      const recipients = scope.kind === 'all' ? null : [scope.partner.id, ...repos.companies.clientIds(scope.partner.id)];
      const all = (await repos.billing.ofMonth(month, recipients)).map(toDocumentSummary);
      const issued = all.filter((d) => issuedIds.has(d.id));
      const existing = all.filter((d) => !issuedIds.has(d.id) && d.issuerCompanyId === null);
      const name = monthName(month);
      const changed = outcome.warnings.filter((w) => w.kind === 'figures_changed').length;
      const message =
        outcome.closeId === null
          ? `${name} was already closed for ${scope.kind === 'all' ? 'every company' : `${scope.partner.name} and its clients`}: nothing changed (${existing.length} documents exist).` +
            (changed > 0 ? ` Orders of ${changed} compan${changed === 1 ? 'y' : 'ies'} changed since: issue a correction for the difference.` : '')
          : `Closed ${name} for ${outcome.companies} compan${outcome.companies === 1 ? 'y' : 'ies'}: issued ${issued.length} document${issued.length === 1 ? '' : 's'}${drafts > 0 ? `, drafted ${drafts} invoice${drafts === 1 ? '' : 's'} to managed clients` : ''}.`;
      return {
        month,
        scope: describeScope(scope),
        closeId: outcome.closeId,
        alreadyClosed: outcome.closeId === null,
        companiesClosed: outcome.companies,
        issued,
        existing,
        drafts,
        warnings: outcome.warnings,
        message,
      };
    },

    async whatIf(actor, partnerId, month, companyId) {
      requireMonth(month);
      const scope = closeScope(ctx, actor, partnerId);
      const client = await repos.billing.company(companyId);
      if (!client || (scope.kind === 'partner' && client.partner_id !== scope.partner.id)) {
        throw new ApiError('not_found', `Company ${companyId} is not a client of ${scope.kind === 'partner' ? scope.partner.name : 'a partner'}.`, { companyId });
      }
      if (client.partner_id === null) throw ApiError.validation({ companyId: [`${client.name} has no partner: Via Partner needs one`] });
      const partnerRow = (await repos.billing.company(client.partner_id))!;
      const partner = toBillingCompany(partnerRow);
      const current = toBillingCompany(client);
      const switched: BillingCompany = { ...current, route: current.route === 'direct' ? 'via_partner' : 'direct' };
      const { figures, products } = figuresOf(month, [client.id], new Set([client.id]));
      const currentRates = rates.current();
      const methods = await paymentMethods.all();
      const plan = (c: BillingCompany) =>
        planClose({
          month,
          rates: currentRates,
          issuer: platformParty(currentRates),
          companies: [partner, c],
          scopeIds: [partner.id, c.id],
          figures,
          products,
          closed: new Set(),
          paymentMethods: methods,
          today: clockDayOf(clock.now()),
        });
      const now = plan(current);
      const then = plan(switched);
      const price = await repos.billing.price(client.id);
      const priceOf = (route: PaymentRoute, currency: string): number | null => {
        if (route !== 'via_partner' || !price || price.partner_id !== partner.id) return null;
        const f = figures.find((x) => x.currency === currency);
        const own = f ? snapshotOf(f, products.filter((p) => p.currency === currency)).ownNetMinor : 0;
        return (price.currency === currency ? price.monthly_fee_minor : 0) + shareOf(own, price.percent_bp);
      };
      const currencies = [...new Set([...figures.map((f) => f.currency), ...(price && price.partner_id === partner.id ? [price.currency] : [])])].sort();
      const rows: WhatIfCurrency[] = currencies.map((currency) => ({
        currency,
        partner: { now: whatIfSide(now, partner.id, currency), switched: whatIfSide(then, partner.id, currency) },
        client: { now: whatIfSide(now, client.id, currency), switched: whatIfSide(then, client.id, currency) },
        partnerPrice: { nowMinor: priceOf(current.route, currency), switchedMinor: priceOf(switched.route, currency) },
      }));
      const notes: string[] = [];
      if (current.isSample) notes.push(`${client.name} is a sample company: never billed, whatever its route.`);
      const vatNow = now.documents.find((d) => d.type === 'invoice');
      const vatThen = then.documents.find((d) => d.type === 'invoice');
      if (vatNow && vatThen && vatNow.vatReason !== vatThen.vatReason) {
        notes.push(`VAT on the fees changes: now ${vatNow.reverseCharge ? 'reverse charge' : `${vatNow.vatRateBp / 100} %`} (billed to ${vatNow.recipient.name}), after the switch ${vatThen.reverseCharge ? 'reverse charge' : `${vatThen.vatRateBp / 100} %`} (billed to ${vatThen.recipient.name}).`);
      }
      notes.push(
        `The route in force when ${monthName(month)} is closed applies to the whole month. Revenue share: ${currentRates.partnerShareDirectBp / 100} % of the fees of Direct clients, ${currentRates.partnerShareManagedBp / 100} % of Via Partner clients.`,
      );
      if (figures.length === 0) notes.push(`${client.name} has no sales in ${monthName(month)}: switching changes nothing for it.`);
      return {
        month,
        companyId: client.id,
        companyName: client.name,
        partnerId: partner.id,
        partnerName: partner.name,
        currentRoute: current.route,
        switchedRoute: switched.route,
        currencies: rows,
        notes,
      };
    },
  };
}

/** What the preview lists of a planned document, and the issued document's summary repeats. */
function plannedSummaryOf(doc: PlannedDocument): Omit<PlannedDocumentSummary, 'key'> {
  return {
    type: doc.type,
    currency: doc.currency,
    recipientId: doc.recipient.companyId!,
    recipientName: doc.recipient.name,
    billedAs: doc.billedAs,
    shops: doc.sections.filter((s) => s.companyId !== null && s.companyId !== doc.recipient.companyId).length,
    netMinor: doc.netMinor,
    vatMinor: doc.vatMinor,
    grossMinor: doc.grossMinor,
    reverseCharge: doc.reverseCharge,
  };
}
