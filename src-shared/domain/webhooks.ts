// The webhook rules of spec §5 in one place: the topics, which platform event fires which topic, the
// payload (keys in order), the hash recipe's concatenation, and the hosted platform's failure rules
// (block, retry delays, timeout). Pure TypeScript: the dispatcher, the console and the docs share it.
// The topic list itself and the `orders/create` alias live in ./webhook-topics.ts (registration).
import type { WebhookTopic } from './webhook-topics';

/** What a topic's payload names in `data.type`. */
export type WebhookDataType = 'customer' | 'subscriber' | 'groupmember' | 'newsrecipient' | 'order' | 'product' | 'app';

/**
 * Which platform event (src-main/core/events.ts, noun.verb) fires which topic, and the `data.type` it
 * carries. Events not listed (customer.deleted, order.updated, ...) fire no webhook: the spec has no topic
 * for them. `app/*` events go only to the hooks of the app they concern.
 */
export const WEBHOOK_TOPIC_OF_EVENT = {
  'customer.created': { topic: 'customer/create', type: 'customer' },
  'customer.updated': { topic: 'customer/update', type: 'customer' },
  'subscriber.created': { topic: 'subscriber/create', type: 'subscriber' },
  'subscriber.updated': { topic: 'subscriber/update', type: 'subscriber' },
  'group_member.created': { topic: 'groupmember/create', type: 'groupmember' },
  'group_member.updated': { topic: 'groupmember/update', type: 'groupmember' },
  'newsletter_recipient.created': { topic: 'newsrecipient/create', type: 'newsrecipient' },
  'newsletter_recipient.updated': { topic: 'newsrecipient/update', type: 'newsrecipient' },
  'order.created': { topic: 'order/create', type: 'order' },
  'product.created': { topic: 'product/create', type: 'product' },
  'product.updated': { topic: 'product/update', type: 'product' },
  'product.deleted': { topic: 'product/delete', type: 'product' },
  'app.uninstalled': { topic: 'app/uninstalled', type: 'app' },
  'app.updated': { topic: 'app/update', type: 'app' },
} as const satisfies Record<string, { topic: WebhookTopic; type: WebhookDataType }>;

/** The JSON body of a notification, keys in wire order (spec §5). `hash` is added when it is signed. */
export interface WebhookPayload {
  company_id: number;
  producer: 'shop';
  scope: WebhookTopic;
  data: { type: WebhookDataType; id: string };
  hash?: string;
}

/** The payload without its hash, serialized with its keys in the spec's order. */
export function unsignedPayloadJson(companyId: number, topic: WebhookTopic, type: WebhookDataType, id: string | number): string {
  const payload: WebhookPayload = { company_id: companyId, producer: 'shop', scope: topic, data: { type, id: String(id) } };
  return JSON.stringify(payload);
}

/** Appends `"hash":"..."` as the last key of an unsigned payload JSON object. */
export function withHash(unsignedJson: string, hash: string): string {
  if (!unsignedJson.endsWith('}')) throw new Error('payload is not a JSON object');
  return `${unsignedJson.slice(0, -1)},"hash":${JSON.stringify(hash)}}`;
}

/**
 * The text the hash recipe hashes after the app secret (spec §5): walk the object in document order,
 * skipping the top-level `hash`; for a scalar append its key and its value as text; for a nested object
 * recurse without appending its key. For the spec's example this gives
 * `company_id1202producershopscopeorder/createtypeorderid267227`.
 */
export function webhookHashInput(payload: Record<string, unknown>): string {
  let out = '';
  const walk = (value: Record<string, unknown>, top: boolean): void => {
    for (const [key, item] of Object.entries(value)) {
      if (top && key === 'hash') continue;
      if (item !== null && typeof item === 'object' && !Array.isArray(item)) walk(item as Record<string, unknown>, false);
      else out += key + scalarText(item);
    }
  };
  walk(payload, true);
  return out;
}

function scalarText(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return JSON.stringify(value);
  return String(value);
}

/** Spec §5: after a failure the (app, company) pair is blocked for this long. */
export const WEBHOOK_BLOCK_SECONDS = 60;
/** Spec §5: retries after the most recent failure, in seconds. After the last one fails the hook is deactivated. */
export const WEBHOOK_RETRY_DELAYS_SECONDS = [60, 180, 300, 600, 900, 1800, 3600, 7200, 21600, 50400, 86400] as const;
/**
 * How long the delivery log keeps a delivered event and its attempts (platform days after delivery, like
 * Stripe's 30 days of events). Queued events are never deleted: they still have to go out.
 */
export const WEBHOOK_LOG_RETENTION_DAYS = 30;

/** Spec §5: any 2xx within this time is success; anything else, or no answer, is a failure. */
export const WEBHOOK_TIMEOUT_MS = 10_000;

/** The wait before retry `n` (1-based) in milliseconds, or null when `n` is past the last retry. */
export function retryDelayMs(retryNumber: number): number | null {
  const seconds = WEBHOOK_RETRY_DELAYS_SECONDS[retryNumber - 1];
  return seconds === undefined ? null : seconds * 1000;
}

/** Spec §5: a 2xx is success; everything else (3xx included) is a failure. */
export function isAcknowledged(status: number | null): boolean {
  return status !== null && status >= 200 && status <= 299;
}
