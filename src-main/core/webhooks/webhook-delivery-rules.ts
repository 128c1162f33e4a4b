// The hosted platform's failure rules (spec §5) as pure state transitions per (app, company) pair, and the
// dispatcher's choice of what goes out next. Plain data in, plain data out: no database, no clock, no
// worker. The dispatcher (webhook-dispatcher.ts) reads the state, asks these functions and writes what they
// decide; test/unit/main/core/webhooks/webhook-delivery-rules.test.ts walks every rule as a table.
//
// The rules (docs/webhooks.md, "Failures, retries, deactivation"):
//   - an attempt succeeds on a 2xx; anything else (3xx included), an error or no answer is a failure;
//   - a failure blocks its pair; retry n is due WEBHOOK_RETRY_DELAYS_SECONDS[n-1] after the failure was
//     known (the attempt's time plus its duration, so a timeout adds its wait). The first failure's time is
//     kept across the retries (the developer's email reports it);
//   - a due retry sends the pair's oldest queued event of an active hook, stamped with its scheduled time;
//     its success ends the block and the queue follows; with nothing left to send the block just ends;
//   - when the last retry fails, the hook of its event is deactivated and the pair unblocked for its other
//     hooks;
//   - a replay is one more attempt on request: it never moves the schedule;
//   - generations: every change of a pair's block starts a new generation of the pair. An outcome of an
//     attempt sent in an earlier one (one of many in flight when the first of them failed) is logged but
//     moves nothing.
// What goes out, in this order: replays asked for (whatever the hook's or pair's state), due retries, then
// new events of pairs that are not blocked, read after a cursor over the event ids.
import { isAcknowledged, retryDelayMs } from '../../../src-shared/domain/webhooks';

export type AttemptKind = 'delivery' | 'retry' | 'replay';

/** A blocked pair's failure record (platform ms). Stored in webhook_pair_failures while the pair is blocked. */
export interface PairBlock {
  /** Failures in a row; the next retry has this number (retry n follows failure n). */
  failures: number;
  firstFailureAt: number;
  lastFailureAt: number;
  /** When retry number `failures` is due. */
  nextAttemptAt: number;
  lastWebhookId: number | null;
  lastError: string | null;
}

/** What the rules know of an (app, company) pair. */
export interface PairState {
  /** Null: not blocked. */
  block: PairBlock | null;
  /** Changes of the block since the dispatcher started (kept in memory; 0 for a pair it has not touched). */
  generation: number;
}

/** A pair while it is blocked. */
export type BlockedPairState = PairState & { block: PairBlock };

/** An attempt as it was sent. */
export interface SentAttempt {
  kind: AttemptKind;
  webhookId: number;
  /** The pair's generation when it was sent. */
  generation: number;
  /** Platform time it is logged at: when it was sent, or a retry's scheduled time. */
  attemptedAt: number;
}

/** What came back for an attempt. */
export interface AttemptResult {
  status: number | null;
  /** Set when there was no usable answer (refused, no answer within the limit, could not be signed). */
  error: string | null;
  durationMs: number;
}

/** Spec §5: success is a 2xx; any other status (3xx included), an error or no answer is a failure. */
export function attemptSucceeded(result: Pick<AttemptResult, 'status' | 'error'>): boolean {
  return result.error === null && isAcknowledged(result.status);
}

/** A failure in the words of the block's last error and the developer's email. */
export function failureText(result: Pick<AttemptResult, 'status' | 'error'>): string {
  return result.status !== null ? `HTTP ${result.status}` : (result.error ?? 'no answer');
}

/** The hook to switch off because its event's last retry failed. */
export interface Deactivation {
  webhookId: number;
  failedAt: number;
  error: string;
  firstFailureAt: number;
}

export interface OutcomeDecision {
  ok: boolean;
  /** The pair afterwards; the very same object when the outcome moves nothing. */
  next: PairState;
  deactivate: Deactivation | null;
  /** The block ended: the pair's queued events may go out, so fresh events are read from the start again. */
  rescan: boolean;
  /** Delivered or given up: a pair whose company uninstalled the app may lose its last hook now. */
  settled: boolean;
}

