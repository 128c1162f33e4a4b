// Verifying webhook notifications. Every request carries two signatures; this app checks both:
//
// 1. The platform's own `hash` in the JSON body: walk the object in document order, skipping the top-level
//    "hash"; for each key with a scalar value append the key and then the value as text; recurse into nested
//    objects (without appending their key). hash = lowercase hex( SHA-256( sharedSecret + concatenation ) ).
// 2. Standard Webhooks headers: webhook-id, webhook-timestamp and
//    webhook-signature = "v1," + base64( HMAC-SHA256( key = utf8(sharedSecret), "id.timestamp.body" ) ),
//    with the timestamp within 5 minutes of now (replay protection).
//
// Both work on the RAW body: never re-serialize the JSON before checking.
import { createHash, createHmac } from 'node:crypto';
import { safeEqual } from './embed-hmac.mjs';

export const TIMESTAMP_TOLERANCE_SECONDS = 5 * 60;

/** The hash recipe's concatenation (spec §5). */
export function hashInput(value, topLevel = true) {
  let out = '';
  for (const [key, item] of Object.entries(value)) {
    if (topLevel && key === 'hash') continue;
    if (item !== null && typeof item === 'object') out += hashInput(item, false);
    else out += key + String(item);
  }
  return out;
}

/** True when the body's "hash" matches. */
export function verifyPayloadHash(sharedSecret, rawBody) {
  let payload;
  try {
    payload = JSON.parse(rawBody);
  } catch {
    return false;
  }
  if (payload === null || typeof payload !== 'object' || typeof payload.hash !== 'string') return false;
  const expected = createHash('sha256').update(sharedSecret + hashInput(payload), 'utf8').digest('hex');
  return safeEqual(expected, payload.hash);
}

/** null when the Standard Webhooks headers are valid, else the reason. */
export function verifyStandardSignature(sharedSecret, headers, rawBody, nowSeconds = Math.floor(Date.now() / 1000)) {
  const id = headers['webhook-id'];
  const timestamp = headers['webhook-timestamp'];
  const signatures = headers['webhook-signature'];
  if (!id || !timestamp || !signatures) return 'missing webhook-id, webhook-timestamp or webhook-signature';
  if (!/^\d+$/.test(timestamp)) return 'webhook-timestamp is not a number of seconds';
  if (Math.abs(nowSeconds - Number(timestamp)) > TIMESTAMP_TOLERANCE_SECONDS) return 'webhook-timestamp is more than 5 minutes away from now';
  const mac = createHmac('sha256', Buffer.from(sharedSecret, 'utf8')).update(`${id}.${timestamp}.${rawBody}`, 'utf8').digest('base64');
  // The header may list several signatures (during a secret rotation), separated by spaces.
  return signatures.split(' ').some((candidate) => safeEqual(candidate, `v1,${mac}`)) ? null : 'no matching v1 signature';
}
