// Webhook topics, with orders/create as an alias of order/create.
import { describe, expect, it } from 'vitest';
import { canonicalWebhookTopic, WEBHOOK_TOPICS } from '../../../../src-shared/domain/webhook-topics';

describe('webhook topics', () => {
  it('are the fourteen of spec §5, with orders/create as an alias of order/create', () => {
    expect(WEBHOOK_TOPICS).toHaveLength(14);
    expect(canonicalWebhookTopic('orders/create')).toBe('order/create');
    expect(canonicalWebhookTopic('app/uninstalled')).toBe('app/uninstalled');
    expect(canonicalWebhookTopic('orders/update')).toBeNull();
  });
});
