import { describe, expect, it } from 'vitest';
import type { Company, SessionInfo } from '../../../../src-shared/api/types';
import { PERMISSIONS, type Permission } from '../../../../src-shared/domain/permissions';
import { routeAccess } from '../../../../src-renderer/router/routes';
import { capabilitiesOf } from '../../../../src-renderer/state/capabilities';
import { company } from '../../../helpers/renderer-store';

function session(home: Company, acting: Company, permissions: Permission[] = [...PERMISSIONS]): SessionInfo {
  return {
    user: { id: 1, companyId: home.id, email: 'a@b.example', name: 'A', permissions, isAdmin: true, isOperator: false, createdAt: home.createdAt },
    home,
    acting,
    isSelf: home.id === acting.id,
    permissions,
    storeAvailable: !acting.isPartner,
    recentCompanyIds: [],
    isOperator: false,
    brand: null,
    canMoveClock: false,
  };
}

const partner = company(1, { isPartner: true, partnerId: null, partnerName: null });
const client = company(2, { partnerId: 1, partnerName: 'Company 1' });

describe('capabilities', () => {
  it('a partner as Self manages clients; the store is shown but locked', () => {
    const caps = capabilitiesOf(session(partner, partner));
    expect(caps).toMatchObject({ clients: true, canSwitch: true, store: true, storeAvailable: false, actingAsClient: false, partnerRelation: false });
    expect(routeAccess({ name: 'shop-settings' }, caps)).toEqual({ ok: false, reason: 'store-locked' });
    expect(routeAccess({ name: 'companies' }, caps)).toEqual({ ok: true });
    for (const route of [{ name: 'store-dashboard' }, { name: 'storefront' }, { name: 'store', list: 'products', item: null }] as const) {
      expect(routeAccess(route, caps)).toEqual({ ok: false, reason: 'store-locked' });
    }
    expect(caps).toMatchObject({ sales: true, salesProducts: true });
    expect(routeAccess({ name: 'sales', tab: 'clients' }, caps)).toEqual({ ok: true });
  });

  it('the combined view needs the reports permission (its product listing the products permission)', () => {
    const caps = capabilitiesOf(session(partner, partner, ['clients', 'products']));
    expect(routeAccess({ name: 'sales', tab: 'overview' }, caps)).toEqual({ ok: false, reason: 'permission' });
    expect(routeAccess({ name: 'sales', tab: 'products' }, caps)).toEqual({ ok: true });
  });

  it('a partner acting as a client sees what the client sees, not the client list', () => {
    const caps = capabilitiesOf(session(partner, client));
    expect(caps).toMatchObject({ clients: false, actingAsClient: true, storeAvailable: true, partnerRelation: true });
    expect(routeAccess({ name: 'companies' }, caps)).toEqual({ ok: false, reason: 'self-only' });
    expect(routeAccess({ name: 'shop-settings' }, caps)).toEqual({ ok: true });
    expect(routeAccess({ name: 'store', list: 'orders', item: 7 }, caps)).toEqual({ ok: true });
    expect(routeAccess({ name: 'sales', tab: 'overview' }, caps)).toEqual({ ok: false, reason: 'self-only' });
  });

  it("a client's own user cannot switch and sees only what its permissions allow", () => {
    const caps = capabilitiesOf(session(client, client, ['orders', 'products']));
    expect(caps).toMatchObject({ canSwitch: false, clients: false, store: true, users: false, companySettings: false, sales: false });
    expect(caps.storeAreas).toEqual({ dashboard: false, products: true, orders: true, customers: false, audience: false, content: true, storefront: true, settings: false });
    expect(routeAccess({ name: 'store', list: 'orders', item: null }, caps)).toEqual({ ok: true });
    expect(routeAccess({ name: 'store', list: 'files', item: 3 }, caps)).toEqual({ ok: true });
    expect(routeAccess({ name: 'store', list: 'customers', item: null }, caps)).toEqual({ ok: false, reason: 'permission' });
    expect(routeAccess({ name: 'store', list: 'newsletterRecipients', item: null }, caps)).toEqual({ ok: false, reason: 'permission' });
    expect(routeAccess({ name: 'store-dashboard' }, caps)).toEqual({ ok: false, reason: 'permission' });
    expect(routeAccess({ name: 'shop-settings' }, caps)).toEqual({ ok: false, reason: 'permission' });
    expect(routeAccess({ name: 'sales', tab: 'overview' }, caps)).toEqual({ ok: false, reason: 'permission' });
    expect(routeAccess({ name: 'company-users', addUser: false }, caps)).toEqual({ ok: false, reason: 'permission' });
    expect(routeAccess({ name: 'overview' }, caps)).toEqual({ ok: true });
    expect(routeAccess({ name: 'outbox', messageId: null }, caps)).toEqual({ ok: true });
  });

  it('a partner user without the clients permission gets no client management', () => {
    const caps = capabilitiesOf(session(partner, partner, ['settings']));
    expect(caps.clients).toBe(false);
    expect(routeAccess({ name: 'company-new' }, caps)).toEqual({ ok: false, reason: 'permission' });
    expect(routeAccess({ name: 'company-partner' }, caps)).toEqual({ ok: false, reason: 'client-only' });
  });

  it('nobody signed in can do nothing', () => {
    const caps = capabilitiesOf(null);
    expect(caps).toMatchObject({ signedIn: false, clients: false, store: false, canSwitch: false });
  });

  it('Extensions: the App Store with the apps permission; My Apps inside a shop only; App review only for the platform operator', () => {
    const self = capabilitiesOf(session(partner, partner));
    expect(self).toMatchObject({ appStore: true, myApps: false, appReview: false });
    expect(routeAccess({ name: 'app-store', tab: 'browse' }, self)).toEqual({ ok: true });
    expect(routeAccess({ name: 'my-apps', appId: null }, self)).toEqual({ ok: false, reason: 'store-locked' });
    expect(routeAccess({ name: 'app-review' }, self)).toEqual({ ok: false, reason: 'permission' });
    const inClient = capabilitiesOf(session(partner, client));
    expect(inClient).toMatchObject({ appStore: true, myApps: true });
    const noApps = capabilitiesOf(session(client, client, ['products']));
    expect(routeAccess({ name: 'app-store', tab: 'installed' }, noApps)).toEqual({ ok: false, reason: 'permission' });
    expect(routeAccess({ name: 'my-apps', appId: 'new' }, noApps)).toEqual({ ok: false, reason: 'permission' });
    const operator = capabilitiesOf({ ...session(client, client, ['products']), isOperator: true });
    expect(operator.appReview).toBe(true);
    expect(routeAccess({ name: 'app-review' }, operator)).toEqual({ ok: true });
  });

  it('Billing → Rates: everybody with Billing reads them; the platform operator edits them and reaches them without the billing permission', () => {
    const self = capabilitiesOf(session(partner, partner));
    expect(self).toMatchObject({ billing: true, editRates: false });
    expect(routeAccess({ name: 'billing', tab: 'rates' }, self)).toEqual({ ok: true });
    const operator = capabilitiesOf({ ...session(client, client, ['products']), isOperator: true });
    expect(operator).toMatchObject({ billing: false, editRates: true });
    expect(routeAccess({ name: 'billing', tab: 'rates' }, operator)).toEqual({ ok: true });
    expect(routeAccess({ name: 'billing', tab: 'months' }, operator)).toEqual({ ok: false, reason: 'permission' });
    const noBilling = capabilitiesOf(session(client, client, ['products']));
    expect(routeAccess({ name: 'billing', tab: 'rates' }, noBilling)).toEqual({ ok: false, reason: 'permission' });
  });
  it('moves the clock only when the platform says the user may (operator role or partner administrator, L4)', () => {
    expect(capabilitiesOf(session(partner, partner)).moveClock).toBe(false);
    expect(capabilitiesOf({ ...session(partner, partner), canMoveClock: true }).moveClock).toBe(true);
    expect(capabilitiesOf({ ...session(partner, partner), canMoveClock: true, user: null }).moveClock).toBe(false);
  });
});
