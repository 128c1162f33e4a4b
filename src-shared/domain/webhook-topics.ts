// Webhook topics (spec §5) and the one alias the source uses: `orders/create` is accepted on registration
// and stored as the canonical `order/create`. Also what a company's authorization of an app must include to
// register a hook on a topic, and how many hooks one app may have per company.
import type { OAuthScope } from './oauth-scopes';

export const WEBHOOK_TOPICS = [
  'customer/create',
  'customer/update',
  'subscriber/create',
  'subscriber/update',
  'groupmember/create',
  'groupmember/update',
  'newsrecipient/create',
  'newsrecipient/update',
  'order/create',
  'product/create',
  'product/update',
  'product/delete',
  'app/uninstalled',
  'app/update',
] as const;

export type WebhookTopic = (typeof WEBHOOK_TOPICS)[number];

/**
 * The scope an app needs (besides `webhooks`) to register a hook on a topic: a notification tells about the
 * object, so the app must be allowed to read it. The audience lists (subscribers, access-group members,
 * newsletter recipients) are customer data. The app's own topics need nothing more.
 */
export const WEBHOOK_TOPIC_SCOPE: Readonly<Record<WebhookTopic, OAuthScope | null>> = {
  'customer/create': 'customers',
  'customer/update': 'customers',
  'subscriber/create': 'customers',
  'subscriber/update': 'customers',
  'groupmember/create': 'customers',
  'groupmember/update': 'customers',
  'newsrecipient/create': 'customers',
  'newsrecipient/update': 'customers',
  'order/create': 'orders',
  'product/create': 'products',
  'product/update': 'products',
  'product/delete': 'products',
  'app/uninstalled': null,
  'app/update': null,
};

/** Hooks one app may have for one company (active or not). */
export const WEBHOOK_LIMIT_PER_APP_AND_COMPANY = 100;

export const WEBHOOK_TOPIC_ALIASES: Readonly<Record<string, WebhookTopic>> = { 'orders/create': 'order/create' };

/** The canonical topic for a registered name, or null when it is not a topic. */
export function canonicalWebhookTopic(name: string): WebhookTopic | null {
  if ((WEBHOOK_TOPICS as readonly string[]).includes(name)) return name as WebhookTopic;
  return WEBHOOK_TOPIC_ALIASES[name] ?? null;
}

export const WEBHOOK_FORMATS = ['json'] as const;
