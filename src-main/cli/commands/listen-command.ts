// `partnerdeck listen --forward-to URL`: forwards a company's events to a local URL as they happen, signed like
// real deliveries, without registering a hook (like `stripe listen`). The process registers itself as a listener
// in the data folder (migration 012; heartbeat every 2 s): every change with a webhook topic, made by any process
// on the folder (the console, the REST API, `trigger`), writes a row for it in the change's own transaction; this
// process reads the rows, signs and POSTs them one at a time in order, prints each with the receiver's status and
// latency, and deletes it. Ctrl+C removes the listener and what it still had.
//
// Which secret signs (decision, docs/webhooks.md "partnerdeck listen"): with --app, that app's Shared Secret, so
// the app's own verification code works unchanged; without it, a secret made for this listen and printed at the
// start (`whsec_…` for Standard Webhooks libraries; the payload `hash` uses its raw form), valid until it stops.
import { randomBytes } from 'node:crypto';
import { ApiError } from '../../../src-shared/api/errors';
import { isAcknowledged, WEBHOOK_TIMEOUT_MS } from '../../../src-shared/domain/webhooks';
import { canonicalWebhookTopic, WEBHOOK_TOPICS } from '../../../src-shared/domain/webhook-topics';
import { OPERATOR } from '../../core/access';
import type { Platform } from '../../core/platform';
import { refusedWebhookAddress } from '../../core/webhooks/webhook-address-guard';
import { LISTENER_HEARTBEAT_MS } from '../../core/webhooks/webhook-listen-writer';
import { buildWebhookRequest, standardWebhooksSecret } from '../../core/webhooks/webhook-signing';
import { paint, colorsOn, UsageError } from '../cli-io';
import { ifFound, jsonOption, positiveInt, required, str, type Command } from '../command-kit';

const USER_AGENT = 'PartnerDeck-Webhooks/1.0 (partnerdeck listen)';
const POLL_MS = 100;

function forwardUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(`--forward-to: "${raw}" is not a URL (e.g. http://localhost:3000/webhooks)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`--forward-to must be an http or https URL (got "${raw}")`);
  return url.toString();
}

function topicsOf(raw: string | undefined): string[] {
  if (raw === undefined || raw.trim() === '') return [];
  const topics = raw.split(',').map((t) => t.trim()).filter(Boolean);
  const out: string[] = [];
  for (const name of topics) {
    const topic = canonicalWebhookTopic(name);
    if (topic === null) throw new UsageError(`--topics: "${name}" is not a webhook topic (one of ${WEBHOOK_TOPICS.join(', ')})`);
    if (!out.includes(topic)) out.push(topic);
  }
  return out;
}

/** The company to listen to: --company, else the one company the app is authorized for, else the only development company. */
function companyOf(platform: Platform, companyFlag: number | undefined, appId: number | undefined): number {
  if (companyFlag !== undefined) {
    const row = ifFound(() => platform.companies.get(OPERATOR, companyFlag));
    if (!row) throw new UsageError(`--company ${companyFlag}: no such company`);
    if (row.isPartner) throw new UsageError(`--company ${companyFlag}: ${row.name} is a partner; partners have no shop and no events to listen to`);
    return row.id;
  }
  if (appId !== undefined) {
    const ids = platform.webhookListen.authorizedCompanyIds(appId);
    if (ids.length === 1) return ids[0];
    throw new UsageError(
      ids.length === 0
        ? `--company is required: app ${appId} is not installed in any company (\`partnerdeck app dev\` installs it in a development company)`
        : `--company is required: app ${appId} is installed in companies ${ids.join(', ')}`,
    );
  }
  const dev = platform.webhookListen.developmentCompanyIds();
  if (dev.length === 1) return dev[0];
  throw new UsageError(dev.length === 0 ? '--company is required (no development company exists yet)' : `--company is required: there are several development companies (${dev.join(', ')})`);
}

function timeOf(): string {
  return new Date().toISOString().slice(11, 19);
}

