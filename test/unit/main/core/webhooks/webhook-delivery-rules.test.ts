// The failure rules of spec §5 as tables of pure state transitions (webhook-delivery-rules.ts): each row is a
// pair's state, an attempt's outcome (with its time) and the state it leads to. The retry schedule is
// written out here from the spec, not taken from the code's constant, so a changed constant fails here.
import { describe, expect, it } from 'vitest';
import {
  afterOutcome,
  attemptKey,
  attemptSucceeded,
  cursorAfterRead,
  freshCapacity,
  pairKey,
  retryPlan,
  type AttemptResult,
  type BlockedPairState,
  type OutcomeDecision,
  type PairBlock,
  type PairHead,
  type PairState,
  type SentAttempt,
} from '../../../../../src-main/core/webhooks/webhook-delivery-rules';

/** Spec §5: retries after the most recent failure, in seconds. */
const SPEC_RETRY_SECONDS = [60, 180, 300, 600, 900, 1800, 3600, 7200, 21600, 50400, 86400];

const T = Date.parse('2026-11-01T09:00:00Z');
const S = 1000;
const HOOK = 7;

const answer = (status: number, durationMs = 40): AttemptResult => ({ status, error: null, durationMs });
const noAnswer = (error: string, durationMs: number): AttemptResult => ({ status: null, error, durationMs });
const sent = (kind: SentAttempt['kind'], generation: number, attemptedAt = T): SentAttempt => ({ kind, webhookId: HOOK, generation, attemptedAt });
const free = (generation = 0): PairState => ({ block: null, generation });
const blocked = (generation: number, block: Partial<PairBlock>): BlockedPairState => ({
  block: { failures: 1, firstFailureAt: T - 60 * S, lastFailureAt: T - 60 * S, nextAttemptAt: T, lastWebhookId: HOOK, lastError: 'HTTP 500', ...block },
  generation,
});

describe('what counts as success (spec §5: any 2xx; anything else, or no answer, is a failure)', () => {
  it.each([
    [200, null, true],
    [201, null, true],
    [204, null, true],
    [299, null, true],
    [300, null, false],
    [301, null, false],
    [302, null, false],
    [304, null, false],
    [199, null, false],
    [400, null, false],
    [404, null, false],
    [410, null, false],
    [429, null, false],
    [500, null, false],
    [503, null, false],
    [null, 'no answer within 10 s', false],
    [null, 'connect ECONNREFUSED 127.0.0.1:9', false],
    [null, 'refused: the address is link-local', false],
    [200, 'the answer broke off', false],
  ] as const)('status %s, error %j: success %s', (status, error, expected) => {
    expect(attemptSucceeded({ status, error })).toBe(expected);
  });
});

interface OutcomeRow {
  name: string;
  state: PairState;
  attempt: SentAttempt;
  result: AttemptResult;
  /** 'unchanged': the very same state object comes back. */
  next: PairState | 'unchanged';
  deactivate?: OutcomeDecision['deactivate'];
  rescan?: boolean;
  settled: boolean;
}

/** Retry n (sent at its scheduled time `due`) fails after 5 s: failure n + 1. */
function retryFails(n: number): OutcomeRow {
  const due = T + n * 3_600 * S;
  const failedAt = due + 5 * S;
  const state = blocked(n, { failures: n, firstFailureAt: T - 60 * S, nextAttemptAt: due });
  const last = n === SPEC_RETRY_SECONDS.length;
  return {
    name: last ? `retry ${n} (the last) fails: the hook is deactivated, the pair unblocked` : `retry ${n} fails: retry ${n + 1} is due ${SPEC_RETRY_SECONDS[n]} s after this failure`,
    state,
    attempt: sent('retry', n, due),
    result: answer(500, 5 * S),
    next: last
      ? { block: null, generation: n + 1 }
      : {
          block: { failures: n + 1, firstFailureAt: T - 60 * S, lastFailureAt: failedAt, nextAttemptAt: failedAt + SPEC_RETRY_SECONDS[n] * S, lastWebhookId: HOOK, lastError: 'HTTP 500' },
          generation: n + 1,
        },
    deactivate: last ? { webhookId: HOOK, failedAt, error: 'HTTP 500', firstFailureAt: T - 60 * S } : null,
    rescan: last,
    settled: last,
  };
}

