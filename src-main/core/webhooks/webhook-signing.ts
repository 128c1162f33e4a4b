// Signing webhook notifications, and the matching verification helper for app developers and tests:
// the payload `hash` of spec §5 (hex SHA-256 of the app secret followed by the recipe's concatenation)
// and the Standard Webhooks signature (`webhook-signature: v1,<base64 HMAC-SHA256>` over
// "id.timestamp.body"). The HMAC key is the UTF-8 bytes of the app's Shared Secret; as a Standard Webhooks
// secret string that is `whsec_` + base64(UTF-8 bytes) (see standardWebhooksSecret).
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { webhookHashInput, withHash } from '../../../src-shared/domain/webhooks';

/** The payload hash of spec §5 for a payload object or its JSON text (a top-level `hash` is ignored). */
export function payloadHash(appSecret: string, payload: Record<string, unknown> | string): string {
  const object = typeof payload === 'string' ? (JSON.parse(payload) as Record<string, unknown>) : payload;
  return createHash('sha256').update(appSecret + webhookHashInput(object), 'utf8').digest('hex');
}

/** The body that goes on the wire: the unsigned payload JSON with `hash` appended as its last key. */
export function signedBody(appSecret: string, unsignedJson: string): string {
  return withHash(unsignedJson, payloadHash(appSecret, unsignedJson));
}

/** `v1,<base64 HMAC-SHA256(utf8(appSecret), "id.timestamp.body")>`. */
export function standardSignature(appSecret: string, messageId: string, timestampSeconds: number, body: string): string {
  const mac = createHmac('sha256', Buffer.from(appSecret, 'utf8')).update(`${messageId}.${timestampSeconds}.${body}`, 'utf8').digest('base64');
  return `v1,${mac}`;
}

/** The app's Shared Secret in the form Standard Webhooks libraries take: `whsec_` + base64 of its UTF-8 bytes. */
export function standardWebhooksSecret(appSecret: string): string {
  return `whsec_${Buffer.from(appSecret, 'utf8').toString('base64')}`;
}

export interface WebhookRequestHeaders {
  'Content-Type': 'application/json';
  'User-Agent': string;
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
}

/**
 * The body and headers of one attempt. `webhook-id` is the event's, so it is the same on retries and replays.
 * `previousSecret`: during a rotation's grace period, the replaced secret; `webhook-signature` then carries two
 * space-separated `v1,` signatures (the new secret's first), as Standard Webhooks specifies for rotation, while
 * the payload `hash` (one value) uses the new secret.
 */
export function buildWebhookRequest(
  appSecret: string,
  unsignedJson: string,
  messageId: string,
  timestampSeconds: number,
  userAgent: string,
  previousSecret: string | null = null,
): { body: string; headers: WebhookRequestHeaders } {
  const body = signedBody(appSecret, unsignedJson);
  const signatures = [appSecret, ...(previousSecret === null ? [] : [previousSecret])].map((secret) => standardSignature(secret, messageId, timestampSeconds, body));
  return {
    body,
    headers: {
      'Content-Type': 'application/json',
      'User-Agent': userAgent,
      'webhook-id': messageId,
      'webhook-timestamp': String(timestampSeconds),
      'webhook-signature': signatures.join(' '),
    },
  };
}

function equalText(a: string, b: string): boolean {
  const ab = Buffer.from(a, 'utf8');
  const bb = Buffer.from(b, 'utf8');
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

/** True when the body's `hash` matches the recipe for this secret (constant-time compare). */
export function verifyPayloadHash(appSecret: string, body: string): boolean {
  let payload: Record<string, unknown>;
  try {
    payload = JSON.parse(body) as Record<string, unknown>;
  } catch {
    return false;
  }
  if (typeof payload !== 'object' || payload === null || typeof payload.hash !== 'string') return false;
  return equalText(payloadHash(appSecret, payload), payload.hash);
}

export interface VerifyOptions {
  /** Seconds the timestamp may differ from `nowSeconds` (default 300, as Standard Webhooks libraries). */
  toleranceSeconds?: number;
  nowSeconds?: number;
}

/**
 * Checks the Standard Webhooks headers of a request: a `v1` signature among those given matches, and the
 * timestamp is within the tolerance. Returns null when valid, else the reason.
 */
export function verifyStandardSignature(
  appSecret: string,
  headers: Record<string, string | string[] | undefined>,
  body: string,
  options: VerifyOptions = {},
): string | null {
  const header = (name: string): string | undefined => {
    const value = Object.entries(headers).find(([key]) => key.toLowerCase() === name)?.[1];
    return Array.isArray(value) ? value[0] : value;
  };
  const id = header('webhook-id');
  const timestamp = header('webhook-timestamp');
  const signatures = header('webhook-signature');
  if (!id || !timestamp || !signatures) return 'missing webhook-id, webhook-timestamp or webhook-signature';
  if (!/^\d+$/.test(timestamp)) return 'webhook-timestamp is not a number of seconds';
  const seconds = Number(timestamp);
  const now = options.nowSeconds ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - seconds) > (options.toleranceSeconds ?? 300)) return 'webhook-timestamp is outside the tolerance';
  const expected = standardSignature(appSecret, id, seconds, body);
  return signatures.split(' ').some((candidate) => equalText(candidate, expected)) ? null : 'no matching v1 signature';
}
