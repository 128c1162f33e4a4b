// Issue 16 L6/L7 and L11: a failing data folder is told in the user's words, never with SQLite's own message —
// disk full is a 507 "disk full" (nothing written), a lock that times out is a 503 with Retry-After, a damaged
// database names `partnerdeck doctor` (REST, CLI) — and `partnerdeck doctor` checks integrity, data version,
// permissions and space without changing anything. L11: the data folder is created 0700 on every path, prefs
// 0600, and deleted rows do not stay readable in the database file (secure_delete).
import Database from 'better-sqlite3';
import { chmodSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJsonFilePrefs } from '../../src-main/console/prefs';
import { KNOWN_SCHEMA_VERSION, openPlatform } from '../../src-main/areas';
import { internalsOf } from '../../src-main/core/platform-internals';
import { checkDataFolderInBackground, DATA_CHECK_WORKER_FILE } from '../../src-main/core/db/doctor';
import { startupProblemBox } from '../../src-main/electron/data-folder-check';
import { createKeyFileSecretStore } from '../../src-main/core/secrets/key-file-secret-store';
import { assertBuilt, runCli } from '../helpers/cli';
import { ANNA, api, startOAuthFixture, tokensFor, type OAuthFixture } from '../helpers/oauth';

const SQLITE_WORDS = /SQLITE|database or disk is full|database is locked|malformed|file is not a database/i;

let fixture: OAuthFixture;
const folders: string[] = [];
const folder = () => {
  const dir = mkdtempSync(join(tmpdir(), 'pd-health-'));
  folders.push(dir);
  return dir;
};

beforeAll(async () => {
  assertBuilt();
  fixture = await startOAuthFixture();
});
afterAll(async () => {
  await fixture?.close();
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});


/** Overwrites the pages after the header and the schema: the tables' contents are garbage now. */
function damage(dbFile: string): void {
  const size = statSync(dbFile).size;
  const fd = openSync(dbFile, 'r+');
  const garbage = Buffer.alloc(4096 * 8, 0xa5);
  for (let offset = 4096 * 4; offset + garbage.length < size; offset += 4096 * 16) writeSync(fd, garbage, 0, garbage.length, offset);
  closeSync(fd);
}
describe('database failures in the REST API (L6/L7)', () => {
  it('a full disk is a 507 "disk full" in words, and nothing is written', async () => {
    const { access } = await tokensFor(fixture, { email: ANNA, scope: 'products' });
    const db = fixture.platform.db;
    const count = () => db.prepare('SELECT count(*) FROM products').pluck().get() as number;
    const before = count();
    // The database may not grow: the next page it needs is "disk full" (SQLITE_FULL), as on a full disk.
    const pages = db.pragma('page_count', { simple: true }) as number;
    db.pragma(`max_page_count = ${pages}`);
    let reply: Awaited<ReturnType<typeof api>> | null = null;
    let created = 0;
    try {
      for (let i = 0; i < 400; i++) {
        reply = await api(fixture, 'POST', '/admin/products.json', access, { product: { kind: 'service', name: `Filler ${i}`, description: `${i} ${'x'.repeat(4000)}`, price_minor: 100 } });
        if (reply.status !== 201) break;
        created += 1;
      }
    } finally {
      db.pragma('max_page_count = 4294967294');
    }
    expect(reply!.status).toBe(507);
    expect(reply!.body).toEqual({ errors: expect.stringContaining('The disk is full: nothing was written') });
    expect(JSON.stringify(reply!.body)).not.toMatch(SQLITE_WORDS);
    expect(count()).toBe(before + created);
  });

  it('a write lock held past the wait is a 503 with Retry-After, in words; nothing is written', async () => {
    const { access } = await tokensFor(fixture, { email: ANNA, scope: 'products' });
    const db = fixture.platform.db;
    const before = db.prepare('SELECT count(*) FROM products').pluck().get() as number;
    const other = new Database(db.name);
    db.pragma('busy_timeout = 200');
    other.prepare('BEGIN IMMEDIATE').run();
    try {
      const reply = await api(fixture, 'POST', '/admin/products.json', access, { product: { kind: 'service', name: 'Blocked', price_minor: 100 } });
      expect(reply.status).toBe(503);
      expect(reply.headers.get('retry-after')).toBe('2');
      expect(reply.body).toEqual({ errors: expect.stringContaining('busy with another PartnerDeck process') });
      expect(JSON.stringify(reply.body)).not.toMatch(SQLITE_WORDS);
    } finally {
      other.prepare('ROLLBACK').run();
      other.close();
      db.pragma('busy_timeout = 5000');
    }
    expect(db.prepare('SELECT count(*) FROM products').pluck().get()).toBe(before);
  });
});

