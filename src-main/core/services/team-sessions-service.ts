// A team server's console sessions (issue 21 item 5; `partnerdeck serve --console`): every person signs in with
// the email and password of their platform user and gets a session, kept in the database (migration 026) so every
// server of the team knows it and signing out ends it everywhere. Only the SHA-256 of a session token is stored;
// a token is looked up by that hash (an index lookup of a hash reveals nothing about the token, as for every other
// token of the platform). A session ends after IDLE_MS without a request, or ABSOLUTE_MS after sign-in whatever
// happens, by the clock service (platform time: `clock advance` past the idle time signs everybody out, as it
// expires every other token); deleting the user ends all of theirs (ON DELETE CASCADE).
import type { UserActor } from '../access';
import { userActor } from '../access';
import { hashSecret } from '../secrets/secret-hash';
import { createPasswordSignIn } from '../server/password-sign-in';
import type { ServiceContext } from './service-context';

export const TEAM_SESSION = {
  /** A session nobody used for this long is over (a working day). */
  idleMs: 8 * 60 * 60_000,
  /** Whatever happens, a session is over this long after its sign-in. */
  absoluteMs: 7 * 24 * 60 * 60_000,
  /** `last_seen_at` is written at most this often per session (not on every request). */
  touchEveryMs: 60_000,
} as const;

export type TeamSignIn = { ok: true; token: string; user: UserActor; expiresAt: number } | { ok: false; reason: 'wrong'; message: string } | { ok: false; reason: 'throttled'; waitMs: number; message: string };

export interface TeamSession {
  userId: number;
  user: UserActor;
  /** When it ends if used no more (idle), and at the latest (absolute). */
  idleExpiresAt: number;
  expiresAt: number;
}

export interface TeamSessionsService {
  /** Checks an email and a password (throttled, migration 024) and opens a session for that user. */
  signIn(email: string, password: string, clientAddress: string): Promise<TeamSignIn>;
  /** The live session of a token (its use counts as activity), or undefined when unknown, expired or its user gone. */
  resolve(token: string): TeamSession | undefined;
  /** Ends the session of a token; false when there was none. */
  signOut(token: string): boolean;
  /** Ends every session of a user (e.g. after a password change). */
  signOutEverywhere(userId: number): number;
  /** Live sessions (expired ones are swept first). */
  count(): number;
}

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export function createTeamSessionsService(ctx: ServiceContext): TeamSessionsService {
  const { clock, repos, ids } = ctx;
  const passwords = createPasswordSignIn(clock, repos);
  const sweep = (now: number) => repos.teamSessions.sweep(now, now - TEAM_SESSION.idleMs);

  return {
    async signIn(email, password, clientAddress) {
      const outcome = await passwords.attempt(email, password, { address: clientAddress });
      if ('waitMs' in outcome) {
        const seconds = Math.ceil(outcome.waitMs / 1000);
        return { ok: false, reason: 'throttled', waitMs: outcome.waitMs, message: `Too many failed sign-ins for this email or from this address. Try again in ${seconds} second${seconds === 1 ? '' : 's'}.` };
      }
      if ('wrong' in outcome) return { ok: false, reason: 'wrong', message: 'The email or password is not right.' };
      const now = clock.now();
      sweep(now);
      const token = ids.token(32);
      const expiresAt = now + TEAM_SESSION.absoluteMs;
      repos.teamSessions.insert({ tokenHash: hashSecret(token), userId: outcome.user.id, createdAt: now, lastSeenAt: now, expiresAt, clientAddress: clientAddress.slice(0, 100) });
      return { ok: true, token, user: userActor(outcome.user), expiresAt };
    },

    resolve(token) {
      if (!TOKEN_SHAPE.test(token)) return undefined;
      const hash = hashSecret(token);
      const row = repos.teamSessions.get(hash);
      if (!row) return undefined;
      const now = clock.now();
      if (row.expiresAt <= now || row.lastSeenAt + TEAM_SESSION.idleMs <= now) {
        repos.teamSessions.remove(hash);
        return undefined;
      }
      const user = repos.users.get(row.userId);
      if (!user) return undefined;
      let lastSeenAt = row.lastSeenAt;
      if (now - row.lastSeenAt >= TEAM_SESSION.touchEveryMs) {
        repos.teamSessions.touch(hash, now);
        lastSeenAt = now;
      }
      return { userId: row.userId, user: userActor(user), idleExpiresAt: Math.min(row.expiresAt, lastSeenAt + TEAM_SESSION.idleMs), expiresAt: row.expiresAt };
    },

    signOut: (token) => TOKEN_SHAPE.test(token) && repos.teamSessions.remove(hashSecret(token)),
    signOutEverywhere: (userId) => repos.teamSessions.removeOfUser(userId),
    count() {
      sweep(clock.now());
      return repos.teamSessions.count();
    },
  };
}
