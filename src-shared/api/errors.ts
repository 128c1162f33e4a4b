// The one error shape that crosses every boundary (IPC, HTTP, CLI): Electron passes only `message` of a
// thrown Error, so errors travel as plain {code, message, details} objects and are rebuilt on the other side.
import { fieldMessage } from './field-labels';

export type ApiErrorCode =
  | 'validation_failed'
  | 'not_found'
  | 'forbidden'
  | 'conflict'
  | 'unauthorized'
  | 'unknown_method'
  /** The data folder is busy with another process's write for longer than the wait (503 + Retry-After). */
  | 'busy'
  /** The disk (or the database's size limit) is full: nothing was written (507). */
  | 'disk_full'
  /** The data folder's database cannot be read or written (damaged, not a database, read-only, I/O error). */
  | 'storage_failed'
  | 'internal';

/** The HTTP status each error code travels with (the browser host's console API, the platform's REST API). */
export const HTTP_STATUS_OF: Record<ApiErrorCode, number> = {
  validation_failed: 422,
  not_found: 404,
  forbidden: 403,
  conflict: 409,
  unauthorized: 401,
  unknown_method: 404,
  busy: 503,
  disk_full: 507,
  storage_failed: 500,
  internal: 500,
};

/** Field name -> problems, as in `{"errors": {"address": ["is not a valid URL"]}}`. */
export type FieldErrors = Record<string, string[]>;

export interface ApiErrorPayload {
  code: ApiErrorCode;
  message: string;
  details?: { fields?: FieldErrors } & Record<string, unknown>;
}

export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly details: ApiErrorPayload['details'];

  constructor(code: ApiErrorCode, message: string, details?: ApiErrorPayload['details']) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.details = details;
  }

  get fields(): FieldErrors {
    return this.details?.fields ?? {};
  }

  toPayload(): ApiErrorPayload {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }

  static fromPayload(payload: ApiErrorPayload): ApiError {
    return new ApiError(payload.code, payload.message, payload.details);
  }

  static validation(fields: FieldErrors): ApiError {
    const first = Object.entries(fields)[0];
    const message = first ? fieldMessage(first[0], first[1][0]) : 'Invalid input';
    return new ApiError('validation_failed', message, { fields });
  }
}

export function isApiErrorPayload(value: unknown): value is ApiErrorPayload {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ApiErrorPayload).code === 'string' &&
    typeof (value as ApiErrorPayload).message === 'string'
  );
}
