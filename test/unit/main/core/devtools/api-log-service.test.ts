// The API request log's service: requests are written in batches off the caller's path (nothing is written until
// the batch is flushed, a full batch goes at once), followers in the process get the new entries with names,
// reads are scoped by company, paths lose their secret query values, and the retention deletes what is older
// than 30 days of platform time in batches.
import { afterEach, describe, expect, it } from 'vitest';
import { BATCH_MAX, WHOLE_LOG, type ApiRequestRecord } from '../../../../../src-main/core/devtools/api-log-service';
import { redactedPath } from '../../../../../src-main/core/devtools/redact-path';
import type { ApiRequestEntry, ApiRequestQuery } from '../../../../../src-shared/api/devtools-types';
import { openTestPlatform } from '../../../../helpers/platform';

const QUERY: ApiRequestQuery = { appId: null, companyId: null, status: 'all', marked: false, beforeId: null, afterId: null, limit: 100 };

let platform: ReturnType<typeof openTestPlatform>;
afterEach(() => platform?.dispose());

function request(overrides: Partial<ApiRequestRecord> = {}): ApiRequestRecord {
  return { at: platform.clock.now(), appId: null, companyId: null, method: 'GET', path: '/admin/products.json', status: 200, durationMs: 1.25, errorCode: null, notes: [], clientAddress: '127.0.0.1', ...overrides };
}

describe('API request log', () => {
  it('writes in batches: nothing before the flush, a full batch at once, followers get the entries with names', async () => {
    platform = openTestPlatform('demo');
    const companyId = platform.db.prepare('SELECT id FROM companies ORDER BY id LIMIT 1').pluck().get() as number;
    const seen: ApiRequestEntry[] = [];
    const off = platform.apiLog.tail((entries) => seen.push(...entries));
    const rows = () => platform.db.prepare('SELECT count(*) FROM api_requests').pluck().get();
    platform.apiLog.record(request({ companyId, status: 401, errorCode: 'invalid_token' }));
    expect(rows()).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(rows()).toBe(1);
    const page = platform.apiLog.list(WHOLE_LOG, QUERY);
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({ companyId, status: 401, errorCode: 'invalid_token', durationMs: 1.3, method: 'GET', clientAddress: '127.0.0.1' });
    expect(page.items[0].companyName).toEqual(expect.any(String));
    expect(seen.map((e) => e.id)).toEqual([page.items[0].id]);

    for (let i = 0; i < BATCH_MAX; i++) platform.apiLog.record(request({ path: `/admin/orders/${i}.json` }));
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(platform.apiLog.lastId()).toBe(BATCH_MAX + 1);
    expect(seen).toHaveLength(BATCH_MAX + 1);
    off();
  });

  it('shows a reader in this process every request recorded before it read, without waiting for the batch', () => {
    platform = openTestPlatform('demo');
    const seen: ApiRequestEntry[] = [];
    platform.apiLog.tail((entries) => seen.push(...entries));
    platform.apiLog.record(request({ appId: 3, status: 200 }));
    expect(platform.apiLog.list(WHOLE_LOG, QUERY).items.map((e) => e.appId)).toEqual([3]);
    expect(seen.map((e) => e.appId)).toEqual([3]);
    platform.apiLog.record(request({ appId: 4 }));
    expect(platform.apiLog.lastId()).toBe(2);
    platform.apiLog.record(request({ appId: 5 }));
    expect(platform.apiLog.apps().map((a) => a.id).sort()).toEqual([3, 4, 5]);
    expect(platform.db.prepare('SELECT count(*) FROM api_requests').pluck().get()).toBe(3);
  });

  it('filters by app, company and status, pages newest first, and keeps a client to its own requests', () => {
    platform = openTestPlatform('demo');
    const [a, b] = platform.db.prepare('SELECT id FROM companies ORDER BY id LIMIT 2').pluck().all() as number[];
    platform.apiLog.record(request({ companyId: a, appId: 7, status: 200 }));
    platform.apiLog.record(request({ companyId: b, appId: 8, status: 404, errorCode: 'not_found' }));
    platform.apiLog.record(request({ companyId: null, status: 401, errorCode: 'invalid_token' }));
    platform.apiLog.record(request({ companyId: a, appId: 7, status: 500, errorCode: 'internal' }));
    platform.apiLog.flush();
    const ids = (q: Partial<ApiRequestQuery>, scope = WHOLE_LOG) => platform.apiLog.list(scope, { ...QUERY, ...q }).items.map((e) => e.id);
    expect(ids({})).toEqual([4, 3, 2, 1]);
    expect(ids({ appId: 7 })).toEqual([4, 1]);
    expect(ids({ companyId: b })).toEqual([2]);
    expect(ids({ status: 'errors' })).toEqual([4, 3, 2]);
    expect(ids({ status: '4xx' })).toEqual([3, 2]);
    expect(ids({ status: 'ok' })).toEqual([1]);
    expect(ids({ limit: 2 })).toEqual([4, 3]);
    expect(ids({ beforeId: 3 })).toEqual([2, 1]);
    expect(ids({ afterId: 1 })).toEqual([2, 3, 4]);
    // A client's console: its own requests only (not the unattributed one, not another company's).
    expect(ids({}, { companyIds: [a], unattributed: false })).toEqual([4, 1]);
    expect(ids({ companyId: b }, { companyIds: [a], unattributed: false })).toEqual([]);
    // Self: every company it sees, and the requests that named none.
    expect(ids({}, { companyIds: [a, b], unattributed: true })).toEqual([4, 3, 2, 1]);
  });

  it('keeps 30 days of platform time and deletes older rows when the clock moves', () => {
    platform = openTestPlatform('none');
    platform.apiLog.record(request());
    platform.apiLog.flush();
    platform.clock.advance(29 * 24 * 3600 * 1000);
    platform.apiLog.record(request());
    platform.apiLog.flush();
    platform.clock.advance(2 * 24 * 3600 * 1000);
    expect(platform.apiLog.list(WHOLE_LOG, QUERY).items.map((e) => e.id)).toEqual([2]);
  });

  it('replaces the values of secret query parameters in the logged path', () => {
    const path = redactedPath(new URL('http://x/admin/orders.json?access_token=abc&limit=5&client_secret=s&code=c&page=2&refresh_token=r'));
    expect(path).toBe('/admin/orders.json?access_token=[redacted]&limit=5&client_secret=[redacted]&code=[redacted]&page=2&refresh_token=[redacted]');
    expect(redactedPath(new URL('http://x/token'))).toBe('/token');
  });
});
