// The users of this machine's platform as the person who started PartnerDeck reaches them: the console signs in
// as any of them without a password ("Sign in as…"; whoever may drive the console owns the data folder) and the
// CLI acts as one by email or id. The rest of the platform acts through Actors; this is where a user becomes one.
import type { SignInCandidate, User } from '../../../src-shared/api/types';
import { userActor, type UserActor } from '../access';
import { toUser } from '../mappers';
import type { ServiceContext } from './service-context';

export interface LocalUsersService {
  /** Every user of the folder with its company (the console's "Sign in as…" list). */
  candidates(): SignInCandidate[];
  /** The actor a user acts as (undefined: no such user, e.g. deleted meanwhile). */
  actorOf(userId: number): UserActor | undefined;
  /** By login email, exactly as stored. */
  actorByEmail(email: string): UserActor | undefined;
  /** The user as the console shows it. */
  user(userId: number): User | undefined;
  /** Who a console that nobody signed in to yet starts as: the first administrator, else the first user. */
  firstUserId(): number | undefined;
  /** Whether the folder has any user yet (the console's first start creates the partner). */
  any(): boolean;
}

export function createLocalUsersService(ctx: ServiceContext): LocalUsersService {
  const { users } = ctx.repos;
  return {
    candidates: () =>
      users.listAllWithCompany().map((u) => ({
        userId: u.id,
        email: u.email,
        name: u.name,
        companyId: u.company_id,
        companyName: u.company_name,
        companyIsPartner: u.company_is_partner === 1,
        isOperator: u.is_operator === 1,
      })),
    actorOf(userId) {
      const row = users.get(userId);
      return row && userActor(row);
    },
    actorByEmail(email) {
      const row = users.findByEmail(email);
      return row && userActor(row);
    },
    user(userId) {
      const row = users.get(userId);
      return row && toUser(row);
    },
    firstUserId() {
      const all = users.listAllWithCompany();
      return (all.find((u) => u.is_admin === 1) ?? all[0])?.id;
    },
    any: () => users.count() > 0,
  };
}
