// What goes out next, and what is out: the dispatcher's view of the queue in the database. It reads what is
// sendable now — replays asked for, retries of blocked pairs that fell due, then new events of pairs that
// are not blocked (after a cursor over the event ids) — asks the rules (webhook-delivery-rules.ts) about
// each, and keeps the attempts in flight so that no event goes out twice at a time. It also keeps what the
// rules need in memory: each pair's generation, and the earliest due retry (cached while no block changes).
import type { Platform } from '../platform';
import type { DeliveryJobRow, PairFailureRow } from '../repositories/webhook-delivery-repository';
import { attemptKey, cursorAfterRead, freshCapacity, pairKey, retryPlan, type AttemptKind, type PairBlock } from './webhook-delivery-rules';
import { internalsOf } from '../platform-internals';

/** An attempt the worker has (or the dispatcher refused before sending): all it takes to send and log it. */
export interface InFlightAttempt {
  key: string;
  eventId: number;
  webhookId: number;
  appId: number;
  companyId: number;
  kind: AttemptKind;
  retryNumber: number | null;
  /** The pair's generation when sent: only an attempt of the current generation moves the rules. */
  generation: number;
  attemptedAt: number;
  url: string;
  payload: string;
  messageId: string;
  secretSealed: string;
  replayRequestedAt: number | null;
}

export interface DeliveryQueue {
  /** The attempts to send now, marked in flight (at most maxInFlight are out). */
  take(now: number): InFlightAttempt[];
  /** The attempt in flight under a worker result's key. */
  inFlight(key: string): InFlightAttempt | undefined;
  inFlightCount(): number;
  /** The attempt reported (recorded or not: unrecorded, its event is still queued and goes out again). */
  release(attempt: InFlightAttempt): void;
  /** The worker is gone: nothing it had has a recorded outcome, so all of it goes out again. */
  forgetInFlight(): void;
  /** When the earliest retry falls due (null: no pair is blocked). */
  nextDueAt(): number | null;
  /**
   * Something changed that the cached view does not show: `events` rows may have become sendable (a block
   * ended, a hook came back), `blocks` a block was written, `replays` a replay may have been asked for.
   */
  rescan(what: { events?: boolean; blocks?: boolean; replays?: boolean }): void;
  /** Each pair's generation (pairKey): the outcome recorder moves it with the pair's block. */
  readonly generations: Map<string, number>;
}

export interface DeliveryQueueOptions {
  maxInFlight: number;
  /** A block ended without an attempt (nothing left to retry): the company's view changed, pump again. */
  onUnblocked: (companyId: number) => void;
}

const REPLAY_BATCH = 100;

/** A stored block (webhook_pair_failures row) as the rules see it. */
export function blockOf(row: PairFailureRow | undefined): PairBlock | null {
  return row
    ? {
        failures: row.failures,
        firstFailureAt: row.first_failure_at,
        lastFailureAt: row.last_failure_at,
        nextAttemptAt: row.next_attempt_at,
        lastWebhookId: row.last_webhook_id,
        lastError: row.last_error,
      }
    : null;
}

