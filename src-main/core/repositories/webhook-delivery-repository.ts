// SQL for webhook delivery (migration 005): event rows written with the change, the attempt log, the
// failure state of blocked (app, company) pairs (the dispatcher's lease is dispatcher-lease-repository.ts). It also reads the `apps` and
// `webhooks` tables of migration 003 in the joins delivery needs (single rows come from the apps and
// webhooks repositories of the OAuth/REST area).
import type { Statement } from 'better-sqlite3';
import type { Db } from '../db/database';
import type { WebhookRow } from './webhooks-repository';

export interface NewEventRow {
  webhook_id: number;
  app_id: number;
  company_id: number;
  topic: string;
  message_id: string;
  payload: string;
  created_at: number;
}

/** What the dispatcher needs to send one event: the event, the hook's address and the app's sealed secret. */
export interface DeliveryJobRow {
  event_id: number;
  webhook_id: number;
  app_id: number;
  company_id: number;
  message_id: string;
  payload: string;
  address: string;
  secret_sealed: string;
  replay_requested_at: number | null;
}

export interface PairFailureRow {
  app_id: number;
  company_id: number;
  failures: number;
  first_failure_at: number;
  last_failure_at: number;
  next_attempt_at: number;
  last_webhook_id: number | null;
  last_error: string | null;
  /** When the 24-hour failure alert went out (migration 018); null before. */
  alerted_at?: number | null;
}

/** What `requestReplaysSince` asked to send again, per hook. */
export interface RecoveredHookRow {
  webhook_id: number;
  app_id: number;
  company_id: number;
  is_active: number;
  events: number;
  first_event_id: number;
}

export interface NewAttemptRow {
  event_id: number;
  webhook_id: number;
  app_id: number;
  company_id: number;
  kind: 'delivery' | 'retry' | 'replay';
  retry_number: number | null;
  attempted_at: number;
  duration_ms: number;
  status_code: number | null;
  ok: 0 | 1;
  error: string | null;
  url: string;
  request_headers: string;
  request_body: string;
}

export interface LoggedAttempt {
  row: NewAttemptRow;
  /** The replay request this attempt answers (cleared on the event if it is still the one asked for). */
  replayRequestedAt: number | null;
}

export interface AttemptRow extends NewAttemptRow {
  id: number;
  topic: string;
  message_id: string;
  event_state: 'queued' | 'delivered';
}

export interface EventRow extends NewEventRow {
  id: number;
  state: 'queued' | 'delivered';
  attempts: number;
  last_attempt_at: number | null;
  last_status: number | null;
  delivered_at: number | null;
  replay_requested_at: number | null;
}

export interface HookOverviewRow extends WebhookRow {
  app_name: string;
  developer_email: string;
  company_name: string;
  queued: number;
  delivered: number;
  last_attempt_at: number | null;
  last_status: number | null;
}

export interface AttemptQuery {
  /** Companies to include (ignored when null: every company, for the operator). */
  companyIds: number[] | null;
  webhookId: number | null;
  eventId: number | null;
  beforeId: number | null;
  afterId: number | null;
  limit: number;
}

export interface WebhookDeliveryRepository {
  // Writing events (inside the change's transaction).
  insertEvent(row: NewEventRow): number;

