// `partnerdeck migrate` as a real process against the test PostgreSQL (test/helpers/postgres.ts): the demo folder
// copied into an empty database with every count equal, ids and sealed secrets kept, sequences past the copied ids;
// a second run refused (not empty, naming what it found); a folder in use refused; a bad URL, an unreachable
// server and a wrong password said in the user's words.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
    const report = JSON.parse(run.stdout) as { rows: number; tables: { table: string; sqlite: number; postgres: number; moneySqlite: string | null; moneyPostgres: string | null }[]; secrets: { keyFile: number } };
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
