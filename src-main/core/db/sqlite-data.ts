// The data layer on the embedded SQLite file (db/data.ts): the platform's one better-sqlite3 connection, each
// statement compiled once (Kysely) and prepared once per connection, run synchronously — a call resolves at once.
//
// Transactions: better-sqlite3 has one connection, so whatever runs on it while a transaction is open is part of
// that transaction. `transaction(work)` therefore holds a turn: BEGIN IMMEDIATE (the write lock from the start, so
// another process's writer is waited out by busy_timeout, as the synchronous code does), `work` with its awaits,
// COMMIT. While it is open, every call that does not come from `work` (told by an AsyncLocalStorage scope that
// follows `work` across its awaits) waits in line and runs after the commit; so do other transactions. A call
// inside `work` runs at once; a transaction inside `work` is a SAVEPOINT.
//
// The synchronous code that is not converted yet (repositories on `Db` directly) does not pass through this line:
// it must not run while an asynchronous transaction awaits. It cannot, as long as `work` awaits only this
// database (every call resolves at once, so `work` runs to its end in one go of microtasks and no I/O callback or
// timer runs in between); what could still interleave is another chain of microtasks already under way, which is
// why the converted services' transactions await nothing but their statements (docs/architecture.md "Two databases").
import { AsyncLocalStorage } from 'node:async_hooks';
import type BetterSqlite3 from 'better-sqlite3';
import { parametersOf, type CompiledStatement, type Database, type RunResult, type Statement } from './data';

type Prepared = BetterSqlite3.Statement<unknown[], unknown>;

interface Turn {
  /** Resolves when the transaction has committed or rolled back. */
  readonly done: Promise<void>;
  depth: number;
}

export interface SqliteDatabase extends Database {
  readonly dialect: 'sqlite';
  /** The connection (the synchronous repositories not converted yet share it). */
  readonly connection: BetterSqlite3.Database;
  /**
   * The same statements run synchronously, for the callers that cannot await yet (db/steps.ts: a converted
   * repository's synchronous face, used by a service still called from a synchronous transaction). Like the
   * synchronous repositories, these do not wait for an asynchronous transaction's turn.
   */
  readonly now: SqliteNow;
  /**
   * Runs a statement at once and answers synchronously: only for what runs inside a synchronous better-sqlite3
   * transaction, which no await can be part of — the demo seed (seed/demo-seed.ts: one transaction over every
   * area's seed). Refused while an asynchronous transaction is open.
   */
  runNow<A extends readonly unknown[], R>(statement: Statement<A, R>, ...args: A): RunResult;
}

/** Synchronous `all/one/run/insert` of the data layer's statements on SQLite. */
export interface SqliteNow {
  all<A extends readonly unknown[], R>(statement: Statement<A, R>, ...args: A): R[];
  one<A extends readonly unknown[], R>(statement: Statement<A, R>, ...args: A): R | undefined;
  run<A extends readonly unknown[], R>(statement: Statement<A, R>, ...args: A): RunResult;
  insert<A extends readonly unknown[], R>(statement: Statement<A, R>, ...args: A): number;
}

/** The SQLite data layer of `data`, for `runNow`; a PostgreSQL one is refused (the demo seed is SQLite's only). */
export function sqliteOf(data: Database): SqliteDatabase {
  if (data.dialect !== 'sqlite' || !('runNow' in data)) throw new Error('only the embedded SQLite database runs statements synchronously (the demo seed)');
  return data as SqliteDatabase;
}

