// The one place where anything a route throws becomes an HTTP response. HttpErrors render their own body;
// everything else is classified by core/errors.ts (the one conversion every transport uses) and the resulting
// ApiError is mapped per error style (the REST API's {"errors": ...} with the field names, JSON elsewhere, an
// HTML page on the authorization endpoint; on /token every error, 405 and 413 included, is RFC 6749 JSON).
// An internal error is a 500 that reveals nothing (and is logged).
import { logFor } from '../logging/logger';
import type { ServerResponse } from 'node:http';
import { ApiError, HTTP_STATUS_OF } from '../../../src-shared/api/errors';
import { toApiError } from '../errors';
import { HttpError, OAuthError, PageError, RestError } from './http-error';
import { sendHtml, sendJson } from './http-io';
import { pageCsp, renderErrorPage } from './oauth/pages';
import { TOKEN_RESPONSE_HEADERS } from './oauth/token-response';
import type { ErrorStyle } from './router';

const DATABASE_CODES = new Set<string>(['busy', 'disk_full', 'storage_failed']);

/** The HttpError an ApiError from a service becomes under a given error style. */
export function fromApiError(error: ApiError, style: ErrorStyle): HttpError {
  const status = HTTP_STATUS_OF[error.code];
  if (error.code === 'internal') {
    return style === 'rest' ? new RestError(500, 'internal', 'Internal error') : new HttpError(500, 'internal_error', 'Internal error', false);
  }
  // A busy data folder is a 503 the client may retry after a moment (L6/L7); the database failures' messages are
  // written for users (core/errors.ts) and are shown, 5xx or not.
  const headers: Record<string, string> = typeof error.details?.retryAfterSeconds === 'number' ? { 'Retry-After': String(error.details.retryAfterSeconds) } : {};
  const expose = status < 500 || DATABASE_CODES.has(error.code);
  if (style === 'rest') {
    if (error.code === 'validation_failed' && Object.keys(error.fields).length > 0) return new RestError(422, error.code, error.fields);
    return new RestError(status, error.code, expose ? error.message : 'Internal error', headers);
  }
  return new HttpError(status, error.code, error.message, expose, undefined, headers);
}

const logUnexpected = (message: string, error: unknown): void => logFor('server').error(message, error);

/** `what`: the request, for the log of an unexpected error ("POST /admin/products.json"). Returns the error code
 * the answer carries (for the API request log). */
export function sendError(res: ServerResponse, thrown: unknown, style: ErrorStyle, what?: string): string {
  const error = thrown instanceof HttpError ? thrown : fromApiError(toApiError(thrown, { what, log: logUnexpected }), style);
  return renderError(res, error, style);
}

function renderError(res: ServerResponse, thrown: HttpError, style: ErrorStyle): string {
  let error = thrown;
  if (style === 'rest' && !(error instanceof RestError)) {
    error = new RestError(error.status, error.code, error.expose ? error.message : 'Internal error', error.headers);
  }
  if (style === 'oauth' && !(error instanceof OAuthError)) {
    // The token endpoint answers every error as RFC 6749 §5.2 JSON, whatever the status (405, 413, 415, 500).
    error = new HttpError(error.status, error.status >= 500 ? 'server_error' : 'invalid_request', error.expose ? error.message : 'internal error', error.expose, undefined, {
      ...error.headers,
      ...TOKEN_RESPONSE_HEADERS,
    });
  }
  if (res.headersSent) {
    res.destroy();
    return error.code;
  }
  if (style === 'page' || error instanceof PageError) {
    const title = error instanceof PageError ? error.title : error.status >= 500 ? 'Something went wrong' : 'This request cannot continue';
    const description = error.expose ? error.message : 'The platform hit an internal error. Try again.';
    sendHtml(res, error.status, renderErrorPage(title, description, error.code, error instanceof PageError ? error.advice : null), pageCsp(), error.headers);
    return error.code;
  }
  sendJson(res, error.status, error.body(), error.headers);
  return error.code;
}
