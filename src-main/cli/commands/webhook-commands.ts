// CLI commands of the webhook area: the delivery log and hooks of the data folder, replays, and the
// platform clock of a running `partnerdeck serve` (found through server.json, authorized by its admin
// token), or of the folder itself with --offline. `trigger` (a real object of a topic's kind, so the event
// flows through the real pipeline) lives in trigger-command.ts.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ClockInfo, WebhookAppGroup, WebhookAttemptSummary } from '../../../src-shared/api/webhook-delivery-types';
import { formatDuration, MAX_CLOCK_ADVANCE_MS, parseDuration } from '../../../src-shared/domain/durations';
import { OPERATOR } from '../../core/access';
import { SERVER_INFO_FILE_NAME } from '../../core/paths';
import { activeDispatcherPid } from '../../core/webhooks/webhook-dispatcher-lease';
import { UsageError, type CliIo } from '../cli-io';
import { jsonOption, positiveInt, printTable, str, type Command, type CommandGroup, type GlobalOptions } from '../command-kit';
import { listenCommand } from './listen-command';
import { triggerCommand } from './trigger-command';
import { WEBHOOK_DEV_COMMANDS } from './webhook-dev-commands';

function describeClock(clock: ClockInfo): string {
  const ahead = clock.offsetMs > 0 ? `${formatDuration(clock.offsetMs)} ahead of real time` : 'real time';
  return `platform time ${clock.now} (${ahead})`;
}

interface ServerInfo {
  url: string;
  adminToken: string;
}

/** The running serve of a data folder (its server.json), or null. */
export function readServerInfo(dataDir: string): ServerInfo | null {
  const path = join(dataDir, SERVER_INFO_FILE_NAME);
  if (!existsSync(path)) return null;
  try {
    const info = JSON.parse(readFileSync(path, 'utf8')) as Partial<ServerInfo>;
    if (typeof info.url === 'string' && typeof info.adminToken === 'string') return { url: info.url, adminToken: info.adminToken };
  } catch {
    // A half-written or foreign file: treated as no server.
  }
  return null;
}

