// Webhook topics (spec §5) and the one alias the source uses: `orders/create` is accepted on registration
// and stored as the canonical `order/create`.

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

export const WEBHOOK_TOPIC_ALIASES: Readonly<Record<string, WebhookTopic>> = { 'orders/create': 'order/create' };

/** The canonical topic for a registered name, or null when it is not a topic. */
export function canonicalWebhookTopic(name: string): WebhookTopic | null {
  if ((WEBHOOK_TOPICS as readonly string[]).includes(name)) return name as WebhookTopic;
  return WEBHOOK_TOPIC_ALIASES[name] ?? null;
}

export const WEBHOOK_FORMATS = ['json'] as const;
