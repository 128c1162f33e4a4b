// Opens the platform's one SQLite file: WAL, foreign keys, and the numbered migrations applied at open,
// each inside its own transaction.
import Database from 'better-sqlite3';
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { MIGRATIONS, type Migration } from './migrations';

export type Db = Database.Database;

export interface OpenDatabaseOptions {
  /** Path of a better_sqlite3.node built for another ABI (Electron). */
  nativeBinding?: string;
  migrations?: readonly Migration[];
}

export function openDatabase(path: string, options: OpenDatabaseOptions = {}): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const db = new Database(path, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  db.pragma('journal_mode = WAL');
  // The file holds password hashes and sealed secrets: readable by the user only, WAL files included.
  if (path !== ':memory:') for (const file of [path, `${path}-wal`, `${path}-shm`]) if (existsSync(file)) chmodSync(file, 0o600);
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // A 64 MiB page cache and memory-mapped reads: the statistics touch rollup pages all over a file of
  // several GiB (millions of orders), and mapped pages are read without a system call each.
  db.pragma('cache_size = -65536');
  db.pragma('mmap_size = 4294967296');
  migrate(db, options.migrations ?? MIGRATIONS);
  return db;
}

export function migrate(db: Db, migrations: readonly Migration[]): number[] {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL) STRICT');
  const applied = new Set(db.prepare('SELECT id FROM schema_migrations').pluck().all() as number[]);
  const isApplied = db.prepare('SELECT 1 FROM schema_migrations WHERE id = ?').pluck();
  const ran: number[] = [];
  for (const migration of [...migrations].sort((a, b) => a.id - b.id)) {
    if (applied.has(migration.id)) continue;
    // Under the write lock, checked again: two processes opening a new folder at once apply each migration once.
    const applies = db.transaction(() => {
      if (isApplied.get(migration.id) !== undefined) return false;
      db.exec(migration.sql);
      db.prepare('INSERT INTO schema_migrations (id, name, applied_at) VALUES (?, ?, ?)').run(migration.id, migration.name, Date.now());
      return true;
    }).immediate();
    if (applies) ran.push(migration.id);
  }
  return ran;
}
