// Console methods of webhook delivery (spec §5) and the platform clock (spec §9): hooks with their state,
// the attempt log, replays, reactivation, and moving the clock forward for demos.
import { z } from 'zod';
import { MAX_CLOCK_ADVANCE_MS, parseDuration } from '../../domain/durations';
import { idSchema } from '../inputs';
import { defineSharedArea } from '../area';
import { event } from '../event';
import { method } from '../method';
import { WEBHOOK_TOPICS } from '../../domain/webhook-topics';
import type {
  ClockInfo,
  PrivateNetworksView,
  WebhookAttemptDetail,
  WebhookAttemptPage,
  WebhookHookInfo,
  WebhookRecovery,
  WebhookReplayRequested,
  WebhooksOverview,
  WebhookTestSendResult,
} from '../webhook-delivery-types';

/** A duration as people type it (90s, 15m, 2h, 3d, 1h30m) -> milliseconds; the console's clock form uses it too. */
export const clockDurationSchema = z
  .string({ required_error: 'is required' })
  .trim()
  .min(1, 'is required')
  .transform((text, ctx) => {
    const ms = parseDuration(text);
    if (ms === null || ms <= 0) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'is not a duration (e.g. 90s, 15m, 2h, 3d, 1h30m)' });
      return z.NEVER;
    }
    if (ms > MAX_CLOCK_ADVANCE_MS) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'must be at most 366 days (the clock never moves back)' });
      return z.NEVER;
    }
    return ms;
  });

const optionalId = idSchema.nullable().default(null);

export const webhookAttemptsSchema = z
  .object({
    companyId: optionalId,
    webhookId: optionalId,
    eventId: optionalId,
    beforeId: optionalId,
    afterId: optionalId,
    limit: z.number().int().min(1).max(500).default(100),
  })
  .strict();

/** The payload's `data` as typed in the console: JSON text of an object (blank: the topic's real object or a sample). */
export const webhookPayloadDataSchema = z
  .string()
  .nullable()
  .default(null)
  .transform((text, ctx): Record<string, unknown> | null => {
    if (text === null || text.trim() === '') return null;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: `is not JSON: ${(error as Error).message}` });
      return z.NEVER;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'must be a JSON object (the payload\'s "data"), e.g. {"type":"order","id":"42"}' });
      return z.NEVER;
    }
    return value as Record<string, unknown>;
  });

/** A time as ISO 8601 text (platform time) -> milliseconds. */
export const webhookSinceSchema = z
  .string({ required_error: 'is required' })
  .trim()
  .min(1, 'is required')
  .transform((text, ctx) => {
    const at = Date.parse(text);
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(text) || Number.isNaN(at)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'is not a date and time (e.g. 2026-12-07T10:00:00Z)' });
      return z.NEVER;
    }
    return at;
  });

export const webhookRecoverSchema = z.object({ since: webhookSinceSchema, webhookId: optionalId }).strict();

export const webhookSendTestSchema = z
  .object({
    topic: z.enum(WEBHOOK_TOPICS, { errorMap: () => ({ message: `is not a webhook topic (one of ${WEBHOOK_TOPICS.join(', ')})` }) }),
    companyId: idSchema,
    appId: optionalId,
    to: z.string().trim().url('is not a URL (e.g. http://localhost:3000/hook)').nullable().default(null),
    data: webhookPayloadDataSchema,
  })
  .strict()
  .superRefine((input, ctx) => {
    if (input.to !== null && input.appId === null) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['appId'], message: 'is required to send to a URL (its Shared Secret signs)' });
  });

