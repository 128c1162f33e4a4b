// The apps service: registration, secret verification against a hash, opening the sealed secret and the
// message when this process cannot.
import { describe, expect, it } from 'vitest';
import { OPERATOR, type Actor } from '../../../../../src-main/core/access';
import { OS_KEYCHAIN_SEAL_PREFIX } from '../../../../../src-main/core/secrets/secret-store';
import { openPlatformForTest } from '../../../../helpers/platform';
import { actorOf, companyOfUser, errorOf } from '../../../../helpers/fixtures';

function demo() {
  const platform = openPlatformForTest('demo');
  const as = (email: string): Actor => actorOf(platform, email);
  const companyOf = (email: string) => companyOfUser(platform, email);
  const register = (actor: Actor = OPERATOR, companyId = companyOf('yuki@kawaii-stationery.example')) =>
    platform.apps.create(actor, { companyId, name: 'Unit App', redirectUris: ['https://app.example.com/cb'], scopes: ['products', 'webhooks'], authorizationUrl: null, startUrl: null, developerEmail: 'dev@example.com' });
  return { platform, as, companyOf, register };
}

describe('apps service', () => {
  it('registers an app with a 32-hex client id and a 256-bit secret, stored sealed and hashed, never in clear', () => {
    const { platform, register } = demo();
    const { app, clientSecret } = register();
    expect(app.clientId).toMatch(/^[0-9a-f]{32}$/);
    expect(Buffer.from(clientSecret, 'base64url')).toHaveLength(32);
    const row = platform.repos.apps.get(app.id)!;
    expect(row.client_secret_sealed.startsWith('kf1:')).toBe(true);
    expect(JSON.stringify(row)).not.toContain(clientSecret);
    expect(platform.apps.verifySecret(row, clientSecret)).toBe(true);
    expect(platform.apps.verifySecret(row, `${clientSecret}x`)).toBe(false);
    expect(platform.apps.verifySecret(row, '')).toBe(false);
    expect(platform.apps.openSecret(app.id)).toBe(clientSecret);
  });

  it('explains what to do when the secret was sealed by the desktop keychain and this process has none', () => {
    const { platform, register } = demo();
    const { app } = register();
    platform.db.prepare('UPDATE apps SET client_secret_sealed = ? WHERE id = ?').run(`${OS_KEYCHAIN_SEAL_PREFIX}AAAA`, app.id);
    const error = errorOf(() => platform.apps.openSecret(app.id));
    expect(error.code).toBe('conflict');
    expect(error.message).toContain("sealed with the desktop app's OS keychain");
    expect(error.message).toContain('Open this data folder in the PartnerDeck desktop app');
    // Verification does not need the sealed copy: OAuth keeps working.
    expect(platform.apps.verifySecret(platform.repos.apps.get(app.id)!, 'anything')).toBe(false);
  });

  it('refuses partner companies, users without the apps permission, and companies the user cannot see', () => {
    const { as, companyOf, register } = demo();
    expect(errorOf(() => register(OPERATOR, companyOf('dana@northwind-partners.example'))).fields).toHaveProperty('companyId');
    expect(errorOf(() => register(as('lukas@alpenglueck.example'), companyOf('lukas@alpenglueck.example'))).code).toBe('forbidden');
    expect(errorOf(() => register(as('anna@alpenglueck.example'), companyOf('yuki@kawaii-stationery.example'))).code).toBe('not_found');
    expect(register(as('anna@alpenglueck.example'), companyOf('anna@alpenglueck.example')).app.companyName).toBe('Alpenglück Naturkosmetik GmbH');
  });

  it('validates the registration with field names', () => {
    const { platform, companyOf } = demo();
    const error = errorOf(() =>
      platform.apps.create(OPERATOR, { companyId: companyOf('yuki@kawaii-stationery.example'), name: '', redirectUris: ['http://app.example.com/cb'], scopes: [], authorizationUrl: null, startUrl: null, developerEmail: '' }),
    );
    expect(Object.keys(error.fields).sort()).toEqual(['name', 'redirectUris.0', 'scopes']);
  });

  it("lists what the actor may see: a partner's user sees its clients' apps, a shop only its own", () => {
    const { platform, as, register } = demo();
    const { app } = register();
    expect(platform.apps.list(as('dana@northwind-partners.example')).map((a) => a.id)).toContain(app.id);
    expect(platform.apps.list(as('anna@alpenglueck.example'))).toEqual([]);
    expect(errorOf(() => platform.apps.get(as('maya@harborcoffee.example'), app.id)).code).toBe('not_found');
  });
});
