// Small parts of the platform server: route patterns, the scope/verb guard of REST resources, the sign-in
// throttle, one-time tokens (consent tickets, launch links, frame tickets) and the servers' limits.
import { afterEach, describe, expect, it } from 'vitest';
import { createManualClock } from '../../../../../src-main/core/clock';
import { createSeededIds } from '../../../../../src-main/core/ids';
import { resourceRoutes, restTime } from '../../../../../src-main/core/server/admin/rest-kit';
import { HttpError } from '../../../../../src-main/core/server/http-error';
import { formActionSourceOf } from '../../../../../src-main/core/server/oauth/authorize-routes';
import { SERVER_LIMITS } from '../../../../../src-main/core/server/loopback';
import { createOneTimeTokens } from '../../../../../src-main/core/server/one-time-tokens';
import { createLoginThrottle, THROTTLE } from '../../../../../src-main/core/server/oauth/login-throttle';
import { compileRoute, findRoute, matchRoute, routeKey, routeTable } from '../../../../../src-main/core/server/router';
import { openTestPlatform } from '../../../../helpers/platform';

const platforms: { dispose(): void }[] = [];
afterEach(() => platforms.splice(0).forEach((p) => p.dispose()));
/** The throttle's records in a fresh data folder's database (migration 024), as the server keeps them. */
function records() {
  const platform = openTestPlatform('none');
  platforms.push(platform);
  return platform.repos.loginThrottles;
}