  // The dispatcher.
  maxEventId(): number;
  maxAttemptId(): number;
  /** Companies with events, or attempts, newer than an id (live views learn of other processes' work). */
  companiesWithEventsAfter(eventId: number): number[];
  companiesWithAttemptsAfter(attemptId: number): number[];
  /** Queued events of active hooks whose pair is not blocked, with id > afterId, oldest first. */
  dispatchable(afterId: number, limit: number): DeliveryJobRow[];
  /** The oldest queued event of an active hook of the pair: what a retry sends. */
  headOfPair(appId: number, companyId: number): DeliveryJobRow | undefined;
  pendingReplays(limit: number): DeliveryJobRow[];
  duePairs(now: number): PairFailureRow[];
  nextDueAt(): number | null;
  getPair(appId: number, companyId: number): PairFailureRow | undefined;
  upsertPair(row: PairFailureRow): void;
  deletePair(appId: number, companyId: number): void;
  /** Retries that fell due while no dispatcher ran go out now (the schedule continues from there). */
  postponeOverdue(now: number): number;
  /**
   * Logs attempts, in order: each one's outcome on its event row (attempts, last status, delivered, a replay asked
   * for at `replayRequestedAt` answered) and its attempt row. An event may have been deleted with its hook while the
   * attempt was in flight: then nothing is written for it. Returns how many were logged.
   */
  logAttempts(attempts: readonly LoggedAttempt[]): number;
  requestReplay(eventId: number, at: number): void;
  /**
   * `webhooks recover`: asks for a replay of every event still queued (never delivered: failed, or waiting behind
   * a block or a deactivated hook) created at or after `since`, within the filter; returns what it asked, per hook.
   */
  requestReplaysSince(since: number, at: number, filter: { companyIds: number[] | null; webhookId: number | null; appId: number | null }): RecoveredHookRow[];
  /** What `requestReplaysSince` would ask to send again, per hook, without asking (the console's preview). */
  recoverableSince(since: number, filter: { companyIds: number[] | null; webhookId: number | null; appId: number | null }): RecoveredHookRow[];
  /** The 24-hour failure alert went out for a blocked pair (kept until the pair recovers and its row goes). */
  markPairAlerted(appId: number, companyId: number, at: number): void;
  /** The id of the company's newest object of a webhook data type (`webhooks send`'s real payload), if any. */
  latestObjectId(companyId: number, type: 'customer' | 'subscriber' | 'groupmember' | 'newsrecipient' | 'order' | 'product'): number | undefined;
  /**
   * Deletes up to `limit` events delivered before `before` (platform ms), oldest first, with their attempts
   * (cascade); an event with a replay asked for stays until it is sent. Returns how many events went.
   */
  pruneDelivered(before: number, limit: number): number;

  // Reads for the console, the CLI and the rules.
  getEvent(eventId: number): EventRow | undefined;
  /** Events written after this id, with their hook's address (what a change just queued). */
  eventsAfter(eventId: number): (EventRow & { address: string })[];
  getAttempt(attemptId: number): AttemptRow | undefined;
  countQueued(webhookId: number): number;
  hooksOverview(companyIds: number[] | null): HookOverviewRow[];
  pairsOf(companyIds: number[] | null): PairFailureRow[];
  attempts(query: AttemptQuery): AttemptRow[];
}

const JOB_COLUMNS = `e.id AS event_id, e.webhook_id, e.app_id, e.company_id, e.message_id, e.payload,
  h.address, a.client_secret_sealed AS secret_sealed, e.replay_requested_at`;

const ATTEMPT_COLUMNS = `t.*, e.topic, e.message_id, e.state AS event_state`;
/** Columns of an attempt row as logAttempts inserts it, and rows per INSERT statement at most. */
const ATTEMPT_COLUMN_COUNT = 14;
const ATTEMPT_ROWS_PER_INSERT = 32;