export function createDeliveryQueue(platform: Platform, options: DeliveryQueueOptions): DeliveryQueue {
  const { db, ctx, repos } = internalsOf(platform);
  const repo = repos.webhookDelivery;
  const inFlight = new Map<string, InFlightAttempt>();
  /** Pairs whose retry is in flight. */
  const probing = new Set<string>();
  const generations = new Map<string, number>();
  let cursor = 0;
  /** Replays may be waiting (asked for here or in another process); cleared when a look finds none. */
  let replaysMayBePending = true;
  /** The earliest scheduled retry (undefined: look it up). */
  let nextDue: number | null | undefined;

  function attemptOf(row: DeliveryJobRow, kind: AttemptKind, attemptedAt: number, retryNumber: number | null): InFlightAttempt {
    return {
      key: attemptKey(kind, row.event_id),
      eventId: row.event_id,
      webhookId: row.webhook_id,
      appId: row.app_id,
      companyId: row.company_id,
      kind,
      retryNumber,
      generation: generations.get(pairKey(row.app_id, row.company_id)) ?? 0,
      attemptedAt,
      url: row.address,
      payload: row.payload,
      messageId: row.message_id,
      secretSealed: row.secret_sealed,
      replayRequestedAt: row.replay_requested_at,
    };
  }

  // One snapshot (read only, so deferred): the newest id bounds what the read passed over. Made once: better-sqlite3
  // builds a transaction function's wrappers each time db.transaction is called.
  const readFresh = db.transaction((after: number, limit: number) => ({ rows: repo.dispatchable(after, limit), newest: repo.maxEventId() }));

  function nextDueAt(): number | null {
    if (nextDue === undefined) nextDue = repo.nextDueAt();
    return nextDue;
  }

  /** Nothing of an active hook is left to retry (deleted or switched off by hand): the block ends. */
  function unblock(pair: PairFailureRow, generation: number): void {
    ctx.transact(() => repo.deletePair(pair.app_id, pair.company_id));
    nextDue = undefined;
    generations.set(pairKey(pair.app_id, pair.company_id), generation);
    cursor = 0;
    options.onUnblocked(pair.company_id);
  }

  function take(now: number): InFlightAttempt[] {
    const jobs: InFlightAttempt[] = [];
    const add = (job: InFlightAttempt) => {
      if (!inFlight.has(job.key)) jobs.push(job);
    };

    // Replays asked for in the console or the CLI: whatever the hook's or the pair's state.
    if (replaysMayBePending) {
      const replays = repo.pendingReplays(REPLAY_BATCH);
      replaysMayBePending = replays.length > 0;
      for (const row of replays) add(attemptOf(row, 'replay', now, null));
    }

    // Retries that are due, in the order they were scheduled, each stamped with its scheduled time.
    const due = nextDueAt();
    for (const pair of due !== null && due <= now ? repo.duePairs(now) : []) {
      const key = pairKey(pair.app_id, pair.company_id);
      if (probing.has(key)) continue; // its retry is out
      const head = repo.headOfPair(pair.app_id, pair.company_id);
      const state = { block: blockOf(pair)!, generation: generations.get(key) ?? 0 };
      const plan = retryPlan(state, head ? { eventId: head.event_id, inFlight: inFlight.has(attemptKey('delivery', head.event_id)) } : null, now);
      if (plan.action === 'unblock') {
        unblock(pair, plan.next.generation);
      } else if (plan.action === 'send' && head) {
        probing.add(key);
        jobs.push(attemptOf(head, 'retry', plan.attemptedAt, plan.retryNumber));
      }
    }

    // New events of pairs that are not blocked, oldest first.
    const capacity = freshCapacity({ maxInFlight: options.maxInFlight, inFlight: inFlight.size, planned: jobs.length });
    if (capacity > 0) {
      const { rows, newest } = readFresh.deferred(cursor, capacity);
      cursor = cursorAfterRead(cursor, rows.map((row) => row.event_id), capacity, newest);
      for (const row of rows) add(attemptOf(row, 'delivery', now, null));
    }

    for (const job of jobs) inFlight.set(job.key, job);
    return jobs;
  }

  return {
    take,
    inFlight: (key) => inFlight.get(key),
    inFlightCount: () => inFlight.size,
    release(attempt) {
      inFlight.delete(attempt.key);
      if (attempt.kind === 'retry') probing.delete(pairKey(attempt.appId, attempt.companyId));
    },
    forgetInFlight() {
      inFlight.clear();
      probing.clear();
      cursor = 0;
      replaysMayBePending = true;
    },
    nextDueAt,
    rescan(what) {
      if (what.events) cursor = 0;
      if (what.blocks) nextDue = undefined;
      if (what.replays) replaysMayBePending = true;
    },
    generations,
  };
}
