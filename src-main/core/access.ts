// Who may see and change what. A user sees its own company; a partner's user also sees the partner's
// client companies. The operator (CLI, platform administration) sees everything.
import { ApiError } from '../../src-shared/api/errors';
import { PERMISSIONS, type Permission } from '../../src-shared/domain/permissions';
import type { CompaniesRepository, CompanyRow } from './repositories/companies-repository';
import type { UserRow } from './repositories/users-repository';

export type Actor = { kind: 'operator'; label: string } | { kind: 'user'; user: UserRow };

export const OPERATOR: Actor = { kind: 'operator', label: 'operator' };

export function actorLabel(actor: Actor): string {
  return actor.kind === 'operator' ? actor.label : `user:${actor.user.email}`;
}

export function permissionsOf(user: Pick<UserRow, 'is_admin' | 'permissions'>): Permission[] {
  if (user.is_admin) return [...PERMISSIONS];
  const parsed = JSON.parse(user.permissions) as string[];
  return PERMISSIONS.filter((p) => parsed.includes(p));
}

export function hasPermission(actor: Actor, permission: Permission): boolean {
  return actor.kind === 'operator' || permissionsOf(actor.user).includes(permission);
}

export function requirePermission(actor: Actor, permission: Permission): void {
  if (!hasPermission(actor, permission)) {
    throw new ApiError('forbidden', `You need the "${permission}" permission for this.`, { permission });
  }
}

export interface AccessChecker {
  /** The company, if the actor may see it; otherwise a not_found error that reveals nothing. */
  company(actor: Actor, companyId: number): CompanyRow;
  canSee(actor: Actor, companyId: number): boolean;
  /** Companies whose data the actor may see: its own and, for a partner, its clients. */
  visibleCompanyIds(actor: Actor): number[];
  /** True when the actor acts for the partner that manages the company. */
  isManagingPartner(actor: Actor, company: CompanyRow): boolean;
  /**
   * Moving the platform clock changes time for every company on the platform (retries, deactivations, month
   * close), so it is the operator's (the CLI, the admin token, a user with the operator role) or a partner
   * administrator's, whose clients' schedules it drives (L4). Reading the clock stays open to everybody.
   */
  mayMoveClock(actor: Actor): boolean;
}

export const CLOCK_ROLE_MESSAGE =
  "Moving the platform clock needs the platform operator role or a partner's administrator: it changes the time of every company on this platform. Switch to such a user, or use `partnerdeck clock advance`.";

export function createAccessChecker(companies: CompaniesRepository): AccessChecker {
  const canSeeRow = (actor: Actor, company: CompanyRow | undefined): company is CompanyRow => {
    if (!company) return false;
    if (actor.kind === 'operator') return true;
    return company.id === actor.user.company_id || company.partner_id === actor.user.company_id;
  };
  return {
    company(actor, companyId) {
      const company = companies.get(companyId);
      if (!canSeeRow(actor, company)) throw new ApiError('not_found', `Company ${companyId} was not found.`, { companyId });
      return company;
    },
    canSee: (actor, companyId) => canSeeRow(actor, companies.get(companyId)),
    visibleCompanyIds(actor) {
      if (actor.kind === 'operator') return [];
      const own = companies.get(actor.user.company_id);
      if (!own) return [];
      return own.is_partner ? [own.id, ...companies.clientIds(own.id)] : [own.id];
    },
    isManagingPartner: (actor, company) =>
      actor.kind === 'operator' || (company.partner_id !== null && company.partner_id === actor.user.company_id),
    mayMoveClock(actor) {
      if (actor.kind === 'operator' || actor.user.is_operator) return true;
      return actor.user.is_admin === 1 && companies.get(actor.user.company_id)?.is_partner === 1;
    },
  };
}
