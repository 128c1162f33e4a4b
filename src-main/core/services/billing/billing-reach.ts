// Who sees and closes what in billing. A partner (its users with the billing permission, as Self) closes its
// scope — itself and its clients — and reads its own documents, its clients' and its invoices to them; any
// other company reads the documents addressed to it. The operator (CLI) closes every company or one
// partner's scope and reads everything.
import type { CloseScope } from '../../../../src-shared/api/billing-types';
import { ApiError } from '../../../../src-shared/api/errors';
import { requirePermission, type Actor } from '../../access';
import type { CompanyRow } from '../../repositories/companies-repository';
import type { DocumentReach } from '../../repositories/billing-repository';
import type { ServiceContext } from '../service-context';

/** A close's scope as the services use it. */
export type ScopeOf = { kind: 'all' } | { kind: 'partner'; partner: CompanyRow };

export function describeScope(scope: ScopeOf): CloseScope {
  return scope.kind === 'all' ? { kind: 'all' } : { kind: 'partner', partnerId: scope.partner.id, partnerName: scope.partner.name };
}

export function scopeKey(scope: ScopeOf): string {
  return scope.kind === 'all' ? 'all' : `partner:${scope.partner.id}`;
}

/**
 * The scope an actor may close: the operator any (every company with null), a partner's user only its own
 * partner's scope, with the billing permission.
 */
export function closeScope(ctx: ServiceContext, actor: Actor, partnerId: number | null): ScopeOf {
  if (actor.kind === 'operator') {
    if (partnerId === null) return { kind: 'all' };
    const partner = ctx.repos.companies.get(partnerId);
    if (!partner?.is_partner) throw ApiError.validation({ partnerId: [`company ${partnerId} is not a partner`] });
    return { kind: 'partner', partner };
  }
  requirePermission(actor, 'billing');
  const own = ctx.repos.companies.get(actor.companyId);
  if (!own?.is_partner || (partnerId !== null && partnerId !== own.id)) {
    throw new ApiError('forbidden', 'Closing a month is a platform operation; in PartnerDeck a partner runs it for itself and its clients, as Self, with the billing permission.');
  }
  return { kind: 'partner', partner: own };
}

/** What the actor reads when it looks at billing as `companyId` (its own company, or a client it acts as). */
export interface ViewOf {
  company: CompanyRow;
  /** True for a partner looking at its own billing (its scope). */
  asPartner: boolean;
  reach: DocumentReach;
}

export function viewOf(ctx: ServiceContext, actor: Actor, companyId: number | null): ViewOf {
  if (actor.kind === 'operator' && companyId === null) {
    throw ApiError.validation({ companyId: ['is required'] });
  }
  if (actor.kind === 'user') requirePermission(actor, 'billing');
  const company = ctx.access.company(actor, companyId ?? (actor as Extract<Actor, { kind: 'user' }>).companyId);
  const asPartner = company.is_partner === 1 && (actor.kind === 'operator' || actor.companyId === company.id);
  if (asPartner) {
    return { company, asPartner, reach: { recipientIds: [company.id, ...ctx.repos.companies.clientIds(company.id)], issuerId: company.id } };
  }
  return { company, asPartner, reach: { recipientIds: [company.id], issuerId: null } };
}

/** The operator's reach over every document. */
export const EVERYTHING: DocumentReach = { recipientIds: null, issuerId: null };