const OUTCOMES: OutcomeRow[] = [
  // Deliveries of a pair that is not blocked.
  { name: 'a delivery answered 200 changes nothing', state: free(), attempt: sent('delivery', 0), result: answer(200), next: 'unchanged', settled: true },
  { name: 'a delivery answered 204 changes nothing', state: free(3), attempt: sent('delivery', 3), result: answer(204), next: 'unchanged', settled: true },
  {
    name: 'a delivery answered 500 blocks the pair: retry 1 is due 60 s after the failure',
    state: free(),
    attempt: sent('delivery', 0),
    result: answer(500, 40),
    next: { block: { failures: 1, firstFailureAt: T + 40, lastFailureAt: T + 40, nextAttemptAt: T + 40 + 60 * S, lastWebhookId: HOOK, lastError: 'HTTP 500' }, generation: 1 },
    settled: false,
  },
  {
    name: 'a 302 is a failure (redirects are not followed)',
    state: free(2),
    attempt: sent('delivery', 2),
    result: answer(302, 8),
    next: { block: { failures: 1, firstFailureAt: T + 8, lastFailureAt: T + 8, nextAttemptAt: T + 8 + 60 * S, lastWebhookId: HOOK, lastError: 'HTTP 302' }, generation: 3 },
    settled: false,
  },
  {
    name: 'a 404 is a failure',
    state: free(),
    attempt: sent('delivery', 0),
    result: answer(404, 3),
    next: { block: { failures: 1, firstFailureAt: T + 3, lastFailureAt: T + 3, nextAttemptAt: T + 3 + 60 * S, lastWebhookId: HOOK, lastError: 'HTTP 404' }, generation: 1 },
    settled: false,
  },
  {
    name: 'no answer within 10 s: the failure is known at the end of the wait, and the block counts from there',
    state: free(),
    attempt: sent('delivery', 0),
    result: noAnswer('no answer within 10 s', 10 * S),
    next: { block: { failures: 1, firstFailureAt: T + 10 * S, lastFailureAt: T + 10 * S, nextAttemptAt: T + 70 * S, lastWebhookId: HOOK, lastError: 'no answer within 10 s' }, generation: 1 },
    settled: false,
  },
  {
    name: 'a refused connection is a failure named by its error',
    state: free(),
    attempt: sent('delivery', 0),
    result: noAnswer('connect ECONNREFUSED 127.0.0.1:9', 2),
    next: { block: { failures: 1, firstFailureAt: T + 2, lastFailureAt: T + 2, nextAttemptAt: T + 2 + 60 * S, lastWebhookId: HOOK, lastError: 'connect ECONNREFUSED 127.0.0.1:9' }, generation: 1 },
    settled: false,
  },
  // Retries of a blocked pair.
  ...SPEC_RETRY_SECONDS.map((_, i) => retryFails(i + 1)),
  {
    name: 'a successful retry ends the block; the queue follows (rescan)',
    state: blocked(4, { failures: 3, nextAttemptAt: T }),
    attempt: sent('retry', 4),
    result: answer(200),
    next: { block: null, generation: 5 },
    rescan: true,
    settled: true,
  },
  {
    name: 'a successful retry of a pair whose block already ended changes nothing',
    state: free(4),
    attempt: sent('retry', 4),
    result: answer(200),
    next: 'unchanged',
    settled: true,
  },
  // Stale generations: attempts sent before the pair's latest change.
  {
    name: 'a failure of a delivery sent before the first failure (it was in flight) moves nothing',
    state: blocked(1, { failures: 1 }),
    attempt: sent('delivery', 0),
    result: answer(500),
    next: 'unchanged',
    settled: false,
  },
  {
    name: 'a success of a delivery sent before the first failure moves nothing (its event is delivered)',
    state: blocked(1, { failures: 1 }),
    attempt: sent('delivery', 0),
    result: answer(200),
    next: 'unchanged',
    settled: true,
  },
  {
    name: 'a failed retry of an earlier generation (the block ended and began again meanwhile) moves nothing',
    state: blocked(6, { failures: 1 }),
    attempt: sent('retry', 4),
    result: noAnswer('no answer within 10 s', 10 * S),
    next: 'unchanged',
    settled: false,
  },
  {
    name: 'a failed last retry of an earlier generation deactivates nothing',
    state: blocked(12, { failures: 11 }),
    attempt: sent('retry', 11),
    result: answer(500),
    next: 'unchanged',
    settled: false,
  },
  // Replays: one more attempt on request, never moving the schedule.
  { name: 'a failed replay does not block a free pair', state: free(2), attempt: sent('replay', 2), result: answer(500), next: 'unchanged', settled: false },
  { name: 'a failed replay does not count as a failure of a blocked pair', state: blocked(3, { failures: 4 }), attempt: sent('replay', 3), result: answer(500), next: 'unchanged', settled: false },
  { name: 'a successful replay does not end a block', state: blocked(3, { failures: 4 }), attempt: sent('replay', 3), result: answer(200), next: 'unchanged', settled: true },
];

