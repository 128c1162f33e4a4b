// PostgreSQL for the tests that need one (team server, docs/team-server.md): a fresh database per test file,
// created with a random name on the server PARTNERDECK_TEST_DATABASE_URL names (default: the local socket as
// the postgres user) and dropped after. Where no server answers, the tests report themselves SKIPPED with the
// reason (like the Electron suite); in CI (`CI` or PARTNERDECK_REQUIRE_POSTGRES set)
// test/integration/postgres-available.test.ts fails instead,
// so CI cannot skip them silently (.ci/run starts PostgreSQL and exports the URL: scripts/ci-postgres.sh).
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const TEST_DATABASE_URL = process.env.PARTNERDECK_TEST_DATABASE_URL || 'postgres://postgres@/postgres?host=/var/run/postgresql';

export interface PostgresProbe {
  /** null when a server answered. */
  reason: string | null;
}

function withoutPassword(url: string): string {
  return url.replace(/\/\/([^:/@]*):[^@]*@/, '//$1:***@');
}

/** Whether the test server answers (asked once per test file, before the suites are declared). */
export async function probePostgres(): Promise<PostgresProbe> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 5_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return { reason: null };
  } catch (error) {
    return { reason: `no PostgreSQL at ${withoutPassword(TEST_DATABASE_URL)} (${(error as Error).message}); set PARTNERDECK_TEST_DATABASE_URL or run scripts/ci-postgres.sh` };
  } finally {
    await client.end().catch(() => undefined);
  }
}

export interface TestDatabase {
  /** postgres:// URL of the fresh database. */
  url: string;
  name: string;
  /** A connected client on it (closed by drop()). */
  client: pg.Client;
  drop(): Promise<void>;
}

/** Creates an empty database with a random name; drop() removes it (also ending other sessions on it). */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `pd_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  const client = new pg.Client({ connectionString: url.toString() });
  client.on('error', () => undefined);
  await client.connect();
  return {
    url: url.toString(),
    name,
    client,
    async drop() {
      await client.end().catch(() => undefined);
      const dropper = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await dropper.connect();
      try {
        await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await dropper.end();
      }
    },
  };
}

/** The suite title: the plain title, or the title with the SKIPPED reason. */
export function postgresSuiteTitle(title: string, probe: PostgresProbe): string {
  if (probe.reason) console.warn(`${title}: SKIPPED, ${probe.reason}`);
  return probe.reason ? `${title} (SKIPPED: ${probe.reason})` : title;
}
