// The one classification of thrown values (src-main/core/errors.ts) and that every transport uses it: the
// console service, the platform's REST routes and the CLI give the same answer for the same failure.
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../src-shared/api/errors';
import { DATABASE_FAILURES, knownFailure, toApiError } from '../../../src-main/core/errors';
import { fromApiError } from '../../../src-main/core/server/error-response';
import { RestError } from '../../../src-main/core/server/http-error';

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

  it('is where known failures of the database file are mapped (the table other work fills)', () => {
    const table = DATABASE_FAILURES as Record<string, (error: Error & { code: string }) => ApiError>;
    table.SQLITE_TEST_ONLY = (error) => new ApiError('conflict', `mapped: ${error.code}`);
    try {
      const thrown = Object.assign(new Error('raw'), { code: 'SQLITE_TEST_ONLY' });
      const log = vi.fn();
      expect(toApiError(thrown, { log })).toMatchObject({ code: 'conflict', message: 'mapped: SQLITE_TEST_ONLY' });
      expect(log).not.toHaveBeenCalled();
      // The REST transport renders the same classification in its own wire shape.
      expect(fromApiError(toApiError(thrown), 'rest')).toMatchObject({ status: 409, errors: 'mapped: SQLITE_TEST_ONLY' });
    } finally {
      delete table.SQLITE_TEST_ONLY;
    }
  });

  it('keeps REST bodies of internal errors empty of detail', () => {
    const rest = fromApiError(toApiError(new Error('secret detail')), 'rest');
    expect(rest).toBeInstanceOf(RestError);
    expect(rest.body()).toEqual({ errors: 'Internal error' });
    expect(fromApiError(toApiError(new Error('secret detail')), 'json').body()).toEqual({ error: 'internal_error', error_description: 'internal error' });
  });
});
