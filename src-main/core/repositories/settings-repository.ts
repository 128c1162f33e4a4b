// Key-value platform settings (clock offset, rates that later issues add).
import type { Db } from '../db/database';
import type { ClockStore } from '../clock';

export interface SettingsRepository {
  get(key: string): string | undefined;
  set(key: string, value: string): void;
}

export function createSettingsRepository(db: Db): SettingsRepository {
  const select = db.prepare<[string], string>('SELECT value FROM settings WHERE key = ?').pluck();
  const upsert = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
  return {
    get: (key) => select.get(key),
    set: (key, value) => void upsert.run(key, value),
  };
}

export const CLOCK_OFFSET_KEY = 'clock.offset_ms';

/**
 * The platform clock's offset in the settings table, shared by every process on the database (core/clock.ts).
 * `add` is one IMMEDIATE transaction (read, add, write), so two processes moving the clock at once add both moves.
 * PostgreSQL form (issue 21, pg6): `UPDATE settings SET value = (value::bigint + $1)::text WHERE key = ... RETURNING
 * value` (after an INSERT ... ON CONFLICT DO NOTHING of '0'); `version()` has no PostgreSQL twin: there a
 * LISTEN/NOTIFY on the move (or a read per request) replaces SQLite's data_version.
 */
export function createClockStore(db: Db): ClockStore {
  const settings = createSettingsRepository(db);
  // Another connection's commit changes it; this connection's own commits do not (its own moves are known).
  const dataVersion = db.prepare<[], number>('PRAGMA data_version').pluck();
  const read = () => Number(settings.get(CLOCK_OFFSET_KEY) ?? '0');
  let lastVersion = 0;
  return {
    read,
    add: (ms) =>
      db
        .transaction(() => {
          const offset = read() + ms;
          settings.set(CLOCK_OFFSET_KEY, String(offset));
          return offset;
        })
        .immediate(),
    version() {
      // A closed database (the platform is shutting down) keeps the last answer: the offset stays as it was.
      if (db.open) lastVersion = dataVersion.get()!;
      return lastVersion;
    },
  };
}