/** Calls the running serve's clock route; null when no server runs for the folder. */
async function callServerClock(global: GlobalOptions, body?: unknown): Promise<Record<string, unknown> | null> {
  const info = readServerInfo(global.dataDir);
  if (!info) return null;
  let response: Response;
  try {
    response = await fetch(`${info.url}/_partnerdeck/clock`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { Authorization: `Bearer ${info.adminToken}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(90_000),
    });
  } catch (error) {
    // A serve with --tls-cert answers over HTTPS: its certificate must be one this command trusts.
    const code = String((error as { cause?: { code?: unknown } }).cause?.code ?? '');
    if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ALTNAME/.test(code)) {
      throw new Error(
        `${info.url} answers, but its TLS certificate is not one this command trusts (${code}). ` +
          'Run it with NODE_EXTRA_CA_CERTS=<the certificate file given to serve --tls-cert>, or use --offline to work on the folder.',
      );
    }
    throw new Error(
      `${join(global.dataDir, SERVER_INFO_FILE_NAME)} names ${info.url}, but nothing answers there (a serve that was killed?). ` +
        'Start `partnerdeck serve` again, or use --offline to work on the folder.',
    );
  }
  const answer = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok) throw new Error(`the server refused: ${String(answer.error_description ?? answer.error ?? response.status)}`);
  return answer;
}

const NO_SERVER = (dataDir: string) =>
  `no running \`partnerdeck serve\` for ${dataDir} (no ${SERVER_INFO_FILE_NAME}): start one, or pass --offline to use the clock stored in the folder`;

const clockShow: Command = {
  name: 'clock show',
  summary: "Show the platform's time (of a running serve, found through server.json)",
  options: {
    offline: { description: 'read the clock stored in the data folder instead of asking a running serve' },
    json: jsonOption('{"now", "offsetMs", "realNow"}'),
  },
  examples: ['clock show', 'clock show --offline --json'],
  async run({ values, global, io, openPlatform }) {
    let clock: ClockInfo;
    if (values.offline) {
      const platform = openPlatform('none');
      try {
        clock = platform.webhookDeliveries.clock();
      } finally {
        platform.close();
      }
    } else {
      const answer = await callServerClock(global);
      if (!answer) throw new UsageError(NO_SERVER(global.dataDir));
      clock = answer.clock as ClockInfo;
    }
    io.out(values.json ? JSON.stringify(clock) : describeClock(clock));
    return 0;
  },
};

const clockAdvance: Command = {
  name: 'clock advance',
  summary: 'Move the platform clock forward (90s, 15m, 2h, 3d, 1h30m): what falls due runs, in order',
  description: `Moves the clock of the running \`partnerdeck serve\` of the data folder and waits until the webhook dispatcher has run everything that fell due (retries, deactivations and their emails), each attempt stamped with its scheduled time. The clock never moves back.`,
  arguments: [{ name: 'duration', description: 'e.g. 90s, 15m, 2h, 3d, 1w, 1h30m (at most 366 days)', required: true }],
  options: {
    offline: { description: 'move the clock stored in the data folder without waiting for a serve (a running serve or console sees it at once)' },
    json: jsonOption('{"clock", "advancedMs", "webhookAttempts", "settled"} (--offline: and "dispatcherPid")'),
  },
  examples: ['clock advance 2h', 'clock advance 3d --json', 'clock advance 1d --offline'],
  async run({ values, positionals, global, io, openPlatform }) {
    const ms = parseDuration(positionals[0]);
    if (ms === null || ms <= 0) throw new UsageError(`"${positionals[0]}" is not a duration (e.g. 90s, 15m, 2h, 3d, 1h30m)`);
    if (ms > MAX_CLOCK_ADVANCE_MS) throw new UsageError('the clock moves at most 366 days at a time (it never moves back)');
    if (values.offline) {
      // The clock is one per data folder (stored in it): a running serve, console or desktop app sees the move at
      // once, and its dispatcher sends what fell due at its next look (200 ms) — without waiting for it here.
      const platform = openPlatform('none');
      try {
        const clock = platform.webhookDeliveries.advanceClock(OPERATOR, ms);
        const pid = activeDispatcherPid(platform);
        if (values.json) io.out(JSON.stringify({ clock, advancedMs: ms, webhookAttempts: 0, settled: false, dispatcherPid: pid }));
        else
          io.out(
            `moved the stored clock ${formatDuration(ms)} forward: ${describeClock(clock)}; ` +
              (pid ? `the dispatcher (process ${pid}) sends the retries that fell due now` : 'retries that fell due go out when a serve or console starts'),
          );
      } finally {
        platform.close();
      }
      return 0;
    }
    const answer = await callServerClock(global, { advanceMs: ms });
    if (!answer) throw new UsageError(NO_SERVER(global.dataDir));
    if (values.json) io.out(JSON.stringify(answer));
    else {
      const attempts = answer.webhookAttempts as number;
      io.out(
        `moved the clock ${formatDuration(ms)} forward: ${describeClock(answer.clock as ClockInfo)}; ` +
          `${attempts} webhook attempt${attempts === 1 ? '' : 's'} ran${answer.settled ? '' : ' (more are still running)'}`,
      );
    }
    return 0;
  },
};

function hookState(group: WebhookAppGroup, hook: WebhookAppGroup['hooks'][number]): string {
  if (!hook.isActive) return `deactivated ${hook.deactivatedAt ?? ''}`.trim();
  if (group.block) return `blocked until ${group.block.nextAttemptAt} (retry ${group.block.failures} of ${group.block.retriesTotal})`;
  return 'active';
}

const webhooksList: Command = {
  name: 'webhooks list',
  summary: 'Registered webhooks with their state (active, blocked until …, deactivated) and queue',
  options: {
    company: { value: 'ID', description: "only this company's hooks" },
    json: jsonOption('the hooks grouped by app and company (with the block, if any)'),
  },
  examples: ['webhooks list', 'webhooks list --company 5 --json'],
  async run({ values, io, openPlatform }) {
    const companyId = positiveInt(str(values, 'company'), 'company') ?? null;
    const platform = openPlatform('none');
    try {
      const groups = platform.webhookDeliveries.overview(null, companyId);
      if (values.json) io.out(JSON.stringify(groups));
      else
        printTable(
          io,
          groups.flatMap((group) =>
            group.hooks.map((hook) => ({
              id: hook.id,
              company: `${group.companyName} (${group.companyId})`,
              app: group.appName,
              topic: hook.topic,
              address: hook.address,
              state: hookState(group, hook),
              queued: hook.queued,
              delivered: hook.delivered,
            })),
          ),
        );
      return 0;
    } finally {
      platform.close();
    }
  },
};

function printAttempts(io: CliIo, items: WebhookAttemptSummary[]): void {
  printTable(
    io,
    items.map((a) => ({
      attempt: a.id,
      time: a.attemptedAt,
      hook: a.webhookId,
      event: a.eventId,
      topic: a.topic,
      kind: a.kind === 'retry' ? `retry ${a.retryNumber}` : a.kind,
      status: a.statusCode ?? '-',
      ms: a.durationMs,
      result: a.ok ? 'ok' : (a.error ?? 'failed'),
    })),
  );
}

const webhooksDeliveries: Command = {
  name: 'webhooks deliveries',
  summary: 'The delivery log: every attempt, newest first (time, status, latency, error)',
  options: {
    hook: { value: 'ID', description: "one webhook's attempts" },
    company: { value: 'ID', description: "one company's attempts" },
    event: { value: 'ID', description: 'the attempts of one event (delivery, retries, replays)' },
    limit: { value: 'N', description: 'how many (default 50, at most 1000)' },
    before: { value: 'ID', description: 'older than this attempt id (paging)' },
    json: jsonOption(
      '{"items": [...], "hasMore"}; each item has id, eventId, webhookId, topic, messageId (webhook-id), kind, retryNumber, attemptedAt, durationMs, statusCode, ok, error, url, eventState',
    ),
  },
  examples: ['webhooks deliveries --limit 20', 'webhooks deliveries --event 42 --json'],
  async run({ values, io, openPlatform }) {
    const limit = positiveInt(str(values, 'limit'), 'limit') ?? 50;
    if (limit > 1000) throw new UsageError(`--limit must be at most 1000 (got ${limit})`);
    const query = {
      webhookId: positiveInt(str(values, 'hook'), 'hook') ?? null,
      companyId: positiveInt(str(values, 'company'), 'company') ?? null,
      eventId: positiveInt(str(values, 'event'), 'event') ?? null,
      beforeId: positiveInt(str(values, 'before'), 'before') ?? null,
      limit,
    };
    const platform = openPlatform('none');
    try {
      const page = platform.webhookDeliveries.attempts(null, query);
      if (values.json) io.out(JSON.stringify(page));
      else {
        printAttempts(io, page.items);
        if (page.hasMore) io.out(`(older attempts: --before ${page.items[page.items.length - 1].id})`);
      }
      return 0;
    } finally {
      platform.close();
    }
  },
};

const webhooksReplay: Command = {
  name: 'webhooks replay',
  summary: 'Send an event again (same webhook-id, logged as a replay)',
  description: 'The replay is stored in the data folder; the process that dispatches webhooks for it (a running serve, console or desktop app) sends it within a moment, or the next one that starts.',
  arguments: [{ name: 'eventId', description: 'the event (the "event" column of `partnerdeck webhooks deliveries`)', required: true }],
  options: { json: jsonOption('{"eventId", "messageId", "requestedAt", "dispatcherPid"}') },
  examples: ['webhooks replay 42'],
  async run({ values, positionals, io, openPlatform }) {
    if (!/^\d+$/.test(positionals[0]) || Number(positionals[0]) < 1) throw new UsageError(`the event id must be a positive whole number (got "${positionals[0]}")`);
    const eventId = Number(positionals[0]);
    const platform = openPlatform('none');
    try {
      const requested = platform.webhookDeliveries.requestReplay(null, eventId);
      const pid = activeDispatcherPid(platform);
      if (values.json) io.out(JSON.stringify({ ...requested, dispatcherPid: pid }));
      else
        io.out(
          `replay of event ${eventId} (${requested.messageId}) requested; ` +
            (pid ? `the dispatcher (process ${pid}) sends it now` : 'no dispatcher runs for this folder: it goes out when a serve, console or the desktop app starts'),
        );
      return 0;
    } finally {
      platform.close();
    }
  },
};

const webhooksPrivateNetworks: Command = {
  name: 'webhooks private-networks',
  summary: 'The private network ranges webhooks may go to (everything private is refused otherwise); the operator allows them here',
  description:
    'Webhooks go to public addresses and to loopback (127.0.0.1, ::1) only; private, shared and special-purpose ranges, link-local and the cloud metadata addresses are refused at registration and at every connect. ' +
    'The platform operator may allow parts of 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, 100.64.0.0/10, 198.18.0.0/15, fc00::/7 and fec0::/10 (a staging server on the office network). ' +
    'Each change is audit-logged; the console shows the same list on the Webhooks screen. Hooks already registered to a range taken back are not sent to any more.',
  options: {
    allow: { value: 'CIDR', description: 'allow a range (or one address) inside a private range, e.g. 10.20.0.0/16', multiple: true },
    disallow: { value: 'CIDR', description: 'take an allowed range back', multiple: true },
    json: jsonOption('{"allowedRanges": [...], "allowableRanges": [...]}'),
  },
  examples: ['webhooks private-networks', 'webhooks private-networks --allow 10.20.0.0/16 --allow fd12:3456::/48', 'webhooks private-networks --disallow 10.20.0.0/16'],
  async run({ values, io, openPlatform }) {
    const allow = (values.allow as string[] | undefined) ?? [];
    const disallow = (values.disallow as string[] | undefined) ?? [];
    const platform = openPlatform('none');
    try {
      const settings = platform.webhookNetwork;
      const view = allow.length > 0 || disallow.length > 0 ? settings.change(OPERATOR, { allow, disallow }) : settings.view();
      if (values.json) io.out(JSON.stringify(view));
      else if (view.allowedRanges.length === 0) io.out('No private range is allowed: webhooks go to public and loopback addresses only.');
      else {
        io.out('Webhooks may also go to these private ranges:');
        for (const range of view.allowedRanges) io.out(`  ${range}`);
      }
      return 0;
    } finally {
      platform.close();
    }
  },
};

export const WEBHOOK_GROUPS: CommandGroup[] = [
  { name: 'webhooks', summary: 'Registered webhooks, the delivery log and replays' },
  { name: 'clock', summary: "The platform clock: show it, move it forward to run retries that fall due" },
];

export const WEBHOOK_COMMANDS: Command[] = [triggerCommand, listenCommand, webhooksList, webhooksDeliveries, webhooksReplay, ...WEBHOOK_DEV_COMMANDS, webhooksPrivateNetworks, clockShow, clockAdvance];
