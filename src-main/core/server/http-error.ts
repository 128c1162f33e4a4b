// The platform server's one error base class (node-oidc-provider's model): `status`, `code`, `expose`
// (whether the message may be shown to the caller) and `detail`, plus response headers. Subclasses decide
// the body their clients expect: RFC 6749 JSON on /token, tokeninfo's bare error value, the REST API's
// {"errors": ...}, an HTML page on the authorization endpoint. error-response.ts is the one place that
// turns any thrown value into an HTTP response.

export class HttpError extends Error {
  readonly headers: Record<string, string>;

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly expose: boolean = status < 500,
    readonly detail?: unknown,
    headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = new.target.name;
    this.headers = headers;
  }

  /** The JSON body sent for this error. */
  body(): unknown {
    return { error: this.code, error_description: this.expose ? this.message : 'internal error' };
  }
}

/** RFC 6749 §5.2 errors of the token endpoint: {"error", "error_description"}, 400 or 401. */
export class OAuthError extends HttpError {
  constructor(code: 'invalid_request' | 'invalid_client' | 'invalid_grant' | 'unauthorized_client' | 'unsupported_grant_type' | 'invalid_scope', description: string) {
    const status = code === 'invalid_client' ? 401 : 400;
    super(status, code, description, true, undefined, code === 'invalid_client' ? { 'WWW-Authenticate': 'Basic realm="partnerdeck", charset="UTF-8"' } : {});
  }
}

/** Tokeninfo's errors: exactly one of the three values of spec §3, as {"error": value}, status 400 (as the
 * tokeninfo endpoint this one mirrors answers every invalid token). */
export class TokenInfoError extends HttpError {
  constructor(value: 'expired' | 'access_token required' | 'invalid access_token') {
    super(400, value, value);
  }

  override body(): unknown {
    return { error: this.code };
  }
}

/**
 * Errors of the /admin REST API. `errors` is either field problems ({"address": ["is not a valid URL"]},
 * 422 or 400) or one sentence (401, 403, 404, 405, 409, 429).
 */
export class RestError extends HttpError {
  constructor(status: number, code: string, readonly errors: string | Record<string, string[]>, headers: Record<string, string> = {}) {
    super(status, code, typeof errors === 'string' ? errors : Object.entries(errors).map(([f, p]) => `${f} ${p.join(', ')}`).join('; '), true, undefined, headers);
  }

  override body(): unknown {
    return { errors: this.errors };
  }
}

/** An error shown as an HTML page (the authorization endpoint before a redirect URI is known). */
export class PageError extends HttpError {
  constructor(
    status: number,
    code: string,
    readonly title: string,
    description: string,
    /** What the user (or the app's developer) can do about it. */
    readonly advice: string | null = null,
  ) {
    super(status, code, description);
  }
}
