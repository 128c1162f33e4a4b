// Zod schemas for registering and changing webhooks, with the wire names of the REST API (spec §4), so a
// field error names the field the developer sent: {"errors": {"address": ["is not a valid URL"]}}.
// `orders/create` is accepted and becomes the canonical `order/create`.
import { z } from 'zod';
import { checkHttpUrl } from '../domain/redirect-uri';
import { WEBHOOK_TOPICS, canonicalWebhookTopic, type WebhookTopic } from '../domain/webhook-topics';

const address = z
  .string({ invalid_type_error: 'must be a string', required_error: 'is required' })
  .trim()
  .superRefine((value, ctx) => {
    const check = checkHttpUrl(value, { httpsUnlessLoopback: false });
    if (!check.ok) ctx.addIssue({ code: z.ZodIssueCode.custom, message: check.problem === 'is required' ? 'is required' : `is not a valid URL: it ${check.problem}` });
  });

const topic = z
  .string({ invalid_type_error: 'must be a string', required_error: 'is required' })
  .trim()
  .transform((value, ctx): WebhookTopic => {
    const canonical = canonicalWebhookTopic(value);
    if (canonical === null) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: `is not a webhook topic (one of ${WEBHOOK_TOPICS.join(', ')})` });
      return z.NEVER;
    }
    return canonical;
  });

/** Read-only properties a client may send back unchanged (GET, edit, PUT); anything else unknown is refused by name. */
const READ_ONLY = ['id', 'created_at', 'updated_at'];
const KNOWN = ['address', 'topic', 'format', 'is_active', ...READ_ONLY];

/** Runs `schema` and, in the same pass, refuses unknown properties by name (both kinds of problem are reported). */
function knownKeysOnly<S extends z.ZodTypeAny>(schema: S) {
  return z.unknown().transform((value, ctx): z.output<S> => {
    let failed = false;
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      for (const key of Object.keys(value)) {
        if (!KNOWN.includes(key)) {
          ctx.addIssue({ code: z.ZodIssueCode.custom, path: [key], message: `is not a webhook property (${KNOWN.join(', ')})` });
          failed = true;
        }
      }
    }
    const result = schema.safeParse(value);
    if (!result.success) for (const issue of result.error.issues) ctx.addIssue(issue);
    return failed || !result.success ? z.NEVER : result.data;
  });
}

const format = z.literal('json', { errorMap: () => ({ message: 'must be json' }) });
const isActive = z.boolean({ invalid_type_error: 'must be true or false' });

export const webhookCreateSchema = knownKeysOnly(
  z.object({
    address,
    topic,
    format: format.default('json'),
    is_active: isActive.default(true),
  }),
);

export const webhookUpdateSchema = knownKeysOnly(
  z.object({
    id: z.number({ invalid_type_error: 'must be a number' }).int().positive().optional(),
    address: address.optional(),
    topic: topic.optional(),
    format: format.optional(),
    is_active: isActive.optional(),
  }),
);
