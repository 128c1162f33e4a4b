// Opens the platform's one SQLite file: WAL, foreign keys, and the numbered migrations applied at open,
// each inside its own transaction. A file from a newer PartnerDeck is refused before it is opened; an older
// one is backed up before its migrations run (data-folder-guard.ts, backup.ts).
import Database from 'better-sqlite3';
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { backupBeforeMigration } from './backup';
import { assertDatabaseNotNewer, NewerDataFolderError, schemaVersionOf } from './data-folder-guard';
import type { Migration } from './migrations';

export type Db = Database.Database;

export interface OpenDatabaseOptions {
  /** Path of a better_sqlite3.node built for another ABI (Electron). */
  nativeBinding?: string;
  /** Every migration this build knows (the areas', src-main/areas.ts MIGRATIONS); the newest is the schema version. */
  migrations: readonly Migration[];
  /** Copy an existing database before migrating it (default true; `false` for throwaway test files). */
  backup?: boolean;
}

export function openDatabase(path: string, options: OpenDatabaseOptions): Db {
  const { migrations } = options;
  const known = schemaVersionOf(migrations);
  if (path !== ':memory:') {
    // Before anything is created or opened: a newer build's file is not touched at all.
    assertDatabaseNotNewer(path, known);
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  }
  const db = new Database(path, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  try {
    prepareConnection(db, path);
    const applied = appliedMigrationIds(db);
    const knownIds = new Set(migrations.map((m) => m.id));
    // Folders from builds before the version was recorded in the header: the migration ids tell.
    if (applied.some((id) => !knownIds.has(id))) throw new NewerDataFolderError(path, Math.max(...applied), known);
    const pending = migrations.some((m) => !applied.includes(m.id));
    if (pending && applied.length > 0 && path !== ':memory:' && options.backup !== false) {
      backupBeforeMigration(path, Math.max(...applied), { nativeBinding: options.nativeBinding });
    }
    migrate(db, migrations);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Ids of the migrations applied to `db` (none for a new file). */
function appliedMigrationIds(db: Db): number[] {
  const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get();
  return table ? (db.prepare('SELECT id FROM schema_migrations ORDER BY id').pluck().all() as number[]) : [];
}

function prepareConnection(db: Db, path: string): void {
  db.pragma('journal_mode = WAL');
  // The file holds password hashes and sealed secrets: readable by the user only, WAL files included.
  if (path !== ':memory:') for (const file of [path, `${path}-wal`, `${path}-shm`]) if (existsSync(file)) chmodSync(file, 0o600);
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  // Deleted rows (a revoked token, a rotated app secret, a deleted user's hash) are overwritten with zeros in the
  // pages that are written anyway (L11); FAST adds no I/O, unlike ON, which also zeroes whole freed pages.
  db.pragma('secure_delete = FAST');
  db.pragma('busy_timeout = 5000');
  // A 64 MiB page cache and memory-mapped reads: the statistics touch rollup pages all over a file of
  // several GiB (millions of orders), and mapped pages are read without a system call each.
  db.pragma('cache_size = -65536');
  db.pragma('mmap_size = 4294967296');
}

/**
 * Applies the migrations `db` lacks, each in its own transaction together with the schema version in the
 * header (`user_version`: the highest applied id), which newer and older builds read before opening the file.
 */
export function migrate(db: Db, migrations: readonly Migration[]): number[] {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL) STRICT');
  const applied = new Set(db.prepare('SELECT id FROM schema_migrations').pluck().all() as number[]);
  const isApplied = db.prepare('SELECT 1 FROM schema_migrations WHERE id = ?').pluck();
  const ran: number[] = [];
  const userVersion = () => db.pragma('user_version', { simple: true }) as number;
  for (const migration of [...migrations].sort((a, b) => a.id - b.id)) {
    if (applied.has(migration.id)) continue;
    // Under the write lock, checked again: two processes opening a new folder at once apply each migration once.
    const applies = db.transaction(() => {
      if (isApplied.get(migration.id) !== undefined) return false;
      db.exec(migration.sql);
      db.prepare('INSERT INTO schema_migrations (id, name, applied_at) VALUES (?, ?, ?)').run(migration.id, migration.name, Date.now());
      db.pragma(`user_version = ${Math.max(userVersion(), migration.id)}`);
      return true;
    }).immediate();
    if (applies) ran.push(migration.id);
  }
  // A database from before the version was recorded gets it now.
  const highest = (db.prepare('SELECT COALESCE(MAX(id), 0) FROM schema_migrations').pluck().get() as number);
  if (userVersion() < highest) db.pragma(`user_version = ${highest}`);
  return ran;
}
