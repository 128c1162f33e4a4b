// Slows down password guessing on the sign-in page: after 5 failed sign-ins for one email, that email is
// locked for 30 seconds, doubling with every further failure up to 15 minutes; a successful sign-in clears
// it. Counted per email (every caller is on 127.0.0.1, so per-address limits would lock everybody out).
// Platform time, so a test or demo can move past a lock.
//
// The lock holds whatever else happens (L2): an email's record is never dropped while it is locked or has failed
// within the last hour, however many other emails fail (only records idle for longer go when the table is large;
// past a hard cap, new emails share one record, which locks like any other). Attempts for one email are checked
// one after the other (`attempt`), so a burst of parallel guesses cannot all pass the check before the first
// failure is counted.
import type { Clock } from '../../clock';

export const THROTTLE = { freeFailures: 5, firstLockMs: 30_000, maxLockMs: 15 * 60_000, forgetAfterMs: 60 * 60_000 } as const;
/** Records kept before idle ones are dropped, and the most ever kept. */
const SOFT_CAP = 10_000;
const HARD_CAP = 100_000;
/** The shared record of emails that arrive while the table is at its hard cap. */
const OVERFLOW = '\u0000overflow';

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
  /** Runs `check` after every earlier attempt for the same email has finished. */
  attempt<T>(email: string, check: () => Promise<T>): Promise<T>;
  size(): number;
}

export function createLoginThrottle(clock: Clock): LoginThrottle {
  const entries = new Map<string, Entry>();
  const queues = new Map<string, Promise<unknown>>();
  const normalize = (email: string) => email.trim().toLowerCase();
  const keyOf = (email: string) => {
    const key = normalize(email);
    return entries.has(key) || entries.size < HARD_CAP ? key : OVERFLOW;
  };
  const idle = (entry: Entry, now: number) => entry.lockedUntil <= now && now - entry.lastFailureAt > THROTTLE.forgetAfterMs;

  function current(key: string): Entry | undefined {
    const entry = entries.get(key);
    if (entry && idle(entry, clock.now())) {
      entries.delete(key);
      return undefined;
    }
    return entry;
  }

  /**
   * Over the soft cap, records idle for an hour go, oldest first; a lock or a recent failure never does. The map is
   * ordered by last failure (fail() re-inserts), and a lock never outlasts the hour, so the idle records are a
   * prefix: the scan stops at the first one that is not.
   */
  function trim(): void {
    if (entries.size <= SOFT_CAP) return;
    const now = clock.now();
    for (const [key, entry] of entries) {
      if (entries.size <= SOFT_CAP || !idle(entry, now)) break;
      entries.delete(key);
    }
  }

  return {
    waitMs(email) {
      const entry = current(keyOf(email));
      return entry ? Math.max(0, entry.lockedUntil - clock.now()) : 0;
    },
    fail(email) {
      const key = keyOf(email);
      const now = clock.now();
      const entry = current(key) ?? { failures: 0, lockedUntil: 0, lastFailureAt: now };
      entry.failures += 1;
      entry.lastFailureAt = now;
      const over = entry.failures - THROTTLE.freeFailures;
      if (over >= 0) entry.lockedUntil = now + Math.min(THROTTLE.maxLockMs, THROTTLE.firstLockMs * 2 ** over);
      entries.delete(key);
      entries.set(key, entry);
      trim();
    },
    succeed(email) {
      entries.delete(normalize(email));
    },
    attempt(email, check) {
      const key = normalize(email);
      const before = queues.get(key) ?? Promise.resolve();
      const run = before.then(check, check);
      const settled = run.then(
        () => undefined,
        () => undefined,
      );
      queues.set(key, settled);
      void settled.then(() => {
        if (queues.get(key) === settled) queues.delete(key);
      });
      return run;
    },
    size: () => entries.size,
  };
}