export function createWebhookDeliveryRepository(db: Db): WebhookDeliveryRepository {
  const insertEvent = db.prepare(
    `INSERT INTO webhook_events (webhook_id, app_id, company_id, topic, message_id, payload, created_at)
     VALUES (@webhook_id, @app_id, @company_id, @topic, @message_id, @payload, @created_at)`,
  );
  const maxEventId = db.prepare<[], number>("SELECT coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'webhook_events'), 0)").pluck();
  const maxAttemptId = db.prepare<[], number | null>('SELECT max(id) FROM webhook_attempts').pluck();
  const companiesWithEventsAfter = db.prepare<[number], number>('SELECT DISTINCT company_id FROM webhook_events WHERE id > ?').pluck();
  const companiesWithAttemptsAfter = db.prepare<[number], number>('SELECT DISTINCT company_id FROM webhook_attempts WHERE id > ?').pluck();
  const dispatchable = db.prepare<[number, number], DeliveryJobRow>(
    `SELECT ${JOB_COLUMNS}
     FROM webhook_events e
     JOIN webhooks h ON h.id = e.webhook_id
     JOIN apps a ON a.id = e.app_id
     WHERE e.state = 'queued' AND e.id > ? AND h.is_active = 1
       AND NOT EXISTS (SELECT 1 FROM webhook_pair_failures p WHERE p.app_id = e.app_id AND p.company_id = e.company_id)
     ORDER BY e.id LIMIT ?`,
  );
  const headOfPair = db.prepare<[number, number], DeliveryJobRow>(
    `SELECT ${JOB_COLUMNS}
     FROM webhook_events e
     JOIN webhooks h ON h.id = e.webhook_id
     JOIN apps a ON a.id = e.app_id
     WHERE e.app_id = ? AND e.company_id = ? AND e.state = 'queued' AND h.is_active = 1
     ORDER BY e.id LIMIT 1`,
  );
  const pendingReplays = db.prepare<[number], DeliveryJobRow>(
    `SELECT ${JOB_COLUMNS}
     FROM webhook_events e
     JOIN webhooks h ON h.id = e.webhook_id
     JOIN apps a ON a.id = e.app_id
     WHERE e.replay_requested_at IS NOT NULL
     ORDER BY e.replay_requested_at, e.id LIMIT ?`,
  );
  const duePairs = db.prepare<[number], PairFailureRow>('SELECT * FROM webhook_pair_failures WHERE next_attempt_at <= ? ORDER BY next_attempt_at');
  const nextDueAt = db.prepare<[], number | null>('SELECT min(next_attempt_at) FROM webhook_pair_failures').pluck();
  const getPair = db.prepare<[number, number], PairFailureRow>('SELECT * FROM webhook_pair_failures WHERE app_id = ? AND company_id = ?');
  const upsertPair = db.prepare(
    `INSERT INTO webhook_pair_failures (app_id, company_id, failures, first_failure_at, last_failure_at, next_attempt_at, last_webhook_id, last_error)
     VALUES (@app_id, @company_id, @failures, @first_failure_at, @last_failure_at, @next_attempt_at, @last_webhook_id, @last_error)
     ON CONFLICT (app_id, company_id) DO UPDATE SET failures = excluded.failures, first_failure_at = excluded.first_failure_at,
       last_failure_at = excluded.last_failure_at, next_attempt_at = excluded.next_attempt_at,
       last_webhook_id = excluded.last_webhook_id, last_error = excluded.last_error`,
  );
  const deletePair = db.prepare('DELETE FROM webhook_pair_failures WHERE app_id = ? AND company_id = ?');
  const postponeOverdue = db.prepare('UPDATE webhook_pair_failures SET next_attempt_at = ? WHERE next_attempt_at < ?');
  // Attempt rows only for events recordAttempt found (logAttempts): no lookup of their own. Bound positionally, up to
  // ATTEMPT_ROWS_PER_INSERT rows a statement (one statement for a batch instead of one per attempt: the attempt
  // INSERT was the largest part of recording an outcome).
  const insertAttempts = new Map<number, Statement<unknown[]>>();
  const insertAttemptsOf = (rows: number) => {
    let statement = insertAttempts.get(rows);
    if (!statement) {
      statement = db.prepare(
        `INSERT INTO webhook_attempts (event_id, webhook_id, app_id, company_id, kind, retry_number, attempted_at, duration_ms,
           status_code, ok, error, url, request_headers, request_body)
         VALUES ${Array.from({ length: rows }, () => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
      );
      insertAttempts.set(rows, statement);
    }
    return statement;
  };
  // Bound positionally (better-sqlite3 takes `?NNN` for a named parameter): at, status, ok, ok, at, replay, replay, id.
  const recordAttempt = db.prepare<[number, number | null, number, number, number, number | null, number | null, number]>(
    `UPDATE webhook_events SET attempts = attempts + 1, last_attempt_at = ?, last_status = ?,
       state = CASE WHEN ? = 1 THEN 'delivered' ELSE state END,
       delivered_at = CASE WHEN ? = 1 AND delivered_at IS NULL THEN ? ELSE delivered_at END,
       replay_requested_at = CASE WHEN ? IS NOT NULL AND replay_requested_at = ? THEN NULL ELSE replay_requested_at END
     WHERE id = ?`,
  );
  const requestReplay = db.prepare('UPDATE webhook_events SET replay_requested_at = ? WHERE id = ?');
  // The partial index on queued events by pair keeps this to what is still queued, however long the log is.
  const RECOVER_WHERE = `e.state = 'queued' AND e.created_at >= @since
       AND (@companies IS NULL OR e.company_id IN (SELECT value FROM json_each(@companies)))
       AND (@webhook IS NULL OR e.webhook_id = @webhook) AND (@app IS NULL OR e.app_id = @app)`;
  const recoverable = db.prepare<{ since: number; companies: string | null; webhook: number | null; app: number | null }, RecoveredHookRow>(
    `SELECT e.webhook_id, e.app_id, e.company_id, h.is_active, count(*) AS events, min(e.id) AS first_event_id
       FROM webhook_events e JOIN webhooks h ON h.id = e.webhook_id
      WHERE ${RECOVER_WHERE} GROUP BY e.webhook_id ORDER BY e.webhook_id`,
  );
  const recover = db.prepare(`UPDATE webhook_events AS e SET replay_requested_at = @at WHERE ${RECOVER_WHERE}`);
  const markAlerted = db.prepare('UPDATE webhook_pair_failures SET alerted_at = ? WHERE app_id = ? AND company_id = ?');
  const LATEST_OBJECT = {
    customer: 'SELECT max(id) FROM customers WHERE company_id = ?',
    subscriber: 'SELECT max(id) FROM subscribers WHERE company_id = ?',
    groupmember: 'SELECT max(id) FROM group_members WHERE company_id = ?',
    newsrecipient: 'SELECT max(id) FROM newsletter_recipients WHERE company_id = ?',
    order: 'SELECT max(id) FROM orders WHERE company_id = ?',
    product: 'SELECT max(id) FROM products WHERE company_id = ?',
  } as const;
  const latestObject = new Map(Object.entries(LATEST_OBJECT).map(([type, sql]) => [type, db.prepare<[number], number | null>(sql).pluck()]));
  const pruneDelivered = db.prepare<[number, number]>(
    `DELETE FROM webhook_events WHERE id IN (
       SELECT id FROM webhook_events INDEXED BY webhook_events_delivered
       WHERE state = 'delivered' AND delivered_at < ? AND replay_requested_at IS NULL ORDER BY delivered_at LIMIT ?)`,
  );
  const getEvent = db.prepare<[number], EventRow>('SELECT * FROM webhook_events WHERE id = ?');
  const eventsAfter = db.prepare<[number], EventRow & { address: string }>(
    'SELECT e.*, h.address FROM webhook_events e JOIN webhooks h ON h.id = e.webhook_id WHERE e.id > ? ORDER BY e.id',
  );
  const getAttempt = db.prepare<[number], AttemptRow>(
    `SELECT ${ATTEMPT_COLUMNS} FROM webhook_attempts t JOIN webhook_events e ON e.id = t.event_id WHERE t.id = ?`,
  );
  const countQueued = db.prepare<[number], number>("SELECT count(*) FROM webhook_events WHERE webhook_id = ? AND state = 'queued'").pluck();
  // json_each keeps one prepared statement whatever the number of companies; null means every company.
  const hooksOverview = db.prepare<[string | null, string | null], HookOverviewRow>(
    `SELECT h.id, h.app_id, h.company_id, h.address, h.topic, h.format, h.is_active, h.deactivated_at, h.created_at, h.updated_at,
       a.name AS app_name, a.developer_email, c.name AS company_name,
       (SELECT count(*) FROM webhook_events e WHERE e.webhook_id = h.id AND e.state = 'queued') AS queued,
       (SELECT count(*) FROM webhook_events e WHERE e.webhook_id = h.id AND e.state = 'delivered') AS delivered,
       (SELECT max(e.last_attempt_at) FROM webhook_events e WHERE e.webhook_id = h.id) AS last_attempt_at,
       (SELECT t.status_code FROM webhook_attempts t WHERE t.webhook_id = h.id ORDER BY t.id DESC LIMIT 1) AS last_status
     FROM webhooks h
     JOIN apps a ON a.id = h.app_id
     JOIN companies c ON c.id = h.company_id
     WHERE ? IS NULL OR h.company_id IN (SELECT value FROM json_each(?))
     ORDER BY c.name COLLATE NOCASE, h.company_id, a.name COLLATE NOCASE, h.app_id, h.topic, h.id`,
  );
  const pairsOf = db.prepare<[string | null, string | null], PairFailureRow>(
    `SELECT * FROM webhook_pair_failures WHERE ? IS NULL OR company_id IN (SELECT value FROM json_each(?))`,
  );
  // One statement per leading filter, so each walks its own (…, id) index newest first instead of the whole log.
  const attemptsWhere = (lead: string) =>
    db.prepare<Record<string, unknown>, AttemptRow>(
      `SELECT ${ATTEMPT_COLUMNS}
       FROM webhook_attempts t JOIN webhook_events e ON e.id = t.event_id
       WHERE ${lead}
         AND (@companies IS NULL OR t.company_id IN (SELECT value FROM json_each(@companies)))
         AND (@beforeId IS NULL OR t.id < @beforeId)
         AND (@afterId IS NULL OR t.id > @afterId)
       ORDER BY t.id DESC LIMIT @limit`,
    );
  const attemptsOfEvent = attemptsWhere('t.event_id = @eventId AND (@webhookId IS NULL OR t.webhook_id = @webhookId)');
  const attemptsOfHook = attemptsWhere('t.webhook_id = @webhookId');
  const attemptsOfCompany = attemptsWhere('t.company_id = @companyId');
  const attemptsOfAll = attemptsWhere('1 = 1');

  const companiesJson = (ids: number[] | null): string | null => (ids === null ? null : JSON.stringify(ids));

  return {
    insertEvent: (row) => Number(insertEvent.run(row).lastInsertRowid),
    maxEventId: () => maxEventId.get() ?? 0,
    maxAttemptId: () => maxAttemptId.get() ?? 0,
    companiesWithEventsAfter: (eventId) => companiesWithEventsAfter.all(eventId),
    companiesWithAttemptsAfter: (attemptId) => companiesWithAttemptsAfter.all(attemptId),
    dispatchable: (afterId, limit) => dispatchable.all(afterId, limit),
    headOfPair: (appId, companyId) => headOfPair.get(appId, companyId),
    pendingReplays: (limit) => pendingReplays.all(limit),
    duePairs: (now) => duePairs.all(now),
    nextDueAt: () => nextDueAt.get() ?? null,
    getPair: (appId, companyId) => getPair.get(appId, companyId),
    upsertPair: (row) => void upsertPair.run(row),
    deletePair: (appId, companyId) => void deletePair.run(appId, companyId),
    postponeOverdue: (now) => postponeOverdue.run(now, now).changes,
    logAttempts(attempts) {
      // The event row first: when it is gone (deleted with its hook meanwhile) there is nothing to log the attempt on.
      const values: unknown[] = [];
      let logged = 0;
      const flush = () => {
        insertAttemptsOf(values.length / ATTEMPT_COLUMN_COUNT).run(values);
        values.length = 0;
      };
      for (const { row, replayRequestedAt } of attempts) {
        const { event_id: id, attempted_at: at, ok } = row;
        if (recordAttempt.run(at, row.status_code, ok, ok, at, replayRequestedAt, replayRequestedAt, id).changes !== 1) continue;
        values.push(row.event_id, row.webhook_id, row.app_id, row.company_id, row.kind, row.retry_number, row.attempted_at, row.duration_ms,
          row.status_code, row.ok, row.error, row.url, row.request_headers, row.request_body);
        logged += 1;
        if (values.length === ATTEMPT_ROWS_PER_INSERT * ATTEMPT_COLUMN_COUNT) flush();
      }
      if (values.length > 0) flush();
      return logged;
    },
    requestReplay: (eventId, at) => void requestReplay.run(at, eventId),
    requestReplaysSince(since, at, filter) {
      const params = { since, companies: filter.companyIds === null ? null : JSON.stringify(filter.companyIds), webhook: filter.webhookId, app: filter.appId };
      const rows = recoverable.all(params);
      if (rows.length > 0) recover.run({ ...params, at });
      return rows;
    },
    recoverableSince: (since, filter) =>
      recoverable.all({ since, companies: filter.companyIds === null ? null : JSON.stringify(filter.companyIds), webhook: filter.webhookId, app: filter.appId }),
    markPairAlerted: (appId, companyId, at) => void markAlerted.run(at, appId, companyId),
    latestObjectId: (companyId, type) => latestObject.get(type)!.get(companyId) ?? undefined,
    pruneDelivered: (before, limit) => pruneDelivered.run(before, limit).changes,
    getEvent: (eventId) => getEvent.get(eventId),
    eventsAfter: (eventId) => eventsAfter.all(eventId),
    getAttempt: (attemptId) => getAttempt.get(attemptId),
    countQueued: (webhookId) => countQueued.get(webhookId) ?? 0,
    hooksOverview: (ids) => hooksOverview.all(companiesJson(ids), companiesJson(ids)),
    pairsOf: (ids) => pairsOf.all(companiesJson(ids), companiesJson(ids)),
    attempts(q) {
      const params = { companies: companiesJson(q.companyIds), webhookId: q.webhookId, eventId: q.eventId, beforeId: q.beforeId, afterId: q.afterId, limit: q.limit };
      if (q.eventId !== null) return attemptsOfEvent.all(params);
      if (q.webhookId !== null) return attemptsOfHook.all(params);
      if (q.companyIds !== null && q.companyIds.length === 1) return attemptsOfCompany.all({ ...params, companyId: q.companyIds[0] });
      return attemptsOfAll.all(params);
    },
  };
}
