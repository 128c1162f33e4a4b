// `partnerdeck webhooks send` (issue 19 item 4): one notification of a chosen topic, signed exactly like a real
// delivery (the payload `hash` with the app's secret, the Standard Webhooks headers — with a second signature
// during a rotation's grace period — unless hosted-compatibility mode is on), POSTed now to the app's active
// hooks of that topic in the company, or to one URL. The payload is a real object's (the company's newest of the
// topic's kind, or one named by id), the spec's shape with any `data` the developer gives, or a sample when the
// company has no such object. Test sends are not webhook events: they do not enter the delivery log, the queue
// or a pair's block, and nothing is retried; the caller prints each answer. The SSRF rules of real deliveries
// apply (webhook-address-guard.ts, the operator's allowed private ranges, our own ports).
import { ApiError } from '../../../src-shared/api/errors';
import { WEBHOOK_TOPIC_OF_EVENT, WEBHOOK_TIMEOUT_MS, isAcknowledged, type WebhookDataType } from '../../../src-shared/domain/webhooks';
import { canonicalWebhookTopic, WEBHOOK_TOPICS, type WebhookTopic } from '../../../src-shared/domain/webhook-topics';
import { OPERATOR } from '../access';
import type { Platform } from '../platform';
import { createWebhookHttpClient } from './webhook-http-client';
import { buildWebhookRequest } from './webhook-signing';

export const TEST_SEND_USER_AGENT = 'PartnerDeck-Webhooks/1.0 (partnerdeck webhooks send)';

export interface TestSendRequest {
  companyId: number;
  topic: string;
  /** The app whose secret signs; required with `to`, else it narrows the hooks to this app's. */
  appId?: number;
  /** Send here instead of to the app's hooks. */
  to?: string;
  /** Replaces the payload's `data` (a JSON object). */
  data?: Record<string, unknown>;
  /** The object the payload names (default: the company's newest of the topic's kind). */
  objectId?: number;
}

export interface TestSendTarget {
  webhookId: number | null;
  appId: number;
  url: string;
}

export interface TestSendOutcome extends TestSendTarget {
  status: number | null;
  ok: boolean;
  error: string | null;
  latencyMs: number;
  messageId: string;
  /** The body as sent (hash included) and its headers. */
  body: string;
  headers: Record<string, string>;
}

export interface TestSendPlan {
  topic: WebhookTopic;
  companyId: number;
  companyName: string;
  /** The unsigned payload (keys in order). */
  payload: string;
  /** Where the payload's object came from. */
  object: 'real' | 'sample' | 'custom';
  targets: TestSendTarget[];
}

const TOPIC_TYPES = new Map<WebhookTopic, WebhookDataType>(Object.values(WEBHOOK_TOPIC_OF_EVENT).map(({ topic, type }) => [topic, type]));

/** Decides what goes where (no I/O): the topic, the payload and the targets; throws a field error for bad input. */
export function planTestSend(platform: Platform, request: TestSendRequest): TestSendPlan {
  const topic = canonicalWebhookTopic(request.topic);
  if (!topic) throw ApiError.validation({ topic: [`"${request.topic}" is not a webhook topic (one of ${WEBHOOK_TOPICS.join(', ')})`] });
  const company = platform.companies.get(OPERATOR, request.companyId);
  if (company.isPartner) throw ApiError.validation({ companyId: [`${company.name} is a partner: partners have no shop and no webhooks`] });
  if (request.appId !== undefined) platform.apps.get(OPERATOR, request.appId);
  const type = TOPIC_TYPES.get(topic)!;
  let object: TestSendPlan['object'];
  let data: Record<string, unknown>;
  if (request.data !== undefined) {
    object = 'custom';
    data = request.data;
  } else if (type === 'app') {
    if (request.appId === undefined && request.to !== undefined) throw ApiError.validation({ appId: ['app topics name the app: give the app'] });
    object = 'real';
    data = { type, id: String(request.appId ?? 0) };
  } else {
    const latest = request.objectId ?? platform.webhookDeliveries.latestObjectId(company.id, type);
    object = latest === undefined ? 'sample' : 'real';
    data = { type, id: String(latest ?? 1) };
  }
  const payload = JSON.stringify({ company_id: company.id, producer: 'shop', scope: topic, data });

  let targets: TestSendTarget[];
  if (request.to !== undefined) {
    if (request.appId === undefined) throw ApiError.validation({ appId: ['sending to a URL needs the app whose Shared Secret signs it'] });
    targets = [{ webhookId: null, appId: request.appId, url: request.to }];
  } else {
    targets = platform.webhooks
      .listForCompany(company.id)
      .filter((hook) => hook.isActive && hook.topic === topic && (request.appId === undefined || hook.appId === request.appId))
      .map((hook) => ({ webhookId: hook.id, appId: hook.appId, url: hook.address }));
    if (targets.length === 0) {
      const whose = request.appId === undefined ? 'No app has' : `App ${request.appId} has no`;
      throw new ApiError('not_found', `${whose} an active ${topic} webhook for ${company.name} (company ${company.id}): register one, or send to a URL with --to and --app.`, {
        reason: 'no_hook',
      });
    }
  }
  return { topic, companyId: company.id, companyName: company.name, payload, object, targets };
}

/** Signs and POSTs the plan's payload to each target in turn; an address the SSRF rules refuse is reported, not sent. */
export async function sendTestWebhook(platform: Platform, plan: TestSendPlan, messageIdOf: () => string): Promise<TestSendOutcome[]> {
  const client = createWebhookHttpClient({ timeoutMs: WEBHOOK_TIMEOUT_MS, maxSockets: 1, policy: () => platform.webhookNetwork.policy() });
  const standardHeaders = !platform.compatibility.strict();
  // The real-time part of the platform clock, as the dispatcher's webhook-timestamp (receivers' replay windows).
  const timestamp = Math.floor((platform.clock.now() - platform.clock.offsetMs()) / 1000);
  const outcomes: TestSendOutcome[] = [];
  try {
    for (const target of plan.targets) {
      const secret = platform.apps.openSecret(target.appId);
      const previous = platform.apps.previousSecret(target.appId);
      const messageId = messageIdOf();
      const request = buildWebhookRequest(secret, plan.payload, messageId, timestamp, TEST_SEND_USER_AGENT, previous ? previous.open() : null);
      const headers: Record<string, string> = standardHeaders
        ? { ...request.headers }
        : { 'Content-Type': request.headers['Content-Type'], 'User-Agent': request.headers['User-Agent'] };
      const outcome = await client.post(target.url, request.body, headers);
      outcomes.push({ ...target, status: outcome.status, ok: isAcknowledged(outcome.status), error: outcome.error, latencyMs: outcome.durationMs, messageId, body: request.body, headers });
    }
  } finally {
    client.close();
  }
  return outcomes;
}
