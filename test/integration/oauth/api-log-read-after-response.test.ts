// The API request log as the console reads it (apiLog.list, the developer tools' screen): a request to the platform
// server is in the log as soon as its answer arrived — the reader writes what is waiting in the batch first — with its
// app, company, status and path, not FLUSH_DELAY_MS later.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WHOLE_LOG } from '../../../src-main/core/devtools/api-log-service';
import { api, startOAuthFixture, tokensFor, type OAuthFixture } from '../../helpers/oauth';

let fixture: OAuthFixture;
let token: string;

beforeAll(async () => {
  fixture = await startOAuthFixture();
  token = (await tokensFor(fixture, { scope: 'products' })).access;
});
afterAll(() => fixture.close());

const newest = (limit: number) =>
  fixture.platform.apiLog.list(WHOLE_LOG, { appId: null, companyId: null, status: 'all', marked: false, beforeId: null, afterId: null, limit }).items;

describe('the API request log, read right after a response', () => {
  it('holds every request whose answer arrived before the read', async () => {
    const before = fixture.platform.apiLog.lastId();
    expect((await api(fixture, 'GET', '/admin/products.json?limit=3', token)).status).toBe(200);
    expect((await api(fixture, 'GET', '/admin/products/999999.json', token)).status).toBe(404);
    const [missing, page] = newest(2);
    expect(page).toMatchObject({ method: 'GET', path: '/admin/products.json?limit=3', status: 200, appId: fixture.app.id });
    expect(missing).toMatchObject({ path: '/admin/products/999999.json', status: 404, errorCode: 'not_found' });
    expect(fixture.platform.apiLog.lastId()).toBe(before + 2);
  });
});
