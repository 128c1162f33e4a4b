// A company's payment method on file (seed: in the Direct model "charges and credits are processed using the
// payment data stored for the shop owner"; in the managed model the partner's): a card or a SEPA mandate, stored
// masked (docs/billing.md "Payment methods"). The full number arrives once, is checked by `checkPaymentMethod`
// against the platform clock and dropped; only brand/last four (card) or country/last four (IBAN) are written,
// with an audit entry that holds the masked label only. The close reads every method once per run. Asynchronous
// (issue 21: the repository is on the data layer); the companies and the audit log it also uses stay synchronous,
// on the same SQLite connection, inside `ctx.transaction`.
//
// Who: anybody who sees the company and has the billing permission reads it; the company's administrator, the
// users of its managing partner with the billing permission and the platform operator change it.
import type { PaymentMethodView } from '../../../../src-shared/api/billing-types';
import type { SetPaymentMethodInput } from '../../../../src-shared/api/billing-inputs';
import { ApiError } from '../../../../src-shared/api/errors';
import {
  checkPaymentMethod,
  clockDayOf,
  methodProblem,
  paymentMethodDetail,
  paymentMethodLabel,
  type MaskedPaymentMethod,
  type PaymentMethodEntry,
} from '../../../../src-shared/domain/payment-methods';
import { actorLabel, hasPermission, type Actor } from '../../access';
import { toIso } from '../../clock';
import type { CompanyRow } from '../../repositories/companies-repository';
import type { PaymentMethodRow } from '../../repositories/payment-methods-repository';
import type { ServiceContext } from '../service-context';

export interface PaymentMethodsService {
  get(actor: Actor, companyId: number): Promise<PaymentMethodView>;
  /** Checks the full number and stores its masked parts; bad input throws a validation error by field, writing nothing. */
  set(actor: Actor, companyId: number, entry: PaymentMethodEntry): Promise<PaymentMethodView>;
  remove(actor: Actor, companyId: number): Promise<PaymentMethodView>;
  /** Every method on file, by company (for the close). */
  all(): Promise<Map<number, MaskedPaymentMethod>>;
  /** One company's method (for a correction's settlement). */
  of(companyId: number): Promise<MaskedPaymentMethod | null>;
}

export function toMaskedMethod(row: PaymentMethodRow): MaskedPaymentMethod {
  if (row.kind === 'card') {
    return { kind: 'card', brand: row.card_brand!, last4: row.card_last4!, expMonth: row.card_exp_month!, expYear: row.card_exp_year!, holder: row.holder };
  }
  return { kind: 'sepa', ibanCountry: row.iban_country!, ibanLast4: row.iban_last4!, holder: row.holder, mandateReference: row.mandate_reference!, signedOn: row.mandate_signed_on! };
}

export function rowOf(companyId: number, method: MaskedPaymentMethod, updatedAt: number, updatedBy: string): PaymentMethodRow {
  const none = { card_brand: null, card_last4: null, card_exp_month: null, card_exp_year: null, iban_country: null, iban_last4: null, mandate_reference: null, mandate_signed_on: null };
  const parts =
    method.kind === 'card'
      ? { ...none, card_brand: method.brand, card_last4: method.last4, card_exp_month: method.expMonth, card_exp_year: method.expYear }
      : { ...none, iban_country: method.ibanCountry, iban_last4: method.ibanLast4, mandate_reference: method.mandateReference, mandate_signed_on: method.signedOn };
  return { company_id: companyId, kind: method.kind, holder: method.holder, ...parts, updated_at: updatedAt, updated_by: updatedBy };
}

/** The form's fields from the console input (the company id is not one of them). */
export function entryOf(input: SetPaymentMethodInput): PaymentMethodEntry {
  return input.kind === 'card'
    ? { kind: 'card', number: input.number, expiry: input.expiry, holder: input.holder }
    : { kind: 'sepa', iban: input.iban, holder: input.holder, mandateReference: input.mandateReference, signedOn: input.signedOn };
}

