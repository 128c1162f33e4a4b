// Secrets never reach a log line. Every line is formatted to text first and then scrubbed here: credentials
// in headers (Bearer/Basic, cookies, webhook signatures), the values of secret-named fields in query strings,
// forms and JSON, user info and every query value in URLs, and any long token-shaped run of characters (the
// platform's access and refresh tokens, client secrets, admin tokens, launch secrets, codes all are).
export const REDACTED = '[redacted]';

/** Field names whose values are secrets wherever they appear (query, form, JSON, key: value). */
const SECRET_FIELDS =
  'access_token|refresh_token|id_token|token|client_secret|secret|code|password|passwd|api_key|apikey|key|hmac|signature|session|admin_token|adminToken|clientSecret|accessToken|refreshToken|launch|state|code_verifier';

const ALREADY = `(?!\\[redacted\\])`;

const RULES: Array<[RegExp, string | ((...groups: string[]) => string)]> = [
  // Whole header values: Authorization, Proxy-Authorization, Cookie, Set-Cookie, webhook-signature.
  [/\b((?:proxy-)?authorization|(?:set-)?cookie|webhook-signature)(["']?\s*:\s*["']?)(?!\[redacted\])[^\r\n"']+/gi, `$1$2${REDACTED}`],
  // Bearer xyz / Basic xyz anywhere else.
  [/\b(Bearer|Basic)\s+(?!\[redacted\])[A-Za-z0-9._~+/=-]+/gi, `$1 ${REDACTED}`],
  // Standard Webhooks signatures (v1,base64) outside a header.
  [/\bv1a?,[A-Za-z0-9+/=_-]{16,}/g, REDACTED],
  // "client_secret": "..."  /  client_secret=...  /  password: ...
  [new RegExp(`(["']?(?<![A-Za-z0-9_])(?:${SECRET_FIELDS})["']?\\s*[:=]\\s*)${ALREADY}("[^"]*"|'[^']*'|[^\\s&,;"'}\\]]+)`, 'gi'), (_m, head: string, value: string) =>
    `${head}${value.startsWith('"') ? `"${REDACTED}"` : value.startsWith("'") ? `'${REDACTED}'` : REDACTED}`],
  // URL user info: scheme://user:password@host
  [/\b([a-z][a-z0-9+.-]*:\/\/)[^/\s@]+@/gi, `$1${REDACTED}@`],
  // Every query value of a URL (signed Start URLs, hook addresses with keys, OAuth redirects).
  [/(\bhttps?:\/\/[^\s?#"']*\?)([^\s#"']*)/gi, (_m, base: string, query: string) =>
    base + query.split('&').map((pair) => (pair.includes('=') ? `${pair.slice(0, pair.indexOf('='))}=${REDACTED}` : pair)).join('&')],
  // Long token-shaped runs (32+ characters of base64url with letters and digits): unknown secret formats.
  // Standard Webhooks message ids (msg_…) are not secrets and are what a developer searches for.
  [/(?<![A-Za-z0-9_\-/.[])(?!msg_)(?=[A-Za-z0-9_-]{0,200}\d)(?=[A-Za-z0-9_-]{0,200}[A-Za-z])[A-Za-z0-9_-]{32,}(?:\.[A-Za-z0-9_-]{16,})*/g, REDACTED],
  // Access tokens are "<row id>.<secret>".
  [/\b\d+\.[A-Za-z0-9_-]{20,}/g, REDACTED],
];

/** `text` with every secret this module knows the shape of replaced by "[redacted]". */
export function redactText(text: string): string {
  let result = text;
  for (const [pattern, replacement] of RULES) result = result.replace(pattern, replacement as never);
  return result;
}
