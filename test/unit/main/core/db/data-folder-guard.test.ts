// The data-folder guard in the core: the schema version read from the file bytes (header and WAL) without
// opening the database, a newer folder refused untouched, an older one backed up (online backup API) before
// its migrations, and the backups pruned to the newest three.
import Database from 'better-sqlite3';
import { closeSync, existsSync, mkdirSync, openSync, readSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BACKUPS_KEPT, backupPathFor, listBackups } from '../../../../../src-main/core/db/backup';
import { openDatabase } from '../../../../../src-main/core/db/database';
import { databaseVersionState, NewerDataFolderError } from '../../../../../src-main/core/db/data-folder-guard';
import { KNOWN_SCHEMA_VERSION, MIGRATIONS } from '../../../../../src-main/areas';
import { readUserVersion } from '../../../../../src-main/core/db/schema-version';
import { DB_FILE_NAME } from '../../../../../src-main/core/paths';
import { snapshotFolder, writeNewerDataFolder, writeOlderDatabase } from '../../../../helpers/data-folders';
import { tempDir } from '../../../../helpers/platform';

const dirs: Array<{ remove(): void }> = [];
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));
function folder(): string {
  const dir = tempDir('pd-guard-');
  dirs.push(dir);
  return dir.path;
}

describe('schema version without opening the database', () => {
  it('is null for a new folder, and the newest migration id once this build opened it', () => {
    const path = join(folder(), DB_FILE_NAME);
    expect(readUserVersion(path)).toBeNull();
    expect(databaseVersionState(path, KNOWN_SCHEMA_VERSION)).toEqual({ state: 'new' });
    openDatabase(path, { migrations: MIGRATIONS }).close();
    expect(KNOWN_SCHEMA_VERSION).toBeGreaterThanOrEqual(9);
    expect(readUserVersion(path)).toBe(KNOWN_SCHEMA_VERSION);
    expect(databaseVersionState(path, KNOWN_SCHEMA_VERSION)).toEqual({ state: 'current', version: KNOWN_SCHEMA_VERSION });
  });

  it('reads a version that so far lives only in the write-ahead log, and ignores a torn last frame', () => {
    const path = join(folder(), DB_FILE_NAME);
    openDatabase(path, { migrations: MIGRATIONS }).close();
    const db = new Database(path);
    db.pragma('wal_autocheckpoint = 0');
    db.pragma('user_version = 41');
    db.pragma('user_version = 42');
    try {
      // The main file still says what the last checkpoint wrote.
      const header = Buffer.alloc(100);
      const fd = openSync(path, 'r');
      readSync(fd, header, 0, 100, 0);
      closeSync(fd);
      expect(header.readUInt32BE(60)).toBe(KNOWN_SCHEMA_VERSION);
      expect(readUserVersion(path)).toBe(42);
      // Cut the last frame in half: SQLite's recovery (and this reader) stop at the previous commit.
      const wal = `${path}-wal`;
      truncateSync(wal, statSync(wal).size - 100);
      expect(readUserVersion(path)).toBe(41);
    } finally {
      db.close();
    }
  });

  it('says a file that is not SQLite is not a database', () => {
    const path = join(folder(), DB_FILE_NAME);
    writeFileSync(path, 'hello, this is not a database file at all'.repeat(4));
    expect(() => readUserVersion(path)).toThrow(/is not a SQLite database/);
  });
});

