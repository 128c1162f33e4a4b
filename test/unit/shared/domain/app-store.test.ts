// The App Store's pure rules: visibility for every state and every kind of viewer, what an install costs
// (the Beta-free rule among them), the approval state machine, and the listing field rules by kind.
import { describe, expect, it } from 'vitest';
import { listingFieldProblems } from '../../../../src-shared/api/app-store-inputs';
import {
  approvalStep,
  installCharge,
  isVisibleInStore,
  listingInitials,
  readinessProblems,
  relationOf,
  storeInstallIdOf,
  storeInstallState,
  VISIBILITIES,
  type StoreViewer,
  type Visibility,
} from '../../../../src-shared/domain/app-store';

const DEVELOPER = 10;
const PARTNER = 1;
const listing = (visibility: Visibility, available = true, developerPartnerId: number | null = PARTNER) => ({ visibility, developerCompanyId: DEVELOPER, developerPartnerId, available });

const VIEWERS: Record<string, StoreViewer> = {
  creator: { kind: 'company', companyId: DEVELOPER, partnerId: PARTNER },
  'its partner': { kind: 'company', companyId: PARTNER, partnerId: null },
  "the partner's other client": { kind: 'company', companyId: 11, partnerId: PARTNER },
  'an unrelated company': { kind: 'company', companyId: 20, partnerId: null },
  "another partner's client": { kind: 'company', companyId: 21, partnerId: 2 },
  operator: { kind: 'operator' },
};

/** Expected visibility per state, viewer by viewer. */
const EXPECTED: Record<Visibility, Record<string, boolean>> = {
  development: { creator: true, 'its partner': true, "the partner's other client": true, 'an unrelated company': false, "another partner's client": false, operator: true },
  beta: { creator: true, 'its partner': true, "the partner's other client": true, 'an unrelated company': true, "another partner's client": true, operator: true },
  release: { creator: true, 'its partner': true, "the partner's other client": true, 'an unrelated company': true, "another partner's client": true, operator: true },
};

describe('visibility', () => {
  for (const visibility of VISIBILITIES) {
    for (const [name, viewer] of Object.entries(VIEWERS)) {
      it(`${visibility}: ${name} ${EXPECTED[visibility][name] ? 'sees' : 'does not see'} it`, () => {
        expect(isVisibleInStore(listing(visibility), viewer)).toBe(EXPECTED[visibility][name]);
      });
    }
  }

  it('an independent developer (no partner) has no related companies but itself', () => {
    const independent = listing('development', true, null);
    expect(isVisibleInStore(independent, VIEWERS.creator)).toBe(true);
    expect(isVisibleInStore(independent, { kind: 'company', companyId: 11, partnerId: null })).toBe(false);
    expect(isVisibleInStore(independent, VIEWERS['its partner'])).toBe(false);
    expect(relationOf(independent, { kind: 'company', companyId: 11, partnerId: null })).toBe('unrelated');
  });

  it('a listing not available for sale shows only to its developer and the operator, in every state', () => {
    for (const visibility of VISIBILITIES) {
      expect(isVisibleInStore(listing(visibility, false), VIEWERS.creator)).toBe(true);
      expect(isVisibleInStore(listing(visibility, false), VIEWERS.operator)).toBe(true);
      expect(isVisibleInStore(listing(visibility, false), VIEWERS['its partner'])).toBe(false);
      expect(isVisibleInStore(listing(visibility, false), VIEWERS['an unrelated company'])).toBe(false);
    }
  });
});

describe('install charge', () => {
  const base = { relation: 'unrelated' as const, visibility: 'release' as Visibility, priceMinor: 4900, everInstalledInBeta: false, purchasedBefore: false };

  it('Beta is free; whoever installed during Beta never pays, also after Release', () => {
    expect(installCharge({ ...base, visibility: 'beta' })).toBe('beta');
    expect(installCharge({ ...base, everInstalledInBeta: true })).toBe('beta_earlier');
    expect(installCharge({ ...base, everInstalledInBeta: true, purchasedBefore: true })).toBe('beta_earlier');
  });

  it('Release is bought once; a reinstall after a purchase is free; a zero price needs no purchase', () => {
    expect(installCharge(base)).toBe('purchase');
    expect(installCharge({ ...base, purchasedBefore: true })).toBe('purchased_earlier');
    expect(installCharge({ ...base, priceMinor: 0 })).toBe('free');
  });

  it('the developer installs its own listing free in every state (internal use needs no approval)', () => {
    for (const visibility of VISIBILITIES) expect(installCharge({ ...base, relation: 'developer', visibility })).toBe('internal');
  });

  it('related companies install a Development listing free (testing), and are not marked as Beta installs', () => {
    expect(installCharge({ ...base, relation: 'related', visibility: 'development' })).toBe('development');
    expect(installCharge({ ...base, relation: 'related', visibility: 'release' })).toBe('purchase');
  });
});

