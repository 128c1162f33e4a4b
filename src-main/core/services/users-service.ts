// Users of a company, their permissions and hashed passwords; adding one can queue a welcome email with
// the login data and permissions to the local outbox (spec §1).
import type { z } from 'zod';
import { ApiError } from '../../../src-shared/api/errors';
import type { userCreateSchema, userUpdateSchema } from '../../../src-shared/api/inputs';
import type { User } from '../../../src-shared/api/types';
import { PERMISSION_LABELS, PERMISSIONS, type Permission } from '../../../src-shared/domain/permissions';
import { actorLabel, permissionsOf, requirePermission, type Actor } from '../access';
import { toUser } from '../mappers';
import type { UserRow } from '../repositories/users-repository';
import type { OutboxService } from './outbox-service';
import type { ServiceContext } from './service-context';

export type UserCreate = z.output<typeof userCreateSchema>;
export type UserUpdate = z.output<typeof userUpdateSchema>;

export interface UsersService {
  list(actor: Actor, companyId: number): User[];
  /** `passwordHash` is input.password hashed by the caller (passwords.ts, off the main thread): the service never blocks on scrypt. */
  create(actor: Actor, input: UserCreate, options: { passwordHash: string }): User;
  update(actor: Actor, input: UserUpdate): User;
  delete(actor: Actor, userId: number): void;
  /**
   * Gives or takes the platform operator role (App review). Only the platform itself (the operator actor:
   * CLI, seeds) or another operator may do this; a company administrator cannot make itself an operator.
   */
  setOperator(actor: Actor, userId: number, on: boolean): User;
}

/** `adminUrl(companyId)`: the admin address that company's users are shown (its partner's admin domain when it
 * has one: white label, branding-service.ts). */
