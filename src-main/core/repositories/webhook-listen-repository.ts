// SQL of `partnerdeck listen` (migration 012): listeners with their heartbeat, and the events written for them.
import type { Db } from '../db/database';

export interface ListenerRow {
  id: number;
  company_id: number;
  app_id: number | null;
  topics: string;
  forward_to: string;
  pid: number;
  heartbeat_at: number;
  created_at: number;
}

export interface ListenEventRow {
  id: number;
  listener_id: number;
  topic: string;
  message_id: string;
  payload: string;
  created_at: number;
}

export interface WebhookListenRepository {
  insertListener(row: Omit<ListenerRow, 'id'>): number;
  getListener(id: number): ListenerRow | undefined;
  /** Listeners of a company whose heartbeat is newer than `freshSince` (real ms). */
  liveListeners(companyId: number, freshSince: number): ListenerRow[];
  heartbeat(id: number, at: number): boolean;
  /** Removes a listener and the events it still had. */
  deleteListener(id: number): void;
  /** Removes listeners whose heartbeat is older than `staleBefore` (real ms); returns how many. */
  deleteStale(staleBefore: number): number;
  insertEvent(row: Omit<ListenEventRow, 'id'>): number;
  /** The listener's events after `afterId`, oldest first. */
  eventsAfter(listenerId: number, afterId: number, limit: number): ListenEventRow[];
  deleteEvent(id: number): void;
  /** Companies that authorize an app now (a listen with --app and no --company forwards the only one). */
  authorizedCompanyIds(appId: number): number[];
  /** Development companies (migration 011; a listen without --app or --company forwards the only one). */
  developmentCompanyIds(): number[];
}

export function createWebhookListenRepository(db: Db): WebhookListenRepository {
  const insertListener = db.prepare(
    `INSERT INTO webhook_listeners (company_id, app_id, topics, forward_to, pid, heartbeat_at, created_at)
     VALUES (@company_id, @app_id, @topics, @forward_to, @pid, @heartbeat_at, @created_at)`,
  );
  const getListener = db.prepare<[number], ListenerRow>('SELECT * FROM webhook_listeners WHERE id = ?');
  const live = db.prepare<[number, number], ListenerRow>('SELECT * FROM webhook_listeners WHERE company_id = ? AND heartbeat_at > ? ORDER BY id');
  const heartbeat = db.prepare('UPDATE webhook_listeners SET heartbeat_at = ? WHERE id = ?');
  const deleteListener = db.prepare('DELETE FROM webhook_listeners WHERE id = ?');
  const deleteStale = db.prepare('DELETE FROM webhook_listeners WHERE heartbeat_at < ?');
  const insertEvent = db.prepare(
    `INSERT INTO webhook_listen_events (listener_id, topic, message_id, payload, created_at)
     VALUES (@listener_id, @topic, @message_id, @payload, @created_at)`,
  );
  const eventsAfter = db.prepare<[number, number, number], ListenEventRow>('SELECT * FROM webhook_listen_events WHERE listener_id = ? AND id > ? ORDER BY id LIMIT ?');
  const deleteEvent = db.prepare('DELETE FROM webhook_listen_events WHERE id = ?');
  const authorizedCompanies = db.prepare<[number], number>('SELECT company_id FROM app_authorizations WHERE app_id = ? AND revoked_at IS NULL ORDER BY company_id').pluck();
  const developmentCompanies = db.prepare<[], number>('SELECT id FROM companies WHERE is_development = 1 ORDER BY id').pluck();
  return {
    insertListener: (row) => Number(insertListener.run(row).lastInsertRowid),
    getListener: (id) => getListener.get(id),
    liveListeners: (companyId, freshSince) => live.all(companyId, freshSince),
    heartbeat: (id, at) => heartbeat.run(at, id).changes > 0,
    deleteListener: (id) => void deleteListener.run(id),
    deleteStale: (staleBefore) => deleteStale.run(staleBefore).changes,
    insertEvent: (row) => Number(insertEvent.run(row).lastInsertRowid),
    eventsAfter: (listenerId, afterId, limit) => eventsAfter.all(listenerId, afterId, limit),
    deleteEvent: (id) => void deleteEvent.run(id),
    authorizedCompanyIds: (appId) => authorizedCompanies.all(appId),
    developmentCompanyIds: () => developmentCompanies.all(),
  };
}