describe('approval state machine', () => {
  const dev = { visibility: 'development' as const, status: 'none' as const };

  it('request → approve into Beta or Release', () => {
    const requested = approvalStep(dev, { kind: 'request' });
    expect(requested).toEqual({ ok: true, next: { visibility: 'development', status: 'pending' } });
    if (!requested.ok) return;
    expect(approvalStep(requested.next, { kind: 'approve', visibility: 'beta' })).toEqual({ ok: true, next: { visibility: 'beta', status: 'approved' } });
    expect(approvalStep(requested.next, { kind: 'approve', visibility: 'release' })).toEqual({ ok: true, next: { visibility: 'release', status: 'approved' } });
  });

  it('reject needs a reason and goes back to Development; the developer may request again', () => {
    const pending = { visibility: 'development' as const, status: 'pending' as const };
    expect(approvalStep(pending, { kind: 'reject', reason: '  ' })).toMatchObject({ ok: false });
    const rejected = approvalStep(pending, { kind: 'reject', reason: 'The Authorization URL answers 404' });
    expect(rejected).toEqual({ ok: true, next: { visibility: 'development', status: 'rejected' } });
    if (!rejected.ok) return;
    expect(approvalStep(rejected.next, { kind: 'request' })).toEqual({ ok: true, next: { visibility: 'development', status: 'pending' } });
  });

  it('refuses steps out of order', () => {
    expect(approvalStep(dev, { kind: 'approve', visibility: 'beta' })).toMatchObject({ ok: false });
    expect(approvalStep(dev, { kind: 'reject', reason: 'x' })).toMatchObject({ ok: false });
    expect(approvalStep(dev, { kind: 'set_visibility', visibility: 'release' })).toMatchObject({ ok: false });
    expect(approvalStep({ visibility: 'development', status: 'pending' }, { kind: 'request' })).toMatchObject({ ok: false });
    expect(approvalStep({ visibility: 'beta', status: 'approved' }, { kind: 'request' })).toMatchObject({ ok: false });
    expect(approvalStep({ visibility: 'beta', status: 'approved' }, { kind: 'set_visibility', visibility: 'release' })).toEqual({ ok: true, next: { visibility: 'release', status: 'approved' } });
  });
});

describe('listing fields and readiness', () => {
  const app = { kind: 'app' as const, redirectUris: ['https://a.example/cb'], scopes: ['products'], authorizationUrl: 'https://a.example/cb', startUrl: null, themeId: null };

  it('an app needs redirect URIs and permissions, and its Authorization URL must be one of the redirect URIs', () => {
    expect(listingFieldProblems(app)).toEqual({});
    expect(listingFieldProblems({ ...app, authorizationUrl: 'https://a.example/other' })).toEqual({ authorizationUrl: ['must be identical to one of the redirect URIs'] });
    expect(Object.keys(listingFieldProblems({ ...app, redirectUris: [], scopes: [], authorizationUrl: null })).sort()).toEqual(['redirectUris', 'scopes']);
  });

  it('a theme has no OAuth credentials and names the theme it installs', () => {
    expect(listingFieldProblems({ kind: 'theme', redirectUris: [], scopes: [], authorizationUrl: null, startUrl: null, themeId: 3 })).toEqual({});
    expect(Object.keys(listingFieldProblems({ ...app, kind: 'theme' })).sort()).toEqual(['authorizationUrl', 'redirectUris', 'scopes', 'themeId']);
  });

  it('approval needs a description, a developer email, availability and (apps) an Authorization URL', () => {
    const ready = { kind: 'app' as const, description: 'Syncs orders', developerEmail: 'dev@x.example', authorizationUrl: 'https://a.example/cb', available: true, themeId: null };
    expect(readinessProblems(ready)).toEqual({});
    expect(Object.keys(readinessProblems({ ...ready, description: ' ', developerEmail: '', authorizationUrl: null, available: false })).sort()).toEqual([
      'authorizationUrl',
      'description',
      'developerEmail',
      'isActive',
    ]);
  });

  it('initials for the icon', () => {
    expect(listingInitials('Order Sync')).toBe('OS');
    expect(listingInitials('pixel')).toBe('PI');
    expect(listingInitials('  ')).toBe('?');
  });
});

describe('the state of an install\'s authorization', () => {
  it('carries the install id there and back; any other state carries none', () => {
    expect(storeInstallIdOf(storeInstallState(42))).toBe(42);
    for (const other of [null, '', 'app-store-install-', 'app-store-install-0', 'app-store-install-07', 'app-store-install-1x', 'xapp-store-install-1', 'app-store-install-1234567890123456', 'random-state']) {
      expect(storeInstallIdOf(other), String(other)).toBeNull();
    }
  });
});
