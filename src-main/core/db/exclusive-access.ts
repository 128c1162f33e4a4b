// Jobs that must be the only user of a data folder's database file (`snapshot restore` replaces the file; the bulk
// `seed --orders` writes with synchronous = OFF in a rollback journal): they ask SQLite for that at once, never
// waiting out the busy timeout, and refuse in one line naming who holds the folder when they do not get it.
import { ApiError } from '../../../src-shared/api/errors';
import type { Db } from './database';

/**
 * Leaves WAL mode for the rollback journal, without waiting: SQLite grants it only while no other connection, of
 * any process, has the file open. True when the connection now uses the rollback journal (DELETE mode).
 */
export function leaveWalAtOnce(db: Db): boolean {
  const timeout = db.pragma('busy_timeout', { simple: true }) as number;
  db.pragma('busy_timeout = 0');
  try {
    return db.pragma('journal_mode = DELETE', { simple: true }) === 'delete';
  } catch {
    return false;
  } finally {
    db.pragma(`busy_timeout = ${timeout}`);
  }
}

/**
 * The refusal when another process has the folder open. `holder`: who is known to hold it ("process 123
 * dispatches its webhooks"), `then`: what to do once it stopped, `unchanged`: what the refusal left as it was.
 */
export function folderInUseError(holder: string | null, then: string, unchanged: string): ApiError {
  return new ApiError(
    'conflict',
    `Another process has this data folder open${holder ? ` (${holder})` : ''}: stop it first (a running serve, console, desktop app or listen), then ${then}. ${unchanged}`,
    { reason: 'folder_in_use' },
  );
}
