// Data folders written by other PartnerDeck versions, and a byte-exact snapshot of a folder, for the
// data-folder guard's tests on every surface (core, CLI, browser mode, serve, desktop app).
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { openDatabase } from '../../src-main/core/db/database';
import { KNOWN_SCHEMA_VERSION } from '../../src-main/areas';
import { MIGRATIONS } from '../../src-main/areas';
import { DB_FILE_NAME } from '../../src-main/core/paths';

/**
 * Writes `<dir>/partnerdeck.sqlite` as a PartnerDeck one schema version ahead would: this build's schema, one
 * more applied migration with its own table, and the header's user_version raised. With `keepWal` the last
 * change stays in the write-ahead log (as after a crash), so only a reader of the WAL sees the newer version.
 */
export function writeNewerDataFolder(dir: string, options: { keepWal?: boolean } = {}): { version: number; close(): void } {
  const path = join(dir, DB_FILE_NAME);
  openDatabase(path, { migrations: MIGRATIONS }).close();
  const version = KNOWN_SCHEMA_VERSION + 1;
  const db = new Database(path);
  db.pragma('wal_autocheckpoint = 0');
  db.transaction(() => {
    db.exec('CREATE TABLE future_feature (id INTEGER PRIMARY KEY)');
    db.prepare('INSERT INTO schema_migrations (id, name, applied_at) VALUES (?, ?, ?)').run(version, 'future-feature', Date.now());
    db.pragma(`user_version = ${version}`);
  })();
  if (!options.keepWal) {
    db.close();
    return { version, close: () => undefined };
  }
  return { version, close: () => db.close() };
}

/** Writes a database as the build with migrations up to `upTo` left it (for the migration + backup path). */
export function writeOlderDatabase(path: string, upTo: number): void {
  const db = openDatabase(path, { migrations: MIGRATIONS.filter((m) => m.id <= upTo) });
  db.close();
}

/** Every file under `dir` with its size, mode and SHA-256: equal snapshots mean nothing was touched. */
export function snapshotFolder(dir: string): Record<string, string> {
  const result: Record<string, string> = {};
  const walk = (at: string) => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const full = join(at, entry.name);
      if (entry.isDirectory()) walk(full);
      else {
        const stat = statSync(full);
        result[relative(dir, full)] = `${stat.size} ${(stat.mode & 0o777).toString(8)} ${createHash('sha256').update(readFileSync(full)).digest('hex')}`;
      }
    }
  };
  walk(dir);
  return result;
}
