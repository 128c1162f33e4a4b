// Demo snapshots (issue 19 item 8): the whole state of a data folder's platform — every company, shop, app,
// webhook queue, the outbox and the clock's offset (a setting) — saved under a name and restored later. A
// snapshot is a copy of the database made with SQLite's online backup API (backup.ts), so it is consistent
// while a serve, the console or the desktop app keeps writing; it lives in `<data>/snapshots/<name>.sqlite`
// (0600, in a 0700 folder: it holds password hashes and sealed secrets, which the folder's secret.key opens)
// with a small `<name>.json` beside it (when, the platform time it holds, its schema version).
//
// Restoring replaces the database file in one rename, so a crash leaves the old state or the new one, never a
// mix. It refuses while any other process has the folder's database open: SQLite only lets a connection take a
// WAL database out of WAL mode when it is the only one (SQLITE_BUSY otherwise), which is exactly that test and
// also flushes the WAL into the file. A snapshot from an older version is migrated (with its backup) at the next
// open; one from a newer version is refused.
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SNAPSHOT_NAME_PATTERN } from '../../src-shared/api/areas/dev-tools';
import { ApiError } from '../../src-shared/api/errors';
import { toIso } from './clock';
import { backupDatabaseSync } from './db/backup';
import { folderInUseError, leaveWalAtOnce } from './db/exclusive-access';
import { readUserVersion } from './db/schema-version';

export const SNAPSHOTS_FOLDER = 'snapshots';
const NAME = SNAPSHOT_NAME_PATTERN;

export interface SnapshotInfo {
  name: string;
  /** Real time it was saved (ISO 8601). */
  savedAt: string;
  /** The platform time in it at that moment (the clock's offset is part of the state). */
  platformTime: string;
  schemaVersion: number;
  bytes: number;
}

export interface SnapshotOptions {
  /** The folder's database file. */
  databasePath: string;
  dataDir: string;
  /** The schema version this build knows (a newer snapshot is refused). */
  knownSchemaVersion: number;
  nativeBinding?: string;
  realNow?: () => number;
}

export function checkSnapshotName(name: string): string {
  if (!NAME.test(name)) {
    throw ApiError.validation({ name: ['a snapshot name is 1 to 64 letters, digits, dots, dashes or underscores, starting with a letter or digit (e.g. demo-before-close)'] });
  }
  return name;
}

const folderOf = (dataDir: string) => join(dataDir, SNAPSHOTS_FOLDER);
const filesOf = (dataDir: string, name: string) => ({ db: join(folderOf(dataDir), `${name}.sqlite`), meta: join(folderOf(dataDir), `${name}.json`) });

