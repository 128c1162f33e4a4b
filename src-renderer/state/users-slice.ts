// Users of companies (the acting company, or a client's as seen from Self), keyed by company id.
import type { UserCreateInput, UserUpdateInput } from '../../src-shared/api/inputs';
import type { User } from '../../src-shared/api/types';
import { createKeyedLoader } from './keyed-loader';
import { ready, type Loadable } from './loadable';
import { entryTarget, mutate, type SliceContext } from './slice-context';
import type { SliceParts } from '../area';

export interface UsersState {
  byCompany: Record<number, Loadable<User[]>>;
}

export interface UsersActions {
  loadUsers(companyId: number): Promise<void>;
  createUser(input: UserCreateInput): Promise<User>;
  updateUser(input: UserUpdateInput): Promise<User>;
  deleteUser(user: User): Promise<void>;
}

export function createUsersSlice(ctx: SliceContext): SliceParts<UsersState, UsersActions> {
  const loader = createKeyedLoader();

  const usersOf = (companyId: number) => entryTarget(ctx, 'users', 'byCompany', companyId);

  /** User counts show in the client lists; the signed-in user's own record is in the session. */
  function afterUserChange(companyId: number): void {
    ctx.schedule(`users:${companyId}`, () => void actions.loadUsers(companyId));
    ctx.schedule('company-lists', () => ctx.get().actions.refreshCompanyLists());
  }

  const actions: UsersActions = {
    loadUsers: (companyId) => loader.load(`users:${companyId}`, usersOf(companyId), () => ctx.client.call('users.list', { companyId })),

    async createUser(input) {
      const user = await mutate(ctx, () => ctx.client.call('users.create', input), (u) =>
        input.sendWelcomeEmail === false ? `${u.name} was added` : `${u.name} was added; a welcome email is in the outbox`,
      );
      usersOf(user.companyId).update((prev) => ready([...(prev?.data ?? []).filter((x) => x.id !== user.id), user]));
      afterUserChange(user.companyId);
      return user;
    },

    async updateUser(input) {
      const user = await mutate(ctx, () => ctx.client.call('users.update', input), (u) => `${u.name} was saved`);
      usersOf(user.companyId).update((prev) => ready((prev?.data ?? []).map((x) => (x.id === user.id ? user : x))));
      afterUserChange(user.companyId);
      if (ctx.get().session.info?.user?.id === user.id) ctx.schedule('session', () => void ctx.get().actions.loadSession());
      return user;
    },

    async deleteUser(user) {
      await mutate(ctx, () => ctx.client.call('users.delete', { userId: user.id }), `${user.name} was removed`);
      usersOf(user.companyId).update((prev) => ready((prev?.data ?? []).filter((x) => x.id !== user.id)));
      afterUserChange(user.companyId);
      ctx.schedule('candidates', () => void ctx.get().actions.loadCandidates());
    },
  };

  return {
    state: { byCompany: {} },
    actions,
    resync() {
      for (const id of Object.keys(ctx.get().users.byCompany)) void actions.loadUsers(Number(id));
    },
  };
}
