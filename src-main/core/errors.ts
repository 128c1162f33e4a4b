// The one classification of anything thrown, for every transport (the console service, the IPC bridge, the
// browser host, the platform's REST and OAuth routes, the CLI): an ApiError stays what it is; a known failure
// of the database file becomes the ApiError that names it; anything else is a bug or a failure of the machine,
// reported to the transport's log once and answered as `internal`. Each transport keeps its own wire shape
// (CallReply, the REST API's {"errors": ...}, RFC 6749 JSON, an HTML page); none classifies errors itself.
import { ApiError } from '../../src-shared/api/errors';

export interface ToApiErrorOptions {
  /** What failed, for the message of an unexpected error (a console method, "POST /admin/products.json"). */
  what?: string;
  /** Where unexpected errors are reported; ApiErrors and known failures are answers, not reports. */
  log?: (message: string, error: unknown) => void;
}

/** How long a client is told to wait after `busy` (REST: Retry-After, in seconds). */
export const BUSY_RETRY_AFTER_SECONDS = 2;

const DOCTOR = 'Run `partnerdeck doctor` (with the same --data-dir) to check the data folder and see what to do.';

/**
 * Known failures of the database file by SQLite's primary error code (better-sqlite3's SqliteError.code is the
 * extended code, `SQLITE_IOERR_WRITE`, `SQLITE_CORRUPT_INDEX`, …: looked up by its first two parts), each with
 * what the user is told instead of SQLite's own words (issue 16 L6/L7: a raw SQLite message never reaches a user).
 */
export const DATABASE_FAILURES: Readonly<Record<string, (error: Error & { code: string }) => ApiError>> = {
  SQLITE_BUSY: () =>
    new ApiError('busy', `The data folder is busy with another PartnerDeck process's change. Nothing was written; try again in ${BUSY_RETRY_AFTER_SECONDS} seconds.`, {
      retryAfterSeconds: BUSY_RETRY_AFTER_SECONDS,
    }),
  SQLITE_LOCKED: () =>
    new ApiError('busy', `The data folder is busy with another change. Nothing was written; try again in ${BUSY_RETRY_AFTER_SECONDS} seconds.`, {
      retryAfterSeconds: BUSY_RETRY_AFTER_SECONDS,
    }),
  SQLITE_FULL: () => new ApiError('disk_full', 'The disk is full: nothing was written. Free some space on the disk that holds the data folder and try again.'),
  SQLITE_CORRUPT: () => new ApiError('storage_failed', `The data folder's database is damaged. ${DOCTOR}`, { reason: 'corrupt' }),
  SQLITE_NOTADB: () => new ApiError('storage_failed', `The data folder's database file is not a PartnerDeck database (or is damaged). ${DOCTOR}`, { reason: 'corrupt' }),
  SQLITE_READONLY: () =>
    new ApiError('storage_failed', `The data folder's database cannot be written (read-only file or folder, or a file owned by another user). ${DOCTOR}`, { reason: 'read_only' }),
  SQLITE_CANTOPEN: () => new ApiError('storage_failed', `The data folder's database cannot be opened. ${DOCTOR}`, { reason: 'cannot_open' }),
  SQLITE_PERM: () => new ApiError('storage_failed', `The data folder's database may not be accessed (permissions). ${DOCTOR}`, { reason: 'permissions' }),
  SQLITE_IOERR: (error) =>
    /_NOMEM$/.test(error.code)
      ? new ApiError('storage_failed', 'The computer ran out of memory while reading the data folder. Close other programs and try again.', { reason: 'memory' })
      : new ApiError('storage_failed', `The disk reported an error while reading or writing the data folder. ${DOCTOR}`, { reason: 'io' }),
};

/** The entry of DATABASE_FAILURES for an SQLite error code (extended codes fall back to their primary code). */
function databaseFailureOf(code: string): ((error: Error & { code: string }) => ApiError) | null {
  if (!code.startsWith('SQLITE_')) return null;
  const primary = code.split('_').slice(0, 2).join('_');
  return Object.prototype.hasOwnProperty.call(DATABASE_FAILURES, primary) ? DATABASE_FAILURES[primary] : null;
}

/** The ApiError a thrown value is answered with when it is an ApiError or a known failure; null otherwise. */
export function knownFailure(thrown: unknown): ApiError | null {
  if (thrown instanceof ApiError) return thrown;
  if (thrown instanceof Error) {
    const code = (thrown as { code?: unknown }).code;
    const failure = typeof code === 'string' ? databaseFailureOf(code) : null;
    if (failure) return failure(thrown as Error & { code: string });
  }
  return null;
}

/** Any thrown value as the ApiError a transport answers with (see the top of this file). */
export function toApiError(thrown: unknown, options: ToApiErrorOptions = {}): ApiError {
  const known = knownFailure(thrown);
  if (known) return known;
  const what = options.what ?? 'The request';
  options.log?.(`${what} failed unexpectedly`, thrown);
  // The message of an unexpected error may carry paths or data: it goes to the log, never over the wire.
  return new ApiError('internal', `${what} failed unexpectedly (an internal error; the details are in the log).`);
}
