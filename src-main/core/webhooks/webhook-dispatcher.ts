// The webhook dispatcher: sends the event rows that the transactional outbox wrote, applies the hosted
// platform's failure rules (spec §5) and logs every attempt. The main thread owns the database, the clock
// and the secret store and decides what goes out when; a worker thread (webhook-worker.ts) signs and
// POSTs. Delivery is at least once: an event stays queued until the success of an attempt is committed,
// so a crash of the worker or of the whole app at any moment leads to a resend, never to a loss.
//
// Failure rules, per (app, company) pair: a failed attempt (any non-2xx, no answer within the timeout)
// blocks the pair; events created meanwhile stay queued. Retry n goes out WEBHOOK_RETRY_DELAYS_SECONDS[n-1]
// after the most recent failure and sends the pair's oldest queued event; its success clears the block and
// the rest of the queue follows at once. When the last retry fails, the hook of that event is deactivated,
// its developer gets an email, and the pair is unblocked for its other hooks; the deactivated hook's
// events stay queued and go out after reactivation.
//
// Uninstalled apps: once the app/uninstalled notification of a pair whose company revoked the app is
// delivered or abandoned, its hook is removed in the same transaction (webhooks.removeUnauthorized); so is
// any such leftover when a dispatcher starts.
//
// Time: every decision reads the clock service. Moving the clock forward runs what fell due in the order
// it was scheduled, each attempt stamped with its scheduled platform time, without waiting.
import { logFor } from '../logging/logger';
import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { isAcknowledged, retryDelayMs, WEBHOOK_LOG_RETENTION_DAYS, WEBHOOK_TIMEOUT_MS } from '../../../src-shared/domain/webhooks';
import type { Platform } from '../platform';
import type { DeliveryJobRow, PairFailureRow } from '../repositories/webhook-delivery-repository';
import type { Emit } from '../services/service-context';
import { deactivationEmail } from './webhook-deactivation-email';
import { isTopicEvent } from './webhook-event-writer';
import { portOfOrigin, refusedWebhookAddress } from './webhook-address-guard';
import { defaultWebhookWorkerPath } from './webhook-worker-path';
import type { FromWorker, SendJob, SendResult, ToWorker, WorkerSettings } from './webhook-worker-protocol';

export interface WebhookDispatcherOptions {
  /** The bundled worker (default: dist/worker/webhook-worker.cjs beside the running bundle). */
  workerPath?: string;
  /** Per attempt (default: the spec's 10 s). */
  timeoutMs?: number;
  /** Attempts out at the same time (default 256). */
  maxInFlight?: number;
  /** Keep-alive connections per receiving origin (default 32). */
  maxSockets?: number;
  /** How often to look for rows other processes committed, e.g. `partnerdeck trigger` (default 200 ms). */
  pollIntervalMs?: number;
  /** First and longest wait before restarting a worker that died (default 100 ms doubling to 5 s). */
  restartDelayMs?: { initial: number; max: number };
  /** How long stop() waits for attempts in flight to report (default 2 s). */
  stopGraceMs?: number;
  /** Real time for the lease between processes (which one dispatches), not platform time. Default Date.now. */
  realNow?: () => number;
  /** Called for every logged attempt (benchmarks, diagnostics). */
  observer?: (attempt: AttemptObservation) => void;
  log?: (message: string, error?: unknown) => void;
  /** Called with the error that stopped the worker thread (after it is logged; the worker is restarted). */
  onWorkerError?: (error: Error) => void;
  userAgent?: string;
}

export interface AttemptObservation {
  eventId: number;
  webhookId: number;
  kind: AttemptKind;
  ok: boolean;
  status: number | null;
  /** Platform time the attempt is logged at. */
  attemptedAt: number;
  /** Wall time the worker started the request (epoch ms, fractional). */
  startedAt: number;
  durationMs: number;
}

