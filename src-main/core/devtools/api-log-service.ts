// The API request log (issue 19 item 5; docs/platform-api.md, "The API request log"). The platform server hands
// every finished /admin, /token and /api/tokeninfo request to `record`, which only appends to an array: the
// rows are written off the request's critical path, in one transaction per batch (at most FLUSH_DELAY_MS after
// the first, or at once when BATCH_MAX are waiting). Readers in this process see every request that finished before
// they read: `list`, `apps` and `lastId` write what is waiting first. After each write, in-process followers (`tail`:
// `app dev`, the console's live view) get the new entries; other processes follow the folder by id (`follow`: the
// CLI's `logs tail`) and see a request at most FLUSH_DELAY_MS after it finished. Retention: API_LOG_RETENTION_DAYS of platform time, deleted in batches (like the delivery log).
import type { ApiRequestEntry, ApiRequestNote, ApiRequestPage, ApiRequestQuery } from '../../../src-shared/api/devtools-types';
import { logFor } from '../logging/logger';
import type { Clock } from '../clock';
import type { EventBus } from '../events';
import type { ApiLogRepository, ApiRequestListRow } from '../repositories/api-log-repository';

export const API_LOG_RETENTION_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;
/** How long a batch waits for more requests before it is written. */
export const FLUSH_DELAY_MS = 25;
/** A batch this large is written at once. */
export const BATCH_MAX = 500;
/** Requests kept in memory while the database refuses writes (busy); beyond, the oldest are dropped (logged). */
const BUFFER_LIMIT = 20_000;
/** Retention runs at most this often (platform time)... */
const SWEEP_EVERY_MS = 60 * 60 * 1000;
/** ...deleting this many rows per batch. */
const SWEEP_BATCH = 2_000;
/** Live views are told of new rows at most this often. */
const NOTICE_EVERY_MS = 200;

/** A finished request as the server hands it over. */
export interface ApiRequestRecord {
  at: number;
  appId: number | null;
  companyId: number | null;
  method: string;
  path: string;
  status: number;
  durationMs: number;
  errorCode: string | null;
  notes: readonly ApiRequestNote[];
  /** Where it came from (the connection, or a trusted proxy's X-Forwarded-For); null for a chaos action. */
  clientAddress: string | null;
}

/** Which requests a reader may see: those of these companies (null: all), and whether those that named no
 * company (a refused token, an unknown client) too. */
export interface ApiLogScope {
  companyIds: number[] | null;
  unattributed: boolean;
}

export const WHOLE_LOG: ApiLogScope = { companyIds: null, unattributed: true };

export interface ApiLogService {
  /** Queues a finished request for the next batch (never throws, never waits). */
  record(request: ApiRequestRecord): void;
  /** Writes what is waiting now (the server's close, tests). */
  flush(): void;
  /** A page of the log, with every request that finished before the call (what is waiting is written first). */
  list(scope: ApiLogScope, query: ApiRequestQuery): ApiRequestPage;
  /** New entries of this process, after each batch is written; returns an unsubscribe function. */
  tail(listener: (entries: ApiRequestEntry[]) => void): () => void;
  /** The apps that made requests, for the log's filter. */
  apps(): { id: number; name: string }[];
  /** The newest id in the folder (a follower starts after it). */
  lastId(): number;
  /** Deletes what the retention no longer keeps (one batch); returns how many rows went. */
  sweep(force?: boolean): number;
}

export function toApiRequestEntry(row: ApiRequestListRow): ApiRequestEntry {
  return {
    id: row.id,
    at: new Date(row.at).toISOString(),
    appId: row.app_id,
    appName: row.app_name,
    companyId: row.company_id,
    companyName: row.company_name,
    method: row.method,
    path: row.path,
    status: row.status,
    durationMs: Math.round(row.duration_ms * 10) / 10,
    errorCode: row.error_code,
    notes: row.notes ? (JSON.parse(row.notes) as ApiRequestNote[]) : [],
    clientAddress: row.client_address,
  };
}

