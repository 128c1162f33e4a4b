// Migration 012: `partnerdeck listen` (issue 19 item 2). A listener is a CLI process that forwards one company's
// events to a developer's local URL without a registered hook (like `stripe listen`): while its heartbeat is
// fresh, every change with a webhook topic writes one row for it in the change's own transaction (the same
// transactional outbox as webhook_events), and the listening process reads, signs, sends and deletes the rows.
// Stopping the process removes its listener and what it still had (cascade). Heartbeats are real time (they are
// about processes, like the dispatcher lease), other times platform time.
import { bothDialects } from '../../postgres/postgres-dialect';

export const migration012 = {
  id: 12,
  name: 'webhook-listeners',
  ...bothDialects(`
CREATE TABLE webhook_listeners (
  id INTEGER PRIMARY KEY,
  company_id INTEGER NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
  -- Signs with this app's Shared Secret and also gets its app/* topics; null: a per-listen secret, no app topics.
  app_id INTEGER REFERENCES apps(id) ON DELETE CASCADE,
  -- Canonical topics, comma-separated; empty: every topic.
  topics TEXT NOT NULL DEFAULT '',
  forward_to TEXT NOT NULL,
  pid INTEGER NOT NULL,
  heartbeat_at INTEGER NOT NULL,
  created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX webhook_listeners_company ON webhook_listeners(company_id);

CREATE TABLE webhook_listen_events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  listener_id INTEGER NOT NULL REFERENCES webhook_listeners(id) ON DELETE CASCADE,
  topic TEXT NOT NULL,
  message_id TEXT NOT NULL,
  -- The payload without its hash (added with the listener's secret at send time), keys in wire order.
  payload TEXT NOT NULL,
  created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX webhook_listen_events_listener ON webhook_listen_events(listener_id, id);
`),
};
