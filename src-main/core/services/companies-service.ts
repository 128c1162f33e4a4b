// Companies and the partner relation (spec §1): creating clients with the "Advanced" choices, changing
// data, payment route and sample flag later, and ending a relation (which revokes the apps the partner's users
// authorized for the client). A partner can never become the client of itself or of its own client.
import type { z } from 'zod';
import { ApiError } from '../../../src-shared/api/errors';
import type { companyCreateSchema, companyListSchema, companyUpdateSchema } from '../../../src-shared/api/inputs';
import type { Company, CompanySummary, PaymentRoute } from '../../../src-shared/api/types';
import { findCountry } from '../../../src-shared/domain/countries';
import { checkVatId } from '../../../src-shared/domain/vat-id';
import { actorLabel, requirePermission, type Actor } from '../access';
import { toCompany, toCompanySummary } from '../mappers';
import type { CompanyPatch, CompanyRow } from '../repositories/companies-repository';
import type { AuthorizationsService } from './authorizations-service';
import { createCompanyDeletion, type CompanyDeletion } from './company-deletion';
import type { OutboxService } from './outbox-service';
import type { Emit, ServiceContext } from './service-context';
import type { EmailKind } from '../../../src-shared/domain/email-kinds';

export type CompanyCreate = z.output<typeof companyCreateSchema>;
export type CompanyUpdate = z.output<typeof companyUpdateSchema>;
export type CompanyList = z.output<typeof companyListSchema>;

export interface CreateCompanyOptions {
  /** Operator only: the managing partner (a user's new company is always managed by the user's partner). */
  partnerId?: number | null;
  /** Operator only: admit the company to the partner program. */
  isPartner?: boolean;
  /** Operator only: a development company (`partnerdeck app dev`): its storefront starts open, it is never
   * billed and is marked like a sample company; it is neither a sample company nor a partner. */
  isDevelopment?: boolean;
  /**
   * Operator only, required with `partnerId`: the partner's user who gives the non-affiliation attestation (a
   * partner's user creating a client attests it themselves). The attestation always names a person.
   */
  attestedBy?: number;
}

export const AFFILIATION_STATEMENT = 'The partner confirms that it is not affiliated with this client company.';

export interface CompaniesService extends CompanyDeletion {
  create(actor: Actor, input: CompanyCreate, options?: CreateCompanyOptions): Company;
  get(actor: Actor, companyId: number): Company;
  update(actor: Actor, input: CompanyUpdate): Company;
  listClients(actor: Actor, filter: CompanyList, partnerId?: number): CompanySummary[];
  /** Every company of the platform: for the operator only (the CLI's `company list`). */
  listAll(actor: Actor): CompanySummary[];
  endRelation(actor: Actor, companyId: number): Company;
  /** Throws a `partnerId` field error unless `partnerId` is a partner that may manage `companyId`. */
  assertPartnerRules(companyId: number | null, partnerId: number): void;
  /** Makes `partnerId` manage `companyId`, inside the caller's transaction. Checks the partner rules. */
  attachToPartner(emit: Emit, companyId: number, partnerId: number, actor: Actor): void;
}

