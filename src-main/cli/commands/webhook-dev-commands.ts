// Webhook commands for app developers (issue 19 item 4): `webhooks send` (one signed notification of a chosen
// topic, now, to the app's hooks or to a URL; core/webhooks/webhook-test-send.ts) and `webhooks recover --since`
// (everything still queued since a time sent again, as replays; webhook-delivery-service.ts `recover`).
import { randomBytes } from 'node:crypto';
import { ApiError } from '../../../src-shared/api/errors';
import { formatDuration, parseDuration } from '../../../src-shared/domain/durations';
import { WEBHOOK_TOPICS } from '../../../src-shared/domain/webhook-topics';
import { planTestSend, sendTestWebhook } from '../../core/webhooks/webhook-test-send';
import { activeDispatcherPid } from '../../core/webhooks/webhook-dispatcher-lease';
import { colorsOn, paint, UsageError } from '../cli-io';
import { jsonOption, positiveInt, printTable, required, str, type Command } from '../command-kit';

/** `--data`: a JSON object for the payload's `data`. */
function dataOf(raw: string | undefined): Record<string, unknown> | undefined {
  if (raw === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (error) {
    throw new UsageError(`--data is not JSON: ${(error as Error).message} (e.g. --data '{"type":"order","id":"42"}')`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new UsageError(`--data must be a JSON object (the payload's "data"), e.g. '{"type":"order","id":"42"}'`);
  return value as Record<string, unknown>;
}

const webhooksSend: Command = {
  name: 'webhooks send',
  summary: "Send one signed notification of a topic now, to the app's hooks of that topic or to a URL, and show the answer",
  description: `Builds the payload of --topic for --company — the company's newest object of the topic's kind (or --id), a sample when it has none, or your own "data" with --data — signs it exactly like a real delivery (the payload "hash" with the app's Shared Secret; webhook-id, webhook-timestamp and webhook-signature, two signatures during a rotation's grace period; no Standard Webhooks headers in hosted-compatibility mode) and POSTs it now to every active hook of that topic in the company (of --app only, with --app), or to --to. Prints each receiver's status and latency.

A test send is not a webhook event: it is not in the delivery log or the queue, it is not retried, and a failure does not block the app's real deliveries. The address rules of real deliveries apply (public or loopback addresses, the operator's allowed private ranges).`,
  options: {
    topic: { value: 'TOPIC', description: `the topic: ${WEBHOOK_TOPICS.join(', ')} (orders/create is taken for order/create)`, required: true },
    company: { value: 'ID', description: 'the shop company the notification is about', required: true, field: 'companyId' },
    app: { value: 'ID', description: "sign with this app's Shared Secret; only its hooks (needed with --to)", field: 'appId' },
    to: { value: 'URL', description: "POST here instead of to the app's registered hooks" },
    data: { value: 'JSON', description: `the payload's "data" object, e.g. '{"type":"order","id":"42"}'` },
    id: { value: 'ID', description: "the object the payload names (default: the company's newest of the topic's kind)", field: 'objectId' },
    json: jsonOption('{"topic", "companyId", "object", "payload", "results": [{"webhookId", "appId", "url", "messageId", "status", "ok", "latencyMs", "error"}]}'),
  },
  examples: [
    'webhooks send --topic order/create --company 5',
    'webhooks send --topic order/create --company 5 --app 3 --to http://localhost:3000/hook',
    "webhooks send --topic order/create --company 5 --data '{\"type\":\"order\",\"id\":\"7\"}'",
  ],
  async run({ values, io, openPlatform }) {
    const companyId = positiveInt(required(values, 'company'), 'company')!;
    const appId = positiveInt(str(values, 'app'), 'app');
    const objectId = positiveInt(str(values, 'id'), 'id');
    const data = dataOf(str(values, 'data'));
    if (data !== undefined && objectId !== undefined) throw new UsageError('give --data or --id, not both');
    const to = str(values, 'to');
    const json = values.json === true;
    const ink = paint(colorsOn(io.env, io.stdoutIsTTY));
    const platform = openPlatform('none');
    try {
      let plan;
      try {
        plan = planTestSend(platform, { companyId, topic: required(values, 'topic'), appId, to, data, objectId });
      } catch (error) {
        if (error instanceof ApiError && error.code === 'not_found' && error.details?.reason !== 'no_hook') {
          throw new UsageError(error.details?.appId !== undefined ? `--app ${appId}: no such app` : `--company ${companyId}: no such company`);
        }
        throw error;
      }
      const results = await sendTestWebhook(platform, plan, () => `msg_test_${randomBytes(12).toString('hex')}`);
      if (json) {
        io.out(JSON.stringify({ topic: plan.topic, companyId: plan.companyId, object: plan.object, payload: JSON.parse(plan.payload), results: results.map(({ body: _body, headers: _headers, ...rest }) => rest) }));
      } else {
        const what = plan.object === 'sample' ? ' (a sample: the company has none of this kind yet)' : plan.object === 'custom' ? ' (your --data)' : '';
        io.out(`${plan.topic} for ${plan.companyName} (company ${plan.companyId}): ${plan.payload}${what}`);
        for (const r of results) {
          const answer = r.status === null ? ink.red(`failed: ${r.error}`) : r.ok ? ink.green(`[${r.status}] delivered`) : ink.red(`[${r.status}] not acknowledged (any 2xx within 10 s is)`);
          io.out(`  --> ${r.webhookId === null ? '' : `hook ${r.webhookId} `}${r.url}  ${r.messageId}  <-- ${answer} ${r.latencyMs} ms`);
        }
      }
      return results.every((r) => r.ok) ? 0 : 1;
    } finally {
      platform.close();
    }
  },
};

/** `--since`: an ISO 8601 time, or a duration back from the platform's now (`2h`, `3d`). */
function sinceOf(raw: string, now: number): number {
  const ago = parseDuration(raw);
  if (ago !== null) return now - ago;
  const at = Date.parse(raw);
  if (!/^\d{4}-\d{2}-\d{2}/.test(raw.trim()) || Number.isNaN(at)) {
    throw new UsageError(`--since: "${raw}" is neither a time (2026-12-07T10:00:00Z) nor a duration back from now (2h, 3d)`);
  }
  return at;
}

const webhooksRecover: Command = {
  name: 'webhooks recover',
  summary: 'Send again everything that failed or is still queued since a time (as replays, same webhook-id)',
  description: `Every event created since --since that was never delivered — its attempts failed, it waits behind a blocked app and company, or its hook was deactivated — is sent again now as a replay (the same webhook-id, so receivers can deduplicate), in order. Narrow it with --hook, --app or --company. A deactivated hook stays deactivated (\`partnerdeck webhooks reactivate\`-style: PUT is_active or the console's Reactivate resumes its new events); its recovered events go out anyway.

The process that dispatches webhooks for the data folder (a running serve, console or desktop app) sends them within a moment, or the next one that starts.`,
  options: {
    since: { value: 'TIME', description: 'an ISO 8601 time (platform time), or how long back from now: 2h, 3d, 1w', required: true },
    hook: { value: 'ID', description: "only this webhook's events" },
    app: { value: 'ID', description: "only this app's events" },
    company: { value: 'ID', description: "only this company's events" },
    json: jsonOption('{"since", "requestedAt", "events", "hooks": [{"webhookId", "appId", "companyId", "isActive", "events"}], "dispatcherPid"}'),
  },
  examples: ['webhooks recover --since 2h', 'webhooks recover --since 2026-12-06T08:00:00Z --hook 12 --json'],
  async run({ values, io, openPlatform }) {
    const webhookId = positiveInt(str(values, 'hook'), 'hook') ?? null;
    const appId = positiveInt(str(values, 'app'), 'app') ?? null;
    const companyId = positiveInt(str(values, 'company'), 'company') ?? null;
    const platform = openPlatform('none');
    try {
      const since = sinceOf(required(values, 'since'), platform.clock.now());
      let recovery;
      try {
        recovery = platform.webhookDeliveries.recover(null, { since, webhookId, appId, companyId });
      } catch (error) {
        if (error instanceof ApiError && error.code === 'not_found') throw new UsageError(webhookId !== null && error.details?.webhookId !== undefined ? `--hook ${webhookId}: no such webhook` : `--company ${companyId}: no such company`);
        throw error;
      }
      const pid = activeDispatcherPid(platform);
      if (values.json) {
        io.out(JSON.stringify({ ...recovery, dispatcherPid: pid }));
        return 0;
      }
      const span = `since ${recovery.since} (${formatDuration(platform.clock.now() - since)} ago)`;
      if (recovery.events === 0) {
        io.out(`Nothing to recover ${span}: every event of ${webhookId !== null ? `hook ${webhookId}` : 'the hooks in scope'} was delivered.`);
        return 0;
      }
      io.out(`${recovery.events} event${recovery.events === 1 ? '' : 's'} ${span} will be sent again:`);
      printTable(io, recovery.hooks.map((h) => ({ hook: h.webhookId, app: h.appId, company: h.companyId, events: h.events, state: h.isActive ? 'active' : 'deactivated (stays so)' })));
      io.out(pid ? `The dispatcher (process ${pid}) sends them now; follow them with \`partnerdeck webhooks deliveries\`.` : 'No dispatcher runs for this folder: they go out when a serve, console or the desktop app starts.');
      return 0;
    } finally {
      platform.close();
    }
  },
};

export const WEBHOOK_DEV_COMMANDS: Command[] = [webhooksSend, webhooksRecover];
