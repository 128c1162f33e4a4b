import { describe, expect, it } from 'vitest';
import { STORE_LISTS, href, parseRoute, routePath, type Route, type StoreList } from '../../../../src-renderer/router/routes';

const STORE_LIST_NAMES = Object.keys(STORE_LISTS) as StoreList[];

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
    { name: 'apps' },
    { name: 'app', appId: 4 },
    { name: 'app-check', appId: 4 },
    { name: 'store-dashboard' },
    { name: 'storefront' },
    ...STORE_LIST_NAMES.flatMap((list): Route[] => [
      { name: 'store', list, item: null },
      { name: 'store', list, item: 'new' },
      { name: 'store', list, item: 42 },
    ]),
    { name: 'sales', tab: 'overview' },
    { name: 'sales', tab: 'clients' },
    { name: 'sales', tab: 'products' },
  ];

  it('formats and parses every route back to itself', () => {
    for (const route of routes) expect(parseRoute(href(route))).toEqual(route);
  });

  it('uses the documented paths', () => {
    expect(routePath({ name: 'company-new' })).toBe('/companies/new');
    expect(routePath({ name: 'company', companyId: 5, tab: 'users', addUser: true })).toBe('/companies/5/users?add=1');
    expect(routePath({ name: 'shop-settings' })).toBe('/store/settings');
    expect(routePath({ name: 'webhooks', webhookId: 3 })).toBe('/webhooks/3');
    expect(routePath({ name: 'apps' })).toBe('/apps');
    expect(routePath({ name: 'app', appId: 4 })).toBe('/apps/4');
    expect(routePath({ name: 'app-check', appId: 4 })).toBe('/apps/4/check');
    expect(parseRoute('#/apps/0')).toEqual({ name: 'not-found', path: '/apps/0' });
    expect(parseRoute('#/apps/4/other')).toEqual({ name: 'not-found', path: '/apps/4/other' });
    expect(routePath({ name: 'store', list: 'products', item: null })).toBe('/store/products');
    expect(routePath({ name: 'store', list: 'orders', item: 1042 })).toBe('/store/orders/1042');
    expect(routePath({ name: 'store', list: 'groupMembers', item: 'new' })).toBe('/store/audience/members/new');
    expect(routePath({ name: 'store', list: 'files', item: null })).toBe('/store/content/files');
    expect(routePath({ name: 'store-dashboard' })).toBe('/store/dashboard');
    expect(routePath({ name: 'sales', tab: 'overview' })).toBe('/sales');
    expect(routePath({ name: 'sales', tab: 'clients' })).toBe('/sales/clients');
  });

  it('opens the first tab of a store section without one', () => {
    expect(parseRoute('#/store/audience')).toEqual({ name: 'store', list: 'subscribers', item: null });
    expect(parseRoute('#/store/content')).toEqual({ name: 'store', list: 'themes', item: null });
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
    expect(parseRoute('#/store/products/0')).toMatchObject({ name: 'not-found' });
    expect(parseRoute('#/store/products/12/edit')).toMatchObject({ name: 'not-found' });
    expect(parseRoute('#/store/audience/nope')).toMatchObject({ name: 'not-found' });
    expect(parseRoute('#/store/groups')).toMatchObject({ name: 'not-found' });
    expect(parseRoute('#/sales/nope')).toMatchObject({ name: 'not-found' });
  });
});
