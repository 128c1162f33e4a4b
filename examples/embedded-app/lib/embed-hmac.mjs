// Verifying that a request really comes from the platform's admin (Extensions / Manage Apps).
//
// The platform opens your Start URL with three query parameters: UserID, CompanyID and hmac, where
//   message = base64( utf8("?UserID=" + UserID + "&CompanyID=" + CompanyID) )
//   hmac    = lowercase hex( HMAC-SHA256( key = utf8(your Shared Secret), data = utf8(message) ) )
// Recompute it from the UserID and CompanyID you received and compare in constant time. Anything else
// (missing, wrong, made for another company) gets a 401 and no data.
import { createHmac, timingSafeEqual } from 'node:crypto';

/** The hmac the platform sends for this UserID and CompanyID (both as the strings in the URL). */
export function embedHmac(sharedSecret, userId, companyId) {
  const message = Buffer.from(`?UserID=${userId}&CompanyID=${companyId}`, 'utf8').toString('base64');
  return createHmac('sha256', Buffer.from(sharedSecret, 'utf8')).update(message, 'utf8').digest('hex');
}

/** Constant-time comparison of two strings (false for different lengths, without comparing further). */
export function safeEqual(a, b) {
  const left = Buffer.from(String(a), 'utf8');
  const right = Buffer.from(String(b), 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * Checks the query of an embedded request. Returns { valid: true, userId, companyId } or
 * { valid: false, reason } — never throws.
 */
export function verifyEmbedQuery(searchParams, sharedSecret) {
  const userId = searchParams.get('UserID');
  const companyId = searchParams.get('CompanyID');
  const hmac = searchParams.get('hmac');
  if (userId === null || companyId === null) return { valid: false, reason: 'UserID or CompanyID is missing.' };
  if (!/^\d{1,16}$/.test(userId) || !/^\d{1,16}$/.test(companyId)) return { valid: false, reason: 'UserID and CompanyID must be numeric ids.' };
  if (hmac === null || hmac === '') return { valid: false, reason: 'The hmac parameter is missing.' };
  if (!safeEqual(embedHmac(sharedSecret, userId, companyId), hmac)) {
    return { valid: false, reason: 'The hmac does not match UserID and CompanyID for this app’s Shared Secret.' };
  }
  return { valid: true, userId: Number(userId), companyId: Number(companyId) };
}

// After a valid embedded request the page gets a short-lived session token for its own API calls
// (status polling, loading orders): "<payload>.<signature>", the payload being base64url JSON of the user,
// company and expiry. Tokens rather than cookies, because cookies in a frame of another site need
// SameSite=None and are blocked by some browsers; the key is derived from the Shared Secret.
const SESSION_TTL_MS = 60 * 60 * 1000;

function sessionKey(sharedSecret) {
  return createHmac('sha256', Buffer.from(sharedSecret, 'utf8')).update('example-app session token v1').digest();
}

export function issueSessionToken(sharedSecret, { userId, companyId }, nowMs = Date.now()) {
  const payload = Buffer.from(JSON.stringify({ u: userId, c: companyId, exp: nowMs + SESSION_TTL_MS }), 'utf8').toString('base64url');
  const signature = createHmac('sha256', sessionKey(sharedSecret)).update(payload).digest('base64url');
  return `${payload}.${signature}`;
}

/** { userId, companyId } of a valid, unexpired token; null otherwise. */
export function readSessionToken(sharedSecret, token, nowMs = Date.now()) {
  if (typeof token !== 'string') return null;
  const [payload, signature, extra] = token.split('.');
  if (!payload || !signature || extra !== undefined) return null;
  const expected = createHmac('sha256', sessionKey(sharedSecret)).update(payload).digest('base64url');
  if (!safeEqual(expected, signature)) return null;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    if (typeof claims.exp !== 'number' || claims.exp < nowMs) return null;
    return { userId: claims.u, companyId: claims.c };
  } catch {
    return null;
  }
}
