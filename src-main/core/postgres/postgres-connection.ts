// A PostgreSQL database for a team server (docs/team-server.md), reached with `pg` (node-postgres: the
// well-kept, pure-JavaScript client every Node PostgreSQL library builds on). What goes wrong while
// connecting is said in the user's words, naming the URL without its password.
// Loaded on first use (connectPostgres): its top level is not run by every CLI start (issue 18 cold start).
import type pg from 'pg';
import { ApiError } from '../../../src-shared/api/errors';

export type PostgresClient = pg.Client;

/** Checks a `postgres://user[:password]@host[:port]/dbname` URL; `field` names where it was given. */
export function checkPostgresUrl(raw: string, field: string): URL {
  const problem = (why: string): never => {
    throw new ApiError('validation_failed', `${field}: ${why} (expected postgres://user[:password]@host[:port]/dbname).`, {
      fields: { [field]: [why] },
      reason: 'bad_database_url',
    });
  };
  let url: URL;
  try {
    // `user@/db?host=/socket/folder` (libpq's form for a Unix socket) has no host for WHATWG URL: the query's
    // host wins in pg anyway, so `localhost` stands in.
    url = new URL(raw.trim().replace(/@\/(?=[^/])/, /[?&]host=/.test(raw) ? '@localhost/' : '@/'));
  } catch {
    return problem(`"${shown(raw)}" is not a URL`);
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') return problem(`"${shown(raw)}" is not a PostgreSQL URL: it must start with postgres://`);
  if (!url.hostname && !url.searchParams.get('host')) return problem('the URL names no server (host)');
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!database) return problem('the URL names no database after the server (…:5432/dbname)');
  return url;
}

/** The URL as it may be printed: the password replaced by ***. */
export function displayUrl(url: URL): string {
  if (!url.password) return url.toString();
  const copy = new URL(url.toString());
  copy.password = '***';
  return copy.toString();
}

function shown(raw: string): string {
  return raw.replace(/\/\/([^:/@]*):[^@]*@/, '//$1:***@');
}

/** Connects, or throws an ApiError that says what is wrong in the user's words (server down, password, database). */
export async function connectPostgres(url: URL): Promise<PostgresClient> {
  const { default: postgres } = await import('pg');
  const client = new postgres.Client({ connectionString: url.toString(), connectionTimeoutMillis: 10_000, application_name: 'partnerdeck' });
  // An idle connection that the server drops must not crash the process; the next query reports it.
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    throw describeConnectFailure(error, url);
  }
  return client;
}

/** A connection failure as the user's sentence. */
export function describeConnectFailure(error: unknown, url: URL): ApiError {
  const where = displayUrl(url);
  const code = (error as { code?: string }).code;
  const server = url.hostname ? `${url.hostname}:${url.port || 5432}` : `the socket in ${url.searchParams.get('host')}`;
  const user = decodeURIComponent(url.username) || 'your system user';
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  const failure = (message: string, reason: string) => new ApiError('conflict', message, { reason, url: where });
  switch (code) {
    case 'ECONNREFUSED':
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'ENOENT':
      return failure(`No PostgreSQL server answers at ${server} (${where}): is it running, and is the host and port right?`, 'database_unreachable');
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return failure(`The server name "${url.hostname}" in ${where} is not known: check the host in the URL.`, 'database_unreachable');
    case '28P01':
      return failure(`PostgreSQL refused the password for user "${user}" at ${server}: check the password in the URL (or PGPASSWORD / ~/.pgpass).`, 'database_password');
    case '28000':
      return failure(`PostgreSQL at ${server} does not let user "${user}" in (${(error as Error).message}): check the user name, or the server's pg_hba.conf.`, 'database_refused');
    case '3D000':
      return failure(`There is no database "${database}" on ${server}: create it first (createdb ${database}), then run this again.`, 'database_missing');
    default:
      if ((error as Error).message?.includes('timeout')) return failure(`No answer from PostgreSQL at ${server} within 10 seconds (${where}).`, 'database_unreachable');
      return failure(`Could not connect to PostgreSQL at ${where}: ${(error as Error).message ?? String(error)}`, 'database_unreachable');
  }
}
