// Who may see and change what: THE visibility rule (the console and the REST API ask here, nowhere else).
// A user sees its own company; a partner's user also sees the partner's client companies. The operator (CLI,
// platform administration) sees everything. An Actor is a domain value: who acts, with the permissions and
// company it acts with; it carries no database row.
import { ApiError } from '../../src-shared/api/errors';
import { PERMISSIONS, type Permission } from '../../src-shared/domain/permissions';
import type { CompaniesRepository, CompanyRow } from './repositories/companies-repository';
import type { UserRow } from './repositories/users-repository';

/** The platform operator: the CLI, platform administration, or a user with the operator role acting as it. */
export interface OperatorActor {
  kind: 'operator';
  /** For the audit log: "operator", or "operator:<email>" for a user with the role. */
  label: string;
}

/** A signed-in user of a company. */
export interface UserActor {
  kind: 'user';
  userId: number;
  companyId: number;
  email: string;
  name: string;
  isAdmin: boolean;
  /** The platform operator role (App review, the month close's rates). */
  isOperator: boolean;
  /** What the user may do (an administrator: everything). */
  permissions: readonly Permission[];
}

export type Actor = OperatorActor | UserActor;

export const OPERATOR: Actor = { kind: 'operator', label: 'operator' };

export function actorLabel(actor: Actor): string {
  return actor.kind === 'operator' ? actor.label : `user:${actor.email}`;
}

export function permissionsOf(user: Pick<UserRow, 'is_admin' | 'permissions'>): Permission[] {
  if (user.is_admin) return [...PERMISSIONS];
  const parsed = JSON.parse(user.permissions) as string[];
  return PERMISSIONS.filter((p) => parsed.includes(p));
}

/** The actor a user row acts as (the core's repositories give rows; everything above gets actors). */
export function userActor(user: UserRow): UserActor {
  return {
    kind: 'user',
    userId: user.id,
    ...userIdentityOf(user),
  };
}

/** Who a user is, alike in the actor it acts as and in every view of it (console, CLI). */
export function userIdentityOf(user: UserRow): Omit<UserActor, 'kind' | 'userId'> & { permissions: Permission[] } {
  return { companyId: user.company_id, email: user.email, name: user.name, isAdmin: user.is_admin === 1, isOperator: user.is_operator === 1, permissions: permissionsOf(user) };
}

export function hasPermission(actor: Actor, permission: Permission): boolean {
  return actor.kind === 'operator' || actor.permissions.includes(permission);
}

export function requirePermission(actor: Actor, permission: Permission): void {
  if (!hasPermission(actor, permission)) {
    throw new ApiError('forbidden', `You need the "${permission}" permission for this.`, { permission });
  }
}

/** The rule itself, on a company's row: its own company, or a client of the actor's (partner) company. */
export function canSeeCompany(actor: Actor, company: Pick<CompanyRow, 'id' | 'partner_id'>): boolean {
  return actor.kind === 'operator' || company.id === actor.companyId || company.partner_id === actor.companyId;
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
  const canSeeRow = (actor: Actor, company: CompanyRow | undefined): company is CompanyRow => !!company && canSeeCompany(actor, company);
  return {
    company(actor, companyId) {
      const company = companies.get(companyId);
      if (!canSeeRow(actor, company)) throw new ApiError('not_found', `Company ${companyId} was not found.`, { companyId });
      return company;
    },
    canSee: (actor, companyId) => canSeeRow(actor, companies.get(companyId)),
    visibleCompanyIds(actor) {
      if (actor.kind === 'operator') return [];
      const own = companies.get(actor.companyId);
      if (!own) return [];
      return own.is_partner ? [own.id, ...companies.clientIds(own.id)] : [own.id];
    },
    isManagingPartner: (actor, company) => actor.kind === 'operator' || (company.partner_id !== null && company.partner_id === actor.companyId),
    mayMoveClock(actor) {
      if (actor.kind === 'operator' || actor.isOperator) return true;
      return actor.isAdmin && companies.get(actor.companyId)?.is_partner === 1;
    },
  };
}
