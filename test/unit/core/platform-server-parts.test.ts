// Small parts of the platform server: route patterns, the scope/verb guard of REST resources, the sign-in
// throttle and the sign-in sessions.
import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../../src-main/core/clock';
import { createSeededIds } from '../../../src-main/core/ids';
import { resourceRoutes, restTime } from '../../../src-main/core/server/admin/rest-kit';
import { HttpError } from '../../../src-main/core/server/http-error';
import { formActionSourceOf } from '../../../src-main/core/server/oauth/authorize-routes';
import { createLoginSessions, SESSION_IDLE_MS } from '../../../src-main/core/server/oauth/login-sessions';
import { createLoginThrottle, THROTTLE } from '../../../src-main/core/server/oauth/login-throttle';
import { compileRoute, findRoute, matchRoute, routeKey, routeTable } from '../../../src-main/core/server/router';

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
  it('locks an email after 5 failures for 30 s, doubling, at most 15 minutes; success clears it', () => {
    const clock = createManualClock(0);
    const throttle = createLoginThrottle(clock);
    for (let i = 0; i < THROTTLE.freeFailures - 1; i++) throttle.fail('A@x.example');
    expect(throttle.waitMs('a@x.example')).toBe(0);
    throttle.fail('a@x.example');
    expect(throttle.waitMs('a@x.example')).toBe(30_000);
    clock.advance(30_000);
    throttle.fail('a@x.example');
    expect(throttle.waitMs('a@x.example')).toBe(60_000);
    for (let i = 0; i < 10; i++) throttle.fail('a@x.example');
    expect(throttle.waitMs('a@x.example')).toBe(THROTTLE.maxLockMs);
    expect(throttle.waitMs('b@x.example')).toBe(0);
    throttle.succeed('a@x.example');
    expect(throttle.waitMs('a@x.example')).toBe(0);
  });
});

describe('sign-in sessions', () => {
  it('keep only a hash of the cookie, check CSRF in constant time, and end after an idle hour', () => {
    const clock = createManualClock(0);
    const sessions = createLoginSessions(clock, createSeededIds('sessions'));
    const { cookieValue, session } = sessions.create(7);
    expect(sessions.get(cookieValue)).toBe(session);
    expect(sessions.get(`${cookieValue}x`)).toBeUndefined();
    expect(sessions.csrfMatches(session, session.csrf)).toBe(true);
    expect(sessions.csrfMatches(session, `${session.csrf}x`)).toBe(false);
    expect(sessions.csrfMatches(session, null)).toBe(false);
    clock.advance(SESSION_IDLE_MS - 1);
    expect(sessions.get(cookieValue)).toBe(session);
    clock.advance(SESSION_IDLE_MS);
    expect(sessions.get(cookieValue)).toBeUndefined();
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
