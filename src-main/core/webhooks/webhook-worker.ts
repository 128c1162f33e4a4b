// Entry of the webhook worker thread (bundled to dist/worker/webhook-worker.cjs): receives send jobs from
// the dispatcher, signs each payload (hash recipe and Standard Webhooks headers), POSTs it with the
// keep-alive client and reports every outcome back in batches. It holds no state that matters: if it
// dies, the dispatcher starts a new one and sends again what had no recorded outcome.
import { parentPort, workerData } from 'node:worker_threads';
import { threadLogger } from '../logging/log-channel';
import { DEFAULT_ADDRESS_POLICY, type AddressPolicy } from './webhook-address-guard';
import { buildWebhookRequest } from './webhook-signing';
import { createWebhookHttpClient } from './webhook-http-client';
import { turnBatch } from './webhook-turn-batch';
import type { FromWorker, SendJob, SendResult, ToWorker, WorkerSettings } from './webhook-worker-protocol';

const port = parentPort;
if (!port) throw new Error('webhook-worker must run as a worker thread');
const settings = workerData as WorkerSettings;
// Deny by default until the dispatcher's first policy message (it comes before the first jobs).
let policy: AddressPolicy = DEFAULT_ADDRESS_POLICY;
const client = createWebhookHttpClient({ timeoutMs: settings.timeoutMs, maxSockets: settings.maxSockets, policy: () => policy });
const secrets = new Map<number, { secret: string; previous: string | null }>();
const log = threadLogger('webhook-worker');
// Results that arrive in the same turn go back in one message (one transaction on the main side).
const outgoing = turnBatch<SendResult>((results) => port!.postMessage({ type: 'results', results } satisfies FromWorker));
const report = (result: SendResult): void => outgoing.add(result);

async function send(job: SendJob): Promise<void> {
  const signing = secrets.get(job.appId);
  if (signing === undefined) {
    report({ key: job.key, status: null, error: 'the app secret was not available to sign the request', durationMs: 0, startedAt: performance.timeOrigin + performance.now(), requestHeaders: '{}', requestBody: job.payload });
    return;
  }
  const request = buildWebhookRequest(signing.secret, job.payload, job.messageId, job.timestamp, settings.userAgent, signing.previous);
  const { body } = request;
  const headers: Record<string, string> = job.standardHeaders
    ? { ...request.headers }
    : { 'Content-Type': request.headers['Content-Type'], 'User-Agent': request.headers['User-Agent'] };
  const outcome = await client.post(job.url, body, { ...headers });
  log.debug(`POST ${job.url} ${outcome.status ?? outcome.error ?? 'no answer'} in ${Math.round(outcome.durationMs)} ms (${job.messageId})`);
  report({
    key: job.key,
    status: outcome.status,
    error: outcome.error,
    durationMs: outcome.durationMs,
    startedAt: outcome.startedAt,
    requestHeaders: JSON.stringify({ ...headers, 'Content-Length': String(Buffer.byteLength(body)) }),
    requestBody: body,
  });
}

port.on('message', (message: ToWorker) => {
  if (message.type === 'secrets') {
    for (const [appId, secret, previous] of message.entries) secrets.set(appId, { secret, previous });
  } else if (message.type === 'policy') {
    policy = message.policy;
    client.dropIdleConnections();
  } else if (message.type === 'send') {
    for (const job of message.jobs) void send(job);
  }
});