export interface DispatcherStatus {
  /** active: this process dispatches; standby: another process holds the data folder's lease. */
  state: 'active' | 'standby' | 'stopping' | 'stopped';
  inFlight: number;
  workerStarts: number;
  attemptsLogged: number;
  /** Delivered events this dispatcher deleted from the log under its retention (WEBHOOK_LOG_RETENTION_DAYS). */
  eventsPruned: number;
}

export interface WebhookDispatcher {
  /** Resolves once nothing is in flight and nothing is due (at once when another process dispatches). */
  settle(): Promise<void>;
  status(): DispatcherStatus;
  /** Ends the worker as a crash would; the dispatcher starts a new one (diagnostics and tests). */
  terminateWorker(): Promise<void>;
  /**
   * Stops dispatching, waits briefly (graceMs, default stopGraceMs) for attempts in flight to report, ends
   * the worker and releases the lease. With graceMs 0 the lease is released before it returns.
   */
  stop(options?: { graceMs?: number }): Promise<void>;
}

type AttemptKind = 'delivery' | 'retry' | 'replay';

interface InFlight {
  key: string;
  eventId: number;
  webhookId: number;
  appId: number;
  companyId: number;
  kind: AttemptKind;
  retryNumber: number | null;
  /** The pair's state generation when sent: only an attempt of the current generation moves the rules. */
  generation: number;
  attemptedAt: number;
  url: string;
  payload: string;
  messageId: string;
  secretSealed: string;
  replayRequestedAt: number | null;
}

const LEASE_STALE_MS = 15_000;
const HEARTBEAT_MS = 2_000;
const STANDBY_CHECK_MS = 1_000;
const REPLAY_BATCH = 100;
const CHANGE_NOTICE_MS = 150;
const MAX_TIMER_MS = 2_147_483_647;
/** The log's retention is applied at most this often (platform time, so time travel sweeps too)... */
const LOG_SWEEP_EVERY_MS = 60 * 60 * 1000;
/** ...in batches of this many events per tick (short transactions beside the dispatching). */
const LOG_SWEEP_BATCH = 2_000;
const DAY_MS = 24 * 60 * 60 * 1000;

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The process that dispatches for this data folder now, if any (the CLI says whether a replay will go out). */
export function activeDispatcherPid(platform: Platform, realNow: () => number = Date.now): number | null {
  const lease = platform.repos.webhookDelivery.readLease();
  return lease && realNow() - lease.heartbeat_at < LEASE_STALE_MS && processAlive(lease.pid) ? lease.pid : null;
}