describe('what an outcome does to its (app, company) pair', () => {
  it.each(OUTCOMES)('$name', (row) => {
    const decision = afterOutcome(row.state, row.attempt, row.result);
    if (row.next === 'unchanged') expect(decision.next).toBe(row.state);
    else expect(decision.next).toEqual(row.next);
    expect(decision.deactivate).toEqual(row.deactivate ?? null);
    expect(decision.rescan).toBe(row.rescan ?? false);
    expect(decision.settled).toBe(row.settled);
    expect(decision.ok).toBe(attemptSucceeded(row.result));
  });
});

interface RetryRow {
  name: string;
  state: BlockedPairState;
  head: PairHead | null;
  now: number;
  plan: ReturnType<typeof retryPlan>;
}

const RETRIES: RetryRow[] = [
  { name: 'not due yet: it waits', state: blocked(1, { failures: 1, nextAttemptAt: T + 60 * S }), head: { eventId: 5, inFlight: false }, now: T + 60 * S - 1, plan: { action: 'wait' } },
  {
    name: 'due: retry n sends the oldest queued event, stamped with its scheduled time',
    state: blocked(1, { failures: 1, nextAttemptAt: T + 60 * S }),
    head: { eventId: 5, inFlight: false },
    now: T + 60 * S,
    plan: { action: 'send', eventId: 5, retryNumber: 1, attemptedAt: T + 60 * S, generation: 1 },
  },
  {
    name: 'long overdue (the clock moved two days): still stamped with its scheduled time',
    state: blocked(9, { failures: 9, nextAttemptAt: T + 3_600 * S }),
    head: { eventId: 12, inFlight: false },
    now: T + 2 * 86_400 * S,
    plan: { action: 'send', eventId: 12, retryNumber: 9, attemptedAt: T + 3_600 * S, generation: 9 },
  },
  {
    name: 'the last retry is number 11',
    state: blocked(11, { failures: 11, nextAttemptAt: T }),
    head: { eventId: 3, inFlight: false },
    now: T,
    plan: { action: 'send', eventId: 3, retryNumber: 11, attemptedAt: T, generation: 11 },
  },
  {
    name: 'its event still has an attempt in flight: it waits for that outcome',
    state: blocked(2, { failures: 2, nextAttemptAt: T }),
    head: { eventId: 5, inFlight: true },
    now: T + S,
    plan: { action: 'wait' },
  },
  {
    name: 'nothing of an active hook is left to retry: the block ends (new generation)',
    state: blocked(2, { failures: 2, nextAttemptAt: T }),
    head: null,
    now: T,
    plan: { action: 'unblock', next: { block: null, generation: 3 } },
  },
  {
    name: 'nothing left, but not due yet: it waits until its time',
    state: blocked(2, { failures: 2, nextAttemptAt: T + S }),
    head: null,
    now: T,
    plan: { action: 'wait' },
  },
];

describe('a blocked pair at a given time', () => {
  it.each(RETRIES)('$name', (row) => {
    expect(retryPlan(row.state, row.head, row.now)).toEqual(row.plan);
  });
});

describe('new events: how many to read, and where the cursor goes', () => {
  it.each([
    { name: 'nothing in flight: every slot', maxInFlight: 256, inFlight: 0, planned: 0, read: 256 },
    { name: 'replays and retries about to go take their slots first', maxInFlight: 256, inFlight: 0, planned: 6, read: 250 },
    { name: 'busy, fewer than an eighth free: not now', maxInFlight: 256, inFlight: 225, planned: 0, read: 0 },
    { name: 'busy, an eighth free: read them', maxInFlight: 256, inFlight: 224, planned: 0, read: 32 },
    { name: 'full: nothing', maxInFlight: 256, inFlight: 200, planned: 56, read: 0 },
    { name: 'nothing in flight and few slots left after retries: read those', maxInFlight: 256, inFlight: 0, planned: 250, read: 6 },
    { name: 'one at a time', maxInFlight: 1, inFlight: 0, planned: 0, read: 1 },
    { name: 'one at a time, one out', maxInFlight: 1, inFlight: 1, planned: 0, read: 0 },
    { name: 'eight: one free is an eighth', maxInFlight: 8, inFlight: 7, planned: 0, read: 1 },
  ])('$name', ({ maxInFlight, inFlight, planned, read }) => {
    expect(freshCapacity({ maxInFlight, inFlight, planned })).toBe(read);
  });

  it.each([
    { name: 'a full read stops at its last event (more may follow)', cursor: 0, read: [3, 4, 9], limit: 3, newest: 40, after: 9 },
    { name: 'a short read passed everything up to the newest (the rest are blocked pairs or inactive hooks)', cursor: 0, read: [3, 4], limit: 3, newest: 40, after: 40 },
    { name: 'an empty read passed everything', cursor: 12, read: [], limit: 100, newest: 40, after: 40 },
    { name: 'nothing new', cursor: 40, read: [], limit: 100, newest: 40, after: 40 },
    { name: 'it never moves back', cursor: 50, read: [], limit: 100, newest: 40, after: 50 },
  ])('$name', ({ cursor, read, limit, newest, after }) => {
    expect(cursorAfterRead(cursor, read, limit, newest)).toBe(after);
  });
});