export function createCompaniesService(
  ctx: ServiceContext,
  outbox: OutboxService,
  authorizations: Pick<AuthorizationsService, 'revokeForPartnerUsers'>,
): CompaniesService {
  const { repos, access, clock } = ctx;

  function assertPartnerRules(companyId: number | null, partnerId: number): CompanyRow {
    const partner = repos.companies.get(partnerId);
    if (!partner) throw ApiError.validation({ partnerId: [`company ${partnerId} does not exist`] });
    if (!partner.is_partner) throw ApiError.validation({ partnerId: [`${partner.name} is not in the partner program`] });
    if (companyId === null) return partner;
    if (partnerId === companyId) throw ApiError.validation({ partnerId: ['a partner cannot be made the client of itself'] });
    // Walk up from the partner: if we meet the company, the partner is (indirectly) its client.
    const seen = new Set<number>();
    for (let cursor: CompanyRow | undefined = partner; cursor?.partner_id != null && !seen.has(cursor.id); ) {
      seen.add(cursor.id);
      if (cursor.partner_id === companyId) {
        throw ApiError.validation({ partnerId: [`${partner.name} is a client of this company; a partner cannot be made the client of its own client`] });
      }
      cursor = repos.companies.get(cursor.partner_id);
    }
    return partner;
  }

  /** The partner's user recorded in the attestation of a client the operator creates for that partner. */
  function attestingUser(partnerId: number, userId: number | undefined): number {
    if (userId === undefined) {
      throw ApiError.validation({ attestNotAffiliated: ["a partner's client needs the partner's non-affiliation attestation: name the partner's user who gives it"] });
    }
    const user = repos.users.get(userId);
    if (!user || user.company_id !== partnerId) {
      throw ApiError.validation({ attestNotAffiliated: ["the attestation must be given by a user of the managing partner"] });
    }
    return user.id;
  }

  function normalizedVat(vatId: string | null, country: string): string | null {
    if (vatId === null || vatId.trim() === '') return null;
    const check = checkVatId(vatId, country);
    if (!check.ok) throw ApiError.validation({ vatId: [check.message] });
    return check.normalized;
  }

  function assertTokenFree(token: string | null, companyId: number | null): void {
    if (!token) return;
    const other = repos.companies.findByToken(token);
    if (other && other.id !== companyId) throw ApiError.validation({ token: ['is already used by another company'] });
  }

  function notifyCompany(emit: Emit, company: CompanyRow, subject: string, body: string, kind: EmailKind): void {
    const recipients = new Set<string>(repos.users.adminsOf(company.id).map((u) => u.email));
    if (company.email) recipients.add(company.email);
    for (const to of recipients) outbox.queue(emit, { companyId: company.id, to, subject, body, kind });
  }

  return {
    ...createCompanyDeletion(ctx, outbox),
    assertPartnerRules: (companyId, partnerId) => void assertPartnerRules(companyId, partnerId),

    create(actor, input, options = {}) {
      let partnerId: number | null = null;
      let isPartner = false;
      let attestingUserId: number | null = null;
      if (actor.kind === 'user') {
        attestingUserId = actor.userId;
        const own = repos.companies.get(actor.companyId);
        if (!own?.is_partner) throw new ApiError('forbidden', 'Only partners can create client companies.');
        requirePermission(actor, 'clients');
        partnerId = own.id;
      } else {
        partnerId = options.partnerId ?? null;
        isPartner = options.isPartner ?? false;
        if (partnerId !== null) {
          assertPartnerRules(null, partnerId);
          attestingUserId = attestingUser(partnerId, options.attestedBy);
        }
      }
      const isDevelopment = actor.kind !== 'user' && options.isDevelopment === true;
      if (isDevelopment && input.isSample) throw ApiError.validation({ isSample: ['a development company cannot also be a sample company'] });
      if (isDevelopment && isPartner) throw ApiError.validation({ isPartner: ['a development company cannot be a partner'] });
      if (input.paymentRoute === 'via_partner' && partnerId === null) {
        throw ApiError.validation({ paymentRoute: ['"Via partner" needs a managing partner'] });
      }
      const vatId = normalizedVat(input.vatId, input.country);
      const token = input.token ? input.token : null;
      assertTokenFree(token, null);
      const now = clock.now();
      const id = ctx.transact((emit) => {
        const companyId = repos.companies.insert({
          name: input.name,
          email: input.email,
          phone: input.phone,
          street: input.street,
          city: input.city,
          postal_code: input.postalCode,
          country: input.country,
          vat_id: vatId,
          token,
          is_sample: input.isSample ? 1 : 0,
          is_development: isDevelopment ? 1 : 0,
          payment_route: input.paymentRoute,
          is_partner: isPartner ? 1 : 0,
          partner_id: partnerId,
          admin_domain: null,
          created_at: now,
          updated_at: now,
        });
        if (!isPartner) {
          const country = findCountry(input.country);
          repos.shopSettings.insert({
            company_id: companyId,
            shop_name: input.name,
            currency: country?.currency ?? 'EUR',
            default_vat_rate_bp: country?.vatRateBp ?? 0,
            // A development company exists to take test orders.
            storefront_open: isDevelopment ? 1 : 0,
            support_email: input.email,
            updated_at: now,
          });
        }
        if (partnerId !== null) {
          ctx.db
            .prepare('INSERT INTO partner_attestations (company_id, partner_id, user_id, statement, created_at) VALUES (?, ?, ?, ?, ?)')
            .run(companyId, partnerId, attestingUserId, AFFILIATION_STATEMENT, now);
        }
        repos.audit.record({
          company_id: companyId,
          actor: actorLabel(actor),
          action: 'company.created',
          detail: { partnerId, paymentRoute: input.paymentRoute, isSample: input.isSample, isPartner, ...(isDevelopment ? { isDevelopment } : {}) },
          created_at: now,
        });
        emit('company.created', { companyId });
        return companyId;
      });
      return toCompany(repos.companies.get(id)!);
    },

    get: (actor, companyId) => toCompany(access.company(actor, companyId)),

    update(actor, input) {
      const company = access.company(actor, input.companyId);
      // The managing partner edits a client with its "clients" permission; a company edits itself with "settings".
      requirePermission(actor, actor.kind === 'user' && company.partner_id === actor.companyId ? 'clients' : 'settings');
      const patch: CompanyPatch = {};
      const fields = ['name', 'email', 'phone', 'street', 'city', 'country'] as const;
      for (const field of fields) if (input[field] !== undefined) patch[field] = input[field];
      if (input.postalCode !== undefined) patch.postal_code = input.postalCode;
      const country = input.country ?? company.country;
      if (input.vatId !== undefined || input.country !== undefined) {
        patch.vat_id = normalizedVat(input.vatId !== undefined ? input.vatId : company.vat_id, country);
      }
      if (input.token !== undefined) {
        patch.token = input.token ? input.token : null;
        assertTokenFree(patch.token, company.id);
      }
      // The sample flag ("never billed") and the payment route decide billing: only the managing partner
      // (or the operator) may change them, never the company's own users.
      const billingFields = (['isSample', 'paymentRoute'] as const).filter(
        (field) => input[field] !== undefined && input[field] !== (field === 'isSample' ? company.is_sample === 1 : company.payment_route),
      );
      if (billingFields.length > 0 && actor.kind === 'user' && company.partner_id !== actor.companyId) {
        throw ApiError.validation(
          Object.fromEntries(billingFields.map((field) => [field, ['can only be changed by the partner that manages this company']])),
        );
      }
      if (input.isSample === true && company.is_development === 1) throw ApiError.validation({ isSample: ['a development company cannot also be a sample company'] });
      if (input.isSample !== undefined) patch.is_sample = input.isSample ? 1 : 0;
      if (input.paymentRoute !== undefined) {
        if (input.paymentRoute === 'via_partner' && company.partner_id === null) {
          throw ApiError.validation({ paymentRoute: ['"Via partner" needs a managing partner'] });
        }
        patch.payment_route = input.paymentRoute;
      }
      if (input.adminDomain !== undefined) {
        if (!company.is_partner) throw ApiError.validation({ adminDomain: ['is available to partners only (white label)'] });
        patch.admin_domain = input.adminDomain;
      }
      const now = clock.now();
      ctx.transact((emit) => {
        repos.companies.update(company.id, { ...patch, updated_at: now });
        const changes: Record<string, unknown> = {};
        if (patch.payment_route !== undefined && patch.payment_route !== company.payment_route) changes.paymentRoute = [company.payment_route, patch.payment_route];
        if (patch.is_sample !== undefined && patch.is_sample !== company.is_sample) changes.isSample = [company.is_sample === 1, patch.is_sample === 1];
        repos.audit.record({ company_id: company.id, actor: actorLabel(actor), action: 'company.updated', detail: { fields: Object.keys(patch), ...changes }, created_at: now });
        emit('company.updated', { companyId: company.id });
      });
      return toCompany(repos.companies.get(company.id)!);
    },

    listClients(actor, filter, partnerId) {
      const id = actor.kind === 'user' ? actor.companyId : partnerId;
      if (id === undefined) throw ApiError.validation({ partnerId: ['is required'] });
      const partner = repos.companies.get(id);
      if (!partner?.is_partner) return [];
      return repos.companies.listClients({ ...filter, partnerId: id }).map(toCompanySummary);
    },

    listAll(actor) {
      if (actor.kind !== 'operator') throw new ApiError('forbidden', 'Only the platform operator lists every company.');
      return repos.companies.listAll().map(toCompanySummary);
    },

    endRelation(actor, companyId) {
      const company = access.company(actor, companyId);
      if (company.partner_id === null) throw new ApiError('conflict', `${company.name} is not managed by a partner.`);
      if (actor.kind === 'user') {
        requirePermission(actor, actor.companyId === company.id ? 'settings' : 'clients');
      }
      const partner = repos.companies.get(company.partner_id)!;
      const now = clock.now();
      ctx.transact((emit) => {
        repos.companies.update(company.id, { partner_id: null, payment_route: 'direct' as PaymentRoute, updated_at: now });
        repos.audit.record({ company_id: company.id, actor: actorLabel(actor), action: 'partner.relation_ended', detail: { partnerId: partner.id }, created_at: now });
        // The partner's users no longer reach the client: neither do the apps they authorized for it.
        authorizations.revokeForPartnerUsers(emit, company.id, partner.id, actorLabel(actor));
        const body = `The partner relation between ${partner.name} and ${company.name} has ended.\n\nFrom now on ${company.name} receives its reports, invoices and credit notes directly (payment route: Direct).`;
        notifyCompany(emit, company, `Partner relation with ${partner.name} ended`, body, 'partner.relation_ended');
        notifyCompany(emit, partner, `${company.name} is no longer your client`, body, 'partner.relation_ended');
        emit('company.updated', { companyId: company.id });
      });
      return toCompany(repos.companies.get(company.id)!);
    },

    attachToPartner(emit, companyId, partnerId, actor) {
      const company = repos.companies.get(companyId);
      if (!company) throw new ApiError('not_found', `Company ${companyId} was not found.`);
      if (company.partner_id !== null) throw new ApiError('conflict', `${company.name} is already managed by a partner.`);
      assertPartnerRules(companyId, partnerId);
      const now = clock.now();
      repos.companies.update(companyId, { partner_id: partnerId, updated_at: now });
      repos.audit.record({ company_id: companyId, actor: actorLabel(actor), action: 'partner.relation_started', detail: { partnerId }, created_at: now });
      emit('company.updated', { companyId });
    },
  };
}