export function startWebhookDispatcher(platform: Platform, options: WebhookDispatcherOptions = {}): WebhookDispatcher {
  const { db, clock, ctx } = platform;
  const repo = platform.repos.webhookDelivery;
  const workerPath = options.workerPath ?? defaultWebhookWorkerPath();
  if (!existsSync(workerPath)) throw new Error(`the webhook worker bundle is missing at ${workerPath}: run \`npm run build\``);
  const settings: WorkerSettings = {
    timeoutMs: options.timeoutMs ?? WEBHOOK_TIMEOUT_MS,
    maxSockets: options.maxSockets ?? 32,
    userAgent: options.userAgent ?? 'PartnerDeck-Webhooks/1.0',
  };
  const maxInFlight = options.maxInFlight ?? 256;
  const pollIntervalMs = options.pollIntervalMs ?? 200;
  const restartDelay = options.restartDelayMs ?? { initial: 100, max: 5_000 };
  const realNow = options.realNow ?? Date.now;
  const log = options.log ?? logFor('webhooks').callback();
  const owner = `${process.pid}:${platform.ids.hex(8)}`;

  let state: DispatcherStatus['state'] = 'standby';
  let worker: Worker | null = null;
  let workerStartedAt = 0;
  let workerStarts = 0;
  let nextRestartDelay = restartDelay.initial;
  let restartTimer: ReturnType<typeof setTimeout> | null = null;
  let dueTimer: ReturnType<typeof setTimeout> | null = null;
  let changeTimer: ReturnType<typeof setTimeout> | null = null;
  let pumpQueued = false;
  let cursor = 0;
  let attemptsLogged = 0;
  let eventsPruned = 0;
  /** Platform time of the last sweep that found nothing more to delete. */
  let lastLogSweepAt = Number.NEGATIVE_INFINITY;
  let lastDataVersion = 0;
  /** The newest event and attempt live views were told about. */
  let seenEventId = 0;
  let seenAttemptId = 0;
  let lastHeartbeat = 0;
  let lastStandbyCheck = 0;
  const inFlight = new Map<string, InFlight>();
  const probing = new Set<string>();
  const generations = new Map<string, number>();
  const sentSecrets = new Map<number, string>();
  const openedSecrets = new Map<string, string>();
  const changedCompanies = new Set<number>();
  let idleWaiters: Array<() => void> = [];
  let drainWaiters: Array<() => void> = [];
  let stopping: Promise<void> | null = null;
  /** Replays may be waiting (asked for here or in another process); cleared when a look finds none. */
  let replaysMayBePending = true;
  /** The earliest scheduled retry, cached between changes of the blocked pairs (undefined: look it up). */
  let nextDue: number | null | undefined;
  let pendingResults: SendResult[] = [];
  let resultsQueued = false;
  /** Fresh events are fetched once this many slots are free (fewer, larger reads while busy). */
  const refillAt = Math.max(1, Math.floor(maxInFlight / 8));

  const pairKey = (appId: number, companyId: number) => `${appId}:${companyId}`;
  const generationOf = (key: string) => generations.get(key) ?? 0;
  const bumpGeneration = (key: string) => generations.set(key, generationOf(key) + 1);
  /** webhook-timestamp: the clock's real-time part, so receivers' replay windows accept it after time travel. */
  const headerTimestamp = () => Math.floor((clock.now() - clock.offsetMs()) / 1000);

  // ---- the lease: one dispatcher per data folder --------------------------------------------------

  function tryAcquireLease(): boolean {
    const now = realNow();
    return db
      .transaction(() => {
        const lease = repo.readLease();
        if (lease && lease.owner !== owner && now - lease.heartbeat_at < LEASE_STALE_MS && processAlive(lease.pid)) return false;
        repo.writeLease({ owner, pid: process.pid, heartbeat_at: now });
        return true;
      })
      .immediate();
  }

  function activate(): void {
    state = 'active';
    lastHeartbeat = realNow();
    nextRestartDelay = restartDelay.initial;
    // Retries that fell due while nobody dispatched go out now; the schedule continues from their outcome.
    // Hooks of apps their company no longer authorizes (with nothing left to say) go.
    ctx.transact((emit) => {
      repo.postponeOverdue(clock.now());
      platform.webhooks.removeUnauthorized(emit, null);
    });
    lastDataVersion = dataVersion();
    cursor = 0;
    nextDue = undefined;
    replaysMayBePending = true;
    startWorker();
  }

  function toStandby(reason: string): void {
    log(`webhook dispatcher: ${reason}; standing by`);
    state = 'standby';
    forgetInFlight();
    const current = worker;
    worker = null;
    void current?.terminate();
  }

  // ---- the worker ---------------------------------------------------------------------------------

  function startWorker(): void {
    const created = new Worker(workerPath, { workerData: settings, name: 'partnerdeck-webhooks' });
    worker = created;
    workerStartedAt = realNow();
    workerStarts += 1;
    sentSecrets.clear();
    created.on('message', (message: FromWorker) => {
      if (worker === created && message.type === 'results') handleResults(message.results);
    });
    created.on('error', (error) => {
      log('webhook worker failed', error);
      options.onWorkerError?.(error);
    });
    created.on('exit', (code) => {
      if (worker !== created) return;
      worker = null;
      onWorkerGone(code);
    });
    schedulePump();
  }

  function forgetInFlight(): void {
    // Outcomes that already came back are recorded; what was still in flight has no recorded outcome: it is
    // still queued in the database and goes out again.
    const reported = pendingResults;
    pendingResults = [];
    if (reported.length > 0 && db.open) recordResults(reported);
    inFlight.clear();
    probing.clear();
    cursor = 0;
    replaysMayBePending = true;
    resolveDrainWaiters();
  }

  function onWorkerGone(code: number): void {
    forgetInFlight();
    if (state !== 'active') return;
    if (realNow() - workerStartedAt > 30_000) nextRestartDelay = restartDelay.initial;
    const delay = nextRestartDelay;
    nextRestartDelay = Math.min(nextRestartDelay * 2, restartDelay.max);
    log(`webhook worker stopped (exit code ${code}); starting a new one in ${delay} ms`);
    restartTimer = setTimeout(() => {
      restartTimer = null;
      if (state === 'active' && worker === null) startWorker();
    }, delay);
  }

  function post(message: ToWorker): void {
    worker?.postMessage(message);
  }

  // ---- deciding what goes out ---------------------------------------------------------------------

  function schedulePump(): void {
    if (pumpQueued) return;
    pumpQueued = true;
    setImmediate(() => {
      pumpQueued = false;
      try {
        pump();
      } catch (error) {
        log('webhook dispatcher: could not read the queue', error);
        armDueTimer(1_000);
      }
    });
  }

  function attemptOf(row: DeliveryJobRow, key: string, kind: AttemptKind, attemptedAt: number, retryNumber: number | null): InFlight {
    return {
      key,
      eventId: row.event_id,
      webhookId: row.webhook_id,
      appId: row.app_id,
      companyId: row.company_id,
      kind,
      retryNumber,
      generation: generationOf(pairKey(row.app_id, row.company_id)),
      attemptedAt,
      url: row.address,
      payload: row.payload,
      messageId: row.message_id,
      secretSealed: row.secret_sealed,
      replayRequestedAt: row.replay_requested_at,
    };
  }

  function dueAt(): number | null {
    if (nextDue === undefined) nextDue = repo.nextDueAt();
    return nextDue;
  }

  function pump(): void {
    if (state !== 'active' || worker === null) {
      if (state !== 'active') resolveIdleWaiters();
      return;
    }
    const now = clock.now();
    const jobs: InFlight[] = [];

    // Replays asked for in the console or the CLI: whatever the hook's or the pair's state.
    if (replaysMayBePending) {
      const replays = repo.pendingReplays(REPLAY_BATCH);
      replaysMayBePending = replays.length > 0;
      for (const row of replays) {
        const key = `r:${row.event_id}`;
        if (!inFlight.has(key)) jobs.push(attemptOf(row, key, 'replay', now, null));
      }
    }

    // Retries that are due, in the order they were scheduled, each stamped with its scheduled time.
    const due = dueAt();
    for (const pair of due !== null && due <= now ? repo.duePairs(now) : []) {
      const key = pairKey(pair.app_id, pair.company_id);
      if (probing.has(key)) continue;
      const head = repo.headOfPair(pair.app_id, pair.company_id);
      if (!head) {
        // Nothing of an active hook is left to retry (deleted or deactivated by hand): the block ends.
        unblock(pair);
        continue;
      }
      if (inFlight.has(`d:${head.event_id}`)) continue; // an earlier attempt of it has not reported yet
      probing.add(key);
      jobs.push(attemptOf(head, `d:${head.event_id}`, 'retry', pair.next_attempt_at, pair.failures));
    }

    // New events of pairs that are not blocked, oldest first.
    const capacity = maxInFlight - inFlight.size - jobs.length;
    if (capacity >= refillAt || (capacity > 0 && inFlight.size === 0)) {
      const { rows, scannedTo } = db.transaction(() => {
        const found = repo.dispatchable(cursor, capacity);
        // Rows up to the snapshot's last id that were not returned belong to blocked pairs or inactive
        // hooks; a block ending or a hook coming back resets the cursor.
        return { rows: found, scannedTo: found.length < capacity ? repo.maxEventId() : found[found.length - 1].event_id };
      }).deferred();
      cursor = Math.max(cursor, scannedTo);
      for (const row of rows) {
        const key = `d:${row.event_id}`;
        if (!inFlight.has(key)) jobs.push(attemptOf(row, key, 'delivery', now, null));
      }
    }

    if (jobs.length > 0) send(jobs);
    else if (inFlight.size === 0) resolveIdleWaiters();
    armDueTimer();
  }

  function send(jobs: InFlight[]): void {
    const secrets: [number, string][] = [];
    const refused: SendResult[] = [];
    const sendable: SendJob[] = [];
    const timestamp = headerTimestamp();
    const ownPort = portOfOrigin(platform.publicUrl());
    for (const job of jobs) {
      inFlight.set(job.key, job);
      if (sentSecrets.get(job.appId) !== job.secretSealed) {
        try {
          const secret = openedSecrets.get(job.secretSealed) ?? platform.apps.openSecret(job.appId);
          openedSecrets.set(job.secretSealed, secret);
          sentSecrets.set(job.appId, job.secretSealed);
          secrets.push([job.appId, secret]);
        } catch (error) {
          refused.push({
            key: job.key,
            status: null,
            error: `the request could not be signed: ${(error as Error).message}`,
            durationMs: 0,
            startedAt: performance.timeOrigin + performance.now(),
            requestHeaders: '{}',
            requestBody: job.payload,
          });
          continue;
        }
      }
      // A hook registered before the address rules, or whose address became the platform's own port: not sent.
      const problem = refusedWebhookAddress(job.url, ownPort);
      if (problem) {
        refused.push({
          key: job.key,
          status: null,
          error: `refused: the address ${problem}`,
          durationMs: 0,
          startedAt: performance.timeOrigin + performance.now(),
          requestHeaders: '{}',
          requestBody: job.payload,
        });
        continue;
      }
      sendable.push({ key: job.key, appId: job.appId, url: job.url, payload: job.payload, messageId: job.messageId, timestamp });
    }
    if (secrets.length > 0) post({ type: 'secrets', entries: secrets });
    if (sendable.length > 0) post({ type: 'send', jobs: sendable });
    if (refused.length > 0) setImmediate(() => handleResults(refused));
  }

  function armDueTimer(fallbackMs?: number): void {
    if (dueTimer) clearTimeout(dueTimer);
    dueTimer = null;
    if (state !== 'active') return;
    let delay = fallbackMs;
    if (delay === undefined) {
      const next = dueAt();
      if (next === null) return;
      // Already due means it waits for an attempt in flight, whose report pumps again; look anyway later.
      delay = next <= clock.now() ? 1_000 : Math.min(next - clock.now(), MAX_TIMER_MS);
    }
    dueTimer = setTimeout(() => {
      dueTimer = null;
      schedulePump();
    }, delay);
    dueTimer.unref();
  }

  // ---- what came back -----------------------------------------------------------------------------

  /** Results of several worker messages go into one transaction. */
  function handleResults(results: SendResult[]): void {
    if (state === 'stopped') return;
    for (const result of results) pendingResults.push(result);
    if (resultsQueued) return;
    resultsQueued = true;
    setImmediate(() => {
      resultsQueued = false;
      const batch = pendingResults;
      pendingResults = [];
      recordResults(batch);
    });
  }

  function recordResults(results: SendResult[]): void {
    if (state === 'stopped') return;
    const reported = results.flatMap((result) => {
      const attempt = inFlight.get(result.key);
      return attempt ? [{ result, attempt }] : [];
    });
    if (reported.length === 0) return;
    try {
      ctx.transact((emit) => {
        /** Pairs where a notification was delivered or abandoned: an uninstalled app's last hook may go now. */
        const settled = new Map<string, { appId: number; companyId: number }>();
        for (const { result, attempt } of reported) {
          const ok = result.error === null && isAcknowledged(result.status);
          repo.insertAttempt({
            event_id: attempt.eventId,
            webhook_id: attempt.webhookId,
            app_id: attempt.appId,
            company_id: attempt.companyId,
            kind: attempt.kind,
            retry_number: attempt.retryNumber,
            attempted_at: attempt.attemptedAt,
            duration_ms: result.durationMs,
            status_code: result.status,
            ok: ok ? 1 : 0,
            error: result.error,
            url: attempt.url,
            request_headers: result.requestHeaders,
            request_body: result.requestBody,
          });
          repo.recordAttemptOnEvent(attempt.eventId, attempt.attemptedAt, result.status, ok, attempt.kind === 'replay' ? attempt.replayRequestedAt : null);
          const deactivated = attempt.kind !== 'replay' && applyRules(attempt, result, ok, emit);
          if (ok || deactivated) settled.set(pairKey(attempt.appId, attempt.companyId), { appId: attempt.appId, companyId: attempt.companyId });
        }
        for (const pair of settled.values()) platform.webhooks.removeUnauthorized(emit, pair);
      });
    } catch (error) {
      // Nothing of this batch was recorded: the events are still queued and go out again.
      log('webhook dispatcher: could not record attempts', error);
      for (const { attempt } of reported) release(attempt);
      cursor = 0;
      schedulePump();
      return;
    }
    for (const { result, attempt } of reported) {
      release(attempt);
      attemptsLogged += 1;
      noteChange(attempt.companyId);
      options.observer?.({
        eventId: attempt.eventId,
        webhookId: attempt.webhookId,
        kind: attempt.kind,
        ok: result.error === null && isAcknowledged(result.status),
        status: result.status,
        attemptedAt: attempt.attemptedAt,
        startedAt: result.startedAt,
        durationMs: result.durationMs,
      });
    }
    if (inFlight.size === 0) resolveDrainWaiters();
    schedulePump();
  }

  function release(attempt: InFlight): void {
    inFlight.delete(attempt.key);
    if (attempt.kind === 'retry') probing.delete(pairKey(attempt.appId, attempt.companyId));
  }

  /** Applies the failure rules to an attempt's outcome; true when its hook was deactivated. */
  function applyRules(attempt: InFlight, result: SendResult, ok: boolean, emit: Emit): boolean {
    const key = pairKey(attempt.appId, attempt.companyId);
    // An attempt sent before the pair's latest change (e.g. one of many in flight when the first failed)
    // is logged but moves nothing.
    if (attempt.generation !== generationOf(key)) return false;
    const pair = repo.getPair(attempt.appId, attempt.companyId);
    if (ok) {
      // A successful retry clears the block; the queue follows with the next pump.
      if (pair && attempt.kind === 'retry') {
        repo.deletePair(attempt.appId, attempt.companyId);
        nextDue = undefined;
        bumpGeneration(key);
        cursor = 0;
      }
      return false;
    }
    const failedAt = attempt.attemptedAt + result.durationMs;
    const failures = (pair?.failures ?? 0) + 1;
    const error = result.status !== null ? `HTTP ${result.status}` : (result.error ?? 'no answer');
    bumpGeneration(key);
    nextDue = undefined;
    const delay = retryDelayMs(failures);
    if (delay === null) {
      deactivate(attempt, pair!, failedAt, error, emit);
      repo.deletePair(attempt.appId, attempt.companyId);
      cursor = 0;
      return true;
    }
    repo.upsertPair({
      app_id: attempt.appId,
      company_id: attempt.companyId,
      failures,
      first_failure_at: pair?.first_failure_at ?? failedAt,
      last_failure_at: failedAt,
      next_attempt_at: failedAt + delay,
      last_webhook_id: attempt.webhookId,
      last_error: error,
    });
    return false;
  }

  function deactivate(attempt: InFlight, pair: PairFailureRow, failedAt: number, error: string, emit: Emit): void {
    const { webhooks, apps } = platform.repos;
    const before = webhooks.get(attempt.webhookId);
    if (!before || before.is_active === 0) return; // deleted or switched off meanwhile
    webhooks.update(before.id, { is_active: 0, deactivated_at: failedAt, updated_at: failedAt });
    const hook = webhooks.get(before.id)!;
    const app = apps.get(attempt.appId)!;
    emit('webhook.deactivated', { webhookId: hook.id, appId: app.id, companyId: hook.company_id });
    platform.outbox.queue(
      emit,
      deactivationEmail({
        app,
        hook,
        companyName: platform.repos.companies.get(hook.company_id)?.name ?? `company ${hook.company_id}`,
        developerCompanyEmail: platform.repos.companies.get(app.company_id)?.email ?? '',
        firstFailureAt: pair.first_failure_at,
        lastFailureAt: failedAt,
        lastError: error,
        queued: repo.countQueued(hook.id),
        // An uninstalled app's app/uninstalled hook: it is removed right after, there is nothing to reactivate.
        uninstalled: !platform.repos.authorizations.findActive(app.id, hook.company_id),
      }),
    );
  }

  function unblock(pair: PairFailureRow): void {
    ctx.transact(() => repo.deletePair(pair.app_id, pair.company_id));
    nextDue = undefined;
    bumpGeneration(pairKey(pair.app_id, pair.company_id));
    noteChange(pair.company_id);
    cursor = 0;
    schedulePump();
  }

  // ---- live views, waiting, polling ---------------------------------------------------------------

  function noteChange(companyId: number): void {
    changedCompanies.add(companyId);
    if (changeTimer) return;
    changeTimer = setTimeout(flushChanges, CHANGE_NOTICE_MS);
  }

  function flushChanges(): void {
    if (changeTimer) clearTimeout(changeTimer);
    changeTimer = null;
    const companies = [...changedCompanies];
    changedCompanies.clear();
    for (const companyId of companies) platform.events.publish('webhook_deliveries.changed', { companyId });
  }

  function resolveIdleWaiters(): void {
    const waiting = idleWaiters;
    idleWaiters = [];
    for (const resolve of waiting) resolve();
  }

  function resolveDrainWaiters(): void {
    const waiting = drainWaiters;
    drainWaiters = [];
    for (const resolve of waiting) resolve();
  }

  /**
   * Tells live views about events (queued, maybe blocked) another process wrote, and, while standing by,
   * about the attempts the dispatching process logged (this process announces its own as it logs them).
   */
  function noteNewRows(withAttempts: boolean): void {
    const events = repo.maxEventId();
    if (events !== seenEventId) {
      for (const companyId of repo.companiesWithEventsAfter(seenEventId)) noteChange(companyId);
      seenEventId = events;
    }
    const attempts = repo.maxAttemptId();
    if (withAttempts && attempts !== seenAttemptId) {
      for (const companyId of repo.companiesWithAttemptsAfter(seenAttemptId)) noteChange(companyId);
    }
    seenAttemptId = attempts;
  }

  /** The log's retention: delivered events older than WEBHOOK_LOG_RETENTION_DAYS go, a batch per tick. */
  function sweepLog(): void {
    const platformNow = clock.now();
    if (state !== 'active' || platformNow - lastLogSweepAt < LOG_SWEEP_EVERY_MS) return;
    const deleted = repo.pruneDelivered(platformNow - WEBHOOK_LOG_RETENTION_DAYS * DAY_MS, LOG_SWEEP_BATCH);
    eventsPruned += deleted;
    // A full batch: more may be left, so the next tick goes on.
    if (deleted < LOG_SWEEP_BATCH) lastLogSweepAt = platformNow;
  }

  function dataVersion(): number {
    return db.pragma('data_version', { simple: true }) as number;
  }

  function tick(): void {
    if (!db.open) return;
    const now = realNow();
    try {
      if (state !== 'active' && state !== 'standby') return;
      // Another process (the CLI, a second console, the dispatching process) committed something.
      const version = dataVersion();
      const changed = version !== lastDataVersion;
      lastDataVersion = version;
      if (state === 'standby') {
        if (changed) noteNewRows(true);
        if (now - lastStandbyCheck >= STANDBY_CHECK_MS) {
          lastStandbyCheck = now;
          if (tryAcquireLease()) activate();
        }
        return;
      }
      if (changed) {
        // Look again from the start: rows may have become sendable (a hook reactivated elsewhere), a replay
        // may have been asked for; live views learn of events the other process queued.
        cursor = 0;
        replaysMayBePending = true;
        nextDue = undefined;
        noteNewRows(false);
        schedulePump();
      }
      if (now - lastHeartbeat >= HEARTBEAT_MS) {
        lastHeartbeat = now;
        if (!repo.heartbeat(owner, now)) toStandby('another process took over the data folder');
      }
      sweepLog();
    } catch (error) {
      // A busy database (another process writing) is retried at the next tick.
      if ((error as { code?: string }).code !== 'SQLITE_BUSY') log('webhook dispatcher: tick failed', error);
    }
  }

  const poller = setInterval(tick, pollIntervalMs);
  poller.unref();
  const offEvents = platform.events.subscribe(({ name, payload }) => {
    if (state !== 'active') return;
    if (isTopicEvent(name)) {
      noteChange((payload as { companyId: number }).companyId);
      schedulePump();
    } else if (name === 'webhook_delivery.replay_requested') {
      replaysMayBePending = true;
      schedulePump();
    } else if (name.startsWith('webhook.')) {
      // Registered, changed, reactivated or deleted: queued rows may have become sendable.
      cursor = 0;
      schedulePump();
    }
  });
  const offClock = clock.onAdvance(() => {
    if (state === 'active') schedulePump();
  });

  lastStandbyCheck = realNow();
  seenEventId = repo.maxEventId();
  seenAttemptId = repo.maxAttemptId();
  lastDataVersion = dataVersion();
  if (tryAcquireLease()) activate();
  else log('webhook dispatcher: another process dispatches for this data folder; standing by');

  const dispatcher: WebhookDispatcher = {
    settle() {
      if (state !== 'active') return Promise.resolve();
      return new Promise((resolve) => {
        idleWaiters.push(resolve);
        schedulePump();
      });
    },
    status: () => ({ state, inFlight: inFlight.size, workerStarts, attemptsLogged, eventsPruned }),
    async terminateWorker() {
      await worker?.terminate();
    },
    stop(stopOptions = {}) {
      if (state === 'stopped' || state === 'stopping') return stopping ?? Promise.resolve();
      const wasActive = state === 'active';
      state = 'stopping';
      clearInterval(poller);
      offEvents();
      offClock();
      for (const timer of [dueTimer, restartTimer]) if (timer) clearTimeout(timer);
      const finish = (): Promise<void> => {
        state = 'stopped';
        const current = worker;
        worker = null;
        flushChanges();
        if (wasActive && db.open) {
          try {
            repo.releaseLease(owner);
          } catch (error) {
            log('webhook dispatcher: could not release the lease', error);
          }
        }
        resolveIdleWaiters();
        platform.webhookDeliveries.attachDispatcher(null);
        return current ? current.terminate().then(() => undefined) : Promise.resolve();
      };
      const grace = stopOptions.graceMs ?? options.stopGraceMs ?? 2_000;
      // Without grace (the desktop app quitting) everything happens now, before the database closes.
      if (inFlight.size === 0 || worker === null || grace === 0) {
        stopping = finish();
        return stopping;
      }
      stopping = new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, grace);
        drainWaiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      }).then(finish);
      return stopping;
    },
  };
  platform.webhookDeliveries.attachDispatcher(dispatcher);
  return dispatcher;
}
