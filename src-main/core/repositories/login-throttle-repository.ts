// The sign-in throttle's records (migration 024); the rules are core/server/oauth/login-throttle.ts's.
// Asynchronous, on the data layer (db/data.ts): the same SQL on SQLite and PostgreSQL (ON CONFLICT … DO UPDATE and
// LIMIT in a subquery are fine in both).
import { statement, type Database } from '../db/data';

export interface ThrottleRecord {
  failures: number;
  lockedUntil: number;
  lastFailureAt: number;
}

export interface LoginThrottleRepository {
  get(email: string): Promise<ThrottleRecord | undefined>;
  put(email: string, record: ThrottleRecord): Promise<void>;
  remove(email: string): Promise<void>;
  count(): Promise<number>;
  /** Deletes up to `limit` records neither locked at `now` nor failed since `idleBefore`, oldest failure first. */
  removeIdle(now: number, idleBefore: number, limit: number): Promise<number>;
  /**
   * Runs `work` as one write transaction: on SQLite IMMEDIATE (another process waits until it is done), on
   * PostgreSQL SERIALIZABLE (two servers counting a failure for one email at once: one is retried), so no failure
   * is lost.
   */
  atomically<T>(work: () => Promise<T>): Promise<T>;
}

const get = statement('loginThrottles.get', ({ sql }, email: string) =>
  sql<{ failures: number; locked_until: number; last_failure_at: number }>`SELECT failures, locked_until, last_failure_at FROM login_throttles WHERE email = ${email}`,
);
const put = statement('loginThrottles.put', ({ sql }, email: string, failures: number, lockedUntil: number, lastFailureAt: number) =>
  sql`INSERT INTO login_throttles (email, failures, locked_until, last_failure_at) VALUES (${email}, ${failures}, ${lockedUntil}, ${lastFailureAt})
     ON CONFLICT(email) DO UPDATE SET failures = excluded.failures, locked_until = excluded.locked_until, last_failure_at = excluded.last_failure_at`,
);
const remove = statement('loginThrottles.remove', ({ sql }, email: string) => sql`DELETE FROM login_throttles WHERE email = ${email}`);
const count = statement('loginThrottles.count', ({ sql }) => sql<{ n: number }>`SELECT count(*) AS n FROM login_throttles`);
const removeIdle = statement('loginThrottles.removeIdle', ({ sql }, idleBefore: number, now: number, limit: number) =>
  sql`DELETE FROM login_throttles WHERE email IN (
       SELECT email FROM login_throttles WHERE last_failure_at < ${idleBefore} AND locked_until <= ${now} ORDER BY last_failure_at LIMIT ${limit})`,
);

export function createLoginThrottleRepository(data: Database): LoginThrottleRepository {
  return {
    async get(email) {
      const row = await data.one(get, email);
      return row && { failures: row.failures, lockedUntil: row.locked_until, lastFailureAt: row.last_failure_at };
    },
    put: async (email, record) => void (await data.run(put, email, record.failures, record.lockedUntil, record.lastFailureAt)),
    remove: async (email) => void (await data.run(remove, email)),
    count: async () => (await data.one(count))!.n,
    removeIdle: async (now, idleBefore, limit) => (await data.run(removeIdle, idleBefore, now, limit)).changes,
    atomically: (work) => data.transaction(work, { serializable: true }),
  };
}
