// Slows down password guessing on the sign-in page: after 5 failed sign-ins for one email, that email is
// locked for 30 seconds, doubling with every further failure up to 15 minutes; a successful sign-in clears
// it. Counted per email (every caller is on 127.0.0.1, so per-address limits would lock everybody out).
// Platform time, so a test or demo can move past a lock.
import type { Clock } from '../../clock';

export const THROTTLE = { freeFailures: 5, firstLockMs: 30_000, maxLockMs: 15 * 60_000, forgetAfterMs: 60 * 60_000 } as const;

interface Entry {
  failures: number;
  lockedUntil: number;
  lastFailureAt: number;
}

export interface LoginThrottle {
  /** Milliseconds until this email may try again (0 = now). */
  waitMs(email: string): number;
  fail(email: string): void;
  succeed(email: string): void;
}

export function createLoginThrottle(clock: Clock): LoginThrottle {
  const entries = new Map<string, Entry>();
  const key = (email: string) => email.trim().toLowerCase();

  function current(email: string): Entry | undefined {
    const entry = entries.get(key(email));
    if (entry && clock.now() - entry.lastFailureAt > THROTTLE.forgetAfterMs && entry.lockedUntil <= clock.now()) {
      entries.delete(key(email));
      return undefined;
    }
    return entry;
  }

  return {
    waitMs(email) {
      const entry = current(email);
      return entry ? Math.max(0, entry.lockedUntil - clock.now()) : 0;
    },
    fail(email) {
      const now = clock.now();
      const entry = current(email) ?? { failures: 0, lockedUntil: 0, lastFailureAt: now };
      entry.failures += 1;
      entry.lastFailureAt = now;
      const over = entry.failures - THROTTLE.freeFailures;
      if (over >= 0) entry.lockedUntil = now + Math.min(THROTTLE.maxLockMs, THROTTLE.firstLockMs * 2 ** over);
      entries.set(key(email), entry);
      if (entries.size > 10_000) entries.delete(entries.keys().next().value!);
    },
    succeed(email) {
      entries.delete(key(email));
    },
  };
}
