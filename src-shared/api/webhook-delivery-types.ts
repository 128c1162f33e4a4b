// Shapes of the webhook delivery and clock parts of the console API (and of the CLI's --json output).
// Times are ISO 8601 strings of platform time.

/** The private ranges webhooks may go to (set by the platform operator; everything private is refused otherwise). */
export interface PrivateNetworksView {
  /** CIDR ranges, in the order they were allowed. */
  allowedRanges: string[];
  /** The ranges inside which an operator may allow a part (10.0.0.0/8, …, fc00::/7). */
  allowableRanges: string[];
}

export interface ClockInfo {
  /** Platform time. */
  now: string;
  /** How far platform time is ahead of real time, in milliseconds (0 when never moved). */
  offsetMs: number;
  /** The clock's real-time part (what webhook-timestamp headers carry). */
  realNow: string;
}

export interface WebhookHookInfo {
  id: number;
  appId: number;
  companyId: number;
  topic: string;
  address: string;
  isActive: boolean;
  deactivatedAt: string | null;
  createdAt: string;
  updatedAt: string;
  /** Events waiting: blocked pair, deactivated hook, or just not sent yet. */
  queued: number;
  delivered: number;
  lastAttemptAt: string | null;
  lastStatus: number | null;
}

/** A blocked (app, company) pair: why and until when. */
export interface WebhookBlock {
  /** Failed attempts in a row (1 = the first delivery failed). */
  failures: number;
  /** Retries already made and how many the schedule has. */
  retriesDone: number;
  retriesTotal: number;
  firstFailureAt: string;
  lastFailureAt: string;
  /** Blocked until, and the time the next retry goes out. */
  nextAttemptAt: string;
  lastError: string | null;
  lastWebhookId: number | null;
  /** When the 24-hour failure alert (email + console notice) went out; null before. */
  alertedAt: string | null;
  /** When the hook is deactivated if every remaining retry fails (spec §5, about 48 hours after the first failure). */
  deactivatesAt: string;
}

/** What `webhooks recover` asked to send again: per hook, the events still queued since the time given. */
export interface WebhookRecovery {
  since: string;
  requestedAt: string;
  events: number;
  hooks: { webhookId: number; appId: number; companyId: number; isActive: boolean; events: number }[];
}

export interface WebhookAppGroup {
  appId: number;
  appName: string;
  developerEmail: string;
  companyId: number;
  companyName: string;
  block: WebhookBlock | null;
  hooks: WebhookHookInfo[];
}

export interface WebhooksOverview {
  groups: WebhookAppGroup[];
  clock: ClockInfo;
}

export type WebhookAttemptKind = 'delivery' | 'retry' | 'replay';

export interface WebhookAttemptSummary {
  id: number;
  eventId: number;
  webhookId: number;
  appId: number;
  companyId: number;
  topic: string;
  /** The event's webhook-id: the same for every attempt and replay of one event. */
  messageId: string;
  kind: WebhookAttemptKind;
  retryNumber: number | null;
  attemptedAt: string;
  durationMs: number;
  statusCode: number | null;
  ok: boolean;
  error: string | null;
  url: string;
  /** The event's state now. */
  eventState: 'queued' | 'delivered';
}

export interface WebhookAttemptDetail extends WebhookAttemptSummary {
  requestHeaders: Record<string, string>;
  requestBody: string;
  eventCreatedAt: string;
  eventAttempts: number;
  /** A replay of this event was asked for and has not gone out yet. */
  replayPending: boolean;
}

export interface WebhookAttemptPage {
  items: WebhookAttemptSummary[];
  /** More, older attempts exist (ask again with beforeId = the last item's id). */
  hasMore: boolean;
}

export interface WebhookReplayRequested {
  eventId: number;
  messageId: string;
  requestedAt: string;
}

/** A test send from the console (`webhooks send`): what was sent and each receiver's answer. */
export interface WebhookTestSendResult {
  topic: string;
  companyId: number;
  companyName: string;
  /** Where the payload's object came from: the company's newest of the kind, a sample, or the payload given. */
  object: 'real' | 'sample' | 'custom';
  /** The unsigned payload, as JSON text. */
  payload: string;
  results: { webhookId: number | null; appId: number; url: string; messageId: string; status: number | null; ok: boolean; latencyMs: number; error: string | null }[];
}
