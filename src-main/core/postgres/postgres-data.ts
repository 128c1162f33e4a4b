// The data layer on PostgreSQL (db/data.ts) for a team server: a `pg` Pool; a statement is compiled once for
// PostgreSQL (Kysely: `$1` placeholders) and sent with its parameters. A transaction holds one pool client from
// BEGIN to COMMIT; every call made inside `work` (followed across awaits by an AsyncLocalStorage scope) runs on
// that client, everything else on the pool, so other requests go on in parallel (PostgreSQL isolates them).
//
// Integers: the schema's INTEGER columns are BIGINT on PostgreSQL (money in minor units, ids, epoch milliseconds),
// which `pg` returns as strings because a 64-bit integer may not fit a JavaScript number. Every value PartnerDeck
// stores is far below 2^53 (epoch ms ≈ 1.8e12, ids and counts below 1e9, money in minor units of one document or
// a month's total ≪ 9e15), so they are parsed as numbers — and a value that is not a safe integer is an error, not a
// silently rounded number. NUMERIC (what SUM over BIGINT returns) likewise.
import { AsyncLocalStorage } from 'node:async_hooks';
import pg from 'pg';
import { parametersOf, type Database, type Statement, type TransactionOptions } from '../db/data';
import { describeConnectFailure } from './postgres-connection';

const INT8_OID = 20;
const NUMERIC_OID = 1700;
/** SQLSTATEs after which a SERIALIZABLE transaction is tried again: serialization failure, deadlock. */
const RETRYABLE = new Set(['40001', '40P01']);
const ATTEMPTS = 10;
/** Before attempt n + 1: a random wait of up to n × 4 ms, so the transactions that collided do not collide again. */
const backoff = (attempt: number) => new Promise((resolve) => setTimeout(resolve, Math.random() * attempt * 4));

export function parseSafeInteger(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new RangeError(`PostgreSQL returned ${text}, which is not an integer below 2^53 (PartnerDeck keeps every number below that)`);
  return value;
}

function parseNumeric(text: string): number {
  // SUM/AVG: integral sums must be exact; a fraction (an average) is a plain number.
  return /^-?\d+$/.test(text) ? parseSafeInteger(text) : Number(text);
}

/** The type parsers of PartnerDeck's connections: BIGINT and NUMERIC as numbers, everything else as `pg` does. */
export const POSTGRES_TYPES = {
  getTypeParser(oid: number, format?: string) {
    if (format !== 'binary' && oid === INT8_OID) return parseSafeInteger;
    if (format !== 'binary' && oid === NUMERIC_OID) return parseNumeric;
    return pg.types.getTypeParser(oid, format as 'text');
  },
} as unknown as pg.CustomTypesConfig;

interface Scope {
  client: pg.PoolClient;
  depth: number;
}

export interface PostgresDatabase extends Database {
  readonly dialect: 'postgres';
  readonly pool: pg.Pool;
}

export interface PostgresDatabaseOptions {
  /** Connections in the pool (default 10). */
  max?: number;
}

/** A pool on `url` (checked with postgres-connection.ts checkPostgresUrl); connection failures are said in the user's words. */
export function createPostgresDatabase(url: URL, options: PostgresDatabaseOptions = {}): PostgresDatabase {
  const pool = new pg.Pool({
    connectionString: url.toString(),
    max: options.max ?? 10,
    connectionTimeoutMillis: 10_000,
    application_name: 'partnerdeck',
    types: POSTGRES_TYPES,
  });
  // An idle client the server drops must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  const scope = new AsyncLocalStorage<Scope>();

  async function query(statement: Statement<never, unknown>, values: readonly unknown[]): Promise<pg.QueryResult> {
    const compiled = statement.compiled('postgres');
    const parameters = parametersOf(compiled, values);
    const client = scope.getStore()?.client;
    try {
      return await (client ?? pool).query(compiled.sql, parameters);
    } catch (error) {
      throw connectionProblem(error, url);
    }
  }

  async function savepoint<T>(current: Scope, work: () => Promise<T>): Promise<T> {
    const name = `pd_sp_${++current.depth}`;
    await current.client.query(`SAVEPOINT ${name}`);
    try {
      const result = await work();
      await current.client.query(`RELEASE SAVEPOINT ${name}`);
      return result;
    } catch (error) {
      await current.client.query(`ROLLBACK TO SAVEPOINT ${name}`);
      await current.client.query(`RELEASE SAVEPOINT ${name}`);
      throw error;
    } finally {
      current.depth -= 1;
    }
  }

  async function once<T>(work: () => Promise<T>, options: TransactionOptions): Promise<T> {
    let client: pg.PoolClient;
    try {
      client = await pool.connect();
    } catch (error) {
      throw connectionProblem(error, url);
    }
    let broken = false;
    try {
      await client.query(options.serializable ? 'BEGIN ISOLATION LEVEL SERIALIZABLE' : 'BEGIN');
      try {
        const result = await scope.run({ client, depth: 0 }, work);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {
          broken = true;
        });
        throw error;
      }
    } finally {
      // A client whose ROLLBACK failed is in an unknown state: the pool drops it instead of lending it again.
      client.release(broken || undefined);
    }
  }

  return {
    dialect: 'postgres',
    pool,
    all: async (statement, ...values) => (await query(statement as never, values)).rows as never[],
    one: async (statement, ...values) => (await query(statement as never, values)).rows[0] as never,
    run: async (statement, ...values) => ({ changes: (await query(statement as never, values)).rowCount ?? 0 }),
    async runEach(statement, argumentLists) {
      let changes = 0;
      for (const values of argumentLists) changes += (await query(statement as never, values)).rowCount ?? 0;
      return changes;
    },
    async insert(statement, ...values) {
      const id = (await query(statement as never, values)).rows[0]?.id;
      if (typeof id !== 'number') throw new Error(`${statement.name} returned no id: its PostgreSQL form must end with RETURNING id`);
      return id;
    },
    async transaction(work, options = {}) {
      const current = scope.getStore();
      if (current) return savepoint(current, work);
      for (let attempt = 1; ; attempt++) {
        try {
          return await once(work, options);
        } catch (error) {
          const code = (error as { code?: string }).code;
          if (!options.serializable || attempt >= ATTEMPTS || !code || !RETRYABLE.has(code)) throw error;
        }
        await backoff(attempt);
      }
    },
    inTransaction: () => scope.getStore() !== undefined,
    close: () => pool.end(),
  };
}

/** A failure to reach the server becomes the user's sentence (postgres-connection.ts); SQL errors stay as they are. */
function connectionProblem(error: unknown, url: URL): unknown {
  const code = (error as { code?: string }).code;
  const connecting = code === undefined ? /timeout|connect/i.test((error as Error).message ?? '') : /^(E[A-Z]+|28P01|28000|3D000)$/.test(code);
  return connecting ? describeConnectFailure(error, url) : error;
}
