// The automatic copy of a data folder's database before its migrations run: SQLite's online backup API
// (better-sqlite3's `db.backup`, a consistent copy even while another process writes), into
// `<name>.schema-<version>.backup.sqlite` next to the database, readable by the user only. The newest
// BACKUPS_KEPT copies are kept; older ones are deleted after a successful copy.
//
// better-sqlite3's backup is asynchronous, while opening the platform is synchronous in every caller (CLI
// commands, hosts, tests). The copy therefore runs in a short-lived worker thread with its own connection,
// and this thread waits for it with Atomics.wait and reads the outcome with receiveMessageOnPort. The worker's
// code is an inline string (eval), so it is part of this bundle and of the app's integrity-checked archive.
import { chmodSync, existsSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, extname, join } from 'node:path';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';

/** How many backups of one database are kept (the newest by schema version). */
export const BACKUPS_KEPT = 3;
const BACKUP_TIMEOUT_MS = 30 * 60_000;

const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const { modulePath, source, destination, nativeBinding, signal, port } = workerData;
(async () => {
  let outcome;
  try {
    const Database = require(modulePath);
    const db = new Database(source, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
    try {
      const progress = await db.backup(destination);
      outcome = { ok: true, pages: progress.totalPages };
    } finally {
      db.close();
    }
  } catch (error) {
    outcome = { ok: false, message: String((error && error.message) || error) };
  }
  port.postMessage(outcome);
  Atomics.store(signal, 0, 1);
  Atomics.notify(signal, 0);
})();
`;

export interface BackupOptions {
  /** better_sqlite3.node for another ABI (Electron). */
  nativeBinding?: string;
}

/** The better-sqlite3 entry the worker loads: the same package this bundle (or test) uses. */
function betterSqlitePath(): string {
  return createRequire(__filename).resolve('better-sqlite3');
}

/** Copies the database at `source` to `destination` with the online backup API; returns the page count. */
export function backupDatabaseSync(source: string, destination: string, options: BackupOptions = {}): number {
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { modulePath: betterSqlitePath(), source, destination, nativeBinding: options.nativeBinding, signal, port: port2 },
    transferList: [port2],
  });
  try {
    const waited = Atomics.wait(signal, 0, 0, BACKUP_TIMEOUT_MS);
    const outcome = receiveMessageOnPort(port1)?.message as { ok: true; pages: number } | { ok: false; message: string } | undefined;
    if (!outcome) throw new Error(waited === 'timed-out' ? 'the backup did not finish in 30 minutes' : 'the backup worker stopped without an answer');
    if (!outcome.ok) throw new Error(outcome.message);
    return outcome.pages;
  } finally {
    port1.close();
    void worker.terminate();
  }
}

/** `<dir>/<name>.schema-<version>.backup.sqlite` for the database `<dir>/<name>.sqlite`. */
export function backupPathFor(databasePath: string, version: number): string {
  const name = basename(databasePath, extname(databasePath));
  return join(dirname(databasePath), `${name}.schema-${version}.backup.sqlite`);
}

/** The backups of `databasePath` on disk, newest schema version first. */
export function listBackups(databasePath: string): Array<{ path: string; version: number }> {
  const name = basename(databasePath, extname(databasePath));
  const pattern = new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.schema-(\\d+)\\.backup\\.sqlite$`);
  const dir = dirname(databasePath);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .map((file) => ({ file, match: pattern.exec(file) }))
    .filter((entry): entry is { file: string; match: RegExpExecArray } => entry.match !== null)
    .map(({ file, match }) => ({ path: join(dir, file), version: Number(match[1]) }))
    .sort((a, b) => b.version - a.version);
}

/**
 * Backs up the database at `databasePath` (schema `version`) before a migration: written under a temporary
 * name and renamed when complete, so a cut-off copy never looks like a backup; mode 0600 (it holds password
 * hashes and sealed secrets). Keeps the newest BACKUPS_KEPT. Returns the backup's path.
 */
export function backupBeforeMigration(databasePath: string, version: number, options: BackupOptions = {}): string {
  const target = backupPathFor(databasePath, version);
  const partial = `${target}.partial`;
  try {
    rmSync(partial, { force: true });
    // Created private first: SQLite writes into the existing file and keeps its mode.
    writeFileSync(partial, '', { mode: 0o600 });
    backupDatabaseSync(databasePath, partial, options);
    chmodSync(partial, 0o600);
    renameSync(partial, target);
  } catch (error) {
    try {
      rmSync(partial, { force: true });
    } catch {
      // Not ours to remove (a folder of that name).
    }
    throw new Error(`could not back up ${databasePath} before updating it (nothing was changed): ${(error as Error).message}`);
  }
  for (const old of listBackups(databasePath).slice(BACKUPS_KEPT)) rmSync(old.path, { force: true });
  return target;
}
