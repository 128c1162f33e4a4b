// What the API request log keeps of a request's URL: the path and the query, with the value of every
// parameter that can carry a credential replaced by [redacted] (access_token, code, client_secret, refresh_token,
// code_verifier, state, anything named like a token, secret, password, key, signature or hmac). The log never
// holds a token or a secret, whatever an app puts in its URLs.
const SECRET_PARAM = /token|secret|password|passwd|code|verifier|state|key|signature|hmac|session|ticket|auth/i;

export const REDACTED = '[redacted]';

export function redactedPath(url: URL): string {
  if (url.search === '') return url.pathname;
  const parts: string[] = [];
  for (const [name, value] of url.searchParams) {
    const shown = SECRET_PARAM.test(name) ? REDACTED : value;
    parts.push(`${encodeURIComponent(name)}=${shown === REDACTED ? shown : encodeURIComponent(shown)}`);
  }
  return `${url.pathname}?${parts.join('&')}`;
}
