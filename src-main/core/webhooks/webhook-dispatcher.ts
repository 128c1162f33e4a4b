// The webhook dispatcher: sends the event rows that the transactional outbox wrote and logs every attempt.
// Delivery is at least once: an event stays queued until the success of an attempt is committed, so a crash
// of the worker or of the whole app at any moment leads to a resend, never to a loss.
//
// This file is the runtime: when to look, the threads, the batching, the lease's turns, the log's retention.
// The parts it drives live beside it:
//   webhook-delivery-rules.ts     the failure rules of spec §5 and the choice of what goes next: pure functions;
//   webhook-delivery-queue.ts     reads what is sendable now (asking the rules) and keeps what is in flight;
//   webhook-outcome-recorder.ts   writes a batch of outcomes and the rules' decisions in one transaction;
//   webhook-dispatcher-lease.ts   one dispatcher per data folder (the others stand by);
//   webhook-worker-host.ts        the worker thread that signs and POSTs (webhook-worker.ts), restarted
//                                 when it dies;
//   webhook-delivery-notices.ts   tells live views what changed.
// The main thread owns the database, the clock and the secret store. It pumps: takes what is sendable now
// (replays, due retries, new events of unblocked pairs) and hands it to the worker; the worker's results
// are batched and recorded once per event-loop turn. It pumps again when an event is committed here, a
// replay is asked for, a hook changes, the clock moves or a retry falls due, and when another process
// commits (PRAGMA data_version, polled every 200 ms). The same poll keeps the lease and applies the log's
// retention.
//
// Time: every decision reads the clock service. Moving the clock forward runs what fell due in the order
// it was scheduled, each attempt stamped with its scheduled platform time, without waiting.
import { logFor } from '../logging/logger';
import { existsSync } from 'node:fs';
import { WEBHOOK_LOG_RETENTION_DAYS, WEBHOOK_TIMEOUT_MS } from '../../../src-shared/domain/webhooks';
import type { Platform } from '../platform';
import { isTopicEvent } from './webhook-event-writer';
import { refusedWebhookAddress } from './webhook-address-guard';
import { createDatabaseLease, leaseTurns, type DispatcherLease } from './webhook-dispatcher-lease';
import { createDeliveryNotices } from './webhook-delivery-notices';
import { createDeliveryQueue, type InFlightAttempt } from './webhook-delivery-queue';
import { attemptSucceeded, type AttemptKind } from './webhook-delivery-rules';
import { createOutcomeRecorder, type ReportedAttempt } from './webhook-outcome-recorder';
import { createWorkerHost } from './webhook-worker-host';
import { turnBatch } from './webhook-turn-batch';
import { defaultWebhookWorkerPath } from './webhook-worker-path';
import { WEBHOOK_USER_AGENT, type SendJob, type SendResult, type WorkerSettings } from './webhook-worker-protocol';
import { internalsOf } from '../platform-internals';

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
  /** Which process dispatches for the data folder (default: the lease row in its database). */
  lease?: DispatcherLease;
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

const MAX_TIMER_MS = 2_147_483_647;
/** The log's retention is applied at most this often (platform time, so time travel sweeps too)... */
const LOG_SWEEP_EVERY_MS = 60 * 60 * 1000;
/** ...in batches of this many events per tick (short transactions beside the dispatching). */
const LOG_SWEEP_BATCH = 2_000;
const DAY_MS = 24 * 60 * 60 * 1000;
/** Address verdicts kept at most (one per hook address; forgotten all at once beyond). */
const MAX_VERDICTS = 10_000;

/** Throws what startWebhookDispatcher would when its worker bundle is missing (a host that starts it later checks first). */
export function assertWebhookWorkerPresent(workerPath: string = defaultWebhookWorkerPath()): void {
  if (!existsSync(workerPath)) throw new Error(`the webhook worker bundle is missing at ${workerPath}: run \`npm run build\``);
}

