// Key-value platform settings (clock offset, rates that later issues add).
import type { Db } from '../db/database';

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