describe('partnerdeck doctor, and a damaged folder in the CLI (L6/L7)', () => {
  it('a healthy folder: every check ok, exit 0, nothing changed', () => {
    const dir = folder();
    expect(runCli(['company', 'list', '--data-dir', dir]).status).toBe(0);
    const dbFile = join(dir, 'partnerdeck.sqlite');
    const before = readFileSync(dbFile);
    const run = runCli(['doctor', '--data-dir', dir, '--json']);
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.state).toBe('ok');
    expect(report.checks.map((c: { name: string }) => c.name)).toEqual(
      expect.arrayContaining(['data folder', 'data folder permissions', 'partnerdeck.sqlite permissions', 'secret.key permissions', 'data version', 'database integrity (quick_check)', 'free disk space']),
    );
    expect(readFileSync(dbFile).equals(before)).toBe(true);
    const text = runCli(['doctor', '--data-dir', dir]);
    expect(text.stdout).toContain('All checks passed.');
  });

  it('names what is wrong: a damaged database (with what to do), a folder other users can read; a command on it says one line naming doctor', () => {
    const dir = folder();
    expect(runCli(['company', 'list', '--data-dir', dir]).status).toBe(0);
    const dbFile = join(dir, 'partnerdeck.sqlite');
    damage(dbFile);
    chmodSync(dir, 0o755);

    const doctor = runCli(['doctor', '--data-dir', dir, '--json']);
    expect(doctor.status).toBe(1);
    const report = JSON.parse(doctor.stdout);
    const check = (name: string) => report.checks.find((c: { name: string }) => c.name === name);
    expect(check('database integrity (quick_check)')).toMatchObject({ state: 'problem', advice: expect.stringContaining('.recover') });
    expect(check('data folder permissions')).toMatchObject({ state: 'problem', detail: expect.stringContaining('mode 755'), advice: expect.stringContaining('chmod 700') });

    const list = runCli(['company', 'list', '--data-dir', dir]);
    expect(list.status).toBe(1);
    const lines = list.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('partnerdeck doctor');
    expect(list.stderr).not.toMatch(SQLITE_WORDS);
  });

  it('a database that is no database at all: one line naming doctor', () => {
    const dir = folder();
    expect(runCli(['company', 'list', '--data-dir', dir]).status).toBe(0);
    rmSync(join(dir, 'partnerdeck.sqlite-wal'), { force: true });
    rmSync(join(dir, 'partnerdeck.sqlite-shm'), { force: true });
    const fd = openSync(join(dir, 'partnerdeck.sqlite'), 'r+');
    writeSync(fd, Buffer.alloc(100, 0x41), 0, 100, 0);
    closeSync(fd);
    const list = runCli(['company', 'list', '--data-dir', dir]);
    expect(list.status).toBe(1);
    expect(list.stderr.trim().split('\n')).toHaveLength(1);
    expect(list.stderr).toContain('partnerdeck doctor');
    expect(list.stderr).not.toMatch(SQLITE_WORDS);
  });
});

describe("the desktop app's start-up check (L6/L7)", () => {
  it('runs the doctor in a worker thread: a damaged database is a problem with what to do; without the worker it reports nothing', async () => {
    const dir = folder();
    expect(runCli(['company', 'list', '--data-dir', dir]).status).toBe(0);
    const workerPath = join(process.cwd(), 'dist', 'worker', DATA_CHECK_WORKER_FILE);
    const healthy = await checkDataFolderInBackground(dir, { knownSchemaVersion: KNOWN_SCHEMA_VERSION, workerPath });
    expect(healthy?.state).toBe('ok');
    expect(startupProblemBox(healthy!)).toBeNull();

    const dbFile = join(dir, 'partnerdeck.sqlite');
    damage(dbFile);
    const damaged = await checkDataFolderInBackground(dir, { knownSchemaVersion: KNOWN_SCHEMA_VERSION, workerPath });
    expect(damaged?.state).toBe('problem');
    const box = startupProblemBox(damaged!)!;
    expect(box.message).toContain('database integrity');
    expect(box.detail).toContain('.recover');
    expect(box.detail).toContain('partnerdeck doctor');
    expect(box.detail).not.toMatch(/SQLITE_|malformed|file is not a database/); // (the file name partnerdeck.sqlite is fine)

    const logged: string[] = [];
    const missing = await checkDataFolderInBackground(dir, { knownSchemaVersion: KNOWN_SCHEMA_VERSION, workerPath: join(dir, 'no-such-worker.cjs'), log: (m) => logged.push(m) });
    expect(missing).toBeNull();
    expect(logged[0]).toContain('did not run');
  });
});

describe('the data folder on disk (L11)', () => {
  it('is created 0700 by every path that creates it; prefs are 0600', () => {
    const base = folder();
    const viaDatabase = join(base, 'a', 'deep', 'folder');
    const platform = openPlatform({ dataDir: viaDatabase, secretStore: createKeyFileSecretStore(join(base, 'b', 'deep', 'secret.key')) });
    platform.close();
    expect(statSync(viaDatabase).mode & 0o777).toBe(0o700);
    expect(statSync(join(base, 'b', 'deep')).mode & 0o777).toBe(0o700);
    const prefsFile = join(base, 'c', 'deep', 'prefs.json');
    const prefs = createJsonFilePrefs(prefsFile);
    prefs.set('recentCompanyIds', [1]);
    expect(existsSync(prefsFile)).toBe(true);
    expect(statSync(join(base, 'c', 'deep')).mode & 0o777).toBe(0o700);
    expect(statSync(prefsFile).mode & 0o777).toBe(0o600);
  });

  it('a deleted row does not stay readable in the database file (secure_delete)', () => {
    const dir = folder();
    const platform = internalsOf(openPlatform({ dataDir: dir, secretStore: createKeyFileSecretStore(join(dir, 'secret.key')) }));
    const marker = `secret-${'7'.repeat(40)}`;
    platform.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run('test.marker', marker);
    platform.db.pragma('wal_checkpoint(TRUNCATE)');
    expect(readFileSync(join(dir, 'partnerdeck.sqlite')).includes(marker)).toBe(true);
    platform.db.prepare('DELETE FROM settings WHERE key = ?').run('test.marker');
    platform.db.pragma('wal_checkpoint(TRUNCATE)');
    expect(readFileSync(join(dir, 'partnerdeck.sqlite')).includes(marker)).toBe(false);
    platform.close();
  });
});
