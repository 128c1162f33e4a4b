// Both forms of every migration give the same schema (docs/architecture.md "Two databases"): all
// migrations applied to a new SQLite file and, through migratePostgres (advisory lock, one transaction each), to
// a fresh PostgreSQL database; then tables, columns (name, nullability, type class), primary keys, foreign keys
// with ON DELETE, unique constraints, indexes and triggers compared. Also: the triggers that keep issued
// documents immutable refuse an UPDATE and a DELETE on both databases.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src-main/areas';
import { openDatabase, type Db } from '../../src-main/core/db/database';
import { migratePostgres } from '../../src-main/core/postgres/postgres-migrate';
import { createTestDatabase, postgresSuiteTitle, probePostgres, type TestDatabase } from '../helpers/postgres';
import { postgresShape, sqliteShape } from '../helpers/schema-shape';

const probe = await probePostgres();

describe.skipIf(probe.reason !== null)(postgresSuiteTitle('the schema on SQLite and PostgreSQL', probe), () => {
  let sqlite: Db;
  let postgres: TestDatabase;

  beforeAll(async () => {
    sqlite = openDatabase(':memory:', { migrations: MIGRATIONS });
    postgres = await createTestDatabase();
    await migratePostgres(postgres.client, MIGRATIONS);
  });
  afterAll(async () => {
    sqlite?.close();
    await postgres?.drop();
  });

  it('every migration has a PostgreSQL form, recorded in schema_migrations like SQLite', async () => {
    const { rows } = await postgres.client.query<{ id: string; name: string }>('SELECT id, name FROM schema_migrations ORDER BY id');
    expect(rows.map((r) => [Number(r.id), r.name])).toEqual(sqlite.prepare('SELECT id, name FROM schema_migrations ORDER BY id').raw().all());
  });

  it('gives the same tables, columns, keys, indexes and triggers', async () => {
    const pg = await postgresShape(postgres.client);
    const lite = sqliteShape(sqlite);
    expect(Object.keys(pg).sort()).toEqual(Object.keys(lite).sort());
    for (const table of Object.keys(lite)) expect({ table, ...pg[table] }).toEqual({ table, ...lite[table] });
  });

  it('applies nothing twice: a second run (another server starting) finds every migration recorded', async () => {
    expect(await migratePostgres(postgres.client, MIGRATIONS)).toEqual([]);
  });

  it('runs concurrent starts one after the other under the advisory lock', async () => {
    const other = await createTestDatabase();
    const second = new (await import('pg')).default.Client({ connectionString: other.url });
    await second.connect();
    try {
      const [a, b] = await Promise.all([migratePostgres(other.client, MIGRATIONS), migratePostgres(second, MIGRATIONS)]);
      expect([...a, ...b].sort((x, y) => x - y)).toEqual(MIGRATIONS.map((m) => m.id));
    } finally {
      await second.end();
      await other.drop();
    }
  });

  it('refuses to change or delete an issued document on both databases', async () => {
    const company = "INSERT INTO companies (id, name, country, created_at, updated_at) VALUES (1, 'Alpenglück', 'DE', 0, 0)";
    const document = `INSERT INTO billing_documents (id, number, type, recipient_company_id, issuer_name, recipient_name, month, currency, billed_as,
      issuer, recipient, vat_rate_bp, reverse_charge, net_minor, vat_minor, gross_minor, issued_at)
      VALUES (1, 'PD-2026-0001', 'invoice', 1, 'PartnerDeck', 'Alpenglück', '2026-11', 'EUR', 'direct', '{}', '{}', 1900, 0, 1000, 190, 1190, 0)`;
    sqlite.exec(company);
    sqlite.exec(document);
    await postgres.client.query(company);
    await postgres.client.query(document);
    const refusal = /issued documents are immutable/;
    expect(() => sqlite.exec('UPDATE billing_documents SET net_minor = 1 WHERE id = 1')).toThrow(refusal);
    expect(() => sqlite.exec('DELETE FROM billing_documents WHERE id = 1')).toThrow(refusal);
    await expect(postgres.client.query('UPDATE billing_documents SET net_minor = 1 WHERE id = 1')).rejects.toThrow(refusal);
    await expect(postgres.client.query('DELETE FROM billing_documents WHERE id = 1')).rejects.toThrow(refusal);
    const { rows } = await postgres.client.query('SELECT net_minor FROM billing_documents WHERE id = 1');
    expect(rows).toEqual([{ net_minor: '1000' }]);
  });
});
