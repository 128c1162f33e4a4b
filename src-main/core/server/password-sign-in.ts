// Signing in with an email and a password, as the OAuth sign-in page and a team server's console both do: the
// throttle of migration 024 (5 free failures per email, then a lock of 30 s doubling to 15 min, on every process
// of the folder), attempts for one email one after the other, the scrypt check off the main thread (an unknown
// email is checked against a decoy hash, so it costs as much time as a wrong password), and an outdated hash of a
// right password replaced (L3). A team server also counts failures per client address (`address`), with the same
// rules in the same store (key `address:<ip>`): one machine guessing many emails meets a lock too, and a right
// password from that address clears it (an office behind one NAT address is not locked out by one person).
import type { Clock } from '../clock';
import { hashPassword, needsRehash, verifyPassword } from '../passwords';
import type { LoginThrottleRepository } from '../repositories/login-throttle-repository';
import type { UserRow, UsersRepository } from '../repositories/users-repository';
import { createLoginThrottle } from './oauth/login-throttle';

export type SignInOutcome = { user: UserRow } | { waitMs: number } | { wrong: true };

export interface PasswordSignIn {
  /** The user whose email and password these are, how long this email must wait, or that they are not right. */
  attempt(email: string, password: string, options?: { address?: string }): Promise<SignInOutcome>;
}

export function createPasswordSignIn(clock: Clock, repos: { users: UsersRepository; loginThrottles: LoginThrottleRepository }): PasswordSignIn {
  // In the database: a lock survives a restart and holds on every process of the data folder (migration 024).
  const throttle = createLoginThrottle(clock, repos.loginThrottles);
  /** Checked when the email is unknown, so an unknown email costs as much time as a wrong password. */
  let decoyHash: Promise<string> | null = null;

  async function passwordMatches(user: UserRow | undefined, password: string): Promise<boolean> {
    if (!user) {
      await verifyPassword(password, await (decoyHash ??= hashPassword('decoy password for unknown emails')));
      return false;
    }
    if (!(await verifyPassword(password, user.password_hash))) return false;
    if (needsRehash(user.password_hash)) {
      const upgraded = await hashPassword(password);
      // Only if nobody changed the password meanwhile.
      repos.users.replacePasswordHash(user.id, user.password_hash, upgraded);
    }
    return true;
  }

  return {
    attempt(rawEmail, password, options = {}) {
      const email = rawEmail.trim().toLowerCase();
      const keys = options.address ? [email, `address:${options.address}`] : [email];
      // One attempt per email at a time: a burst of parallel guesses meets the lock the first failures set.
      return throttle.attempt(email, async (): Promise<SignInOutcome> => {
        const wait = Math.max(...(await Promise.all(keys.map((key) => throttle.waitMs(key)))));
        if (wait > 0) return { waitMs: wait };
        const found = email ? repos.users.findByEmail(email) : undefined;
        if (!(await passwordMatches(found, password)) || !found) {
          for (const key of keys) await throttle.fail(key);
          return { wrong: true };
        }
        for (const key of keys) await throttle.succeed(key);
        return { user: found };
      });
    },
  };
}
