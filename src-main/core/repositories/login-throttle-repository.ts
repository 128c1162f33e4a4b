// The sign-in throttle's records (migration 024); the rules are core/server/oauth/login-throttle.ts's.
// PostgreSQL: the same SQL (LIMIT in a subquery is fine there too).
import type { Db } from '../db/database';

export interface ThrottleRecord {
  failures: number;
  lockedUntil: number;
  lastFailureAt: number;
}

export interface LoginThrottleRepository {
  get(email: string): ThrottleRecord | undefined;
  put(email: string, record: ThrottleRecord): void;
  remove(email: string): void;
  count(): number;
  /** Deletes up to `limit` records neither locked at `now` nor failed since `idleBefore`, oldest failure first. */
  removeIdle(now: number, idleBefore: number, limit: number): number;
  /** Runs `work` as one write transaction (IMMEDIATE: another process waits until it is done). */
  atomically<T>(work: () => T): T;
}

export function createLoginThrottleRepository(db: Db): LoginThrottleRepository {
  const get = db.prepare<[string], { failures: number; locked_until: number; last_failure_at: number }>(
    'SELECT failures, locked_until, last_failure_at FROM login_throttles WHERE email = ?',
  );
  const put = db.prepare(
    `INSERT INTO login_throttles (email, failures, locked_until, last_failure_at) VALUES (@email, @failures, @lockedUntil, @lastFailureAt)
     ON CONFLICT(email) DO UPDATE SET failures = excluded.failures, locked_until = excluded.locked_until, last_failure_at = excluded.last_failure_at`,
  );
  const remove = db.prepare('DELETE FROM login_throttles WHERE email = ?');
  const count = db.prepare<[], number>('SELECT count(*) FROM login_throttles').pluck();
  const removeIdle = db.prepare(
    `DELETE FROM login_throttles WHERE email IN (
       SELECT email FROM login_throttles WHERE last_failure_at < ? AND locked_until <= ? ORDER BY last_failure_at LIMIT ?)`,
  );
  return {
    get(email) {
      const row = get.get(email);
      return row && { failures: row.failures, lockedUntil: row.locked_until, lastFailureAt: row.last_failure_at };
    },
    put: (email, record) => void put.run({ email, ...record }),
    remove: (email) => void remove.run(email),
    count: () => count.get()!,
    removeIdle: (now, idleBefore, limit) => removeIdle.run(idleBefore, now, limit).changes,
    atomically: (work) => db.transaction(work).immediate(),
  };
}