export function createApiLogService(deps: { repo: ApiLogRepository; clock: Clock; events: EventBus; isOpen(): boolean }): ApiLogService {
  const { repo, clock, events } = deps;
  const log = logFor('api-log');
  let buffer: ApiRequestRecord[] = [];
  let timer: NodeJS.Timeout | null = null;
  let lastSweepAt = -Infinity;
  let lastNoticeAt = 0;
  let noticeTimer: NodeJS.Timeout | null = null;
  let pendingNoticeId = 0;
  const followers = new Set<(entries: ApiRequestEntry[]) => void>();

  function schedule(delay: number): void {
    if (timer) {
      if (delay > 0) return;
      clearTimeout(timer);
    }
    timer = setTimeout(() => {
      timer = null;
      service.flush();
    }, delay);
    timer.unref?.();
  }

  function announce(lastId: number): void {
    pendingNoticeId = lastId;
    if (noticeTimer) return;
    const wait = Math.max(0, lastNoticeAt + NOTICE_EVERY_MS - Date.now());
    noticeTimer = setTimeout(() => {
      noticeTimer = null;
      lastNoticeAt = Date.now();
      events.publish('api_requests.logged', { lastId: pendingNoticeId });
    }, wait);
    noticeTimer.unref?.();
  }

  const service: ApiLogService = {
    record(request) {
      buffer.push(request);
      if (buffer.length > BUFFER_LIMIT) {
        const dropped = buffer.length - BUFFER_LIMIT;
        buffer = buffer.slice(dropped);
        log.warn(`API request log: ${dropped} requests dropped (the database refused writes for too long)`);
      }
      schedule(buffer.length >= BATCH_MAX ? 0 : FLUSH_DELAY_MS);
    },
    flush() {
      if (timer) {
        clearTimeout(timer);
        timer = null;
      }
      if (buffer.length === 0 || !deps.isOpen()) return;
      const batch = buffer;
      buffer = [];
      let written;
      try {
        written = repo.insertMany(
          batch.map((r) => ({
            at: r.at,
            app_id: r.appId,
            company_id: r.companyId,
            method: r.method,
            path: r.path,
            status: r.status,
            duration_ms: r.durationMs,
            error_code: r.errorCode,
            notes: r.notes.length > 0 ? JSON.stringify(r.notes) : null,
            client_address: r.clientAddress,
          })),
        );
      } catch (error) {
        // Busy (another process writes): keep the batch for the next try.
        buffer = [...batch, ...buffer];
        if ((error as { code?: string }).code !== 'SQLITE_BUSY') log.error('API request log: writing a batch failed', error);
        schedule(250);
        return;
      }
      const { firstId, lastId } = written;
      if (followers.size > 0) {
        const rows = repo.list({ appId: null, companyIds: null, unattributed: true, status: 'all', marked: false, beforeId: null, afterId: firstId - 1, limit: lastId - firstId + 1 });
        const entries = rows.map(toApiRequestEntry);
        for (const follower of [...followers]) {
          try {
            follower(entries);
          } catch (error) {
            log.error('API request log: a follower failed', error);
          }
        }
      }
      announce(lastId);
      service.sweep();
    },
    list(scope, query) {
      // Every request that finished before this read is in it.
      if (buffer.length > 0) service.flush();
      const allowed = scope.companyIds;
      const rows = repo.list({
        appId: query.appId,
        companyIds: query.companyId !== null ? (allowed === null || allowed.includes(query.companyId) ? [query.companyId] : []) : allowed,
        unattributed: query.companyId === null && scope.unattributed,
        status: query.status,
        marked: query.marked,
        beforeId: query.beforeId,
        afterId: query.afterId,
        limit: query.limit + 1,
      });
      const hasMore = rows.length > query.limit;
      return { items: rows.slice(0, query.limit).map(toApiRequestEntry), hasMore };
    },
    tail(listener) {
      followers.add(listener);
      return () => followers.delete(listener);
    },
    lastId() {
      if (buffer.length > 0) service.flush();
      return repo.lastId();
    },
    apps() {
      if (buffer.length > 0) service.flush();
      return repo.apps();
    },
    sweep(force = false) {
      const now = clock.now();
      if (!force && now - lastSweepAt < SWEEP_EVERY_MS) return 0;
      const deleted = repo.pruneOlderThan(now - API_LOG_RETENTION_DAYS * DAY_MS, SWEEP_BATCH);
      // A full batch: more may be left, the next batch goes on.
      if (deleted < SWEEP_BATCH) lastSweepAt = now;
      return deleted;
    },
  };
  return service;
}
