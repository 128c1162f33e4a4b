// `partnerdeck doctor` (issue 16 L6/L7): what is wrong with a data folder, and what to do about it. It opens
// nothing for writing and changes nothing: the folder (exists, a folder, owned by this user, 0700), the files
// that hold secrets (owned by this user, 0600), the database's schema version against this build's, SQLite's
// `PRAGMA quick_check` on a read-only connection, and the free space of the disk. Every message a user sees
// for a damaged, unreadable or full database (core/errors.ts DATABASE_FAILURES) names this command.
import Database from 'better-sqlite3';
import { existsSync, statSync, statfsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { DB_FILE_NAME, PORTS_FILE_NAME, PREFS_FILE_NAME, SECRET_KEY_FILE_NAME } from '../paths';
import { databaseVersionState } from './data-folder-guard';

export type CheckState = 'ok' | 'warning' | 'problem';

export interface DoctorCheck {
  /** What was checked, e.g. "database integrity". */
  name: string;
  state: CheckState;
  /** What was found. */
  detail: string;
  /** What to do, when it is not ok. */
  advice?: string;
}

export interface DoctorReport {
  dataDir: string;
  checks: DoctorCheck[];
  /** The worst state of all checks. */
  state: CheckState;
}

export interface DoctorOptions {
  /** The schema version this build writes (src-main/areas.ts KNOWN_SCHEMA_VERSION). */
  knownSchemaVersion: number;
  /** better_sqlite3.node built for another ABI (Electron). */
  nativeBinding?: string;
  /** Free space below this is a warning (default 200 MiB). */
  lowSpaceBytes?: number;
  /** At most this many quick_check findings are reported (default 10). */
  maxFindings?: number;
}

const RESTORE =
  'Quit every PartnerDeck using this folder, keep a copy of the folder, then restore the newest backup next to the database ' +
  `(${DB_FILE_NAME.replace('.sqlite', '')}.schema-<version>.backup.sqlite, made before each upgrade: rename it to ${DB_FILE_NAME} and delete the -wal and -shm files), ` +
  `or recover what is readable with the sqlite3 tool: \`sqlite3 ${DB_FILE_NAME} .recover | sqlite3 recovered.sqlite\`.`;

const ownUid = (): number | null => (typeof process.getuid === 'function' ? process.getuid() : null);
const octal = (mode: number) => (mode & 0o777).toString(8).padStart(3, '0');

function permissionCheck(path: string, kind: 'folder' | 'file', wanted: number): DoctorCheck | null {
  if (!existsSync(path)) return null;
  const stat = statSync(path);
  const name = kind === 'folder' ? 'data folder permissions' : `${path.split(/[\\/]/).pop()} permissions`;
  const uid = ownUid();
  // Windows has no POSIX modes or uids: the folder lives in the user's profile, which the system protects.
  if (uid === null || process.platform === 'win32') return { name, state: 'ok', detail: 'protected by the user profile (Windows)' };
  if (stat.uid !== uid) {
    return {
      name,
      state: 'problem',
      detail: `owned by user id ${stat.uid}, not by you (${uid})`,
      advice: `Give it back to your user: \`chown ${kind === 'folder' ? '-R ' : ''}$(id -u) '${path}'\` (another user's copy can read your secrets or lock you out).`,
    };
  }
  if ((stat.mode & 0o077) !== 0) {
    return {
      name,
      state: 'problem',
      detail: `mode ${octal(stat.mode)}: other users on this computer can ${stat.mode & 0o022 ? 'change' : 'read'} it`,
      advice: `\`chmod ${octal(wanted)} '${path}'\` (PartnerDeck creates it ${octal(wanted)}; ${kind === 'folder' ? 'its files hold password hashes and sealed secrets' : 'only you should read what PartnerDeck keeps'}).`,
    };
  }
  if ((stat.mode & 0o600) !== 0o600) {
    return { name, state: 'problem', detail: `mode ${octal(stat.mode)}: you cannot read or write it`, advice: `\`chmod ${octal(wanted)} '${path}'\`.` };
  }
  return { name, state: 'ok', detail: `mode ${octal(stat.mode)}, yours` };
}

function integrityCheck(path: string, options: DoctorOptions): DoctorCheck {
  const name = 'database integrity (quick_check)';
  let db: Database.Database | null = null;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true, ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}) });
    db.pragma('busy_timeout = 5000');
    const max = options.maxFindings ?? 10;
    const rows = db.pragma(`quick_check(${max})`, { simple: false }) as { quick_check: string }[];
    const findings = rows.map((row) => row.quick_check);
    if (findings.length === 1 && findings[0] === 'ok') return { name, state: 'ok', detail: 'ok' };
    return { name, state: 'problem', detail: `damaged: ${findings.join('; ')}`, advice: RESTORE };
  } catch (error) {
    const code = String((error as { code?: unknown }).code ?? '');
    if (code.startsWith('SQLITE_BUSY')) {
      return { name, state: 'warning', detail: 'not checked: another process holds the database', advice: 'Run it again in a moment, or quit the other PartnerDeck first.' };
    }
    if (code.startsWith('SQLITE_NOTADB') || code.startsWith('SQLITE_CORRUPT')) {
      return { name, state: 'problem', detail: 'damaged: not readable as a database', advice: RESTORE };
    }
    // A process stopped in the middle of a change (a killed `seed --orders`, a crash) left its rollback journal: a
    // read-only connection may not undo it, the next start of PartnerDeck does.
    if (code === 'SQLITE_READONLY_ROLLBACK' || (code.startsWith('SQLITE_READONLY') && existsSync(`${path}-journal`))) {
      return {
        name,
        state: 'warning',
        detail: `not checked: a change that was stopped in the middle waits to be undone (${basename(path)}-journal)`,
        advice: 'The next start of PartnerDeck undoes it (any command, e.g. `partnerdeck company list`); then run `partnerdeck doctor` again.',
      };
    }
    if (code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_PERM') || code.startsWith('SQLITE_READONLY')) {
      return { name, state: 'problem', detail: code.startsWith('SQLITE_READONLY') ? 'cannot be opened for reading and writing' : 'cannot be opened', advice: 'Check the permissions above, and that the folder is on a disk that is connected and mounted.' };
    }
    return { name, state: 'problem', detail: `could not be checked (${code || (error as Error).message})`, advice: RESTORE };
  } finally {
    db?.close();
  }
}