export function startWebhookDispatcher(platform: Platform, options: WebhookDispatcherOptions = {}): WebhookDispatcher {
  const { db, clock, ctx, repos } = internalsOf(platform);
  const repo = repos.webhookDelivery;
  const workerPath = options.workerPath ?? defaultWebhookWorkerPath();
  assertWebhookWorkerPresent(workerPath);
  const settings: WorkerSettings = {
    timeoutMs: options.timeoutMs ?? WEBHOOK_TIMEOUT_MS,
    maxSockets: options.maxSockets ?? 32,
    userAgent: options.userAgent ?? WEBHOOK_USER_AGENT,
  };
  const realNow = options.realNow ?? Date.now;
  const log = options.log ?? logFor('webhooks').callback();
  const lease = options.lease ?? createDatabaseLease(platform, { owner: `${process.pid}:${platform.ids.hex(8)}`, realNow });
  const turns = leaseTurns(lease, () => state, { stopped: (s) => s === 'stopping' || s === 'stopped', open: () => db.open, log });

  let state: DispatcherStatus['state'] = 'standby';
  let dueTimer: ReturnType<typeof setTimeout> | null = null;
  let pumpQueued = false;
  let attemptsLogged = 0;
  let eventsPruned = 0;
  /** Platform time of the last sweep that found nothing more to delete. */
  let lastLogSweepAt = Number.NEGATIVE_INFINITY;
  let lastDataVersion = 0;
  /** Which sealed secret of each app the running worker has. */
  const sentSecrets = new Map<number, string>();
  /** The address policy the worker has (JSON), null when it has none yet. */
  let sentPolicy: string | null = null;
  /** Each hook address's verdict (refusedWebhookAddress) under the policy `verdictsPolicy` (JSON). */
  const verdicts = new Map<string, string | null>();
  let verdictsPolicy = '';
  const openedSecrets = new Map<string, string>();
  let idleWaiters: Array<() => void> = [];
  let drainWaiters: Array<() => void> = [];
  let stopping: Promise<void> | null = null;
  /** Results of several worker messages go into one transaction. */
  const resultBatch = turnBatch<SendResult>((batch) => recordResults(batch));

  const notices = createDeliveryNotices(platform);
  const queue = createDeliveryQueue(platform, {
    maxInFlight: options.maxInFlight ?? 256,
    onUnblocked(companyId) {
      notices.note(companyId);
      schedulePump();
    },
  });
  const recorder = createOutcomeRecorder(platform, queue.generations);
  const worker = createWorkerHost({
    workerPath,
    settings,
    restartDelayMs: options.restartDelayMs ?? { initial: 100, max: 5_000 },
    realNow,
    log,
    onStart() {
      sentSecrets.clear();
      sentPolicy = null;
      schedulePump();
    },
    onResults: handleResults,
    onError: options.onWorkerError,
    onGone() {
      forgetInFlight();
      return state === 'active';
    },
  });
  /** webhook-timestamp: the clock's real-time part, so receivers' replay windows accept it after time travel. */
  const headerTimestamp = () => Math.floor((clock.now() - clock.offsetMs()) / 1000);

  // ---- active or standing by ----------------------------------------------------------------------

  function activate(): void {
    state = 'active';
    worker.resetBackoff();
    // Retries that fell due while nobody dispatched go out now; the schedule continues from their outcome.
    // Hooks of apps their company no longer authorizes (with nothing left to say) go.
    ctx.transact((emit) => {
      repo.postponeOverdue(clock.now());
      platform.webhooks.removeUnauthorized(emit, null);
    });
    lastDataVersion = dataVersion();
    queue.rescan({ events: true, blocks: true, replays: true });
    worker.start();
  }

  function toStandby(reason: string): void {
    log(`webhook dispatcher: ${reason}; standing by`);
    state = 'standby';
    forgetInFlight();
    void worker.stop();
  }

  function forgetInFlight(): void {
    // Outcomes that already came back are recorded; what was still in flight has no recorded outcome: it is
    // still queued in the database and goes out again.
    const reported = resultBatch.take();
    if (reported.length > 0 && db.open) recordResults(reported);
    queue.forgetInFlight();
    resolveDrainWaiters();
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

  function pump(): void {
    if (state !== 'active' || !worker.running()) {
      if (state !== 'active') resolveIdleWaiters();
      return;
    }
    const jobs = queue.take(clock.now());
    if (jobs.length > 0) send(jobs);
    else if (queue.inFlightCount() === 0) resolveIdleWaiters();
    armDueTimer();
  }

  /** Hands the attempts (already in flight) to the worker, with the secrets it does not have yet. */
  function send(jobs: InFlightAttempt[]): void {
    const secrets: [number, string, string | null][] = [];
    const refused: SendResult[] = [];
    const sendable: SendJob[] = [];
    const timestamp = headerTimestamp();
    // Read before each batch: an operator's change in another process applies from the next batch on.
    const policy = platform.webhookNetwork.policy();
    // Hosted-compatibility mode: only what the hosted platform sends (spec §5: no Standard Webhooks headers).
    const standardHeaders = !platform.compatibility.strict();
    // A rotation's grace period: the replaced secret signs too until it ends (read once per app and batch).
    const previousOf = new Map<number, ReturnType<typeof platform.apps.previousSecret>>();
    // The address check depends only on the address and the policy read above: once per address while the policy
    // stays the same (parsing the URL and its IP ranges was most of the dispatcher's work per job). The worker still
    // checks every connection's resolved address.
    const policyJson = JSON.stringify(policy);
    if (policyJson !== verdictsPolicy || verdicts.size > MAX_VERDICTS) {
      verdicts.clear();
      verdictsPolicy = policyJson;
    }
    for (const job of jobs) {
      if (!previousOf.has(job.appId)) previousOf.set(job.appId, platform.apps.previousSecret(job.appId));
      const previous = previousOf.get(job.appId)!;
      const signingKey = previous ? `${job.secretSealed}|${previous.sealed}` : job.secretSealed;
      if (sentSecrets.get(job.appId) !== signingKey) {
        try {
          const secret = openedSecrets.get(job.secretSealed) ?? platform.apps.openSecret(job.appId);
          openedSecrets.set(job.secretSealed, secret);
          const previousSecret = previous ? (openedSecrets.get(previous.sealed) ?? previous.open()) : null;
          if (previous && previousSecret !== null) openedSecrets.set(previous.sealed, previousSecret);
          sentSecrets.set(job.appId, signingKey);
          secrets.push([job.appId, secret, previousSecret]);
        } catch (error) {
          refused.push(notSent(job, `the request could not be signed: ${(error as Error).message}`));
          continue;
        }
      }
      // A hook registered before the address rules (or before the operator took its private range back), or whose
      // address became one of our own ports: not sent. The worker checks again at connect time.
      if (!verdicts.has(job.url)) verdicts.set(job.url, refusedWebhookAddress(job.url, policy));
      const problem = verdicts.get(job.url);
      if (problem) {
        refused.push(notSent(job, `refused: the address ${problem}`));
        continue;
      }
      sendable.push({ key: job.key, appId: job.appId, url: job.url, payload: job.payload, messageId: job.messageId, timestamp, standardHeaders });
    }
    if (secrets.length > 0) worker.post({ type: 'secrets', entries: secrets });
    if (sendable.length > 0 && policyJson !== sentPolicy) {
      worker.post({ type: 'policy', policy });
      sentPolicy = policyJson;
    }
    if (sendable.length > 0) worker.post({ type: 'send', jobs: sendable });
    if (refused.length > 0) setImmediate(() => handleResults(refused));
  }

  /** The outcome of an attempt the dispatcher did not hand to the worker (logged like any other failure). */
  function notSent(job: InFlightAttempt, error: string): SendResult {
    return { key: job.key, status: null, error, durationMs: 0, startedAt: performance.timeOrigin + performance.now(), requestHeaders: '{}', requestBody: job.payload };
  }

  function armDueTimer(fallbackMs?: number): void {
    if (dueTimer) clearTimeout(dueTimer);
    dueTimer = null;
    if (state !== 'active') return;
    let delay = fallbackMs;
    if (delay === undefined) {
      const next = queue.nextDueAt();
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

  function handleResults(reported: SendResult[]): void {
    if (state === 'stopped') return;
    for (const result of reported) resultBatch.add(result);
  }

  function recordResults(results: SendResult[]): void {
    if (state === 'stopped') return;
    const reported: ReportedAttempt[] = results.flatMap((result) => {
      const attempt = queue.inFlight(result.key);
      return attempt ? [{ result, attempt }] : [];
    });
    if (reported.length === 0) return;
    try {
      const recorded = recorder.record(reported);
      queue.rescan({ events: recorded.rescan, blocks: recorded.blocksChanged });
    } catch (error) {
      // Nothing of this batch was recorded: the events are still queued and go out again.
      log('webhook dispatcher: could not record attempts', error);
      for (const { attempt } of reported) queue.release(attempt);
      queue.rescan({ events: true, blocks: true });
      schedulePump();
      return;
    }
    for (const { result, attempt } of reported) {
      queue.release(attempt);
      attemptsLogged += 1;
      notices.note(attempt.companyId);
      options.observer?.({
        eventId: attempt.eventId,
        webhookId: attempt.webhookId,
        kind: attempt.kind,
        ok: attemptSucceeded(result),
        status: result.status,
        attemptedAt: attempt.attemptedAt,
        startedAt: result.startedAt,
        durationMs: result.durationMs,
      });
    }
    if (queue.inFlightCount() === 0) resolveDrainWaiters();
    schedulePump();
  }

  // ---- waiting, polling ---------------------------------------------------------------------------

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
    try {
      if (state !== 'active' && state !== 'standby') return;
      // Another process (the CLI, a second console, the dispatching process) committed something.
      const version = dataVersion();
      const changed = version !== lastDataVersion;
      lastDataVersion = version;
      // Another process may have moved the platform clock (`clock advance --offline`, a second console): the
      // clock's listeners (this dispatcher's pump, the pushed clock.advanced) hear of it now, not at the next now().
      if (changed) clock.sync();
      if (state === 'standby') {
        if (changed) notices.noteNewRows(true);
        void turns.take(() => lease.acquire(), (taken) => taken && activate());
        return;
      }
      if (changed) {
        // Look again from the start: rows may have become sendable (a hook reactivated elsewhere), a replay
        // may have been asked for; live views learn of events the other process queued.
        queue.rescan({ events: true, blocks: true, replays: true });
        notices.noteNewRows(false);
        schedulePump();
      }
      void turns.take(() => lease.renew(), (kept) => kept || toStandby('another process took over the data folder'));
      sweepLog();
    } catch (error) {
      // A busy database (another process writing) is retried at the next tick.
      if ((error as { code?: string }).code !== 'SQLITE_BUSY') log('webhook dispatcher: tick failed', error);
    }
  }

  const poller = setInterval(tick, options.pollIntervalMs ?? 200);
  poller.unref();
  const offEvents = platform.events.subscribe(({ name, payload }) => {
    if (state !== 'active') return;
    if (isTopicEvent(name)) {
      notices.note((payload as { companyId: number }).companyId);
      schedulePump();
    } else if (name === 'webhook_delivery.replay_requested') {
      queue.rescan({ replays: true });
      schedulePump();
    } else if (name.startsWith('webhook.')) {
      // Registered, changed, reactivated or deleted: queued rows may have become sendable.
      queue.rescan({ events: true });
      schedulePump();
    }
  });
  const offClock = clock.onAdvance(() => {
    if (state === 'active') schedulePump();
  });

  lastDataVersion = dataVersion();
  // The first look at the lease (settle waits for it: a dispatcher that will be active is not idle before).
  const started = turns.take(() => lease.acquire(), (taken) => (taken ? activate() : log('webhook dispatcher: another process dispatches for this data folder; standing by')));

  const dispatcher: WebhookDispatcher = {
    async settle() {
      await started;
      if (state !== 'active') return;
      return new Promise((resolve) => {
        idleWaiters.push(resolve);
        schedulePump();
      });
    },
    status: () => ({ state, inFlight: queue.inFlightCount(), workerStarts: worker.starts(), attemptsLogged, eventsPruned }),
    terminateWorker: () => worker.crash(),
    stop(stopOptions = {}) {
      if (state === 'stopped' || state === 'stopping') return stopping ?? Promise.resolve();
      const wasActive = state === 'active';
      state = 'stopping';
      clearInterval(poller);
      offEvents();
      offClock();
      if (dueTimer) clearTimeout(dueTimer);
      const finish = (): Promise<void> => {
        state = 'stopped';
        const ended = worker.stop();
        notices.flush();
        // On SQLite the release runs before this returns (the data layer runs it at once), so the database may close.
        if (wasActive && db.open) void lease.release().catch((error: unknown) => log('webhook dispatcher: could not release the lease', error));
        resolveIdleWaiters();
        platform.webhookDeliveries.attachDispatcher(null);
        return ended;
      };
      const grace = stopOptions.graceMs ?? options.stopGraceMs ?? 2_000;
      // Without grace (the desktop app quitting) everything happens now, before the database closes.
      if (queue.inFlightCount() === 0 || !worker.running() || grace === 0) {
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
