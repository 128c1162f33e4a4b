// What every service receives: the repositories, the clock, ids, the event bus and the access checker,
// plus `transact`, which runs a unit of work in one SQLite transaction and publishes its events only
// after the commit (so nobody hears of a change that was rolled back). Writers that must commit together
// with the change (the transactional outbox: webhook event rows, rollups) register with
// `onEmitInTransaction` and run inside the transaction, at the moment the service emits.
import type { AccessChecker } from '../access';
import type { Clock } from '../clock';
import type { Database, TransactionOptions } from '../db/data';
import type { Db } from '../db/database';
import { immediateTransaction } from '../db/transactions';
import type { EventBus, PlatformEventName, PlatformEvents } from '../events';
import type { Ids } from '../ids';
import type { AuditRepository } from '../repositories/audit-repository';
import type { SettingsRepository } from '../repositories/settings-repository';
import type { ListRunner } from '../repositories/table-access';

/** The core's own repositories: settings (the clock's offset, the rates), the audit log, the list runner. */
export interface BaseRepositories {
  settings: SettingsRepository;
  audit: AuditRepository;
  /** Runs the list queries the shop repositories build (pages, counts, export iteration). */
  lists: ListRunner;
}

/** Every repository: the core's own and each area's (core/areas/<area>.ts adds its own to this interface). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- areas add their repositories by declaration merging
export interface Repositories extends BaseRepositories {}

export type Emit = <E extends PlatformEventName>(name: E, payload: PlatformEvents[E]) => void;

export interface ServiceContext {
  db: Db;
  /** The asynchronous data layer (db/data.ts): what converted repositories and services speak. */
  data: Database;
  clock: Clock;
  ids: Ids;
  events: EventBus;
  repos: Repositories;
  access: AccessChecker;
  /**
   * Runs `work` in one write transaction and publishes its events after the commit. The transaction takes the
   * write lock at its start (BEGIN IMMEDIATE): work that reads what it checks and then writes sees no other
   * process write in between, and a busy database is waited out (busy_timeout) instead of failing at the first
   * write with "database is locked" — a deferred transaction that has read cannot wait for the lock (M4).
   * Inside another transaction it is a savepoint of that one.
   */
  transact<T>(work: (emit: Emit) => T): T;
  /**
   * `transact` for the converted (asynchronous) services: `work` runs in one transaction of the data layer
   * (`data.transaction`: IMMEDIATE on SQLite, other callers queued behind it; a pool client on PostgreSQL,
   * SERIALIZABLE when asked) and its events are published after the commit. Await only the database inside `work`
   * (docs/architecture.md "Two databases": what the synchronous code not converted yet relies on). A retried
   * SERIALIZABLE transaction starts again with no events.
   */
  transaction<T>(work: (emit: Emit) => Promise<T>, options?: TransactionOptions): Promise<T>;
  /**
   * Runs `listener` synchronously inside the emitting transaction for every event a service emits, before
   * the commit; whatever it writes commits or rolls back with the change. A listener that throws rolls the
   * whole change back. The listener gets the transaction's `emit` too, so what it does in response is published
   * with the change (after the commit). Returns an unsubscribe function.
   */
  onEmitInTransaction(listener: InTransactionListener): () => void;
}

export type InTransactionListener = <E extends PlatformEventName>(name: E, payload: PlatformEvents[E], emit: Emit) => void;

export function createServiceContext(parts: Omit<ServiceContext, 'transact' | 'transaction' | 'onEmitInTransaction'>): ServiceContext {
  const inTransaction = new Set<InTransactionListener>();
  const emitterFor = (pending: [PlatformEventName, PlatformEvents[PlatformEventName]][]): Emit => {
    const emit: Emit = (name, payload) => {
      for (const listener of inTransaction) listener(name, payload, emit);
      pending.push([name, payload]);
    };
    return emit;
  };
  return {
    ...parts,
    onEmitInTransaction(listener) {
      inTransaction.add(listener);
      return () => inTransaction.delete(listener);
    },
    transact<T>(work: (emit: Emit) => T): T {
      const pending: [PlatformEventName, PlatformEvents[PlatformEventName]][] = [];
      const result = immediateTransaction(parts.db, () => work(emitterFor(pending)));
      for (const [name, payload] of pending) parts.events.publish(name, payload as never);
      return result;
    },
    async transaction<T>(work: (emit: Emit) => Promise<T>, options?: TransactionOptions): Promise<T> {
      let pending: [PlatformEventName, PlatformEvents[PlatformEventName]][] = [];
      const result = await parts.data.transaction(() => {
        pending = [];
        return work(emitterFor(pending));
      }, options);
      for (const [name, payload] of pending) parts.events.publish(name, payload as never);
      return result;
    },
  };
}