export const webhookMethods = {
  'webhooks.overview': method<WebhooksOverview>()(
    z.object({ companyId: optionalId }).strict(),
    'Hooks by app with their state (active, blocked until …, deactivated), queue and the clock',
  ),
  'webhooks.attempts': method<WebhookAttemptPage>()(webhookAttemptsSchema, 'The delivery log, newest first (by hook, company or event)'),
  'webhooks.attempt': method<WebhookAttemptDetail>()(z.object({ attemptId: idSchema }).strict(), 'One attempt with its request headers and body'),
  'webhooks.replay': method<WebhookReplayRequested>()(z.object({ eventId: idSchema }).strict(), 'Send an event again (same webhook-id), logged as a replay'),
  'webhooks.reactivate': method<WebhookHookInfo>()(z.object({ webhookId: idSchema }).strict(), 'Set a deactivated hook active again (as PUT is_active: true)'),
  'webhooks.sendTest': method<WebhookTestSendResult>()(
    webhookSendTestSchema,
    "Send one signed test notification of a topic now to the app's hooks (or a URL) and return each answer; not logged, not retried",
  ),
  'webhooks.recoverPreview': method<WebhookRecovery>()(webhookRecoverSchema, 'How many events still queued since a time `webhooks.recover` would send again (nothing is written)'),
  'webhooks.recover': method<WebhookRecovery>()(webhookRecoverSchema, 'Send again, as replays, every event still queued since a time (optionally one hook)'),
  'webhooks.privateNetworks': method<PrivateNetworksView>()(
    z.object({}).strict(),
    'The private network ranges webhooks may be delivered to (the platform operator allows them; all others are refused)',
  ),
  'webhooks.setPrivateNetworks': method<PrivateNetworksView>()(
    z
      .object({
        allow: z.array(z.string().trim().min(1, 'is empty').max(64, 'is too long')).max(50).default([]),
        disallow: z.array(z.string().trim().min(1, 'is empty').max(64, 'is too long')).max(50).default([]),
      })
      .strict(),
    'Platform operator only: allow private ranges (CIDR) for webhook addresses, or take them back; audited',
  ),
  'clock.get': method<ClockInfo>()(z.object({}).strict(), 'Platform time and how far it is ahead of real time'),
  'clock.advance': method<ClockInfo>()(
    z.object({ duration: clockDurationSchema }).strict(),
    'Move the platform clock forward; what falls due (webhook retries, ...) runs in order',
  ),
} as const;

/** A registered webhook changed (its id, app and company). */
export interface WebhookChange {
  webhookId: number;
  appId: number;
  companyId: number;
}

export const webhookEvents = {
  // Registrations (REST /admin/webhooks). `webhook.deleted` is emitted inside the transaction just before the row
  // goes; `webhook.reactivated` when a PUT sets is_active from false to true (queued deliveries resume).
  'webhook.created': event<WebhookChange>()('pushed'),
  'webhook.updated': event<WebhookChange>()('pushed'),
  'webhook.deleted': event<WebhookChange>()('pushed'),
  'webhook.reactivated': event<WebhookChange>()('pushed'),
  /** The last failed retry deactivated the hook (spec §5). */
  'webhook.deactivated': event<WebhookChange>()('pushed'),
  /** A pair's hooks have failed for 24 hours (the alert email went out); deactivation follows about a day later. */
  'webhook.failing': event<{ appId: number; companyId: number; appName: string; companyName: string; deactivatesAt: number }>()('pushed'),
  /** A replay was requested; whichever process dispatches picks it up. */
  'webhook_delivery.replay_requested': event<{ eventId: number; companyId: number }>()('pushed'),
  /** Attempts were logged for a company (announced at most a few times a second, for live views). */
  'webhook_deliveries.changed': event<{ companyId: number }>()('pushed'),
  /** The platform clock was moved forward (spec §9). */
  'clock.advanced': event<{ now: number; offsetMs: number }>()('pushed'),
} as const;

export const webhooksArea = defineSharedArea({
  name: 'webhooks',
  methods: webhookMethods,
  events: webhookEvents,
  emailKinds: {
    /** The last failed retry deactivated a webhook (to the app's developer company). */
    webhook_deactivated: ['apps'],
    /** A webhook has failed for 24 hours, a day before that deactivation (to the app's developer company). */
    webhook_failing: ['apps'],
  },
});