export function createSqliteDatabase(connection: BetterSqlite3.Database): SqliteDatabase {
  /** Per statement: its better-sqlite3 statement on this connection and its compiled form (one lookup per call). */
  const prepared = new Map<Statement<never, unknown>, { statement: Prepared; compiled: CompiledStatement }>();
  const scope = new AsyncLocalStorage<Turn>();
  let open: Turn | null = null;

  function preparedOf(statement: Statement<never, unknown>): { statement: Prepared; compiled: CompiledStatement } {
    let found = prepared.get(statement);
    if (!found) {
      const compiled = statement.compiled('sqlite');
      found = { statement: connection.prepare(compiled.sql) as Prepared, compiled };
      prepared.set(statement, found);
    }
    return found;
  }

  /** Whether a call must wait: a transaction is open and the caller is not inside it. */
  const mustWait = () => open !== null && scope.getStore() !== open;

  /** Takes the turn at once when it is free (no await before BEGIN: nothing can slip in between), else waits for it. */
  function transaction<T>(work: () => Promise<T>): Promise<T> {
    const outer = scope.getStore();
    if (outer !== undefined && outer === open) return savepoint(outer, work);
    if (open !== null) return open.done.then(() => transaction(work));
    let finish!: () => void;
    const turn: Turn = { done: new Promise<void>((resolve) => (finish = resolve)), depth: 0 };
    try {
      connection.exec('BEGIN IMMEDIATE');
    } catch (error) {
      return Promise.reject(error);
    }
    open = turn;
    return (async () => {
      try {
        const result = await scope.run(turn, work);
        connection.exec('COMMIT');
        return result;
      } catch (error) {
        if (connection.inTransaction) connection.exec('ROLLBACK');
        throw error;
      } finally {
        open = null;
        finish();
      }
    })();
  }

  const argsOf = (compiled: CompiledStatement, values: readonly unknown[]) => (compiled.direct ? values : parametersOf(compiled, values));
  const now: SqliteNow = {
    all(statement, ...values) {
      const { statement: prepared, compiled } = preparedOf(statement as never);
      return prepared.all(...argsOf(compiled, values)) as never[];
    },
    one(statement, ...values) {
      const { statement: prepared, compiled } = preparedOf(statement as never);
      return prepared.get(...argsOf(compiled, values)) as never;
    },
    run(statement, ...values) {
      const { statement: prepared, compiled } = preparedOf(statement as never);
      return { changes: prepared.run(...argsOf(compiled, values)).changes };
    },
    insert(statement, ...values) {
      const { statement: prepared, compiled } = preparedOf(statement as never);
      return Number(prepared.run(...argsOf(compiled, values)).lastInsertRowid);
    },
  };

  const data: SqliteDatabase = {
    dialect: 'sqlite',
    connection,
    now,
    // Written out per method (no closure per call): these are the hot path of every converted repository.
    all(statement, ...values) {
      if (mustWait()) return open!.done.then(() => data.all(statement, ...values));
      try {
        const { statement: prepared, compiled } = preparedOf(statement as never);
        return Promise.resolve(prepared.all(...(compiled.direct ? values : parametersOf(compiled, values))) as never[]);
      } catch (error) {
        return Promise.reject(error);
      }
    },
    one(statement, ...values) {
      if (mustWait()) return open!.done.then(() => data.one(statement, ...values));
      try {
        const { statement: prepared, compiled } = preparedOf(statement as never);
        return Promise.resolve(prepared.get(...(compiled.direct ? values : parametersOf(compiled, values))) as never);
      } catch (error) {
        return Promise.reject(error);
      }
    },
    run(statement, ...values) {
      if (mustWait()) return open!.done.then(() => data.run(statement, ...values));
      try {
        const { statement: prepared, compiled } = preparedOf(statement as never);
        return Promise.resolve<RunResult>({ changes: prepared.run(...(compiled.direct ? values : parametersOf(compiled, values))).changes });
      } catch (error) {
        return Promise.reject(error);
      }
    },
    insert(statement, ...values) {
      if (mustWait()) return open!.done.then(() => data.insert(statement, ...values));
      try {
        return Promise.resolve(now.insert(statement, ...values));
      } catch (error) {
        return Promise.reject(error);
      }
    },
    runEach(statement, argumentLists) {
      if (mustWait()) return open!.done.then(() => data.runEach(statement, argumentLists));
      try {
        const { statement: prepared, compiled } = preparedOf(statement as never);
        let changes = 0;
        for (const values of argumentLists) changes += prepared.run(...(compiled.direct ? values : parametersOf(compiled, values))).changes;
        return Promise.resolve(changes);
      } catch (error) {
        return Promise.reject(error);
      }
    },
    runNow(statement, ...values) {
      if (open !== null) throw new Error(`${statement.name}: runNow inside an asynchronous transaction`);
      return now.run(statement, ...values);
    },
    transaction: (work) => transaction(work),
    inTransaction: () => open !== null && scope.getStore() === open,
    async close() {
      if (connection.open) connection.close();
    },
  };

  async function savepoint<T>(turn: Turn, work: () => Promise<T>): Promise<T> {
    const name = `pd_sp_${++turn.depth}`;
    connection.exec(`SAVEPOINT ${name}`);
    try {
      const result = await work();
      connection.exec(`RELEASE ${name}`);
      return result;
    } catch (error) {
      connection.exec(`ROLLBACK TO ${name}`);
      connection.exec(`RELEASE ${name}`);
      throw error;
    } finally {
      turn.depth -= 1;
    }
  }

  return data;
}