describe('router', () => {
  const routes = [
    compileRoute({ method: 'GET', path: '/admin/webhooks.json', handle: () => undefined }),
    compileRoute({ method: 'GET', path: '/admin/webhooks/:id.json', handle: () => undefined }),
    compileRoute({ method: 'DELETE', path: '/admin/webhooks/:id.json', handle: () => undefined }),
  ];

  it('matches parameters and reports the methods a path allows', () => {
    expect(matchRoute(routes, 'GET', '/admin/webhooks/42.json').match?.params).toEqual({ id: '42' });
    expect(matchRoute(routes, 'GET', '/admin/webhooksXjson').match).toBeNull();
    expect(matchRoute(routes, 'GET', '/admin/webhooks/4.2.json').match).toBeNull();
    expect(matchRoute(routes, 'PUT', '/admin/webhooks/42.json')).toEqual({ match: null, allowed: ['GET', 'DELETE'] });
  });

  it('a malformed percent-encoding in a path parameter is a 400 invalid_request, not a URIError', () => {
    expect(matchRoute(routes, 'GET', '/admin/webhooks/%41.json').match?.params).toEqual({ id: 'A' });
    for (const path of ['/admin/webhooks/%E0%A4%A.json', '/admin/webhooks/%.json', '/admin/webhooks/%ZZ.json']) {
      let thrown: unknown;
      try {
        matchRoute(routes, 'GET', path);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(HttpError);
      expect(thrown).toMatchObject({ status: 400, code: 'invalid_request' });
    }
  });

  it('buckets routes by their first segments, so a request meets only its neighbours', () => {
    expect(routeKey('/admin/products/12.json')).toBe('admin/products');
    expect(routeKey('/admin/products.json')).toBe('admin/products');
    expect(routeKey('/token')).toBe('token');
    const table = routeTable(routes);
    expect(findRoute(table, 'GET', '/admin/webhooks/7.json').match?.params).toEqual({ id: '7' });
    expect(findRoute(table, 'GET', '/admin/other/7.json')).toEqual({ match: null, allowed: [] });
    expect(() => routeTable([compileRoute({ method: 'GET', path: '/:id', handle: () => undefined })])).toThrow(/second path segment/);
  });

  it('a resource can never offer a verb its scope does not grant', () => {
    expect(() => resourceRoutes('statistics', 'statistics', { create: () => undefined })).toThrow(/does not grant POST/);
    expect(() => resourceRoutes('orders', 'orders', { remove: () => undefined })).toThrow(/does not grant DELETE/);
    expect(() => resourceRoutes('files', 'files', { update: () => undefined })).toThrow(/does not grant PUT/);
    expect(resourceRoutes('orders', 'orders', { list: () => undefined, create: () => undefined, update: () => undefined })).toHaveLength(3);
  });
});

describe('sign-in throttle', () => {
  it('locks an email after 5 failures for 30 s, doubling, at most 15 minutes; success clears it', async () => {
    const clock = createManualClock(0);
    const throttle = createLoginThrottle(clock, records());
    for (let i = 0; i < THROTTLE.freeFailures - 1; i++) await throttle.fail('A@x.example');
    expect(await throttle.waitMs('a@x.example')).toBe(0);
    await throttle.fail('a@x.example');
    expect(await throttle.waitMs('a@x.example')).toBe(30_000);
    clock.advance(30_000);
    await throttle.fail('a@x.example');
    expect(await throttle.waitMs('a@x.example')).toBe(60_000);
    for (let i = 0; i < 10; i++) await throttle.fail('a@x.example');
    expect(await throttle.waitMs('a@x.example')).toBe(THROTTLE.maxLockMs);
    expect(await throttle.waitMs('b@x.example')).toBe(0);
    await throttle.succeed('a@x.example');
    expect(await throttle.waitMs('a@x.example')).toBe(0);
  });
});

/** 40,000 failures are 40,000 write transactions (each a sign-in of ~0.3 s of scrypt in real use): seconds, more under load. */
const FLOOD_TIMEOUT_MS = 60_000;

describe('the sign-in lock survives failures on other emails (L2)', () => {
  it('a locked email stays locked however many other emails fail (20,000 here, twice the table\'s soft cap)', async () => {
    const clock = createManualClock(0);
    const throttle = createLoginThrottle(clock, records());
    for (let i = 0; i < THROTTLE.freeFailures; i++) await throttle.fail('target@x.example');
    expect(await throttle.waitMs('target@x.example')).toBe(THROTTLE.firstLockMs);
    for (let i = 0; i < 20_000; i++) await throttle.fail(`other-${i}@x.example`);
    expect(await throttle.waitMs('target@x.example')).toBe(THROTTLE.firstLockMs);
    // Failures short of a lock are kept too (a flood does not hand out fresh free tries).
    for (let i = 0; i < THROTTLE.freeFailures - 1; i++) await throttle.fail('almost@x.example');
    for (let i = 0; i < 20_000; i++) await throttle.fail(`more-${i}@x.example`);
    await throttle.fail('almost@x.example');
    expect(await throttle.waitMs('almost@x.example')).toBe(THROTTLE.firstLockMs);
  }, FLOOD_TIMEOUT_MS);

  it('idle records go once the table is large; a record idle for an hour is forgotten', async () => {
    const clock = createManualClock(0);
    const throttle = createLoginThrottle(clock, records());
    for (let i = 0; i < 12_000; i++) await throttle.fail(`old-${i}@x.example`);
    clock.advance(THROTTLE.forgetAfterMs + 1);
    await throttle.fail('new@x.example');
    expect(await throttle.size()).toBeLessThanOrEqual(10_000);
    expect(await throttle.waitMs('old-1@x.example')).toBe(0);
  }, FLOOD_TIMEOUT_MS);

  it('attempts for one email run one after another; other emails do not wait', async () => {
    const throttle = createLoginThrottle(createManualClock(0), records());
    const order: string[] = [];
    let release!: () => void;
    const first = throttle.attempt('a@x.example', () => new Promise<void>((resolve) => (release = resolve)).then(() => void order.push('a1')));
    const second = throttle.attempt('A@x.example ', async () => void order.push('a2'));
    await throttle.attempt('b@x.example', async () => void order.push('b1'));
    expect(order).toEqual(['b1']);
    release();
    await Promise.all([first, second]);
    expect(order).toEqual(['b1', 'a1', 'a2']);
  });
});

describe('one-time tokens (consent tickets, launch links, frame tickets)', () => {
  it('work once, before they expire, and keep only a hash', () => {
    const clock = createManualClock(0);
    const tokens = createOneTimeTokens<{ n: number }>({ now: clock.now, ids: createSeededIds('tokens') });
    const a = tokens.issue({ n: 1 }, 1000);
    const b = tokens.issue({ n: 2 }, 1000);
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(tokens.take(`${a}x`)).toBeUndefined();
    expect(tokens.take(a)).toEqual({ n: 1 });
    expect(tokens.take(a)).toBeUndefined();
    clock.advance(1000);
    expect(tokens.take(b)).toBeUndefined();
    expect(tokens.take(null)).toBeUndefined();
  });

  it('are bounded: past the maximum the oldest go', () => {
    const clock = createManualClock(0);
    const tokens = createOneTimeTokens<number>({ now: clock.now, max: 3 });
    const issued = [1, 2, 3, 4].map((n) => tokens.issue(n, 60_000));
    expect(tokens.size()).toBe(3);
    expect(tokens.take(issued[0])).toBeUndefined();
    expect(tokens.take(issued[3])).toBe(4);
  });
});

describe('server limits (L10)', () => {
  it('headers within 10 s, the whole request within 30 s, at most 256 connections', () => {
    expect(SERVER_LIMITS).toEqual({ headersTimeoutMs: 10_000, requestTimeoutMs: 30_000, maxConnections: 256 });
  });
});

describe('REST times', () => {
  it('are ISO 8601 with an explicit offset and whole seconds, from epoch ms or ISO strings', () => {
    expect(restTime(Date.parse('2026-11-01T09:00:00.123Z'))).toBe('2026-11-01T09:00:00+00:00');
    expect(restTime('2026-11-01T09:00:00.123Z')).toBe('2026-11-01T09:00:00+00:00');
    expect(restTime('2026-11-01T10:00:00+01:00')).toBe('2026-11-01T09:00:00+00:00');
    expect(restTime(null)).toBeNull();
  });
});

describe('consent page form-action', () => {
  it('names the redirect origin; an IPv6 literal (which CSP cannot name) becomes scheme and port with any host', () => {
    expect(formActionSourceOf('http://127.0.0.1:9/callback')).toBe('http://127.0.0.1:9');
    expect(formActionSourceOf('http://localhost:3000/cb?x=1')).toBe('http://localhost:3000');
    expect(formActionSourceOf('https://app.example.com/cb')).toBe('https://app.example.com');
    expect(formActionSourceOf('http://[::1]:3000/callback')).toBe('http://*:3000');
    expect(formActionSourceOf('http://[::1]/callback')).toBe('http://*:80');
    expect(formActionSourceOf('https://[::1]:8443')).toBe('https://*:8443');
  });
});
