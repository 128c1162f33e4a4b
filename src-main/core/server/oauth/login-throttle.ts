// Slows down password guessing on the sign-in page: after 5 failed sign-ins for one email, that email is
// locked for 30 seconds, doubling with every further failure up to 15 minutes; a successful sign-in clears
// it. Counted per email (on 127.0.0.1 every caller has the same address, so per-address limits would lock everybody
// out); beyond loopback (`serve --host`, `--trust-proxy`) also per client address (password-sign-in.ts).
// Platform time, so a test or demo can move past a lock.
//
// The lock holds whatever else happens (L2): an email's record is never dropped while it is locked or has failed
// within the last hour, however many other emails fail (only records idle for longer go when the table is large;
// past a hard cap, new emails share one record, which locks like any other). Attempts for one email are checked
// one after the other (`attempt`), so a burst of parallel guesses cannot all pass the check before the first
// failure is counted.
//
// The records are in the database (migration 024, issue 21 item 3): a lock survives a restart and holds on every
// process of the data folder (every server of a PostgreSQL team server). Each failure is one transaction (read,
// count, write, trim: IMMEDIATE on SQLite, SERIALIZABLE and retried on PostgreSQL), so failures sent to two processes
// at once are all counted. The one-after-the-other rule is per process (an in-memory queue): a
// burst split over N processes may have N checks running at once before their failures are counted.
import type { Clock } from '../../clock';
import type { LoginThrottleRepository, ThrottleRecord } from '../../repositories/login-throttle-repository';

export const THROTTLE = { freeFailures: 5, firstLockMs: 30_000, maxLockMs: 15 * 60_000, forgetAfterMs: 60 * 60_000 } as const;
/** Records kept before idle ones are dropped, and the most ever kept. */
const SOFT_CAP = 10_000;
const HARD_CAP = 100_000;
/** The shared record of emails that arrive while the table is at its hard cap. */
const OVERFLOW = '\u0000overflow';

export interface LoginThrottle {
  /** Milliseconds until this email may try again (0 = now). */
  waitMs(email: string): Promise<number>;
  fail(email: string): Promise<void>;
  succeed(email: string): Promise<void>;
  /** Runs `check` after every earlier attempt for the same email (in this process) has finished. */
  attempt<T>(email: string, check: () => Promise<T>): Promise<T>;
  size(): Promise<number>;
}

export function createLoginThrottle(clock: Clock, records: LoginThrottleRepository): LoginThrottle {
  const queues = new Map<string, Promise<unknown>>();
  const normalize = (email: string) => email.trim().toLowerCase();
  const idle = (record: ThrottleRecord, now: number) => record.lockedUntil <= now && now - record.lastFailureAt > THROTTLE.forgetAfterMs;
  /** The record an email counts on (its own, or the shared one once the table is full) and that record. */
  async function recordOf(email: string): Promise<{ key: string; record: ThrottleRecord | undefined; count: number | null }> {
    const key = normalize(email);
    const record = await records.get(key);
    if (record) return { key, record, count: null };
    const count = await records.count();
    return count < HARD_CAP ? { key, record, count } : { key: OVERFLOW, record: await records.get(OVERFLOW), count };
  }

  /**
   * Over the soft cap, records idle for an hour go, oldest first; a lock or a recent failure never does (a lock never
   * outlasts the hour, so the idle records are the oldest failures). `count`: the records now, when known.
   */
  async function trim(now: number, count: number): Promise<void> {
    if (count > SOFT_CAP) await records.removeIdle(now, now - THROTTLE.forgetAfterMs, count - SOFT_CAP);
  }

  return {
    async waitMs(email) {
      const { record } = await recordOf(email);
      const now = clock.now();
      return record && !idle(record, now) ? Math.max(0, record.lockedUntil - now) : 0;
    },
    async fail(email) {
      await records.atomically(async () => {
        const { key, record: found, count } = await recordOf(email);
        const now = clock.now();
        const record = found && !idle(found, now) ? found : { failures: 0, lockedUntil: 0, lastFailureAt: now };
        record.failures += 1;
        record.lastFailureAt = now;
        const over = record.failures - THROTTLE.freeFailures;
        if (over >= 0) record.lockedUntil = now + Math.min(THROTTLE.maxLockMs, THROTTLE.firstLockMs * 2 ** over);
        await records.put(key, record);
        // A new record may take the table over the soft cap; an existing one's update cannot.
        if (count !== null) await trim(now, found ? count : count + 1);
      });
    },
    async succeed(email) {
      await records.remove(normalize(email));
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
    size: () => records.count(),
  };
}
