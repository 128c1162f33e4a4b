// Both databases of the data layer (src-main/core/db/data.ts) for one `describe.each`: SQLite (a new in-memory
// file with every migration) and PostgreSQL (a fresh database per suite on the test server, test/helpers/postgres.ts,
// with every migration's PostgreSQL form). Where no PostgreSQL answers, its suite is skipped and its title says why.
//
//   describe.each(await dataTargets())('the audit log on $name', (target) => {
//     const db = useData(target, ['audit_log']);
//     it('…', async () => { const repo = createAuditRepository(db.data); … });
//   });
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { MIGRATIONS } from '../../src-main/areas';
import { statement, type Database, type Statement } from '../../src-main/core/db/data';
import { openDatabase } from '../../src-main/core/db/database';
import { createSqliteDatabase } from '../../src-main/core/db/sqlite-data';
import { createPostgresDatabase } from '../../src-main/core/postgres/postgres-data';
import { migratePostgres } from '../../src-main/core/postgres/postgres-migrate';
import { createTestDatabase, postgresSuiteTitle, probePostgres } from './postgres';

export interface DataTarget {
  /** Shown in the suite's title ("… on SQLite", "… on PostgreSQL (SKIPPED: …)"). */
  name: string;
  dialect: 'sqlite' | 'postgres';
  /** Why this database is not tested here, or null. */
  skip: string | null;
  /** A migrated database (empty tables), how to drop it, and a second connection to it (another server). */
  open(): Promise<{ data: Database; close(): Promise<void>; another(): Database }>;
}

/** SQLite, and PostgreSQL (skipped with its reason when no server answers). Call once per file, at the top level. */
export async function dataTargets(): Promise<DataTarget[]> {
  const probe = await probePostgres();
  return [
    {
      name: 'SQLite',
      dialect: 'sqlite',
      skip: null,
      async open() {
        const data = createSqliteDatabase(openDatabase(':memory:', { migrations: MIGRATIONS }));
        // One in-memory database has one connection: a second "server" shares it (and its line).
        return { data, close: () => data.close(), another: () => data };
      },
    },
    {
      name: postgresSuiteTitle('PostgreSQL', probe),
      dialect: 'postgres',
      skip: probe.reason,
      async open() {
        const database = await createTestDatabase();
        await migratePostgres(database.client, MIGRATIONS);
        const data = createPostgresDatabase(new URL(database.url), { max: 4 });
        const others: Database[] = [];
        return {
          data,
          another() {
            const other = createPostgresDatabase(new URL(database.url), { max: 4 });
            others.push(other);
            return other;
          },
          async close() {
            for (const other of others) await other.close();
            await data.close();
            await database.drop();
          },
        };
      },
    },
  ];
}

/**
 * Opens `target` once for the suite (closed after it) and empties `tables` before each test. A skipped target's
 * tests report themselves skipped (the suite's title says why).
 */
export function useData(target: DataTarget, tables: readonly string[]): { readonly data: Database; another(): Database } {
  let opened: Awaited<ReturnType<DataTarget['open']>> | undefined;
  const open = () => {
    if (!opened) throw new Error(`${target.name} is not open (skipped: ${target.skip ?? 'no'})`);
    return opened;
  };
  const holder = {
    get data(): Database {
      return open().data;
    },
    /** Another connection to the same database (PostgreSQL: another pool, as another server has; closed with the suite). */
    another: () => open().another(),
  };
  beforeAll(async () => {
    if (!target.skip) opened = await target.open();
  }, 60_000);
  afterAll(async () => {
    await opened?.close();
  });
  beforeEach(async (context) => {
    if (target.skip) return context.skip();
    for (const table of tables) await opened!.data.run(emptyTable(table));
  });
  return holder;
}

const emptied = new Map<string, Statement<[], unknown>>();

/** `DELETE FROM table` (one statement per table, kept). */
function emptyTable(table: string): Statement<[], unknown> {
  let found = emptied.get(table);
  if (!found) {
    if (!/^[a-z_]+$/.test(table)) throw new Error(`not a table name: ${table}`);
    emptied.set(table, (found = statement(`test.empty.${table}`, ({ sql }) => sql`DELETE FROM ${sql.raw(table)}`)));
  }
  return found;
}
