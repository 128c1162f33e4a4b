// Webhook delivery as the console and the CLI see it: hooks with their state (active, blocked until …,
// deactivated), the attempt log, replays and reactivation, and the platform clock. Callers pass the
// companies the actor may reach (`scope`, null = every company for the operator); anything outside is
// "not found". The sending itself is the dispatcher's (webhooks/webhook-dispatcher.ts): a replay is a
// durable request that whichever process dispatches picks up.
import { ApiError } from '../../../src-shared/api/errors';
import type {
  ClockInfo,
  WebhookAppGroup,
  WebhookAttemptDetail,
  WebhookAttemptPage,
  WebhookAttemptSummary,
  WebhookHookInfo,
  WebhookRecovery,
  WebhookReplayRequested,
} from '../../../src-shared/api/webhook-delivery-types';
import type { WebhookDataType } from '../../../src-shared/domain/webhooks';
import { deactivationDueAt } from '../webhooks/webhook-failing-email';
import { MAX_CLOCK_ADVANCE_MS } from '../../../src-shared/domain/durations';
import { WEBHOOK_RETRY_DELAYS_SECONDS } from '../../../src-shared/domain/webhooks';
import { CLOCK_ROLE_MESSAGE, type Actor } from '../access';
import { toIso } from '../clock';
import type { AttemptRow, HookOverviewRow, PairFailureRow, RecoveredHookRow } from '../repositories/webhook-delivery-repository';
import type { WebhookRow } from '../repositories/webhooks-repository';
import type { ServiceContext } from './service-context';
import type { WebhooksService } from './webhooks-service';

/** Companies an actor may reach; null means every company (the operator: CLI, platform administration). */
export type CompanyScope = readonly number[] | null;

export interface AttemptListQuery {
  companyId?: number | null;
  webhookId?: number | null;
  eventId?: number | null;
  beforeId?: number | null;
  afterId?: number | null;
  limit: number;
}

export interface WebhookDeliveryService {
  overview(scope: CompanyScope, companyId?: number | null): WebhookAppGroup[];
  attempts(scope: CompanyScope, query: AttemptListQuery): WebhookAttemptPage;
  attempt(scope: CompanyScope, attemptId: number): WebhookAttemptDetail;
  /** Events queued after this id (what a change just fired): for the CLI's `trigger`. */
  eventsSince(eventId: number): QueuedEvent[];
  /** The newest queued event's id (0 when none): what `eventsSince` is given before a change. */
  latestEventId(): number;
  /** Asks for one more attempt of an event (same webhook-id), whatever its state; logged as a replay. */
  requestReplay(scope: CompanyScope, eventId: number): WebhookReplayRequested;
  /**
   * `webhooks recover`: a replay of every event still queued (never delivered: it failed, or waits behind a
   * block or a deactivated hook) created since `since` (platform ms), in the scope, optionally one hook, app or
   * company. Deactivated hooks' events go out too; the hooks stay deactivated (reactivate resumes new ones).
   */
  recover(scope: CompanyScope, query: RecoveryQuery): WebhookRecovery;
  /** What `recover` would send again now, without asking for it (nothing is written): the console's count before it confirms. */
  previewRecovery(scope: CompanyScope, query: RecoveryQuery): WebhookRecovery;
  /** The id of the company's newest object of a topic's data type, for a test send with a real payload. */
  latestObjectId(companyId: number, type: Exclude<WebhookDataType, 'app'>): number | undefined;
  /** Sets a deactivated hook active again; what it still has queued goes out. */
  reactivate(scope: CompanyScope, webhookId: number): WebhookHookInfo;
  hook(scope: CompanyScope, webhookId: number): WebhookHookInfo;
  clock(): ClockInfo;
  /** Moves the clock forward: the operator or a partner's administrator only (`access.mayMoveClock`). */
  advanceClock(actor: Actor, ms: number): ClockInfo;
  /** The dispatcher running in this process, if any (it registers itself when it starts). */
  attachDispatcher(dispatcher: DispatcherHandle | null): void;
  /** Waits until this process's dispatcher has nothing due or in flight (at once when none runs here). */
  settle(): Promise<void>;
  /** Attempts this process's dispatcher has logged since it started (0 when none runs here). */
  attemptsLogged(): number;
  /** What dispatches: 'this process', 'another process' (standby) or nobody here. */
  dispatcherState(): 'active' | 'standby' | 'none';
}

export interface RecoveryQuery {
  since: number;
  webhookId?: number | null;
  appId?: number | null;
  companyId?: number | null;
}

export interface QueuedEvent {
  eventId: number;
  webhookId: number;
  topic: string;
  messageId: string;
  address: string;
}

/** What the service needs of a running dispatcher (webhooks/webhook-dispatcher.ts). */
export interface DispatcherHandle {
  settle(): Promise<void>;
  status(): { state: string; attemptsLogged: number };
}