describe('a folder from a newer PartnerDeck', () => {
  it('is refused with one line, before anything is opened or created', () => {
    const dir = folder();
    const { version } = writeNewerDataFolder(dir);
    const before = snapshotFolder(dir);
    expect(Object.keys(before)).toEqual([DB_FILE_NAME]);
    let thrown: unknown;
    try {
      openDatabase(join(dir, DB_FILE_NAME), { migrations: MIGRATIONS });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(NewerDataFolderError);
    const message = (thrown as Error).message;
    expect(message).not.toContain('\n');
    expect(message).toContain(`data version ${version}; this PartnerDeck reads up to ${KNOWN_SCHEMA_VERSION}`);
    expect(message).toMatch(/was not opened or changed/);
    // No -wal, no -shm, no backup, the same bytes.
    expect(snapshotFolder(dir)).toEqual(before);
  });

  it('is refused when the newer version is still in its write-ahead log (a crashed newer app)', () => {
    const dir = folder();
    const newer = writeNewerDataFolder(dir, { keepWal: true });
    try {
      const before = snapshotFolder(dir);
      expect(Object.keys(before).sort()).toEqual([DB_FILE_NAME, `${DB_FILE_NAME}-shm`, `${DB_FILE_NAME}-wal`]);
      expect(() => openDatabase(join(dir, DB_FILE_NAME), { migrations: MIGRATIONS })).toThrow(NewerDataFolderError);
      expect(snapshotFolder(dir)).toEqual(before);
    } finally {
      newer.close();
    }
  });

  it('is refused by its applied migrations when the header carries no version (a build before the guard)', () => {
    const dir = folder();
    writeNewerDataFolder(dir);
    const db = new Database(join(dir, DB_FILE_NAME));
    db.pragma('user_version = 0');
    db.close();
    expect(() => openDatabase(join(dir, DB_FILE_NAME), { migrations: MIGRATIONS })).toThrow(new RegExp(`data version ${KNOWN_SCHEMA_VERSION + 1}`));
    const check = new Database(join(dir, DB_FILE_NAME), { readonly: true });
    expect(check.prepare("SELECT COUNT(*) FROM sqlite_master WHERE name = 'future_feature'").pluck().get()).toBe(1);
    check.close();
  });
});

describe('a folder from an older PartnerDeck', () => {
  it('is backed up (private, with its version in the name) before its migrations run', () => {
    const dir = folder();
    const path = join(dir, DB_FILE_NAME);
    writeOlderDatabase(path, 7);
    const old = new Database(path);
    old.prepare("INSERT INTO settings (key, value) VALUES ('marker', 'from version 7')").run();
    old.close();

    const db = openDatabase(path, { migrations: MIGRATIONS });
    expect(db.prepare('SELECT MAX(id) FROM schema_migrations').pluck().get()).toBe(KNOWN_SCHEMA_VERSION);
    expect(db.pragma('user_version', { simple: true })).toBe(KNOWN_SCHEMA_VERSION);
    db.close();

    const backup = backupPathFor(path, 7);
    expect(backup).toBe(join(dir, 'partnerdeck.schema-7.backup.sqlite'));
    expect(statSync(backup).mode & 0o777).toBe(0o600);
    expect(existsSync(`${backup}.partial`)).toBe(false);
    const copy = new Database(backup, { readonly: true });
    expect(copy.prepare('SELECT MAX(id) FROM schema_migrations').pluck().get()).toBe(7);
    expect(copy.prepare("SELECT value FROM settings WHERE key = 'marker'").pluck().get()).toBe('from version 7');
    copy.close();
  });

  it('makes no backup for a new or an up-to-date folder', () => {
    const dir = folder();
    const path = join(dir, DB_FILE_NAME);
    openDatabase(path, { migrations: MIGRATIONS }).close();
    openDatabase(path, { migrations: MIGRATIONS }).close();
    expect(listBackups(path)).toEqual([]);
  });

  it(`keeps the newest ${BACKUPS_KEPT} backups`, () => {
    const dir = folder();
    const path = join(dir, DB_FILE_NAME);
    for (const version of [1, 2, 3, 4]) writeFileSync(backupPathFor(path, version), `old backup ${version}`);
    writeOlderDatabase(path, 5);
    openDatabase(path, { migrations: MIGRATIONS }).close();
    expect(listBackups(path).map((b) => b.version)).toEqual([5, 4, 3]);
  });

  it('leaves the database as it was when the backup cannot be written', () => {
    const dir = folder();
    const path = join(dir, DB_FILE_NAME);
    writeOlderDatabase(path, 6);
    // A folder where the partial file's name is taken by a directory: the copy fails.
    mkdirSync(`${backupPathFor(path, 6)}.partial`);
    expect(() => openDatabase(path, { migrations: MIGRATIONS })).toThrow(/could not back up .* before updating it \(nothing was changed\)/);
    const check = new Database(path, { readonly: true });
    expect(check.prepare('SELECT MAX(id) FROM schema_migrations').pluck().get()).toBe(6);
    check.close();
  });
});
