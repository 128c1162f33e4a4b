// The one classification of thrown values (src-main/core/errors.ts) and that every transport uses it: the
// console service, the platform's REST routes and the CLI give the same answer for the same failure.
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../../src-shared/api/errors';
import { DATABASE_FAILURES, knownFailure, toApiError } from '../../../../src-main/core/errors';
import { fromApiError } from '../../../../src-main/core/server/error-response';
import { RestError } from '../../../../src-main/core/server/http-error';

describe('toApiError', () => {
  it('passes an ApiError through unchanged and does not report it', () => {
    const log = vi.fn();
    const error = ApiError.validation({ email: ['is required'] });
    expect(toApiError(error, { what: 'users.create', log })).toBe(error);
    expect(log).not.toHaveBeenCalled();
  });

  it('answers anything else as internal, naming what failed but not the message, and reports it once', () => {
    const log = vi.fn();
    const thrown = new TypeError("Cannot read properties of undefined (reading 'id') at /home/me/data");
    const error = toApiError(thrown, { what: 'products.list', log });
    expect(error).toBeInstanceOf(ApiError);
    expect(error.code).toBe('internal');
    expect(error.message).toBe('products.list failed unexpectedly (an internal error; the details are in the log).');
    expect(error.message).not.toContain('/home/me');
    expect(log).toHaveBeenCalledExactlyOnceWith('products.list failed unexpectedly', thrown);
    // A second conversion (an outer transport) sees an ApiError: no second report.
    expect(toApiError(error, { log })).toBe(error);
    expect(log).toHaveBeenCalledTimes(1);
  });

  it('treats non-Error values and unknown SQLite codes as unexpected', () => {
    expect(toApiError('a string').code).toBe('internal');
    const busy = Object.assign(new Error('database is locked'), { code: 'SQLITE_SOMETHING_UNMAPPED' });
    expect(knownFailure(busy)).toBeNull();
  });

  it('is where known failures of the database file are mapped, extended codes by their primary code (L6/L7)', () => {
    const table = DATABASE_FAILURES as Record<string, (error: Error & { code: string }) => ApiError>;
    table.SQLITE_TESTONLY = (error) => new ApiError('conflict', `mapped: ${error.code}`);
    try {
      const thrown = Object.assign(new Error('raw'), { code: 'SQLITE_TESTONLY_EXTENDED' });
      const log = vi.fn();
      expect(toApiError(thrown, { log })).toMatchObject({ code: 'conflict', message: 'mapped: SQLITE_TESTONLY_EXTENDED' });
      expect(log).not.toHaveBeenCalled();
      // The REST transport renders the same classification in its own wire shape.
      expect(fromApiError(toApiError(thrown), 'rest')).toMatchObject({ status: 409, errors: 'mapped: SQLITE_TESTONLY_EXTENDED' });
    } finally {
      delete table.SQLITE_TESTONLY;
    }
    const sqlite = (code: string, message: string) => Object.assign(new Error(message), { code });
    for (const [code, expected, status] of [
      ['SQLITE_BUSY', 'busy', 503],
      ['SQLITE_BUSY_SNAPSHOT', 'busy', 503],
      ['SQLITE_FULL', 'disk_full', 507],
      ['SQLITE_CORRUPT_INDEX', 'storage_failed', 500],
      ['SQLITE_NOTADB', 'storage_failed', 500],
      ['SQLITE_READONLY_DBMOVED', 'storage_failed', 500],
      ['SQLITE_IOERR_WRITE', 'storage_failed', 500],
    ] as const) {
      const log = vi.fn();
      const error = toApiError(sqlite(code, 'database disk image is malformed'), { log });
      expect(error.code, code).toBe(expected);
      expect(error.message, code).not.toMatch(/SQLITE|malformed/);
      expect(log, code).not.toHaveBeenCalled();
      const rest = fromApiError(error, 'rest');
      expect(rest.status, code).toBe(status);
      // Written for users: shown, 5xx or not (unlike an internal error's detail).
      expect(rest.body(), code).toEqual({ errors: error.message });
    }
    expect(fromApiError(toApiError(sqlite('SQLITE_BUSY', 'database is locked')), 'rest').headers).toMatchObject({ 'Retry-After': '2' });
  });

  it('keeps REST bodies of internal errors empty of detail', () => {
    const rest = fromApiError(toApiError(new Error('secret detail')), 'rest');
    expect(rest).toBeInstanceOf(RestError);
    expect(rest.body()).toEqual({ errors: 'Internal error' });
    expect(fromApiError(toApiError(new Error('secret detail')), 'json').body()).toEqual({ error: 'internal_error', error_description: 'internal error' });
  });
});