export function createWebhookDeliveryService(ctx: ServiceContext, webhooks: WebhooksService): WebhookDeliveryService {
  const { clock, access } = ctx;
  const repo = ctx.repos.webhookDelivery;

  const inScope = (scope: CompanyScope, companyId: number) => scope === null || scope.includes(companyId);
  const narrow = (scope: CompanyScope, companyId: number | null | undefined): number[] | null => {
    if (companyId === null || companyId === undefined) return scope === null ? null : [...scope];
    if (!inScope(scope, companyId)) throw new ApiError('not_found', `Company ${companyId} was not found.`, { companyId });
    return [companyId];
  };
  const hookInScope = (scope: CompanyScope, webhookId: number): WebhookRow => {
    const hook = ctx.repos.webhooks.get(webhookId);
    if (!hook || !inScope(scope, hook.company_id)) throw new ApiError('not_found', `Webhook ${webhookId} was not found.`, { webhookId });
    return hook;
  };
  /** The companies a recovery reaches and the platform's now; a bad scope, hook or time is refused before anything is read. */
  const checkRecovery = (scope: CompanyScope, query: RecoveryQuery): { companies: number[] | null; at: number } => {
    const companies = narrow(scope, query.companyId);
    if (query.webhookId) hookInScope(scope, query.webhookId);
    if (!Number.isSafeInteger(query.since) || query.since < 0) throw ApiError.validation({ since: ['must be a time'] });
    const at = clock.now();
    if (query.since > at) throw ApiError.validation({ since: [`must not be after the platform's time (${toIso(at)})`] });
    return { companies, at };
  };
  const recovery = (since: number, at: number, rows: RecoveredHookRow[]): WebhookRecovery => ({
    since: toIso(since),
    requestedAt: toIso(at),
    events: rows.reduce((sum, row) => sum + row.events, 0),
    hooks: rows.map((row) => ({ webhookId: row.webhook_id, appId: row.app_id, companyId: row.company_id, isActive: row.is_active === 1, events: row.events })),
  });
  const hookInfo = (row: HookOverviewRow): WebhookHookInfo => ({
    id: row.id,
    appId: row.app_id,
    companyId: row.company_id,
    topic: row.topic,
    address: row.address,
    isActive: row.is_active === 1,
    deactivatedAt: row.deactivated_at === null ? null : toIso(row.deactivated_at),
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
    queued: row.queued,
    delivered: row.delivered,
    lastAttemptAt: row.last_attempt_at === null ? null : toIso(row.last_attempt_at),
    lastStatus: row.last_status,
  });
  const block = (pair: PairFailureRow | undefined) =>
    pair
      ? {
          failures: pair.failures,
          retriesDone: pair.failures - 1,
          retriesTotal: WEBHOOK_RETRY_DELAYS_SECONDS.length,
          firstFailureAt: toIso(pair.first_failure_at),
          lastFailureAt: toIso(pair.last_failure_at),
          nextAttemptAt: toIso(pair.next_attempt_at),
          lastError: pair.last_error,
          lastWebhookId: pair.last_webhook_id,
          alertedAt: pair.alerted_at == null ? null : toIso(pair.alerted_at),
          deactivatesAt: toIso(deactivationDueAt(pair.failures, pair.next_attempt_at)),
        }
      : null;
  const summary = (row: AttemptRow & { id: number }): WebhookAttemptSummary => ({
    id: row.id,
    eventId: row.event_id,
    webhookId: row.webhook_id,
    appId: row.app_id,
    companyId: row.company_id,
    topic: row.topic,
    messageId: row.message_id,
    kind: row.kind,
    retryNumber: row.retry_number,
    attemptedAt: toIso(row.attempted_at),
    durationMs: row.duration_ms,
    statusCode: row.status_code,
    ok: row.ok === 1,
    error: row.error,
    url: row.url,
    eventState: row.event_state,
  });
  const clockInfo = (): ClockInfo => ({ now: clock.nowIso(), offsetMs: clock.offsetMs(), realNow: toIso(clock.now() - clock.offsetMs()) });

  let dispatcher: DispatcherHandle | null = null;

  const service: WebhookDeliveryService = {
    overview(scope, companyId) {
      const companies = narrow(scope, companyId);
      const pairs = new Map(repo.pairsOf(companies).map((p) => [`${p.app_id}:${p.company_id}`, p]));
      const groups = new Map<string, WebhookAppGroup>();
      for (const row of repo.hooksOverview(companies)) {
        const key = `${row.app_id}:${row.company_id}`;
        let group = groups.get(key);
        if (!group) {
          group = {
            appId: row.app_id,
            appName: row.app_name,
            developerEmail: row.developer_email,
            companyId: row.company_id,
            companyName: row.company_name,
            block: block(pairs.get(key)),
            hooks: [],
          };
          groups.set(key, group);
        }
        group.hooks.push(hookInfo(row));
      }
      return [...groups.values()];
    },

    attempts(scope, query) {
      const companies = narrow(scope, query.companyId);
      if (query.webhookId) hookInScope(scope, query.webhookId);
      const rows = repo.attempts({
        companyIds: companies,
        webhookId: query.webhookId ?? null,
        eventId: query.eventId ?? null,
        beforeId: query.beforeId ?? null,
        afterId: query.afterId ?? null,
        limit: query.limit + 1,
      });
      return { items: rows.slice(0, query.limit).map(summary), hasMore: rows.length > query.limit };
    },

    attempt(scope, attemptId) {
      const row = repo.getAttempt(attemptId);
      if (!row || !inScope(scope, row.company_id)) throw new ApiError('not_found', `Attempt ${attemptId} was not found.`, { attemptId });
      const event = repo.getEvent(row.event_id)!;
      return {
        ...summary(row),
        requestHeaders: JSON.parse(row.request_headers) as Record<string, string>,
        requestBody: row.request_body,
        eventCreatedAt: toIso(event.created_at),
        eventAttempts: event.attempts,
        replayPending: event.replay_requested_at !== null,
      };
    },

    latestEventId: () => repo.maxEventId(),

    eventsSince: (eventId) =>
      repo.eventsAfter(eventId).map((e) => ({ eventId: e.id, webhookId: e.webhook_id, topic: e.topic, messageId: e.message_id, address: e.address })),

    requestReplay(scope, eventId) {
      const event = repo.getEvent(eventId);
      if (!event || !inScope(scope, event.company_id)) throw new ApiError('not_found', `Event ${eventId} was not found.`, { eventId });
      const at = clock.now();
      ctx.transact((emit) => {
        repo.requestReplay(eventId, at);
        emit('webhook_delivery.replay_requested', { eventId, companyId: event.company_id });
      });
      return { eventId, messageId: event.message_id, requestedAt: toIso(at) };
    },

    recover(scope, query) {
      const { companies, at } = checkRecovery(scope, query);
      const rows = ctx.transact((emit) => {
        const recovered = repo.requestReplaysSince(query.since, at, { companyIds: companies, webhookId: query.webhookId ?? null, appId: query.appId ?? null });
        // One notice per company wakes the dispatcher (any process) and the live views.
        const firstOfCompany = new Map<number, number>();
        for (const row of recovered) firstOfCompany.set(row.company_id, Math.min(firstOfCompany.get(row.company_id) ?? row.first_event_id, row.first_event_id));
        for (const [companyId, eventId] of firstOfCompany) emit('webhook_delivery.replay_requested', { eventId, companyId });
        return recovered;
      });
      return recovery(query.since, at, rows);
    },

    previewRecovery(scope, query) {
      const { companies, at } = checkRecovery(scope, query);
      return recovery(query.since, at, repo.recoverableSince(query.since, { companyIds: companies, webhookId: query.webhookId ?? null, appId: query.appId ?? null }));
    },

    latestObjectId: (companyId, type) => repo.latestObjectId(companyId, type),

    reactivate(scope, webhookId) {
      const hook = hookInScope(scope, webhookId);
      // The same rule as PUT /admin/webhooks/{id}.json with is_active: true (it emits webhook.reactivated).
      webhooks.update({ appId: hook.app_id, companyId: hook.company_id }, webhookId, { is_active: true });
      return service.hook(scope, webhookId);
    },

    hook(scope, webhookId) {
      const hook = hookInScope(scope, webhookId);
      const row = repo.hooksOverview([hook.company_id]).find((h) => h.id === webhookId)!;
      return hookInfo(row);
    },

    clock: clockInfo,

    advanceClock(actor, ms) {
      if (!access.mayMoveClock(actor)) throw new ApiError('forbidden', CLOCK_ROLE_MESSAGE, { reason: 'clock_role_required' });
      if (!Number.isSafeInteger(ms) || ms <= 0) throw ApiError.validation({ duration: ['must be a positive duration'] });
      if (ms > MAX_CLOCK_ADVANCE_MS) throw ApiError.validation({ duration: ['must be at most 366 days (the clock never moves back)'] });
      clock.advance(ms);
      return clockInfo();
    },

    attachDispatcher(handle) {
      dispatcher = handle;
    },
    settle: () => dispatcher?.settle() ?? Promise.resolve(),
    attemptsLogged: () => dispatcher?.status().attemptsLogged ?? 0,
    dispatcherState() {
      const state = dispatcher?.status().state;
      return state === 'active' ? 'active' : state === 'standby' ? 'standby' : 'none';
    },
  };
  return service;
}
