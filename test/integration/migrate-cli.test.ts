// `partnerdeck migrate` as a real process against the test PostgreSQL (test/helpers/postgres.ts): the demo folder
// copied into an empty database with every count equal, ids and sealed secrets kept (an app's secret still verifies),
// an issued document readable and still immutable, the moved clock equal, sequences past the copied ids;
// a second run refused (not empty, naming what it found); a copy failing half way leaves the database empty; a
// folder in use refused; a bad URL, an unreachable
// server and a wrong password said in the user's words.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src-main/areas';
import { copyFolderToPostgres } from '../../src-main/core/postgres/copy-to-postgres';
import { createKeyFileSecretStore } from '../../src-main/core/secrets/key-file-secret-store';
import { matchesHashOf, presentedHash } from '../../src-main/core/secrets/secret-hash';
import { assertBuilt, runCliAsync } from '../helpers/cli';
import { createTestDatabase, postgresSuiteTitle, probePostgres, type TestDatabase } from '../helpers/postgres';

const probe = await probePostgres();

describe.skipIf(probe.reason !== null)(postgresSuiteTitle('partnerdeck migrate', probe), () => {
  let dataDir: string;
  let target: TestDatabase;
  const dbFile = () => join(dataDir, 'partnerdeck.sqlite');

  beforeAll(async () => {
    assertBuilt();
    dataDir = mkdtempSync(join(tmpdir(), 'pd-migrate-'));
    // Any command on an empty folder seeds the demo; a snapshot save is one that leaves nothing running.
    expect((await runCliAsync(['snapshot', 'save', 'before', '--data-dir', dataDir])).status).toBe(0);
    // Issued (immutable) documents and a moved clock, so both have to survive the copy.
    const now = new Date();
    const lastMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
    const closed = await runCliAsync(['close-month', lastMonth, '--data-dir', dataDir, '--json']);
    expect(closed.stderr).toBe('');
    expect((await runCliAsync(['clock', 'advance', '3d', '--offline', '--data-dir', dataDir])).status).toBe(0);
    target = await createTestDatabase();
  });
  afterAll(async () => {
    await target?.drop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('copies the demo folder with every count and money sum equal, ids and sealed secrets kept', async () => {
    const run = await runCliAsync(['migrate', '--from', dataDir, '--to', target.url, '--json']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout) as { rows: number; clockOffsetMs: number; tables: { table: string; sqlite: number; postgres: number; moneySqlite: string | null; moneyPostgres: string | null }[]; secrets: { keyFile: number } };
    const lite = new Database(dbFile(), { readonly: true });
    try {
      for (const t of report.tables) {
        expect(t.postgres, t.table).toBe(t.sqlite);
        expect(t.moneyPostgres, t.table).toBe(t.moneySqlite);
        expect(t.sqlite, t.table).toBe(lite.prepare(`SELECT COUNT(*) FROM "${t.table}"`).pluck().get());
        const { rows } = await target.client.query(`SELECT COUNT(*)::int AS n FROM "${t.table}"`);
        expect(rows[0].n, t.table).toBe(t.sqlite);
      }
      expect(report.rows).toBeGreaterThan(1000);
      expect(report.tables.find((t) => t.table === 'orders')!.sqlite).toBeGreaterThan(0);
      // Ids and the sealed secrets as they were, byte for byte.
      const apps = lite.prepare('SELECT id, client_id, client_secret_sealed FROM apps ORDER BY id').all();
      const { rows: pgApps } = await target.client.query('SELECT id::int, client_id, client_secret_sealed FROM apps ORDER BY id');
      expect(pgApps).toEqual(apps);
      const sealed = lite.prepare("SELECT (SELECT COUNT(*) FROM apps WHERE client_secret_sealed LIKE 'kf1:%') + (SELECT COUNT(*) FROM apps WHERE previous_secret_sealed LIKE 'kf1:%') + (SELECT COUNT(*) FROM oauth_tokens WHERE successor_sealed LIKE 'kf1:%')").pluck().get();
      expect(sealed).toBeGreaterThan(0);
      expect(report.secrets.keyFile).toBe(sealed);
      const companies = lite.prepare('SELECT id, name, partner_id FROM companies ORDER BY id').all();
      const { rows: pgCompanies } = await target.client.query('SELECT id::int, name, partner_id::int FROM companies ORDER BY id');
      expect(pgCompanies).toEqual(companies);
      // An issued document reads back as it was, and stays immutable on PostgreSQL (the triggers fire on
      // UPDATE/DELETE only, so the copy's INSERTs pass; the copy never updates a row).
      const document = lite.prepare("SELECT id, number, type, recipient_name, month, currency, net_minor, vat_minor, gross_minor, recipient, issued_at FROM billing_documents ORDER BY id DESC LIMIT 1").get() as Record<string, unknown> | undefined;
      expect(document, 'close-month issued documents').toBeDefined();
      const { rows: pgDocument } = await target.client.query('SELECT id::int, number, type, recipient_name, month, currency, net_minor::int, vat_minor::int, gross_minor::int, recipient, issued_at::bigint AS issued_at FROM billing_documents WHERE id = $1', [document!.id]);
      expect({ ...pgDocument[0], issued_at: Number(pgDocument[0].issued_at) }).toEqual(document);
      const linesOf = 'SELECT COUNT(*) FROM billing_document_lines l JOIN billing_document_sections s ON s.id = l.section_id WHERE s.document_id = ';
      const lines = lite.prepare(`${linesOf}?`).pluck().get(document!.id) as number;
      expect(lines).toBeGreaterThan(0);
      const { rows: pgLines } = await target.client.query(`${linesOf.replace('COUNT(*)', 'COUNT(*)::int AS n')}$1`, [document!.id]);
      expect(pgLines[0].n).toBe(lines);
      await expect(target.client.query('UPDATE billing_documents SET gross_minor = gross_minor + 1 WHERE id = $1', [document!.id])).rejects.toThrow(/issued documents are immutable/);
      // An OAuth client's secret, opened from PostgreSQL's sealed copy with the folder's key file, still verifies
      // against PostgreSQL's hash (what client authentication checks).
      const { rows: [pgApp] } = await target.client.query("SELECT client_id, client_secret_sealed, client_secret_hash FROM apps WHERE client_secret_sealed LIKE 'kf1:%' ORDER BY id LIMIT 1");
      const secret = createKeyFileSecretStore(join(dataDir, 'secret.key')).open(pgApp.client_secret_sealed);
      expect(secret.length).toBeGreaterThan(20);
      expect(matchesHashOf(presentedHash(secret), pgApp.client_secret_hash)).toBe(true);
      expect(matchesHashOf(presentedHash(`${secret}x`), pgApp.client_secret_hash)).toBe(false);
      // The platform clock: the moved offset, equal on both sides and in the report.
      const offset = Number(lite.prepare("SELECT value FROM settings WHERE key = 'clock.offset_ms'").pluck().get());
      expect(offset).toBeGreaterThanOrEqual(3 * 86_400_000);
      const { rows: pgClock } = await target.client.query("SELECT value FROM settings WHERE key = 'clock.offset_ms'");
      expect(Number(pgClock[0].value)).toBe(offset);
      expect(report.clockOffsetMs).toBe(offset);
      // The next company gets the next id, not one the copy already used.
      const maxId = lite.prepare('SELECT MAX(id) FROM companies').pluck().get() as number;
      const { rows: fresh } = await target.client.query("INSERT INTO companies (name, country, created_at, updated_at) VALUES ('New', 'DE', 0, 0) RETURNING id::int");
      expect(fresh[0].id).toBe(maxId + 1);
      await target.client.query('DELETE FROM companies WHERE id = $1', [fresh[0].id]);
    } finally {
      lite.close();
    }
  });

  it('refuses a second run into the now non-empty database, naming what it found', async () => {
    const again = await runCliAsync(['migrate', '--from', dataDir], { PARTNERDECK_DATABASE_URL: target.url });
    expect(again.status).not.toBe(0);
    expect(again.stderr).toMatch(/is not empty \(it has table public\.\w+/);
    expect(again.stderr).toContain('Nothing was copied.');
    expect(again.stderr).not.toContain('partnerdeck_test@'); // the password is never printed
  });

  it('refuses a folder another process has open, copying nothing', async () => {
    const other = await createTestDatabase();
    const holder = new Database(dbFile());
    holder.prepare('SELECT COUNT(*) FROM companies').get();
    try {
      const run = await runCliAsync(['migrate', '--from', dataDir, '--to', other.url]);
      expect(run.status).not.toBe(0);
      expect(run.stderr).toMatch(/Another process has this data folder open.*Nothing was copied\./);
      const { rows } = await other.client.query("SELECT COUNT(*)::int AS n FROM pg_tables WHERE schemaname = 'public'");
      expect(rows[0].n).toBe(0);
    } finally {
      holder.close();
      await other.drop();
    }
  });

  it('leaves the database empty when the copy fails half way (one transaction: schema and rows together)', async () => {
    const other = await createTestDatabase();
    let tables = 0;
    try {
      await expect(
        copyFolderToPostgres({
          databasePath: dbFile(),
          url: new URL(other.url),
          migrations: MIGRATIONS,
          // Fails after the tenth table has been copied (companies, users, … are in by then).
          onProgress: () => {
            if (++tables === 10) throw new Error('interrupted on purpose');
          },
        }),
      ).rejects.toThrow('interrupted on purpose');
      expect(tables).toBe(10);
      const { rows } = await other.client.query("SELECT COUNT(*)::int AS n FROM pg_tables WHERE schemaname = 'public'");
      expect(rows[0].n).toBe(0);
      // The folder is left as it was (back in WAL mode, readable).
      const lite = new Database(dbFile(), { readonly: true });
      try {
        expect(lite.pragma('journal_mode', { simple: true })).toBe('wal');
      } finally {
        lite.close();
      }
    } finally {
      await other.drop();
    }
  });

  it('says what is wrong with a bad URL, an unreachable server and a wrong password', async () => {
    const bad = await runCliAsync(['migrate', '--from', dataDir, '--to', 'mysql://db.example.com/partnerdeck']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--to: "mysql://db.example.com/partnerdeck" is not a PostgreSQL URL');
    const noDb = await runCliAsync(['migrate', '--from', dataDir, '--to', 'postgres://me@db.example.com:5432']);
    expect(noDb.stderr).toContain('names no database');
    const none = await runCliAsync(['migrate', '--from', dataDir], { PARTNERDECK_DATABASE_URL: '' });
    expect(none.stderr).toContain('--to is required');
    const down = await runCliAsync(['migrate', '--from', dataDir, '--to', 'postgres://me:secret@127.0.0.1:1/partnerdeck']);
    expect(down.status).toBe(1);
    expect(down.stderr).toContain('No PostgreSQL server answers at 127.0.0.1:1');
    expect(down.stderr).not.toContain('secret');
    const url = new URL(target.url);
    url.password = 'wrong-password';
    const wrong = await runCliAsync(['migrate', '--from', dataDir, '--to', url.toString()]);
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toContain(`PostgreSQL refused the password for user "${url.username}"`);
    expect(wrong.stderr).not.toContain('wrong-password');
  });
});
