// Transactions around synchronous work with the transaction function built once per connection: IMMEDIATE (BEGIN
// IMMEDIATE … COMMIT, the write lock from the start) and read (BEGIN … COMMIT: one snapshot for several reads); a
// savepoint inside an open transaction. better-sqlite3 builds a transaction function's wrappers and prepares its
// BEGIN/COMMIT/ROLLBACK/SAVEPOINT statements at every call of `db.transaction`: about 20 µs, as much as the statements
// of a refresh grant's claim and seal together (docs/performance.md, "Session 9"). The function is the same for every
// caller (it calls the work it is given), so reusing it changes nothing else.
import type { Transaction } from 'better-sqlite3';
import type { Db } from './database';

type Runner = Transaction<(work: () => unknown) => unknown>;

const runners = new WeakMap<Db, Runner>();

function runnerOf(db: Db): Runner {
  let runner = runners.get(db);
  if (!runner) {
    runner = db.transaction((run: () => unknown) => run());
    runners.set(db, runner);
  }
  return runner;
}

/** Runs `work` in one IMMEDIATE transaction of `db` (rolled back if it throws) and returns its result. */
export function immediateTransaction<T>(db: Db, work: () => T): T {
  return runnerOf(db).immediate(work) as T;
}

/**
 * Runs `work` in one deferred transaction: its reads see one snapshot, and they take the read lock once instead of once
 * per statement (each statement outside a transaction is a read transaction of its own).
 */
export function readTransaction<T>(db: Db, work: () => T): T {
  return runnerOf(db).deferred(work) as T;
}
