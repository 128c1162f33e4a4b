// SQL of the API request log (migration 013): batch inserts in one transaction, pages newest first by id with
// optional filters (a statement per filter shape, prepared once), and retention deletes in batches.
import type { ApiStatusFilter } from '../../../src-shared/api/devtools-types';
import { writeApart } from '../db/counted-changes';
import type { Db } from '../db/database';

export interface ApiRequestRow {
  id: number;
  at: number;
  app_id: number | null;
  company_id: number | null;
  method: string;
  path: string;
  status: number;
  duration_ms: number;
  error_code: string | null;
  notes: string | null;
  /** Migration 028; null for rows logged before it. */
  client_address: string | null;
}

export interface ApiRequestListRow extends ApiRequestRow {
  app_name: string | null;
  company_name: string | null;
}

export interface ApiRequestFilter {
  appId: number | null;
  /** null: every company (and requests without one); an array: only these companies. */
  companyIds: number[] | null;
  /** With companyIds, also the requests that named no company. */
  unattributed: boolean;
  status: ApiStatusFilter;
  marked: boolean;
  beforeId: number | null;
  afterId: number | null;
  limit: number;
}

export interface ApiLogRepository {
  /** Inserts the rows (at least one) in one transaction; returns the first and last id (consecutive: one writer). */
  insertMany(rows: readonly Omit<ApiRequestRow, 'id'>[]): { firstId: number; lastId: number };
  /** Newest first (oldest first with afterId, so a follower reads in order). */
  list(filter: ApiRequestFilter): ApiRequestListRow[];
  /** Deletes up to `limit` rows older than `before`; returns how many went. */
  pruneOlderThan(before: number, limit: number): number;
  lastId(): number;
  /** The apps that made requests (id and current name), by name. */
  apps(): { id: number; name: string }[];
}

const STATUS_SQL: Record<ApiStatusFilter, string | null> = {
  all: null,
  ok: 'r.status < 400',
  errors: 'r.status >= 400',
  '4xx': 'r.status >= 400 AND r.status < 500',
  '5xx': 'r.status >= 500',
};

export function createApiLogRepository(db: Db): ApiLogRepository {
  // One row per API request, written in batches: positional parameters (no property lookup per name), and only the
  // batch's first and last id come back (the rows are not copied to carry their ids).
  const insert = db.prepare(
    `INSERT INTO api_requests (at, app_id, company_id, method, path, status, duration_ms, error_code, notes, client_address) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertAll = db.transaction((rows: readonly Omit<ApiRequestRow, 'id'>[]) => {
    let firstId = 0;
    let lastId = 0;
    for (const row of rows) {
      lastId = Number(insert.run(row.at, row.app_id, row.company_id, row.method, row.path, row.status, row.duration_ms, row.error_code, row.notes, row.client_address).lastInsertRowid);
      if (firstId === 0) firstId = lastId;
    }
    return { firstId, lastId };
  });
  const prune = db.prepare<[number, number]>(
    'DELETE FROM api_requests WHERE id IN (SELECT id FROM api_requests INDEXED BY api_requests_at WHERE at < ? ORDER BY at LIMIT ?)',
  );
  const lastId = db.prepare<[], number>('SELECT coalesce(max(id), 0) FROM api_requests').pluck();
  // One probe of the app index per distinct app (a skip scan), not a read of the whole log.
  const apps = db.prepare<[], { id: number; name: string }>(
    `WITH RECURSIVE seen(id) AS (
       SELECT min(app_id) FROM api_requests WHERE app_id IS NOT NULL
       UNION ALL SELECT (SELECT min(app_id) FROM api_requests WHERE app_id > seen.id) FROM seen WHERE seen.id IS NOT NULL)
     SELECT seen.id AS id, coalesce(a.name, 'app ' || seen.id) AS name FROM seen LEFT JOIN apps a ON a.id = seen.id WHERE seen.id IS NOT NULL ORDER BY name`,
  );
  const statements = new Map<string, ReturnType<typeof db.prepare<unknown[], ApiRequestListRow>>>();

  function listStatement(filter: ApiRequestFilter): { sql: string; params: unknown[] } {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.appId !== null) {
      where.push('r.app_id = ?');
      params.push(filter.appId);
    }
    if (filter.companyIds !== null) {
      where.push(
        filter.unattributed
          ? '(r.company_id IN (SELECT value FROM json_each(?)) OR r.company_id IS NULL)'
          : 'r.company_id IN (SELECT value FROM json_each(?))',
      );
      params.push(JSON.stringify(filter.companyIds));
    }
    const status = STATUS_SQL[filter.status];
    if (status) where.push(status);
    if (filter.marked) where.push('r.notes IS NOT NULL');
    if (filter.beforeId !== null) {
      where.push('r.id < ?');
      params.push(filter.beforeId);
    }
    if (filter.afterId !== null) {
      where.push('r.id > ?');
      params.push(filter.afterId);
    }
    params.push(filter.limit);
    const order = filter.afterId !== null ? 'ASC' : 'DESC';
    const sql = `SELECT r.*, a.name AS app_name, c.name AS company_name FROM api_requests r
      LEFT JOIN apps a ON a.id = r.app_id LEFT JOIN companies c ON c.id = r.company_id
      ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY r.id ${order} LIMIT ?`;
    return { sql, params };
  }

  return {
    insertMany(rows) {
      if (rows.length === 0) throw new Error('insertMany needs at least one row');
      // Apart from the version the list answer cache reads: no cached answer reads the request log.
      return writeApart(db, () => insertAll.immediate(rows));
    },
    list(filter) {
      const { sql, params } = listStatement(filter);
      let statement = statements.get(sql);
      if (!statement) {
        statement = db.prepare<unknown[], ApiRequestListRow>(sql);
        statements.set(sql, statement);
      }
      return statement.all(...params);
    },
    pruneOlderThan: (before, limit) => writeApart(db, () => prune.run(before, limit).changes),
    lastId: () => lastId.get() ?? 0,
    apps: () => apps.all(),
  };
}
