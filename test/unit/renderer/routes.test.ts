import { describe, expect, it } from 'vitest';
import { href, parseRoute, routePath, type Route } from '../../../src-renderer/router/routes';

describe('hash routes', () => {
  const routes: Route[] = [
    { name: 'overview' },
    { name: 'shop-settings' },
    { name: 'companies' },
    { name: 'company-new' },
    { name: 'company', companyId: 12, tab: 'details', addUser: false },
    { name: 'company', companyId: 12, tab: 'users', addUser: false },
    { name: 'company', companyId: 12, tab: 'users', addUser: true },
    { name: 'partner-requests' },
    { name: 'company-settings' },
    { name: 'company-users', addUser: false },
    { name: 'company-users', addUser: true },
    { name: 'company-partner' },
    { name: 'outbox', messageId: null },
    { name: 'outbox', messageId: 7 },
    { name: 'webhooks', webhookId: null },
    { name: 'webhooks', webhookId: 3 },
  ];

  it('formats and parses every route back to itself', () => {
    for (const route of routes) expect(parseRoute(href(route))).toEqual(route);
  });

  it('uses the documented paths', () => {
    expect(routePath({ name: 'company-new' })).toBe('/companies/new');
    expect(routePath({ name: 'company', companyId: 5, tab: 'users', addUser: true })).toBe('/companies/5/users?add=1');
    expect(routePath({ name: 'shop-settings' })).toBe('/store/settings');
    expect(routePath({ name: 'webhooks', webhookId: 3 })).toBe('/webhooks/3');
  });

  it('treats an empty hash, a bare # and trailing slashes as the same places', () => {
    expect(parseRoute('')).toEqual({ name: 'overview' });
    expect(parseRoute('#')).toEqual({ name: 'overview' });
    expect(parseRoute('#/')).toEqual({ name: 'overview' });
    expect(parseRoute('#/companies/')).toEqual({ name: 'companies' });
  });

  it('sends unknown or malformed paths to not-found instead of guessing', () => {
    expect(parseRoute('#/nope')).toEqual({ name: 'not-found', path: '/nope' });
    expect(parseRoute('#/companies/abc')).toMatchObject({ name: 'not-found' });
    expect(parseRoute('#/companies/0')).toMatchObject({ name: 'not-found' });
    expect(parseRoute('#/companies/12/orders')).toMatchObject({ name: 'not-found' });
    expect(parseRoute('#/outbox/-1')).toMatchObject({ name: 'not-found' });
  });
});
