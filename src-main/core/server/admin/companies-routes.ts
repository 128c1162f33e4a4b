// /admin/companies.json and /admin/companies/{id}.json, scope `companies` ("get, modify, create and delete
// company data, own and associated"). A token reaches the company it was granted for and, when that is a
// partner, the partner's clients. POST creates a client (partner tokens only, with the partner's
// non-affiliation attestation); PUT changes company data through the companies service (its rules: who may
// change billing fields, VAT-ID format, ...). DELETE deletes a client with its data, for a token of its managing
// partner (the service's rules: a company with billing documents, orders, clients of its own or apps in use
// elsewhere answers 409 naming each reason; a company cannot delete itself, 403).
// `GET /admin/companies.json?token=T` finds the company with that token among those the token reaches.
import { companyCreateSchema, companyUpdateSchema } from '../../../../src-shared/api/inputs';
import type { Company } from '../../../../src-shared/api/types';
import type { MaskedPaymentMethod } from '../../../../src-shared/domain/payment-methods';
import { parseInput } from '../../../../src-shared/api/validation';
import { RestError } from '../http-error';
import type { PlatformModule } from '../router';
import { sendJson } from '../http-io';
import { parsePage, readResourceBody, resourceId, resourceRoutes, restTime, sendList, sendOne, type RestAuth } from './rest-kit';
import { inputFromWire, withWireErrors } from './wire-fields';

/** The masked payment method on file, read-only (set in the console or with `partnerdeck company payment-method`):
 * never more than a card's brand and last four digits or an IBAN's country and last four characters. */
export function paymentMethodResource(method: MaskedPaymentMethod | null): Record<string, unknown> | null {
  if (!method) return null;
  return method.kind === 'card'
    ? { type: 'card', brand: method.brand, last4: method.last4, exp_month: method.expMonth, exp_year: method.expYear, holder: method.holder }
    : { type: 'sepa_debit', country: method.ibanCountry, last4: method.ibanLast4, mandate_reference: method.mandateReference, mandate_signed_on: method.signedOn, holder: method.holder };
}

export function companyResource(company: Company, paymentMethod: MaskedPaymentMethod | null = null): Record<string, unknown> {
  return {
    id: company.id,
    name: company.name,
    email: company.email,
    phone: company.phone,
    street: company.street,
    city: company.city,
    postal_code: company.postalCode,
    country: company.country,
    vat_id: company.vatId,
    token: company.token,
    is_sample: company.isSample,
    payment_route: company.paymentRoute,
    is_partner: company.isPartner,
    partner_id: company.partnerId,
    payment_method: paymentMethodResource(paymentMethod),
    created_at: restTime(company.createdAt),
    updated_at: restTime(company.updatedAt),
  };
}

const READ_ONLY = ['id', 'is_partner', 'partner_id', 'payment_method', 'created_at', 'updated_at'];
/** Partners set their admin domain in the console (white label), not through the API. */
const UPDATE_FIELDS_HIDDEN = ['companyId', 'adminDomain'];

export const companiesModule: PlatformModule = ({ platform }) => {
  // The payment method is on the asynchronous data layer (issue 21): each resource is awaited.
  const resource = async (company: Company) => companyResource(company, await platform.billing.paymentMethods.of(company.id));

  /** The ids a token reaches: its company, and a partner's clients. */
  function reachable(auth: RestAuth): number[] {
    const company = platform.repos.companies.get(auth.companyId);
    if (!company) return [];
    return company.is_partner ? [company.id, ...platform.repos.companies.clientIds(company.id)].sort((a, b) => a - b) : [company.id];
  }

  function reachableCompany(auth: RestAuth, id: number): Company {
    if (!reachable(auth).includes(id)) throw new RestError(404, 'not_found', `company ${id} was not found`);
    return platform.companies.get(auth.actor, id);
  }

  return {
    routes: resourceRoutes('companies', 'companies', {
      async list(ctx, auth) {
        const page = parsePage(ctx.url);
        let ids = reachable(auth).filter((id) => id > page.sinceId);
        // ?token=T: the company with exactly that token (spec §1, "for external identification"), if in reach.
        const token = ctx.url.searchParams.get('token');
        if (token !== null) {
          if (token.trim() === '') throw new RestError(400, 'invalid_request', { token: ['must not be empty'] });
          const found = platform.repos.companies.findByToken(token.trim());
          ids = found && ids.includes(found.id) ? [found.id] : [];
        }
        const slice = ids.slice(page.offset, page.offset + page.limit);
        sendList(ctx, 'companies', await Promise.all(slice.map((id) => resource(platform.companies.get(auth.actor, id)))), page, ids.length > page.offset + page.limit);
      },
      async get(ctx, auth) {
        sendOne(ctx, 200, 'company', await resource(reachableCompany(auth, resourceId(ctx, 'company'))));
      },
      async create(ctx, auth) {
        const body = await readResourceBody(ctx, 'company');
        const own = platform.repos.companies.get(auth.companyId);
        if (!own?.is_partner || auth.user.company_id !== own.id) {
          throw new RestError(403, 'forbidden', 'creating companies needs a token granted for a partner company (it creates a client of that partner)');
        }
        const created = withWireErrors(() => {
          const input = parseInput(companyCreateSchema, inputFromWire(body, companyCreateSchema, [], READ_ONLY));
          return platform.companies.create(auth.actor, input);
        });
        sendOne(ctx, 201, 'company', await resource(created));
      },
      async update(ctx, auth) {
        const id = resourceId(ctx, 'company');
        reachableCompany(auth, id);
        const body = await readResourceBody(ctx, 'company');
        if (body.id !== undefined && body.id !== id) throw new RestError(422, 'validation_failed', { id: [`does not match the company in the URL (${id})`] });
        const updated = withWireErrors(() => {
          const input = parseInput(companyUpdateSchema, { ...inputFromWire(body, companyUpdateSchema, UPDATE_FIELDS_HIDDEN, READ_ONLY), companyId: id });
          return platform.companies.update(auth.actor, input);
        });
        sendOne(ctx, 200, 'company', await resource(updated));
      },
      remove(ctx, auth) {
        const id = resourceId(ctx, 'company');
        reachableCompany(auth, id);
        platform.companies.delete(auth.actor, id);
        sendJson(ctx.res, 200, {});
      },
    }),
  };
};