export function createPaymentMethodsService(ctx: ServiceContext): PaymentMethodsService {
  const { repos, access, clock } = ctx;

  function canEdit(actor: Actor, company: CompanyRow): boolean {
    if (actor.kind === 'operator') return true;
    if (actor.companyId === company.id) return actor.isAdmin;
    return company.partner_id === actor.companyId && hasPermission(actor, 'billing');
  }

  function readable(actor: Actor, companyId: number): CompanyRow {
    const company = access.company(actor, companyId);
    if (actor.kind === 'user' && !actor.isAdmin && !hasPermission(actor, 'billing')) {
      throw new ApiError('forbidden', `You need the "billing" permission to see ${company.name}'s payment method.`, { permission: 'billing' });
    }
    return company;
  }

  function editable(actor: Actor, companyId: number): CompanyRow {
    const company = readable(actor, companyId);
    if (!canEdit(actor, company)) {
      throw new ApiError('forbidden', `Only ${company.name}'s administrator or its managing partner (with the billing permission) can change its payment method.`, {
        reason: 'payment_method_admin_only',
      });
    }
    return company;
  }

  async function viewOf(actor: Actor, company: CompanyRow): Promise<PaymentMethodView> {
    const row = await repos.paymentMethods.get(company.id);
    const method = row ? toMaskedMethod(row) : null;
    const today = clockDayOf(clock.now());
    let chargedTo: PaymentMethodView['chargedTo'] = { kind: 'self' };
    if (company.is_sample) chargedTo = { kind: 'never_billed', reason: `${company.name} is a sample company: it is never billed, so nothing is charged.` };
    else if (company.is_development) chargedTo = { kind: 'never_billed', reason: `${company.name} is a development company: its test orders are never billed.` };
    else if (company.payment_route === 'via_partner' && company.partner_id !== null) {
      const partner = repos.companies.get(company.partner_id);
      const partnerRow = await repos.paymentMethods.get(company.partner_id);
      chargedTo = { kind: 'partner', partnerId: company.partner_id, partnerName: partner?.name ?? `company ${company.partner_id}`, partnerMethod: partnerRow ? paymentMethodLabel(toMaskedMethod(partnerRow)) : null };
    }
    return {
      companyId: company.id,
      companyName: company.name,
      method: method && row ? { ...method, label: paymentMethodLabel(method), detail: paymentMethodDetail(method), updatedAt: toIso(row.updated_at), updatedBy: row.updated_by } : null,
      problem: methodProblem(method, today),
      chargedTo,
      canEdit: canEdit(actor, company),
      today,
    };
  }

  return {
    async get(actor, companyId) {
      return viewOf(actor, readable(actor, companyId));
    },

    async set(actor, companyId, entry) {
      const company = editable(actor, companyId);
      const now = clock.now();
      const checked = checkPaymentMethod(entry, clockDayOf(now));
      if (!checked.ok) throw ApiError.validation(checked.fields);
      const { method } = checked;
      await ctx.transaction(async (emit) => {
        const before = await repos.paymentMethods.get(company.id);
        await repos.paymentMethods.put(rowOf(company.id, method, now, actorLabel(actor)));
        repos.audit.record({
          company_id: company.id,
          actor: actorLabel(actor),
          action: 'payment_method.set',
          // Masked labels only: the audit log is as safe as the table.
          detail: { kind: method.kind, method: paymentMethodLabel(method), replaced: before ? paymentMethodLabel(toMaskedMethod(before)) : null },
          created_at: now,
        });
        emit('payment_method.changed', { companyId: company.id });
      });
      return viewOf(actor, company);
    },

    async remove(actor, companyId) {
      const company = editable(actor, companyId);
      const now = clock.now();
      await ctx.transaction(async (emit) => {
        const before = await repos.paymentMethods.get(company.id);
        if (!before || !(await repos.paymentMethods.delete(company.id))) return;
        repos.audit.record({ company_id: company.id, actor: actorLabel(actor), action: 'payment_method.removed', detail: { method: paymentMethodLabel(toMaskedMethod(before)) }, created_at: now });
        emit('payment_method.changed', { companyId: company.id });
      });
      return viewOf(actor, company);
    },

    async all() {
      return new Map((await repos.paymentMethods.all()).map((row) => [row.company_id, toMaskedMethod(row)]));
    },

    async of(companyId) {
      const row = await repos.paymentMethods.get(companyId);
      return row ? toMaskedMethod(row) : null;
    },
  };
}