export function createUsersService(ctx: ServiceContext, outbox: OutboxService, adminUrl: (companyId: number) => string): UsersService {
  const { repos, access, clock } = ctx;

  const named = (permissions: readonly Permission[]) => permissions.map((p) => `${PERMISSION_LABELS[p]} (${p})`).join(', ');

  /**
   * Only administrators (or the operator) make or touch administrators; anybody else stays within its own
   * permissions in every direction: it grants none it lacks, takes away none it lacks (the user keeps those),
   * and removes no user who holds one it lacks (L5). Field-named errors, nothing written.
   */
  function assertMayGrant(actor: Actor, permissions: readonly string[] | undefined, isAdmin: boolean | undefined, target?: UserRow): void {
    if (actor.kind === 'operator' || actor.isAdmin) return;
    if (isAdmin) throw ApiError.validation({ isAdmin: ['only an administrator can make administrators'] });
    if (target?.is_admin) throw new ApiError('forbidden', 'Only an administrator can change or remove an administrator.');
    if (permissions === undefined) return;
    const own = new Set(actor.permissions);
    const wanted = new Set(permissions);
    const extra = PERMISSIONS.filter((p) => wanted.has(p) && !own.has(p) && !(target && permissionsOf(target).includes(p)));
    if (extra.length > 0) throw ApiError.validation({ permissions: [`you cannot grant permissions you do not have yourself: ${named(extra)}`] });
    const removed = target ? permissionsOf(target).filter((p) => !wanted.has(p) && !own.has(p)) : [];
    if (removed.length > 0) throw ApiError.validation({ permissions: [`you cannot remove permissions you do not have yourself: ${named(removed)}`] });
  }

  /** A user who holds a permission the actor lacks is removed only by a user with it, or an administrator. */
  function assertMayRemove(actor: Actor, target: UserRow): void {
    assertMayGrant(actor, undefined, false, target);
    if (actor.kind === 'operator' || actor.isAdmin) return;
    const own = new Set(actor.permissions);
    const more = permissionsOf(target).filter((p) => !own.has(p));
    if (more.length > 0) {
      const labels = more.map((p) => PERMISSION_LABELS[p]).join(', ');
      const problem = `${target.name} holds permissions you do not have (${labels}): only a user with them or an administrator can remove ${target.name}`;
      // Forbidden (a question of rights, not of a typo), with the field named for API callers.
      throw new ApiError('forbidden', `${problem}.`, { reason: 'holds_more_permissions', fields: { userId: [problem] } });
    }
  }

  function userInScope(actor: Actor, userId: number) {
    const user = repos.users.get(userId);
    if (!user || !access.canSee(actor, user.company_id)) throw new ApiError('not_found', `User ${userId} was not found.`);
    return user;
  }

  return {
    list(actor, companyId) {
      access.company(actor, companyId);
      requirePermission(actor, 'users');
      return repos.users.listByCompany(companyId).map(toUser);
    },

    create(actor, input, options) {
      const company = access.company(actor, input.companyId);
      requirePermission(actor, 'users');
      assertMayGrant(actor, input.permissions, input.isAdmin);
      if (repos.users.findByEmail(input.email)) throw ApiError.validation({ email: ['is already used by another user'] });
      const now = clock.now();
      const { passwordHash } = options;
      const id = ctx.transact((emit) => {
        const userId = repos.users.insert({
          company_id: company.id,
          email: input.email,
          name: input.name,
          password_hash: passwordHash,
          permissions: JSON.stringify(input.permissions),
          is_admin: input.isAdmin ? 1 : 0,
          created_at: now,
          updated_at: now,
        });
        const created = repos.users.get(userId)!;
        repos.audit.record({ company_id: company.id, actor: actorLabel(actor), action: 'user.created', detail: { userId, email: input.email }, created_at: now });
        if (input.sendWelcomeEmail) {
          const granted = permissionsOf(created).map((p) => `  - ${PERMISSION_LABELS[p]}`);
          const inviter = actor.kind === 'user' ? actor.name : 'the platform administrator';
          outbox.queue(emit, {
            companyId: company.id,
            to: input.email,
            kind: 'user.welcome',
            subject: `Your login for ${company.name}`,
            body: [
              `Hello ${input.name},`,
              '',
              `${inviter} created a login for you at ${company.name}.`,
              '',
              `  Admin interface: ${adminUrl(company.id)}`,
              `  Login (email):   ${input.email}`,
              `  Password:        the one ${inviter} chose for you (ask them for it; it is never sent by email)`,
              '',
              input.isAdmin ? 'You are an administrator of this company and have every permission:' : 'Your permissions:',
              ...(granted.length > 0 ? granted : ['  (none yet: ask your administrator to grant some)']),
            ].join('\n'),
          });
        }
        emit('user.changed', { companyId: company.id, userId });
        return userId;
      });
      return toUser(repos.users.get(id)!);
    },

    update(actor, input) {
      const user = userInScope(actor, input.userId);
      requirePermission(actor, 'users');
      assertMayGrant(actor, input.permissions, input.isAdmin, user);
      if (actor.kind === 'user' && actor.userId === user.id && input.isAdmin === false && user.is_admin) {
        throw ApiError.validation({ isAdmin: ['you cannot remove your own administrator rights'] });
      }
      const now = clock.now();
      ctx.transact((emit) => {
        repos.users.update(user.id, {
          ...(input.name !== undefined ? { name: input.name } : {}),
          ...(input.permissions !== undefined ? { permissions: JSON.stringify(input.permissions) } : {}),
          ...(input.isAdmin !== undefined ? { is_admin: input.isAdmin ? 1 : 0 } : {}),
          updated_at: now,
        } as Parameters<typeof repos.users.update>[1]);
        repos.audit.record({ company_id: user.company_id, actor: actorLabel(actor), action: 'user.updated', detail: { userId: user.id }, created_at: now });
        emit('user.changed', { companyId: user.company_id, userId: user.id });
      });
      return toUser(repos.users.get(user.id)!);
    },

    delete(actor, userId) {
      const user = userInScope(actor, userId);
      requirePermission(actor, 'users');
      assertMayRemove(actor, user);
      if (actor.kind === 'user' && actor.userId === user.id) throw ApiError.validation({ userId: ['you cannot remove yourself'] });
      const now = clock.now();
      ctx.transact((emit) => {
        repos.users.delete(user.id);
        repos.audit.record({ company_id: user.company_id, actor: actorLabel(actor), action: 'user.deleted', detail: { userId, email: user.email }, created_at: now });
        emit('user.changed', { companyId: user.company_id, userId });
      });
    },

    setOperator(actor, userId, on) {
      if (actor.kind === 'user' && !actor.isOperator) {
        throw new ApiError('forbidden', 'Only the platform operator can give or take the operator role.', { reason: 'operator_only' });
      }
      const user = repos.users.get(userId);
      if (!user) throw new ApiError('not_found', `User ${userId} was not found.`);
      const now = clock.now();
      ctx.transact((emit) => {
        repos.users.update(user.id, { is_operator: on ? 1 : 0, updated_at: now });
        repos.audit.record({ company_id: user.company_id, actor: actorLabel(actor), action: on ? 'user.operator_granted' : 'user.operator_revoked', detail: { userId, email: user.email }, created_at: now });
        emit('user.changed', { companyId: user.company_id, userId });
      });
      return toUser(repos.users.get(user.id)!);
    },
  };
}