describe('keys', () => {
  it('a pair is one app and one company: no two pairs share a key', () => {
    const pairs = [
      [1, 23],
      [12, 3],
      [1, 2],
      [2, 1],
      [123, 4],
      [1, 234],
    ] as const;
    expect(new Set(pairs.map(([app, company]) => pairKey(app, company))).size).toBe(pairs.length);
  });

  it('one delivery or retry of an event at a time, and one replay beside it', () => {
    expect(attemptKey('delivery', 5)).toBe(attemptKey('retry', 5));
    expect(attemptKey('replay', 5)).not.toBe(attemptKey('delivery', 5));
    expect(attemptKey('delivery', 5)).not.toBe(attemptKey('delivery', 6));
  });
});

describe('walks through the rules', () => {
  /** Applies an outcome and returns the pair's next state, as the dispatcher does. */
  const step = (state: PairState, attempt: SentAttempt, result: AttemptResult) => afterOutcome(state, attempt, result);

  it('a receiver that never answers: 11 retries on the spec schedule, deactivated about 48 h after the first failure', () => {
    let state: PairState = free();
    let decision = step(state, sent('delivery', 0, T), noAnswer('no answer within 10 s', 10 * S));
    const firstFailure = T + 10 * S;
    const retries: { n: number; at: number }[] = [];
    while (!decision.deactivate) {
      state = decision.next;
      const plan = retryPlan(state as BlockedPairState, { eventId: 1, inFlight: false }, Number.MAX_SAFE_INTEGER);
      if (plan.action !== 'send') throw new Error(`expected a retry, got ${plan.action}`);
      retries.push({ n: plan.retryNumber, at: plan.attemptedAt });
      decision = step(state, sent('retry', plan.generation, plan.attemptedAt), noAnswer('no answer within 10 s', 10 * S));
    }
    expect(retries.map((r) => r.n)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    // Each retry goes its delay after the previous failure was known (the attempt plus its 10 s wait).
    let previousFailure = firstFailure;
    retries.forEach((retry, i) => {
      expect(retry.at - previousFailure).toBe(SPEC_RETRY_SECONDS[i] * S);
      previousFailure = retry.at + 10 * S;
    });
    const { deactivate } = decision;
    expect(deactivate).toMatchObject({ webhookId: HOOK, firstFailureAt: firstFailure, failedAt: previousFailure, error: 'no answer within 10 s' });
    // 60 + 180 + ... + 86400 s = 48 h 4 min, plus the eleven 10 s waits.
    expect(deactivate!.failedAt - firstFailure).toBe((48 * 3600 + 4 * 60 + 11 * 10) * S);
    expect(decision.next).toEqual({ block: null, generation: 12 });
    expect(decision.settled).toBe(true);
  });

  it('many deliveries in flight when the first fails: only the first counts; the retry that succeeds ends the block', () => {
    const inFlight = [sent('delivery', 0, T), sent('delivery', 0, T), sent('delivery', 0, T)];
    let state = step(free(), inFlight[0], answer(500, 10)).next;
    expect(state.block).toMatchObject({ failures: 1, nextAttemptAt: T + 10 + 60 * S });
    // The other two report after the block began: logged, but neither a second failure nor an unblocking.
    expect(step(state, inFlight[1], answer(500, 20)).next).toBe(state);
    expect(step(state, inFlight[2], answer(200, 30)).next).toBe(state);
    const plan = retryPlan(state as BlockedPairState, { eventId: 1, inFlight: false }, T + 10 + 60 * S);
    expect(plan).toEqual({ action: 'send', eventId: 1, retryNumber: 1, attemptedAt: T + 10 + 60 * S, generation: 1 });
    const success = step(state, sent('retry', 1, T + 10 + 60 * S), answer(200));
    state = success.next;
    expect(state).toEqual({ block: null, generation: 2 });
    expect(success.rescan).toBe(true);
    // Deliveries sent from then on count again.
    expect(step(state, sent('delivery', 2, T + 70 * S), answer(503, 5)).next.block).toMatchObject({ failures: 1, firstFailureAt: T + 70 * S + 5 });
  });
});