/** The clock offset stored in a database file (0 when none). */
function clockOffsetIn(path: string, nativeBinding?: string): number {
  const db = new Database(path, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
  try {
    const hasSettings = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'settings'").get();
    const value = hasSettings ? (db.prepare("SELECT value FROM settings WHERE key = 'clock.offset_ms'").pluck().get() as string | undefined) : undefined;
    return Number(value ?? '0') || 0;
  } finally {
    db.close();
  }
}

/** Saves the folder's state as `name` (replacing a snapshot of that name); consistent while other processes write. */
export function saveSnapshot(options: SnapshotOptions, rawName: string): SnapshotInfo {
  const name = checkSnapshotName(rawName);
  if (!existsSync(options.databasePath)) throw new ApiError('not_found', `There is no data in ${options.dataDir} to save yet.`, { reason: 'no_database' });
  const realNow = options.realNow ?? Date.now;
  mkdirSync(folderOf(options.dataDir), { recursive: true, mode: 0o700 });
  const files = filesOf(options.dataDir, name);
  const partial = `${files.db}.partial`;
  rmSync(partial, { force: true });
  writeFileSync(partial, '', { mode: 0o600 });
  try {
    backupDatabaseSync(options.databasePath, partial, { nativeBinding: options.nativeBinding });
    chmodSync(partial, 0o600);
    renameSync(partial, files.db);
  } catch (error) {
    rmSync(partial, { force: true });
    throw new ApiError('internal', `The snapshot "${name}" could not be saved: ${(error as Error).message}`, { reason: 'snapshot_failed' });
  }
  const savedAt = realNow();
  const info: SnapshotInfo = {
    name,
    savedAt: toIso(savedAt),
    platformTime: toIso(savedAt + clockOffsetIn(files.db, options.nativeBinding)),
    schemaVersion: readUserVersion(files.db) ?? 0,
    bytes: statSync(files.db).size,
  };
  writeFileSync(files.meta, `${JSON.stringify(info, null, 2)}\n`, { mode: 0o600 });
  return info;
}

/** The folder's snapshots, newest first. */
export function listSnapshots(dataDir: string): SnapshotInfo[] {
  const folder = folderOf(dataDir);
  if (!existsSync(folder)) return [];
  const out: SnapshotInfo[] = [];
  for (const file of readdirSync(folder)) {
    if (!file.endsWith('.sqlite')) continue;
    const name = file.slice(0, -'.sqlite'.length);
    if (!NAME.test(name)) continue;
    const files = filesOf(dataDir, name);
    let info: SnapshotInfo;
    try {
      info = JSON.parse(readFileSync(files.meta, 'utf8')) as SnapshotInfo;
    } catch {
      // A copy put there by hand: what the file itself tells.
      const stat = statSync(files.db);
      info = { name, savedAt: toIso(stat.mtimeMs), platformTime: toIso(stat.mtimeMs), schemaVersion: readUserVersion(files.db) ?? 0, bytes: stat.size };
    }
    out.push({ ...info, name, bytes: statSync(files.db).size });
  }
  return out.sort((a, b) => b.savedAt.localeCompare(a.savedAt));
}

/**
 * Replaces the folder's database with the snapshot `name`, atomically. Throws a `conflict` ApiError naming the
 * situation when another process has the database open (a serve, the console, the desktop app, `listen`).
 * `holder`: who is known to hold it (the dispatcher's pid), for the message.
 */
export function restoreSnapshot(options: SnapshotOptions, rawName: string, holder: () => string | null = () => null): SnapshotInfo {
  const name = checkSnapshotName(rawName);
  const files = filesOf(options.dataDir, name);
  if (!existsSync(files.db)) {
    const known = listSnapshots(options.dataDir).map((s) => s.name);
    throw new ApiError('not_found', `There is no snapshot "${name}"${known.length ? ` (there are: ${known.join(', ')})` : ' (none saved yet: `partnerdeck snapshot save NAME`)'}.`, { reason: 'no_snapshot' });
  }
  const version = readUserVersion(files.db) ?? 0;
  if (version > options.knownSchemaVersion) {
    throw new ApiError('conflict', `The snapshot "${name}" was saved by a newer PartnerDeck (schema ${version}; this one knows ${options.knownSchemaVersion}): update PartnerDeck to restore it.`, {
      reason: 'snapshot_too_new',
    });
  }
  const partial = `${options.databasePath}.restore-partial`;
  rmSync(partial, { force: true });
  copyFileSync(files.db, partial);
  chmodSync(partial, 0o600);
  if (existsSync(options.databasePath)) {
    const live = new Database(options.databasePath, { fileMustExist: true, ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}) });
    try {
      if (!leaveWalAtOnce(live)) throw folderInUseError(holder(), `restore "${name}"`, 'Nothing was changed.');
    } catch (error) {
      rmSync(partial, { force: true });
      throw error;
    } finally {
      live.close();
    }
  }
  // One rename: the old state or the new one. DELETE mode above has emptied and removed the WAL.
  renameSync(partial, options.databasePath);
  for (const suffix of ['-wal', '-shm']) rmSync(`${options.databasePath}${suffix}`, { force: true });
  return listSnapshots(options.dataDir).find((s) => s.name === name)!;
}

/** The schema version in a database file's header (what this build migrated the folder to after opening it). */
export function databaseSchemaVersion(path: string): number {
  return readUserVersion(path) ?? 0;
}
