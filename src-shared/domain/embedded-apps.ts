// Embedded apps (spec §6) in one place: the query parameters the console adds to an app's Start URL, the text
// the `hmac` signs, the embed checker's four variants with what a correct app does with each, and how an app's
// answer is classified. Pure string work; the HMAC-SHA256 itself is computed in the core
// (src-main/core/apps/embed-signing.ts), which never hands the app secret to the renderer.

/** The parameter names, exactly as the hosted platform sends them. */
export const EMBED_USER_PARAM = 'UserID';
export const EMBED_COMPANY_PARAM = 'CompanyID';
export const EMBED_HMAC_PARAM = 'hmac';
const EMBED_PARAM_NAMES: readonly string[] = [EMBED_USER_PARAM, EMBED_COMPANY_PARAM, EMBED_HMAC_PARAM];

/**
 * The text whose UTF-8 bytes are base64-encoded and then signed (the C# sample's `sParams`):
 * `?UserID=<user id>&CompanyID=<company id>`, both numeric ids in decimal.
 */
export function embedSignedText(userId: number, companyId: number): string {
  return `?${EMBED_USER_PARAM}=${userId}&${EMBED_COMPANY_PARAM}=${companyId}`;
}

export interface EmbedQuery {
  userId: number | string;
  companyId: number | string;
  /** null leaves the hmac out (the checker's "missing hmac" variant). */
  hmac: string | null;
}

/**
 * The Start URL with `UserID`, `CompanyID` and `hmac` appended. The Start URL's own query parameters are kept
 * byte for byte, in their order, except any `UserID`, `CompanyID` or `hmac` it already carries (those would
 * make the app read the wrong value: the console's are the only ones). Values are decimal ids and lowercase hex,
 * so they need no escaping; anything else is percent-encoded. Start URLs never carry a fragment (the app URL
 * rule refuses it), but one would be kept after the query.
 */
export function withEmbedQuery(startUrl: string, query: EmbedQuery): string {
  const hashAt = startUrl.indexOf('#');
  const fragment = hashAt >= 0 ? startUrl.slice(hashAt) : '';
  const beforeFragment = hashAt >= 0 ? startUrl.slice(0, hashAt) : startUrl;
  const queryAt = beforeFragment.indexOf('?');
  const base = queryAt >= 0 ? beforeFragment.slice(0, queryAt) : beforeFragment;
  const existing = queryAt >= 0 ? beforeFragment.slice(queryAt + 1) : '';
  const kept = existing.split('&').filter((part) => part !== '' && !EMBED_PARAM_NAMES.includes(paramName(part)));
  const added = [
    `${EMBED_USER_PARAM}=${encodeURIComponent(String(query.userId))}`,
    `${EMBED_COMPANY_PARAM}=${encodeURIComponent(String(query.companyId))}`,
    ...(query.hmac === null ? [] : [`${EMBED_HMAC_PARAM}=${encodeURIComponent(query.hmac)}`]),
  ];
  return `${base}?${[...kept, ...added].join('&')}${fragment}`;
}

function paramName(part: string): string {
  const raw = part.split('=', 1)[0].replace(/\+/g, ' ');
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/** The origin (`scheme://host[:port]`) of an absolute http(s) URL, lower-cased, default ports dropped. */
export function httpOrigin(url: string): string | null {
  const match = /^(https?):\/\/(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)(?::(\d{1,5}))?(?:[/?#]|$)/i.exec(url);
  if (!match) return null;
  const scheme = match[1].toLowerCase();
  const host = match[2].toLowerCase();
  const port = match[3] === undefined || (scheme === 'http' && match[3] === '80') || (scheme === 'https' && match[3] === '443') ? '' : `:${Number(match[3])}`;
  return `${scheme}://${host}${port}`;
}

// ---------------------------------------------------------------------------------------------------------
// The embed checker

/**
 * What the checker loads, in this order:
 * - `valid`: the correctly signed URL (a working app accepts it);
 * - `wrong-hmac`: the same URL with one hex digit of the hmac changed (an app that accepts it does not verify);
 * - `swapped-company`: the hmac of company A sent with `CompanyID` = B (an app that accepts it verifies the
 *   hmac against something other than the parameters it reads);
 * - `missing-hmac`: `UserID` and `CompanyID` without any hmac.
 */
export const EMBED_CHECK_VARIANTS = ['valid', 'wrong-hmac', 'swapped-company', 'missing-hmac'] as const;
export type EmbedCheckVariant = (typeof EMBED_CHECK_VARIANTS)[number];

export const EMBED_CHECK_LABELS: Record<EmbedCheckVariant, string> = {
  valid: 'Correct signature',
  'wrong-hmac': 'Wrong hmac',
  'swapped-company': 'Swapped CompanyID',
  'missing-hmac': 'Missing hmac',
};

/** What an app that verifies correctly does with each variant. */
export const EMBED_CHECK_EXPECTED: Record<EmbedCheckVariant, 'accept' | 'reject'> = {
  valid: 'accept',
  'wrong-hmac': 'reject',
  'swapped-company': 'reject',
  'missing-hmac': 'reject',
};

/** How the app answered: 2xx accepted, 401/403 rejected, anything else unclear, no answer an error. */
export type EmbedCheckOutcome = 'accepted' | 'rejected' | 'unclear' | 'unreachable';

/** The convention the checker relies on (docs/embedded-apps.md): 2xx shows the app, 401 or 403 refuses it. */
export function classifyEmbedStatus(status: number): Exclude<EmbedCheckOutcome, 'unreachable'> {
  if (status >= 200 && status < 300) return 'accepted';
  if (status === 401 || status === 403) return 'rejected';
  return 'unclear';
}

/** True when the outcome is what a correct app does; false when it shows a problem; null when unclear. */
export function embedCheckPassed(variant: EmbedCheckVariant, outcome: EmbedCheckOutcome): boolean | null {
  if (outcome === 'unclear' || outcome === 'unreachable') return null;
  return (outcome === 'accepted') === (EMBED_CHECK_EXPECTED[variant] === 'accept');
}

/** One line for the developer: what the outcome means for their verification. */
export function embedCheckVerdict(variant: EmbedCheckVariant, outcome: EmbedCheckOutcome, status: number | null): string {
  const passed = embedCheckPassed(variant, outcome);
  if (outcome === 'unreachable') return 'The app did not answer: is it running, and is the Start URL right?';
  if (passed === null) {
    const what = status !== null && status >= 300 && status < 400 ? `redirected (HTTP ${status})` : `answered HTTP ${status}`;
    return `Unclear: the app ${what}. Answer 2xx to show the app and 401 or 403 to refuse a request.`;
  }
  if (passed) return variant === 'valid' ? 'Accepted, as it should be.' : 'Rejected, as it should be.';
  switch (variant) {
    case 'valid':
      return 'The app rejected a correctly signed request: check the shared secret and the recipe (base64 of "?UserID=…&CompanyID=…", then HMAC-SHA256, lowercase hex).';
    case 'wrong-hmac':
      return 'The app accepted a wrong hmac: it does not verify the signature.';
    case 'swapped-company':
      return 'The app accepted an hmac made for another company: it must sign the UserID and CompanyID it reads.';
    case 'missing-hmac':
      return 'The app accepted a request without any hmac: it must refuse unsigned requests.';
  }
}

/** A different hex digit in the same place, so the wrong hmac keeps its length (catches length-only checks). */
export function tamperedHmac(hmac: string): string {
  if (hmac.length === 0) return '0';
  const first = hmac[0];
  const replacement = first === '0' ? '1' : '0';
  return replacement + hmac.slice(1);
}