function schemaCheck(path: string, known: number): DoctorCheck {
  const name = 'data version';
  try {
    const found = databaseVersionState(path, known);
    switch (found.state) {
      case 'new':
        return { name, state: 'ok', detail: `no database yet (this PartnerDeck writes version ${known})` };
      case 'current':
        return { name, state: 'ok', detail: `${found.version}, as this PartnerDeck writes` };
      case 'older':
        return { name, state: 'ok', detail: `${found.version}: upgraded to ${known} at the next start, after a backup copy` };
      case 'newer':
        return {
          name,
          state: 'problem',
          detail: `${found.version}, written by a newer PartnerDeck (this one reads up to ${known})`,
          advice: 'Install the newer PartnerDeck, or use another data folder (--data-dir). The folder was not changed.',
        };
    }
  } catch (error) {
    return { name, state: 'problem', detail: `the header cannot be read (${(error as Error).message})`, advice: RESTORE };
  }
}

function spaceCheck(dataDir: string, lowBytes: number): DoctorCheck {
  const name = 'free disk space';
  try {
    const stats = statfsSync(dataDir);
    const free = Number(stats.bavail) * Number(stats.bsize);
    const mib = Math.floor(free / 2 ** 20);
    if (free < lowBytes) {
      return { name, state: free < 16 * 2 ** 20 ? 'problem' : 'warning', detail: `${mib} MiB free`, advice: 'Free some space on this disk: a full disk refuses every change ("disk full").' };
    }
    return { name, state: 'ok', detail: `${mib.toLocaleString('en-US')} MiB free` };
  } catch (error) {
    return { name, state: 'warning', detail: `unknown (${(error as Error).message})` };
  }
}

/** Examines a data folder without changing it. */
export function examineDataFolder(dataDir: string, options: DoctorOptions): DoctorReport {
  const checks: DoctorCheck[] = [];
  if (!existsSync(dataDir)) {
    checks.push({ name: 'data folder', state: 'problem', detail: `${dataDir} does not exist`, advice: 'Check --data-dir; PartnerDeck creates the folder at its first start.' });
  } else if (!statSync(dataDir).isDirectory()) {
    checks.push({ name: 'data folder', state: 'problem', detail: `${dataDir} is not a folder`, advice: 'Point --data-dir at a folder.' });
  } else {
    checks.push({ name: 'data folder', state: 'ok', detail: dataDir });
    const folder = permissionCheck(dataDir, 'folder', 0o700);
    if (folder) checks.push(folder);
    const dbPath = join(dataDir, DB_FILE_NAME);
    for (const file of [DB_FILE_NAME, `${DB_FILE_NAME}-wal`, `${DB_FILE_NAME}-shm`, SECRET_KEY_FILE_NAME, PREFS_FILE_NAME, PORTS_FILE_NAME]) {
      const check = permissionCheck(join(dataDir, file), 'file', 0o600);
      if (check) checks.push(check);
    }
    checks.push(schemaCheck(dbPath, options.knownSchemaVersion));
    if (existsSync(dbPath)) checks.push(integrityCheck(dbPath, options));
    checks.push(spaceCheck(dataDir, options.lowSpaceBytes ?? 200 * 2 ** 20));
  }
  const state: CheckState = checks.some((c) => c.state === 'problem') ? 'problem' : checks.some((c) => c.state === 'warning') ? 'warning' : 'ok';
  return { dataDir, checks, state };
}

export const DATA_CHECK_WORKER_FILE = 'data-check-worker.cjs';

/**
 * The desktop app's quick check at start-up (issue 16 L6/L7): examineDataFolder in a worker thread (dist/worker/
 * data-check-worker.cjs beside the running bundle), so the window opens at once; resolves with the report, or
 * null when the check could not run (the worker bundle is missing or failed: start-up goes on, the log says why).
 */
export function checkDataFolderInBackground(
  dataDir: string,
  options: DoctorOptions & { workerPath?: string; log?: (message: string, error?: unknown) => void },
): Promise<DoctorReport | null> {
  const { workerPath = join(__dirname, '..', 'worker', DATA_CHECK_WORKER_FILE), log = () => undefined, ...doctorOptions } = options;
  if (!existsSync(workerPath)) {
    log(`the start-up check of the data folder did not run: its worker is missing at ${workerPath}`);
    return Promise.resolve(null);
  }
  return new Promise((resolve) => {
    const worker = new Worker(workerPath, { workerData: { dataDir, options: doctorOptions }, name: 'partnerdeck-data-check' });
    let report: DoctorReport | null = null;
    worker.once('message', (message: DoctorReport) => (report = message));
    worker.once('error', (error) => log('the start-up check of the data folder failed', error));
    worker.once('exit', () => resolve(report));
  });
}
