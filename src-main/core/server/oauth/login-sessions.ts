// Sign-in sessions of the authorization pages, kept in memory by the platform server (a restart signs
// everybody out, which is fine for a local platform). The cookie value is a random 256-bit secret; only its
// hash is kept as the key. Each session carries its own CSRF token, which the sign-in, consent and sign-out
// forms must send back. Signing in replaces the session (no fixation). Idle sessions end after an hour of
// platform time; each use slides that hour (authorize-routes.ts renews the cookie's Max-Age with it).
import type { Clock } from '../../clock';
import type { Ids } from '../../ids';
import { hashSecret } from '../../secrets/secret-hash';
import { secretsEqual } from '../loopback';

export interface LoginSession {
  /** Null until somebody signs in (the sign-in form's CSRF token lives in an anonymous session). */
  userId: number | null;
  csrf: string;
  expiresAt: number;
}

export const SESSION_IDLE_MS = 60 * 60 * 1000;
const MAX_SESSIONS = 10_000;

export interface LoginSessions {
  get(cookieValue: string | undefined): LoginSession | undefined;
  /** Starts a session; returns the cookie value. */
  create(userId: number | null): { cookieValue: string; session: LoginSession };
  destroy(cookieValue: string | undefined): void;
  csrfMatches(session: LoginSession, presented: string | null): boolean;
  size(): number;
}

export function createLoginSessions(clock: Clock, ids: Ids): LoginSessions {
  const sessions = new Map<string, LoginSession>();

  function sweep(now: number): void {
    for (const [key, session] of sessions) if (session.expiresAt <= now) sessions.delete(key);
    // Still full: drop the oldest (Map keeps insertion order).
    while (sessions.size >= MAX_SESSIONS) sessions.delete(sessions.keys().next().value!);
  }

  return {
    get(cookieValue) {
      if (!cookieValue) return undefined;
      const key = hashSecret(cookieValue);
      const session = sessions.get(key);
      if (!session) return undefined;
      const now = clock.now();
      if (session.expiresAt <= now) {
        sessions.delete(key);
        return undefined;
      }
      session.expiresAt = now + SESSION_IDLE_MS;
      return session;
    },
    create(userId) {
      const now = clock.now();
      sweep(now);
      const cookieValue = ids.token(32);
      const session: LoginSession = { userId, csrf: ids.token(32), expiresAt: now + SESSION_IDLE_MS };
      sessions.set(hashSecret(cookieValue), session);
      return { cookieValue, session };
    },
    destroy(cookieValue) {
      if (cookieValue) sessions.delete(hashSecret(cookieValue));
    },
    csrfMatches: (session, presented) => presented !== null && presented !== '' && secretsEqual(presented, session.csrf),
    size: () => sessions.size,
  };
}
