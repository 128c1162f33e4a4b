// A company's administrator asks a partner to manage the company; the partner accepts or declines
// (spec §1). Accepting makes the company a client; either side can end the relation later.
import { ApiError } from '../../../src-shared/api/errors';
import type { PartnerDirectoryEntry, PartnerRequest } from '../../../src-shared/api/types';
import { actorLabel, requirePermission, type Actor } from '../access';
import { toPartnerRequest } from '../mappers';
import type { CompaniesService } from './companies-service';
import type { OutboxService } from './outbox-service';
import type { Emit, ServiceContext } from './service-context';
import type { EmailKind } from '../../../src-shared/domain/email-kinds';

const DECIDED = { accept: 'partner_request.accepted', decline: 'partner_request.declined' } as const;

export interface PartnerRequestsService {
  directory(search: string): PartnerDirectoryEntry[];
  list(actor: Actor, companyId: number): PartnerRequest[];
  create(actor: Actor, input: { companyId: number; partnerId: number; message: string }): PartnerRequest;
  decide(actor: Actor, requestId: number, decision: 'accept' | 'decline'): PartnerRequest;
  cancel(actor: Actor, requestId: number): PartnerRequest;
  /** The company that asked, if the actor may see it (a console acting as one client narrows to it). */
  companyOf(actor: Actor, requestId: number): number | undefined;
}

export function createPartnerRequestsService(ctx: ServiceContext, companies: CompaniesService, outbox: OutboxService): PartnerRequestsService {
  const { repos, access, clock } = ctx;

  function mailAdmins(emit: Emit, companyId: number, subject: string, body: string, kind: EmailKind): void {
    const company = repos.companies.get(companyId)!;
    const to = new Set(repos.users.adminsOf(companyId).map((u) => u.email));
    if (to.size === 0 && company.email) to.add(company.email);
    for (const address of to) outbox.queue(emit, { companyId, to: address, subject, body, kind });
  }

  function pendingRequest(requestId: number) {
    const request = repos.partnerRequests.get(requestId);
    if (!request) throw new ApiError('not_found', `Request ${requestId} was not found.`);
    return request;
  }

  return {
    companyOf(actor, requestId) {
      const companyId = repos.partnerRequests.get(requestId)?.company_id;
      return companyId !== undefined && access.canSee(actor, companyId) ? companyId : undefined;
    },

    directory: (search) =>
      repos.companies.listPartners(search).map((p) => ({ id: p.id, name: p.name, country: p.country, city: p.city })),

    list(actor, companyId) {
      access.company(actor, companyId);
      return repos.partnerRequests.listInvolving(companyId).map(toPartnerRequest);
    },

    create(actor, input) {
      if (actor.kind === 'user' && actor.companyId !== input.companyId) {
        throw new ApiError('forbidden', "Only the company's own administrator can ask a partner to manage it.");
      }
      const company = access.company(actor, input.companyId);
      requirePermission(actor, 'settings');
      if (company.partner_id !== null) {
        throw new ApiError('conflict', `${company.name} is already managed by ${company.partner_name}. End that relation first.`);
      }
      const partner = repos.companies.get(input.partnerId);
      if (!partner?.is_partner) throw ApiError.validation({ partnerId: ['is not a partner in the program'] });
      companies.assertPartnerRules(company.id, partner.id);
      if (repos.partnerRequests.pendingFor(company.id, partner.id)) {
        throw new ApiError('conflict', `A request to ${partner.name} is already pending.`);
      }
      const now = clock.now();
      const id = ctx.transact((emit) => {
        const requestId = repos.partnerRequests.insert({
          company_id: company.id,
          partner_id: partner.id,
          requested_by_user_id: actor.kind === 'user' ? actor.userId : null,
          message: input.message,
          created_at: now,
        });
        repos.audit.record({ company_id: company.id, actor: actorLabel(actor), action: 'partner_request.created', detail: { requestId, partnerId: partner.id }, created_at: now });
        mailAdmins(
          emit,
          partner.id,
          `${company.name} asks you to manage its shop`,
          `${company.name} (${company.city ? `${company.city}, ` : ''}${company.country}) asks ${partner.name} to become its partner.\n\n` +
            (input.message ? `Their message:\n  ${input.message}\n\n` : '') +
            'Accept or decline the request in PartnerDeck under Clients / Partner requests.',
          'partner_request.created',
        );
        emit('partner_request.changed', { requestId });
        return requestId;
      });
      return toPartnerRequest(repos.partnerRequests.get(id)!);
    },

    decide(actor, requestId, decision) {
      const request = pendingRequest(requestId);
      if (actor.kind === 'user' && actor.companyId !== request.partner_id) {
        throw new ApiError('not_found', `Request ${requestId} was not found.`);
      }
      requirePermission(actor, 'clients');
      if (request.status !== 'pending') throw new ApiError('conflict', `This request was already ${request.status}.`);
      const now = clock.now();
      ctx.transact((emit) => {
        if (decision === 'accept') {
          companies.attachToPartner(emit, request.company_id, request.partner_id, actor);
          repos.partnerRequests.setStatus(request.id, 'accepted', now);
          for (const otherId of repos.partnerRequests.cancelPendingOf(request.company_id, now)) {
            emit('partner_request.changed', { requestId: otherId });
          }
        } else {
          repos.partnerRequests.setStatus(request.id, 'declined', now);
        }
        repos.audit.record({ company_id: request.company_id, actor: actorLabel(actor), action: DECIDED[decision], detail: { requestId }, created_at: now });
        mailAdmins(
          emit,
          request.company_id,
          decision === 'accept' ? `${request.partner_name} now manages ${request.company_name}` : `${request.partner_name} declined your request`,
          decision === 'accept'
            ? `${request.partner_name} accepted your request and now manages ${request.company_name}.\n\nYour payment route stays Direct until you or your partner change it in the company settings.`
            : `${request.partner_name} declined the request to manage ${request.company_name}.`,
          DECIDED[decision],
        );
        emit('partner_request.changed', { requestId: request.id });
      });
      return toPartnerRequest(repos.partnerRequests.get(request.id)!);
    },

    cancel(actor, requestId) {
      const request = pendingRequest(requestId);
      if (actor.kind === 'user' && actor.companyId !== request.company_id) {
        throw new ApiError('not_found', `Request ${requestId} was not found.`);
      }
      requirePermission(actor, 'settings');
      if (request.status !== 'pending') throw new ApiError('conflict', `This request was already ${request.status}.`);
      const now = clock.now();
      ctx.transact((emit) => {
        repos.partnerRequests.setStatus(request.id, 'cancelled', now);
        repos.audit.record({ company_id: request.company_id, actor: actorLabel(actor), action: 'partner_request.cancelled', detail: { requestId }, created_at: now });
        emit('partner_request.changed', { requestId: request.id });
      });
      return toPartnerRequest(repos.partnerRequests.get(request.id)!);
    },
  };
}