/** What an attempt's outcome does to its pair. */
export function afterOutcome(state: PairState, attempt: SentAttempt, result: AttemptResult): OutcomeDecision {
  const ok = attemptSucceeded(result);
  const unchanged: OutcomeDecision = { ok, next: state, deactivate: null, rescan: false, settled: ok };
  if (attempt.kind === 'replay' || attempt.generation !== state.generation) return unchanged;
  const generation = state.generation + 1;
  const { block } = state;
  if (ok) {
    // A successful retry ends the block. A delivery that succeeds changes nothing.
    return attempt.kind === 'retry' && block ? { ...unchanged, next: { block: null, generation }, rescan: true } : unchanged;
  }
  const failedAt = attempt.attemptedAt + result.durationMs;
  const failures = (block?.failures ?? 0) + 1;
  const error = failureText(result);
  const firstFailureAt = block?.firstFailureAt ?? failedAt;
  const delay = retryDelayMs(failures);
  if (delay === null) {
    // The last retry failed.
    return {
      ok,
      next: { block: null, generation },
      deactivate: { webhookId: attempt.webhookId, failedAt, error, firstFailureAt },
      rescan: true,
      settled: true,
    };
  }
  return {
    ok,
    next: {
      block: { failures, firstFailureAt, lastFailureAt: failedAt, nextAttemptAt: failedAt + delay, lastWebhookId: attempt.webhookId, lastError: error },
      generation,
    },
    deactivate: null,
    rescan: false,
    settled: false,
  };
}

/** The oldest queued event of an active hook of a blocked pair (what its retry sends), if it has one. */
export interface PairHead {
  eventId: number;
  /** An earlier attempt of this event has not reported yet. */
  inFlight: boolean;
}

export type RetryPlan =
  | { action: 'wait' }
  | { action: 'send'; eventId: number; retryNumber: number; attemptedAt: number; generation: number }
  /** Nothing of an active hook is left to retry (deleted, or switched off by hand): the block ends. */
  | { action: 'unblock'; next: PairState };

/** What a blocked pair does at `now`: wait for its retry, send it, or end the block. */
export function retryPlan(state: BlockedPairState, head: PairHead | null, now: number): RetryPlan {
  if (state.block.nextAttemptAt > now) return { action: 'wait' };
  if (!head) return { action: 'unblock', next: { block: null, generation: state.generation + 1 } };
  if (head.inFlight) return { action: 'wait' };
  return { action: 'send', eventId: head.eventId, retryNumber: state.block.failures, attemptedAt: state.block.nextAttemptAt, generation: state.generation };
}

/** The key of a pair in the dispatcher's memory. */
export function pairKey(appId: number, companyId: number): string {
  return `${appId}:${companyId}`;
}

/** The key of an attempt in flight: one delivery or retry of an event at a time, and one replay beside it. */
export function attemptKey(kind: AttemptKind, eventId: number): string {
  return kind === 'replay' ? `r:${eventId}` : `d:${eventId}`;
}

/** Fresh events are read once this many of the slots are free: fewer, larger reads while busy. */
export function refillThreshold(maxInFlight: number): number {
  return Math.max(1, Math.floor(maxInFlight / 8));
}

/**
 * How many fresh events to read now (0: not now), with `planned` replays and retries about to go out: the
 * free slots once at least `refillThreshold` are free, or any free slot when nothing is in flight.
 */
export function freshCapacity(slots: { maxInFlight: number; inFlight: number; planned: number }): number {
  const capacity = slots.maxInFlight - slots.inFlight - slots.planned;
  return capacity >= refillThreshold(slots.maxInFlight) || (capacity > 0 && slots.inFlight === 0) ? capacity : 0;
}

/**
 * The cursor after reading up to `limit` sendable events after it (`readIds`, ascending) in a snapshot whose
 * newest event is `newestId`. Events the read passed over belong to blocked pairs or inactive hooks: a short
 * read passed everything up to the newest. The cursor never moves back here; a block ending, a hook
 * changing or another process committing resets it to 0.
 */
export function cursorAfterRead(cursor: number, readIds: readonly number[], limit: number, newestId: number): number {
  return Math.max(cursor, readIds.length < limit ? newestId : readIds[readIds.length - 1]);
}
