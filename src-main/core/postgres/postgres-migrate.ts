// Applies the numbered migrations' PostgreSQL forms (Migration.postgres) to a team server's database: each
// migration in its own transaction under a transaction-level advisory lock, so several servers starting at
// once apply each migration exactly once (the others wait for the lock, then see it recorded), and recorded in
// schema_migrations like the SQLite file's.
import type { Migration } from '../db/migrations';
import type { PostgresClient } from './postgres-connection';

/** The advisory lock key every PartnerDeck process takes to migrate ("PDMIGRAT" as a 64-bit integer). */
export const MIGRATION_LOCK_KEY = '5784103054098649428';

const CREATE_SCHEMA_MIGRATIONS = 'CREATE TABLE IF NOT EXISTS schema_migrations (id BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)';

/**
 * Inside the caller's transaction (`partnerdeck migrate` copies schema and data in one): takes the lock and applies
 * every migration of a new database, recording each.
 */
export async function migrateWithinTransaction(client: PostgresClient, migrations: readonly Migration[], now: () => number = Date.now): Promise<void> {
  await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
  await client.query(CREATE_SCHEMA_MIGRATIONS);
  for (const migration of [...migrations].sort((a, b) => a.id - b.id)) {
    try {
      await client.query(migration.postgres);
    } catch (error) {
      throw new Error(`PostgreSQL migration ${migration.id} (${migration.name}) failed: ${(error as Error).message}`, { cause: error });
    }
    await client.query('INSERT INTO schema_migrations (id, name, applied_at) VALUES ($1, $2, $3)', [migration.id, migration.name, now()]);
  }
}

/** Applies the migrations `client`'s database lacks; returns the ids it applied. */
export async function migratePostgres(client: PostgresClient, migrations: readonly Migration[], now: () => number = Date.now): Promise<number[]> {
  // Under the lock too: two servers starting on a new database would both try to create it.
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    await client.query(CREATE_SCHEMA_MIGRATIONS);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
  const ran: number[] = [];
  for (const migration of [...migrations].sort((a, b) => a.id - b.id)) {
    await client.query('BEGIN');
    try {
      await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
      const { rowCount } = await client.query('SELECT 1 FROM schema_migrations WHERE id = $1', [migration.id]);
      if (rowCount === 0) {
        await client.query(migration.postgres);
        await client.query('INSERT INTO schema_migrations (id, name, applied_at) VALUES ($1, $2, $3)', [migration.id, migration.name, now()]);
        ran.push(migration.id);
      }
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw new Error(`PostgreSQL migration ${migration.id} (${migration.name}) failed: ${(error as Error).message}`, { cause: error });
    }
  }
  return ran;
}
