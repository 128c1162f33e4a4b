// Changes made by other processes or servers, as pushed console events (issue 21 item 3): one interface, two forms.
// - SQLite (here): the data folder's processes share one file, and SQLite says only *that* another connection
//   committed (`PRAGMA data_version`, polled): the notice carries no event (null = "something changed elsewhere:
//   reload what you show"), which is what the dispatcher's 200 ms poll does today. `publish` has nothing to do (the
//   commit itself is what the others notice).
// - PostgreSQL (postgres/postgres-change-feed.ts): LISTEN/NOTIFY on one channel; a server publishes the event it
//   pushes to its own consoles and every other server receives it by name, within milliseconds, without polling. An
//   event too large for a notification, or a reconnection after which some may have been missed, arrives as null.
// Not wired into the hosts yet: the console's pushed events still come from each process's own bus, and other
// processes' commits from the dispatcher's data_version poll (docs/architecture.md "Platform state").
import type { Db } from './database';

/** An event another process or server pushed, or null: something changed there, without saying what. */
export type ChangeNotice = { name: string; payload: unknown } | null;

export interface ChangeFeed {
  /** Hears what other processes or servers changed (never this feed's own publications). */
  subscribe(listener: (notice: ChangeNotice) => void): () => void;
  /** Tells the others about an event (after the transaction that made it committed). */
  publish(event: { name: string; payload: unknown }): Promise<void>;
  close(): Promise<void>;
}

/** A set of listeners, each called in turn; one that throws does not stop the others. */
export function createListeners<T>(onError: (error: unknown) => void): { add(listener: (value: T) => void): () => void; emit(value: T): void; readonly size: number } {
  const listeners = new Set<(value: T) => void>();
  return {
    add(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    emit(value) {
      for (const listener of [...listeners]) {
        try {
          listener(value);
        } catch (error) {
          onError(error);
        }
      }
    },
    get size() {
      return listeners.size;
    },
  };
}

/** The SQLite form: polls `PRAGMA data_version` of this connection (moves with every other connection's commit). */
export function createSqliteChangeFeed(db: Db, options: { intervalMs?: number; onError?: (error: unknown) => void } = {}): ChangeFeed {
  const onError = options.onError ?? (() => undefined);
  const listeners = createListeners<ChangeNotice>(onError);
  const version = () => db.pragma('data_version', { simple: true }) as number;
  let seen = version();
  const timer = setInterval(() => {
    if (!db.open || listeners.size === 0) return;
    try {
      const now = version();
      if (now === seen) return;
      seen = now;
      listeners.emit(null);
    } catch (error) {
      // A busy file is looked at again at the next tick.
      if ((error as { code?: string }).code !== 'SQLITE_BUSY') onError(error);
    }
  }, options.intervalMs ?? 200);
  timer.unref();
  return {
    subscribe: (listener) => listeners.add(listener),
    publish: () => Promise.resolve(),
    async close() {
      clearInterval(timer);
    },
  };
}
