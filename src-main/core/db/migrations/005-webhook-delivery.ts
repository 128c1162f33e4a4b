// Migration 005: webhook delivery (spec §5). One event row per hook per platform event, written in the
// transaction of the change (transactional outbox); every attempt logged; the failure state of each
// (app, company) pair while it is blocked; and the lease that lets only one dispatcher work on a data
// folder at a time. Times are platform epoch milliseconds from the clock service (the lease heartbeat is
// real time: it is about processes, not the platform).
import { bothDialects } from '../../postgres/postgres-dialect';

export const migration005 = {
  id: 5,
  name: 'webhook-delivery',
  ...bothDialects(`
CREATE TABLE webhook_events (
  -- AUTOINCREMENT: ids only grow, so the dispatcher's scan cursor never skips a new row.
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  -- Deleting a hook deletes what it still had queued and its log.
  webhook_id INTEGER NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE,
  app_id INTEGER NOT NULL,
  company_id INTEGER NOT NULL,
  topic TEXT NOT NULL,
  -- Standard Webhooks webhook-id: the same on every attempt and replay of this event (receivers dedupe on it).
  message_id TEXT NOT NULL UNIQUE,
  -- The exact payload without its hash, keys in wire order; the hash is added with the app secret at send time.
  payload TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'delivered')),
  attempts INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  last_attempt_at INTEGER,
  last_status INTEGER,
  delivered_at INTEGER,
  -- Set by a replay request; cleared when the replay attempt is logged.
  replay_requested_at INTEGER
) STRICT;
CREATE INDEX webhook_events_queued ON webhook_events(id) WHERE state = 'queued';
CREATE INDEX webhook_events_queued_pair ON webhook_events(app_id, company_id, id) WHERE state = 'queued';
CREATE INDEX webhook_events_hook ON webhook_events(webhook_id, id);
CREATE INDEX webhook_events_replay ON webhook_events(replay_requested_at) WHERE replay_requested_at IS NOT NULL;

CREATE TABLE webhook_attempts (
  id INTEGER PRIMARY KEY,
  event_id INTEGER NOT NULL REFERENCES webhook_events(id) ON DELETE CASCADE,
  webhook_id INTEGER NOT NULL,
  app_id INTEGER NOT NULL,
  company_id INTEGER NOT NULL,
  -- delivery: the first send; retry: a scheduled retry of a blocked pair; replay: asked for in the console or CLI.
  kind TEXT NOT NULL CHECK (kind IN ('delivery', 'retry', 'replay')),
  -- 1..11 for retries.
  retry_number INTEGER,
  -- Platform time of the attempt (a retry walked by time travel carries its scheduled time).
  attempted_at INTEGER NOT NULL,
  duration_ms INTEGER NOT NULL,
  -- Null when no HTTP answer came (timeout, connection refused, ...).
  status_code INTEGER,
  ok INTEGER NOT NULL CHECK (ok IN (0, 1)),
  error TEXT,
  url TEXT NOT NULL,
  -- JSON object of the request headers as sent, and the request body as sent.
  request_headers TEXT NOT NULL,
  request_body TEXT NOT NULL
) STRICT;
CREATE INDEX webhook_attempts_hook ON webhook_attempts(webhook_id, id);
CREATE INDEX webhook_attempts_company ON webhook_attempts(company_id, id);
CREATE INDEX webhook_attempts_event ON webhook_attempts(event_id, id);

-- An (app, company) pair that is blocked after a failure (spec §5). No row: not blocked.
CREATE TABLE webhook_pair_failures (
  app_id INTEGER NOT NULL REFERENCES apps(id) ON DELETE CASCADE,
  company_id INTEGER NOT NULL,
  -- Failed attempts in a row: 1 after the first failure, 12 after the 11th retry failed (then the hook is deactivated).
  failures INTEGER NOT NULL CHECK (failures >= 1),
  first_failure_at INTEGER NOT NULL,
  last_failure_at INTEGER NOT NULL,
  -- Blocked until then; the next retry goes out at that time.
  next_attempt_at INTEGER NOT NULL,
  -- The hook whose event failed last, and why.
  last_webhook_id INTEGER,
  last_error TEXT,
  PRIMARY KEY (app_id, company_id)
) STRICT;
CREATE INDEX webhook_pair_failures_due ON webhook_pair_failures(next_attempt_at);

-- The one dispatcher working on this data folder (a process id and a real-time heartbeat).
CREATE TABLE webhook_dispatcher_lease (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  owner TEXT NOT NULL,
  pid INTEGER NOT NULL,
  heartbeat_at INTEGER NOT NULL
) STRICT;
`),
};