export const listenCommand: Command = {
  name: 'listen',
  summary: "Forward a company's events to a local URL, signed like real deliveries, without registering a hook",
  description: `Like \`stripe listen\`: every change in the company's shop that has a webhook topic — made in the console, through the REST API, by the storefront or by \`partnerdeck trigger\`, in any process on this data folder — is POSTed to --forward-to as the platform would deliver it (same body, Standard Webhooks headers, payload hash), one at a time in order. Each is printed with the receiver's status and latency. Nothing is registered through REST and nothing is retried: a failure is printed and the next event goes out. Ctrl+C stops it and removes the listener.

Signing: with --app, the app's Shared Secret (your app's verification code works unchanged; the app's app/* topics come too). Without --app, a secret made for this listen, printed at the start as whsec_… (what Standard Webhooks libraries take) and in its raw form (what the payload "hash" is computed with); it is valid until listen stops.

Without --company: the one company --app is installed in, or else the only development company.`,
  options: {
    'forward-to': { value: 'URL', description: 'where to POST the events, e.g. http://localhost:3000/webhooks', required: true },
    company: { value: 'ID', description: 'the shop company whose events to forward' },
    app: { value: 'ID', description: "sign with this app's Shared Secret (and forward its app/uninstalled and app/update)" },
    topics: { value: 'a,b', description: `only these topics (default: all): ${WEBHOOK_TOPICS.join(', ')}` },
    json: jsonOption('a first line {"listening", "listenerId", "companyId", "appId", "topics", "forwardTo", "secret", "rawSecret"} (secrets only without --app), then one line per event {"topic", "messageId", "status", "ok", "latencyMs", "error"}'),
  },
  examples: ['listen --forward-to http://localhost:3000/webhooks --company 5', 'listen --forward-to http://127.0.0.1:8080/hooks --app 3 --topics order/create'],
  async run({ values, io, openPlatform }) {
    const stopped = io.untilStopped();
    const forwardTo = forwardUrl(required(values, 'forward-to'));
    const topics = topicsOf(str(values, 'topics'));
    const appId = positiveInt(str(values, 'app'), 'app');
    const companyFlag = positiveInt(str(values, 'company'), 'company');
    const json = values.json === true || !io.stdoutIsTTY;
    const ink = paint(colorsOn(io.env, io.stdoutIsTTY));
    const platform = openPlatform('none');
    let listenerId = 0;
    try {
      // The SSRF rules of real deliveries (M1), with the folder's own ports and the operator's allowed ranges.
      const refused = refusedWebhookAddress(forwardTo, platform.webhookNetwork.policy());
      if (refused) throw new UsageError(`--forward-to ${refused}`);
      let secret: string;
      let appName: string | null = null;
      if (appId !== undefined) {
        try {
          appName = platform.apps.get(OPERATOR, appId).name;
        } catch (error) {
          if (error instanceof ApiError && error.code === 'not_found') throw new UsageError(`--app ${appId}: no such app`);
          throw error;
        }
        secret = platform.apps.openSecret(appId);
      } else {
        secret = `pdlisten_${randomBytes(24).toString('base64url')}`;
      }
      const companyId = companyOf(platform, companyFlag, appId);
      const company = platform.companies.get(OPERATOR, companyId);
      const listen = platform.webhookListen;
      listenerId = listen.start({ companyId, appId: appId ?? null, topics, forwardTo, pid: process.pid });
      const heartbeat = setInterval(() => {
        try {
          listen.heartbeat(listenerId);
        } catch {
          // A busy database: the next beat comes in 2 s, well within the 15 s a listener stays live.
        }
      }, LISTENER_HEARTBEAT_MS);
      heartbeat.unref();
      const printedSecret = appId === undefined ? { secret: standardWebhooksSecret(secret), rawSecret: secret } : {};
      if (json) {
        io.out(JSON.stringify({ listening: true, listenerId, companyId, appId: appId ?? null, topics: topics.length ? topics : 'all', forwardTo, ...printedSecret }));
      } else {
        io.out(`${ink.bold('Ready!')} Forwarding ${topics.length ? topics.join(', ') : 'every topic'} of ${company.name} (company ${companyId}) to ${forwardTo}`);
        if (appId === undefined) {
          io.out(`Your webhook signing secret is ${ink.cyan(standardWebhooksSecret(secret))} (raw: ${secret}; the payload "hash" uses the raw form). Valid until you stop listening.`);
        } else io.out(`Signed with the Shared Secret of app ${appId} (${appName}), as its real deliveries are.`);
        io.out(ink.dim('Press Ctrl+C to stop.'));
      }

      let stopping = false;
      void stopped.then(() => (stopping = true));
      let cursor = 0;
      // The real-time part of the platform clock, as the dispatcher's webhook-timestamp (receivers' replay windows).
      const timestamp = () => Math.floor((platform.clock.now() - platform.clock.offsetMs()) / 1000);
      while (!stopping) {
        const events = listen.eventsAfter(listenerId, cursor, 50);
        if (events.length === 0) {
          await Promise.race([new Promise((resolve) => setTimeout(resolve, POLL_MS)), stopped]);
          continue;
        }
        for (const event of events) {
          if (stopping) break;
          cursor = event.id;
          const request = buildWebhookRequest(secret, event.payload, event.messageId, timestamp(), USER_AGENT);
          const started = performance.now();
          let status: number | null = null;
          let error: string | null = null;
          try {
            const answer = await fetch(forwardTo, { method: 'POST', headers: { ...request.headers }, body: request.body, redirect: 'manual', signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS) });
            status = answer.status;
            await answer.arrayBuffer().catch(() => undefined);
          } catch (thrown) {
            const cause = (thrown as { cause?: { code?: string } }).cause;
            error = (thrown as Error).name === 'TimeoutError' ? `no answer within ${WEBHOOK_TIMEOUT_MS / 1000} s` : (cause?.code ?? (thrown as Error).message);
          }
          const latencyMs = Math.round(performance.now() - started);
          const ok = isAcknowledged(status);
          listen.forwarded(event.id);
          const payload = JSON.parse(event.payload) as { data: { type: string; id: string } };
          if (json) io.out(JSON.stringify({ topic: event.topic, messageId: event.messageId, object: payload.data, status, ok, latencyMs, error }));
          else {
            const answer = status === null ? ink.red(`failed: ${error}`) : ok ? ink.green(`[${status}]`) : ink.red(`[${status}]`);
            io.out(`${timeOf()}  --> ${event.topic.padEnd(22)} ${payload.data.type} ${payload.data.id}  ${event.messageId}  <-- ${answer} ${latencyMs} ms`);
          }
        }
      }
      clearInterval(heartbeat);
      if (!json) io.out('Stopped listening.');
      return 0;
    } finally {
      if (listenerId) {
        try {
          platform.webhookListen.stop(listenerId);
        } catch {
          // The listener goes stale in 15 s and the next listen removes it.
        }
      }
      platform.close();
    }
  },
};
