// SQL for webhook registrations (spec §4/§5): one row per hook, bound to one app and one company. Delivery
// state (queue, attempts, blocks) lives in the webhook delivery tables of migration 005, not here.
import type { Db } from '../db/database';

export interface WebhookRow {
  id: number;
  app_id: number;
  company_id: number;
  address: string;
  topic: string;
  format: 'json';
  is_active: 0 | 1;
  deactivated_at: number | null;
  created_at: number;
  updated_at: number;
}

export type WebhookPatch = Partial<Pick<WebhookRow, 'address' | 'topic' | 'is_active' | 'deactivated_at'>> & { updated_at: number };

export interface WebhookPage {
  limit: number;
  /** Only ids greater than this (keyset pagination). */
  sinceId: number;
  offset: number;
}

export interface WebhooksRepository {
  insert(row: Omit<WebhookRow, 'id' | 'deactivated_at'>): number;
  get(id: number): WebhookRow | undefined;
  /** The hook if it belongs to this app and company. */
  getForAppCompany(id: number, appId: number, companyId: number): WebhookRow | undefined;
  listForAppCompany(appId: number, companyId: number, page: WebhookPage): WebhookRow[];
  /** Every hook of one company (console listings), any app. */
  listForCompany(companyId: number): WebhookRow[];
  /**
   * Active hooks of a company on a topic (what an event is delivered to). `authorizedOnly`: only hooks of apps
   * the company authorizes now (every topic but app/uninstalled, which is written as the authorization ends).
   */
  listActiveForTopic(companyId: number, topic: string, options: { authorizedOnly: boolean }): WebhookRow[];
  /**
   * Hooks whose company no longer authorizes their app (of one pair, or of every pair), except an active
   * app/uninstalled hook that still has its notification queued (going out with its retries).
   */
  listUnauthorized(pair: { appId: number; companyId: number } | null): WebhookRow[];
  update(id: number, patch: WebhookPatch): void;
  delete(id: number): void;
}

export function createWebhooksRepository(db: Db): WebhooksRepository {
  const insert = db.prepare(
    `INSERT INTO webhooks (app_id, company_id, address, topic, format, is_active, created_at, updated_at)
     VALUES (@app_id, @company_id, @address, @topic, @format, @is_active, @created_at, @updated_at)`,
  );
  const get = db.prepare<[number], WebhookRow>('SELECT * FROM webhooks WHERE id = ?');
  const getScoped = db.prepare<[number, number, number], WebhookRow>('SELECT * FROM webhooks WHERE id = ? AND app_id = ? AND company_id = ?');
  const list = db.prepare<[number, number, number, number, number], WebhookRow>(
    'SELECT * FROM webhooks WHERE app_id = ? AND company_id = ? AND id > ? ORDER BY id LIMIT ? OFFSET ?',
  );
  const forCompany = db.prepare<[number], WebhookRow>('SELECT * FROM webhooks WHERE company_id = ? ORDER BY id');
  const forTopic = db.prepare<[number, string], WebhookRow>(
    'SELECT * FROM webhooks WHERE company_id = ? AND topic = ? AND is_active = 1 ORDER BY id',
  );
  // The partial unique index app_authorizations_active answers the EXISTS.
  const AUTHORIZED = `EXISTS (SELECT 1 FROM app_authorizations z WHERE z.app_id = h.app_id AND z.company_id = h.company_id AND z.revoked_at IS NULL)`;
  const forTopicAuthorized = db.prepare<[number, string], WebhookRow>(
    `SELECT h.* FROM webhooks h WHERE h.company_id = ? AND h.topic = ? AND h.is_active = 1 AND ${AUTHORIZED} ORDER BY h.id`,
  );
  const UNAUTHORIZED = `NOT ${AUTHORIZED}
       AND NOT (h.is_active = 1 AND h.topic = 'app/uninstalled'
         AND EXISTS (SELECT 1 FROM webhook_events e WHERE e.webhook_id = h.id AND e.state = 'queued'))`;
  const unauthorizedOfPair = db.prepare<[number, number], WebhookRow>(
    `SELECT h.* FROM webhooks h WHERE h.app_id = ? AND h.company_id = ? AND ${UNAUTHORIZED} ORDER BY h.id`,
  );
  const unauthorizedAll = db.prepare<[], WebhookRow>(`SELECT h.* FROM webhooks h WHERE ${UNAUTHORIZED} ORDER BY h.id`);
  const remove = db.prepare('DELETE FROM webhooks WHERE id = ?');
  const UPDATABLE = ['address', 'topic', 'is_active', 'deactivated_at', 'updated_at'] as const;
  return {
    insert: (row) => Number(insert.run(row).lastInsertRowid),
    get: (id) => get.get(id),
    getForAppCompany: (id, appId, companyId) => getScoped.get(id, appId, companyId),
    listForAppCompany: (appId, companyId, page) => list.all(appId, companyId, page.sinceId, page.limit, page.offset),
    listForCompany: (companyId) => forCompany.all(companyId),
    listActiveForTopic: (companyId, topic, options) => (options.authorizedOnly ? forTopicAuthorized : forTopic).all(companyId, topic),
    listUnauthorized: (pair) => (pair ? unauthorizedOfPair.all(pair.appId, pair.companyId) : unauthorizedAll.all()),
    update(id, patch) {
      const keys = Object.keys(patch).filter((k): k is (typeof UPDATABLE)[number] => (UPDATABLE as readonly string[]).includes(k));
      if (keys.length === 0) return;
      db.prepare(`UPDATE webhooks SET ${keys.map((k) => `${k} = @${k}`).join(', ')} WHERE id = @id`).run({ ...patch, id });
    },
    delete: (id) => void remove.run(id),
  };
}
