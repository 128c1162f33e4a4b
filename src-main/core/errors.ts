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

/**
 * Known failures of the database file by SQLite's extended error code (better-sqlite3's SqliteError.code):
 * what the user is told instead of "internal". Empty for now; the data-folder health work (issue 16) adds
 * SQLITE_BUSY, SQLITE_FULL, SQLITE_CORRUPT, ... with their codes, statuses and doctor advice here.
 */
export const DATABASE_FAILURES: Readonly<Record<string, (error: Error & { code: string }) => ApiError>> = {};

/** The ApiError a thrown value is answered with when it is an ApiError or a known failure; null otherwise. */
export function knownFailure(thrown: unknown): ApiError | null {
  if (thrown instanceof ApiError) return thrown;
  if (thrown instanceof Error) {
    const code = (thrown as { code?: unknown }).code;
    if (typeof code === 'string' && Object.prototype.hasOwnProperty.call(DATABASE_FAILURES, code)) {
      return DATABASE_FAILURES[code](thrown as Error & { code: string });
    }
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
