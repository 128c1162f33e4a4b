import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../../../src-shared/api/errors';
import { checkPostgresUrl, describeConnectFailure, displayUrl } from '../../../../../src-main/core/postgres/postgres-connection';

function problemOf(raw: string): string {
  try {
    checkPostgresUrl(raw, '--to');
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    return (error as ApiError).message;
  }
  throw new Error(`${raw} was accepted`);
}

describe('checkPostgresUrl', () => {
  it('accepts postgres:// and postgresql:// URLs with a database, and a socket folder as host', () => {
    expect(checkPostgresUrl('postgres://pd@db.internal:5432/partnerdeck', '--to').hostname).toBe('db.internal');
    expect(checkPostgresUrl('postgresql://pd:s3cret@localhost/pd', '--to').password).toBe('s3cret');
    const socket = checkPostgresUrl('postgres://postgres@/pd?host=/var/run/postgresql', '--to');
    expect([socket.pathname, socket.searchParams.get('host')]).toEqual(['/pd', '/var/run/postgresql']);
  });

  it('names the field and what is wrong, never the password', () => {
    expect(problemOf('db.internal/partnerdeck')).toContain('--to: "db.internal/partnerdeck" is not a URL');
    expect(problemOf('mysql://pd:hunter2@db/pd')).toBe('--to: "mysql://pd:***@db/pd" is not a PostgreSQL URL: it must start with postgres:// (expected postgres://user[:password]@host[:port]/dbname).');
    expect(problemOf('postgres://pd@db.internal:5432')).toContain('names no database');
    expect(problemOf('postgres:///pd')).toContain('names no server');
    expect(problemOf('postgres://pd@db:99999/pd')).toContain('is not a URL');
  });
});

describe('describeConnectFailure', () => {
  const url = new URL('postgres://pd:hunter2@db.internal:5433/partnerdeck');
  const failure = (code: string, message = 'x') => describeConnectFailure(Object.assign(new Error(message), { code }), url);

  it('says in the user\'s words what went wrong, with the password hidden', () => {
    expect(failure('ECONNREFUSED').message).toBe('No PostgreSQL server answers at db.internal:5433 (postgres://pd:***@db.internal:5433/partnerdeck): is it running, and is the host and port right?');
    expect(failure('ENOTFOUND').message).toContain('The server name "db.internal"');
    expect(failure('28P01').message).toContain('PostgreSQL refused the password for user "pd" at db.internal:5433');
    expect(failure('3D000').message).toContain('There is no database "partnerdeck" on db.internal:5433: create it first (createdb partnerdeck)');
    for (const code of ['ECONNREFUSED', 'ENOTFOUND', '28P01', '28000', '3D000', 'XX000']) expect(failure(code).message).not.toContain('hunter2');
  });

  it('hides the password when printing a URL', () => {
    expect(displayUrl(url)).toBe('postgres://pd:***@db.internal:5433/partnerdeck');
    expect(displayUrl(new URL('postgres://pd@db/x'))).toBe('postgres://pd@db/x');
  });
});
